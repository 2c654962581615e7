"""Sheets (CSV/XLSX rows) as tables and actuals, by the Chinese headers of the standard forms.

The header row is found by :func:`~scoring.tables.headers.find_header`; the header block above it by
:mod:`scoring.tables.block`. Below it every row with a 三级指标 or a 指标值 is an indicator: blank 一级/二级
cells (merged cells) take the value above, ``产出指标(50分)`` keeps its weight in ``Table.level1_weights``, a
blank 分值 makes a reference row (``其中：…``, weight None, no problem) and split target columns are joined
(:mod:`scoring.tables.split`). A row starting with 总分 / 合计 gives ``Table.reported_total`` (its 得分; its
分值 is not read); a 预算执行率 row (as scoring's reports write it) gives the budget line, its 分值 and 得分.
Every problem names the file, the sheet (when the workbook has several), the row and the column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import PurePath

import attrs

from scoring.errors import TableReadError
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.block import budget_block, header_info
from scoring.tables.cells import read_points, read_weight, split_level1_weight
from scoring.tables.files import Sheet
from scoring.tables.headers import HEADER_FIELDS, cell, columns_of, find_header
from scoring.tables.model import Budget, Funds, Indicator, Table
from scoring.tables.rows import rows_from_table
from scoring.tables.split import join_target
from scoring.text import normalize

__all__ = ["actuals_from_sheets", "rows_from_table", "table_from_sheets"]

_TOTAL_NAMES = frozenset({"总分", "合计", "总计", "得分合计", "总得分", "自评总分", "综合得分", "合计得分"})
_BUDGET_NAMES = frozenset({"预算执行率"})
_MONEY_IN = re.compile(r"(全年预算数|全年执行数)\s*[:：]?\s*(\d+(?:\.\d+)?)")


def _first(row: Sequence[str]) -> str:
    return next((normalize(text) for text in row if text.strip()), "")


def _budget_cells(cells: Mapping[str, str]) -> Budget | None:
    """The budget line as scoring's reports write it: ``全年预算数46.00万元`` / ``全年执行数43.70万元`` cells."""
    found = {key: Decimal(number) for key, number in _MONEY_IN.findall(" ".join(cells.values()))}
    if "全年预算数" in found and "全年执行数" in found:
        return Budget(planned=found["全年预算数"], spent=found["全年执行数"])
    return None


@attrs.define
class _Block:
    """What the rows below the header row give: indicators, 一级 weights and the summary rows' values."""

    where: str
    columns: dict[str, int]
    headers: dict[str, str]
    indicators: list[Indicator] = attrs.Factory(list)
    level1_weights: dict[str, Decimal] = attrs.Factory(dict)
    budget: Budget | None = None
    budget_weight: Decimal | None = None
    reported_budget: Decimal | None = None
    reported_total: Decimal | None = None
    problems: list[str] = attrs.Factory(list)

    def place(self, number: int, field: str) -> str:
        return f"{self.where} 第{number}行“{self.headers.get(field, '得分')}”列："

    def points(self, number: int, cells: Mapping[str, str]) -> Decimal | None:
        reported, problem = read_points(cells.get("points", ""), self.place(number, "points"))
        self.problems.extend([problem] if problem else [])
        return reported

    def summary(self, number: int, row: Sequence[str], cells: Mapping[str, str]) -> bool:
        """Read a 总分 or 预算执行率 row; whether the row was one."""
        names = {_first(row), normalize(cells.get("name", "")), normalize(cells.get("level1", ""))}
        if names & _TOTAL_NAMES:
            self.reported_total = self.reported_total if self.reported_total is not None else self.points(number, cells)
            return True
        if not names & _BUDGET_NAMES:
            return False
        self.budget = self.budget or _budget_cells(cells)
        weight, problem = read_weight(cells.get("weight", ""), self.place(number, "weight"))
        self.problems.extend([problem] if problem else [])
        self.budget_weight = self.budget_weight if self.budget_weight is not None else weight
        reported = self.points(number, cells)
        self.reported_budget = self.reported_budget if self.reported_budget is not None else reported
        return True


def _read_rows(block: _Block, rows: Sequence[tuple[int, tuple[str, ...]]]) -> None:
    columns, headers = block.columns, block.headers
    level1 = level2 = ""
    for number, row in rows:
        if len(columns_of(row, HEADER_FIELDS)) >= 3:  # the header repeated (tables split over pages)
            continue
        cells = {field: cell(row, columns, field) for field in columns}
        if block.summary(number, row, cells):
            continue
        if cells.get("level1"):
            heading, weight = split_level1_weight(cells["level1"])
            if heading != level1:
                level2 = ""
            level1 = heading
            if weight is not None:
                block.level1_weights.setdefault(heading, weight)
        if cells.get("level2"):
            level2 = cells["level2"]
        if not cells.get("name") and not cells.get("target"):
            continue
        source = f"{block.where} 第{number}行"
        problems: list[str] = []
        target = cells.get("target", "")
        if "sign" in columns or "measure" in columns:
            written = tuple(
                headers.get(f, h) for f, h in (("sign", "指标性质"), ("target", "指标值"), ("measure", "度量单位"))
            )
            target, problem = join_target(cells.get("sign", ""), target, cells.get("measure", ""), source, written)
            problems.extend([problem] if problem else [])
        for field, what in (("name", "三级指标名称"), ("target", "指标值")):
            if field in columns and not cells.get(field):
                problems.append(f"{block.place(number, field)}为空，应为{what}")

        weight = None
        if "weight" in columns:
            weight, problem = read_weight(cells["weight"], block.place(number, "weight"))
            problems.extend([problem] if problem else [])
        reported, problem = read_points(cells.get("points", ""), block.place(number, "points"))
        problems.extend([problem] if problem else [])
        block.indicators.append(
            Indicator(
                name=cells.get("name", ""),
                target=target,
                weight=weight,
                rule=cells.get("rule", ""),
                level1=level1,
                level2=level2,
                basis=cells.get("basis", ""),
                previous=cells.get("previous", ""),
                evidence=cells.get("evidence", ""),
                actual=cells.get("actual") or None,
                reported=reported,
                reason=cells.get("reason", ""),
                source=source,
                problems=tuple(problems),
            )
        )


def table_from_sheets(sheets: Sequence[Sheet], shown: str) -> Table:
    """The table in the first sheet (visible sheets first) that has a header row; TableReadError when none has."""
    found = find_header(sheets, ("name", "target"))
    if found is None:
        raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“指标值”（或“年度指标值”）两列")
    sheet, position, columns = found
    name = PurePath(shown).name
    where = f"{name}{sheet.label}"
    header_number, header_row = sheet.rows[position]
    headers = {field: header_row[index].strip() for field, index in columns.items()}
    above = sheet.rows[:position]
    line = budget_block(above, where)
    info = header_info(above, skip=line.rows)
    problems = list(line.problems)
    if "name" not in columns:
        problems.append(f"{where} 第{header_number}行：表头没有“三级指标”列（或“三级指标名称”），各指标没有名称")
    if "weight" not in columns:
        problems.append(f"{where} 第{header_number}行：表头没有“分值”列，各指标都没有分值，不能评分")
    block = _Block(where, columns, headers)
    _read_rows(block, sheet.rows[position + 1 :])
    if not block.indicators:
        problems.append(f"{where}：表头行以下没有任何指标")
    problems.extend(block.problems)

    project = info.fields.get("project", "")
    title = info.title or PurePath(shown).stem
    department = "部门整体" in title or (info.department and not project)
    return Table(
        title=title,
        indicators=tuple(block.indicators),
        kind="department" if department else "project",
        year=info.year,
        unit=info.fields.get("unit", ""),
        project=project,
        funds=Funds(**(dict(line.funds) | info.funds)),
        budget=line.budget or block.budget,
        level1_weights=tuple(block.level1_weights.items()),
        source=name,
        problems=tuple(problems),
        goal=info.fields.get("goal", ""),
        extras=tuple(info.extras),
        budget_weight=line.weight if line.weight is not None else block.budget_weight,
        reported_budget=line.reported if line.reported is not None else block.reported_budget,
        reported_total=block.reported_total,
    )


def actuals_from_sheets(sheets: Sequence[Sheet], shown: str) -> Actuals:
    """Actuals from the first sheet with a 三级指标 and a 实际完成值 column (得分, 偏差原因 optional)."""
    found = find_header(sheets, ("name", "actual"))
    if found is None:
        raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“实际完成值”两列")
    sheet, position, columns = found
    name = PurePath(shown).name
    where = f"{name}{sheet.label}"
    headers = {field: sheet.rows[position][1][index].strip() for field, index in columns.items()}
    line = budget_block(sheet.rows[:position], where)
    entries: list[Actual] = []
    problems: list[str] = list(line.problems)
    for number, row in sheet.rows[position + 1 :]:
        indicator, actual = cell(row, columns, "name"), cell(row, columns, "actual")
        if not indicator:
            if actual and not {_first(row)} & (_TOTAL_NAMES | _BUDGET_NAMES):
                problems.append(f"{where} 第{number}行“{headers['name']}”列：为空，这一行的实际完成值无处可填")
            continue
        if normalize(indicator) in _TOTAL_NAMES | _BUDGET_NAMES:
            continue
        source = f"{where} 第{number}行"
        reported, problem = read_points(cell(row, columns, "points"), f"{source}“{headers.get('points', '得分')}”列：")
        problems.extend([problem] if problem else [])
        entries.append(Actual(indicator, actual or None, reported, cell(row, columns, "reason"), source))
    return Actuals(tuple(entries), budget=line.budget, source=name, problems=tuple(problems))

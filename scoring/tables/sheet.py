"""Sheets (CSV/XLSX rows) as tables and actuals, by the standard Chinese headers; and tables back to rows.

The header row is the first row with a 三级指标 column and a 指标值 column (title rows may sit above it);
headers match after removing spaces, a leading ``*`` and a trailing bracket (``得分（分）``). Cells above the
header row may name the unit, project, funds and year (``预算单位 | … | 昌吉…``). Blank 一级/二级 cells
(merged cells) take the value above; ``产出指标(50分)`` keeps its weight in ``Table.level1_weights``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import PurePath

from scoring.errors import TableReadError
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.cells import read_points, read_weight, split_level1_weight
from scoring.tables.files import Sheet
from scoring.tables.headers import (
    EXTRA_LABELS,
    HEADER_FIELDS,
    HEADERS,
    budget_block,
    cell,
    columns_of,
    find_header,
    header_info,
)
from scoring.tables.model import Budget, Funds, Indicator, Table
from scoring.text import normalize

__all__ = ["actuals_from_sheets", "rows_from_table", "table_from_sheets"]

#: Column field -> accepted headers (compared by ``header_key``); the first spelling is the one written.
_SUMMARY_NAMES = frozenset({"预算执行率", "总分", "合计", "总计", "得分合计"})
_MONEY_IN = re.compile(r"(全年预算数|全年执行数)\s*[:：]?\s*(\d+(?:\.\d+)?)")


def _summary_row(cells: Mapping[str, str]) -> bool:
    """Whether a row is the 预算执行率 line or a total, not an indicator."""
    return any(normalize(cells.get(field, "")) in _SUMMARY_NAMES for field in ("name", "level1"))


def _budget_cells(cells: Mapping[str, str]) -> Budget | None:
    """The budget line as scoring's reports write it: ``全年预算数46.00万元`` / ``全年执行数43.70万元`` cells."""
    found = {key: Decimal(number) for key, number in _MONEY_IN.findall(" ".join(cells.values()))}
    if "全年预算数" in found and "全年执行数" in found:
        return Budget(planned=found["全年预算数"], spent=found["全年执行数"])
    return None


def table_from_sheets(sheets: Sequence[Sheet], shown: str) -> Table:
    """The table in the first sheet that has a header row; raises TableReadError when none has one."""
    found = find_header(sheets, ("name", "target"))
    if found is None:
        raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“指标值”（或“年度指标值”）两列")
    sheet, position, columns = found
    name = PurePath(shown).name
    header_row = sheet.rows[position][1]
    headers = {field: header_row[index].strip() for field, index in columns.items()}
    info = header_info(sheet.rows[:position])
    problems: list[str] = []
    budget_line: Budget | None = None
    if "weight" not in columns:
        problems.append(f"{name}{sheet.label}：没有“分值”列，各指标分值为空")

    indicators: list[Indicator] = []
    level1_weights: dict[str, Decimal] = {}
    level1 = level2 = ""
    for number, row in sheet.rows[position + 1 :]:
        if len(columns_of(row, HEADER_FIELDS)) >= 3:  # the header repeated (tables split over pages)
            continue
        cells = {field: cell(row, columns, field) for field in columns}
        if cells.get("level1"):
            heading, weight = split_level1_weight(cells["level1"])
            if heading != level1:
                level2 = ""
            level1 = heading
            if weight is not None:
                level1_weights.setdefault(heading, weight)
        if cells.get("level2"):
            level2 = cells["level2"]
        if not cells.get("name") and not cells.get("target"):
            continue
        if _summary_row(cells):
            budget_line = budget_line or _budget_cells(cells)
            continue
        source = f"{name}{sheet.label} 第{number}行"
        row_problems: list[str] = []
        for field, what in (("name", "三级指标名称"), ("target", "指标值")):
            if not cells.get(field):
                row_problems.append(f"{source}“{headers[field]}”列：为空，应为{what}")
        weight = None
        if "weight" in columns:
            weight, problem = read_weight(cells["weight"], f"{source}“{headers['weight']}”列：")
            row_problems.extend([problem] if problem else [])
        reported, problem = read_points(cells.get("points", ""), f"{source}“{headers.get('points', '得分')}”列：")
        row_problems.extend([problem] if problem else [])
        indicators.append(
            Indicator(
                name=cells.get("name", ""),
                target=cells.get("target", ""),
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
                problems=tuple(row_problems),
            )
        )
    if not indicators:
        problems.append(f"{name}{sheet.label}：表头行以下没有任何指标")

    project = info.fields.get("project", "")
    title = info.title or PurePath(shown).stem
    department = "部门整体" in title or (info.department and not project)
    return Table(
        title=title,
        indicators=tuple(indicators),
        kind="department" if department else "project",
        year=info.year,
        unit=info.fields.get("unit", ""),
        project=project,
        funds=Funds(**info.funds),
        budget=budget_block(sheet.rows) or budget_line,
        level1_weights=tuple(level1_weights.items()),
        source=name,
        problems=tuple(problems),
        goal=info.fields.get("goal", ""),
        extras=tuple(info.extras),
    )


def actuals_from_sheets(sheets: Sequence[Sheet], shown: str) -> Actuals:
    """Actuals from the first sheet with a 三级指标 and a 实际完成值 column (得分, 偏差原因 optional)."""
    found = find_header(sheets, ("name", "actual"))
    if found is None:
        raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“实际完成值”两列")
    sheet, position, columns = found
    name = PurePath(shown).name
    headers = {field: sheet.rows[position][1][index].strip() for field, index in columns.items()}
    entries: list[Actual] = []
    problems: list[str] = []
    for number, row in sheet.rows[position + 1 :]:
        indicator, actual = cell(row, columns, "name"), cell(row, columns, "actual")
        if not indicator:
            if actual:
                problems.append(
                    f"{name}{sheet.label} 第{number}行“{headers['name']}”列：为空，这一行的实际完成值无处可填"
                )
            continue
        source = f"{name}{sheet.label} 第{number}行"
        reported, problem = read_points(cell(row, columns, "points"), f"{source}“{headers.get('points', '得分')}”列：")
        problems.extend([problem] if problem else [])
        entries.append(Actual(indicator, actual or None, reported, cell(row, columns, "reason"), source))
    return Actuals(tuple(entries), budget=budget_block(sheet.rows), source=name, problems=tuple(problems))


def rows_from_table(table: Table) -> list[list[str | Decimal]]:
    """The table as spreadsheet rows (title, header cells, then the header row and one row per indicator).

    ``table_from_sheets`` reads these rows back to an equal table, except for ``policy`` (not in sheets),
    ``extras`` other than leader/contact/phone, and sources and problems.
    """
    department = table.kind == "department"
    rows: list[list[str | Decimal]] = [[table.title]]
    if table.year is not None:
        rows.append([f"({table.year}年)"])
    if table.unit:
        rows.append(["部门名称" if department else "预算单位", table.unit])
    if table.project:
        rows.append(["项目名称", table.project])
    rows.extend([EXTRA_LABELS[key], value] for key, value in table.extras if key in EXTRA_LABELS)
    funds = table.funds
    if (funds.total, funds.fiscal, funds.other) != (None, None, None):
        row: list[str | Decimal] = ["项目资金(万元)"]
        for label, value in (
            ("年度预算总额", funds.total),
            ("其中：财政拨款", funds.fiscal),
            ("其他资金", funds.other),
        ):
            if value is not None:
                row += [label, value]
        rows.append(row)
    if table.goal:
        rows.append(["年度绩效目标" if department else "项目总体目标", table.goal])
    if table.budget is not None:
        rows.append(["", "全年预算数", "全年执行数"])
        rows.append(["年度资金总额", table.budget.planned, table.budget.spent])
    fields = ["level1", "level2", "name", "target", "basis", "previous", "weight", "rule", "evidence"]
    if any(i.actual is not None or i.reported is not None or i.reason for i in table.indicators):
        fields += ["actual", "points", "reason"]
    rows.append([HEADERS[field][0] for field in fields])
    weights = dict(table.level1_weights)
    seen: set[str] = set()
    for indicator in table.indicators:
        level1 = indicator.level1
        if level1 in weights and level1 not in seen:
            level1 = f"{level1}({weights[level1]}分)"
        seen.add(indicator.level1)
        values = {**indicator.cells(), "level1": level1}
        rows.append([_blank_none(values[field]) for field in fields])
    return rows


def _blank_none(value: str | Decimal | None) -> str | Decimal:
    return "" if value is None else value

"""Sheet rows below the header row as indicators, and the table they make.

Every row with a 三级指标 or a 指标值 is an indicator: blank 一级/二级 cells (merged cells) take the value above,
``产出指标(50分)`` keeps its weight in ``Table.level1_weights``, a blank 分值 makes a reference row (``其中：…``,
weight None, no problem) and split target columns are joined (:mod:`scoring.tables.split`). A row starting with
总分 / 合计 gives ``Table.reported_total`` (its 得分; its 分值 is not read); a 预算执行率 row (as scoring's
reports write it) gives the budget line, its 分值 and 得分.

A cell that cannot be read — an Excel error value (``#DIV/0!``, ``#N/A``), a formula without a saved result,
undecodable bytes — is blank with a problem naming the file, the sheet (when the workbook has several), the row
and the column: on the row (which then is not scored) when the cell is one scoring needs, else on the table. A
row that could not be read at all is an unscored row of its own. Every problem names its place.

A monitoring sheet (:mod:`scoring.tables.monitoring`) gives each row its actual to date, 全年预计完成情况,
1-M月计划值, 完成目标可能性 and 偏差原因 (category and text), and the table the month its headers name; it
needs no 分值 column. A row starting with 监控结果 (the project's lights, as ``scoring monitor -o`` writes the
national form) ends the indicator block: it and the rows below it (notes, the legend) are not indicators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import PurePath

import attrs

from scoring.tables.block import Header, budget_block, header_info
from scoring.tables.cells import ERROR_VALUES, plain_number, read_points, read_weight, split_level1_weight
from scoring.tables.files import Row, Sheet
from scoring.tables.guard import short
from scoring.tables.headers import HEADER_FIELDS, HEADERS, Start, cell, columns_of, duplicates, header_key
from scoring.tables.model import Budget, Funds, Indicator, Table
from scoring.tables.monitoring import is_monitoring, monitor_cells, sheet_month
from scoring.tables.names import duplicate_names
from scoring.tables.split import join_target
from scoring.text import normalize

__all__ = ["NO_WEIGHT", "TOTAL_NAMES", "Block", "assemble", "first_text", "header_problems"]

TOTAL_NAMES = frozenset(
    {"总分", "合计", "总计", "得分合计", "总得分", "自评总分", "综合得分", "合计得分", "预算执行率"}
)
_TOTALS = TOTAL_NAMES - {"预算执行率"}
#: The first cell of the monitoring form's row of the project's lights: the end of the indicator block.
RESULT_ROW = "监控结果"
#: The year-end note on a sheet without 分值 (``scoring monitor`` needs none and leaves it out).
NO_WEIGHT = "表头没有“分值”列，各指标都没有分值，不能评分"
_MONEY_IN = re.compile(r"(全年预算数|全年执行数)\s*(?:[:：]\s*)?(\d+(?:\.\d+)?)")
#: Cells a row is scored by: a bad one leaves the row unscored. Others (依据, 佐证 …) are only reported.
_SCORED = frozenset({"name", "target", "weight", "rule", "actual", "points", "sign", "measure", "plan"})
_SPLIT = (("sign", "指标性质"), ("target", "指标值"), ("measure", "度量单位"))


def first_text(cells: Iterable[str]) -> str:
    """The first non-blank cell, normalised when it can be a 总分 / 预算执行率 label (short, with 总, 合 or 预)."""
    text = next((c for c in cells if c), "")
    return normalize(text) if len(text) <= 16 and ("总" in text or "合" in text or "预" in text) else ""


def _budget_cells(cells: Mapping[str, str]) -> Budget | None:
    """The budget line as scoring's reports write it: ``全年预算数46.00万元`` / ``全年执行数43.70万元`` cells."""
    found = {key: Decimal(number) for key, number in _MONEY_IN.findall(" ".join(c[:200] for c in cells.values()))}
    if "全年预算数" in found and "全年执行数" in found:
        return Budget(planned=found["全年预算数"], spent=found["全年执行数"])
    return None


@attrs.define
class Block:
    """What the rows below the header row give: indicators (with their row numbers), 一级 weights, the summary
    rows' values and the problems of cells that belong to no indicator."""

    where: str
    sheet: Sheet
    columns: dict[str, int]
    headers: dict[str, str]
    indicators: list[Indicator] = attrs.Factory(list)
    numbers: list[int] = attrs.Factory(list)
    level1_weights: dict[str, Decimal] = attrs.Factory(dict)
    budget: Budget | None = None
    budget_weight: Decimal | None = None
    reported_budget: Decimal | None = None
    reported_total: Decimal | None = None
    problems: list[str] = attrs.Factory(list)
    level1: str = ""
    level2: str = ""
    ended: bool = False

    fields: dict[int, str] = attrs.Factory(lambda self: {i: f for f, i in self.columns.items()}, takes_self=True)

    def place(self, number: int, field: str) -> str:
        return f"{self.where} 第{number}行“{self.headers.get(field, '得分')}”列："

    def _summary(self, number: int, row: tuple[str, ...], cells: Mapping[str, str]) -> bool:
        """Read a 总分 or 预算执行率 row; whether the row was one."""
        texts = (next(filter(None, row), ""), cells.get("name", ""), cells.get("level1", ""))
        for t in texts:  # a loop, not any(): this runs for every row
            if len(t) <= 16 and ("总" in t or "合" in t or "预" in t):
                break
        else:
            return False
        names = {normalize(text) for text in texts}
        if not names & TOTAL_NAMES:
            return False
        points, problem = read_points(cells.get("points", ""), self.place(number, "points"))
        self.problems.extend([problem] if problem else [])
        if names & _TOTALS:
            self.reported_total = self.reported_total if self.reported_total is not None else points
            return True
        self.budget = self.budget or _budget_cells(cells)
        weight, problem = read_weight(cells.get("weight", ""), self.place(number, "weight"))
        self.problems.extend([problem] if problem else [])
        self.budget_weight = self.budget_weight if self.budget_weight is not None else weight
        self.reported_budget = self.reported_budget if self.reported_budget is not None else points
        return True

    def _repeated_header(self, row: tuple[str, ...]) -> bool:
        text = cell(row, self.columns, "target")
        if len(text) > 30 or "值" not in text or HEADER_FIELDS.get(header_key(text)) != "target":
            return False
        return len(columns_of(row, HEADER_FIELDS)) >= 3

    def _cells(self, row: Row, problems: list[str]) -> tuple[dict[str, str], set[str]]:
        """The row's cells by field, unreadable ones blank with their problem, and the fields of those."""
        texts, size = row.cells, len(row.cells)
        cells = {field: texts[index] if index < size else "" for field, index in self.columns.items()}
        bad = [(self.fields.get(index), why) for index, why in row.bad] if row.bad else []
        if "#" in "".join(cells.values()):
            error = "是 Excel 错误值“{}”（公式无法计算），不是有效的值"
            bad += [(field, error.format(text)) for field, text in cells.items() if text in ERROR_VALUES]
        hit: set[str] = set()
        for field, why in bad:
            if field is not None:
                cells[field] = "" if cells[field] in ERROR_VALUES else cells[field]
                hit.add(field)
                (problems if field in _SCORED else self.problems).append(f"{self.place(row.number, field)}{why}")
        return cells, hit

    def read(self, row: Row) -> None:
        """Read one row below the header row."""
        source = f"{self.where} 第{row.number}行"
        if row.lost:
            lost = tuple(f"{source}：{note}" for note in row.notes) or (f"{source}：无法读取",)
            self._add(row.number, Indicator("", "", None, source=source, problems=lost))
            return
        if row.notes:
            self.problems.extend(f"{source}：{note}" for note in row.notes)
        if self.ended or not any(row.cells) or self._repeated_header(row.cells):
            return
        if next(filter(None, row.cells)).strip().startswith(RESULT_ROW):
            self.ended = True  # the monitoring form's 监控结果 row: the indicator block ends here
            return
        problems: list[str] = []
        cells, hit = self._cells(row, problems)
        if self._summary(row.number, row.cells, cells):
            self.problems.extend(problems)
            return
        if cells.get("level1"):
            heading, weight = split_level1_weight(cells["level1"])
            self.level2 = "" if heading != self.level1 else self.level2
            self.level1 = heading
            if weight is not None:
                self.level1_weights.setdefault(heading, weight)
        self.level2 = cells.get("level2") or self.level2
        if not cells.get("name") and not cells.get("target") and not hit & {"name", "target"}:
            self.problems.extend(problems)  # e.g. an error value in the 分值 column of an otherwise empty row
            return
        self._indicator(row.number, source, cells, problems, hit)

    def _indicator(self, number: int, source: str, cells: dict[str, str], problems: list[str], hit: set[str]) -> None:
        target = cells.get("target", "")
        if "sign" in self.columns or "measure" in self.columns:
            written = tuple(self.headers.get(f, h) for f, h in _SPLIT)
            target, problem = join_target(cells.get("sign", ""), target, cells.get("measure", ""), source, written)
            problems.extend([problem] if problem else [])
        if not cells.get("name") or not cells.get("target"):
            problems.extend(empty(self, number, {**cells, **dict.fromkeys(hit, "-")}))
        weight = plain_number(cells.get("weight", ""))
        if weight is None and "weight" in self.columns:
            weight, problem = read_weight(cells["weight"], self.place(number, "weight"))
            problems.extend([problem] if problem else [])
        reported = plain_number(cells.get("points", ""))
        if reported is None:
            reported, problem = read_points(cells.get("points", ""), self.place(number, "points"))
            problems.extend([problem] if problem else [])
        indicator = Indicator(
            name=cells.get("name", ""),
            target=target,
            weight=weight,
            rule=cells.get("rule", ""),
            level1=self.level1,
            level2=self.level2,
            basis=cells.get("basis", ""),
            previous=cells.get("previous", ""),
            evidence=cells.get("evidence", ""),
            actual=cells.get("actual") or None,
            reported=reported,
            source=source,
            problems=tuple(problems),
            expected=cells.get("expected") or None,
            plan=cells.get("plan") or None,
            **monitor_cells(cells),
        )
        self._add(number, indicator)

    def _add(self, number: int, indicator: Indicator) -> None:
        self.indicators.append(indicator)
        self.numbers.append(number)


def empty(block: Block, number: int, cells: Mapping[str, str]) -> list[str]:
    """The problems of a row's blank 三级指标 and 指标值 cells (also used to withdraw them for merged cells)."""
    return [
        f"{block.place(number, field)}为空，应为{what}"
        for field, what in (("name", "三级指标名称"), ("target", "指标值"))
        if field in block.columns and not cells.get(field)
    ]


def header_problems(start: Start, where: str, sheet: Sheet) -> list[str]:
    """Missing 三级指标 / 分值 columns and columns given twice (the first is used, and said so)."""
    number, columns = start.header.number, start.columns
    problems = []
    if "name" not in columns:
        problems.append(f"{where} 第{number}行：表头没有“三级指标”列（或“三级指标名称”），各指标没有名称")
    if "weight" not in columns and not is_monitoring(start, sheet):
        problems.append(f"{where} 第{number}行：{NO_WEIGHT}")
    for field, indexes in duplicates(start.header.cells, HEADER_FIELDS).items():
        written = "、".join(f"第{sheet.column(i)}列“{short(start.header.cells[i])}”" for i in indexes)
        problems.append(
            f"{where} 第{number}行：表头有 {len(indexes)} 列都是“{HEADERS[field][0]}”（{written}），"
            f"采用第{sheet.column(indexes[0])}列，其余的不读取"
        )
    return problems


def assemble(block: Block, start: Start, info: Header, shown: str, problems: list[str]) -> Table:
    """The table of a block: ``problems`` (header block, header row) first, then the rows', then duplicates."""
    name = PurePath(shown).name
    line = budget_block(start.above_cells, block.where)
    above = [f"{block.where} 第{row.number}行：{note}" for row in start.above for note in row.notes]
    above += [
        f"{block.where} 第{row.number}行第{block.sheet.column(index)}列：{why}"
        for row in start.above
        for index, why in row.bad
    ]
    problems = [*line.problems, *above, *problems, *block.problems]
    problems += duplicate_names(block.indicators, block.where)
    project = info.fields.get("project", "")
    title = info.title or PurePath(shown).stem
    department = "部门整体" in title or (info.department and not project)
    month = sheet_month(start, block.sheet, shown, line.dated)
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
        month=month,
    )


def start_block(start: Start, sheet: Sheet, shown: str) -> tuple[Block, Header]:
    """An empty block for the rows below ``start``'s header row, and what the rows above it say."""
    where = f"{PurePath(shown).name}{sheet.label}"
    headers = start.headers
    above = start.above_cells
    info = header_info(above, skip=budget_block(above, where).rows)
    sheet.width = max(start.columns.values()) + 1
    return Block(where, sheet, start.columns, headers), info

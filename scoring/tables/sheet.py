"""Sheets (CSV/XLSX rows) as tables and actuals, by the standard Chinese headers; and tables back to rows.

The header row is the first row with a 三级指标 column and a 指标值 column (title rows may sit above it);
headers match after removing spaces, a leading ``*`` and a trailing bracket (``得分（分）``). Cells above the
header row may name the unit, project, funds and year (``预算单位 | … | 昌吉…``). Blank 一级/二级 cells
(merged cells) take the value above; ``产出指标(50分)`` keeps its weight in ``Table.level1_weights``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import PurePath

import attrs

from scoring.errors import TableReadError
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.cells import decimal_of, read_points, read_weight, split_level1_weight
from scoring.tables.files import Sheet
from scoring.tables.model import Budget, Funds, Indicator, Table
from scoring.text import normalize

__all__ = ["actuals_from_sheets", "rows_from_table", "table_from_sheets"]

#: Column field -> accepted headers (compared by ``_header_key``); the first spelling is the one written.
HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "三级指标名称"),
    "target": ("指标值", "年度指标值", "年度目标值"),
    "basis": ("指标值设置依据", "指标值设定依据", "指标设定依据", "指标设置依据"),
    "previous": ("上年完成值", "上年实际完成值"),
    "weight": ("分值", "指标分值权重", "分值权重", "权重", "指标分值", "指标权重"),
    "rule": ("赋分规则", "指标赋分规则", "评分规则"),
    "evidence": ("佐证资料", "佐证材料"),
    "actual": ("实际完成值", "全年实际值", "实际值"),
    "points": ("得分", "自评得分"),
    "reason": ("偏差原因", "偏差原因分析及改进措施", "偏差原因分析"),
}
_BUDGET_HEADERS = {"planned": ("全年预算数",), "spent": ("全年执行数",)}
#: Labels in the rows above the header: label -> field; the value is the next non-empty cell of the row.
_LABELS = {
    "预算单位": "unit", "部门名称": "unit", "单位名称": "unit", "项目名称": "project",
    "项目负责人": "leader", "部门联系人": "contact", "联系人": "contact", "联系电话": "phone",
    "项目总体目标": "goal", "年度绩效目标": "goal", "年度总体目标": "goal", "总体目标": "goal",
    "年度预算总额": "total", "资金总额": "total", "合计": "total", "财政拨款": "fiscal", "其他资金": "other",
}  # fmt: skip
_EXTRAS = ("leader", "contact", "phone")
_EXTRA_LABELS = {"leader": "项目负责人", "contact": "部门联系人", "phone": "联系电话"}
_FUND_FIELDS = ("total", "fiscal", "other")
_BRACKET_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
_YEAR_CELL = re.compile(r"[(（]?(\d{4})年度?[)）]?")
_YEAR_IN = re.compile(r"(\d{4})\s*年")


def _header_key(text: str) -> str:
    key = normalize(text).lstrip("*\N{FULLWIDTH ASTERISK}").rstrip("：:")
    key = _BRACKET_TAIL.sub("", key)
    return key.removeprefix("其中").lstrip("：:")


def _lookup(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {_header_key(spelling): field for field, spellings in table.items() for spelling in spellings}


_HEADER_FIELDS = _lookup(HEADERS)
_BUDGET_FIELDS = _lookup(_BUDGET_HEADERS)
_LABEL_FIELDS = {_header_key(label): field for label, field in _LABELS.items()}


def _columns(row: Sequence[str], lookup: dict[str, str]) -> dict[str, int]:
    """Field -> column index for the cells of ``row`` that are known headers (first one wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        field = lookup.get(_header_key(cell)) if cell else None
        if field is not None and field not in found:
            found[field] = index
    return found


def _find_header(sheets: Iterable[Sheet], needed: tuple[str, str]) -> tuple[Sheet, int, dict[str, int]] | None:
    for sheet in sheets:
        for position, (_, row) in enumerate(sheet.rows):
            columns = _columns(row, _HEADER_FIELDS)
            if all(field in columns for field in needed):
                return sheet, position, columns
    return None


def _cell(row: Sequence[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    return row[index].strip() if index is not None and index < len(row) else ""


#: Rows of a filled 自评表 that are not indicators: the budget line and the totals (as scoring's reports write them).
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


def _budget(rows: Iterable[tuple[int, tuple[str, ...]]]) -> Budget | None:
    """全年预算数 / 全年执行数 from a header row naming both and the first row below with numbers in both."""
    columns: dict[str, int] | None = None
    for _, row in rows:
        found = _columns(row, _BUDGET_FIELDS)
        if len(found) == 2:
            columns = found
            continue
        if columns is not None:
            planned = decimal_of(_cell(row, columns, "planned"))
            spent = decimal_of(_cell(row, columns, "spent"))
            if planned is not None and spent is not None:
                return Budget(planned=planned, spent=spent)
    return None


@attrs.define
class _Header:
    """What the rows above the header row say about the table."""

    title: str = ""
    year: int | None = None
    department: bool = False
    fields: dict[str, str] = attrs.Factory(dict)
    funds: dict[str, Decimal] = attrs.Factory(dict)
    extras: list[tuple[str, str]] = attrs.Factory(list)


def _header_info(rows: Sequence[tuple[int, tuple[str, ...]]]) -> _Header:
    """Title, year, unit, project, funds, goal and extras from the rows above the header row.

    A label cell (``预算单位``, ``年度预算总额`` …) takes the next non-empty, non-label cell of its row as value
    (a number for funds); the title is the first other cell that mentions 表 or 绩效; the year comes from a
    ``(2026 年)`` cell or from the title.
    """
    header = _Header()
    for _, row in rows:
        used: set[int] = set()
        for index, cell in enumerate(row):
            if not cell or index in used:
                continue
            field = _LABEL_FIELDS.get(_header_key(cell))
            if field is None:
                if year := _YEAR_CELL.fullmatch(normalize(cell)):
                    header.year = header.year or int(year[1])
                elif not header.title and ("表" in cell or "绩效" in cell) and len(cell) <= 60:
                    header.title = cell
                continue
            rest = [(i, c) for i, c in enumerate(row) if i > index and c and _header_key(c) not in _LABEL_FIELDS]
            if field in _FUND_FIELDS:
                rest = [(i, c) for i, c in rest if decimal_of(c) is not None]
            if not rest:
                continue
            value_at, value = rest[0]
            used.add(value_at)
            if field in _FUND_FIELDS:
                number = decimal_of(value)  # never None: ``rest`` holds only numbers here
                if number is not None:
                    header.funds.setdefault(field, number)
            elif field in _EXTRAS:
                header.extras.append((field, value))
            elif field not in header.fields:
                header.fields[field] = value
                header.department = header.department or _header_key(cell) == "部门名称"
    if header.year is None and (year := _YEAR_IN.search(header.title)):
        header.year = int(year[1])
    return header


def table_from_sheets(sheets: Sequence[Sheet], shown: str) -> Table:
    """The table in the first sheet that has a header row; raises TableReadError when none has one."""
    found = _find_header(sheets, ("name", "target"))
    if found is None:
        raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“指标值”（或“年度指标值”）两列")
    sheet, position, columns = found
    name = PurePath(shown).name
    header_row = sheet.rows[position][1]
    headers = {field: header_row[index].strip() for field, index in columns.items()}
    info = _header_info(sheet.rows[:position])
    problems: list[str] = []
    budget_line: Budget | None = None
    if "weight" not in columns:
        problems.append(f"{name}{sheet.label}：没有“分值”列，各指标分值为空")

    indicators: list[Indicator] = []
    level1_weights: dict[str, Decimal] = {}
    level1 = level2 = ""
    for number, row in sheet.rows[position + 1 :]:
        if len(_columns(row, _HEADER_FIELDS)) >= 3:  # the header repeated (tables split over pages)
            continue
        cells = {field: _cell(row, columns, field) for field in columns}
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
        budget=_budget(sheet.rows) or budget_line,
        level1_weights=tuple(level1_weights.items()),
        source=name,
        problems=tuple(problems),
        goal=info.fields.get("goal", ""),
        extras=tuple(info.extras),
    )


def actuals_from_sheets(sheets: Sequence[Sheet], shown: str) -> Actuals:
    """Actuals from the first sheet with a 三级指标 and a 实际完成值 column (得分, 偏差原因 optional)."""
    found = _find_header(sheets, ("name", "actual"))
    if found is None:
        raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“实际完成值”两列")
    sheet, position, columns = found
    name = PurePath(shown).name
    headers = {field: sheet.rows[position][1][index].strip() for field, index in columns.items()}
    entries: list[Actual] = []
    problems: list[str] = []
    for number, row in sheet.rows[position + 1 :]:
        indicator, actual = _cell(row, columns, "name"), _cell(row, columns, "actual")
        if not indicator:
            if actual:
                problems.append(
                    f"{name}{sheet.label} 第{number}行“{headers['name']}”列：为空，这一行的实际完成值无处可填"
                )
            continue
        source = f"{name}{sheet.label} 第{number}行"
        reported, problem = read_points(_cell(row, columns, "points"), f"{source}“{headers.get('points', '得分')}”列：")
        problems.extend([problem] if problem else [])
        entries.append(Actual(indicator, actual or None, reported, _cell(row, columns, "reason"), source))
    return Actuals(tuple(entries), budget=_budget(sheet.rows), source=name, problems=tuple(problems))


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
    rows.extend([_EXTRA_LABELS[key], value] for key, value in table.extras if key in _EXTRA_LABELS)
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

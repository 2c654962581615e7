"""Where a sheet's table is: the header row by its standard Chinese headers, and the header block above it.

Headers match after removing spaces, a leading ``*`` and a trailing bracket (``得分（分）``). Cells above the
header row may name the unit, project, funds and year (``预算单位 | … | 昌吉…``) and the budget line
(``全年预算数 | 全年执行数`` with numbers below).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from scoring.tables.cells import decimal_of
from scoring.tables.files import Sheet
from scoring.tables.model import Budget
from scoring.text import normalize

__all__ = [
    "EXTRA_LABELS",
    "HEADERS",
    "HEADER_FIELDS",
    "Header",
    "budget_block",
    "cell",
    "columns_of",
    "find_header",
    "header_info",
    "header_key",
]

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
EXTRA_LABELS = {"leader": "项目负责人", "contact": "部门联系人", "phone": "联系电话"}
_FUND_FIELDS = ("total", "fiscal", "other")
_BRACKET_TAIL = re.compile(r"[(（][^()（）]*[)）]$")
_YEAR_CELL = re.compile(r"[(（]?(\d{4})年度?[)）]?")
_YEAR_IN = re.compile(r"(\d{4})\s*年")


def header_key(text: str) -> str:
    key = normalize(text).lstrip("*\N{FULLWIDTH ASTERISK}").rstrip("：:")
    key = _BRACKET_TAIL.sub("", key)
    return key.removeprefix("其中").lstrip("：:")


def _lookup(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(spelling): field for field, spellings in table.items() for spelling in spellings}


HEADER_FIELDS = _lookup(HEADERS)
_BUDGET_FIELDS = _lookup(_BUDGET_HEADERS)
_LABEL_FIELDS = {header_key(label): field for label, field in _LABELS.items()}


def columns_of(row: Sequence[str], lookup: dict[str, str]) -> dict[str, int]:
    """Field -> column index for the cells of ``row`` that are known headers (first one wins)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        field = lookup.get(header_key(cell)) if cell else None
        if field is not None and field not in found:
            found[field] = index
    return found


def find_header(sheets: Iterable[Sheet], needed: tuple[str, str]) -> tuple[Sheet, int, dict[str, int]] | None:
    for sheet in sheets:
        for position, (_, row) in enumerate(sheet.rows):
            columns = columns_of(row, HEADER_FIELDS)
            if all(field in columns for field in needed):
                return sheet, position, columns
    return None


def cell(row: Sequence[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    return row[index].strip() if index is not None and index < len(row) else ""


#: Rows of a filled 自评表 that are not indicators: the budget line and the totals (as scoring's reports write them).


def budget_block(rows: Iterable[tuple[int, tuple[str, ...]]]) -> Budget | None:
    """全年预算数 / 全年执行数 from a header row naming both and the first row below with numbers in both."""
    columns: dict[str, int] | None = None
    for _, row in rows:
        found = columns_of(row, _BUDGET_FIELDS)
        if len(found) == 2:
            columns = found
            continue
        if columns is not None:
            planned = decimal_of(cell(row, columns, "planned"))
            spent = decimal_of(cell(row, columns, "spent"))
            if planned is not None and spent is not None:
                return Budget(planned=planned, spent=spent)
    return None


@attrs.define
class Header:
    """What the rows above the header row say about the table."""

    title: str = ""
    year: int | None = None
    department: bool = False
    fields: dict[str, str] = attrs.Factory(dict)
    funds: dict[str, Decimal] = attrs.Factory(dict)
    extras: list[tuple[str, str]] = attrs.Factory(list)


def header_info(rows: Sequence[tuple[int, tuple[str, ...]]]) -> Header:
    """Title, year, unit, project, funds, goal and extras from the rows above the header row.

    A label cell (``预算单位``, ``年度预算总额`` …) takes the next non-empty, non-label cell of its row as value
    (a number for funds); the title is the first other cell that mentions 表 or 绩效; the year comes from a
    ``(2026 年)`` cell or from the title.
    """
    header = Header()
    for _, row in rows:
        used: set[int] = set()
        for index, cell in enumerate(row):
            if not cell or index in used:
                continue
            field = _LABEL_FIELDS.get(header_key(cell))
            if field is None:
                if year := _YEAR_CELL.fullmatch(normalize(cell)):
                    header.year = header.year or int(year[1])
                elif not header.title and ("表" in cell or "绩效" in cell) and len(cell) <= 60:
                    header.title = cell
                continue
            rest = [(i, c) for i, c in enumerate(row) if i > index and c and header_key(c) not in _LABEL_FIELDS]
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
                header.department = header.department or header_key(cell) == "部门名称"
    if header.year is None and (year := _YEAR_IN.search(header.title)):
        header.year = int(year[1])
    return header

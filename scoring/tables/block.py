"""The header block above a sheet's indicator block: title, year, labels (项目名称, 主管部门 …), funds, budget line.

Two layouts are read. A label cell (``项目名称``, ``主管部门``, ``年度预算总额`` …) takes the next non-empty,
non-label cell of its row as its value, or, when its row has none, the cell below it (``资金总额`` over
``1000``); ``预期目标`` under ``年度总体目标`` points to the cell below it. A budget sub-header row
(``年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分``) gives the budget line from the first row below
it with numbers (``年度资金总额 | 46 | 46 | 43.7 | 10 | 95% | 9.5``): 年初预算数, 全年预算数 and 全年执行数
into :class:`~scoring.tables.model.Budget`, 分值 into ``budget_weight``, 得分 into ``reported_budget``;
执行率 is computed, so it is not read, and rows under the sub-header are not read as funds. A monitoring sheet's
block gives the money spent to date instead of 全年执行数 (``1-7月执行数``, ``截至7月执行数``, ``1-7月支出数``);
``BudgetLine.dated`` says where that header is, for the month it names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from scoring.tables.cells import decimal_of, read_points
from scoring.tables.headers import cell, columns_of, header_key, lookup
from scoring.tables.model import Budget
from scoring.text import normalize

__all__ = ["EXTRA_LABELS", "BudgetLine", "Header", "budget_block", "header_info", "money_of"]

_BUDGET_HEADERS = {
    "initial": ("年初预算数", "年初预算"),
    "planned": ("全年预算数", "全年预算", "调整后预算数"),
    "spent": ("全年执行数", "全年实际执行数", "实际执行数", "执行数"),
    "weight": ("分值",),
    "points": ("得分", "自评得分"),
}  # and ``spent`` as a dated header: 1-7月执行数 (:mod:`scoring.tables.months`)
#: Labels in the rows above the header: label -> field.
_LABELS = {
    "预算单位": "unit", "预算单位名称": "unit", "部门名称": "unit", "单位名称": "unit", "部门（单位）名称": "unit",
    "项目名称": "project", "主管部门": "authority", "主管部门及代码": "authority", "实施单位": "implementer",
    "项目负责人": "leader", "部门联系人": "contact", "联系人": "contact", "联系电话": "phone",
    "项目总体目标": "goal", "年度绩效目标": "goal", "年度总体目标": "goal", "总体目标": "goal",
    "年度预算总额": "total", "年度资金总额": "total", "资金总额": "total", "合计": "total",
    "财政拨款": "fiscal", "当年财政拨款": "fiscal", "其他资金": "other",
}  # fmt: skip
_DEPARTMENT_LABELS = frozenset({"部门名称", "部门（单位）名称"})
#: Cells that mark a department-wide (部门整体) table wherever they stand in the header block.
_DEPARTMENT_MARKS = frozenset({"年度主要任务", "部门整体支出", "部门整体支出绩效目标", "部门整体绩效目标"})
#: A label's value cell that is itself a column heading: the value is the cell below it.
_POINTERS = frozenset({"预期目标"})
_EXTRAS = ("authority", "implementer", "leader", "contact", "phone")
EXTRA_LABELS = {
    "authority": "主管部门",
    "implementer": "实施单位",
    "leader": "项目负责人",
    "contact": "部门联系人",
    "phone": "联系电话",
}
_FUND_FIELDS = ("total", "fiscal", "other")
_YEAR_CELL = re.compile(r"[(（]?(\d{4})年度?[)）]?")
_YEAR_IN = re.compile(r"(\d{4})\s*年")
_ANNEX = re.compile(r"^\s*附件\s*\d*\s*[:：]?\s*")
_MONEY_UNIT = re.compile(r"\s*(万元|元)$")
_PLACEHOLDERS = frozenset({"", "/", "-", "—", "——", "－", "无", "不适用"})

_BUDGET_FIELDS = lookup(_BUDGET_HEADERS, ("spent",))
_LABEL_FIELDS = {header_key(label): field for label, field in _LABELS.items()}
_DEPARTMENT_KEYS = {header_key(label) for label in _DEPARTMENT_LABELS}
_MARK_KEYS = {header_key(mark) for mark in _DEPARTMENT_MARKS}

Rows = Sequence[tuple[int, tuple[str, ...]]]


def money_of(text: str) -> Decimal | None:
    """An amount cell (``46.00``, ``46.00万元``, ``1,012.9``) as a number, or None."""
    return decimal_of(_MONEY_UNIT.sub("", text))


@attrs.frozen
class BudgetLine:
    """The budget line of a header block: the Budget (when 全年预算数 and 全年执行数 are numbers), its 分值 and
    得分 as written, the row numbers it covers, the problems of its cells, and the funds its rows give by their
    年初预算数 (``年度资金总额`` -> total, ``其中：财政拨款`` -> fiscal, ``其他资金`` -> other); ``dated`` is the row
    number, column index and text of a dated spent header (``1-7月执行数``), else None."""

    budget: Budget | None = None
    weight: Decimal | None = None
    reported: Decimal | None = None
    rows: frozenset[int] = frozenset()
    problems: tuple[str, ...] = ()
    funds: tuple[tuple[str, Decimal], ...] = ()
    dated: tuple[int, int, str] | None = None


def budget_block(rows: Iterable[tuple[int, tuple[str, ...]]], where: str = "") -> BudgetLine:
    """The budget line under the first row naming 全年预算数 and 全年执行数 (``where`` starts messages).

    Its values come from the first row below with a number under one of the sub-headers; the rows below
    that keep numbers under 年初预算数, 全年预算数 or 全年执行数 are its 其中 rows. A cell that is neither blank, a
    placeholder (``—``) nor a number is a problem naming the row and column.
    """
    columns: dict[str, int] | None = None
    headers: tuple[str, ...] = ()
    covered: set[int] = set()
    funds: dict[str, Decimal] = {}
    line: BudgetLine | None = None
    dated: tuple[int, int, str] | None = None
    for number, row in rows:
        found = columns_of(row, _BUDGET_FIELDS)
        if (columns is None or line is None) and "planned" in found and "spent" in found:
            columns, headers = found, row
            covered.add(number)
            spent = row[found["spent"]].strip()
            dated = (number, found["spent"], spent) if _BUDGET_FIELDS.get(header_key(spent)) is None else None
            continue
        if columns is None:
            continue
        fields = ("initial", "planned", "spent") if line is not None else tuple(columns)
        if not any(money_of(cell(row, columns, field)) is not None for field in fields):
            if line is not None:
                break
            continue
        covered.add(number)
        if line is None:
            line = _line(number, row, columns, headers, where)
        label = next((_LABEL_FIELDS[header_key(c)] for c in row if c and header_key(c) in _LABEL_FIELDS), None)
        initial = money_of(cell(row, columns, "initial"))
        if label in _FUND_FIELDS and initial is not None:
            funds.setdefault(label, initial)
    if line is None:
        return BudgetLine(rows=frozenset(covered), dated=dated)
    return attrs.evolve(line, rows=frozenset(covered), funds=tuple(funds.items()), dated=dated)


def _line(
    number: int, row: tuple[str, ...], columns: dict[str, int], headers: tuple[str, ...], where: str
) -> BudgetLine:
    problems: list[str] = []
    values: dict[str, Decimal | None] = {}
    for field in ("initial", "planned", "spent", "weight", "points"):
        text = cell(row, columns, field)
        place = f"{where} 第{number}行“{headers[columns[field]].strip()}”列（预算执行率）：" if field in columns else ""
        value = money_of(text) if field in ("initial", "planned", "spent") else None
        if field in ("weight", "points") and normalize(text) not in _PLACEHOLDERS:
            value, problem = read_points(text, place)
            problems.extend([problem] if problem else [])
        elif value is None and normalize(text) not in _PLACEHOLDERS:
            problems.append(f"{place}应为金额（万元），却是“{text}”")
        values[field] = value
    planned, spent = values["planned"], values["spent"]
    budget = None if planned is None or spent is None else Budget(planned, spent, values["initial"])
    return BudgetLine(budget, values["weight"], values["points"], problems=tuple(problems))


@attrs.define
class Header:
    """What the rows above the header row say about the table."""

    title: str = ""
    year: int | None = None
    department: bool = False
    fields: dict[str, str] = attrs.Factory(dict)
    funds: dict[str, Decimal] = attrs.Factory(dict)
    extras: list[tuple[str, str]] = attrs.Factory(list)


def header_info(rows: Rows, skip: frozenset[int] = frozenset()) -> Header:
    """Title, year, unit, project, funds, goal and extras from the rows above the header row.

    A label cell (``预算单位``, ``年度预算总额`` …) takes the next non-empty, non-label cell of its row as value
    (a number for funds), else the cell below it; the title is the first other cell that mentions 表 or 绩效
    (without an ``附件2：`` before it); the year comes from a ``(2026 年)`` cell or from the title. Rows numbered in ``skip`` (the budget line)
    give no funds.
    """
    header = Header()
    for position, (number, row) in enumerate(rows):
        below = rows[position + 1][1] if position + 1 < len(rows) else ()
        used: set[int] = set()
        for index, text in enumerate(row):
            if not text or index in used:
                continue
            key = header_key(text)
            field = _LABEL_FIELDS.get(key)
            header.department = header.department or key in _MARK_KEYS
            if field is None:
                if year := _YEAR_CELL.fullmatch(normalize(text)):
                    header.year = header.year or int(year[1])
                elif not header.title and ("表" in text or "绩效" in text) and len(text) <= 60:
                    header.title = _ANNEX.sub("", text) or text
                continue
            if field in _FUND_FIELDS and number in skip:
                continue
            found = _value(row, below, index, field)
            if found is None:
                continue
            value_at, value = found
            used.add(value_at)
            _keep(header, field, value, department=key in _DEPARTMENT_KEYS)
    if header.year is None and (year := _YEAR_IN.search(header.title)):
        header.year = int(year[1])
    return header


def _value(row: tuple[str, ...], below: tuple[str, ...], index: int, field: str) -> tuple[int, str] | None:
    """The value of the label at ``row[index]``: the next fitting cell of its row before the next label
    (``主管部门 | (blank) | 实施单位 | X`` leaves 主管部门 blank), else the cell below it."""
    rest: list[tuple[int, str]] = []
    for i, c in enumerate(row[index + 1 :], start=index + 1):
        if c and header_key(c) in _LABEL_FIELDS:
            break
        if c:
            rest.append((i, c))
    if field in _FUND_FIELDS:
        rest = [(i, c) for i, c in rest if money_of(c) is not None]
    if rest:
        value_at, value = rest[0]
        if normalize(value) in _POINTERS:
            under = below[value_at].strip() if value_at < len(below) else ""
            return (value_at, under) if under else None
        return value_at, value
    under = below[index].strip() if index < len(below) else ""
    if under and (field not in _FUND_FIELDS or money_of(under) is not None):
        return (index, under) if field in _FUND_FIELDS else None
    return None


def _keep(header: Header, field: str, value: str, department: bool) -> None:
    if field in _FUND_FIELDS:
        number = money_of(value)
        if number is not None:
            header.funds.setdefault(field, number)
    elif field in _EXTRAS:
        header.extras.append((field, value))
    elif field not in header.fields:
        header.fields[field] = value
        header.department = header.department or department

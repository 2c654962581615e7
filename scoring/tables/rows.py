"""Tables back to spreadsheet rows (for ``write_table``'s CSV and XLSX), in the layout the sheet reader reads.

Nothing here scores: the filled 自评表 a unit submits is written by :mod:`scoring.report`.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.tables.block import EXTRA_LABELS
from scoring.tables.headers import HEADERS, SUBHEADERS
from scoring.tables.model import Indicator, Table
from scoring.tables.monitoring import CAUSES

__all__ = ["rows_from_table"]

Row = list[str | Decimal]


def rows_from_table(table: Table) -> list[Row]:
    """The table as spreadsheet rows (title, header block, then the header row, one row per indicator, 总分).

    ``table_from_sheets`` reads these rows back to an equal table, except for ``policy`` (not in sheets),
    sources and problems, and a ``funds.total`` the table lacks, which its 年初预算数 gives. A monitoring table
    (one with a month or a monitoring field) is written as a monitoring sheet: ``1-M月执行情况``,
    全年预计完成情况, 1-M月计划值, 偏差原因, the five category columns marked ``√`` and 完成目标可能性.
    """
    department = table.kind == "department"
    rows: list[Row] = [[table.title]]
    if table.year is not None:
        rows.append([f"({table.year}年)"])
    if table.unit:
        rows.append(["部门名称" if department else "预算单位", table.unit])
    if table.project:
        rows.append(["项目名称", table.project])
    rows.extend([EXTRA_LABELS[key], value] for key, value in table.extras if key in EXTRA_LABELS)
    funds = table.funds
    if (funds.total, funds.fiscal, funds.other) != (None, None, None):
        row: Row = ["项目资金(万元)"]
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
    rows.extend(_budget_rows(table))
    fields = ["level1", "level2", "name", "target", "basis", "previous", "weight", "rule", "evidence"]
    if table.month is not None or any(_monitored(i) for i in table.indicators):
        plan = ["plan"] if table.month is not None and any(i.plan for i in table.indicators) else []
        fields += ["actual", "expected", *plan, "reason", *CAUSES, "possibility"]
    elif table.reported_total is not None or any(
        i.actual is not None or i.reported is not None or i.reason for i in table.indicators
    ):
        fields += ["actual", "points", "reason"]
    rows.append([_header(field, table.month) for field in fields])
    weights = dict(table.level1_weights)
    seen: set[str] = set()
    for indicator in table.indicators:
        level1 = indicator.level1
        if level1 in weights and level1 not in seen:
            level1 = f"{level1}({weights[level1]}分)"
        seen.add(indicator.level1)
        values = {**indicator.cells(), "level1": level1}
        values.update((field, "√" if SUBHEADERS[field][0] in indicator.reason_kind else "") for field in CAUSES)
        rows.append([_blank_none(values[field]) for field in fields])
    if table.reported_total is not None and "points" in fields:
        rows.append(["总分", *("" for _ in fields[1:-2]), table.reported_total])
    return rows


def _monitored(indicator: Indicator) -> bool:
    return any((indicator.expected, indicator.plan, indicator.possibility, indicator.reason_kind))


def _header(field: str, month: int | None) -> str:
    """A column's header as written; the actual and the plan of a monitoring sheet are dated (1-7月执行情况)."""
    if field in SUBHEADERS:
        return SUBHEADERS[field][0]
    if field == "plan":
        return f"1-{month}月计划值"
    if field == "actual" and month is not None:
        return f"1-{month}月执行情况"
    return HEADERS[field][0]


def _budget_rows(table: Table) -> list[Row]:
    """The budget line under its sub-header: only the columns the table has values for."""
    budget = table.budget
    spent = "全年执行数" if table.month is None else f"1-{table.month}月执行数"
    values = {
        "年初预算数": None if budget is None else budget.initial,
        "全年预算数": None if budget is None else budget.planned,
        spent: None if budget is None else budget.spent,
        "分值": table.budget_weight,
        "得分": table.reported_budget,
    }
    if all(value is None for value in values.values()):
        return []
    shown = {label: value for label, value in values.items() if value is not None or label in ("全年预算数", spent)}
    return [["", *shown], ["年度资金总额", *(_blank_none(value) for value in shown.values())]]


def _blank_none(value: str | Decimal | None) -> str | Decimal:
    return "" if value is None else value

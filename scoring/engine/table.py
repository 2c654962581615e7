"""Score a table: actuals matched, rows compiled and scored, the 预算执行率 line, total, maximum and grade (A8, A9).

One path for the library and the command line: actuals go through :func:`scoring.tables.apply_actuals`, the
policy through :meth:`Policy.layered`, the rows through :func:`compile_table`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import scoring.engine.rules as rules
from scoring.engine.compile import CompiledTable, compile_table
from scoring.engine.consistency import consistency_findings
from scoring.engine.indicator import score_row
from scoring.engine.policy import Policy
from scoring.engine.results import FLAG_AUDIT, Audit, BudgetScore, Comparison, Score, Status, TableScore
from scoring.language.reader import Reader
from scoring.numbers import HUNDRED, RANGE_WORDS, fits, q2, written
from scoring.tables.actuals import Actuals, apply_actuals
from scoring.tables.model import Budget, Table

__all__ = ["score_budget", "score_compiled", "score_table"]


def score_budget(budget: Budget, policy: Policy | Mapping[str, Any] | None = None) -> BudgetScore:
    """The 预算执行率 line (A8): points = weight × min(spent / planned, 1)."""
    policy = Policy.layered(policy)
    w = policy.budget_weight
    if budget.planned <= 0:
        reason = "全年预算数为0" if budget.planned == 0 else f"全年预算数不能为负数（{written(budget.planned)}）"
        return BudgetScore(budget.planned, budget.spent, w, None, None, error=f"{reason}，无法计算预算执行率")
    if budget.spent < 0:
        return BudgetScore(budget.planned, budget.spent, w, None, None, error="全年执行数不能为负数")
    for name, amount in (("全年预算数", budget.planned), ("全年执行数", budget.spent)):
        if not fits(amount):
            shown = written(amount) if len(written(amount)) <= 24 else f"{amount:.6e}"
            error = f"{name}“{shown}”超出范围（{RANGE_WORDS}），无法计算预算执行率"
            return BudgetScore(budget.planned, budget.spent, w, None, None, error=error)
    outcome = rules.budget_rate(budget.planned, budget.spent, w)
    return BudgetScore(budget.planned, budget.spent, w, outcome.points, outcome.ratio, outcome.steps)


def score_table(
    table: Table | CompiledTable,
    actuals: Actuals | Mapping[str, str | None] | None = None,
    budget: Budget | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
) -> TableScore:
    """Score every row of a table (one bad row never stops the others), the budget line, total and grade.

    ``actuals`` (an :class:`Actuals` file or a mapping of 三级指标 names to 实际完成值 texts) are matched to the
    rows by :func:`apply_actuals` — the first entry of a repeated name wins, unknown names are noted with the
    closest name; ``budget`` overrides the table's; ``policy`` is layered over the table's own ``[policy]``.
    """
    if isinstance(table, CompiledTable):
        if actuals is not None or policy is not None or reader is not None:
            raise TypeError("score_table: a compiled table already has its actuals, policy and reader")
        return score_compiled(table, budget)
    notes: tuple[str, ...] = ()
    if actuals is not None:
        matched = actuals if isinstance(actuals, Actuals) else Actuals.from_mapping(actuals)
        table, notes = apply_actuals(table, matched)
    return score_compiled(compile_table(table, policy, reader, notes), budget)


def _audit(lines: tuple[Score, ...], budget: BudgetScore | None, table: Table, total: Decimal, policy: Policy) -> Audit:
    """The sheet's own points against the computed ones: rows, 总分 and the 预算执行率 得分 (A9)."""
    rows = tuple(s for s in lines if FLAG_AUDIT in s.flags)
    reported_rows = sum(1 for s in lines if s.indicator.reported is not None)
    total_cmp = Comparison(table.reported_total, total) if table.reported_total is not None else None
    budget_cmp = None
    if table.reported_budget is not None and budget is not None and budget.points is not None:
        budget_cmp = Comparison(table.reported_budget, budget.points)
    return Audit(policy.tolerance, rows, reported_rows, total_cmp, budget_cmp)


def score_compiled(compiled: CompiledTable, budget: Budget | None = None) -> TableScore:
    """Score a compiled table (A9): the sum of the rounded lines, the maximum, the grade read exactly — no grade
    when a weighted row or the budget line could not be scored — the audit of the sheet's own points and the
    consistency warnings (A11).

    The maximum counts the 分值 of every row that has a usable one (a negative or absurd 分值 is the row's
    reason for not being scored, not part of the table's maximum)."""
    table, policy, reader, year = compiled.table, compiled.policy, compiled.reader, compiled.table.year
    lines = []
    total = maximum = Decimal(0)
    unscored = 0
    for row in compiled.rows:
        line = score_row(row, year, policy, reader)
        lines.append(line)
        if line.points is not None:
            total += line.points
        if line.indicator.weight is not None and row.weight_error is None and line.status is not Status.NOT_APPLICABLE:
            maximum += line.indicator.weight
        if line.status is Status.ERROR:
            unscored += 1
    budget = budget or table.budget
    budget_score = score_budget(budget, policy) if budget is not None else None
    if budget_score is not None:
        maximum += budget_score.weight
        if budget_score.points is not None:
            total += budget_score.points
        elif budget_score.error:
            unscored += 1
    total = q2(total)
    shown = tuple(lines)
    percentage = grade = note = None
    if maximum > 0:
        exact = total / maximum * HUNDRED  # the grade reads the exact ratio (A9): 179.99 of 200 is below 90
        percentage = q2(exact)
        if unscored:  # a lower bound cannot be graded (A9): the grade would depend on the rows that are missing
            note = f"评分不完整（{unscored} 项无法评分），总分{total}为下限，不评定等级"
        else:
            grade = policy.grade(exact)
    return TableScore(
        table,
        shown,
        budget_score,
        total,
        maximum,
        percentage,
        grade,
        policy,
        compiled.notes,
        audit=_audit(shown, budget_score, table, total, policy),
        findings=consistency_findings(shown, budget_score, policy),
        grade_note=note,
    )

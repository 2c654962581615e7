"""Score a table: actuals matched, rows compiled and scored, the 预算执行率 line, total, maximum and grade (A8, A9).

One path for the library and the command line: actuals go through :func:`scoring.tables.apply_actuals`, the
policy through :meth:`Policy.layered`, the rows through :func:`compile_table`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

import scoring.engine.rules as rules
from scoring.engine.compile import CompiledTable, compile_table
from scoring.engine.consistency import consistency_findings
from scoring.engine.indicator import score_row
from scoring.engine.policy import Policy
from scoring.engine.results import FLAG_AUDIT, Audit, BudgetScore, Comparison, Score, TableScore
from scoring.language.reader import Reader
from scoring.numbers import q2, written
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
    consistency warnings (A11)."""
    table, policy = compiled.table, compiled.policy
    lines = tuple(score_row(row, table.year, policy, compiled.reader) for row in compiled.rows)
    budget = budget or table.budget
    budget_score = score_budget(budget, policy) if budget is not None else None
    total = sum((s.points for s in lines if s.points is not None), Decimal(0))
    maximum = sum((s.weight for s in lines if s.weight is not None), Decimal(0))
    if budget_score is not None:
        maximum += budget_score.weight
        if budget_score.points is not None:
            total += budget_score.points
    total = q2(total)
    result = TableScore(
        table,
        lines,
        budget_score,
        total,
        maximum,
        None,
        None,
        policy,
        compiled.notes,
        audit=_audit(lines, budget_score, table, total, policy),
        findings=consistency_findings(lines, budget_score, policy),
    )
    exact = result.exact_percentage
    if exact is None:
        return result
    if not result.complete:
        # a lower bound cannot be graded (A9): the grade would depend on the rows that are missing
        note = f"评分不完整（{len(result.incomplete)} 项无法评分），总分{total}为下限，不评定等级"
        return attrs.evolve(result, percentage=q2(exact), grade_note=note)
    # the grade reads the exact ratio (A9): 179.99 of 200 shows 90.00% but is below 90
    return attrs.evolve(result, percentage=q2(exact), grade=policy.grade(exact))

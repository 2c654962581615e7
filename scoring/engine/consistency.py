"""Consistency warnings of a scored 自评表 (A11): what an auditor should look at although no point changes.

- 虚高: the indicators' share of points exceeds the budget line's by more than ``inflation_threshold`` of it —
  the indicators claim far more than the money spent supports. A warning, never a deduction.
- A row flagged 未达标 or 超额 without a 偏差原因.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from scoring.engine.findings import WARNING, Finding
from scoring.engine.policy import Policy
from scoring.engine.results import FLAG_OVER, FLAG_SHORT, BudgetScore, Score, Status
from scoring.numbers import percent, show

__all__ = ["consistency_findings"]


def _inflation(lines: Sequence[Score], budget: BudgetScore | None, policy: Policy) -> list[Finding]:
    if budget is None or budget.points is None or not budget.weight:
        return []
    weights = points = Decimal(0)
    for line in lines:
        weight = line.indicator.weight
        if line.points is not None and weight:
            weights += weight
            points += line.points
    if not weights or not points:
        return []
    indicators, money = points / weights, budget.points / budget.weight
    gap = (indicators - money) / indicators
    if gap <= policy.inflation_threshold:
        return []
    message = (
        f"虚高：指标得分率{percent(indicators)}（{show(points)} ÷ {show(weights)}）高于预算执行率得分率"
        f"{percent(money)}，相差{percent(gap)}（超过{percent(policy.inflation_threshold)}）："
        "请核实指标完成情况与资金使用是否相符"
    )
    return [Finding(WARNING, "inflated", message)]


def _reasons(lines: Sequence[Score]) -> list[Finding]:
    out = []
    for line in lines:
        if not line.flags or line.status is Status.ERROR or line.indicator.reason.strip():
            continue
        flags = [f for f in (FLAG_SHORT, FLAG_OVER) if f in line.flags]
        if flags:
            where = line.indicator.source or line.indicator.name
            message = f"“{line.indicator.name}”{'、'.join(flags)}，未填写偏差原因"
            out.append(Finding(WARNING, "reason-missing", message, where))
    return out


def consistency_findings(lines: Sequence[Score], budget: BudgetScore | None, policy: Policy) -> tuple[Finding, ...]:
    """The A11 warnings of a scored self-evaluation (rows with actuals); none for a table without actuals."""
    if not any(line.indicator.actual for line in lines):
        return ()
    return (*_inflation(lines, budget, policy), *_reasons(lines))

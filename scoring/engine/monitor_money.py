"""The money at month ``m`` (C2): its checks (the wording of the year-end 预算执行率, A8), its light and steps.

``money`` is the rule (exact Decimals in, typed steps out); ``money_line`` checks the figures first: a 全年预算数
of 0 or less and a negative 1-m月执行数 are errors (no light), a 执行数 above the year's budget a warning.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.engine.monitor_policy import MonitorPolicy
from scoring.engine.monitor_results import MonitorBudget
from scoring.engine.monitor_rules import Light, Progress, band, split
from scoring.engine.policy import Policy
from scoring.engine.steps import Num, Pct, Share, StepKind, step
from scoring.numbers import RANGE_WORDS, exact_percent, fits, written
from scoring.tables.model import Budget

__all__ = ["money", "money_line"]

K = StepKind
_MONEY = "资金进度"


def money(planned: Decimal, spent: Decimal, month: int, policy: MonitorPolicy) -> Progress:
    """C2: ``rate = spent ÷ planned``, progress ``q = rate ÷ share(m)``; red < 60% ≤ yellow < 80% ≤ green,
    compared exactly (``q < b`` as ``spent × den < b × planned × num``). ``planned`` must be positive; a time share
    of 0 (a profile's 0% month) is green: nothing was due yet. When the rate shown is rounded, the progress is
    shown from the figures themselves (``9万元 ÷ (26万元 × 7/12) = 9 × 12 ÷ (26 × 7)``), so it can be redone by
    hand."""
    num, den = policy.fraction(month)
    rate = spent / planned
    x, y = spent * den, planned * num
    paid, budget = Num(spent, "万元", written=True), Num(planned, "万元", written=True)
    steps = [step(K.M_MONEY_RATE, month=month, spent=paid, planned=budget, rate=Pct(rate), exact=exact_percent(rate))]
    share = Share(month, policy.share(month), policy.linear)
    if y <= 0:
        steps.append(step(K.M_MONEY_NOTHING_DUE, share=share, light=Light.GREEN.value))
        return Progress(Light.GREEN, None, tuple(steps))
    q = x / y
    if exact_percent(rate):
        steps.append(step(K.M_MONEY_PROGRESS, rate=Pct(rate), share=share, q=Pct(q), exact=exact_percent(q)))
    else:
        steps.append(split(paid, budget, month, policy, money=True)[1])
    found = band(x, y, (policy.money_red_below, policy.money_yellow_below), _MONEY)
    steps.extend(found)
    return Progress(Light(found[-1]["light"]), q, tuple(steps))


def _problem(budget: Budget, month: int) -> str | None:
    """Why the money cannot be judged, worded as the year-end 预算执行率 (A8) words it, or None."""
    spent = f"1-{month}月执行数"
    if budget.planned <= 0:
        reason = "全年预算数为0" if budget.planned == 0 else f"全年预算数不能为负数（{written(budget.planned)}）"
        return f"{reason}，无法计算执行率"
    if budget.spent < 0:
        return f"{spent}不能为负数，无法计算执行率"
    for name, amount in (("全年预算数", budget.planned), (spent, budget.spent)):
        if not fits(amount):
            shown = written(amount) if len(written(amount)) <= 24 else f"{amount:.6e}"
            return f"{name}“{shown}”超出范围（{RANGE_WORDS}），无法计算执行率"
    return None


def money_line(budget: Budget, month: int, policy: Policy) -> MonitorBudget:
    """The money at month ``month`` (C2), or why it cannot be judged; a 执行数 above the budget is a warning."""
    problem = _problem(budget, month)
    if problem is not None:
        return MonitorBudget(budget.planned, budget.spent, error=problem)
    warnings: tuple[str, ...] = ()
    if budget.spent > budget.planned:
        warnings = (f"1-{month}月执行数{written(budget.spent)}万元超过全年预算数{written(budget.planned)}万元，请核对",)
    progress = money(budget.planned, budget.spent, month, policy.monitor)
    rate = budget.spent / budget.planned
    return MonitorBudget(
        budget.planned, budget.spent, rate, progress.progress, progress.light, progress.steps, warnings=warnings
    )

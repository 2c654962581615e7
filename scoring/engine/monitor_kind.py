"""Cumulative or level (C1), and what an actual to date cannot be: the kind of a numeric monitoring row."""

from __future__ import annotations

from scoring.engine.policy import Policy
from scoring.engine.scorers import RowError, Work
from scoring.engine.steps import Num
from scoring.language.targets import Bound, Range
from scoring.tables.model import Indicator
from scoring.text import normalize

__all__ = ["accumulates", "not_negative"]

#: Units of a level, not a cumulative amount: durations (time units) and scores (``≥90分``).
_LEVEL_UNITS = frozenset({"天", "日", "小时", "分钟", "秒", "个月", "月", "年", "周", "工作日", "个工作日", "分"})
#: Words of a level row's name that say its value may be negative (a change, not a count or a share).
_SIGNED_WORDS = ("增长", "增幅", "增速", "变动", "变化", "下降", "降低", "降幅", "减少", "涨幅", "偏差", "差异", "波动")


def accumulates(indicator: Indicator, target: Bound | Range, policy: Policy) -> bool:
    """Whether a numeric target accumulates over the year (C1): counts and amounts do; percentages, rates,
    per-unit values, durations and scores do not. A count or amount per year (``≥12次/年``, ``万元/年``) is the
    year's total and accumulates; a per-unit value per year (``元/人·年``) does not. A row's 1-m月计划值 decides first (cumulative, with that plan),
    then the policy's ``level`` and ``cumulative`` name lists, then the target's unit."""
    key = normalize(indicator.name)
    if (indicator.plan or "").strip():
        return True
    if key in {normalize(n) for n in policy.monitor.level}:
        return False
    if key in {normalize(n) for n in policy.monitor.cumulative}:
        return True
    amount = target.amount if isinstance(target, Bound) else target.high
    unit = _per_year(amount.unit_text)
    return not (unit in ("%", "‰") or "/" in unit or "每" in unit or unit in _LEVEL_UNITS)


def _per_year(unit: str) -> str:
    """A unit without its "per year" (``次/年`` -> ``次``): a count per year is the year's total (C1)."""
    for tail in ("/年度", "/年", "/每年", "每年"):
        if unit.endswith(tail) and len(unit) > len(tail):
            return unit.removesuffix(tail)
    return unit


def not_negative(work: Work, target: Bound | Range, a: Num, month: int, grows: bool) -> None:
    """A negative actual to date is a count, amount or share that cannot be (C1): an error for the row, unless its
    name says a change (增长, 下降, 变动 …: ``成本变动率 ≤0``) or it is a level whose target is 0 or below
    (``≥-5%``)."""
    if a.value >= 0:
        return
    written = f"1-{month}月执行情况不能为负数，却是“{work.actual_text.strip()}”"
    if any(word in normalize(work.indicator.name) for word in _SIGNED_WORDS):
        return
    if grows:
        raise RowError(f"{written}（累计的数量、金额不会小于0，请核对）")
    if (target.amount.value if isinstance(target, Bound) else target.low.value) <= 0:
        return
    raise RowError(
        f"{written}（指标值“{work.indicator.target.strip()}”不会为负；可为负的变动率、增长率等请在名称中写明，如“成本变动率”）"
    )

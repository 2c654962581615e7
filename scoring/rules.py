"""One small pure function per scoring rule: points (capped, rounded) and the Chinese steps that explain them.

Inputs are exact Decimals already in the target's unit, plus how the engine wants them shown (``99个``).
Points never exceed the weight ``w`` and never fall below 0; rounding happens in :func:`scoring.rounding.q2`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from scoring.policy import Tier
from scoring.rounding import exact_percent, percent, q2, show

__all__ = [
    "Outcome",
    "all_or_nothing",
    "budget_rate",
    "equal",
    "graded",
    "on_time",
    "positive",
    "rate_times_weight",
    "reverse",
    "within",
]

ZERO = Decimal(0)
ONE = Decimal(1)


@attrs.frozen
class Outcome:
    """What a rule gives: points (2 dp, within [0, w]), the ratio it used, whether the target was met, steps."""

    points: Decimal
    ratio: Decimal | None
    achieved: bool
    steps: tuple[str, ...]


def _points(raw: Decimal, w: Decimal) -> Decimal:
    return q2(min(max(raw, ZERO), w))


def _full(w: Decimal, why: str, ratio: Decimal | None = ONE, steps: tuple[str, ...] = ()) -> Outcome:
    return Outcome(q2(w), ratio, True, (*steps, f"{why}，得满分 {show(w)}"))


def _proportion(w: Decimal, num: Decimal, den: Decimal, shown: str, label: str = "完成率") -> Outcome:
    """w × num / den, with the ratio shown (and multiplied) exactly when 2 decimals can show it."""
    ratio = num / den
    points = _points(w * num / den, w)  # multiply first: w × (num / den) can lose the exact x.xx5
    if exact_percent(ratio):
        steps = (f"{label} = {shown} = {percent(ratio)}", f"得分 = {show(w)} × {percent(ratio)} = {points}")
    else:
        steps = (
            f"{label} = {shown} ≈ {percent(ratio)}",
            f"得分 = {show(w)} × {show(num)} ÷ {show(den)} = {points}",
        )
    return Outcome(points, ratio, False, steps)


def positive(a: Decimal, t: Decimal, w: Decimal, shown_a: str, shown_t: str) -> Outcome:
    """正向 (≥, >, bare value): A ≥ T → w; else w × A / T; A ≤ 0 → 0; T = 0 → w when A ≥ 0."""
    if t == 0:
        if a >= 0:
            return _full(w, f"指标值为0，实际完成值{shown_a} ≥ 0", ratio=None)
        return Outcome(q2(ZERO), None, False, (f"指标值为0，实际完成值{shown_a} < 0，得分 = 0.00",))
    ratio = a / t
    if a >= t:
        return _full(w, "已达到指标值", ratio, (f"完成率 = {shown_a} ÷ {shown_t} = {percent(ratio)}",))
    if a <= 0:
        return Outcome(q2(ZERO), ratio, False, (f"实际完成值{shown_a} ≤ 0，得分 = 0.00",))
    return _proportion(w, a, t, f"{shown_a} ÷ {shown_t}")


def reverse(a: Decimal, t: Decimal, w: Decimal, shown_a: str, shown_t: str, formula: str = "inverse") -> Outcome:
    """反向 (≤, <): A ≤ T → w; else ``inverse`` w × T / A or ``linear`` w × max(0, 1 − (A − T) / T)."""
    if a <= t:
        return _full(w, f"实际完成值{shown_a}未超过指标值{shown_t}", ratio=ONE)
    if t <= 0:
        return Outcome(q2(ZERO), None, False, (f"指标值为{shown_t}，实际完成值{shown_a}超过指标值，得分 = 0.00",))
    if formula == "linear":
        ratio = max(ZERO, ONE - (a - t) / t)
        points = _points(w * (t + t - a) / t, w)
        steps = (
            f"超出比例 = ({shown_a} − {shown_t}) ÷ {shown_t} = {percent((a - t) / t)}",
            f"得分 = {show(w)} × (1 − {percent((a - t) / t)}) = {points}（反向指标，线性扣分，超出一倍为0）",
        )
        return Outcome(points, ratio, False, steps)
    outcome = _proportion(w, t, a, f"{shown_t} ÷ {shown_a}")
    return attrs.evolve(outcome, steps=(*outcome.steps[:-1], outcome.steps[-1] + "（反向指标：指标值 ÷ 实际完成值）"))


def equal(a: Decimal, t: Decimal, w: Decimal, shown_a: str, shown_t: str, formula: str = "positive") -> Outcome:
    """``=`` targets: ``positive`` scores as 正向 (overshoot not penalised); ``symmetric`` w × (1 − |A − T| / T)."""
    if formula != "symmetric" or t == 0:
        if t == 0:
            if a <= 0:
                return _full(w, f"指标值为0，实际完成值{shown_a}为0", ratio=None)
            return Outcome(q2(ZERO), None, False, (f"指标值为0，实际完成值{shown_a}不为0，得分 = 0.00",))
        return positive(a, t, w, shown_a, shown_t)
    if a == t:
        return _full(w, "实际完成值等于指标值")
    deviation = abs(a - t) / t
    ratio = max(ZERO, ONE - deviation)
    points = _points(w * (t - abs(a - t)) / t, w)
    steps = (
        f"偏离度 = |{shown_a} − {shown_t}| ÷ {shown_t} = {percent(deviation)}",
        f"得分 = {show(w)} × (1 − {percent(deviation)}) = {points}",
    )
    return Outcome(points, ratio, False, steps)


def within(a: Decimal, low: Decimal, high: Decimal, w: Decimal, shown: tuple[str, str, str]) -> Outcome:
    """Ranges: low ≤ A ≤ high → w; below → w × A / low; above → w × high / A."""
    shown_a, shown_low, shown_high = shown
    if low <= a <= high:
        return _full(w, f"实际完成值{shown_a}在区间{shown_low}至{shown_high}内")
    if a < low:
        if a <= 0 or low <= 0:
            return Outcome(q2(ZERO), ZERO, False, (f"实际完成值{shown_a}低于区间下限{shown_low}，得分 = 0.00",))
        return _proportion(w, a, low, f"{shown_a} ÷ 下限{shown_low}")
    return _proportion(w, high, a, f"上限{shown_high} ÷ {shown_a}", label="完成率（超出上限）")


def rate_times_weight(rate: Decimal, w: Decimal, shown_a: str) -> Outcome:
    """满意度赋分 option ``rate``: points = w × the satisfaction rate itself."""
    points = _points(w * rate, w)
    return Outcome(points, rate, rate >= ONE, (f"得分 = {show(w)} × 满意度{shown_a} = {points}",))


def on_time(done: dt.date, due: dt.date, w: Decimal, shown_done: str) -> Outcome:
    """Deadlines: done on or before the due day → w, otherwise 0 (直接赋分)."""
    if done <= due:
        return _full(w, f"完成日期{shown_done}不晚于时限{_day(due)}", ratio=None)
    late = (done - due).days
    return Outcome(q2(ZERO), None, False, (f"完成日期{shown_done}晚于时限{_day(due)}（逾期{late}天），得分 = 0.00",))


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def all_or_nothing(achieved: bool, w: Decimal, why: str) -> Outcome:
    """直接赋分: achieved → w, otherwise 0."""
    if achieved:
        return _full(w, why, ratio=None)
    return Outcome(q2(ZERO), None, False, (f"{why}，直接赋分不得分，得分 = 0.00",))


def graded(tier: Tier, fraction: Decimal, w: Decimal, source: str) -> Outcome:
    """按评判等级赋分: the tier's point (a fraction of w, inside the tier's band)."""
    points = _points(w * fraction, w)
    steps = (
        f"评判等级：{tier.label}（{source}），区间为分值的{tier.band()}",
        f"得分 = {show(w)} × {percent(fraction)} = {points}",
    )
    return Outcome(points, fraction, tier is Tier.ACHIEVED, steps)


def budget_rate(planned: Decimal, spent: Decimal, w: Decimal) -> Outcome:
    """预算执行率: rate = spent / planned; points = w × min(rate, 1). ``planned`` must be positive."""
    rate = spent / planned
    points = _points(w * min(spent, planned) / planned, w)
    steps = [f"预算执行率 = 全年执行数{spent:f}万元 ÷ 全年预算数{planned:f}万元 = {percent(rate)}"]
    if rate > ONE:
        steps.append(f"执行率超过100%，按100%计；得分 = {show(w)} × 100.00% = {points}")
    elif exact_percent(rate):
        steps.append(f"得分 = {show(w)} × {percent(rate)} = {points}")
    else:
        steps.append(f"得分 = {show(w)} × {spent:f} ÷ {planned:f} = {points}")
    return Outcome(points, rate, rate >= ONE, tuple(steps))

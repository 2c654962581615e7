"""One small pure function per scoring rule of Part A: points (capped, rounded) and the typed steps behind them.

Inputs are exact Decimals already in the target's unit, carried as :class:`~scoring.engine.steps.Num` (value
and unit) so that the steps can show them; nothing here builds display text. Points never exceed the weight
``w`` and never fall below 0; rounding happens in :func:`scoring.numbers.q2`. Each docstring names the section
of ``docs/scoring-rules.md`` it implements.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from scoring.engine.policy import EqualFormula, ReverseFormula
from scoring.engine.steps import Day, Note, Num, Pct, Pts, Step, StepKind, step
from scoring.engine.vocabulary import Tier
from scoring.numbers import exact_percent, q2

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
K = StepKind


class Outcome(NamedTuple):
    """What a rule gives: points (2 dp, within [0, w]), the ratio it used, whether the target was met, steps."""

    points: Decimal
    ratio: Decimal | None
    achieved: bool
    steps: tuple[Step, ...]


def _points(raw: Decimal, w: Decimal) -> Decimal:
    return q2(min(max(raw, ZERO), w))


def _full(w: Decimal, reason: Step, ratio: Decimal | None = ONE, steps: tuple[Step, ...] = ()) -> Outcome:
    return Outcome(q2(w), ratio, True, (*steps, step(K.FULL, reason=reason, w=Num(w))))


def _nothing(ratio: Decimal | None, line: Step) -> Outcome:
    return Outcome(q2(ZERO), ratio, False, (line,))


def _proportion(
    w: Decimal,
    num: Num,
    den: Num,
    label: str = "完成率",
    note: Note = Note.NONE,
    values: tuple[Decimal, Decimal] | None = None,
) -> Outcome:
    """w × num / den, with the ratio shown (and multiplied) exactly when 2 decimals can show it.

    ``values`` are the numbers to divide when they differ from the ones shown (a range's low end in another unit).
    """
    n, d = values or (num.value, den.value)
    ratio = n / d
    points = _points(w * n / d, w)  # multiply first: w × (num / den) can lose the exact x.xx5
    exact = exact_percent(ratio)
    steps = [step(K.RATIO, label=label, num=num, den=den, ratio=Pct(ratio), exact=exact)]
    if exact:
        steps.append(step(K.POINTS_PCT, w=Num(w), ratio=Pct(ratio), points=Pts(points), note=note))
    else:
        # the numbers divided, shown with the target's multiplier (620万 ÷ 650万) unless they were converted
        shown_n = Num(n) if values else Num(num.value, "", False, "", num.multiplier, num.factor)
        shown_d = Num(d) if values else Num(den.value, "", False, "", den.multiplier, den.factor)
        steps.append(step(K.POINTS_FRACTION, w=Num(w), num=shown_n, den=shown_d, points=Pts(points), note=note))
    return Outcome(points, ratio, False, tuple(steps))


def positive(a: Num, t: Num, w: Decimal) -> Outcome:
    """正向 (A2: ≥, >, bare value): A ≥ T → w; else w × A / T; A ≤ 0 → 0; T = 0 → w when A ≥ 0."""
    if t.value == 0:
        if a.value >= 0:
            return _full(w, step(K.ZERO_TARGET_MET, a=a), ratio=None)
        return _nothing(None, step(K.ZERO_TARGET_NEGATIVE, a=a))
    ratio = a.value / t.value
    if a.value >= t.value:
        shown = step(K.RATIO, label="完成率", num=a, den=t, ratio=Pct(ratio), exact=True)
        return _full(w, step(K.REACHED), ratio, (shown,))
    if a.value <= 0:
        return _nothing(ratio, step(K.NOT_POSITIVE, a=a))
    return _proportion(w, a, t)


def reverse(a: Num, t: Num, w: Decimal, formula: ReverseFormula = ReverseFormula.INVERSE) -> Outcome:
    """反向 (A3: ≤, <): A ≤ T → w; else ``inverse`` w × T / A or ``linear`` w × max(0, 1 − (A − T) / T)."""
    if a.value <= t.value:
        return _full(w, step(K.NOT_ABOVE, a=a, t=t), ratio=ONE)
    if t.value <= 0:
        return _nothing(None, step(K.CEILING_ZERO, a=a, t=t))
    if formula == ReverseFormula.LINEAR:
        excess = (a.value - t.value) / t.value
        ratio = max(ZERO, ONE - excess)
        points = _points(w * (t.value + t.value - a.value) / t.value, w)
        steps = (
            step(K.EXCESS, a=a, t=t, pct=Pct(excess)),
            step(K.POINTS_ONE_MINUS, w=Num(w), pct=Pct(excess), points=Pts(points), note=Note.LINEAR),
        )
        return Outcome(points, ratio, False, steps)
    return _proportion(w, t, a, note=Note.INVERSE)


def equal(a: Num, t: Num, w: Decimal, formula: EqualFormula = EqualFormula.POSITIVE) -> Outcome:
    """``=`` targets (A4): ``positive`` scores as 正向 (overshoot not penalised); ``symmetric`` w × (1 − |A − T| / T)."""
    if formula != EqualFormula.SYMMETRIC or t.value == 0:
        if t.value == 0:
            if a.value <= 0:
                return _full(w, step(K.ZERO_TARGET_ZERO, a=a), ratio=None)
            return _nothing(None, step(K.ZERO_TARGET_NONZERO, a=a))
        return positive(a, t, w)
    if a.value == t.value:
        return _full(w, step(K.EQUAL))
    deviation = abs(a.value - t.value) / t.value
    ratio = max(ZERO, ONE - deviation)
    points = _points(w * (t.value - abs(a.value - t.value)) / t.value, w)
    steps = (
        step(K.DEVIATION, a=a, t=t, pct=Pct(deviation)),
        step(K.POINTS_ONE_MINUS, w=Num(w), pct=Pct(deviation), points=Pts(points), note=Note.NONE),
    )
    return Outcome(points, ratio, False, steps)


def within(a: Num, low: Num, high: Num, w: Decimal, low_value: Decimal | None = None) -> Outcome:
    """Ranges (A5): low ≤ A ≤ high → w; below → w × A / low; above → w × high / A.

    ``low`` is shown as written; ``low_value`` is its value in the high end's unit when the units differ.
    """
    lo = low.value if low_value is None else low_value
    if lo <= a.value <= high.value:
        return _full(w, step(K.IN_RANGE, a=a, low=low, high=high))
    if a.value < lo:
        if a.value <= 0 or lo <= 0:
            return _nothing(ZERO, step(K.BELOW_RANGE_ZERO, a=a, low=low))
        return _proportion(w, a, low._replace(label="下限"), values=(a.value, lo))
    return _proportion(w, high._replace(label="上限"), a, label="完成率（超出上限）")


def rate_times_weight(rate: Decimal, w: Decimal, a: Num) -> Outcome:
    """满意度赋分 option ``rate`` (A1): points = w × the satisfaction rate itself."""
    points = _points(w * rate, w)
    return Outcome(points, rate, rate >= ONE, (step(K.RATE_POINTS, w=Num(w), a=a, points=Pts(points)),))


def on_time(done: dt.date, due: dt.date, w: Decimal) -> Outcome:
    """Deadlines (A5): done on or before the last day on time → w, otherwise 0 (直接赋分)."""
    if done <= due:
        return _full(w, step(K.ON_TIME, done=Day(done), due=Day(due)), ratio=None)
    return _nothing(None, step(K.LATE, done=Day(done), due=Day(due), days=(done - due).days))


def all_or_nothing(achieved: bool, w: Decimal, reason: Step) -> Outcome:
    """直接赋分 (A1): achieved → w, otherwise 0."""
    if achieved:
        return _full(w, reason, ratio=None)
    return _nothing(None, step(K.DIRECT_ZERO, reason=reason))


def graded(tier: Tier, fraction: Decimal, w: Decimal, source: Step) -> Outcome:
    """按评判等级赋分 (A6): the tier's point (a fraction of w, inside the tier's band)."""
    points = _points(w * fraction, w)
    steps = (
        step(K.TIER, tier=tier, source=source),
        step(K.POINTS_PCT, w=Num(w), ratio=Pct(fraction), points=Pts(points), note=Note.NONE),
    )
    return Outcome(points, fraction, tier is Tier.ACHIEVED, steps)


def budget_rate(planned: Decimal, spent: Decimal, w: Decimal) -> Outcome:
    """预算执行率 (A8): rate = spent / planned; points = w × min(rate, 1). ``planned`` must be positive."""
    rate = spent / planned
    points = _points(w * min(spent, planned) / planned, w)
    steps = [step(K.BUDGET_RATE, spent=Num(spent, "万元", written=True), planned=Num(planned, "万元", written=True),
                  rate=Pct(rate))]  # fmt: skip
    if rate > ONE:
        steps.append(step(K.BUDGET_CAPPED, w=Num(w), points=Pts(points)))
    elif exact_percent(rate):
        steps.append(step(K.POINTS_PCT, w=Num(w), ratio=Pct(rate), points=Pts(points), note=Note.NONE))
    else:
        steps.append(
            step(
                K.POINTS_FRACTION,
                w=Num(w),
                num=Num(spent, written=True),
                den=Num(planned, written=True),
                points=Pts(points),
                note=Note.NONE,
            )
        )
    return Outcome(points, rate, rate >= ONE, tuple(steps))

"""One small pure function per rule of Part C (mid-year monitoring): the light of a row or of the money, and the
typed steps behind it.

Inputs are exact Decimals in the target's unit, carried as :class:`~scoring.engine.steps.Num`; the share of the
year due by month ``m`` comes from the policy's time profile (:class:`MonitorPolicy.share`). Nothing here builds
display text; each docstring names its section of ``docs/monitoring.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import NamedTuple

from scoring.engine.monitor_policy import MonitorPolicy
from scoring.engine.steps import Day, Num, Pct, Share, Step, StepKind, Value, step
from scoring.engine.vocabulary import Tier
from scoring.numbers import HUNDRED, exact_percent, q2

__all__ = [
    "Light",
    "Progress",
    "band",
    "ceiling",
    "cumulative",
    "deadline",
    "level",
    "qualitative",
    "reverse_level",
    "split",
    "worst",
]  # fmt: skip

K = StepKind
_WHAT = "完成进度"


class Light(enum.StrEnum):
    """A monitoring light, by its Chinese label; ``code`` is the JSON contract's English name."""

    RED = "红灯"
    YELLOW = "黄灯"
    GREEN = "绿灯"
    BLUE = "蓝灯"

    @property
    def code(self) -> str:
        return {"红灯": "red", "黄灯": "yellow", "绿灯": "green", "蓝灯": "blue"}[self.value]

    @property
    def rank(self) -> int:
        """Worse lights rank lower (C3): red 0, yellow 1, green and blue 2."""
        return {"红灯": 0, "黄灯": 1}.get(self.value, 2)


def worst(lights: list[Light]) -> Light | None:
    """The worst light (C3: red < yellow < green; blue counts as green, and blue stays blue only alone)."""
    if not lights:
        return None
    low = min(light.rank for light in lights)
    if low == 2:
        return Light.GREEN if Light.GREEN in lights else Light.BLUE
    return Light.RED if low == 0 else Light.YELLOW


class Progress(NamedTuple):
    """A row's (or the money's) light, its progress (None when it has none) and the steps behind it."""

    light: Light
    progress: Decimal | None
    steps: tuple[Step, ...]


def _plan(t: Num, month: int, policy: MonitorPolicy) -> tuple[Decimal, Decimal, Step]:
    """The plan to date ``T × share(m)`` as an exact quotient ``(T × num, den)``, and the step that shows it."""
    num, den = policy.fraction(month)
    value = t.value * num / den
    shown = Num(q2(value), t.unit, False, "", t.multiplier, t.factor)
    plan = step(K.M_PLAN, t=t, share=Share(month, policy.share(month), policy.linear), plan=shown,
                exact=q2(value) == value)  # fmt: skip
    return t.value * num, den, plan


def _shy(p: Decimal, bound: Decimal, what: str) -> list[Step]:
    """When a progress below ``bound`` is shown rounded up to it (59.998…% as 60.00%), a step that says it is
    below: the progress cut (never rounded) at the first decimal that shows it."""
    if p >= bound or q2(p * HUNDRED) < bound * HUNDRED:
        return []
    places = 3
    while (cut := (p * HUNDRED).quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN")) >= bound * HUNDRED:
        places += 1
    shown = Num(cut, "%" if cut == p * HUNDRED else "…%", written=True)
    return [step(K.M_BELOW_SHOWN, what=what, p=shown, bound=Pct(bound))]


def band(x: Decimal, y: Decimal, bounds: tuple[Decimal, ...], what: str) -> list[Step]:
    """The lights of a progress ``p = x ÷ y`` (``y > 0``) between ``bounds`` (red below the first, yellow below the
    second, green below the third when there is one, else blue or green), compared exactly (``p < b`` as
    ``x < b × y``): a progress of exactly 60% is yellow even when ``m / 12`` has no finite decimal. A progress
    shown rounded up to the bound above it gets a step saying it is below (C1, C2)."""
    lights = (Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE)[: len(bounds) + 1]
    for index, bound in enumerate(bounds):
        if x < bound * y:
            shy = _shy(x / y, bound, what)
            if index == 0:
                return [*shy, step(K.M_LIGHT_BELOW, what=what, light=lights[0].value, bound=Pct(bound))]
            return [*shy, step(K.M_LIGHT_BAND, what=what, light=lights[index].value, low=Pct(bounds[index - 1]),
                               high=Pct(bound))]  # fmt: skip
    return [step(K.M_LIGHT_FROM, what=what, light=lights[-1].value, bound=Pct(bounds[-1]))]


def _zero(a: Num, t: Num, shown: Num, steps: list[Step]) -> Progress:
    """A 正向 progress against nothing: a target of 0 (or less) is met by any ``A ≥ T``; a plan of 0 to date (a
    time share of 0, a 1-m月计划值 of 0) asks for nothing yet. Either is green, a negative actual red (C1)."""
    low = t if t.value <= 0 else shown
    if a.value < low.value:
        steps.append(step(K.M_ZERO_BELOW, a=a, t=low, light=Light.RED.value))
        return Progress(Light.RED, None, tuple(steps))
    if t.value <= 0:
        steps.append(step(K.M_ZERO_MET, a=a, t=t, light=Light.GREEN.value))
    else:
        steps.append(step(K.M_NOTHING_DUE, plan=shown, light=Light.GREEN.value))
    return Progress(Light.GREEN, None, tuple(steps))


def _progress(a: Num, t: Num, x: Decimal, y: Decimal, shown: Num, policy: MonitorPolicy, steps: list[Step],
              split: Step | None = None) -> Progress:  # fmt: skip
    """A 正向 progress ``x ÷ y``: ``x`` is ``A`` scaled as the plan ``y`` is (``A × 12`` against ``T × m``);
    ``split`` is the progress step when the plan shown was rounded (the quotient from the unrounded plan)."""
    if y <= 0:
        return _zero(a, t, shown, steps)
    p = x / y
    steps.append(split or step(K.M_PROGRESS, a=a, plan=shown, p=Pct(p), exact=exact_percent(p)))
    found = band(x, y, (policy.red_below, policy.yellow_below, policy.blue_from), _WHAT)
    steps.extend(found)
    return Progress(Light(found[-1]["light"]), p, tuple(steps))


def _trim(value: Decimal) -> Decimal:
    """A product without the trailing zeros its factors gave it (``26 × 0.5555`` is ``14.443``, not ``14.4430``)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def split(a: Num, t: Num, month: int, policy: MonitorPolicy, money: bool = False) -> tuple[Decimal, Step]:
    """The progress ``a ÷ (t × share(m))`` from the figures themselves, for a plan (or a rate) that is shown
    rounded: ``50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7)``; with a time profile ``= a ÷ (t × share)`` worked
    out. Returns the progress and its step (C1, C2)."""
    num, den = policy.fraction(month)
    scale = t.factor if t.multiplier else Decimal(1)
    x, y = a.value / scale, t.value / scale
    p = x * den / (y * num)
    share = Share(month, policy.share(month), policy.linear)
    figures: dict[str, Value] = {"a": a, "t": t} if not money else {"spent": a, "planned": t}
    if policy.linear:
        kind = K.M_MONEY_SPLIT if money else K.M_PROGRESS_SPLIT
        return p, step(kind, **figures, share=share, x=Num(x, written=True), den=Num(den), y=Num(y, written=True),
                       num=Num(num), **{"q" if money else "p": Pct(p)}, exact=exact_percent(p))  # fmt: skip
    kind = K.M_MONEY_SHARE if money else K.M_PROGRESS_SHARE
    return p, step(kind, **figures, share=share, x=Num(x, written=True), y=Num(_trim(y * num), written=True),
                   **{"q" if money else "p": Pct(p)}, exact=exact_percent(p))  # fmt: skip


def cumulative(a: Num, t: Num, month: int, policy: MonitorPolicy, plan: Num | None = None) -> Progress:
    """C1, a cumulative 正向 target (counts, amounts): plan to date ``T × share(m)`` (or the row's own 1-m月计划值);
    progress ``A ÷ plan`` (from the plan before it is rounded); red < 60% ≤ yellow < 80% ≤ green < 120% ≤ blue.
    A plan of 0 (a target of 0, a time share of 0) is green with a step saying why."""
    if plan is not None:
        steps = [step(K.M_PLAN_GIVEN, plan=plan, month=month)]
        return _progress(a, t, a.value, plan.value, plan, policy, steps)
    scaled, den, first = _plan(t, month, policy)
    redo = None if first["exact"] or scaled <= 0 else split(a, t, month, policy)[1]
    return _progress(a, t, a.value * den, scaled, first["plan"], policy, [first], redo)


def level(a: Num, t: Num, policy: MonitorPolicy) -> Progress:
    """C1, a level 正向 target (percentages, rates, per-unit values): progress ``A ÷ T``, lights as cumulative."""
    return _progress(a, t, a.value, t.value, t, policy, [])


def reverse_level(a: Num, t: Num) -> Progress:
    """C1, a level 反向 target: ``A ≤ T`` green, otherwise red."""
    if a.value <= t.value:
        return Progress(Light.GREEN, None, (step(K.M_REVERSE_OK, a=a, t=t, light=Light.GREEN.value),))
    return Progress(Light.RED, None, (step(K.M_REVERSE_OVER, a=a, t=t, light=Light.RED.value),))


def ceiling(a: Num, t: Num, month: int, policy: MonitorPolicy, plan: Num | None = None) -> Progress:
    """C1, a cumulative 反向 target (a cost ceiling): ``A ≤ T × share(m)`` green; ``A ≤ T`` yellow (ahead of
    time, within the year's ceiling); ``A > T`` red, whatever the plan to date (a 1-m月计划值 above ``T`` does not
    lift the year's ceiling)."""
    if plan is not None:
        steps, shown = [step(K.M_PLAN_GIVEN, plan=plan, month=month)], plan
        within = a.value <= plan.value
    else:
        scaled, den, first = _plan(t, month, policy)
        steps, shown = [first], first["plan"]
        within = a.value * den <= scaled
    if a.value > t.value:
        steps.append(step(K.M_REVERSE_OVER, a=a, t=t, light=Light.RED.value))
        return Progress(Light.RED, None, tuple(steps))
    if within:
        steps.append(step(K.M_CEILING_WITHIN, a=a, plan=shown, light=Light.GREEN.value))
        return Progress(Light.GREEN, None, tuple(steps))
    steps.append(step(K.M_CEILING_AHEAD, a=a, plan=shown, t=t, light=Light.YELLOW.value))
    return Progress(Light.YELLOW, None, tuple(steps))


def qualitative(words: str, tier: Tier | None) -> Progress:
    """C1, a qualitative target: 达成 green, 部分达成 yellow, 未达成 red; not yet assessed (``None``: 进行中) green."""
    if tier is None:
        return Progress(Light.GREEN, None, (step(K.M_IN_PROGRESS, words=words, light=Light.GREEN.value),))
    light = {Tier.ACHIEVED: Light.GREEN, Tier.PARTIAL: Light.YELLOW, Tier.FAILED: Light.RED}[tier]
    return Progress(light, None, (step(K.M_TIER, words=words, tier=tier, light=light.value),))


def deadline(due: dt.date, done: dt.date | None, month_end: dt.date) -> Progress:
    """C1, a deadline: done on or before it green, done late red; not done: green while the deadline is after the
    last day of month ``m`` (进行中), red once it has passed."""
    if done is not None:
        if done <= due:
            return Progress(Light.GREEN, None, (step(K.M_DONE_ON_TIME, done=Day(done), due=Day(due),
                                                     light=Light.GREEN.value),))  # fmt: skip
        return Progress(Light.RED, None, (step(K.M_DONE_LATE, done=Day(done), due=Day(due), light=Light.RED.value),))
    if month_end < due:
        return Progress(Light.GREEN, None, (step(K.M_NOT_DUE, month_end=Day(month_end), due=Day(due),
                                                 light=Light.GREEN.value),))  # fmt: skip
    return Progress(Light.RED, None, (step(K.M_OVERDUE, month_end=Day(month_end), due=Day(due),
                                           light=Light.RED.value),))  # fmt: skip

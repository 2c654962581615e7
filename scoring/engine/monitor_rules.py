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
from scoring.engine.steps import Day, Num, Pct, Share, Step, StepKind, step
from scoring.engine.vocabulary import Tier
from scoring.numbers import exact_percent, q2

__all__ = ["Light", "Progress", "ceiling", "cumulative", "deadline", "level", "money", "qualitative", "reverse_level",
           "worst"]  # fmt: skip

K = StepKind
_WHAT = "完成进度"
_MONEY = "资金进度"


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


def _band(x: Decimal, y: Decimal, policy: MonitorPolicy) -> Step:
    """C1's lights for a 正向 progress ``p = x ÷ y`` (``y > 0``), compared exactly (``p < b`` as ``x < b × y``): a
    progress of exactly 60% is yellow even when ``m / 12`` has no finite decimal."""
    if x < policy.red_below * y:
        return step(K.M_LIGHT_BELOW, what=_WHAT, light=Light.RED.value, bound=Pct(policy.red_below))
    if x < policy.yellow_below * y:
        return step(
            K.M_LIGHT_BAND,
            what=_WHAT,
            light=Light.YELLOW.value,
            low=Pct(policy.red_below),
            high=Pct(policy.yellow_below),
        )
    if x < policy.blue_from * y:
        return step(
            K.M_LIGHT_BAND,
            what=_WHAT,
            light=Light.GREEN.value,
            low=Pct(policy.yellow_below),
            high=Pct(policy.blue_from),
        )
    return step(K.M_LIGHT_FROM, what=_WHAT, light=Light.BLUE.value, bound=Pct(policy.blue_from))


def _progress(a: Num, x: Decimal, y: Decimal, shown: Num, policy: MonitorPolicy, steps: list[Step]) -> Progress:
    """A 正向 progress ``x ÷ y``: ``x`` is ``A`` scaled as the plan ``y`` is (``A × 12`` against ``T × m``)."""
    if y <= 0:
        light = Light.GREEN if a.value >= 0 else Light.RED
        return Progress(light, None, tuple(steps))
    p = x / y
    steps.append(step(K.M_PROGRESS, a=a, plan=shown, p=Pct(p), exact=exact_percent(p)))
    band = _band(x, y, policy)
    steps.append(band)
    return Progress(Light(band["light"]), p, tuple(steps))


def cumulative(a: Num, t: Num, month: int, policy: MonitorPolicy, plan: Num | None = None) -> Progress:
    """C1, a cumulative 正向 target (counts, amounts): plan to date ``T × share(m)`` (or the row's own 1-m月计划值);
    progress ``A ÷ plan``; red < 60% ≤ yellow < 80% ≤ green < 120% ≤ blue."""
    if plan is not None:
        steps = [step(K.M_PLAN_GIVEN, plan=plan, month=month)]
        return _progress(a, a.value, plan.value, plan, policy, steps)
    scaled, den, first = _plan(t, month, policy)
    return _progress(a, a.value * den, scaled, first["plan"], policy, [first])


def level(a: Num, t: Num, policy: MonitorPolicy) -> Progress:
    """C1, a level 正向 target (percentages, rates, per-unit values): progress ``A ÷ T``, lights as cumulative."""
    return _progress(a, a.value, t.value, t, policy, [])


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


def money(planned: Decimal, spent: Decimal, month: int, policy: MonitorPolicy) -> Progress:
    """C2: ``rate = spent ÷ planned``, progress ``q = rate ÷ share(m)``; red < 60% ≤ yellow < 80% ≤ green,
    compared exactly (``q < b`` as ``spent × den < b × planned × num``). ``planned`` must be positive; a time share
    of 0 (a profile's 0% month) is green: nothing was due yet."""
    num, den = policy.fraction(month)
    rate = spent / planned
    x, y = spent * den, planned * num
    steps = [
        step(
            K.M_MONEY_RATE,
            month=month,
            spent=Num(spent, "万元", written=True),
            planned=Num(planned, "万元", written=True),
            rate=Pct(rate),
        )
    ]
    q = x / y if y > 0 else None
    if q is not None:
        share = Share(month, policy.share(month), policy.linear)
        steps.append(step(K.M_MONEY_PROGRESS, rate=Pct(rate), share=share, q=Pct(q), exact=exact_percent(q)))
    if q is not None and x < policy.money_red_below * y:
        light = step(K.M_LIGHT_BELOW, what=_MONEY, light=Light.RED.value, bound=Pct(policy.money_red_below))
    elif q is not None and x < policy.money_yellow_below * y:
        light = step(K.M_LIGHT_BAND, what=_MONEY, light=Light.YELLOW.value, low=Pct(policy.money_red_below),
                     high=Pct(policy.money_yellow_below))  # fmt: skip
    else:
        light = step(K.M_LIGHT_FROM, what=_MONEY, light=Light.GREEN.value, bound=Pct(policy.money_yellow_below))
    steps.append(light)
    return Progress(Light(light["light"]), q, tuple(steps))

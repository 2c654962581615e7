"""Typed 赋分规则: what a rule written out in words means, one frozen class per family.

A :class:`WrittenRule` holds the text as given and one family value: :class:`Proportional`, :class:`AllOrNothing`,
:class:`Stepped` (deductions or bonuses per step), :class:`Tiered` (tier tables and deviation bands),
:class:`Categorical`, :class:`Elements` (要素法), :class:`Graded` (the MOF bands) or :class:`Default` (a remark
that leaves the row to the default rule for its target). Nothing here knows about weights or actuals: the
engine (:mod:`scoring.engine.written`) applies a rule to a row, and :mod:`scoring.report.rule_words` says in
Chinese how a rule reads. Points written in a rule are absolute points (``计5分``); ``None`` means "the row's
分值" (``得满分``).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Union

import attrs

from scoring.language.targets import Comparator

__all__ = ["AllOrNothing", "Award", "Categorical", "Category", "Default", "Direction", "Element", "Elements",
           "Family", "Graded", "Interval", "Measure", "Metric", "Proportional", "Remark", "Slope", "Stated",
           "Stepped", "Tier", "Tiered", "WrittenRule"]  # fmt: skip


class Direction(enum.Enum):
    """Which side of the reference a step counts: above it (每超过), below it (每低于) or both (每增加或减少)."""

    ABOVE = "above"
    BELOW = "below"
    BOTH = "both"


class Measure(enum.Enum):
    """What one step is measured in."""

    POINTS = "百分点"  # percentage points of a % value: A − R
    PERCENT = "%"  # of a % target: percentage points; of any other target: per cent of the reference
    DAYS = "天"  # days after a deadline (or A − R for a target in days)
    COUNT = "数量"  # A − R in the target's own unit (每少一项, 每增加一个)
    EVENTS = "次数"  # the actual is the number of events (每出现一个…)


class Metric(enum.Enum):
    """What a tier's condition is compared with."""

    VALUE = "实际完成值"
    RATE = "完成率"  # actual ÷ target
    DEVIATION = "偏离度"  # |actual − target| ÷ target


class Remark(enum.Enum):
    """A rule text that leaves the row to the default rule for its target, and why."""

    CAP = "cap"  # 得分不能大于分值
    EXPLAIN = "explain"  # 偏差原因及整改措施必填 (with a threshold)
    NOT_APPLICABLE = "not-applicable"  # 不考核该指标…按百分制折算
    DEFINITION = "definition"  # 资金到位率=(实际到位资金/计划投入资金)×100%
    TIER_WORDS = "tier-words"  # 请填写'达成','部分达成','未达成'


@attrs.frozen
class Stated:
    """A target stated inside a rule (``在职人员控制率≦100%``, ``以100%为标准``): comparator, value, unit as written."""

    op: Comparator
    value: Decimal
    unit: str = ""
    column: int = 1
    written: bool = True  # the comparator is written (≦100%), not inferred from the steps (以100%为标准)


@attrs.frozen
class Interval:
    """Where a tier applies. A bound's ``closed`` is True (含, ≥, ≤), False (不含, >, <) or None (not marked)."""

    low: Decimal | None = None
    low_closed: bool | None = None
    high: Decimal | None = None
    high_closed: bool | None = None
    unit: str = ""

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` is inside (an unmarked bound counts as inside)."""
        if self.low is not None and (value < self.low or (value == self.low and self.low_closed is False)):
            return False
        return not (self.high is not None and (value > self.high or (value == self.high and self.high_closed is False)))

    def claims(self, value: Decimal) -> bool:
        """Whether ``value`` is inside and not only on an unmarked bound (a bound marked 含 claims its value)."""
        if not self.contains(value):
            return False
        on_low = self.low is not None and value == self.low and self.low_closed is None
        on_high = self.high is not None and value == self.high and self.high_closed is None
        return not (on_low or on_high)


@attrs.frozen
class Award:
    """Points a clause gives: ``points`` (absolute), or ``share`` of the 分值, or the whole 分值 (both None);
    ``band`` is a range of points (``(41-59)``): its top unless an evaluator's 得分 inside it is given."""

    points: Decimal | None = None
    share: Decimal | None = None
    band: tuple[Decimal, Decimal] | None = None


@attrs.frozen
class Tier:
    """One tier: the condition (an interval of the metric) and its award."""

    interval: Interval
    award: Award
    column: int = 1
    text: str = ""  # the condition as written (重点支出安排率≥90%)


@attrs.frozen
class Tiered:
    """A tier table (``≥90%,计5分;80%(含)-90%,计4分…``) or deviation bands (``±30%(含)以内得3分``)."""

    tiers: tuple[Tier, ...]
    metric: Metric = Metric.VALUE


@attrs.frozen
class Slope:
    """Per ``size`` (in ``measure``) beyond the reference on ``direction``'s side, ``points`` added (``sign`` 1)
    or deducted (``sign`` -1); a BOTH slope adds above and deducts below."""

    direction: Direction
    measure: Measure
    size: Decimal
    points: Decimal
    sign: int
    unit: str = ""
    against: str = ""  # 目标值, 通用值 … as written
    column: int = 1


@attrs.frozen
class Stepped:
    """Steps from a base: ``base`` share of the 分值 at the reference (1 = full), the slopes, a floor and a cap.

    ``reference`` is the target stated in the rule, if any (otherwise the row's own target); ``zero_when_missed``:
    an actual that says the work is not done (未完成) gets 0 (``…仍未完成的,则该项工作得分为0分``).
    ``scale`` is the points the rule counts on when it writes a base of points (``在100标准分基础上…最高120分``:
    120; with no top, the base itself): the rule's points (steps, floor) are then ``× 分值 ÷ scale``, and
    ``base_points`` is that base (100), ``base`` its share (100/120)."""

    slopes: tuple[Slope, ...]
    reference: Stated | None = None
    base: Decimal = Decimal(1)
    floor: Decimal = Decimal(0)
    cap: Decimal | None = None
    zero_when_missed: bool = False
    scale: Decimal | None = None
    base_points: Decimal | None = None


@attrs.frozen
class Proportional:
    """Points in proportion to completion; ``inverse``: target ÷ actual (written out as such), None: by the
    target's direction; ``for_direction``: the rule says it is for 正向 or 反向 targets only."""

    inverse: bool | None = None
    for_direction: str = ""


@attrs.frozen
class AllOrNothing:
    """The target met → the 分值; otherwise 0."""


@attrs.frozen
class Category:
    """A category named in words (``有结余,但不超过上年结转``) and its award, or a fixed deduction from the 分值."""

    text: str
    award: Award | None = None
    deduct: Decimal | None = None
    column: int = 1


@attrs.frozen
class Categorical:
    """The actual names a category (``无结余``); its points are given."""

    categories: tuple[Category, ...]


@attrs.frozen
class Element:
    """One element of a 要素法 rule: its marker (①), what it asks and its points."""

    marker: str
    text: str
    points: Decimal
    column: int = 1


@attrs.frozen
class Elements:
    """Points for each element the actual names as met (``①②``, ``①、③``, ``全部``)."""

    items: tuple[Element, ...]


@attrs.frozen
class Graded:
    """The MOF three tiers (A6), with the bands the rule writes (shares of the 分值, low to high)."""

    bands: tuple[tuple[Decimal, Decimal], ...] = ()


@attrs.frozen
class Default:
    """A remark only: the row is scored by the default rule for its target (A1)."""

    remark: Remark
    threshold: Decimal | None = None  # 130% for an EXPLAIN remark


Family = Union[Proportional, AllOrNothing, Stepped, Tiered, Categorical, Elements, Graded, Default]  # noqa: UP007 - runtime alias


@attrs.frozen
class WrittenRule:
    """A 赋分规则 text and what it means; ``top`` is the most points the rule says it gives (``计5分``), if it
    says; ``stated`` the target the rule states (checked against the row's); ``notes`` what the reader noticed."""

    text: str
    family: Family
    top: Decimal | None = None
    stated: Stated | None = None
    notes: tuple[str, ...] = ()

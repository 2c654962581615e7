"""Whether a row scored by a rule written out in words met its own target (A8, A12).

A rule of steps, tiers, categories or elements gives points; whether the row is 达标 is a separate question, asked
of the row's own 指标值: a number or a date the actual can be compared with decides it (``≥95%`` with 92% is
未达标 even when the rule's tier ``≥90%`` gives its points). :func:`met_target` answers None when the target and
the actual cannot be compared (a qualitative target, an actual in words): the caller decides by the points.
Nothing here adds a step or a warning: the actual is read again quietly.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.engine.convert import ConversionError, convert_actual, in_unit
from scoring.engine.options import EqualFormula
from scoring.engine.vocabulary import Tier, tier_of
from scoring.engine.work import Work
from scoring.language.errors import ParseError
from scoring.language.targets import Bound, Comparator, Date, Deadline, Described, Period, Range, Target
from scoring.text import normalize

__all__ = ["met_target"]


def _actual(work: Work) -> Target | None:
    """The actual as read, with no warning (None when it cannot be read)."""
    if work.actual_part is not None:
        return work.actual_part
    try:
        actual = work.reader.actual(work.indicator.actual or "", work.year)
    except ParseError:
        return None
    return actual.target if isinstance(actual, Described) else actual


def _value(work: Work, target: Bound | Range) -> Decimal | None:
    """The actual in the unit of the target (of its high end for a range), or None."""
    reference = target.amount if isinstance(target, Bound) else target.high
    actual = _actual(work)
    if not isinstance(actual, Bound):
        return None
    try:
        texts = (work.actual_text, work.indicator.target)
        return convert_actual(actual.amount, reference, work.reader.units, texts).value
    except (ConversionError, ArithmeticError, ValueError, TypeError):
        return None


def met_target(work: Work, target: Target) -> bool | None:
    """Whether the actual meets the row's own target, as 直接赋分 would judge it (A1), or None when the two
    cannot be compared (a qualitative target, or an actual that is no number or date)."""
    if isinstance(target, Deadline | Date | Period):
        due = target.due
        if due is None:
            return None
        tier = tier_of(normalize(work.actual_text))  # 按时完成 / 未完成
        if tier in (Tier.ACHIEVED, Tier.FAILED):
            return tier is Tier.ACHIEVED
        actual = _actual(work)
        if isinstance(actual, Date | Deadline | Period) and actual.date is not None:
            return actual.date <= due
        return None
    if isinstance(target, Range):
        value = _value(work, target)
        if value is None:
            return None
        return in_unit(target.low, target.high, work.reader.units) <= value <= target.high.value
    if isinstance(target, Bound):
        value = _value(work, target)
        if value is None:
            return None
        t = target.amount.value
        if target.op is Comparator.EQ and work.policy.equal is EqualFormula.SYMMETRIC and not target.implied:
            return value == t
        if target.op is Comparator.EQ and t == 0 and not work.reverse:
            return value <= 0  # =0 or a bare 0 wants nothing at all, as rules.equal reads it (A4)
        return value <= t if work.reverse else value >= t
    return None

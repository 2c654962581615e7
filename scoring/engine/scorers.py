"""How a row of each target shape is scored: read the actual, convert it, call the rule of Part A.

Each scorer takes the row being worked on (:class:`Work`) and its typed target and returns the rule's
:class:`~scoring.engine.rules.Outcome`; what it notices on the way (warnings, conversion steps, flags) goes on
the ``Work``. Which scorer a row gets is decided by the table in :mod:`scoring.engine.choose`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import scoring.engine.rules as rules
from scoring.engine.convert import ConversionError, convert_actual, in_unit
from scoring.engine.policy import EqualFormula, SatisfactionFormula
from scoring.engine.results import FLAG_OVER
from scoring.engine.rules import Outcome
from scoring.engine.steps import Num, Step, StepKind, step
from scoring.engine.vocabulary import Tier, tier_of, tier_words
from scoring.engine.work import RowError, Work
from scoring.language.targets import Amount, Bound, Comparator, Date, Deadline, Period, Qualitative, Range, Target
from scoring.numbers import HUNDRED, percent, q2, show, written
from scoring.text import normalize

__all__ = ["RowError", "Work", "actual_number", "bound", "dated", "qualitative_direct", "qualitative_graded", "range_direct",
           "range_proportional", "unscorable"]  # fmt: skip


# --- numbers ---------------------------------------------------------------------------------------------------


def _example(reference: Amount) -> str:
    return f"{show(reference.value)}{reference.unit_text}"


def _actual_number(work: Work, reference: Amount) -> Num:
    """The actual as a number in the target's unit (A7), with its warnings and conversion steps."""
    actual = work.read_actual()
    if not isinstance(actual, Bound):
        raise RowError(f"数值指标的实际完成值应为数值（如“{_example(reference)}”），却是“{work.actual_text}”")
    if not actual.implied:
        work.warnings.append(f"实际完成值带比较符“{actual.op.symbol}”，按{actual.amount}计")
    if actual.approximate:
        work.warnings.append(f"实际完成值为约数，按{actual.amount}计")
    texts = (work.actual_text, work.indicator.target)
    try:
        conversion = convert_actual(actual.amount, reference, work.reader.units, texts)
    except ConversionError as exc:
        raise RowError(str(exc)) from exc
    work.steps.extend(conversion.steps)
    work.warnings.extend(conversion.warnings)
    return Num.of(reference, conversion.value)


#: The actual as a number in a target amount's unit, with its warnings and conversion steps (for engine/written*).
actual_number = _actual_number

BoundRule = Callable[[Work, Bound, Num, Num], Outcome]


def bound(rule: BoundRule) -> Callable[[Work, Bound], Outcome]:
    """A scorer for a ``Bound`` target that applies ``rule`` to the converted actual, then the checks every
    bound gets: a strict comparator met exactly (a warning) and the 超额 flag for 正向 targets (A8)."""

    def score(work: Work, target: Bound) -> Outcome:
        a = _actual_number(work, target.amount)
        work.actual_read()
        t = Num.of(target.amount, written=True)
        outcome = rule(work, target, a, t)
        op = target.op
        if op in (Comparator.GT, Comparator.LT) and a.value == t.value:
            work.warnings.append(f"严格比较“{op.symbol}”：实际完成值等于指标值，按达到计")
        if not work.reverse and t.value > 0 and a.value / t.value >= work.policy.over_threshold:
            work.flags.append(FLAG_OVER)
            work.warnings.append(
                f"实际完成值达到指标值的{percent(a.value / t.value)}（≥{percent(work.policy.over_threshold)}），"
                "需说明超额原因"
            )
        return outcome

    score.__name__ = f"bound_{rule.__name__.strip('_')}"
    score.__doc__ = rule.__doc__
    return score


def positive(work: Work, target: Bound, a: Num, t: Num) -> Outcome:
    """正向 (A2)."""
    return rules.positive(a, t, work.weight)


def reverse(work: Work, target: Bound, a: Num, t: Num) -> Outcome:
    """反向 (A3), with the policy's formula."""
    return rules.reverse(a, t, work.weight, work.policy.reverse)


def equal(work: Work, target: Bound, a: Num, t: Num) -> Outcome:
    """A written ``=`` (A4) with the policy's formula; a bare value (``280人次``) always as 正向 (A2)."""
    formula = EqualFormula.POSITIVE if target.implied else work.policy.equal
    return rules.equal(a, t, work.weight, formula)


def satisfaction(work: Work, target: Bound, a: Num, t: Num) -> Outcome:
    """满意度赋分 (A1): as 正向 / ``=``, or w × the rate itself under the ``rate`` option."""
    if work.policy.satisfaction is not SatisfactionFormula.RATE:
        return equal(work, target, a, t) if target.op is Comparator.EQ else positive(work, target, a, t)
    if target.amount.unit_text != "%":
        raise RowError(f"满意度乘分值需要百分比指标值，却是“{target}”")
    # the target decides 达标/未达标; the rate only decides the points
    return rules.rate_times_weight(a.value / HUNDRED, work.weight, a)._replace(achieved=a.value >= t.value)


def direct(work: Work, target: Bound, a: Num, t: Num) -> Outcome:
    """直接赋分 on a number (A1): the target met in its direction → w, otherwise 0."""
    met = a.value <= t.value if work.reverse else a.value >= t.value
    if target.op is Comparator.EQ and work.policy.equal is EqualFormula.SYMMETRIC and not target.implied:
        met = a.value == t.value
    kind = StepKind.TARGET_REACHED if met else StepKind.TARGET_MISSED
    return rules.all_or_nothing(met, work.weight, step(kind, a=a, target=str(target)))


def range_proportional(work: Work, target: Range) -> Outcome:
    """Ranges (A5), proportional outside the range."""
    a = _actual_number(work, target.high)
    low = Num.of(target.low, written=True)
    high = Num.of(target.high, written=True)
    return rules.within(a, low, high, work.weight, low_value=in_unit(target.low, target.high, work.reader.units))


def range_direct(work: Work, target: Range) -> Outcome:
    """直接赋分 on a range (A1): inside → w, otherwise 0."""
    a = _actual_number(work, target.high)
    inside = in_unit(target.low, target.high, work.reader.units) <= a.value <= target.high.value
    kind = StepKind.INSIDE_TARGET if inside else StepKind.OUTSIDE_TARGET
    return rules.all_or_nothing(inside, work.weight, step(kind, a=a, target=str(target)))


# --- dates -------------------------------------------------------------------------------------------------------


def dated(work: Work, target: Deadline | Date | Period) -> Outcome:
    """Deadlines and dates (A5): on or before the last day on time → w; words such as 按时完成 / 未完成 count."""
    ind = work.indicator
    due = target.due
    if due is None:
        raise RowError(f"指标值“{ind.target}”未写年份，且指标表未给出年度")
    words = normalize(work.actual_text)
    tier = tier_of(words)
    if tier is Tier.ACHIEVED:
        return rules.all_or_nothing(True, work.weight, step(StepKind.WORDS_ON_TIME, words=words))
    if tier is Tier.FAILED:
        return rules.all_or_nothing(False, work.weight, step(StepKind.WORDS_LATE, words=words))
    if tier is Tier.PARTIAL:
        raise RowError(f"时效指标只有按时与逾期之分，实际完成值“{work.actual_text}”应为日期或“按时完成/未完成”")
    actual = work.read_actual()
    if not isinstance(actual, Date | Deadline | Period):
        raise RowError(f"时效指标的实际完成值应为日期或“按时完成/未完成”，却是“{work.actual_text}”")
    done = actual.date
    if done is None:
        raise RowError(f"实际完成值“{work.actual_text}”未写年份，且指标表未给出年度")
    if isinstance(actual, Date) and actual.when.precision != "day":
        precision = "月" if actual.when.precision == "month" else "年"
        work.steps.append(step(StepKind.PARTIAL_DATE, actual=work.actual_text, precision=precision))
    return rules.on_time(done, due, work.weight)


# --- qualitative targets -------------------------------------------------------------------------------------------

_EXPLICIT = re.compile(r"^(?P<words>.+?)\((?P<num>\d+(?:\.\d+)?)(?P<unit>%|分)?\)$")


def _tier(work: Work, target: Qualitative) -> tuple[Tier, re.Match[str] | None]:
    text = normalize(work.actual_text)
    explicit = _EXPLICIT.match(text)
    tier = tier_of(explicit.group("words") if explicit else text, target.text)
    if tier is None:
        accepted = "、".join(tier_words())
        raise RowError(
            f"无法判断评判等级：实际完成值“{work.actual_text}”应为{accepted}之一（或指标值原文“{target.text}”）"
        )
    return tier, explicit


def qualitative_direct(work: Work, target: Qualitative) -> Outcome:
    """直接赋分 on a 定性 row (A1, A6): 达成 → w, otherwise 0."""
    tier, _ = _tier(work, target)
    return rules.all_or_nothing(tier is Tier.ACHIEVED, work.weight, step(StepKind.TIER_IS, tier=tier))


def qualitative_graded(work: Work, target: Qualitative) -> Outcome:
    """按评判等级赋分 (A6): the point given in the actual, else the self-reported 得分, else the tier's default."""
    tier, explicit = _tier(work, target)
    work.actual_read()
    w = work.weight
    ind = work.indicator
    source: Step
    if explicit:
        number = Decimal(explicit.group("num"))
        unit = explicit.group("unit")
        if unit is None:
            raise RowError(f"评判等级后的“{number}”请写明是百分比（%）还是分数（分）")
        fraction = number / HUNDRED if unit == "%" else number / w if w else Decimal(0)
        source = step(StepKind.GIVEN, point=Num(number, unit, written=True))
    elif ind.reported is not None and tier.contains(ind.reported / w if w else Decimal(0)):
        fraction = ind.reported / w if w else Decimal(0)
        source = step(StepKind.SELF_REPORTED, points=Num(ind.reported, written=True))
    else:
        if ind.reported is not None:  # outside its tier's band: an audit difference, not an unscorable row (A6)
            work.warnings.append(
                f"自评得分{written(ind.reported)}分不在“{tier.label}”的区间{tier.band()}（{_points_band(tier, w)}）内，"
                "按默认取值计分，差异列入审核"
            )
        fraction = work.policy.tier_point(tier)
        source = step(StepKind.DEFAULT_POINT)
    if not tier.contains(fraction):
        band = _points_band(tier, w)
        raise RowError(f"“{tier.label}”的得分应在分值的{tier.band()}（{band}）内，却是{q2(w * fraction)}分")
    return rules.graded(tier, fraction, w, source)


def _points_band(tier: Tier, w: Decimal) -> str:
    """A tier's band in points, saying whether its top is included: ``12.00分至16.00分，不含16.00分``."""
    low, high = q2(w * tier.low), q2(w * tier.high)
    return f"{low}分至{high}分" if tier.high_included else f"{low}分至{high}分，不含{high}分"


def unscorable(work: Work, target: Target) -> Outcome:
    """A placeholder target (``/``, ``不适用``) has nothing to score against."""
    raise RowError(f"指标值“{work.indicator.target}”是空白占位，没有可评分的目标")


def written_parts(work: Work, target: Target) -> Outcome:
    """A rule written out in words (A12) on one value of a several-valued row (``300人、50人``)."""
    raise RowError(
        f"赋分规则“{work.indicator.rule.strip()}”按一个指标值计分，不适用于多项指标值“{work.indicator.target}”"
    )

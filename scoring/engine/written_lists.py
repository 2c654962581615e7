"""Rules that list their cases (A12): tier tables and deviation bands, categories named in words, elements (①②③).

A tier table finds the tier the actual (or its completion rate, or its deviation) falls in; a value on a bound
two tiers share belongs to the tier that marks it (含, ≥, ≤), else to the first listed. A value in no tier is an
error naming the value (the rule does not say), except beyond the outermost deviation band, which gets 0.
达标 is whether the actual meets the row's own target (:func:`~scoring.engine.written_met.met_target`); where the
two cannot be compared (a qualitative target), whether the row got its full 分值.
"""

from __future__ import annotations

import re
from decimal import Decimal

from scoring.engine.rules import Outcome
from scoring.engine.scorers import RowError, Work, actual_number
from scoring.engine.steps import Num, Pct, Pts, Step, StepKind, step
from scoring.engine.written_fit import opposite_standard
from scoring.engine.written_met import met_target
from scoring.language.errors import ParseError
from scoring.language.rule_model import Award, Categorical, Elements, Metric, Tier, Tiered, WrittenRule
from scoring.language.rule_text import CIRCLED
from scoring.language.targets import Bound, Date, Deadline, Period, Range, Target
from scoring.numbers import HUNDRED, exact_percent, q2, written
from scoring.text import phrase

__all__ = ["award", "score_categorical", "score_elements", "score_tiered"]

K = StepKind
ZERO = Decimal(0)


def award(work: Work, given: Award) -> tuple[Decimal, Step]:
    """The points an award gives on this row (capped at the 分值) and the step that says so."""
    w = work.weight
    if given.band is not None:
        low, high = given.band
        reported = work.indicator.reported
        if reported is not None and low <= reported <= high:
            points, shown = reported, step(K.AWARD_BAND_REPORTED, low=Num(low, written=True),
                                           high=Num(high, written=True), points=Pts(q2(reported)))  # fmt: skip
        else:
            if reported is not None:
                work.warnings.append(f"自评得分{written(reported)}分不在该档的得分区间{written(low)}至{written(high)}分内，"
                                     f"按上限{written(high)}分计")  # fmt: skip
            points, shown = high, step(K.AWARD_BAND_TOP, low=Num(low, written=True), high=Num(high, written=True),
                                       points=Pts(q2(high)))  # fmt: skip
    elif given.points is not None:
        points, shown = given.points, step(K.AWARD_POINTS, points=Pts(q2(given.points)))
    elif given.share is not None:
        points = w * given.share
        shown = step(K.AWARD_SHARE, share=Pct(given.share), w=Num(w), points=Pts(q2(points)))
    else:
        points, shown = w, step(K.AWARD_FULL, w=Pts(q2(w)))
    if points > w:
        work.warnings.append(f"赋分规则给{written(points)}分，超过本行分值{written(w)}分，按分值计")
        return w, step(K.AWARD_CAPPED, given=Num(points, written=True), w=Num(w))
    return points, shown


def _metric(work: Work, target: Target, rule: Tiered) -> tuple[Decimal, Num | Pct, list[Step]]:
    """The value the tiers are compared with, how it is shown, and the steps that computed it."""
    amount = target.amount if isinstance(target, Bound) else target.high if isinstance(target, Range) else None
    if amount is None:
        if rule.metric is not Metric.VALUE:
            raise RowError(f"按{rule.metric.value}分档需要数值指标值，本行指标值为“{work.indicator.target}”")
        actual = work.read_actual()
        if not isinstance(actual, Bound):
            raise RowError(f"分档赋分需要数值的实际完成值，却是“{work.actual_text}”")
        return actual.amount.value, Num(actual.amount.value, actual.amount.unit_text), []
    a = actual_number(work, amount)
    if rule.metric is Metric.VALUE:
        unit = next((t.interval.unit for t in rule.tiers if t.interval.unit), "")
        if not a.unit and not amount.unit_text and unit:  # a unitless target (=0) against tiers in %: shown in %
            read = work.read_actual()
            if isinstance(read, Bound) and read.amount.unit_text == unit:
                a = a._replace(unit=unit)
            elif isinstance(read, Bound) and not read.amount.unit_text:
                a = a._replace(unit=unit)
                work.warnings.append(f"指标值与实际完成值均未写单位：实际完成值{written(a.value)}按赋分规则分档的单位"
                                     f"读作{written(a.value)}{unit}")  # fmt: skip
        if unit and a.unit and unit != a.unit:
            raise RowError(f"赋分规则分档的单位“{unit}”与指标值的单位“{a.unit}”不一致")
        return a.value, a, []
    t = Num.of(amount, written=True)
    if t.value <= 0:
        raise RowError(f"指标值为{t.value}，无法计算{rule.metric.value}")
    if rule.metric is Metric.RATE:
        ratio = a.value / t.value
        shown = step(K.RATIO, label="完成率", num=a, den=t, ratio=Pct(ratio), exact=exact_percent(ratio))
    else:
        ratio = abs(a.value - t.value) / t.value
        shown = step(K.DEVIATION, a=a, t=t, pct=Pct(ratio))
    return ratio * HUNDRED, Pct(ratio), [shown]


def _find(tiers: tuple[Tier, ...], value: Decimal) -> Tier | None:
    inside = [t for t in tiers if t.interval.contains(value)]
    claimed = [t for t in inside if t.interval.claims(value)]
    chosen = claimed or inside
    return chosen[0] if chosen else None


def score_tiered(work: Work, target: Target, rule: WrittenRule) -> Outcome:
    """Tier tables and deviation bands (A12): the tier the value falls in gives its points."""
    family = rule.family
    assert isinstance(family, Tiered)
    opposite = opposite_standard(rule, target, work.reverse)
    if opposite is not None:
        raise RowError(opposite[1])
    value, shown, steps = _metric(work, target, family)
    work.actual_read()
    tier = _find(family.tiers, value)
    if tier is None:
        if family.metric is Metric.DEVIATION:
            steps.append(step(K.TIER_NONE_ZERO, metric=family.metric.value, value=shown))
            return Outcome(q2(ZERO), None, False, tuple(steps))
        listed = "；".join(t.text for t in family.tiers)
        raise RowError(
            f"{family.metric.value}{_plain(shown)}不在赋分规则所列的任何一档（{listed}），规则未说明如何计分"
        )
    points, given = award(work, tier.award)
    steps.append(step(K.TIER_HIT, metric=family.metric.value, value=shown, tier=tier.text, award=given))
    met = met_target(work, target)
    if met is False and isinstance(shown, Num) and _is_best(family, tier, work.weight):
        # the best tier's points, yet short of the row's own target: say why the row is 未达标
        steps.append(step(K.TARGET_MISSED, a=shown, target=str(target)))
    return Outcome(q2(points), None, points >= work.weight if met is None else met, tuple(steps))


def _is_best(family: Tiered, tier: Tier, w: Decimal) -> bool:
    def top(given: Award) -> Decimal:
        if given.band is not None:
            return given.band[1]
        if given.points is not None:
            return given.points
        return w * given.share if given.share is not None else w

    return top(tier.award) >= max(top(t.award) for t in family.tiers)


def _plain(shown: Num | Pct) -> str:
    if isinstance(shown, Pct):
        return f"{written(q2(shown.ratio * HUNDRED))}%"
    return f"{written(shown.value)}{shown.unit}"


_PUNCTUATION = re.compile("[,，;；、。.:：\"'“”\u2018\u2019…⋯]")
_SAME = (("没有", "不"), ("未", "不"), ("但是", ""), ("但", ""))
_NEGATION = frozenset("不未没无非")


def _key(text: str) -> str:
    """The words of a category or an actual as compared: no punctuation or 的, 但 dropped, 未/没有 read as 不."""
    key = _PUNCTUATION.sub("", phrase(text)).removesuffix("的")
    for word, same in _SAME:
        key = key.replace(word, same)
    return key


def _matches(words: str, key: str) -> int:
    """How well the actual's words name a category: the length of the part they name, or 0.

    A category named whole (``本年无结余`` names ``无结余``), or one of its alternatives (``达到业主工期要求`` names
    ``达到合同工期或业主工期要求``); never after a negation (``不存在工期滞后`` does not name ``工期滞后``)."""
    if not key:
        return 0
    if key == words:
        return len(key) + 1
    best = 0
    for alternative in (key, *key.split("或")):
        at = words.find(alternative) if alternative else -1
        if at >= 0 and not _NEGATION & set(words[:at]):
            best = max(best, len(alternative))
    return best


def _is_date(work: Work) -> bool:
    """Whether the actual is a date (2026年7月5日), which no category written in words can name."""
    try:
        actual = work.reader.actual(work.indicator.actual or "", work.year)
    except ParseError:
        return False
    return isinstance(actual, Date | Deadline | Period)


def score_categorical(work: Work, target: Target, rule: WrittenRule) -> Outcome:
    """Categories (A12): the category the actual's words name gives its points (or its fixed deduction)."""
    family = rule.family
    assert isinstance(family, Categorical)
    words = _key(work.actual_text)
    scored = [(_matches(words, _key(c.text)), c) for c in family.categories]
    longest = max((n for n, _ in scored), default=0)
    found = [c for n, c in scored if n == longest and n > 0]
    if len(found) != 1:
        listed = "、".join(f"“{c.text}”" for c in family.categories)
        if not found and _is_date(work):
            raise RowError(f"赋分规则按文字所写的情形计分（{listed}），实际完成值“{work.actual_text}”是日期，"
                           "无法对应到情形：请写明属于哪一种情形")  # fmt: skip
        which = "无法确定属于哪一种情形" if found else "不是赋分规则所列的情形"
        raise RowError(f"实际完成情况“{work.actual_text}”{which}；应为：{listed}")
    category = found[0]
    work.actual_read()
    w = work.weight
    if category.deduct is not None:
        points = max(w - category.deduct, ZERO)
        line = step(K.CATEGORY_DEDUCT, words=work.actual_text.strip(), category=category.text,
                    d=Num(category.deduct, written=True), w=Num(w), points=Pts(q2(points)))  # fmt: skip
        met = met_target(work, target)
        return Outcome(q2(points), None, points >= w if met is None else met, (line,))
    assert category.award is not None
    points, given = award(work, category.award)
    line = step(K.CATEGORY_HIT, words=work.actual_text.strip(), category=category.text, award=given)
    met = met_target(work, target)
    return Outcome(q2(points), None, points >= w if met is None else met, (line,))


_ALL = ("全部", "均已", "均达到", "均完成", "全部达到", "全部完成", "都已", "均符合")
_NONE = ("均未", "全部未", "都未", "无")
_NEGATIVE = ("未", "没有", "不")
_PIECES = re.compile(r"[,，;；。]")


def score_elements(work: Work, target: Target, rule: WrittenRule) -> Outcome:
    """Elements (要素法, A12): the points of each element the actual names as met (``①②``, ``全部``)."""
    family = rule.family
    assert isinstance(family, Elements)
    text = work.actual_text.strip()
    markers = {i.marker for i in family.items}
    met: set[str] = set()
    named = False
    for piece in _PIECES.split(text):
        found = [c for c in piece if c in CIRCLED]
        if not found:
            continue
        named = True
        rest = "".join(c for c in piece if c not in CIRCLED)
        if not any(rest.startswith(n) or rest.startswith("、" + n) for n in _NEGATIVE):
            met.update(c for c in found if c in markers)
    if not named:
        key = phrase(text)
        if any(key.startswith(word) for word in _NONE):
            met = set()
        elif any(word in key for word in _ALL):
            met = set(markers)
        else:
            listed = "、".join(i.marker for i in family.items)
            raise RowError(f"要素法赋分需要写明达到的要素（如“{listed[:3]}”或“全部”），实际完成值却是“{text}”")
    work.actual_read()
    unknown = [c for c in text if c in CIRCLED and c not in markers]
    if unknown:
        work.warnings.append(f"实际完成值中的要素“{'、'.join(unknown)}”不在赋分规则中，不计分")
    chosen = [i for i in family.items if i.marker in met]
    total = sum((i.points for i in chosen), ZERO)
    shown = "、".join(f"{i.marker}（{written(i.points)}分）" for i in chosen) or "无"
    steps: list[Step] = [step(K.ELEMENTS_MET, met=shown, sum=Pts(q2(total)))]
    points = total
    if total > work.weight:
        points = work.weight
        steps.append(step(K.AWARD_CAPPED, given=Num(total, written=True), w=Num(work.weight)))
    reached = met_target(work, target)
    return Outcome(q2(points), None, points >= work.weight if reached is None else reached, tuple(steps))

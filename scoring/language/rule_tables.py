"""Rules that list clauses, each with its points: tier tables and deviation bands, categories, elements (①②③).

Each clause is the parts up to a points part (``计5分``, ``(41-59)``, ``不得分``); what comes before the points in
that clause says when they apply: a condition on a number (``80%(含)-90%``), words (``无结余``) or an element
marker (``①``).
"""

from __future__ import annotations

from decimal import Decimal

from scoring.language.reject import Reject
from scoring.language.rule_model import (
    Award,
    Categorical,
    Category,
    Element,
    Elements,
    Interval,
    Metric,
    Stated,
    Tier,
    Tiered,
)
from scoring.language.rule_parts import Part
from scoring.language.targets import Comparator

__all__ = ["award_of", "categorical", "elements", "interval_of", "stated_of", "tiered"]

_CONDITIONS = ("compared", "between", "deviation")
#: Words that, alone before points, mean the target was fully reached (全部完成(60分)).
_ALL_DONE = ("全部完成", "全面完成", "全部达到", "完成全部", "100%完成")
#: Words that, right before a condition, name the completion rate actual ÷ target as what is measured (完成率≥90%,
#: like 完成90%以上); an indicator named so (项目完成率≥90%) is a value of its own.
_RATE_WORDS = ("完成", "完成率", "完成比例", "完成程度", "完成比率", "目标完成率", "任务完成率", "指标完成率",
               "目标完成比例", "任务完成比例", "实际完成率")  # fmt: skip


def award_of(part: Part) -> Award:
    """The award of a points part."""
    values = part.values
    if values.get("full"):
        return Award()
    if values.get("share") is not None:
        return Award(share=values["share"])
    if values.get("band") is not None:
        return Award(band=values["band"])
    return Award(points=values["points"])


def _award_top(award: Award) -> Decimal | None:
    if award.points is not None:
        return award.points
    return award.band[1] if award.band is not None else None


def stated_of(part: Part) -> Stated:
    """A ``compared`` part as a target stated inside the rule."""
    op, amount = part.values["op"], part.values["amount"]
    inclusive = part.values.get("inclusive")
    if inclusive is True:
        op = {Comparator.GT: Comparator.GE, Comparator.LT: Comparator.LE}.get(op, op)
    elif inclusive is False:
        op = {Comparator.GE: Comparator.GT, Comparator.LE: Comparator.LT}.get(op, op)
    return Stated(op, amount.value, amount.unit, part.pos)


def interval_of(part: Part) -> Interval:
    """The interval a condition part describes, its bounds as written (None where not marked)."""
    values = part.values
    if part.kind == "compared":
        stated = stated_of(part)
        value, unit, op = stated.value, stated.unit, stated.op
        if op is Comparator.EQ:
            return Interval(value, True, value, True, unit)
        if op in (Comparator.GE, Comparator.GT):
            return Interval(value, op is Comparator.GE, None, None, unit)
        return Interval(None, None, value, op is Comparator.LE, unit)
    if part.kind == "between":
        low, high = values["low"], values["high"]
        if low.value > high.value:
            raise Reject(part.pos, f"区间“{part.text}”的下限大于上限")
        return Interval(low.value, values["low_closed"], high.value, values["high_closed"], high.unit or low.unit)
    low, high = values["low"], values["high"]  # deviation: ±a%-±b%(含)以内, or ±b%(含)以内
    if low is None:
        return Interval(Decimal(0), True, high.value, values["high_closed"], high.unit)
    return Interval(low.value, False, high.value, values["high_closed"], high.unit or low.unit)


def _clauses(parts: list[Part]) -> list[tuple[list[Part], Part]]:
    """The parts before each points part (or fixed deduction), and that part; parts after the last are refused."""
    clauses: list[tuple[list[Part], Part]] = []
    pending: list[Part] = []
    for part in parts:
        if part.kind in ("points", "deduct"):
            clauses.append((pending, part))
            pending = []
        elif part.kind not in ("floor", "cap", "top", "remark"):
            pending.append(part)
    for part in pending:
        if part.kind in _CONDITIONS:
            raise Reject(part.pos, f"条件“{part.text}”后未写分值（如“计3分”）")
    rest = [p for p in pending if p.kind != "sep"]
    if rest:
        words = _words(rest)
        raise Reject(rest[0].pos, f"“{words if len(words) <= 20 else words[:20] + '…'}”无法理解：其后未写分值")
    return clauses


def _words(parts: list[Part]) -> str:
    words = "".join(p.text for p in parts if p.kind != "sep" or p.text in "、")
    return words.strip("、")


def tiered(parts: list[Part]) -> tuple[Tiered, Decimal | None, Stated | None]:
    """A tier table or deviation bands; its top points and the condition of its best tier (a stated target)."""
    tiers: list[Tier] = []
    metric = Metric.VALUE
    best: tuple[Decimal, Part] | None = None
    for before, points in _clauses(parts):
        if points.kind == "deduct":
            raise Reject(points.pos, f"分档规则中，“{points.text}”应写成该档的得分（如“计3分”）")
        award = award_of(points)
        conditions = [p for p in before if p.kind in _CONDITIONS]
        words = _words([p for p in before if p.kind not in _CONDITIONS])
        if len(conditions) > 1:
            raise Reject(conditions[1].pos, f"一档只能有一个条件，“{conditions[1].text}”是多余的")
        if conditions:
            condition = conditions[0]
            if condition.kind == "deviation":
                metric = Metric.DEVIATION
            elif words.endswith("完成") or words.split("、")[-1] in _RATE_WORDS:
                metric = Metric.RATE
            interval = interval_of(condition)
            column, shown = condition.pos, words + condition.text
        elif any(word in words for word in _ALL_DONE):
            metric = Metric.RATE
            interval, column, shown = Interval(Decimal(100), True, None, None, "%"), points.pos, words
        elif any(p.kind == "amount" for p in before):  # 到期后9个月提交(3-5): a number but no 内, 以上, ≥ …
            written_parts = [p for p in before if p.kind != "sep"]
            said = "".join(p.text for p in written_parts)
            raise Reject(written_parts[0].pos, f"条件“{said}”未写比较（如“内”“以内”“以上”“≥”），"
                                               f"无法确定分值“{points.text}”适用的范围")  # fmt: skip
        else:
            raise Reject(points.pos, f"分值“{points.text}”前未写条件（如“≥90%”“80%(含)-90%”）")
        tiers.append(Tier(interval, award, column, shown))
        top = _award_top(award)
        if conditions and conditions[0].kind == "compared" and top is not None and (best is None or top > best[0]):
            best = (top, conditions[0])
    _no_overlap(tiers)
    tops = [t for t in (_award_top(tier.award) for tier in tiers) if t is not None]
    stated = stated_of(best[1]) if best is not None and metric is Metric.VALUE else None
    return Tiered(tuple(tiers), metric), (max(tops) if tops else None), stated


def _overlap(a: Interval, b: Interval) -> bool:
    """Whether two intervals share more than a bound (80%-90% and 85%-95% do; 80%-90% and 90%-100% do not)."""
    lows = [x for x in (a.low, b.low) if x is not None]
    highs = [x for x in (a.high, b.high) if x is not None]
    return not lows or not highs or max(lows) < min(highs)


def _inside(a: Interval, b: Interval) -> bool:
    """Whether ``a`` is one-sided in the same direction as ``b`` and inside it (≥90% in ≥80%; ≤5% in ≤10%)."""
    if a.high is None and b.high is None and a.low is not None and b.low is not None:
        return a.low >= b.low
    if a.low is None and b.low is None and a.high is not None and b.high is not None:
        return a.high <= b.high
    return False


def _no_overlap(tiers: list[Tier]) -> None:
    """Tiers whose conditions overlap are refused, at the later one: the rule does not say which applies.

    Thresholds listed from the highest (≥90%,5分;≥80%,4分;≥60%,3分 — or ≤5%,3分;≤10%,2分 from the lowest) are the
    usual way of writing tiers: a value takes the first that it reaches, so such a pair is not an overlap."""
    for later_index, later in enumerate(tiers):
        for earlier in tiers[:later_index]:
            if _overlap(earlier.interval, later.interval) and not _inside(earlier.interval, later.interval):
                raise Reject(later.column, f"分档“{later.text}”与前面的“{earlier.text}”重叠，规则未说明重叠部分"
                             f"按哪一档计分：各档应互不重叠（如“80%(含)-90%”“≥90%”），或按门槛从高到低列出"
                             f"（如“≥90%”在“≥80%”之前）")  # fmt: skip


def categorical(parts: list[Part]) -> tuple[Categorical, Decimal | None]:
    """Categories named in words, each with its points or a fixed deduction."""
    categories: list[Category] = []
    for before, points in _clauses(parts):
        words = _words(before)
        if not words:
            raise Reject(points.pos, f"分值“{points.text}”前未写适用的情形（如“无结余，3分”）")
        column = before[0].pos if before else points.pos
        if points.kind == "deduct":
            categories.append(Category(words, None, points.values["points"], column))
        else:
            categories.append(Category(words, award_of(points), None, column))
    tops = [t for t in (_award_top(c.award) for c in categories if c.award is not None) if t is not None]
    return Categorical(tuple(categories)), (max(tops) if tops else None)


def elements(parts: list[Part]) -> tuple[Elements, Decimal]:
    """Elements ①②③, each with its points (``①已制定…管理办法,1分``)."""
    items: list[Element] = []
    marker: Part | None = None
    words: list[Part] = []
    for part in parts:
        if part.kind == "element":
            if marker is not None:  # the element before this one has no points: point at it
                raise Reject(marker.pos, f"要素“{marker.text}”未写分值（如“1分”）")
            marker, words = part, []
        elif part.kind == "points" and marker is not None:
            if part.values.get("points") is None:
                raise Reject(part.pos, f"要素“{marker.text}”的分值应为具体分数（如“1分”）")
            items.append(Element(marker.text, _words(words), part.values["points"], marker.pos))
            marker = None
        elif marker is not None:
            words.append(part)
        elif part.kind not in ("sep", "text", "floor", "cap"):
            raise Reject(part.pos, f"要素法规则中，“{part.text}”无法理解")
    if marker is not None:
        raise Reject(marker.pos, f"要素“{marker.text}”未写分值（如“1分”）")
    return Elements(tuple(items)), sum((i.points for i in items), Decimal(0))

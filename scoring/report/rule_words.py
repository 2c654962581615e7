"""How a 赋分规则 reads: a typed :class:`~scoring.language.rule_model.WrittenRule` in Chinese, one line per clause.

``describe_rule(rule)`` says what the engine understood (``scoring rule``, the reading of a row's rule), so a user
can check it against the text; ``rule_as_dict(rule)`` (:mod:`scoring.report.rule_data`) is the same rule as data.
No arithmetic of scores here: a tier's unmarked bound is decided as the engine decides it (A12), and said so.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.language.rule_model import (
    AllOrNothing,
    Award,
    Categorical,
    Default,
    Direction,
    Elements,
    Graded,
    Interval,
    Measure,
    Metric,
    Proportional,
    Remark,
    Slope,
    Stepped,
    Tier,
    Tiered,
    WrittenRule,
)
from scoring.numbers import HUNDRED, plain, written
from scoring.report.rule_data import rule_as_dict

__all__ = ["SATISFACTION", "describe_rule", "rule_as_dict"]

#: How 满意度赋分 reads (a rule of Part A named by the policy, with no written family: A1, A2).
SATISFACTION = (
    "类型：满意度赋分",
    "按完成比例计分（正向）：得分 = 分值 × 实际完成值 ÷ 指标值",
    "评分口径 satisfaction = rate 时：得分 = 分值 × 满意度",
    "最低0分，最高不超过分值",
)

_GRADES = ("达成", "部分达成", "未达成")
_REMARKS = {
    Remark.CAP: "规则只说明得分不超过分值",
    Remark.EXPLAIN: "规则要求说明偏差原因及整改措施",
    Remark.NOT_APPLICABLE: "实际完成值为“不适用”时不考核该指标，按百分制折算",
    Remark.DEFINITION: "规则是指标的计算公式，不是计分方法",
    Remark.TIER_WORDS: "实际完成值填写“达成”“部分达成”“未达成”，按评判等级赋分",
}
_METRICS = {
    Metric.VALUE: "类型：分档计分（按实际完成值所在的档）",
    Metric.RATE: "类型：分档计分（按完成率 = 实际完成值 ÷ 指标值）",
    Metric.DEVIATION: "类型：偏离度分档（偏离度 = |实际完成值 − 指标值| ÷ 指标值）",
}
_UNMARKED = "分界值未注明含或不含时：归注明“含/≥/≤”的一档，都未注明时归先列出的一档"


def describe_rule(rule: WrittenRule, *, partial_steps: bool = False) -> tuple[str, ...]:
    """How ``rule`` reads, in Chinese, one line per clause (type, reference, points, steps, bounds, notes).

    ``partial_steps``: the policy counts a part step in proportion (else only whole steps count)."""
    family = rule.family
    lines: list[str]
    if isinstance(family, Proportional):
        lines = _proportional(family)
    elif isinstance(family, AllOrNothing):
        lines = ["类型：直接赋分（达标得满分）", "达到指标值得满分，未达到得0分"]
    elif isinstance(family, Stepped):
        lines = _stepped(family, rule.top, "不足一步按比例计" if partial_steps else "只计整步")
    elif isinstance(family, Tiered):
        lines = _tiered(family)
    elif isinstance(family, Categorical):
        lines = ["类型：按情形计分（实际完成情况写明属于哪一种情形）"]
        for c in family.categories:
            given = f"扣{written(c.deduct)}分（分值 − {written(c.deduct)}）" if c.deduct is not None else None
            lines.append(f"“{c.text}”：{given or _award(c.award or Award())}")
        lines.append("最高不超过分值")
    elif isinstance(family, Elements):
        lines = ["类型：要素法（达到哪几项要素，得其分数之和）"]
        lines.extend(f"{i.marker}{i.text}：{written(i.points)}分" for i in family.items)
        total = sum((i.points for i in family.items), Decimal(0))
        lines.append(f"全部达到得{written(total)}分，最高不超过分值")
    elif isinstance(family, Graded):
        lines = _graded(family)
    else:
        assert isinstance(family, Default)
        remark = _REMARKS[family.remark]
        if family.threshold is not None:
            remark += f"（完成率≥{written(family.threshold)}%时）"
        lines = ["类型：备注（不改变计分方法）", remark, "按本行指标值的默认规则计分"]
    if rule.top is not None and isinstance(family, Proportional | AllOrNothing | Graded | Default):
        lines.append(f"规则写明满分为{written(rule.top)}分")
    lines.extend(f"注意：{note}" for note in rule.notes)
    return tuple(lines)


def _proportional(family: Proportional) -> list[str]:
    if family.inverse is None:
        formula = "得分 = 分值 × 完成比例（按指标值方向：正向为实际完成值 ÷ 指标值，反向为指标值 ÷ 实际完成值）"
    elif family.inverse:
        formula = "得分 = 分值 × 指标值 ÷ 实际完成值（反向）"
    else:
        formula = "得分 = 分值 × 实际完成值 ÷ 指标值（正向）"
    lines = ["类型：按完成比例计分", formula]
    if family.for_direction:
        lines.append(f"规则写明适用于{family.for_direction}指标")
    lines.append("最低0分，最高不超过分值")
    return lines


def _percent(share: Decimal) -> str:
    return f"{plain(share * HUNDRED)}%"


def _award(given: Award) -> str:
    if given.band is not None:
        low, high = given.band
        return f"{written(low)}至{written(high)}分（取上限；自评得分在区间内时采用自评得分）"
    if given.points is not None:
        return f"{written(given.points)}分"
    if given.share is not None:
        return f"分值的{_percent(given.share)}"
    return "满分"


# ---- steps ---------------------------------------------------------------------------------------------------
def _stepped(family: Stepped, top: Decimal | None, whole: str) -> list[str]:
    signs = {0 if s.direction is Direction.BOTH else s.sign for s in family.slopes}
    kind = {frozenset({-1}): "按步长扣分", frozenset({1}): "按步长加分"}.get(frozenset(signs), "按步长加减分")
    lines = [f"类型：{kind}"]
    stated = family.reference
    if stated is not None:
        lines.append(f"标准：{stated.op.symbol}{written(stated.value)}{stated.unit}（赋分规则所写）")
    else:
        lines.append("标准：本行指标值")
    written_top = f"（规则写{written(top)}分）" if top is not None else ""
    if family.scale is not None and family.base_points is not None:
        base, scale = written(family.base_points), written(family.scale)
        lines.append(f"达到标准得{base}分（规则以{scale}分计：得分 = 规则的分数 × 分值 ÷ {scale}，"
                     f"起点为分值的{base}/{scale}）")  # fmt: skip
    elif family.base == 1:
        lines.append(f"达到标准得满分{written_top}")
    else:
        lines.append(f"起点为分值的{_percent(family.base)}{written_top}")
    lines.extend(_slope(s, whole) for s in family.slopes)
    if family.zero_when_missed:
        lines.append("实际完成情况为“未完成”时得0分")
    cap = f"（规则写最高{written(family.cap)}分）" if family.cap is not None else ""
    lines.append(f"最低{written(max(family.floor, Decimal(0)))}分，最高不超过分值{cap}")
    return lines


def _size(slope: Slope) -> str:
    size = written(slope.size)
    if slope.measure is Measure.POINTS:
        return f"{size}个百分点"
    if slope.measure is Measure.PERCENT:
        return f"{size}%"
    if slope.measure is Measure.DAYS:
        return f"{size}天"
    return f"{size}{slope.unit or '个单位'}"


def _slope(slope: Slope, whole: str) -> str:
    size, points = _size(slope), written(slope.points)
    against = slope.against or "标准"
    if slope.measure is Measure.EVENTS:
        return f"每发生{size}扣{points}分（实际完成值为发生次数）" if slope.sign < 0 else f"每发生{size}加{points}分"
    if slope.direction is Direction.BOTH:
        return f"每高于{against}{size}加{points}分，每低于{against}{size}扣{points}分，{whole}"
    verb = "扣" if slope.sign < 0 else "加"
    if slope.measure is Measure.DAYS and slope.direction is Direction.ABOVE and not slope.against:
        return f"每逾期{size}{verb}{points}分（按完成日期晚于时限的天数），{whole}"
    side = "超过" if slope.direction is Direction.ABOVE else "低于"
    how = f"（百分比指标按百分点计，其他指标按{against}的百分比计）" if slope.measure is Measure.PERCENT else ""
    return f"每{side}{against}{size}{verb}{points}分，{whole}{how}"


# ---- tiers ---------------------------------------------------------------------------------------------------
def _owner(tiers: tuple[Tier, ...], value: Decimal) -> Tier | None:
    """The tier a value belongs to, as the engine decides (a marked bound claims its value, else the first)."""
    inside = [t for t in tiers if t.interval.contains(value)]
    claimed = [t for t in inside if t.interval.claims(value)]
    chosen = claimed or inside
    return chosen[0] if chosen else None


def _closed(tiers: tuple[Tier, ...], tier: Tier, value: Decimal, marked: bool | None) -> bool:
    return marked if marked is not None else _owner(tiers, value) is tier


def _interval(family: Tiered, tier: Tier) -> tuple[str, Decimal | None, bool, Decimal | None, bool]:
    """A tier's interval in words, with its bounds and whether each is closed (unmarked bounds decided)."""
    i: Interval = tier.interval
    tiers = family.tiers
    low_closed = i.low is not None and _closed(tiers, tier, i.low, i.low_closed)
    high_closed = i.high is not None and _closed(tiers, tier, i.high, i.high_closed)
    u = i.unit
    if i.low is not None and i.high is not None:
        shown = (f"{written(i.low)}{u}（{'含' if low_closed else '不含'}）至"
                 f"{written(i.high)}{u}（{'含' if high_closed else '不含'}）")  # fmt: skip
        if i.low == 0 and low_closed and family.metric is Metric.DEVIATION:
            shown = f"{'≤' if high_closed else '<'}{written(i.high)}{u}"
    elif i.low is not None:
        shown = f"{'≥' if low_closed else '>'}{written(i.low)}{u}"
    elif i.high is not None:
        shown = f"{'≤' if high_closed else '<'}{written(i.high)}{u}"
    else:
        shown = "其余情形"
    return shown, i.low, low_closed, i.high, high_closed


def _covers(spans: list[tuple[str, Decimal | None, bool, Decimal | None, bool]]) -> bool:
    """Whether the tiers leave no gap from 0 upwards (a completion value, rate or deviation is never negative)."""
    reach, reach_closed = Decimal(0), False  # values below `reach` (and `reach` itself when closed) are covered
    for _, low, low_closed, high, high_closed in sorted(spans, key=lambda s: (s[1] is not None, s[1] or 0)):
        if low is not None and (low > reach or (low == reach and not (low_closed or reach_closed))):
            return False
        if high is None:
            return True
        if high > reach or (high == reach and high_closed):
            reach, reach_closed = high, high_closed
    return False


def _thresholds(tiers: tuple[Tier, ...]) -> bool:
    """Whether two one-sided tiers of the same side are nested (≥90% listed before ≥80%: the first reached wins)."""
    lows = [t.interval for t in tiers if t.interval.high is None and t.interval.low is not None]
    highs = [t.interval for t in tiers if t.interval.low is None and t.interval.high is not None]
    return len(lows) > 1 or len(highs) > 1


def _tiered(family: Tiered) -> list[str]:
    lines = [_METRICS[family.metric]]
    prefix = "" if family.metric is Metric.VALUE else family.metric.value
    spans = [_interval(family, t) for t in family.tiers]
    lines.extend(f"{prefix}{span[0]}：{_award(t.award)}" for span, t in zip(spans, family.tiers, strict=True))
    bounds = [(t.interval.low, t.interval.low_closed) for t in family.tiers]
    bounds += [(t.interval.high, t.interval.high_closed) for t in family.tiers]
    if any(value is not None and marked is None for value, marked in bounds):
        lines.append(_UNMARKED)
    if _thresholds(family.tiers):
        lines.append("各档按门槛依次列出（如“≥90%”在“≥80%”之前）：取先列出的、条件成立的一档")
    if not _covers(spans):
        lines.append("超出以上各档：0分" if family.metric is Metric.DEVIATION else "不在以上各档：规则未说明，无法评分")
    lines.append("最高不超过分值")
    return lines


def _graded(family: Graded) -> list[str]:
    lines = ["类型：按评判等级赋分（达成、部分达成、未达成三档，A6）"]
    bands = sorted(family.bands, key=lambda b: b[0], reverse=True)
    names = _GRADES if len(bands) == len(_GRADES) else tuple(f"第{n}档" for n in range(1, len(bands) + 1))
    for name, (low, high) in zip(names, bands, strict=True):
        closed = "（含）" if low else ""
        lines.append(f"{name}：分值的{_percent(low)}{closed}至{_percent(high)}")
    if not bands:
        lines.extend(("达成：分值的80%（含）至100%", "部分达成：分值的60%（含）至80%", "未达成：分值的0至60%"))
    return lines

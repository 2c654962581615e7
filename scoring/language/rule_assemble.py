"""From the parts of a rule text (:mod:`scoring.language.rule_parts`) to one typed rule (:mod:`rule_model`).

The family is decided by what the parts hold, in this order: MOF bands, elements (①②③), steps (每…扣…分),
proportional words or formulas, conditions with points (tiers, deviation bands), achieved / not achieved with
full or no points (all or nothing), words with points (categories), and last remarks only (a cap, a flag, a
definition). A part that cannot belong to the rule it is in raises :class:`RuleReject` at its position (a part's
``pos`` is its 1-based column in the text as given), with a Chinese message saying what was expected there.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.language.reject import Reject
from scoring.language.rule_model import (
    AllOrNothing,
    Default,
    Direction,
    Graded,
    Measure,
    Proportional,
    Remark,
    Slope,
    Stated,
    Stepped,
    WrittenRule,
)
from scoring.language.rule_parts import Part
from scoring.language.rule_tables import categorical, elements, stated_of, tiered
from scoring.language.targets import Comparator

__all__ = ["RuleReject", "assemble"]

RuleReject = Reject

_ABOVE = frozenset({"超过", "超出", "高于", "多于", "增加", "提高", "上升", "延期", "延迟", "逾期", "推迟", "滞后",
                    "超期", "多", "出现"})  # fmt: skip
_BELOW = frozenset({"低于", "少于", "不足", "降低", "下降", "减少", "少", "缺"})
_BOTH = frozenset({"增加或减少", "增加或降低", "提高或降低"})
_DAYS = frozenset({"天", "日", "工作日", "个工作日"})
_POINTS = frozenset({"百分点", "个百分点"})
#: What may follow a condition in a rule of steps (the condition says when they apply: "三公经费">0,每超过…).
_AFTER_CONDITION = frozenset({"points", "step", "deduct", "add", "both", "base"})
_MOF_BANDS = ((Decimal("0.8"), Decimal(1)), (Decimal("0.6"), Decimal("0.8")), (Decimal(0), Decimal("0.6")))
_CHOOSE_ONE = "规则写明“二者择其一”：按本行的指标值计分"


def assemble(parts: list[Part], text: str) -> WrittenRule:
    """The typed rule that ``parts`` (of ``text``) write out."""
    _no_lone_comparator(parts)
    kinds = {p.kind for p in parts}
    remarks = {p.values["remark"] for p in parts if p.kind == "remark"}
    caps = [p.text for p in parts if p.kind == "cap" and p.values["points"] is None]
    notes = tuple(f"“{words}”：得分不超过分值" for words in dict.fromkeys(caps))  # quoted as written
    notes += (_CHOOSE_ONE,) if "choose-one" in remarks else ()
    if "band" in kinds:
        return WrittenRule(text, Graded(_MOF_BANDS), notes=notes)
    if "element" in kinds:
        listed, total = elements(parts)
        return WrittenRule(text, listed, top=total, notes=notes)
    if "step" in kinds:
        stepped, top, stated = _stepped(parts)
        return WrittenRule(text, stepped, top=top, stated=stated, notes=notes)
    if "proportional" in kinds:
        return WrittenRule(text, _proportional(parts), top=_top(parts), notes=notes)
    if kinds & {"compared", "between", "deviation"} and "points" in kinds:
        tiers, top, stated = tiered(parts)
        return WrittenRule(text, tiers, top=top, stated=stated, notes=notes)
    if kinds & {"achieved", "missed", "otherwise"} and "points" in kinds and _all_or_nothing(parts):
        return WrittenRule(text, AllOrNothing(), notes=notes)
    if kinds & {"points", "deduct"}:
        categories, top = categorical(parts)
        return WrittenRule(text, categories, top=top, notes=notes)
    if "tier-words" in remarks:
        return WrittenRule(text, Graded(_MOF_BANDS), notes=notes)
    if "not-assessed" in remarks or "renormalise" in remarks:
        return WrittenRule(text, Default(Remark.NOT_APPLICABLE), notes=notes)
    if "explain" in remarks:
        # …的130%时，偏差原因…必填  /  偏差原因及整改措施必填(≥130%)
        threshold = next((p.values["amount"].value for p in parts if p.kind in ("amount", "compared")
                          and p.values["amount"].unit == "%"), None)  # fmt: skip
        return WrittenRule(text, Default(Remark.EXPLAIN, threshold), notes=notes)
    if "formula" in kinds:
        return WrittenRule(text, Default(Remark.DEFINITION), notes=notes)
    if "cap" in kinds:  # the remark says it all: no separate cap note
        return WrittenRule(text, Default(Remark.CAP), notes=notes[len(dict.fromkeys(caps)) :])
    raise _unknown(parts)


def _no_lone_comparator(parts: list[Part]) -> None:
    """A comparator with nothing after it (``…扣完为止;≥``) is refused: the rule was cut off."""
    for index, part in enumerate(parts):
        if part.kind == "text" and "op" in part.values and all(p.kind == "sep" for p in parts[index + 1 :]):
            raise RuleReject(part.pos, f"“{part.text}”后未写数值（如“{part.text}90%”），规则不完整")


_HOW = "应写明如“按完成比例计分”“达到目标值得满分”“每超过1个百分点扣0.5分”“≥90%，计5分”"


def _unknown(parts: list[Part]) -> RuleReject:
    """Why a text with no way of computing points is refused, at the part that falls short."""
    condition = next((p for p in parts if p.kind in ("compared", "between", "deviation")), None)
    if condition is not None:
        return RuleReject(condition.pos, f"条件“{condition.text}”后未写分值（如“计3分”）")
    floor = next((p for p in parts if p.kind == "floor"), None)
    run: list[Part] = []
    for part in parts:
        if part.kind in ("text", "amount"):
            run.append(part)
        elif run:
            break
    if run:
        words = "".join(p.text for p in run)
        shown = words if len(words) <= 20 else words[:20] + "…"
        if floor is not None:
            return RuleReject(run[0].pos, f"未能识别计分方法：“{shown}”未写扣分办法（如“每超过1个百分点扣0.5分”）")
        return RuleReject(run[0].pos, f"未能识别计分方法：无法理解“{shown}”，{_HOW}")
    if floor is not None:
        return RuleReject(floor.pos, f"“{floor.text}”前未写扣分办法（如“每超过1个百分点扣0.5分”）")
    top = next((p for p in parts if p.kind == "top"), None)
    if top is not None:
        return RuleReject(top.pos, f"“{top.text}”只写了满分，未写计分方法：{_HOW}")
    return RuleReject(1, f"未能识别计分方法：{_HOW}")


def _top(parts: list[Part]) -> Decimal | None:
    tops = [p.values["points"] for p in parts if p.kind in ("top", "cap") and p.values.get("points") is not None]
    return max(tops) if tops else None


def _proportional(parts: list[Part]) -> Proportional:
    inverse = next((p.values["inverse"] for p in parts if p.kind == "proportional" and p.values["inverse"] is not None),
                   None)  # fmt: skip
    direction = next((p.values["direction"] for p in parts if p.kind == "direction"), "")
    for part in parts:
        if part.kind == "points" and part.values.get("points") not in (None, Decimal(0)):
            raise RuleReject(part.pos, f"按比例计分的规则中，“{part.text}”无法理解（比例计分不给固定分）")
        if part.kind in ("compared", "between", "deviation"):
            raise RuleReject(part.pos, f"按比例计分的规则中，条件“{part.text}”无法理解")
    return Proportional(inverse, direction)


def _all_or_nothing(parts: list[Part]) -> bool:
    """Achieved → full and (not achieved / otherwise) → 0, and no other points."""
    awards = [p for p in parts if p.kind == "points"]
    return all(p.values.get("full") or p.values.get("points") == 0 for p in awards) and any(
        p.values.get("full") for p in awards
    )


def _measure(unit: str, event: bool) -> Measure:
    if event:
        return Measure.EVENTS
    if unit in _POINTS:
        return Measure.POINTS
    if unit == "%":
        return Measure.PERCENT
    if unit in _DAYS:
        return Measure.DAYS
    return Measure.COUNT


def _slopes(parts: list[Part]) -> tuple[Slope, ...]:
    slopes: list[Slope] = []
    pending: Part | None = None
    for part in parts:
        if part.kind == "step":
            if pending is not None:
                raise RuleReject(pending.pos, f"“{pending.text}”后未写扣分或加分（如“扣0.5分”）")
            pending = part
        elif part.kind in ("deduct", "add", "both") and pending is not None:
            word = pending.values["word"]
            direction = Direction.BOTH if word in _BOTH or part.kind == "both" else (
                Direction.ABOVE if word in _ABOVE else Direction.BELOW)  # fmt: skip
            size = pending.values["size"]
            if size.value <= 0:
                raise RuleReject(pending.pos, f"“{pending.text}”的步长应大于0")
            slopes.append(Slope(direction, _measure(size.unit, bool(pending.values.get("event"))), size.value,
                                part.values["points"], 1 if part.kind == "add" else -1, size.unit,
                                pending.values["against"], pending.pos))  # fmt: skip
            pending = None
    if pending is not None:
        raise RuleReject(pending.pos, f"“{pending.text}”后未写扣分或加分（如“扣0.5分”）")
    return tuple(slopes)


def _stepped(parts: list[Part]) -> tuple[Stepped, Decimal | None, Stated | None]:
    slopes = _slopes(parts)
    stated: Stated | None = None
    base = Decimal(1)
    top: Decimal | None = None
    floor = Decimal(0)
    cap: Decimal | None = None
    zero_when_missed = False
    base_points: Decimal | None = None
    reference = next((p for p in parts if p.kind == "reference"), None)
    for index, part in enumerate(parts):
        following = _next_award(parts, index)
        if part.kind == "compared" and not any(p.kind in _AFTER_CONDITION for p in parts[index + 1 :]):
            raise RuleReject(part.pos, f"条件“{part.text}”后未写分值或扣分办法（如“计3分”“每超过1个百分点扣0.5分”）")
        if part.kind == "compared" and stated is None and following is not None and following.values.get("points") != 0:
            stated = stated_of(part)
        elif part.kind == "points":
            if part.values.get("share") is not None:
                base = part.values["share"]
            elif part.values.get("points") == 0:
                zero_when_missed = zero_when_missed or _after_missed(parts, index)
            elif part.values.get("points") is not None:
                top = part.values["points"]
            elif part.values.get("band") is not None:
                raise RuleReject(part.pos, f"分档“{part.text}”不能与“每…扣…分”同用")
        elif part.kind == "top":
            top = part.values["points"]
        elif part.kind == "base":  # 在100标准分基础上: the points at the reference, on the rule's own scale
            base_points = base_points if base_points is not None else part.values["points"]
        elif part.kind == "floor":
            floor = part.values["points"]
        elif part.kind == "cap" and part.values["points"] is not None:
            cap = part.values["points"]
        elif part.kind in ("between", "deviation") or part.kind == "proportional":
            raise RuleReject(part.pos, f"“每…扣…分”的规则中，“{part.text}”无法理解")
    if reference is not None:
        amount = reference.values["amount"]
        op = stated.op if stated is not None else _reference_op(slopes)
        stated = Stated(op, amount.value, amount.unit, reference.pos, written=stated is not None)
    top = cap if cap is not None else top
    scale: Decimal | None = None
    if base_points is not None and base_points > 0:
        # 在100标准分基础上…最高120分: the rule counts on 120 points, 100 of them at the reference (A12)
        scale = top if top is not None and top >= base_points else base_points
        base = base_points / scale
    stepped = Stepped(slopes, stated, base, floor, cap, zero_when_missed, scale, base_points)
    return stepped, top, stated


def _reference_op(slopes: tuple[Slope, ...]) -> Comparator:
    """What a bare reference (以100%为标准) means: deductions above it make it a ceiling, below it a floor."""
    above = any(s.direction is Direction.ABOVE and s.sign < 0 for s in slopes)
    return Comparator.LE if above else Comparator.GE


def _next_award(parts: list[Part], index: int) -> Part | None:
    for part in parts[index + 1 :]:
        if part.kind == "points":
            return part
        if part.kind in ("step", "compared", "between", "deduct"):
            return None
    return None


def _after_missed(parts: list[Part], index: int) -> bool:
    return any(p.kind in ("missed", "otherwise") for p in parts[:index])

"""Rules written out in words (A12): how a typed :class:`~scoring.language.rule_model.WrittenRule` scores a row.

:func:`plan_written` decides, once per plan, what a row with such a rule does: families that name a rule of Part A
(proportional, all or nothing, the MOF tiers, a remark) are scored by that rule, with notes where the rule and
the target disagree; steps, tiers, categories and elements get a scorer of their own
(:mod:`scoring.engine.written_steps`, :mod:`scoring.engine.written_lists`). Points never exceed the 分值 and
never fall below 0 (A8); a rule that would give more says so in a step.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from scoring.engine.choose import DEFAULT_RULES, Choice, Shape, choose
from scoring.engine.options import RuleKind
from scoring.engine.rules import Outcome
from scoring.engine.scorers import Work
from scoring.engine.written_fit import fit_of, opposite_standard
from scoring.engine.written_lists import score_categorical, score_elements, score_tiered
from scoring.engine.written_steps import score_stepped, unwanted_sides
from scoring.language.rule_model import (
    AllOrNothing,
    Categorical,
    Default,
    Direction,
    Elements,
    Graded,
    Measure,
    Proportional,
    Remark,
    Stated,
    Stepped,
    Tiered,
    WrittenRule,
)
from scoring.language.targets import Bound, Target
from scoring.language.units import Units
from scoring.numbers import written
from scoring.text import phrase

__all__ = ["conflicts", "fit_findings", "floor_conflict", "not_assessed", "plan_written", "top_conflict"]

_REVERSE_SHAPES = (Shape.REVERSE, Shape.BARE_REVERSE)
_REMARKS = {
    Remark.CAP: "赋分规则“{text}”只说明得分不超过分值，按本行指标值的默认规则计分",
    Remark.EXPLAIN: "赋分规则“{text}”是偏差说明的要求，按本行指标值的默认规则计分",
    Remark.NOT_APPLICABLE: "赋分规则“{text}”：实际完成值为“不适用”时不考核该指标，其余按本行指标值的默认规则计分",
    Remark.DEFINITION: "赋分规则“{text}”是指标的计算公式，按本行指标值的默认规则计分",
    Remark.TIER_WORDS: "赋分规则“{text}”：按评判等级赋分",
}


def plan_written(written_rule: WrittenRule, shape: Shape, target: Target) -> tuple[RuleKind, Choice, tuple[str, ...]]:
    """The rule a row with this written rule is scored by, its scorer, and the notes it carries."""
    family = written_rule.family
    notes = written_rule.notes + conflicts(written_rule, shape, target)
    if isinstance(family, Proportional):
        return RuleKind.PROPORTIONAL, choose(RuleKind.PROPORTIONAL, shape), notes
    if isinstance(family, AllOrNothing):
        return RuleKind.DIRECT, choose(RuleKind.DIRECT, shape), notes
    if isinstance(family, Graded):
        return RuleKind.GRADED, choose(RuleKind.GRADED, shape), notes
    if isinstance(family, Default):
        kind = DEFAULT_RULES[shape]
        note = _REMARKS[family.remark].format(text=written_rule.text.strip())
        choice = choose(kind, shape)
        if family.remark is Remark.EXPLAIN and family.threshold is not None and family.threshold > 0:
            # the rule's own threshold (…的130%时，偏差原因…必填) replaces the policy's over_threshold
            threshold = family.threshold / 100
            over_at = functools.partial(_over_at, scorer=choice.scorer, threshold=threshold)
            choice = Choice(over_at, choice.note, choice.after_read)
            note += f"；实际完成值达到指标值的{written(family.threshold)}%时标记“超额”"
        return kind, choice, (*notes, note)
    scorer = {Stepped: score_stepped, Tiered: score_tiered, Categorical: score_categorical,
              Elements: score_elements}[type(family)]  # fmt: skip
    return RuleKind.WRITTEN, Choice(functools.partial(scorer, rule=written_rule)), notes


def _over_at(work: Work, target: Target, scorer: Callable[[Work, Any], Outcome], threshold: Decimal) -> Outcome:
    """Score by ``scorer`` with the policy's 超额 threshold replaced by the rule's."""
    policy = work.policy
    work.policy = attrs.evolve(policy, over_threshold=threshold)
    try:
        return scorer(work, target)
    finally:
        work.policy = policy


def _stated_words(stated: Stated) -> str:
    return f"{stated.op.symbol}{written(stated.value)}{stated.unit}"


def conflicts(written_rule: WrittenRule, shape: Shape, target: Target) -> tuple[str, ...]:
    """Where a rule contradicts the row's target: a direction, or a target stated inside the rule (A12)."""
    family = written_rule.family
    found: list[str] = []
    reverse = shape in _REVERSE_SHAPES
    if isinstance(family, Proportional):
        if family.for_direction and shape in (Shape.POSITIVE, *_REVERSE_SHAPES):
            actual = "反向" if reverse else "正向"
            if family.for_direction != actual:
                found.append(f"赋分规则适用于{family.for_direction}指标，本行指标值为{actual}：按指标值的方向计分")
        directed = shape in (Shape.POSITIVE, Shape.BARE, *_REVERSE_SHAPES)
        if family.inverse is not None and directed and family.inverse != reverse and not found:  # said once
            formula = "指标值 ÷ 实际完成值（反向）" if family.inverse else "实际完成值 ÷ 指标值（正向）"
            found.append(f"赋分规则的公式为{formula}，与指标值的方向不一致：按指标值的方向计分")
    if isinstance(family, Stepped) and family.reference is None:
        found.extend(_against_direction(family, target, reverse))
    stated = written_rule.stated
    if stated is not None and isinstance(target, Bound):
        mine = target.amount
        # a value written without a unit (≦0 against ≤0%, or ≤0 against ≦0%) is read in the other's unit
        same_unit = not stated.unit or not mine.unit_text or stated.unit == mine.unit_text
        value_differs = same_unit and stated.value != mine.value
        directions = {stated.op.direction, "反向" if reverse else target.op.direction}
        direction_differs = "等于" not in directions and len(directions) == 2
        opposite = opposite_standard(written_rule, target, reverse) is not None  # an error of its own
        if not opposite and (value_differs or direction_differs or not same_unit):
            found.append(f"赋分规则中的标准“{_stated_words(stated)}”与指标值“{target}”不一致：按赋分规则的标准计分"
                         if isinstance(family, Stepped) else
                         f"赋分规则中的标准“{_stated_words(stated)}”与指标值“{target}”不一致")  # fmt: skip
    return tuple(found)


def fit_findings(
    written_rule: WrittenRule, target: Target, shape: Shape, target_text: str, units: Units
) -> list[tuple[str, int, str]]:
    """Why the rule cannot score the row at all (``check`` errors): (code, column, message) for a standard that
    points the other way (``rule-direction-opposite``) and for each step whose unit cannot measure the target
    (``rule-unit-mismatch``)."""
    out: list[tuple[str, int, str]] = []
    opposite = opposite_standard(written_rule, target, shape in _REVERSE_SHAPES)
    if opposite is not None:
        out.append(("rule-direction-opposite", *opposite))
    out.extend(("rule-unit-mismatch", column, message)
               for column, message in fit_of(written_rule, target, target_text, units).errors)  # fmt: skip
    return out


_SIDES = {Direction.ABOVE: ("超过", "不超过"), Direction.BELOW: ("低于", "不低于")}


def _against_direction(family: Stepped, target: Target, reverse: bool) -> list[str]:
    """A rule of steps whose deductions fall only on the side the target wants (每超过…扣 on a ≥ target) and
    that says nothing of the other side: it contradicts the target (A12)."""
    unwanted = unwanted_sides(target, None, reverse)
    slopes = [s for s in family.slopes if s.measure is not Measure.EVENTS]
    if len(unwanted) != 1 or not slopes or any(s.direction in (*unwanted, Direction.BOTH) for s in slopes):
        return []
    (bad,) = unwanted
    if not any(s.sign < 0 for s in slopes):
        return []  # bonuses for doing better: a shortfall is an error when scored, not a contradiction
    good = Direction.ABOVE if bad is Direction.BELOW else Direction.BELOW
    return [f"赋分规则只在{_SIDES[good][0]}标准时扣分，与指标值“{target}”的方向相反（指标值要求{_SIDES[bad][1]}"
            f"标准）：{_SIDES[bad][0]}标准时规则未说明如何计分"]  # fmt: skip


def floor_conflict(written_rule: WrittenRule, weight: Decimal | None) -> str | None:
    """The rule's lowest points (``最低为5分``) are above the row's 分值 (a ``check`` finding), or None."""
    family = written_rule.family
    if not isinstance(family, Stepped) or weight is None or family.floor <= weight:
        return None
    return f"赋分规则的最低分为{written(family.floor)}分，高于本行分值{written(weight)}分：该行总是得满分"


#: Actuals that say a row does not apply (a rule of A12's "not assessed" remark takes it out of the total).
_NOT_APPLICABLE = frozenset({"不适用", "不涉及", "无此项", "本年度不适用", "N/A", "NA", "n/a", "/", "—", "-"})


def not_assessed(written_rule: WrittenRule, actual: str | None) -> bool:
    """The rule says a row that does not apply is not assessed (不考核该指标…折算), and the actual says 不适用."""
    family = written_rule.family
    return (
        isinstance(family, Default)
        and family.remark is Remark.NOT_APPLICABLE
        and actual is not None
        and phrase(actual) in _NOT_APPLICABLE
    )


def top_conflict(written_rule: WrittenRule, weight: Decimal | None) -> str | None:
    """The rule's stated top points differ from the row's 分值 (a ``check`` finding), or None."""
    top = written_rule.top
    if top is None or weight is None or top == weight:
        return None
    return f"赋分规则的最高分为{written(top)}分，与本行分值{written(weight)}分不一致"

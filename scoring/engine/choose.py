"""Which scorer a row gets (A1), as data: a table of (rule × target shape) -> scorer and a note.

The 赋分规则 written on the row decides the rule (:meth:`Policy.rule_kind`); a row without one gets the default
for its target's shape (:data:`DEFAULT_RULES`). When the rule does not fit the target (按评判等级赋分 on a
number, 按照完成比例赋分 on a date) the row is scored by what its target is, and the note says so.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs

import scoring.engine.scorers as scorers
from scoring.engine.policy import RuleKind
from scoring.engine.rules import Outcome
from scoring.engine.scorers import Work, bound
from scoring.language.targets import (
    Blank,
    Bound,
    Comparator,
    Date,
    Deadline,
    Described,
    Period,
    Qualitative,
    Range,
    Several,
    Target,
)

__all__ = ["CHOICES", "DEFAULT_RULES", "Choice", "Shape", "apply", "choose", "shape_of"]


class Shape(enum.Enum):
    """What a target is, as far as choosing a rule goes."""

    POSITIVE = "正向"  # ≥, >
    REVERSE = "反向"  # ≤, <
    EQUAL = "等于"  # a written =
    BARE = "数值"  # a bare value (280人次): 正向 (A2)
    BARE_REVERSE = "数值（反向）"  # a bare value on a name that says less is better (预算调整率 3%): 反向 (A2)
    RANGE = "区间"
    DATED = "时限"  # deadline, date, period
    QUALITATIVE = "定性"
    BLANK = "空白"
    SEVERAL = "多项"  # 300人、50人: each part scored with its share of the weight


def shape_of(target: Target, less_is_better: bool = False) -> Shape:
    """The shape of a typed target; ``less_is_better``: the row's name says so (A2), for a bare value."""
    if isinstance(target, Bound):
        if target.implied:
            return Shape.BARE_REVERSE if less_is_better else Shape.BARE
        if target.op is Comparator.EQ:
            return Shape.EQUAL
        return Shape.REVERSE if target.op.direction == "反向" else Shape.POSITIVE
    if isinstance(target, Range):
        return Shape.RANGE
    if isinstance(target, Deadline | Date | Period):
        return Shape.DATED
    if isinstance(target, Qualitative):
        return Shape.QUALITATIVE
    if isinstance(target, Several):
        return Shape.SEVERAL
    if isinstance(target, Described):
        return shape_of(target.target, less_is_better)
    assert isinstance(target, Blank)
    return Shape.BLANK


#: The rule of a row whose 赋分规则 is blank (A1).
DEFAULT_RULES: dict[Shape, RuleKind] = {
    Shape.POSITIVE: RuleKind.PROPORTIONAL,
    Shape.REVERSE: RuleKind.PROPORTIONAL,
    Shape.EQUAL: RuleKind.PROPORTIONAL,
    Shape.BARE: RuleKind.PROPORTIONAL,
    Shape.BARE_REVERSE: RuleKind.PROPORTIONAL,
    Shape.RANGE: RuleKind.PROPORTIONAL,
    Shape.DATED: RuleKind.DIRECT,
    Shape.QUALITATIVE: RuleKind.GRADED,
    Shape.BLANK: RuleKind.GRADED,
    Shape.SEVERAL: RuleKind.PROPORTIONAL,  # each part takes its own shape's default (engine/several.py)
}


@attrs.frozen
class Choice:
    """A scorer, and the warning (a template with ``{rule}`` and ``{op}``) given when the rule does not fit.

    ``after_read``: the warning is given once the actual has been read (so a row whose actual cannot be read
    carries only the reason it cannot be scored); otherwise before anything else.
    """

    scorer: Callable[[Work, Any], Outcome]
    note: str = ""
    after_read: bool = False


_NUMBER_GRADED = "数值指标按完成比例计算（按评判等级赋分适用于定性指标）"
_DATE_DIRECT = "时效（日期）指标按直接赋分：按时得满分，逾期不得分（赋分规则写的是“{rule}”）"
_WORDS_GRADED = "定性指标按评判等级赋分（赋分规则写的是“{rule}”）"
_SATISFACTION_REVERSE = "满意度赋分的指标值为反向（{op}），按反向指标计分"

_positive = bound(scorers.positive)
_reverse = bound(scorers.reverse)
_equal = bound(scorers.equal)
_direct = bound(scorers.direct)
_satisfaction = bound(scorers.satisfaction)

P, D, G, S = RuleKind.PROPORTIONAL, RuleKind.DIRECT, RuleKind.GRADED, RuleKind.SATISFACTION
W = RuleKind.WRITTEN

#: (rule, shape) -> how the row is scored. Every pair is listed: a missing pair is a bug, not a default.
CHOICES: dict[tuple[RuleKind, Shape], Choice] = {
    (P, Shape.POSITIVE): Choice(_positive),
    (P, Shape.BARE): Choice(_equal),  # a bare value: 正向, and T = 0 wants A ≤ 0 (A4)
    (P, Shape.REVERSE): Choice(_reverse),
    (P, Shape.BARE_REVERSE): Choice(_reverse),
    (P, Shape.EQUAL): Choice(_equal),
    (P, Shape.RANGE): Choice(scorers.range_proportional),
    (P, Shape.DATED): Choice(scorers.dated, _DATE_DIRECT),
    (P, Shape.QUALITATIVE): Choice(scorers.qualitative_graded, _WORDS_GRADED, after_read=True),
    (D, Shape.POSITIVE): Choice(_direct),
    (D, Shape.BARE): Choice(_direct),
    (D, Shape.REVERSE): Choice(_direct),
    (D, Shape.BARE_REVERSE): Choice(_direct),
    (D, Shape.EQUAL): Choice(_direct),
    (D, Shape.RANGE): Choice(scorers.range_direct),
    (D, Shape.DATED): Choice(scorers.dated),
    (D, Shape.QUALITATIVE): Choice(scorers.qualitative_direct),
    (G, Shape.POSITIVE): Choice(_positive, _NUMBER_GRADED),
    (G, Shape.BARE): Choice(_equal, _NUMBER_GRADED),
    (G, Shape.REVERSE): Choice(_reverse, _NUMBER_GRADED),
    (G, Shape.BARE_REVERSE): Choice(_reverse, _NUMBER_GRADED),
    (G, Shape.EQUAL): Choice(_equal, _NUMBER_GRADED),
    (G, Shape.RANGE): Choice(scorers.range_proportional, _NUMBER_GRADED),
    (G, Shape.DATED): Choice(scorers.dated, _DATE_DIRECT),
    (G, Shape.QUALITATIVE): Choice(scorers.qualitative_graded),
    (S, Shape.POSITIVE): Choice(_satisfaction),
    (S, Shape.BARE): Choice(_satisfaction),
    (S, Shape.EQUAL): Choice(_satisfaction),
    (S, Shape.REVERSE): Choice(_reverse, _SATISFACTION_REVERSE, after_read=True),
    (S, Shape.BARE_REVERSE): Choice(_reverse),
    (S, Shape.RANGE): Choice(scorers.range_proportional),
    (S, Shape.DATED): Choice(scorers.dated, _DATE_DIRECT),
    (S, Shape.QUALITATIVE): Choice(scorers.qualitative_graded, _WORDS_GRADED, after_read=True),
    # a rule written out in words (A12) gets its scorer from its plan (engine/written.py); reached only by a part
    # of a several-valued row, which such a rule does not describe
    **{(W, shape): Choice(scorers.written_parts) for shape in Shape},
    **{(rule, Shape.BLANK): Choice(scorers.unscorable) for rule in RuleKind},
    **{(rule, Shape.SEVERAL): Choice(scorers.unscorable) for rule in RuleKind},  # split first (engine/several.py)
}


def choose(rule: RuleKind, shape: Shape) -> Choice:
    """How a row with this rule and target shape is scored (A1)."""
    return CHOICES[rule, shape]


def apply(work: Work, shape: Shape, target: Target, choice: Choice | None = None) -> Outcome:
    """Score ``target`` by the choice for the work's rule and ``shape`` (or ``choice``, when the row's plan chose
    already), giving the choice's note when it has one."""
    if choice is None:
        choice = choose(work.rule, shape)
    if choice.note:
        op = getattr(getattr(target, "op", None), "symbol", "")
        note = choice.note.format(rule=work.indicator.rule, op=op)
        if choice.after_read:
            work.pending_note = note
        else:
            work.warnings.append(note)
    return choice.scorer(work, target)

"""Whether a rule written out in words can measure a row's target (A12).

A step has a unit of its own (``每超出10天``, ``每少一项``, ``每超过1万元``, ``每出现一个``): it must measure what the
row's target measures, or the steps count something else (days of a money target, events of a percentage). A
standard the rule states (``合格率≤5%``) must point the way the row's target points: ``≤5%`` against ``≥90%``
measures the opposite quantity (不合格率 against 合格率). Both are refusals: ``check`` reports them as errors
(``rule-unit-mismatch``, ``rule-direction-opposite``) and the row is 无法评分 with the same message.

Units are compared through the unit registry (A7): ``万元`` measures ``元`` (the step is converted); two counting
words (``项`` against ``个``) are compared by number, with a warning, as the year-end engine compares an actual. A
step written in the unit above the line of a target per unit (``每超过50元`` against ``≤800元/人``) is per the
target's unit below the line (50元/人), with a warning; a step per unit of its own (``每超过0.005万元/人``) converts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from scoring.errors import UnitError
from scoring.language.rule_model import Measure, Slope, Stepped, Tiered, WrittenRule
from scoring.language.targets import Bound, Date, Deadline, Period, Range, Target
from scoring.language.units import Units
from scoring.numbers import written

__all__ = ["Fit", "fit_of", "opposite_standard", "per_target_unit", "size_in"]

#: Units a step in days measures as they are (by number): days and working days.
_DAY_WORDS = frozenset({"天", "日", "d", "自然日", "工作日", "个工作日"})


class Fit:
    """What a rule's units say about a row: errors (the rule cannot score it) and warnings (it can, by number)."""

    __slots__ = ("errors", "warnings")

    def __init__(self) -> None:
        self.errors: list[tuple[int, str]] = []  # (column, message)
        self.warnings: list[str] = []


def _reference(rule: WrittenRule, target: Target) -> tuple[str, str] | None:
    """What the steps are counted against: ("date", "") or ("number", unit as written); None when not known."""
    if isinstance(target, Deadline | Date | Period):
        return "date", ""
    if isinstance(target, Bound):
        return "number", target.amount.unit_text
    if isinstance(target, Range):
        return "number", target.high.unit_text
    family = rule.family
    if isinstance(family, Stepped) and family.reference is not None:
        return "number", family.reference.unit
    return None


def _step(slope: Slope) -> str:
    unit = slope.unit or ("天" if slope.measure is Measure.DAYS else "")
    return f"第{slope.column}个字的步长“每{written(slope.size)}{unit}”"


def _expression(text: str) -> str:
    """A unit as written (``元/人·月``) as pint reads it (``元/(人*月)``; pint reads ``元/人·月`` as 元·月/人)."""
    above, slash, below = text.replace("·", "*").partition("/")
    return f"{above}/({below})" if slash else above


def _parsed(units: Units, text: str) -> Any:
    try:
        return units.parse_unit(_expression(text))
    except UnitError:
        return None


def per_target_unit(step_unit: str, ref_unit: str, units: Units) -> str | None:
    """The unit of a step written in the unit above the line of a target per unit, per the target's unit below the
    line (``元`` against ``元/人`` is ``元/人``, ``万元`` against ``元/人·月`` is ``万元/人·月``); None otherwise."""
    above, slash, below = ref_unit.partition("/")
    if not step_unit or "/" in step_unit or not slash or not above:
        return None
    if step_unit != above and _relation(units, step_unit, above) != "converts":
        return None
    return f"{step_unit}/{below}"


def _relation(units: Units, step_unit: str, ref_unit: str) -> str:
    """How a step's unit relates to the reference's: "same", "converts", "counting" (other counting word),
    "unknown" (a unit the registry does not know: not judged) or "other"."""
    if not step_unit or not ref_unit or step_unit == ref_unit:
        return "same"
    a, b = _parsed(units, step_unit), _parsed(units, ref_unit)
    if a is None or b is None:
        return "unknown"
    if units.factor(a, b) is not None:
        return "converts"
    if units.is_counting(a) and units.is_counting(b):
        return "counting"
    return "other"


def _slope_fit(slope: Slope, kind: str, unit: str, target_text: str, units: Units, fit: Fit) -> None:
    where = _step(slope)
    shown = f"本行指标值为“{target_text}”"
    if slope.measure is Measure.EVENTS:
        parsed = _parsed(units, unit) if kind == "number" and unit else None
        if parsed is not None and not units.is_counting(parsed):
            fit.errors.append((slope.column, f"赋分规则{where}按发生次数计，{shown}，不是次数：无法按规则评分"))
        return
    if slope.measure is Measure.DAYS:
        if kind == "date" or not unit or unit in _DAY_WORDS or _relation(units, "天", unit) == "converts":
            return
        fit.errors.append((slope.column, f"赋分规则{where}按天计，只适用于时限或以天计的指标，{shown}：无法按规则评分"))
        return
    if slope.measure is Measure.POINTS:
        if kind == "date" or (unit and unit != "%"):
            fit.errors.append((slope.column, f"赋分规则{where}：“百分点”只适用于百分比指标，{shown}"))
        return
    if slope.measure is not Measure.COUNT or not slope.unit:
        return
    if kind == "date":
        fit.errors.append((slope.column, f"赋分规则{where}以“{slope.unit}”计，{shown}，是时限：无法按规则评分"))
        return
    per_unit = per_target_unit(slope.unit, unit, units)
    if per_unit is not None:
        fit.warnings.append(f"赋分规则{where}未写“/{per_unit.partition('/')[2]}”，按指标值“{target_text}”的单位"
                            f"读作“每{written(slope.size)}{per_unit}”")  # fmt: skip
        return
    relation = _relation(units, slope.unit, unit)
    if relation == "other":
        fit.errors.append((slope.column, f"赋分规则{where}以“{slope.unit}”计，与指标值“{target_text}”的单位“{unit}”不一致："
                                         "规则的步长无法度量本行指标，无法按规则评分"))  # fmt: skip
    elif relation == "counting":
        fit.warnings.append(f"计量单位不同：赋分规则{where}用“{slope.unit}”，指标值用“{unit}”，按数值计步")


def fit_of(rule: WrittenRule, target: Target, target_text: str, units: Units) -> Fit:
    """Whether each step of ``rule`` measures what ``target`` (written ``target_text``) measures."""
    fit = Fit()
    family = rule.family
    reference = _reference(rule, target)
    if not isinstance(family, Stepped) or reference is None:
        return fit
    kind, unit = reference
    for slope in family.slopes:
        _slope_fit(slope, kind, unit, target_text, units, fit)
    return fit


def size_in(slope: Slope, unit: str, units: Units) -> Decimal:
    """A step's size in the reference's unit (``每1万元`` against ``≤1000000元`` is 10000元)."""
    step_unit = per_target_unit(slope.unit, unit, units) or slope.unit
    if slope.measure not in (Measure.COUNT, Measure.DAYS) or _relation(units, step_unit, unit) != "converts":
        return slope.size
    factor = units.factor(_parsed(units, step_unit), _parsed(units, unit))
    return slope.size if factor is None else slope.size * factor


def opposite_standard(rule: WrittenRule, target: Target, reverse: bool) -> tuple[int, str] | None:
    """A standard the rule writes (``合格率≤5%``) that points the other way from the row's target (``≥90%``):
    the rule measures another quantity, and cannot score the row. (column, message) or None."""
    stated = rule.stated
    if stated is None or not stated.written or not isinstance(rule.family, Stepped | Tiered):
        return None
    if not isinstance(target, Bound):
        return None
    mine = "反向" if reverse else target.op.direction
    theirs = stated.op.direction
    if "等于" in (mine, theirs) or mine == theirs:
        return None
    words = f"{stated.op.symbol}{written(stated.value)}{stated.unit}"
    return stated.column, (
        f"赋分规则第{stated.column}个字的标准“{words}”为{theirs}，与指标值“{target}”（{mine}）方向相反："
        "规则衡量的不是本行指标（如不合格率与合格率），无法按规则评分"
    )

"""An actual's value in its target's unit (A7), with the steps and warnings that say how it was converted."""

from __future__ import annotations

import decimal
from decimal import Decimal

from scoring.engine.steps import Num, Step, StepKind, step
from scoring.language.targets import Amount
from scoring.language.units import Units, canonical
from scoring.numbers import show

__all__ = ["Conversion", "ConversionError", "convert_actual", "in_unit"]

_CONVERSION = decimal.Context(prec=20, rounding=decimal.ROUND_HALF_EVEN)


class ConversionError(Exception):
    """The actual's unit cannot be compared with the target's; the message (Chinese) says why."""


class Conversion:
    """What converting an actual produced: its value in the target's unit, steps and warnings."""

    __slots__ = ("steps", "value", "warnings")

    def __init__(self, value: Decimal, steps: tuple[Step, ...] = (), warnings: tuple[str, ...] = ()) -> None:
        self.value = value
        self.steps = steps
        self.warnings = warnings


def _tidy(value: Decimal) -> Decimal:
    """A converted value carried to 20 significant digits, so that unit factors such as 1/60 or 10000/15
    cannot leave a 28th-digit residue (``59.99…9分钟``) that would turn a met target into a shortfall."""
    return _CONVERSION.plus(value).normalize()


def _multiplied(actual: Amount, reference: Amount, units: Units) -> Conversion:
    """``86万`` against ``≤90万元``: the multiplier applies to the target's unit without its own multiplier (A7)."""
    base = units.without_prefix(reference.unit)
    factor = units.factor(base, reference.unit)
    if factor is None:  # pragma: no cover - a unit and itself without its multiplier always convert
        raise ConversionError(f"单位“{canonical(base)}”无法换算为“{reference.unit_text}”")
    value = _tidy(actual.value * factor)
    shown = Num.of(reference, value)
    return Conversion(value, (step(StepKind.MULTIPLIED, actual=str(actual), unit=canonical(base), value=shown),))


def in_unit(amount: Amount, reference: Amount, units: Units) -> Decimal:
    """The value of ``amount`` in the unit of ``reference`` (a range's low end in its high end's unit)."""
    if amount.unit_text == reference.unit_text:
        return amount.value
    factor = units.factor(amount.unit, reference.unit)
    if factor is None:
        return Decimal(amount.quantity.to(reference.unit).magnitude)  # raises pint's error, as before
    return amount.value * factor


def convert_actual(actual: Amount, reference: Amount, units: Units, texts: tuple[str, str]) -> Conversion:
    """The actual's value in the target's unit (A7); ``texts`` are the actual and target as written.

    - no unit on the actual: read in the target's unit (a step says so);
    - no unit on the target: compared by the actual's number in base units (a warning says so);
    - different counting words (``2个`` against ``≥2次``): compared by number, with a warning;
    - incompatible dimensions: :class:`ConversionError`.
    """
    if actual.unitless:
        if reference.unitless:
            return Conversion(actual.value)
        if actual.multiplier:
            return _multiplied(actual, reference, units)
        if reference.unit_text == "%" and reference.value > 1 and 0 < actual.value <= 1:
            value = actual.value * 100
            warning = f"实际完成值“{actual}”未写%，且不大于1，按{show(value)}%计；如指{show(actual.value)}%请写明%"
            return Conversion(value, warnings=(warning,))
        return Conversion(actual.value, (step(StepKind.NO_UNIT, actual=str(actual), unit=reference.unit_text),))
    if reference.unitless:
        value = actual.value if actual.unit_text == "%" else Decimal(actual.quantity.to_root_units().magnitude)
        warning = f"指标值“{reference}”未写单位，按实际完成值“{actual}”的数值{show(value)}比较"
        return Conversion(value, warnings=(warning,))
    if actual.unit_text == reference.unit_text:
        return Conversion(actual.value)
    factor = units.factor(actual.unit, reference.unit)
    if factor is None:  # the units measure different things
        if units.is_counting(actual.unit) and units.is_counting(reference.unit):
            a_root = Decimal(actual.quantity.to_root_units().magnitude)
            per_unit = Decimal(units.registry.Quantity(Decimal(1), reference.unit).to_root_units().magnitude)
            warning = (
                f"计量单位不同：实际完成值用“{units.counting_word(actual.unit)}”，"
                f"指标值用“{units.counting_word(reference.unit)}”，按数值比较"
            )
            return Conversion(_tidy(a_root / per_unit), warnings=(warning,))
        actual_text, target_text = texts
        raise ConversionError(
            f"单位不一致：实际完成值“{actual_text}”（{actual.unit_text}）无法与指标值“{target_text}”"
            f"（{reference.unit_text}）比较"
        )
    value = _tidy(actual.value * factor)
    converted = step(StepKind.CONVERTED, actual=str(actual), value=Num.of(reference, value))
    return Conversion(value, (converted,))

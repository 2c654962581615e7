"""The one place where scores are rounded (ROUND_HALF_UP, 2 dp), and how numbers are shown to users."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["HUNDRED", "exact_percent", "percent", "q2", "show"]

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_SHOWN_PLACES = 6


def q2(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up (``3.125 -> 3.13``): every score line, the budget line, percentages."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def percent(ratio: Decimal) -> str:
    """A ratio as a percentage with 2 decimals: ``Decimal("0.9") -> "90.00%"``."""
    return f"{q2(ratio * HUNDRED)}%"


def exact_percent(ratio: Decimal) -> bool:
    """Whether ``percent(ratio)`` shows the ratio exactly (so an auditor can multiply by it)."""
    return q2(ratio * HUNDRED) == ratio * HUNDRED


def show(value: Decimal) -> str:
    """A Decimal for people: plain notation, no exponent, at most 6 decimals (``≈`` when cut)."""
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    text = format(value.normalize(), "f")
    places = len(text.partition(".")[2])
    if places > _SHOWN_PLACES:
        return "≈" + format(value.quantize(Decimal(1).scaleb(-_SHOWN_PLACES), rounding=ROUND_HALF_UP).normalize(), "f")
    return format(value, "f")

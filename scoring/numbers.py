"""The one place where numbers are rounded (ROUND_HALF_UP, 2 dp) and turned into text.

Three ways to write a Decimal, each with one job; none writes an exponent or ``-0``:

- :func:`written` — a number the user wrote, with its digits as given: ``6.70`` stays ``6.70`` (a 指标值's
  precision is part of what it says).
- :func:`plain` — a number as data, without trailing zeros: ``Decimal("10.0")`` -> ``10``; used for cell values.
- :func:`show` — a number in an explanation: a whole number without decimals (``10.0`` -> ``10``), otherwise as
  :func:`written`, cut to 6 decimals with ``≈`` when longer (``1/3`` -> ``≈0.333333``).

:func:`q2` is the only rounding of scores; :func:`percent` shows a ratio as a 2-dp percentage.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["HUNDRED", "exact_percent", "percent", "plain", "q2", "show", "signed", "written"]

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_SHOWN_PLACES = 6


def q2(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up (``3.125 -> 3.13``): every score line, the budget line, percentages.

    Never ``-0.00``: a negative zero (``max(-0, 0)``, ``-0.001``) rounds to ``0.00``.
    """
    rounded = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def percent(ratio: Decimal) -> str:
    """A ratio as a percentage with 2 decimals: ``Decimal("0.9") -> "90.00%"``."""
    return f"{written(q2(ratio * HUNDRED))}%"


def exact_percent(ratio: Decimal) -> bool:
    """Whether ``percent(ratio)`` shows the ratio exactly (so an auditor can multiply by it)."""
    return q2(ratio * HUNDRED) == ratio * HUNDRED


def written(value: Decimal) -> str:
    """A Decimal in plain notation with the digits it has (``6.70``, ``1.5E+6`` -> ``1500000``); never ``-0``."""
    text = format(value, "f")
    if value.is_zero() and text.startswith("-"):
        return text[1:]
    return text


def plain(value: Decimal) -> str:
    """A Decimal as data: plain notation without trailing zeros (``10.0`` -> ``10``, ``48.30`` -> ``48.3``)."""
    if value == value.to_integral_value():
        return written(value.quantize(Decimal(1)))
    return written(value.normalize())


def show(value: Decimal) -> str:
    """A Decimal in an explanation: whole numbers without decimals, at most 6 decimals otherwise (``≈`` when cut)."""
    if value == value.to_integral_value():
        return plain(value)
    if len(plain(value).partition(".")[2]) > _SHOWN_PLACES:
        cut = value.quantize(Decimal(1).scaleb(-_SHOWN_PLACES), rounding=ROUND_HALF_UP)
        return "≈" + plain(cut)
    return written(value)


def signed(value: Decimal) -> str:
    """A difference rounded by :func:`q2` with its sign always shown (``+0.50``, ``-1.20``)."""
    rounded = q2(value)
    return ("-" if rounded < 0 else "+") + written(abs(rounded))

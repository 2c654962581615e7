"""The one place where numbers are rounded (ROUND_HALF_UP, 2 dp) and turned into text.

Three ways to write a Decimal, each with one job; none writes an exponent or ``-0`` (except for a number beyond
``10**±1000``, which no cell holds: it is written ``1E+999999`` rather than as a million digits), and none
raises for a finite number however large (a wider context is taken when 28 digits cannot hold the result):

- :func:`written` — a number the user wrote, with its digits as given: ``6.70`` stays ``6.70`` (a 指标值's
  precision is part of what it says).
- :func:`plain` — a number as data, without trailing zeros: ``Decimal("10.0")`` -> ``10``; used for cell values.
- :func:`show` — a number in an explanation: a whole number without decimals (``10.0`` -> ``10``), otherwise as
  :func:`written`, cut to 6 decimals with ``≈`` when longer (``1/3`` -> ``≈0.333333``).

:func:`q2` is the only rounding of scores; :func:`percent` shows a ratio as a 2-dp percentage.

:data:`MAX_DIGITS` is how many digits a number written in a cell may have (a 指标值, a 实际完成值): within it,
a weight times a number stays exact in Decimal's 28 digits, and nothing is slow.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "HUNDRED",
    "MAX_DIGITS",
    "RANGE_WORDS",
    "exact_percent",
    "fits",
    "percent",
    "plain",
    "q2",
    "show",
    "signed",
    "written",
]

#: Digits a written number may have (``1,012.90`` has six); more is refused with a message, never rounded.
MAX_DIGITS = 20
#: What :func:`fits` asks of a number, in the words of a message.
RANGE_WORDS = f"绝对值应小于10的{MAX_DIGITS}次方，且最多{MAX_DIGITS}位有效数字"

HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_ONE = Decimal(1)
_SHOWN_PLACES = 6
_SHOWN = Decimal(1).scaleb(-_SHOWN_PLACES)
_PLAIN_LIMIT = 1000
_UNBOUNDED = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def _wide(value: Decimal) -> decimal.Context:
    """A context with room for every digit of ``value`` and a few decimals (for numbers beyond 28 digits)."""
    digits = max(len(value.as_tuple().digits), value.adjusted() + _SHOWN_PLACES + 2, 28)
    return decimal.Context(prec=digits, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)


def _quantize(value: Decimal, exp: Decimal) -> Decimal:
    try:
        return value.quantize(exp, rounding=ROUND_HALF_UP)
    except decimal.InvalidOperation:  # more digits than the default context's 28
        return value.quantize(exp, rounding=ROUND_HALF_UP, context=_wide(value))


def fits(value: Decimal, digits: int = MAX_DIGITS) -> bool:
    """Whether a number can be computed with exactly: finite, with at most ``digits`` significant digits, and
    (unless zero) between ``10**-digits`` and ``10**digits`` (``1E+308`` and a 30-digit weight do not fit)."""
    if not value.is_finite():
        return False
    if value.is_zero():
        return True
    if not -digits <= value.adjusted() < digits:
        return False
    coefficient = value.as_tuple().digits
    if len(coefficient) <= digits:
        return True
    significant = len(coefficient)
    while coefficient[significant - 1] == 0:  # trailing zeros are not significant (10.000 has 2 digits)
        significant -= 1
    return significant <= digits


def q2(value: Decimal) -> Decimal:
    """Round to 2 decimal places, half up (``3.125 -> 3.13``): every score line, the budget line, percentages.

    Never ``-0.00``: a negative zero (``max(-0, 0)``, ``-0.001``) rounds to ``0.00``.
    """
    rounded = _quantize(value, _CENT)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def percent(ratio: Decimal) -> str:
    """A ratio as a percentage with 2 decimals: ``Decimal("0.9") -> "90.00%"``."""
    return f"{written(q2(ratio * HUNDRED))}%"


def exact_percent(ratio: Decimal) -> bool:
    """Whether ``percent(ratio)`` shows the ratio exactly (so an auditor can multiply by it)."""
    return q2(ratio * HUNDRED) == ratio * HUNDRED


def _absurd(value: Decimal) -> bool:
    """Whether plain notation would blow up beyond the number's own digits (1E+999999, 1E-5000) or is NaN/inf.

    Only the exponent can make plain notation longer than the digits the number already holds, so only the
    exponent is checked (a cheap test: this runs for every number a report writes).
    """
    return not value.is_finite() or not -_PLAIN_LIMIT <= value.adjusted() <= _PLAIN_LIMIT


def written(value: Decimal) -> str:
    """A Decimal in plain notation with the digits it has (``6.70``, ``1.5E+6`` -> ``1500000``); never ``-0``."""
    if not value.is_finite() or not -_PLAIN_LIMIT <= value.adjusted() <= _PLAIN_LIMIT:  # _absurd, inline: hot
        return str(value)
    text = format(value, "f")
    if text[0] == "-" and value.is_zero():
        return text[1:]
    return text


def plain(value: Decimal) -> str:
    """A Decimal as data: plain notation without trailing zeros (``10.0`` -> ``10``, ``48.30`` -> ``48.3``)."""
    if _absurd(value):
        return str(value)
    if value == value.to_integral_value():
        return written(_quantize(value, _ONE))
    return written(value.normalize(context=_UNBOUNDED))  # room for every digit: nothing is rounded


def show(value: Decimal) -> str:
    """A Decimal in an explanation: whole numbers without decimals, at most 6 decimals otherwise (``≈`` when cut)."""
    if _absurd(value):
        return str(value)
    if value == value.to_integral_value():
        return plain(value)
    if len(plain(value).partition(".")[2]) > _SHOWN_PLACES:
        cut = _quantize(value, _SHOWN)
        return "≈" + plain(cut)
    return written(value)


def signed(value: Decimal) -> str:
    """A difference rounded by :func:`q2` with its sign always shown (``+0.50``, ``-1.20``)."""
    rounded = q2(value)
    return ("-" if rounded < 0 else "+") + written(abs(rounded))

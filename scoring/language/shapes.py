"""A fast path for the commonest 指标值: one Arabic number with words around it (``≥110个``, ``97.5%``, ``86万``).

How the LALR parser reads such a text depends on its number only through the number's value, not its digits:
the lexer takes the digits as one NUMBER token unless a date terminal claims them (``2026年``, ``6月``, ``30日``,
``第3季度``, ``2025.12``), and no rule looks at the value except ones that compare two values (ranges, a unit
note in brackets). So the reader parses each *shape* — the text with its number written ``1`` — once with the
grammar, and reads every other text of that shape by putting its number back: the amount's value is the shape's
value (``±1``, times the multiplier's factor) times the number, exactly what the grammar computes.

Only shapes that read as a plain :class:`~scoring.language.targets.Bound` are used; a text whose number stands
next to a date word, inside a date-like decimal or with a bracket anywhere goes through the grammar, as does a
number with more digits than a 指标值 may have (the grammar says why it is refused).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from scoring.language.targets import Bound, Target
from scoring.numbers import MAX_DIGITS

__all__ = ["Shapes"]

#: One Arabic number (ASCII digits: the normalised text) with no digit before or after it.
_ONE_NUMBER = re.compile(r"([^0-9]*)([0-9]+(?:\.[0-9]+)?)([^0-9]*)")
#: Words after a number that make it part of a date (2026年, 6月, 30日, 9号, 3季度, 6月份).
_DATE_WORDS = tuple("年月日号季份度")
#: 2025.12 may be December 2025.
_DATED_DECIMAL = re.compile(r"(?:19|20)\d\d\.")
#: Distinct shapes remembered (a province's targets have a few thousand).
MAX_SHAPES = 65536


class Shapes:
    """The shapes read so far by one reader, and the fast reading of a text of a known shape."""

    def __init__(self, read: Callable[[str], Target | object]) -> None:
        self._read = read  # the full reading of a normalised text (grammar, then fallbacks)
        self._known: dict[tuple[str, str], Bound | None] = {}

    def clear(self) -> None:
        """Forget every shape (for benchmarks of first reads)."""
        self._known.clear()

    def read(self, norm: str) -> Bound | None:
        """The target of a normalised text read through its shape, or None when the grammar must read it."""
        found = _ONE_NUMBER.fullmatch(norm)
        if found is None:
            return None
        before, number, after = found.groups()
        if after.startswith(_DATE_WORDS) or "(" in norm or len(number) > MAX_DIGITS or _DATED_DECIMAL.match(number):
            return None
        key = (before, after)
        shape = self._known[key] if key in self._known else self._learn(before, after)
        if shape is None:
            return None
        amount = shape.amount
        return Bound(shape.op, amount.valued(amount.value * Decimal(number)), shape.implied, shape.approximate)

    def _learn(self, before: str, after: str) -> Bound | None:
        """Read the shape with the grammar; keep it when it is a plain bound whose number was read as 1."""
        if len(self._known) >= MAX_SHAPES:
            self._known.clear()
        target = self._read(f"{before}1{after}")
        shape: Bound | None = None
        if type(target) is Bound and target.amount.written_value.copy_abs() == 1:
            shape = target
        self._known[before, after] = shape
        return shape

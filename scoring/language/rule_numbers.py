"""The numbers of a 赋分规则 as written: ``0.5``, ``一``, ``半``, ``零点五``, ``百分之一`` (→ 1); and its units.

A number has at most :data:`~scoring.numbers.MAX_DIGITS` digits, as a number in a 指标值 has; a longer one raises
:class:`~scoring.language.reject.Reject` at its position in the normalised text, in the target grammar's words.
"""

from __future__ import annotations

from decimal import Decimal

from lark import Token

from scoring.language.numerals import NumeralTooLarge, chinese_to_decimal
from scoring.language.reject import Reject
from scoring.numbers import MAX_DIGITS

__all__ = ["number", "unit_text"]

#: What joins the words below the line of a unit per unit (元/人/年, 元/人·年, 元/人*年): written "·".
_BELOW_JOINS = str.maketrans({"/": "·", "・": "·", "*": "·"})


def _pos(tok: Token) -> int:
    return tok.start_pos or 0


def _too_long(tok: Token) -> Reject:
    shown = str(tok) if len(str(tok)) <= 24 else str(tok)[:20] + "…"
    return Reject(_pos(tok), f"数值“{shown}”位数过多：一个数值最多{MAX_DIGITS}位数字")


def number(tok: Token) -> Decimal:
    """A number of the rule as written: 0.5, 一, 半, 零点五, 百分之一 (→ 1); at most MAX_DIGITS digits, as a 指标值."""
    text = str(tok)
    if tok.type in ("CN_NUMBER", "CN_PERCENT"):
        words = text.removeprefix("百分之")
        if words == "半":
            return Decimal("0.5")
        try:
            return chinese_to_decimal(words)
        except ValueError as exc:
            if isinstance(exc, NumeralTooLarge):
                raise _too_long(tok) from exc
            raise Reject(_pos(tok), f"无法理解数值“{text}”") from exc
    if sum(c.isdigit() for c in text) > MAX_DIGITS:
        raise _too_long(tok)
    return Decimal(text)


def unit_text(tok: Token | None) -> str:
    """A unit as written, a unit per unit as the unit registry writes it (``元/人/年`` → ``元/人·年``)."""
    if tok is None:
        return ""
    above, slash, below = str(tok).partition("/")
    return above + slash + below.translate(_BELOW_JOINS)

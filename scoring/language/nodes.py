"""The typed values one grammar rule hands the next inside the Transformer (never tagged tuples)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from scoring.language.targets import Comparator

__all__ = ["Amt", "Every", "Inclusive", "Note", "Number", "Op", "Per", "Suffix", "Words"]


@attrs.frozen
class Op:
    """A comparator before the value (``≥``, ``不低于``)."""

    op: Comparator
    pos: int


@attrs.frozen
class Suffix:
    """A comparator after the value (``以上``, ``以内``)."""

    op: Comparator
    pos: int


@attrs.frozen
class Inclusive:
    """``(含)`` (True) or ``(不含)`` (False)."""

    inclusive: bool
    pos: int


@attrs.frozen
class Every:
    """A leading ``每X`` (每季度): the value is a rate per X."""

    unit: str
    pos: int


@attrs.frozen
class Per:
    """One unit word after the first: ``/人`` or ``每人`` (below the line) or ``·月`` (beside the last one)."""

    unit: str
    below: bool


@attrs.frozen
class Number:
    """A number; ``magnitude``: the numeral, when it is only 万 / 亿 / 千 / 百 (<=万元 has no number, 万 is the unit)."""

    value: Decimal
    pos: int
    magnitude: str = ""


@attrs.frozen
class Words:
    """Unit words above and below the line."""

    numer: tuple[str, ...] = ()
    denom: tuple[str, ...] = ()


@attrs.frozen
class Note:
    """A unit note in brackets after the value (``(百分比)``, ``(个)``): the multiplier and unit words in it."""

    mult: str | None
    words: Words
    pos: int

    @property
    def text(self) -> str:
        """The note as written, without its brackets (for messages)."""
        below = "/" + "/".join(self.words.denom) if self.words.denom else ""
        return f"{self.mult or ''}{''.join(self.words.numer)}{below}"


@attrs.frozen
class Amt:
    """An amount before range inheritance: the value, the multiplier word and the unit words as written."""

    value: Decimal
    pos: int
    mult: str | None = None
    numer: tuple[str, ...] = ()
    denom: tuple[str, ...] = ()
    percent: bool = False
    magnitude: str = ""

    @property
    def has_unit(self) -> bool:
        return bool(self.numer or self.denom or self.percent)

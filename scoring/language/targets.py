"""Typed 指标值 / 实际完成值: frozen values built by the parser.

``Bound``, ``Range``, ``Deadline``, ``Date``, ``Period``, ``Qualitative`` and ``Blank`` are the kinds of target;
``Several`` holds several of them written in one cell, and ``Described`` one of them written inside a short
description. An actual is read into the same kinds. Quantities are :class:`Amount`: an exact ``Decimal`` with a pint unit.
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Union

import attrs

from scoring.language.dates import Date, DateSpec, Deadline, Period
from scoring.language.unit_facts import UnitRef
from scoring.language.units import Units, canonical, default_units, quantity
from scoring.numbers import written

__all__ = [
    "Amount",
    "Blank",
    "Bound",
    "Comparator",
    "Date",
    "DateSpec",
    "Deadline",
    "Described",
    "Period",
    "Qualitative",
    "Range",
    "Several",
    "Target",
]


class Comparator(enum.Enum):
    """A comparison written in a target, with its symbol, its Chinese name and its function."""

    GE = (">=", "≥", "不低于", operator.ge)
    GT = (">", ">", "高于", operator.gt)
    LE = ("<=", "≤", "不高于", operator.le)
    LT = ("<", "<", "低于", operator.lt)
    EQ = ("=", "=", "等于", operator.eq)

    def __init__(self, ascii_: str, symbol: str, words: str, func: Callable[[Any, Any], bool]) -> None:
        self.ascii = ascii_
        self.symbol = symbol
        self.words = words
        self.func = func
        #: 正向 (more is better), 反向 (less is better) or 等于.
        self.direction = {">=": "正向", ">": "正向", "<=": "反向", "<": "反向"}.get(ascii_, "等于")

    def __repr__(self) -> str:
        return f"Comparator.{self.name}"


@attrs.frozen
class Amount:
    """An exact number with a unit: ``110 个``, ``48.30 万元/套``, ``95 %``; ``unit`` is a pint Unit.

    The unit may be given as a :class:`~scoring.language.unit_facts.UnitRef` (read without loading pint): it is
    looked up the first time ``unit`` is read.
    """

    value: Decimal
    _unit: Any = attrs.field(eq=False, repr=False, alias="unit")
    unit_text: str = ""
    #: A multiplier word that could not prefix a unit (``86万``, ``620万/月``): the value includes its factor,
    #: and the amount is shown as written (``620万/月``, never ``6200000/月``).
    multiplier: str = attrs.field(default="", eq=False)
    factor: Decimal = attrs.field(default=Decimal(1), eq=False, repr=False)

    @classmethod
    def of(cls, value: Decimal | str | int, unit: str = "", units: Units | None = None) -> Amount:
        """An amount from a value and a unit expression (``Amount.of("48.30", "万元/套")``)."""
        parsed = (units or default_units()).parse_unit(unit)
        return cls(Decimal(value), parsed, canonical(parsed))

    def valued(self, value: Decimal) -> Amount:
        """The same unit and multiplier with another value (already multiplied by the factor)."""
        return Amount(value, self._unit, self.unit_text, self.multiplier, self.factor)

    @property
    def unit(self) -> Any:
        """The pint Unit."""
        unit = self._unit
        return unit.resolve() if type(unit) is UnitRef else unit

    @property
    def quantity(self) -> Any:
        """The pint Quantity (Decimal magnitude), in the registry the unit came from."""
        return quantity(self.value, self.unit)

    @property
    def unitless(self) -> bool:
        """Whether this is a bare number."""
        return self.unit_text == ""

    @property
    def written_value(self) -> Decimal:
        """The number as written, before its multiplier (``86`` of ``86万``)."""
        return self.value / self.factor if self.multiplier else self.value

    def __str__(self) -> str:
        unit = self.unit_text[1:] if self.unit_text.startswith("1/") else self.unit_text
        return f"{written(self.written_value)}{self.multiplier}{unit}"


@attrs.frozen
class Bound:
    """A numeric target: ``≥110个`` is ``Bound(GE, 110 个)``; a bare value has ``EQ`` and ``implied``."""

    op: Comparator
    amount: Amount
    implied: bool = False
    approximate: bool = False

    kind = "bound"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        out: dict[str, Any] = {
            "kind": self.kind,
            "op": self.op.ascii,
            "value": written(self.amount.value),
            "unit": self.amount.unit_text,
        }
        if self.amount.multiplier:
            out["multiplier"] = self.amount.multiplier
        if self.implied:
            out["implied"] = True
        if self.approximate:
            out["approximate"] = True
        return out

    def describe(self) -> str:
        """A Chinese description."""
        what = f"{'约' if self.approximate else ''}{self.amount}"
        if self.implied:
            return f"数值目标：{what}（未写比较符，按“=”）"
        return f"数值目标：{self.op.symbol} {what}（{self.op.direction}）"

    def __str__(self) -> str:
        return f"{'' if self.implied else self.op.symbol}{'约' if self.approximate else ''}{self.amount}"


@attrs.frozen
class Range:
    """A target interval: ``90%-95%``, ``5-10万元``."""

    low: Amount
    high: Amount

    kind = "range"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {
            "kind": self.kind,
            "low": written(self.low.value),
            "high": written(self.high.value),
            "unit": self.high.unit_text,
            **({"low_unit": self.low.unit_text} if self.low.unit_text != self.high.unit_text else {}),
        }

    def describe(self) -> str:
        """A Chinese description."""
        return f"区间目标：{self.low} 至 {self.high}（含两端）"

    def __str__(self) -> str:
        return f"{self.low}-{self.high}"


@attrs.frozen
class Qualitative:
    """A target or actual in words: ``有效保障``, ``达成``; spaces removed."""

    text: str

    kind = "qualitative"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, "text": self.text}

    def describe(self) -> str:
        """A Chinese description."""
        return f"定性：{self.text}"

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Blank:
    """A placeholder for "nothing": ``/``, ``—``, ``不适用`` (a 上年完成值 of a new indicator)."""

    text: str

    kind = "blank"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, "text": self.text}

    def describe(self) -> str:
        """A Chinese description."""
        return f"空白占位（{self.text}）：无数值"

    def __str__(self) -> str:
        return self.text


def _resolved(target: Target, year: int | None) -> Target:
    resolve = getattr(target, "resolve", None)
    return target if resolve is None else resolve(year)


@attrs.frozen
class Several:
    """Several values in one cell (``300人、50人``, ``≥95%；≥90%``): one target per value, in the order written.

    The engine scores each part as a sub-target of the row, with its share of the row's weight.
    """

    parts: tuple[Target, ...]

    kind = "several"

    def resolve(self, year: int | None) -> Several:
        """Fill in the table's year in every part written without one."""
        return Several(tuple(_resolved(part, year) for part in self.parts))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, "parts": [part.to_dict() for part in self.parts]}

    def describe(self) -> str:
        """A Chinese description."""
        return "多个指标值：" + "；".join(part.describe() for part in self.parts)

    def __str__(self) -> str:
        return "、".join(str(part) for part in self.parts)


@attrs.frozen
class Described:
    """One value written inside a short description (``结案率为95%``, ``全年至少开展3次培训``).

    ``target`` is the value read (with the comparator the words give); ``text`` keeps the words (normalised).
    The engine scores the value and warns that it was read out of words.
    """

    target: Target
    text: str

    kind = "described"

    def resolve(self, year: int | None) -> Described:
        """Fill in the table's year where the value gave none."""
        return Described(_resolved(self.target, year), self.text)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, "text": self.text, "target": self.target.to_dict()}

    def describe(self) -> str:
        """A Chinese description."""
        return f"含说明文字：{self.text}，按{self.target}计"

    def __str__(self) -> str:
        return self.text


Target = Union[Bound, Range, Deadline, Date, Period, Qualitative, Blank, Several, Described]  # noqa: UP007 - runtime alias

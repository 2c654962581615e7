"""Typed 指标值 / 实际完成值: frozen values built by the parser.

``Bound``, ``Range``, ``Deadline``, ``Date``, ``Period``, ``Qualitative`` and ``Blank`` are the kinds of target;
an actual is read into the same kinds. Quantities are :class:`Amount`: an exact ``Decimal`` with a pint unit.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Union

import attrs

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
    "Period",
    "Qualitative",
    "Range",
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

    @property
    def direction(self) -> str:
        """正向 (more is better), 反向 (less is better) or 等于."""
        return {"GE": "正向", "GT": "正向", "LE": "反向", "LT": "反向"}.get(self.name, "等于")

    def __repr__(self) -> str:
        return f"Comparator.{self.name}"


@attrs.frozen
class Amount:
    """An exact number with a unit: ``110 个``, ``48.30 万元/套``, ``95 %``; ``unit`` is a pint Unit."""

    value: Decimal
    unit: Any = attrs.field(eq=False, repr=False)
    unit_text: str = ""

    @classmethod
    def of(cls, value: Decimal | str | int, unit: str = "", units: Units | None = None) -> Amount:
        """An amount from a value and a unit expression (``Amount.of("48.30", "万元/套")``)."""
        parsed = (units or default_units()).parse_unit(unit)
        return cls(Decimal(value), parsed, canonical(parsed))

    @property
    def quantity(self) -> Any:
        """The pint Quantity (Decimal magnitude), in the registry the unit came from."""
        return quantity(self.value, self.unit)

    @property
    def unitless(self) -> bool:
        """Whether this is a bare number."""
        return self.unit_text == ""

    def __str__(self) -> str:
        return f"{written(self.value)}{self.unit_text}"


@attrs.frozen
class DateSpec:
    """A calendar day, month or year as written; a missing year is the table's year, resolved later."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> bool:
        """Whether the year is known."""
        return self.year is not None

    def resolve(self, year: int | None) -> DateSpec:
        """The same date with a missing year filled in (when ``year`` is given)."""
        if self.year is not None or year is None:
            return self
        return attrs.evolve(self, year=year)

    def last_day(self) -> dt.date | None:
        """The last day the spec covers (``2026年6月`` -> 2026-06-30, ``2026年`` -> 2026-12-31)."""
        if self.year is None:
            return None
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def first_day(self) -> dt.date | None:
        """The first day the spec covers."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``."""
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        parts = [f"{self.year}年" if self.year else ""]
        if self.month:
            parts.append(f"{self.month}月")
        if self.day:
            parts.append(f"{self.day}日")
        elif self.month and self.year is None:
            parts.append("底")
        return "".join(parts)


def _date_fields(spec: DateSpec, prefix: str = "") -> dict[str, Any]:
    last = spec.last_day()
    out: dict[str, Any] = {f"{prefix}date": last.isoformat() if last else None}
    if spec.precision != "day" or last is None:
        out[f"{prefix}precision"] = spec.precision
    if last is None:
        out[f"{prefix}month"] = spec.month
        out[f"{prefix}day"] = spec.day
    return out


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
class Deadline:
    """A deadline: ``2026年6月30日前``; the day (or month) named counts as on time.

    ``strict`` deadlines (``<2026年6月30日``, ``‹2026年6月30日``) end the day before the day named.
    """

    when: DateSpec
    strict: bool = False

    kind = "deadline"

    @property
    def date(self) -> dt.date | None:
        """The day named (its last day for a month); None while the year is unknown."""
        return self.when.last_day()

    @property
    def due(self) -> dt.date | None:
        """The last day that is on time."""
        day = self.date
        if day is None or not self.strict:
            return day
        return day - dt.timedelta(days=1)

    def resolve(self, year: int | None) -> Deadline:
        """Fill in the table's year where the text gave none (``年底前``)."""
        return attrs.evolve(self, when=self.when.resolve(year))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, **_date_fields(self.when), **({"strict": True} if self.strict else {})}

    def describe(self) -> str:
        """A Chinese description."""
        day = self.date
        if day is None:
            return f"完成时限：{self.when}前（年份取指标表年度）"
        return f"完成时限：{day.year}年{day.month}月{day.day}日前（{'不含' if self.strict else '含'}当日）"

    def __str__(self) -> str:
        return f"{self.when}前{'（不含当日）' if self.strict else ''}"


@attrs.frozen
class Date:
    """A calendar date: an actual (``2026年6月15日``) or a target written as a date (``2018年10月底``)."""

    when: DateSpec

    kind = "date"

    @property
    def date(self) -> dt.date | None:
        """The last day the date covers (``2026年6月`` -> 2026-06-30)."""
        return self.when.last_day()

    @property
    def due(self) -> dt.date | None:
        """As a target: the last day that is on time (the date's last day)."""
        return self.date

    def resolve(self, year: int | None) -> Date:
        """Fill in the table's year where the text gave none (``7月``)."""
        return Date(self.when.resolve(year))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, **_date_fields(self.when)}

    def describe(self) -> str:
        """A Chinese description."""
        day = self.date
        if day is None:
            return f"日期：{self.when}（年份取指标表年度）"
        suffix = "" if self.when.precision == "day" else f"（按{self.when}最后一天）"
        return f"日期：{day.year}年{day.month}月{day.day}日{suffix}"

    def __str__(self) -> str:
        return str(self.when)


@attrs.frozen
class Period:
    """A span of time: ``2023.07-2024.01``, ``2020年1月--2020年11月``; its end is the deadline."""

    start: DateSpec
    end: DateSpec

    kind = "period"

    @property
    def date(self) -> dt.date | None:
        """The last day of the period."""
        return self.end.last_day()

    @property
    def due(self) -> dt.date | None:
        """As a target: the last day that is on time (the period's end)."""
        return self.date

    def resolve(self, year: int | None) -> Period:
        """Fill in the table's year where the text gave none."""
        return Period(self.start.resolve(year), self.end.resolve(year))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        first = self.start.first_day()
        return {"kind": self.kind, "start": first.isoformat() if first else None, **_date_fields(self.end)}

    def describe(self) -> str:
        """A Chinese description."""
        return f"时间段：{self.start}至{self.end}（以结束日为时限）"

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"


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


Target = Union[Bound, Range, Deadline, Date, Period, Qualitative, Blank]  # noqa: UP007 - runtime alias

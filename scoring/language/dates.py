"""Dates in targets and actuals: a day, month or year as written (``DateSpec``), and the dated target kinds.

``Deadline`` (``2026年6月30日前``; strict for ``<2026年6月30日``), ``Date`` (``2026年6月15日``) and ``Period``
(``2023.07-2024.01``). A date written without a year takes the table's year (``resolve``).

Years run from :data:`MIN_YEAR` to :data:`MAX_YEAR` (the grammar's Arabic years are 19xx and 20xx): a year
outside them, written (``〇〇〇〇年``) or given as the table's year (``--year 0``), is refused with a message.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import attrs

__all__ = ["MAX_YEAR", "MIN_YEAR", "Date", "DateSpec", "Deadline", "Period", "year_problem"]

MIN_YEAR = 1900
MAX_YEAR = 2099


def year_problem(year: int, name: str = "年份", shown: str = "") -> str | None:
    """Why a year cannot be a date's year (Chinese, starting with ``name``; the year ``shown`` as written), or None."""
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return f"{name}“{shown or year}”超出范围：应在{MIN_YEAR}年至{MAX_YEAR}年之间"


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
        """The last day that is on time: the day (or month, or year) named, or the day before it when strict."""
        if not self.strict:
            return self.date
        first = self.when.first_day()
        return None if first is None else first - dt.timedelta(days=1)

    def resolve(self, year: int | None) -> Deadline:
        """Fill in the table's year where the text gave none (``年底前``)."""
        return attrs.evolve(self, when=self.when.resolve(year))

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring parse --json``."""
        return {"kind": self.kind, **_date_fields(self.when), **({"strict": True} if self.strict else {})}

    def describe(self) -> str:
        """A Chinese description."""
        day = self.when.first_day() if self.strict else self.date
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

"""The date rules of the Transformer (``grammar/target.lark``): points, deadlines, dates and periods.

The base class of :class:`~scoring.language.transformer.Build`; each method turns one rule's children into a typed value.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

import attrs
from lark import Token, Transformer, v_args

from scoring.language.dates import Date, DateSpec, Deadline, Period, year_problem
from scoring.language.numerals import chinese_to_decimal
from scoring.language.reject import Reject
from scoring.language.targets import Target

__all__ = ["DateRules"]

_PARTS = {
    "年底": (12, 31), "年末": (12, 31), "年内": (12, 31), "本年度内": (12, 31), "年度内": (12, 31),
    "下半年": (12, 31), "年中": (6, 30), "上半年": (6, 30),
}  # fmt: skip
_QUARTERS = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def _pos(tok: Token) -> int:
    return tok.start_pos or 0


def _date_number(text: str) -> int:
    digits = text.rstrip("年度月日号份")
    if digits.isdigit():
        return int(digits)
    return int(chinese_to_decimal(digits))


def _year(tok: Token) -> int:
    """The year of a YEAR token (二〇二六年, 2026年度); a year outside the range is refused."""
    year = _date_number(str(tok))
    problem = year_problem(year, shown=str(tok).rstrip("年度"))
    if problem:
        raise Reject(_pos(tok), problem)
    return year


def _spec(pos: int, year: int | None, month: int | None, day: int | None) -> DateSpec:
    if month is not None and not 1 <= month <= 12:
        raise Reject(pos, f"月份“{month}”不存在")
    if day is not None:
        days = calendar.monthrange(year or 2000, month or 1)[1]
        if not 1 <= day <= days:
            raise Reject(pos, f"日期“{year or ''}{'年' if year else ''}{month}月{day}日”不存在")
    return DateSpec(year, month, day)


@v_args(inline=True)
class DateRules(Transformer[Token, Target]):
    """The Transformer's methods for the date rules (``point``, ``deadline``, ``date``, ``period``)."""

    def ymd(self, *toks: Token) -> DateSpec:
        year = month = day = None
        for tok in toks:
            if tok.type == "YEAR":
                year = _year(tok)
            elif tok.type == "MONTH":
                month = _date_number(str(tok))
            elif tok.type == "DAY":
                day = _date_number(str(tok))
        return _spec(_pos(toks[0]), year, month, day)

    md = ymd

    def year_part(self, *toks: Token) -> DateSpec:
        year = _year(toks[0]) if len(toks) == 2 else None
        part = str(toks[-1])
        if part in _PARTS:
            month, day = _PARTS[part]
            return DateSpec(year, month, day)
        quarter = part.lstrip("第").rstrip("末").removesuffix("季度")
        return DateSpec(year, _QUARTERS[quarter], None)

    def iso(self, tok: Token) -> DateSpec:
        year, month, day = (int(x) for x in re.split(r"[-/.]", str(tok)))
        return _spec(_pos(tok), year, month, day)

    def iso_month(self, tok: Token) -> DateSpec:
        year, month = (int(x) for x in re.split(r"[-/.]", str(tok)))
        return _spec(_pos(tok), year, month, None)

    def deadline(self, *parts: Any) -> Deadline:
        """A deadline; a verb after the date (建成, 到位, 完成验收) changes nothing but the reading as a deadline."""
        (point,) = (p for p in parts if isinstance(p, DateSpec))
        strict = any(isinstance(p, Token) and p.type == "LT" for p in parts)
        return Deadline(point, strict=strict)

    def within_year(self, *toks: Token) -> Deadline:
        year = next((_year(t) for t in toks if t.type == "YEAR"), None)
        return Deadline(DateSpec(year, 12, 31))

    def date(self, point: DateSpec, *_: Token) -> Date:
        return Date(point)

    def period(self, start: DateSpec, sep: Token, end: DateSpec, *_: Token) -> Period:
        if end.year is None and start.year is not None:
            end = attrs.evolve(end, year=start.year)
        first, last = start.first_day(), end.last_day()
        if first and last and first > last:
            raise Reject(_pos(sep), f"时间段的开始{start}晚于结束{end}")
        return Period(start, end)

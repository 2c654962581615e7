"""The lark Transformer of ``grammar/target.lark``: parse-tree nodes to typed targets, during the LALR parse.

Every rule of the grammar hands the next one a small typed value (a comparator with its position, a suffix, a
number, unit words …), never a tagged tuple. A text with the grammar's shape that says something impossible
(a month 13, a range whose low end is above its high end) raises :class:`Reject` with its position.
"""

from __future__ import annotations

import calendar
import re
from decimal import Decimal
from typing import Any

import attrs
from lark import Token, Transformer, v_args

from scoring.errors import UnitError
from scoring.language.nodes import Amt, Every, Inclusive, Number, Op, Per, Suffix, Words
from scoring.language.numerals import chinese_to_decimal
from scoring.language.targets import (
    Amount,
    Bound,
    Comparator,
    Date,
    DateSpec,
    Deadline,
    Period,
    Range,
    Target,
)
from scoring.language.units import Units

__all__ = ["Build", "Reject"]


class Reject(Exception):
    """Raised inside the transformer: the text has the grammar's shape but says something impossible."""

    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


def _date_number(text: str) -> int:
    digits = text.rstrip("年度月日号份")
    if digits.isdigit():
        return int(digits)
    return int(chinese_to_decimal(digits))


def _spec(pos: int, year: int | None, month: int | None, day: int | None) -> DateSpec:
    if month is not None and not 1 <= month <= 12:
        raise Reject(pos, f"月份“{month}”不存在")
    if day is not None:
        days = calendar.monthrange(year or 2000, month or 1)[1]
        if not 1 <= day <= days:
            raise Reject(pos, f"日期“{year or ''}{'年' if year else ''}{month}月{day}日”不存在")
    return DateSpec(year, month, day)


def _inclusive(op: Comparator, inclusive: bool) -> Comparator:
    if inclusive:
        return {Comparator.GT: Comparator.GE, Comparator.LT: Comparator.LE}.get(op, op)
    return {Comparator.GE: Comparator.GT, Comparator.LE: Comparator.LT}.get(op, op)


_PARTS = {
    "年底": (12, 31), "年末": (12, 31), "年内": (12, 31), "本年度内": (12, 31), "年度内": (12, 31),
    "下半年": (12, 31), "年中": (6, 30), "上半年": (6, 30),
}  # fmt: skip
_QUARTERS = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


def _pos(tok: Token) -> int:
    return tok.start_pos or 0


@v_args(inline=True)
class Build(Transformer[Token, Target]):
    """Turns the parse tree into typed targets; ``units`` is the registry the unit words are read in."""

    def __init__(self, units: Units) -> None:
        super().__init__()
        self.units = units

    # --- comparators ----------------------------------------------------------------------------------
    def ge(self, tok: Token) -> Op:
        return Op(Comparator.GE, _pos(tok))

    def gt(self, tok: Token) -> Op:
        return Op(Comparator.GT, _pos(tok))

    def le(self, tok: Token) -> Op:
        return Op(Comparator.LE, _pos(tok))

    def lt(self, tok: Token) -> Op:
        return Op(Comparator.LT, _pos(tok))

    def eq(self, tok: Token) -> Op:
        return Op(Comparator.EQ, _pos(tok))

    def suffix_ge(self, tok: Token) -> Suffix:
        return Suffix(Comparator.GE, _pos(tok))

    def suffix_le(self, tok: Token) -> Suffix:
        return Suffix(Comparator.LE, _pos(tok))

    def suffix_gt(self, tok: Token) -> Suffix:
        return Suffix(Comparator.GT, _pos(tok))

    def suffix_lt(self, tok: Token) -> Suffix:
        return Suffix(Comparator.LT, _pos(tok))

    def inclusive(self, tok: Token) -> Inclusive:
        return Inclusive(True, _pos(tok))

    def exclusive(self, tok: Token) -> Inclusive:
        return Inclusive(False, _pos(tok))

    # --- numbers and units ----------------------------------------------------------------------------
    def arabic(self, *toks: Token) -> Number:
        sign = -1 if len(toks) == 2 else 1
        return Number(sign * Decimal(str(toks[-1]).replace(",", "")), _pos(toks[0]))

    def chinese(self, tok: Token) -> Number:
        try:
            return Number(chinese_to_decimal(str(tok)), _pos(tok))
        except ValueError as exc:
            raise Reject(_pos(tok), f"中文数字“{tok}”无法识别") from exc

    def per_slash(self, tok: Token, unit: Token) -> Per:
        return Per(str(unit), below=True)

    per_word = per_slash

    def per_times(self, tok: Token, unit: Token) -> Per:
        return Per(str(unit), below=False)

    def unit(self, *parts: Token | Per) -> Words:
        numer: list[str] = []
        denom: list[str] = []
        below = False
        for part in parts:
            if isinstance(part, Token):
                numer.append(str(part))
                continue
            below = below or part.below
            (denom if below else numer).append(part.unit)
        return Words(tuple(numer), tuple(denom))

    def amount(self, number: Number, *rest: Token | Words) -> Amt:
        mult = None
        words = Words()
        for part in rest:
            if isinstance(part, Token):
                mult = str(part)
            else:
                words = part
        return Amt(number.value, number.pos, mult, words.numer, words.denom)

    def percent_words(self, tok: Token) -> Amt:
        try:
            value = chinese_to_decimal(str(tok)[3:])
        except ValueError as exc:
            raise Reject(_pos(tok), f"“{tok}”无法识别") from exc
        return Amt(value, _pos(tok), percent=True)

    def _amount(
        self, a: Amt, mult: str | None = None, numer: tuple[str, ...] = (), denom: tuple[str, ...] = ()
    ) -> Amount:
        if a.percent:
            return Amount(a.value, self.units.parse_unit("percent"), "%")
        try:
            parsed, text, factor = self.units.unit_of(mult or a.mult, numer or a.numer, denom or a.denom)
        except UnitError as exc:
            raise Reject(a.pos, exc.message) from exc
        if factor != 1:
            return Amount(a.value * factor, parsed, text, multiplier=mult or a.mult or "", factor=factor)
        return Amount(a.value, parsed, text)

    # --- numeric targets ------------------------------------------------------------------------------
    def every(self, tok: Token, unit: Token) -> Every:
        return Every(str(unit), _pos(tok))

    def bound(self, *parts: Any) -> Bound:
        op: Comparator | None = None
        approximate = False
        amt: Amt | None = None
        inclusive: bool | None = None
        every: list[str] = []
        for part in parts:
            match part:
                case Amt():
                    amt = part
                case Token():  # 约 / 左右
                    approximate = True
                case Every(unit=unit):
                    every.append(unit)
                case Suffix(op=suffix, pos=pos):
                    if op is not None and op != Comparator.EQ and op.direction != suffix.direction:
                        raise Reject(pos, f"比较符“{op.symbol}”与后缀所指方向相反")
                    op = suffix if op is None or op == Comparator.EQ else op
                case Inclusive():
                    inclusive = part.inclusive
                case Op():
                    op = part.op
        assert amt is not None
        if every:
            plain = self._amount(amt)
            if amt.percent or plain.unit_text in {"%", "‰"}:
                raise Reject(
                    amt.pos, f"“每{''.join(every)}”与百分比连用含义不明：请直接写百分比，或写明每{every[0]}的数量"
                )
            amt = attrs.evolve(amt, denom=(*amt.denom, *every))
        implied = op is None
        op = op or Comparator.EQ
        if inclusive is not None:
            op = _inclusive(op, inclusive)
        return Bound(op, self._amount(amt), implied=implied, approximate=approximate)

    def range(self, *parts: Any) -> Range:
        low, high = (p for p in parts if isinstance(p, Amt))
        if low.has_unit:
            lo = self._amount(low)
        else:
            lo = self._amount(low, high.mult if not low.mult else None, high.numer, high.denom)
            if high.percent:
                lo = self._amount(attrs.evolve(low, percent=True))
        hi = self._amount(high)
        if not hi.unitless and lo.unitless:
            lo = self._amount(low, numer=high.numer, denom=high.denom)
        try:
            ordered = lo.quantity <= hi.quantity
        except Exception as exc:  # pint's DimensionalityError, or a comparison it refuses
            raise Reject(high.pos, f"区间两端单位不一致：“{lo.unit_text}”与“{hi.unit_text}”") from exc
        if not ordered:
            raise Reject(high.pos, f"区间下限{lo}大于上限{hi}")
        return Range(lo, hi)

    # --- dates ----------------------------------------------------------------------------------------
    def ymd(self, *toks: Token) -> DateSpec:
        year = month = day = None
        for tok in toks:
            if tok.type == "YEAR":
                year = _date_number(str(tok))
            elif tok.type == "MONTH":
                month = _date_number(str(tok))
            elif tok.type == "DAY":
                day = _date_number(str(tok))
        return _spec(_pos(toks[0]), year, month, day)

    md = ymd

    def year_part(self, *toks: Token) -> DateSpec:
        year = _date_number(str(toks[0])) if len(toks) == 2 else None
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
        (point,) = (p for p in parts if isinstance(p, DateSpec))
        strict = any(isinstance(p, Token) and p.type == "LT" for p in parts)
        return Deadline(point, strict=strict)

    def within_year(self, *toks: Token) -> Deadline:
        year = next((_date_number(str(t)) for t in toks if t.type == "YEAR"), None)
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

    def start(self, target: Target) -> Target:
        return target

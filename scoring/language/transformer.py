"""The lark Transformer of ``grammar/target.lark``: parse-tree nodes to typed targets, during the LALR parse.

Every rule of the grammar hands the next one a small typed value (a comparator with its position, a suffix, a
number, unit words …), never a tagged tuple. A text with the grammar's shape that says something impossible
(a month 13, a range whose low end is above its high end) raises :class:`Reject` with its position.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from lark import Token, v_args

from scoring.errors import UnitError
from scoring.language.build_dates import DateRules
from scoring.language.nodes import Amt, Every, Inclusive, Note, Number, Op, Per, Suffix, Words
from scoring.language.numerals import NumeralTooLarge, chinese_to_decimal
from scoring.language.reject import Reject
from scoring.language.targets import Amount, Bound, Comparator, Range, Several, Target
from scoring.language.units import Units
from scoring.numbers import MAX_DIGITS

__all__ = ["Build", "Reject"]

#: Chinese numerals that are only a magnitude: written before a unit (<=万元) they are a unit, not a number.
_MAGNITUDES = frozenset("万亿千百萬億仟佰")


def _inclusive(op: Comparator, inclusive: bool) -> Comparator:
    if inclusive:
        return {Comparator.GT: Comparator.GE, Comparator.LT: Comparator.LE}.get(op, op)
    return {Comparator.GE: Comparator.GT, Comparator.LE: Comparator.LT}.get(op, op)


def _pos(tok: Token) -> int:
    return tok.start_pos or 0


def _too_long(pos: int, written: str) -> Reject:
    shown = written if len(written) <= 24 else written[:20] + "…"
    return Reject(pos, f"数值“{shown}”位数过多：一个数值最多{MAX_DIGITS}位数字", certain=True)


def _numeral(tok: Token, text: str, what: str) -> Decimal:
    try:
        return chinese_to_decimal(text)
    except NumeralTooLarge as exc:
        raise _too_long(_pos(tok), str(tok)) from exc
    except ValueError as exc:
        raise Reject(_pos(tok), f"{what}“{tok}”无法识别") from exc


@v_args(inline=True)
class Build(DateRules):
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
        digits = str(toks[-1]).replace(",", "")
        if len(digits) - ("." in digits) > MAX_DIGITS:
            raise _too_long(_pos(toks[-1]), str(toks[-1]))
        return Number(sign * Decimal(digits), _pos(toks[0]))

    def chinese(self, tok: Token) -> Number:
        text = str(tok)
        value = _numeral(tok, text, "中文数字")
        return Number(value, _pos(tok), text if set(text) <= _MAGNITUDES else "")

    def per_slash(self, tok: Token, unit: Token) -> Per:
        if unit.type == "COUNT_WORD":  # 元/生/年: an unknown word inside a rate is a counting word of this reader
            self.units.define_counting_word(str(unit))
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

    def note(self, tok: Token, *rest: Token | Words | Token) -> Note:
        mult = next((str(p) for p in rest if isinstance(p, Token) and p.type == "MULT"), None)
        (words,) = (p for p in rest if isinstance(p, Words))
        return Note(mult, words, _pos(tok) + 1)

    def amount(self, number: Number, *rest: Token | Words | Note) -> Amt:
        mult = None
        words = Words()
        note = None
        for part in rest:
            if isinstance(part, Token):
                mult = str(part)
            elif isinstance(part, Note):
                note = part
            else:
                words = part
        amt = Amt(number.value, number.pos, mult, words.numer, words.denom, magnitude=number.magnitude)
        return self._noted(amt, note) if note else amt

    def percent_words(self, tok: Token, note: Note | None = None) -> Amt:
        value = _numeral(tok, str(tok)[3:], "")
        amt = Amt(value, _pos(tok), percent=True)
        return self._noted(amt, note) if note else amt

    def _noted(self, amt: Amt, note: Note) -> Amt:
        """An amount with its unit note: the note is the unit (=12(个)), or must be the unit written (≥90%(百分比))."""
        if not amt.has_unit:
            if amt.mult and note.mult:
                raise Reject(note.pos, f"括号中的单位“{note.text}”与数值后的“{amt.mult}”重复")
            return attrs.evolve(amt, mult=amt.mult or note.mult, numer=note.words.numer, denom=note.words.denom)
        written = self._amount(amt)
        noted = self._amount(Amt(amt.value, note.pos, note.mult, note.words.numer, note.words.denom))
        if written.unit != noted.unit or written.value != noted.value:
            raise Reject(note.pos, f"括号中的单位“{note.text}”与数值的单位“{written.unit_text}”不一致")
        return amt

    def _amount(
        self, a: Amt, mult: str | None = None, numer: tuple[str, ...] = (), denom: tuple[str, ...] = ()
    ) -> Amount:
        if a.percent:
            return Amount(a.value, self.units.unit("percent"), "%")
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
        if amt.magnitude:
            raise Reject(
                amt.pos,
                f"缺少数值：“{amt.magnitude}{amt.mult or ''}{''.join(amt.numer)}”是单位，前面应写数值",
                certain=op is not None or approximate,
            )
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
        for end in (low, high):
            if end.magnitude:
                raise Reject(end.pos, f"缺少数值：“{end.magnitude}”前面应写数值")
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

    def start(self, *items: Target | Token) -> Target:
        """One target, or several written in one cell (300人、50人): one part each, in order."""
        parts = [item for item in items if not isinstance(item, Token)]
        if len(parts) == 1:
            return parts[0]
        for left, sep in zip(items[0::2], items[1::2], strict=False):
            if isinstance(sep, Token) and sep == "," and isinstance(left, Bound) and left.amount.unitless:
                # 1,00人: a comma after a bare number is a thousands separator gone wrong, not a list
                raise Reject(_pos(sep), "无法识别“,”：千分位应为三位数字，几个指标值之间请用“、”或“；”分隔")
        return Several(tuple(parts))

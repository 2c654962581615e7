"""The lark Transformer of ``grammar/rule.lark``: each part of a rule text becomes a small typed :class:`Part`.

A part knows its kind, its position in the normalised text and its values (a number with more than
:data:`~scoring.numbers.MAX_DIGITS` digits raises :class:`Reject` at its position in the normalised text); :mod:`scoring.language.rule_assemble`
combines the run of parts into one typed rule.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from lark import Token, Transformer, v_args

from scoring.language.rule_numbers import number as _number
from scoring.language.rule_numbers import unit_text as _unit
from scoring.language.targets import Comparator

__all__ = ["Part", "RuleParts"]

_CMP = {
    "≥": Comparator.GE, "≧": Comparator.GE, "⩾": Comparator.GE, ">=": Comparator.GE, "大于等于": Comparator.GE,
    "大于或等于": Comparator.GE, "不低于": Comparator.GE, "不少于": Comparator.GE, "不小于": Comparator.GE,
    "高于或等于": Comparator.GE, "≤": Comparator.LE, "≦": Comparator.LE, "⩽": Comparator.LE, "<=": Comparator.LE,
    "小于等于": Comparator.LE, "小于或等于": Comparator.LE, "不高于": Comparator.LE, "不超过": Comparator.LE,
    "不多于": Comparator.LE, "不大于": Comparator.LE, "低于或等于": Comparator.LE, ">": Comparator.GT,
    "大于": Comparator.GT, "高于": Comparator.GT, "超过": Comparator.GT, "多于": Comparator.GT,
    "超出": Comparator.GT, "<": Comparator.LT, "小于": Comparator.LT, "低于": Comparator.LT,
    "少于": Comparator.LT, "不足": Comparator.LT, "=": Comparator.EQ, "等于": Comparator.EQ,
}  # fmt: skip


class Part(NamedTuple):
    """One part of a rule: ``kind`` (the grammar's rule name), where it starts and ends in the normalised text,
    its values by name, and its text."""

    kind: str
    pos: int
    end: int
    values: dict[str, Any]
    text: str


class Amt(NamedTuple):
    value: Decimal
    unit: str
    pos: int
    end: int


def _pos(tok: Token) -> int:
    return tok.start_pos or 0


def _end(tok: Token) -> int:
    return tok.end_pos or 0


def _span(items: tuple[Any, ...]) -> tuple[int, int]:
    starts = [i.pos if isinstance(i, Amt) else _pos(i) for i in items if isinstance(i, Amt | Token)]
    ends = [i.end if isinstance(i, Amt) else _end(i) for i in items if isinstance(i, Amt | Token)]
    return min(starts), max(ends)


@v_args(inline=True)
class RuleParts(Transformer[Token, list[Part]]):
    """Parse tree -> the list of parts of a rule text (``source`` is the normalised text, for each part's words)."""

    def __init__(self) -> None:
        super().__init__()
        self.source = ""

    def _part(self, kind: str, items: tuple[Any, ...], **values: Any) -> Part:
        pos, end = _span(items)
        return Part(kind, pos, end, values, self.source[pos:end])

    def start(self, *items: Part) -> list[Part]:
        return list(items)

    def sep(self, tok: Token) -> Part:
        return self._part("sep", (tok,))

    def text(self, tok: Token) -> Part:
        return self._part("text", (tok,))

    def cmp_word(self, tok: Token) -> Part:
        return self._part("text", (tok,), op=_CMP[str(tok)])

    def amount(self, num: Token, unit: Token | None = None) -> Amt:
        return Amt(_number(num), _unit(unit), _pos(num), _end(unit or num))

    def amount_percent(self, tok: Token) -> Amt:
        return Amt(_number(tok), "%", _pos(tok), _end(tok))

    def amount_alone(self, amt: Amt) -> Part:
        return self._part("amount", (amt,), amount=amt)

    def incl(self, tok: Token) -> tuple[str, bool, Token]:
        return ("inclusive", True, tok)

    def excl(self, tok: Token) -> tuple[str, bool, Token]:
        return ("inclusive", False, tok)

    def suffix_ge(self, tok: Token) -> tuple[str, Comparator, Token]:
        return ("suffix", Comparator.GE, tok)

    def suffix_le(self, tok: Token) -> tuple[str, Comparator, Token]:
        return ("suffix", Comparator.LE, tok)

    @staticmethod
    def _marks(items: tuple[Any, ...]) -> tuple[list[Any], dict[str, Any], list[Token]]:
        amounts: list[Any] = []
        marks: dict[str, Any] = {}
        tokens: list[Token] = []
        for item in items:
            if isinstance(item, tuple) and len(item) == 3 and isinstance(item[0], str):
                marks.setdefault(item[0], item[1])
                tokens.append(item[2])
            elif isinstance(item, Amt):
                amounts.append(item)
            elif isinstance(item, Token):
                tokens.append(item)
        return amounts, marks, tokens

    def compared(self, op: Token, *rest: Any) -> Part:
        amounts, marks, tokens = self._marks(rest)
        return self._part("compared", (op, *amounts, *tokens), op=_CMP[str(op)], amount=amounts[0],
                          inclusive=marks.get("inclusive"))  # fmt: skip

    def suffixed(self, *rest: Any) -> Part:
        amounts, marks, tokens = self._marks(rest)
        return self._part("compared", (*amounts, *tokens), op=marks["suffix"], amount=amounts[0],
                          inclusive=marks.get("inclusive"))  # fmt: skip

    def between(self, *rest: Any) -> Part:
        low: list[Any] = []
        high: list[Any] = []
        side = low
        for item in rest:
            if isinstance(item, Token) and item.type == "DASH":
                side = high
                continue
            side.append(item)
        (lo,), low_marks, _ = self._marks(tuple(low))
        (hi,), high_marks, _ = self._marks(tuple(high))
        spans = tuple(i[2] if isinstance(i, tuple) and len(i) == 3 else i for i in rest)
        return self._part("between", spans, low=lo, high=hi, low_closed=low_marks.get("inclusive"),
                          high_closed=high_marks.get("inclusive"))  # fmt: skip

    def within(self, tok: Token) -> Token:
        return tok

    def deviation_within(self, pm: Token, *rest: Any) -> Part:
        amounts, marks, tokens = self._marks(rest)
        closed = marks.get("inclusive", True)
        return self._part("deviation", (pm, *amounts, *tokens), low=None, high=amounts[0], high_closed=closed)

    def deviation_between(self, pm: Token, *rest: Any) -> Part:
        items = [i for i in rest if not (isinstance(i, Token) and i.type in ("DASH", "PLUSMINUS"))]
        amounts, _marks, tokens = self._marks(tuple(items))
        closed_marks = [i[1] for i in items if isinstance(i, tuple) and len(i) == 3 and i[0] == "inclusive"]
        high_closed = closed_marks[-1] if closed_marks else True
        return self._part("deviation", (pm, *amounts, *tokens), low=amounts[0], high=amounts[1],
                          high_closed=high_closed)  # fmt: skip

    # --- points ------------------------------------------------------------------------------------------
    def points_fixed(self, *items: Token) -> Part:
        num = next(t for t in items if t.type in ("NUMBER", "CN_NUMBER"))
        return self._part("points", items, points=_number(num))

    def points_fixed_paren(self, lpar: Token, num: Token, fen: Token, rpar: Token) -> Part:
        return self._part("points", (lpar, rpar), points=_number(num))

    def points_band(self, lpar: Token, low: Token, dash: Token, high: Token, rpar: Token) -> Part:
        return self._part("points", (lpar, rpar), band=(_number(low), _number(high)))

    def points_full(self, tok: Token) -> Part:
        return self._part("points", (tok,), full=True)

    def points_zero(self, tok: Token) -> Part:
        return self._part("points", (tok,), points=Decimal(0))

    def points_share(self, *items: Token) -> Part:
        num = next(t for t in items if t.type == "NUMBER")
        return self._part("points", items, share=_number(num) / 100)

    def points_top(self, tok: Token, num: Token, fen: Token) -> Part:
        return self._part("top", (tok, fen), points=_number(num))

    # --- steps -------------------------------------------------------------------------------------------
    def size_arabic(self, num: Token, unit: Token | None = None) -> Amt:
        return Amt(_number(num), _unit(unit), _pos(num), _end(unit or num))

    def size_chinese(self, num: Token, unit: Token | None = None) -> Amt:
        return Amt(_number(num), str(unit or ""), _pos(num), _end(unit or num))

    def size_percent(self, tok: Token) -> Amt:
        return Amt(_number(tok), "%", _pos(tok), _end(tok))

    def size_one(self, unit: Token) -> Amt:
        return Amt(Decimal(1), str(unit), _pos(unit), _end(unit))

    def step_by(self, every: Token, *rest: Any) -> Part:
        against = next((str(t) for t in rest if isinstance(t, Token) and t.type == "REF_WORD"), "")
        alt = next((str(t) for t in rest if isinstance(t, Token) and t.type == "ALT_SIZE"), "")
        size = next(t for t in rest if isinstance(t, Amt))
        return self._part("step", (every, *rest), word=str(every)[1:], size=size, against=against, alternative=alt)

    def step_event(self, tok: Token) -> Part:
        return self._part("step", (tok,), word="出现", size=Amt(Decimal(1), str(tok)[-1], _pos(tok), _end(tok)),
                          against="", alternative="", event=True)  # fmt: skip

    def fen_number(self, num: Token) -> Token:
        return num

    def deduct(self, tok: Token, num: Token, fen: Token) -> Part:
        return self._part("deduct", (tok, fen), points=_number(num))

    def add(self, tok: Token, num: Token, fen: Token) -> Part:
        return self._part("add", (tok, fen), points=_number(num))

    def both_ways(self, tok: Token, num: Token, fen: Token) -> Part:
        return self._part("both", (tok, fen), points=_number(num))

    def floor(self, tok: Token) -> Part:
        return self._part("floor", (tok,), points=Decimal(0))

    def floor_at(self, tok: Token, num: Token, fen: Token) -> Part:
        return self._part("floor", (tok, fen), points=_number(num))

    def cap(self, tok: Token) -> Part:
        return self._part("cap", (tok,), points=None)

    def cap_at(self, tok: Token, num: Token, fen: Token) -> Part:
        return self._part("cap", (tok, fen), points=_number(num))

    def base(self, tok: Token) -> Part:
        digits = "".join(c for c in str(tok) if c.isdigit() or c == ".")
        return self._part("base", (tok,), points=Decimal(digits))

    # --- proportional, reference, achievement ------------------------------------------------------------
    def prop_words(self, tok: Token) -> Part:
        return self._part("proportional", (tok,), inverse=None)

    def prop_formula(self, tok: Token) -> Part:
        return self._part("proportional", (tok,), inverse=False)

    def prop_inverse(self, tok: Token) -> Part:
        return self._part("proportional", (tok,), inverse=True)

    def prop_direction(self, tok: Token) -> Part:
        direction = "反向" if any(c in str(tok) for c in "≤≦<") else "正向"
        return self._part("direction", (tok,), direction=direction)

    def reference(self, open_: Token, amt: Amt, close: Token) -> Part:
        return self._part("reference", (open_, close), amount=amt)

    def achieved(self, tok: Token) -> Part:
        return self._part("achieved", (tok,))

    def missed(self, tok: Token) -> Part:
        return self._part("missed", (tok,))

    def over(self, tok: Token) -> Part:
        return self._part("over", (tok,))

    def otherwise(self, tok: Token) -> Part:
        return self._part("otherwise", (tok,))

    def element(self, tok: Token) -> Part:
        return self._part("element", (tok,), marker=str(tok))

    def band(self, tok: Token) -> Part:
        return self._part("band", (tok,))

    def remark_explain(self, tok: Token) -> Part:
        return self._part("remark", (tok,), remark="explain")

    def remark_not_assessed(self, tok: Token) -> Part:
        return self._part("remark", (tok,), remark="not-assessed")

    def remark_renormalise(self, tok: Token) -> Part:
        return self._part("remark", (tok,), remark="renormalise")

    def remark_tier_words(self, tok: Token) -> Part:
        return self._part("remark", (tok,), remark="tier-words")

    def remark_choose_one(self, tok: Token) -> Part:
        return self._part("remark", (tok,), remark="choose-one")

    def formula(self, tok: Token) -> Part:
        return self._part("formula", (tok,))

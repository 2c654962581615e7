"""Read 指标值 and 实际完成值: a cached LALR parser over ``grammar/target.lark`` and its Transformer.

``parse_target(text)`` returns a typed target (see :mod:`scoring.targets`) or raises :class:`ParseError`.
The parser and the unit patterns are built once, on first use.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

import attrs
from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternRE, TerminalDef

from scoring import units
from scoring.display import width
from scoring.errors import ScoringError, UnitError
from scoring.numerals import chinese_to_decimal
from scoring.targets import (
    Amount,
    Blank,
    Bound,
    Comparator,
    Date,
    DateSpec,
    Deadline,
    Period,
    Qualitative,
    Range,
    Target,
)

__all__ = ["ParseError", "normalize", "parse_actual", "parse_target", "reset"]

_ROLE_NAMES = {"target": "指标值", "actual": "实际完成值"}

#: Placeholders that mean "nothing here" (a 上年完成值 of a new indicator).
_BLANKS = frozenset({"/", "-", "--", "—", "——", "N/A", "NA", "n/a", "不适用", "暂无", "无数据"})

_SPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
#: Comparator symbols: a text starting with one of these is never qualitative.
_SYMBOLS = "≥≤≧≦⩾⩽<>=‹═"
_CJK = re.compile(r"[\u3400-\u9fff]+")

_EXPECTED = {
    "NUMBER": "数值", "CN_NUMBER": "数值", "PERCENT_CN": "数值", "MINUS": "数值",
    "UNIT": "单位", "MULT": "单位", "SLASH": "“/”", "PER_WORD": "“每”", "TIMES": "“·”",
    "GE": "比较符", "GT": "比较符", "LE": "比较符", "LT": "比较符", "EQ": "比较符",
    "SUFFIX_GE": "“以上/以下”", "SUFFIX_LE": "“以上/以下”", "SUFFIX_GT": "“以上/以下”",
    "SUFFIX_LT": "“以上/以下”", "INCLUSIVE": "“(含)”", "EXCLUSIVE": "“(含)”",
    "APPROX_PRE": "“约”", "APPROX_POST": "“左右”", "RANGE_SEP": "区间连接符“-”",
    "RANGE_PRE": "“介于”", "RANGE_POST": "“之间”",
    "YEAR": "日期", "MONTH": "日期", "DAY": "日期", "DATE_ISO": "日期", "DATE_YM": "日期",
    "YEAR_PART": "日期", "YEAR_WITHIN": "日期", "END_MARK": "“底”", "BEFORE": "“前”", "BY": "“截至”",
    "DONE": "“完成”", "$END": "结尾",
}  # fmt: skip


@attrs.define(eq=False)
class ParseError(ScoringError, ValueError):
    """A 指标值 or 实际完成值 that cannot be read; keeps where and what was expected.

    ``column`` is 1-based, counted in characters of the text as given; ``message`` is the Chinese reason.
    """

    text: str
    column: int
    message: str
    expected: tuple[str, ...] = ()
    role: str = "target"

    def __attrs_post_init__(self) -> None:
        ValueError.__init__(self, self.text, self.column, self.message)

    def __str__(self) -> str:
        return self.render()

    def render(self, context: bool = True) -> str:
        """The Chinese message, with the text and a caret under the bad spot (measured in display width)."""
        head = f"{_ROLE_NAMES.get(self.role, self.role)}“{_one_line(self.text)}”第{self.column}列：{self.message}"
        if not context:
            return head
        shown = _one_line(self.text)
        pad = width(shown[: self.column - 1])
        return f"{head}\n  {shown}\n  {' ' * pad}^"


def _one_line(text: str) -> str:
    return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵").replace("\t", " ")


def normalize(text: str) -> str:
    """The text the grammar reads: NFKC (full width to ASCII), all spaces and line breaks removed.

    Idempotent: removing a space can leave combining marks out of canonical order (U+00A8 then U+00B8 become
    a space and a mark each), so such a text is normalised once more.
    """
    norm = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if not unicodedata.is_normalized("NFKC", norm):
        norm = unicodedata.normalize("NFKC", norm)
    return norm


def _column(text: str, norm_pos: int) -> int:
    """The 1-based column in ``text`` of position ``norm_pos`` of ``normalize(text)``."""
    seen = 0
    for index, char in enumerate(text):
        produced = len(_SPACE.sub("", unicodedata.normalize("NFKC", char)))
        if produced and seen + produced > norm_pos:
            return index + 1
        seen += produced
    return len(text) + 1


class _Reject(Exception):
    """Raised inside the transformer: the text has the grammar's shape but says something impossible."""

    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


@attrs.frozen
class _Amt:
    """An amount before range inheritance: the value, the multiplier word and the unit parts as written."""

    value: Decimal
    pos: int
    mult: str | None = None
    numer: tuple[str, ...] = ()
    denom: tuple[str, ...] = ()
    percent: bool = False

    @property
    def has_unit(self) -> bool:
        return bool(self.numer or self.denom or self.percent)


#: More unit words than this in one unit (元/人·月 has three) is an error: pint's unit parser recurses per word.
_MAX_UNIT_WORDS = 8


@functools.lru_cache(maxsize=4096)
def _unit(mult: str | None, numer: tuple[str, ...], denom: tuple[str, ...]) -> tuple[Any, str, Decimal]:
    """The pint unit, its canonical text and a value factor for a multiplier that cannot prefix the unit."""
    if len(numer) + len(denom) > _MAX_UNIT_WORDS:
        raise UnitError(f"单位过长：超过{_MAX_UNIT_WORDS}个单位词")
    factor = Decimal(1)
    head = list(numer)
    if mult:
        if head:
            head[0] = mult + head[0]
        else:
            factor = _prefix_factor(mult)
    expr = "*".join(head) or "1"
    if denom:
        expr = f"{expr}/({'*'.join(denom)})"
    try:
        parsed = units.parse_unit(expr)
    except UnitError:
        if not mult or not numer:
            raise
        parsed, text, _ = _unit(None, numer, denom)
        return parsed, text, _prefix_factor(mult)
    return parsed, units.canonical(parsed), factor


def _prefix_factor(mult: str) -> Decimal:
    prefix = units.get_registry()._prefixes[mult]
    return Decimal(str(prefix.converter.scale))


def _amount(a: _Amt, mult: str | None = None, numer: tuple[str, ...] = (), denom: tuple[str, ...] = ()) -> Amount:
    if a.percent:
        parsed = units.parse_unit("percent")
        return Amount(a.value, parsed, "%")
    try:
        parsed, text, factor = _unit(mult or a.mult, numer or a.numer, denom or a.denom)
    except UnitError as exc:
        raise _Reject(a.pos, exc.message) from exc
    return Amount(a.value * factor, parsed, text)


def _date_number(text: str) -> int:
    digits = text.rstrip("年度月日号份")
    if digits.isdigit():
        return int(digits)
    return int(chinese_to_decimal(digits))


def _spec(pos: int, year: int | None, month: int | None, day: int | None) -> DateSpec:
    if month is not None and not 1 <= month <= 12:
        raise _Reject(pos, f"月份“{month}”不存在")
    if day is not None:
        days = calendar.monthrange(year or 2000, month or 1)[1]
        if not 1 <= day <= days:
            raise _Reject(pos, f"日期“{year or ''}{'年' if year else ''}{month}月{day}日”不存在")
    return DateSpec(year, month, day)


_PARTS = {
    "年底": (12, 31), "年末": (12, 31), "年内": (12, 31), "本年度内": (12, 31), "年度内": (12, 31),
    "下半年": (12, 31), "年中": (6, 30), "上半年": (6, 30),
}  # fmt: skip
_QUARTERS = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}


@v_args(inline=True)
class _Build(Transformer[Token, Target]):
    """Turns the parse tree into typed targets, during the LALR parse (no tree is kept)."""

    # --- comparators ----------------------------------------------------------------------------------
    def ge(self, tok: Token) -> tuple[Comparator, int]:
        return Comparator.GE, tok.start_pos or 0

    def gt(self, tok: Token) -> tuple[Comparator, int]:
        return Comparator.GT, tok.start_pos or 0

    def le(self, tok: Token) -> tuple[Comparator, int]:
        return Comparator.LE, tok.start_pos or 0

    def lt(self, tok: Token) -> tuple[Comparator, int]:
        return Comparator.LT, tok.start_pos or 0

    def eq(self, tok: Token) -> tuple[Comparator, int]:
        return Comparator.EQ, tok.start_pos or 0

    def suffix_ge(self, tok: Token) -> tuple[str, Comparator, int]:
        return "op", Comparator.GE, tok.start_pos or 0

    def suffix_le(self, tok: Token) -> tuple[str, Comparator, int]:
        return "op", Comparator.LE, tok.start_pos or 0

    def suffix_gt(self, tok: Token) -> tuple[str, Comparator, int]:
        return "op", Comparator.GT, tok.start_pos or 0

    def suffix_lt(self, tok: Token) -> tuple[str, Comparator, int]:
        return "op", Comparator.LT, tok.start_pos or 0

    def inclusive(self, tok: Token) -> tuple[str, bool, int]:
        return "incl", True, tok.start_pos or 0

    def exclusive(self, tok: Token) -> tuple[str, bool, int]:
        return "incl", False, tok.start_pos or 0

    # --- numbers and units ----------------------------------------------------------------------------
    def arabic(self, *toks: Token) -> tuple[Decimal, int]:
        sign = -1 if len(toks) == 2 else 1
        num = toks[-1]
        return sign * Decimal(str(num).replace(",", "")), toks[0].start_pos or 0

    def chinese(self, tok: Token) -> tuple[Decimal, int]:
        try:
            return chinese_to_decimal(str(tok)), tok.start_pos or 0
        except ValueError as exc:
            raise _Reject(tok.start_pos or 0, f"中文数字“{tok}”无法识别") from exc

    def per_slash(self, tok: Token, unit: Token) -> tuple[str, str]:
        return "den", str(unit)

    per_word = per_slash

    def per_times(self, tok: Token, unit: Token) -> tuple[str, str]:
        return "times", str(unit)

    def unit(self, *parts: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
        numer: list[str] = []
        denom: list[str] = []
        pers = parts
        if parts and isinstance(parts[0], Token):
            numer.append(str(parts[0]))
            pers = parts[1:]
        in_denominator = False
        for how, name in pers:
            if how == "den":
                in_denominator = True
                denom.append(name)
            else:
                (denom if in_denominator else numer).append(name)
        return tuple(numer), tuple(denom)

    def amount(self, number: tuple[Decimal, int], *rest: Any) -> _Amt:
        value, pos = number
        mult = None
        numer: tuple[str, ...] = ()
        denom: tuple[str, ...] = ()
        for part in rest:
            if isinstance(part, Token):
                mult = str(part)
            else:
                numer, denom = part
        return _Amt(value, pos, mult, numer, denom)

    def percent_words(self, tok: Token) -> _Amt:
        try:
            value = chinese_to_decimal(str(tok)[3:])
        except ValueError as exc:
            raise _Reject(tok.start_pos or 0, f"“{tok}”无法识别") from exc
        return _Amt(value, tok.start_pos or 0, percent=True)

    # --- numeric targets ------------------------------------------------------------------------------
    def every(self, tok: Token, unit: Token) -> tuple[str, str, int]:
        return "every", str(unit), tok.start_pos or 0

    def bound(self, *parts: Any) -> Bound:
        op: Comparator | None = None
        approximate = False
        amt: _Amt | None = None
        inclusive: bool | None = None
        every: list[str] = []
        for part in parts:
            if isinstance(part, _Amt):
                amt = part
            elif isinstance(part, Token):
                approximate = True
            elif part[0] == "every":
                every.append(part[1])
            elif part[0] == "op":
                _, suffix_op, pos = part
                if op is not None and op != Comparator.EQ and op.direction != suffix_op.direction:
                    raise _Reject(pos, f"比较符“{op.symbol}”与后缀所指方向相反")
                op = suffix_op if op is None or op == Comparator.EQ else op
            elif part[0] == "incl":
                inclusive = part[1]
            else:
                op = part[0]
        assert amt is not None
        if every:
            plain = _amount(amt)
            if amt.percent or plain.unit_text in {"%", "‰"}:
                raise _Reject(
                    amt.pos, f"“每{''.join(every)}”与百分比连用含义不明：请直接写百分比，或写明每{every[0]}的数量"
                )
            amt = attrs.evolve(amt, denom=(*amt.denom, *every))
        implied = op is None
        op = op or Comparator.EQ
        if inclusive is not None:
            op = _inclusive(op, inclusive)
        return Bound(op, _amount(amt), implied=implied, approximate=approximate)

    def range(self, *parts: Any) -> Range:
        low, high = (p for p in parts if isinstance(p, _Amt))
        if low.has_unit:
            lo = _amount(low)
        else:
            lo = _amount(low, high.mult if not low.mult else None, high.numer, high.denom)
            if high.percent:
                lo = _amount(attrs.evolve(low, percent=True))
        hi = _amount(high)
        if not hi.unitless and lo.unitless:
            lo = _amount(low, numer=high.numer, denom=high.denom)
        try:
            ordered = lo.quantity <= hi.quantity
        except Exception as exc:  # pint's DimensionalityError, or a comparison it refuses
            raise _Reject(high.pos, f"区间两端单位不一致：“{lo.unit_text}”与“{hi.unit_text}”") from exc
        if not ordered:
            raise _Reject(high.pos, f"区间下限{lo}大于上限{hi}")
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
        return _spec(toks[0].start_pos or 0, year, month, day)

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
        return _spec(tok.start_pos or 0, year, month, day)

    def iso_month(self, tok: Token) -> DateSpec:
        year, month = (int(x) for x in re.split(r"[-/.]", str(tok)))
        return _spec(tok.start_pos or 0, year, month, None)

    def deadline(self, *parts: Any) -> Deadline:
        (point,) = (p for p in parts if isinstance(p, DateSpec))
        return Deadline(point)

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
            raise _Reject(sep.start_pos or 0, f"时间段的开始{start}晚于结束{end}")
        return Period(start, end)

    def start(self, target: Target) -> Target:
        return target


def _inclusive(op: Comparator, inclusive: bool) -> Comparator:
    if inclusive:
        return {Comparator.GT: Comparator.GE, Comparator.LT: Comparator.LE}.get(op, op)
    return {Comparator.GE: Comparator.GT, Comparator.LE: Comparator.LT}.get(op, op)


def _grammar_text() -> str:
    """``grammar/target.lark``: inside the installed package, or beside it in a source checkout."""
    packaged = resources.files("scoring").joinpath("grammar/target.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parent.parent / "grammar" / "target.lark"
    return source.read_text(encoding="utf-8")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words) or r"(?!x)x"


@functools.cache
def get_parser() -> Lark:
    """The LALR parser with the registry's units; built once, on first use."""
    unit_words, prefixes = units.unit_names()

    def edit(term: TerminalDef) -> None:
        if term.name == "UNIT":
            term.pattern = PatternRE(_alternation(unit_words))
        elif term.name == "MULT":
            term.pattern = PatternRE(_alternation(prefixes))

    return Lark(
        _grammar_text(),
        parser="lalr",
        lexer="contextual",
        transformer=_Build(),
        edit_terminals=edit,
    )


@functools.cache
def _comparator_start() -> re.Pattern[str]:
    parser = get_parser()
    patterns = [parser.get_terminal(name).pattern.to_regexp() for name in ("GE", "LE", "GT", "LT", "EQ")]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def reset() -> None:
    """Forget the parser and every cached result (after the unit registry changed)."""
    get_parser.cache_clear()
    _comparator_start.cache_clear()
    _cached.cache_clear()
    _unit.cache_clear()


@attrs.frozen
class _Failure:
    column: int
    message: str
    expected: tuple[str, ...]


def _describe_lark_error(norm: str, exc: UnexpectedInput) -> tuple[int, str, tuple[str, ...]]:
    pos: int
    if isinstance(exc, UnexpectedCharacters):
        pos, allowed = exc.pos_in_stream or 0, set(exc.allowed or ())
        bad = norm[pos]
    elif isinstance(exc, UnexpectedToken):
        tok = exc.token
        allowed = set(exc.expected or ())
        if tok.type == "$END":
            pos, bad = len(norm), ""
        else:
            pos, bad = tok.start_pos or 0, str(tok)
    else:  # UnexpectedEOF
        pos, bad, allowed = len(norm), "", set(getattr(exc, "expected", ()) or ())
    expected = tuple(dict.fromkeys(_EXPECTED.get(name, name) for name in sorted(allowed)))
    listed = "、".join(expected)
    if not bad:
        if "数值" in expected:
            return pos, f"“{norm}”后缺少数值", expected
        return pos, f"“{norm}”不完整，结尾处应为：{listed}", expected
    cjk = _CJK.match(norm, pos)
    if cjk and "单位" in expected and pos > 0 and (norm[pos - 1].isdigit() or norm[pos - 1] == "%"):
        return pos, f"无法识别的单位“{cjk.group()}”（可在单位定义文件中添加）", expected
    if pos > 0 and _comparator_start().match(bad) and "数值" in expected:
        return pos, f"比较符重复：“{bad}”前已有比较符", expected
    return pos, f"无法识别“{bad}”，此处应为：{listed}", expected


def _fallback(norm: str, exc: UnexpectedInput | _Reject) -> Target | tuple[int, str, tuple[str, ...]]:
    """A text the grammar did not read: qualitative when it has no number and no comparator symbol."""
    detail = (exc.pos, exc.message, ()) if isinstance(exc, _Reject) else _describe_lark_error(norm, exc)
    if _DIGIT.search(norm) or norm[0] in _SYMBOLS:
        return detail
    word = _comparator_start().match(norm)
    if word and word.end() == len(norm):
        return detail  # 不低于 with nothing after it
    return Qualitative(norm)


@functools.lru_cache(maxsize=65536)
def _cached(text: str, year: int | None) -> Target | _Failure:
    norm = normalize(text)
    if not norm:
        return _Failure(1, "内容为空", ())
    if norm in _BLANKS:
        return Blank(norm)
    try:
        target: Target = get_parser().parse(norm)  # type: ignore[assignment]  # the transformer builds it
    except (UnexpectedInput, _Reject) as exc:
        outcome = _fallback(norm, exc)
        if isinstance(outcome, tuple):
            pos, message, expected = outcome
            return _Failure(_column(text, pos), message, expected)
        target = outcome
    if year is not None and isinstance(target, Deadline | Date | Period):
        target = target.resolve(year)
    return target


def _parse(text: str, year: int | None, role: str) -> Target:
    if not isinstance(text, str):
        _raise(str(text), _Failure(1, f"应为文本，却是{type(text).__name__}", ()), role)
    outcome = _cached(text, year)
    if isinstance(outcome, _Failure):
        _raise(text, outcome, role)
    return outcome


def _raise(text: str, failure: _Failure, role: str) -> NoReturn:
    raise ParseError(text, failure.column, failure.message, failure.expected, role)


def parse_target(text: str, year: int | None = None) -> Target:
    """Read a 指标值 (``≥110个``) into a typed target; ``year`` resolves dates written without one (``年底前``)."""
    return _parse(text, year, "target")


def parse_actual(text: str, year: int | None = None) -> Target:
    """Read a 实际完成值 (``99个``, ``2026年6月15日``, ``部分达成``) with the same grammar."""
    return _parse(text, year, "actual")

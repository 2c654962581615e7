"""Read 指标值 and 实际完成值: a :class:`Reader` holds a unit registry, its LALR parser and a cache of results.

``parse_target(text)`` reads with the default reader (built-in units); a reader with the user's own unit files
is ``Reader(Units(extra=[path]))``. Nothing is built until the first text is read, and no state is global: two
readers never share a cache, so a test or a run with other units needs no reset.

A text longer than :data:`MAX_LENGTH` characters (spaces not counted) is refused before it is parsed, and a
table year outside :data:`~scoring.language.dates.MIN_YEAR` .. ``MAX_YEAR`` is refused for the texts that need
it (``年底前``). Texts of a known shape (one number in words: ``≥110个``) are read without the grammar
(:mod:`scoring.language.shapes`).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import NoReturn

import attrs
from lark import Lark
from lark.exceptions import UnexpectedInput

from scoring.language.build import build_parser
from scoring.language.dates import year_problem
from scoring.language.described import find_described
from scoring.language.errors import ParseError, column_of, describe_lark_error
from scoring.language.memo import Memo
from scoring.language.shapes import Shapes
from scoring.language.special import special_number
from scoring.language.targets import Blank, Qualitative, Target
from scoring.language.transformer import Build, Reject
from scoring.language.units import Units, default_units
from scoring.text import normalize

__all__ = ["MAX_LENGTH", "Reader", "default_reader", "grammar_text", "parse_actual", "parse_target"]

#: Placeholders that mean "nothing here" (a 上年完成值 of a new indicator).
_BLANKS = frozenset({"/", "-", "--", "—", "——", "N/A", "NA", "n/a", "不适用", "暂无", "无数据"})

_DIGIT = re.compile(r"\d")
#: Comparator symbols: a text starting with one of these is never qualitative.
_SYMBOLS = "≥≤≧≦⩾⩽<>=‹═"
#: Distinct texts remembered per reader (tables repeat their targets; a province's year repeats them more).
CACHE_SIZE = 65536
#: Characters (spaces not counted) a 指标值 or 实际完成值 may have; real ones have fewer than 30.
MAX_LENGTH = 200
#: Texts longer than this (spaces counted) are read without being remembered.
_CACHED_LENGTH = 1000

_Detail = tuple[int, str, tuple[str, ...]]


def grammar_text(name: str = "target.lark") -> str:
    """``grammar/target.lark`` (or another grammar of that folder): inside the installed package, or beside it
    in a source checkout."""
    packaged = resources.files("scoring").joinpath(f"grammar/{name}")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2] / "grammar" / name
    return source.read_text(encoding="utf-8")


@attrs.frozen
class _Failure:
    column: int
    message: str
    expected: tuple[str, ...]


class Reader:
    """Reads 指标值 and 实际完成值 texts into typed targets with one unit registry.

    The parser is built on first use (its UNIT and MULT terminals are the registry's names, longest first);
    results are remembered per reader (from a text's second reading on), keyed on the text and the year.
    """

    def __init__(self, units: Units | None = None) -> None:
        self.units = units or default_units()
        self._memo: Memo[Target | _Failure] = Memo(CACHE_SIZE)
        self._shapes = Shapes(self._read_norm)

    def __repr__(self) -> str:
        return f"Reader({self.units!r})"

    def clear_cache(self) -> None:
        """Forget every result and shape read so far (the parser stays): for benchmarks of first reads."""
        self._memo.clear()
        self._shapes.clear()

    @functools.cached_property
    def parser(self) -> Lark:
        """The LALR parser with this reader's units (loaded from the cache folder when built before)."""
        return build_parser(grammar_text(), self.units, Build(self.units))

    @functools.cached_property
    def _comparator_start(self) -> re.Pattern[str]:
        patterns = [self.parser.get_terminal(name).pattern.to_regexp() for name in ("GE", "LE", "GT", "LT", "EQ")]
        return re.compile("|".join(f"(?:{p})" for p in patterns))

    def target(self, text: str, year: int | None = None) -> Target:
        """Read a 指标值 (``≥110个``); ``year`` resolves dates written without one (``年底前``)."""
        return self._parse(text, year, "target")

    def actual(self, text: str, year: int | None = None) -> Target:
        """Read a 实际完成值 (``99个``, ``2026年6月15日``, ``部分达成``) with the same grammar."""
        return self._parse(text, year, "actual")

    def _parse(self, text: str, year: int | None, role: str) -> Target:
        if not isinstance(text, str):
            _raise(str(text), _Failure(1, f"应为文本，却是{type(text).__name__}", ()), role)
        key = (text, year)
        outcome = self._memo.get(key)
        if outcome is None:
            outcome = self._read_uncached(text, year)
            if len(text) <= _CACHED_LENGTH:
                self._memo.put(key, outcome)
        if isinstance(outcome, _Failure):
            _raise(text, outcome, role)
        return outcome

    def _read_uncached(self, text: str, year: int | None) -> Target | _Failure:
        norm = normalize(text)
        if not norm:
            return _Failure(1, "内容为空", ())
        if len(norm) > MAX_LENGTH:
            message = f"内容过长：去掉空白后有{len(norm)}个字，最多{MAX_LENGTH}个字"
            return _Failure(column_of(text, MAX_LENGTH), message, ())
        if norm in _BLANKS:
            return Blank(norm)
        target: Target | None = self._shapes.read(norm)
        if target is None:
            outcome = self._read_norm(norm)
            if isinstance(outcome, tuple):
                pos, message, expected = outcome
                return _Failure(column_of(text, pos), message, expected)
            target = outcome
        resolve = getattr(target, "resolve", None)  # dated targets, and several or described ones holding them
        if year is not None and resolve is not None:
            resolved = resolve(year)
            problem = year_problem(year, "指标表年度") if resolved != target else None
            if problem:
                return _Failure(1, f"{problem}，无法确定日期", ())
            target = resolved
        return target

    def _read_norm(self, norm: str) -> Target | _Detail:
        """A normalised text read by the grammar, or by the fallbacks when the grammar refuses it."""
        try:
            return self.parser.parse(norm)  # type: ignore[return-value]  # the transformer builds the target
        except (UnexpectedInput, Reject) as exc:
            return self._fallback(norm, exc)

    def _fallback(self, norm: str, exc: UnexpectedInput | Reject) -> Target | _Detail:
        """A text the grammar did not read: one value inside a short description (结案率为95%), or qualitative
        when it has no number and no comparator symbol; otherwise an error."""
        detail: _Detail
        if isinstance(exc, Reject):
            detail = (exc.pos, exc.message, ())
            if exc.certain:
                return detail  # 不超过万元: a comparator and a unit with no number
        else:
            special = special_number(norm)
            if special is not None:
                return (*special, ())
            detail = describe_lark_error(norm, exc, self._comparator_start)
            if _DIGIT.search(norm):
                described = find_described(norm, self.parser.parse, self._comparator_start)
                if described is not None:
                    return described
        if _DIGIT.search(norm) or norm[0] in _SYMBOLS:
            return detail
        word = self._comparator_start.match(norm)
        if word and word.end() == len(norm):
            return detail  # 不低于 with nothing after it
        return Qualitative(norm)


def _raise(text: str, failure: _Failure, role: str) -> NoReturn:
    raise ParseError(text, failure.column, failure.message, failure.expected, role)


@functools.cache
def default_reader() -> Reader:
    """The reader with the built-in units, built on first use."""
    return Reader()


def parse_target(text: str, year: int | None = None, reader: Reader | None = None) -> Target:
    """Read a 指标值 (``≥110个``) into a typed target; ``year`` resolves dates written without one (``年底前``)."""
    return (reader or default_reader()).target(text, year)


def parse_actual(text: str, year: int | None = None, reader: Reader | None = None) -> Target:
    """Read a 实际完成值 (``99个``, ``2026年6月15日``, ``部分达成``) with the same grammar."""
    return (reader or default_reader()).actual(text, year)

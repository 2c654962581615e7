"""The LALR parser of ``grammar/target.lark`` for a set of units: built once, then loaded from the cache folder.

The grammar's UNIT and MULT terminals are the registry's unit names and multiplier words (longest first), so a
parser belongs to its unit definitions: it is kept under a key made of the grammar, the definition files and
the versions of Python, lark and pint (:mod:`scoring.language.cache`), and a ``--units`` file of other words
gets a parser of its own. Loading a kept parser takes a few milliseconds and needs no pint; building one needs
the registry's names and takes a tenth of a second or more.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from lark import Lark
from lark.lexer import PatternRE, TerminalDef

import scoring.language.cache as cache
from scoring.language.units import Units

__all__ = ["build_parser", "build_plain_parser"]

#: What a kept parser's file holds besides the parser: the unit names it was built with (for checks and tests).
_NAMES_MARK = b"\n--scoring-unit-names--\n"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words) or r"(?!x)x"


def _build(grammar: str, units: Units, transformer: Any) -> Lark:
    unit_words, prefixes = units.names

    def edit(term: TerminalDef) -> None:
        if term.name == "UNIT":
            term.pattern = PatternRE(_alternation(unit_words))
        elif term.name == "MULT":
            term.pattern = PatternRE(_alternation(prefixes))

    return Lark(grammar, parser="lalr", lexer="contextual", transformer=transformer, edit_terminals=edit)


def _load(data: bytes, transformer: Any) -> Lark:
    # Lark.load takes no options; its own cache loads with the transformer through _load, as done here
    parser = Lark.__new__(Lark)
    parser._load(io.BytesIO(data), transformer=transformer)
    return parser


def build_parser(grammar: str, units: Units, transformer: Any) -> Lark:
    """The parser of ``grammar`` with ``units``, whose parse trees ``transformer`` turns into targets."""
    name = cache.key("parser", (grammar, *units.definitions)) + ".lark"
    data = cache.read(name)
    if data is not None:
        try:
            return _load(data.partition(_NAMES_MARK)[0], transformer)
        except Exception:  # a damaged or foreign file: built again
            pass
    parser = _build(grammar, units, transformer)
    out = io.BytesIO()
    parser.save(out, exclude_options=("transformer", "edit_terminals"))
    words = "\n".join(units.names[0]).encode("utf-8")
    cache.write(name, out.getvalue() + _NAMES_MARK + words)
    return parser


def build_plain_parser(
    grammar: str, transformer: Any, kind: str, edit: Callable[[TerminalDef], None] | None = None
) -> Lark:
    """The parser of a grammar that needs no unit names (``grammar/rule.lark``), kept as ``build_parser`` keeps;
    ``edit`` is lark's ``edit_terminals`` (called for every terminal before the lexer is made)."""
    name = cache.key(kind, (grammar,)) + ".lark"
    data = cache.read(name)
    if data is not None:
        try:
            return _load(data, transformer)
        except Exception:  # a damaged or foreign file: built again
            pass
    parser = Lark(grammar, parser="lalr", lexer="contextual", transformer=transformer, edit_terminals=edit)
    out = io.BytesIO()
    parser.save(out, exclude_options=("transformer", "edit_terminals"))
    cache.write(name, out.getvalue())
    return parser

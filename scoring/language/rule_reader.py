"""Read 赋分规则 texts: a :class:`RuleReader` holds the LALR parser of ``grammar/rule.lark`` and a cache of results.

``parse_rule(text)`` reads with the default reader. A text that cannot be read raises :class:`ParseError`
(role ``rule``) naming the 1-based column of the text as given and what was expected there, in Chinese.
The parser is built on first use (or loaded from the cache folder, :mod:`scoring.language.cache`); each
distinct text is read once per reader.
"""

from __future__ import annotations

import functools
import unicodedata

from lark import Lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import PatternRE, TerminalDef

from scoring.language.build import build_plain_parser
from scoring.language.errors import ParseError
from scoring.language.memo import Memo
from scoring.language.reader import grammar_text
from scoring.language.reject import Reject
from scoring.language.rule_assemble import assemble
from scoring.language.rule_model import WrittenRule
from scoring.language.rule_parts import Part, RuleParts
from scoring.language.rule_text import normalise_rule

__all__ = ["MAX_RULE_LENGTH", "RuleReader", "default_rule_reader", "parse_rule"]

#: Characters (spaces not counted) a 赋分规则 may have; real ones have fewer than 150.
MAX_RULE_LENGTH = 500

#: lark terminal names -> what a user would call them, for "此处应为：…".
_EXPECTED = {
    "NUMBER": "数值", "CN_NUMBER": "数值", "FEN": "“分”", "UNIT": "单位", "DASH": "“-”", "RPAR": "“)”",
    "WITHIN": "“以内”", "SUFFIX_LE": "“以下/以内”", "SUFFIX_GE": "“以上”", "INCL": "“(含)”", "EXCL": "“(不含)”",
    "PLUSMINUS": "“±”", "REF_CLOSE": "“为标准”", "REF_WORD": "“目标值”",
    "RATE_UNIT": "单位",
}  # fmt: skip


class RuleReader:
    """Reads 赋分规则 texts into typed rules (:class:`~scoring.language.rule_model.WrittenRule`)."""

    def __init__(self) -> None:
        self._memo: Memo[WrittenRule | ParseError] = Memo(4096)
        self._parts = RuleParts()

    def clear_cache(self) -> None:
        """Forget every rule read so far (the parser stays): for benchmarks of first reads."""
        self._memo.clear()

    @functools.cached_property
    def parser(self) -> Lark:
        """The LALR parser of ``grammar/rule.lark`` (loaded from the cache folder when built before)."""
        return build_plain_parser(grammar_text("rule.lark"), self._parts, "rule-parser", _TextRun().edit)

    def read(self, text: str) -> WrittenRule:
        """The typed rule ``text`` writes out; raises :class:`ParseError` (role ``rule``) when it cannot be read."""
        outcome = self._memo.get(text)
        if outcome is None:
            outcome = self._read(text)
            if len(text) <= 2 * MAX_RULE_LENGTH:
                self._memo.put(text, outcome)
        if isinstance(outcome, ParseError):
            raise outcome
        return outcome

    def _read(self, text: str) -> WrittenRule | ParseError:
        if not isinstance(text, str):
            return ParseError(str(text), 1, f"应为文本，却是{type(text).__name__}", (), "rule")
        norm = normalise_rule(text)
        if not norm.text.strip():
            return ParseError(text, 1, "内容为空", (), "rule")
        if all(unicodedata.category(c).startswith(("P", "Z")) or c.isspace() for c in norm.text):
            return ParseError(text, 1, "只有标点，没有计分内容（如“每超过1个百分点扣0.5分”）", (), "rule")
        if len(norm.text) > MAX_RULE_LENGTH:
            message = f"内容过长：去掉空白后有{len(norm.text)}个字，最多{MAX_RULE_LENGTH}个字"
            return ParseError(text, norm.column(MAX_RULE_LENGTH), message, (), "rule")
        parser = self.parser
        self._parts.source = norm.text
        try:
            parsed: list[Part] = parser.parse(norm.text)  # type: ignore[assignment]  # the transformer's parts
        except Reject as exc:  # a number too long: at its position in the normalised text
            return ParseError(text, norm.column(exc.pos), exc.message, (), "rule")
        except UnexpectedInput as exc:
            pos, message, expected = _describe(norm.text, exc)
            return ParseError(text, norm.column(pos), message, expected, "rule")
        try:
            # from here on a part's position is its 1-based column in the text as given
            return assemble([p._replace(pos=norm.column(p.pos)) for p in parsed], text)
        except Reject as exc:
            return ParseError(text, max(exc.pos, 1), exc.message, (), "rule")


class _TextRun:
    """lark's ``edit_terminals`` for the rule grammar: TEXT_RUN becomes a run of text characters that stops before
    the first place where another terminal matches. lark calls this for every terminal before it makes the lexer;
    the run is set again at each call, so it holds once all have been seen."""

    def __init__(self) -> None:
        self.others: list[str] = []
        self.run: TerminalDef | None = None

    def edit(self, term: TerminalDef) -> None:
        if term.name == "TEXT_RUN":
            self.run = term
        elif term.name != "TEXT":
            self.others.append(term.pattern.to_regexp())
        if self.run is not None:
            stop = "|".join(f"(?:{p})" for p in self.others)
            self.run.pattern = PatternRE(f"(?:(?!{stop})[^;。,、:\\n])+")


def _describe(norm: str, exc: UnexpectedInput) -> tuple[int, str, tuple[str, ...]]:
    """Where (in ``norm``) and why in Chinese a rule text failed."""
    if isinstance(exc, UnexpectedCharacters):
        pos, allowed = exc.pos_in_stream or 0, set(exc.allowed or ())
    elif isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        pos, allowed = exc.token.start_pos or 0, set(exc.expected or ())
    else:
        pos, allowed = len(norm), set(getattr(exc, "expected", ()) or ())
    named = tuple(dict.fromkeys(_EXPECTED[name] for name in sorted(allowed) if name in _EXPECTED))
    listed = "、".join(named) or "完整的计分说明"
    if pos >= len(norm):
        return pos, f"规则不完整，结尾处应为：{listed}", named
    end = pos + 1
    while end < len(norm) and end - pos < 8 and norm[end] not in ";。,、":
        end += 1
    return pos, f"无法理解“{norm[pos:end]}”，此处应为：{listed}", named


@functools.cache
def default_rule_reader() -> RuleReader:
    """The rule reader, built on first use."""
    return RuleReader()


def parse_rule(text: str, reader: RuleReader | None = None) -> WrittenRule:
    """Read a 赋分规则 text (``每超过一个百分点扣0.5分，扣完为止``) into a typed rule."""
    return (reader or default_rule_reader()).read(text)

"""``ParseError``: a 指标值 or 实际完成值 that cannot be read, and the Chinese wording of lark's errors.

A ParseError keeps its fields (text, 1-based column in the text as given, what was expected) and builds its
message when shown, with a caret under the bad spot measured in display width (CJK characters take two columns).
A long text is shown cut around the bad spot (``…``), so a message stays a few lines whatever the input.
"""

from __future__ import annotations

import re
import unicodedata

import attrs
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from scoring.display import width
from scoring.errors import ScoringError
from scoring.text import one_line

__all__ = ["ParseError", "column_of", "describe_lark_error"]

_ROLE_NAMES = {"target": "指标值", "actual": "实际完成值", "rule": "赋分规则"}
#: Characters of a long text shown in a message (in the head line, and around the caret).
_SHOWN = 40
_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff]+")

#: lark terminal names -> what a user would call them, for "此处应为：…".
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
    "DONE": "“完成”", "VERB": "“建成/到位”", "NOTE_OPEN": "“(”", "NOTE_CLOSE": "“)”", "SEP": "“、”",
    "COUNT_WORD": "单位", "$END": "结尾",
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
        shown = one_line(self.text)
        named = shown if len(shown) <= _SHOWN else f"{shown[:_SHOWN]}…（共{len(shown)}个字）"
        head = f"{_ROLE_NAMES.get(self.role, self.role)}“{named}”第{self.column}个字：{self.message}"
        if not context:
            return head
        start = 0 if len(shown) <= _SHOWN else max(0, min(self.column - 1 - _SHOWN // 2, len(shown) - _SHOWN))
        window = ("…" if start else "") + shown[start : start + _SHOWN]
        window += "…" if start + _SHOWN < len(shown) else ""
        pad = width(window[: self.column - start - 1 + (1 if start else 0)])
        return f"{head}\n  {window}\n  {' ' * pad}^"


def column_of(text: str, norm_pos: int) -> int:
    """The 1-based column in ``text`` of position ``norm_pos`` of its normalised form."""
    seen = 0
    for index, char in enumerate(text):
        if char.isascii():
            produced = 0 if char.isspace() else 1
        else:
            produced = len(_SPACE.sub("", unicodedata.normalize("NFKC", char)))
        if produced and seen + produced > norm_pos:
            return index + 1
        seen += produced
    return len(text) + 1


def describe_lark_error(
    norm: str, exc: UnexpectedInput, comparator: re.Pattern[str]
) -> tuple[int, str, tuple[str, ...]]:
    """Where (in ``norm``) and why in Chinese a text failed, and what was expected there.

    ``comparator`` matches a comparator at the start of a string (to say "比较符重复").
    """
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
    if norm.count("(", 0, pos) <= norm.count(")", 0, pos):
        allowed.discard("NOTE_CLOSE")  # a ")" is expected only inside a unit note
    expected = tuple(dict.fromkeys(_EXPECTED.get(name, name) for name in sorted(allowed)))
    listed = "、".join(expected)
    if not bad:
        if "数值" in expected:
            return pos, f"“{norm}”后缺少数值", expected
        return pos, f"“{norm}”不完整，结尾处应为：{listed}", expected
    cjk = _CJK.match(norm, pos)
    if cjk and "单位" in expected and pos > 0 and (norm[pos - 1].isdigit() or norm[pos - 1] == "%"):
        return pos, f"无法识别的单位“{cjk.group()}”（可在单位定义文件中添加）", expected
    if pos > 0 and comparator.match(bad) and "数值" in expected:
        return pos, f"比较符重复：“{bad}”前已有比较符", expected
    return pos, f"无法识别“{bad}”，此处应为：{listed}", expected

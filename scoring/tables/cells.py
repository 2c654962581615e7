"""Cell text helpers shared by the table readers: exact numbers, 分值/得分 cells and weighted 一级 headings.

Every reader turns a cell into text first (``cell_text``) and reads numbers from that text, so a number
never passes through a float: ``48.3`` in a spreadsheet becomes ``Decimal("48.3")``, ``10.0`` becomes ``10``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from scoring.numbers import plain
from scoring.tables.guard import MAX_DIGITS, short

__all__ = [
    "ERROR_VALUES",
    "cell_text",
    "decimal_of",
    "float_text",
    "plain_number",
    "read_points",
    "read_weight",
    "split_level1_weight",
    "weight_of",
]

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
#: ``(50分)`` / ``（50分）`` / ``(50)``: the weight in brackets at the end of a 一级 heading (``产出指标(50分)``).
_WEIGHTED = re.compile(r"[(（]\s*(?P<weight>\d+(?:\.\d+)?)\s*分?\s*[)）]")
#: What Excel writes for a formula it could not compute (read from an XLSX error cell or a CSV saved by Excel).
ERROR_VALUES = frozenset(
    {
        "#DIV/0!",
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
    }
)
#: Beyond this exponent a number is written in scientific notation (``1E+308``), never as 309 digits.
_HUGE = 20
#: Excel keeps 15 significant digits; a float's 16th and 17th digits are binary noise.
_EXCEL_DIGITS = 15
#: Parts of a number format: quoted text, an escaped character, digit placeholders, ``%``, other characters.
_FORMAT_TOKENS = re.compile(r'"[^"]*"|\\.|[0#?]+|%|.', re.S)
_FORMAT_BRACKETS = re.compile(r"\[[^\[\]]*\]")


def float_text(value: float) -> str:
    """A spreadsheet float as the exact text it displays (``48.3`` -> ``"48.3"``, ``10.0`` -> ``"10"``).

    ``inf``, ``nan`` and numbers beyond 10²⁰ keep their short spelling (``1e+308``), which no 分值 reads."""
    number = Decimal(repr(value))
    if not number.is_finite() or abs(number.adjusted()) > _HUGE:
        return repr(value)
    return plain(number)


def _excel_number(value: float) -> Decimal:
    """A float as Excel shows it: at most 15 significant digits (``0.30000000000000004`` -> ``0.3``)."""
    number = Decimal(repr(value))
    if not number.is_finite() or number.is_zero() or len(number.as_tuple().digits) <= _EXCEL_DIGITS:
        return number
    return number.quantize(Decimal(1).scaleb(number.adjusted() - _EXCEL_DIGITS + 1))


def _format_parts(number_format: str) -> tuple[bool, str, str]:
    """Whether a number format shows a percentage, and the literal text before and after the number.

    Only the first section counts (``0%;-0%``); colours and conditions (``[Red]``) are dropped; a quoted or
    escaped ``%`` is literal text, not a percentage (``0"%"`` shows 95 as ``95%``); ``0"个"`` shows ``110个``.
    """
    section = _FORMAT_BRACKETS.sub("", number_format.split(";", 1)[0])
    percent, seen_digit = False, False
    before: list[str] = []
    after: list[str] = []
    for match in _FORMAT_TOKENS.finditer(section):
        token = match[0]
        if token[0] in "0#?":
            seen_digit = True
            continue
        if token == "%":
            percent = True
            continue
        literal = token[1:-1] if token.startswith('"') else token[1:] if token.startswith("\\") else ""
        (after if seen_digit else before).append(literal)
    return percent, "".join(before), "".join(after)


def cell_text(value: Any, number_format: str = "General") -> str:
    """The text of a spreadsheet cell value: numbers without float noise, dates as ``2026年6月30日``.

    A number formatted as a percentage (``0.95`` shown as ``95%``) becomes ``"95%"``; literal text of the
    number format stays (``110`` shown with ``0"个"`` becomes ``"110个"``); a float has at most the 15
    significant digits Excel keeps, and a whole float loses its ``.0``.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, Decimal)):
        number = _excel_number(value) if isinstance(value, float) else Decimal(value)
        if not number.is_finite() or abs(number.adjusted()) > _HUGE:
            return repr(value) if isinstance(value, float) else str(value)
        percent, before, after = _format_parts(number_format or "General")
        if percent:
            number *= 100
        text = plain(number) if isinstance(value, float) or percent else str(value)
        return f"{before}{text}{'%' if percent else ''}{after}".strip()
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value).strip()


def plain_number(text: str) -> Decimal | None:
    """A cell that is a plain non-negative number (``10``, ``8.5``) read fast; None for anything else."""
    return Decimal(text) if len(text) <= MAX_DIGITS and text.isascii() and _PLAIN.fullmatch(text) else None


def decimal_of(text: str) -> Decimal | None:
    """The exact number a cell holds (``"10"``, ``" 7.5 "``, ``"1,012.90"``), or None if it holds none.

    Full-width digits count (NFKC); thousands separators are dropped.
    """
    normal = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    if _digits(normal) > MAX_DIGITS or not _NUMBER.fullmatch(normal):
        return None
    return Decimal(normal)


def _digits(text: str) -> int:
    return sum(map(text.count, "0123456789"))


def _not_a_number(raw: str, where: str) -> str:
    digits = _digits(unicodedata.normalize("NFKC", raw))
    if digits > MAX_DIGITS:
        return f"{where}数字位数过多（{digits}位），不是有效的数值：“{short(raw)}”"
    return f"{where}应为数字，却是“{short(raw)}”"


def weight_of(text: str) -> Decimal | None:
    """A 分值 cell as a number; a trailing ``分`` is allowed (``"10分"``). None when it is not a number."""
    normal = unicodedata.normalize("NFKC", text).strip()
    if normal.endswith("分"):
        normal = normal[:-1]
    return decimal_of(normal)


def read_weight(raw: str, where: str) -> tuple[Decimal | None, str | None]:
    """A 分值 cell as a non-negative number, or None and the problem (``where`` names the cell: ``…“分值”列：``).

    A blank cell is None without a problem: a row without 分值 is a reference row (``其中：桃树种植面积``).

    Every reader (TOML, CSV, XLSX) checks 分值 cells here, so they say the same thing about the same cell.
    """
    if not raw.strip():
        return None, None  # no 分值: a reference row (其中：…), shown but not scored
    weight = weight_of(raw)
    if weight is None:
        return None, _not_a_number(raw, where)
    if weight < 0:
        return None, f"{where}分值不能为负数，却是“{short(raw)}”"
    return weight, None


def read_points(raw: str, where: str) -> tuple[Decimal | None, str | None]:
    """A self-reported 得分 cell: None for a blank cell; None and the problem when it is not a number."""
    if not raw.strip():
        return None, None
    points = weight_of(raw)
    if points is None:
        return None, _not_a_number(raw, where)
    return points, None


def split_level1_weight(text: str) -> tuple[str, Decimal | None]:
    """``"产出指标(50分)"`` -> ``("产出指标", Decimal("50"))``; a heading without a weight -> ``(text, None)``."""
    heading = text.strip()
    start = max(heading.rfind("("), heading.rfind("（"))
    match = _WEIGHTED.fullmatch(heading, start) if start > 0 else None
    name = heading[:start].rstrip() if match else ""
    if match is None or not name or _digits(match["weight"]) > MAX_DIGITS:
        return heading, None
    return name, Decimal(unicodedata.normalize("NFKC", match["weight"]))

"""One value written inside a short description: ``结案率为95%``, ``按时拨付率达100%``, ``全年至少开展3次培训``.

The grammar reads a 指标值 as written; a cell that wraps its value in words is refused by it. The reader then
looks here for the one value in the words (:func:`find_described`): exactly one Arabic number, with a unit,
after some words. The comparator is the one written right before the number (``不少于200人次``), or a little
before it with a short verb between (``至少开展3次``); ``为`` / ``是`` before the number mean "=". The words are
kept, and the engine warns that the value was read out of them.

A text with two or more numbers is never read this way (which one is the target would be a guess), nor a text
whose words only follow the value (``100%完成``), nor one starting with a comparator symbol.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lark.exceptions import UnexpectedInput

from scoring.language.dates import Deadline
from scoring.language.reject import Reject
from scoring.language.targets import Bound, Described, Target

__all__ = ["find_described"]

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: Words that link a name to its value and mean "=" (达 / 达到 are comparators of the grammar already).
_LINKS = ("为", "是")
#: How many characters (a short verb: 开展, 完成) may stand between a comparator word and the number.
MAX_GAP = 2
#: How far after the number the value's unit and suffix may reach.
MAX_TAIL = 16
_SYMBOLS = "≥≤≧≦⩾⩽<>=‹═"


def find_described(norm: str, parse: Callable[[str], Any], comparator: re.Pattern[str]) -> Described | None:
    """The one value of a described text (``norm`` is normalised), or None when the text is not one.

    ``parse`` reads a 指标值 (raising on failure); ``comparator`` matches a comparator word at a position.
    """
    numbers = list(_NUMBER.finditer(norm))
    if len(numbers) != 1 or not norm or norm[0] in _SYMBOLS:
        return None
    start, end = numbers[0].span()
    if start > 0 and norm[start - 1] in "-负":
        return None  # a sign written in words: too unusual to guess
    op, op_start, implied = _comparator_before(norm, start, comparator)
    prefix = norm[:op_start]
    if not _CJK.search(prefix) or any(c in _SYMBOLS for c in prefix) or _ends_with_comparator(prefix, comparator):
        return None
    for stop in range(min(len(norm), end + MAX_TAIL), end - 1, -1):
        try:
            target = parse(op + norm[start:stop])
        except (UnexpectedInput, Reject):  # the parser refuses this end: try a shorter one
            continue
        if _is_value(target):
            if implied and isinstance(target, Bound):
                target = Bound(target.op, target.amount, implied=True, approximate=target.approximate)
            return Described(target, norm)
        return None
    return None


def _comparator_before(norm: str, start: int, comparator: re.Pattern[str]) -> tuple[str, int, bool]:
    """(the comparator as written, where it starts, whether "=" is only implied) for the number at ``start``."""
    for gap in range(MAX_GAP + 1):
        at = start - gap
        if at < 0 or (gap and not _CJK.fullmatch(norm[at])):
            break
        for begin in range(max(0, at - 8), at):
            found = comparator.match(norm, begin)
            if found and found.end() == at:
                return found.group(), begin, False
        if gap == 0 and at > 0 and norm[at - 1] in _LINKS:
            return "", at - 1, True
    return "", start, True


def _ends_with_comparator(prefix: str, comparator: re.Pattern[str]) -> bool:
    """Whether the words end with a comparator of their own (不低于≥110个 is a repeated comparator, not words)."""
    return any((m := comparator.match(prefix, i)) and m.end() == len(prefix) for i in range(len(prefix)))


def _is_value(target: Target) -> bool:
    """A number with a unit, or a deadline; not a bare number (完成率100) or a date (按照2023年标准执行)."""
    if isinstance(target, Bound):
        return not target.amount.unitless
    return isinstance(target, Deadline)

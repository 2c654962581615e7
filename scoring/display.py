"""Text measured as a terminal shows it: CJK and full-width characters take two columns."""

from __future__ import annotations

import unicodedata

__all__ = ["clip", "clip_left", "pad", "width"]


def char_width(char: str) -> int:
    """Columns one character takes in a terminal."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def width(text: str) -> int:
    """Columns a text takes in a terminal."""
    return sum(char_width(c) for c in text)


def clip(text: str, columns: int) -> str:
    """The text cut to at most ``columns`` columns, with ``…`` where it was cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for char in text:
        w = char_width(char)
        if used + w > columns - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def clip_left(text: str, columns: int) -> str:
    """The text cut from the left to at most ``columns`` columns (``…/目录/自评表.xlsx``): a path keeps its end."""
    if width(text) <= columns:
        return text
    out: list[str] = []
    used = 0
    for char in reversed(text):
        w = char_width(char)
        if used + w > columns - 1:
            break
        out.append(char)
        used += w
    return "…" + "".join(reversed(out))


def pad(text: str, columns: int, right: bool = False) -> str:
    """The text clipped and padded with spaces to exactly ``columns`` columns."""
    text = clip(text, columns)
    fill = " " * (columns - width(text))
    return fill + text if right else text + fill

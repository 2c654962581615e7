"""How a 赋分规则 text is normalised before ``grammar/rule.lark`` reads it, keeping where each character came from.

NFKC character by character (full width to ASCII: ``，`` -> ``,``, ``（含）`` -> ``(含)``), except the circled numbers
``①…⑳`` that mark the elements of a 要素法 rule (NFKC would make them plain digits) and the ellipsis ``…`` (NFKC makes it three
full stops); spaces and line breaks
removed; quotation marks removed (``"三公经费"`` -> ``三公经费``); a full stop written ``.`` (``满分为止.``)
becomes ``。``. :class:`Normalised` maps a position in the result back to a 1-based column of the text as given,
so that an error points at the character the user wrote.
"""

from __future__ import annotations

import unicodedata

import attrs

__all__ = ["CIRCLED", "Normalised", "normalise_rule"]

#: Element markers kept as written.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Characters NFKC would change that mean something here: element markers, and the ellipsis (``…`` -> ``...``).
_KEPT = frozenset(CIRCLED + "…⋯")
_QUOTES = frozenset("\"'“”\u2018\u2019「」『』《》〈〉")


@attrs.frozen
class Normalised:
    """The normalised text and, for each of its characters, the 0-based index of the character it came from."""

    text: str
    origin: tuple[int, ...]
    length: int  # of the text as given

    def column(self, pos: int) -> int:
        """The 1-based column in the text as given of position ``pos`` of the normalised text."""
        if pos < len(self.origin):
            return self.origin[pos] + 1
        return self.length + 1 if not self.origin else self.origin[-1] + 2


def normalise_rule(text: str) -> Normalised:
    """``text`` normalised for the rule grammar, with the origin of every character."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        pieces = char if char in _KEPT else unicodedata.normalize("NFKC", char)
        for piece in pieces:
            if piece.isspace() or piece in _QUOTES:
                continue
            out.append(piece)
            origin.append(index)
    for i, piece in enumerate(out):  # "." that is no decimal point ends a sentence
        if piece == "." and not (i + 1 < len(out) and out[i + 1].isdigit()):
            out[i] = "。"
    return Normalised("".join(out), tuple(origin), len(text))

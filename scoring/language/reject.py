"""``Reject``: raised inside the transformer when a text has the grammar's shape but says something impossible."""

from __future__ import annotations

__all__ = ["Reject"]


class Reject(Exception):
    """A text with the grammar's shape that says something impossible (a month 13, a range running backwards).

    ``certain``: the text is an error even when it has no digit and no comparator symbol (``不超过万元``: a
    comparator and a unit with no number), so it is never taken for words.
    """

    def __init__(self, pos: int, message: str, certain: bool = False) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message
        self.certain = certain

"""The one place where text is normalised before it is read or compared.

Every caller that compares or parses user text goes through here, so that a name, a 赋分规则, a tier word and
a 指标值 are all cut the same way:

- :func:`normalize` — NFKC (full width to ASCII: ``＞＝９６％`` -> ``>=96%``) and every space and line break
  removed. The grammar reads this form, and indicator names and headers are matched in it.
- :func:`phrase` — :func:`normalize`, then trailing punctuation dropped (``已完成。`` -> ``已完成``): the form in
  which 赋分规则 texts and words such as 达成 / 按时完成 are looked up.
- :func:`one_line` — a text for a one-line message: line breaks shown as ``↵``, tabs as spaces.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "one_line", "phrase"]

_SPACE = re.compile(r"\s+")
#: Punctuation dropped from the end of a phrase (``rstrip``: a regex ``[…]+$`` would be quadratic on a long run).
_TRAILING = "。.,，;；、!！"


def normalize(text: str) -> str:
    """NFKC with all whitespace removed; idempotent.

    Removing a space can leave combining marks out of canonical order (U+00A8 then U+00B8 become a space and a
    mark each), so such a text is normalised once more.
    """
    norm = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if not unicodedata.is_normalized("NFKC", norm):
        norm = unicodedata.normalize("NFKC", norm)
    return norm


def phrase(text: str) -> str:
    """A rule text or a word such as 已完成 as looked up: :func:`normalize` without trailing punctuation."""
    return normalize(text).rstrip(_TRAILING)


def one_line(text: str) -> str:
    """The text on one line, for messages: line breaks become ``↵``, tabs become spaces."""
    return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵").replace("\t", " ")

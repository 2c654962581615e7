"""三级指标 names: those given twice in one table, and the close name to suggest for one that matches none.

Names are compared as :func:`scoring.text.normalize` writes them (NFKC, no whitespace). The suggestion is
difflib's closest match (ratio ≥ 0.6), found without comparing every pair: the table's names are indexed by
character, and only the names sharing most characters with the unknown one are compared (best first, stopping
when no other can do better), so a thousand unknown names against a thousand rows cost a thousand small look-ups,
not a million comparisons.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence

from scoring.tables.guard import short
from scoring.tables.model import Indicator
from scoring.text import normalize

__all__ = ["MAX_HINTS", "CloseNames", "duplicate_names"]

#: Unknown names given a suggestion per table; names compared with difflib per unknown name at most; the longest
#: name worth a suggestion; difflib's cutoff.
MAX_HINTS = 200
_CANDIDATES = 16
_LONGEST = 200
_CUTOFF = 0.6


def duplicate_names(indicators: Sequence[Indicator], where: str) -> list[str]:
    """One problem per 三级指标 name given to several rows of a table, naming the rows."""
    rows: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.name.strip():
            rows.setdefault(normalize(indicator.name), []).append(indicator)
    problems = []
    for same in rows.values():
        if len(same) > 1:
            places = "、".join(_place(indicator, where) for indicator in same[:10]) + ("…" if len(same) > 10 else "")
            problems.append(
                f"{where}：三级指标“{short(same[0].name, 200)}”出现 {len(same)} 次（{places}）；"
                "按名称填入实际完成值时只填第一个，请核对是否重复录入"
            )
    return problems


def _place(indicator: Indicator, where: str) -> str:
    return indicator.source.removeprefix(where).strip() or indicator.source


class CloseNames:
    """The names of a table, indexed by character for :meth:`closest`."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names: dict[str, str] = {}  # key -> name as written (the last of equal keys)
        for name in names:
            self.names[normalize(name)] = name
        self.keys = list(self.names)
        self.asked = 0  # suggestions asked for (apply_actuals stops after MAX_HINTS)
        self.index: dict[str, list[int]] = {}
        for position, key in enumerate(self.keys):
            for char in set(key):
                self.index.setdefault(char, []).append(position)

    def closest(self, name: str) -> str | None:
        """The name ``difflib.get_close_matches(name, names, n=1, cutoff=0.6)`` gives, found without comparing
        every pair: names are taken in order of an upper bound of their ratio (the characters they share with
        ``name``), and comparing stops once the bound falls below the best ratio found (or after a few dozen)."""
        key = normalize(name)
        if not key or len(key) > _LONGEST:
            return None
        shared: Counter[int] = Counter()
        for char, count in Counter(key).items():
            shared.update(self.index.get(char, ()) * count)  # counted in C: Σ occurrences of shared characters
        bounds = sorted(
            ((2 * min(common, len(self.keys[p])) / (len(key) + len(self.keys[p])), p) for p, common in shared.items()),
            reverse=True,
        )
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        best: tuple[float, str] = (_CUTOFF, "")
        for bound, position in bounds[:_CANDIDATES]:
            if bound < best[0]:
                break
            matcher.set_seq1(self.keys[position])
            best = max(best, (matcher.ratio(), self.keys[position]))
        return self.names[best[1]] if best[1] else None

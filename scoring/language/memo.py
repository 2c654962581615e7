"""A bounded cache that remembers what comes again, and not what comes once.

A province's batch repeats its 指标值, its rows and many of its 实际完成值, but it also has texts seen only
once. Remembering those costs more than it saves: every object kept alive is walked again by the garbage
collector each time the heap grows by a quarter, so a cache that keeps everything makes a long run of distinct
rows several times slower. :class:`Memo` keeps every value while its lookups mostly hit; when most miss, it keeps
a value only on its key's second coming (it notes the hashes of keys seen once: plain integers, which the
collector never walks). It forgets everything when full, so its size stays bounded whatever the input.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["Memo"]

V = TypeVar("V")

#: Lookups after which the hit and miss counts are halved (so the mode follows the input as it changes).
_WINDOW = 4096


class Memo(Generic[V]):
    """Values by key, at most ``size`` of them; one-off keys are not kept while lookups mostly miss."""

    __slots__ = ("_hits", "_misses", "_seen", "_values", "picky", "size")

    def __init__(self, size: int, picky: bool = True) -> None:
        self.size = size
        #: whether one-off keys are left out while lookups mostly miss (for values that hold many objects)
        self.picky = picky
        self._values: dict[Hashable, V] = {}
        self._seen: set[int] = set()
        self._hits = 0
        self._misses = 0

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: Hashable) -> V | None:
        """The value kept for ``key``, or None."""
        value = self._values.get(key)
        if value is None:
            self._misses += 1
            if self._misses + self._hits > _WINDOW:
                self._hits //= 2
                self._misses //= 2
        else:
            self._hits += 1
        return value

    def put(self, key: Hashable, value: V) -> None:
        """Keep ``value`` for ``key`` (after a miss); while lookups mostly miss, only from the key's second coming."""
        if self.picky and 2 * self._hits < self._misses:  # fewer than a third hit: most keys come once
            mark = hash(key)
            seen = self._seen
            if mark not in seen:
                if len(seen) >= 4 * self.size:
                    seen.clear()
                seen.add(mark)
                return
        values = self._values
        if len(values) >= self.size:
            values.clear()
        values[key] = value

    def clear(self) -> None:
        """Forget every value and every key seen."""
        self._values.clear()
        self._seen.clear()
        self._hits = self._misses = 0

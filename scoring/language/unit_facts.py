"""Units looked up in pint only when needed: a unit's reference (:class:`UnitRef`) and what pint said (:class:`Facts`).

Reading ``≥110个`` needs the unit's canonical text (``个``) and the multiplier's factor, not pint itself: pint
is needed to convert or compare. What pint says about a unit as written (its expression, canonical text and
factor, or why it is refused) is kept between runs (:mod:`scoring.language.cache`, one file per set of unit
definitions), so a short command reads its targets without loading pint at all; an amount carries a
:class:`UnitRef`, which becomes a pint Unit the first time it is used.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import scoring.language.cache as cache

if TYPE_CHECKING:  # pragma: no cover - types only
    from scoring.language.units import Units

__all__ = ["Facts", "UnitRef"]

#: Facts kept per set of unit definitions (a table has tens of distinct units; a province a few hundred).
MAX_FACTS = 4096


class UnitRef:
    """A unit of a registry by its expression (``万元/(人*月)``), looked up in pint when first used."""

    __slots__ = ("expr", "units")

    def __init__(self, units: Units, expr: str) -> None:
        self.units = units
        self.expr = expr

    def resolve(self) -> Any:
        """The pint Unit."""
        return self.units.parse_unit(self.expr)

    def __repr__(self) -> str:
        return f"UnitRef({self.expr!r})"


class Facts:
    """What pint said about each unit as written, read from and written to the cache file ``name``.

    A fact is ``["ok", expression, canonical text, factor]`` or ``["error", Chinese message]``.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._facts: dict[str, list[str]] | None = None

    def _loaded(self) -> dict[str, list[str]]:
        if self._facts is None:
            data = cache.read(self.name)
            facts: Any = None
            if data is not None:
                try:
                    facts = json.loads(data.decode("utf-8"))
                except ValueError:
                    facts = None
            self._facts = facts if isinstance(facts, dict) else {}
        return self._facts

    @staticmethod
    def key(mult: str | None, numer: tuple[str, ...], denom: tuple[str, ...]) -> str:
        """The fact's key for a multiplier and unit words."""
        return json.dumps([mult, list(numer), list(denom)], ensure_ascii=False)

    def get(self, key: str) -> list[str] | None:
        """The fact kept for ``key``, or None."""
        fact = self._loaded().get(key)
        return fact if isinstance(fact, list) and fact and all(isinstance(x, str) for x in fact) else None

    def put(self, key: str, fact: list[str]) -> None:
        """Keep a new fact (and write the file, when there is room)."""
        facts = self._loaded()
        if key in facts or len(facts) >= MAX_FACTS:
            return
        facts[key] = fact
        cache.write(self.name, json.dumps(facts, ensure_ascii=False).encode("utf-8"))

"""Unit registries: the pint registry of ``units_zh.txt``, as an object you hold (no global state to reset).

``default_units()`` is the built-in registry, built once on first use; ``Units(extra=[path, …])`` is a registry
with the user's own definition files (same syntax) loaded after the built-in one — the ``--units`` option.
Each :class:`~scoring.language.reader.Reader` holds one ``Units``; quantities never mix registries.

This is the only module that touches pint's private attributes (``_prefixes``, ``_units``, ``_REGISTRY``).

pint is loaded only when a unit is used (converted, compared): the grammar's reading of a unit as written
(:meth:`Units.unit_of`) comes from the facts kept between runs when they are known
(:mod:`scoring.language.unit_facts`), as a :class:`~scoring.language.unit_facts.UnitRef`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import scoring.language.cache as cache
from scoring.errors import UnitError
from scoring.language.unit_facts import Facts, UnitRef

__all__ = ["MAX_UNIT_WORDS", "Units", "canonical", "default_units", "quantity"]

#: Dimensions with an ASCII name are physical; a Chinese-named dimension is a counting word (see units_zh.txt).
_CJK = re.compile(r"[\u3400-\u9fff]")

_SPELLINGS = {"percent": "%", "permille": "‰"}

#: More unit words than this in one unit (元/人·月 has three) is an error: pint's unit parser recurses per word.
MAX_UNIT_WORDS = 8


class Units:
    """One pint registry with exact ``Decimal`` magnitudes, and the lookups the grammar and the engine need.

    The registry itself is built on first use; lookups are cached on the instance.
    """

    def __init__(self, extra: Iterable[str | Path] = ()) -> None:
        self.extra: tuple[Path, ...] = tuple(Path(p) for p in extra)
        self._registry: Any = None
        self._pending: list[str] = []  # counting words to define once the registry is built
        self.parse_unit = functools.lru_cache(maxsize=4096)(self._parse_unit)
        self.unit_of = functools.lru_cache(maxsize=4096)(self._unit_of)
        self.factor = functools.lru_cache(maxsize=4096)(self._factor)

    def __repr__(self) -> str:
        return f"Units(extra={[str(p) for p in self.extra]!r})"

    @property
    def registry(self) -> Any:
        """The pint registry, built on first use from the built-in definitions and the extra files."""
        if self._registry is None:
            registry = _build(self.extra)
            for word in self._pending:
                if word not in registry:
                    registry.define(f"{word} = [{word}]")
            self._registry = registry
        return self._registry

    @functools.cached_property
    def definitions(self) -> tuple[bytes | str, ...]:
        """The definition files as bytes (built-in first; a file that cannot be read by its error): what the
        registry, its names and the parser built from them depend on (the key of the files kept between runs)."""
        parts: list[bytes | str] = [resources.files("scoring.language").joinpath("units_zh.txt").read_bytes()]
        for file in self.extra:
            try:
                parts.extend((str(file), file.read_bytes()))
            except OSError as exc:
                parts.append(f"{file}: {exc}")
        return tuple(parts)

    @functools.cached_property
    def _facts(self) -> Facts:
        return Facts(cache.key("units", self.definitions) + ".json")

    def unit(self, expr: str) -> Any:
        """The unit of an expression known to be valid: a pint Unit once pint is loaded, else a reference."""
        return UnitRef(self, expr) if self._registry is None else self.parse_unit(expr)

    @functools.cached_property
    def names(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """All unit spellings (names and aliases) and all multiplier words (prefixes), longest first."""
        registry = self.registry
        units = tuple(sorted((name for name in registry if name), key=lambda n: (-len(n), n)))
        prefixes = tuple(
            sorted(
                {name for p in registry._prefixes.values() for name in (p.name, *p.aliases) if name},
                key=lambda n: (-len(n), n),
            )
        )
        return units, prefixes

    def _parse_unit(self, text: str) -> Any:
        """A pint ``Unit`` from a unit expression such as ``万元/(人*月)``."""
        import pint

        try:
            return self.registry.parse_units(text)
        except (pint.errors.PintError, ValueError, AttributeError, TypeError) as exc:
            raise UnitError(f"无法识别的单位“{text}”") from exc

    def _factor(self, src: Any, dst: Any) -> Decimal | None:
        """What a value in ``src`` is multiplied by to be in ``dst``, exactly as pint converts it; None when the
        units measure different things. ``value * factor`` is ``Quantity(value, src).to(dst).magnitude``."""
        try:
            return Decimal(self.registry.Quantity(Decimal(1), src).to(dst).magnitude)
        except Exception:  # pint's DimensionalityError, or a conversion it refuses
            return None

    def prefix_factor(self, mult: str) -> Decimal:
        """The factor of a multiplier word (``万`` -> 10000)."""
        return Decimal(str(self.registry._prefixes[mult].converter.scale))

    def _unit_of(self, mult: str | None, numer: tuple[str, ...], denom: tuple[str, ...]) -> tuple[Any, str, Decimal]:
        """The unit of a multiplier and unit words as written: (unit, canonical text, value factor).

        The multiplier prefixes the first unit word when the registry allows it (``万元``); otherwise, and for a
        multiplier without a unit (``620万/月``), it becomes a factor on the value. The unit is a pint Unit, or a
        :class:`UnitRef` when the answer was known from an earlier run and pint is not loaded.
        """
        if len(numer) + len(denom) > MAX_UNIT_WORDS:
            raise UnitError(f"单位过长：超过{MAX_UNIT_WORDS}个单位词")
        key = Facts.key(mult, numer, denom)
        fact = self._facts.get(key)
        if fact is not None and fact[0] == "ok" and len(fact) == 4:
            return self.unit(fact[1]), fact[2], Decimal(fact[3])
        if fact is not None and fact[0] == "error" and len(fact) == 2:
            raise UnitError(fact[1])
        try:
            parsed, text, factor, expr = self._look_up(mult, numer, denom)
        except UnitError as exc:
            self._facts.put(key, ["error", exc.message])
            raise
        self._facts.put(key, ["ok", expr, text, str(factor)])
        return parsed, text, factor

    def _look_up(
        self, mult: str | None, numer: tuple[str, ...], denom: tuple[str, ...]
    ) -> tuple[Any, str, Decimal, str]:
        """:meth:`unit_of` asked of pint, with the expression of the unit found."""
        factor = Decimal(1)
        head = list(numer)
        if mult:
            if head:
                head[0] = mult + head[0]
            else:
                factor = self.prefix_factor(mult)
        expr = "*".join(head) or "1"
        if denom:
            expr = f"{expr}/({'*'.join(denom)})"
        try:
            parsed = self.parse_unit(expr)
        except UnitError:
            if not mult or not numer:
                raise
            parsed, text, _, expr = self._look_up(None, numer, denom)
            return parsed, text, self.prefix_factor(mult), expr
        return parsed, canonical(parsed), factor, expr

    def define_counting_word(self, word: str) -> None:
        """Make ``word`` a counting word of this registry (its own dimension), unless it is a unit already.

        Called for an unknown Chinese word inside a rate (``元/生/年``): the word is defined here, in the registry
        this object holds, and nowhere else; a bare ``3生`` stays an unknown unit. Before the registry is loaded
        the word waits, and is defined when it is.
        """
        if self._registry is None:
            if word not in self._pending:
                self._pending.append(word)
        elif word not in self._registry:
            self._registry.define(f"{word} = [{word}]")

    def quantity(self, value: Decimal, unit: str = "") -> Any:
        """A pint Quantity from a value and a unit expression of this registry."""
        return self.registry.Quantity(value, self.parse_unit(unit))

    def is_counting(self, unit: Any) -> bool:
        """Whether a unit is a (possibly multiplied) counting word such as 个, 万人次."""
        dims = self.registry.get_dimensionality(unit)
        return len(dims) == 1 and all(_CJK.search(d) and p == 1 for d, p in dims.items())

    def counting_word(self, unit: Any) -> str:
        """The counting word of a counting unit (``万人次`` -> ``人次``)."""
        (dim,) = self.registry.get_dimensionality(unit)
        return str(dim).strip("[]")

    def per_counting_unit(self, unit: Any) -> tuple[Any, str] | None:
        """For a rate per one counting word (``万元/套``): the unit above the line and the counting word."""
        numer = [name for name, power in unit._units.items() if power > 0]
        denom = [name for name, power in unit._units.items() if power < 0]
        if len(denom) != 1 or not numer or not self.is_counting(self.parse_unit(denom[0])):
            return None
        return self.parse_unit("*".join(numer)), denom[0]

    def without_prefix(self, unit: Any) -> Any:
        """The unit with the multiplier word of each name removed (``万元/套`` -> ``元/套``, ``万人次`` -> ``人次``).

        A name that is a unit in its own right (``千克`` is also 公斤) keeps its multiplier.
        """
        parts = []
        for name, power in unit._units.items():
            readings = self.registry.parse_unit_name(name)
            base = name if not readings or any(prefix == "" for prefix, _, _ in readings) else readings[0][1]
            parts.append(f"{base}**{power}")
        return self.parse_unit("*".join(parts)) if parts else unit

    def dimensions(self, unit: Any) -> dict[str, int]:
        """The dimensions of a unit as a plain mapping (``{"[currency]": 1}``)."""
        return dict(self.registry.get_dimensionality(unit))


def _build(extra: tuple[Path, ...]) -> Any:
    import pint

    builtin = resources.files("scoring.language").joinpath("units_zh.txt")
    with resources.as_file(builtin) as path:
        registry: Any = pint.UnitRegistry(str(path), non_int_type=Decimal, cache_folder=None)
    for file in extra:
        try:
            registry.load_definitions(str(file))
        except (pint.errors.PintError, ValueError, OSError) as exc:
            raise UnitError(f"单位定义文件“{file}”无法读取：{exc}") from exc
    return registry


@functools.cache
def default_units() -> Units:
    """The built-in registry (no user files), shared by every default reader."""
    return Units()


def quantity(value: Decimal, unit: Any) -> Any:
    """A pint Quantity of a value and a pint Unit, in the unit's own registry."""
    return unit._REGISTRY.Quantity(value, unit)


def canonical(unit: Any) -> str:
    """The canonical spelling of a pint Unit: ``%``, ``万元/套``, ``元/人·月``; ``""`` for a pure number."""
    numerator: list[str] = []
    denominator: list[str] = []
    for name, power in unit._units.items():
        spelled = _SPELLINGS.get(name, name)
        count = int(abs(power))
        if count != abs(power):  # pragma: no cover - fractional powers never come from the grammar
            spelled = f"{spelled}^{abs(power)}"
            count = 1
        (numerator if power > 0 else denominator).extend([spelled] * count)
    text = "·".join(numerator)
    if denominator:
        text = f"{text or '1'}/{'·'.join(denominator)}"
    return text

"""The one pint registry of the project, built once (lazily) from ``units_zh.txt`` beside this module.

Quantities use exact ``Decimal`` magnitudes. Users may add definition files of their own (same syntax) with
:func:`use_definitions` before the registry is first used, or pass them on the command line (``--units``).
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pint

from scoring.errors import UnitError

__all__ = [
    "canonical",
    "counting_word",
    "get_registry",
    "is_counting",
    "parse_unit",
    "quantity",
    "unit_names",
    "use_definitions",
]

_extra_files: list[Path] = []

#: Dimensions with an ASCII name are physical; a Chinese-named dimension is a counting word (see units_zh.txt).
_CJK = re.compile(r"[\u3400-\u9fff]")

_SPELLINGS = {"percent": "%", "permille": "‰"}


def use_definitions(*paths: str | Path) -> None:
    """Add user definition files, loaded after the built-in one; resets the registry and the parser."""
    _extra_files.extend(Path(p) for p in paths)
    get_registry.cache_clear()
    parse_unit.cache_clear()
    unit_names.cache_clear()
    from scoring import parse  # local: parse depends on units, not the other way round

    parse.reset()


@functools.cache
def get_registry() -> Any:
    """The registry, built on first use from the built-in definitions and the user's files."""
    builtin = resources.files("scoring").joinpath("units_zh.txt")
    with resources.as_file(builtin) as path:
        registry: Any = pint.UnitRegistry(str(path), non_int_type=Decimal, cache_folder=None)
    for extra in _extra_files:
        try:
            registry.load_definitions(str(extra))
        except (pint.errors.PintError, ValueError, OSError) as exc:
            raise UnitError(f"单位定义文件“{extra}”无法读取：{exc}") from exc
    return registry


@functools.cache
def unit_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All unit spellings (names and aliases) and all multiplier words (prefixes) of the registry."""
    registry = get_registry()
    units = tuple(sorted((name for name in registry if name), key=lambda n: (-len(n), n)))
    prefixes = tuple(
        sorted(
            {name for p in registry._prefixes.values() for name in (p.name, *p.aliases) if name},
            key=lambda n: (-len(n), n),
        )
    )
    return units, prefixes


@functools.lru_cache(maxsize=4096)
def parse_unit(text: str) -> Any:
    """A pint ``Unit`` from a unit expression such as ``万元/(人*月)``; cached."""
    try:
        return get_registry().parse_units(text)
    except (pint.errors.PintError, ValueError, AttributeError, TypeError) as exc:
        raise UnitError(f"无法识别的单位“{text}”") from exc


def quantity(value: Decimal, unit: Any) -> Any:
    """A pint ``Quantity`` with an exact Decimal magnitude."""
    return get_registry().Quantity(value, unit)


def canonical(unit: Any) -> str:
    """The canonical spelling of a unit: ``%``, ``万元/套``, ``元/人·月``; ``""`` for a pure number."""
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


def is_counting(unit: Any) -> bool:
    """Whether a unit is a (possibly multiplied) counting word such as 个, 万人次."""
    dims = get_registry().get_dimensionality(unit)
    return len(dims) == 1 and all(_CJK.search(d) and p == 1 for d, p in dims.items())


def counting_word(unit: Any) -> str:
    """The counting word of a counting unit (``万人次`` -> ``人次``)."""
    (dim,) = get_registry().get_dimensionality(unit)
    return str(dim).strip("[]")

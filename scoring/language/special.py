"""Numbers written the way programs write them, not people: ``nan``, ``inf``, ``Infinity``, ``1e5``, ``1E+308``;
and years no table means (``10000年6月30日前``, ``0000年底前``).

A spreadsheet or a script exports a missing value as ``nan`` and a large or small float as ``1e+308``; no
budget table writes them. The grammar refuses them, and :func:`special_number` says why in Chinese instead of
taking ``nan`` for words (a 定性 target) or pointing at the ``e`` (or at the ``6月`` after a year of five digits).
"""

from __future__ import annotations

import re

from scoring.language.dates import MAX_YEAR, MIN_YEAR, year_problem

__all__ = ["special_number"]

_NOT_FINITE = re.compile(r"(?<![A-Za-z])(?:nan|infinity|inf)(?![A-Za-z])", re.IGNORECASE)
_EXPONENT = re.compile(r"\d(?:\.\d+)?[eE][+-]?\d+")
#: A year of Arabic digits before a month, a day or a part of the year (the grammar reads only 19xx and 20xx).
_YEAR = re.compile(r"(?<![\d.])(\d+)年(?=\d{1,2}月|[底末内中]|度|上半|下半|第)")


def special_number(norm: str) -> tuple[int, str] | None:
    """Where (in the normalised text) and why a program's spelling of a number is refused, or None."""
    found = _NOT_FINITE.search(norm)
    if found:
        word = found.group()
        return found.start(), f"“{word}”不是数值（常见于程序导出的空单元格或溢出值）：请写有限的数，如“110”"
    found = _EXPONENT.search(norm)
    if found:
        return found.start(), f"不支持科学记数法“{found.group()}”：请写成普通数字，如“1.5e3”写作“1500”"
    found = _YEAR.search(norm)
    if found:
        digits = found.group(1)
        if len(digits) > 4 or year_problem(int(digits)):
            shown = digits if len(digits) <= 12 else digits[:12] + "…"
            return found.start(), f"年份“{shown}”超出范围：应在{MIN_YEAR}年至{MAX_YEAR}年之间"
    return None

"""The 指标值 language: text -> typed targets (``grammar/target.lark``, units in pint, Chinese numerals).

The first step of the flow (text -> targets -> engine -> report). Nothing here knows about weights or scores.
"""

from __future__ import annotations

from scoring.language.errors import ParseError
from scoring.language.reader import Reader, default_reader, parse_actual, parse_target
from scoring.language.targets import (
    Amount,
    Blank,
    Bound,
    Comparator,
    Date,
    DateSpec,
    Deadline,
    Described,
    Period,
    Qualitative,
    Range,
    Several,
    Target,
)
from scoring.language.units import Units, default_units

__all__ = [
    "Amount",
    "Blank",
    "Bound",
    "Comparator",
    "Date",
    "DateSpec",
    "Deadline",
    "Described",
    "ParseError",
    "Period",
    "Qualitative",
    "Range",
    "Reader",
    "Several",
    "Target",
    "Units",
    "default_reader",
    "default_units",
    "parse_actual",
    "parse_target",
]

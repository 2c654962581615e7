"""Score Chinese budget performance targets (预算绩效目标): read 指标值, score actuals, explain every point."""

from __future__ import annotations

from scoring.errors import ScoringError, UnitError
from scoring.parse import ParseError, parse_actual, parse_target
from scoring.targets import (
    Amount,
    Blank,
    Bound,
    Comparator,
    Date,
    DateSpec,
    Deadline,
    Period,
    Qualitative,
    Range,
    Target,
)

__all__ = [
    "Amount",
    "Blank",
    "Bound",
    "Comparator",
    "Date",
    "DateSpec",
    "Deadline",
    "ParseError",
    "Period",
    "Qualitative",
    "Range",
    "ScoringError",
    "Target",
    "UnitError",
    "parse_actual",
    "parse_target",
]

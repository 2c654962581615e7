"""Score Chinese budget performance targets (预算绩效目标): read 指标值, score actuals, explain every point.

The public API is re-exported here and loaded on first use (nothing is built at import time)::

    import scoring
    scoring.parse_target("≥110个")                      # Bound(GE, 110 个)
    table = scoring.load_table("援疆工作经费项目.toml")
    result = scoring.score_table(table, actuals={"援疆人员满意度": "97%"})
    result.to_dict()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scoring.errors import ScoringError, TableReadError, UnitError

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from scoring.check import Finding, check_table
    from scoring.engine import BudgetScore, Score, Status, TableScore, score_budget, score_indicator, score_table
    from scoring.model import Budget, Funds, Indicator, Table
    from scoring.parse import ParseError, parse_actual, parse_target
    from scoring.policy import Policy, PolicyError, RuleKind, Tier
    from scoring.tables import load_actuals, load_table, write_table
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

_LAZY = {
    "scoring.check": ("Finding", "check_table"),
    "scoring.engine": ("BudgetScore", "Score", "Status", "TableScore", "score_budget", "score_indicator", "score_table"),
    "scoring.model": ("Budget", "Funds", "Indicator", "Table"),
    "scoring.parse": ("ParseError", "parse_actual", "parse_target"),
    "scoring.policy": ("Policy", "PolicyError", "RuleKind", "Tier"),
    "scoring.tables": ("load_actuals", "load_table", "write_table"),
    "scoring.targets": (
        "Amount", "Blank", "Bound", "Comparator", "Date", "DateSpec", "Deadline", "Period", "Qualitative", "Range",
        "Target",
    ),
}  # fmt: skip
_WHERE = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "Amount",
    "Blank",
    "Bound",
    "Budget",
    "BudgetScore",
    "Comparator",
    "Date",
    "DateSpec",
    "Deadline",
    "Finding",
    "Funds",
    "Indicator",
    "ParseError",
    "Period",
    "Policy",
    "PolicyError",
    "Qualitative",
    "Range",
    "RuleKind",
    "Score",
    "ScoringError",
    "Status",
    "Table",
    "TableReadError",
    "TableScore",
    "Target",
    "Tier",
    "UnitError",
    "check_table",
    "load_actuals",
    "load_table",
    "parse_actual",
    "parse_target",
    "score_budget",
    "score_indicator",
    "score_table",
    "write_table",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

"""Score Chinese budget performance targets (预算绩效目标): read 指标值, score actuals, explain every point.

The public API is re-exported here and loaded on first use (nothing is built at import time)::

    import scoring
    scoring.parse_target("≥110个")                      # Bound(GE, 110 个)
    table = scoring.load_table("援疆工作经费项目.toml")
    result = scoring.score_table(table, actuals={"援疆人员满意度": "97%"})
    scoring.as_dict(result)                             # the JSON of ``scoring score --json``
    scoring.explain(result.lines[0])                    # 完成率 = … ；得分 = …
    mid = scoring.monitor_table(table, month=7, actuals={"援疆人员满意度": "90%"})  # mid-year (双监控)
    mid.light, mid.money_light                          # the targets' light (worst row), the money's

The package reads as the flow: ``language`` (text -> targets), ``tables`` (files -> tables), ``engine``
(tables -> scores), ``report`` (scores -> text and files), ``cli`` (the command line).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scoring.errors import ScoringError, TableReadError, UnitError, UsageError

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from scoring.engine import (
        BudgetScore,
        CompiledTable,
        Finding,
        Policy,
        PolicyError,
        RuleKind,
        Score,
        Status,
        TableScore,
        Tier,
        check_table,
        compile_table,
        score_budget,
        score_indicator,
        score_table,
    )
    from scoring.engine.batch import score_batch
    from scoring.engine.monitor import MonitorError, monitor_table
    from scoring.engine.monitor_results import MonitorResult
    from scoring.engine.monitor_rules import Light
    from scoring.language import (
        Amount,
        Blank,
        Bound,
        Comparator,
        Date,
        DateSpec,
        Deadline,
        ParseError,
        Period,
        Qualitative,
        Range,
        Reader,
        Target,
        Units,
        parse_actual,
        parse_target,
    )
    from scoring.report import as_dict, explain
    from scoring.tables import Actuals, load_actuals, load_table, write_table
    from scoring.tables.model import Budget, Funds, Indicator, Table

_LAZY = {
    "scoring.engine": (
        "BudgetScore", "CompiledTable", "Finding", "Policy", "PolicyError", "RuleKind", "Score", "Status",
        "TableScore", "Tier", "check_table", "compile_table", "score_budget", "score_indicator", "score_table",
    ),
    "scoring.language": (
        "Amount", "Blank", "Bound", "Comparator", "Date", "DateSpec", "Deadline", "ParseError", "Period",
        "Qualitative", "Range", "Reader", "Target", "Units", "parse_actual", "parse_target",
    ),
    "scoring.engine.batch": ("score_batch",),
    "scoring.engine.monitor": ("MonitorError", "monitor_table"),
    "scoring.engine.monitor_results": ("MonitorResult",),
    "scoring.engine.monitor_rules": ("Light",),
    "scoring.report": ("as_dict", "explain"),
    "scoring.tables": ("Actuals", "load_actuals", "load_table", "write_table"),
    "scoring.tables.model": ("Budget", "Funds", "Indicator", "Table"),
}  # fmt: skip
_WHERE = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "Actuals",
    "Amount",
    "Blank",
    "Bound",
    "Budget",
    "BudgetScore",
    "Comparator",
    "CompiledTable",
    "Date",
    "DateSpec",
    "Deadline",
    "Finding",
    "Funds",
    "Indicator",
    "Light",
    "MonitorError",
    "MonitorResult",
    "ParseError",
    "Period",
    "Policy",
    "PolicyError",
    "Qualitative",
    "Range",
    "Reader",
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
    "Units",
    "UsageError",
    "as_dict",
    "check_table",
    "compile_table",
    "explain",
    "load_actuals",
    "load_table",
    "monitor_table",
    "parse_actual",
    "parse_target",
    "score_batch",
    "score_budget",
    "score_indicator",
    "score_table",
    "write_table",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use (PEP 562); ``__version__`` is the installed version."""
    if name == "__version__":
        from scoring.version import version

        return version()
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

"""The scoring engine: compiled tables -> rules of Part A -> scores with typed steps (``docs/scoring-rules.md``).

The flow inside: ``compile`` (targets read once, rules chosen, policy layered) -> ``choose`` (rule × target shape
-> scorer, as data) -> ``scorers`` (actual read and converted) -> ``rules`` (pure points and steps) ->
``indicator`` / ``table`` (flags, audit, totals, grade). ``check`` lints a compiled table before the year.
"""

from __future__ import annotations

from scoring.engine.check import Finding, check_table
from scoring.engine.compile import CompiledRow, CompiledTable, compile_table
from scoring.engine.indicator import score_indicator
from scoring.engine.policy import DEFAULT_POLICY, Policy, PolicyError, RuleKind
from scoring.engine.results import FLAG_AUDIT, FLAG_OVER, FLAG_SHORT, BudgetScore, Score, Status, TableScore
from scoring.engine.table import score_budget, score_table
from scoring.engine.vocabulary import Tier

__all__ = [
    "DEFAULT_POLICY",
    "FLAG_AUDIT",
    "FLAG_OVER",
    "FLAG_SHORT",
    "BudgetScore",
    "CompiledRow",
    "CompiledTable",
    "Finding",
    "Policy",
    "PolicyError",
    "RuleKind",
    "Score",
    "Status",
    "TableScore",
    "Tier",
    "check_table",
    "compile_table",
    "score_budget",
    "score_indicator",
    "score_table",
]

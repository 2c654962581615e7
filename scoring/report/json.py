"""Results as plain data for JSON (``scoring score --json``, ``scoring.as_dict``): the one place the shape is set."""

from __future__ import annotations

import json
from typing import Any

from scoring.engine.results import BudgetScore, Score, TableScore
from scoring.numbers import HUNDRED, q2, written
from scoring.report.wording import explain, step_texts

__all__ = ["as_dict", "budget_dict", "render_json", "score_dict"]


def score_dict(score: Score) -> dict[str, Any]:
    """One line of ``indicators``."""
    ind = score.indicator
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "target": ind.target,
        "actual": ind.actual,
        "weight": None if ind.weight is None else written(ind.weight),
        "rule": ind.rule or (score.rule.value if score.rule else ""),
        "rule_applied": score.rule.value if score.rule else None,
        "points": None if score.points is None else written(score.points),
        "status": score.status.value,
        "ratio": None if score.ratio is None else written(q2(score.ratio * HUNDRED)),
        "flags": list(score.flags),
        "warnings": list(score.warnings),
        "steps": list(step_texts(score.steps)),
        "explanation": explain(score),
        "error": score.error,
        "reported": None if ind.reported is None else written(ind.reported),
        "difference": None if score.difference is None else written(q2(score.difference)),
        "source": ind.source,
    }


def budget_dict(budget: BudgetScore) -> dict[str, Any]:
    """The ``budget`` object."""
    return {
        "planned": written(budget.planned),
        "spent": written(budget.spent),
        "rate": None if budget.rate is None else written(q2(budget.rate * HUNDRED)),
        "weight": written(budget.weight),
        "points": None if budget.points is None else written(budget.points),
        "explanation": explain(budget),
        "error": budget.error,
    }


def as_dict(result: TableScore | Score | BudgetScore) -> dict[str, Any]:
    """A scored table (or one line, or the budget line) as the plain data of ``scoring score --json``."""
    if isinstance(result, Score):
        return score_dict(result)
    if isinstance(result, BudgetScore):
        return budget_dict(result)
    table = result.table
    return {
        "table": {
            "title": table.title,
            "kind": table.kind,
            "year": table.year,
            "unit": table.unit,
            "project": table.project,
            "source": table.source,
        },
        "indicators": [score_dict(s) for s in result.lines],
        "budget": None if result.budget is None else budget_dict(result.budget),
        "total": written(result.total),
        "max": written(result.maximum),
        "percentage": None if result.percentage is None else written(result.percentage),
        "grade": result.grade,
        "complete": result.complete,
        "incomplete": [{"name": n, "reason": r} for n, r in result.incomplete],
        "audit": {
            "reported": result.audited,
            "tolerance": written(result.policy.tolerance),
            "differences": len(result.differences),
        },
        "notes": list(result.notes),
    }


def render_json(result: TableScore) -> str:
    """The JSON document of ``scoring score --json``."""
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"

"""Results as plain data for JSON (``scoring score --json``, ``scoring.as_dict``): the one place the shape is set.

The shape is a versioned contract for budget systems: ``"schema": "scoring.table-score/1"``, described by the
JSON Schema shipped beside this module (``table-score.schema.json``; :func:`schema`). Statuses and flags carry
stable English codes beside their Chinese labels; numbers are strings in plain notation (never floats).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Hashable
from importlib import resources
from typing import Any

from scoring.engine.findings import Finding
from scoring.engine.results import Audit, BudgetScore, Comparison, Score, TableScore
from scoring.numbers import HUNDRED, q2, written
from scoring.report.wording import explain, step_texts
from scoring.tables.model import Indicator, Table
from scoring.version import version

__all__ = ["SCHEMA", "as_dict", "budget_dict", "indicator_head", "json_line", "render_json", "render_jsonl", "schema",
           "score_dict", "score_json", "table_head"]  # fmt: skip

#: The name and version of the JSON shape; a change that breaks readers bumps the number.
SCHEMA = "scoring.table-score/1"


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`as_dict` for a table, shipped inside the package."""
    text = resources.files("scoring.report").joinpath("table-score.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _number(value: Any) -> str | None:
    return None if value is None else written(value)


def _comparison(comparison: Comparison | None) -> dict[str, str] | None:
    if comparison is None:
        return None
    return {
        "reported": written(comparison.reported),
        "computed": written(comparison.computed),
        "difference": written(comparison.difference),
    }


def _audit(audit: Audit) -> dict[str, Any]:
    return {
        "reported": audit.reported,
        "tolerance": written(audit.tolerance),
        "differences": audit.differences,
        "total": _comparison(audit.total),
        "budget": _comparison(audit.budget),
    }


def _incomplete(result: TableScore) -> list[dict[str, str]]:
    """What could not be scored: each row with its reason and where it is (file and row), then the budget line."""
    rows = [{"name": s.indicator.name, "reason": s.error or "", "source": s.indicator.source} for s in result.unscored]
    if result.budget is not None and result.budget.error:
        rows.append({"name": "预算执行率", "reason": result.budget.error, "source": result.table.source})
    return rows


def _finding(finding: Finding) -> dict[str, str]:
    return finding.to_dict()


def score_dict(score: Score) -> dict[str, Any]:
    """One line of ``indicators``."""
    ind = score.indicator
    steps = step_texts(score.steps)
    return {
        **indicator_head(ind),
        "weight": None if ind.weight is None else written(ind.weight),
        "rule": ind.rule or (score.rule.value if score.rule else ""),
        "rule_applied": score.rule.value if score.rule else None,
        "points": _number(score.points),
        "status": score.status.code,
        "status_label": score.status.value,
        "ratio": None if score.ratio is None else written(q2(score.ratio * HUNDRED)),
        "flags": [{"code": flag.code, "label": flag.value} for flag in score.flags],
        "warnings": list(score.warnings),
        "steps": list(steps),
        "explanation": explain(score, steps),
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


def indicator_head(ind: Indicator) -> dict[str, Any]:
    """What an object of ``indicators`` first says (score and monitor alike): the row's names, target and actual."""
    return {"level1": ind.level1, "level2": ind.level2, "name": ind.name, "target": ind.target, "actual": ind.actual}


def table_head(table: Table) -> dict[str, Any]:
    """The ``table`` object of a document (score and monitor alike): what the table says of itself."""
    return {
        "title": table.title,
        "kind": table.kind,
        "year": table.year,
        "unit": table.unit,
        "project": table.project,
        "source": table.source,
    }


def _head(result: TableScore) -> dict[str, Any]:
    """What a table's document says before its ``indicators``."""
    return {"schema": SCHEMA, "version": version(), "table": table_head(result.table)}


def _tail(result: TableScore) -> dict[str, Any]:
    """What a table's document says after its ``indicators``."""
    return {
        "budget": None if result.budget is None else budget_dict(result.budget),
        "total": written(result.total),
        "max": written(result.maximum),
        "percentage": None if result.percentage is None else written(result.percentage),
        "grade": result.grade,
        "grade_note": result.grade_note,
        "complete": result.complete,
        "incomplete": _incomplete(result),
        "references": [s.indicator.name for s in result.references],
        "audit": _audit(result.audit),
        "findings": [_finding(f) for f in result.findings],
        "notes": list(result.notes),
    }


def as_dict(result: TableScore | Score | BudgetScore) -> dict[str, Any]:
    """A scored table (or one line, or the budget line) as the plain data of ``scoring score --json``."""
    if isinstance(result, Score):
        return score_dict(result)
    if isinstance(result, BudgetScore):
        return budget_dict(result)
    return {**_head(result), "indicators": [score_dict(s) for s in result.lines], **_tail(result)}


#: The JSON text of the part of a line its memo decides (everything but 一级/二级指标 and source), by memo.
_SHARED: dict[Hashable, str] = {}
_SHARED_SIZE = 16384
_text = json.encoder.encode_basestring  # a str as JSON, as json.dumps(..., ensure_ascii=False) writes it


def score_json(score: Score) -> str:
    """One line of ``indicators`` as JSON text: ``json.dumps(score_dict(score), ensure_ascii=False)``.

    A line scored like one before (same :attr:`Score.memo`) shares all but its 一级/二级指标 and source with it:
    that part is rendered once (the steps worded, the explanation joined) and kept, a bounded number of them.
    """
    ind, memo = score.indicator, score.memo
    shared = None if memo is None else _SHARED.get(memo)
    if shared is None:
        data = score_dict(score)
        del data["level1"], data["level2"], data["source"]
        shared = json.dumps(data, ensure_ascii=False)[1:-1]
        if memo is not None:
            if len(_SHARED) >= _SHARED_SIZE:
                _SHARED.clear()
            _SHARED[memo] = shared
    return f'{{"level1": {_text(ind.level1)}, "level2": {_text(ind.level2)}, {shared}, "source": {_text(ind.source)}}}'


def json_line(result: TableScore, first: dict[str, Any] | None = None) -> str:
    """A table as one line of JSON (JSON Lines), ``first``'s keys before the document's: the same text as
    ``json.dumps({**first, **as_dict(result)}, ensure_ascii=False) + "\\n"``, written piece by piece."""
    head = json.dumps({**(first or {}), **_head(result)}, ensure_ascii=False)
    lines = ", ".join([score_json(s) for s in result.lines])
    tail = json.dumps(_tail(result), ensure_ascii=False)
    return f'{head[:-1]}, "indicators": [{lines}], {tail[1:]}\n'


def render_json(result: TableScore) -> str:
    """The JSON document of ``scoring score --json``."""
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(result: TableScore) -> str:
    """The same document on one line (JSON Lines: one table per line, as batches stream them)."""
    return json_line(result)

"""Monitoring results as plain data for JSON (``scoring monitor --json``): the one place the shape is set.

The shape is a versioned contract: ``"schema": "scoring.monitor/1"``, described by the JSON Schema shipped beside
this module (``monitor.schema.json``; :func:`schema`). Lights carry a stable English code (``red``, ``yellow``,
``green``, ``blue``) beside their Chinese label; numbers are strings in plain notation (never floats);
percentages (progress, execution rate) have 2 decimals.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from importlib import resources
from typing import Any

from scoring.engine.monitor_explain import category_of
from scoring.engine.monitor_results import MonitorBudget, MonitorLine, MonitorResult
from scoring.engine.monitor_rules import Light
from scoring.engine.steps import StepKind
from scoring.numbers import HUNDRED, q2, written
from scoring.report.json import indicator_head, table_head
from scoring.report.wording import render_value, step_texts
from scoring.version import version

__all__ = [
    "KINDS",
    "SCHEMA",
    "budget_dict",
    "line_dict",
    "monitor_dict",
    "plan_of",
    "render_monitor_json",
    "render_monitor_jsonl",
    "schema",
]

#: The name and version of the JSON shape; a change that breaks readers bumps the number.
SCHEMA = "scoring.monitor/1"
#: The engine's kinds of target (Chinese) by their JSON code.
KINDS = {"累计": "cumulative", "时点": "level", "定性": "qualitative", "时限": "deadline", "不适用": "not_applicable"}


@functools.cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`monitor_dict`, shipped inside the package."""
    text = resources.files("scoring.report").joinpath("monitor.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _pct(ratio: Decimal | None) -> str | None:
    """A ratio as a percentage with 2 decimals (``0.7792…`` -> ``"77.92"``), or None."""
    return None if ratio is None else written(q2(ratio * HUNDRED))


def _code(light: Light | None) -> str | None:
    return None if light is None else light.code


def _label(light: Light | None) -> str | None:
    return None if light is None else light.value


def plan_of(line: MonitorLine) -> str | None:
    """The plan to date as the steps show it (``64.17个``, or the row's 1-m月计划值), None when the row has none."""
    for step in line.steps:
        if step.kind in (StepKind.M_PLAN, StepKind.M_PLAN_GIVEN):
            return render_value(step["plan"])
    return None


def line_dict(line: MonitorLine) -> dict[str, Any]:
    """One object of ``indicators``."""
    ind = line.indicator
    return {
        **indicator_head(ind),
        "expected": ind.expected,
        "plan": plan_of(line),
        "kind": KINDS.get(line.kind),
        "kind_label": line.kind or None,
        "progress": _pct(line.progress),
        "light": _code(line.light),
        "light_label": _label(line.light),
        "expected_miss": line.expected_miss,
        "reason": ind.reason,
        "reason_kind": list(category_of(ind)),
        "possibility": ind.possibility,
        "steps": list(step_texts(line.steps)),
        "warnings": list(line.warnings),
        "findings": list(line.findings),
        "error": line.error,
        "source": ind.source,
    }


def budget_dict(budget: MonitorBudget) -> dict[str, Any]:
    """The ``budget`` object (C2); ``expected`` (全年预计执行数) is null: no table gives it yet."""
    return {
        "planned": written(budget.planned),
        "spent": written(budget.spent),
        "rate": _pct(budget.rate),
        "expected": None,
        "progress": _pct(budget.progress),
        "light": _code(budget.light),
        "light_label": _label(budget.light),
        "steps": list(step_texts(budget.steps)),
        "warnings": list(budget.warnings),
        "error": budget.error,
    }


def _counts(result: MonitorResult) -> dict[str, int]:
    lights = [line.light for line in result.lines]
    counts = {light.code: lights.count(light) for light in Light}
    return {
        **counts,
        "unjudged": len(result.unjudged),
        "not_applicable": len(result.not_applicable),
        "expected_miss": len(result.expected_misses),
    }


def monitor_dict(result: MonitorResult) -> dict[str, Any]:
    """A project's monitoring as the plain data of ``scoring monitor --json``."""
    table = result.table
    return {
        "schema": SCHEMA,
        "version": version(),
        "month": result.month,
        "project": table.project or table.title,
        "table": table_head(table),
        "light": _code(result.light),
        "light_label": _label(result.light),
        "money_light": _code(result.money_light),
        "budget": None if result.budget is None else budget_dict(result.budget),
        "indicators": [line_dict(line) for line in result.lines],
        "counts": _counts(result),
        "complete": result.complete,
        "unexplained": [{"name": name, "message": message} for name, message in result.findings],
        "notes": list(result.notes),
    }


def render_monitor_json(result: MonitorResult) -> str:
    """The JSON document of ``scoring monitor --json``."""
    return json.dumps(monitor_dict(result), ensure_ascii=False, indent=2) + "\n"


def render_monitor_jsonl(result: MonitorResult) -> str:
    """The same document on one line (JSON Lines: one project per line)."""
    return json.dumps(monitor_dict(result), ensure_ascii=False) + "\n"

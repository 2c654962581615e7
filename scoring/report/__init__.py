"""Render results for people and programs: Chinese terminal report, JSON, CSV, XLSX, Markdown, findings.

The last step of the flow (text -> targets -> engine -> report). No arithmetic here: every number comes from
:mod:`scoring.engine` already rounded; every sentence of an explanation comes from :mod:`scoring.report.wording`.
"""

from __future__ import annotations

from scoring.engine.results import TableScore
from scoring.report.files import render_csv
from scoring.report.findings import render_findings
from scoring.report.json import as_dict, render_json, render_jsonl
from scoring.report.text import render_markdown, render_table
from scoring.report.wording import explain, render_step, step_texts
from scoring.report.xlsx import write_xlsx

__all__ = [
    "FORMATS",
    "as_dict",
    "explain",
    "render",
    "render_csv",
    "render_findings",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_step",
    "render_table",
    "step_texts",
    "write_xlsx",
]

FORMATS = ("table", "json", "jsonl", "csv", "xlsx", "md")


def render(result: TableScore, fmt: str) -> str:
    """The report in a text format (``table``, ``json``, ``csv``, ``md``)."""
    renderers = {
        "table": render_table,
        "json": render_json,
        "jsonl": render_jsonl,
        "csv": render_csv,
        "md": render_markdown,
    }
    return renderers[fmt](result)

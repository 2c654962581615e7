"""``scoring check``: lint a target table before the year starts; exit 1 when there are errors."""

from __future__ import annotations

import argparse
import sys

from scoring.cli.main import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from scoring.cli.options import policy_overrides, reader
from scoring.engine.check import check_table
from scoring.engine.compile import compile_table
from scoring.errors import ScoringError
from scoring.report.findings import render_findings
from scoring.tables import load_table

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Read the table, compile it as ``score`` would, print the findings."""
    try:
        table = load_table(args.table)
        compiled = compile_table(table, policy_overrides(args), reader(args))
    except ScoringError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    findings = check_table(compiled)
    title = f"检查：{table.project or table.title}（{args.table}）"
    sys.stdout.write(render_findings(title, findings, as_json=args.json))
    return EXIT_INCOMPLETE if any(f.is_error for f in findings) else EXIT_OK

"""``scoring score``: read the table (and actuals), score it through the library's one path, print the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scoring.cli.main import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from scoring.cli.options import decimal_option, policy_overrides, reader
from scoring.engine.table import score_table
from scoring.errors import ScoringError, UsageError
from scoring.report import render, write_xlsx
from scoring.tables import load_actuals, load_table
from scoring.tables.model import Budget

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Score one table; exit 1 when a row (or the budget line) could not be scored, 2 on a usage error."""
    try:
        return _score(args)
    except ScoringError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE


def _score(args: argparse.Namespace) -> int:
    fmt = "json" if args.json else args.format
    if fmt == "xlsx" and not args.output:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件")
    if (args.budget is None) != (args.spent is None):
        raise UsageError("--budget（全年预算数）与 --spent（全年执行数）须同时给出")
    table = load_table(args.table)
    actuals = load_actuals(args.actuals) if args.actuals else None
    budget = None
    if args.budget is not None:
        budget = Budget(decimal_option("全年预算数", args.budget), decimal_option("全年执行数", args.spent))
    result = score_table(table, actuals=actuals, budget=budget, policy=policy_overrides(args), reader=reader(args))
    if fmt == "xlsx":
        write_xlsx(result, args.output)
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        text = render(result, fmt)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            print(f"已写入 {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
    return EXIT_OK if result.complete else EXIT_INCOMPLETE

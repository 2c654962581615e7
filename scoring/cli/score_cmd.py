"""``scoring score``: read the table (and actuals), score it through the library's one path, print the report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from scoring.cli.batch_cmd import run_batch
from scoring.cli.main import EXIT_DIFFERENCES, EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from scoring.cli.options import decimal_option, policy_overrides, reader
from scoring.engine.results import TableScore
from scoring.engine.table import score_table
from scoring.errors import ScoringError, UsageError
from scoring.report import render, write_xlsx
from scoring.report.safety import atomic_write
from scoring.tables import iter_tables, load_actuals
from scoring.tables.model import Budget, Table

__all__ = ["exit_code", "one_or_many", "output_format", "refuse_overwriting_inputs", "run", "write_output"]


#: Output formats by the extension of ``-o``.
_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".md": "md"}


def run(args: argparse.Namespace) -> int:
    """Score one table, or many (several files, a folder, a workbook with several table sheets): exit 0 all scored
    and no differences, 1 a weighted row unscored (or a file skipped), 2 usage or unreadable input, 3 all scored
    but the sheet's own points differ from the computed ones."""
    return one_or_many(args, lambda table: _score(args, table), lambda paths: run_batch(args, paths), "评分")


def one_or_many(
    args: argparse.Namespace, one: Callable[[Table], int], many: Callable[[list[str]], int], verb: str
) -> int:
    """Run ``one`` on the only table of ``args.table``, or ``many`` on several (files, a folder, a workbook with
    several table sheets); a Chinese usage error (exit 2) for anything the run cannot do."""
    try:
        refuse_overwriting_inputs(args)
        paths = list(args.table)
        if len(paths) > 1 or Path(paths[0]).is_dir():
            return many(paths)
        tables = iter_tables(paths[0])
        first = next(tables, None)
        second = next(tables, None)
        if first is None:
            raise UsageError(f"“{paths[0]}”中没有可{verb}的表")
        if second is not None:
            return many(paths)
        return one(first)
    except ScoringError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE


def output_format(args: argparse.Namespace, by_suffixes: dict[str, str] = _BY_SUFFIX) -> str:
    """The output format: ``--json``/``--format``, else the extension of ``-o``; a contradiction is an error."""
    given = "json" if args.json else args.format
    if not args.output:
        return given or "table"
    suffix = Path(args.output).suffix.lower()
    by_suffix = by_suffixes.get(suffix)
    if given is None:
        if by_suffix is None:
            known = "、".join(by_suffixes)
            raise UsageError(f"无法从输出文件“{args.output}”的扩展名判断格式：应为 {known}，或用 --format 指定")
        return by_suffix
    if by_suffix is not None and by_suffix != given and not (given == "json" and by_suffix == "jsonl"):
        raise UsageError(f"输出文件“{args.output}”的扩展名是 {suffix}，与 --format {given} 不一致")
    return by_suffix if given == "json" and by_suffix == "jsonl" else given


def _score(args: argparse.Namespace, table: Table) -> int:
    fmt = output_format(args)
    if fmt == "xlsx" and not args.output:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件")
    if (args.budget is None) != (args.spent is None):
        raise UsageError("--budget（全年预算数）与 --spent（全年执行数）须同时给出")
    actuals = load_actuals(args.actuals) if args.actuals else None
    budget = None
    if args.budget is not None:
        budget = Budget(decimal_option("全年预算数", args.budget), decimal_option("全年执行数", args.spent))
    result = score_table(table, actuals=actuals, budget=budget, policy=policy_overrides(args), reader=reader(args))
    if fmt == "xlsx":
        write_output(args.output, lambda path: write_xlsx(result, path))
    elif args.output:
        # CSV for Excel: UTF-8 with a BOM (render_csv adds it), everything else plain UTF-8
        text = render(result, fmt)
        write_output(args.output, lambda path: atomic_write(path, text.encode("utf-8")))
    else:
        sys.stdout.write(render(result, fmt))
    return exit_code(result)


def refuse_overwriting_inputs(args: argparse.Namespace) -> None:
    """-o never replaces a file the run reads (the sheet's own points would be lost), nor one inside a folder read."""
    if not args.output:
        return
    target = Path(args.output).resolve()
    for name in (*args.table, args.actuals):
        if not name:
            continue
        given = Path(name).resolve()
        if given == target:
            raise UsageError(f"输出文件“{args.output}”就是输入文件，不会覆盖它：请另选文件名")
        if given.is_dir() and given in target.parents and target.suffix.lower() in (".xlsx", ".csv", ".toml"):
            raise UsageError(f"输出文件“{args.output}”在要评分的目录“{name}”中，下次批量评分会把它当作输入：请另选位置")


def write_output(output: str, write: Callable[[str], object]) -> None:
    try:
        write(output)
    except FileNotFoundError as exc:
        raise UsageError(f"无法写入“{output}”：所在目录不存在") from exc
    except IsADirectoryError as exc:
        raise UsageError(f"无法写入“{output}”：这是一个目录") from exc
    except OSError as exc:
        raise UsageError(f"无法写入“{output}”：{exc.strerror or exc}") from exc
    print(f"已写入 {output}", file=sys.stderr)


def exit_code(result: TableScore) -> int:
    """0 all scored and no audit differences; 1 a weighted row (or the budget line) unscored; 3 all scored but the
    sheet's own points differ from the computed ones."""
    if not result.complete:
        return EXIT_INCOMPLETE
    return EXIT_DIFFERENCES if result.audit.differences else EXIT_OK

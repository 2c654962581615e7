"""``scoring monitor``: mid-year monitoring (绩效运行监控, "双监控") of one table or a batch, through the library's one
path (:func:`scoring.engine.monitor.monitor_table`).

One table prints the Chinese view (coloured lights on a terminal, ``[黄灯]`` marks otherwise), ``--json`` the
``scoring.monitor/1`` document, ``-o 监控表.xlsx`` the national 项目支出绩效目标执行监控表. Several tables run as a
batch of ``scoring score`` does (:func:`scoring.cli.batch_cmd.run_batch` with :data:`MONITOR`): one line per
project with both lights, ``-o 汇总.xlsx`` (汇总 + 明细), ``-o x.jsonl``, ``--jobs N``.

Exit codes: 0 every row judged and nothing to explain is missing; 1 a row (or the money) not judged, or in a batch
a file skipped; 2 usage (no month, a month that disagrees with the sheet, unreadable input); 3 every row judged,
but rows that must be explained lack a 偏差原因 or a 完成目标可能性.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from scoring.cli.batch_cmd import Job, Wants, run_batch
from scoring.cli.main import EXIT_DIFFERENCES, EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from scoring.cli.options import decimal_option, policy_overrides, reader
from scoring.cli.score_cmd import one_or_many, output_format, write_output
from scoring.engine.batch import Skipped
from scoring.engine.monitor import MonitorError, monitor_table
from scoring.engine.monitor_results import MonitorResult
from scoring.engine.policy_error import PolicyError
from scoring.errors import TableReadError, UsageError
from scoring.language.reader import Reader
from scoring.report.monitor_batch import MonitorRendered, MonitorTally, MonitorWorkbook, render_monitored
from scoring.report.safety import atomic_write
from scoring.tables import iter_tables, load_actuals
from scoring.tables.model import Budget, Table

__all__ = ["MONITOR", "exit_code", "monitor_file", "run"]

#: Output formats by the extension of ``-o``.
_BY_SUFFIX = {".xlsx": "xlsx", ".json": "json", ".jsonl": "jsonl", ".md": "md", ".txt": "table"}


def run(args: argparse.Namespace) -> int:
    """Monitor one table, or many (several files, a folder, a workbook with several table sheets)."""
    if args.month is not None and not 1 <= args.month <= 12:
        print(f"错误：--month 应为1至12，却是{args.month}", file=sys.stderr)
        return EXIT_USAGE
    return one_or_many(args, lambda table: _monitor(args, table), lambda paths: run_batch(args, paths, MONITOR), "监控")


def _month(args: argparse.Namespace) -> int | None:
    month: int | None = args.month
    return month


def _options(args: argparse.Namespace) -> tuple[dict[str, Any], int | None]:
    return policy_overrides(args), _month(args)


def monitor_file(
    path: str, options: tuple[dict[str, Any], int | None], chosen: Reader, wants: Wants
) -> Iterator[MonitorRendered | Skipped]:
    """Every table of one file monitored and rendered for a batch; a file that cannot be read, or a table whose
    month cannot be decided, is a :class:`Skipped`."""
    try:
        yield from monitor_tables(iter_tables(path), options, chosen, wants)
    except TableReadError as exc:
        yield Skipped(path, exc.reason)


def monitor_tables(
    tables: Iterable[Table], options: tuple[dict[str, Any], int | None], chosen: Reader, wants: Wants
) -> Iterator[MonitorRendered | Skipped]:
    """Tables already read monitored and rendered for a batch (``--jobs`` sends a long file's tables here)."""
    policy, month = options
    for table in tables:
        try:
            result = monitor_table(table, month=month, policy=policy, reader=chosen)
        except (MonitorError, PolicyError) as exc:
            sheet = dict(table.extras).get("sheet", "")
            yield Skipped(f"{table.source} {sheet}".rstrip(), str(exc))
            continue
        yield render_monitored(result, wants.json, wants.rows)


def _coloured(text: str) -> Any:
    from scoring.report.monitor_text import coloured

    return coloured(text)


def _batch_exit(tally: MonitorTally) -> int:
    if tally.skipped or tally.incomplete_tables:
        return EXIT_INCOMPLETE
    return EXIT_DIFFERENCES if tally.lacking_tables else EXIT_OK


MONITOR = Job(
    monitor_file,
    _options,
    MonitorTally,
    MonitorWorkbook,
    _batch_exit,
    verb="监控",
    sheet="监控表",
    tables=monitor_tables,
    paint=_coloured,
)


def _budget(args: argparse.Namespace) -> Budget | None:
    if (args.budget is None) != (args.spent is None):
        raise UsageError("--budget（全年预算数）与 --spent（1-M月执行数）须同时给出")
    if args.budget is None:
        return None
    return Budget(decimal_option("全年预算数", args.budget), decimal_option("1-M月执行数", args.spent))


def _monitor(args: argparse.Namespace, table: Table) -> int:
    fmt = output_format(args, _BY_SUFFIX)
    if fmt == "xlsx" and not args.output:
        raise UsageError("xlsx 格式需要用 -o 指定输出文件")
    budget = _budget(args)
    actuals = load_actuals(args.actuals) if args.actuals else None
    try:
        result = monitor_table(
            table,
            month=_month(args),
            actuals=actuals,
            policy=policy_overrides(args),
            reader=reader(args),
            budget=budget,
        )
    except MonitorError as exc:
        raise UsageError(str(exc)) from exc
    if fmt == "xlsx":
        from scoring.report.monitor_xlsx import write_monitor_xlsx

        write_output(args.output, lambda path: write_monitor_xlsx(result, path))
    elif args.output:
        text = _render(result, fmt)
        write_output(args.output, lambda path: atomic_write(path, text.encode("utf-8")))
    elif fmt == "table" and sys.stdout.isatty():
        from rich.console import Console

        from scoring.report.monitor_text import coloured

        Console(soft_wrap=True, highlight=False).print(coloured(_render(result, fmt)), end="")
    else:
        sys.stdout.write(_render(result, fmt))
    return exit_code(result)


def _render(result: MonitorResult, fmt: str) -> str:
    from scoring.report.monitor_json import render_monitor_json, render_monitor_jsonl
    from scoring.report.monitor_text import render_monitor, render_monitor_markdown

    renderers = {
        "table": render_monitor,
        "json": render_monitor_json,
        "jsonl": render_monitor_jsonl,
        "md": render_monitor_markdown,
    }
    return renderers[fmt](result)


def exit_code(result: MonitorResult) -> int:
    """0 every row judged and nothing to explain is missing; 1 a row (or the money) not judged; 3 every row judged
    but rows that must be explained lack a 偏差原因 or a 完成目标可能性."""
    if not result.complete:
        return EXIT_INCOMPLETE
    return EXIT_DIFFERENCES if result.findings else EXIT_OK

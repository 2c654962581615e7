"""``scoring score`` on many tables: several files, folders, workbooks with several table sheets, long formats.

Prints a Chinese summary (one line per table, then projects per grade, rows unscored, files skipped and why);
``-o 汇总.xlsx`` writes the 汇总/明细 workbook, ``-o out.jsonl`` (or ``--json``) streams one JSON object per table as
each finishes, ``--output-dir`` writes each table's filled 自评表. ``--jobs N`` scores in N processes, a long file's tables
too (:mod:`scoring.cli.batch_jobs`); the output order, and every byte of it, is the same as without.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import attrs

from scoring.cli.batch_jobs import parallel
from scoring.cli.main import EXIT_DIFFERENCES, EXIT_INCOMPLETE, EXIT_OK
from scoring.cli.options import policy_overrides, reader
from scoring.engine.batch import Skipped, expand, score_file
from scoring.engine.table import score_table
from scoring.errors import UsageError
from scoring.language.reader import Reader
from scoring.report.batch_xlsx import BatchWorkbook
from scoring.report.safety import atomic_write
from scoring.report.summary import Rendered, Tally, render_for_batch
from scoring.tables.model import Table

__all__ = ["SCORE", "Job", "Wants", "run_batch"]


@attrs.frozen
class Wants:
    """What the outputs of this run need rendered for each table."""

    json: bool
    rows: bool
    document: bool


def _render(path: str, options: dict[str, Any], chosen: Reader, wants: Wants) -> Iterator[Rendered | Skipped]:
    for item in score_file(path, options, chosen):
        yield item if isinstance(item, Skipped) else render_for_batch(item, wants.json, wants.rows, wants.document)


def _render_tables(
    tables: Iterable[Table], options: dict[str, Any], chosen: Reader, wants: Wants
) -> Iterator[Rendered]:
    for table in tables:
        result = score_table(table, policy=options, reader=chosen)
        yield render_for_batch(result, wants.json, wants.rows, wants.document)


def _exit_code(tally: Tally) -> int:
    if tally.skipped or tally.incomplete_tables:
        return EXIT_INCOMPLETE
    return EXIT_DIFFERENCES if tally.differing_tables else EXIT_OK


@attrs.frozen
class Job:
    """What a batch does with each file and how the results add up: ``scoring score`` (:data:`SCORE`) or another
    command over the same files (``scoring monitor``).

    ``render(path, options, reader, wants)`` yields each table of a file rendered for the batch (an object with
    ``file``, ``sheet``, ``project``, ``line``, ``json``, ``document`` and ``rows``) or a :class:`Skipped`; it
    must be a module-level function, as ``--jobs`` sends it to worker processes. ``options(args)`` is what it
    needs of the command line; ``tally()`` and ``workbook()`` add up and write the results (``add``, ``header``,
    ``footer``, ``skipped``; ``add``, ``skip``, ``save``); ``exit_code(tally)`` ends the run.

    ``tables(tables, options, reader, wants)``, when given, does what ``render`` does for tables already read (a
    module-level function too): with ``--jobs`` a large file is read in the parent process and its tables are
    judged in the workers (:mod:`scoring.cli.batch_jobs`); without it each file is judged whole in one worker.
    """

    render: Callable[[str, Any, Reader, Wants], Iterator[Any]]
    options: Callable[[argparse.Namespace], Any]
    tally: Callable[[], Any]
    workbook: Callable[[], Any]
    exit_code: Callable[[Any], int]
    verb: str = "评分"
    sheet: str = "自评表"
    tables: Callable[[Iterable[Table], Any, Reader, Wants], Iterator[Any]] | None = None
    paint: Callable[[str], Any] | None = None  # the summary's text as rich text on a terminal (coloured lights)


SCORE = Job(_render, policy_overrides, Tally, BatchWorkbook, _exit_code, tables=_render_tables)


def _results(files: list[str | Skipped], args: argparse.Namespace, wants: Wants, job: Job) -> Iterator[Any]:
    options, chosen = job.options(args), reader(args)
    if args.jobs > 1:
        yield from parallel(files, job, options, tuple(args.units or ()), wants, args.jobs)
        return
    for entry in files:
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from job.render(entry, options, chosen, wants)


def _sheet_file(table: Any, folder: Path, seen: dict[str, int], roots: list[Path]) -> Path:
    """The file a table's 自评表 is written to: named after the input's path inside the folder it was found in
    (sub-folders kept in the name, so same-named sheets of different folders stay apart), its sheet and project."""
    source = Path(table.file)
    for root in roots:
        if root in source.parents:
            source = source.relative_to(root)
            break
    stem = "_".join((*source.parent.parts, source.stem)).lstrip("_./") + (f"-{table.sheet}" if table.sheet else "")
    if table.project and table.project not in stem:
        stem += f"-{table.project}"
    safe = "".join("_" if c in '\\/:*?"<>|' else c for c in stem)[:120]
    seen[safe] = seen.get(safe, 0) + 1
    suffix = f"-{seen[safe]}" if seen[safe] > 1 else ""
    return folder / f"{safe}{suffix}.xlsx"


def _progress(args: argparse.Namespace, total: int, verb: str) -> Any:
    """A progress bar on stderr for long runs; None when stderr is not a terminal or with --quiet."""
    if args.quiet or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn(verb),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("个文件 {task.fields[tables]} 张表 {task.fields[rows]} 行"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    progress.start()
    progress.add_task("files", total=total, tables=0, rows=0)
    return progress


def run_batch(args: argparse.Namespace, paths: list[str], job: Job = SCORE) -> int:
    """Score (or ``job``) every table of ``paths``; the exit code as for one table, over the whole batch."""
    output, verb = args.output, job.verb
    suffix = Path(output).suffix.lower() if output else ""
    if output and suffix not in (".xlsx", ".jsonl"):
        raise UsageError(f"批量{verb}的输出应为 .xlsx（汇总/明细）或 .jsonl（每张表一行 JSON），却是“{output}”")
    if args.actuals or args.budget is not None or args.spent is not None:
        raise UsageError(f"批量{verb}时不能用 --actuals、--budget、--spent：实际完成值与预算数应写在各{job.sheet}中")
    as_json = args.json and not output
    output_dir = getattr(args, "output_dir", None)
    folder = Path(output_dir) if output_dir else None
    if folder is not None and not folder.is_dir():
        raise UsageError(f"--output-dir“{output_dir}”不是已有的目录")
    if folder is not None:
        for given in paths:
            root = Path(given).resolve()
            if root.is_dir() and (folder.resolve() == root or root in folder.resolve().parents):
                raise UsageError(
                    f"--output-dir“{output_dir}”在要评分的目录“{given}”中：写出的自评表会覆盖输入，"
                    "下次也会被当作输入，请另选目录"
                )
    files = list(expand(paths))
    roots = [Path(p) for p in paths if Path(p).is_dir()]
    wants = Wants(json=as_json or suffix == ".jsonl", rows=suffix == ".xlsx", document=folder is not None)
    tally, workbook = job.tally(), job.workbook() if suffix == ".xlsx" else None
    seen: dict[str, int] = {}
    with ExitStack() as stack:
        stream: IO[str] | None = None
        if suffix == ".jsonl":
            stream, temporary = _temporary(output)
            stack.callback(_discard, temporary)
        progress = _progress(args, sum(1 for f in files if not isinstance(f, Skipped)), verb)
        if progress is not None:
            stack.callback(progress.stop)
        out = _Painted(sys.stdout, job.paint)
        if not as_json:
            out.write(tally.header())
        last_file = None
        for item in _results(files, args, wants, job):
            if isinstance(item, Skipped):
                tally.skipped.append(item)
                if workbook is not None:
                    workbook.skip(item)
                _advance(progress, None, None)
                continue
            tally.add(item)
            _advance(progress, item, item.file if item.file != last_file else None)
            last_file = item.file
            out.write(item.json if as_json and item.json else item.line)
            if stream is not None and item.json is not None:
                stream.write(item.json)
            if workbook is not None:
                workbook.add(item)
            if folder is not None and item.document is not None:
                atomic_write(_sheet_file(item, folder, seen, roots), item.document)
        if not as_json:
            out.write(tally.footer())
        if stream is not None:
            stream.close()
            os.replace(temporary, output)
        if workbook is not None:
            workbook.save(output)
    if output:
        print(f"已写入 {output}", file=sys.stderr)
    code: int = job.exit_code(tally)
    return code


class _Painted:
    """Standard output, with each text painted by ``paint`` (rich) when it is a terminal."""

    def __init__(self, out: IO[str], paint: Callable[[str], Any] | None) -> None:
        self.out, self.console = out, None
        if paint is not None and out.isatty():
            from rich.console import Console

            self.console = Console(file=out, soft_wrap=True, highlight=False)
        self.paint = paint

    def write(self, text: str) -> None:
        if self.console is not None and self.paint is not None:
            self.console.print(self.paint(text), end="")
        else:
            self.out.write(text)


def _advance(progress: Any, result: Any, new_file: str | None) -> None:
    if progress is None:
        return
    task = progress.tasks[0]
    rows = task.fields["rows"] + (result.rows if result is not None else 0)
    tables = task.fields["tables"] + (result is not None)
    progress.update(task.id, advance=1 if (result is None or new_file) else 0, rows=rows, tables=tables)


def _temporary(output: str) -> tuple[IO[str], str]:
    """A temporary file beside ``output`` for streaming; renamed over it only when the batch is done."""
    target = Path(output)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except FileNotFoundError as exc:
        raise UsageError(f"无法写入“{output}”：所在目录不存在") from exc
    return os.fdopen(handle, "w", encoding="utf-8", newline="\n"), name


def _discard(name: str) -> None:
    if os.path.exists(name):
        os.unlink(name)

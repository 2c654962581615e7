"""``--jobs N``: a batch's tables scored and rendered in N worker processes, handed back in input order.

What a task is, chosen per file before it is read:

* A file of at most :data:`SPLIT_BYTES` (or any ``.toml``) is one task: a worker reads, scores and renders all
  its tables (``Job.render``). Many small files (a county's workbooks) then keep every worker busy while this
  process only writes, and no table is pickled.
* A larger ``.csv``/``.xlsx``/``.xlsm`` file (in practice a long-format export with a 项目名称 column, thousands
  of projects) is read here, in this process, and its tables go out in lists of about :data:`ROWS_PER_TASK`
  indicator rows (``Job.tables``), so that one long file uses every worker.

The choice is by size on disk, not by the number of tables, because that number is known only by reading the
file, and reading is the very work a per-file task leaves to a worker. 1 MiB is about 10,000 rows of a long CSV
(1,000 projects of ten rows); an XLSX is compressed and holds several times that. Splitting a large file also
bounds memory: a per-file task sends back a whole file's rendered text at once (a 10⁶-row file's JSON lines are
about a gigabyte), a list of tables sends back a few hundred rows' worth. The cost of splitting is that this one
process reads every large file (about a quarter of the work of a row) and pickles its tables (measured: about
6 µs a row here, 11 µs to unpickle in a worker, against some 85 µs to read, score and render it), so with many
workers and many large files the reading here becomes the limit; with two workers it is not.

Memory stays bounded: at most :func:`window` tasks are in flight (sent and not yet written out), whatever the
size of the files; results are written in submission order, which is input order, so every output has the same
bytes as with one process. A worker keeps its reader (and so its caches) from one task to the next, as one
process keeps its reader from one file to the next.
"""

from __future__ import annotations

import argparse
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from scoring.cli.options import reader
from scoring.engine.batch import Skipped, table_batches
from scoring.language.reader import Reader

__all__ = ["ROWS_PER_TASK", "SPLIT_BYTES", "parallel", "split", "window"]

#: A ``.csv``/``.xlsx`` file larger than this is read here and its tables scored in every worker.
SPLIT_BYTES = 1 << 20
#: Indicator rows sent to a worker per task when a file is split (whole tables; measured on 10⁵ rows: 100 to
#: 2,000 rows per task take the same time, one table per task is slower).
ROWS_PER_TASK = 500
_SHEETS = (".csv", ".xlsx", ".xlsm")

#: Each worker's readers by the ``--units`` files, kept from task to task.
_READERS: dict[tuple[str, ...], Reader] = {}

Task = tuple[Callable[..., list[Any]], tuple[Any, ...]]


def window(jobs: int) -> int:
    """How many tasks may be in flight: enough that no worker waits for this process, few enough to bound
    memory (a few thousand rows at most when files are split)."""
    return 4 * jobs


def split(path: str) -> bool:
    """Whether a file's tables are spread over the workers (see the module's description)."""
    if not path.lower().endswith(_SHEETS):
        return False
    try:
        return os.stat(path).st_size > SPLIT_BYTES
    except OSError:
        return False  # the worker reports it, as for any file


def _reader(units: tuple[str, ...]) -> Reader:
    if units not in _READERS:
        _READERS[units] = reader(argparse.Namespace(units=list(units)))
    return _READERS[units]


def _file_in_worker(render: Any, path: str, options: Any, units: tuple[str, ...], wants: Any) -> list[Any]:
    """One file read, judged and rendered in a worker process; only texts and counts travel back."""
    return list(render(path, options, _reader(units), wants))


def _tables_in_worker(render: Any, tables: list[Any], options: Any, units: tuple[str, ...], wants: Any) -> list[Any]:
    """Tables read by the parent, judged and rendered in a worker process."""
    return list(render(tables, options, _reader(units), wants))


def _tasks(
    files: Iterable[str | Skipped], job: Any, options: Any, units: tuple[str, ...], wants: Any
) -> Iterator[Task | Skipped]:
    for entry in files:
        if isinstance(entry, Skipped):
            yield entry
        elif job.tables is not None and split(entry):
            for part in table_batches(entry, ROWS_PER_TASK):
                if isinstance(part, Skipped):
                    yield part
                else:
                    yield _tables_in_worker, (job.tables, part, options, units, wants)
        else:
            yield _file_in_worker, (job.render, entry, options, units, wants)


def parallel(files: Iterable[str | Skipped], job: Any, options: Any, units: tuple[str, ...], wants: Any,
             jobs: int) -> Iterator[Any]:  # fmt: skip
    """What ``job`` gives for every file, as one process would give it, from ``jobs`` worker processes."""
    pending: deque[Future[list[Any]] | Skipped] = deque()
    limit = window(jobs)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        try:
            for task in _tasks(files, job, options, units, wants):
                pending.append(task if isinstance(task, Skipped) else pool.submit(task[0], *task[1]))
                while len(pending) >= limit:
                    yield from _done(pending.popleft())
            while pending:
                yield from _done(pending.popleft())
        finally:
            for entry in pending:
                if isinstance(entry, Future):
                    entry.cancel()


def _done(entry: Future[list[Any]] | Skipped) -> list[Any]:
    return [entry] if isinstance(entry, Skipped) else entry.result()

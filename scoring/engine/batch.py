"""Score many tables in one go: files, folders, workbooks with several table sheets, long-format sheets, or rows
from a budget system; one table at a time, so memory stays bounded by one table, not the batch.

``score_batch(source)`` yields a :class:`TableScore` per table, in input order. A file that cannot be read is
skipped: ``iter_batch`` yields a :class:`Skipped` for it (the command line lists them), ``score_batch`` hands it
to ``on_skip`` and goes on. Nothing here is a distributed engine: the same function runs unchanged inside a
Spark ``mapInPandas`` or a Dask partition function over row mappings (see the README).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from scoring.engine.policy import Policy
from scoring.engine.results import TableScore
from scoring.engine.table import score_table
from scoring.errors import TableReadError
from scoring.language.reader import Reader
from scoring.tables import iter_tables
from scoring.tables.model import Table
from scoring.tables.records import tables_from_records

__all__ = ["SUFFIXES", "Skipped", "SkippedFileWarning", "expand", "iter_batch", "score_batch", "table_batches"]

#: The files a folder is searched for (recursively).
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".toml")

Source = str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Iterable[Mapping[str, Any]]


@attrs.frozen
class Skipped:
    """A file (or folder entry) that could not be read at all, and why (Chinese)."""

    path: str
    reason: str


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | Skipped]:
    """Files to read, in a stable order: each file as given; each folder's table files, recursively, sorted.

    A path that does not exist is a :class:`Skipped`; hidden files and ``~$`` lock files in folders are left out.
    """
    for given in paths:
        shown = os.fspath(given)
        path = Path(shown)
        if path.is_dir():
            # not only regular files: a FIFO or a device named x.csv is reported as skipped, never passed over
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and not p.is_dir()
                and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
            if not found:
                yield Skipped(shown, "目录中没有 .xlsx、.csv 或 .toml 文件")
            yield from (str(p) for p in found)
        elif path.exists() or path.is_symlink():
            yield shown
        else:
            yield Skipped(shown, "文件不存在")


def _is_paths(source: Any) -> bool:
    return isinstance(source, str | os.PathLike)


def iter_batch(
    source: Source,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
) -> Iterator[TableScore | Skipped]:
    """Every table of ``source`` scored, or a :class:`Skipped` for each file that could not be read, in order.

    ``source`` is a path, an iterable of paths (files or folders), or an iterable of row mappings in long format
    (a 项目名称 key separates tables; see :func:`scoring.tables.records.tables_from_records`).
    """
    items: Iterator[Any] = iter([source]) if _is_paths(source) else iter(source)  # type: ignore[arg-type]
    first = next(items, None)
    if first is None:
        return
    if isinstance(first, Mapping):
        rows: Iterator[Mapping[str, Any]] = _chain(first, items)
        for table in tables_from_records(rows):
            yield score_table(table, policy=policy, reader=reader)
        return
    for entry in expand(_chain(first, items)):
        if isinstance(entry, Skipped):
            yield entry
            continue
        yield from score_file(entry, policy, reader)


def score_file(
    path: str, policy: Policy | Mapping[str, Any] | None = None, reader: Reader | None = None
) -> Iterator[TableScore | Skipped]:
    """Every table of one file scored; the file itself a :class:`Skipped` when it cannot be read."""
    try:
        for table in iter_tables(path):
            yield score_table(table, policy=policy, reader=reader)
    except TableReadError as exc:
        yield Skipped(path, exc.reason)


def table_batches(path: str, rows: int) -> Iterator[list[Table] | Skipped]:
    """The tables of one file, read in order and handed out in lists of about ``rows`` indicator rows (a table
    is never cut; a list holds at least one table), so that other processes can score them; a
    :class:`Skipped` where :func:`score_file` gives one (after the tables read before it)."""
    batch: list[Table] = []
    size = 0
    try:
        for table in iter_tables(path):
            batch.append(table)
            size += len(table.indicators)
            if size >= rows:
                yield batch
                batch, size = [], 0
    except TableReadError as exc:
        if batch:
            yield batch
        yield Skipped(path, exc.reason)
        return
    if batch:
        yield batch


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def score_batch(
    source: Source,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
    on_skip: Callable[[Skipped], object] | None = None,
) -> Iterator[TableScore]:
    """Every table of ``source`` scored, one at a time, in input order; unreadable files go to ``on_skip``
    (without one, each is a :class:`SkippedFileWarning`, so that no file is left out silently)."""
    for item in iter_batch(source, policy, reader):
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
            else:
                warnings.warn(f"跳过 {item.path}：{item.reason}", SkippedFileWarning, stacklevel=2)
            continue
        yield item


class SkippedFileWarning(UserWarning):
    """A file of a batch that could not be read, when ``score_batch`` was given no ``on_skip``."""

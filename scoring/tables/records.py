"""Tables from row mappings, as a budget system or a dataframe partition gives them (``{"项目名称": …, …}``).

Each mapping is one row of a long-format sheet whose headers are the mapping's keys (any spelling the sheet
reader accepts: 三级指标, 指标值, 分值, 实际完成值 …; 项目名称 and 单位名称 separate the tables). Values may be
text, numbers (``int``, ``float`` by its shortest text, ``Decimal``) or None. Rows are read as they come, so a
partition of a million rows is held one project at a time; the tables are exactly those :func:`iter_tables`
gives for the same rows in a CSV file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from scoring.errors import TableReadError
from scoring.tables.cells import cell_text
from scoring.tables.files import Row, Sheet
from scoring.tables.headers import HEADER_FIELDS, Start, columns_of
from scoring.tables.iterate import NO_HEADER, one_table
from scoring.tables.long import LONG_FIELDS, long_tables
from scoring.tables.model import Table

__all__ = ["tables_from_records"]


def _rows(rows: Iterable[Mapping[str, Any]], keys: list[str]) -> Iterator[Row]:
    for number, mapping in enumerate(rows, start=2):
        yield Row(number, tuple(cell_text(mapping.get(key)) for key in keys))


def tables_from_records(records: Iterable[Mapping[str, Any]], source: str = "记录") -> Iterator[Table]:
    """The tables of ``records`` in order: one per 项目名称 when that key is given, else one.

    ``source`` names the rows in messages (``记录 第3行``: the header is row 1). Raises TableReadError when the
    keys of the first record have no 三级指标 and 指标值 (the same reason as a file without a header row);
    keys first seen on a later record are not read.
    """
    rows = iter(records)
    first = next(rows, None)
    if first is None:
        return
    keys = [str(key) for key in first]
    header = Row(1, tuple(keys))
    columns = columns_of(header.cells, HEADER_FIELDS)
    if "name" not in columns or "target" not in columns:
        raise TableReadError(source, NO_HEADER)
    start = Start((), header, columns, _rows(chain([first], rows), keys))
    sheet = Sheet("", source)
    if "project" in columns_of(header.cells, LONG_FIELDS):
        yield from (table for table in long_tables(start, sheet, source) if table.indicators)
    else:
        yield one_table(start, sheet, source)

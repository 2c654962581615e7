"""Spreadsheet files as streams of rows: the row and sheet types every reader gives, and the CSV/XLSX writers.

Nothing here knows what a 绩效目标表 is: :mod:`scoring.tables.sheet` finds the header row and builds the tables.
The readers are :mod:`scoring.tables.csv_read` and :mod:`scoring.tables.xlsx_read`; both give rows lazily, one
at a time, so a file is never held in memory whole. A cell that could not be read, or a row that could not, is
given with the reason (``Row.bad``, ``Row.notes``); only a file that cannot be read at all raises
:class:`~scoring.errors.TableReadError`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import attrs

from scoring.tables.guard import column_name, visible

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

__all__ = ["Row", "Sheet", "write_csv", "write_xlsx"]


class Row(NamedTuple):
    """One row of a sheet: its 1-based number, its cells as text, and what went wrong reading it.

    ``bad`` lists the cells that could not be read (``(column index, why)``: a formula without a saved result,
    a number beyond reading) — their text is blank; ``notes`` say what happened to the row as a whole (read in
    another encoding, an unclosed quote); ``lost`` marks a row that could not be read at all.
    """

    number: int
    cells: tuple[str, ...]
    notes: tuple[str, ...] = ()
    bad: tuple[tuple[int, str], ...] = ()
    lost: bool = False


@attrs.define(eq=False)
class Sheet:
    """A sheet whose rows are read as they are iterated (once).

    ``label`` names the sheet in messages (`` 工作表“自评表”`` when the workbook has several, else empty);
    ``title`` is its name; ``letters`` says whether columns are named by letters (XLSX) or numbers (CSV);
    ``width``, once set by the reader of the table, is the last column worth reading; ``merged`` holds the merged
    ranges ``(first row, last row, first column, last column)`` (0-based columns), known once every row was read;
    ``hint`` is a sentence to add when no table is found (the encoding the file was read in).
    """

    label: str
    title: str = ""
    rows: Iterator[Row] = attrs.field(factory=lambda: iter(()))
    hidden: bool = False
    letters: bool = False
    width: int | None = None
    merged: list[tuple[int, int, int, int]] = attrs.Factory(list)
    hint: str = ""

    def column(self, index: int) -> str:
        return column_name(index, self.letters)


def write_csv(path: Path, rows: Sequence[Sequence[str | Decimal]]) -> None:
    """Write rows as CSV in UTF-8 with a BOM, which Excel opens correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([["" if cell is None else str(cell) for cell in row] for row in rows])


def write_xlsx(path: Path, rows: Sequence[Sequence[str | Decimal]], title: str = "") -> None:
    """Write rows to the first sheet of a new workbook; Decimals become numbers, text stays text."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.title = _sheet_title(title)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            if value == "":
                continue
            if isinstance(value, str) and _ILLEGAL.search(value):
                value = _ILLEGAL.sub(lambda match: visible(match[0]), value)  # Excel refuses control characters
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # ``=100%`` is a 指标值, not a formula
    book.save(path)


def _sheet_title(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Sheet1"

"""A batch as one workbook: a 汇总 sheet (one row per table) and a 明细 sheet (one row per indicator).

Written with openpyxl's write-only mode as the tables are scored, so memory stays bounded by one table; numbers are
numeric cells (2 decimals for points), text beginning with ``=`` is text, never a formula, and the bytes are
the same for the same batch (:func:`scoring.report.safety.stable_xlsx`). :class:`SheetsWorkbook` is the one
workbook both batches write (``scoring score`` and ``scoring monitor``); each says only its rows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from scoring.engine.batch import Skipped
from scoring.report.safety import atomic_write
from scoring.report.summary import DETAIL_HEADER, SUMMARY_HEADER, Rendered
from scoring.report.xlsx import xlsx_bytes

__all__ = ["BatchWorkbook", "SheetsWorkbook"]

#: Columns holding numbers in each sheet (0-based), and their number format.
_SUMMARY_NUMBERS = {4: "0.00", 5: "0.00", 6: "0", 8: "0", 9: "0"}
_DETAIL_NUMBERS = {8: "0.##", 9: "0.00", 10: "0.00", 11: "0.00"}


class SheetsWorkbook:
    """A write-only 汇总/明细 workbook: typed rows appended as they come, files skipped listed, saved once at the end."""

    def __init__(self, summary_header: Sequence[str], detail_header: Sequence[str]) -> None:
        from openpyxl import Workbook

        self._book: Any = Workbook(write_only=True)
        self._summary = self._book.create_sheet("汇总")
        self._detail = self._book.create_sheet("明细")
        self._summary.append(list(summary_header))
        self._detail.append(list(detail_header))
        self._skipped: list[Skipped] = []

    def _row(
        self, sheet: Any, values: Sequence[Any], numbers: Mapping[int, str], fills: Mapping[int, str] | None = None
    ) -> None:
        """One row: numbers (by column) as numeric cells in their format, the rest as text; ``fills`` colours cells."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import PatternFill

        cells = []
        for index, value in enumerate(values):
            cell = WriteOnlyCell(sheet)
            if index in numbers and value not in ("", None):
                cell.value = Decimal(value)
                cell.number_format = numbers[index]
            else:
                cell.value = value
                cell.data_type = "s"  # ``=100%`` is a 指标值, never a formula
            if fills and index in fills:
                cell.fill = PatternFill("solid", fgColor=fills[index])
            cells.append(cell)
        sheet.append(cells)

    def skip(self, skipped: Skipped) -> None:
        """A file (or sheet) that could not be read or judged: listed below the 汇总 rows."""
        self._skipped.append(skipped)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the workbook (atomically)."""
        if self._skipped:
            self._summary.append([])
            self._summary.append(["跳过的文件", "原因"])
            for skipped in self._skipped:
                self._row(self._summary, [skipped.path, skipped.reason], {})
        atomic_write(path, xlsx_bytes(self._book))


class BatchWorkbook(SheetsWorkbook):
    """The 汇总/明细 workbook of a batch, filled one table at a time and saved once at the end."""

    def __init__(self) -> None:
        super().__init__(SUMMARY_HEADER, DETAIL_HEADER)

    def add(self, table: Rendered) -> None:
        """One table: its 汇总 row and its 明细 rows (rendered with ``rows=True``)."""
        assert table.summary is not None, "rendered without rows=True"
        assert table.details is not None, "rendered without rows=True"
        self._row(self._summary, table.summary, _SUMMARY_NUMBERS)
        for row in table.details:
            self._row(self._detail, row, _DETAIL_NUMBERS)

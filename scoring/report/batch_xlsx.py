"""A batch as one workbook: a 汇总 sheet (one row per table) and a 明细 sheet (one row per indicator).

Written with openpyxl's write-only mode as the tables are scored, so memory stays bounded by one table; numbers are
numeric cells (2 decimals for points), text beginning with ``=`` is text, never a formula, and the bytes are
the same for the same batch (:func:`scoring.report.safety.stable_xlsx`).
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from typing import Any

from scoring.engine.batch import Skipped
from scoring.report.safety import atomic_write, stable_xlsx
from scoring.report.summary import DETAIL_HEADER, SUMMARY_HEADER, Rendered

__all__ = ["BatchWorkbook"]

#: Columns holding numbers in each sheet (0-based), and their number format.
_SUMMARY_NUMBERS = {4: "0.00", 5: "0.00", 6: "0", 8: "0", 9: "0"}
_DETAIL_NUMBERS = {8: "0.##", 9: "0.00", 10: "0.00", 11: "0.00"}


class BatchWorkbook:
    """The 汇总/明细 workbook of a batch, filled one table at a time and saved once at the end."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self._book: Any = Workbook(write_only=True)
        self._summary = self._book.create_sheet("汇总")
        self._detail = self._book.create_sheet("明细")
        self._summary.append(list(SUMMARY_HEADER))
        self._detail.append(list(DETAIL_HEADER))
        self._skipped: list[Skipped] = []

    def _row(self, sheet: Any, values: list[str], numbers: dict[int, str]) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for index, value in enumerate(values):
            cell = WriteOnlyCell(sheet)
            if index in numbers and value not in ("", None):
                cell.value = Decimal(value)
                cell.number_format = numbers[index]
            else:
                cell.value = value
                cell.data_type = "s"  # ``=100%`` is a 指标值, never a formula
            cells.append(cell)
        sheet.append(cells)

    def add(self, table: Rendered) -> None:
        """One table: its 汇总 row and its 明细 rows (rendered with ``rows=True``)."""
        assert table.summary is not None, "rendered without rows=True"
        assert table.details is not None, "rendered without rows=True"
        self._row(self._summary, table.summary, _SUMMARY_NUMBERS)
        for row in table.details:
            self._row(self._detail, row, _DETAIL_NUMBERS)

    def skip(self, skipped: Skipped) -> None:
        """A file that could not be read: listed below the 汇总 rows."""
        self._skipped.append(skipped)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the workbook (atomically)."""
        if self._skipped:
            self._summary.append([])
            self._summary.append(["跳过的文件", "原因"])
            for skipped in self._skipped:
                self._row(self._summary, [skipped.path, skipped.reason], {})
        buffer = io.BytesIO()
        self._book.save(buffer)
        atomic_write(path, stable_xlsx(buffer.getvalue()))

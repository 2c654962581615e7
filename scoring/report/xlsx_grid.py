"""A worksheet written for printing: typed cells, merges, borders, fills, row heights and the A4 page set-up.

Every call touches only the cells it writes, so a sheet of n rows is written in time linear in n: no
``sheet.max_row``, no lookup in the sheet's merged ranges (a merge is added to their set directly), and row
heights are estimated from each text and the width of the (merged) cell it sits in, kept per row and set once.
Numbers are stored as numbers with a number format; a text that Excel would take for a formula (``=100%``,
``+5``, ``-3%``, ``@x``) is stored as text with Excel's quote prefix.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties

from scoring.display import width

__all__ = ["FILLS", "MONEY", "PERCENT", "POINTS", "SIGNED", "Grid", "weight_format"]

POINTS = "0.00"  # 得分 and 计算得分: two decimals, as the rules round them (A9)
MONEY = "0.00"  # 万元
PERCENT = "0.00%"  # 执行率: a ratio shown as a percentage, so Excel can compute with it
SIGNED = "+0.00;-0.00;0.00"  # 差异 (自评 − 计算)
FONT = "宋体"
_SIZE = 10.5  # 五号
_LINE = 14.0  # points per line of 五号 text
_FORMULA_START = ("=", "+", "-", "@")
#: bold, size, horizontal alignment, wrap, border, fill ("head" or a mark), number format, quote prefix
_Key = tuple[bool, float, str, bool, bool, str | None, str | None, bool]

#: Light fills of flagged rows, by the mark they show (also the order a row's colour is chosen in).
FILLS = {"无法评分": "D9D9D9", "自评差异": "F8CBAD", "未达标": "FFE699", "超额": "BDD7EE"}
_HEAD_FILL = PatternFill("solid", fgColor="F2F2F2")
_FILLS = {name: PatternFill("solid", fgColor=colour) for name, colour in FILLS.items()}
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@functools.cache
def _fill(paint: str) -> Any:
    """The fill of a mark of :data:`FILLS`, or of an RGB colour."""
    return _FILLS.get(paint) or PatternFill("solid", fgColor=paint)


@functools.cache
def _font(bold: bool, size: float) -> Any:
    return Font(name=FONT, bold=bold, size=size)


@functools.cache
def _alignment(horizontal: str, wrap: bool) -> Any:
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=wrap)


def weight_format(value: Decimal) -> str:
    """A 分值 without decimals when it is whole (``10``), else with two (``7.50``)."""
    return "0" if value == value.to_integral_value() else POINTS


class Grid:
    """One worksheet of a fixed set of columns, written cell by cell; :meth:`finish` sets heights and printing."""

    def __init__(self, sheet: Any, widths: Sequence[float]) -> None:
        self.sheet = sheet
        self.widths = tuple(widths)
        self.last = len(self.widths)
        self._lines: dict[int, int] = {}
        self._styles: dict[_Key, Any] = {}
        for column, size in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = size

    def put(
        self,
        row: int,
        column: int,
        value: str | Decimal | None,
        *,
        to_column: int | None = None,
        to_row: int | None = None,
        number_format: str | None = None,
        bold: bool = False,
        size: float = _SIZE,
        align: str = "left",
        head: bool = False,
        fill: str | None = None,
        border: bool = True,
    ) -> Any:
        """Write one value (merged over ``column..to_column`` × ``row..to_row``) and style every cell it covers.

        ``None`` and ``""`` leave the cell blank (still bordered); a Decimal is a number in ``number_format``;
        a text starting with ``= + - @`` stays text. ``fill`` names a mark of :data:`FILLS`, or is an RGB colour
        (``"FFC7CE"``: the monitoring lights).
        """
        last_column, last_row = to_column or column, to_row or row
        cell = self.sheet.cell(row=row, column=column)
        if isinstance(value, Decimal) or value:
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a 指标值 such as =100% is text, never a formula
        paint = "head" if head else fill
        base = (bold or head, size, "center" if head else align, not isinstance(value, Decimal), border, paint)
        quote = isinstance(value, str) and value.startswith(_FORMULA_START)
        self._dress(cell, (*base, (number_format or POINTS) if isinstance(value, Decimal) else None, quote))
        if (last_column, last_row) != (column, row):
            for covered in self._merge(row, column, last_row, last_column):
                self._dress(covered, (*base, None, False))
        if isinstance(value, str) and value:
            span = sum(self.widths[column - 1 : last_column])
            self.need(row, _lines(value, span, size) - (last_row - row))
        return cell

    def _dress(self, cell: Any, key: _Key) -> None:
        """Style a cell; each distinct style is built once, then copied as openpyxl's own style array.

        Setting ``cell.font`` (and the rest) hashes the style objects on every call, which dominates the time of
        a large sheet; copying the array of style ids of an already styled cell gives the same result.
        """
        done = self._styles.get(key)
        if done is not None:
            cell._style = copy.copy(done)
            return
        bold, size, horizontal, wrap, border, paint, number_format, quote = key
        cell.font = _font(bold, size)
        cell.alignment = _alignment(horizontal, wrap)
        if border:
            cell.border = _BORDER
        if paint is not None:
            cell.fill = _HEAD_FILL if paint == "head" else _fill(paint)
        if number_format is not None:
            cell.number_format = number_format
        if quote:
            cell.quotePrefix = True  # Excel keeps =, +, -, @ at the start as text when the cell is edited
        self._styles[key] = copy.copy(cell._style)

    def blank(self, row: int, first: int, last: int, fill: str | None = None) -> None:
        """Bordered blank cells ``first..last`` of a row."""
        for column in range(first, last + 1):
            self.put(row, column, None, fill=fill)

    def need(self, row: int, lines: int) -> None:
        """Make a row at least ``lines`` lines high."""
        if lines > self._lines.get(row, 1):
            self._lines[row] = lines

    def height(self, row: int, points: float) -> None:
        """Give a row a fixed height (title rows)."""
        self.sheet.row_dimensions[row].height = points

    def _merge(self, row: int, column: int, last_row: int, last_column: int) -> list[Any]:
        """Merge a range; returns the cells it covers (all but the top-left one)."""
        merged = MergedCellRange(
            self.sheet, f"{get_column_letter(column)}{row}:{get_column_letter(last_column)}{last_row}"
        )
        # ``sheet.merge_cells`` first checks the new range against every earlier one (quadratic in rows) and
        # restyles every covered cell; ours never overlap, so the range goes straight into the set and its
        # covered cells are made here (``put`` styles them).
        self.sheet.merged_cells.ranges.add(merged)
        covered = []
        for r in range(row, last_row + 1):
            for c in range(column, last_column + 1):
                if (r, c) != (row, column):
                    covered.append(MergedCell(self.sheet, row=r, column=c))
                    self.sheet._cells[r, c] = covered[-1]
        return covered

    def finish(self, title_rows: tuple[int, int] | None, last_row: int, freeze: str | None = None) -> None:
        """Row heights from the texts; A4 landscape, fit to the page width, ``title_rows`` repeated on every page."""
        for row, lines in self._lines.items():
            if lines > 1:
                self.sheet.row_dimensions[row].height = lines * _LINE + 4
        sheet = self.sheet
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.4
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6
        sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
        sheet.print_area = f"A1:{get_column_letter(self.last)}{last_row}"
        if title_rows is not None:
            sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
        if freeze:
            sheet.freeze_panes = freeze


def _lines(text: str, span: float, size: float) -> int:
    """Lines a wrapped text takes in a cell ``span`` character units wide (CJK characters count two)."""
    per_line = max(1.0, (span - 1) * _SIZE / size)
    return sum(max(1, math.ceil(width(part) / per_line)) for part in text.split("\n"))

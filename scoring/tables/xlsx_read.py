"""XLSX workbooks read as streams of rows, sheet by sheet, without trusting the file.

Before anything is parsed, the ZIP directory is checked: a sheet larger than ``Limits.max_unzipped`` once
unzipped, another part larger than ``Limits.max_part``, or a large part compressed beyond ``Limits.max_ratio``
(a decompression bomb) refuses the file. openpyxl reads the workbook's parts (sheet list, shared strings, styles)
but not the sheets: each sheet's XML is read here as a stream, nothing evaluated, cached formula results taken
as they are. Only the rows that exist are given (a row numbered 20,000,000 costs one row, not twenty million),
cells past ``Limits.max_columns`` or past the table's last column are skipped unread, reading stops after
``Limits.max_rows`` rows, and every finished element is dropped, so memory does not grow with the sheet. A
formula without a saved result, and a cell whose value cannot be read, are given as ``Row.bad``; a sheet damaged
halfway keeps the rows before the damage.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from scoring.errors import TableReadError
from scoring.tables.cells import cell_text
from scoring.tables.files import Row, Sheet
from scoring.tables.guard import Limits, short

if TYPE_CHECKING:
    import zipfile

__all__ = ["Book", "open_workbook", "xlsx_sheets"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _FORMULA, _INLINE, _TEXT, _RUN = (
    f"{_MAIN}{tag}" for tag in ("row", "c", "v", "f", "is", "t", "r")
)
_MERGE = f"{_MAIN}mergeCell"
_MAX_MERGES = 100_000
_BUILTIN_FORMATS = 164


@attrs.frozen
class Book:
    """What the sheets need from a workbook: its archive, shared strings, styles and the sheets' parts."""

    archive: zipfile.ZipFile
    strings: list[str]
    workbook: Any  # openpyxl's Workbook, for its epoch and styles
    parts: list[tuple[str, str, str]]  # (name, state, part in the archive)

    def close(self) -> None:
        self.archive.close()


def _check_zip(handle: BinaryIO, shown: str, limits: Limits) -> None:
    import zipfile  # here, not at import: ``scoring --help`` needs none of it

    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TableReadError(shown, "不是有效的 XLSX 工作簿：文件不完整或已损坏（不是完整的 ZIP 压缩包）") from exc
    names = set()
    for info in archive.infolist():
        names.add(info.filename)
        ratio = info.file_size / max(info.compress_size, 1)
        largest = limits.max_unzipped if info.filename.startswith("xl/worksheets/") else limits.max_part
        if info.file_size > largest or (info.file_size > limits.bomb_floor and ratio > limits.max_ratio):
            raise TableReadError(
                shown,
                f"不是有效的 XLSX 工作簿：其中“{short(info.filename)}”解压后有 {info.file_size >> 20} MB"
                f"（压缩比 {ratio:.0f}:1），像是压缩炸弹，未读取",
            )
    if "xl/workbook.xml" not in names:
        raise TableReadError(shown, "不是有效的 XLSX 工作簿：缺少 xl/workbook.xml（可能是其他格式的压缩包）")


def open_workbook(handle: BinaryIO, shown: str, limits: Limits) -> Book:
    """The workbook's parts (nothing evaluated, no sheet parsed yet); TableReadError when it is damaged."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    if not handle.read(4):
        raise TableReadError(shown, "文件是空的")
    handle.seek(0)
    _check_zip(handle, shown, limits)
    handle.seek(0)
    try:
        reader = ExcelReader(handle, read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        parts = [
            (str(sheet.name), str(sheet.state or "visible"), str(rel.target))
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
    except Exception as exc:  # openpyxl raises many types on a damaged file (zip, XML, key errors)
        raise TableReadError(shown, f"不是有效的 XLSX 工作簿（{type(exc).__name__}: {short(str(exc))}）") from exc
    return Book(reader.archive, list(reader.shared_strings), reader.wb, parts)


def _column(ref: str | None, previous: int) -> int:
    """The 1-based column of a cell reference (``C7`` -> 3); the next column when there is none or it is bad."""
    letters = (ref or "").rstrip("0123456789")
    if not letters or len(letters) > 3 or not letters.isalpha() or not letters.isascii():
        return previous + 1
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Cells:
    """Cell values as openpyxl gives them (numbers, dates by their style, shared and inline strings)."""

    def __init__(self, book: Book) -> None:
        from openpyxl.styles.numbers import BUILTIN_FORMATS
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        self.book, self.builtin, self.from_excel, self.from_iso = book, BUILTIN_FORMATS, from_excel, from_ISO8601
        self.formats: dict[int, str] = {}
        self.dates, self.durations = set(book.workbook._date_formats), set(book.workbook._timedelta_formats)

    def number_format(self, style: int) -> str:
        if style not in self.formats:
            try:
                number = self.book.workbook._cell_styles[style].numFmtId
                custom = self.book.workbook._number_formats
                known = self.builtin.get(number) if number < _BUILTIN_FORMATS else custom[number - _BUILTIN_FORMATS]
                self.formats[style] = str(known or "General")
            except (IndexError, KeyError, AttributeError, TypeError):
                self.formats[style] = "General"
        return self.formats[style]

    def text(self, cell: Any) -> str | None:
        """The cell as text; None for a formula without a saved result. Raises on a value that cannot be read."""
        kind, style = cell.get("t", "n"), int(cell.get("s") or 0)
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            parts = [] if inline is None else [inline.find(_TEXT), *(run.find(_TEXT) for run in inline.iter(_RUN))]
            return "".join(part.text or "" for part in parts if part is not None).strip()
        raw: str = cell.findtext(_VALUE) or ""
        if not raw:
            has_formula = cell.find(_FORMULA) is not None
            return None if has_formula and not (kind == "str" and cell.find(_VALUE) is not None) else ""
        if kind == "s":
            return str(self.book.strings[int(raw)]).strip()
        if kind in ("str", "e"):
            return raw.strip()  # a formula's text result, an error value (#DIV/0!)
        if kind == "d":
            return cell_text(self.from_iso(raw.strip()))
        if kind == "b":
            return cell_text(raw.strip() == "1")
        value = float(raw) if "." in raw or "e" in raw or "E" in raw else int(raw)
        if style in self.dates:
            return cell_text(self.from_excel(value, self.book.workbook.epoch, timedelta=style in self.durations))
        return cell_text(value, self.number_format(style))


def _cells(element: Any, number: int, width: int, cells: _Cells) -> tuple[Row, bool]:
    """One ``<row>``: its cell texts up to ``width`` columns, the cells that could not be read, and whether a
    cell beyond ``width`` had content."""
    texts: dict[int, str] = {}
    bad: list[tuple[int, str]] = []
    beyond, column = False, 0
    for cell in element.iter(_CELL):
        column = _column(cell.get("r"), column)
        if column > width:
            beyond = beyond or len(cell) > 0
            continue
        try:
            text = cells.text(cell)
        except Exception as exc:  # a number of a million digits, a shared string that is not there, a bad date
            bad.append((column - 1, f"无法读取这个单元格的值（{type(exc).__name__}）"))
            continue
        if text is None:
            formula = short(f"={cell.findtext(_FORMULA) or ''}")
            bad.append(
                (column - 1, f"是公式“{formula}”，但文件没有保存它的计算结果（请在 Excel 中打开、保存后再读取）")
            )
        elif text:
            texts[column - 1] = text
    size = max((*texts, *(i for i, _ in bad)), default=-1) + 1
    return Row(number, tuple(texts.get(i, "") for i in range(size)), bad=tuple(bad)), beyond


def _rows(book: Book, sheet: Sheet, part: str, limits: Limits) -> Iterator[Row]:
    from xml.etree.ElementTree import iterparse

    cells = _Cells(book)
    number = count = 0
    told = False
    open_elements: list[Any] = []
    try:
        with book.archive.open(part) as source:
            for event, element in iterparse(source, events=("start", "end")):
                if event == "start":
                    open_elements.append(element)
                    continue
                open_elements.pop()
                if len(open_elements) == 2 and element.tag == _ROW:
                    number = _row_number(element.get("r"), number)
                    count += 1
                    if number > limits.max_rows or count > limits.max_rows:
                        yield Row(number, (), (f"超过 {limits.max_rows} 行，从这一行起未读取",), lost=True)
                        return
                    width = min(sheet.width or limits.max_columns, limits.max_columns)
                    row, beyond = _cells(element, number, width, cells)
                    if beyond and not told and sheet.width is None:
                        told = True
                        row = row._replace(notes=(f"第{limits.max_columns}列以后的单元格未读取",))
                    if row.cells or row.notes or row.bad:
                        yield row
                elif element.tag == _MERGE and len(sheet.merged) < _MAX_MERGES:
                    sheet.merged.append(_merge(element.get("ref", "")))
                if 1 <= len(open_elements) <= 2:
                    open_elements[-1].clear()  # drop what is read: memory stays flat however long the sheet
    except Exception as exc:  # damaged XML surfaces only while reading; the rows before it are kept
        why = f"工作表从这里起已损坏，无法继续读取（{type(exc).__name__}: {short(str(exc))}）"
        yield Row(number + 1, (), (why,), lost=True)


def _row_number(ref: str | None, previous: int) -> int:
    return int(ref) if ref and ref.isdigit() and len(ref) < 10 else previous + 1


def _merge(ref: str) -> tuple[int, int, int, int]:
    first, _, last = ref.partition(":")
    numbers = [int("".join(c for c in part if c.isdigit())[:9] or 0) for part in (first, last or first)]
    columns = [_column(part, 0) - 1 for part in (first, last or first)]
    return numbers[0], numbers[1], columns[0], columns[1]


def xlsx_sheets(book: Book, limits: Limits) -> list[Sheet]:
    """Every worksheet of the workbook, visible ones first, each read when its rows are iterated."""
    several = len(book.parts) > 1
    sheets = []
    for title, state, part in book.parts:
        sheet = Sheet(f" 工作表“{title}”" if several else "", title, hidden=state != "visible", letters=True)
        sheet.rows = _rows(book, sheet, part, limits)
        sheets.append(sheet)
    return sorted(sheets, key=lambda sheet: sheet.hidden)

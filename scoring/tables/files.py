"""Spreadsheet files as rows of cell text: read CSV (UTF-8, UTF-8 with BOM, GB18030) and XLSX, write both.

Nothing here knows what a 绩效目标表 is: :mod:`scoring.tables.sheet` finds the header row and builds the table.
A file that cannot be read at all raises :class:`~scoring.errors.TableReadError` with a Chinese reason.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from scoring.errors import TableReadError
from scoring.tables.cells import cell_text

__all__ = ["Sheet", "read_bytes", "read_csv", "read_xlsx", "write_csv", "write_xlsx"]

#: Delimiters tried for CSV; the one that splits the first rows into the most cells wins.
_DELIMITERS = (",", "\t", ";")


@attrs.frozen
class Sheet:
    """The rows of one sheet as cell text, each with its 1-based row number; ``label`` names the sheet or is empty."""

    label: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; a missing or unreadable file raises TableReadError."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise TableReadError(shown, "文件不存在") from exc
    except IsADirectoryError as exc:
        raise TableReadError(shown, "这是一个目录，应为文件") from exc
    except OSError as exc:
        raise TableReadError(shown, f"无法打开文件（{exc.strerror or exc}）") from exc


def _decode(data: bytes, shown: str) -> str:
    """CSV text: UTF-16 when it has that byte-order mark, else UTF-8 (with or without BOM), else GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableReadError(
        shown, "文件编码既不是 UTF-8 也不是 GB18030/GBK，应为文本格式的 CSV（可在 Excel 中另存为“CSV UTF-8”）"
    )


def _split(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_csv(path: Path, shown: str) -> list[Sheet]:
    """The one sheet of a CSV file; the delimiter (comma, tab or semicolon) is chosen by how the rows split."""
    text = _decode(read_bytes(path, shown), shown)
    if "\x00" in text:
        raise TableReadError(shown, "文件含有空字节，不是文本格式的 CSV")
    try:
        candidates = [_split(text, d) for d in _DELIMITERS]
    except csv.Error as exc:
        raise TableReadError(shown, f"CSV 格式有误（{exc}）") from exc
    best = max(candidates, key=lambda rows: sum(1 for row in rows[:100] for cell in row if cell.strip()))
    rows = tuple((number, tuple(cell.strip() for cell in row)) for number, row in enumerate(best, start=1))
    return [Sheet("", rows)]


def read_xlsx(path: Path, shown: str) -> list[Sheet]:
    """Every worksheet of an XLSX workbook, values as cell text (formulas give their cached values).

    Visible sheets come first, so that a hidden sheet (a template's 说明 or 代码表) is read only when no
    visible sheet has a table; a workbook of several sheets names the sheet in every message.
    """
    import openpyxl

    read_bytes(path, shown)  # a missing file gets the same message as for CSV
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on a damaged file (zip, XML, key errors)
        raise TableReadError(shown, f"不是有效的 XLSX 工作簿（{type(exc).__name__}: {exc}）") from exc
    try:
        sheets = []
        worksheets = sorted(book.worksheets, key=lambda sheet: getattr(sheet, "sheet_state", "visible") != "visible")
        for sheet in worksheets:
            sheet.reset_dimensions()  # trust the cells, not a possibly stale <dimension>
            rows = tuple(
                (number, tuple(cell_text(cell.value, getattr(cell, "number_format", None) or "") for cell in row))
                for number, row in enumerate(sheet.iter_rows(), start=1)
            )
            label = f" 工作表“{sheet.title}”" if len(worksheets) > 1 else ""
            sheets.append(Sheet(label, rows))
        return sheets
    except Exception as exc:  # damaged sheet XML surfaces only while iterating
        raise TableReadError(shown, f"XLSX 工作表无法读取（{type(exc).__name__}: {exc}）") from exc
    finally:
        book.close()


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
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # ``=100%`` is a 指标值, not a formula
    book.save(path)


def _sheet_title(title: str) -> str:
    """A sheet title Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title)
    return cleaned[:31] or "Sheet1"

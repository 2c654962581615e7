"""CSV files read as a stream of rows, in whatever encoding and with whatever damage they come.

Lines come decoded from :mod:`scoring.tables.text_lines` (a line in another encoding is noted on its row; a cell
with bytes no encoding reads is reported). The delimiter (comma, tab or semicolon) is the one that splits the
first lines into the most cells.

Damage stays on its row: a cell over :func:`csv.field_size_limit` loses its row only; a ``"`` that is never
closed — which would swallow every later line into one cell — is found (where it opened is said) and the
following lines are read one by one instead; an over-long line, and every row past ``Limits.max_rows``, are
reported, not read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from scoring.errors import TableReadError
from scoring.tables.files import Row, Sheet
from scoring.tables.guard import Limits
from scoring.tables.text_lines import Line, text_lines

__all__ = ["csv_sheet"]

_SAMPLE = 64 << 10
_DELIMITERS = (",", "\t", ";")
#: Added after the last line: inside an unclosed quote it ends up in the last cell, otherwise it is a row alone.
_END = "\ufdd0\x00文件结束\ufdd0"
_END_LINE = Line(0, _END)
_NEUTRALISED = ("=", "+", "-", "@", "\t", "\r")


class _Feed:
    """The lines given to :func:`csv.reader`: those of the current row are kept, over-long lines counted, and
    ``_END`` follows the last line (once)."""

    def __init__(self, source: Iterator[Line | None]) -> None:
        self.source = source
        self.ended = False
        self.taken: list[Line] = []
        self.too_long = 0

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self.ended:
            raise StopIteration
        line = next(self.source, _END_LINE)
        while line is None:  # an over-long line: skipped, and said so on a row of its own
            self.too_long += 1
            line = next(self.source, _END_LINE)
        self.ended = line is _END_LINE
        self.taken.append(line)
        return line.text

    def lines(self) -> list[Line]:
        return [line for line in self.taken if line is not _END_LINE]


def _one(text: str, delimiter: str) -> list[str]:
    return next(csv.reader([text.rstrip("\r\n")], delimiter=delimiter), [])


def _cell(text: str) -> str:
    """A cell stripped; a report's ``'=100%`` (kept from running as a formula) reads as ``=100%`` again."""
    text = text.strip()
    return text[1:].strip() if text[:1] == "'" and text[1:2] in _NEUTRALISED else text


def _row(number: int, cells: list[str], lines: list[Line], notes: tuple[str, ...] = ()) -> Row:
    if len(lines) == 1 and not notes and not lines[0].note and not lines[0].replaced:
        clean = map(_cell, cells) if "'" in lines[0].text else map(str.strip, cells)
        return Row(number, tuple(clean))
    notes += tuple(f"（文件第{line.number}行）{line.note}" for line in lines if line.note)
    bad: tuple[tuple[int, str], ...] = ()
    if any(line.replaced for line in lines):
        why = "含有无法识别的字节（已显示为“\ufffd”），请核对文件编码"
        bad = tuple((i, why) for i, c in enumerate(cells) if "\ufffd" in c)
    return Row(number, tuple(map(_cell, cells)), notes, bad)


def _unclosed(number: int, lines: list[Line], delimiter: str) -> Iterator[Row]:
    """The rows of lines an unclosed quote swallowed: its own line, then each following line on its own."""
    opening, *rest = lines
    note = (
        f'文件第{opening.number}行的引号“"”没有闭合（或单元格超过 {csv.field_size_limit()} 个字符）：照常读取时其后 '
        f"{len(rest)} 行都会并入这一个单元格；已改为逐行读取第{opening.number + 1}至{rest[-1].number}行，请核对引号"
    )
    cells = _one(opening.text, delimiter)  # the unclosed cell ran to the end of the line: split what it took
    cells[-1:] = cells[-1].split(delimiter) if cells else []
    yield _row(number, cells, [opening], (note,))
    for offset, line in enumerate(rest, start=1):
        yield _row(number + offset, _one(line.text, delimiter), [line])


def _size(limit: int) -> str:
    return f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit} 字节"


def _lost(number: int, why: str) -> Row:
    return Row(number, (), (why,), lost=True)


def _records(source: Iterator[Line | None], delimiter: str, limits: Limits) -> Iterator[Row]:
    """The file's rows, numbered as a spreadsheet numbers them (a cell over several lines is one row)."""
    number = 0
    wide = told = False  # a row cut at Limits.max_columns (said once)
    feed = _Feed(source)
    reader = csv.reader(feed, delimiter=delimiter)
    while True:
        feed.taken.clear()
        error: csv.Error | None = None
        try:
            cells = next(reader)
        except StopIteration:
            cells = [_END]
        except csv.Error as exc:
            cells, error = [], exc
        if len(cells) > limits.max_columns:
            cells = cells[: limits.max_columns]
            wide, told = not told, True
        if not (feed.ended or feed.too_long or error or wide) and number < limits.max_rows:
            number += 1
            yield _row(number, cells, feed.taken)  # the usual row, read without further checks
            continue
        if wide:
            number += 1
            yield _row(number, cells, feed.taken, (f"第{limits.max_columns}列以后的单元格未读取",))
            wide = False
            continue
        for _ in range(feed.too_long):
            number += 1
            yield _lost(number, f"这一行超过 {_size(limits.max_line)}，未读取")
        feed.too_long = 0
        lines = feed.lines()
        if cells == [_END]:
            return
        open_at_end = bool(cells) and cells[-1].endswith(_END)
        if (error is not None or open_at_end) and len(lines) > 1:
            yield from _unclosed(number + 1, lines, delimiter)
            number += len(lines)
            if feed.ended:
                return
            feed = _Feed(source)
            reader = csv.reader(feed, delimiter=delimiter)
            continue
        number += 1
        if number > limits.max_rows:
            yield _lost(number, f"超过 {limits.max_rows} 行，从这一行起未读取")
            return
        if error is not None:
            limit = csv.field_size_limit()
            why = f"单元格超过 {limit} 个字符" if "field larger" in str(error) else f"CSV 格式有误（{error}）"
            yield _lost(number, f"{why}，这一行未读取")
            continue
        if open_at_end:
            cells[-1] = cells[-1].removesuffix(_END).rstrip("\r\n")
        yield _row(number, cells, lines)


def _delimiter(sample: str) -> str:
    """The delimiter that splits the sample's lines (each read on its own) into the most non-empty cells."""
    lines = sample.splitlines()[:100]

    def cells(delimiter: str) -> int:
        try:
            return sum(1 for line in lines for cell in _one(line, delimiter) if cell.strip())
        except csv.Error:
            return -1

    return max(_DELIMITERS, key=cells)


def csv_sheet(handle: BinaryIO, shown: str, limits: Limits) -> Sheet:
    """The one sheet of a CSV file, its rows read as they are iterated (the file stays open until then)."""
    sample = handle.read(_SAMPLE)
    if not sample.strip():
        raise TableReadError(shown, "文件是空的" if not sample else "文件只有空白，没有任何内容")
    lines, text_sample, hint = text_lines(handle, sample, shown, limits.max_line)
    sheet = Sheet("", hint=f"文件按 {hint} 编码读取；若它是别的编码（如 Latin-1），请在 Excel 中另存为“CSV UTF-8”")
    sheet.rows = _records(lines, _delimiter(text_sample.lstrip("\ufeff")), limits)
    return sheet

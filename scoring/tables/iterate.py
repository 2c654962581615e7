"""Every table of one file, lazily: a TOML table, each table sheet of a workbook, each project of a long sheet.

Sheets are read in order, visible ones first; hidden sheets are read only when no visible sheet holds a table
(a template's hidden 示例 sheet is not a project). A sheet without a header row is skipped — silently when it
is empty, hidden or named like 填表说明, else with a note on a table of the same file — and so is a sheet with a
header row and no rows under it. A file with no table at all raises :class:`~scoring.errors.TableReadError`.
Each table is given as soon as it is read (the next one is read when asked for), so a file of ten thousand
projects never holds more than two in memory.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Generator, Iterator
from pathlib import Path, PurePath

import attrs

from scoring.errors import TableReadError
from scoring.tables.csv_read import csv_sheet
from scoring.tables.files import Sheet
from scoring.tables.guard import DEFAULT_LIMITS, Limits, check_regular, open_regular
from scoring.tables.headers import Start, header_key, locate
from scoring.tables.long import LONG_FIELDS, long_tables
from scoring.tables.merges import apply_merges
from scoring.tables.model import Table
from scoring.tables.sheet import assemble, header_problems, start_block
from scoring.tables.toml_read import table_from_toml, toml_text
from scoring.tables.xlsx_read import open_workbook, xlsx_sheets

__all__ = ["NO_HEADER", "file_suffix", "iter_tables", "one_table", "open_sheets"]

NO_HEADER = "找不到表头行：应有一行同时含“三级指标”和“指标值”（或“年度指标值”）两列"
_SHEETS = (".csv", ".xlsx", ".xlsm")
#: Sheet names that hold no table (instructions, code lists): skipped without a note.
_AUXILIARY = ("说明", "填表", "代码", "字典", "参数", "目录", "封面", "示例", "附注", "注释", "选项", "下拉")


def file_suffix(path: Path, shown: str) -> str:
    """``.toml``, ``.csv`` or ``.xlsx``/``.xlsm``; TableReadError for any other extension."""
    suffix = path.suffix.lower()
    if suffix == ".toml" or suffix in _SHEETS:
        return suffix
    if suffix == ".xls":
        raise TableReadError(shown, "不支持旧版 Excel 的 .xls 文件，请在 Excel 中另存为 .xlsx")
    raise TableReadError(shown, f"不支持的文件类型“{path.suffix or '（无扩展名）'}”，应为 .toml、.csv 或 .xlsx")


@contextlib.contextmanager
def open_sheets(path: Path, shown: str, limits: Limits) -> Iterator[list[Sheet]]:
    """The sheets of a CSV or XLSX file (visible ones first), readable until the block ends."""
    with open_regular(path, shown) as handle:
        if path.suffix.lower() == ".csv":
            yield [csv_sheet(handle, shown, limits)]
            return
        book = open_workbook(handle, shown, limits)
        try:
            yield xlsx_sheets(book, limits)
        finally:
            book.close()


def _sheet_tables(sheet: Sheet, shown: str, limits: Limits) -> Iterator[Table | str]:
    """The tables of one sheet, or one note saying why the sheet holds none (``""``: say nothing)."""
    found = locate(sheet.rows, ("name", "target"), limits.header_rows)
    if not isinstance(found, Start):
        auxiliary = sheet.hidden or any(word in sheet.title for word in _AUXILIARY)
        yield "" if found is None or auxiliary else f"{NO_HEADER}{'；' + found if found else ''}"
        return
    if "project" in {LONG_FIELDS.get(key) for key in map(_key, found.header.cells)}:
        tables = long_tables(found, sheet, shown)
    else:
        tables = iter([one_table(found, sheet, shown)])
    empty = True
    for table in tables:
        if table.indicators:
            empty = False
            yield table
    if empty:
        yield f"只有表头行（第{found.header.number}行），下面没有任何指标行"


def _key(text: str) -> str:
    return header_key(text) if text else ""


def one_table(start: Start, sheet: Sheet, shown: str) -> Table:
    block, info = start_block(start, sheet, shown)
    for row in start.rest:
        block.read(row)
    apply_merges(block)
    return assemble(block, start, info, shown, header_problems(start, block.where, sheet))


def _with(table: Table, notes: list[str]) -> Table:
    return attrs.evolve(table, problems=(*table.problems, *notes)) if notes else table


def _named(table: Table, sheet: str) -> Table:
    """A table of a file with several tables names its sheet (``("sheet", "项目A")`` in ``Table.extras``)."""
    return attrs.evolve(table, extras=(*table.extras, ("sheet", sheet))) if sheet else table


def iter_tables(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Generator[Table, None, None]:
    """Every table in the file at ``path``, one at a time (see the module's description).

    Raises TableReadError (a Chinese reason naming the file) when the file cannot be read at all or holds no
    table; a damaged part of a readable file is a problem on its table instead. ``Table.source`` is the path as
    given; when a workbook of several sheets gives several tables, each has ``("sheet", name)`` in
    ``Table.extras``. A table is given once the next one is read (or the file ends), so that a sheet skipped
    after it can still be noted on it.
    """
    file, shown = Path(path), os.fspath(path)
    check_regular(file, shown)
    if file_suffix(file, shown) == ".toml":
        yield attrs.evolve(table_from_toml(toml_text(file, shown, limits), shown), source=shown)
        return
    name = PurePath(shown).name
    pending: tuple[Table, str] | None = None
    several = False
    notes: list[str] = []
    reasons: list[str] = []
    with open_sheets(file, shown, limits) as sheets:
        hint = sheets[0].hint if sheets else ""
        for sheet in sheets:
            if sheet.hidden and pending is not None:
                break  # hidden sheets only when no visible sheet holds a table
            for item in _sheet_tables(sheet, shown, limits):
                if isinstance(item, Table):
                    if pending is not None:
                        several = True
                        yield _named(*pending)
                    pending, notes = (_with(attrs.evolve(item, source=shown), notes), sheet.label and sheet.title), []
                elif item:
                    reasons.append(f"工作表“{sheet.title}”：{item}" if sheet.label else item)
                    note = f"{name}{sheet.label}：{item}，未读取"
                    if pending is not None:
                        pending = (_with(pending[0], [note]), pending[1])
                    else:
                        notes.append(note)
    if pending is not None:
        yield _named(*pending) if several else pending[0]
        return
    reason = "；".join(dict.fromkeys(reasons)) or NO_HEADER
    raise TableReadError(shown, f"{reason}（{hint}）" if hint and NO_HEADER in reason else reason)

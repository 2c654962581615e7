"""Reading and writing performance-target tables (绩效目标表) and year-end actuals, by file extension.

``.toml`` is the project's human-readable format (see ``indicators/README.md``); ``.csv`` (UTF-8, UTF-8 with
BOM, GB18030/GBK) and ``.xlsx`` are read as the standard forms are published: the headers in each of their
spellings (:mod:`~scoring.tables.headers`), the header block with its budget line (:mod:`~scoring.tables.block`),
split 指标性质 | 指标值 | 度量单位 columns (:mod:`~scoring.tables.split`) and the 总分 row; a mid-year monitoring
sheet (绩效运行监控表) also gives each row's figures to date and the month they run to
(:mod:`~scoring.tables.monitoring`, :mod:`~scoring.tables.months`). A file that cannot be read at all raises
:class:`~scoring.errors.TableReadError`; a bad cell is kept on its row with a Chinese problem message
(``Indicator.problems`` / ``Table.problems``), so one typo never hides the rest of the table.

:func:`iter_tables` gives every table of a file (each table sheet of a workbook, each project of a long-format
sheet with a 项目名称 column) one at a time, reading the file as a stream: memory is bounded by one table, not
the file. :class:`~scoring.tables.guard.Limits` bounds what a hostile file may cost (rows, columns, line length,
unzipped size).

>>> table = load_table("indicators/2026-昌吉州对口援疆办/援疆工作经费项目.toml")  # doctest: +SKIP
>>> table, problems = apply_actuals(table, load_actuals("…/援疆工作经费项目.实际完成值.toml"))  # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

from scoring.errors import ScoringError
from scoring.tables.actuals import Actual, Actuals, apply_actuals
from scoring.tables.actuals_read import actuals_from_sheets
from scoring.tables.files import write_csv, write_xlsx
from scoring.tables.guard import DEFAULT_LIMITS, Limits, check_regular
from scoring.tables.iterate import file_suffix, iter_tables, open_sheets
from scoring.tables.model import Table
from scoring.tables.rows import rows_from_table
from scoring.tables.toml_actuals import actuals_from_toml
from scoring.tables.toml_read import toml_text
from scoring.tables.toml_write import dump_table_toml

__all__ = [
    "Actual",
    "Actuals",
    "Limits",
    "apply_actuals",
    "dump_table_toml",
    "iter_tables",
    "load_actuals",
    "load_table",
    "write_table",
]


def load_table(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Table:
    """The first table of a ``.toml``, ``.csv`` or ``.xlsx`` file (:func:`iter_tables` gives them all).

    Raises TableReadError when the file is missing, not a regular file, undecodable, has no header row or is not
    valid TOML. ``Table.source`` is the path as given (rows name the file alone: ``援疆.csv 第5行``).
    """
    tables = iter_tables(path, limits)
    try:
        return next(tables)
    finally:
        tables.close()


def load_actuals(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Actuals:
    """Read an actuals file: TOML (``[budget]``, ``[actuals]`` / ``[[actuals]]``), CSV or XLSX.

    CSV/XLSX need the columns 三级指标 and 实际完成值; 得分 and 偏差原因 are optional, and a 全年预算数 /
    全年执行数 header above them, with a row of numbers below it, gives the budget line. A monitoring file
    (``scoring monitor --actuals``) reads the same way in a monitoring sheet's spellings (``1-7月执行情况``,
    全年预计完成情况, 1-7月计划值, 完成目标可能性, the 偏差原因 categories, a ``1-7月执行数`` budget header) or
    TOML keys (``month``, ``expected``, ``plan``, ``possibility``, ``reason_kind``); ``Actuals.month`` is the
    month it names (None when none). Raises TableReadError like :func:`load_table`, and when two headers of the
    sheet name different months.
    """
    file, shown = Path(path), os.fspath(path)
    check_regular(file, shown)
    if file_suffix(file, shown) == ".toml":
        return actuals_from_toml(toml_text(file, shown, limits), shown)
    with open_sheets(file, shown, limits) as sheets:
        return actuals_from_sheets(sheets, shown, limits)


def write_table(table: Table, path: str | os.PathLike[str]) -> None:
    """Write ``table`` as TOML, CSV (UTF-8 with BOM) or XLSX, by the extension of ``path``.

    TOML carries every field :func:`load_table` reads; CSV and XLSX carry the indicators, the header cells
    (title, year, unit, project, funds, goal, 项目负责人/部门联系人/联系电话) and the budget line, not the policy.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".toml":
        file.write_text(dump_table_toml(table), encoding="utf-8")
    elif suffix == ".csv":
        write_csv(file, rows_from_table(table))
    elif suffix == ".xlsx":
        write_xlsx(file, rows_from_table(table), title=table.project or table.title)
    else:
        raise ScoringError(f"无法写出 {os.fspath(path)}：不支持的文件类型“{file.suffix}”，应为 .toml、.csv 或 .xlsx")

"""Reading and writing performance-target tables (绩效目标表) and year-end actuals, by file extension.

``.toml`` is the project's human-readable format (see ``indicators/README.md``); ``.csv`` (UTF-8, UTF-8 with
BOM, GB18030/GBK) and ``.xlsx`` are read as the standard forms are published: the headers in each of their
spellings (:mod:`~scoring.tables.headers`), the header block with its budget line (:mod:`~scoring.tables.block`),
split 指标性质 | 指标值 | 度量单位 columns (:mod:`~scoring.tables.split`) and the 总分 row. A file that cannot be read at all raises
:class:`~scoring.errors.TableReadError`; a bad cell is kept on its row with a Chinese problem message
(``Indicator.problems`` / ``Table.problems``), so one typo never hides the rest of the table.

>>> table = load_table("indicators/2026-昌吉州对口援疆办/援疆工作经费项目.toml")  # doctest: +SKIP
>>> table, problems = apply_actuals(table, load_actuals("…/援疆工作经费项目.实际完成值.toml"))  # doctest: +SKIP
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from scoring.errors import ScoringError, TableReadError
from scoring.tables.actuals import Actual, Actuals, apply_actuals
from scoring.tables.files import Sheet, read_bytes, read_csv, read_xlsx, write_csv, write_xlsx
from scoring.tables.model import Table
from scoring.tables.rows import rows_from_table
from scoring.tables.sheet import actuals_from_sheets, table_from_sheets
from scoring.tables.toml_read import actuals_from_toml, table_from_toml
from scoring.tables.toml_write import dump_table_toml

__all__ = [
    "Actual",
    "Actuals",
    "apply_actuals",
    "dump_table_toml",
    "load_actuals",
    "load_table",
    "write_table",
]

_SHEETS = (".csv", ".xlsx", ".xlsm")


def _suffix(path: Path, shown: str) -> str:
    suffix = path.suffix.lower()
    if suffix == ".toml" or suffix in _SHEETS:
        return suffix
    if suffix == ".xls":
        raise TableReadError(shown, "不支持旧版 Excel 的 .xls 文件，请在 Excel 中另存为 .xlsx")
    raise TableReadError(shown, f"不支持的文件类型“{path.suffix or '（无扩展名）'}”，应为 .toml、.csv 或 .xlsx")


def _toml_text(path: Path, shown: str) -> str:
    try:
        return read_bytes(path, shown).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableReadError(shown, "TOML 文件应为 UTF-8 编码") from exc


def _sheets(path: Path, shown: str, suffix: str) -> list[Sheet]:
    return read_csv(path, shown) if suffix == ".csv" else read_xlsx(path, shown)


def load_table(path: str | os.PathLike[str]) -> Table:
    """Read a target table (or a 自评表 with actuals) from ``.toml``, ``.csv`` or ``.xlsx``.

    Raises TableReadError when the file is missing, undecodable, has no header row or is not valid TOML.
    ``Table.source`` is the path as given (rows name the file alone: ``援疆.csv 第5行``).
    """
    file, shown = Path(path), os.fspath(path)
    suffix = _suffix(file, shown)
    if suffix == ".toml":
        table = table_from_toml(_toml_text(file, shown), shown)
    else:
        table = table_from_sheets(_sheets(file, shown, suffix), shown)
    return attrs.evolve(table, source=shown)


def load_actuals(path: str | os.PathLike[str]) -> Actuals:
    """Read a year-end actuals file: TOML (``[budget]``, ``[actuals]`` / ``[[actuals]]``), CSV or XLSX.

    CSV/XLSX need the columns 三级指标 and 实际完成值; 得分 and 偏差原因 are optional, and a 全年预算数 /
    全年执行数 header above them, with a row of numbers below it, gives the budget line. Raises TableReadError like
    :func:`load_table`.
    """
    file, shown = Path(path), os.fspath(path)
    suffix = _suffix(file, shown)
    if suffix == ".toml":
        return actuals_from_toml(_toml_text(file, shown), shown)
    return actuals_from_sheets(_sheets(file, shown, suffix), shown)


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

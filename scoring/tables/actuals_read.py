"""Actuals from a sheet: the columns 三级指标 and 实际完成值 (得分 and 偏差原因 optional).

The first sheet with both columns is read (visible sheets first), row by row as for tables: a 全年预算数 /
全年执行数 header above them, with a row of numbers below it, gives the budget line; 总分 and 预算执行率 rows
are no entries; an unreadable cell is blank with a problem naming the file, sheet, row and column.

A monitoring file reads the same way, in the spellings of a monitoring sheet: ``三级指标 | 1-7月执行情况 |
全年预计完成情况 | 偏差原因 | 完成目标可能性`` (and 1-7月计划值, the five 偏差原因 category columns, a
``全年预算数 | 1-7月执行数`` block); the month its headers name is ``Actuals.month``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from scoring.errors import TableReadError
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.block import budget_block
from scoring.tables.cells import ERROR_VALUES, read_points
from scoring.tables.files import Sheet
from scoring.tables.guard import Limits
from scoring.tables.headers import Start, cell, locate
from scoring.tables.monitoring import monitor_cells, sheet_month
from scoring.tables.sheet import TOTAL_NAMES, first_text

__all__ = ["actuals_from_sheets"]


def actuals_from_sheets(sheets: Sequence[Sheet], shown: str, limits: Limits) -> Actuals:
    """Actuals from the first sheet with a 三级指标 and a 实际完成值 column; TableReadError when none has."""
    for sheet in sheets:
        found = locate(sheet.rows, ("name", "actual"), limits.header_rows)
        if isinstance(found, Start):
            return _read(found, sheet, shown)
    raise TableReadError(shown, "找不到表头行：应有一行同时含“三级指标”和“实际完成值”两列")


def _read(start: Start, sheet: Sheet, shown: str) -> Actuals:
    name = PurePath(shown).name
    where = f"{name}{sheet.label}"
    columns = start.columns
    sheet.width = max(columns.values()) + 1
    headers = start.headers
    fields = {index: field for field, index in columns.items()}
    line = budget_block(start.above_cells, where)
    entries: list[Actual] = []
    problems: list[str] = list(line.problems)
    for row in start.rest:
        source = f"{where} 第{row.number}行"
        problems.extend(f"{source}：{note}" for note in row.notes)
        cells = {field: cell(row.cells, columns, field) for field in columns}
        bad = [(fields.get(index), why) for index, why in row.bad]
        bad += [
            (field, f"是 Excel 错误值“{text}”（公式无法计算），不是有效的值")
            for field, text in cells.items()
            if text in ERROR_VALUES
        ]
        for field, why in bad:
            if field is not None:
                cells[field] = ""
                problems.append(f"{source}“{headers[field]}”列：{why}")
        indicator, actual = cells.get("name", ""), cells.get("actual", "")
        if not indicator:
            if actual and not {first_text(row.cells)} & TOTAL_NAMES:
                problems.append(f"{source}“{headers['name']}”列：为空，这一行的实际完成值无处可填")
            continue
        if first_text([indicator]) in TOTAL_NAMES:
            continue
        reported, problem = read_points(cells.get("points", ""), f"{source}“{headers.get('points', '得分')}”列：")
        problems.extend([problem] if problem else [])
        entries.append(
            Actual(
                indicator,
                actual or None,
                reported,
                source=source,
                expected=cells.get("expected") or None,
                plan=cells.get("plan") or None,
                **monitor_cells(cells),
            )
        )
    month = sheet_month(start, sheet, shown, line.dated)
    return Actuals(tuple(entries), budget=line.budget, source=name, problems=tuple(problems), month=month)

"""The national 项目支出绩效目标执行监控表 as an XLSX workbook, with the lights as cell colours. No arithmetic here.

Sheet 1, for columns A–O (A–P with a 1-M月计划值 column)::

    title (merged A:O)                            项目支出绩效目标执行监控表
    year and month line                           （2026年度 1-7月）
    项目名称 | project
    主管部门 | … | 实施单位 | …
    项目资金（万元） |  | 年初预算数 | 全年预算数 | 1-M月执行数 | 执行率 | 资金进度 | 资金灯 | 说明
                     | 年度资金总额 | numbers (执行率 and 资金进度 percent cells), the money light in its colour, steps
    年度总体目标 | 年初设定目标 | 1-M月实际完成情况
    绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | [1-M月计划值 |] 1-M月执行情况 | 全年预计完成情况 |
             偏差原因分析 (经费保障 | 制度保障 | 人员保障 | 硬件条件保障 | 其他: √ | 偏差原因说明: the text) |
             完成目标可能性 | 备注
             | one row per indicator; 一级/二级 merged over equal neighbours; the 1-M月执行情况 cell in the
               row's light colour; 备注: the light, the steps and what must still be explained
    监控结果: 指标灯 (coloured) | 资金灯 (coloured) | rows per light  (the reader ends the indicator block here)
    notes and the legend of the colours

The form reads back (``scoring monitor 监控表.xlsx``) to the same lights and findings: the categories are marked
``√`` in their columns and the 偏差原因 text has its own 偏差原因说明 column under 偏差原因分析 (a text in a
category column would name that category); the 监控结果 row and what follows are not indicators. When some row has
its own 1-M月计划值, a ``1-M月计划值`` column (as provincial versions have) follows 年度指标值 and every later column
moves one to the right; otherwise the national layout is kept. Not in the form: a per-table ``[policy.monitor]``
(the steps in 备注 show what it gave).

Sheet 2, 说明: each row's light and steps, the money's, and the summary of the terminal view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from scoring.engine.monitor_explain import CATEGORIES, category_of, possibility_of
from scoring.engine.monitor_results import MonitorBudget, MonitorLine, MonitorResult
from scoring.engine.monitor_rules import Light
from scoring.report.monitor_cells import LIGHT_FILLS, NOTES_TITLE, UNJUDGED, fill_of, light_text, percent_cell
from scoring.report.monitor_notes import write_monitor_notes
from scoring.report.monitor_text import MISS, line_label, summary
from scoring.report.safety import atomic_write
from scoring.report.wording import step_texts
from scoring.report.xlsx import xlsx_bytes
from scoring.tables.sheet import RESULT_ROW

__all__ = [
    "FORM_MONITOR",
    "INDICATOR_HEADERS",
    "LIGHT_FILLS",
    "NOTES_TITLE",
    "PLAN_HEADER",
    "REASON_TEXT",
    "RESULT_LABEL",
    "fill_of",
    "light_text",
    "monitor_xlsx",
    "note_of",
    "percent_cell",
    "write_monitor_xlsx",
]

FORM_MONITOR = "项目支出绩效目标执行监控表"
INDICATOR_HEADERS = ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-{m}月执行情况", "全年预计完成情况",
                     "偏差原因分析", "完成目标可能性", "备注")  # fmt: skip
#: The text column after the five categories under 偏差原因分析 (read back as the row's 偏差原因).
REASON_TEXT = "偏差原因说明"
#: The first cell of the row of the project's lights; the reader ends the indicator block there.
RESULT_LABEL = RESULT_ROW
#: The column of each row's own plan to date, written only when some row has one (provincial versions of the form).
PLAN_HEADER = "1-{m}月计划值"
_WIDTHS = (4.5, 10.0, 12.0, 24.0, 13.0, 13.0, 13.0, 6.5, 6.5, 6.5, 8.0, 6.5, 22.0, 10.0, 44.0)
_NAME, _TARGET = 4, 5


class _Columns(NamedTuple):
    """The columns from 1-M月计划值 on: with a plan column everything after 年度指标值 moves one to the right."""

    plan: int  # 0: no plan column
    actual: int
    expected: int
    reasons: int
    text: int
    possible: int
    note: int


def _columns(plan: bool) -> _Columns:
    shift = 1 if plan else 0
    return _Columns(6 if plan else 0, *(column + shift for column in (6, 7, 8, 13, 14, 15)))


def write_monitor_xlsx(result: MonitorResult, path: str | Path) -> None:
    """Write the monitoring form of ``result`` (sheet 1) and its 说明 (sheet 2) to ``path`` (atomically)."""
    atomic_write(path, monitor_xlsx(result))


def monitor_xlsx(result: MonitorResult) -> bytes:
    """The monitoring form of ``result`` as XLSX bytes (the same bytes for the same result)."""
    from openpyxl import Workbook

    book = Workbook()
    _form(book.active, result)
    write_monitor_notes(book.create_sheet(), result)
    return xlsx_bytes(book)


def note_of(line: MonitorLine) -> str:
    """The 备注 of a row: its light (预计无法完成), its steps, and what it must still explain (the 偏差原因 text
    has its own 偏差原因说明 cell)."""
    parts = [line_label(line) + (f"（{MISS}）" if line.expected_miss else "")]
    parts.extend(step_texts(line.steps))
    if line.error:
        parts.append(f"无法判断：{line.error}")
    parts.extend(f"注意：{w}" for w in line.warnings)
    parts.extend(f"待说明：{f}" for f in line.findings)
    return "；".join(parts)


def _form(sheet: Any, result: MonitorResult) -> None:
    from scoring.report.xlsx_form import write_levels
    from scoring.report.xlsx_grid import Grid

    table, month = result.table, result.month
    columns = _columns(any((line.indicator.plan or "").strip() for line in result.lines))
    grid = Grid(sheet, (*_WIDTHS[:5], *((13.0,) if columns.plan else ()), *_WIDTHS[5:]))
    last = grid.last
    sheet.title = FORM_MONITOR
    grid.put(1, 1, FORM_MONITOR, to_column=last, bold=True, size=16, align="center", border=False)
    grid.height(1, 32)
    year = f"{table.year}年度" if table.year else "    年度"
    grid.put(2, 1, f"（{year} 1-{month}月）", to_column=last, align="center", border=False)
    extras = dict(table.extras)
    grid.put(3, 1, "项目名称", to_column=2, head=True)
    grid.put(3, 3, table.project or table.title, to_column=last)
    grid.put(4, 1, "主管部门", to_column=2, head=True)
    grid.put(4, 3, extras.get("authority", ""), to_column=6)
    grid.put(4, 7, "实施单位", head=True)
    grid.put(4, 8, extras.get("implementer", "") or table.unit, to_column=last)
    _money(grid, result, 5)
    grid.put(7, 1, "年度总体目标", to_column=2, to_row=8, head=True)
    grid.put(7, 3, "年初设定目标", to_column=columns.expected, head=True)
    grid.put(7, columns.reasons, f"1-{month}月实际完成情况", to_column=last, head=True)
    grid.put(8, 3, table.goal.strip(), to_column=columns.expected)
    grid.put(8, columns.reasons, None, to_column=last)
    header, lines = 9, result.lines
    first = header + 2
    grid.put(header, 1, INDICATOR_HEADERS[0], to_row=header + 1 + len(lines), head=True)
    heads = list(zip((2, 3, 4, 5, columns.actual, columns.expected), INDICATOR_HEADERS[1:7], strict=True))
    heads += [(columns.plan, PLAN_HEADER)] if columns.plan else []
    for column, text in heads:
        grid.put(header, column, text.format(m=month), to_row=header + 1, head=True)
    grid.put(header, columns.reasons, INDICATOR_HEADERS[7], to_column=columns.text, head=True)
    for column, text in enumerate((*CATEGORIES, REASON_TEXT), start=columns.reasons):
        grid.put(header + 1, column, text, head=True)
    grid.put(header, columns.possible, INDICATOR_HEADERS[8], to_row=header + 1, head=True)
    grid.put(header, columns.note, INDICATOR_HEADERS[9], to_row=header + 1, head=True)
    write_levels(grid, table, [line.indicator for line in lines], first)
    for row, line in enumerate(lines, start=first):
        _indicator(grid, line, row, columns)
    end = _result_row(grid, result, first + len(lines))
    grid.finish((header, header + 1), end)


def _money(grid: Any, result: MonitorResult, row: int) -> None:
    """The 项目资金 block: a header row and the 年度资金总额 row with the money light in its colour."""
    month, last = result.month, grid.last
    grid.put(row, 1, "项目资金\n（万元）", to_column=2, to_row=row + 1, head=True)
    grid.put(row, 3, None, head=True)
    titles = ("年初预算数", "全年预算数", f"1-{month}月执行数", "执行率", "资金进度", "资金灯")
    spans = ((4, 4), (5, 5), (6, 6), (7, 7), (8, 9), (10, 11))
    for text, (column, to) in zip(titles, spans, strict=True):
        grid.put(row, column, text, to_column=to, head=True)
    grid.put(row, 12, "说明", to_column=last, head=True)
    table, budget = result.table, result.budget
    given = table.budget if table.budget is not None else None
    initial = given.initial if given is not None and given.initial is not None else table.funds.total
    grid.put(row + 1, 3, "年度资金总额", align="center")
    grid.put(row + 1, 4, initial, number_format="0.00", align="center")
    if budget is None:
        grid.blank(row + 1, 5, 7)
        grid.put(row + 1, 8, None, to_column=9)
        grid.put(row + 1, 10, None, to_column=11)
        grid.put(row + 1, 12, "未给出全年预算数和执行数，资金不作判断", to_column=last)
        return
    _budget_cells(grid, budget, row + 1)


def _budget_cells(grid: Any, budget: MonitorBudget, row: int) -> None:
    fill = fill_of(budget.light)
    grid.put(row, 5, budget.planned, number_format="0.00", align="center")
    grid.put(row, 6, budget.spent, number_format="0.00", align="center")
    grid.put(row, 7, percent_cell(budget.rate), number_format="0.00%", align="center")
    grid.put(row, 8, percent_cell(budget.progress), number_format="0.00%", align="center", to_column=9)
    grid.put(row, 10, light_text(budget.light), align="center", to_column=11, fill=fill, bold=True)
    words = f"无法判断：{budget.error}" if budget.error else "；".join(step_texts(budget.steps))
    words += "".join(f"；注意：{w}" for w in budget.warnings)
    grid.put(row, 12, words, to_column=grid.last)


def _indicator(grid: Any, line: MonitorLine, row: int, columns: _Columns) -> None:
    ind = line.indicator
    grid.put(row, _NAME, ind.name)
    grid.put(row, _TARGET, ind.target)
    if columns.plan:
        grid.put(row, columns.plan, (ind.plan or "").strip() or None)
    grid.put(row, columns.actual, ind.actual, fill=None if line.not_applicable else fill_of(line.light))
    grid.put(row, columns.expected, ind.expected)
    named = category_of(ind)
    for column, category in enumerate(CATEGORIES, start=columns.reasons):
        grid.put(row, column, "√" if category in named else None, align="center")
    grid.put(row, columns.text, ind.reason.strip() or None)
    grid.put(row, columns.possible, possibility_of(ind.possibility) or ind.possibility.strip(), align="center")
    grid.put(row, columns.note, note_of(line))


def _result_row(grid: Any, result: MonitorResult, row: int) -> int:
    """The project's two lights (coloured) and the legend; returns the last row written."""
    last = grid.last
    grid.put(row, 1, RESULT_LABEL, to_column=3, head=True)
    grid.put(row, 4, f"指标灯：{light_text(result.light)}", fill=fill_of(result.light), bold=True, align="center")
    money = "资金灯：" + ("未判断" if result.budget is None else light_text(result.money_light))
    money_fill = None if result.budget is None else fill_of(result.money_light)
    grid.put(row, 5, money, to_column=6, fill=money_fill, bold=True, align="center")
    grid.put(row, 7, summary(result)[0].removeprefix("小结："), to_column=last)
    notes = ["说明：“1-M月执行情况”单元格的底色为该行的监控灯；每行的判断过程见“备注”列和工作表“说明”。"]
    lacking = sum(1 for line in result.lines if line.findings)
    if lacking:
        notes.append(f"需说明而未说明偏差原因或完成目标可能性的指标 {lacking} 项（见“备注”列“待说明”）。")
    legend = [
        (f"{Light.RED.value}：进度明显滞后，须说明偏差原因和完成目标可能性。", LIGHT_FILLS[Light.RED]),
        (f"{Light.YELLOW.value}：进度滞后或{MISS}，须说明偏差原因和完成目标可能性。", LIGHT_FILLS[Light.YELLOW]),
        (f"{Light.GREEN.value}：按计划推进。", LIGHT_FILLS[Light.GREEN]),
        (f"{Light.BLUE.value}：明显超前，请核实指标值是否偏低。", LIGHT_FILLS[Light.BLUE]),
        ("灰色：无法判断，原因见“备注”列。", UNJUDGED),
    ]
    lines: list[tuple[str, str | None]] = [*((text, None) for text in notes), *legend]
    for offset, (text, fill) in enumerate(lines, start=row + 2):
        grid.put(offset, 1, text, to_column=last, fill=fill, border=False)
    return row + 1 + len(lines)

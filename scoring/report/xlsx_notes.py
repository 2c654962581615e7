"""Sheet 2 of the XLSX report, 评分说明: how every point was given, beside what the unit reported.

Rows: a title, the table's name, a header row (序号 | 三级指标 | 分值 | 计算得分 | 自评得分 | 差异 | 状态 | 标记 |
评分说明), one row per indicator, the 预算执行率 line (自评得分 = the sheet's own 预算执行率 得分), the 总分 line
(自评得分 = the sheet's own 总分), then the summary of :func:`scoring.report.text.summary` (total, grade,
completeness, audit, notes). Flagged rows have the fills of sheet 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from scoring.engine.results import FLAG_AUDIT, TableScore
from scoring.numbers import q2
from scoring.report.text import summary, title
from scoring.report.wording import explain
from scoring.report.xlsx_form import grade_text, mark_of, note_of
from scoring.report.xlsx_grid import POINTS, SIGNED, Grid, weight_format

__all__ = ["NOTES_HEADERS", "NOTES_TITLE", "notes_head", "notes_tail", "write_notes"]

NOTES_TITLE = "评分说明"
NOTES_HEADERS = ("序号", "三级指标", "分值", "计算得分", "自评得分", "差异", "状态", "标记", "评分说明")
_WIDTHS = (5.0, 26.0, 7.0, 9.0, 9.0, 8.0, 9.0, 12.0, 70.0)
_HEADER = 3
_Numbers = tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]


def write_notes(sheet: Any, result: TableScore) -> None:
    """Fill ``sheet`` with the explanations of ``result``."""
    grid = Grid(sheet, _WIDTHS)
    row = notes_head(grid, NOTES_TITLE, NOTES_TITLE, title(result), NOTES_HEADERS)
    for number, score in enumerate(result.lines, start=1):
        row += 1
        ind = score.indicator
        difference = None if score.difference is None else q2(score.difference)
        mark = mark_of(score)
        _line(grid, row, (str(number), ind.name), (ind.weight, score.points, ind.reported, difference), mark)
        _words(grid, row, score.status.value, "、".join(score.flags), explain(score) or note_of(score), mark)
    table, audit = result.table, result.audit
    budget = result.budget
    if budget is not None:
        row += 1
        reported = table.reported_budget
        differs = audit.differs(audit.budget)
        difference = None if audit.budget is None else audit.budget.difference
        status, mark = ("无法评分", "无法评分") if budget.error else ("", FLAG_AUDIT if differs else None)
        _line(grid, row, ("", "预算执行率"), (budget.weight, budget.points, reported, difference), mark)
        _words(grid, row, status, FLAG_AUDIT if differs else "", explain(budget), mark)
    row += 1
    difference = None if audit.total is None else audit.total.difference
    mark = FLAG_AUDIT if audit.differs(audit.total) else None
    _line(grid, row, ("", "总分"), (result.maximum, result.total, table.reported_total, difference), mark)
    _words(grid, row, "", mark or "", grade_text(result), mark)
    notes_tail(grid, row, summary(result), table.source)


def notes_head(grid: Grid, sheet_title: str, heading: str, subtitle: str, headers: Sequence[str]) -> int:
    """The top of a notes sheet (score and monitor alike): heading, the table's line, column titles; their row."""
    last = grid.last
    grid.sheet.title = sheet_title
    grid.put(1, 1, heading, to_column=last, bold=True, size=16, align="center", border=False)
    grid.height(1, 32)
    grid.put(2, 1, subtitle, to_column=last, align="center", border=False)
    for column, text in enumerate(headers, start=1):
        grid.put(_HEADER, column, text, head=True)
    return _HEADER


def notes_tail(grid: Grid, row: int, lines: Iterable[str], source: str) -> None:
    """The foot of a notes sheet after its last ``row``: the summary lines and the source; then printing set up."""
    last = grid.last
    end = row + 1
    for text in lines:
        end += 1
        grid.put(end, 1, text.strip(), to_column=last, border=False)
    if source:
        end += 1
        grid.put(end, 1, f"来源：{source}", to_column=last, border=False)
    grid.finish((_HEADER, _HEADER), end, freeze=f"A{_HEADER + 1}")


def _line(grid: Grid, row: int, names: tuple[str, str], numbers: _Numbers, fill: str | None) -> None:
    """序号, name, then 分值, 计算得分, 自评得分 and 差异 as numbers."""
    weight, points, reported, difference = numbers
    grid.put(row, 1, names[0], align="center", fill=fill)
    grid.put(row, 2, names[1], fill=fill)
    weight_fmt = None if weight is None else weight_format(weight)
    grid.put(row, 3, weight, number_format=weight_fmt, align="center", fill=fill)
    grid.put(row, 4, points, number_format=POINTS, align="center", fill=fill)
    grid.put(row, 5, reported, number_format=POINTS, align="center", fill=fill)
    grid.put(row, 6, difference, number_format=SIGNED, align="center", fill=fill)


def _words(grid: Grid, row: int, status: str, marks: str, explanation: str, fill: str | None) -> None:
    grid.put(row, 7, status, align="center", fill=fill)
    grid.put(row, 8, marks, align="center", fill=fill)
    grid.put(row, 9, explanation, fill=fill)

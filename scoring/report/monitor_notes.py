"""Sheet 2 of the monitoring form, 说明: each row's light, progress and steps, the money's, and the summary."""

from __future__ import annotations

from typing import Any

from scoring.engine.monitor_results import MonitorResult
from scoring.report.monitor_cells import NOTES_TITLE, fill_of, light_text, percent_cell
from scoring.report.monitor_text import MISS, line_label, summary
from scoring.report.wording import step_texts

__all__ = ["write_monitor_notes"]

_NOTES_WIDTHS = (5.0, 26.0, 8.0, 10.0, 12.0, 70.0, 40.0)
_NOTES_HEADERS = ("序号", "三级指标", "指示灯", "完成进度", "预计无法完成", "监控说明", "待说明")


def write_monitor_notes(sheet: Any, result: MonitorResult) -> None:
    """Sheet 2: each row's light, progress and steps; the money; the summary."""
    from scoring.report.xlsx_grid import Grid
    from scoring.report.xlsx_notes import notes_head, notes_tail

    grid = Grid(sheet, _NOTES_WIDTHS)
    table = result.table
    row = notes_head(
        grid, NOTES_TITLE, "监控说明", f"{table.project or table.title}  1-{result.month}月", _NOTES_HEADERS
    )
    for number, line in enumerate(result.lines, start=1):
        row += 1
        fill = None if line.not_applicable else fill_of(line.light)
        words = [*step_texts(line.steps), *([f"无法判断：{line.error}"] if line.error else [])]
        words += [f"注意：{w}" for w in line.warnings]
        miss = MISS if line.expected_miss else ""
        cells = (str(number), line.name, line_label(line), percent_cell(line.progress), miss, "；".join(words),
                 "；".join(line.findings))  # fmt: skip
        for column, value in enumerate(cells, start=1):
            grid.put(row, column, value, fill=fill, align="left" if column in (2, 6, 7) else "center",
                     number_format="0.00%")  # fmt: skip
    budget = result.budget
    if budget is not None:
        row += 1
        fill = fill_of(budget.light)
        said = f"无法判断：{budget.error}" if budget.error else "；".join(step_texts(budget.steps))
        said += "".join(f"；注意：{w}" for w in budget.warnings)
        for column, value in enumerate(
            ("", "资金", light_text(budget.light), percent_cell(budget.progress), "", said, "")
        ):
            grid.put(row, column + 1, value, fill=fill, align="left" if column in (1, 5, 6) else "center",
                     number_format="0.00%")  # fmt: skip
    notes_tail(grid, row, summary(result), table.source)

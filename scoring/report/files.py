"""Scored tables as files: the filled 自评表 as CSV (UTF-8 with BOM) and XLSX. No arithmetic here."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scoring.engine.results import TableScore
from scoring.numbers import q2, written
from scoring.report.text import summary, title
from scoring.report.wording import explain

__all__ = ["CSV_HEADER", "render_csv", "write_xlsx"]

CSV_HEADER = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "赋分规则",
    "得分",
    "状态",
    "标记",
    "自评得分",
    "差异",
    "偏差原因",
    "评分说明",
)


def _rows(result: TableScore) -> list[list[str]]:
    rows = []
    for score in result.lines:
        ind = score.indicator
        rows.append(
            [
                ind.level1,
                ind.level2,
                ind.name,
                ind.target,
                ind.actual or "",
                "" if ind.weight is None else written(ind.weight),
                ind.rule,
                "" if score.points is None else written(score.points),
                score.status.value,
                "、".join(score.flags),
                "" if ind.reported is None else written(ind.reported),
                "" if score.difference is None else written(q2(score.difference)),
                ind.reason,
                explain(score),
            ]
        )
    if result.budget is not None:
        b = result.budget
        status = "无法评分" if b.error else ""
        head = [
            "预算执行率",
            "",
            "预算执行率",
            f"全年预算数{written(b.planned)}万元",
            f"全年执行数{written(b.spent)}万元",
        ]
        points = "" if b.points is None else written(b.points)
        rows.append([*head, written(b.weight), "", points, status, "", "", "", "", explain(b)])
    maximum, total = written(result.maximum), written(result.total)
    rows.append(["总分", "", "", "", "", maximum, "", total, result.grade or "", "", "", "", "", ""])
    return rows


def render_csv(result: TableScore) -> str:
    """The filled 自评表 as CSV (UTF-8 with BOM, so that Excel opens it in Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_rows(result))
    return "\ufeff" + buffer.getvalue()


def write_xlsx(result: TableScore, path: str | Path) -> None:
    """Write the filled 自评表 a unit would submit: the input's columns plus 得分, flags and explanation."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "绩效自评表"
    sheet.append([title(result)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(CSV_HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _rows(result):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a target such as =100% is text, not a formula
    sheet.append([])
    for line in summary(result):
        sheet.append([line])
    widths = {"A": 12, "B": 14, "C": 36, "D": 16, "E": 16, "F": 8, "G": 18, "H": 8, "I": 8, "J": 12, "N": 80}
    for column, size in widths.items():
        sheet.column_dimensions[column].width = size
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(str(path))

"""Scored tables as files: the filled 自评表 as CSV (UTF-8 with BOM) and XLSX. No arithmetic here.

The XLSX writer lives in :mod:`scoring.report.xlsx`; it is re-exported here.
"""

from __future__ import annotations

import csv
import io

from scoring.engine.results import Score, TableScore
from scoring.numbers import q2, written
from scoring.report.safety import neutral
from scoring.report.wording import explain
from scoring.report.xlsx import write_xlsx

__all__ = ["CSV_HEADER", "line_cells", "render_csv", "write_xlsx"]

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


def line_cells(score: Score) -> dict[str, str]:
    """One indicator's cells as every row-per-indicator output writes them (the CSV report, the batch's 明细)."""
    ind = score.indicator
    return {
        "一级指标": ind.level1,
        "二级指标": ind.level2,
        "三级指标": ind.name,
        "指标值": ind.target,
        "实际完成值": ind.actual or "",
        "分值": "" if ind.weight is None else written(ind.weight),
        "赋分规则": ind.rule,
        "得分": "" if score.points is None else written(score.points),
        "状态": score.status.value,
        "标记": "、".join(score.flags),
        "自评得分": "" if ind.reported is None else written(ind.reported),
        "差异": "" if score.difference is None else written(q2(score.difference)),
        "偏差原因": ind.reason,
        "评分说明": explain(score),
    }


def _rows(result: TableScore) -> list[list[str]]:
    rows = []
    for score in result.lines:
        cells = line_cells(score)
        rows.append([cells[name] for name in CSV_HEADER])
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
    writer.writerows([neutral(cell) for cell in row] for row in _rows(result))
    return "\ufeff" + buffer.getvalue()

"""Render a scored table for people and for other programs: terminal, JSON, CSV, XLSX, Markdown.

No arithmetic here: every number comes from :mod:`scoring.engine` already rounded.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from scoring.check import Finding
from scoring.display import pad, width
from scoring.engine import Score, TableScore
from scoring.rounding import show

__all__ = ["FORMATS", "render", "render_findings", "write_xlsx"]

FORMATS = ("table", "json", "csv", "xlsx", "md")

_CSV_HEADER = (
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


def _title(result: TableScore) -> str:
    table = result.table
    parts = [table.project or table.title or "绩效目标表"]
    if table.project and table.title:
        parts.append(f" — {table.title}")
    if table.year:
        parts.append(f"（{table.year}年）")
    if table.unit:
        parts.append(f"  {table.unit}")
    return "".join(parts)


def _points(score: Score) -> str:
    return "—" if score.points is None else str(score.points)


def _marks(score: Score) -> str:
    marks = list(score.flags)
    if score.points is None:
        marks.append("无法评分")
    return "、".join(marks)


def _percentage(result: TableScore) -> str:
    exact = result.exact_percentage
    if result.percentage is None or exact is None:
        return ""
    if exact == result.percentage:
        return f"（得分率 {result.percentage}%）"
    return f"（得分率 {result.percentage}%；精确值 {show(exact)}%，等级按精确值评定）"


def _status(score: Score) -> str:
    others = [f for f in score.flags if f != score.status.value]
    return score.status.value + (f"（{'、'.join(others)}）" if others else "")


def _summary(result: TableScore) -> list[str]:
    lines = [
        f"合计：得分 {result.total} / 满分 {result.maximum:f}"
        + _percentage(result)
        + (f"  等级：{result.grade}" if result.grade else ""),
    ]
    if result.complete:
        lines.append("评分完整：所有指标均已评分。")
    else:
        lines.append(f"评分不完整：{len(result.incomplete)} 项无法评分，总分未计入这些项：")
        lines.extend(f"  - {name}：{reason}" for name, reason in result.incomplete)
    if result.audited:
        diffs = result.differences
        tolerance = f"{result.policy.tolerance:f}"
        if diffs:
            lines.append(f"审核：{len(diffs)} 项自评得分与计算得分相差超过 {tolerance} 分：")
            lines.extend(f"  - {s.indicator.name}：自评 {s.indicator.reported:f}，计算 {_points(s)}" for s in diffs)
        else:
            lines.append(f"审核：自评得分与计算得分一致（容差 {tolerance} 分）。")
    lines.extend(f"注意：{note}" for note in result.notes)
    return lines


def render_table(result: TableScore) -> str:
    """The Chinese terminal report: one line per indicator with its steps below, then budget, total, grade."""
    audit = result.audited
    cols = [("序号", 4, True), ("三级指标", 40, False), ("指标值", 16, False), ("实际完成值", 14, False)]
    cols += [("分值", 6, True), ("得分", 7, True)]
    if audit:
        cols += [("自评", 7, True), ("差异", 7, True)]
    cols += [("状态", 8, False), ("标记", 16, False)]
    out = [_title(result), ""]
    out.append("  ".join(pad(name, w, right) for name, w, right in cols).rstrip())
    out.append("-" * (sum(w for _, w, _ in cols) + 2 * (len(cols) - 1)))
    for number, score in enumerate(result.lines, 1):
        ind = score.indicator
        cells = [
            str(number),
            ind.name,
            _one_line(ind.target),
            _one_line(ind.actual or "（未填）"),
            "—" if ind.weight is None else f"{ind.weight:f}",
            _points(score),
        ]
        if audit:
            cells += [
                "" if ind.reported is None else f"{ind.reported:f}",
                "" if score.difference is None else f"{score.difference:+.2f}",
            ]
        cells += [score.status.value, _marks(score)]
        out.append("  ".join(pad(cell, w, right) for cell, (_, w, right) in zip(cells, cols, strict=True)).rstrip())
        out.append(f"      {score.explanation}")
    if result.budget is not None:
        b = result.budget
        rate = "—" if b.rate is None else f"{b.to_dict()['rate']}%"
        points = "—" if b.points is None else str(b.points)
        out.append("")
        out.append(
            f"预算执行率：全年预算数 {b.planned:f}万元，全年执行数 {b.spent:f}万元，执行率 {rate}，"
            f"分值 {b.weight:f}，得分 {points}"
        )
        out.append(f"      {b.to_dict()['explanation']}")
    out.append("")
    out.extend(_summary(result))
    return "\n".join(out) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render_json(result: TableScore) -> str:
    """The JSON document of ``scoring score --json``."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"


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
                "" if ind.weight is None else f"{ind.weight:f}",
                ind.rule,
                "" if score.points is None else str(score.points),
                score.status.value,
                "、".join(score.flags),
                "" if ind.reported is None else f"{ind.reported:f}",
                "" if score.difference is None else f"{score.difference:.2f}",
                ind.reason,
                score.explanation,
            ]
        )
    if result.budget is not None:
        b = result.budget
        d = b.to_dict()
        status = "无法评分" if b.error else ""
        head = ["预算执行率", "", "预算执行率", f"全年预算数{b.planned:f}万元", f"全年执行数{b.spent:f}万元"]
        rows.append([*head, f"{b.weight:f}", "", d["points"] or "", status, "", "", "", "", d["explanation"]])
    total = f"{result.total}"
    rows.append(["总分", "", "", "", "", f"{result.maximum:f}", "", total, result.grade or "", "", "", "", "", ""])
    return rows


def render_csv(result: TableScore) -> str:
    """The filled 自评表 as CSV (UTF-8 with BOM, so that Excel opens it in Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_HEADER)
    writer.writerows(_rows(result))
    return "\ufeff" + buffer.getvalue()


def render_markdown(result: TableScore) -> str:
    """A Markdown report (for issues, mail and wikis)."""

    def cell(text: str) -> str:
        return _one_line(text).replace("|", "\\|")

    out = [f"## {_title(result)}", ""]
    out.append("| 序号 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 状态 | 评分说明 |")
    out.append("| ---: | --- | --- | --- | ---: | ---: | --- | --- |")
    for number, score in enumerate(result.lines, 1):
        ind = score.indicator
        weight = "—" if ind.weight is None else f"{ind.weight:f}"
        out.append(
            f"| {number} | {cell(ind.name)} | {cell(ind.target)} | {cell(ind.actual or '（未填）')} | {weight} "
            f"| {_points(score)} | {_status(score)} "
            f"| {cell(score.explanation)} |"
        )
    if result.budget is not None:
        b = result.budget
        out.append(
            f"| | 预算执行率 | {b.planned:f}万元 | {b.spent:f}万元 | {b.weight:f} "
            f"| {'—' if b.points is None else b.points} | | {cell(b.to_dict()['explanation'])} |"
        )
    out.append("")
    out.extend(line if line.startswith("  - ") else f"- {line}" for line in _summary(result))
    return "\n".join(out) + "\n"


def write_xlsx(result: TableScore, path: str | Path) -> None:
    """Write the filled 自评表 a unit would submit: the input's columns plus 得分, flags and explanation."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "绩效自评表"
    sheet.append([_title(result)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(list(_CSV_HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in _rows(result):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a target such as =100% is text, not a formula
    sheet.append([])
    for line in _summary(result):
        sheet.append([line])
    widths = {"A": 12, "B": 14, "C": 36, "D": 16, "E": 16, "F": 8, "G": 18, "H": 8, "I": 8, "J": 12, "N": 80}
    for column, size in widths.items():
        sheet.column_dimensions[column].width = size
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(str(path))


def render(result: TableScore, fmt: str) -> str:
    """The report in a text format (``table``, ``json``, ``csv``, ``md``)."""
    renderers = {"table": render_table, "json": render_json, "csv": render_csv, "md": render_markdown}
    return renderers[fmt](result)


def render_findings(title: str, findings: tuple[Finding, ...], as_json: bool = False) -> str:
    """The report of ``scoring check``."""
    if as_json:
        return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    out = [title]
    if not findings:
        out.append("检查通过：未发现问题。")
    severity_w = max((width(f.severity) for f in findings), default=4)
    for f in findings:
        where = f"【{f.where}】" if f.where else ""
        out.append(f"{pad(f.severity, severity_w)}  {where}{f.message}")
    errors = sum(1 for f in findings if f.is_error)
    warnings = sum(1 for f in findings if f.severity == "警告")
    out.append(f"共 {errors} 个错误，{warnings} 个警告。")
    return "\n".join(out) + "\n"

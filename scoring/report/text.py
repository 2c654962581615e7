"""Scored tables for people: the Chinese terminal report and Markdown. No arithmetic here."""

from __future__ import annotations

from scoring.display import pad
from scoring.engine.results import Audit, Comparison, Score, Status, TableScore
from scoring.numbers import HUNDRED, q2, show, signed, written
from scoring.report.wording import explain
from scoring.tables.model import Table

__all__ = ["render_markdown", "render_table", "summary", "title"]


def title(result: TableScore) -> str:
    return heading(result.table, "绩效目标表")


def heading(table: Table, fallback: str, with_title: bool = True) -> str:
    """A table's heading: its project (or title, or ``fallback``), its title beside a project, its year unless the
    name already says it (``…自评表（2026年度）``), and its unit."""
    name = table.project or table.title or fallback
    parts = [name]
    if with_title and table.project and table.title:
        parts.append(f" — {table.title}")
    if table.year and str(table.year) not in "".join(parts):
        parts.append(f"（{table.year}年）")
    if table.unit:
        parts.append(f"  {table.unit}")
    return "".join(parts)


def _points(score: Score) -> str:
    return "—" if score.points is None else written(score.points)


def _reported(score: Score) -> str:
    return "" if score.indicator.reported is None else written(score.indicator.reported)


def _marks(score: Score) -> str:
    marks = [flag.value for flag in score.flags]
    if score.status is Status.ERROR:
        marks.append("无法评分")
    elif score.status is Status.REFERENCE:
        marks.append("参考行，不计分")
    elif score.status is Status.NOT_APPLICABLE:
        marks.append("不适用，不计入满分")
    return "、".join(marks)


def _percentage(result: TableScore) -> str:
    exact = result.exact_percentage
    if result.percentage is None or exact is None:
        return ""
    if not result.complete:
        return f"（得分率至少 {written(result.percentage)}%）"
    if exact == result.percentage:
        return f"（得分率 {written(result.percentage)}%）"
    return f"（得分率 {written(result.percentage)}%；精确值 {show(exact)}%，等级按精确值评定）"


def _status(score: Score) -> str:
    others = [f for f in score.flags if f != score.status.value]
    return score.status.value + (f"（{'、'.join(others)}）" if others else "")


def _where(score: Score) -> str:
    """Where a row is, for a message about it: ``（自评表.xlsx 第13行）``."""
    return f"（{score.indicator.source}）" if score.indicator.source else ""


def _grade(result: TableScore) -> str:
    if result.grade:
        return f"  等级：{result.grade}"
    return "  等级：不评定（评分不完整）" if not result.complete else ""


def _comparison(label: str, comparison: Comparison | None, audit: Audit) -> list[str]:
    if comparison is None:
        return []
    mark = "，相差超过容差" if audit.differs(comparison) else ""
    return [
        f"  {label}：自评 {written(comparison.reported)}，计算 {written(comparison.computed)}，"
        f"差 {signed(comparison.difference)}{mark}"
    ]


def _audit(result: TableScore) -> list[str]:
    audit = result.audit
    tolerance = written(audit.tolerance)
    lines = []
    if audit.differences:
        lines.append(f"审核：{audit.differences} 项自评得分与计算得分相差超过 {tolerance} 分：")
        lines.extend(f"  - {s.indicator.name}：自评 {_reported(s)}，计算 {_points(s)}" for s in audit.rows)
    else:
        lines.append(f"审核：自评得分与计算得分一致（容差 {tolerance} 分）。")
    total = _comparison("总分", audit.total, audit)
    if total and not result.complete:
        total[0] += "（计算总分为下限：有指标无法评分）"
    return lines + total + _comparison("预算执行率得分", audit.budget, audit)


def summary(result: TableScore) -> list[str]:
    total = f"≥ {written(result.total)}" if not result.complete else written(result.total)
    lines = [f"合计：得分 {total} / 满分 {written(result.maximum)}" + _percentage(result) + _grade(result)]
    if result.complete:
        lines.append("评分完整：所有指标均已评分。")
    else:
        lines.append(f"评分不完整：{len(result.incomplete)} 项无法评分，总分未计入这些项，为下限，不评定等级：")
        lines.extend(f"  - {s.indicator.name}{_where(s)}：{s.error}" for s in result.unscored)
        if result.budget is not None and result.budget.error:
            lines.append(f"  - 预算执行率：{result.budget.error}")
    if result.references:
        names = "、".join(s.indicator.name for s in result.references)
        lines.append(f"参考行（未设分值，不计分）：{names}")
    if result.audited:
        lines += _audit(result)
    lines.extend(f"{f.severity}：{f.message}" for f in result.findings)
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
    out = [title(result), ""]
    out.append("  ".join(pad(name, w, right) for name, w, right in cols).rstrip())
    out.append("-" * (sum(w for _, w, _ in cols) + 2 * (len(cols) - 1)))
    for number, score in enumerate(result.lines, 1):
        ind = score.indicator
        cells = [
            str(number),
            ind.name,
            _flat(ind.target),
            _flat(ind.actual or "（未填）"),
            "—" if ind.weight is None else written(ind.weight),
            _points(score),
        ]
        if audit:
            cells += [
                _reported(score),
                "" if score.difference is None else signed(score.difference),
            ]
        cells += [score.status.value, _marks(score)]
        out.append("  ".join(pad(cell, w, right) for cell, (_, w, right) in zip(cells, cols, strict=True)).rstrip())
        if score.status is not Status.REFERENCE:
            out.append(f"      {explain(score)}")
    if result.budget is not None:
        b = result.budget
        rate = "—" if b.rate is None else f"{written(q2(b.rate * HUNDRED))}%"
        points = "—" if b.points is None else written(b.points)
        out.append("")
        out.append(
            f"预算执行率：全年预算数 {written(b.planned)}万元，全年执行数 {written(b.spent)}万元，执行率 {rate}，"
            f"分值 {written(b.weight)}，得分 {points}"
        )
        out.append(f"      {explain(b)}")
    out.append("")
    out.extend(summary(result))
    return "\n".join(out) + "\n"


def render_markdown(result: TableScore) -> str:
    """A Markdown report (for issues, mail and wikis)."""

    def cell(text: str) -> str:
        return _flat(text).replace("|", "\\|")

    out = [f"## {title(result)}", ""]
    out.append("| 序号 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 状态 | 评分说明 |")
    out.append("| ---: | --- | --- | --- | ---: | ---: | --- | --- |")
    for number, score in enumerate(result.lines, 1):
        ind = score.indicator
        weight = "—" if ind.weight is None else written(ind.weight)
        out.append(
            f"| {number} | {cell(ind.name)} | {cell(ind.target)} | {cell(ind.actual or '（未填）')} | {weight} "
            f"| {_points(score)} | {_status(score)} "
            f"| {cell(explain(score))} |"
        )
    if result.budget is not None:
        b = result.budget
        out.append(
            f"| | 预算执行率 | {written(b.planned)}万元 | {written(b.spent)}万元 | {written(b.weight)} "
            f"| {'—' if b.points is None else b.points} | | {cell(explain(b))} |"
        )
    out.append("")
    out.extend(line if line.startswith("  - ") else f"- {line}" for line in summary(result))
    return "\n".join(out) + "\n"


def _flat(text: str) -> str:
    return " ".join(text.split())

"""Monitoring results for people: the Chinese terminal view and Markdown. No arithmetic here.

The plain view writes each light as a bracketed mark (``[红灯]``), readable in a file, a pipe or a mail;
:func:`coloured` turns the same text into rich text for a terminal, each mark a coloured badge of the same width
(`` 红灯 `` on red), so columns stay aligned either way.
"""

from __future__ import annotations

import re
from typing import Any

from scoring.display import pad
from scoring.engine.monitor_explain import category_of
from scoring.engine.monitor_results import NOT_APPLICABLE, MonitorBudget, MonitorLine, MonitorResult
from scoring.engine.monitor_rules import Light
from scoring.numbers import percent, written
from scoring.report.monitor_json import plan_of
from scoring.report.text import heading
from scoring.report.wording import step_texts

__all__ = ["MISS", "coloured", "header", "line_label", "mark", "render_monitor", "render_monitor_markdown", "summary"]

MISS = "预计无法完成"
_STYLES = {"红": "red", "黄": "yellow", "绿": "green", "蓝": "blue"}
_BADGE = {
    "红": "bold white on red",
    "黄": "bold black on yellow",
    "绿": "bold white on green",
    "蓝": "bold white on blue",
}
_MARKED = re.compile(r"\[([红黄绿蓝])灯\]")
_WORD = re.compile(r"(?<!\[)([红黄绿蓝])灯")


def mark(light: Light | None) -> str:
    """A light as a plain mark (``[黄灯]``); ``—`` when there is none."""
    return f"[{light.value}]" if light is not None else "—"


def line_label(line: MonitorLine) -> str:
    """A row's light in words: its light, 不适用 (its rule leaves it out) or 无法判断."""
    if line.light is not None:
        return line.light.value
    return NOT_APPLICABLE if line.not_applicable else "无法判断"


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _title(result: MonitorResult) -> str:
    return heading(result.table, "项目支出绩效目标执行监控表", with_title=False) + f"  1-{result.month}月执行情况监控"


def header(result: MonitorResult) -> list[str]:
    """The title and the two lights side by side."""
    money = mark(result.money_light) if result.budget is not None else "—（未给出预算数）"
    return [_title(result), f"指标灯：{mark(result.light)}  资金灯：{money}"]


def _progress(line: MonitorLine) -> str:
    return "—" if line.progress is None else percent(line.progress)


def _marks(line: MonitorLine) -> str:
    marks = [MISS] if line.expected_miss else []
    if line.not_applicable:
        marks.append(NOT_APPLICABLE)
    if line.findings:
        marks.append("待说明")
    if line.error:
        marks.append("无法判断")
    return "、".join(marks)


def _explained(line: MonitorLine) -> str:
    """What the row says of itself: its 偏差原因 (categories and text) and 完成目标可能性, or ""."""
    ind = line.indicator
    parts = []
    reason = _flat(ind.reason)
    kinds = "、".join(k for k in category_of(ind) if k not in reason)
    if kinds or reason:
        parts.append("偏差原因：" + "——".join(p for p in (kinds, reason) if p))
    if ind.possibility.strip():
        parts.append(f"完成目标可能性：{_flat(ind.possibility)}")
    return "；".join(parts)


def _details(line: MonitorLine) -> list[str]:
    """The lines under a row: its steps, warnings, what it says, what it must still explain, or why no light."""
    out = []
    steps = "；".join(step_texts(line.steps))
    if steps:
        out.append(steps)
    if line.error:
        out.append(f"无法判断：{line.error}")
    out.extend(f"注意：{w}" for w in line.warnings)
    said = _explained(line)
    if said:
        out.append(said)
    out.extend(f"待说明：{f}" for f in line.findings)
    return out


def _money(budget: MonitorBudget, month: int) -> list[str]:
    rate = "—" if budget.rate is None else percent(budget.rate)
    progress = "—" if budget.progress is None else percent(budget.progress)
    out = [
        f"资金：全年预算数 {written(budget.planned)}万元，1-{month}月执行数 {written(budget.spent)}万元，"
        f"执行率 {rate}，资金进度 {progress}，资金灯 {mark(budget.light)}"
    ]
    if budget.error:
        out.append(f"      无法判断：{budget.error}")
    elif budget.steps:
        out.append("      " + "；".join(step_texts(budget.steps)))
    out.extend(f"      注意：{w}" for w in budget.warnings)
    return out


def summary(result: MonitorResult) -> list[str]:
    """Rows per light, rows marked 预计无法完成, rows that must be explained and lack it, rows not judged."""
    lights = [line.light for line in result.lines]
    counts = "，".join(f"{light.value} {lights.count(light)} 项" for light in Light)
    left_out = len(result.not_applicable)
    counts += f"；{NOT_APPLICABLE} {left_out} 项" if left_out else ""
    out = [f"小结：{counts}；无法判断 {len(result.unjudged)} 项；{MISS} {len(result.expected_misses)} 项"]
    lacking = [line for line in result.lines if line.findings]
    if lacking:
        out.append(f"需说明而未说明的指标 {len(lacking)} 项：")
        out.extend(f"  - {line.name}：{'；'.join(line.findings)}" for line in lacking)
    else:
        out.append("需说明的指标均已说明偏差原因和完成目标可能性。")
    if result.unjudged:
        out.append(f"无法判断的指标 {len(result.unjudged)} 项：")
        out.extend(f"  - {line.name}{_where(line)}：{line.error}" for line in result.unjudged)
    if result.budget is not None and result.budget.error:
        out.append(f"资金无法判断：{result.budget.error}")
    out.extend(f"注意：{note}" for note in result.notes)
    return out


def _where(line: MonitorLine) -> str:
    return f"（{line.indicator.source}）" if line.indicator.source else ""


def render_monitor(result: MonitorResult) -> str:
    """The Chinese terminal view: the two lights, one line per row with its steps below, the money, the summary."""
    month = result.month
    cols = [("序号", 4, True), ("三级指标", 30, False), ("指标值", 16, False), (f"1-{month}月执行情况", 14, False)]
    cols += [("计划进度", 12, True), ("完成进度", 9, True), ("指示灯", 6, False), ("标记", 20, False)]
    out = [*header(result), ""]
    out.append("  ".join(pad(name, w, right) for name, w, right in cols).rstrip())
    out.append("-" * (sum(w for _, w, _ in cols) + 2 * (len(cols) - 1)))
    for number, line in enumerate(result.lines, 1):
        ind = line.indicator
        cells = [str(number), ind.name, _flat(ind.target), _flat(ind.actual) or "（未填）", plan_of(line) or "—"]
        cells += [_progress(line), mark(line.light), _marks(line)]
        out.append("  ".join(pad(cell, w, right) for cell, (_, w, right) in zip(cells, cols, strict=True)).rstrip())
        out.extend(f"      {text}" for text in _details(line))
    if result.budget is not None:
        out.append("")
        out.extend(_money(result.budget, month))
    out.append("")
    out.extend(summary(result))
    return "\n".join(out) + "\n"


def render_monitor_markdown(result: MonitorResult) -> str:
    """A Markdown report (for issues, mail and wikis)."""

    def cell(text: str | None) -> str:
        return _flat(text).replace("|", "\\|")

    month = result.month
    out = [f"## {_title(result)}", "", f"指标灯：{mark(result.light)}　资金灯：{mark(result.money_light)}", ""]
    out.append(f"| 序号 | 三级指标 | 指标值 | 1-{month}月执行情况 | 计划进度 | 完成进度 | 指示灯 | 标记 | 说明 |")
    out.append("| ---: | --- | --- | --- | ---: | ---: | --- | --- | --- |")
    for number, line in enumerate(result.lines, 1):
        ind = line.indicator
        out.append(
            f"| {number} | {cell(ind.name)} | {cell(ind.target)} | {cell(ind.actual) or '（未填）'} "
            f"| {cell(plan_of(line)) or '—'} | {_progress(line)} | {mark(line.light)} | {_marks(line)} "
            f"| {cell('；'.join(_details(line)))} |"
        )
    if result.budget is not None:
        out += ["", *(f"- {text.strip()}" for text in _money(result.budget, month))]
    out.append("")
    out.extend(text if text.startswith("  - ") else f"- {text}" for text in summary(result))
    return "\n".join(out) + "\n"


def coloured(text: str) -> Any:
    """The plain view as rich text: each ``[黄灯]`` a coloured badge of the same width, each light word in colour."""
    from rich.text import Text

    rich = Text()
    position = 0
    for found in _MARKED.finditer(text):
        _words(rich, text[position : found.start()])
        rich.append(f" {found.group(1)}灯 ", style=_BADGE[found.group(1)])
        position = found.end()
    _words(rich, text[position:])
    return rich


def _words(rich: Any, text: str) -> None:
    """Append ``text`` with every light word (``黄灯（60.00% ≤ …）``) in its colour."""
    position = 0
    for found in _WORD.finditer(text):
        rich.append(text[position : found.start()])
        rich.append(found.group(0), style=f"bold {_STYLES[found.group(1)]}")
        position = found.end()
    rich.append(text[position:])

"""Sheet 1 of the XLSX report: the standard 项目支出绩效自评表 (部门整体支出绩效自评表 for department tables).

Rows, for columns A–K (J 赋分规则 only when some row has a rule; the last column is 备注)::

    title (merged A:last)                         项目支出绩效自评表
    year line                                     （2026年度）
    项目名称 | project                            (部门（单位）名称 | unit for department tables)
    主管部门 | … | 实施单位 | …
    项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
                     | 年度资金总额 | numbers (执行率 a percent cell)
                     | 其中：财政拨款, 其他资金 (年初预算数 only, when the table gives them)
    年度总体目标 | 预期目标 | 实际完成情况
                 | goal text | (blank)
    绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 赋分规则 | 备注
             | one row per indicator; 一级/二级 merged over equal neighbours; 绩效指标 merged down the block
    总分 (A:F) | maximum | total | grade
    notes and the legend of the fills (merged A:last, each line in its colour)

No arithmetic here: differences of the 总分 and 预算执行率 得分 come from ``result.audit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scoring.engine.results import FLAG_AUDIT, FLAG_OVER, FLAG_SHORT, Score, Status, TableScore
from scoring.numbers import HUNDRED, plain, signed, written
from scoring.report.xlsx_grid import MONEY, PERCENT, POINTS, Grid, weight_format
from scoring.tables.model import Indicator, Table

__all__ = [
    "BUDGET_HEADERS",
    "FORM_DEPARTMENT",
    "FORM_PROJECT",
    "INDICATOR_HEADERS",
    "grade_text",
    "mark_of",
    "note_of",
    "write_form",
    "write_levels",
]

FORM_PROJECT = "项目支出绩效自评表"
FORM_DEPARTMENT = "部门整体支出绩效自评表"
BUDGET_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
INDICATOR_HEADERS = (
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
)
_WIDTHS = (4.5, 10.0, 14.0, 26.0, 14.0, 14.0, 7.0, 8.0, 24.0)
_RULE_WIDTH, _NOTE_WIDTH = 14.0, 24.0
_NAME, _TARGET, _ACTUAL, _WEIGHT, _POINTS, _REASON = 4, 5, 6, 7, 8, 9
_UNSCORED = "无法评分"


def mark_of(score: Score) -> str | None:
    """The mark a row is highlighted by: 无法评分, 自评差异, 未达标 or 超额 (first that applies), or None."""
    if score.status is Status.ERROR:
        return _UNSCORED
    for flag in (FLAG_AUDIT, FLAG_SHORT, FLAG_OVER):
        if flag in score.flags:
            return flag
    return {Status.SHORT: FLAG_SHORT, Status.OVER: FLAG_OVER}.get(score.status)


def grade_text(result: TableScore) -> str:
    """The grade, or why there is none (an incomplete table is not graded, A9)."""
    if result.grade:
        return f"等级：{result.grade}"
    return result.grade_note or "未评定等级"


def note_of(score: Score) -> str:
    """The 备注 of a row: why it was not scored, or its marks (with the self-reported points when they differ)."""
    if score.status is Status.REFERENCE:
        return "参考行（未设分值），不计分"
    if score.status is Status.NOT_APPLICABLE:
        return "不适用：不考核该指标，不计入总分和满分"
    if score.points is None:
        return f"{_UNSCORED}：{score.error}" if score.error else "不计分"
    parts = [flag.value for flag in score.flags if flag != FLAG_AUDIT]
    reported = score.indicator.reported
    if FLAG_AUDIT in score.flags and reported is not None and score.difference is not None:
        parts.append(f"{FLAG_AUDIT}：自评得分{written(reported)}，差异{signed(score.difference)}")
    return "；".join(parts)


def _runs(values: Sequence[object]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal neighbours."""
    runs: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            runs.append((start, index - 1))
            start = index
    return runs


def write_form(sheet: Any, result: TableScore) -> None:
    """Fill ``sheet`` with the 自评表 of ``result`` (see the module docstring for the rows)."""
    table = result.table
    department = table.kind == "department"
    rules = any(score.indicator.rule for score in result.lines)
    grid = Grid(sheet, (*_WIDTHS, *((_RULE_WIDTH,) if rules else ()), _NOTE_WIDTH))
    last = grid.last
    sheet.title = FORM_DEPARTMENT if department else FORM_PROJECT
    grid.put(1, 1, sheet.title, to_column=last, bold=True, size=16, align="center", border=False)
    grid.height(1, 32)
    grid.put(
        2, 1, f"（{table.year}年度）" if table.year else "（    年度）", to_column=last, align="center", border=False
    )
    extras = dict(table.extras)
    grid.put(3, 1, "部门（单位）名称" if department else "项目名称", to_column=2, head=True)
    grid.put(3, 3, table.unit if department else table.project, to_column=last)
    grid.put(4, 1, "主管部门", to_column=2, head=True)
    grid.put(4, 3, extras.get("authority", ""), to_column=5)
    grid.put(4, 6, "实施单位", head=True)
    grid.put(4, 7, extras.get("implementer", ""), to_column=last)
    row = _funds(grid, result, 5, "部门整体支出\n（万元）" if department else "项目资金\n（万元）")
    grid.put(row, 1, "年度总体目标", to_column=2, to_row=row + 1, head=True)
    grid.put(row, 3, "预期目标", to_column=_ACTUAL, head=True)
    grid.put(row, _WEIGHT, "实际完成情况", to_column=last, head=True)
    grid.put(row + 1, 3, table.goal.strip(), to_column=_ACTUAL)
    grid.put(row + 1, _WEIGHT, None, to_column=last)
    header = row + 2
    lines = result.lines
    grid.put(header, 1, INDICATOR_HEADERS[0], to_row=header + len(lines), head=True)
    titles = (*INDICATOR_HEADERS[1:], *(("赋分规则",) if rules else ()), "备注")
    for column, text in enumerate(titles, start=2):
        grid.put(header, column, text, head=True)
    write_levels(grid, table, [score.indicator for score in lines], header + 1)
    for number, score in enumerate(lines, start=header + 1):
        _indicator(grid, score, number, rules)
    total = header + len(lines) + 1
    audit = result.audit
    fill = FLAG_AUDIT if audit.differs(audit.total) else None
    grid.put(total, 1, "总分", to_column=_ACTUAL, bold=True, align="center", fill=fill)
    grid.put(total, _WEIGHT, result.maximum, number_format=weight_format(result.maximum), align="center", fill=fill)
    grid.put(total, _POINTS, result.total, number_format=POINTS, bold=True, align="center", fill=fill)
    grade = grade_text(result)
    if fill and audit.total is not None:
        grade += f"；原表总分{written(audit.total.reported)}，差异{signed(audit.total.difference)}"
    grid.put(total, _REASON, grade, to_column=last, fill=fill)
    end = _legend(grid, result, total + 2)
    grid.finish((header, header), end)


def _funds(grid: Grid, result: TableScore, row: int, label: str) -> int:
    """The 项目资金 block from ``row``: sub-header, 年度资金总额, then 其中 rows; returns the next free row."""
    table, budget, last = result.table, result.budget, grid.last
    funds = table.funds
    parts = [("其中：财政拨款", funds.fiscal), ("其他资金", funds.other)]
    parts = [(name, value) for name, value in parts if value is not None]
    grid.put(row, 1, label, to_column=2, to_row=row + 1 + len(parts), head=True)
    grid.put(row, 3, None, head=True)
    for column, text in enumerate(BUDGET_HEADERS, start=4):
        grid.put(row, column, text, head=True, to_column=last if column == 9 else None)
    initial = table.budget.initial if table.budget is not None and table.budget.initial is not None else funds.total
    audit = result.audit.differs(result.audit.budget)
    fill = FLAG_AUDIT if audit else (_UNSCORED if budget is not None and budget.error else None)
    grid.put(row + 1, 3, "年度资金总额", align="center", fill=fill)
    grid.put(row + 1, 4, initial, number_format=MONEY, align="center", fill=fill)
    if budget is None:
        grid.blank(row + 1, 5, 8, fill=fill)
        grid.put(row + 1, 9, None, to_column=last, fill=fill)
    else:
        grid.put(row + 1, 5, budget.planned, number_format=MONEY, align="center", fill=fill)
        grid.put(row + 1, 6, budget.spent, number_format=MONEY, align="center", fill=fill)
        grid.put(row + 1, 7, budget.weight, number_format=weight_format(budget.weight), align="center", fill=fill)
        grid.put(row + 1, 8, budget.rate, number_format=PERCENT, align="center", fill=fill)
        grid.put(row + 1, 9, budget.points, number_format=POINTS, align="center", to_column=last, fill=fill)
    for offset, (name, value) in enumerate(parts, start=row + 2):
        grid.put(offset, 3, name, align="center")
        grid.put(offset, 4, value, number_format=MONEY, align="center")
        grid.blank(offset, 5, 8)
        grid.put(offset, 9, None, to_column=last)
    return row + 2 + len(parts)


def write_levels(grid: Grid, table: Table, lines: Sequence[Indicator], first: int) -> None:
    """一级 (column B) and 二级 (column C) cells of ``lines`` from row ``first``, merged over runs of equal values
    (二级 runs never cross a 一级 boundary); a 一级 with a weight in the table shows it (``产出指标（50分）``)."""
    weights = dict(table.level1_weights)
    level1 = [ind.level1 for ind in lines]
    level2 = [(start, ind.level2) for start, end in _runs(level1) for ind in lines[start : end + 1]]
    for column, values in ((2, level1), (3, level2)):
        for start, end in _runs(values):
            text = lines[start].level1 if column == 2 else lines[start].level2
            if column == 2 and text in weights:
                text = f"{text}（{plain(weights[text])}分）"
            if text:
                grid.put(first + start, column, text, to_row=first + end, align="center")
            else:
                for index in range(start, end + 1):
                    grid.put(first + index, column, None)


def _indicator(grid: Grid, score: Score, row: int, rules: bool) -> None:
    ind = score.indicator
    fill = mark_of(score)
    grid.put(row, _NAME, ind.name, fill=fill)
    grid.put(row, _TARGET, ind.target, fill=fill)
    grid.put(row, _ACTUAL, ind.actual, fill=fill)
    weight_fmt = None if ind.weight is None else weight_format(ind.weight)
    grid.put(row, _WEIGHT, ind.weight, number_format=weight_fmt, align="center", fill=fill)
    grid.put(row, _POINTS, score.points, number_format=POINTS, align="center", fill=fill)
    grid.put(row, _REASON, ind.reason, fill=fill)
    if rules:
        grid.put(row, _REASON + 1, ind.rule, fill=fill)
    grid.put(row, grid.last, note_of(score), fill=fill)


def _legend(grid: Grid, result: TableScore, row: int) -> int:
    """Notes and the meaning of each fill below the table; returns the last row written."""
    policy = result.policy
    lines: list[tuple[str, str | None]] = [
        ("说明：“得分”为按赋分规则计算的得分；自评得分、差异和每一分的计算过程见工作表“评分说明”。", None)
    ]
    if not result.complete:
        lines.append((f"评分不完整：{len(result.incomplete)} 项无法评分（原因见“备注”列），总分未计入这些项。", None))
    lines += [
        ("灰色底纹：无法评分——得分留空，原因见“备注”列。", _UNSCORED),
        (f"浅红底纹：自评差异——自评得分与计算得分相差超过 {written(policy.tolerance)} 分。", FLAG_AUDIT),
        ("浅黄底纹：未达标——实际完成值未达到年度指标值。", FLAG_SHORT),
        (
            f"浅蓝底纹：超额——实际完成值达到年度指标值的 {plain(policy.over_threshold * HUNDRED)}% 及以上。",
            FLAG_OVER,
        ),
        ("一行有几种标记时，按以上顺序取第一种底纹；“备注”列写明全部标记。", None),
    ]
    for offset, (text, fill) in enumerate(lines):
        grid.put(row + offset, 1, text, to_column=grid.last, fill=fill, border=False)
    return row + len(lines) - 1

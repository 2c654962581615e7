"""Many monitored projects at once: the terminal summary, the 汇总 and 明细 rows and sheets, the JSON lines.

One line (and one 汇总 row) per project: file/sheet, 单位, 项目, 月份, both lights (coloured on a terminal), red and yellow rows, rows marked
预计无法完成, rows that must be explained and lack it, rows not judged; then the projects per light and the files
skipped. The 汇总 sheet shows both lights as coloured cells, the 明细 sheet one row per indicator with its light.
Each function takes one project at a time, so a batch is written as it is judged. No arithmetic here.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from scoring.display import clip_left, pad
from scoring.engine.batch import Skipped
from scoring.engine.monitor_explain import category_of
from scoring.engine.monitor_results import MonitorResult
from scoring.engine.monitor_rules import Light
from scoring.report.batch_xlsx import SheetsWorkbook
from scoring.report.monitor_cells import LIGHT_FILLS, UNJUDGED, percent_cell
from scoring.report.monitor_json import monitor_dict, plan_of
from scoring.report.monitor_text import MISS, line_label, mark
from scoring.report.wording import step_texts

__all__ = ["DETAIL_HEADER", "SUMMARY_HEADER", "MonitorRendered", "MonitorTally", "MonitorWorkbook", "render_monitored"]

SUMMARY_HEADER = ("文件", "工作表", "单位", "项目", "月份", "指标灯", "资金灯", "红灯数", "黄灯数", f"{MISS}数",
                  "待说明数", "无法判断数")  # fmt: skip
DETAIL_HEADER = ("文件", "工作表", "项目", "一级指标", "二级指标", "三级指标", "指标值", "1-M月执行情况",
                 "全年预计完成情况", "计划进度", "完成进度", "指示灯", MISS, "偏差原因类别", "偏差原因",
                 "完成目标可能性", "待说明", "监控说明")  # fmt: skip
#: Columns holding lights (filled in their colour) and numbers, in each sheet (0-based).
_SUMMARY_LIGHTS, _SUMMARY_COUNTS = (5, 6), (4, 7, 8, 9, 10, 11)
_DETAIL_LIGHT, _DETAIL_PROGRESS = 11, 10
_FILL_OF = {**{light.value: colour for light, colour in LIGHT_FILLS.items()}, "无法判断": UNJUDGED}
_WIDTHS = (30, 16, 24, 4, 6, 6, 4, 4, 12, 6, 8)
_RIGHT = (False, False, False, True, False, False, True, True, True, True, True)


def _label(light: Light | None) -> str:
    return "" if light is None else light.value


def _fills(values: Sequence[Any], lights: tuple[int, ...]) -> dict[int, str]:
    """The colour of each light cell in a row (by column); a cell that is no light is left plain."""
    return {index: _FILL_OF[values[index]] for index in lights if index < len(values) and values[index] in _FILL_OF}


def _lacking(result: MonitorResult) -> int:
    return sum(1 for line in result.lines if line.findings)


@attrs.frozen
class MonitorRendered:
    """One monitored project as a batch writes it (rendered where it was judged, as ``--jobs`` workers do)."""

    file: str
    sheet: str
    project: str
    line: str
    json: str | None
    summary: list[str] | None
    details: list[list[str | Decimal | None]] | None
    light: str
    money_light: str
    rows: int
    unjudged: int
    lacking: int
    complete: bool
    document: bytes | None = None


def _summary(result: MonitorResult, file: str, sheet: str) -> list[str]:
    table, lights = result.table, [line.light for line in result.lines]
    return [
        file,
        sheet,
        table.unit or dict(table.extras).get("implementer", ""),
        table.project or table.title,
        str(result.month),
        _label(result.light),
        _label(result.money_light),
        str(lights.count(Light.RED)),
        str(lights.count(Light.YELLOW)),
        str(len(result.expected_misses)),
        str(_lacking(result)),
        str(len(result.unjudged)),
    ]


def _details(result: MonitorResult, file: str, sheet: str) -> list[list[str | Decimal | None]]:
    project = result.table.project or result.table.title
    rows: list[list[str | Decimal | None]] = []
    for line in result.lines:
        ind = line.indicator
        progress = percent_cell(line.progress)
        words = [*step_texts(line.steps), *([f"无法判断：{line.error}"] if line.error else [])]
        rows.append([file, sheet, project, ind.level1, ind.level2, ind.name, ind.target, ind.actual or "",
                     ind.expected or "", plan_of(line) or "", progress, line_label(line),
                     MISS if line.expected_miss else "", "、".join(category_of(ind)), ind.reason,
                     ind.possibility, "；".join(line.findings), "；".join(words)])  # fmt: skip
    return rows


def render_monitored(result: MonitorResult, json_line: bool, rows: bool) -> MonitorRendered:
    """Render one project for the outputs a batch writes (terminal line, JSON line, 汇总/明细 rows)."""
    file, sheet = result.table.source, dict(result.table.extras).get("sheet", "")
    summary = _summary(result, file, sheet)
    where = clip_left(file + (f" {sheet}" if sheet else ""), _WIDTHS[0])
    cells = (where, summary[2], summary[3], f"{result.month}月", mark(result.light), mark(result.money_light),
             *summary[7:])  # fmt: skip
    text = "  ".join(pad(c, w, r) for c, w, r in zip(cells, _WIDTHS, _RIGHT, strict=True)).rstrip() + "\n"
    document = {"file": file, "sheet": sheet, **monitor_dict(result)} if json_line else None
    return MonitorRendered(
        file,
        sheet,
        result.table.project or result.table.title,
        text,
        None if document is None else json.dumps(document, ensure_ascii=False) + "\n",
        summary if rows else None,
        _details(result, file, sheet) if rows else None,
        summary[5] or "—",
        summary[6] or "—",
        len(result.lines),
        len(result.unjudged),
        _lacking(result),
        result.complete,
    )


@attrs.define
class MonitorTally:
    """What a monitoring batch adds up to, counted as projects arrive; rendered in Chinese at the end."""

    tables: int = 0
    lights: Counter[str] = attrs.field(factory=Counter)
    money: Counter[str] = attrs.field(factory=Counter)
    unjudged_rows: int = 0
    incomplete_tables: int = 0
    lacking_tables: int = 0
    lacking_rows: int = 0
    skipped: list[Skipped] = attrs.field(factory=list)

    def add(self, table: MonitorRendered) -> None:
        """Count one project."""
        self.tables += 1
        self.lights[table.light] += 1
        self.money[table.money_light] += 1
        self.unjudged_rows += table.unjudged
        self.incomplete_tables += not table.complete
        self.lacking_tables += bool(table.lacking)
        self.lacking_rows += table.lacking

    def header(self) -> str:
        """The column titles of the terminal summary."""
        titles = ("文件/工作表", "单位", "项目", "月份", "指标灯", "资金灯", "红灯", "黄灯", MISS, "待说明", "无法判断")
        line = "  ".join(pad(t, w, r) for t, w, r in zip(titles, _WIDTHS, _RIGHT, strict=True))
        return line.rstrip() + "\n" + "-" * (sum(_WIDTHS) + 2 * (len(_WIDTHS) - 1)) + "\n"

    @staticmethod
    def _counts(counter: Counter[str]) -> str:
        order = [light.value for light in Light] + ["—"]
        return "，".join(f"{name} {counter[name]} 个" for name in order if counter[name]) or "无"

    def footer(self) -> str:
        """Projects per light (targets and money), rows to explain, rows not judged, files skipped and why."""
        out = [
            "",
            f"共监控 {self.tables} 个项目：指标灯 {self._counts(self.lights)}；资金灯 {self._counts(self.money)}",
            f"需说明而未说明的项目 {self.lacking_tables} 个（指标 {self.lacking_rows} 项）；"
            f"有指标无法判断的项目 {self.incomplete_tables} 个（指标 {self.unjudged_rows} 项）",
        ]
        if self.skipped:
            out.append(f"跳过的文件 {len(self.skipped)} 个：")
            out.extend(f"  - {s.path}：{s.reason}" for s in self.skipped)
        return "\n".join(out) + "\n"


class MonitorWorkbook(SheetsWorkbook):
    """The 汇总/明细 workbook of a monitoring batch, filled one project at a time and saved once at the end."""

    def __init__(self) -> None:
        super().__init__(SUMMARY_HEADER, DETAIL_HEADER)

    def add(self, table: MonitorRendered) -> None:
        """One project: its 汇总 row and its 明细 rows (rendered with ``rows=True``), lights in their colour."""
        assert table.summary is not None, "rendered without rows=True"
        assert table.details is not None, "rendered without rows=True"
        summary_fills = _fills(table.summary, _SUMMARY_LIGHTS)
        self._row(self._summary, table.summary, dict.fromkeys(_SUMMARY_COUNTS, "0"), summary_fills)
        for row in table.details:
            self._row(self._detail, row, {_DETAIL_PROGRESS: "0.00%"}, _fills(row, (_DETAIL_LIGHT,)))

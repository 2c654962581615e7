"""Many scored tables at once: the Chinese summary for the terminal, the 汇总 and 明细 rows, the JSON lines.

One line (and one 汇总 row) per table: file/sheet, 单位, 项目, 自评总分, 计算总分, 等级, 自评差异数, 无法评分数;
then how many projects per grade, how many rows could not be scored, and the files skipped with their reasons.
Each function takes one table at a time, so a batch is written as it is scored. No arithmetic here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from scoring.display import clip_left, pad
from scoring.engine.batch import Skipped
from scoring.engine.results import TableScore
from scoring.numbers import written
from scoring.report.files import line_cells
from scoring.report.json import json_line as table_line

__all__ = [
    "DETAIL_HEADER",
    "SUMMARY_HEADER",
    "Rendered",
    "Tally",
    "detail_rows",
    "json_line",
    "place",
    "render_for_batch",
    "summary_row",
]

SUMMARY_HEADER = ("文件", "工作表", "单位", "项目", "自评总分", "计算总分", "满分", "等级", "自评差异数", "无法评分数")
DETAIL_HEADER = (
    "文件", "工作表", "项目", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "计算得分",
    "自评得分", "差异", "状态", "标记", "评分说明",
)  # fmt: skip


def place(result: TableScore) -> tuple[str, str]:
    """The file and sheet a table came from (the sheet is empty for a file with one table)."""
    return result.table.source, dict(result.table.extras).get("sheet", "")


def _grade(result: TableScore) -> str:
    return result.grade or ("不评定" if not result.complete else "")


def summary_row(result: TableScore) -> list[str]:
    """The 汇总 row of one table."""
    file, sheet = place(result)
    table = result.table
    reported = "" if table.reported_total is None else written(table.reported_total)
    return [
        file,
        sheet,
        table.unit or dict(table.extras).get("implementer", ""),
        table.project or table.title,
        reported,
        written(result.total),
        written(result.maximum),
        _grade(result),
        str(result.audit.differences),
        str(len(result.incomplete)),
    ]


def detail_rows(result: TableScore) -> Iterable[list[str]]:
    """The 明细 rows of one table: one per indicator, with the computed points and the difference."""
    file, sheet = place(result)
    project = result.table.project or result.table.title
    for line in result.lines:
        cells = line_cells(line)
        cells["计算得分"] = cells["得分"]
        yield [file, sheet, project, *(cells[name] for name in DETAIL_HEADER[3:])]


def json_line(result: TableScore) -> str:
    """One table as a JSON line: the ``--json`` document plus ``file``, ``sheet`` and ``project``."""
    file, sheet = place(result)
    return table_line(result, {"file": file, "sheet": sheet, "project": result.table.project or result.table.title})


_WIDTHS = (30, 16, 24, 8, 8, 8, 6, 8, 8)
_RIGHT = (False, False, False, True, True, True, False, True, True)


def _padded(text: str, columns: int, right: bool) -> str:
    """:func:`pad`, with printable ASCII (numbers, most paths) measured by its length, one column a character, and
    other texts (units, grades, file names, which recur) padded once."""
    if text.isascii() and text.isprintable() and len(text) <= columns:
        return text.rjust(columns) if right else text.ljust(columns)
    key = (text, columns, right)
    padded = _PADDED.get(key)
    if padded is None:
        if len(_PADDED) >= 4096:
            _PADDED.clear()
        padded = _PADDED[key] = pad(text, columns, right)
    return padded


_PADDED: dict[tuple[str, int, bool], str] = {}


@attrs.frozen
class Rendered:
    """One scored table as a batch writes it: what each output needs, rendered where it was scored.

    A worker process of ``--jobs`` renders its tables and sends back only these texts and counts (never the whole
    result), and one process renders the same way, so the output is the same with or without workers.
    """

    file: str
    sheet: str
    project: str
    line: str
    json: str | None
    summary: list[str] | None
    details: list[list[str]] | None
    document: bytes | None
    grade: str
    rows: int
    unscored: int
    complete: bool
    differences: int


def render_for_batch(result: TableScore, json: bool, rows: bool, document: bool) -> Rendered:
    """Render one table for the outputs a batch writes (JSON line, 汇总/明细 rows, its filled 自评表)."""
    from scoring.report.xlsx import xlsx_document

    file, sheet = place(result)
    return Rendered(
        file,
        sheet,
        result.table.project or result.table.title,
        Tally.line(result),
        json_line(result) if json else None,
        summary_row(result) if rows else None,
        list(detail_rows(result)) if rows else None,
        xlsx_document(result) if document else None,
        _grade(result) or "—",
        len(result.lines),
        len(result.unscored),
        result.complete,
        result.audit.differences,
    )


@attrs.define
class Tally:
    """What a batch adds up to, counted as tables arrive; rendered in Chinese at the end."""

    tables: int = 0
    grades: Counter[str] = attrs.field(factory=Counter)
    unscored_rows: int = 0
    incomplete_tables: int = 0
    differing_tables: int = 0
    skipped: list[Skipped] = attrs.field(factory=list)

    def add(self, table: Rendered) -> None:
        """Count one table."""
        self.tables += 1
        self.grades[table.grade] += 1
        self.unscored_rows += table.unscored
        self.incomplete_tables += not table.complete
        self.differing_tables += bool(table.differences)

    def header(self) -> str:
        """The column titles of the terminal summary."""
        titles = ("文件/工作表", "单位", "项目", "自评总分", "计算总分", "满分", "等级", "自评差异", "无法评分")
        right = (False, False, False, True, True, True, False, True, True)
        line = "  ".join(pad(t, w, r) for t, w, r in zip(titles, _WIDTHS, right, strict=True))
        return line.rstrip() + "\n" + "-" * (sum(_WIDTHS) + 2 * (len(_WIDTHS) - 1)) + "\n"

    @staticmethod
    def line(result: TableScore) -> str:
        """One table's line of the terminal summary."""
        row = summary_row(result)
        where = clip_left(row[0] + (f" {row[1]}" if row[1] else ""), _WIDTHS[0])
        cells = (where, row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
        return "  ".join(map(_padded, cells, _WIDTHS, _RIGHT)).rstrip() + "\n"

    def footer(self) -> str:
        """Projects per grade, rows unscored, files skipped and why."""
        grades = "，".join(
            f"{g} {n} 个" for g, n in sorted(self.grades.items(), key=lambda kv: "优良中差不—".find(kv[0]))
        )
        out = [
            "",
            f"共评分 {self.tables} 张表：{grades or '无'}",
            f"评分不完整的表 {self.incomplete_tables} 张，无法评分的指标 {self.unscored_rows} 项；"
            f"自评得分与计算不一致的表 {self.differing_tables} 张",
        ]
        if self.skipped:
            out.append(f"跳过的文件 {len(self.skipped)} 个：")
            out.extend(f"  - {s.path}：{s.reason}" for s in self.skipped)
        return "\n".join(out) + "\n"

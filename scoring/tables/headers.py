"""Where a sheet's indicator block is: the header row by its Chinese headers, in every spelling the forms use.

Headers match after removing spaces and line breaks, a leading ``*``, a trailing colon and a trailing bracket
(``得分（分）``, ``年度指标值（A）``). The header row is the first row with a 三级指标 column and a 指标值
column; failing that, the first row with a 指标值 column and two other known columns (its 三级指标 column is
then reported missing). Columns no table field needs (the merged leftmost ``绩效指标`` column, 状态, 标记 …)
are ignored. What sits above the header row (title, unit, funds, budget line) is read by
:mod:`scoring.tables.block`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import chain

import attrs

from scoring.tables.files import Row
from scoring.tables.months import dated
from scoring.text import normalize

__all__ = [
    "HEADERS",
    "HEADER_FIELDS",
    "SUBHEADERS",
    "Fields",
    "Start",
    "cell",
    "columns_of",
    "duplicates",
    "field_of",
    "header_key",
    "locate",
    "lookup",
]

#: Column field -> accepted headers (compared by ``header_key``); the first spelling is the one written.
#: ``sign`` and ``measure`` are the comparator and unit cells of split-column templates (指标性质 | 指标值 |
#: 度量单位): :mod:`scoring.tables.split` joins them with 指标值 into one target.
HEADERS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "三级指标名称"),
    "target": ("指标值", "年度指标值", "年度目标值", "目标值", "预期指标值", "预期目标值", "年度绩效指标值"),
    "basis": ("指标值设置依据", "指标值设定依据", "指标设定依据", "指标设置依据"),
    "previous": ("上年完成值", "上年实际完成值"),
    "weight": ("分值", "指标分值权重", "分值权重", "权重", "指标分值", "指标权重"),
    "rule": ("赋分规则", "指标赋分规则", "评分规则"),
    "evidence": ("佐证资料", "佐证材料"),
    "actual": (
        "实际完成值",
        "全年实际值",
        "实际值",
        "实际完成情况",
        "完成值",
        "全年实际完成值",
        "实际完成指标值",
        "执行情况",
        "年度执行情况",
    ),
    "points": ("得分", "自评得分"),
    "reason": (
        "偏差原因",
        "偏差原因分析及改进措施",
        "偏差原因分析",
        "原因分析",
        "偏差原因及改进措施",
        "未完成原因分析",
        "偏差原因分析及整改措施",
        "偏差原因说明",
        "原因说明",
    ),
    "sign": ("指标性质", "计算符号", "指标方向", "运算符号", "比较符号", "符号"),
    "measure": ("度量单位", "计量单位", "单位", "指标单位"),
    # mid-year monitoring (绩效运行监控表); the actual and the plan to date are also read from dated headers
    # (``1-7月执行情况``, ``1-7月计划值``: :mod:`scoring.tables.months`)
    "expected": ("全年预计完成情况", "全年预计完成值", "预计全年完成情况", "预计全年完成值", "全年预计完成数"),
    "possibility": ("完成目标可能性", "完成可能性", "完成目标的可能性"),
}
#: Columns of a monitoring sheet that count only as a set (two or more of them), in the header row or in a second
#: header row under a merged ``偏差原因分析`` / ``完成目标可能性``: the five 偏差原因 categories of the national form
#: and the three answers of 完成目标可能性. The first spelling is what a marked cell puts into the row.
SUBHEADERS: dict[str, tuple[str, ...]] = {
    "cause_funds": ("经费保障",),
    "cause_rules": ("制度保障",),
    "cause_staff": ("人员保障",),
    "cause_hardware": ("硬件条件保障", "硬件条件", "硬件保障"),
    "cause_other": ("其他", "其它", "其他原因"),
    "sure": ("确定能", "确定能完成"),
    "maybe": ("有可能", "有可能完成"),
    "impossible": ("完全不可能", "完全不可能完成"),
}
#: Fields that, with 指标值, make a row a header row even without a 三级指标 column.
_ALSO_HEADERS = ("level1", "level2", "weight", "actual", "points", "rule", "sign", "measure")
_BRACKET_TAIL = re.compile(r"[(（][^()（）]*[)）]$")


def header_key(text: str) -> str:
    key = normalize(text).lstrip("*\N{FULLWIDTH ASTERISK}").rstrip("：:")
    key = _BRACKET_TAIL.sub("", key)
    return key.removeprefix("其中").lstrip("：:")


class Fields(dict[str, str]):
    """Header key -> field, and the fields a dated header may name (``1-7月执行情况`` names ``actual``)."""

    dated: frozenset[str] = frozenset()


def lookup(table: Mapping[str, tuple[str, ...]], dated_fields: tuple[str, ...] = ()) -> Fields:
    """Header key -> field, for a table of field -> spellings; ``dated_fields`` may also be named by a dated
    header (:func:`scoring.tables.months.dated`)."""
    fields = Fields((header_key(spelling), field) for field, spellings in table.items() for spelling in spellings)
    fields.dated = frozenset(dated_fields)
    return fields


HEADER_FIELDS = lookup(HEADERS, ("actual", "plan"))
SUB_FIELDS = lookup(SUBHEADERS)


def field_of(text: str, fields: Mapping[str, str]) -> str | None:
    """The field a header cell names in ``fields``, a dated header included; None for a blank or unknown cell."""
    if not text:
        return None
    key = header_key(text)
    field = fields.get(key)
    if field is None and isinstance(fields, Fields) and fields.dated and (hit := dated(key)) is not None:
        return hit[0] if hit[0] in fields.dated else None
    return field


def columns_of(row: Sequence[str], fields: Mapping[str, str]) -> dict[str, int]:
    """Field -> column index for the cells of ``row`` that are known headers (first one wins)."""
    found: dict[str, int] = {}
    for index, text in enumerate(row):
        field = field_of(text, fields)
        if field is not None and field not in found:
            found[field] = index
    return found


@attrs.frozen
class Start:
    """Where a sheet's table starts: the rows above the header row, the header row, field -> column index, and
    the rows below it (still to be read)."""

    above: tuple[Row, ...]
    header: Row
    columns: dict[str, int]
    rest: Iterator[Row]
    #: a second header row (the 偏差原因 categories under a merged 偏差原因分析), read with the header row
    sub: Row | None = None

    @property
    def headers(self) -> dict[str, str]:
        """Field -> its column's header as written (the second header row's cell when it has one there)."""
        rows = [row.cells for row in (self.sub, self.header) if row is not None]
        return {
            field: next((cells[index].strip() for cells in rows if index < len(cells) and cells[index].strip()), "")
            for field, index in self.columns.items()
        }

    @property
    def above_cells(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        return tuple((row.number, row.cells) for row in self.above)


def locate(rows: Iterator[Row], needed: tuple[str, str], limit: int) -> Start | str | None:
    """The header row among the first ``limit`` non-blank rows: the first with both ``needed`` columns; failing
    that (for 三级指标 + 指标值), the first with a 指标值 column and two more known columns, so that a sheet
    missing its 三级指标 column still reads. When there is none: None for a sheet with nothing in it, else a
    detail for the message (a row that looks like a header, and the column it lacks; or ``""``).
    """
    seen: list[Row] = []
    fallback: int | None = None
    near = ""
    for row in rows:
        if not any(row.cells):
            continue
        seen.append(row)
        columns = columns_of(row.cells, HEADER_FIELDS)
        if all(field in columns for field in needed):
            return _second_row(Start(tuple(seen[:-1]), row, columns, rows))
        also = sum(field in columns for field in _ALSO_HEADERS)
        if fallback is None and needed == ("name", "target") and "target" in columns and also >= 2:
            fallback = len(seen) - 1
        missing = [HEADERS[field][0] for field in needed if field not in columns]
        if not near and len(columns) >= 3 and len(missing) == 1:
            near = f"第{row.number}行像是表头，但没有“{missing[0]}”列"
        if len(seen) >= limit:
            break
    if fallback is not None:
        return _second_row(Start(tuple(seen[:fallback]), seen[fallback],
                                 columns_of(seen[fallback].cells, HEADER_FIELDS), chain(seen[fallback + 1 :], rows)))  # fmt: skip
    return near if seen else None


def _second_row(start: Start) -> Start:
    """``start`` with the monitoring columns that count only as a set (:data:`SUBHEADERS`, two or more) and a
    second header row read in: the row right below the header row when each of its cells is a header (two or
    more) and none of them under the 三级指标 or 指标值 column, such as the five 偏差原因 categories under a merged
    偏差原因分析. A column of the second row takes the place of the header row's (a merged group header such as
    偏差原因分析 or 完成目标可能性 names no column)."""
    columns = dict(start.columns)
    own = columns_of(start.header.cells, SUB_FIELDS)
    if len(own) >= 2:
        columns.update((field, index) for field, index in own.items() if field not in columns)
    row = next(start.rest, None)
    if row is None:
        return attrs.evolve(start, columns=columns)
    named = [
        (SUB_FIELDS.get(header_key(text)) or field_of(text, HEADER_FIELDS), i)
        for i, text in enumerate(row.cells)
        if text
    ]
    below: dict[str, int] = {}
    for field, index in named:
        below.setdefault(field or "", index)
    kept = {columns.get("name"), columns.get("target")} - {None}
    moved = any(index in kept and columns.get(field) != index for field, index in below.items())
    if row.lost or row.bad or "" in below or len(below) < 2 or moved:
        return attrs.evolve(start, columns=columns, rest=chain([row], start.rest))
    columns = {field: index for field, index in columns.items() if index not in below.values()}
    columns.update((field, index) for field, index in below.items() if field not in columns)
    return attrs.evolve(start, columns=columns, sub=row)


def duplicates(row: Sequence[str], fields: Mapping[str, str]) -> dict[str, list[int]]:
    """Field -> every column index whose header names it, for fields named by more than one column."""
    found: dict[str, list[int]] = {}
    for index, text in enumerate(row):
        field = field_of(text, fields)
        if field is not None:
            found.setdefault(field, []).append(index)
    return {field: indexes for field, indexes in found.items() if len(indexes) > 1}


def cell(row: Sequence[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    return row[index].strip() if index is not None and index < len(row) else ""

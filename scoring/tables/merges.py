"""Merged cells of a workbook sheet, applied once the sheet is read (XLSX keeps them after the rows).

A merged cell has its value in its top row only; the rows below it are blank. For text columns (三级指标, 指标值,
赋分规则, 依据, 佐证, 实际完成值, 偏差原因, 全年预计完成情况, 完成目标可能性) the merged value is every row's value, so each row takes it (and the
"为空" problem of that row is withdrawn). A 分值 merged over several rows is one weight for several indicators,
which cannot be scored row by row: each lower row is reported. (一级/二级 cells take the value above anyway.)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import attrs

from scoring.tables.guard import short
from scoring.tables.model import Indicator
from scoring.tables.sheet import Block, empty

__all__ = ["apply_merges"]

_FILLED = ("name", "target", "rule", "basis", "previous", "evidence", "actual", "reason", "expected", "possibility")
#: Row look-ups spent on merged ranges at most (a sheet of overlapping ranges cannot cost more).
_BUDGET = 1_000_000


def apply_merges(block: Block) -> None:
    """Fill, or report, the blank cells of the block's indicators that lie under a merged range."""
    numbers, spent = block.numbers, 0
    by_row = {number: position for position, number in enumerate(numbers)}
    for top, bottom, left, right in block.sheet.merged:
        fields = [block.fields[c] for c in range(left, min(right, left + 64) + 1) if c in block.fields]
        if bottom <= top or not fields or top not in by_row:
            continue
        above = block.indicators[by_row[top]]
        low, high = bisect_right(numbers, top), bisect_left(numbers, bottom + 1)
        spent += high - low
        if spent > _BUDGET:
            return
        for position in range(low, high):
            indicator = block.indicators[position]
            block.indicators[position] = _fill(block, numbers[position], indicator, (top, above), fields)


def _fill(block: Block, number: int, indicator: Indicator, top: tuple[int, Indicator], fields: list[str]) -> Indicator:
    first, above = top
    values, given = indicator.cells(), above.cells()
    changes = {field: given[field] for field in fields if field in _FILLED and not values[field] and given[field]}
    withdrawn = set(empty(block, number, {"name": "-", "target": "-", **dict.fromkeys(changes, "")}))
    problems = [problem for problem in indicator.problems if problem not in withdrawn]
    if "weight" in fields and indicator.weight is None and above.weight is not None:
        problems.append(
            f"{block.place(number, 'weight')}与第{first}行合并为一个单元格（分值 {short(str(above.weight))}），"
            "这一行没有自己的分值；请为每个指标分别填写分值"
        )
    if not changes and len(problems) == len(indicator.problems):
        return indicator
    return attrs.evolve(indicator, **changes, problems=tuple(problems))

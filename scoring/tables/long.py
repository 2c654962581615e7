"""Long-format sheets: many projects in one sheet, one row per indicator, with a 项目名称 column.

A budget system's export lists every project's indicators one below the other; the 项目名称 column (and an
optional 单位名称 column) says whose each row is. Each run of rows of one project is a table of its own, in file
order, read and given before the next is read, so memory holds one project, not the file. 单位名称, 全年预算数,
全年执行数, 年初预算数 and 年度 may be on every row or on the project's first row only; a blank 项目名称 (a merged
cell) continues the project above. A project whose name comes back after other projects is a table of its own,
and says where it was seen before.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from scoring.tables.block import Header, money_of
from scoring.tables.files import Row, Sheet
from scoring.tables.guard import short
from scoring.tables.headers import Start, cell, columns_of, lookup
from scoring.tables.model import Budget, Table
from scoring.tables.sheet import Block, assemble, header_problems, start_block

__all__ = ["LONG_FIELDS", "long_tables"]

LONG_FIELDS = lookup(
    {
        "project": ("项目名称",),
        "unit": ("单位名称", "预算单位", "预算单位名称", "部门名称", "部门（单位）名称"),
        "planned": ("全年预算数", "全年预算", "调整后预算数"),
        "spent": ("全年执行数", "全年实际执行数", "实际执行数"),
        "initial": ("年初预算数", "年初预算"),
        "year": ("年度", "预算年度", "年份"),
    },
    ("spent",),  # a monitoring export's 1-7月执行数
)
_MONEY = {"planned": "全年预算数", "spent": "全年执行数", "initial": "年初预算数"}


@attrs.define
class _Project:
    """One project's rows as they are read: its block, and the values of its per-project columns."""

    key: tuple[str, str]
    first: int
    block: Block
    values: dict[str, tuple[int, str]] = attrs.Factory(dict)  # field -> (row, text) where first given
    problems: list[str] = attrs.Factory(list)

    def take(self, row: Row, columns: list[tuple[str, int]], headers: dict[str, str]) -> None:
        cells, size = row.cells, len(row.cells)
        for field, index in columns:
            text = cells[index] if index < size else ""
            if not text or self.values.get(field, (0, ""))[1] == text:
                continue
            if field not in self.values:
                self.values[field] = (row.number, text)
            elif self.values[field][1] != text:
                number, first = self.values[field]
                self.problems.append(
                    f"{self.block.where} 第{row.number}行“{headers[field]}”列：“{short(text)}”与本项目第{number}行的"
                    f"“{short(first)}”不同，采用第{number}行的"
                )

    def amount(self, field: str) -> Decimal | None:
        number, text = self.values.get(field, (0, ""))
        value = money_of(text) if text else None
        if text and value is None:
            self.problems.append(
                f"{self.block.where} 第{number}行“{_MONEY[field]}”列：应为金额（万元），却是“{short(text)}”"
            )
        return value


def long_tables(start: Start, sheet: Sheet, shown: str) -> Iterator[Table]:
    """One table per project of a long-format sheet, in file order."""
    columns = columns_of(start.header.cells, LONG_FIELDS)
    headers = {field: start.header.cells[index] for field, index in columns.items()}
    template, info = start_block(start, sheet, shown)
    sheet.width = max(sheet.width or 0, max(columns.values()) + 1)
    where = template.where
    per_project = [(field, index) for field, index in columns.items() if field not in ("project",)]
    problems = header_problems(start, where, sheet)
    seen: dict[int, int] = {}  # hash of a project's key -> its first row (small, however many projects)
    project: _Project | None = None
    for row in start.rest:
        name, unit = cell(row.cells, columns, "project"), cell(row.cells, columns, "unit")
        if project is None or (name and (name, unit or project.key[1]) != project.key):
            if project is not None:
                yield _table(project, start, info, shown, problems)
            key = (name, unit)
            project = _Project(key, row.number, Block(where, sheet, template.columns, template.headers))
            if hash(key) in seen:
                project.problems.append(
                    f"{where} 第{row.number}行：项目“{short(name)}”在第{seen[hash(key)]}行已出现，中间隔有别的项目；这里的各行另作一张表"
                )
            seen.setdefault(hash(key), row.number)
            if not name and not row.lost and any(row.cells):
                project.problems.append(
                    f"{where} 第{row.number}行“{headers['project']}”列：为空，不知道是哪个项目的指标"
                )
        project.take(row, per_project, headers)
        project.block.read(row)
    if project is not None:
        yield _table(project, start, info, shown, problems)


def _year(project: _Project) -> int | None:
    number, text = project.values.get("year", (0, ""))
    digits = text.removesuffix("年度").removesuffix("年").strip()
    if not text:
        return None
    if digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return int(digits)
    project.problems.append(f"{project.block.where} 第{number}行“年度”列：应为年份（如 2026），却是“{short(text)}”")
    return None


def _table(project: _Project, start: Start, info: Header, shown: str, problems: list[str]) -> Table:
    planned, spent, initial = (project.amount(field) for field in ("planned", "spent", "initial"))
    year = _year(project)
    name, unit = project.key
    table = assemble(project.block, start, info, shown, [*problems, *project.problems])
    budget = Budget(planned, spent, initial) if planned is not None and spent is not None else table.budget
    unit = project.values.get("unit", (0, unit))[1]
    return attrs.evolve(
        table, project=name or table.project, unit=unit or table.unit, year=year or table.year, budget=budget
    )

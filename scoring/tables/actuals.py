"""Year-end actuals (实际完成值) and filling them into a table by 三级指标 name; no file I/O here.

:func:`apply_actuals` is the one place where actuals meet indicators, for the library (``score_table(actuals=…)``)
and the command line (``--actuals FILE``) alike. Names match after NFKC and removing all whitespace, so
``争取福建、山西 对口支援…`` finds its row. Problems are Chinese sentences naming the actuals file and row;
nothing here raises on bad data.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from scoring.tables.guard import short
from scoring.tables.model import Budget, Indicator, Table
from scoring.tables.names import MAX_HINTS, CloseNames
from scoring.text import normalize as name_key

__all__ = ["Actual", "Actuals", "apply_actuals"]


@attrs.frozen
class Actual:
    """One 实际完成值 for the 三级指标 called ``name``, with an optional self-reported 得分 and 偏差原因."""

    name: str
    actual: str | None
    reported: Decimal | None = None
    reason: str = ""
    source: str = ""


@attrs.frozen
class Actuals:
    """A year-end actuals file: one entry per indicator, the budget line when given, and reading problems."""

    entries: tuple[Actual, ...]
    budget: Budget | None = None
    source: str = ""
    problems: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, values: Mapping[str, str | None], source: str = "实际完成值") -> Actuals:
        """Actuals from a mapping of 三级指标 names to 实际完成值 texts (as a budget system passes them)."""
        entries = (Actual(name, value, source=f"{source}第{i}项") for i, (name, value) in enumerate(values.items(), 1))
        return cls(tuple(entries))


def _fill(indicator: Indicator, entry: Actual) -> Indicator:
    return attrs.evolve(
        indicator,
        actual=entry.actual if entry.actual is not None else indicator.actual,
        reported=entry.reported if entry.reported is not None else indicator.reported,
        reason=entry.reason or indicator.reason,
    )


def apply_actuals(table: Table, actuals: Actuals) -> tuple[Table, tuple[str, ...]]:
    """The table with each indicator's actual, 得分 and 偏差原因 filled in from ``actuals``, and the problems.

    The problems are ``actuals.problems`` followed by one message for each entry naming no indicator of the
    table (with the closest name as a hint), each repeated entry (the first one wins), and each entry whose
    name is shared by several indicators (only the first is filled). Indicators without an entry keep their
    actual (None unless the table had one). ``actuals.budget``, when given, replaces ``table.budget``.
    """
    problems = list(actuals.problems)
    rows: dict[str, list[int]] = {}
    for index, indicator in enumerate(table.indicators):
        rows.setdefault(name_key(indicator.name), []).append(index)
    indicators = list(table.indicators)
    close: CloseNames | None = None
    seen: dict[str, Actual] = {}
    for entry in actuals.entries:
        key = name_key(entry.name)
        if key in seen:
            problems.append(
                f"{entry.source}：三级指标“{short(entry.name, 200)}”重复（{seen[key].source} 已给出），以先出现的为准"
            )
            continue
        seen[key] = entry
        if key not in rows:
            close = close or CloseNames(i.name for i in table.indicators)
            problems.append(f"{entry.source}：表中没有三级指标“{short(entry.name, 200)}”{_hint(entry.name, close)}")
            continue
        first, *others = rows[key]
        if others:
            where = "、".join(table.indicators[i].source or f"第{i + 1}个指标" for i in rows[key])
            problems.append(
                f"{entry.source}：表中有 {len(rows[key])} 个三级指标名为“{short(entry.name, 200)}”（{where}），只填入第一个"
            )
        indicators[first] = _fill(indicators[first], entry)
    budget = actuals.budget if actuals.budget is not None else table.budget
    return attrs.evolve(table, indicators=tuple(indicators), budget=budget), tuple(problems)


def _hint(name: str, names: CloseNames) -> str:
    if names.asked == MAX_HINTS:
        names.asked += 1
        return f"（未匹配的名称超过 {MAX_HINTS} 个，以下不再提示相近的名称）"
    close = names.closest(name) if names.asked < MAX_HINTS else None
    names.asked += 1
    return f"，是否指“{close}”\N{FULLWIDTH QUESTION MARK}" if close else ""

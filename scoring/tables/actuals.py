"""Actuals (实际完成值, or a monitoring sheet's figures to date) filled into a table by 三级指标 name; no I/O here.

:func:`apply_actuals` is the one place where actuals meet indicators, for the library (``score_table(actuals=…)``)
and the command line (``--actuals FILE``) alike. Names match after NFKC and removing all whitespace, so
``争取福建、山西 对口支援…`` finds its row. Problems are Chinese sentences naming the actuals file and row;
nothing here raises on bad data.

A monitoring file (``--actuals`` of ``scoring monitor``) gives the actual to date (``1-7月执行情况``) as
``actual``, and may give 全年预计完成情况, 1-M月计划值, 完成目标可能性 and the 偏差原因 category;
``Actuals.month`` is the month its headers (or its ``month`` key) name.
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
    """One 实际完成值 for the 三级指标 called ``name``, with an optional self-reported 得分 and 偏差原因; in a
    monitoring file also 全年预计完成情况 (``expected``), 1-M月计划值 (``plan``), 完成目标可能性 and the
    偏差原因 category (``reason_kind``: 经费保障, 制度保障, 人员保障, 硬件条件保障, 其他)."""

    name: str
    actual: str | None
    reported: Decimal | None = None
    reason: str = ""
    source: str = ""
    expected: str | None = None
    plan: str | None = None
    possibility: str = ""
    reason_kind: str = ""


@attrs.frozen
class Actuals:
    """An actuals file: one entry per indicator, the budget line when given, and reading problems.

    ``month`` is the month a monitoring file's figures run to (``1-7月执行情况`` -> 7, or TOML ``month = 7``),
    None when it names none; its ``budget.spent`` is then the money spent to date (1-M月执行数)."""

    entries: tuple[Actual, ...]
    budget: Budget | None = None
    source: str = ""
    problems: tuple[str, ...] = ()
    month: int | None = None

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
        expected=entry.expected if entry.expected is not None else indicator.expected,
        plan=entry.plan if entry.plan is not None else indicator.plan,
        possibility=entry.possibility or indicator.possibility,
        reason_kind=entry.reason_kind or indicator.reason_kind,
    )


def apply_actuals(table: Table, actuals: Actuals) -> tuple[Table, tuple[str, ...]]:
    """The table with each indicator's actual, 得分 and 偏差原因 (and the monitoring fields) filled in from
    ``actuals``, and the problems.

    The problems are ``actuals.problems`` followed by one message for each entry naming no indicator of the
    table (with the closest name as a hint), each repeated entry (the first one wins), and each entry whose
    name is shared by several indicators (only the first is filled). Indicators without an entry keep their
    actual (None unless the table had one). ``actuals.budget``, when given, replaces ``table.budget``.
    ``actuals.month`` becomes the table's month when the table names none; when both name one and they
    differ, the table keeps its own and a problem says so (``scoring monitor`` checks this before).
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
    month = table.month if table.month is not None else actuals.month
    if actuals.month is not None and month != actuals.month:
        problems.append(
            f"{actuals.source or '实际完成值'}：数字截至{actuals.month}月，表“{short(table.project or table.title)}”"
            f"却截至{month}月，两者不一致"
        )
    return attrs.evolve(table, indicators=tuple(indicators), budget=budget, month=month), tuple(problems)


def _hint(name: str, names: CloseNames) -> str:
    if names.asked == MAX_HINTS:
        names.asked += 1
        return f"（未匹配的名称超过 {MAX_HINTS} 个，以下不再提示相近的名称）"
    close = names.closest(name) if names.asked < MAX_HINTS else None
    names.asked += 1
    return f"，是否指“{close}”\N{FULLWIDTH QUESTION MARK}" if close else ""

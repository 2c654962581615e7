"""Compile a table once: each row's target read, its rule chosen, its policy layered, before any actual is scored.

``score_table`` and ``check_table`` both start from a :class:`CompiledTable`, so they read every 指标值 with the
same reader, the same year and the same policy, and report the same problems for the same row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from scoring.engine.choose import DEFAULT_RULES, Shape, shape_of
from scoring.engine.policy import Policy, RuleKind
from scoring.engine.vocabulary import less_is_better
from scoring.language.errors import ParseError
from scoring.language.reader import Reader, default_reader
from scoring.language.targets import Described, Target
from scoring.numbers import written
from scoring.tables.model import Indicator, Table

__all__ = ["CompiledRow", "CompiledTable", "compile_row", "compile_table"]


@attrs.frozen
class CompiledRow:
    """A row with its target read and its rule chosen; ``error`` says why it cannot be scored at all.

    ``target`` is None when the 指标值 could not be read (``target_error`` holds the ParseError);
    ``rule`` is None when the 赋分规则 text is unknown.
    """

    indicator: Indicator
    target: Target | None
    rule: RuleKind | None
    error: str | None = None
    target_error: ParseError | None = None
    rule_unknown: bool = False
    weight_error: str | None = None
    shape: Shape | None = None
    notes: tuple[str, ...] = ()
    rule_written: bool = False
    less_is_better: bool = False


@attrs.frozen
class CompiledTable:
    """A table ready to score or check: its rows compiled with one reader and one policy."""

    table: Table
    rows: tuple[CompiledRow, ...]
    policy: Policy
    reader: Reader
    notes: tuple[str, ...] = ()


def _rule_error(text: str) -> str:
    known = "、".join(k.value for k in RuleKind)
    return f"未知的赋分规则“{text.strip()}”；可用：{known}，或在评分口径 [policy.rules] 中定义"


def weight_error(indicator: Indicator) -> str | None:
    """Why a row's 分值 cannot be scored (negative), or None; ``check`` and ``score`` both say this.

    A row without 分值 is no error: it is a reference row (``其中：…``), shown but not scored (A9).
    """
    if indicator.weight is not None and indicator.weight < 0:
        return f"分值不能为负数（{written(indicator.weight)}）"
    return None


def compile_row(indicator: Indicator, year: int | None, policy: Policy, reader: Reader) -> CompiledRow:
    """Read one row's target and choose its rule; problems become the row's ``error`` (never an exception).

    The order of the checks is the order a row is refused in: a bad cell, a missing or negative 分值, an
    unreadable 指标值, an unknown 赋分规则.
    """
    weight = weight_error(indicator)
    error = "；".join(indicator.problems) if indicator.problems else weight
    try:
        target: Target | None = reader.target(indicator.target, year)
    except ParseError as exc:
        message = f"指标值无法识别：{exc.render(context=False)}"
        return CompiledRow(indicator, None, None, error or message, target_error=exc, weight_error=weight)
    assert target is not None
    notes: tuple[str, ...] = ()
    if isinstance(target, Described):
        notes = (f"指标值“{target.text}”含说明文字，按“{target.target}”计分",)
        target = target.target
    word = less_is_better(indicator.name, policy.reverse_words) if policy.reverse_names else None
    shape = shape_of(target, less_is_better=word is not None)
    if shape is Shape.BARE_REVERSE:
        notes += (f"指标名称含“{word}”（越低越好），未写比较符的指标值“{indicator.target}”按反向指标（≤）计分",)
    written = bool(indicator.rule.strip())
    if written:
        rule = policy.rule_kind(indicator.rule)
        if rule is None:
            error = error or _rule_error(indicator.rule)
            return CompiledRow(indicator, target, None, error, rule_unknown=True, weight_error=weight, shape=shape)
    else:
        rule = DEFAULT_RULES[shape]
    return CompiledRow(
        indicator,
        target,
        rule,
        error,
        weight_error=weight,
        shape=shape,
        notes=notes,
        rule_written=written,
        less_is_better=word is not None,
    )


def compile_table(
    table: Table,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
    notes: tuple[str, ...] = (),
) -> CompiledTable:
    """Compile every row of ``table``; ``policy`` is layered over the table's own (:meth:`Policy.layered`).

    The 分值 a 自评表's header block gives the 预算执行率 line (``Table.budget_weight``) is the table's own
    setting: below its ``[policy]`` and the run's options, above the default."""
    header = {"budget_weight": table.budget_weight} if table.budget_weight is not None else None
    chosen = Policy.layered(header, table.policy, policy)
    reader = reader or default_reader()
    rows = tuple(compile_row(ind, table.year, chosen, reader) for ind in table.indicators)
    return CompiledTable(table, rows, chosen, reader, (*table.problems, *notes))

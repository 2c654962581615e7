"""Performance-target tables (绩效目标表) and their indicators, as read from a file; no scoring here.

Cells are kept as written (strings): the engine reads 指标值 and 实际完成值 with the grammar, so a bad cell
becomes an error on its own row instead of stopping the file. A cell that could not even be read (a weight
that is not a number) is kept with a problem message on the indicator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from scoring.numbers import plain
from scoring.tables.cells import weight_of

__all__ = ["Budget", "Funds", "Indicator", "Table"]

_NUMBERS = "int、float、str 或 Decimal"


def _type_name(value: Any) -> str:
    return type(value).__name__


def _as_number(field: str, value: Any) -> Decimal | None:
    """A number field given as int, float (by its shortest text), str or Decimal; None stays None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise TypeError(f"{field} 应为数字（{_NUMBERS}），却是 {_type_name(value)}")
    if isinstance(value, float):
        # the shortest text that reads back as this float: 48.3, never 48.29999…; 1e-05 stays exact
        number: Decimal | None = Decimal(repr(value))
    else:
        number = weight_of(value) if isinstance(value, str) else Decimal(value)
    if number is None or not number.is_finite():
        raise ValueError(f"{field} 应为数字，却是“{value}”")
    return number


def _as_value_text(field: str, value: Any) -> str | None:
    """A 指标值 / 实际完成值 given as text or as a number (``100`` -> ``"100"``); None stays None."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"Indicator 的 {field} 应为文本或数字，却是 {_type_name(value)}")
    number = _as_number(field, value)
    assert number is not None
    return plain(number)


def _as_text(field: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"Indicator 的 {field} 应为文本（str），却是 {_type_name(value)}")
    return value


def _money(field: str, value: Any) -> Decimal:
    number = _as_number(field, value)
    if number is None:
        raise TypeError(f"Budget 的 {field} 应为数字（{_NUMBERS}），却是 None")
    return number


def _planned(value: Any) -> Decimal:
    return _money("planned（全年预算数）", value)


def _spent(value: Any) -> Decimal:
    return _money("spent（全年执行数）", value)


def _initial(value: Any) -> Decimal | None:
    return _as_number("initial（年初预算数）", value)


def _weight(value: Any) -> Decimal | None:
    return _as_number("weight（分值）", value)


def _reported(value: Any) -> Decimal | None:
    return _as_number("reported（自评得分）", value)


def _target(value: Any) -> str:
    return _as_value_text("target（指标值）", value) or ""


def _actual(value: Any) -> str | None:
    return _as_value_text("actual（实际完成值）", value)


def _name(value: Any) -> str:
    return _as_text("name（三级指标）", value)


def _rule(value: Any) -> str:
    return _as_text("rule（赋分规则）", value)


def _other(value: Any) -> str:
    return _as_text("文本字段", value)


@attrs.frozen
class Indicator:
    """One 三级指标 row: target, weight and rule as written, and (in a self-evaluation) its actual.

    ``weight`` is None when the cell was blank or unreadable (``problems`` then says why); a row without a
    weight is a reference row (``其中：…``), shown but not scored. ``reported`` is a self-reported 得分;
    ``source`` names the file and row for messages.

    Built from a budget system's data, numbers may be ``int``, ``float`` (read by its shortest text, never its
    binary expansion), ``str`` or ``Decimal``, and targets and actuals may be numbers too; any other type
    raises ``TypeError`` naming the field, and ``None`` is allowed for every optional field.
    """

    name: str = attrs.field(converter=_name)
    target: str = attrs.field(converter=_target)
    weight: Decimal | None = attrs.field(converter=_weight)
    rule: str = attrs.field(default="", converter=_rule)
    level1: str = attrs.field(default="", converter=_other)
    level2: str = attrs.field(default="", converter=_other)
    basis: str = attrs.field(default="", converter=_other)
    previous: str = attrs.field(default="", converter=_other)
    evidence: str = attrs.field(default="", converter=_other)
    actual: str | None = attrs.field(default=None, converter=_actual)
    reported: Decimal | None = attrs.field(default=None, converter=_reported)
    reason: str = attrs.field(default="", converter=_other)
    source: str = attrs.field(default="", converter=_other)
    problems: tuple[str, ...] = ()
    #: mid-year monitoring (Part C): 全年预计完成情况, 1-m月计划值, 完成目标可能性 and the 偏差原因 category
    #: (经费保障, 制度保障, 人员保障, 硬件条件保障, 其他); the actual to date is ``actual``
    expected: str | None = attrs.field(default=None, converter=_actual)
    plan: str | None = attrs.field(default=None, converter=_actual)
    possibility: str = attrs.field(default="", converter=_other)
    reason_kind: str = attrs.field(default="", converter=_other)

    def cells(self) -> dict[str, str | Decimal | None]:
        """The row's cells by file key (as TOML and the sheet writers name them); ``points`` is ``reported``;
        the monitoring keys (``expected``, ``plan``, ``possibility``, ``reason_kind``) come last."""
        return {
            "level1": self.level1,
            "level2": self.level2,
            "name": self.name,
            "target": self.target,
            "basis": self.basis,
            "previous": self.previous,
            "weight": self.weight,
            "rule": self.rule,
            "evidence": self.evidence,
            "actual": self.actual,
            "points": self.reported,
            "reason": self.reason,
            "expected": self.expected,
            "plan": self.plan,
            "possibility": self.possibility,
            "reason_kind": self.reason_kind,
        }


@attrs.frozen
class Funds:
    """项目资金 / 年度预算 in 万元: total, of which fiscal (财政拨款) and other (其他资金)."""

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None


@attrs.frozen
class Budget:
    """The budget-execution line: 全年预算数 (planned) and 全年执行数 (spent), in 万元; 年初预算数 when given.

    Amounts may be given as int, float (by its shortest text), str or Decimal, like an Indicator's numbers.
    """

    planned: Decimal = attrs.field(converter=_planned)
    spent: Decimal = attrs.field(converter=_spent)
    initial: Decimal | None = attrs.field(default=None, converter=_initial)


@attrs.frozen
class Table:
    """A 绩效目标表 (kind ``project`` or ``department``) or a 自评表 with actuals filled in.

    ``level1_weights`` holds weights given to 一级指标 headings (``产出指标(50分)``);
    ``policy`` holds per-table policy options as read from the file (see :mod:`scoring.engine.policy`);
    ``goal`` is the 项目总体目标 / 年度绩效目标 text and ``extras`` other header cells as written
    (``("leader", "许倩")`` for 项目负责人, ``("authority", …)`` for 主管部门, ``("implementer", …)`` for
    实施单位), in file order; neither is scored.

    What a filled 自评表 says of itself: ``budget_weight`` is the 分值 its header block gives the 预算执行率 line
    (10), ``reported_budget`` the 得分 it gives that line and ``reported_total`` its 总分 row; all None when absent.
    """

    title: str
    indicators: tuple[Indicator, ...]
    kind: str = "project"
    year: int | None = None
    unit: str = ""
    project: str = ""
    funds: Funds = Funds()
    budget: Budget | None = None
    level1_weights: tuple[tuple[str, Decimal], ...] = ()
    policy: dict[str, Any] = attrs.field(factory=dict, eq=False, hash=False)
    source: str = ""
    problems: tuple[str, ...] = ()
    goal: str = ""
    extras: tuple[tuple[str, str], ...] = ()
    budget_weight: Decimal | None = None
    reported_budget: Decimal | None = None
    reported_total: Decimal | None = None
    #: the month a monitoring sheet's figures run to (``1-7月执行情况`` -> 7), None when it says none
    month: int | None = None

    def with_indicators(self, indicators: tuple[Indicator, ...]) -> Table:
        """A copy with other indicator rows."""
        return attrs.evolve(self, indicators=indicators)

"""Performance-target tables (绩效目标表) and their indicators, as read from a file; no scoring here.

Cells are kept as written (strings): the engine reads 指标值 and 实际完成值 with the grammar, so a bad cell
becomes an error on its own row instead of stopping the file. A cell that could not even be read (a weight
that is not a number) is kept with a problem message on the indicator.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

__all__ = ["Budget", "Funds", "Indicator", "Table"]


@attrs.frozen
class Indicator:
    """One 三级指标 row: target, weight and rule as written, and (in a self-evaluation) its actual.

    ``weight`` is None when the cell was blank or unreadable (``problems`` then says why);
    ``reported`` is a self-reported 得分; ``source`` names the file and row for messages.
    """

    name: str
    target: str
    weight: Decimal | None
    rule: str = ""
    level1: str = ""
    level2: str = ""
    basis: str = ""
    previous: str = ""
    evidence: str = ""
    actual: str | None = None
    reported: Decimal | None = None
    reason: str = ""
    source: str = ""
    problems: tuple[str, ...] = ()

    def cells(self) -> dict[str, str | Decimal | None]:
        """The row's cells by file key (as TOML and the sheet writers name them); ``points`` is ``reported``."""
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
        }


@attrs.frozen
class Funds:
    """项目资金 / 年度预算 in 万元: total, of which fiscal (财政拨款) and other (其他资金)."""

    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None


@attrs.frozen
class Budget:
    """The budget-execution line: 全年预算数 (planned) and 全年执行数 (spent), in 万元."""

    planned: Decimal
    spent: Decimal


@attrs.frozen
class Table:
    """A 绩效目标表 (kind ``project`` or ``department``) or a 自评表 with actuals filled in.

    ``level1_weights`` holds weights given to 一级指标 headings (``产出指标(50分)``);
    ``policy`` holds per-table policy options as read from the file (see :mod:`scoring.engine.policy`);
    ``goal`` is the 项目总体目标 / 年度绩效目标 text and ``extras`` other header cells as written
    (``("leader", "许倩")`` for 项目负责人), in file order; neither is scored.
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

    def with_indicators(self, indicators: tuple[Indicator, ...]) -> Table:
        """A copy with other indicator rows."""
        return attrs.evolve(self, indicators=indicators)

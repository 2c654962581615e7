"""What monitoring gives (Part C): a line per indicator with its light, the money's light, and the project's.

No wording here: steps are typed; :mod:`scoring.report` renders them in Chinese, as JSON and as the national
monitoring form.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from scoring.engine.monitor_rules import Light, worst
from scoring.engine.policy import Policy
from scoring.engine.steps import Step
from scoring.tables.model import Indicator, Table

__all__ = ["NOT_APPLICABLE", "MonitorBudget", "MonitorLine", "MonitorResult"]

#: The kind of a row its rule leaves out when its actual says 不适用 (as ``score`` does, A12): no light, not unjudged.
NOT_APPLICABLE = "不适用"


@attrs.frozen
class MonitorLine:
    """One indicator at month ``m``: its light (None when it cannot be judged: ``error`` says why), what kind of
    target it is (累计, 时点, 定性, 时限; 不适用 for a row its rule leaves out: no light, no error), its progress, whether it will miss the year's target (预计无法完成),
    the steps behind the light, warnings, and what must still be explained (``findings``)."""

    indicator: Indicator
    light: Light | None
    kind: str = ""
    progress: Decimal | None = None
    expected_miss: bool = False
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    findings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def name(self) -> str:
        return self.indicator.name

    @property
    def not_applicable(self) -> bool:
        """Whether the row's rule leaves it out (不考核该指标 and an actual of 不适用): no light, not unjudged."""
        return self.kind == NOT_APPLICABLE


@attrs.frozen
class MonitorBudget:
    """The money at month ``m`` (C2): 全年预算数, 1-m月执行数, execution rate, progress against time, light, steps,
    warnings (a 执行数 above the year's budget) and why it could not be judged."""

    planned: Decimal
    spent: Decimal
    rate: Decimal | None = None
    progress: Decimal | None = None
    light: Light | None = None
    steps: tuple[Step, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()


@attrs.frozen
class MonitorResult:
    """A project's monitoring at month ``m``: its lines, its money, and the two lights side by side (C3)."""

    table: Table
    month: int
    lines: tuple[MonitorLine, ...]
    budget: MonitorBudget | None
    policy: Policy
    notes: tuple[str, ...] = ()

    @property
    def light(self) -> Light | None:
        """The targets' light: the worst row's (C3); None when no row could be judged."""
        return worst([line.light for line in self.lines if line.light is not None])

    @property
    def money_light(self) -> Light | None:
        """The money's light (C2), None without a budget."""
        return self.budget.light if self.budget is not None else None

    @property
    def unjudged(self) -> tuple[MonitorLine, ...]:
        """Rows whose light could not be given (their ``error`` says why); 不适用 rows are not among them."""
        return tuple(line for line in self.lines if line.light is None and not line.not_applicable)

    @property
    def not_applicable(self) -> tuple[MonitorLine, ...]:
        """Rows their rule leaves out (不考核该指标, 不适用): no light, out of the project's light."""
        return tuple(line for line in self.lines if line.not_applicable)

    @property
    def complete(self) -> bool:
        """Whether every row (and the money, when given) has a light."""
        return not self.unjudged and (self.budget is None or self.budget.error is None)

    @property
    def findings(self) -> tuple[tuple[str, str], ...]:
        """(indicator name, what must be explained) for every row that needs it."""
        return tuple((line.name, finding) for line in self.lines for finding in line.findings)

    @property
    def expected_misses(self) -> tuple[MonitorLine, ...]:
        """Rows marked 预计无法完成."""
        return tuple(line for line in self.lines if line.expected_miss)

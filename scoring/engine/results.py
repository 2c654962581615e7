"""What scoring gives: a line per indicator, the budget line and the table's total, as frozen values.

No wording here: steps are typed (:mod:`scoring.engine.steps`); :mod:`scoring.report` renders results in Chinese
and as JSON.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from scoring.engine.policy import Policy, RuleKind
from scoring.engine.steps import Step
from scoring.numbers import HUNDRED
from scoring.tables.model import Indicator, Table

__all__ = ["FLAG_AUDIT", "FLAG_OVER", "FLAG_SHORT", "BudgetScore", "Score", "Status", "TableScore"]

FLAG_OVER = "超额"
FLAG_SHORT = "未达标"
FLAG_AUDIT = "自评差异"


class Status(enum.Enum):
    """How a line ended: 达标, 未达标, 超额 (met, far above target) or 无法评分 (could not be scored)."""

    MET = "达标"
    SHORT = "未达标"
    OVER = "超额"
    ERROR = "无法评分"


@attrs.frozen
class Score:
    """The score of one indicator: points (2 dp) or an error, with the rule, flags, warnings and steps."""

    indicator: Indicator
    points: Decimal | None
    status: Status
    rule: RuleKind | None = None
    ratio: Decimal | None = None
    flags: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    error: str | None = None
    difference: Decimal | None = None

    @property
    def weight(self) -> Decimal | None:
        """The 分值 of the row."""
        return self.indicator.weight


@attrs.frozen
class BudgetScore:
    """The 预算执行率 line (A8): rate = spent / planned, points = weight × min(rate, 1)."""

    planned: Decimal
    spent: Decimal
    weight: Decimal
    points: Decimal | None
    rate: Decimal | None
    steps: tuple[Step, ...] = ()
    error: str | None = None


@attrs.frozen
class TableScore:
    """A scored table: lines, budget line, total, maximum, percentage, grade, and what is incomplete."""

    table: Table
    lines: tuple[Score, ...]
    budget: BudgetScore | None
    total: Decimal
    maximum: Decimal
    percentage: Decimal | None
    grade: str | None
    policy: Policy
    notes: tuple[str, ...] = ()

    @property
    def incomplete(self) -> tuple[tuple[str, str], ...]:
        """The rows (and budget line) that could not be scored, with their reasons."""
        out = [(s.indicator.name, s.error or "") for s in self.lines if s.points is None]
        if self.budget is not None and self.budget.error:
            out.append(("预算执行率", self.budget.error))
        return tuple(out)

    @property
    def exact_percentage(self) -> Decimal | None:
        """total / max × 100 before rounding: what the grade is read from (A9)."""
        return self.total / self.maximum * HUNDRED if self.maximum > 0 else None

    @property
    def complete(self) -> bool:
        """Whether every row and the budget line were scored."""
        return not self.incomplete

    @property
    def audited(self) -> bool:
        """Whether the input carried self-reported points (audit mode)."""
        return any(s.indicator.reported is not None for s in self.lines)

    @property
    def differences(self) -> tuple[Score, ...]:
        """Lines whose self-reported points differ from the computed ones by more than the tolerance."""
        return tuple(s for s in self.lines if FLAG_AUDIT in s.flags)

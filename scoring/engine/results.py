"""What scoring gives: a line per indicator, the budget line and the table's total, as frozen values.

No wording here: steps are typed (:mod:`scoring.engine.steps`); :mod:`scoring.report` renders results in Chinese
and as JSON.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable
from decimal import Decimal
from typing import Any, Union

import attrs

from scoring.engine.findings import Finding
from scoring.engine.policy import Policy, RuleKind
from scoring.engine.steps import Step
from scoring.numbers import HUNDRED, q2
from scoring.tables.model import Indicator, Table

__all__ = [
    "FLAG_AUDIT",
    "FLAG_OVER",
    "FLAG_SHORT",
    "Audit",
    "BudgetScore",
    "Comparison",
    "Flag",
    "Score",
    "Status",
    "TableScore",
]


class Flag(enum.StrEnum):
    """A mark on a line, by its Chinese label; ``code`` is the stable English code of the JSON contract."""

    OVER = "超额"
    SHORT = "未达标"
    AUDIT = "自评差异"

    @property
    def code(self) -> str:
        return {"超额": "over", "未达标": "short", "自评差异": "audit"}[self.value]


FLAG_OVER, FLAG_SHORT, FLAG_AUDIT = Flag.OVER, Flag.SHORT, Flag.AUDIT


class Status(enum.Enum):
    """How a line ended: 达标, 未达标, 超额, 无法评分, 参考 (a row without 分值: shown, not scored), or 不适用 (its
    rule says a row that does not apply is not assessed, and its actual says 不适用: out of the total and the
    maximum, A12)."""

    MET = "达标"
    SHORT = "未达标"
    OVER = "超额"
    ERROR = "无法评分"
    REFERENCE = "参考"
    NOT_APPLICABLE = "不适用"

    @property
    def code(self) -> str:
        """The stable English code of the JSON contract (``met``, ``short``, ``over``, ``error``, ``reference``,
        ``not_applicable``)."""
        return self.name.lower()


def _evaluated(steps: Steps) -> tuple[Step, ...]:
    return steps() if callable(steps) else steps


def _shown(steps: Steps) -> str:
    return repr(_evaluated(steps))


#: Steps as given, or a function that gives them the first time they are read.
Steps = Union[tuple[Step, ...], Callable[[], tuple[Step, ...]]]  # noqa: UP007 - runtime alias


@attrs.frozen
class Score:
    """The score of one indicator: points (2 dp) or an error, with the rule, flags, warnings and steps.

    ``steps`` may be given as a function: a row scored like one scored before takes that row's points, and its
    own steps are worked out only when read (a batch that reports only points never builds them).
    """

    indicator: Indicator
    points: Decimal | None
    status: Status
    rule: RuleKind | None = None
    ratio: Decimal | None = None
    flags: tuple[Flag, ...] = ()
    warnings: tuple[str, ...] = ()
    _steps: Steps = attrs.field(default=(), alias="steps", eq=_evaluated, hash=False, repr=_shown)
    error: str | None = None
    difference: Decimal | None = None
    #: what the score is a function of, for a row scored through a reader's book (its plan, year, 分值 and 自评得分
    #: as written, 实际完成值): two scores with the same memo differ only in their indicators' unscored cells
    #: (一级/二级指标, source …), so a report may keep what it renders of one for the next; None otherwise
    memo: Hashable | None = attrs.field(default=None, eq=False, hash=False, repr=False)

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps of the explanation (worked out on first reading when given as a function)."""
        steps = self._steps
        if callable(steps):
            steps = steps()
            object.__setattr__(self, "_steps", steps)
        return steps

    @property
    def weight(self) -> Decimal | None:
        """The 分值 of the row."""
        return self.indicator.weight

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (for ``--jobs``) with its steps worked out: the function behind them holds the reader. The memo
        stays behind: it holds the book's plan, which means nothing in another process."""
        fields = (self.points, self.status, self.rule, self.ratio, self.flags, self.warnings, self.steps)
        return (Score, (self.indicator, *fields, self.error, self.difference))


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
class Comparison:
    """A number the sheet reports beside the one computed (its 总分, its 预算执行率 得分)."""

    reported: Decimal
    computed: Decimal

    @property
    def difference(self) -> Decimal:
        """reported − computed, rounded as a score."""
        return q2(self.reported - self.computed)


@attrs.frozen
class Audit:
    """The whole sheet audited: its rows, its 总分 and its 预算执行率 得分 against the computed ones (A9)."""

    tolerance: Decimal
    rows: tuple[Score, ...] = ()  # rows whose self-reported 得分 differs by more than the tolerance
    reported_rows: int = 0  # rows that carry a self-reported 得分
    total: Comparison | None = None
    budget: Comparison | None = None

    @property
    def reported(self) -> bool:
        """Whether the sheet reported any points of its own."""
        return bool(self.reported_rows or self.total or self.budget)

    def differs(self, comparison: Comparison | None) -> bool:
        """Whether a comparison is off by more than the tolerance."""
        return comparison is not None and abs(comparison.difference) > self.tolerance

    @property
    def differences(self) -> int:
        """Rows, total and budget line whose reported points differ from the computed ones."""
        return len(self.rows) + self.differs(self.total) + self.differs(self.budget)


@attrs.frozen
class TableScore:
    """A scored table: lines, budget line, total, maximum, percentage, grade, audit and what is incomplete.

    An incomplete table (a weighted row or the budget line could not be scored) gets no grade: its total is a
    lower bound, and ``grade_note`` says why (A9). ``findings`` are the consistency warnings of A11.
    """

    table: Table
    lines: tuple[Score, ...]
    budget: BudgetScore | None
    total: Decimal
    maximum: Decimal
    percentage: Decimal | None
    grade: str | None
    policy: Policy
    notes: tuple[str, ...] = ()
    audit: Audit = Audit(Decimal("0.1"))
    findings: tuple[Finding, ...] = ()
    grade_note: str | None = None

    @property
    def incomplete(self) -> tuple[tuple[str, str], ...]:
        """The weighted rows (and budget line) that could not be scored, with their reasons."""
        out = [(s.indicator.name, s.error or "") for s in self.lines if s.status is Status.ERROR]
        if self.budget is not None and self.budget.error:
            out.append(("预算执行率", self.budget.error))
        return tuple(out)

    @property
    def unscored(self) -> tuple[Score, ...]:
        """The weighted rows that could not be scored (with their sources, for the reports)."""
        return tuple(s for s in self.lines if s.status is Status.ERROR)

    @property
    def references(self) -> tuple[Score, ...]:
        """Rows without 分值: shown, not scored (A9)."""
        return tuple(s for s in self.lines if s.status is Status.REFERENCE)

    @property
    def exact_percentage(self) -> Decimal | None:
        """total / max × 100 before rounding: what the grade is read from (A9)."""
        return self.total / self.maximum * HUNDRED if self.maximum > 0 else None

    @property
    def complete(self) -> bool:
        """Whether every weighted row and the budget line were scored."""
        return not self.incomplete

    @property
    def audited(self) -> bool:
        """Whether the input carried self-reported points (audit mode)."""
        return self.audit.reported

    @property
    def differences(self) -> tuple[Score, ...]:
        """Lines whose self-reported points differ from the computed ones by more than the tolerance."""
        return self.audit.rows

"""The row being scored (:class:`Work`) and the error that stops it (:class:`RowError`).

A scorer reads the actual through the row's ``Work`` and leaves on it what it notices on the way (warnings,
conversion steps, flags); :mod:`scoring.engine.indicator` turns them into the row's :class:`Score`.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.engine.policy import Policy, RuleKind
from scoring.engine.results import Flag
from scoring.engine.steps import Step
from scoring.language.errors import ParseError
from scoring.language.reader import Reader
from scoring.language.targets import Described, Target
from scoring.tables.model import Indicator

__all__ = ["RowError", "Work"]


class RowError(Exception):
    """A row that cannot be scored; the message (Chinese) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Work:
    """One row being scored: its inputs, and what scoring collects on the way (a plain class: one per row)."""

    __slots__ = ("actual_part", "flags", "indicator", "pending_note", "policy", "reader", "reverse", "rule", "steps",
                 "warnings", "year")  # fmt: skip

    def __init__(
        self,
        indicator: Indicator,
        rule: RuleKind,
        year: int | None,
        policy: Policy,
        reader: Reader,
        reverse: bool = False,
        warnings: list[str] | None = None,
        actual_part: Target | None = None,
    ) -> None:
        self.indicator = indicator
        self.rule = rule
        self.year = year
        self.policy = policy
        self.reader = reader
        #: the target is 反向: written ≤/<, or a bare value on a less-is-better name (A2)
        self.reverse = reverse
        self.warnings: list[str] = [] if warnings is None else warnings
        self.steps: list[Step] = []
        self.flags: list[Flag] = []
        #: a rule-mismatch warning given once the actual has been read
        self.pending_note = ""
        #: one part of a several-valued row (``300人、50人``): its actual, already read, replaces the cell's
        self.actual_part = actual_part

    @property
    def actual_text(self) -> str:
        """The actual as written (the part's, for one part of a several-valued row)."""
        return str(self.actual_part) if self.actual_part is not None else self.indicator.actual or ""

    def actual_read(self) -> None:
        """The actual has been read: give the pending warning, if any."""
        if self.pending_note:
            self.warnings.append(self.pending_note)
            self.pending_note = ""

    @property
    def weight(self) -> Decimal:
        assert self.indicator.weight is not None  # checked before any scorer runs
        return self.indicator.weight

    def read_actual(self) -> Target:
        if self.actual_part is not None:
            return self.actual_part
        try:
            actual = self.reader.actual(self.indicator.actual or "", self.year)
        except ParseError as exc:
            raise RowError(f"实际完成值无法识别：{exc.render(context=False)}") from exc
        if isinstance(actual, Described):
            self.warnings.append(f"实际完成值“{actual.text}”含说明文字，按{actual.target}计")
            return actual.target
        return actual

"""Score one row: the compiled row's scorer applied to its actual, then its flags and the audit of its 得分.

``score_indicator`` scores a lone :class:`Indicator` (compiling it first); ``score_row`` scores a row of a
:class:`CompiledTable`. A row that cannot be scored gives a Score with ``error`` — never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scoring.engine.choose import Shape, apply
from scoring.engine.compile import CompiledRow, compile_row
from scoring.engine.policy import Policy
from scoring.engine.results import FLAG_AUDIT, FLAG_OVER, FLAG_SHORT, Score, Status
from scoring.engine.scorers import RowError, Work
from scoring.engine.several import score_parts
from scoring.engine.steps import Num, Pts, StepKind, step
from scoring.language.reader import Reader, default_reader
from scoring.language.targets import Several
from scoring.numbers import q2
from scoring.tables.model import Indicator

__all__ = ["score_indicator", "score_row"]


def score_indicator(
    indicator: Indicator,
    year: int | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
) -> Score:
    """Score one row against its actual (A1–A8); a row that cannot be scored gives a Score with ``error``."""
    chosen = Policy.layered(policy)
    reader = reader or default_reader()
    return score_row(compile_row(indicator, year, chosen, reader), year, chosen, reader)


def score_row(row: CompiledRow, year: int | None, policy: Policy, reader: Reader) -> Score:
    """Score a compiled row: choose its scorer (A1), run it, flag 超额/未达标 (A8) and audit its 得分 (A9)."""
    indicator = row.indicator
    if row.error is None and indicator.weight is None:
        return Score(indicator, None, Status.REFERENCE)
    if row.error is not None or row.target is None or row.rule is None or row.shape is None:
        return Score(indicator, None, Status.ERROR, error=row.error)
    reverse = row.shape in (Shape.REVERSE, Shape.BARE_REVERSE)
    work = Work(indicator, row.rule, year, policy, reader, reverse=reverse, warnings=list(row.notes))
    try:
        if indicator.actual is None or not indicator.actual.strip():
            raise RowError("未填写实际完成值")
        if isinstance(row.target, Several):
            outcome = score_parts(work, row.target, row.rule_written, row.less_is_better)
        else:
            outcome = apply(work, row.shape, row.target)
    except RowError as exc:
        return Score(
            indicator,
            None,
            Status.ERROR,
            rule=row.rule,
            warnings=tuple(work.warnings),
            steps=tuple(work.steps),
            error=exc.message,
        )
    work.steps.extend(outcome.steps)
    if not outcome.achieved:
        work.flags.append(FLAG_SHORT)
    difference = None
    if indicator.reported is not None:
        difference = indicator.reported - outcome.points
        work.steps.append(
            step(
                StepKind.AUDIT,
                reported=Num(indicator.reported, written=True),
                points=Pts(outcome.points),
                difference=Pts(q2(difference)),
            )
        )
        if abs(difference) > policy.tolerance:
            work.flags.append(FLAG_AUDIT)
    if FLAG_OVER in work.flags:
        status = Status.OVER
    elif outcome.achieved:
        status = Status.MET
    else:
        status = Status.SHORT
    return Score(
        indicator,
        outcome.points,
        status,
        rule=row.rule,
        ratio=outcome.ratio,
        flags=tuple(dict.fromkeys(work.flags)),
        warnings=tuple(work.warnings),
        steps=tuple(work.steps),
        difference=difference,
    )

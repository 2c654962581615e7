"""Score one row: the compiled row's scorer applied to its actual, then its flags and the audit of its 得分.

``score_indicator`` scores a lone :class:`Indicator` (compiling it first); ``score_row`` scores a row of a
:class:`CompiledTable`. A row that cannot be scored gives a Score with ``error`` — never an exception.

A row's score depends on its plan (its texts compiled), 分值, 实际完成值, 自评得分 and the year, nothing else: a
row whose plan's book (:class:`~scoring.engine.compile.Book`) holds a score for the same values gets that score
with its own indicator, so a province's recurring rows (``≥95%`` met by ``100%``) are scored once.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping
from typing import Any

from scoring.engine.choose import Shape, apply
from scoring.engine.compile import CompiledRow, compile_row
from scoring.engine.policy import Policy
from scoring.engine.results import FLAG_AUDIT, FLAG_OVER, FLAG_SHORT, Score, Status
from scoring.engine.scorers import RowError, Work
from scoring.engine.several import score_parts
from scoring.engine.steps import Num, Pts, Step, StepKind, step
from scoring.engine.written import not_assessed
from scoring.language.reader import Reader, default_reader
from scoring.language.targets import Several
from scoring.numbers import RANGE_WORDS, fits, q2, written
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
    book = row.book
    if book is None or book.policy is not policy or book.reader() is not reader:
        return _score(row, year, policy, reader)
    # the plan itself (hashed by identity; a key holding it keeps its identity unique); 分值 and 自评得分 by their
    # writing, which the steps and warnings show (2.5 is not 2.50, 9 is not 9.0)
    reported = indicator.reported
    key = (row.plan, year, str(indicator.weight), indicator.actual, None if reported is None else str(reported))
    parts = book.scores.get(key)
    if parts is not None:
        points, status, rule, ratio, flags, warnings, error, difference = parts
        steps = functools.partial(_steps, row, year, policy, reader)
        return Score(indicator, points, status, rule, ratio, flags, warnings, steps, error, difference, key)
    score = _score(row, year, policy, reader, key)
    # kept without its steps: a score kept is a few plain values, which the garbage collector need not walk
    book.scores.put(key, (score.points, score.status, score.rule, score.ratio, score.flags, score.warnings,
                          score.error, score.difference))  # fmt: skip
    return score


def _steps(row: CompiledRow, year: int | None, policy: Policy, reader: Reader) -> tuple[Step, ...]:
    """The steps of a row whose points were taken from a row scored before: the row scored again."""
    return _score(row, year, policy, reader).steps


def _score(row: CompiledRow, year: int | None, policy: Policy, reader: Reader, memo: Hashable | None = None) -> Score:
    """Score a row that can be scored (it has a target, a rule and a 分值); ``memo`` is its key in the book."""
    indicator = row.indicator
    assert row.rule is not None
    assert row.shape is not None
    assert row.target is not None
    reverse = row.shape in (Shape.REVERSE, Shape.BARE_REVERSE)
    work = Work(indicator, row.rule, year, policy, reader, reverse=reverse, warnings=list(row.notes))
    if row.plan is not None and row.plan.written is not None and not_assessed(row.plan.written, indicator.actual):
        note = f"赋分规则“{indicator.rule.strip()}”：实际完成值为“{indicator.actual}”，不考核该指标，不计入总分和满分"
        return Score(indicator, None, Status.NOT_APPLICABLE, rule=row.rule, warnings=(note,))
    try:
        if indicator.actual is None or not indicator.actual.strip():
            raise RowError("未填写实际完成值")
        if isinstance(row.target, Several):
            outcome = score_parts(work, row.target, row.rule_written, row.less_is_better)
        else:
            outcome = apply(work, row.shape, row.target, row.choice)
    except RowError as exc:
        return Score(
            indicator,
            None,
            Status.ERROR,
            rule=row.rule,
            warnings=tuple(work.warnings),
            steps=tuple(work.steps),
            error=exc.message,
            memo=memo,
        )
    work.steps.extend(outcome.steps)
    if not outcome.achieved:
        work.flags.append(FLAG_SHORT)
    difference = None
    if indicator.reported is not None and not fits(indicator.reported):
        # a 30-digit or 1E+308 得分 is a typing or export error: flagged, not subtracted
        shown = written(indicator.reported) if len(written(indicator.reported)) <= 24 else f"{indicator.reported:.6e}"
        work.warnings.append(f"自评得分“{shown}”超出范围（{RANGE_WORDS}），未与计算得分比较")
        work.flags.append(FLAG_AUDIT)
    elif indicator.reported is not None:
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
        flags=tuple(work.flags) if len(work.flags) < 2 else tuple(dict.fromkeys(work.flags)),
        warnings=tuple(work.warnings),
        steps=tuple(work.steps),
        difference=difference,
        memo=memo,
    )

"""A row whose 指标值 holds several values (``300人、50人``): each part is scored with its share of the weight.

The actual must hold as many parts, in the same order (``280人、45人``). Each part is scored with the row's whole
weight by its own rule (the row's 赋分规则, or the default for the part's shape, A1); the row's points are their
mean, rounded once: ``(9.33 + 9.00) ÷ 2 = 9.17`` — the same as giving each part ``w ÷ n`` of the weight. The row is
达标 only when every part is.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.engine.choose import DEFAULT_RULES, apply, shape_of
from scoring.engine.rules import Outcome
from scoring.engine.scorers import RowError, Work
from scoring.engine.steps import Num, Pts, StepKind, step
from scoring.language.targets import Described, Several, Target
from scoring.numbers import q2

__all__ = ["score_parts"]


def _actual_parts(work: Work, count: int, target: Several) -> tuple[Target, ...]:
    actual = work.read_actual()
    parts = actual.parts if isinstance(actual, Several) else (actual,)
    if len(parts) != count:
        raise RowError(
            f"指标值有{count}项（{target}），实际完成值应同样按顺序写{count}项、用“、”分隔，却是“{work.actual_text}”"
        )
    return tuple(p.target if isinstance(p, Described) else p for p in parts)


def score_parts(work: Work, target: Several, rule_written: bool, less_is_better: bool) -> Outcome:
    """Score every part of a several-valued row and give the row the mean of their points."""
    count = len(target.parts)
    actuals = _actual_parts(work, count, target)
    points: list[Decimal] = []
    achieved = True
    for index, (part, actual) in enumerate(zip(target.parts, actuals, strict=True), start=1):
        shape = shape_of(part, less_is_better)
        rule = work.rule if rule_written else DEFAULT_RULES[shape]
        reverse = shape.name.endswith("REVERSE")
        sub = Work(work.indicator, rule, work.year, work.policy, work.reader, reverse=reverse, actual_part=actual)
        work.steps.append(step(StepKind.PART, index=index, target=str(part), actual=str(actual)))
        try:
            outcome = apply(sub, shape, part)
        except RowError as exc:
            raise RowError(f"第{index}项（指标值{part}，实际完成值{actual}）：{exc.message}") from exc
        finally:
            work.warnings.extend(f"第{index}项：{w}" for w in sub.warnings)
            work.flags.extend(sub.flags)
        work.steps.extend((*sub.steps, *outcome.steps))
        points.append(outcome.points)
        achieved = achieved and outcome.achieved
    total = sum(points, Decimal(0))
    mean = q2(total / count)
    summary = step(StepKind.PARTS_MEAN, total=Pts(total), n=count, points=Pts(mean), w=Num(work.weight))
    return Outcome(mean, None, achieved, (summary,))

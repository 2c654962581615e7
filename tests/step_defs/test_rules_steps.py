"""Steps of features/rules/: 赋分规则 written out in words (issue #9), scored through the library.

Every scoring step calls :func:`scoring.engine.indicator.score_indicator` and renders the explanation with
:func:`scoring.report.wording.explain`, so what a feature asserts is what a user reads. A rule that is refused is
read with :func:`scoring.language.rule_reader.parse_rule`, whose :class:`ParseError` names the 1-based column.
Values arrive as text; they are NFKC-normalised (:mod:`step_values`) before being read as numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from step_values import number as _number
from step_values import text as _text

from scoring.engine import Score, score_indicator
from scoring.language.errors import ParseError
from scoring.language.rule_reader import parse_rule
from scoring.report import explain
from scoring.tables.model import Indicator

scenarios("rules")

#: Chinese names of the rule families (rule_model), as the specs name them.
FAMILIES = {
    "按比例": "Proportional", "全有全无": "AllOrNothing", "按步长": "Stepped", "分档": "Tiered",
    "情形": "Categorical", "要素": "Elements", "评判等级": "Graded", "默认规则": "Default",
}  # fmt: skip


@attrs.define
class Context:
    """What a scenario builds up: the row's cells, the policy, and what scoring or reading gave."""

    rule: str = ""
    target: str = ""
    weight: Decimal | None = None
    reported: Decimal | None = None
    name: str = "三级指标"
    policy: dict[str, Any] = attrs.field(factory=dict)
    score: Score | None = None
    error: ParseError | None = None
    family: str = ""


@pytest.fixture
def ctx() -> Context:
    """A fresh scenario context."""
    return Context()


def _scored(ctx: Context) -> Score:
    if ctx.score is None:
        pytest.fail("尚未计分：缺少“当实际完成值为…”步骤")
    return ctx.score


# --- given ------------------------------------------------------------------------------------------------------
@given(parsers.parse('赋分规则为"{rule}"'))
def rule_is(ctx: Context, rule: str) -> None:
    """The 赋分规则 exactly as written (no normalisation: the reader does its own)."""
    ctx.rule = rule


@given(parsers.parse('三级指标为"{name}"'))
def name_is(ctx: Context, name: str) -> None:
    """The row's 三级指标 name."""
    ctx.name = name


@given(parsers.parse('指标值为"{target}"，分值为{weight}分'))
def target_and_weight(ctx: Context, target: str, weight: str) -> None:
    """The row's 指标值 and 分值."""
    ctx.target, ctx.weight = target, _number(weight)


@given(parsers.parse("自评得分为{reported}分"))
def reported_is(ctx: Context, reported: str) -> None:
    """A self-reported 得分 (the 得分 column)."""
    ctx.reported = _number(reported) if _text(reported) not in ("", "无", "-") else None


@given("不足一个步长的部分也按比例计分")
def partial_steps(ctx: Context) -> None:
    """The policy option partial_steps on (default: only whole steps count)."""
    ctx.policy["partial_steps"] = True


# --- when -------------------------------------------------------------------------------------------------------
@when(parsers.parse('实际完成值为"{actual}"'))
def actual_is(ctx: Context, actual: str) -> None:
    """Score the row."""
    row = Indicator(name=ctx.name, target=ctx.target, weight=ctx.weight, rule=ctx.rule, actual=actual,
                    reported=ctx.reported)  # fmt: skip
    ctx.score = score_indicator(row, year=2026, policy=ctx.policy or None)


@when("读取该赋分规则")
def read_rule(ctx: Context) -> None:
    """Read the rule alone."""
    try:
        ctx.family = type(parse_rule(ctx.rule).family).__name__
    except ParseError as exc:
        ctx.error = exc


# --- then -------------------------------------------------------------------------------------------------------
@then(parsers.parse("得分为{points}分"))
def points_are(ctx: Context, points: str) -> None:
    """The points (2 dp)."""
    score = _scored(ctx)
    assert score.points == _number(points), f"得分为{score.points}，应为{points}；说明：{explain(score)}"


@then(parsers.parse('说明包含"{words}"'))
def explanation_has(ctx: Context, words: str) -> None:
    """A fragment of the Chinese explanation (steps, then 无法评分 and 注意 lines)."""
    shown = explain(_scored(ctx))
    assert words in shown, f"说明中没有“{words}”：{shown}"


@then(parsers.parse('提示包含"{words}"'))
def warning_has(ctx: Context, words: str) -> None:
    """One of the row's warnings contains the words."""
    score = _scored(ctx)
    assert any(words in w for w in score.warnings), f"提示中没有“{words}”：{score.warnings}"


@then(parsers.parse('没有提示包含"{words}"'))
def no_warning_has(ctx: Context, words: str) -> None:
    """No warning of the row contains the words."""
    score = _scored(ctx)
    assert not any(words in w for w in score.warnings), f"提示中不应有“{words}”：{score.warnings}"


@then(parsers.parse('无法评分，原因包含"{words}"'))
def row_error(ctx: Context, words: str) -> None:
    """The row could not be scored, for the reason given."""
    score = _scored(ctx)
    assert score.points is None, f"应无法评分，却得{score.points}分"
    assert score.error is not None
    assert words in score.error, f"原因中没有“{words}”：{score.error}"


@then(parsers.parse('标记包含"{flag}"'))
def flags_have(ctx: Context, flag: str) -> None:
    """A flag of the row (超额, 未达标, 自评差异)."""
    shown = [f.value for f in _scored(ctx).flags]
    assert flag in shown, f"标记为{shown}，应含“{flag}”"


@then(parsers.parse('没有"{flag}"标记'))
def flags_lack(ctx: Context, flag: str) -> None:
    """The row does not carry the flag."""
    shown = [f.value for f in _scored(ctx).flags]
    assert flag not in shown, f"标记为{shown}，不应含“{flag}”"


@then(parsers.parse('读作"{family}"'))
def family_is(ctx: Context, family: str) -> None:
    """The rule reads as the family named (按步长, 分档, 情形 …)."""
    assert ctx.error is None, f"规则被拒绝：{ctx.error}"
    assert ctx.family == FAMILIES[_text(family)], f"读作{ctx.family}，应为{family}"


@then(parsers.parse("规则被拒绝，位置为第{column}个字"))
def refused_at(ctx: Context, column: str) -> None:
    """The rule is refused at that 1-based column of the text as written."""
    assert ctx.error is not None, f"规则应被拒绝，却读作{ctx.family}"
    assert ctx.error.column == int(_number(column)), f"位置为第{ctx.error.column}个字：{ctx.error}"


@then(parsers.parse('拒绝原因包含"{words}"'))
def refused_because(ctx: Context, words: str) -> None:
    """The Chinese message of the refusal contains the words."""
    assert ctx.error is not None
    assert words in ctx.error.message, f"原因中没有“{words}”：{ctx.error.message}"

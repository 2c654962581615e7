"""Steps of features/scoring/: the auditors' specs of the scoring engine (Part A of scoring-rules.md).

Every step calls the library itself (score_indicator, score_table, score_budget, Policy.from_mapping), so a
feature that passes here is what ``scoring score`` does. Values arrive as text and are converted here and in
:mod:`step_values` (NFKC first, so full-width digits in a step read as ASCII ones).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from step_values import number as _number
from step_values import text as _text

from scoring.engine import (
    BudgetScore,
    Policy,
    PolicyError,
    Score,
    TableScore,
    score_budget,
    score_indicator,
    score_table,
)
from scoring.report import explain
from scoring.tables.model import Budget, Indicator, Table

scenarios("scoring")

#: The rule name the 示例 outline uses for the 预算执行率 line (not a 三级指标 rule).
BUDGET_RULE = "预算执行率"
_WAN = re.compile(r"(-?\d+(?:\.\d+)?)万元")


@attrs.define
class Context:
    """What a scenario builds up: the policy options, the row or table, and what scoring gave."""

    policy: dict[str, Any] = attrs.field(factory=dict)
    table_policy: dict[str, Any] = attrs.field(factory=dict)
    year: int | None = None
    target: str = ""
    weight: Decimal | None = None
    rule: str = ""
    reported: Decimal | None = None
    rows: list[Indicator] = attrs.field(factory=list)
    budget: Budget | None = None
    line: Score | BudgetScore | None = None
    table_score: TableScore | None = None
    policy_error: PolicyError | None = None
    name: str = "三级指标"
    reported_total: Decimal | None = None
    reported_budget: Decimal | None = None
    budget_weight: Decimal | None = None


@pytest.fixture
def ctx() -> Context:
    """A fresh scenario context."""
    return Context()


def _wan(value: str) -> Decimal:
    match = _WAN.search(_text(value))
    if match is None:
        pytest.fail(f"“{value}”中没有以万元计的金额")
    return Decimal(match.group(1))


def _points(value: Decimal | None) -> str:
    return "无" if value is None else str(value)


def _set(mapping: dict[str, Any], key: str, sub: str | None, value: str) -> None:
    if sub is None:
        mapping[key] = value
    else:
        mapping.setdefault(key, {})[sub] = value


def _line(ctx: Context) -> Score | BudgetScore:
    assert ctx.line is not None, "还没有评分（缺少“当…”步骤）"
    return ctx.line


def _score(ctx: Context) -> Score:
    line = _line(ctx)
    assert isinstance(line, Score), "这一步只适用于三级指标"
    return line


def _explanation(line: Score | BudgetScore) -> str:
    return explain(line)


def _table(ctx: Context) -> TableScore:
    assert ctx.table_score is not None, "还没有对指标表评分"
    return ctx.table_score


def _find(ctx: Context, name: str) -> Score:
    for line in _table(ctx).lines:
        if line.indicator.name == name:
            return line
    pytest.fail(f"指标表中没有三级指标“{name}”")


# --- 假如: policy, row, table ------------------------------------------------------------------------------------


@given(parsers.re(r'评分口径"(?P<key>[^"]+)"为"(?P<value>[^"]*)"'))
def _(ctx: Context, key: str, value: str) -> None:
    """A run-level policy option."""
    _set(ctx.policy, key, None, value)


@given(parsers.re(r'评分口径"(?P<key>[^"]+)"中"(?P<sub>[^"]+)"为"(?P<value>[^"]*)"'))
def _(ctx: Context, key: str, sub: str, value: str) -> None:
    """A run-level policy option that is a table (等级, 等级得分, 赋分规则)."""
    _set(ctx.policy, key, sub, value)


@given(parsers.re(r'指标表自带评分口径"(?P<key>[^"]+)"为"(?P<value>[^"]*)"'))
def _(ctx: Context, key: str, value: str) -> None:
    """An option of the table's own [policy] section."""
    _set(ctx.table_policy, key, None, value)


@given(parsers.re(r'指标表自带评分口径"(?P<key>[^"]+)"中"(?P<sub>[^"]+)"为"(?P<value>[^"]*)"'))
def _(ctx: Context, key: str, sub: str, value: str) -> None:
    """A table-valued option of the table's own [policy] section."""
    _set(ctx.table_policy, key, sub, value)


@given(parsers.re(r"指标表年度为(?P<year>\S+?)年"))
def _(ctx: Context, year: str) -> None:
    """The table's year (for 年底前 and dates without a year)."""
    ctx.year = int(_number(year))


@given(parsers.re(r'指标值为"(?P<target>[^"]*)"，分值为(?P<weight>[^"，]+?)分，赋分规则为"(?P<rule>[^"]*)"'))
def _(ctx: Context, target: str, weight: str, rule: str) -> None:
    """One 三级指标 row: 指标值, 分值 and 赋分规则."""
    ctx.target, ctx.weight, ctx.rule = target, _number(weight), rule


@given(parsers.re(r'指标值为"(?P<target>[^"]*)"，分值为(?P<weight>[^"，]+?)分，未写赋分规则'))
def _(ctx: Context, target: str, weight: str) -> None:
    """One 三级指标 row with an empty 赋分规则 cell."""
    ctx.target, ctx.weight, ctx.rule = target, _number(weight), ""


@given(parsers.re(r'三级指标为"(?P<name>[^"]+)"'))
def _(ctx: Context, name: str) -> None:
    """The name of the one row (a name may say that less is better, A2)."""
    ctx.name = name


@given(parsers.re(r"自评表的总分为(?P<total>[^\s，]+?)分"))
def _(ctx: Context, total: str) -> None:
    """The sheet's own 总分 row."""
    ctx.reported_total = _number(total)


@given(parsers.re(r"自评表的预算执行率分值为(?P<weight>[^\s，]+?)分，得分为(?P<points>[^\s，]+?)分"))
def _(ctx: Context, weight: str, points: str) -> None:
    """The sheet's header block: the 预算执行率 line's 分值 and its self-reported 得分."""
    ctx.budget_weight, ctx.reported_budget = _number(weight), _number(points)


@given(parsers.re(r"自评得分为(?P<reported>[^\s，]+?)分"))
def _(ctx: Context, reported: str) -> None:
    """The row's self-reported 得分 (audit mode)."""
    ctx.reported = _number(reported)


@given("指标表如下")
def _(ctx: Context, datatable: list[list[str]]) -> None:
    """Rows of a 绩效目标表: 三级指标 | 指标值 | 分值 | 赋分规则 | 实际完成值 (| 自评得分)."""
    header, *body = datatable
    for cells in body:
        cell = dict(zip(header, cells, strict=True))
        reported = cell.get("自评得分", "").strip()
        ctx.rows.append(
            Indicator(
                name=cell["三级指标"],
                target=cell["指标值"],
                weight=_number(cell["分值"]) if cell["分值"].strip() else None,
                rule=cell.get("赋分规则", ""),
                actual=cell.get("实际完成值") or None,
                reported=_number(reported) if reported else None,
            )
        )


@given(parsers.re(r"全年预算数为(?P<planned>[^，]+?)万元，全年执行数为(?P<spent>[^，]+?)万元"))
def _(ctx: Context, planned: str, spent: str) -> None:
    """The 项目资金 line: 全年预算数 and 全年执行数."""
    ctx.budget = Budget(_number(planned), _number(spent))


# --- 当: scoring ------------------------------------------------------------------------------------------------


def _score_row(ctx: Context, actual: str | None) -> None:
    policy = Policy.from_mapping(ctx.policy)
    if ctx.rule == BUDGET_RULE:
        # the 预算执行率 line of the 示例 table: 指标值 holds 全年预算数, 实际完成值 holds 全年执行数
        assert ctx.weight is not None
        policy = policy.merged({"budget_weight": ctx.weight})
        ctx.line = score_budget(Budget(_wan(ctx.target), _wan(actual or "")), policy)
        return
    row = Indicator(
        name=ctx.name, target=ctx.target, weight=ctx.weight, rule=ctx.rule, actual=actual, reported=ctx.reported
    )
    ctx.line = score_indicator(row, ctx.year, policy)


@when(parsers.re(r'实际完成值为"(?P<actual>[^"]*)"'))
def _(ctx: Context, actual: str) -> None:
    """Score the row with this 实际完成值."""
    _score_row(ctx, actual)


@when("未填写实际完成值")
def _(ctx: Context) -> None:
    """Score the row with an empty 实际完成值."""
    _score_row(ctx, None)


def _score_table(ctx: Context, actuals: dict[str, str | None] | None = None) -> None:
    table = Table(
        title="绩效自评表",
        indicators=tuple(ctx.rows),
        year=ctx.year,
        budget=ctx.budget,
        policy=ctx.table_policy,
        budget_weight=ctx.budget_weight,
        reported_budget=ctx.reported_budget,
        reported_total=ctx.reported_total,
    )
    ctx.table_score = score_table(table, actuals=actuals, policy=ctx.policy)


@when("对指标表评分")
def _(ctx: Context) -> None:
    """Score the whole table (the table's [policy] first, then the run's options on top)."""
    _score_table(ctx)


@when("按以下实际完成值对指标表评分")
def _(ctx: Context, datatable: list[list[str]]) -> None:
    """Score the table with actuals given by 三级指标 name: 三级指标 | 实际完成值."""
    _header, *body = datatable
    _score_table(ctx, {name: value or None for name, value in body})


@when("计算预算执行率")
def _(ctx: Context) -> None:
    """Score the 预算执行率 line alone."""
    assert ctx.budget is not None, "缺少“全年预算数为…万元，全年执行数为…万元”"
    ctx.line = score_budget(ctx.budget, Policy.from_mapping(ctx.policy))


@when("读取评分口径")
def _(ctx: Context) -> None:
    """Read the policy options, keeping the error if they are bad."""
    try:
        Policy.from_mapping(ctx.policy)
    except PolicyError as exc:
        ctx.policy_error = exc
    else:
        ctx.policy_error = None


# --- 那么: one row ---------------------------------------------------------------------------------------------------


@then(parsers.re(r'得分为(?P<points>[^"，]+?)分'))
def _(ctx: Context, points: str) -> None:
    """The points, exactly (two decimals)."""
    line = _line(ctx)
    assert _points(line.points) == _text(points), f"得分为{_points(line.points)}；{_explanation(line)}"


@then(parsers.re(r'无法评分，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The row could not be scored, and says why."""
    line = _line(ctx)
    assert line.points is None, f"得分为{line.points}；{_explanation(line)}"
    assert line.error is not None
    assert text in line.error, line.error


@then(parsers.re(r'说明包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The explanation shows this step."""
    explanation = _explanation(_line(ctx))
    assert text in explanation, explanation


@then(parsers.re(r'状态为"(?P<status>[^"]+)"'))
def _(ctx: Context, status: str) -> None:
    """The row's status: 达标, 未达标, 超额 or 无法评分."""
    assert _score(ctx).status.value == status


@then(parsers.re(r'标记包含"(?P<flag>[^"]+)"'))
def _(ctx: Context, flag: str) -> None:
    """The row carries this flag."""
    assert flag in _score(ctx).flags, _score(ctx).flags


@then(parsers.re(r'没有"(?P<flag>[^"]+)"标记'))
def _(ctx: Context, flag: str) -> None:
    """The row does not carry this flag."""
    assert flag not in _score(ctx).flags, _score(ctx).flags


@then("没有标记")
def _(ctx: Context) -> None:
    """The row carries no flag."""
    assert _score(ctx).flags == ()


@then(parsers.re(r'提示包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """One of the row's warnings says this."""
    warnings = _score(ctx).warnings
    assert any(text in w for w in warnings), warnings


@then("没有提示")
def _(ctx: Context) -> None:
    """The row has no warnings."""
    assert _score(ctx).warnings == ()


@then(parsers.re(r"差异为(?P<difference>[^\s，]+?)分"))
def _(ctx: Context, difference: str) -> None:
    """Self-reported minus computed points, to two decimals."""
    score = _score(ctx)
    assert score.difference is not None, "没有自评得分"
    assert str(score.difference.quantize(Decimal("0.01"))) == _text(difference)


# --- 那么: the table ---------------------------------------------------------------------------------------------------


@then(parsers.re(r"总分为(?P<total>[^，]+?)分，满分为(?P<maximum>[^，]+?)分"))
def _(ctx: Context, total: str, maximum: str) -> None:
    """Total and maximum of the table."""
    ts = _table(ctx)
    assert (str(ts.total), ts.maximum) == (_text(total), _number(maximum))


@then(parsers.re(r'得分率为(?P<percentage>[^，]+?)%，等级为"(?P<grade>[^"]+)"'))
def _(ctx: Context, percentage: str, grade: str) -> None:
    """Percentage (two decimals) and grade of the table."""
    ts = _table(ctx)
    assert (str(ts.percentage), ts.grade) == (_text(percentage), grade)


@then(parsers.re(r'指标"(?P<name>[^"]+)"得分为(?P<points>[^"，]+?)分'))
def _(ctx: Context, name: str, points: str) -> None:
    """The points of one row of the table."""
    line = _find(ctx, name)
    assert _points(line.points) == _text(points), explain(line)


@then(parsers.re(r'指标"(?P<name>[^"]+)"无法评分，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, name: str, text: str) -> None:
    """One row of the table could not be scored, and says why."""
    line = _find(ctx, name)
    assert line.points is None
    assert line.error is not None
    assert text in line.error, line.error


@then(parsers.re(r'指标"(?P<name>[^"]+)"的说明包含"(?P<text>[^"]+)"'))
def _(ctx: Context, name: str, text: str) -> None:
    """The explanation of one row of the table shows this step."""
    line = _find(ctx, name)
    assert text in explain(line), explain(line)


@then(parsers.re(r'不评定等级，说明包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """An incomplete table gets no grade (A9); the note says why."""
    ts = _table(ctx)
    assert ts.grade is None, ts.grade
    assert ts.grade_note is not None
    assert text in ts.grade_note, ts.grade_note


@then(parsers.re(r'参考行为"(?P<names>[^"]*)"'))
def _(ctx: Context, names: str) -> None:
    """Rows without 分值 (joined by 、): shown, not scored (A9)."""
    assert "、".join(s.indicator.name for s in _table(ctx).references) == names


@then(parsers.re(r"总分自评(?P<reported>[^，]+?)分，计算(?P<computed>[^，]+?)分，差(?P<difference>[^，]+?)分"))
def _(ctx: Context, reported: str, computed: str, difference: str) -> None:
    """The sheet's 总分 beside the computed total (A9)."""
    comparison = _table(ctx).audit.total
    assert comparison is not None, "自评表没有总分"
    got = (comparison.reported, str(comparison.computed), str(comparison.difference))
    assert got == (_number(reported), _text(computed), _text(difference))


@then(
    parsers.re(r"预算执行率得分自评(?P<reported>[^，]+?)分，计算(?P<computed>[^，]+?)分，差(?P<difference>[^，]+?)分")
)
def _(ctx: Context, reported: str, computed: str, difference: str) -> None:
    """The sheet's 预算执行率 得分 beside the computed one (A9)."""
    comparison = _table(ctx).audit.budget
    assert comparison is not None, "自评表没有预算执行率得分"
    got = (comparison.reported, str(comparison.computed), str(comparison.difference))
    assert got == (_number(reported), _text(computed), _text(difference))


@then(parsers.re(r"审核差异共(?P<count>\d+)处"))
def _(ctx: Context, count: str) -> None:
    """Rows, 总分 and 预算执行率 得分 whose reported points differ by more than the tolerance."""
    assert _table(ctx).audit.differences == int(count)


@then(parsers.re(r'审核发现包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """One of the consistency warnings (A11) says this."""
    messages = [f.message for f in _table(ctx).findings]
    assert any(text in m for m in messages), messages


@then("没有审核发现")
def _(ctx: Context) -> None:
    """No consistency warning (A11)."""
    assert _table(ctx).findings == ()


@then("评分完整")
def _(ctx: Context) -> None:
    """Every row and the budget line were scored."""
    assert _table(ctx).complete, _table(ctx).incomplete


@then(parsers.re(r'评分不完整，未评分的是"(?P<names>[^"]+)"'))
def _(ctx: Context, names: str) -> None:
    """These rows (joined by 、) could not be scored."""
    ts = _table(ctx)
    assert not ts.complete
    assert "、".join(name for name, _ in ts.incomplete) == names


@then(parsers.re(r'备注包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """One of the table's notes says this."""
    notes = _table(ctx).notes
    assert any(text in n for n in notes), notes


@then(parsers.re(r'自评差异的指标为"(?P<names>[^"]*)"'))
def _(ctx: Context, names: str) -> None:
    """The rows flagged 自评差异 (joined by 、)."""
    assert "、".join(s.indicator.name for s in _table(ctx).differences) == names


@then(parsers.re(r"预算执行率得分为(?P<points>[^，]+?)分"))
def _(ctx: Context, points: str) -> None:
    """The points of the 预算执行率 line (alone or in the table)."""
    line = ctx.line if isinstance(ctx.line, BudgetScore) else _table(ctx).budget
    assert line is not None, "没有预算执行率行"
    assert _points(line.points) == _text(points), _explanation(line)


@then(parsers.re(r'预算执行率无法评分，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The 预算执行率 line could not be scored, and says why."""
    line = ctx.line if isinstance(ctx.line, BudgetScore) else _table(ctx).budget
    assert line is not None, "没有预算执行率行"
    assert line.points is None
    assert line.error is not None
    assert text in line.error, line.error


# --- 那么: policy ----------------------------------------------------------------------------------------------------


@then(parsers.re(r'评分口径无效，提示包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The policy options were rejected with this Chinese message."""
    assert ctx.policy_error is not None, "评分口径被接受了"
    assert text in str(ctx.policy_error), str(ctx.policy_error)


@then("评分口径有效")
def _(ctx: Context) -> None:
    """The policy options were accepted."""
    assert ctx.policy_error is None, str(ctx.policy_error)

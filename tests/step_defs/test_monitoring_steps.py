"""Steps of features/monitoring/ (Part C, mid-year monitoring "双监控"), except 读取监控表.feature.

Every step calls the library itself (:func:`scoring.engine.monitor.monitor_table` on a table built here, and
:class:`~scoring.engine.policy.Policy` for the ``monitor`` options), and explanations are rendered with
:func:`scoring.report.wording.step_texts`, so a feature that passes here is what ``scoring monitor`` shows.
Values arrive as text and are NFKC-normalised (:mod:`step_values`) before they are read as numbers.
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

from scoring.engine import Policy, PolicyError
from scoring.engine.monitor import MonitorError, monitor_table
from scoring.engine.monitor_results import MonitorLine, MonitorResult
from scoring.report.wording import step_texts
from scoring.tables.model import Budget, Indicator, Table

scenarios("monitoring/指标进度.feature")
scenarios("monitoring/资金进度.feature")
scenarios("monitoring/项目与偏差说明.feature")

#: Options whose value is a list: written in a step separated by ``,``, ``，`` or ``、``.
LISTS = frozenset({"profile", "时间进度", "cumulative", "累计指标", "level", "时点指标"})
LIGHTS = "红灯|黄灯|绿灯|蓝灯"
_MONTH_COLUMN = re.compile(r"1-(\d+)月执行情况")


@attrs.define
class Context:
    """What a scenario builds up: the row or table, the policy layers, the month, and what monitoring gave."""

    run_policy: dict[str, Any] = attrs.field(factory=dict)
    table_policy: dict[str, Any] = attrs.field(factory=dict)
    year: int | None = 2026
    header_month: int | None = None
    name: str = "三级指标"
    target: str = ""
    cells: dict[str, str] = attrs.field(factory=dict)
    rows: list[Indicator] = attrs.field(factory=list)
    budget: Budget | None = None
    result: MonitorResult | None = None
    error: Exception | None = None


@pytest.fixture
def ctx() -> Context:
    """A fresh scenario context."""
    return Context()


def _option(key: str, value: str) -> Any:
    return [v for v in re.split(r"[,，、]", value) if v.strip()] if key in LISTS else value


def _result(ctx: Context) -> MonitorResult:
    assert ctx.error is None, f"监控失败：{ctx.error}"
    assert ctx.result is not None, "还没有监控（缺少“当…”步骤）"
    return ctx.result


def _only(ctx: Context) -> MonitorLine:
    lines = _result(ctx).lines
    assert len(lines) == 1, "这一步只适用于单行指标"
    return lines[0]


def _find(ctx: Context, name: str) -> MonitorLine:
    for line in _result(ctx).lines:
        if line.name == name:
            return line
    pytest.fail(f"监控表中没有三级指标“{name}”")


def _said(line: MonitorLine) -> str:
    """The row's steps in Chinese, then why it has no light and its warnings (what a reader of the report sees)."""
    parts = list(step_texts(line.steps))
    if line.error:
        parts.append(f"无法判断：{line.error}")
    parts.extend(f"注意：{w}" for w in line.warnings)
    return "；".join(parts)


def _percent(value: Decimal | None) -> str:
    return "无" if value is None else str((value * 100).quantize(Decimal("0.01")))


# --- 假如: policy, month, one row ------------------------------------------------------------------------------


@given(parsers.re(r'监控口径"(?P<key>[^"]+)"为"(?P<value>[^"]*)"'))
def _(ctx: Context, key: str, value: str) -> None:
    """An option of the run's ``[policy.monitor]``."""
    ctx.run_policy.setdefault("monitor", {})[key] = _option(key, value)


@given(parsers.re(r'指标表自带监控口径"(?P<key>[^"]+)"为"(?P<value>[^"]*)"'))
def _(ctx: Context, key: str, value: str) -> None:
    """An option of the table's own ``[policy.monitor]`` section."""
    ctx.table_policy.setdefault("monitor", {})[key] = _option(key, value)


@given(parsers.re(r"指标表年度为(?P<year>\d+)年"))
def _(ctx: Context, year: str) -> None:
    """The table's year (month ends and deadlines are in it)."""
    ctx.year = int(year)


@given("指标表未写年度")
def _(ctx: Context) -> None:
    """A table without a year."""
    ctx.year = None


@given(parsers.re(r"表头写明1-(?P<month>\d+)月执行情况"))
def _(ctx: Context, month: str) -> None:
    """The month the sheet's header names."""
    ctx.header_month = int(month)


@given("表头未写明月份")
def _(ctx: Context) -> None:
    """The sheet's header names no month."""
    ctx.header_month = None


@given(parsers.re(r'三级指标为"(?P<name>[^"]+)"'))
def _(ctx: Context, name: str) -> None:
    """The name of the one row."""
    ctx.name = name


@given(parsers.re(r'指标值为"(?P<target>[^"]*)"'))
def _(ctx: Context, target: str) -> None:
    """The one row's 年度指标值."""
    ctx.target = target


@given(parsers.re(r'1-(?P<month>\d+)月计划值为"(?P<plan>[^"]*)"'))
def _(ctx: Context, month: str, plan: str) -> None:
    """The row's own plan to date."""
    ctx.cells["plan"] = plan


@given(parsers.re(r'(?P<cell>全年预计完成情况|赋分规则|偏差原因|偏差原因类别|完成目标可能性)为"(?P<value>[^"]*)"'))
def _(ctx: Context, cell: str, value: str) -> None:
    """Another cell of the one row."""
    key = {"全年预计完成情况": "expected", "赋分规则": "rule", "偏差原因": "reason", "偏差原因类别": "reason_kind",
           "完成目标可能性": "possibility"}[cell]  # fmt: skip
    ctx.cells[key] = value


# --- 假如: a table ---------------------------------------------------------------------------------------------------

_COLUMNS = {
    "三级指标": "name", "指标值": "target", "全年预计完成情况": "expected", "赋分规则": "rule",
    "偏差原因": "reason", "偏差原因类别": "reason_kind", "完成目标可能性": "possibility", "执行情况": "actual",
}  # fmt: skip


@given("监控表如下")
def _(ctx: Context, datatable: list[list[str]]) -> None:
    """Rows of a monitoring sheet; a ``1-7月执行情况`` column names the month as a real header does."""
    header, *body = datatable
    keys = []
    for title in header:
        month = _MONTH_COLUMN.fullmatch(title)
        if month:
            ctx.header_month = int(month.group(1))
        keys.append(
            "actual" if month else "plan" if re.fullmatch(r"1-\d+月计划值", title) else _COLUMNS.get(title, title)
        )
    for cells in body:
        row = {k: v for k, v in zip(keys, cells, strict=True) if v.strip()}
        ctx.rows.append(Indicator(weight=row.pop("weight", "10"), **{"target": "", **row}))


@given(parsers.re(r"全年预算数为(?P<planned>[^，]+?)万元，1-(?P<month>\d+)月执行数为(?P<spent>[^，]+?)万元"))
def _(ctx: Context, planned: str, month: str, spent: str) -> None:
    """The money: 全年预算数 and 1-m月执行数 (the header's month when no row names one)."""
    ctx.budget = Budget(_number(planned), _number(spent))
    ctx.header_month = ctx.header_month or int(month)


# --- 当: monitoring --------------------------------------------------------------------------------------------


def _monitor(ctx: Context, month: int | None = None, actuals: dict[str, str] | None = None) -> None:
    table = Table(
        title="项目支出绩效目标执行监控表",
        year=ctx.year,
        month=ctx.header_month,
        budget=ctx.budget,
        policy=ctx.table_policy,
        indicators=tuple(ctx.rows),
    )
    try:
        ctx.result = monitor_table(table, month=month, actuals=actuals, policy=ctx.run_policy)
    except (MonitorError, PolicyError) as exc:
        ctx.error = exc


def _one_row(ctx: Context, month: str, actual: str | None) -> None:
    ctx.header_month = int(month)
    ctx.rows = [Indicator(name=ctx.name, target=ctx.target, weight="10", actual=actual, **ctx.cells)]
    _monitor(ctx)


@when(parsers.re(r'1-(?P<month>\d+)月执行情况为"(?P<actual>[^"]*)"'))
def _(ctx: Context, month: str, actual: str) -> None:
    """Monitor the one row with this actual to date (the header says 1-m月执行情况)."""
    _one_row(ctx, month, actual)


@when(parsers.re(r"未填写1-(?P<month>\d+)月执行情况"))
def _(ctx: Context, month: str) -> None:
    """Monitor the one row with an empty actual."""
    _one_row(ctx, month, None)


@when("监控该表")
def _(ctx: Context) -> None:
    """Monitor the table at the month its header names."""
    _monitor(ctx)


@when(parsers.re(r"指定监控月份为(?P<month>\d+)月监控该表"))
def _(ctx: Context, month: str) -> None:
    """Monitor the table at a month given by the run (``--month``)."""
    _monitor(ctx, month=int(month))


@when("按以下执行情况监控该表")
def _(ctx: Context, datatable: list[list[str]]) -> None:
    """Monitor the table with actuals given by name (an actuals file): 三级指标 | 执行情况."""
    _header, *body = datatable
    _monitor(ctx, actuals=dict(body))


@when("读取监控口径")
def _(ctx: Context) -> None:
    """Layer the policies (the table's, then the run's), keeping the error if they are bad."""
    try:
        Policy.layered(ctx.table_policy, ctx.run_policy)
    except PolicyError as exc:
        ctx.error = exc


# --- 那么: one row ---------------------------------------------------------------------------------------------------


@then(parsers.re(rf"亮(?P<light>{LIGHTS})"))
def _(ctx: Context, light: str) -> None:
    """The one row's light."""
    line = _only(ctx)
    assert line.light is not None, _said(line)
    assert line.light.value == light, _said(line)


@then(parsers.re(r'说明包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The one row's explanation shows this step."""
    assert text in _said(_only(ctx)), _said(_only(ctx))


@then(parsers.re(r'说明为"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The one row's explanation, in full."""
    assert _said(_only(ctx)) == text, _said(_only(ctx))


@then(parsers.re(r"完成进度为(?P<p>[^%]+)%"))
def _(ctx: Context, p: str) -> None:
    """The one row's progress, as a percentage to 2 decimals."""
    line = _only(ctx)
    assert _percent(line.progress) == _text(p), _said(line)


@then("没有完成进度")
def _(ctx: Context) -> None:
    """The row's light comes without a progress figure (反向, qualitative, deadline)."""
    assert _only(ctx).progress is None


@then(parsers.re(r"按(?P<kind>累计|时点|定性|时限)指标监控"))
def _(ctx: Context, kind: str) -> None:
    """What kind of target the row was judged as."""
    line = _only(ctx)
    assert line.kind == kind, _said(line)


@then("标记为预计无法完成")
def _(ctx: Context) -> None:
    """The row will miss the year's target."""
    assert _only(ctx).expected_miss, _said(_only(ctx))


@then("未标记预计无法完成")
def _(ctx: Context) -> None:
    """The row is not marked 预计无法完成."""
    assert not _only(ctx).expected_miss, _said(_only(ctx))


@then(parsers.re(r'无法判断，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The one row has no light, and says why."""
    line = _only(ctx)
    assert line.light is None, _said(line)
    assert line.error is not None, line.error
    assert text in line.error, line.error


@then(parsers.re(r'提示包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """One of the row's warnings says this."""
    warnings = _only(ctx).warnings
    assert any(text in w for w in warnings), warnings


@then(parsers.re(r'需要说明"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """One of the row's findings (what must still be explained) says this."""
    findings = _only(ctx).findings
    assert any(text in f for f in findings), findings


@then(parsers.re(r"共有(?P<n>\d+)条需要说明的事项"))
def _(ctx: Context, n: str) -> None:
    """How many findings the one row has."""
    findings = _only(ctx).findings
    assert len(findings) == int(n), findings


@then("没有需要说明的事项")
def _(ctx: Context) -> None:
    """The row needs no explanation."""
    assert _only(ctx).findings == (), _only(ctx).findings


# --- 那么: the table ---------------------------------------------------------------------------------------------------


@then(parsers.re(rf'指标"(?P<name>[^"]+)"亮(?P<light>{LIGHTS})'))
def _(ctx: Context, name: str, light: str) -> None:
    """One row's light."""
    line = _find(ctx, name)
    assert line.light is not None, _said(line)
    assert line.light.value == light, _said(line)


@then(parsers.re(r'指标"(?P<name>[^"]+)"的说明包含"(?P<text>[^"]+)"'))
def _(ctx: Context, name: str, text: str) -> None:
    """One row's explanation shows this step."""
    line = _find(ctx, name)
    assert text in _said(line), _said(line)


@then(parsers.re(r'指标"(?P<name>[^"]+)"无法判断，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, name: str, text: str) -> None:
    """One row has no light, and says why."""
    line = _find(ctx, name)
    assert line.light is None, _said(line)
    assert line.error is not None, line.error
    assert text in line.error, line.error


@then(parsers.re(r'指标"(?P<name>[^"]+)"不适用，不亮灯'))
def _(ctx: Context, name: str) -> None:
    """A row its rule leaves out (不考核该指标, 不适用): no light, no error, not among the rows not judged."""
    line = _find(ctx, name)
    assert (line.light, line.kind, line.error) == (None, "不适用", None), _said(line)
    assert line not in _result(ctx).unjudged


@then(parsers.re(r'资金提示包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """One of the money's warnings says this."""
    budget = _result(ctx).budget
    assert budget is not None
    assert any(text in w for w in budget.warnings), budget.warnings


@then(parsers.re(r'指标"(?P<name>[^"]+)"需要说明"(?P<text>[^"]+)"'))
def _(ctx: Context, name: str, text: str) -> None:
    """One of a row's findings says this."""
    findings = _find(ctx, name).findings
    assert any(text in f for f in findings), findings


@then(parsers.re(r'指标"(?P<name>[^"]+)"没有需要说明的事项'))
def _(ctx: Context, name: str) -> None:
    """A row needs no explanation."""
    assert _find(ctx, name).findings == ()


@then(parsers.re(rf"项目的指标灯为(?P<light>{LIGHTS}|无)"))
def _(ctx: Context, light: str) -> None:
    """The targets' light of the project (its worst row's)."""
    got = _result(ctx).light
    assert (got.value if got else "无") == light, [(x.name, x.light) for x in _result(ctx).lines]


@then(parsers.re(rf"资金亮(?P<light>{LIGHTS})"))
def _(ctx: Context, light: str) -> None:
    """The money's light (C2)."""
    budget = _result(ctx).budget
    assert budget is not None, budget
    assert budget.light is not None, budget
    assert budget.light.value == light, step_texts(budget.steps)


@then(parsers.re(r'资金的说明包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The money's explanation shows this step."""
    budget = _result(ctx).budget
    assert budget is not None
    said = "；".join(step_texts(budget.steps))
    assert text in said, said


@then(parsers.re(r"资金进度为(?P<q>[^%]+)%"))
def _(ctx: Context, q: str) -> None:
    """The money's progress against time, to 2 decimals."""
    budget = _result(ctx).budget
    assert budget is not None
    assert _percent(budget.progress) == _text(q)


@then(parsers.re(r'资金无法判断，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The money has no light, and says why."""
    budget = _result(ctx).budget
    assert budget is not None
    assert budget.light is None
    assert budget.error is not None, budget.error
    assert text in budget.error, budget.error


@then("没有资金灯")
def _(ctx: Context) -> None:
    """Without a budget there is no money light."""
    assert _result(ctx).money_light is None


@then(parsers.re(r"监控月份为(?P<month>\d+)月"))
def _(ctx: Context, month: str) -> None:
    """The month the figures were judged at."""
    assert _result(ctx).month == int(month)


@then(parsers.re(r"监控结果(?P<complete>完整|不完整)"))
def _(ctx: Context, complete: str) -> None:
    """Whether every row (and the money) got a light."""
    assert _result(ctx).complete == (complete == "完整")


@then(parsers.re(r'监控失败，原因包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """Monitoring refused the whole table (the month), and says why."""
    assert isinstance(ctx.error, MonitorError), ctx.error
    assert text in str(ctx.error), str(ctx.error)


@then(parsers.re(r'口径错误包含"(?P<text>[^"]+)"'))
def _(ctx: Context, text: str) -> None:
    """The policy was refused, with this Chinese message."""
    assert isinstance(ctx.error, PolicyError), ctx.error
    assert text in str(ctx.error), str(ctx.error)

"""Steps of features/tables: seed tables scored with their example actuals, audit mode and ``check``."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from scoring.engine import Score, TableScore, score_table
from scoring.engine.check import ERROR, INFO, WARNING, Finding, check_table
from scoring.report import as_dict, explain
from scoring.tables import apply_actuals, load_actuals, load_table
from scoring.tables.model import Budget, Funds, Indicator, Table

scenarios("tables/自评.feature", "tables/审核.feature", "tables/年初检查.feature")

SEED = Path(__file__).resolve().parents[2] / "indicators" / "2026-昌吉州对口援疆办"
SEVERITIES = {"错误": ERROR, "警告": WARNING, "提示": INFO}


@pytest.fixture
def ctx() -> dict[str, Any]:
    return {}


def _rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    header, *body = datatable
    return [dict(zip(header, (cell.strip() for cell in row), strict=True)) for row in body]


def _indicator(row: dict[str, str]) -> Indicator:
    reported = row.get("得分")
    return Indicator(
        name=row["三级指标"],
        target=row["指标值"],
        weight=Decimal(row["分值"]),
        rule=row.get("赋分规则", ""),
        level1=row.get("一级指标", ""),
        level2=row.get("二级指标", ""),
        actual=row.get("实际完成值"),
        reported=Decimal(reported) if reported else None,
    )


def _line(result: TableScore, name: str) -> Score:
    return next(s for s in result.lines if s.indicator.name == name)


@given(parsers.parse('指标表"{name}"'), target_fixture="ctx")
def seed_table(name: str) -> dict[str, Any]:
    return {"name": name, "table": load_table(SEED / f"{name}.toml")}


@when("按它的示例实际完成值评分")
def score_with_example(ctx: dict[str, Any]) -> None:
    table, notes = apply_actuals(ctx["table"], load_actuals(SEED / f"{ctx['name']}.实际完成值.toml"))
    assert notes == ()
    ctx["result"] = score_table(table)


@then(parsers.parse("总分为{total}分，满分为{maximum}分"))
def total_is(ctx: dict[str, Any], total: str, maximum: str) -> None:
    assert ctx["result"].total == Decimal(total)
    assert ctx["result"].maximum == Decimal(maximum)


@then(parsers.parse('等级为"{grade}"'))
def grade_is(ctx: dict[str, Any], grade: str) -> None:
    assert ctx["result"].grade == grade


@then("评分完整")
def is_complete(ctx: dict[str, Any]) -> None:
    assert ctx["result"].complete, ctx["result"].incomplete


@then(parsers.parse('指标"{name}"得分为{points}分'))
def line_points(ctx: dict[str, Any], name: str, points: str) -> None:
    assert str(_line(ctx["result"], name).points) == points


@then(parsers.parse('指标"{name}"的说明包含"{text}"'))
def line_explains(ctx: dict[str, Any], name: str, text: str) -> None:
    assert text in explain(_line(ctx["result"], name))


@then(parsers.parse('指标"{name}"的提醒包含"{text}"'))
def line_warns(ctx: dict[str, Any], name: str, text: str) -> None:
    assert any(text in w for w in _line(ctx["result"], name).warnings)


@then(parsers.parse('指标"{name}"的标记包含"{flag}"'))
def line_flagged(ctx: dict[str, Any], name: str, flag: str) -> None:
    assert flag in _line(ctx["result"], name).flags


@then(parsers.parse("预算执行率为{rate}%，得分为{points}分"))
def budget_line(ctx: dict[str, Any], rate: str, points: str) -> None:
    budget = ctx["result"].budget
    assert as_dict(budget)["rate"] == rate
    assert str(budget.points) == points


# --- audit ------------------------------------------------------------------------------------------------


@given("一张自评表:", target_fixture="ctx")
def self_evaluation(datatable: list[list[str]]) -> dict[str, Any]:
    indicators = tuple(_indicator(row) for row in _rows(datatable))
    return {"table": Table(title="自评表", indicators=indicators, year=2026)}


@when("核对自评得分")
def audit(ctx: dict[str, Any]) -> None:
    ctx["result"] = score_table(ctx["table"])


@when(parsers.parse("按容差{tolerance}分核对自评得分"))
def audit_with(ctx: dict[str, Any], tolerance: str) -> None:
    ctx["result"] = score_table(ctx["table"], policy={"tolerance": tolerance})


@then(parsers.parse('"{name}"自评{reported}分，计算{points}分，标记为"{flag}"'))
def flagged(ctx: dict[str, Any], name: str, reported: str, points: str, flag: str) -> None:
    line = _line(ctx["result"], name)
    assert line.indicator.reported == Decimal(reported)
    assert str(line.points) == points
    assert flag in line.flags


@then(parsers.parse('"{name}"自评{reported}分，计算{points}分，没有"{flag}"标记'))
def not_flagged(ctx: dict[str, Any], name: str, reported: str, points: str, flag: str) -> None:
    line = _line(ctx["result"], name)
    assert line.indicator.reported == Decimal(reported)
    assert str(line.points) == points
    assert flag not in line.flags


@then(parsers.parse("共有{count:d}项自评差异"))
def differences(ctx: dict[str, Any], count: int) -> None:
    assert len(ctx["result"].differences) == count


# --- check -----------------------------------------------------------------------------------------------------


@when(parsers.parse('检查指标表"{name}"'), target_fixture="ctx")
def check_seed(name: str) -> dict[str, Any]:
    return {"findings": check_table(load_table(SEED / f"{name}.toml"))}


@given(parsers.parse("一张{year:d}年的指标表:"), target_fixture="ctx")
def table_of_year(year: int, datatable: list[list[str]]) -> dict[str, Any]:
    indicators = tuple(_indicator(row) for row in _rows(datatable))
    return {"table": Table(title="绩效目标表", indicators=indicators, year=year)}


@given(parsers.parse("一张{year:d}年的指标表，项目资金{funds}万元:"), target_fixture="ctx")
def table_with_funds(year: int, funds: str, datatable: list[list[str]]) -> dict[str, Any]:
    indicators = tuple(_indicator(row) for row in _rows(datatable))
    return {"table": Table(title="绩效目标表", indicators=indicators, year=year, funds=Funds(total=Decimal(funds)))}


@given(parsers.parse("一张{year:d}年的自评表，表头给出预算执行率分值{weight}分:"), target_fixture="ctx")
def sheet_with_budget_weight(year: int, weight: str, datatable: list[list[str]]) -> dict[str, Any]:
    indicators = tuple(_indicator(row) for row in _rows(datatable))
    table = Table(title="绩效自评表", indicators=indicators, year=year, budget_weight=Decimal(weight))
    return {"table": table}


@when("检查这张指标表")
def check_this(ctx: dict[str, Any]) -> None:
    ctx["findings"] = check_table(ctx["table"])


@then(parsers.parse("按全年预算数{planned}万元、全年执行数{spent}万元评分，满分为{maximum}分"))
def scored_maximum(ctx: dict[str, Any], planned: str, spent: str, maximum: str) -> None:
    result = score_table(ctx["table"], budget=Budget(Decimal(planned), Decimal(spent)))
    assert result.maximum == Decimal(maximum)


@then("没有错误")
def no_errors(ctx: dict[str, Any]) -> None:
    findings: tuple[Finding, ...] = ctx["findings"]
    assert not [f for f in findings if f.is_error]


@then(parsers.parse('检查结果包含{severity}"{text}"'))
def has_finding(ctx: dict[str, Any], severity: str, text: str) -> None:
    findings: tuple[Finding, ...] = ctx["findings"]
    matching = [f for f in findings if f.severity == SEVERITIES[severity] and text in f.message]
    assert matching, [f.message for f in findings]

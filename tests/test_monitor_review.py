"""Monitoring fixes after review: the written form reads back, 不适用 rows, the money's checks, zero targets, steps
an auditor can redo, the expected value's wording, per-year counts, dated headers, the summary, the month's type."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import scoring
from scoring.engine.monitor import monitor_table
from scoring.engine.monitor_results import MonitorLine, MonitorResult
from scoring.engine.monitor_rules import Light
from scoring.errors import TableReadError
from scoring.report.monitor_json import monitor_dict
from scoring.report.monitor_text import render_monitor, summary
from scoring.report.monitor_xlsx import monitor_xlsx
from scoring.report.wording import step_texts
from scoring.tables import load_table, months
from scoring.tables.model import Budget, Indicator, Table

R, Y, G, B = Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE


def row(name: str, target: str, actual: str | None = None, **cells: Any) -> Indicator:
    return Indicator(name=name, target=target, weight=cells.pop("weight", "10"), actual=actual, **cells)


def table(*rows: Indicator, month: int | None = 7, **kw: Any) -> Table:
    return Table(title="项目支出绩效目标执行监控表", year=2026, month=month, indicators=rows, **kw)


def one(target: str, actual: str | None, month: int = 7, **cells: Any) -> MonitorLine:
    return monitor_table(table(row(cells.pop("name", "三级指标"), target, actual, **cells), month=month)).lines[0]


def said(line: MonitorLine) -> str:
    return "；".join(step_texts(line.steps))


# --- 8: the written form reads back ----------------------------------------------------------------------------------


def _project() -> Table:
    return table(
        row(
            "新建校舍个数",
            "≥110个",
            "50个",
            level1="产出指标",
            level2="数量指标",
            reason="资金未到位",
            reason_kind="经费保障",
            possibility="有可能",
        ),
        row("评审次数", "≥2次", "2次", level1="产出指标", level2="数量指标"),
        row(
            "单位改造成本",
            "≤48.30万元/套",
            "50万元/套",
            level1="成本指标",
            level2="经济成本指标",
            reason="经费保障：建材涨价",
        ),
        row("培训人次", "≥100人次", "20人次", level1="产出指标", level2="数量指标", reason="疫情影响，培训推迟"),
        row("办学条件改善", "有效改善", "部分达成", level1="效益指标", level2="社会效益指标", expected="达成"),
        row("师生满意度", "≥95%", None, level1="满意度指标", level2="服务对象满意度指标"),
        month=None,
        project="义务教育薄弱环节改善项目",
        budget=Budget(planned="100", spent="48"),
    )


def _essence(result: MonitorResult) -> list[tuple[Any, ...]]:
    return [(ln.name, ln.light, ln.findings, ln.error, ln.indicator.reason) for ln in result.lines]


class TestReadBack:
    def test_the_form_reads_back_to_the_same_lights_and_findings(self, tmp_path: Path) -> None:
        first = monitor_table(_project(), month=7)
        path = tmp_path / "监控表.xlsx"
        path.write_bytes(monitor_xlsx(first))
        again = monitor_table(load_table(path))
        assert again.month == 7
        assert _essence(again) == _essence(first)
        assert (again.light, again.money_light) == (first.light, first.money_light)

    def test_reason_text_has_its_own_cell(self) -> None:
        sheet = openpyxl.load_workbook(io.BytesIO(monitor_xlsx(monitor_table(_project(), month=7)))).active
        assert sheet.cell(10, 13).value == "偏差原因说明"
        assert sheet.cell(11, 13).value == "资金未到位"
        assert sheet.cell(11, 8).value == "√"


# --- 9: 不适用 rows --------------------------------------------------------------------------------------------------


class TestNotApplicable:
    def test_not_assessed_row_is_out_of_the_lights(self) -> None:
        rule = "不考核该指标的，按百分制折算"
        result = monitor_table(table(row("个数", "≥110个", "70个"), row("个数2", "≥110个", "不适用", rule=rule)))
        line = result.lines[1]
        assert (line.light, line.kind, line.error) == (None, "不适用", None)
        assert not result.unjudged
        assert result.complete
        assert result.light is G
        assert "不考核该指标" in said(line)
        document = monitor_dict(result)
        assert document["indicators"][1]["kind"] == "not_applicable"
        assert document["counts"]["not_applicable"] == 1
        assert document["counts"]["unjudged"] == 0
        text = render_monitor(result)
        assert "不适用 1 项" in text
        assert "无法判断 0 项" in text
        sheet = openpyxl.load_workbook(io.BytesIO(monitor_xlsx(result))).active
        assert sheet.cell(12, 15).value.startswith("不适用；赋分规则“不考核该指标的，按百分制折算”")
        assert sheet.cell(12, 6).fill.fgColor.rgb in (None, "00000000")


# --- 10: the money's checks ------------------------------------------------------------------------------------------


class TestMoneyChecks:
    def test_negative_spent_is_an_error(self) -> None:
        result = monitor_table(table(budget=Budget(planned="100", spent="-10")))
        assert result.budget is not None
        assert result.budget.error == "1-7月执行数不能为负数，无法计算执行率"
        assert result.money_light is None

    def test_spent_above_the_budget_is_a_warning(self) -> None:
        result = monitor_table(table(budget=Budget(planned="100", spent="120")))
        assert result.budget is not None
        assert result.money_light is G
        assert result.budget.warnings == ("1-7月执行数120万元超过全年预算数100万元，请核对",)
        assert "注意：1-7月执行数120万元超过全年预算数100万元" in render_monitor(result)
        assert monitor_dict(result)["budget"]["warnings"] == list(result.budget.warnings)

    def test_negative_budget_says_so(self) -> None:
        result = monitor_table(table(budget=Budget(planned="-5", spent="1")))
        assert result.budget is not None
        assert result.budget.error == "全年预算数不能为负数（-5），无法计算执行率"


# --- 11: zero targets ------------------------------------------------------------------------------------------------


class TestZeroTargets:
    @pytest.mark.parametrize(
        ("target", "actual", "light"), [("=0次", "2次", R), ("=0次", "0次", G), ("0次", "1次", R), ("≤0次", "1次", R)]
    )
    def test_equal_zero_is_like_at_most_zero(self, target: str, actual: str, light: Light) -> None:
        line = one(target, actual)
        assert line.light is light, said(line)
        assert ("超过指标值0次" in said(line)) is (light is R)

    def test_at_least_zero_says_any_actual_meets_it(self) -> None:
        line = one("≥0个", "3个")
        assert line.light is G
        assert "指标值为0个，实际完成3个不低于0个即达到指标值，绿灯" in said(line)

    def test_zero_share_says_nothing_is_due(self) -> None:
        profile = ["0%"] * 3 + ["25%", "50%", "60%", "70%", "80%", "90%", "95%", "98%", "100%"]
        result = monitor_table(table(row("甲", "≥110个", "0个"), month=2), policy={"monitor": {"profile": profile}})
        assert result.lines[0].light is G
        assert "尚无应完成的进度" in said(result.lines[0])
        money = monitor_table(
            table(budget=Budget(planned="100", spent="0"), month=2), policy={"monitor": {"profile": profile}}
        )
        assert money.budget is not None
        assert "时间进度为0.00%，尚无应执行的资金，绿灯" in "；".join(step_texts(money.budget.steps))


# --- 12: steps an auditor can redo -----------------------------------------------------------------------------------


class TestStepsRedone:
    def test_progress_from_the_unrounded_plan(self) -> None:
        assert said(one("≥2次", "2次")).startswith(
            "计划进度 = 2次 × 7/12 ≈ 1.17次；完成进度 = 2次 ÷ (2次 × 7/12) = 2 × 12 ÷ (2 × 7) ≈ 171.43%"
        )

    def test_the_issues_example_is_still_recognisable(self) -> None:
        assert said(one("≥110个", "50个")) == (
            "计划进度 = 110个 × 7/12 ≈ 64.17个；完成进度 = 50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7) ≈ 77.92%；"
            "黄灯（60.00% ≤ 完成进度 < 80.00%）"
        )

    def test_an_exact_plan_is_used_as_shown(self) -> None:
        assert said(one("≥120个", "50个")).startswith("计划进度 = 120个 × 7/12 = 70个；完成进度 = 50个 ÷ 70个 ≈ 71.43%")

    def test_money_rounded_rate_uses_approx_and_the_exact_quotient(self) -> None:
        result = monitor_table(table(budget=Budget(planned="26", spent="9")))
        assert result.budget is not None
        text = "；".join(step_texts(result.budget.steps))
        assert "执行率 = 1-7月执行数9万元 ÷ 全年预算数26万元 ≈ 34.62%" in text
        assert "资金进度 = 执行数9万元 ÷ (全年预算数26万元 × 7/12) = 9 × 12 ÷ (26 × 7) ≈ 59.34%" in text

    def test_with_a_time_profile_the_unrounded_plan_is_worked_out(self) -> None:
        profile = ["5%", "10%", "20%", "30%", "40%", "50%", "55.55%", "70%", "80%", "90%", "95%", "100%"]
        result = monitor_table(table(row("甲", "≥7个", "2个"), budget=Budget(planned="26", spent="9")),
                               policy={"monitor": {"profile": profile}})  # fmt: skip
        assert "完成进度 = 2个 ÷ (7个 × 55.55%) = 2 ÷ 3.8885 ≈ 51.43%" in said(result.lines[0])
        assert result.budget is not None
        money = "；".join(step_texts(result.budget.steps))
        assert "资金进度 = 执行数9万元 ÷ (全年预算数26万元 × 55.55%) = 9 ÷ 14.443 ≈ 62.31%" in money

    def test_just_below_a_threshold_says_so(self) -> None:
        line = one("≥100000个", "34999个")  # 34999 × 12 ÷ (100000 × 7) = 59.9982…%
        assert line.light is R
        assert "≈ 60.00%；完成进度为59.998…%，不足60.00%；红灯（完成进度 < 60.00%）" in said(line)


# --- 13: the expected value's wording --------------------------------------------------------------------------------


def test_expected_says_what_the_year_end_rules_give() -> None:
    """E = 100个 under ``≥100个，得10分`` against ≥110个: the step names the year-end status, never "100 reaches 110"."""
    line = one("≥110个", "70个", expected="100个", rule="≥100个，得10分；<100个，得0分")
    text = said(line)
    assert "全年预计完成100个，按年终评分规则评为" in text
    assert "可达到指标值" not in text
    assert ("评为未达标（指标值110个）：预计无法完成" in text) is line.expected_miss
    assert "全年预计完成120个，按年终评分规则评为达标（指标值110个）" in said(one("≥110个", "70个", expected="120个"))


# --- 14: counts per year ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "actual", "kind", "light"),
    [("≥12次/年", "5次/年", "累计", Y), ("≥12万元/年", "5万元/年", "累计", Y), ("≥5%/年", "5%/年", "时点", G)],
)
def test_a_count_per_year_accumulates(target: str, actual: str, kind: str, light: Light) -> None:
    line = one(target, actual)
    assert (line.kind, line.light) == (kind, light), said(line)


# --- 15: dated headers -----------------------------------------------------------------------------------------------


class TestDatedHeaders:
    @pytest.mark.parametrize(
        "header", ["截至7月31日完成情况", "截至2026年7月31日完成情况", "7月31日前完成情况", "截止7月31日执行情况"]
    )
    def test_day_forms(self, header: str) -> None:
        assert months.dated(header) == ("actual", 7)

    @pytest.mark.parametrize(
        ("header", "why"),
        [
            ("1-13月执行情况", "月份应为1至12"),
            ("截至6月31日完成情况", "6月没有31日"),
            ("截至7月15日完成情况", "不是月末"),
        ],
    )
    def test_unreadable_dated_headers(self, header: str, why: str) -> None:
        assert months.dated(header) is None
        assert why in (months.misdated(header) or "")

    def test_sheet_with_a_bad_month_names_the_column(self, tmp_path: Path) -> None:
        path = tmp_path / "m.csv"
        path.write_text("三级指标,指标值,1-13月执行情况\n甲,≥12个,5个\n", encoding="utf-8")
        with pytest.raises(TableReadError, match="第1行第3列“1-13月执行情况”：月份应为1至12"):
            load_table(path)

    def test_day_form_sheet_is_monitored(self, tmp_path: Path) -> None:
        path = tmp_path / "m.csv"
        path.write_text("三级指标,指标值,截至7月31日完成情况\n甲,≥12个,5个\n", encoding="utf-8")
        result = monitor_table(load_table(path))
        assert (result.month, result.lines[0].light) == (7, Y)


# --- 16: the summary counts what it lists ----------------------------------------------------------------------------


def test_money_is_listed_apart_from_the_rows() -> None:
    result = monitor_table(table(row("甲", "≥1个", None), budget=Budget(planned="0", spent="10")))
    lines = summary(result)
    start = lines.index("无法判断的指标 1 项：")
    assert lines[start + 1].startswith("  - 甲")
    assert not any(text.startswith("  - 资金") for text in lines)
    assert "资金无法判断：全年预算数为0，无法计算执行率" in lines


# --- 17: the month's type --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("month", ["7", 7.0, True, Decimal(7)])
def test_month_of_the_wrong_type(month: Any) -> None:
    with pytest.raises(TypeError, match=r"month（监控月份）应为整数"):
        scoring.monitor_table(table(row("甲", "≥1个", "1个")), month=month)

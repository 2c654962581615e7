"""monitor_table end to end on tables built in code (Part C): the month, actuals, units, rows that cannot be
judged, the expected year-end value by the year-end rules, the money, findings, and the policy layers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import Policy
from scoring.engine.monitor import MonitorError, accumulates, monitor_table, month_of
from scoring.engine.monitor_results import MonitorLine, MonitorResult
from scoring.engine.monitor_rules import Light, worst
from scoring.language.reader import default_reader
from scoring.language.targets import Bound, Range
from scoring.report.wording import step_texts
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.model import Budget, Indicator, Table

D = Decimal
R, Y, G, B = Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE


def row(name: str, target: str, actual: str | None = None, **cells: Any) -> Indicator:
    return Indicator(name=name, target=target, weight=cells.pop("weight", "10"), actual=actual, **cells)


def table(*rows: Indicator, month: int | None = 7, year: int | None = 2026, **kw: Any) -> Table:
    return Table(title="项目支出绩效目标执行监控表", year=year, month=month, indicators=rows, **kw)


def one(target: str, actual: str | None, month: int = 7, **cells: Any) -> MonitorLine:
    result = monitor_table(table(row(cells.pop("name", "三级指标"), target, actual, **cells), month=month))
    return result.lines[0]


def said(line: MonitorLine) -> str:
    return "；".join(step_texts(line.steps))


# --- the month -------------------------------------------------------------------------------------------------------


class TestMonth:
    def test_from_the_header(self) -> None:
        assert monitor_table(table(row("甲", "≥1个", "1个"), month=7)).month == 7

    def test_from_the_argument(self) -> None:
        assert monitor_table(table(row("甲", "≥1个", "1个"), month=None), month=6).month == 6

    def test_both_agree(self) -> None:
        assert monitor_table(table(row("甲", "≥1个", "1个"), month=7), month=7).month == 7

    def test_conflict(self) -> None:
        with pytest.raises(MonitorError, match="指定的监控月份为8月，但表头写的是1-7月执行情况，两者不一致"):
            monitor_table(table(row("甲", "≥1个", "1个"), month=7), month=8)

    def test_none(self) -> None:
        with pytest.raises(MonitorError, match="无法确定监控月份"):
            monitor_table(table(row("甲", "≥1个", "1个"), month=None))

    @pytest.mark.parametrize("month", [0, 13, -1])
    def test_argument_out_of_range(self, month: int) -> None:
        with pytest.raises(MonitorError, match="监控月份应为1至12"):
            monitor_table(table(row("甲", "≥1个", "1个"), month=None), month=month)

    def test_header_out_of_range(self) -> None:
        """Regression: a header month of 13 once crashed with calendar.IllegalMonthError."""
        with pytest.raises(MonitorError, match="表头的监控月份应为1至12"):
            monitor_table(table(row("甲", "2026年6月30日前", "进行中"), month=13))

    def test_month_of_is_a_value_error(self) -> None:
        """MonitorError is a ScoringError and a ValueError, for callers that catch either."""
        with pytest.raises(ValueError, match="无法确定监控月份"):
            month_of(table(month=None), None)

    def test_actuals_file_month_counts_as_the_sheets(self) -> None:
        """Regression: a table without a month and an actuals file that names one (1-7月执行情况) was refused."""
        actuals = Actuals((Actual("甲", "50个"),), month=7)
        result = monitor_table(table(row("甲", "≥110个"), month=None), actuals=actuals)
        assert result.month == 7
        assert result.lines[0].light is Y

    @pytest.mark.parametrize(
        ("header", "argument", "where"), [(6, None, "表头为6月"), (None, 8, "指定的监控月份为8月")]
    )
    def test_actuals_file_month_conflict(self, header: int | None, argument: int | None, where: str) -> None:
        actuals = Actuals((Actual("甲", "50个"),), month=7)
        with pytest.raises(MonitorError, match=f"执行情况文件写的是1-7月，但{where}，两者不一致"):
            monitor_table(table(row("甲", "≥110个"), month=header), month=argument, actuals=actuals)


# --- actuals, units, several values -------------------------------------------------------------------------------------


class TestActuals:
    def test_mapping_fills_rows_by_name(self) -> None:
        result = monitor_table(
            table(row("新增设备", "≥110个"), row("满意度", "≥95%", "80%")), actuals={"新增设备": "50个"}
        )
        assert [line.light for line in result.lines] == [Y, G]
        assert "完成进度 = 50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7) ≈ 77.92%" in said(result.lines[0])

    def test_unknown_name_is_a_note(self) -> None:
        result = monitor_table(table(row("新增设备", "≥110个", "50个")), actuals={"新增设备数": "60个"})
        assert any("表中没有三级指标“新增设备数”" in note for note in result.notes)
        assert result.lines[0].light is Y  # the table's own actual stays

    def test_actuals_carry_the_monitoring_cells(self) -> None:
        entry = Actual("新增设备", "50个", expected="100个", reason="经费保障：资金未到位", possibility="有可能")
        result = monitor_table(table(row("新增设备", "≥110个")), actuals=Actuals((entry,)))
        line = result.lines[0]
        assert line.expected_miss
        assert line.light is Y
        assert line.findings == ()

    def test_actuals_budget_replaces_the_tables(self) -> None:
        actuals = Actuals((), budget=Budget(planned="100", spent="70"))
        result = monitor_table(table(budget=Budget(planned="100", spent="10")), actuals=actuals)
        assert result.money_light is G


class TestUnits:
    def test_converted_to_the_targets_unit(self) -> None:
        """A7: 5000万元 against ≥0.5亿元 is 0.5亿元."""
        line = one("≥0.5亿元", "5000万元", month=12)
        assert line.light is G
        assert line.progress == 1
        assert said(line).startswith("换算：5000万元 = 0.5亿元；计划进度 = 0.5亿元 × 12/12 = 0.50亿元")

    def test_converted_at_month_seven(self) -> None:
        line = one("≥0.5亿元", "2500万元")
        assert line.light is G
        assert "完成进度 = 0.25亿元 ÷ (0.5亿元 × 7/12) = 0.25 × 12 ÷ (0.5 × 7) ≈ 85.71%" in said(line)

    def test_bare_number_takes_the_targets_unit(self) -> None:
        line = one("≥110个", "50")
        assert line.light is Y
        assert "未写单位" in said(line)

    def test_fraction_for_a_percentage(self) -> None:
        line = one("≥95%", "0.97")
        assert line.light is G
        assert any("按97%计" in w for w in line.warnings)

    def test_multiplier_without_unit(self) -> None:
        line = one("≤90万元", "60万", name="项目成本")
        assert line.light is Y
        assert line.kind == "累计"

    def test_incompatible_dimension_is_that_rows_error(self) -> None:
        result = monitor_table(table(row("甲", "≤26万元", "5平方米"), row("乙", "≥10个", "10个")))
        assert result.lines[0].light is None
        assert "单位不一致" in (result.lines[0].error or "")
        assert result.lines[1].light is B


class TestRowsThatCannotBeJudged:
    def test_a_bad_cell_is_the_rows_reason_as_at_year_end(self) -> None:
        """A row whose cells had problems (a blank 三级指标) is not judged, as score does not score it."""
        bad = Indicator(name="x", target="≥110个", weight=None, actual="50个", problems=("第2行“三级指标”列：为空",))
        result = monitor_table(table(bad, row("乙", "≥110个", "50个")))
        first, second = result.lines
        assert (first.light, first.error) == (None, "第2行“三级指标”列：为空")
        assert second.light is Light.YELLOW

    @pytest.mark.parametrize(
        ("target", "actual", "error"),
        [
            ("300人、50人", "300人", "一格多值的指标值（如“300人、50人”）请拆成多行后监控"),
            ("≥110个", "30个、20个", "数值指标的实际完成值应为数值"),
            ("≥110个", None, "未填写1-7月执行情况"),
            ("≥110个", "  ", "未填写1-7月执行情况"),
            ("≥110个", "很多", "数值指标的实际完成值应为数值"),
            ("有效保障", "情况良好", "定性指标的1-M月执行情况应为达成、部分达成、未达成或进行中"),
            ("2026年6月30日前", "差不多了", "时效指标的1-M月执行情况应为日期"),
        ],
    )
    def test_error_on_that_row_only(self, target: str, actual: str | None, error: str) -> None:
        result = monitor_table(table(row("甲", target, actual), row("乙", "≥110个", "50个")))
        bad, good = result.lines
        assert bad.light is None, bad.error
        assert error in (bad.error or ""), bad.error
        assert bad.findings == ()
        assert not bad.expected_miss
        assert good.light is Y
        assert result.light is Y
        assert not result.complete
        assert result.unjudged == (bad,)

    def test_unreadable_target(self) -> None:
        line = one("很多很多", "50个")
        assert line.light is None
        assert line.error

    def test_table_without_year_and_dateless_deadline(self) -> None:
        result = monitor_table(table(row("甲", "年底前", "进行中"), year=None))
        assert result.lines[0].light is None
        assert "未写年份" in (result.lines[0].error or "")

    def test_reference_row_is_still_monitored(self) -> None:
        """A row without a 分值 (其中：…) has a target and an actual: it gets a light."""
        line = one("≥110个", "50个", weight=None)
        assert line.light is Y


# --- cumulative or level, plans ---------------------------------------------------------------------------------------


class TestAccumulates:
    @pytest.mark.parametrize(
        ("target", "grows"),
        [
            ("≥110个", True), ("≥5.76亿元", True), ("≥280人次", True), ("≥5000平方米", True), ("100-120个", True),
            ("≥1.5万人次", True), ("≤90万元", True), ("≥95%", False), ("≥100百分比", False), ("≥5个百分点", False),
            ("≥3‰", False), ("≤48.30万元/套", False), ("≥10元/人·月", False), ("≤30天", False), ("≥12个月", False),
            ("≥5年", False), ("≤24小时", False), ("≥90分", False), ("90%-95%", False),
        ],
    )  # fmt: skip
    def test_by_the_target(self, target: str, grows: bool) -> None:
        parsed = default_reader().target(target, 2026)
        assert isinstance(parsed, Bound | Range)
        assert accumulates(row("甲", target), parsed, Policy()) is grows

    def test_name_lists_and_plan(self) -> None:
        parsed = default_reader().target("≥100%", 2026)
        assert isinstance(parsed, Bound)
        policy = Policy.layered({"monitor": {"累计指标": ["资金到位率"], "时点指标": ["培训人次"]}})
        assert accumulates(row("资金到位率", "≥100%"), parsed, policy)
        assert accumulates(row(" 资金到位率 ", "≥100%"), parsed, policy)  # names compared normalised
        counts = default_reader().target("≥100人次", 2026)
        assert isinstance(counts, Bound)
        assert not accumulates(row("培训人次", "≥100人次"), counts, policy)
        assert accumulates(row("培训人次", "≥100人次", plan="50人次"), counts, policy)  # the row's plan first

    def test_name_in_both_lists_is_level(self) -> None:
        parsed = default_reader().target("≥100个", 2026)
        assert isinstance(parsed, Bound)
        policy = Policy.layered({"monitor": {"cumulative": ["甲"], "level": ["甲"]}})
        assert not accumulates(row("甲", "≥100个"), parsed, policy)


class TestPlan:
    def test_plan_in_another_unit(self) -> None:
        line = one("≥0.5亿元", "2500万元", plan="2000万元")
        assert line.light is B
        assert line.kind == "累计"
        assert said(line).endswith(
            "计划进度 = 0.2亿元（1-7月计划值）；完成进度 = 0.25亿元 ÷ 0.2亿元 = 125.00%；蓝灯（完成进度 ≥ 120.00%）"
        )

    def test_plan_that_cannot_be_used_names_the_plan(self) -> None:
        """Regression: the message once said 实际完成值“80元” for a bad 1-7月计划值."""
        line = one("≥110个", "50个", plan="80元")
        assert line.light is None
        assert line.error is not None
        assert line.error.startswith("1-7月计划值“80元”无法使用：")
        assert "实际完成值" not in line.error

    def test_plan_warnings_name_the_plan(self) -> None:
        line = one("≥95%", "50%", plan="0.6")
        assert line.light is G
        assert any(w.startswith("1-7月计划值“0.6”") for w in line.warnings), line.warnings

    def test_plan_beats_the_level_list(self) -> None:
        """Regression: a name in the 时点指标 list once ignored the row's own 1-m月计划值 silently."""
        result = monitor_table(
            table(row("资金到位率", "≥100%", "50%", plan="60%")), policy={"monitor": {"level": ["资金到位率"]}}
        )
        assert result.lines[0].kind == "累计"
        assert result.lines[0].light is G

    def test_cumulative_range_is_judged_against_its_low_end(self) -> None:
        """Regression: 100个 of 100-120个 at July was green (inside the range) though well ahead of time."""
        assert one("100-120个", "100个").light is B
        assert one("100-120个", "60个").light is G
        assert one("90%-95%", "92%").light is G

    def test_cost_ceiling_plan_above_the_year(self) -> None:
        line = one("≤90万元", "95万元", name="项目成本", plan="100万元")
        assert line.light is R


# --- qualitative and deadlines ----------------------------------------------------------------------------------------


class TestDated:
    def test_month_end_of_february_in_a_leap_year(self) -> None:
        result = monitor_table(table(row("甲", "2028年2月29日前", "进行中"), month=2, year=2028))
        assert "截至2028年2月29日" in said(result.lines[0])
        assert result.lines[0].light is R

    def test_table_without_a_year_uses_the_deadlines(self) -> None:
        """Regression: without a table year the month end took today's year (a different light next year)."""
        result = monitor_table(table(row("甲", "2026年10月31日前", "进行中"), year=None))
        assert result.lines[0].light is G
        assert "截至2026年7月31日" in said(result.lines[0])

    @pytest.mark.parametrize(
        ("actual", "light"),
        [("2026年6月30日", G), ("2026年7月1日", R), ("已完成", G), ("按时完成", G), ("进行中", R), ("未完成", R)],
    )
    def test_past_deadline(self, actual: str, light: Light) -> None:
        assert one("2026年6月30日前", actual).light is light

    def test_done_after_the_month_end_is_a_warning(self) -> None:
        line = one("2026年10月31日前", "2026年8月15日")
        assert line.light is G
        assert line.warnings == ("完成日期“2026年8月15日”晚于1-7月的月末2026年7月31日，请核对是否已完成",)

    @pytest.mark.parametrize(("actual", "light"), [("部分达成（75%）", Y), ("达成(95%)", G), ("未达成（20分）", R)])
    def test_qualitative_with_an_evaluators_point(self, actual: str, light: Light) -> None:
        """Regression: 部分达成（75%） (A6's explicit point) once made the row unjudgeable."""
        assert one("有效保障", actual).light is light

    def test_qualitative_targets_own_words(self) -> None:
        line = one("严格执行相关制度规定", "严格执行相关制度规定")
        assert line.light is G
        assert line.kind == "定性"


# --- the expected year-end value -------------------------------------------------------------------------------------


class TestExpected:
    @pytest.mark.parametrize(
        ("target", "actual", "expected", "rule", "miss", "light"),
        [
            ("≥110个", "70个", "100个", "", True, Y),
            ("≥110个", "70个", "110个", "", False, G),
            ("≥110个", "70个", "120个", "", False, G),
            ("≥110个", "20个", "100个", "", True, R),
            ("≥110个", "100个", "100个", "", True, Y),  # blue becomes yellow
            ("≤90万元", "40万元", "95万元", "", True, Y),
            ("≥95%", "96%", "93%", "", True, Y),
            ("有效保障", "进行中", "部分达成", "", True, Y),
            ("2026年10月31日前", "进行中", "2026年11月30日", "", True, Y),
            ("2026年10月31日前", "进行中", "2026年10月15日", "", False, G),
            ("≥110个", "70个", "105个", "每少1个扣1分，扣完为止", True, Y),
            ("≥110个", "70个", "105个", "完成得满分，未完成不得分", True, Y),
            ("≥110个", "70个", "110个", "≥100个，得10分；<100个，得0分", False, G),
            ("≥110个", "70个", "100个", "≥100个，得10分；<100个，得0分", True, Y),  # full points, 未达标 at year end
            ("≥110个", "70个", "99个", "≥100个，得10分；<100个，得0分", True, Y),
            ("≥0.5亿元", "3000万元", "4500万元", "", True, Y),
        ],
    )
    def test_by_the_year_end_rules(
        self, target: str, actual: str, expected: str, rule: str, miss: bool, light: Light
    ) -> None:
        line = one(target, actual, expected=expected, rule=rule)
        assert (line.expected_miss, line.light) == (miss, light), said(line)
        assert ("预计无法完成，至少黄灯" in said(line)) is miss

    def test_unreadable_expected_is_a_warning(self) -> None:
        line = one("≥110个", "70个", expected="不清楚")
        assert line.light is G
        assert not line.expected_miss
        assert any(w.startswith("全年预计完成情况“不清楚”无法判断") for w in line.warnings)

    def test_result_lists_the_misses(self) -> None:
        result = monitor_table(table(row("甲", "≥110个", "70个", expected="100个"), row("乙", "≥110个", "70个")))
        assert [line.name for line in result.expected_misses] == ["甲"]


# --- money, findings, the project ------------------------------------------------------------------------------------


class TestMoney:
    def test_table_budget(self) -> None:
        result = monitor_table(table(budget=Budget(planned="100", spent="40")))
        assert result.budget is not None
        assert result.money_light is Y
        assert result.budget.rate == D("0.4")
        assert result.budget.progress is not None
        assert round(result.budget.progress * 100, 2) == D("68.57")
        assert result.light is None  # no rows: no targets' light, the money's stands alone

    def test_budget_argument_replaces_the_tables(self) -> None:
        result = monitor_table(
            table(budget=Budget(planned="100", spent="10")), budget=Budget(planned="100", spent="60")
        )
        assert result.money_light is G

    def test_planned_zero(self) -> None:
        result = monitor_table(table(row("甲", "≥1个", "1个"), budget=Budget(planned="0", spent="10")))
        assert result.budget is not None
        assert result.budget.error == "全年预算数为0，无法计算执行率"
        assert result.money_light is None
        assert not result.complete

    def test_no_budget(self) -> None:
        result = monitor_table(table(row("甲", "≥1个", "1个")))
        assert result.budget is None
        assert result.money_light is None
        assert result.complete


class TestFindings:
    def test_what_is_missing(self) -> None:
        result = monitor_table(
            table(
                row("甲", "≥110个", "20个"),
                row("乙", "≥110个", "50个", reason="经费保障：资金未到位", possibility="有可能"),
                row("丙", "≥110个", "50个", reason_kind="人员保障", reason="人员保障", possibility="能"),
                row("丁", "≥110个", "60个"),
                row("戊", "≥110个", "60个", expected="100个", reason="资金削减", possibility="不确定"),
            )
        )
        assert result.findings == (
            ("甲", "红灯：未说明偏差原因类别（经费保障、制度保障、人员保障、硬件条件保障、其他）"),
            ("甲", "红灯：未填写偏差原因说明"),
            ("甲", "红灯：未填写完成目标可能性（确定能、有可能、完全不可能）"),
            ("丙", "黄灯：未填写偏差原因说明"),
            ("戊", "黄灯、预计无法完成：未说明偏差原因类别（经费保障、制度保障、人员保障、硬件条件保障、其他）"),
            ("戊", "黄灯、预计无法完成：完成目标可能性“不确定”应为确定能、有可能、完全不可能之一"),
        )


class TestPolicyLayers:
    def test_table_then_run(self) -> None:
        """Thresholds per table ([policy.monitor]) and per run; the run's win, the others stay."""
        rows = (row("甲", "≥100%", "55%"), row("乙", "≥100%", "85%"))
        own = {"monitor": {"red_below": "50%", "yellow_below": "90%"}}
        assert [x.light for x in monitor_table(table(*rows, policy=own)).lines] == [Y, Y]
        run = monitor_table(table(*rows, policy=own), policy={"monitor": {"黄灯阈值": "85%"}})
        assert [x.light for x in run.lines] == [Y, G]
        assert run.policy.monitor.red_below == D("0.5")

    def test_run_policy_object(self) -> None:
        policy = Policy.layered({"monitor": {"red_below": "50%"}})
        assert monitor_table(table(row("甲", "≥100%", "55%")), policy=policy).lines[0].light is Y

    def test_time_profile_from_the_table(self) -> None:
        profile = ["5%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "95%", "100%"]
        result = monitor_table(table(row("甲", "≥110个", "50个"), policy={"monitor": {"profile": profile}}))
        assert said(result.lines[0]).startswith("计划进度 = 110个 × 60.00% = 66个")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=250), min_size=1, max_size=6), st.integers(1, 12))
def test_project_light_is_the_worst_row(actuals: list[int], month: int) -> None:
    """End to end: the project's light is the worst row's, blue only when every row is blue."""
    rows = tuple(row(f"指标{i}", "≥100个", f"{a}个") for i, a in enumerate(actuals))
    result: MonitorResult = monitor_table(table(*rows, month=month))
    lights = [line.light for line in result.lines]
    assert None not in lights
    assert result.light is worst([x for x in lights if x is not None])
    assert result.light is not None
    assert result.light.rank == min(x.rank for x in lights if x is not None)

"""Unit tests of scoring.engine: score_indicator, score_budget and score_table against Part A."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import jsonschema
import pytest

from scoring.engine import (
    FLAG_AUDIT,
    FLAG_OVER,
    FLAG_SHORT,
    Policy,
    RuleKind,
    Score,
    Status,
    score_budget,
    score_indicator,
    score_table,
)
from scoring.language import Reader
from scoring.report import as_dict, explain, step_texts
from scoring.report.json import schema
from scoring.tables.model import Budget, Indicator, Table

D = Decimal
PROPORTIONAL = "按照完成比例赋分"
DIRECT = "直接赋分"
GRADED = "按评判等级赋分"
SATISFACTION = "满意度赋分"


def row(
    target: str,
    actual: str | None,
    weight: str | int = 10,
    rule: str = PROPORTIONAL,
    name: str = "指标",
    reported: str | None = None,
) -> Indicator:
    """An indicator row as a table file would give it."""
    return Indicator(
        name=name,
        target=target,
        weight=D(weight),
        rule=rule,
        actual=actual,
        reported=None if reported is None else D(reported),
    )


def score(
    target: str,
    actual: str | None,
    weight: str | int = 10,
    rule: str = PROPORTIONAL,
    year: int | None = None,
    policy: Policy | None = None,
    reported: str | None = None,
) -> Score:
    """Score one row."""
    return score_indicator(row(target, actual, weight, rule, reported=reported), year, policy)


class TestWorkedExamples:
    """Every worked example of Part A §A10, with its exact points."""

    @pytest.mark.parametrize(
        ("target", "actual", "weight", "rule", "points"),
        [
            ("≥110个", "121个", 10, PROPORTIONAL, "10.00"),
            ("≥110个", "88个", 10, PROPORTIONAL, "8.00"),
            ("=100%", "97%", 5, PROPORTIONAL, "4.85"),
            ("<=5%", "6%", 5, PROPORTIONAL, "4.17"),
            ("<=48.30万元/套", "46万元/套", 5, PROPORTIONAL, "5.00"),
            ("2026年6月30日前", "2026年7月1日", 3, DIRECT, "0.00"),
            ("有效保障", "达成", 20, GRADED, "20.00"),
            ("> =96%", "90%", 10, SATISFACTION, "9.38"),
        ],
    )
    def test_row(self, target: str, actual: str, weight: int, rule: str, points: str) -> None:
        """The row scores exactly the example's points, with two decimals."""
        result = score(target, actual, weight, rule)
        assert result.error is None
        assert str(result.points) == points

    def test_121_of_110_is_below_the_over_flag(self) -> None:
        """110% is achieved without the 超额 flag."""
        result = score("≥110个", "121个")
        assert result.status is Status.MET
        assert result.flags == ()

    def test_budget_line(self) -> None:
        """43.70 spent of 46.00 planned gives 9.50."""
        line = score_budget(Budget(D("46.00"), D("43.70")))
        assert line.points == D("9.50")
        assert line.rate == D("0.95")
        assert line.weight == D(10)


class TestProportional:
    """按照完成比例赋分 on 正向, 反向 and ``=`` targets (A2–A4)."""

    def test_steps_of_99_of_110(self) -> None:
        """The flow of style.md: 99个 against ≥110个 gives 9.00 with two steps."""
        result = score("≥110个", "99个")
        assert result.points == D("9.00")
        assert result.rule is RuleKind.PROPORTIONAL
        assert step_texts(result.steps) == ("完成率 = 99个 ÷ 110个 = 90.00%", "得分 = 10 × 90.00% = 9.00")
        assert explain(result) == "完成率 = 99个 ÷ 110个 = 90.00%；得分 = 10 × 90.00% = 9.00"
        assert result.status is Status.SHORT
        assert result.flags == (FLAG_SHORT,)

    def test_at_target(self) -> None:
        """A = T is achieved, full weight, no flags."""
        result = score("≥110个", "110个")
        assert result.points == D("10.00")
        assert result.status is Status.MET
        assert result.flags == ()

    def test_zero_actual(self) -> None:
        """A = 0 gives 0.00."""
        assert score("≥110个", "0个").points == D("0.00")

    def test_negative_actual(self) -> None:
        """A negative actual gives 0.00."""
        assert score("≥110个", "-5个").points == D("0.00")

    def test_zero_target(self) -> None:
        """T = 0 with A ≥ 0 gives w."""
        assert score("≥0个", "0个").points == D("10.00")

    def test_no_rule_numeric_is_proportional(self) -> None:
        """With no rule written, a numeric target is scored proportionally."""
        result = score("≥110个", "99个", rule="")
        assert result.rule is RuleKind.PROPORTIONAL
        assert result.points == D("9.00")

    def test_reverse_inverse(self) -> None:
        """≤100个 with 150个 gives 6.67 by default."""
        assert score("≤100个", "150个").points == D("6.67")

    def test_reverse_linear(self) -> None:
        """≤100个 with 150个 gives 5.00 under the linear option."""
        result = score("≤100个", "150个", policy=Policy.from_mapping({"reverse": "linear"}))
        assert result.points == D("5.00")
        assert "线性扣分" in explain(result)

    def test_reverse_linear_twice(self) -> None:
        """≤100个 with 200个 gives 0.00 under the linear option."""
        assert score("≤100个", "200个", policy=Policy.from_mapping({"reverse": "linear"})).points == D("0.00")

    def test_reverse_zero_target(self) -> None:
        """≤0起: 0起 gives w, 1起 gives 0."""
        assert score("≤0起", "0起").points == D("10.00")
        assert score("≤0起", "1起").points == D("0.00")

    def test_reverse_no_over_flag(self) -> None:
        """A 反向 actual far below its limit is never flagged 超额."""
        result = score("≤100个", "10个")
        assert result.flags == ()
        assert result.status is Status.MET

    def test_equal_overshoot(self) -> None:
        """=100个 with 120个 gives w by default and 8.00 when symmetric."""
        assert score("=100个", "120个").points == D("10.00")
        assert score("=100个", "120个", policy=Policy.from_mapping({"equal": "symmetric"})).points == D("8.00")

    def test_bare_value_is_positive_under_symmetric(self) -> None:
        """A bare 280人次 is 正向 (A2): the symmetric ``=`` option does not apply to it."""
        policy = Policy.from_mapping({"equal": "symmetric"})
        assert score("280人次", "300人次", policy=policy).points == D("10.00")
        assert score("280人次", "300人次", rule=DIRECT, policy=policy).points == D("10.00")
        assert score("=280人次", "300人次", policy=policy).points == D("9.29")
        assert score("=280人次", "300人次", rule=DIRECT, policy=policy).points == D("0.00")

    def test_range(self) -> None:
        """90%-95%: below, inside and above."""
        assert score("90%-95%", "80%").points == D("8.89")
        assert score("90%-95%", "92%").points == D("10.00")
        assert score("90%-95%", "100%").points == D("9.50")

    def test_rounding_half_up(self) -> None:
        """w = 5 × 62.5% = 3.125 gives 3.13."""
        result = score("≥80%", "50%", 5)
        assert result.points == D("3.13")
        assert step_texts(result.steps)[-1] == "得分 = 5 × 62.50% = 3.13"

    def test_rounding_half_up_repeating(self) -> None:
        """3 × 5 ÷ 24 is exactly 0.625 and gives 0.63."""
        result = score("≥24个", "5个", 3)
        assert result.points == D("0.63")
        assert step_texts(result.steps)[-1] == "得分 = 3 × 5 ÷ 24 = 0.63"

    def test_actual_with_comparator(self) -> None:
        """An actual written with a comparator is read as its number, with a warning."""
        result = score("≥110个", "≥121个")
        assert result.points == D("10.00")
        assert result.warnings == ("实际完成值带比较符“≥”，按121个计",)


class TestStrict:
    """Strict ``>`` and ``<`` treat equality as achieved, with a warning (A2)."""

    def test_greater_at_equality(self) -> None:
        """>100个 with 100个 is achieved."""
        result = score(">100个", "100个", 5)
        assert result.points == D("5.00")
        assert result.status is Status.MET
        assert result.warnings == ("严格比较“>”：实际完成值等于指标值，按达到计",)

    def test_less_at_equality(self) -> None:
        """<5% with 5% is achieved."""
        result = score("<5%", "5%", 5)
        assert result.points == D("5.00")
        assert result.warnings == ("严格比较“<”：实际完成值等于指标值，按达到计",)

    def test_greater_below(self) -> None:
        """>100个 with 99个 is short, without the strict warning."""
        result = score(">100个", "99个", 5)
        assert result.points == D("4.95")
        assert result.warnings == ()


class TestUnits:
    """Units (A7): conversion, bare numbers, incompatible dimensions and counting words."""

    def test_conversion_wan_to_yi(self) -> None:
        """51840万元 against ≥5.76亿元 is 90% and gives 18.00 of 20."""
        result = score(">=5.76亿元", "51840万元", 20)
        assert result.points == D("18.00")
        assert step_texts(result.steps)[0] == "换算：51840万元 = 5.184亿元"
        assert "完成率 = 5.184亿元 ÷ 5.76亿元 = 90.00%" in step_texts(result.steps)

    def test_conversion_yuan_to_wan(self) -> None:
        """180000元 against ≤20万元 is 18万元, within the limit."""
        result = score("≤20万元", "180000元", 5)
        assert result.points == D("5.00")
        assert step_texts(result.steps)[0] == "换算：180000元 = 18万元"

    def test_bare_number_in_target_unit(self) -> None:
        """A bare 129 against ≥110个 is read as 129个."""
        result = score("≥110个", "129")
        assert result.points == D("10.00")
        assert step_texts(result.steps)[0] == "实际完成值“129”未写单位，按指标值的单位“个”计"
        assert result.warnings == ()

    def test_incompatible_units(self) -> None:
        """5平方米 against ≤26万元 is a row error naming both."""
        result = score("≤26万元", "5平方米", 5)
        assert result.points is None
        assert result.status is Status.ERROR
        assert result.error is not None
        assert "单位不一致" in result.error
        assert "5平方米" in result.error
        assert "≤26万元" in result.error

    def test_counting_words(self) -> None:
        """2个 against ≥2次 is compared by number, with a warning."""
        result = score("≥2次", "2个", 5)
        assert result.points == D("5.00")
        assert result.warnings == ("计量单位不同：实际完成值用“个”，指标值用“次”，按数值比较",)

    def test_counting_words_short(self) -> None:
        """1个 against ≥2次 gives half the weight, with the same warning."""
        result = score("≥2次", "1个", 4)
        assert result.points == D("2.00")
        assert len(result.warnings) == 1

    def test_multiplied_counting_word(self) -> None:
        """19000人次 against ≥2万人次 converts to 1.9万人次."""
        result = score("≥2万人次", "19000人次")
        assert result.points == D("9.50")
        assert step_texts(result.steps)[0] == "换算：19000人次 = 1.9万人次"


class TestFlags:
    """Flags (A8): 超额 at 130% of a 正向 target, 未达标 on any shortfall."""

    def test_over_at_130(self) -> None:
        """130个 against ≥100个 is flagged 超额, status 超额, still w."""
        result = score("≥100个", "130个")
        assert result.points == D("10.00")
        assert result.status is Status.OVER
        assert result.flags == (FLAG_OVER,)
        assert result.warnings == ("实际完成值达到指标值的130.00%（≥130.00%），需说明超额原因",)

    def test_not_over_at_129_99(self) -> None:
        """129.99% is not flagged."""
        result = score("≥10000个", "12999个")
        assert result.flags == ()
        assert result.status is Status.MET

    def test_threshold_configurable(self) -> None:
        """over_threshold 1.2 flags 121个 against ≥100个."""
        result = score("≥100个", "121个", policy=Policy.from_mapping({"超额阈值": "120%"}))
        assert FLAG_OVER in result.flags

    def test_short_flag(self) -> None:
        """Any shortfall is flagged 未达标."""
        result = score("≥100个", "99.99个")
        assert result.points == D("10.00")
        assert result.flags == (FLAG_SHORT,)
        assert result.status is Status.SHORT

    def test_satisfaction_rate_met(self) -> None:
        """Under the ``rate`` option a met 满意度 target is 达标 even though points are below w."""
        result = score("≥90%", "95%", rule=SATISFACTION, policy=Policy.from_mapping({"satisfaction": "rate"}))
        assert result.points == D("9.50")
        assert result.status is Status.MET
        assert result.flags == ()

    def test_satisfaction_rate_short(self) -> None:
        """Under the ``rate`` option a missed 满意度 target is 未达标."""
        result = score("≥90%", "85%", rule=SATISFACTION, policy=Policy.from_mapping({"satisfaction": "rate"}))
        assert result.points == D("8.50")
        assert result.flags == (FLAG_SHORT,)


class TestRowErrors:
    """Rows that cannot be scored carry a Chinese error and no points."""

    def test_unknown_rule(self) -> None:
        """A rule text the 赋分规则 language cannot read is an error naming the text and the column (A12)."""
        result = score("≥110个", "99个", rule="按照绿色化评价")
        assert result.points is None
        assert result.error is not None
        assert result.error.startswith("赋分规则“按照绿色化评价”第1个字：未能识别计分方法")

    def test_written_rule_runs(self) -> None:
        """A rule written out in words is scored by what it says: 11 short of 110 is 1 step of 1 (A12)."""
        result = score("≥110个", "99个", rule="每少1个扣1分，扣完为止")
        assert result.points == Decimal("0.00")  # 11 steps of 1 point from 10: floored at 0
        result = score("≥110个", "107个", rule="每少1个扣1分，扣完为止")
        assert result.points == Decimal("7.00")

    def test_rule_alias(self) -> None:
        """A rule alias from the policy makes the same text scorable."""
        policy = Policy.from_mapping({"rules": {"按完成率计分": "proportional"}})
        assert score("≥110个", "99个", rule="按完成率计分", policy=policy).points == D("9.00")

    @pytest.mark.parametrize("actual", [None, "", "  "])
    def test_missing_actual(self, actual: str | None) -> None:
        """A missing actual is an error."""
        result = score("≥110个", actual)
        assert result.points is None
        assert result.error == "未填写实际完成值"

    def test_unreadable_target(self) -> None:
        """A target the grammar cannot read is an error that says so."""
        result = score("≥≥110个", "99个")
        assert result.points is None
        assert result.error is not None
        assert result.error.startswith("指标值无法识别")

    def test_blank_target(self) -> None:
        """A placeholder target has nothing to score."""
        assert score("/", "1").error == "指标值“/”是空白占位，没有可评分的目标"

    def test_unreadable_actual(self) -> None:
        """Words as the actual of a numeric target are an error."""
        result = score("≥110个", "很多")
        assert result.error == "数值指标的实际完成值应为数值（如“110个”），却是“很多”"

    def test_missing_weight(self) -> None:
        """A row without a weight is a reference row (A9): shown, not scored, not an error."""
        result = score_indicator(Indicator(name="x", target="≥1个", weight=None, actual="1个"))
        assert result.status is Status.REFERENCE
        assert result.points is None
        assert result.error is None

    def test_negative_weight(self) -> None:
        """A negative weight is an error."""
        assert score("≥1个", "1个", -1).error == "分值不能为负数（-1）"

    def test_row_problems(self) -> None:
        """Problems found while reading the row become its error."""
        ind = Indicator(name="x", target="≥1个", weight=D(1), actual="1个", problems=("分值“abc”不是数字",))
        assert score_indicator(ind).error == "分值“abc”不是数字"

    def test_error_explanation(self) -> None:
        """The explanation of an error row says 无法评分 and why."""
        assert explain(score("≥110个", None)) == "无法评分：未填写实际完成值"


class TestGraded:
    """Graded tiers (A6) for qualitative targets."""

    @pytest.mark.parametrize(
        ("actual", "points"),
        [
            ("达成", "10.00"),
            ("达成预期指标", "10.00"),
            ("有效保障", "10.00"),
            ("部分达成", "7.00"),
            ("基本完成", "7.00"),
            ("未达成", "3.00"),
            ("否", "3.00"),
        ],
    )
    def test_default_points(self, actual: str, points: str) -> None:
        """Each tier word gives the tier's default point."""
        assert str(score("有效保障", actual, rule=GRADED).points) == points

    def test_no_rule_qualitative_is_graded(self) -> None:
        """With no rule written, a qualitative target is graded."""
        result = score("有效保障", "基本达成", rule="")
        assert result.rule is RuleKind.GRADED
        assert result.points == D("7.00")

    def test_explicit_percent(self) -> None:
        """部分达成（75%） gives 7.50 and says the evaluator gave it."""
        result = score("有效保障", "部分达成（75%）", rule=GRADED)
        assert result.points == D("7.50")
        assert step_texts(result.steps)[0] == "评判等级：部分达成（评价人给定75%），区间为分值的[60%, 80%)"

    def test_explicit_points(self) -> None:
        """部分达成（7.5分） gives 7.50."""
        assert score("有效保障", "部分达成（7.5分）", rule=GRADED).points == D("7.50")

    def test_explicit_out_of_band(self) -> None:
        """部分达成（85%） is an error naming the band."""
        result = score("有效保障", "部分达成（85%）", rule=GRADED)
        assert result.points is None
        assert result.error == "“部分达成”的得分应在分值的[60%, 80%)（6.00分至8.00分，不含8.00分）内，却是8.50分"

    def test_explicit_at_band_top_of_achieved(self) -> None:
        """达成（79%） is below 达成's band."""
        result = score("有效保障", "达成（79%）", rule=GRADED)
        assert result.error is not None
        assert "[80%, 100%]" in result.error

    def test_explicit_without_unit(self) -> None:
        """A bare number after the tier asks for % or 分."""
        result = score("有效保障", "部分达成（75）", rule=GRADED)
        assert result.error == "评判等级后的“75”请写明是百分比（%）还是分数（分）"

    def test_reported_within_band(self) -> None:
        """A self-reported 得分 inside the tier's band is used, with no difference."""
        result = score("有效保障", "部分达成", rule=GRADED, reported="7.5")
        assert result.points == D("7.50")
        assert result.difference == D(0)
        assert "采用自评得分7.5" in step_texts(result.steps)[0]

    def test_reported_outside_band(self) -> None:
        """A self-reported 得分 outside the tier's band: the tier's default point, an audit difference naming the band."""
        result = score("有效保障", "部分达成", rule=GRADED, reported="8.5")
        assert result.points == D("7.00")
        assert result.difference == D("1.50")
        assert FLAG_AUDIT in result.flags
        assert any("[60%, 80%)" in w for w in result.warnings)

    def test_unknown_words(self) -> None:
        """Words that name no tier are an error listing the accepted ones."""
        result = score("有效保障", "还行", rule=GRADED)
        assert result.error is not None
        assert "无法判断评判等级" in result.error
        assert "达成、部分达成、未达成" in result.error

    def test_direct_rule_on_qualitative(self) -> None:
        """直接赋分 on a qualitative target is all or nothing."""
        assert score("有效保障", "达成", rule=DIRECT).points == D("10.00")
        assert score("有效保障", "部分达成", rule=DIRECT).points == D("0.00")

    def test_tier_points_from_policy(self) -> None:
        """The policy's tier point is the default."""
        policy = Policy.from_mapping({"tiers": {"部分达成": "65%"}})
        assert score("有效保障", "部分达成", rule=GRADED, policy=policy).points == D("6.50")

    def test_graded_rule_on_numeric_target(self) -> None:
        """按评判等级赋分 on a numeric target is scored proportionally, with a warning."""
        result = score("≥110个", "99个", rule=GRADED)
        assert result.points == D("9.00")
        assert result.warnings == ("数值指标按完成比例计算（按评判等级赋分适用于定性指标）",)


class TestDates:
    """Deadlines (A5), scored 直接赋分."""

    def test_on_the_day(self) -> None:
        """Done on the day named is on time."""
        assert score("2026年6月30日前", "2026年6月30日", 3, DIRECT).points == D("3.00")

    def test_one_day_late(self) -> None:
        """One day late gives 0 and says so."""
        result = score("2026年6月30日前", "2026年7月1日", 3, DIRECT)
        assert result.points == D("0.00")
        assert "逾期1天" in explain(result)

    def test_iso_date(self) -> None:
        """2026-06-15 is read as a date."""
        assert score("2026年6月30日前", "2026-06-15", 3, DIRECT).points == D("3.00")

    def test_month_precision(self) -> None:
        """2026年6月 counts as its last day, which is on time for 6月30日."""
        result = score("2026年6月30日前", "2026年6月", 3, DIRECT)
        assert result.points == D("3.00")
        assert step_texts(result.steps)[0] == "实际完成值“2026年6月”只写到月，按其最后一天计"

    def test_month_precision_late(self) -> None:
        """2026年7月 is late for 2026年6月30日前."""
        assert score("2026年6月30日前", "2026年7月", 3, DIRECT).points == D("0.00")

    def test_year_end_with_table_year(self) -> None:
        """年底前 is 31 December of the table's year."""
        assert score("年底前", "2026年12月31日", 3, DIRECT, year=2026).points == D("3.00")
        assert score("年底前", "2027年1月1日", 3, DIRECT, year=2026).points == D("0.00")

    def test_year_end_without_year(self) -> None:
        """年底前 without a table year is an error."""
        assert score("年底前", "2026年12月31日", 3, DIRECT).error == "指标值“年底前”未写年份，且指标表未给出年度"

    def test_month_end(self) -> None:
        """12月底前 is the last day of December."""
        assert score("12月底前", "2026年12月", 3, DIRECT, year=2026).points == D("3.00")

    @pytest.mark.parametrize(("words", "points"), [("按时完成", "3.00"), ("已完成", "3.00"), ("未完成", "0.00")])
    def test_words(self, words: str, points: str) -> None:
        """按时完成 / 已完成 are on time; 未完成 is not."""
        assert str(score("年底前", words, 3, DIRECT, year=2026).points) == points

    def test_no_rule_is_direct(self) -> None:
        """With no rule written, a date target is 直接赋分."""
        result = score("2026年6月30日前", "2026年6月15日", 3, "")
        assert result.rule is RuleKind.DIRECT

    def test_proportional_rule_on_date_warns(self) -> None:
        """A proportional rule on a deadline is scored 直接赋分, with a warning."""
        result = score("2026年6月30日前", "2026年7月1日", 3, PROPORTIONAL)
        assert result.points == D("0.00")
        assert "时效（日期）指标按直接赋分" in result.warnings[0]

    def test_words_not_a_date(self) -> None:
        """Other words are an error."""
        result = score("2026年6月30日前", "很好", 3, DIRECT)
        assert result.error == "时效指标的实际完成值应为日期或“按时完成/未完成”，却是“很好”"


class TestAudit:
    """Audit mode (A9): a self-reported 得分 beside the computed points."""

    def test_difference_above_tolerance(self) -> None:
        """A difference of 0.11 is flagged 自评差异."""
        result = score("≥110个", "99个", reported="8.89")
        assert result.difference == D("-0.11")
        assert FLAG_AUDIT in result.flags
        assert "自评得分 8.89，计算得分 9.00，差 -0.11" in step_texts(result.steps)

    def test_difference_at_tolerance(self) -> None:
        """A difference of exactly 0.1 is not flagged."""
        result = score("≥110个", "99个", reported="8.9")
        assert result.difference == D("-0.10")
        assert FLAG_AUDIT not in result.flags

    def test_tolerance_configurable(self) -> None:
        """A tolerance of 0 flags any difference."""
        result = score("≥110个", "99个", reported="8.99", policy=Policy.from_mapping({"tolerance": 0}))
        assert FLAG_AUDIT in result.flags

    def test_no_reported(self) -> None:
        """Without a reported 得分 there is no difference."""
        assert score("≥110个", "99个").difference is None


class TestScoreBudget:
    """score_budget: the 预算执行率 line (A8)."""

    def test_planned_zero(self) -> None:
        """全年预算数 = 0 is an error."""
        line = score_budget(Budget(D(0), D(5)))
        assert line.points is None
        assert line.error == "全年预算数为0，无法计算预算执行率"

    def test_negative_spent(self) -> None:
        """A negative 全年执行数 is an error."""
        assert score_budget(Budget(D(5), D(-1))).error == "全年执行数不能为负数"

    def test_over_spent_capped(self) -> None:
        """Spending 120% gives the whole weight."""
        line = score_budget(Budget(D(100), D(120)))
        assert line.points == D("10.00")
        assert line.rate == D("1.2")

    def test_weight_from_policy(self) -> None:
        """budget_weight 20 gives 19.00 for 95%."""
        line = score_budget(Budget(D(46), D("43.70")), Policy.from_mapping({"预算执行率分值": 20}))
        assert line.points == D("19.00")
        assert line.weight == D(20)

    def test_to_dict(self) -> None:
        """The budget object of the JSON output uses strings for numbers."""
        assert as_dict(score_budget(Budget(D("46.00"), D("43.70")))) == {
            "planned": "46.00",
            "spent": "43.70",
            "rate": "95.00",
            "weight": "10",
            "points": "9.50",
            "explanation": "预算执行率 = 全年执行数43.70万元 ÷ 全年预算数46.00万元 = 95.00%；得分 = 10 × 95.00% = 9.50",
            "error": None,
        }


def table(*rows: Indicator, budget: Budget | None = None, year: int | None = 2026, **policy: object) -> Table:
    """A table of rows, with a budget line and a [policy] mapping when given."""
    return Table(title="测试表", indicators=rows, year=year, budget=budget, policy=dict(policy))


class TestScoreTable:
    """score_table: totals, maximum, percentage, grade, incomplete rows, actuals and policy layering."""

    def test_total_and_max(self) -> None:
        """Total = Σ rounded lines + budget line; max = Σ weights + budget weight."""
        ts = score_table(
            table(
                row("≥3个", "1个", 10, name="a"),  # 3.33
                row("≥3个", "1个", 10, name="b"),  # 3.33 (unrounded sum would be 6.67)
                row("≥110个", "99个", 20, name="c"),  # 18.00
                budget=Budget(D("46.00"), D("43.70")),  # 9.50
            )
        )
        assert [s.points for s in ts.lines] == [D("3.33"), D("3.33"), D("18.00")]
        assert ts.total == D("34.16")
        assert ts.maximum == D(50)
        assert ts.percentage == D("68.32")
        assert ts.grade == "中"
        assert ts.complete

    def test_no_budget(self) -> None:
        """Without a budget line the max is the sum of the weights."""
        ts = score_table(table(row("≥110个", "110个", 30), row("≥110个", "99个", 20)))
        assert ts.budget is None
        assert (ts.total, ts.maximum) == (D("48.00"), D(50))
        assert ts.percentage == D("96.00")

    def test_budget_argument_overrides_table(self) -> None:
        """A budget passed to score_table replaces the table's."""
        ts = score_table(table(row("≥1个", "1个"), budget=Budget(D(10), D(5))), budget=Budget(D(10), D(10)))
        assert ts.budget is not None
        assert ts.budget.points == D("10.00")

    @pytest.mark.parametrize(
        ("actual", "grade"),
        [("90个", "优"), ("89.99个", "良"), ("80个", "良"), ("79.99个", "中"), ("60个", "中"), ("59.99个", "差")],
    )
    def test_grade_edges(self, actual: str, grade: str) -> None:
        """Grade edges: 90.00 → 优, 89.99 → 良, 79.99 → 中, 59.99 → 差."""
        ts = score_table(table(row("≥100个", actual, 100)))
        assert ts.percentage == D(actual.removesuffix("个")).quantize(D("0.01"))
        assert ts.grade == grade

    def test_grade_reads_exact_ratio(self) -> None:
        """179.99 of 200 is 89.995%: shown as 90.00 but graded 良 (below 90)."""
        ts = score_table(table(row("≥200个", "179.99个", 200)))
        assert ts.total == D("179.99")
        assert ts.percentage == D("90.00")
        assert ts.grade == "良"

    def test_grade_bands_from_table_policy(self) -> None:
        """A table's [policy] grades 80/70/60 make 80.00 优."""
        ts = score_table(table(row("≥100个", "80个", 100), grades={"优": "80", "良": "70"}))
        assert ts.grade == "优"

    def test_run_policy_layers_over_table_policy(self) -> None:
        """The run-level mapping is applied on top of the table's [policy]."""
        tab = table(row("≤100个", "150个", 100), reverse="linear", grades={"优": "95"})
        ts = score_table(tab, policy={"equal": "symmetric", "grades": {"中": "40"}})
        assert (ts.policy.reverse, ts.policy.equal) == ("linear", "symmetric")
        assert ts.lines[0].points == D("50.00")
        assert ts.grade == "中"

    def test_run_policy_keeps_table_grades(self) -> None:
        """A run-level 良 bound keeps the table's 优 bound."""
        tab = table(row("≥100个", "92个", 100), grades={"优": "95"})
        ts = score_table(tab, policy={"等级": {"良": "75"}})
        assert ts.policy.grades == (("优", D(95)), ("良", D(75)), ("中", D(60)))
        assert ts.grade == "良"

    def test_policy_object_replaces_table_policy(self) -> None:
        """A Policy object is used as is, ignoring the table's [policy]."""
        tab = table(row("≤100个", "150个", 10), reverse="linear")
        assert score_table(tab, policy=Policy()).lines[0].points == D("6.67")
        assert score_table(tab).lines[0].points == D("5.00")

    def test_bad_row_does_not_stop_others(self) -> None:
        """One bad row is reported; the others are scored; the total is incomplete."""
        ts = score_table(
            table(
                row("≥110个", "99个", 10, name="好行"),
                row("≤26万元", "5平方米", 10, name="坏行"),
                row("≥2次", "2个", 10, name="量词"),
            )
        )
        assert [s.points for s in ts.lines] == [D("9.00"), None, D("10.00")]
        assert ts.total == D("19.00")
        assert ts.maximum == D(30)
        assert not ts.complete
        assert [name for name, _ in ts.incomplete] == ["坏行"]
        assert "单位不一致" in ts.incomplete[0][1]

    def test_budget_error_is_incomplete(self) -> None:
        """A budget line with 全年预算数 = 0 makes the table incomplete but still counts its weight."""
        ts = score_table(table(row("≥1个", "1个", 90), budget=Budget(D(0), D(0))))
        assert ts.total == D("90.00")
        assert ts.maximum == D(100)
        assert ts.incomplete == (("预算执行率", "全年预算数为0，无法计算预算执行率"),)

    def test_actuals_by_name(self) -> None:
        """Actuals are matched by 三级指标 name, ignoring whitespace; unknown names become notes."""
        tab = table(row("≥110人", None, 10, name="培训 人数"), row("≥90%", "80%", 10, name="满意度"))
        ts = score_table(tab, actuals={"培训人数": "110人", "满 意 度 ": "95%", "不存在": "1"})
        assert [s.indicator.actual for s in ts.lines] == ["110人", "95%"]
        assert ts.total == D("20.00")
        assert ts.notes == ("实际完成值第3项：表中没有三级指标“不存在”",)

    def test_rows_keep_their_own_actuals(self) -> None:
        """Rows not named in the actuals keep the actual they already carry."""
        ts = score_table(table(row("≥110个", "99个", 10, name="a")), actuals={"b": "1"})
        assert ts.lines[0].points == D("9.00")

    def test_audit_differences(self) -> None:
        """Lines whose reported points differ by more than the tolerance are listed."""
        ts = score_table(
            table(row("≥110个", "99个", name="a", reported="10"), row("≥110个", "99个", name="b", reported="9.05"))
        )
        assert ts.audited
        assert [s.indicator.name for s in ts.differences] == ["a"]

    def test_empty_table(self) -> None:
        """A table without rows has no percentage and no grade."""
        ts = score_table(table())
        assert (ts.total, ts.maximum, ts.percentage, ts.grade) == (D("0.00"), D(0), None, None)


class TestToDict:
    """as_dict(TableScore): the JSON shape of ``scoring score --json``."""

    @pytest.fixture
    def data(self) -> dict[str, object]:
        """A scored table with one good row, one bad row and a budget line, as JSON data."""
        ts = score_table(
            table(
                row("≥110个", "99个", 45, name="好行"),
                row("≤26万元", "5平方米", 45, name="坏行"),
                budget=Budget(D("46.00"), D("43.70")),
            )
        )
        return as_dict(ts)

    def test_keys(self, data: dict[str, object]) -> None:
        """The top-level keys include indicators, budget, total, max, grade and complete."""
        assert {"indicators", "budget", "total", "max", "grade", "complete"} <= set(data)

    def test_numbers_are_strings(self, data: dict[str, object]) -> None:
        """Totals are strings, so Decimal places survive JSON."""
        assert data["total"] == "50.00"
        assert data["max"] == "100"
        assert data["percentage"] == "50.00"
        assert data["grade"] is None  # incomplete: the total is a lower bound (A9)
        assert "不评定等级" in data["grade_note"]  # type: ignore[operator]
        assert data["complete"] is False

    def test_lines(self, data: dict[str, object]) -> None:
        """A scored line has string points; an error line has points None and its error text."""
        good, bad = data["indicators"]  # type: ignore[misc]
        assert good["points"] == "40.50"
        assert good["weight"] == "45"
        assert (good["status"], good["status_label"]) == ("short", "未达标")
        assert good["flags"] == [{"code": "short", "label": "未达标"}]
        assert good["steps"] == ["完成率 = 99个 ÷ 110个 = 90.00%", "得分 = 45 × 90.00% = 40.50"]
        assert bad["points"] is None
        assert (bad["status"], bad["status_label"]) == ("error", "无法评分")
        assert "单位不一致" in bad["error"]

    def test_budget(self, data: dict[str, object]) -> None:
        """The budget line has string points."""
        assert data["budget"]["points"] == "9.50"  # type: ignore[index]

    def test_incomplete(self, data: dict[str, object]) -> None:
        """Incomplete rows are listed with their reasons."""
        assert [item["name"] for item in data["incomplete"]] == ["坏行"]  # type: ignore[attr-defined]

    def test_serialisable(self, data: dict[str, object]) -> None:
        """The whole shape serialises to JSON as is."""
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data

    def test_matches_schema(self, data: dict[str, object]) -> None:
        """The document is valid against the JSON Schema shipped in the package, and names it."""
        jsonschema.validate(data, schema())
        assert data["schema"] == "scoring.table-score/1"


class TestRecurringRows:
    """Rows like rows scored before (same plan, 分值, 实际完成值, 自评得分) take their points from the book of the
    reader, and work out their own steps when read: the same score as scoring them afresh."""

    ROWS = (
        ("≥110个", "99个", None), ("≥110个", "99个", "8"), ("≤5%", "7%", None), ("年底前", "2026年6月1日", None),
        ("有效保障", "部分达成", None), ("300人、50人", "280人、45人", None), ("≥5.76亿元", "51840万元", None),
        ("≥110个", "nan", None), ("≥110个", "", None),
    )  # fmt: skip

    def _table(self, name: str) -> Table:
        rows = [row(t, a, reported=r, name=f"{name}{i}") for i, (t, a, r) in enumerate(self.ROWS)]
        return table(*rows, *rows)

    def test_same_as_afresh(self) -> None:
        reader = Reader()
        first = score_table(self._table("甲"), reader=reader)
        again = score_table(self._table("甲"), reader=reader)  # every row a recurring one
        afresh = score_table(self._table("甲"), reader=Reader())
        assert again == first == afresh
        for a, b in zip(again.lines, afresh.lines, strict=True):
            assert (a.points, a.status, a.flags, a.warnings, a.error, a.difference) == (
                b.points, b.status, b.flags, b.warnings, b.error, b.difference,
            )  # fmt: skip
            assert step_texts(a.steps) == step_texts(b.steps)
            assert explain(a) == explain(b)
        assert as_dict(again) == as_dict(afresh)

    def test_own_indicator(self) -> None:
        """A recurring row keeps its own indicator (name, source) with the points it shares."""
        reader = Reader()
        one = score_indicator(row("≥110个", "99个", name="甲"), reader=reader)
        two = score_indicator(row("≥110个", "99个", name="甲"), reader=reader)
        assert two.indicator.name == "甲"
        assert two.points == one.points == D("9.00")
        assert explain(two) == explain(one)

    def test_written_weight_and_points_kept_apart(self) -> None:
        """2.5 and 2.50, 9 and 9.0 are equal numbers written differently: a row's warnings and steps show its own."""
        reader = Reader()
        rows = [
            row("有效保障", "部分达成", rule=GRADED, name="甲", reported="9"),
            row("有效保障", "部分达成", rule=GRADED, name="甲", reported="9.0"),
            row("≥110个", "120个", weight="2.5", name="乙"),
            row("≥110个", "120个", weight="2.50", name="乙"),
        ]
        lines = score_table(table(*rows), reader=reader).lines
        assert "自评得分9分" in lines[0].warnings[0]
        assert "自评得分9.0分" in lines[1].warnings[0]
        assert explain(lines[2]).endswith("得满分 2.5")
        assert explain(lines[3]).endswith("得满分 2.50")

    def test_pickled_with_steps(self) -> None:
        """A scored table survives pickling (``--jobs``) with its steps, also those worked out on reading."""
        reader = Reader()
        score_table(self._table("乙"), reader=reader)
        result = score_table(self._table("乙"), reader=reader)
        back = pickle.loads(pickle.dumps(result))
        assert back == result
        assert [explain(line) for line in back.lines] == [explain(line) for line in result.lines]

"""Rules written out in words, scored through score_indicator (scoring/engine/written*.py), and their properties:
points within [0, 分值], step deductions and falling tier tables monotone, the same row scored alike twice."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import Score, score_indicator
from scoring.engine.options import RuleKind
from scoring.engine.results import Status
from scoring.report import explain
from scoring.tables.model import Indicator

D = Decimal

STEP_1 = "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。"
STEP_2 = '"三公经费"变动率≦0,计5分;"三公经费">0,每超过一个百分点扣0.5分,扣完为止。'
TIERS_3 = "重点支出安排率≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分。"
TIERS_4 = "预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分;20-30%(含),计0.5分;大于30%不得分。"
EVENTS_5 = "每出现一个专项未按进度完成资金下达扣0.5分,扣完为止。"
CATEGORIES_6 = "无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。"
ELEMENTS_8 = "①已制定或具有预算资金管理办法…,1分; ②相关管理制度合法、合规、完整,1分; ③相关管理制度得到有效执行,1分。"
BELOW_21 = "完成或超额完成目标值得基本分;没有完成的扣分,每低于目标值2%扣1分,最低为零分。"
DEVIATION_23 = "±30%(含)以内得3分 / ±30%-±35%(含)以内得2分 / ±35%-±40%(含)以内得1分"
BOTH_26 = "完成目标任务数各得标准分,超额完成的每增加一个加3分,未完成任务数的每减少一个减3分"
BAND_35 = "全部完成(60分)完成80%以上(41-59)完成60%及以上(21-40)完成60%以下(0-20)"
BONUS_37 = "每低于通用值5%加3分,直至满分"
SLOPE_38 = "完成值每超过目标值5%或增加1单位,在100标准分基础上增加5分,最高120分…每低于目标值5%…降低5分,最低零分。"


def score(rule: str, target: str, actual: str, weight: str | int = 5, **more: object) -> Score:
    policy = more.pop("policy", None)
    row = Indicator(name=str(more.pop("name", "指标")), target=target, actual=actual, weight=weight, rule=rule,
                    reported=more.pop("reported", None))  # type: ignore[arg-type]  # fmt: skip
    return score_indicator(row, year=2026, policy=policy)  # type: ignore[arg-type]


class TestStepped:
    def test_whole_steps_by_default(self) -> None:
        out = score(STEP_1, "≤100%", "103.5%")
        assert out.points == D("3.50")
        assert out.rule is RuleKind.WRITTEN
        assert "步数 = 3.5个百分点 ÷ 每1个百分点 = 3（不足一个步长的部分不计）" in explain(out)

    def test_partial_steps_option(self) -> None:
        out = score(STEP_1, "≤100%", "103.5%", policy={"partial_steps": True})
        assert out.points == D("3.25")
        assert "步数 = 3.5个百分点 ÷ 每1个百分点 = 3.5" in explain(out)

    def test_floor(self) -> None:
        out = score(STEP_1, "≤100%", "150%")
        assert out.points == D("0.00")
        assert "低于最低分，按0.00分计" in explain(out)

    def test_unitless_zero_target_with_percent_actual(self) -> None:
        """≤0 (变动率) against 3%: 3个百分点, not an error (bug: “百分点”只适用于百分比指标)."""
        out = score(STEP_2, "≤0", "3%")
        assert out.points == D("3.50")
        assert not any("不一致" in w for w in out.warnings)

    def test_reference_in_the_rule_wins_with_a_warning(self) -> None:
        out = score(STEP_1, "≤95%", "103%")
        assert out.points == D("3.50")
        assert any("按赋分规则的标准计分" in w for w in out.warnings)

    @pytest.mark.parametrize(("actual", "points"), [("3个", "0.50"), ("未发生", "2.00"), ("没有发生", "2.00"),
                                                    ("无此类情况", "2.00"), ("发生2起", "1.00")])  # fmt: skip
    def test_events(self, actual: str, points: str) -> None:
        assert score(EVENTS_5, "0个", actual, 2).points == D(points)

    def test_events_need_a_count(self) -> None:
        out = score(EVENTS_5, "0个", "全部按进度下达", 2)
        assert out.points is None
        assert out.error is not None
        assert "发生次数" in out.error

    def test_relative_percent_below(self) -> None:
        assert score(BELOW_21, "≥100个", "95个", 10).points == D("8.00")

    def test_two_slopes_share_one_gap(self) -> None:
        """每增加一个加3分 and 每减少一个减3分: the gap is shown once (bug: shown once per slope)."""
        out = score(BOTH_26, "10个", "8个", 10)
        assert out.points == D("4.00")
        assert explain(out).count("低于 = 10个 − 8个 = 2个") == 1

    def test_bonus_capped_at_the_weight(self) -> None:
        out = score(BONUS_37, "≤100立方米", "88立方米", 20)
        assert out.points == D("20.00")
        assert "26.00超过分值，按20.00分计" in explain(out)

    def test_rule_cap_above_weight(self) -> None:
        assert score(SLOPE_38, "100个", "130个", 100).points == D("100.00")
        assert score(SLOPE_38, "100个", "130个", 120).points == D("120.00")

    @pytest.mark.parametrize(("actual", "weight", "points"), [("100个", 120, "100.00"), ("90个", 120, "90.00"),
                                                             ("111个", 120, "110.00"), ("90个", 100, "75.00"),
                                                             ("90个", 12, "9.00")])  # fmt: skip
    def test_a_base_of_points_is_a_share_of_the_top(self, actual: str, weight: int, points: str) -> None:
        """在100标准分基础上…最高120分: the rule counts on 120 points, 100 at the target (was the full 分值)."""
        out = score(SLOPE_38, "≥100个", actual, weight)
        assert out.points == D(points)
        assert f"起点 = 分值{weight} × 100/120 = " in explain(out)

    def test_a_base_with_no_top_is_the_full_weight(self) -> None:
        """在100标准分基础上 with no top: 100 is the 分值, and steps of the rule's points count × 分值 ÷ 100."""
        out = score("在100标准分基础上,每增加或减少1个单位相应增加或扣减得分5分", "≥10个", "8个", 10)
        assert out.points == D("9.00")
        assert "扣分 = 2 × 5分 × 10/100 = 1.00分（按100分折算为分值）" in explain(out)


class TestLists:
    @pytest.mark.parametrize(("actual", "points"), [("90%", "5.00"), ("80%", "4.00"), ("89.9%", "4.00"),
                                                    ("60%", "2.00"), ("59.9%", "0.00")])  # fmt: skip
    def test_tiers_on_shared_bounds(self, actual: str, points: str) -> None:
        assert score(TIERS_3, "≥90%", actual).points == D(points)

    @pytest.mark.parametrize(("actual", "points"), [("0%", "3.00"), ("10%", "2.00"), ("10.01%", "1.00"),
                                                    ("30%", "0.50"), ("30.5%", "0.00")])  # fmt: skip
    def test_falling_tiers(self, actual: str, points: str) -> None:
        assert score(TIERS_4, "≤0%", actual, 3).points == D(points)

    def test_band_top_or_reported(self) -> None:
        assert score(BAND_35, "100个", "85个", 60).points == D("59.00")
        assert score(BAND_35, "100个", "85个", 60, reported="50").points == D("50.00")
        outside = score(BAND_35, "100个", "85个", 60, reported="30")
        assert outside.points == D("59.00")
        assert any("不在该档的得分区间41至59分内" in w for w in outside.warnings)

    def test_award_above_weight_is_capped(self) -> None:
        out = score(BAND_35, "100个", "100个", 50)
        assert out.points == D("50.00")
        assert any("超过本行分值50分" in w for w in out.warnings)

    @pytest.mark.parametrize(("actual", "points"), [("130万元", "3.00"), ("70万元", "3.00"), ("133万元", "2.00"),
                                                    ("140万元", "1.00"), ("141万元", "0.00")])  # fmt: skip
    def test_deviation(self, actual: str, points: str) -> None:
        assert score(DEVIATION_23, "100万元", actual, 3).points == D(points)

    @pytest.mark.parametrize(("actual", "points"), [("无结余", "3.00"), ("有结余但未超过上年结转", "2.00"),
                                                    ("有结余，结余超过上年结转", "0.00"), ("本年无结余", "3.00")])  # fmt: skip
    def test_categories(self, actual: str, points: str) -> None:
        assert score(CATEGORIES_6, "无结余", actual, 3).points == D(points)

    @pytest.mark.parametrize("actual", ["有结余", "不存在无结余的情况"])
    def test_categories_not_named(self, actual: str) -> None:
        assert score(CATEGORIES_6, "无结余", actual, 3).points is None

    @pytest.mark.parametrize(("actual", "points"), [("①③", "2.00"), ("①、③已达到，②未达到", "2.00"),
                                                    ("全部达到", "3.00"), ("均未达到", "0.00")])  # fmt: skip
    def test_elements(self, actual: str, points: str) -> None:
        assert score(ELEMENTS_8, "健全", actual, 3).points == D(points)


class TestMappedFamilies:
    def test_proportional_spellings(self) -> None:
        for rule in ("实际完成值/年度指标值*该指标分值", "按实际完成率乘以标准分计分", "未完成的，按完成比例得分"):
            out = score(rule, "≥110个", "88个", 10)
            assert (out.points, out.rule) == (D("8.00"), RuleKind.PROPORTIONAL), rule

    def test_inverse_formula(self) -> None:
        assert score("年度指标值/全年实际值*该指标分值", "≤5%", "6%", 5).points == D("4.17")

    def test_one_direction_warning_only(self) -> None:
        rule = "定量指标若为正常指标(即指标值为≥*),则得分计算方法应用全年实际值/年度指标值*该指标分值"
        out = score(rule, "≤5%", "6%", 5)
        assert [w for w in out.warnings if "方向" in w] == [
            "赋分规则适用于正向指标，本行指标值为反向：按指标值的方向计分"
        ]

    def test_all_or_nothing(self) -> None:
        rule = "指标完成年度目标即得该项指标满分,未完成目标不得分。"
        assert score(rule, "≥100个", "99个", 10).points == D("0.00")
        assert score(rule, "≥100个", "100个", 10).points == D("10.00")

    def test_explain_threshold_is_used(self) -> None:
        """…的120%时，偏差原因…必填: the 超额 flag at 120%, not the default 130% (bug: only a note)."""
        at_120 = score("实际完成值…大于等于指标值…的120%时，偏差原因及整改措施必填", "≥100个", "125个", 10)
        at_130 = score("实际完成值…大于等于指标值…的130%时，偏差原因及整改措施必填", "≥100个", "125个", 10)
        assert [f.value for f in at_120.flags] == ["超额"]
        assert "超额" not in [f.value for f in at_130.flags]

    def test_unitless_stated_value_is_no_conflict(self) -> None:
        """≦0 in the rule and ≤0% on the row (or ≤0 on the row and ≦0% in the rule) are the same standard."""
        assert not any("不一致" in w for w in score(STEP_2, "≤0%", "1%").warnings)
        assert not any("不一致" in w for w in score(STEP_2.replace("≦0", "≦0%"), "≤0", "1%").warnings)
        assert any("不一致" in w for w in score(STEP_2, "≤5%", "1%").warnings)


class TestReviewFindings:
    """The reviewer's findings on scoring (#9): sides no slope covers, 达标 by the row's own target, the floor."""

    @pytest.mark.parametrize(
        ("rule", "target", "actual", "side"),
        [
            ("每超过一个百分点扣0.5分,扣完为止", "≥90%", "50%", "低于"),  # deductions only on the side ≥ wants
            ("每低于目标值2%扣1分", "≤10万元", "30万元", "超过"),
            ("每超过1个百分点加0.5分", "≥90%", "50%", "低于"),  # bonuses only
            ("各得80%标准分,每增加1个百分点加0.5分", "≥90%", "50%", "低于"),
        ],
    )
    def test_side_no_slope_covers_is_an_error(self, rule: str, target: str, actual: str, side: str) -> None:
        out = score(rule, target, actual, 10)
        assert out.points is None
        assert out.error is not None
        assert out.error.startswith(f"赋分规则未说明{side}标准时如何计分")

    def test_side_the_target_wants_keeps_the_base(self) -> None:
        """Bonuses only, above the target: the base and the bonus; a deduction rule on ≤ below it: full marks."""
        assert score("各得80%标准分,每增加1个百分点加0.5分", "≥90%", "92%", 10).points == D("9.00")
        out = score("每超过一个百分点扣0.5分,扣完为止", "≤100%", "95%", 10)
        assert out.points == D("10.00")
        assert "百分点 =" not in explain(out)  # a gap no slope uses is not shown

    def test_only_gaps_of_slopes_used_are_shown(self) -> None:
        out = score("每超过一个百分点扣0.5分,扣完为止", "≥90%", "95%", 10)
        assert "超出百分点 = 95% − 90% = 5个百分点" in explain(out)
        assert any("与指标值“≥90%”的方向相反" in w for w in out.warnings)

    @pytest.mark.parametrize(
        ("rule", "target", "actual", "status"),
        [
            ("≥90%,计5分;80%(含)-90%,计4分", "≥95%", "92%", Status.SHORT),  # the best tier, short of ≥95%
            ("≥90%,计5分;80%(含)-90%,计4分", "≥95%", "96%", Status.MET),
            (STEP_1, "≤95%", "97%", Status.SHORT),  # within the rule's ≦100%, above the row's ≤95%
            (STEP_1, "≤100%", "97%", Status.MET),
            ("完成率≥90%得5分;完成率80%-90%得4分", "≥100个", "95个", Status.SHORT),
            ("每延期1天扣0.5分", "2026年6月30日前", "2026年6月28日", Status.MET),
            ("每延期1天扣0.5分", "2026年6月30日前", "2026年7月2日", Status.SHORT),
            (CATEGORIES_6, "无结余", "有结余，但不超过上年结转", Status.SHORT),  # qualitative: full points or not
            (CATEGORIES_6, "无结余", "无结余", Status.MET),
            (ELEMENTS_8, "制度健全", "①②", Status.SHORT),
            ("预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分", "=0", "12%", Status.SHORT),  # =0 wants 0 (A4)
            ("每出现一个问题扣0.5分,扣完为止", "0个", "2个", Status.SHORT),  # a bare 0 too
            ("每出现一个问题扣0.5分,扣完为止", "0个", "0个", Status.MET),
        ],
    )
    def test_status_follows_the_rows_own_target(self, rule: str, target: str, actual: str, status: Status) -> None:
        weight = 3 if rule in (CATEGORIES_6, ELEMENTS_8) else 5
        out = score(rule, target, actual, weight)
        assert out.status is status, explain(out)

    def test_short_row_says_why(self) -> None:
        out = score("≥90%,计5分;80%(含)-90%,计4分", "≥95%", "92%", 10)
        assert out.points == D("5.00")
        assert "实际完成值92%未达到指标值≥95%" in explain(out)

    def test_bounded_steps_name_the_floored_value(self) -> None:
        out = score("每低于目标值2%扣1分,最低为5分", "≥110个", "10个", 3)
        assert out.points == D("3.00")
        shown = explain(out)
        assert "-42.00低于最低分，按5.00分计" in shown
        assert "5.00超过分值，按3.00分计" in shown
        assert "-42.00超过分值" not in shown

    def test_date_without_a_year(self) -> None:
        row = Indicator(name="指标", target="6月30日前", actual="7月5日", weight=10, rule="每延期1天扣0.5分")
        out = score_indicator(row, year=None)
        assert out.error == "指标值“6月30日前”未写年份，且指标表未给出年度"

    def test_unitless_row_against_percent_tiers_warns(self) -> None:
        out = score("80%(含)-90%,计4分;≥90%,计5分", "≥90", "85")
        assert out.points == D("4.00")
        assert "实际完成值为85%，属于“80%(含)-90%”一档" in explain(out)
        assert "指标值与实际完成值均未写单位：实际完成值85按赋分规则分档的单位读作85%" in out.warnings


# --- properties ---------------------------------------------------------------------------------------------------
_percent = st.integers(min_value=-500, max_value=3000).map(lambda n: f"{D(n) / 10}%")
_weights = st.sampled_from(["1", "2", "2.5", "3", "5", "6", "10", "20"])
_RULES = [(STEP_1, "≤100%"), (STEP_2, "≤0%"), (TIERS_3, "≥90%"), (TIERS_4, "≤0%"), (BELOW_21, "≥90%"),
          (DEVIATION_23, "100%"), (BAND_35, "100%"), (BONUS_37, "≤100%"), (SLOPE_38, "100%"),
          ("每增加或减少1个百分点,相应增加或扣减得分0.5分", "90%")]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_RULES), _percent, _weights, st.booleans())
def test_points_within_zero_and_weight(rule: tuple[str, str], actual: str, weight: str, partial: bool) -> None:
    out = score(rule[0], rule[1], actual, weight, policy={"partial_steps": partial})
    if out.points is not None:
        assert D(0) <= out.points <= D(weight)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([STEP_1, "每超过一个百分点扣0.5分,扣完为止", "每超过2个百分点扣1分"]), _percent, _percent,
       st.booleans())  # fmt: skip
def test_step_deductions_fall_as_the_actual_rises(rule: str, a: str, b: str, partial: bool) -> None:
    low, high = sorted((a, b), key=lambda text: D(text[:-1]))
    first = score(rule, "≤100%", low, policy={"partial_steps": partial}).points
    second = score(rule, "≤100%", high, policy={"partial_steps": partial}).points
    assert first is not None
    assert second is not None
    assert first >= second


@settings(max_examples=100, deadline=None)
@given(_percent, _percent)
def test_below_deductions_rise_with_the_actual(a: str, b: str) -> None:
    low, high = sorted((a, b), key=lambda text: D(text[:-1]))
    first, second = score(BELOW_21, "≥90%", low, 10).points, score(BELOW_21, "≥90%", high, 10).points
    assert first is not None
    assert second is not None
    assert first <= second


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=600))
def test_falling_tier_table_is_monotone(a: int, b: int) -> None:
    low, high = sorted((a, b))
    first = score(TIERS_4, "≤0%", f"{D(low) / 10}%", 3).points
    second = score(TIERS_4, "≤0%", f"{D(high) / 10}%", 3).points
    assert first is not None
    assert second is not None
    assert first >= second


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(_RULES), _percent, _weights)
def test_same_row_twice_same_points(rule: tuple[str, str], actual: str, weight: str) -> None:
    first = score(rule[0], rule[1], actual, weight)
    second = score(rule[0], rule[1], actual, weight)
    assert (first.points, first.error, first.warnings) == (second.points, second.error, second.warnings)
    assert explain(first) == explain(second)


class TestReviewTwo:
    """The second review of #9: rows a careful evaluator scores, or refuses with a reason."""

    DELAY = "单项工作每延期1天从该项工作系数中扣0.5分。单项工作延期超过1个月仍未完成的,则该项工作得分为0分。"
    MISSING = '…制定"三公经费"管理办法,1分,每少一项扣1分,扣完为止。'

    @pytest.mark.parametrize(("rule", "actual", "points"), [(DELAY, "按时完成", "5.00"), (DELAY, "未完成", "0.00"),
                                                            ("每延期1天扣0.5分", "按时完成", "5.00")])  # fmt: skip
    def test_on_time_in_words_is_no_day_late(self, rule: str, actual: str, points: str) -> None:
        """A5: 按时完成 is on time, 0 days late (was 按天计的赋分规则需要完成日期)."""
        assert score(rule, "2026年6月30日前", actual).points == D(points)

    def test_late_in_words_asks_for_the_date(self) -> None:
        out = score("每延期1天扣0.5分", "2026年6月30日前", "逾期")
        assert out.points is None
        assert out.error is not None
        assert "未写完成日期" in out.error

    @pytest.mark.parametrize(("actual", "weight", "points"), [("缺一项", 1, "0.00"), ("少2项", 3, "1.00"),
                                                             ("缺少1项", 3, "2.00"), ("未制定", 1, "0.00"),
                                                             ("已制定", 3, "3.00")])  # fmt: skip
    def test_missing_items_on_a_qualitative_target(self, actual: str, weight: int, points: str) -> None:
        """§9.1 #20 on 健全: the actual says how many are missing (was 指标值“健全”不是数值…)."""
        assert score(self.MISSING, "健全", actual, weight).points == D(points)

    def test_not_done_without_a_number_asks_for_it(self) -> None:
        """未制定 on a 3-point row: one step does not empty it, so the number missing is asked for."""
        out = score(self.MISSING, "健全", "未制定", 3)
        assert out.error is not None
        assert out.error.startswith("实际完成情况“未制定”未写缺少几项")

    def test_a_date_cannot_name_a_category(self) -> None:
        """§9.2 #29 with a date: the categories are words, and the message says so."""
        out = score("达到合同工期或业主工期要求的得满分;工期滞后的扣5分,工期严重滞后…扣10分", "2026年6月30日前",
                    "2026年7月5日", 10)  # fmt: skip
        assert out.error is not None
        assert out.error.startswith("赋分规则按文字所写的情形计分（“达到合同工期或业主工期要求的”、“工期滞后的”")
        assert "实际完成值“2026年7月5日”是日期，无法对应到情形" in out.error

    @pytest.mark.parametrize(("rule", "target", "actual"), [("每超出10天扣1分", "≤100万元", "120万元"),
                                                           ("每出现一个扣0.5分", "≥95%", "90%"),
                                                           ("每超过1万元扣1分", "≤10人", "12人"),
                                                           ("每少一项扣1分", "≥90%", "85%"),
                                                           ("每延期1天扣0.5分", "≥90%", "95%"),
                                                           ("合格率≤5%,计5分;每超过一个百分点扣1分", "≥90%", "92%")])  # fmt: skip
    def test_a_rule_that_cannot_measure_the_row_is_refused(self, rule: str, target: str, actual: str) -> None:
        """Was 3.00, 0.00 via 90 events, 3.00, steps per 1%, 2.50 达标, 0.00 达标."""
        out = score(rule, target, actual)
        assert out.points is None
        assert out.status is Status.ERROR
        assert out.error is not None
        assert out.error.endswith("无法按规则评分")


class TestPerUnit:
    """Rules in a unit per unit (#9): 以800元/人为标准, 每超过50元 against ≤800元/人, 每超过0.005万元/人."""

    RULE = "以800元/人为标准，每超过50元扣1分"

    @pytest.mark.parametrize(("actual", "points"), [("850元/人", "4.00"), ("800元/人", "5.00"),
                                                    ("949元/人", "3.00"), ("1200元/人", "0.00")])  # fmt: skip
    def test_step_in_the_numerators_unit_is_per_the_targets_unit(self, actual: str, points: str) -> None:
        out = score(self.RULE, "≤800元/人", actual)
        assert out.error is None
        assert out.points == D(points)
        assert "赋分规则第12个字的步长“每50元”未写“/人”，按指标值“≤800元/人”的单位读作“每50元/人”" in out.warnings

    def test_steps_are_shown(self) -> None:
        shown = explain(score(self.RULE, "≤800元/人", "850元/人"))
        assert "超出 = 850元/人 − 800元/人 = 50元/人" in shown
        assert "步数 = 50元/人 ÷ 每50元/人 = 1" in shown
        assert "得分 = 5.00 − 1.00 + 0.00 = 4.00" in shown

    @pytest.mark.parametrize(("rule", "target", "actual", "points"), [
        ("每超过0.005万元/人扣1分", "≤800元/人", "900元/人", "3.00"),
        ("每超过50元/人扣1分", "≤800元/人", "900元/人", "3.00"),
        ("每超过1万元扣1分", "≤48.30万元/套", "50.30万元/套", "3.00"),
        ("每超过10元扣0.5分", "≤120元/人·月", "150元/人·月", "3.50"),
        ("每超过10元/人/月扣0.5分", "≤120元/人·月", "150元/人·月", "3.50"),
        ("每超过100元扣1分", "≤1万元/公里", "1.03万元/公里", "2.00"),
    ])  # fmt: skip
    def test_a_step_per_unit_converts(self, rule: str, target: str, actual: str, points: str) -> None:
        out = score(rule, target, actual)
        assert out.error is None, out.error
        assert out.points == D(points)

    @pytest.mark.parametrize(("rule", "target", "actual"), [
        ("每超过50元/户扣1分", "≤800元/人", "900元/人"),
        ("每超过2人扣1分", "≤800元/人", "900元/人"),
        ("每超过50元扣1分", "≤10人", "12人"),
    ])  # fmt: skip
    def test_anything_else_is_a_unit_mismatch(self, rule: str, target: str, actual: str) -> None:
        out = score(rule, target, actual)
        assert out.points is None
        assert out.error is not None
        assert out.error.endswith("无法按规则评分")

"""Unit tests of scoring.rules: one pure function per rule of Part A, on its edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from scoring.engine import Tier, rules
from scoring.engine.steps import Num, StepKind, step
from scoring.report.wording import step_texts

D = Decimal
W = D(10)


def _a(value: str | int, unit: str) -> Num:
    """An actual as the engine hands it to a rule: computed, in the target's unit."""
    return Num(D(value), unit)


def _t(value: str | int, unit: str) -> Num:
    """A target value as written."""
    return Num(D(value), unit, written=True)


def _pos(a: str, t: str, w: Decimal = W) -> rules.Outcome:
    return rules.positive(_a(a, "个"), _t(t, "个"), w)


def _rev(a: str, t: str, formula: str = "inverse", w: Decimal = W) -> rules.Outcome:
    return rules.reverse(_a(a, "个"), _t(t, "个"), w, formula)  # type: ignore[arg-type]  # str accepted


def _eq(a: str, t: str, formula: str = "positive", w: Decimal = W) -> rules.Outcome:
    return rules.equal(_a(a, "%"), _t(t, "%"), w, formula)  # type: ignore[arg-type]


def _within(a: str, low: str = "90", high: str = "95", w: Decimal = W) -> rules.Outcome:
    return rules.within(_a(a, "%"), _t(low, "%"), _t(high, "%"), w)


def texts(out: rules.Outcome) -> tuple[str, ...]:
    """The outcome's steps as the report words them."""
    return tuple(step_texts(out.steps))


class TestPositive:
    """正向 targets (A2): A ≥ T → w; otherwise w × A / T."""

    def test_at_target(self) -> None:
        """An actual equal to the target gets the whole weight and counts as achieved."""
        out = _pos("110", "110")
        assert out.points == D("10.00")
        assert out.achieved
        assert texts(out)[-1] == "已达到指标值，得满分 10"

    def test_above_target_is_capped(self) -> None:
        """An actual above the target never earns more than the weight."""
        out = _pos("200", "110")
        assert out.points == D("10.00")
        assert texts(out)[0] == "完成率 = 200个 ÷ 110个 = 181.82%"

    def test_at_130_percent(self) -> None:
        """130% of the target still gives exactly w (the 超额 flag is the engine's job, not a deduction)."""
        assert _pos("143", "110").points == D("10.00")

    def test_just_below(self) -> None:
        """One unit short gives w × A / T, rounded half up."""
        out = _pos("109", "110")
        assert out.points == D("9.91")
        assert not out.achieved
        assert texts(out) == ("完成率 = 109个 ÷ 110个 ≈ 99.09%", "得分 = 10 × 109 ÷ 110 = 9.91")

    def test_exact_percentage_step(self) -> None:
        """When the ratio has two exact decimals the step multiplies by the percentage itself."""
        out = _pos("99", "110")
        assert out.points == D("9.00")
        assert texts(out) == ("完成率 = 99个 ÷ 110个 = 90.00%", "得分 = 10 × 90.00% = 9.00")

    def test_zero_actual(self) -> None:
        """A = 0 gives 0."""
        out = _pos("0", "110")
        assert out.points == D("0.00")
        assert texts(out) == ("实际完成值0个 ≤ 0，得分 = 0.00",)

    def test_negative_actual(self) -> None:
        """A negative actual gives 0, never negative points."""
        assert _pos("-5", "110").points == D("0.00")

    def test_zero_target_nonnegative_actual(self) -> None:
        """T = 0 gives w for any A ≥ 0."""
        out = _pos("0", "0")
        assert out.points == D("10.00")
        assert out.ratio is None
        assert "指标值为0" in texts(out)[0]

    def test_zero_target_negative_actual(self) -> None:
        """T = 0 with a negative actual gives 0."""
        assert _pos("-1", "0").points == D("0.00")

    def test_rounding_half_up(self) -> None:
        """w = 5 × 62.5% = 3.125 rounds half up to 3.13."""
        out = rules.positive(_a("62.5", "%"), _t(100, "%"), D(5))
        assert out.points == D("3.13")
        assert texts(out)[-1] == "得分 = 5 × 62.50% = 3.13"

    def test_rounding_half_up_with_repeating_ratio(self) -> None:
        """3 × 5 ÷ 24 is exactly 0.625 and rounds to 0.63 even though 5 ÷ 24 repeats."""
        out = _pos("5", "24", w=D(3))
        assert out.points == D("0.63")
        assert texts(out)[-1] == "得分 = 3 × 5 ÷ 24 = 0.63"

    def test_points_have_two_decimals(self) -> None:
        """Points always carry exactly two decimal places."""
        assert _pos("1", "3").points.as_tuple().exponent == -2


class TestReverse:
    """反向 targets (A3): A ≤ T → w; otherwise the inverse ratio or the linear option."""

    def test_at_target(self) -> None:
        """An actual equal to the target is within the limit."""
        out = _rev("100", "100")
        assert out.points == D("10.00")
        assert out.achieved

    def test_below_target(self) -> None:
        """A smaller actual (less is better) gets the whole weight."""
        assert _rev("46", "48.30").points == D("10.00")

    def test_inverse_default(self) -> None:
        """T = 100, A = 150 gives 0.667 w under the inverse ratio."""
        out = _rev("150", "100")
        assert out.points == D("6.67")
        assert texts(out)[0] == "完成率 = 100个 ÷ 150个 ≈ 66.67%"
        assert texts(out)[-1].endswith("（反向指标：指标值 ÷ 实际完成值）")

    def test_linear(self) -> None:
        """T = 100, A = 150 gives 0.5 w under the linear option."""
        out = _rev("150", "100", "linear")
        assert out.points == D("5.00")
        assert texts(out)[0] == "超出比例 = (150个 − 100个) ÷ 100个 = 50.00%"

    def test_linear_zero_at_twice_the_target(self) -> None:
        """Under linear, A = 2T gives 0."""
        assert _rev("200", "100", "linear").points == D("0.00")

    def test_linear_never_negative_beyond_twice(self) -> None:
        """Under linear, A > 2T still gives 0, not negative points."""
        out = _rev("350", "100", "linear")
        assert out.points == D("0.00")
        assert out.ratio == D(0)

    def test_inverse_beyond_twice_is_positive(self) -> None:
        """Under the inverse ratio, A = 2T still gives half the weight."""
        assert _rev("200", "100").points == D("5.00")

    def test_just_above(self) -> None:
        """One unit over the limit costs a little under both formulas."""
        assert _rev("101", "100").points == D("9.90")
        assert _rev("101", "100", "linear").points == D("9.90")

    def test_zero_target_met(self) -> None:
        """≤0 with A = 0 gives w."""
        assert _rev("0", "0").points == D("10.00")

    def test_zero_target_missed(self) -> None:
        """≤0 with any A > 0 gives 0 under both formulas."""
        assert _rev("1", "0").points == D("0.00")
        assert _rev("1", "0", "linear").points == D("0.00")

    def test_inverse_rounding(self) -> None:
        """≤5% with 6% gives 5 × 5 ÷ 6 = 4.1666… → 4.17."""
        assert rules.reverse(_a(6, "%"), _t(5, "%"), D(5)).points == D("4.17")

    def test_linear_rounding_with_repeating_ratio(self) -> None:
        """Linear 3 × (2 × 24 − 43) ÷ 24 is exactly 0.625 and rounds to 0.63."""
        assert _rev("43", "24", "linear", w=D(3)).points == D("0.63")


class TestEqual:
    """``=`` targets (A4): as 正向 by default, or the symmetric option."""

    def test_at_target(self) -> None:
        """A = T gives w under both options."""
        assert _eq("100", "100").points == D("10.00")
        assert _eq("100", "100", "symmetric").points == D("10.00")

    def test_below_positive(self) -> None:
        """=100% with 97% and w = 5 gives 4.85."""
        out = _eq("97", "100", w=D(5))
        assert out.points == D("4.85")
        assert texts(out)[-1] == "得分 = 5 × 97.00% = 4.85"

    def test_overshoot_not_penalised(self) -> None:
        """Under the default, overshooting an ``=`` target still gives w."""
        assert _eq("120", "100").points == D("10.00")

    def test_overshoot_symmetric(self) -> None:
        """Under symmetric, 20% over gives 0.8 w."""
        out = _eq("120", "100", "symmetric")
        assert out.points == D("8.00")
        assert texts(out)[0] == "偏离度 = |120% − 100%| ÷ 100% = 20.00%"

    def test_below_symmetric(self) -> None:
        """Under symmetric, 20% under also gives 0.8 w."""
        assert _eq("80", "100", "symmetric").points == D("8.00")

    def test_symmetric_floor(self) -> None:
        """Under symmetric, a deviation of 100% or more gives 0."""
        assert _eq("250", "100", "symmetric").points == D("0.00")

    def test_zero_target(self) -> None:
        """=0 gives w only when A ≤ 0 (Part B §4.4)."""
        assert _eq("0", "0").points == D("10.00")
        assert _eq("1", "0").points == D("0.00")
        assert _eq("1", "0", "symmetric").points == D("0.00")


class TestWithin:
    """Ranges (A5): inside → w; below → w × A / low; above → w × high / A."""

    @pytest.mark.parametrize("a", ["90", "92", "95"])
    def test_inside_including_ends(self, a: str) -> None:
        """Both ends of the range count as inside."""
        out = _within(a)
        assert out.points == D("10.00")
        assert out.achieved

    def test_below(self) -> None:
        """80% against 90%-95% gives 10 × 80 ÷ 90 = 8.89."""
        out = _within("80")
        assert out.points == D("8.89")
        assert texts(out)[0] == "完成率 = 80% ÷ 下限90% ≈ 88.89%"

    def test_above(self) -> None:
        """100% against 90%-95% gives 10 × 95 ÷ 100 = 9.50."""
        out = _within("100")
        assert out.points == D("9.50")
        assert texts(out)[0] == "完成率（超出上限） = 上限95% ÷ 100% = 95.00%"
        assert not out.achieved

    def test_zero_below(self) -> None:
        """A = 0 below the range gives 0."""
        assert _within("0").points == D("0.00")


class TestRateTimesWeight:
    """满意度赋分 option ``rate``: w × the rate itself."""

    def test_rate(self) -> None:
        """95% satisfaction with w = 10 gives 9.50."""
        out = rules.rate_times_weight(D("0.95"), W, _a(95, "%"))
        assert out.points == D("9.50")
        assert texts(out) == ("得分 = 10 × 满意度95% = 9.50",)

    def test_capped(self) -> None:
        """A rate above 100% is capped at w."""
        assert rules.rate_times_weight(D("1.2"), W, _a(120, "%")).points == D("10.00")


class TestOnTime:
    """Deadlines (A5): on or before the day named → w; later → 0."""

    due = dt.date(2026, 6, 30)

    def test_on_the_day(self) -> None:
        """The day named counts as on time."""
        out = rules.on_time(self.due, self.due, D(3))
        assert out.points == D("3.00")
        assert texts(out) == ("完成日期2026年6月30日不晚于时限2026年6月30日，得满分 3",)

    def test_before(self) -> None:
        """Earlier than the deadline is on time."""
        assert rules.on_time(dt.date(2026, 6, 15), self.due, D(3)).points == D("3.00")

    def test_one_day_late(self) -> None:
        """One day late gives 0, and the step says how late."""
        out = rules.on_time(dt.date(2026, 7, 1), self.due, D(3))
        assert out.points == D("0.00")
        assert not out.achieved
        assert texts(out) == ("完成日期2026年7月1日晚于时限2026年6月30日（逾期1天），得分 = 0.00",)


class TestAllOrNothing:
    """直接赋分 (A1): achieved → w, otherwise 0."""

    def test_achieved(self) -> None:
        """Achieved gives the whole weight."""
        out = rules.all_or_nothing(True, D("2.5"), step(StepKind.WORDS_ON_TIME, words="已完成"))
        assert out.points == D("2.50")
        assert texts(out) == ("实际完成情况“已完成”，按时完成，得满分 2.5",)

    def test_not_achieved(self) -> None:
        """Not achieved gives 0."""
        out = rules.all_or_nothing(False, D("2.5"), step(StepKind.WORDS_LATE, words="未完成"))
        assert out.points == D("0.00")
        assert texts(out) == ("实际完成情况“未完成”，未按时完成，直接赋分不得分，得分 = 0.00",)


class TestGraded:
    """Graded tiers (A6): the tier's point as a fraction of w."""

    @pytest.mark.parametrize(
        ("tier", "fraction", "points"),
        [
            (Tier.ACHIEVED, "1", "20.00"),
            (Tier.ACHIEVED, "0.8", "16.00"),
            (Tier.PARTIAL, "0.7", "14.00"),
            (Tier.PARTIAL, "0.75", "15.00"),
            (Tier.FAILED, "0.3", "6.00"),
            (Tier.FAILED, "0", "0.00"),
        ],
    )
    def test_points(self, tier: Tier, fraction: str, points: str) -> None:
        """Points are w × the tier's fraction."""
        out = rules.graded(tier, D(fraction), D(20), step(StepKind.DEFAULT_POINT))
        assert out.points == D(points)
        assert out.achieved is (tier is Tier.ACHIEVED)

    def test_steps_name_the_band(self) -> None:
        """The first step names the tier, where its point came from, and its band."""
        out = rules.graded(Tier.PARTIAL, D("0.7"), D(10), step(StepKind.DEFAULT_POINT))
        assert texts(out) == ("评判等级：部分达成（默认取值），区间为分值的[60%, 80%)", "得分 = 10 × 70.00% = 7.00")


class TestBudgetRate:
    """预算执行率 (A8): w × min(spent / planned, 1)."""

    def test_worked_example(self) -> None:
        """43.70 of 46.00 万元 is 95.00% and gives 9.50."""
        out = rules.budget_rate(D("46.00"), D("43.70"), W)
        assert out.points == D("9.50")
        assert out.ratio == D("0.95")
        assert texts(out) == (
            "预算执行率 = 全年执行数43.70万元 ÷ 全年预算数46.00万元 = 95.00%",
            "得分 = 10 × 95.00% = 9.50",
        )

    def test_over_100_percent_capped(self) -> None:
        """Spending more than planned is capped at 100%."""
        out = rules.budget_rate(D(100), D(120), W)
        assert out.points == D("10.00")
        assert out.ratio == D("1.2")
        assert texts(out)[-1] == "执行率超过100%，按100%计；得分 = 10 × 100.00% = 10.00"

    def test_exactly_100_percent(self) -> None:
        """Spending exactly the plan gives w and counts as achieved."""
        out = rules.budget_rate(D(46), D(46), W)
        assert out.points == D("10.00")
        assert out.achieved

    def test_nothing_spent(self) -> None:
        """Spending nothing gives 0."""
        assert rules.budget_rate(D(46), D(0), W).points == D("0.00")

    def test_repeating_rate(self) -> None:
        """A repeating rate shows the fraction in the step: 10 × 1 ÷ 3 = 3.33."""
        out = rules.budget_rate(D(3), D(1), W)
        assert out.points == D("3.33")
        assert texts(out)[-1] == "得分 = 10 × 1 ÷ 3 = 3.33"

    def test_rounding_half_up_with_repeating_rate(self) -> None:
        """3 × 5 ÷ 24 is exactly 0.625 and rounds to 0.63."""
        assert rules.budget_rate(D(24), D(5), D(3)).points == D("0.63")


class TestBounds:
    """Every rule keeps points within [0, w]."""

    @pytest.mark.parametrize(
        "out",
        [
            _pos("1000", "1"),
            _pos("-1000", "1"),
            _rev("1000", "1"),
            _rev("1000", "1", "linear"),
            _rev("-5", "1"),
            _eq("1000", "1", "symmetric"),
            _within("1000"),
            _within("-3"),
            rules.rate_times_weight(D(5), W, _a(500, "%")),
            rules.rate_times_weight(D(-1), W, _a(-100, "%")),
            rules.budget_rate(D(1), D(1000), W),
        ],
    )
    def test_within_zero_and_weight(self, out: rules.Outcome) -> None:
        """Points are never above w and never below 0."""
        assert D(0) <= out.points <= W

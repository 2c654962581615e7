"""Unit and property tests of Part C's pure rules (scoring.engine.monitor_rules) and the monitoring policy
(scoring.engine.monitor_policy): every light at and around its thresholds, and the orderings the lights keep."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import Policy, PolicyError
from scoring.engine.monitor_money import money
from scoring.engine.monitor_policy import DEFAULT_MONITOR, MonitorPolicy
from scoring.engine.monitor_results import MonitorLine, MonitorResult
from scoring.engine.monitor_rules import (
    Light,
    ceiling,
    cumulative,
    deadline,
    level,
    qualitative,
    reverse_level,
    worst,
)
from scoring.engine.steps import Num, StepKind
from scoring.engine.vocabulary import Tier
from scoring.report.wording import step_texts
from scoring.tables.model import Indicator, Table

D = Decimal
P = DEFAULT_MONITOR
R, Y, G, B = Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE
#: The four lights from worst to best: blue above green (a stricter order than ``rank``, where they tie).
ORDER = {R: 0, Y: 1, G: 2, B: 3}


def n(value: str | int | Decimal, unit: str = "个") -> Num:
    return Num(D(value), unit, written=True)


def said(steps: tuple[object, ...]) -> str:
    return "；".join(step_texts(steps))  # type: ignore[arg-type]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- Light and worst ---------------------------------------------------------------------------------------------


class TestLight:
    def test_codes_and_labels(self) -> None:
        """The Chinese label is the value; ``code`` is the JSON contract's English name."""
        assert [(x.value, x.code) for x in Light] == [("红灯", "red"), ("黄灯", "yellow"), ("绿灯", "green"),
                                                      ("蓝灯", "blue")]  # fmt: skip

    def test_rank_ties_blue_with_green(self) -> None:
        """C3: red < yellow < green, and blue counts as green."""
        assert (R.rank, Y.rank, G.rank, B.rank) == (0, 1, 2, 2)


class TestWorst:
    @pytest.mark.parametrize(
        ("lights", "expected"),
        [
            ([], None),
            ([G], G),
            ([B], B),
            ([B, B, B], B),
            ([B, G], G),
            ([G, B, B], G),
            ([B, Y], Y),
            ([G, Y, B], Y),
            ([Y, R, G, B], R),
            ([R], R),
            ([Y, Y], Y),
        ],
    )
    def test_examples(self, lights: list[Light], expected: Light | None) -> None:
        """The worst light; blue only when every light is blue."""
        assert worst(lights) is expected

    @given(st.lists(st.sampled_from(list(Light)), min_size=1, max_size=8))
    def test_is_the_minimum_by_rank(self, lights: list[Light]) -> None:
        """The result has the lowest rank of the lights, and is one of them."""
        got = worst(lights)
        assert got is not None
        assert got in lights
        assert got.rank == min(x.rank for x in lights)
        assert (got is B) == all(x is B for x in lights)

    @given(st.lists(st.sampled_from(list(Light)), min_size=1, max_size=6), st.randoms())
    def test_order_independent(self, lights: list[Light], rnd: object) -> None:
        """Shuffling the rows never changes the project's light."""
        shuffled = list(lights)
        rnd.shuffle(shuffled)  # type: ignore[attr-defined]
        assert worst(shuffled) is worst(lights)
        assert all(worst(list(p)) is worst(lights) for p in itertools.islice(itertools.permutations(lights), 24))


class TestProjectLight:
    @given(st.lists(st.one_of(st.none(), st.sampled_from(list(Light))), max_size=8))
    def test_project_light_is_the_worst_row(self, lights: list[Light | None]) -> None:
        """MonitorResult.light is the worst of the rows that have a light (rows without one are left out)."""
        rows = tuple(
            MonitorLine(
                Indicator(name=f"指标{i}", target="≥1个", weight="1"), light, error=None if light else "无法判断"
            )
            for i, light in enumerate(lights)
        )
        result = MonitorResult(Table(title="表", indicators=tuple(r.indicator for r in rows)), 7, rows, None, Policy())
        judged = [x for x in lights if x is not None]
        assert result.light is worst(judged)
        assert result.complete == (len(judged) == len(lights))
        assert len(result.unjudged) == len(lights) - len(judged)


# --- C1: cumulative and level -----------------------------------------------------------------------------------


class TestCumulative:
    def test_issue_example(self) -> None:
        """计划进度 = 110个 × 7/12 ≈ 64.17个；完成进度 = 50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7) ≈ 77.92%；黄灯."""
        got = cumulative(n(50), n(110), 7, P)
        assert got.light is Y
        assert got.progress is not None
        assert round(got.progress * 100, 2) == D("77.92")
        assert said(got.steps) == (
            "计划进度 = 110个 × 7/12 ≈ 64.17个；完成进度 = 50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7) ≈ 77.92%；黄灯（60.00% ≤ 完成进度 < 80.00%）"
        )

    def test_progress_uses_the_exact_plan(self) -> None:
        """The plan is shown rounded (64.17个), but the progress divides by the exact T × m / 12."""
        got = cumulative(n(50), n(110), 7, P)
        assert got.progress is not None
        assert abs(got.progress - D(50 * 12) / D(110 * 7)) < D("1e-25")
        assert round(got.progress, 6) != round(D(50) / D("64.17"), 6)

    @pytest.mark.parametrize(
        ("actual", "target", "month", "light"),
        [("4.83", "48.3", 2, Y), ("6.44", "48.3", 2, G), ("100000.3", "1000003", 2, Y), ("3", "12", 5, Y),
         ("4.83", "48.29", 2, Y), ("4.82", "48.3", 2, R)],
    )  # fmt: skip
    def test_threshold_compared_exactly(self, actual: str, target: str, month: int, light: Light) -> None:
        """Regression: 4.83 against ≥48.3 at m = 2 is exactly 60% (yellow); dividing by a rounded 2/12 once gave
        59.99…% and red."""
        assert cumulative(n(actual), n(target), month, P).light is light

    @pytest.mark.parametrize(
        ("actual", "light"),
        [("0", R), ("59.99", R), ("60", Y), ("79.99", Y), ("80", G), ("119.99", G), ("120", B), ("1000", B)],
    )
    def test_thresholds(self, actual: str, light: Light) -> None:
        """T = 200, m = 6: plan 100, so the actual is the progress in %."""
        got = cumulative(n(actual), n(200), 6, P)
        assert got.light is light
        assert got.progress == D(actual) / 100

    def test_row_plan_replaces_time_share(self) -> None:
        got = cumulative(n(50), n(110), 7, P, plan=n(80))
        assert got.light is Y
        assert got.progress == D("0.625")
        assert said(got.steps).startswith("计划进度 = 80个（1-7月计划值）；完成进度 = 50个 ÷ 80个 = 62.50%")

    @pytest.mark.parametrize(("actual", "light"), [("0", G), ("5", G), ("-1", R)])
    def test_plan_of_zero(self, actual: str, light: Light) -> None:
        """A plan of 0 gives green for any A ≥ 0 (no division, no progress)."""
        got = cumulative(n(actual), n(0), 7, P)
        assert got.light is light
        assert got.progress is None

    def test_negative_actual_is_red(self) -> None:
        assert cumulative(n(-5), n(110), 7, P).light is R

    def test_time_profile(self) -> None:
        """With a profile the share of month 7 is the profile's, shown as a percentage."""
        policy = P.merged({"profile": ["5%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "95%",
                                       "100%"]})  # fmt: skip
        got = cumulative(n(50), n(110), 7, policy)
        assert said(got.steps).startswith("计划进度 = 110个 × 60.00% = 66个；完成进度 = 50个 ÷ 66个 ≈ 75.76%")

    def test_december_plan_is_the_target(self) -> None:
        got = cumulative(n(110), n(110), 12, P)
        assert got.light is G
        assert got.progress == 1
        assert "计划进度 = 110个 × 12/12 = 110个" in said(got.steps)


class TestLevel:
    @pytest.mark.parametrize(
        ("actual", "light"),
        [("59.99", R), ("60", Y), ("79.99", Y), ("80", G), ("119.99", G), ("120", B)],
    )
    def test_thresholds(self, actual: str, light: Light) -> None:
        got = level(n(actual, "%"), n(100, "%"), P)
        assert got.light is light
        assert got.progress == D(actual) / 100

    def test_steps(self) -> None:
        assert said(level(n(90, "%"), n(95, "%"), P).steps) == (
            "完成进度 = 90% ÷ 95% ≈ 94.74%；绿灯（80.00% ≤ 完成进度 < 120.00%）"
        )

    def test_zero_target(self) -> None:
        assert level(n(0, "%"), n(0, "%"), P).light is G

    def test_thresholds_from_policy(self) -> None:
        policy = P.merged({"red_below": "50%", "yellow_below": "90%", "blue_from": "150%"})
        assert [level(n(a, "%"), n(100, "%"), policy).light for a in ("49", "50", "89", "90", "149", "150")] == [
            R, Y, Y, G, G, B,
        ]  # fmt: skip


class TestReverse:
    @pytest.mark.parametrize(("actual", "light"), [("46", G), ("48.30", G), ("48.31", R), ("100", R)])
    def test_level(self, actual: str, light: Light) -> None:
        """C1, 反向 level: A ≤ T green, otherwise red; no progress figure."""
        got = reverse_level(n(actual, "万元/套"), n("48.30", "万元/套"))
        assert got.light is light
        assert got.progress is None

    def test_level_zero_target(self) -> None:
        assert reverse_level(n(0, "起"), n(0, "起")).light is G
        assert reverse_level(n(1, "起"), n(0, "起")).light is R

    def test_level_steps(self) -> None:
        assert said(reverse_level(n(6, "%"), n(5, "%")).steps) == "实际完成6%超过指标值5%，红灯"
        assert said(reverse_level(n(5, "%"), n(5, "%")).steps) == "实际完成5%未超过指标值5%，绿灯"

    @pytest.mark.parametrize(
        ("actual", "light"), [("0", G), ("50", G), ("60", G), ("60.01", Y), ("120", Y), ("120.01", R)]
    )
    def test_ceiling(self, actual: str, light: Light) -> None:
        """C1, cost ceiling ≤120万元 at m = 6: plan 60; ≤ 60 green, ≤ 120 yellow, above red."""
        got = ceiling(n(actual, "万元"), n(120, "万元"), 6, P)
        assert got.light is light
        assert got.progress is None

    def test_ceiling_steps(self) -> None:
        got = ceiling(n(70, "万元"), n(120, "万元"), 6, P)
        assert said(got.steps) == (
            "计划进度 = 120万元 × 6/12 = 60万元；实际完成70万元超过计划进度60万元、未超过全年指标值120万元（快于时间进度），黄灯"
        )

    def test_ceiling_with_row_plan(self) -> None:
        assert ceiling(n(50, "万元"), n(120, "万元"), 6, P, plan=n(40, "万元")).light is Y
        assert ceiling(n(40, "万元"), n(120, "万元"), 6, P, plan=n(40, "万元")).light is G

    def test_ceiling_plan_above_the_year_does_not_lift_it(self) -> None:
        """Regression: a 1-m月计划值 above T once turned A > T green."""
        got = ceiling(n(95, "万元"), n(90, "万元"), 7, P, plan=n(100, "万元"))
        assert got.light is R
        assert "实际完成95万元超过指标值90万元，红灯" in said(got.steps)


# --- C1: qualitative and deadlines -----------------------------------------------------------------------------------


class TestQualitative:
    @pytest.mark.parametrize(("tier", "light"), [(Tier.ACHIEVED, G), (Tier.PARTIAL, Y), (Tier.FAILED, R), (None, G)])
    def test_tiers(self, tier: Tier | None, light: Light) -> None:
        assert qualitative("x", tier).light is light

    def test_in_progress_says_not_assessed(self) -> None:
        assert said(qualitative("进行中", None).steps) == "实际完成情况“进行中”：进行中，尚未评判，绿灯"

    def test_tier_step(self) -> None:
        assert said(qualitative("基本达成", Tier.PARTIAL).steps) == "实际完成情况“基本达成”为部分达成，黄灯"


class TestDeadline:
    END = day("2026-07-31")

    @pytest.mark.parametrize(
        ("due", "done", "light", "kind"),
        [
            ("2026-06-30", "2026-06-15", G, StepKind.M_DONE_ON_TIME),
            ("2026-06-30", "2026-06-30", G, StepKind.M_DONE_ON_TIME),
            ("2026-06-30", "2026-07-01", R, StepKind.M_DONE_LATE),
            ("2026-10-31", None, G, StepKind.M_NOT_DUE),
            ("2026-08-01", None, G, StepKind.M_NOT_DUE),
            ("2026-07-31", None, R, StepKind.M_OVERDUE),
            ("2026-06-30", None, R, StepKind.M_OVERDUE),
        ],
    )
    def test_cases(self, due: str, done: str | None, light: Light, kind: StepKind) -> None:
        got = deadline(day(due), day(done) if done else None, self.END)
        assert got.light is light
        assert [s.kind for s in got.steps] == [kind]

    def test_steps(self) -> None:
        assert said(deadline(day("2026-10-31"), None, self.END).steps) == (
            "截至2026年7月31日未到时限2026年10月31日，尚未完成（进行中），绿灯"
        )
        assert said(deadline(day("2026-06-30"), day("2026-07-02"), self.END).steps) == (
            "完成日期2026年7月2日晚于时限2026年6月30日，红灯"
        )


# --- C2: money ----------------------------------------------------------------------------------------------------


class TestMoney:
    @pytest.mark.parametrize(
        ("spent", "light"),
        [("0", R), ("29.995", R), ("30", Y), ("39.995", Y), ("40", G), ("100", G), ("150", G)],
    )
    def test_thresholds(self, spent: str, light: Light) -> None:
        """m = 6, planned 100: the progress is twice the rate."""
        got = money(D(100), D(spent), 6, P)
        assert got.light is light
        assert got.progress == D(spent) / 100 * 2

    def test_steps(self) -> None:
        assert step_texts(money(D(100), D(40), 7, P).steps) == (
            "执行率 = 1-7月执行数40万元 ÷ 全年预算数100万元 = 40.00%",
            "资金进度 = 执行率40.00% ÷ 时间进度7/12 ≈ 68.57%",
            "黄灯（60.00% ≤ 资金进度 < 80.00%）",
        )

    @pytest.mark.parametrize(
        ("planned", "spent", "month", "light"),
        [("48.3", "4.83", 2, Y), ("48.3", "6.44", 2, G), ("123.45", "16.46", 2, G), ("120", "40", 5, G),
         ("99999.99", "53333.328", 8, G)],
    )  # fmt: skip
    def test_threshold_compared_exactly(self, planned: str, spent: str, month: int, light: Light) -> None:
        """Regression: a money progress of exactly 60% or 80% is yellow or green, not one light worse."""
        assert money(D(planned), D(spent), month, P).light is light

    def test_share_of_zero_is_green(self) -> None:
        """Regression: a profile whose first month is 0% once divided by zero; nothing was due yet: green."""
        policy = P.merged({"profile": ["0%", *(f"{m * 10}%" for m in range(1, 11)), "100%"]})
        got = money(D(100), D(10), 1, policy)
        assert got.light is G
        assert got.progress is None
        assert step_texts(got.steps) == (
            "执行率 = 1-1月执行数10万元 ÷ 全年预算数100万元 = 10.00%",
            "时间进度为0.00%，尚无应执行的资金，绿灯",
        )
        assert cumulative(n(0), n(10), 1, policy).light is G
        assert ceiling(n(1, "万元"), n(10, "万元"), 1, policy).light is Y

    def test_money_thresholds_are_their_own(self) -> None:
        """The money's thresholds are separate from the targets'; there is no blue for money."""
        policy = P.merged({"money_red_below": "50%", "money_yellow_below": "70%", "red_below": "90%",
                           "yellow_below": "95%", "blue_from": "99%"})  # fmt: skip
        assert [money(D(100), D(s), 6, policy).light for s in ("24", "25", "34", "35", "300")] == [R, Y, Y, G, G]


# --- properties -----------------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=100000, places=2, allow_nan=False, allow_infinity=False)
months = st.integers(min_value=1, max_value=12)
shares = st.decimals(min_value=0, max_value=3, places=2)


@st.composite
def policies(draw: st.DrawFn) -> MonitorPolicy:
    """Any valid monitoring policy: ordered thresholds and, half the time, a non-decreasing profile ending at 1."""
    low, mid, high = sorted(draw(st.lists(shares, min_size=3, max_size=3)))
    m_low, m_high = sorted(draw(st.lists(shares, min_size=2, max_size=2)))
    profile: tuple[Decimal, ...] = ()
    if draw(st.booleans()):
        steps = sorted(draw(st.lists(st.decimals(min_value=0, max_value=1, places=2), min_size=11, max_size=11)))
        profile = (*steps, D(1))
    return MonitorPolicy(low, mid, high, m_low, m_high, profile)


@settings(max_examples=300)
@given(a1=amounts, a2=amounts, t=positive, m=months, policy=policies())
def test_cumulative_monotone(a1: Decimal, a2: Decimal, t: Decimal, m: int, policy: MonitorPolicy) -> None:
    """正向 cumulative: a larger actual never gives a worse light (red < yellow < green < blue)."""
    lo, hi = sorted((a1, a2))
    assert ORDER[cumulative(n(lo), n(t), m, policy).light] <= ORDER[cumulative(n(hi), n(t), m, policy).light]


@settings(max_examples=300)
@given(a1=amounts, a2=amounts, t=positive, plan=positive, m=months, policy=policies())
def test_cumulative_with_plan_monotone(
    a1: Decimal, a2: Decimal, t: Decimal, plan: Decimal, m: int, policy: MonitorPolicy
) -> None:
    lo, hi = sorted((a1, a2))
    first = cumulative(n(lo), n(t), m, policy, plan=n(plan)).light
    assert ORDER[first] <= ORDER[cumulative(n(hi), n(t), m, policy, plan=n(plan)).light]


@settings(max_examples=300)
@given(a1=amounts, a2=amounts, t=positive, policy=policies())
def test_level_monotone(a1: Decimal, a2: Decimal, t: Decimal, policy: MonitorPolicy) -> None:
    """正向 level: a larger actual never gives a worse light."""
    lo, hi = sorted((a1, a2))
    assert ORDER[level(n(lo, "%"), n(t, "%"), policy).light] <= ORDER[level(n(hi, "%"), n(t, "%"), policy).light]


@settings(max_examples=300)
@given(a1=amounts, a2=amounts, t=amounts, m=months, policy=policies(), plan=st.one_of(st.none(), amounts))
def test_reverse_never_better_with_more(
    a1: Decimal, a2: Decimal, t: Decimal, m: int, policy: MonitorPolicy, plan: Decimal | None
) -> None:
    """反向 (level and ceiling): a larger actual never gives a better light; above T is always red."""
    lo, hi = sorted((a1, a2))
    p = None if plan is None else n(plan, "万元")
    assert reverse_level(n(hi), n(t)).light.rank <= reverse_level(n(lo), n(t)).light.rank
    high = ceiling(n(hi, "万元"), n(t, "万元"), m, policy, p).light
    assert high.rank <= ceiling(n(lo, "万元"), n(t, "万元"), m, policy, p).light.rank
    if hi > t:
        assert high is R


@settings(max_examples=300)
@given(s1=amounts, s2=amounts, planned=positive, m=months, policy=policies())
def test_money_monotone(s1: Decimal, s2: Decimal, planned: Decimal, m: int, policy: MonitorPolicy) -> None:
    """C2: spending more never gives a worse money light, and the money is never blue."""
    lo, hi = sorted((s1, s2))
    first, second = money(planned, lo, m, policy).light, money(planned, hi, m, policy).light
    assert first.rank <= second.rank
    assert B not in (first, second)


@given(a=st.decimals(min_value=0, max_value=100000, places=2), t=positive, m=months)
def test_light_bands_match_progress(a: Decimal, t: Decimal, m: int) -> None:
    """The light is exactly the band the progress falls in (C1's defaults)."""
    got = cumulative(n(a), n(t), m, P)
    assert got.progress is not None
    p = got.progress
    expected = R if p < D("0.6") else Y if p < D("0.8") else G if p < D("1.2") else B
    assert got.light is expected


# --- the policy -------------------------------------------------------------------------------------------------------


class TestMonitorPolicy:
    def test_defaults(self) -> None:
        assert (P.red_below, P.yellow_below, P.blue_from) == (D("0.6"), D("0.8"), D("1.2"))
        assert (P.money_red_below, P.money_yellow_below) == (D("0.6"), D("0.8"))
        assert P.profile == ()
        assert P.linear
        assert [P.share(m) for m in (1, 6, 12)] == [D(1) / 12, D("0.5"), D(1)]

    @pytest.mark.parametrize(
        ("value", "share"),
        [
            ("60%", "0.6"), ("60％", "0.6"), (" 60 % ", "0.6"), ("0.6", "0.6"), (60, "0.6"), ("60", "0.6"),
            (D("0.6"), "0.6"), (0.6, "0.6"), ("120", "1.2"), ("120%", "1.2"), ("1", "1"), (1, "1"), ("0", "0"),
            ("0.5%", "0.005"), ("150%", "1.5"), ("10", "0.1"), (10, "0.1"), ("1000%", "10"),
        ],
    )  # fmt: skip
    def test_share_forms(self, value: object, share: str) -> None:
        """A percentage, a share, or a whole number above 1 (read as a percentage)."""
        assert P.merged({"blue_from": value, "yellow_below": "0", "red_below": "0"}).blue_from == D(share)

    @pytest.mark.parametrize(
        ("key", "field"),
        [("red_below", "red_below"), ("红灯阈值", "red_below"), ("yellow_below", "yellow_below"),
         ("黄灯阈值", "yellow_below"), ("blue_from", "blue_from"), ("蓝灯阈值", "blue_from"),
         ("money_red_below", "money_red_below"), ("资金红灯阈值", "money_red_below"),
         ("money_yellow_below", "money_yellow_below"), ("资金黄灯阈值", "money_yellow_below")],
    )  # fmt: skip
    def test_keys_english_and_chinese(self, key: str, field: str) -> None:
        got = MonitorPolicy(D(0), D("0.7"), D(2), D(0), D("0.7")).merged({key: "70%"})
        assert getattr(got, field) == D("0.7")

    def test_profile(self) -> None:
        profile = ["5%", "10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "95%", "100%"]
        got = P.merged({"时间进度": profile})
        assert not got.linear
        assert got.share(7) == D("0.6")
        assert got.share(12) == 1

    def test_name_lists(self) -> None:
        got = P.merged({"累计指标": "资金到位率", "level": ["培训人次", "满意度"]})
        assert got.cumulative == ("资金到位率",)
        assert got.level == ("培训人次", "满意度")

    def test_merging_keeps_earlier_layers(self) -> None:
        """Per table, then per run: the run's options change only what they name."""
        policy = Policy.layered({"monitor": {"red_below": "50%", "profile": [str(D(m) / 12) for m in range(1, 13)]}},
                                {"monitor": {"blue_from": "130%"}})  # fmt: skip
        assert (policy.monitor.red_below, policy.monitor.blue_from) == (D("0.5"), D("1.3"))
        assert len(policy.monitor.profile) == 12

    def test_policy_accepts_a_monitor_policy(self) -> None:
        own = MonitorPolicy(red_below=D("0.5"))
        assert Policy.layered({"monitor": own}).monitor is own
        assert Policy.layered({"监控": {"red_below": "50%"}}).monitor.red_below == D("0.5")

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            (
                {"red_below": True},
                '[policy.monitor] 中“red_below”应为百分比（如 "60%"、60）或不大于1的小数（如 0.6），取值范围 0%至1000%，却是 true',
            ),
            ({"red_below": "很低"}, "[policy.monitor] 中“red_below”应为百分比"),
            ({"red_below": "很低"}, "取值范围 0%至1000%，却是“很低”（不是数值）"),
            ({"red_below": "-5%"}, "[policy.monitor] 中“red_below”超出范围（取值范围 0%至1000%），却是“-5%”"),
            ({"red_below": "NaN"}, "取值范围 0%至1000%，却是“NaN”"),
            ({"red_below": "20000"}, "超出范围（取值范围 0%至1000%），却是“20000”"),
            ({"red_below": 20000}, "超出范围（取值范围 0%至1000%），却是 20000"),
            ({"red_below": 2}, "[policy.monitor] 中“red_below”的取值 2（不带%）含义不明"),
            ({"red_below": "1.5"}, "请写作“150%”或“1.5%”"),
            ({"blue_from": 9.99}, "请写作“999%”或“9.99%”"),
            ({"profile": [*["10%"] * 11, "120%"]}, "[policy.monitor] 中“profile[12]”超出范围（取值范围 0%至100%）"),
            ({"red_below": "90%"}, "红灯阈值 ≤ 黄灯阈值 ≤ 蓝灯阈值，却是 90% ≤ 80% ≤ 120%"),
            ({"blue_from": "70%"}, "红灯阈值 ≤ 黄灯阈值 ≤ 蓝灯阈值，却是 60% ≤ 80% ≤ 70%"),
            ({"money_red_below": "90%"}, "资金红灯阈值 ≤ 资金黄灯阈值，却是 90% ≤ 80%"),
            ({"绿灯阈值": "80%"}, "[policy.monitor] 中未知的键“绿灯阈值”（可用的键：red_below、"),
            ({"profile": "m/12"}, "应为12个月末累计进度的列表"),
            ({"profile": ["10%"] * 11}, "应为12个月末累计进度的列表"),
            ({"profile": ["10%"] * 12}, "应逐月不减，且12月为100%"),
            ({"profile": ["50%", "40%", *["100%"] * 10]}, "应逐月不减，且12月为100%"),
            ({"profile": ["x", *["100%"] * 11]}, "[policy.monitor] 中“profile[1]”应为百分比"),
            ({"cumulative": [1, 2]}, "应为指标名称列表"),
            ({"level": {"a": 1}}, "应为指标名称列表"),
        ],
    )
    def test_bad_values(self, options: dict[str, object], message: str) -> None:
        """A bad option is a PolicyError whose Chinese message names it."""
        with pytest.raises(PolicyError, match=re.escape(message)):
            Policy.layered({"monitor": options})

    def test_bad_monitor_section(self) -> None:
        with pytest.raises(PolicyError, match="评分口径“monitor”应为表"):
            P.merged(["red_below"])  # type: ignore[arg-type]

    def test_order_checked_on_construction(self) -> None:
        with pytest.raises(PolicyError, match="红灯阈值 ≤ 黄灯阈值"):
            MonitorPolicy(red_below=D("0.9"))
        with pytest.raises(PolicyError, match="资金红灯阈值 ≤ 资金黄灯阈值"):
            MonitorPolicy(money_yellow_below=D("0.5"))

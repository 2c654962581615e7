"""Property tests of the scoring engine: bounds, two decimals, monotonicity, and total ≤ max."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.engine import Policy, check_table, rules, score_indicator, score_table
from scoring.engine.policy import ReverseFormula
from scoring.engine.steps import Num
from scoring.numbers import q2
from scoring.report import as_dict, explain
from scoring.tables.model import Budget, Indicator, Table

D = Decimal

weights = st.decimals(min_value=0, max_value=100, places=2)
targets = st.decimals(min_value=D("0.01"), max_value=100000, places=2)
actuals = st.decimals(min_value=-1000, max_value=1000000, places=3)
operators = st.sampled_from(["≥", ">", "≤", "<", "=", ""])
policies = st.builds(
    lambda reverse, equal: Policy.from_mapping({"reverse": reverse, "equal": equal}),
    st.sampled_from(["inverse", "linear"]),
    st.sampled_from(["positive", "symmetric"]),
)
reverse_formulas = st.sampled_from(list(ReverseFormula))


def _score(op: str, t: Decimal, a: Decimal, w: Decimal, policy: Policy | None = None) -> Decimal:
    """The points of one numeric row in 个 (the row must score)."""
    ind = Indicator(name="x", target=f"{op}{t:f}个", weight=w, rule="按照完成比例赋分", actual=f"{a:f}个")
    result = score_indicator(ind, policy=policy)
    assert result.error is None, result.error
    assert result.points is not None
    return result.points


@given(op=operators, t=targets, a=actuals, w=weights, policy=policies)
def test_points_within_weight(op: str, t: Decimal, a: Decimal, w: Decimal, policy: Policy) -> None:
    """Points are always within [0, w] and carry exactly two decimals."""
    points = _score(op, t, a, w, policy)
    assert D(0) <= points <= w
    assert points.as_tuple().exponent == -2


@given(low=targets, span=targets, a=actuals, w=weights)
def test_range_points_within_weight(low: Decimal, span: Decimal, a: Decimal, w: Decimal) -> None:
    """Range targets also keep points within [0, w]."""
    points = rules.within(Num(a), Num(low), Num(low + span), w).points
    assert D(0) <= points <= w


@given(op=st.sampled_from(["≥", ">", "", "="]), t=targets, a1=actuals, a2=actuals, w=weights)
def test_positive_monotone(op: str, t: Decimal, a1: Decimal, a2: Decimal, w: Decimal) -> None:
    """For 正向 targets, a larger actual never scores less."""
    low, high = sorted((a1, a2))
    assert _score(op, t, low, w) <= _score(op, t, high, w)


@given(op=st.sampled_from(["≤", "<"]), t=targets, a1=actuals, a2=actuals, w=weights, formula=reverse_formulas)
def test_reverse_monotone(op: str, t: Decimal, a1: Decimal, a2: Decimal, w: Decimal, formula: ReverseFormula) -> None:
    """For 反向 targets, a larger actual never scores more, under both formulas."""
    policy = Policy.from_mapping({"reverse": formula})
    low, high = sorted((a1, a2))
    assert _score(op, t, low, w, policy) >= _score(op, t, high, w, policy)


@given(t=targets, a1=actuals, a2=actuals, w=weights, formula=reverse_formulas)
def test_reverse_rule_monotone(t: Decimal, a1: Decimal, a2: Decimal, w: Decimal, formula: ReverseFormula) -> None:
    """rules.reverse itself is non-increasing in the actual."""
    low, high = sorted((a1, a2))
    assert rules.reverse(Num(low), Num(t), w, formula).points >= rules.reverse(Num(high), Num(t), w, formula).points


@given(a=actuals, t=targets, w=weights)
def test_linear_never_above_inverse(a: Decimal, t: Decimal, w: Decimal) -> None:
    """The linear 反向 formula never gives more than the inverse ratio."""
    assert (
        rules.reverse(Num(a), Num(t), w, ReverseFormula.LINEAR).points
        <= rules.reverse(Num(a), Num(t), w, ReverseFormula.INVERSE).points
    )


@given(planned=st.decimals(min_value=D("0.01"), max_value=100000, places=2), spent=targets, w=weights)
def test_budget_within_weight(planned: Decimal, spent: Decimal, w: Decimal) -> None:
    """The budget line stays within [0, w]."""
    assert D(0) <= rules.budget_rate(planned, spent, w).points <= w


rows = st.builds(
    lambda op, t, a, w: Indicator(name="x", target=f"{op}{t:f}个", weight=w, rule="", actual=f"{a:f}个"),
    operators,
    targets,
    actuals,
    weights,
)


@given(
    indicators=st.lists(rows, max_size=8),
    budget=st.none() | st.builds(Budget, st.decimals(min_value=0, max_value=1000, places=2), targets),
    policy=policies,
)
def test_total_never_exceeds_max(indicators: list[Indicator], budget: Budget | None, policy: Policy) -> None:
    """A table's total never exceeds its maximum, and is the sum of its rounded lines."""
    ts = score_table(Table(title="t", indicators=tuple(indicators), budget=budget), policy=policy)
    assert D(0) <= ts.total <= ts.maximum
    lines = sum((s.points for s in ts.lines if s.points is not None), D(0))
    budget_points = ts.budget.points if ts.budget is not None and ts.budget.points is not None else D(0)
    assert ts.total == lines + budget_points
    if ts.percentage is not None:
        assert D(0) <= ts.percentage <= D(100)


#: Numbers a broken export or a hostile file gives: huge, tiny, long, negative, and ordinary ones.
odd_numbers = st.one_of(
    weights,
    st.sampled_from([D("1E+308"), D("1E-30"), D("123456789012345678901234567890"), D("-5"), D("1E+999999"), D(0)]),
    st.decimals(allow_nan=False, allow_infinity=False),
)
odd_texts = st.sampled_from([
    "99个", "100%", "nan", "inf", "-Infinity", "1e308", "9" * 21 + "个", "9" * 5000, "一亿" * 500, "达成",
    "2026年2月30日", "〇〇〇〇年6月30日前", "年底前", "", "  ", "99999999999999999999亿元", "0个", "-5个", "1,00人",
])  # fmt: skip
odd_rows = st.builds(
    lambda target, actual, w, reported, rule: Indicator(
        name="x", target=target, weight=w, rule=rule, actual=actual, reported=reported
    ),
    st.one_of(st.sampled_from(["≥110个", "≤5%", "=100%", "90%-95%", "年底前", "有效保障", "300人、50人"]), odd_texts),
    odd_texts,
    odd_numbers,
    st.none() | odd_numbers,
    st.sampled_from(["", "按照完成比例赋分", "直接赋分", "按评判等级赋分", "满意度赋分"]),
)


@given(
    indicators=st.lists(odd_rows, max_size=5),
    year=st.none() | st.sampled_from([0, -1, 1899, 2026, 10_000]),
    budget=st.none() | st.builds(Budget, odd_numbers, odd_numbers),
)
@settings(max_examples=150, deadline=None)
def test_hostile_rows_never_raise(indicators: list[Indicator], year: int | None, budget: Budget | None) -> None:
    """Any mix of hostile values scores without an exception: bad rows carry their reason, scored points stay
    within the weight, and the JSON and the explanations of every line can be made."""
    sheet = Table(title="t", indicators=tuple(indicators), year=year, budget=budget)
    assert all(finding.message for finding in check_table(sheet))
    result = score_table(sheet)
    for line in result.lines:
        if line.points is not None:
            assert line.weight is not None
            assert D(0) <= line.points <= q2(line.weight)  # points are cents: a 分值 of 0.0196 gives 0.02
        else:
            assert line.error or line.status.code == "reference"
        explain(line)
    as_dict(result)

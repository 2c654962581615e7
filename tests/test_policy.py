"""Unit tests of scoring.engine.policy: the defaults of Part A, options from mappings, and Chinese errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from scoring.engine import DEFAULT_POLICY, Policy, PolicyError, RuleKind, Tier
from scoring.engine.vocabulary import tier_of

D = Decimal


class TestDefaults:
    """The default policy is Part A."""

    def test_formulas(self) -> None:
        """反向 uses the inverse ratio, ``=`` scores as 正向, 满意度 is proportional."""
        assert (DEFAULT_POLICY.reverse, DEFAULT_POLICY.equal, DEFAULT_POLICY.satisfaction) == (
            "inverse",
            "positive",
            "proportional",
        )

    def test_tier_points(self) -> None:
        """达成 100%, 部分达成 70%, 未达成 30% of the weight."""
        assert [DEFAULT_POLICY.tier_point(t) for t in Tier] == [D(1), D("0.7"), D("0.3")]

    def test_thresholds(self) -> None:
        """超额 at 130%, budget weight 10, audit tolerance 0.1."""
        assert DEFAULT_POLICY.over_threshold == D("1.3")
        assert DEFAULT_POLICY.budget_weight == D(10)
        assert DEFAULT_POLICY.tolerance == D("0.1")

    def test_grades(self) -> None:
        """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差."""
        assert DEFAULT_POLICY.grades == (("优", D(90)), ("良", D(80)), ("中", D(60)))

    def test_no_extra_rules(self) -> None:
        """No rule aliases beyond the built-in texts."""
        assert DEFAULT_POLICY.rules == ()

    def test_from_empty_mapping(self) -> None:
        """An empty or missing mapping gives the defaults."""
        assert Policy.from_mapping({}) == DEFAULT_POLICY
        assert Policy.from_mapping(None) == DEFAULT_POLICY


class TestGrade:
    """Policy.grade: lower bounds included."""

    @pytest.mark.parametrize(
        ("percentage", "grade"),
        [
            ("100", "优"),
            ("90.00", "优"),
            ("89.99", "良"),
            ("80.00", "良"),
            ("79.99", "中"),
            ("60.00", "中"),
            ("59.99", "差"),
            ("0", "差"),
        ],
    )
    def test_default_bands(self, percentage: str, grade: str) -> None:
        """Each band's lower bound belongs to it."""
        assert DEFAULT_POLICY.grade(D(percentage)) == grade

    @pytest.mark.parametrize(
        ("percentage", "grade"),
        [("80", "优"), ("79.99", "良"), ("70", "良"), ("69.99", "中"), ("60", "中"), ("59.99", "差")],
    )
    def test_older_80_70_60_scheme(self, percentage: str, grade: str) -> None:
        """The older local scheme 80/70/60 is one mapping away."""
        policy = Policy.from_mapping({"grades": {"优": "80", "良": "70", "中": "60"}})
        assert policy.grade(D(percentage)) == grade


class TestFromMapping:
    """Policy.from_mapping with each option, English and Chinese keys."""

    @pytest.mark.parametrize(
        ("data", "field", "value"),
        [
            ({"reverse": "linear"}, "reverse", "linear"),
            ({"反向公式": "线性"}, "reverse", "linear"),
            ({"反向公式": "反比"}, "reverse", "inverse"),
            ({"equal": "symmetric"}, "equal", "symmetric"),
            ({"等于公式": "对称"}, "equal", "symmetric"),
            ({"satisfaction": "rate"}, "satisfaction", "rate"),
            ({"满意度公式": "满意度乘分值"}, "satisfaction", "rate"),
            ({"over_threshold": "1.2"}, "over_threshold", D("1.2")),
            ({"超额阈值": "150%"}, "over_threshold", D("1.5")),
            ({"budget_weight": 20}, "budget_weight", D(20)),
            ({"预算执行率分值": "0"}, "budget_weight", D(0)),
            ({"tolerance": "0.5"}, "tolerance", D("0.5")),
            ({"审核容差": 0}, "tolerance", D(0)),
        ],
    )
    def test_option(self, data: dict[str, Any], field: str, value: object) -> None:
        """Each option is read from its English or Chinese key."""
        assert getattr(Policy.from_mapping(data), field) == value

    def test_grades_chinese_key(self) -> None:
        """``等级`` sets the lower bounds of 优/良/中; unset ones keep their values."""
        policy = Policy.from_mapping({"等级": {"优": 95}})
        assert policy.grades == (("优", D(95)), ("良", D(80)), ("中", D(60)))

    def test_tiers(self) -> None:
        """``tiers`` sets default points inside the bands; unset tiers keep theirs."""
        policy = Policy.from_mapping({"tiers": {"部分达成": "75%", "未达成": "0"}})
        assert policy.tier_point(Tier.ACHIEVED) == D(1)
        assert policy.tier_point(Tier.PARTIAL) == D("0.75")
        assert policy.tier_point(Tier.FAILED) == D(0)

    def test_tiers_chinese_key(self) -> None:
        """``等级得分`` is the Chinese key of ``tiers``."""
        assert Policy.from_mapping({"等级得分": {"达成": "90%"}}).tier_point(Tier.ACHIEVED) == D("0.9")

    def test_merged_layers(self) -> None:
        """merged() applies a second mapping on top of the first, keeping what it does not set."""
        table = Policy.from_mapping({"reverse": "linear", "grades": {"优": "95"}})
        run = table.merged({"grades": {"良": "75"}, "tolerance": "0.2"})
        assert run.reverse == "linear"
        assert run.grades == (("优", D(95)), ("良", D(75)), ("中", D(60)))
        assert run.tolerance == D("0.2")

    def test_merged_nothing(self) -> None:
        """merged() with no mapping returns the same policy."""
        assert DEFAULT_POLICY.merged(None) is DEFAULT_POLICY

    def test_policy_is_frozen(self) -> None:
        """A policy cannot be changed in place."""
        with pytest.raises(AttributeError):
            DEFAULT_POLICY.reverse = "linear"  # type: ignore[misc]


class TestPolicyErrors:
    """Bad values give a PolicyError whose Chinese message names the key."""

    @pytest.mark.parametrize(
        ("data", "words"),
        [
            ({"reverse": "quadratic"}, ["reverse", "quadratic", "inverse、反比、linear、线性"]),
            ({"反向公式": "二次"}, ["反向公式", "二次"]),
            ({"equal": "x"}, ["equal", "positive"]),
            ({"满意度公式": "x"}, ["满意度公式", "rate"]),
            ({"over_threshold": "0"}, ["over_threshold", "应大于0"]),
            ({"超额阈值": "abc"}, ["超额阈值", "应为数字", "abc"]),
            ({"budget_weight": "-1"}, ["budget_weight", "不能为负数"]),
            ({"审核容差": True}, ["审核容差", "应为数字"]),
            ({"grades": "90"}, ["grades", "应为表"]),
            ({"等级": {"甲": 1}}, ["等级", "甲"]),
            ({"grades": {"优": "70", "良": "80"}}, ["grades", "优 > 良 > 中"]),
            ({"grades": {"中": "-5"}}, ["grades.中", "不能为负数"]),
            ({"tiers": {"满分": "100%"}}, ["tiers", "满分", "达成、部分达成、未达成"]),
            ({"tiers": "70%"}, ["tiers", "应为表"]),
            ({"rules": {"按完成率计分": "zzz"}}, ["按完成率计分", "zzz"]),
            ({"rules": ["x"]}, ["rules", "应为表"]),
            ({"unknown_key": 1}, ["unknown_key", "未知的评分口径"]),
        ],
    )
    def test_message_names_key(self, data: dict[str, Any], words: list[str]) -> None:
        """The message is Chinese and names the offending key (and value)."""
        with pytest.raises(PolicyError) as info:
            Policy.from_mapping(data)
        for word in words:
            assert word in str(info.value)

    def test_is_value_error(self) -> None:
        """PolicyError is also a ValueError, so generic callers can catch it."""
        with pytest.raises(ValueError, match="reverse"):
            Policy.from_mapping({"reverse": "x"})

    @pytest.mark.parametrize(
        ("label", "value", "band"),
        [
            ("达成", "79%", "[80%, 100%]"),
            ("达成", "101%", "[80%, 100%]"),
            ("部分达成", "80%", "[60%, 80%)"),
            ("部分达成", "59%", "[60%, 80%)"),
            ("未达成", "60%", "[0%, 60%)"),
        ],
    )
    def test_tier_point_outside_band(self, label: str, value: str, band: str) -> None:
        """A tier point outside its tier's band is rejected, naming the tier and the band."""
        with pytest.raises(PolicyError) as info:
            Policy.from_mapping({"tiers": {label: value}})
        assert f"tiers.{label}" in str(info.value)
        assert band in str(info.value)

    @pytest.mark.parametrize(("label", "value"), [("达成", "80%"), ("部分达成", "60%"), ("未达成", "0")])
    def test_tier_point_at_lower_bound(self, label: str, value: str) -> None:
        """Each band's lower bound is inside it."""
        Policy.from_mapping({"tiers": {label: value}})


class TestRuleKind:
    """Policy.rule_kind: the seed's four texts, variants, aliases, and unknown texts."""

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("按照完成比例赋分", RuleKind.PROPORTIONAL),
            ("直接赋分", RuleKind.DIRECT),
            ("按评判等级赋分", RuleKind.GRADED),
            ("满意度赋分", RuleKind.SATISFACTION),
        ],
    )
    def test_seed_texts(self, text: str, kind: RuleKind) -> None:
        """The four rule texts of the seed's tables each name their rule."""
        assert DEFAULT_POLICY.rule_kind(text) is kind

    @pytest.mark.parametrize(
        "text", [" 按照完成比例赋分 ", "按照完成比例赋分。", "按照 完成比例 赋分", "按完成比例计分"]
    )
    def test_variants(self, text: str) -> None:
        """Spaces, trailing punctuation and common variants are tolerated."""
        assert DEFAULT_POLICY.rule_kind(text) is RuleKind.PROPORTIONAL

    @pytest.mark.parametrize("text", ["每少1个扣1分，扣完为止", "≥90%,计5分;80%(含)-90%,计4分", "按完成率计分", ""])
    def test_unknown(self, text: str) -> None:
        """Texts the policy does not know give None, never a silent default."""
        assert DEFAULT_POLICY.rule_kind(text) is None

    def test_aliases(self) -> None:
        """``rules``/``赋分规则`` map extra texts to rules, by English or Chinese rule name."""
        policy = Policy.from_mapping({"rules": {"按完成率计分": "proportional"}}).merged(
            {"赋分规则": {"定性评价": "按评判等级赋分"}}
        )
        assert policy.rule_kind("按完成率计分。") is RuleKind.PROPORTIONAL
        assert policy.rule_kind(" 定性评价 ") is RuleKind.GRADED
        assert policy.rule_kind("直接赋分") is RuleKind.DIRECT

    def test_alias_overrides_builtin(self) -> None:
        """An alias for a built-in text wins over the built-in meaning."""
        policy = Policy.from_mapping({"rules": {"直接赋分": "proportional"}})
        assert policy.rule_kind("直接赋分") is RuleKind.PROPORTIONAL


class TestTierOf:
    """vocabulary.tier_of: the words accepted as a graded actual (A6)."""

    @pytest.mark.parametrize(
        ("text", "tier"),
        [
            ("达成", Tier.ACHIEVED),
            ("达成年度指标", Tier.ACHIEVED),
            ("达成预期指标", Tier.ACHIEVED),
            ("完成", Tier.ACHIEVED),
            ("是", Tier.ACHIEVED),
            ("有效", Tier.ACHIEVED),
            ("合格", Tier.ACHIEVED),
            ("部分达成", Tier.PARTIAL),
            ("部分达成年度指标并具有一定效果", Tier.PARTIAL),
            ("基本达成", Tier.PARTIAL),
            ("基本完成", Tier.PARTIAL),
            ("基本达到", Tier.PARTIAL),
            ("未达成", Tier.FAILED),
            ("未达成年度指标且效果较差", Tier.FAILED),
            ("未完成", Tier.FAILED),
            ("否", Tier.FAILED),
        ],
    )
    def test_words(self, text: str, tier: Tier) -> None:
        """Each word of Part A's table names its tier."""
        assert tier_of(text) is tier

    def test_target_text_is_achieved(self) -> None:
        """The target's own text as the actual means 达成."""
        assert tier_of("有效 保障", "有效保障") is Tier.ACHIEVED

    def test_unknown_words(self) -> None:
        """Other words name no tier."""
        assert tier_of("还行") is None


class TestTier:
    """Tier bands: [80%, 100%], [60%, 80%), [0%, 60%)."""

    @pytest.mark.parametrize(
        ("tier", "inside", "outside"),
        [
            (Tier.ACHIEVED, ["0.8", "1"], ["0.7999", "1.01"]),
            (Tier.PARTIAL, ["0.6", "0.7999"], ["0.5999", "0.8"]),
            (Tier.FAILED, ["0", "0.5999"], ["0.6", "-0.01"]),
        ],
    )
    def test_contains(self, tier: Tier, inside: list[str], outside: list[str]) -> None:
        """Lower bounds are included; only 达成 includes its upper bound."""
        assert all(tier.contains(D(x)) for x in inside)
        assert not any(tier.contains(D(x)) for x in outside)

    def test_band_text(self) -> None:
        """Bands read as half-open intervals in percent."""
        assert [t.band() for t in Tier] == ["[80%, 100%]", "[60%, 80%)", "[0%, 60%)"]

"""The scoring policy (评分口径): every option of Part A as one frozen, validated value, and how it is layered.

The defaults are Part A of ``docs/scoring-rules.md``. Options are set per table (a ``[policy]`` section) and per
run (``--policy FILE``, ``--tolerance``); :meth:`Policy.layered` is the one place where those layers meet
(defaults, then the table's, then the run's), for the library, ``score`` and ``check`` alike. Every option is
converted and checked when the policy is built: ``Policy(reverse="linaer")`` raises a :class:`PolicyError`
naming the option, in Chinese.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from scoring.engine.monitor_policy import DEFAULT_MONITOR, MonitorPolicy
from scoring.engine.options import (
    KEYS,
    OPTIONS,
    EqualFormula,
    PolicyError,
    ReverseFormula,
    RuleKind,
    SatisfactionFormula,
    option,
)
from scoring.engine.vocabulary import Tier
from scoring.text import phrase

__all__ = [
    "DEFAULT_POLICY",
    "EqualFormula",
    "Policy",
    "PolicyError",
    "ReverseFormula",
    "RuleKind",
    "SatisfactionFormula",
]


_RULE_TEXTS: dict[str, RuleKind] = {
    "按照完成比例赋分": RuleKind.PROPORTIONAL,
    "按完成比例赋分": RuleKind.PROPORTIONAL,
    "按照完成比例计分": RuleKind.PROPORTIONAL,
    "按完成比例计分": RuleKind.PROPORTIONAL,
    "按完成比例计算得分": RuleKind.PROPORTIONAL,
    "按完成比例计算得分,满分为止": RuleKind.PROPORTIONAL,
    "按完成比例得分": RuleKind.PROPORTIONAL,
    "按比例赋分": RuleKind.PROPORTIONAL,
    "完成比例赋分": RuleKind.PROPORTIONAL,
    "直接赋分": RuleKind.DIRECT,
    "按评判等级赋分": RuleKind.GRADED,
    "评判等级赋分": RuleKind.GRADED,
    "按等级赋分": RuleKind.GRADED,
    "满意度赋分": RuleKind.SATISFACTION,
    "按满意度赋分": RuleKind.SATISFACTION,
}


@functools.lru_cache(maxsize=4096)
def _rule_kind(rules: tuple[tuple[str, RuleKind], ...], text: str) -> RuleKind | None:
    key = phrase(text)
    for alias, kind in rules:
        if phrase(alias) == key:
            return kind
    return _RULE_TEXTS.get(key)


def _to_reverse(value: Any) -> ReverseFormula:
    return option("reverse", value)  # type: ignore[no-any-return]


def _to_equal(value: Any) -> EqualFormula:
    return option("equal", value)  # type: ignore[no-any-return]


def _to_satisfaction(value: Any) -> SatisfactionFormula:
    return option("satisfaction", value)  # type: ignore[no-any-return]


def _to_tiers(value: Any) -> tuple[tuple[Tier, Decimal], ...]:
    return option("tier_points", value)  # type: ignore[no-any-return]


def _to_over_threshold(value: Any) -> Decimal:
    return option("over_threshold", value)  # type: ignore[no-any-return]


def _to_budget_weight(value: Any) -> Decimal:
    return option("budget_weight", value)  # type: ignore[no-any-return]


def _to_grades(value: Any) -> tuple[tuple[str, Decimal], ...]:
    return option("grades", value)  # type: ignore[no-any-return]


def _to_tolerance(value: Any) -> Decimal:
    return option("tolerance", value)  # type: ignore[no-any-return]


def _to_rules(value: Any) -> tuple[tuple[str, RuleKind], ...]:
    return option("rules", value)  # type: ignore[no-any-return]


def _to_reverse_names(value: Any) -> bool:
    return option("reverse_names", value)  # type: ignore[no-any-return]


def _to_reverse_words(value: Any) -> tuple[str, ...]:
    return option("reverse_words", value)  # type: ignore[no-any-return]


def _to_partial_steps(value: Any) -> bool:
    return option("partial_steps", value)  # type: ignore[no-any-return]


def _to_monitor(value: Any) -> MonitorPolicy:
    if isinstance(value, MonitorPolicy):
        return value
    return DEFAULT_MONITOR.merged(value)


def _to_inflation(value: Any) -> Decimal:
    return option("inflation_threshold", value)  # type: ignore[no-any-return]


@attrs.frozen(cache_hash=True)
class Policy:
    """Every option of the scoring policy; the defaults are Part A (``docs/scoring-rules.md``).

    - ``reverse``: 反向 (≤, <) formula (A3), ``inverse`` = w × T / A, or ``linear`` = w × max(0, 1 − (A − T) / T).
    - ``equal``: ``=`` targets (A4), ``positive`` (as ≥) or ``symmetric`` (w × (1 − |A−T|/T)).
    - ``satisfaction``: 满意度赋分 (A1), ``proportional`` (as ≥) or ``rate`` (w × A, the rate itself).
    - ``tier_points``: default point of each tier (A6) as a fraction of the weight (100%, 70%, 30%).
    - ``over_threshold``: flag 超额 when a 正向 actual reaches this multiple of the target (A8, 1.3).
    - ``budget_weight``: weight of the 预算执行率 line (A8, 10).
    - ``grades``: lower bounds of 优, 良, 中 on total / max × 100 (A9, 90, 80, 60); below the last is 差.
    - ``tolerance``: audit mode flags |reported − computed| above this (A9, 0.1).
    - ``rules``: extra rule texts and the rule each means (A1).
    - ``reverse_names``: a bare target on a name that says less is better (预算调整率) is 反向 (A2, on).
    - ``reverse_words``: a table's own such words, beside the built-in ones (A2).
    - ``inflation_threshold``: warn 虚高 when the indicators' share of points exceeds the budget line's by more
      than this share (A11, 5%).
    - ``partial_steps``: a rule of steps (每超过一个百分点扣0.5分) counts a part step in proportion (on) or only
      whole steps (off, the default) (A12).
    - ``monitor``: the mid-year monitoring thresholds and time profile (Part C; :mod:`scoring.engine.monitor_policy`).

    Each field accepts its typed value or what a TOML file says (``"linear"``, ``"线性"``, ``"120%"``,
    ``{优 = "85"}``); anything else raises :class:`PolicyError`.
    """

    reverse: ReverseFormula = attrs.field(default=OPTIONS["reverse"].default, converter=_to_reverse)
    equal: EqualFormula = attrs.field(default=OPTIONS["equal"].default, converter=_to_equal)
    satisfaction: SatisfactionFormula = attrs.field(default=OPTIONS["satisfaction"].default, converter=_to_satisfaction)
    tier_points: tuple[tuple[Tier, Decimal], ...] = attrs.field(
        default=OPTIONS["tier_points"].default, converter=_to_tiers
    )
    over_threshold: Decimal = attrs.field(default=OPTIONS["over_threshold"].default, converter=_to_over_threshold)
    budget_weight: Decimal = attrs.field(default=OPTIONS["budget_weight"].default, converter=_to_budget_weight)
    grades: tuple[tuple[str, Decimal], ...] = attrs.field(default=OPTIONS["grades"].default, converter=_to_grades)
    tolerance: Decimal = attrs.field(default=OPTIONS["tolerance"].default, converter=_to_tolerance)
    rules: tuple[tuple[str, RuleKind], ...] = attrs.field(default=OPTIONS["rules"].default, converter=_to_rules)
    reverse_names: bool = attrs.field(default=OPTIONS["reverse_names"].default, converter=_to_reverse_names)
    reverse_words: tuple[str, ...] = attrs.field(default=OPTIONS["reverse_words"].default, converter=_to_reverse_words)
    inflation_threshold: Decimal = attrs.field(default=OPTIONS["inflation_threshold"].default, converter=_to_inflation)
    partial_steps: bool = attrs.field(default=OPTIONS["partial_steps"].default, converter=_to_partial_steps)
    monitor: MonitorPolicy = attrs.field(default=DEFAULT_MONITOR, converter=_to_monitor)

    # --- lookups ----------------------------------------------------------------------------------------
    def rule_kind(self, text: str) -> RuleKind | None:
        """The rule a 赋分规则 text names (A1), or None when it is not known (never a silent default)."""
        return _rule_kind(self.rules, text)

    def tier_point(self, tier: Tier) -> Decimal:
        """The default point of a tier, as a fraction of the weight (A6)."""
        return dict(self.tier_points)[tier]

    def grade(self, percentage: Decimal) -> str:
        """The grade of a total expressed as a percentage of the maximum (A9, lower bounds included)."""
        for name, bound in self.grades:
            if percentage >= bound:
                return name
        return "差"

    # --- construction ---------------------------------------------------------------------------------------
    def merged(self, data: Mapping[str, Any] | None) -> Policy:
        """This policy with the options of a ``[policy]`` mapping applied (Chinese errors name bad keys).

        Table-valued options (``grades``, ``tiers``) change only the entries they name; ``rules`` adds texts.
        """
        if not data:
            return self
        changes: dict[str, Any] = {}
        for key, value in data.items():
            field = KEYS.get(str(key))
            if field is None:
                raise PolicyError(f"未知的评分口径“{key}”")
            current = changes.get(field, getattr(self, field))
            changes[field] = OPTIONS[field].parse(str(key), value, current)
        return attrs.evolve(self, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Policy:
        """A policy from the defaults and a ``[policy]`` mapping."""
        return cls().merged(data)

    @classmethod
    def layered(cls, *layers: Policy | Mapping[str, Any] | None) -> Policy:
        """The one way policies are layered: the defaults, then each layer in turn (later layers win).

        A layer is a mapping of options (a table's ``[policy]``, a ``--policy`` file, run options) or a whole
        Policy, which replaces everything below it. ``score_table``, ``check_table`` and the command line all
        build their policy here: ``Policy.layered(table.policy, overrides)``.
        """
        policy = DEFAULT_POLICY
        for layer in layers:
            policy = layer if isinstance(layer, Policy) else policy.merged(layer)
        return policy


DEFAULT_POLICY = Policy()

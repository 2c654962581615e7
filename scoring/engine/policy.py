"""The scoring policy (评分口径): every option of Part A as one frozen, validated value, and how it is layered.

The defaults are Part A of ``docs/scoring-rules.md``. Options are set per table (a ``[policy]`` section) and per
run (``--policy FILE``, ``--tolerance``); :meth:`Policy.layered` is the one place where those layers meet
(defaults, then the table's, then the run's), for the library, ``score`` and ``check`` alike. Every option is
converted and checked when the policy is built: ``Policy(reverse="linaer")`` raises a :class:`PolicyError`
naming the option, in Chinese.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from scoring.engine.vocabulary import Tier
from scoring.errors import ScoringError
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


class PolicyError(ScoringError, ValueError):
    """A policy option that cannot be used; the message is Chinese and names the option."""


class RuleKind(enum.Enum):
    """The scoring rules of Part A (A1), with their Chinese names."""

    PROPORTIONAL = "按照完成比例赋分"
    DIRECT = "直接赋分"
    GRADED = "按评判等级赋分"
    SATISFACTION = "满意度赋分"


class ReverseFormula(enum.StrEnum):
    """反向 (≤, <) formula (A3): ``inverse`` w × T / A, or ``linear`` w × max(0, 1 − (A − T) / T)."""

    INVERSE = "inverse"
    LINEAR = "linear"


class EqualFormula(enum.StrEnum):
    """``=`` targets (A4): ``positive`` (as ≥) or ``symmetric`` w × (1 − |A − T| / T)."""

    POSITIVE = "positive"
    SYMMETRIC = "symmetric"


class SatisfactionFormula(enum.StrEnum):
    """满意度赋分 (A1): ``proportional`` (as ≥) or ``rate`` (w × the rate itself)."""

    PROPORTIONAL = "proportional"
    RATE = "rate"


#: The rule texts of the seed's tables and their common variants (compared after ``phrase``).
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

_RULE_NAMES = {
    "proportional": RuleKind.PROPORTIONAL,
    "direct": RuleKind.DIRECT,
    "graded": RuleKind.GRADED,
    "satisfaction": RuleKind.SATISFACTION,
    **{kind.value: kind for kind in RuleKind},
}


def _decimal(key: str, value: Any) -> Decimal:
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, bool):
        raise PolicyError(f"评分口径“{key}”应为数字，却是“{value}”")
    text = str(value).strip()
    scale = Decimal(1)
    if text.endswith("%"):
        text, scale = text[:-1], Decimal("0.01")
    try:
        number = Decimal(text) * scale
    except InvalidOperation as exc:
        raise PolicyError(f"评分口径“{key}”应为数字，却是“{value}”") from exc
    if not number.is_finite():
        raise PolicyError(f"评分口径“{key}”应为数字，却是“{value}”")
    return number


_ALIASES: dict[type[enum.StrEnum], dict[str, str]] = {
    ReverseFormula: {"反比": "inverse", "线性": "linear"},
    EqualFormula: {"正向": "positive", "对称": "symmetric"},
    SatisfactionFormula: {"比例": "proportional", "满意度乘分值": "rate"},
}


def _choice(kind: type[enum.StrEnum]) -> Callable[[str, Any, Any], Any]:
    def parse(key: str, value: Any, current: Any = None) -> Any:
        if isinstance(value, kind):
            return value
        text = str(value).strip()
        text = _ALIASES[kind].get(text, text)
        try:
            return kind(text)
        except ValueError:
            aliases = _ALIASES[kind]
            listed = "、".join(w for m in kind for w in (m.value, *(a for a, v in aliases.items() if v == m.value)))
            raise PolicyError(f"评分口径“{key}”的取值“{value}”无法识别，应为：{listed}") from None

    return parse


_DEFAULT_TIERS = ((Tier.ACHIEVED, Decimal(1)), (Tier.PARTIAL, Decimal("0.7")), (Tier.FAILED, Decimal("0.3")))
_DEFAULT_GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)))


def _option(field: str, value: Any) -> Any:
    """A field's value read by its option parser, with the field's name in messages (direct construction)."""
    option = _OPTIONS[field]
    return option.parse(field, value, option.default)


def _to_reverse(value: Any) -> ReverseFormula:
    return _option("reverse", value)  # type: ignore[no-any-return]


def _to_equal(value: Any) -> EqualFormula:
    return _option("equal", value)  # type: ignore[no-any-return]


def _to_satisfaction(value: Any) -> SatisfactionFormula:
    return _option("satisfaction", value)  # type: ignore[no-any-return]


def _to_tiers(value: Any) -> tuple[tuple[Tier, Decimal], ...]:
    return _option("tier_points", value)  # type: ignore[no-any-return]


def _to_over_threshold(value: Any) -> Decimal:
    return _option("over_threshold", value)  # type: ignore[no-any-return]


def _to_budget_weight(value: Any) -> Decimal:
    return _option("budget_weight", value)  # type: ignore[no-any-return]


def _to_grades(value: Any) -> tuple[tuple[str, Decimal], ...]:
    return _option("grades", value)  # type: ignore[no-any-return]


def _to_tolerance(value: Any) -> Decimal:
    return _option("tolerance", value)  # type: ignore[no-any-return]


def _to_rules(value: Any) -> tuple[tuple[str, RuleKind], ...]:
    return _option("rules", value)  # type: ignore[no-any-return]


@attrs.frozen
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

    Each field accepts its typed value or what a TOML file says (``"linear"``, ``"线性"``, ``"120%"``,
    ``{优 = "85"}``); anything else raises :class:`PolicyError`.
    """

    reverse: ReverseFormula = attrs.field(default=ReverseFormula.INVERSE, converter=_to_reverse)
    equal: EqualFormula = attrs.field(default=EqualFormula.POSITIVE, converter=_to_equal)
    satisfaction: SatisfactionFormula = attrs.field(
        default=SatisfactionFormula.PROPORTIONAL, converter=_to_satisfaction
    )
    tier_points: tuple[tuple[Tier, Decimal], ...] = attrs.field(default=_DEFAULT_TIERS, converter=_to_tiers)
    over_threshold: Decimal = attrs.field(default=Decimal("1.3"), converter=_to_over_threshold)
    budget_weight: Decimal = attrs.field(default=Decimal(10), converter=_to_budget_weight)
    grades: tuple[tuple[str, Decimal], ...] = attrs.field(default=_DEFAULT_GRADES, converter=_to_grades)
    tolerance: Decimal = attrs.field(default=Decimal("0.1"), converter=_to_tolerance)
    rules: tuple[tuple[str, RuleKind], ...] = attrs.field(default=(), converter=_to_rules)

    # --- lookups ----------------------------------------------------------------------------------------
    def rule_kind(self, text: str) -> RuleKind | None:
        """The rule a 赋分规则 text names (A1), or None when it is not known (never a silent default)."""
        key = phrase(text)
        for alias, kind in self.rules:
            if phrase(alias) == key:
                return kind
        return _RULE_TEXTS.get(key)

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
            field = _KEYS.get(str(key))
            if field is None:
                raise PolicyError(f"未知的评分口径“{key}”")
            current = changes.get(field, getattr(self, field))
            changes[field] = _OPTIONS[field].parse(str(key), value, current)
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


def _positive(key: str, value: Any, current: Any = None) -> Decimal:
    number = _decimal(key, value)
    if number <= 0:
        raise PolicyError(f"评分口径“{key}”应大于0，却是“{value}”")
    return number


def _nonnegative(key: str, value: Any, current: Any = None) -> Decimal:
    number = _decimal(key, value)
    if number < 0:
        raise PolicyError(f"评分口径“{key}”不能为负数，却是“{value}”")
    return number


def _grades(key: str, value: Any, current: Any) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(value, tuple | list) and all(isinstance(p, tuple | list) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise PolicyError(f'评分口径“{key}”应为表，如 {{优 = "90", 良 = "80", 中 = "60"}}')
    unknown = set(value) - {"优", "良", "中"}
    if unknown:
        raise PolicyError(f"评分口径“{key}”只能设置优、良、中的下限，却有“{'、'.join(sorted(unknown))}”")
    bands = dict(current)
    bands.update({name: _nonnegative(f"{key}.{name}", bound) for name, bound in value.items()})
    if not bands["优"] > bands["良"] > bands["中"]:
        raise PolicyError(f"评分口径“{key}”的下限应满足 优 > 良 > 中")
    return tuple((name, bands[name]) for name in ("优", "良", "中"))


def _tiers(key: str, value: Any, current: Any) -> tuple[tuple[Tier, Decimal], ...]:
    if isinstance(value, tuple | list) and all(isinstance(p, tuple | list) and len(p) == 2 for p in value):
        value = {tier.label if isinstance(tier, Tier) else tier: point for tier, point in value}
    if not isinstance(value, Mapping):
        raise PolicyError(f'评分口径“{key}”应为表，如 {{达成 = "100%", 部分达成 = "70%", 未达成 = "30%"}}')
    by_label = {tier.label: tier for tier in Tier}
    points = dict(current)
    for label, raw in value.items():
        if label not in by_label:
            raise PolicyError(f"评分口径“{key}”中的等级“{label}”无法识别，应为：达成、部分达成、未达成")
        tier = by_label[label]
        fraction = _decimal(f"{key}.{label}", raw)
        if not tier.contains(fraction):
            raise PolicyError(f"评分口径“{key}.{label}”为{fraction * 100:.0f}%，不在该等级区间{tier.band()}内")
        points[tier] = fraction
    return tuple((tier, points[tier]) for tier in Tier)


def _rules(key: str, value: Any, current: Any = ()) -> tuple[tuple[str, RuleKind], ...]:
    if isinstance(value, tuple | list) and all(isinstance(p, tuple | list) and len(p) == 2 for p in value):
        value = {text: kind.value if isinstance(kind, RuleKind) else kind for text, kind in value}
        current = ()
    if not isinstance(value, Mapping):
        raise PolicyError(f'评分口径“{key}”应为表，如 {{"按完成率计分" = "proportional"}}')
    out = []
    for text, name in value.items():
        kind = _RULE_NAMES.get(str(name).strip())
        if kind is None:
            listed = "、".join(_RULE_NAMES)
            raise PolicyError(f"赋分规则“{text}”对应的规则“{name}”无法识别，应为：{listed}")
        out.append((str(text), kind))
    return (*current, *out)


@attrs.frozen
class _Option:
    """How one option is read: its parser ``(key, value, current) -> typed value`` and its default."""

    parse: Callable[[str, Any, Any], Any]
    default: Any


_OPTIONS: dict[str, _Option] = {
    "reverse": _Option(_choice(ReverseFormula), ReverseFormula.INVERSE),
    "equal": _Option(_choice(EqualFormula), EqualFormula.POSITIVE),
    "satisfaction": _Option(_choice(SatisfactionFormula), SatisfactionFormula.PROPORTIONAL),
    "tier_points": _Option(_tiers, _DEFAULT_TIERS),
    "over_threshold": _Option(_positive, Decimal("1.3")),
    "budget_weight": _Option(_nonnegative, Decimal(10)),
    "grades": _Option(_grades, _DEFAULT_GRADES),
    "tolerance": _Option(_nonnegative, Decimal("0.1")),
    "rules": _Option(_rules, ()),
}

#: Option keys as a policy file may write them (English or Chinese) -> field.
_KEYS = {
    "reverse": "reverse", "反向公式": "reverse",
    "equal": "equal", "等于公式": "equal",
    "satisfaction": "satisfaction", "满意度公式": "satisfaction",
    "tiers": "tier_points", "等级得分": "tier_points",
    "over_threshold": "over_threshold", "超额阈值": "over_threshold",
    "budget_weight": "budget_weight", "预算执行率分值": "budget_weight",
    "grades": "grades", "等级": "grades",
    "tolerance": "tolerance", "审核容差": "tolerance",
    "rules": "rules", "赋分规则": "rules",
}  # fmt: skip

DEFAULT_POLICY = Policy()

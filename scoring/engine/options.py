"""How each policy option is read (from a TOML ``[policy]`` table, a ``--policy`` file or a constructor argument).

Each option has one parser ``(key, value, current) -> typed value`` that converts and checks it and raises a
Chinese :class:`PolicyError` naming the key; :mod:`scoring.engine.policy` builds the :class:`Policy` from them.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from scoring.engine.monitor_policy import DEFAULT_MONITOR, MonitorPolicy
from scoring.engine.policy_error import PolicyError
from scoring.engine.vocabulary import Tier
from scoring.numbers import RANGE_WORDS, fits

__all__ = [
    "DEFAULT_GRADES",
    "DEFAULT_TIERS",
    "KEYS",
    "OPTIONS",
    "EqualFormula",
    "PolicyError",
    "ReverseFormula",
    "RuleKind",
    "SatisfactionFormula",
    "option",
]


class RuleKind(enum.Enum):
    """The scoring rules of Part A (A1), with their Chinese names."""

    PROPORTIONAL = "按照完成比例赋分"
    DIRECT = "直接赋分"
    GRADED = "按评判等级赋分"
    SATISFACTION = "满意度赋分"
    WRITTEN = "按赋分规则原文计分"  # a rule written out in words (赋分规则 language: engine/written.py)


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


#: Names a policy file may give a rule (``[policy.rules]``): English or the rule's Chinese name.
_RULE_NAMES = {
    "proportional": RuleKind.PROPORTIONAL,
    "direct": RuleKind.DIRECT,
    "graded": RuleKind.GRADED,
    "satisfaction": RuleKind.SATISFACTION,
    **{kind.value: kind for kind in RuleKind if kind is not RuleKind.WRITTEN},
}


def _decimal(key: str, value: Any) -> Decimal:
    if isinstance(value, Decimal) and value.is_finite() and fits(value):
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
    if not fits(number):
        shown = text if len(text) <= 24 else text[:20] + "…"
        raise PolicyError(f"评分口径“{key}”的数值“{shown}”超出范围：{RANGE_WORDS}")
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


DEFAULT_TIERS = ((Tier.ACHIEVED, Decimal(1)), (Tier.PARTIAL, Decimal("0.7")), (Tier.FAILED, Decimal("0.3")))
DEFAULT_GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)))


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


def _flag(key: str, value: Any, current: Any = None) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "是", "yes", "1", "开"}:
        return True
    if text in {"false", "否", "no", "0", "关"}:
        return False
    raise PolicyError(f"评分口径“{key}”应为 true 或 false，却是“{value}”")


def _words(key: str, value: Any, current: Any = ()) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(w, str) for w in value):
        raise PolicyError(f'评分口径“{key}”应为词语列表，如 ["退费率"]')
    return tuple(dict.fromkeys((*current, *value)))


def _monitor(key: str, value: Any, current: Any = None) -> MonitorPolicy:
    """A ``[policy.monitor]`` table, merged over the current monitoring policy (scoring.engine.monitor_policy)."""
    return (current if current is not None else DEFAULT_MONITOR).merged(value)


@attrs.frozen
class _Option:
    """How one option is read: its parser ``(key, value, current) -> typed value`` and its default."""

    parse: Callable[[str, Any, Any], Any]
    default: Any


OPTIONS: dict[str, _Option] = {
    "reverse": _Option(_choice(ReverseFormula), ReverseFormula.INVERSE),
    "equal": _Option(_choice(EqualFormula), EqualFormula.POSITIVE),
    "satisfaction": _Option(_choice(SatisfactionFormula), SatisfactionFormula.PROPORTIONAL),
    "tier_points": _Option(_tiers, DEFAULT_TIERS),
    "over_threshold": _Option(_positive, Decimal("1.3")),
    "budget_weight": _Option(_nonnegative, Decimal(10)),
    "grades": _Option(_grades, DEFAULT_GRADES),
    "tolerance": _Option(_nonnegative, Decimal("0.1")),
    "rules": _Option(_rules, ()),
    "reverse_names": _Option(_flag, True),
    "reverse_words": _Option(_words, ()),
    "inflation_threshold": _Option(_nonnegative, Decimal("0.05")),
    "partial_steps": _Option(_flag, False),
    "monitor": _Option(_monitor, None),
}

#: Option keys as a policy file may write them (English or Chinese) -> field.
KEYS = {
    "reverse": "reverse", "反向公式": "reverse",
    "equal": "equal", "等于公式": "equal",
    "satisfaction": "satisfaction", "满意度公式": "satisfaction",
    "tiers": "tier_points", "等级得分": "tier_points",
    "over_threshold": "over_threshold", "超额阈值": "over_threshold",
    "budget_weight": "budget_weight", "预算执行率分值": "budget_weight",
    "grades": "grades", "等级": "grades",
    "tolerance": "tolerance", "审核容差": "tolerance",
    "rules": "rules", "赋分规则": "rules",
    "reverse_names": "reverse_names", "按名称判断反向": "reverse_names",
    "reverse_words": "reverse_words", "反向指标名称": "reverse_words",
    "inflation_threshold": "inflation_threshold", "虚高阈值": "inflation_threshold",
    "partial_steps": "partial_steps", "不足一步按比例": "partial_steps",
    "monitor": "monitor", "监控": "monitor",
}  # fmt: skip


def option(field: str, value: Any) -> Any:
    """A field's value read by its option parser, with the field's name in messages (direct construction)."""
    spec = OPTIONS[field]
    return spec.parse(field, value, spec.default)

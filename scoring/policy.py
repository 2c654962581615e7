"""Which rule applies to a row, and every option of the scoring policy, as one frozen value.

The defaults are Part A of ``scoring-rules.md``. A table file may carry a ``[policy]`` section, and a run may
pass ``--policy FILE``; both are read with :meth:`Policy.from_mapping`, which names any bad key in Chinese.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from scoring.errors import ScoringError

__all__ = ["DEFAULT_POLICY", "Policy", "PolicyError", "RuleKind", "Tier"]


class PolicyError(ScoringError, ValueError):
    """A policy option that cannot be used; the message is Chinese and names the option."""


class RuleKind(enum.Enum):
    """The scoring rules of Part A, with their Chinese names."""

    PROPORTIONAL = "按照完成比例赋分"
    DIRECT = "直接赋分"
    GRADED = "按评判等级赋分"
    SATISFACTION = "满意度赋分"


class Tier(enum.Enum):
    """MOF's three tiers of a graded (定性) indicator, with their bands as fractions of the weight."""

    ACHIEVED = ("达成", Decimal("0.8"), Decimal(1), True)
    PARTIAL = ("部分达成", Decimal("0.6"), Decimal("0.8"), False)
    FAILED = ("未达成", Decimal(0), Decimal("0.6"), False)

    def __init__(self, label: str, low: Decimal, high: Decimal, high_included: bool) -> None:
        self.label = label
        self.low = low
        self.high = high
        self.high_included = high_included

    def contains(self, fraction: Decimal) -> bool:
        """Whether a point (as a fraction of the weight) lies in this tier's band."""
        return self.low <= fraction and (fraction <= self.high if self.high_included else fraction < self.high)

    def band(self) -> str:
        """The band in words, e.g. ``[60%, 80%)``."""
        closing = "]" if self.high_included else ")"
        return f"[{self.low * 100:.0f}%, {self.high * 100:.0f}%{closing}"


#: The rule texts of the seed's tables and their common variants (compared after normalisation).
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

#: Words accepted as the actual of a graded indicator, per tier (Part A §A6).
_TIER_WORDS: dict[Tier, tuple[str, ...]] = {
    Tier.ACHIEVED: ("达成", "达成年度指标", "达成预期指标", "达成预期目标", "完成", "已完成", "是", "有效", "合格"),
    Tier.PARTIAL: (
        "部分达成",
        "部分达成年度指标并具有一定效果",
        "部分达成年度指标",
        "基本达成",
        "基本完成",
        "基本达到",
    ),
    Tier.FAILED: ("未达成", "未达成年度指标且效果较差", "未达成年度指标", "未完成", "否"),
}

_TRAILING = re.compile(r"[。.,，;；]+$")


def normalize_text(text: str) -> str:
    """A rule or tier text as compared: NFKC, no spaces, no trailing punctuation."""
    return _TRAILING.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def _decimal(key: str, value: Any) -> Decimal:
    if isinstance(value, bool):
        raise PolicyError(f"评分口径“{key}”应为数字，却是“{value}”")
    text = str(value).strip()
    scale = Decimal(1)
    if text.endswith("%"):
        text, scale = text[:-1], Decimal("0.01")
    try:
        return Decimal(text) * scale
    except InvalidOperation as exc:
        raise PolicyError(f"评分口径“{key}”应为数字，却是“{value}”") from exc


def _choice(key: str, value: Any, choices: dict[str, str]) -> str:
    text = str(value).strip()
    if text in choices:
        return choices[text]
    listed = "、".join(dict.fromkeys(choices))
    raise PolicyError(f"评分口径“{key}”的取值“{value}”无法识别，应为：{listed}")


_REVERSE = {"inverse": "inverse", "反比": "inverse", "linear": "linear", "线性": "linear"}
_EQUAL = {"positive": "positive", "正向": "positive", "symmetric": "symmetric", "对称": "symmetric"}
_SATISFACTION = {"proportional": "proportional", "比例": "proportional", "rate": "rate", "满意度乘分值": "rate"}


@attrs.frozen
class Policy:
    """Every option of the scoring policy; the defaults are Part A.

    - ``reverse``: 反向 (≤, <) formula, ``inverse`` = w × T / A, or ``linear`` = w × max(0, 1 − (A − T) / T).
    - ``equal``: ``=`` targets, ``positive`` (as ≥, overshoot not penalised) or ``symmetric`` (w × (1 − |A−T|/T)).
    - ``satisfaction``: 满意度赋分, ``proportional`` (as ≥) or ``rate`` (w × A, the rate itself).
    - ``tier_points``: default point of each tier as a fraction of the weight (达成 100%, 部分达成 70%, 未达成 30%).
    - ``over_threshold``: flag 超额 when a 正向 actual reaches this multiple of the target (1.3).
    - ``budget_weight``: weight of the 预算执行率 line (10).
    - ``grades``: lower bounds of 优, 良, 中 on total / max × 100 (90, 80, 60); below the last is 差.
    - ``tolerance``: audit mode flags |reported − computed| above this (0.1).
    - ``rules``: extra rule texts and the rule each means.
    """

    reverse: str = "inverse"
    equal: str = "positive"
    satisfaction: str = "proportional"
    tier_points: tuple[tuple[Tier, Decimal], ...] = (
        (Tier.ACHIEVED, Decimal(1)),
        (Tier.PARTIAL, Decimal("0.7")),
        (Tier.FAILED, Decimal("0.3")),
    )
    over_threshold: Decimal = Decimal("1.3")
    budget_weight: Decimal = Decimal(10)
    grades: tuple[tuple[str, Decimal], ...] = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)))
    tolerance: Decimal = Decimal("0.1")
    rules: tuple[tuple[str, RuleKind], ...] = ()

    # --- lookups ----------------------------------------------------------------------------------------
    def rule_kind(self, text: str) -> RuleKind | None:
        """The rule a 赋分规则 text names, or None when it is not known (never a silent default)."""
        key = normalize_text(text)
        for alias, kind in self.rules:
            if normalize_text(alias) == key:
                return kind
        return _RULE_TEXTS.get(key)

    def tier_point(self, tier: Tier) -> Decimal:
        """The default point of a tier, as a fraction of the weight."""
        return dict(self.tier_points)[tier]

    def grade(self, percentage: Decimal) -> str:
        """The grade of a total expressed as a percentage of the maximum (lower bounds included)."""
        for name, bound in self.grades:
            if percentage >= bound:
                return name
        return "差"

    @staticmethod
    def tier_of(text: str, target_text: str = "") -> Tier | None:
        """The tier an actual's words name (the target's own text counts as 达成), or None."""
        key = normalize_text(text)
        if target_text and key == normalize_text(target_text):
            return Tier.ACHIEVED
        for tier, words in _TIER_WORDS.items():
            if key in words:
                return tier
        return None

    @staticmethod
    def tier_words() -> tuple[str, ...]:
        """Every accepted tier word, for messages."""
        return tuple(w for words in _TIER_WORDS.values() for w in words[:1])

    # --- construction ---------------------------------------------------------------------------------------
    def merged(self, data: Mapping[str, Any] | None) -> Policy:
        """This policy with the options of a ``[policy]`` mapping applied (Chinese errors name bad keys)."""
        if not data:
            return self
        changes: dict[str, Any] = {}
        for key, value in data.items():
            if key in {"reverse", "反向公式"}:
                changes["reverse"] = _choice(key, value, _REVERSE)
            elif key in {"equal", "等于公式"}:
                changes["equal"] = _choice(key, value, _EQUAL)
            elif key in {"satisfaction", "满意度公式"}:
                changes["satisfaction"] = _choice(key, value, _SATISFACTION)
            elif key in {"over_threshold", "超额阈值"}:
                changes["over_threshold"] = _positive(key, value)
            elif key in {"budget_weight", "预算执行率分值"}:
                changes["budget_weight"] = _nonnegative(key, value)
            elif key in {"tolerance", "审核容差"}:
                changes["tolerance"] = _nonnegative(key, value)
            elif key in {"grades", "等级"}:
                changes["grades"] = _grades(key, value, dict(self.grades))
            elif key in {"tiers", "等级得分"}:
                changes["tier_points"] = _tiers(key, value, dict(self.tier_points))
            elif key in {"rules", "赋分规则"}:
                changes["rules"] = self.rules + _rules(key, value)
            else:
                raise PolicyError(f"未知的评分口径“{key}”")
        return attrs.evolve(self, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Policy:
        """A policy from the defaults and a ``[policy]`` mapping."""
        return cls().merged(data)


def _positive(key: str, value: Any) -> Decimal:
    number = _decimal(key, value)
    if number <= 0:
        raise PolicyError(f"评分口径“{key}”应大于0，却是“{value}”")
    return number


def _nonnegative(key: str, value: Any) -> Decimal:
    number = _decimal(key, value)
    if number < 0:
        raise PolicyError(f"评分口径“{key}”不能为负数，却是“{value}”")
    return number


def _grades(key: str, value: Any, current: dict[str, Decimal]) -> tuple[tuple[str, Decimal], ...]:
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


def _tiers(key: str, value: Any, current: dict[Tier, Decimal]) -> tuple[tuple[Tier, Decimal], ...]:
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


def _rules(key: str, value: Any) -> tuple[tuple[str, RuleKind], ...]:
    if not isinstance(value, Mapping):
        raise PolicyError(f'评分口径“{key}”应为表，如 {{"按完成率计分" = "proportional"}}')
    out = []
    for text, name in value.items():
        kind = _RULE_NAMES.get(str(name).strip())
        if kind is None:
            listed = "、".join(_RULE_NAMES)
            raise PolicyError(f"赋分规则“{text}”对应的规则“{name}”无法识别，应为：{listed}")
        out.append((str(text), kind))
    return tuple(out)


DEFAULT_POLICY = Policy()

"""A typed 赋分规则 as JSON-able data: stable English keys and codes, numbers as decimal strings (as written).

``rule_as_dict(rule)`` is the ``"rule"`` object of ``scoring rule --json``: ``"family"`` is one of
``proportional``, ``all_or_nothing``, ``steps``, ``tiers``, ``categories``, ``elements``, ``graded``, ``default``,
beside the family's own fields; ``text``, ``top``, ``stated`` and ``notes`` are common to all.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from scoring.language.rule_model import (
    AllOrNothing,
    Award,
    Categorical,
    Default,
    Direction,
    Elements,
    Graded,
    Proportional,
    Slope,
    Stated,
    Stepped,
    Tier,
    Tiered,
    WrittenRule,
)
from scoring.numbers import written

__all__ = ["FAMILIES", "rule_as_dict"]

#: The family codes, by family class.
FAMILIES: dict[type, str] = {
    Proportional: "proportional", AllOrNothing: "all_or_nothing", Stepped: "steps", Tiered: "tiers",
    Categorical: "categories", Elements: "elements", Graded: "graded", Default: "default",
}  # fmt: skip
_DIRECTIONS = {"正向": "positive", "反向": "reverse"}


def _num(value: Decimal | None) -> str | None:
    return None if value is None else written(value)


def _stated(stated: Stated | None) -> dict[str, Any] | None:
    if stated is None:
        return None
    return {"op": stated.op.ascii, "value": written(stated.value), "unit": stated.unit, "column": stated.column}


def _award(given: Award | None) -> dict[str, Any] | None:
    if given is None:
        return None
    if given.band is not None:
        return {"kind": "band", "low": written(given.band[0]), "high": written(given.band[1])}
    if given.points is not None:
        return {"kind": "points", "points": written(given.points)}
    if given.share is not None:
        return {"kind": "share", "share": written(given.share)}
    return {"kind": "full"}


def _slope(slope: Slope) -> dict[str, Any]:
    return {
        "direction": slope.direction.value,
        "measure": slope.measure.name.lower(),
        "size": written(slope.size),
        "points": written(slope.points),
        "effect": "both" if slope.direction is Direction.BOTH else "deduct" if slope.sign < 0 else "add",
        "unit": slope.unit,
        "against": slope.against,
        "column": slope.column,
    }


def _tier(tier: Tier) -> dict[str, Any]:
    i = tier.interval
    return {
        "text": tier.text,
        "low": _num(i.low),
        "low_closed": i.low_closed,
        "high": _num(i.high),
        "high_closed": i.high_closed,
        "unit": i.unit,
        "award": _award(tier.award),
        "column": tier.column,
    }


def _fields(family: Any) -> dict[str, Any]:
    """The family's own fields."""
    if isinstance(family, Proportional):
        return {"inverse": family.inverse, "for_direction": _DIRECTIONS.get(family.for_direction)}
    if isinstance(family, Stepped):
        return {
            "reference": _stated(family.reference),
            "base": written(family.base),
            "floor": written(family.floor),
            "cap": _num(family.cap),
            "zero_when_missed": family.zero_when_missed,
            "scale": _num(family.scale),
            "base_points": _num(family.base_points),
            "slopes": [_slope(s) for s in family.slopes],
        }
    if isinstance(family, Tiered):
        return {"metric": family.metric.name.lower(), "tiers": [_tier(t) for t in family.tiers]}
    if isinstance(family, Categorical):
        return {
            "categories": [
                {"text": c.text, "award": _award(c.award), "deduct": _num(c.deduct), "column": c.column}
                for c in family.categories
            ]
        }
    if isinstance(family, Elements):
        return {
            "elements": [
                {"marker": e.marker, "text": e.text, "points": written(e.points), "column": e.column}
                for e in family.items
            ]
        }
    if isinstance(family, Graded):
        return {"bands": [[written(low), written(high)] for low, high in family.bands]}
    if isinstance(family, Default):
        return {"remark": family.remark.value, "threshold": _num(family.threshold)}
    return {}  # AllOrNothing


def rule_as_dict(rule: WrittenRule) -> dict[str, Any]:
    """``rule`` as JSON-able data (Decimals as strings as written, enums as English codes)."""
    return {
        "family": FAMILIES[type(rule.family)],
        "text": rule.text,
        **_fields(rule.family),
        "top": _num(rule.top),
        "stated": _stated(rule.stated),
        "notes": list(rule.notes),
    }

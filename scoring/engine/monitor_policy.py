"""The mid-year monitoring policy (Part C): every threshold and the time profile, as one frozen, validated value.

It is the ``monitor`` option of :class:`~scoring.engine.policy.Policy` (a table's ``[policy.monitor]`` section, a
run's ``--policy`` file), so it is layered where every other option is (``Policy.layered``). Keys are English or
Chinese; a bad key or value raises :class:`~scoring.engine.options.PolicyError` naming it in Chinese.

- ``red_below`` / ``yellow_below`` (60%, 80%): a 正向 target's progress below the first is red, below the second
  yellow (C1); ``blue_from`` (120%): at or above it blue.
- ``money_red_below`` / ``money_yellow_below`` (60%, 80%): the same for the money's progress (C2).
- ``profile``: the share of the year's plan due by the end of each month, 12 cumulative shares (default
  ``m / 12``: 1/12, 2/12 … 12/12).
- ``cumulative`` / ``level``: indicator names that are cumulative or level whatever their target says (C1).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from scoring.engine.policy_error import PolicyError

__all__ = ["DEFAULT_MONITOR", "MonitorPolicy"]

_TWELVE = Decimal(12)
_KEYS = {
    "red_below": "red_below", "红灯阈值": "red_below",
    "yellow_below": "yellow_below", "黄灯阈值": "yellow_below",
    "blue_from": "blue_from", "蓝灯阈值": "blue_from",
    "money_red_below": "money_red_below", "资金红灯阈值": "money_red_below",
    "money_yellow_below": "money_yellow_below", "资金黄灯阈值": "money_yellow_below",
    "profile": "profile", "时间进度": "profile",
    "cumulative": "cumulative", "累计指标": "cumulative",
    "level": "level", "时点指标": "level",
}  # fmt: skip


def _share(key: str, value: Any) -> Decimal:
    """``0.6``, ``"60%"`` or ``60`` (a whole number above 1 is a percentage) as a Decimal share."""
    if isinstance(value, (bool, float)):
        raise PolicyError(f'监控口径“{key}”应写成百分比文本（如 "60%"）或小数文本，却是 {value!r}')
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        raise PolicyError(f"监控口径“{key}”的取值“{value}”不是数值") from None
    if not number.is_finite() or number < 0 or number > 10000:
        raise PolicyError(f"监控口径“{key}”的取值“{value}”超出范围")
    whole = number == number.to_integral_value()
    return number / 100 if text.endswith("%") or (number > 1 and whole) else number


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def _profile(key: str, value: Any) -> tuple[Decimal, ...]:
    if not isinstance(value, list | tuple) or len(value) != 12:
        raise PolicyError(f'监控口径“{key}”应为12个月末累计进度的列表，如 ["5%", "12%", …, "100%"]')
    shares = tuple(_share(f"{key}[{i + 1}]", v) for i, v in enumerate(value))
    if any(b < a for a, b in itertools.pairwise(shares)) or shares[-1] != 1:
        raise PolicyError(f"监控口径“{key}”应逐月不减，且12月为100%")
    return shares


def _names(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f'监控口径“{key}”应为指标名称列表，如 ["资金到位率"]')
    return tuple(value)


@attrs.frozen(cache_hash=True)
class MonitorPolicy:
    """Part C's thresholds and time profile (see the module's docstring)."""

    red_below: Decimal = Decimal("0.6")
    yellow_below: Decimal = Decimal("0.8")
    blue_from: Decimal = Decimal("1.2")
    money_red_below: Decimal = Decimal("0.6")
    money_yellow_below: Decimal = Decimal("0.8")
    profile: tuple[Decimal, ...] = ()
    cumulative: tuple[str, ...] = ()
    level: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not self.red_below <= self.yellow_below <= self.blue_from:
            shown = " ≤ ".join(_pct(v) for v in (self.red_below, self.yellow_below, self.blue_from))
            raise PolicyError(f"监控口径应满足 红灯阈值 ≤ 黄灯阈值 ≤ 蓝灯阈值，却是 {shown}")
        if not self.money_red_below <= self.money_yellow_below:
            shown = f"{_pct(self.money_red_below)} ≤ {_pct(self.money_yellow_below)}"
            raise PolicyError(f"监控口径应满足 资金红灯阈值 ≤ 资金黄灯阈值，却是 {shown}")

    def share(self, month: int) -> Decimal:
        """The share of the year's plan due by the end of ``month`` (1–12)."""
        return self.profile[month - 1] if self.profile else Decimal(month) / _TWELVE

    def fraction(self, month: int) -> tuple[Decimal, Decimal]:
        """:meth:`share` as an exact numerator and denominator (``(7, 12)``; ``(0.6, 1)`` from a profile), so the
        rules compare against a threshold without rounding ``m / 12`` first."""
        return (self.profile[month - 1], Decimal(1)) if self.profile else (Decimal(month), _TWELVE)

    @property
    def linear(self) -> bool:
        """Whether the time profile is ``m / 12`` (shown as ``7/12``)."""
        return not self.profile

    def merged(self, data: Mapping[str, Any] | MonitorPolicy | None) -> MonitorPolicy:
        """This policy with the options of a ``[policy.monitor]`` mapping applied (a whole policy replaces it)."""
        if isinstance(data, MonitorPolicy):
            return data
        if not data:
            return self
        if not isinstance(data, Mapping):
            raise PolicyError('评分口径“monitor”应为表，如 {red_below = "60%"}')
        changes: dict[str, Any] = {}
        for key, value in data.items():
            field = _KEYS.get(str(key))
            if field is None:
                raise PolicyError(f"未知的监控口径“{key}”")
            if field == "profile":
                changes[field] = _profile(str(key), value)
            elif field in ("cumulative", "level"):
                changes[field] = _names(str(key), value)
            else:
                changes[field] = _share(str(key), value)
        return attrs.evolve(self, **changes)


DEFAULT_MONITOR = MonitorPolicy()

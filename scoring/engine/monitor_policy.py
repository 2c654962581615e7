"""The mid-year monitoring policy (Part C): every threshold and the time profile, as one frozen, validated value.

It is the ``monitor`` option of :class:`~scoring.engine.policy.Policy` (a table's ``[policy.monitor]`` section, a
run's ``--policy`` file), so it is layered where every other option is (``Policy.layered``). Keys are English or
Chinese; a bad key or value raises :class:`~scoring.engine.options.PolicyError` naming it in Chinese.

A share is a percentage (``"60%"``, or a number of 10 or more: ``60``) or a decimal of at most 1 (``0.6``); a
number between 1 and 10 without % (``2``, ``"1.5"``) is refused as ambiguous. Thresholds lie in 0%–1000%, the
profile's shares in 0%–100%.

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
#: The largest threshold: 1000%.
_MOST = Decimal(10)
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


def _shown(value: Any) -> str:
    """A TOML value as its file writes it, after 却是: `` true``, `` 2``, ``“1.5”``."""
    if isinstance(value, bool):
        return f" {str(value).lower()}"
    return f"“{value}”" if isinstance(value, str) else f" {value}"


def _share(key: str, value: Any, top: Decimal = _MOST) -> Decimal:
    """A share as ``[policy.monitor]`` writes it (C1's rule, stated in ``docs/monitoring.md``): a percentage
    (``"60%"``, or a number of 10 or more without %: ``60`` = 60%) or a decimal of at most 1 (``0.6``, ``"0.6"``,
    ``1`` = 100%). A number between 1 and 10 without % (``2``, ``"1.5"``) could be either and is refused, as is a
    share outside 0 … ``top``."""
    where = f"[policy.monitor] 中“{key}”"
    allowed = f"取值范围 0%至{_pct(top)}"
    rule = '应为百分比（如 "60%"、60）或不大于1的小数（如 0.6）'
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise PolicyError(f"{where}{rule}，{allowed}，却是{_shown(value)}")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    percent = text.endswith("%")
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation:
        raise PolicyError(f"{where}{rule}，{allowed}，却是{_shown(value)}（不是数值）") from None
    if not number.is_finite():
        raise PolicyError(f"{where}{rule}，{allowed}，却是{_shown(value)}")
    if not percent and 1 < number < 10:
        raise PolicyError(
            f"{where}的取值{_shown(value)}（不带%）含义不明：不带%的数，不大于1的是小数（0.6 即 60%），10及以上的是百分数"
            f"（60 即 60%）；请写作“{_pct(number)}”或“{number.normalize():f}%”"
        )
    share = number / 100 if percent or number > 1 else number
    if not 0 <= share <= top:
        raise PolicyError(f"{where}超出范围（{allowed}），却是{_shown(value)}")
    return share


def _pct(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}%"


def _profile(key: str, value: Any) -> tuple[Decimal, ...]:
    if not isinstance(value, list | tuple) or len(value) != 12:
        raise PolicyError(f'[policy.monitor] 中“{key}”应为12个月末累计进度的列表，如 ["5%", "12%", …, "100%"]')
    shares = tuple(_share(f"{key}[{i + 1}]", v, Decimal(1)) for i, v in enumerate(value))
    if any(b < a for a, b in itertools.pairwise(shares)) or shares[-1] != 1:
        raise PolicyError(f"[policy.monitor] 中“{key}”应逐月不减，且12月为100%")
    return shares


def _names(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f'[policy.monitor] 中“{key}”应为指标名称列表，如 ["资金到位率"]，却是{_shown(value)}')
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
            raise PolicyError(f"[policy.monitor] 应满足 红灯阈值 ≤ 黄灯阈值 ≤ 蓝灯阈值，却是 {shown}")
        if not self.money_red_below <= self.money_yellow_below:
            shown = f"{_pct(self.money_red_below)} ≤ {_pct(self.money_yellow_below)}"
            raise PolicyError(f"[policy.monitor] 应满足 资金红灯阈值 ≤ 资金黄灯阈值，却是 {shown}")

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
                known = "、".join(k for k in _KEYS if k.isascii())
                raise PolicyError(f"[policy.monitor] 中未知的键“{key}”（可用的键：{known}，或其中文名）")
            if field == "profile":
                changes[field] = _profile(str(key), value)
            elif field in ("cumulative", "level"):
                changes[field] = _names(str(key), value)
            else:
                changes[field] = _share(str(key), value)
        return attrs.evolve(self, **changes)


DEFAULT_MONITOR = MonitorPolicy()

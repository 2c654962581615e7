"""Actuals read from TOML: ``[budget]``, and ``[actuals]`` (name = value) or ``[[actuals]]`` (see ``indicators/README.md``).

A monitoring file also gives a top-level ``month = 7`` (the month its figures run to, ``Actuals.month``; read as a
header's month is, and a month that is not 1–12 makes the file unreadable: :func:`~scoring.tables.toml_read.month_of`) and per
entry ``expected`` (全年预计完成情况), ``plan`` (1-M月计划值), ``possibility`` (完成目标可能性) and ``reason_kind``
(偏差原因 category); its ``[budget] spent`` is the money spent to date (1-M月执行数).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from scoring.errors import TableReadError
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.cells import read_points
from scoring.tables.guard import short
from scoring.tables.toml_read import (
    MONITOR_KEYS,
    budget_of,
    is_monitoring,
    known_keys,
    lines_of,
    loads,
    month_of,
    text_of,
    where_of,
)

__all__ = ["actuals_from_toml"]

_ENTRY_KEYS = ("name", "actual", "points", "reason", *MONITOR_KEYS)


def _optional(raw: Mapping[str, Any], key: str, source: str, problems: list[str]) -> str | None:
    """A text key of an entry (stripped), None when absent or not text (then with a problem)."""
    if key not in raw:
        return None
    text = text_of(raw[key])
    if text is None:
        problems.append(f"{source}：“{key}”应为字符串，却是 {type(raw[key]).__name__} 值")
    return None if text is None else text.strip()


def _actual(name: str, raw: Any, source: str, problems: list[str], monitoring: bool) -> Actual | None:
    """One entry: a bare value (``"121个"``) or a table with actual, points, reason and the monitoring keys."""
    if not isinstance(raw, Mapping):
        raw = {"actual": raw}
    listed = known_keys(_ENTRY_KEYS, monitoring)
    problems.extend(f"{source}：未知的键“{key}”（可用的键：{listed}）" for key in raw if key not in _ENTRY_KEYS)
    if not name.strip():
        problems.append(f"{source}：缺少“name”（三级指标名称）")
        return None
    actual = text_of(raw["actual"]) if "actual" in raw else None
    if "actual" in raw and actual is None:
        problems.append(f"{source}：“actual”应为字符串，却是 {type(raw['actual']).__name__} 值")
    reported = None
    if "points" in raw:
        text = text_of(raw["points"])
        reported, problem = read_points(text or "", f"{source}：“points”（得分）")
        if text is None or not text.strip():
            problem = f"{source}：“points”（得分）应为数字，却是“{short(str(raw['points']))}”"
        problems.extend([problem] if problem else [])
    reason = text_of(raw.get("reason", "")) or ""
    more = {key: _optional(raw, key, source, problems) for key in MONITOR_KEYS}
    return Actual(
        name.strip(), actual.strip() if actual is not None else None, reported, reason.strip(), source,
        expected=more["expected"], plan=more["plan"], possibility=more["possibility"] or "",
        reason_kind=more["reason_kind"] or "",
    )  # fmt: skip


def actuals_from_toml(text: str, shown: str) -> Actuals:
    """Actuals from the text of a TOML file: ``[budget]``, and ``[actuals]`` (a mapping) or ``[[actuals]]``."""
    data = loads(text, shown)
    name = PurePath(shown).name
    if "actuals" not in data and "budget" not in data:
        raise TableReadError(shown, "不是实际完成值文件：应有 [actuals]（三级指标名 = 实际完成值）或 [[actuals]]")
    problems = [
        f"{name}：未知的节“{key}”（可用的节：budget、actuals）"
        for key in data
        if key not in ("budget", "actuals", "month")
    ]
    month = month_of(data["month"], shown, "") if "month" in data else None
    raw = data.get("actuals", {})
    monitoring = is_monitoring(data, raw)
    entries: list[Actual | None] = []
    if isinstance(raw, Mapping):
        entries = [_actual(key, value, f"{name} [actuals]“{key}”", problems, monitoring) for key, value in raw.items()]
    elif isinstance(raw, list):
        lines = lines_of(text, "actuals")
        for ordinal, item in enumerate(raw, start=1):
            source = where_of(name, ordinal, lines, "实际完成值")
            if isinstance(item, Mapping):
                entries.append(_actual(str(item.get("name", "")), item, source, problems, monitoring))
            else:
                problems.append(f"{source}：应为一个表，含 name 和 actual")
    else:
        problems.append(f"{name}：“actuals”应为 [actuals] 表或 [[actuals]] 表数组")
    return Actuals(
        tuple(e for e in entries if e is not None),
        budget=budget_of(data.get("budget"), name, problems),
        source=name,
        problems=tuple(problems),
        month=month,
    )

"""Tables and actuals read from TOML, the human-readable format of ``indicators/`` (writing: ``toml_dump``).

Numbers are written as strings (``weight = "10"``, ``total = "46.00"``) so Decimals stay exact; TOML
integers and floats are accepted too (``10``, ``48.3``, ``10.0`` read as 10). A key that is not part of the
format is a problem on its indicator or table, never a crash; bad TOML syntax raises TableReadError.
See ``indicators/README.md`` for the format.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any

from scoring.errors import TableReadError
from scoring.tables.cells import decimal_of, float_text, read_points, read_weight
from scoring.tables.guard import Limits, open_regular, short
from scoring.tables.model import Budget, Funds, Indicator, Table
from scoring.tables.months import month_value
from scoring.tables.names import duplicate_names
from scoring.tables.toml_errors import syntax_error

__all__ = [
    "INDICATOR_KEYS",
    "MONITOR_KEYS",
    "TABLE_KEYS",
    "budget_of",
    "is_monitoring",
    "known_keys",
    "lines_of",
    "loads",
    "month_of",
    "table_from_toml",
    "text_of",
    "toml_text",
    "where_of",
]

#: A monitoring table's keys of an indicator: 全年预计完成情况, 1-M月计划值, 完成目标可能性, 偏差原因 category.
MONITOR_KEYS = ("expected", "plan", "possibility", "reason_kind")
#: Indicator keys in the order they are written.
INDICATOR_KEYS = (
    "level1", "level2", "name", "target", "basis", "previous", "weight", "rule", "evidence",
    "actual", "points", "reason", *MONITOR_KEYS,
)  # fmt: skip
TABLE_KEYS = ("title", "kind", "year", "unit", "project", "goal", "funds", "level1_weights", "month")
_KINDS = {"project": "project", "项目": "project", "项目支出": "project", "department": "department",
          "部门": "department", "部门整体": "department"}  # fmt: skip
_TOP_KEYS = ("table", "budget", "policy", "indicators")


def toml_text(path: Path, shown: str, limits: Limits) -> str:
    """The text of a TOML file (UTF-8, with or without BOM); TableReadError naming the first bad line."""
    with open_regular(path, shown) as handle:
        data = handle.read(limits.max_toml + 1)
    if len(data) > limits.max_toml:
        raise TableReadError(shown, f"TOML 文件超过 {limits.max_toml >> 20} MB，不像是一张绩效目标表")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableReadError(
            shown, f"TOML 文件应为 UTF-8 编码，第{line}行却不是（可能是 GBK；请另存为 UTF-8）"
        ) from exc


def loads(text: str, shown: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except RecursionError as exc:
        raise TableReadError(shown, "TOML 嵌套层数过多（数组或表套了成百上千层），不是绩效目标表") from exc
    except ValueError as exc:  # an integer beyond Python's digit limit is a ValueError, not a TOMLDecodeError
        if isinstance(exc, tomllib.TOMLDecodeError):
            raise syntax_error(exc, shown) from exc
        raise TableReadError(shown, f"TOML 中有无法读取的数值（{short(str(exc))}）") from exc


def text_of(value: Any) -> str | None:
    """A TOML value as cell text: strings as written, integers and floats exactly; None for other types."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_text(value)  # inf, nan and 1e308 keep their spelling, which no number field reads
    return None


def _decimal(value: Any) -> Decimal | None:
    text = text_of(value)
    return None if text is None else decimal_of(text)


def month_of(value: Any, shown: str, where: str) -> int:
    """A ``month`` key as 1–12, read as a header's month is (``7``, ``"七"``, ``"7月"``, ``"1-7月"``, ``"上半年"``);
    anything else (``13``, ``7.5``, ``"2-7月"``, ``true``) makes the file unreadable: TableReadError naming the
    key."""
    text = None if isinstance(value, bool) else text_of(value)
    month, why = month_value(text) if text is not None else (None, "")
    if month is None:
        shown_value = str(value).lower() if isinstance(value, bool) else short(str(value))
        why = why or f"月份应为1至12（如 7、“7月”或“1-7月”），却是 {shown_value}"
        raise TableReadError(shown, f"{where}“month”（监控月份）：{why}")
    return month


def lines_of(text: str, header: str) -> list[int]:
    """1-based line numbers of ``[[header]]`` lines, in order (for messages that point into the file)."""
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]")
    return [number for number, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def where_of(name: str, ordinal: int, lines: list[int], what: str) -> str:
    line = f"（第{lines[ordinal - 1]}行）" if ordinal <= len(lines) else ""
    return f"{name} 第{ordinal}个{what}{line}"


def known_keys(keys: tuple[str, ...], monitoring: bool) -> str:
    """The keys an unknown key's message lists: the monitoring keys only in a monitoring file."""
    return "、".join(key for key in keys if monitoring or key not in MONITOR_KEYS)


def is_monitoring(head: Any, items: Any) -> bool:
    """Whether a TOML file is a monitoring one: a ``month`` key, or an entry with a monitoring key."""
    entries = items if isinstance(items, list) else list(items.values()) if isinstance(items, Mapping) else []
    return "month" in head or any(isinstance(e, Mapping) and any(k in e for k in MONITOR_KEYS) for e in entries)


def _indicator(raw: Any, source: str, monitoring: bool) -> Indicator:
    problems: list[str] = []
    if not isinstance(raw, Mapping):
        return Indicator("", "", None, source=source, problems=(f"{source}：应为一个指标表（[[indicators]]）",))
    cells: dict[str, str] = {}
    for key, value in raw.items():
        if key not in INDICATOR_KEYS:
            problems.append(f"{source}：未知的键“{key}”（可用的键：{known_keys(INDICATOR_KEYS, monitoring)}）")
            continue
        text = text_of(value)
        if text is None:
            problems.append(f"{source}：“{key}”应为字符串，却是 {type(value).__name__} 值")
            continue
        cells[key] = text
    for key, what in (("name", "三级指标名称"), ("target", "指标值"), ("weight", "分值")):
        if key not in raw and not (monitoring and key == "weight"):  # a monitoring table needs no 分值
            problems.append(f"{source}：缺少“{key}”（{what}）")
        elif key in cells and not cells[key].strip():
            problems.append(f"{source}：“{key}”（{what}）为空")
    weight = None
    if cells.get("weight", "").strip():
        weight, problem = read_weight(cells["weight"], f"{source}：“weight”（分值）")
        problems.extend([problem] if problem else [])
    reported, problem = read_points(cells.get("points", ""), f"{source}：“points”（得分）")
    problems.extend([problem] if problem else [])
    return Indicator(
        name=cells.get("name", "").strip(),
        target=cells.get("target", "").strip(),
        weight=weight,
        rule=cells.get("rule", "").strip(),
        level1=cells.get("level1", "").strip(),
        level2=cells.get("level2", "").strip(),
        basis=cells.get("basis", "").strip(),
        previous=cells.get("previous", "").strip(),
        evidence=cells.get("evidence", "").strip(),
        actual=cells["actual"].strip() if "actual" in cells else None,
        reported=reported,
        reason=cells.get("reason", "").strip(),
        source=source,
        problems=tuple(problems),
        expected=cells["expected"].strip() if "expected" in cells else None,
        plan=cells["plan"].strip() if "plan" in cells else None,
        possibility=cells.get("possibility", "").strip(),
        reason_kind=cells.get("reason_kind", "").strip(),
    )


def budget_of(raw: Any, where: str, problems: list[str]) -> Budget | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        problems.append(f"{where}：[budget] 应为一个表，含 planned（全年预算数）和 spent（全年执行数）")
        return None
    problems.extend(
        f"{where}：[budget] 中未知的键“{key}”（可用的键：planned、spent）"
        for key in raw
        if key not in ("planned", "spent")
    )
    planned, spent = _decimal(raw.get("planned")), _decimal(raw.get("spent"))
    for key, value in (("planned", planned), ("spent", spent)):
        if value is None:
            problems.append(f"{where}：[budget] 的“{key}”应为数字（万元），却是“{short(str(raw.get(key, '')))}”")
    return Budget(planned=planned, spent=spent) if planned is not None and spent is not None else None


def _funds(raw: Any, where: str, problems: list[str]) -> Funds:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}：[table.funds] 应为一个表，含 total、fiscal、other（万元）")
        return Funds()
    values: dict[str, Decimal | None] = {}
    for key, value in raw.items():
        if key not in ("total", "fiscal", "other"):
            problems.append(f"{where}：[table.funds] 中未知的键“{key}”（可用的键：total、fiscal、other）")
            continue
        values[key] = _decimal(value)
        if values[key] is None:
            problems.append(f"{where}：[table.funds] 的“{key}”应为数字（万元），却是“{short(str(value))}”")
    return Funds(**values)


def table_from_toml(text: str, shown: str) -> Table:
    """A table from the text of a TOML file (``shown`` names the file in messages)."""
    data = loads(text, shown)
    name = PurePath(shown).name
    if "indicators" not in data:
        raise TableReadError(shown, "不是绩效目标表：缺少 [[indicators]]（每个三级指标一节）")
    if not isinstance(data["indicators"], list):
        raise TableReadError(shown, "“indicators”应写成 [[indicators]] 表数组，每个三级指标一节")
    problems = [f"{name}：未知的节“{key}”（可用的节：{'、'.join(_TOP_KEYS)}）" for key in data if key not in _TOP_KEYS]
    head = data.get("table", {})
    if not isinstance(head, Mapping):
        problems.append(f"{name}：[table] 应为一个表")
        head = {}
    kind = _KINDS.get(str(head.get("kind", "project")))
    if kind is None:
        problems.append(
            f"{name}：[table] 的 kind 应为 project 或 department，却是“{short(str(head['kind']))}”；按 project 处理"
        )
    year = head.get("year")
    if isinstance(year, str) and year.strip().isdigit() and len(year.strip()) <= 4:
        year = int(year)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100):
        problems.append(f"{name}：[table] 的 year 应为年份（1900–2100，如 2026），却是“{short(str(year))}”")
        year = None
    extras: list[tuple[str, str]] = []
    for key, value in head.items():
        if key in TABLE_KEYS:
            continue
        if isinstance(value, str):
            extras.append((key, value))
        else:
            problems.append(f"{name}：[table] 的“{key}”应为字符串（附加信息），却是 {type(value).__name__} 值")
    level1_weights: list[tuple[str, Decimal]] = []
    raw_weights = head.get("level1_weights", {})
    for heading, value in raw_weights.items() if isinstance(raw_weights, Mapping) else ():
        weight = _decimal(value)
        if weight is None:
            problems.append(f"{name}：[table.level1_weights] 的“{heading}”应为数字，却是“{short(str(value))}”")
        else:
            level1_weights.append((heading, weight))
    policy = data.get("policy", {})
    if not isinstance(policy, dict):
        problems.append(f"{name}：[policy] 应为一个表")
        policy = {}
    lines = lines_of(text, "indicators")
    monitoring = is_monitoring(head, data["indicators"])
    indicators = tuple(
        _indicator(raw, where_of(name, ordinal, lines, "指标"), monitoring)
        for ordinal, raw in enumerate(data["indicators"], start=1)
    )
    if not indicators:
        raise TableReadError(shown, "[[indicators]] 是空的，没有任何指标")
    problems += duplicate_names(indicators, name)
    month = month_of(head["month"], shown, "[table] 的") if "month" in head else None
    return Table(
        title=str(head.get("title", "")).strip() or PurePath(shown).stem,
        indicators=indicators,
        kind=kind or "project",
        year=year,
        unit=str(head.get("unit", "")).strip(),
        project=str(head.get("project", "")).strip(),
        funds=_funds(head.get("funds", {}), name, problems),
        budget=budget_of(data.get("budget"), name, problems),
        level1_weights=tuple(level1_weights),
        policy=policy,
        source=name,
        problems=tuple(problems),
        goal=str(head.get("goal", "")).strip(),
        extras=tuple(extras),
        month=month,
    )

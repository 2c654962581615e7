"""Tables as TOML text in the format :mod:`scoring.table_toml` reads; a small emitter, no dependency.

Strings are TOML basic strings (multi-line when they hold line breaks); numbers are written as strings so
Decimals stay exact (``weight = "7.50"``). ``Table.policy`` (plain TOML data) is written back as it was read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from scoring.numbers import written
from scoring.tables.model import Table
from scoring.tables.toml_read import INDICATOR_KEYS, TABLE_KEYS

__all__ = ["dump_table_toml"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _escape(char: str, multiline: bool) -> str:
    if multiline and char == "\n":
        return char
    if char in _ESCAPES:
        return _ESCAPES[char]
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"\\u{ord(char):04X}"
    return char


def _string(text: str) -> str:
    """A TOML basic string; text with line breaks becomes a multi-line string (first newline is trimmed)."""
    if "\n" in text:
        return '"""\n' + "".join(_escape(c, multiline=True) for c in text) + '"""'
    return '"' + "".join(_escape(c, multiline=False) for c in text) + '"'


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def _value(value: Any) -> str:
    """An inline TOML value for the plain data found in ``Table.policy``."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(repr(value), repr(value))
    if isinstance(value, Decimal):
        return _string(written(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _section(out: list[str], path: str, data: Mapping[str, Any]) -> None:
    """``[path]`` with its plain keys, then one ``[path.key]`` section per nested table."""
    out.append(f"\n[{path}]")
    out.extend(f"{_key(k)} = {_value(v)}" for k, v in data.items() if not isinstance(v, Mapping))
    for key, value in data.items():
        if isinstance(value, Mapping):
            _section(out, f"{path}.{_key(key)}", value)


def dump_table_toml(table: Table) -> str:
    """The table as TOML text in the format :func:`table_from_toml` reads (numbers written as strings).

    Reading it back gives an equal table except for ``source`` and ``problems`` (and an unreadable weight,
    which is written as missing).
    """
    out = ["[table]", f"title = {_string(table.title)}", f"kind = {_string(table.kind)}"]
    if table.year is not None:
        out.append(f"year = {table.year}")
    out += [f"unit = {_string(table.unit)}", f"project = {_string(table.project)}"]
    if table.month is not None:
        out.append(f"month = {table.month}  # 监控月份：数字截至{table.month}月")
    out += [f"{_key(key)} = {_string(value)}" for key, value in table.extras if key not in TABLE_KEYS]
    if table.goal:
        out.append(f"goal = {_string(table.goal)}")
    funds = {"total": table.funds.total, "fiscal": table.funds.fiscal, "other": table.funds.other}
    if any(v is not None for v in funds.values()):
        out.append("\n[table.funds]  # 万元")
        out += [f"{k} = {_string(written(v))}" for k, v in funds.items() if v is not None]
    if table.level1_weights:
        out.append("\n[table.level1_weights]")
        out += [f"{_key(k)} = {_string(written(v))}" for k, v in table.level1_weights]
    if table.budget is not None:
        out.append("\n[budget]  # 万元" + (f"；spent 为1-{table.month}月执行数" if table.month is not None else ""))
        out += [f'planned = "{written(table.budget.planned)}"', f'spent = "{written(table.budget.spent)}"']
    if table.policy:
        _section(out, "policy", table.policy)
    for indicator in table.indicators:
        out.append("\n[[indicators]]")
        values = indicator.cells()
        for key in INDICATOR_KEYS:
            value = values[key]
            if value is None or (value == "" and key not in ("name", "target")):
                continue
            out.append(f"{key} = {_string(value if isinstance(value, str) else written(value))}")
    return "\n".join(out) + "\n"

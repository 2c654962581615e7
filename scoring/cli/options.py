"""The shared options read in one place: ``--units`` becomes a Reader, ``--policy``/``--tolerance`` one mapping.

Every handler calls these, so ``score`` and ``check`` read units and policy options the same way; the policy
itself is layered by the engine (:meth:`scoring.engine.policy.Policy.layered`), never here.
"""

from __future__ import annotations

import argparse
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from scoring.errors import UsageError
from scoring.language.reader import Reader, default_reader
from scoring.language.units import Units

__all__ = ["decimal_option", "policy_overrides", "reader"]


def reader(args: argparse.Namespace) -> Reader:
    """The reader of this run: the built-in units, plus the ``--units`` files (checked now, exit 2 if bad)."""
    if not getattr(args, "units", None):
        return default_reader()
    units = Units(args.units)
    units.registry  # noqa: B018 - load the files now, so a bad one is a usage error before any work
    return Reader(units)


def _policy_file(path: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"评分口径文件“{path}”无法读取：{exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"评分口径文件“{path}”不是有效的 TOML：{exc}") from exc
    section = data.get("policy", data)
    if not isinstance(section, dict):
        raise UsageError(f"评分口径文件“{path}”中的 [policy] 应为表")
    return section


def policy_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The run's policy options: the ``--policy`` file, then ``--tolerance`` on top."""
    options: dict[str, Any] = {}
    if getattr(args, "policy", None):
        options.update(_policy_file(args.policy))
    if getattr(args, "tolerance", None) is not None:
        options["tolerance"] = args.tolerance
    return options


def decimal_option(name: str, text: str) -> Decimal:
    """An amount in 万元 given on the command line (``46``, ``46.00万元``)."""
    try:
        value = Decimal(text.strip().removesuffix("万元"))
    except InvalidOperation as exc:
        raise UsageError(f"{name}应为数字（万元），却是“{text}”") from exc
    if not value.is_finite():
        raise UsageError(f"{name}应为数字（万元），却是“{text}”")
    return value

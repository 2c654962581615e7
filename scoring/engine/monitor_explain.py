"""What a monitored row must explain (C3): a 偏差原因 (one of the national form's five categories, with a text)
and a 完成目标可能性, for every red or yellow row and every row marked 预计无法完成."""

from __future__ import annotations

import re

from scoring.engine.monitor_rules import Light
from scoring.tables.model import Indicator
from scoring.text import phrase

__all__ = ["CATEGORIES", "POSSIBILITIES", "category_of", "needs_explaining"]

#: The five 偏差原因 categories of the national monitoring form.
CATEGORIES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
#: The three answers of 完成目标可能性.
POSSIBILITIES = ("确定能", "有可能", "完全不可能")
_ALIASES = {"确定能完成": "确定能", "能": "确定能", "可能": "有可能", "有可能完成": "有可能", "不可能": "完全不可能",
            "完全不可能完成": "完全不可能"}  # fmt: skip


#: The category names (and the bare words 原因, 类别) a 偏差原因 text may carry; what is left is the explanation.
_NAMES = re.compile("|".join(sorted((*CATEGORIES, "硬件条件", "原因", "类别"), key=len, reverse=True)))
#: A text explains something when, without the category names, a letter or digit is left.
_WORDS = re.compile(r"[^\W_]")


def category_of(indicator: Indicator) -> tuple[str, ...]:
    """The categories a row's 偏差原因 names (its category cell, else the words of its text)."""
    text = phrase(indicator.reason_kind) + phrase(indicator.reason)
    return tuple(c for c in CATEGORIES if c in text or (c == "硬件条件保障" and "硬件条件" in text))


def possibility_of(text: str) -> str | None:
    """The 完成目标可能性 a cell says, or None."""
    key = phrase(text)
    return key if key in POSSIBILITIES else _ALIASES.get(key)


def needs_explaining(indicator: Indicator, light: Light, expected_miss: bool) -> tuple[str, ...]:
    """What is missing for a red or yellow row, or a row marked 预计无法完成 (C3); nothing for the others."""
    if light.rank == 2 and not expected_miss:
        return ()
    why = f"{light.value}、预计无法完成" if expected_miss else light.value
    out: list[str] = []
    kinds = category_of(indicator)
    if not kinds:
        listed = "、".join(CATEGORIES)
        out.append(f"{why}：未说明偏差原因类别（{listed}）")
    if not _WORDS.search(_NAMES.sub("", phrase(indicator.reason))):
        out.append(f"{why}：未填写偏差原因说明")
    if not indicator.possibility.strip():
        out.append(f"{why}：未填写完成目标可能性（{'、'.join(POSSIBILITIES)}）")
    elif possibility_of(indicator.possibility) is None:
        out.append(f"{why}：完成目标可能性“{indicator.possibility}”应为{'、'.join(POSSIBILITIES)}之一")
    return tuple(out)

"""The words an actual may use instead of a number (A5, A6): MOF's three tiers, one list for every rule.

A 定性 row reads 达成 / 部分达成 / 未达成 (and their variants) as a tier; a deadline row reads the same list, a
达成 word as on time and a 未达成 word as late (``已完成。`` means the same on both). Words are compared after
:func:`scoring.text.phrase` (NFKC, no spaces, no trailing punctuation).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from decimal import Decimal

from scoring.text import normalize, phrase

__all__ = ["Tier", "less_is_better", "tier_of", "tier_words"]


class Tier(enum.Enum):
    """MOF's three tiers of a graded (定性) indicator, with their bands as fractions of the weight (A6)."""

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


#: Words accepted as the actual, per tier; the first of each is the one named in messages.
_WORDS: dict[Tier, tuple[str, ...]] = {
    Tier.ACHIEVED: (
        "达成", "达成年度指标", "达成预期指标", "达成预期目标", "完成", "已完成", "是", "有效", "合格",
        "按时完成", "已按时完成", "按期完成", "如期完成",
    ),
    Tier.PARTIAL: (
        "部分达成", "部分达成年度指标并具有一定效果", "部分达成年度指标", "基本达成", "基本完成", "基本达到",
    ),
    Tier.FAILED: (
        "未达成", "未达成年度指标且效果较差", "未达成年度指标", "未完成", "否",
        "未按时完成", "未按期完成", "逾期", "逾期完成",
    ),
}  # fmt: skip
_LOOKUP = {word: tier for tier, words in _WORDS.items() for word in words}


def tier_of(text: str, target_text: str = "") -> Tier | None:
    """The tier an actual's words name (the target's own text counts as 达成), or None."""
    key = phrase(text)
    if target_text and key == phrase(target_text):
        return Tier.ACHIEVED
    return _LOOKUP.get(key)


def tier_words() -> tuple[str, ...]:
    """The first word of each tier, for messages."""
    return tuple(words[0] for words in _WORDS.values())


#: Indicator names that say less is better (A2): a rate named below, a 控制率 after a word of money or staff
#: (经费支出控制率), or a count of violations (违规操作次数). Searched in time linear in the name's length.
_CONTROLLED = ("经费", "费用", "成本", "支出", "人员")
_RATES = re.compile(r"结转结余率|结余率|调整率|变动率|超支率|投诉率|事故率|差错率|发生率|损失率|返工率|故障率")
#: Names that measure the reduction itself stay 正向 (成本节约率, 能耗降低率, 下降率).
_REDUCTION = re.compile(r"节约率|降低率|下降率")


def less_is_better(name: str, extra: Iterable[str] = ()) -> str | None:
    """The word in an indicator's name that says less is better (``调整率``), or None (A2).

    ``extra`` are a table's own words (policy option ``reverse_words``).
    """
    return _less_is_better(name, tuple(extra))


def _between(key: str, firsts: tuple[str, ...], last: str) -> tuple[int, str] | None:
    """The leftmost span from one of ``firsts`` to the nearest ``last`` after it (``经费…控制率``), or None."""
    end = key.rfind(last)
    starts = [i for word in firsts if (i := key.find(word)) != -1 and i + len(word) <= end]
    if not starts:
        return None
    start = min(starts)
    word = next(w for w in firsts if key.startswith(w, start))
    return start, key[start : key.find(last, start + len(word)) + len(last)]


@functools.lru_cache(maxsize=65536)
def _less_is_better(name: str, extra: tuple[str, ...]) -> str | None:
    key = normalize(name)
    if _REDUCTION.search(key):
        return None
    for word in extra:
        if word and normalize(word) in key:
            return word
    found: list[tuple[int, int, str]] = []
    controlled = _between(key, _CONTROLLED, "控制率")
    if controlled:
        found.append((controlled[0], 0, controlled[1]))
    rate = _RATES.search(key)
    if rate:
        found.append((rate.start(), 1, rate.group()))
    violations = _between(key, ("违规",), "次数")
    if violations:
        found.append((violations[0], 2, violations[1]))
    return min(found)[2] if found else None

"""Headers that say the month a monitoring sheet's figures run to (``1-7月执行情况`` -> the actual to date, 7).

A monitoring sheet (绩效运行监控表) dates its columns: ``1-7月执行情况``, ``1—7月完成情况``, ``1至7月实际完成值``,
``截至7月底完成情况``, ``7月底完成情况`` (the actual to date), ``1-7月计划值`` (the plan to date) and, in the
header block, ``1-7月执行数`` / ``1-7月支出数`` (the money spent to date). The month may be written in Arabic or
Chinese numerals (``一至七月``, ``1-十二月``), in full width, with spaces and with the year before it
(``2026年1-7月``). Headers are compared as :func:`~scoring.tables.headers.header_key` gives them (NFKC, no spaces).
"""

from __future__ import annotations

import re

__all__ = ["MONTH_WORDS", "dated"]

#: Month numerals: Arabic (``07`` too) and Chinese.
MONTH_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
               "十一": 11, "十二": 12}  # fmt: skip
_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DASH = r"[-—–―−~至到]"
_YEAR = r"(?:\d{4}年度?)?"
#: ``1-7月``, ``1月-7月``, ``一至七月``; ``截至7月``, ``截止7月底``; ``7月底`` / ``7月末`` (the bare month needs 底).
_SPANS = (
    rf"{_YEAR}(?:0?1|一)月?{_DASH}{_MONTH}月(?:份|底|末)?",
    rf"截[至止](?:到)?{_YEAR}{_MONTH}月(?:份|底|末)?",
    rf"{_YEAR}{_MONTH}月(?:底|末)",
)
#: What a dated header measures, by the words after its month.
_WHATS = {
    "actual": r"(?:累计)?(?:实际)?(?:执行|完成)(?:情况|值)|(?:累计)?实际(?:完成)?值|(?:累计)?完成指标值",
    "plan": r"(?:累计)?计划(?:完成)?(?:值|数)?",
    "spent": r"(?:累计)?(?:实际)?(?:执行|支出)(?:数|金额|资金)?",
}
_DATED = tuple((field, re.compile(f"(?:{span})(?:{what})")) for field, what in _WHATS.items() for span in _SPANS)


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTH_WORDS[text]


def dated(key: str) -> tuple[str, int] | None:
    """The field a dated header names (``actual``, ``plan`` or ``spent``) and its month, or None.

    ``key`` is a header as :func:`~scoring.tables.headers.header_key` gives it: ``"1-7月执行情况"`` ->
    ``("actual", 7)``; ``"截至七月底完成情况"`` -> ``("actual", 7)``; ``"1-7月执行数"`` -> ``("spent", 7)``;
    ``"1-7月执行率"`` -> None (a rate is recomputed, never read).
    """
    if "月" not in key or len(key) > 40:
        return None
    for field, pattern in _DATED:
        match = pattern.fullmatch(key)
        if match:
            return field, _month(match["month"])
    return None

"""Headers that say the month a monitoring sheet's figures run to (``1-7月执行情况`` -> the actual to date, 7).

A monitoring sheet (绩效运行监控表) dates its columns: ``1-7月执行情况``, ``1—7月完成情况``, ``1至7月实际完成值``,
``截至7月底完成情况``, ``7月底完成情况`` (the actual to date), ``1-7月计划值`` (the plan to date) and, in the
header block, ``1-7月执行数`` / ``1-7月支出数`` (the money spent to date). The month may be written in Arabic or
Chinese numerals (``一至七月``, ``1-十二月``), in full width, with spaces and with the year before it
(``2026年1-7月``). Headers are compared as :func:`~scoring.tables.headers.header_key` gives them (NFKC, no spaces).

Finance bureaus also date a sheet by the half-year or the quarters it covers: ``上半年执行情况`` (6),
``前三季度完成情况`` (9), ``一季度执行情况`` (3), ``截至二季度末完成情况`` (6). A header that looks dated but is not
a figure to date from January is refused, naming why (:func:`misdated`): a single month (``7月执行情况``: that
month's own figures), a span from another month (``2-7月执行情况``), a single later quarter (``二季度执行情况``),
the second half-year, and a month beyond 12 (``十三月执行情况``, ``1-13月执行情况``).
"""

from __future__ import annotations

import calendar
import re

from scoring.text import normalize

__all__ = ["MONTH_WORDS", "dated", "looks_dated", "misdated", "month_value"]

#: Month numerals: Arabic (``07`` too) and Chinese.
MONTH_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
               "十一": 11, "十二": 12}  # fmt: skip
#: Any month number (read loosely; :func:`_month` says whether it is one of 1–12) and a day of the month.
_MONTH = r"(?P<month>\d{1,3}|[一二三四五六七八九十]{1,3})"
_DAY = r"(?P<day>\d{1,2})日"
_DASH = r"[-—–―−~至到]"
_YEAR = r"(?:(?P<year>\d{4})年度?)?"
#: ``1-7月``, ``1月-7月``, ``一至七月``; ``截至7月``, ``截止7月底``; ``7月底`` / ``7月末`` (the bare month needs 底);
#: the day form ``截至7月31日``, ``截至2026年7月31日``, ``7月31日前`` (the last day of the month).
_SPANS = (
    rf"{_YEAR}(?:0?1|一)月?{_DASH}{_MONTH}月(?:份|底|末)?",
    rf"截[至止](?:到)?{_YEAR}{_MONTH}月(?:份|底|末)?",
    rf"{_YEAR}{_MONTH}月(?:底|末)",
    rf"(?:截[至止](?:到)?)?{_YEAR}{_MONTH}月{_DAY}(?:前|止|为止)?",
)
#: What a dated header measures, by the words after its month.
_WHATS = {
    "actual": r"(?:累计)?(?:实际)?(?:执行|完成)(?:情况|值)|(?:累计)?实际(?:完成)?值|(?:累计)?完成指标值",
    "plan": r"(?:累计)?计划(?:完成)?(?:值|数)?",
    "spent": r"(?:累计)?(?:实际)?(?:执行|支出)(?:数|金额|资金)?",
}
_DATED = tuple((field, re.compile(f"(?:{span})(?:{what})")) for field, what in _WHATS.items() for span in _SPANS)
_QUARTERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
#: A half-year or quarters to date: 上半年 (6), 前三季度 (9), 一季度 (3), 截至二季度末 (6), 1-2季度 (6).
_PERIOD = (
    rf"{_YEAR}(?:截[至止](?:到)?)?(?:(?P<half>上半年)|前(?P<first>[一二两三1-3])个?季度|(?:0?1|一){_DASH}"
    rf"(?P<upto>[一二三四1-4])季度(?:末|底)?|第?(?P<quarter>[一二三四1-4])季度(?P<end>末|底)?)"
)
#: Spellings that look dated but are no figure to date from January: ``7月执行情况``, ``2-7月…``, ``下半年…``.
_SINGLE = rf"{_YEAR}第?{_MONTH}月份?"
_FROM = rf"{_YEAR}(?P<start>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})月?{_DASH}{_MONTH}月(?:份|底|末)?"
_LOOSE = tuple(
    (kind, field, re.compile(f"(?P<span>{span})(?:{what})"))
    for kind, span in (("period", _PERIOD), ("single", _SINGLE), ("from", _FROM), ("second", rf"{_YEAR}下半年"))
    for field, what in _WHATS.items()
)
_TO_DATE = "监控数应为自1月起的累计数"


def _month(text: str) -> int | None:
    """The month a numeral names, None when it names none (``13``, ``十三``)."""
    number = int(text) if text.isdigit() else MONTH_WORDS.get(text)
    return number if number is not None and 1 <= number <= 12 else None


def looks_dated(text: str) -> bool:
    """Whether a header may name a month (a month, a quarter or a half-year)."""
    return "月" in text or "季度" in text or "半年" in text


def _period(match: re.Match[str], tail: str) -> tuple[int | None, str]:
    """The month a half-year or quarters to date end in, or why they are no figures to date."""
    if match["half"]:
        return 6, ""
    if match["first"] or match["upto"]:
        return 3 * _QUARTERS[match["first"] or match["upto"]], ""
    quarter = _QUARTERS[match["quarter"]]
    if quarter == 1 or match["end"] or "截" in match[0]:
        return 3 * quarter, ""
    return None, f"只写了第{quarter}季度，可能是该季度当季的数字；{_TO_DATE}，请写作“1-{3 * quarter}月{tail}”"


def _loose(key: str) -> tuple[str, int | None, str]:
    """A header dated by a half-year or quarters to date, or one that looks dated but is no figure to date."""
    for kind, field, pattern in _LOOSE:
        match = pattern.fullmatch(key)
        if match is None:
            continue
        tail = key[match.end("span") :]
        if kind == "period":
            return field, *_period(match, tail)
        if kind == "second":
            return field, None, f"下半年不含1-6月；{_TO_DATE}，请写作“1-12月{tail}”"
        month = _month(match["month"])
        if month is None:
            return field, None, f"月份应为1至12，却是“{match['month']}月”"
        if kind == "single":
            return field, None, (
                f"只写了“{month}月”，可能是该月当月的数字；{_TO_DATE}，请写作“1-{month}月{tail}”"
                f"（或“截至{month}月底{tail}”）"
            )  # fmt: skip
        if _month(match["start"]) != 1:
            return field, None, f"{_TO_DATE}，却是“{match['start']}-{match['month']}月”，请写作“1-{month}月{tail}”"
    return "", None, ""


def month_value(text: str) -> tuple[int | None, str]:
    """A month as written in a ``month`` key: ``7``, ``07``, ``七``, ``7月``, ``1-7月``, ``一至七月``, ``截至7月底``,
    ``上半年``; (None, why) for anything else (``13``: 月份应为1至12; ``2-7月``: not from January)."""
    key = normalize(text)
    if re.fullmatch(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})月?", key):
        key = "1-" + key.removesuffix("月") + "月"  # a bare month is the month the figures run to
    field, month, why = _read(key + "执行情况")
    if field:
        return month, why
    return None, f"月份应为1至12（如 7、“7月”或“1-7月”），却是“{text}”"


def _read(key: str) -> tuple[str, int | None, str]:
    """The field a dated-looking header names, its month (None when it cannot be read) and why not; ``("", …)``
    when the header does not look dated."""
    if not looks_dated(key) or len(key) > 40:
        return "", None, ""
    for field, pattern in _DATED:
        match = pattern.fullmatch(key)
        if match is None:
            continue
        month = _month(match["month"])
        if month is None:
            return field, None, f"月份应为1至12，却是“{match['month']}月”"
        found = match.groupdict()
        if found.get("day") is None:
            return field, month, ""
        day, year = int(found["day"]), int(found["year"] or 2024)  # no year: February may have 29 days
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return field, None, f"{month}月没有{day}日"
        if day != last and not (month == 2 and day == 28 and found["year"] is None):
            return (
                field,
                None,
                f"{month}月{day}日不是月末：监控按整月计算时间进度，请写截至月末（如“截至{month}月{last}日”）的数字",
            )
        return field, month, ""
    return _loose(key)


def dated(key: str) -> tuple[str, int] | None:
    """The field a dated header names (``actual``, ``plan`` or ``spent``) and its month, or None.

    ``key`` is a header as :func:`~scoring.tables.headers.header_key` gives it: ``"1-7月执行情况"`` ->
    ``("actual", 7)``; ``"截至七月底完成情况"`` and ``"截至7月31日完成情况"`` -> ``("actual", 7)``;
    ``"1-7月执行数"`` -> ``("spent", 7)``; ``"1-7月执行率"`` -> None (a rate is recomputed, never read);
    ``"1-13月执行情况"`` -> None (:func:`misdated` says why).
    """
    field, month, _ = _read(key)
    return (field, month) if field and month is not None else None


def misdated(key: str) -> str | None:
    """Why a header that looks dated cannot be read (``1-13月执行情况``: the month is not 1–12; ``截至6月31日…``:
    no such day; ``截至7月15日…``: not a month's end), or None."""
    field, month, why = _read(key)
    return why if field and month is None else None

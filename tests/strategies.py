"""Hypothesis strategies for 指标值: arbitrary text, token soup, and well-formed targets with their reading."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

__all__ = [
    "WellFormed",
    "any_text",
    "chinese_numeral",
    "token_soup",
    "well_formed",
]

#: (spelling, op) for comparators written before the value.
COMPARATORS: list[tuple[str, str]] = [
    ("", "="), ("=", "="), ("＝", "="), ("﹦", "="), ("等于", "="), ("达到", "="),
    ("≥", ">="), ("≧", ">="), (">=", ">="), ("> =", ">="), ("＞＝", ">="), ("不低于", ">="), ("不少于", ">="),
    ("大于等于", ">="), ("至少", ">="),
    ("≤", "<="), ("≦", "<="), ("<=", "<="), ("< =", "<="), ("＜＝", "<="), ("‹=", "<="), ("不超过", "<="),
    ("不高于", "<="), ("小于等于", "<="), ("最多", "<="),
    (">", ">"), ("＞", ">"), ("高于", ">"), ("超过", ">"), ("大于", ">"),
    ("<", "<"), ("＜", "<"), ("低于", "<"), ("少于", "<"), ("不足", "<"),
]  # fmt: skip

#: (spelling, op) for suffixes written after the value (with no comparator before it).
SUFFIXES: list[tuple[str, str]] = [("以上", ">="), ("及以上", ">="), ("以下", "<="), ("以内", "<="), ("及以下", "<=")]

#: (spelling, canonical) for units; no 年 / 月 / 日, which would make some numbers read as dates.
UNITS: list[tuple[str, str]] = [
    ("", ""), ("个", "个"), ("個", "个"), ("次", "次"), ("人", "人"), ("人次", "人次"), ("户", "户"), ("套", "套"),
    ("间", "间"), ("元", "元"), ("万元", "万元"), ("萬元", "万元"), ("亿元", "亿元"), ("千元", "千元"), ("%", "%"),
    ("％", "%"), ("百分比", "%"), ("‰", "‰"), ("平方米", "平方米"), ("㎡", "平方米"), ("公里", "公里"), ("km", "公里"),
    ("亩", "亩"), ("公斤", "公斤"), ("吨", "吨"), ("天", "天"), ("小时", "小时"), ("万元/套", "万元/套"),
    ("元/人·月", "元/人·月"), ("元/人*月", "元/人·月"), ("元每人每月", "元/人·月"), ("元/户", "元/户"),
    ("次/月", "次/月"), ("万人次", "万人次"), ("Mbps", "Mbps"),
]  # fmt: skip

#: Pieces of the language, for token soup.
TOKENS: list[str] = [
    "≥", "≤", ">", "<", "=", "> =", "＞＝", "不低于", "不超过", "约", "左右", "以上", "以下", "以内", "(含)", "(不含)",
    "（含）", "-", "—", "~", "至", "到", "介于", "之间", "1", "0", "95", "110", "5.76", "1,012.90", "１１０", ".", ",",
    "两", "一百", "五点七六", "百分之九十", "万", "亿", "千", "元", "万元", "个", "次", "人次", "%", "％", "/", "·",
    "*", "每", "人", "月", "年", "日", "号", "2026年", "6月", "30日", "前", "之前", "底", "年底", "截至", "完成",
    "2026-06-30", "2023.07", " ", "\n", "有效", "保障", "达到", "国家", "标准", "/", "——", "不适用", "㎡", "萬",
]  # fmt: skip

ALPHABET = "".join(sorted(set("".join(TOKENS)) | set("0123456789０１２３４５６７８９")))


def any_text() -> st.SearchStrategy[str]:
    """Any text: arbitrary Unicode, the language's own alphabet, and token soup."""
    return st.one_of(st.text(max_size=40), st.text(alphabet=ALPHABET, max_size=30), token_soup())


def token_soup() -> st.SearchStrategy[str]:
    """Random sequences of the language's tokens: near-misses that reach deep into the grammar."""
    return st.lists(st.sampled_from(TOKENS), max_size=10).map("".join)


_CN_DIGITS = "零一二三四五六七八九"


def _cn_below_10000(n: int, leading: bool) -> str:
    """A Chinese numeral for 0 < n < 10000; ``leading`` allows 十 for 10-19."""
    out = []
    zero = False
    for place, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        if place == 10 and digit == 1 and leading and not out:
            out.append("十")
        else:
            out.append(_CN_DIGITS[digit] + word)
    return "".join(out)


def to_chinese(n: int) -> str:
    """The everyday Chinese numeral of a non-negative integer below 10**12 (written independently of numerals.py)."""
    if n == 0:
        return "零"
    groups = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out = []
    pending_zero = False
    for value, word in groups:
        if value == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or value < 1000):
            out.append("零")
        out.append(_cn_below_10000(value, leading=not out) + word)
        pending_zero = False
    return "".join(out)


def chinese_numeral() -> st.SearchStrategy[tuple[str, int]]:
    """(numeral, value) pairs such as ("一百零五", 105)."""
    return st.integers(min_value=0, max_value=10**12 - 1).map(lambda n: (to_chinese(n), n))


_FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def _with_separators(integer: str) -> str:
    return f"{int(integer):,}"


@st.composite
def _number(draw: st.DrawFn) -> tuple[str, Decimal]:
    """An Arabic number as written (maybe with thousands separators or in full width) and its value."""
    integer = str(draw(st.integers(min_value=0, max_value=10**9)))
    places = draw(st.integers(min_value=0, max_value=4))
    fraction = "".join(str(draw(st.integers(0, 9))) for _ in range(places))
    value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    written = _with_separators(integer) if draw(st.booleans()) else integer
    if fraction:
        written = f"{written}.{fraction}"
    if draw(st.booleans()):
        written = written.translate(_FULL)
    return written, value


class WellFormed:
    """A generated target text and the reading it must have."""

    def __init__(self, text: str, op: str, value: Decimal, unit: str) -> None:
        self.text = text
        self.op = op
        self.value = value
        self.unit = unit

    def __repr__(self) -> str:
        return f"WellFormed({self.text!r} -> {self.op} {self.value} {self.unit!r})"


def _looks_like_a_date(written: str, unit: str) -> bool:
    """A bare 2025.12 is read as December 2025, on purpose; keep such numbers out of the bound strategy."""
    plain = written.translate(str.maketrans("０１２３４５６７８９．，", "0123456789.,"))
    head, _, tail = plain.partition(".")
    return unit == "" and head[:2] in {"19", "20"} and len(head) == 4 and len(tail) == 2 and 1 <= int(tail) <= 12


@st.composite
def well_formed(draw: st.DrawFn) -> WellFormed:
    """Comparator spelling × number × unit (× optional suffix), with optional spaces between the parts."""
    written, value = draw(_number())
    unit_spelling, unit = draw(st.sampled_from(UNITS))
    if _looks_like_a_date(written, unit):
        written, value = written + "1", Decimal(f"{value}1")
    use_suffix = draw(st.integers(0, 4)) == 0
    if use_suffix:
        comparator, (suffix, op) = "", draw(st.sampled_from(SUFFIXES))
    else:
        (comparator, op), suffix = draw(st.sampled_from(COMPARATORS)), ""
    gap = draw(st.sampled_from(["", "", "", " ", "\u3000", "\n"]))
    text = gap.join(p for p in (comparator, written, unit_spelling, suffix) if p)
    return WellFormed(text, op, value, unit)

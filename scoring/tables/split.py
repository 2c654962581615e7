"""Split-column targets: a comparator cell, a value cell and a unit cell that are one 指标值.

Templates exported from budget systems write ``指标性质 | 指标值 | 度量单位`` (or ``计算符号 | 目标值 |
计量单位``, ``指标方向 | 目标值 | 单位``); the grammar reads one text, so they are joined: ``≥ | 110 | 个`` ->
``≥110个``. The comparator cell may be a symbol in any spelling the grammar reads (kept as written), a word
(``大于等于`` -> ``≥``, ``不超过`` -> ``≤``), a direction (``正向`` means ``≥``, ``反向`` means ``≤``) or
a kind with no comparator (``定性``: the value is words; ``定量``, ``中性``: a bare value). The unit is added
only to a value that ends in a digit (``95%`` and ``5.76亿元`` keep theirs); a comparator is added only to a
value with a number that has none of its own (``≥110个`` stays, words such as ``有效保障`` stay words).
Anything else in the comparator cell is a problem that quotes the three cells.
"""

from __future__ import annotations

import re
import unicodedata

from scoring.text import normalize

__all__ = ["join_target"]

_WORDS = {
    "≥": ("大于等于", "大于或等于", "不低于", "不少于", "不小于", "至少", "正向", "正向指标", "越大越好"),
    "≤": ("小于等于", "小于或等于", "不高于", "不超过", "不大于", "不多于", "至多", "反向", "反向指标", "越小越好"),
    "=": ("等于",),
    ">": ("大于", "高于", "多于", "超过"),
    "<": ("小于", "低于", "少于"),
    "": ("定性", "定性指标", "定量", "定量指标", "中性", "中性指标", "/", "-", "—", "——", "无", "不适用"),
}
_WORD_SIGNS = {normalize(word): sign for sign, words in _WORDS.items() for word in words}
_DIRECTIONS = frozenset({"正向", "正向指标", "越大越好", "反向", "反向指标", "越小越好"})
#: Comparator symbols as the grammar reads them (NFKC, so ``＞＝`` is ``>=``); the cell is kept as written.
_SYMBOL = re.compile(r"(?:[<>]\s*=?|=|≥|≤|≧|≦|﹦|═|‹=?|\u203a=?)")
_STARTS_WITH_SIGN = re.compile(r"^\s*(?:[<>=≥≤≧≦﹦═‹\u203a]|不低于|不少于|不高于|不超过|大于|小于|等于|至少|至多)")
_HAS_NUMBER = re.compile(r"\d|百分之|^[零〇一二两三四五六七八九十百千万亿点]+$")
_CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿点]+")
_UNIT_PLACEHOLDERS = frozenset({"", "/", "-", "—", "——", "－", "无", "不适用"})
_EXPECTED = "≥、≤、=、>、<（或 大于等于、小于等于、等于…）、正向、反向或定性"


def _sign(text: str) -> str | None:
    """The comparator a cell gives (``""`` for none), or None when the cell is not one."""
    normal = normalize(text)
    if not normal:
        return ""
    if normal in _WORD_SIGNS:
        return _WORD_SIGNS[normal]
    if _SYMBOL.fullmatch(unicodedata.normalize("NFKC", text.strip())):
        return text.strip()
    return None


def join_target(sign: str, value: str, measure: str, where: str, headers: tuple[str, ...]) -> tuple[str, str | None]:
    """The one 指标值 text for a comparator cell, a value cell and a unit cell, and a problem or None.

    ``where`` starts the problem (``x.xlsx 第8行``); ``headers`` are the three columns' headers as written,
    so the problem names the column and quotes every cell: ``第8行“指标性质”列：无法识别“增加”…``.
    """
    value, measure = value.strip(), measure.strip()
    if not value:
        return "", None
    comparator = _sign(sign)
    problem = None
    if comparator is None:
        cells = "、".join(f"{h}“{c.strip()}”" for h, c in zip(headers, (sign, value, measure), strict=True))
        problem = f"{where}“{headers[0]}”列：无法识别“{sign.strip()}”，应为{_EXPECTED}（本行：{cells}）"
        comparator = ""
    normal = unicodedata.normalize("NFKC", value)
    if normalize(measure) not in _UNIT_PLACEHOLDERS and (normal[-1:].isdigit() or _CHINESE_NUMBER.fullmatch(normal)):
        value += measure
    # words stay words (``= | 优``, ``正向 | 有效保障``); but a written comparator with a unit cell means a number,
    # so ``≥ | 九成五 | %`` reaches the grammar as ``≥九成五%`` and is refused there, never read quietly as words
    direction = normalize(sign) in _DIRECTIONS
    numeric = normalize(measure) not in _UNIT_PLACEHOLDERS and not direction
    if comparator and not _STARTS_WITH_SIGN.match(normal) and (_HAS_NUMBER.search(normal) or numeric):
        value = comparator + value
        if normalize(measure) not in _UNIT_PLACEHOLDERS and not value.endswith(measure.strip()):
            value += measure.strip()
    return value, problem

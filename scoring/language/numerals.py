"""Chinese numerals to exact Decimals: ``一百一十`` -> 110, ``两万`` -> 20000, ``五点七六`` -> 5.76.

A numeral whose value would need more than :data:`~scoring.numbers.MAX_DIGITS` digits (``一亿`` written forty
thousand times) raises :class:`NumeralTooLarge` as soon as its value passes that size, so reading one takes time
in proportion to its length.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.numbers import MAX_DIGITS

__all__ = ["NumeralTooLarge", "chinese_to_decimal"]

_LIMIT = 10**MAX_DIGITS


class NumeralTooLarge(ValueError):
    """A Chinese numeral with more digits than a number in a cell may have."""


_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_POINT = {"点", "點"}


def _integer(text: str) -> int:
    """An integer numeral; raises ValueError when the text is not one."""
    if not text:
        raise ValueError("empty numeral")
    if all(c in _DIGITS for c in text) and len(text) > 1:
        # digit by digit, as in years and codes: 二〇二六 -> 2026
        if len(text) > MAX_DIGITS:
            raise NumeralTooLarge(f"{len(text)} digits in {text[:20]!r}…")
        return int("".join(str(_DIGITS[c]) for c in text))
    total = 0  # completed 万/亿 groups
    section = 0  # the current group below 万
    digit: int | None = None
    last_small = 10_000
    last_large = 0
    zero = False  # a 零 says the next digit is not in the place right below the last unit
    for char in text:
        if char in _DIGITS:
            if digit is not None and _DIGITS[char] != 0:
                raise ValueError(f"two digits in a row in {text!r}")
            zero = zero or _DIGITS[char] == 0
            digit = _DIGITS[char] if _DIGITS[char] != 0 else None
        elif char in _SMALL:
            unit = _SMALL[char]
            if unit >= last_small:
                raise ValueError(f"misplaced {char!r} in {text!r}")
            section += (digit if digit is not None else 1) * unit
            digit = None
            zero = False
            last_small = unit
        elif char in _LARGE:
            unit = _LARGE[char]
            group = section + (digit or 0)
            if group == 0 and total == 0:
                group = 1
            total = (total + group) * unit if unit > 10_000 or total < unit else total + group * unit
            if total >= _LIMIT:
                raise NumeralTooLarge(f"more than {MAX_DIGITS} digits in {text[:20]!r}…")
            section, digit, last_small, zero = 0, None, 10_000, False
            last_large = unit
        else:
            raise ValueError(f"not a numeral: {char!r}")
    if digit is not None and not zero and 10 < last_small < 10_000 and section:
        # 一百五 / 两千三: a trailing digit counts in the next lower place
        return total + section + digit * (last_small // 10)
    if digit is not None and not zero and not section and last_large and total:
        # 三万五 = 35000: a lone digit after 万/亿 counts in the next lower place
        return total + digit * (last_large // 10)
    return total + section + (digit or 0)


def chinese_to_decimal(text: str) -> Decimal:
    """The exact value of a Chinese numeral; raises ValueError when the text is not a numeral.

    A decimal may end in 万 / 亿 (``五点七六亿`` -> 576000000, ``三点五万`` -> 35000), as ``5.76亿`` does.
    """
    for point in _POINT:
        if point in text:
            whole, _, frac = text.partition(point)
            scale = 1
            end = len(frac)
            while end and frac[end - 1] in _LARGE:
                scale *= _LARGE[frac[end - 1]]
                end -= 1
                if scale >= _LIMIT:
                    raise NumeralTooLarge(f"more than {MAX_DIGITS} digits in {text[:20]!r}…")
            frac = frac[:end]
            if not frac or any(c not in _DIGITS for c in frac):
                raise ValueError(f"bad decimal part in {text!r}")
            if len(frac) > MAX_DIGITS:
                raise NumeralTooLarge(f"more than {MAX_DIGITS} digits in {text[:20]!r}…")
            value = Decimal(f"{_integer(whole)}.{''.join(str(_DIGITS[c]) for c in frac)}") * scale
            if scale > 1 and value == value.to_integral_value():
                value = value.quantize(Decimal(1))  # 576000000, not 576000000.00
            return value
    return Decimal(_integer(text))

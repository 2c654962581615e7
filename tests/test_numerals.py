"""Chinese numerals (scoring/numerals.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring.language.numerals import chinese_to_decimal


class TestChineseToDecimal:
    """chinese_to_decimal: a numeral to its exact value."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("兩", 2), ("十", 10), ("十一", 11), ("二十", 20),
            ("二十五", 25), ("一百", 100), ("百", 100), ("一百一十", 110), ("一百零五", 105), ("一百五", 150),
            ("一千零一十", 1010), ("两千三", 2300), ("一万", 10_000), ("两万", 20_000), ("三万五", 35_000),
            ("十万", 100_000), ("一万零一", 10_001), ("一亿", 100_000_000), ("三亿五千万", 350_000_000),
            ("一千二百三十四万五千六百七十八", 12_345_678),
        ],
    )  # fmt: skip
    def test_integers(self, text: str, value: int) -> None:
        """Integers in everyday notation, including 两, 零 and the short forms 一百五, 三万五."""
        assert chinese_to_decimal(text) == Decimal(value)

    @pytest.mark.parametrize(
        ("text", "value"),
        [("壹", 1), ("贰拾", 20), ("伍拾", 50), ("壹佰", 100), ("叁仟", 3000), ("伍萬", 50_000), ("壹億", 100_000_000)],
    )
    def test_financial(self, text: str, value: int) -> None:
        """Financial capitals (大写) read like everyday numerals."""
        assert chinese_to_decimal(text) == Decimal(value)

    @pytest.mark.parametrize(("text", "value"), [("二〇二六", 2026), ("二零二五", 2025), ("一九九八", 1998)])
    def test_digit_by_digit(self, text: str, value: int) -> None:
        """A run of digits with no place words reads digit by digit, as years are written."""
        assert chinese_to_decimal(text) == Decimal(value)

    @pytest.mark.parametrize(
        ("text", "value"),
        [("五点七六", "5.76"), ("零点五", "0.5"), ("九十五点五", "95.5"), ("一百點二", "100.2"),
         ("五点七六亿", "576000000"), ("三点五万", "35000"), ("一点二五万", "12500")],
    )  # fmt: skip
    def test_decimals(self, text: str, value: str) -> None:
        """点 is a decimal point; a 万 / 亿 after the decimals multiplies the whole number."""
        assert chinese_to_decimal(text) == Decimal(value)

    def test_decimal_with_multiplier_prints_plainly(self) -> None:
        """五点七六亿 has no trailing zeros from the multiplication."""
        assert str(chinese_to_decimal("五点七六亿")) == "576000000"

    def test_exact(self) -> None:
        """The result is a Decimal, never a float."""
        assert isinstance(chinese_to_decimal("五点七六"), Decimal)

    @pytest.mark.parametrize("text", ["", "abc", "十十", "百千", "五点", "点五", "五点七万六", "一二三四五六七八九十"])
    def test_not_numerals(self, text: str) -> None:
        """Texts that are not well-formed numerals raise ValueError."""
        with pytest.raises(ValueError):  # noqa: PT011 - the builtin is the contract
            chinese_to_decimal(text)

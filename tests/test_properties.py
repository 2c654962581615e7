"""Properties of the 指标值 parser, checked with generated inputs (strategies in tests/strategies.py)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import TOKENS, WellFormed, any_text, chinese_numeral, token_soup, well_formed

from scoring.language import Described, ParseError, Several, parse_actual, parse_target
from scoring.language.numerals import chinese_to_decimal
from scoring.language.targets import Blank, Bound, Date, Deadline, Period, Qualitative, Range, Target
from scoring.text import normalize

TARGET_KINDS = (Bound, Range, Deadline, Date, Period, Qualitative, Blank, Several, Described)
_TO_FULL = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def attempt(text: str, year: int | None = None, actual: bool = False) -> Target | ParseError:
    """The target, or the ParseError (returned, not raised) when the text is rejected."""
    try:
        return (parse_actual if actual else parse_target)(text, year=year)
    except ParseError as exc:
        return exc


def outcome(text: str, year: int | None = None) -> object:
    """The target's JSON fields, or ("error",) when the text is rejected."""
    try:
        return parse_target(text, year=year).to_dict()
    except ParseError:
        return ("error",)


class TestTotality:
    """parse_target / parse_actual: every string gives a target or a ParseError, never another exception."""

    @given(text=any_text(), year=st.none() | st.integers(1990, 2100))
    @example(text="≥1个" + "/个" * 40, year=None)
    @example(text="1个" + "*个" * 40, year=None)
    @example(text="亿" * 200, year=None)
    @example(text="\u00a8", year=None)
    @example(text="\u0300≥", year=None)
    @settings(max_examples=600)
    def test_target(self, text: str, year: int | None) -> None:
        """Any text is read into one of the target kinds or rejected with a ParseError."""
        result = attempt(text, year)
        if isinstance(result, ParseError):
            assert 1 <= result.column <= len(text) + 1
            assert result.message
            result.render()
        else:
            assert isinstance(result, TARGET_KINDS)
            result.to_dict()
            result.describe()

    @given(text=any_text())
    def test_actual(self, text: str) -> None:
        """The same holds for actuals."""
        result = attempt(text, actual=True)
        if isinstance(result, ParseError):
            assert result.role == "actual"
        else:
            assert isinstance(result, TARGET_KINDS)


class TestWellFormed:
    """Generated targets (comparator spelling × number × unit) read back as written."""

    @given(case=well_formed())
    @settings(max_examples=500)
    def test_round_trip(self, case: WellFormed) -> None:
        """The op, the value and the canonical unit are those the text was built from."""
        target = parse_target(case.text)
        assert isinstance(target, Bound), f"{case!r} read as {target!r}"
        assert (target.op.ascii, target.amount.value, target.amount.unit_text) == (case.op, case.value, case.unit)

    @given(pair=chinese_numeral(), unit=st.sampled_from(["", "个", "次", "人", "元", "%", "公里"]))
    def test_chinese_numerals(self, pair: tuple[str, int], unit: str) -> None:
        """A Chinese numeral and a unit read as the numeral's value."""
        numeral, value = pair
        assert chinese_to_decimal(numeral) == Decimal(value)
        target = parse_target(f"≥{numeral}{unit}")
        assert isinstance(target, Bound)
        assert target.amount.value == value


class TestInvariance:
    """What the reading must not depend on."""

    @given(text=token_soup(), data=st.data())
    def test_spaces(self, text: str, data: st.DataObject) -> None:
        """Spaces and line breaks inserted anywhere do not change the reading."""
        cut = data.draw(st.integers(0, len(text)))
        spaced = text[:cut] + data.draw(st.sampled_from([" ", "\n", "\u3000", "\t"])) + text[cut:]
        assert outcome(spaced) == outcome(text)

    @given(text=token_soup())
    def test_full_width(self, text: str) -> None:
        """Writing the ASCII characters in full width does not change the reading."""
        assert outcome(text.translate(_TO_FULL)) == outcome(text)

    @given(text=any_text())
    @example(text="\u00a8\u00b8")
    @example(text="e\u00b41")
    def test_normalize_idempotent(self, text: str) -> None:
        """normalize is idempotent."""
        once = normalize(text)
        assert normalize(once) == once


LONG = 10_000


class TestLongInput:
    """A 10,000-character input returns (timing belongs to benchmarks, not here)."""

    @pytest.mark.parametrize(
        "text",
        [
            "1" * LONG, "≥" * LONG, "有效" * (LONG // 2), "1," * (LONG // 2), "万" * LONG, "亿" * LONG,
            "以上" * (LONG // 2), "≥1" + "以上" * (LONG // 2 - 1), "(含)" * (LONG // 3), "1-" * (LONG // 2),
            "≥1个" + "/个" * (LONG // 2 - 2), "1个" + "·个" * (LONG // 2 - 1), "9" * (LONG - 1) + "个",
            "2026年6月30日前" * (LONG // 11), " " * (LONG - 1) + "1", "\n".join(["≥110个"] * (LONG // 6)),
        ],
    )  # fmt: skip
    def test_long(self, text: str) -> None:
        """A long text gives a target or a ParseError."""
        assert len(text) >= LONG - 10
        result = attempt(text)
        if isinstance(result, ParseError):
            assert 1 <= result.column <= len(text) + 1
        else:
            assert isinstance(result, TARGET_KINDS)

    @given(token=st.sampled_from(TOKENS), head=st.sampled_from(["", "≥", "1", "≥1", "约"]))
    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def test_long_repetition(self, token: str, head: str) -> None:
        """A token repeated to 10,000 characters gives a target or a ParseError."""
        text = head + token * (LONG // len(token))
        with contextlib.suppress(ParseError):
            parse_target(text)

"""Properties of the 指标值 parser, checked with generated inputs (strategies in tests/strategies.py)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import TOKENS, WellFormed, any_text, chinese_numeral, token_soup, well_formed

from scoring.language import Described, ParseError, Reader, Several, parse_actual, parse_target
from scoring.language.numerals import chinese_to_decimal
from scoring.language.reader import MAX_LENGTH
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


#: Pieces of hostile cells: numerals that grow, digits, exponents, program spellings, years, brackets, spaces.
HOSTILE = [
    *TOKENS, "一亿", "亿", "万亿", "九", "〇〇〇〇年", "10000年", "0年", "1e308", "1E+9", "e", "nan", "inf",
    "Infinity", "-", "99999999999999999999", "0.000000000000000000001", "(", ")", "（", "、", "；", "。", "·",
    "\u3000", "  ", "\t", "百分之", "点", "第3季度", "2026年2月30日", "13月", "32日", "每", "/生", "左右", "约",
]  # fmt: skip


@st.composite
def hostile_text(draw: st.DrawFn) -> str:
    """A cell made of hostile pieces, up to a little past the length limit (spaces not counted)."""
    pieces = draw(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=120))
    text = "".join(pieces)
    if draw(st.booleans()):
        text = text * draw(st.integers(1, 8))
    return text


class TestHostile:
    """Long and hostile cells up to (and past) the length limit: a target, or a ParseError, nothing else."""

    @given(text=hostile_text(), year=st.none() | st.integers(-5, 10_001))
    @example(text="一亿" * 100, year=None)
    @example(text="一亿" * 101, year=None)
    @example(text="年底前", year=0)
    @example(text="〇〇〇〇年6月30日前", year=None)
    @example(text="1" * 20 + "亿元", year=None)
    @example(text="≥" + "9" * 20 + "个" + "/个" * 7, year=None)
    @settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def test_total(self, text: str, year: int | None) -> None:
        """Every hostile cell is read or refused with a ParseError that names a place in it."""
        for actual in (False, True):
            result = attempt(text, year, actual)
            if isinstance(result, ParseError):
                assert 1 <= result.column <= len(text) + 1
                assert result.message
                assert len(result.render()) < 600
            else:
                assert isinstance(result, TARGET_KINDS)
                assert len(normalize(text)) <= MAX_LENGTH
                result.to_dict()
                result.describe()

    @given(pieces=st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=40), repeat=st.integers(40, 4000))
    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def test_far_past_the_limit(self, pieces: list[str], repeat: int) -> None:
        """Repeated far past the limit, a cell is refused (as too long, or for what comes first)."""
        text = "".join(pieces) * repeat
        result = attempt(text)
        if len(normalize(text)) > MAX_LENGTH:
            assert isinstance(result, ParseError)


#: A reader that reads by shape, and one that always asks the grammar (for TestShapes).
FAST, GRAMMAR = Reader(), Reader()
GRAMMAR._shapes.read = lambda norm: None  # type: ignore[method-assign]


class TestShapes:
    """The fast reading of one-number texts by their shape gives what the grammar gives, to the exponent."""

    @staticmethod
    def _both(text: str) -> tuple[object, object]:
        out = []
        for reader in (FAST, GRAMMAR):
            try:
                target = reader.target(text)
            except ParseError as exc:
                out.append(("error", exc.column, exc.message))
                continue
            amount = getattr(target, "amount", None)
            exact = None if amount is None else (amount.value.as_tuple(), amount.unit_text, amount.factor)
            out.append((repr(target), target.to_dict(), exact))
        return out[0], out[1]

    @given(
        head=st.sampled_from(["", "≥", ">=", "不低于", "约", "≤", "-", "负", "每年", "第", "全年至少开展", "结案率为"]),
        number=st.from_regex(r"[0-9]{1,22}(\.[0-9]{1,4})?", fullmatch=True),
        tail=st.sampled_from(["", "个", "%", "万", "万元", "亿元", "年", "月", "日", "季度", "人次", "元/人·月",
                              "以上", "以内", "左右", "(个)", "次/月", "万/月", "个个", ".5", "-5", "、3人"]),
    )  # fmt: skip
    @example(head="", number="2025.12", tail="")
    @example(head="", number="0", tail="万")
    @settings(max_examples=300, deadline=None)
    def test_same_as_grammar(self, head: str, number: str, tail: str) -> None:
        fast, grammar = self._both(f"{head}{number}{tail}")
        assert fast == grammar

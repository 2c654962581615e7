"""ParseError: where the error is (in the text as written), what was expected, and a Chinese message."""

from __future__ import annotations

import re

import pytest

from scoring.errors import ScoringError
from scoring.language import ParseError, parse_actual, parse_target

CJK = re.compile(r"[\u4e00-\u9fff]")


def error(text: str) -> ParseError:
    """The ParseError of a text that must not parse."""
    with pytest.raises(ParseError) as caught:
        parse_target(text)
    return caught.value


class TestColumn:
    """ParseError.column: 1-based, in characters of the original text."""

    @pytest.mark.parametrize(
        ("text", "column"),
        [
            ("≥≥110个", 2),
            ("  ≥≥110个", 4),
            ("\u3000≥≥110个", 3),
            ("\t≥ ≥110个", 4),
            ("＞＝＞＝９６％", 3),
            ("不低于≥110个", 4),
            ("≥110个个", 6),
            ("１２３个个", 5),
            ("≥5㎡㎡", 4),
            ("<=51\n万元元", 8),
            ("≥ 5.76亿元 ≤", 10),
            ("≥5.5垛子", 5),
            ("95%-90%", 5),
            ("2026年13月", 6),
            ("<=万元", 3),
            ("不超过 万元", 5),
            ("≥90%（个）", 6),
            ("300人、、50人", 6),
            ("9月底开会", 4),
        ],
    )
    def test_column(self, text: str, column: int) -> None:
        """The column points at the offending character of the text as the user wrote it."""
        assert error(text).column == column

    @pytest.mark.parametrize(("text", "column"), [(">=", 3), ("≥", 2), ("不低于", 4), ("< =", 4)])
    def test_missing_number_points_past_the_end(self, text: str, column: int) -> None:
        """A comparator with nothing after it is an error one past its end."""
        err = error(text)
        assert err.column == column
        assert "缺少数值" in err.message


class TestMessage:
    """ParseError.message and .expected: Chinese, and specific where it can be."""

    def test_double_comparator(self) -> None:
        """≥≥110个 says the comparator is repeated."""
        err = error("≥≥110个")
        assert "比较符重复" in err.message
        assert "数值" in err.expected

    def test_unknown_unit(self) -> None:
        """An unknown word after a number is reported as a unit that could be defined."""
        assert error("≥5垛").message == "无法识别的单位“垛”（可在单位定义文件中添加）"

    @pytest.mark.parametrize(
        "text",
        [
            "≥≥110个",
            ">=",
            "≥110个个",
            "≥5垛",
            "95%-90%",
            "5个-10元",
            "2026年2月30日",
            "≥95%以下",
            "1a2",
            "",
            "≥abc",
            "<=万元",
            "≥90%(个)",
            "300人、",
            "1,00人",
            "≥95%(按人数计)",
            "全年开展3次培训,覆盖200人",
            "9月底开会",
        ],
    )
    def test_chinese_and_free_of_lark_terms(self, text: str) -> None:
        """Every message is Chinese and never leaks lark's token names."""
        message = error(text).message
        assert CJK.search(message)
        for leak in ("Token", "Unexpected", "$END", "NUMBER", "UNIT", "CN_NUMBER"):
            assert leak not in message

    def test_missing_number(self) -> None:
        """A comparator and a unit without a number says the number is missing."""
        assert error("<=万元").message == "缺少数值：“万元”是单位，前面应写数值"

    def test_contradicting_note(self) -> None:
        """A unit note that contradicts the unit written names both."""
        assert error("≥90%(个)").message == "括号中的单位“个”与数值的单位“%”不一致"

    def test_expected_are_chinese_names(self) -> None:
        """The expected tuple holds Chinese descriptions, not terminal names."""
        for name in error("≥110个个").expected:
            assert not re.fullmatch(r"[A-Z_$]+", name)

    def test_not_a_string(self) -> None:
        """A non-string input is a ParseError at column 1, not a crash."""
        with pytest.raises(ParseError, match="应为文本") as caught:
            parse_target(123)  # type: ignore[arg-type]
        assert caught.value.column == 1


class TestRender:
    """ParseError.render and str(): the message with the text and a caret measured in display width."""

    def test_head(self) -> None:
        """The first line names the role, the text and the column."""
        err = error("≥≥110个")
        assert err.render(context=False) == "指标值“≥≥110个”第2个字：比较符重复：“≥”前已有比较符"

    def test_str_is_render(self) -> None:
        """str(error) is the rendered message with context."""
        err = error("≥≥110个")
        assert str(err) == err.render()

    @pytest.mark.parametrize(
        ("text", "pad"),
        [
            ("≥≥110个", 1),  # ≥ is one column wide
            ("不低于≥110个", 6),  # three CJK characters, two columns each
            ("＞＝＞＝９６％", 4),  # full-width forms are two columns wide
            ("<=51\n万元元", 9),  # the line break is shown as one ↵
        ],
    )
    def test_caret_by_display_width(self, text: str, pad: int) -> None:
        """The caret sits under the bad character when CJK characters take two columns."""
        lines = error(text).render().split("\n")
        assert len(lines) == 3
        assert lines[2] == "  " + " " * pad + "^"
        assert "\n" not in lines[1]

    def test_actual_role(self) -> None:
        """An actual's error says 实际完成值."""
        with pytest.raises(ParseError) as caught:
            parse_actual("≥≥1个")
        assert caught.value.render(context=False).startswith("实际完成值“≥≥1个”")


class TestErrorClass:
    """ParseError's place in the error family."""

    def test_bases(self) -> None:
        """ParseError is a ScoringError and a ValueError."""
        err = error("≥≥110个")
        assert isinstance(err, ScoringError)
        assert isinstance(err, ValueError)

    def test_fields(self) -> None:
        """The error keeps the original text, unchanged."""
        text = "  ≥≥110 个 "
        err = error(text)
        assert (err.text, err.column, err.role) == (text, 4, "target")

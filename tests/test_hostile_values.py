"""Hostile values (issue 8): each is refused with a clear Chinese message or handled exactly — never another
exception, never a hang, and one bad value never stops the rest of a table.

The inputs are large enough that a quadratic step would take minutes; the tests only ask that they return (how
fast is for ``benchmarks/``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from scoring.engine import Policy, PolicyError, Status, check_table, score_budget, score_indicator, score_table
from scoring.engine.vocabulary import less_is_better, tier_of
from scoring.language import ParseError, parse_actual, parse_target
from scoring.language.errors import column_of
from scoring.language.numerals import NumeralTooLarge, chinese_to_decimal
from scoring.language.reader import MAX_LENGTH
from scoring.language.targets import Bound, Qualitative
from scoring.numbers import MAX_DIGITS, percent, plain, q2, show, signed, written
from scoring.report import as_dict, explain
from scoring.tables.model import Budget, Indicator, Table
from scoring.text import normalize, phrase

D = Decimal


def refused(text: str, year: int | None = None, actual: bool = False) -> ParseError:
    """The ParseError a text gives (the test fails if it is read)."""
    with pytest.raises(ParseError) as caught:
        (parse_actual if actual else parse_target)(text, year=year)
    error = caught.value
    assert 1 <= error.column <= len(text) + 1
    assert len(error.render()) < 400  # a long text is shown cut, so a message stays a few lines
    return error


def row(target: str = "≥110个", actual: str | None = "99个", weight: object = 10, **fields: object) -> Indicator:
    return Indicator(name="项目个数", target=target, weight=weight, actual=actual, **fields)  # type: ignore[arg-type]


def table(*rows: Indicator, year: int | None = 2026, budget: Budget | None = None) -> Table:
    return Table("自评表", rows, year=year, budget=budget)


class TestLongTexts:
    """A 指标值 longer than the limit is refused before it is parsed, naming the limit."""

    def test_repeated_numeral(self) -> None:
        """一亿 written 40,000 times (5 s to read before issue 8) is refused at once."""
        error = refused("一亿" * 40_000)
        assert error.message == f"内容过长：去掉空白后有80000个字，最多{MAX_LENGTH}个字"
        assert error.column == MAX_LENGTH + 1

    def test_limit_itself_is_read(self) -> None:
        """A text of exactly the limit is read; one more character is refused."""
        assert isinstance(parse_target("有" * MAX_LENGTH), Qualitative)
        assert "内容过长" in refused("有" * (MAX_LENGTH + 1)).message

    def test_spaces_do_not_count(self) -> None:
        """A cell padded with 100,000 spaces is read as the value it holds."""
        target = parse_target(" " * 100_000 + "≥110 个" + "\u3000" * 100_000)
        assert isinstance(target, Bound)
        assert target.amount.value == 110

    def test_million_digit_actual(self) -> None:
        """An actual of a million digits is refused, and the rest of the table is scored."""
        result = score_table(table(row(actual="9" * 1_000_000), row(target="≥5人", actual="5人")))
        first, second = result.lines
        assert first.status is Status.ERROR
        assert "内容过长" in (first.error or "")
        assert second.points == D("10.00")

    def test_column_of_long_text(self) -> None:
        """The column of a spot far into a long text is found in one pass."""
        assert column_of(" " * 1_000_000 + "≥1", 1) == 1_000_002


class TestNumbers:
    """Numbers with more digits than a cell can mean are refused; within the limit they stay exact."""

    def test_numeral_too_large(self) -> None:
        """A Chinese numeral past 20 digits stops as soon as it passes them, with its own error."""
        with pytest.raises(NumeralTooLarge):
            chinese_to_decimal("一亿" * 40_000)
        assert refused("一亿亿亿").message == f"数值“一亿亿亿”位数过多：一个数值最多{MAX_DIGITS}位数字"

    def test_too_many_digits(self) -> None:
        """21 digits are refused (never rounded to 28 significant digits in silence)."""
        assert "位数过多" in refused("1" * (MAX_DIGITS + 1) + "个").message

    def test_twenty_digits_exact(self) -> None:
        """20 digits are read and scored exactly."""
        target = parse_target("≥" + "9" * MAX_DIGITS + "个")
        assert isinstance(target, Bound)
        assert target.amount.value == D("9" * MAX_DIGITS)
        result = score_indicator(row(target="≥" + "9" * MAX_DIGITS + "个", actual="9" * MAX_DIGITS + "个"))
        assert result.points == D("10.00")

    @pytest.mark.parametrize("text", ["1e308", "1e999999", "≥1.5e3个", "1E+308元"])
    def test_exponents(self, text: str) -> None:
        """A number in scientific notation is refused, saying how to write it."""
        assert "不支持科学记数法" in refused(text).message

    @pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity", "≥inf%", "NaN%"])
    def test_not_finite_spellings(self, text: str) -> None:
        """nan / inf / Infinity are not numbers, nor words of a 定性 target."""
        assert "不是数值" in refused(text).message
        assert "不是数值" in refused(text, actual=True).message

    def test_not_finite_actual_in_a_row(self) -> None:
        """An actual written nan cannot be scored; the row says why."""
        result = score_indicator(row(actual="nan"))
        assert result.status is Status.ERROR
        assert "“nan”不是数值" in (result.error or "")

    @pytest.mark.parametrize("weight", [1e308, D("123456789012345678901234567890"), D("1E+308"), D("1E-30")])
    def test_weight_out_of_range(self, weight: object) -> None:
        """A 分值 of 1e308 or of 30 digits cannot be scored: the row says why, the others are scored."""
        result = score_table(table(row(weight=weight), row(target="≥5人", actual="5人")))
        bad, good = result.lines
        assert bad.status is Status.ERROR
        assert "分值“" in (bad.error or "")
        assert "超出范围：应小于100000000，最多8位有效数字" in (bad.error or "")
        assert good.points == D("10.00")
        assert result.maximum == D(10)  # the absurd 分值 is not part of the table's maximum
        assert result.grade is None
        as_dict(result)

    def test_weight_out_of_range_in_check(self) -> None:
        """``check`` says the same of the row before the year."""
        findings = check_table(table(row(weight=1e308)))
        assert any(f.code == "weight-out-of-range" and "超出范围" in f.message for f in findings)

    def test_reported_out_of_range(self) -> None:
        """A self-reported 得分 of 1e308 is flagged for the audit, not subtracted."""
        result = score_indicator(row(reported=D("1E+308")))
        assert result.points == D("9.00")
        assert "自评差异" in result.flags
        assert result.difference is None
        assert any("自评得分“1.000000e+308”超出范围" in w for w in result.warnings)
        explain(result)

    @pytest.mark.parametrize("field", ["planned", "spent"])
    def test_budget_out_of_range(self, field: str) -> None:
        """A 全年预算数 / 全年执行数 of 1e308 leaves the budget line unscored, with the reason."""
        amounts = {"planned": D(100), "spent": D(95), field: D("1E+308")}
        line = score_budget(Budget(**amounts))
        assert line.points is None
        assert "超出范围" in (line.error or "")

    @pytest.mark.parametrize("value", ["1e308", "1e999999", "nan", "inf", "Infinity", "1" * 30])
    def test_policy_numbers(self, value: str) -> None:
        """A policy option of 1e308, nan or 30 digits is a PolicyError naming the option."""
        with pytest.raises(PolicyError, match="over_threshold"):
            Policy(over_threshold=value)

    def test_large_conversion(self) -> None:
        """An actual 10^28 times its target (20 digits × 亿) is scored and explained, points capped at the weight."""
        result = score_indicator(row(target="≥1元", actual="99999999999999999999亿元"))
        assert result.points == D("10.00")
        assert "完成率" in explain(result)

    @pytest.mark.parametrize("value", ["1E+308", "1" * 40, "1E-30", "-0.001", "1E+999999999"])
    def test_number_text_never_raises(self, value: str) -> None:
        """Rounding and writing a number never raise, and an absurd one is written short."""
        number = D(value)
        for shown in (written(number), plain(number), show(number)):
            assert len(shown) < 1100
        if abs(number.adjusted()) < 1000:
            q2(number), percent(number), signed(number)

    def test_absurd_decimal_actual(self) -> None:
        """An actual given as Decimal 1E+999999999 (a budget system's float gone wrong) is refused in its row."""
        result = score_indicator(row(actual=D("1E+999999999")))
        assert result.status is Status.ERROR
        assert "科学记数法" in (result.error or "")


class TestYears:
    """Years outside 1900 to 2099, written or given as the table's year, are refused with a message."""

    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("〇〇〇〇年6月30日前", "〇〇〇〇"),
            ("10000年6月30日前", "10000"),
            ("0000年底前", "0000"),
            ("1899年6月", "1899"),
        ],
    )
    def test_written(self, text: str, shown: str) -> None:
        """A written year out of range is named in the message."""
        assert refused(text).message == f"年份“{shown}”超出范围：应在1900年至2099年之间"

    @pytest.mark.parametrize("year", [0, -1, 10_000, 10**30])
    def test_table_year(self, year: int) -> None:
        """A table year out of range refuses the texts that need it (年底前) and leaves the others alone."""
        error = refused("年底前", year=year)
        assert error.message == f"指标表年度“{year}”超出范围：应在1900年至2099年之间，无法确定日期"
        assert parse_target("≥110个", year=year) == parse_target("≥110个")
        assert parse_target("2026年6月30日前", year=year) == parse_target("2026年6月30日前")

    def test_table_year_zero_scores_the_rest(self) -> None:
        """A table of year 0: its deadline row cannot be scored, its numeric row is."""
        result = score_table(table(row(target="年底前", actual="2026年6月1日"), row(), year=0))
        dated, numeric = result.lines
        assert dated.status is Status.ERROR
        assert "指标表年度“0”超出范围" in (dated.error or "")
        assert numeric.points == D("9.00")
        findings = check_table(table(row(target="年底前"), year=0))
        assert any(f.code == "target-unreadable" for f in findings)


class TestDates:
    """Dates that do not exist are refused, as targets and as actuals."""

    def test_february_thirtieth(self) -> None:
        assert refused("2026年2月30日").message == "日期“2026年2月30日”不存在"
        assert parse_target("2024年2月29日").to_dict()["date"] == "2024-02-29"

    def test_as_actual(self) -> None:
        result = score_indicator(row(target="2026年6月30日前", actual="2026年2月30日"), 2026)
        assert result.status is Status.ERROR
        assert "不存在" in (result.error or "")


class TestLinearText:
    """Texts that are not parsed (names, rule texts, words of a 定性 row) are looked at in linear time."""

    def test_runs_of_spaces(self) -> None:
        assert normalize(("a" + " " * 50) * 20_000) == "a" * 20_000

    def test_trailing_punctuation(self) -> None:
        """A rule text ending in 200,000 full stops is still the rule (a regex ``[…]+$`` is quadratic here)."""
        assert phrase("已完成" + "。" * 200_000) == "已完成"
        assert phrase("。" * 200_000 + "a") == "。" * 200_000 + "a"
        assert Policy().rule_kind("按照完成比例赋分" + "。" * 200_000) is not None

    def test_long_names(self) -> None:
        """A name of 400,000 characters is searched for less-is-better words in one pass."""
        assert less_is_better("经费" * 200_000) is None
        assert less_is_better("违规" * 200_000) is None
        assert less_is_better("经费" * 200_000 + "控制率") == "经费" * 200_000 + "控制率"
        assert less_is_better("项目经费支出控制率") == "经费支出控制率"
        assert less_is_better("违规操作次数") == "违规操作次数"

    def test_long_words_of_a_qualitative_row(self) -> None:
        """A 定性 row's actual of 200,000 characters is judged (not a tier), not hung on."""
        assert tier_of("达成" + "。" * 200_000) is not None
        result = score_indicator(row(target="有效保障", actual="(" + "1" * 200_000))
        assert result.status is Status.ERROR

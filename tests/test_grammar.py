"""The 指标值 grammar terminal by terminal: comparators, suffixes, numbers, units, dates, ranges, words."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from scoring.language import Described, ParseError, Reader, Several, Units, parse_actual, parse_target
from scoring.language.targets import Blank, Bound, Comparator, Date, Deadline, Period, Qualitative, Range
from scoring.text import normalize


def reading(text: str, year: int | None = None) -> tuple[str, Decimal, str]:
    """(op, value, unit) of a text that must read as a bound."""
    target = parse_target(text, year=year)
    assert isinstance(target, Bound), f"{text!r} read as {target!r}"
    return target.op.ascii, target.amount.value, target.amount.unit_text


def fields(text: str, year: int | None = None) -> dict[str, Any]:
    """The JSON fields of a text read as a target."""
    return parse_target(text, year=year).to_dict()


def D(text: str) -> Decimal:
    """A Decimal, briefly."""
    return Decimal(text)


GE_SPELLINGS = [
    "≥", "≧", "⩾", ">=", "=>", "> =", "＞＝", "＞=", "大于等于", "大于或等于", "不低于", "不少于", "不小于",
    "不得低于", "不得少于", "至少", "最少", "最低", "高于等于",
]  # fmt: skip
LE_SPELLINGS = [
    "≤", "≦", "⩽", "<=", "=<", "< =", "＜＝", "‹=", "小于等于", "小于或等于", "不高于", "不超过", "不多于", "不大于",
    "不得超过", "不得高于", "不得多于", "至多", "最多", "最高", "不超", "控制在", "低于等于",
]  # fmt: skip
GT_SPELLINGS = [">", "＞", "高于", "超过", "大于", "多于", "超出"]
LT_SPELLINGS = ["<", "＜", "‹", "低于", "少于", "小于", "不足"]
EQ_SPELLINGS = ["=", "==", "＝", "﹦", "═", "等于", "达到", "达"]


class TestComparators:
    """parse_target: every spelling of a comparator before the value."""

    @pytest.mark.parametrize("spelling", GE_SPELLINGS)
    def test_ge(self, spelling: str) -> None:
        """Each ≥ spelling gives op >=."""
        assert reading(f"{spelling}95%") == (">=", D("95"), "%")

    @pytest.mark.parametrize("spelling", LE_SPELLINGS)
    def test_le(self, spelling: str) -> None:
        """Each ≤ spelling gives op <=."""
        assert reading(f"{spelling}30万元") == ("<=", D("30"), "万元")

    @pytest.mark.parametrize("spelling", GT_SPELLINGS)
    def test_gt(self, spelling: str) -> None:
        """Each > spelling gives op >."""
        assert reading(f"{spelling}92%") == (">", D("92"), "%")

    @pytest.mark.parametrize("spelling", LT_SPELLINGS)
    def test_lt(self, spelling: str) -> None:
        """Each < spelling gives op <."""
        assert reading(f"{spelling}5%") == ("<", D("5"), "%")

    @pytest.mark.parametrize("spelling", EQ_SPELLINGS)
    def test_eq(self, spelling: str) -> None:
        """Each = spelling gives op = and is not marked implied."""
        target = parse_target(f"{spelling}100%")
        assert isinstance(target, Bound)
        assert (target.op, target.implied) == (Comparator.EQ, False)

    def test_no_comparator_is_implied_eq(self) -> None:
        """A bare value reads as = and says so with implied."""
        assert fields("110个") == {"kind": "bound", "op": "=", "value": "110", "unit": "个", "implied": True}

    def test_spaces_anywhere(self) -> None:
        """Spaces and line breaks between comparator, number and unit are ignored."""
        assert reading(" ≥ 1 1 0 个 ") == (">=", D("110"), "个")
        assert reading("<=51\n万元") == ("<=", D("51"), "万元")
        assert reading("<=51\n\n万元") == ("<=", D("51"), "万元")

    def test_comparator_enum_symbols(self) -> None:
        """The Comparator enum carries the ASCII spelling shown in JSON."""
        assert [c.ascii for c in Comparator] == [">=", ">", "<=", "<", "="]


class TestSuffixes:
    """parse_target: 以上 / 以下 / 以内 and (含) / (不含) after the value."""

    @pytest.mark.parametrize("suffix", ["以上", "及以上", "或以上", "及其以上"])
    def test_above_includes(self, suffix: str) -> None:
        """以上 includes the number itself: 95%以上 is ≥ 95%."""
        assert reading(f"95%{suffix}") == (">=", D("95"), "%")

    @pytest.mark.parametrize("suffix", ["以下", "及以下", "或以下", "以内", "之内", "内"])
    def test_below_includes(self, suffix: str) -> None:
        """以下 / 以内 include the number itself: 5%以下 is ≤ 5%."""
        assert reading(f"5%{suffix}") == ("<=", D("5"), "%")

    @pytest.mark.parametrize(
        ("text", "op"),
        [
            ("95%以上(不含)", ">"),
            ("95%以上（不含）", ">"),
            ("95%以上(不含本数)", ">"),
            ("5%以下(不含)", "<"),
            ("5%以下(不含本数)", "<"),
            ("≥110个(不含)", ">"),
            ("≤5%(不含)", "<"),
            (">110个(含)", ">="),
            ("<5%（含）", "<="),
            ("≥110个（含）", ">="),
            ("≥110个(含本数)", ">="),
        ],
    )
    def test_inclusive_marks(self, text: str, op: str) -> None:
        """(含) makes a strict comparator inclusive and (不含) makes an inclusive one strict."""
        assert reading(text)[0] == op

    def test_suffix_after_word_comparator(self) -> None:
        """A comparator and a suffix that agree give that comparator (不低于95%以上 is ≥)."""
        assert reading("不低于95%以上") == (">=", D("95"), "%")
        assert reading(">95%以上") == (">", D("95"), "%")

    @pytest.mark.parametrize("text", ["达到95%以上", "=95%以上", "达95%以上"])
    def test_suffix_refines_equals(self, text: str) -> None:
        """An = written before the value gives way to the suffix: 达到95%以上 is ≥ 95%."""
        assert reading(text) == (">=", D("95"), "%")

    @pytest.mark.parametrize("text", ["≥95%以下", "≤5%以上", "≥100%以内"])
    def test_opposite_directions_rejected(self, text: str) -> None:
        """A comparator and a suffix that point opposite ways are an error."""
        with pytest.raises(ParseError, match="方向相反"):
            parse_target(text)

    def test_within_duration(self) -> None:
        """30日内 and 5个工作日内 are upper bounds on a duration."""
        assert reading("30日内") == ("<=", D("30"), "天")
        assert reading("5个工作日内") == ("<=", D("5"), "工作日")
        assert reading("24小时内") == ("<=", D("24"), "小时")


class TestApproximate:
    """parse_target: 约 / 左右 mark an approximate value."""

    @pytest.mark.parametrize(
        "text", ["约5.5万人次", "大约5.5万人次", "约为5.5万人次", "近5.5万人次", "5.5万人次左右", "5.5万人次上下"]
    )
    def test_approximate(self, text: str) -> None:
        """Each approximate spelling keeps the value and sets approximate."""
        assert fields(text) == {
            "kind": "bound", "op": "=", "value": "5.5", "unit": "万人次", "implied": True, "approximate": True,
        }  # fmt: skip

    def test_exact_is_not_approximate(self) -> None:
        """A plain value has no approximate key."""
        assert "approximate" not in fields("5.5万人次")


class TestRanges:
    """parse_target: two values joined by a range separator."""

    @pytest.mark.parametrize("sep", ["-", "－", "~", "～", "—", "——", "–", "--", "至", "到"])
    def test_separators(self, sep: str) -> None:
        """Each separator gives the same range 90%-95%."""
        assert fields(f"90%{sep}95%") == {"kind": "range", "low": "90", "high": "95", "unit": "%"}

    @pytest.mark.parametrize(
        ("text", "low", "high", "unit"),
        [
            ("90-95%", "90", "95", "%"),
            ("5-10万元", "5", "10", "万元"),
            ("90万-95万元", "90", "95", "万元"),
            ("5万-10万", "50000", "100000", ""),
            ("5-10万", "50000", "100000", ""),
            ("1-2次/月", "1", "2", "次/月"),
            ("介于90%至95%之间", "90", "95", "%"),
            ("90%至95%之间", "90", "95", "%"),
            ("2-3", "2", "3", ""),
        ],
    )
    def test_unit_written_once(self, text: str, low: str, high: str, unit: str) -> None:
        """The unit (and multiplier) written after the high end also applies to the low end."""
        target = parse_target(text)
        assert isinstance(target, Range)
        assert (target.low.value, target.high.value, target.high.unit_text) == (D(low), D(high), unit)
        assert target.low.unit_text == unit

    def test_low_with_its_own_unit(self) -> None:
        """A low end with its own unit keeps it and is reported as low_unit."""
        assert fields("5元-10万元") == {"kind": "range", "low": "5", "high": "10", "unit": "万元", "low_unit": "元"}

    def test_reversed_rejected(self) -> None:
        """A range whose low end is above its high end is an error at the high end."""
        with pytest.raises(ParseError, match="大于上限") as caught:
            parse_target("95%-90%")
        assert caught.value.column == 5

    def test_mixed_units_rejected(self) -> None:
        """A range from 个 to 元 is an error."""
        with pytest.raises(ParseError, match="单位不一致"):
            parse_target("5个-10元")


class TestNumbers:
    """parse_target: Arabic numbers, separators, full width and signs."""

    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("1,012.90%", "1012.90"),
            ("≥1,000人", "1000"),
            ("12,345,678元", "12345678"),
            ("１，０００人", "1000"),
            ("≥１１０个", "110"),
            ("９５％", "95"),
            ("＞＝９６％", "96"),
            ("５．７６亿元", "5.76"),
            (".5", "0.5"),
            ("0", "0"),
            ("100.00%", "100.00"),
        ],
    )
    def test_value(self, text: str, value: str) -> None:
        """Thousands separators and full-width digits give the plain value."""
        assert reading(text)[1] == D(value)

    def test_value_text_keeps_written_decimals(self) -> None:
        """The JSON value keeps the decimals as written and never uses an exponent."""
        assert fields("100.00%")["value"] == "100.00"
        assert fields("5.76亿元")["value"] == "5.76"
        assert fields("250万")["value"] == "2500000"

    @pytest.mark.parametrize(("text", "value"), [("-5%", "-5"), ("≥-5%", "-5"), ("负5%", "-5")])
    def test_negative(self, text: str, value: str) -> None:
        """A minus sign or 负 before the number makes it negative."""
        assert reading(text)[1] == D(value)

    def test_decimal_is_not_a_date(self) -> None:
        """A bare decimal that looks like year.month is a number unless the year is 19xx/20xx."""
        assert reading("4557.12") == ("=", D("4557.12"), "")
        assert reading("1000.10") == ("=", D("1000.10"), "")

    def test_bad_thousands_group_rejected(self) -> None:
        """A comma that does not start a group of three digits is an error."""
        with pytest.raises(ParseError):
            parse_target("1,00人")


class TestChineseNumerals:
    """parse_target: Chinese numerals and 百分之N."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("≥两次", (">=", D("2"), "次")),
            ("一百一十个", ("=", D("110"), "个")),
            ("不少于十二种", (">=", D("12"), "种")),
            ("两万人次", ("=", D("20000"), "人次")),
            ("三千元", ("=", D("3000"), "元")),
            ("五点七六亿元", ("=", D("576000000"), "元")),
            ("三点五万人", ("=", D("35000"), "人")),
            ("壹佰万元", ("=", D("1000000"), "元")),
            ("零", ("=", D("0"), "")),
            ("三点", ("=", D("3"), "点")),
        ],
    )
    def test_numerals(self, text: str, expected: tuple[str, Decimal, str]) -> None:
        """A Chinese numeral reads as its exact value; 点 is a decimal point only before digits."""
        assert reading(text) == expected

    @pytest.mark.parametrize(
        ("text", "value"),
        [("百分之九十五", "95"), ("百分之九十五点五", "95.5"), ("百分之百", "100"), ("≥百分之九十", "90")],
    )
    def test_percent_words(self, text: str, value: str) -> None:
        """百分之N is N %."""
        assert reading(text)[1:] == (D(value), "%")


class TestMultipliers:
    """parse_target: 百 / 千 / 万 / 十万 / 百万 / 千万 / 亿 before any unit."""

    @pytest.mark.parametrize(
        ("text", "unit"),
        [
            ("5万元", "万元"), ("5千元", "千元"), ("5亿元", "亿元"), ("5十万元", "十万元"), ("5百万元", "百万元"),
            ("5千万元", "千万元"), ("5万人次", "万人次"), ("5万个", "万个"), ("550万粒", "万粒"),
            ("1346.0088万平方米", "万平方米"), ("5萬元", "万元"), ("5億元", "亿元"),
        ],
    )  # fmt: skip
    def test_prefix_on_unit(self, text: str, unit: str) -> None:
        """A multiplier word joins the unit that follows it."""
        assert reading(text)[2] == unit

    @pytest.mark.parametrize(
        ("text", "value"), [("250万", "2500000"), ("3.5万", "35000"), ("0.5亿", "50000000"), ("5萬", "50000")]
    )
    def test_multiplier_without_unit(self, text: str, value: str) -> None:
        """A multiplier with no unit after it multiplies the number."""
        assert reading(text) == ("=", D(value), "")

    def test_multiplier_over_rate(self) -> None:
        """620万/月 is 6,200,000 per month."""
        assert reading("≤620万/月") == ("<=", D("6200000"), "1/月")

    def test_longer_unit_wins(self) -> None:
        """千米 is a kilometre and 千瓦 a kilowatt, not 千 × 米 or 千 × 瓦."""
        assert reading("≥2千米") == (">=", D("2"), "公里")
        assert reading("5千瓦")[2] == "千瓦"


class TestCompoundUnits:
    """parse_target: rates written with /, ·, *, ., 每."""

    @pytest.mark.parametrize(
        ("text", "unit"),
        [
            ("48.30万元/套", "万元/套"),
            ("10元/人·年", "元/人·年"),
            ("530元/人*月", "元/人·月"),
            ("2户/人.月", "户/人·月"),
            ("190元每人每月", "元/人·月"),
            ("3元/人/年", "元/人·年"),
            ("1次/月", "次/月"),
            ("5300元/户", "元/户"),
            ("1600元/亩", "元/亩"),
            ("0.5万元/人·年", "万元/人·年"),
            ("3元／人・年", "元/人·年"),
        ],
    )
    def test_rate(self, text: str, unit: str) -> None:
        """Everything after the first / (or 每) is in the denominator."""
        assert reading(text)[2] == unit

    @pytest.mark.parametrize(
        ("text", "op", "implied", "value", "unit"),
        [
            ("每年1次", "=", True, "1", "次/年"),
            ("每季度至少1次", ">=", False, "1", "次/季度"),
            ("每月≥2次", ">=", False, "2", "次/月"),
            ("每人每年500元", "=", True, "500", "元/人·年"),
            ("每年不少于两次", ">=", False, "2", "次/年"),
        ],
    )
    def test_leading_every(self, text: str, op: str, implied: bool, value: str, unit: str) -> None:
        """A leading 每X makes a rate: 每季度至少1次 is ≥ 1次/季度."""
        target = parse_target(text)
        assert isinstance(target, Bound)
        assert (target.op.ascii, target.implied, str(target.amount.value), target.amount.unit_text) == (
            op,
            implied,
            value,
            unit,
        )

    def test_every_with_percent_rejected(self) -> None:
        """每年95% is unclear (a rate per year of a percentage) and is rejected, naming 每年."""
        with pytest.raises(ParseError, match="每年"):
            parse_target("每年95%")

    def test_rates_convert(self) -> None:
        """元/人*月 and 元每人每月 are the same unit."""
        a = parse_target("530元/人*月")
        b = parse_target("530元每人每月")
        assert isinstance(a, Bound)
        assert isinstance(b, Bound)
        assert a.amount.quantity == b.amount.quantity

    def test_unknown_unit_rejected(self) -> None:
        """A unit that is not in the registry is an error that names it."""
        with pytest.raises(ParseError, match="无法识别的单位“垛子”") as caught:
            parse_target("≥5.5垛子")
        assert caught.value.column == 5


class TestDeadlines:
    """parse_target: dates with 前 / 之前 / 以前, 截至, ≤, and 年内."""

    @pytest.mark.parametrize(
        "text",
        [
            "2026年6月30日前", "2026年6月30日之前", "2026年6月30日以前", "2026年6月30日前完成", "2026年6月30日之前完成",
            "2026年6月30号前", "2026-06-30前", "2026/06/30前", "2026.6.30前", "截至2026年6月30日", "截止2026年6月30日",
            "于2026年6月30日前", "≤2026年6月30日", "二〇二六年六月三十日前", "2026 年 6 月 30 日前",
            "2026年6月30日(含)前", "2026年6月30日前（含）",
        ],
    )  # fmt: skip
    def test_day(self, text: str) -> None:
        """Every spelling of "by 30 June 2026" gives the deadline 2026-06-30."""
        assert fields(text) == {"kind": "deadline", "date": "2026-06-30"}

    @pytest.mark.parametrize(("text", "date"), [("2026年6月前", "2026-06-30"), ("2026年6月底前", "2026-06-30")])
    def test_month(self, text: str, date: str) -> None:
        """A month deadline is on the month's last day, with precision month."""
        assert fields(text) == {"kind": "deadline", "date": date, "precision": "month"}

    def test_year_end_without_year(self) -> None:
        """年底前 without the table's year keeps month and day and no date."""
        assert fields("年底前") == {"kind": "deadline", "date": None, "precision": "day", "month": 12, "day": 31}

    def test_year_end_with_year(self) -> None:
        """年底前 with year=2026 is 2026-12-31."""
        assert fields("年底前", year=2026) == {"kind": "deadline", "date": "2026-12-31"}

    def test_year_end_written(self) -> None:
        """2026年底前 names its year."""
        assert fields("2026年底前")["date"] == "2026-12-31"
        assert fields("二〇二六年底前")["date"] == "2026-12-31"

    def test_month_end_without_year(self) -> None:
        """12月底前 is December of the table's year."""
        assert fields("12月底前") == {"kind": "deadline", "date": None, "precision": "month", "month": 12, "day": None}
        assert fields("12月底前", year=2026) == {"kind": "deadline", "date": "2026-12-31", "precision": "month"}
        assert fields("十二月底前", year=2026)["date"] == "2026-12-31"

    def test_month_day_without_year(self) -> None:
        """6月30日前 takes the year from the table."""
        assert fields("6月30日前", year=2025) == {"kind": "deadline", "date": "2025-06-30"}

    @pytest.mark.parametrize("text", ["年内", "年内完成", "本年度内", "本年度内完成", "年度内", "截至年内"])
    def test_within_year(self, text: str) -> None:
        """年内 (within the year) is a deadline on 31 December."""
        assert fields(text, year=2026) == {"kind": "deadline", "date": "2026-12-31"}

    @pytest.mark.parametrize("text", ["2026年内", "2026年内完成", "2026年度内完成"])
    def test_within_named_year(self, text: str) -> None:
        """2026年内 is a deadline on 2026-12-31."""
        assert fields(text)["date"] == "2026-12-31"
        assert fields(text)["kind"] == "deadline"

    def test_given_year_does_not_override(self) -> None:
        """A year written in the text wins over the table's year."""
        assert fields("2025年6月30日前", year=2026)["date"] == "2025-06-30"


class TestDates:
    """parse_target / parse_actual: calendar dates in every form."""

    @pytest.mark.parametrize(
        "text", ["2025年1月9日", "2025年1月9号", "2025-01-09", "2025-1-9", "2025/1/9", "2025.1.9", "二〇二五年一月九日"]
    )
    def test_day(self, text: str) -> None:
        """Every spelling of 9 January 2025 gives the date 2025-01-09."""
        assert parse_actual(text).to_dict() == {"kind": "date", "date": "2025-01-09"}

    @pytest.mark.parametrize(
        ("text", "date"),
        [
            ("2026年6月", "2026-06-30"),
            ("2026-06", "2026-06-30"),
            ("2023.07", "2023-07-31"),
            ("2018年10月底", "2018-10-31"),
        ],
    )
    def test_month(self, text: str, date: str) -> None:
        """A month is dated on its last day, with precision month."""
        assert fields(text) == {"kind": "date", "date": date, "precision": "month"}

    def test_year(self) -> None:
        """2026年 is the year 2026, dated 2026-12-31 with precision year."""
        assert fields("2026年") == {"kind": "date", "date": "2026-12-31", "precision": "year"}

    def test_month_without_year(self) -> None:
        """7月 keeps the month until the year is known."""
        assert parse_actual("7月").to_dict() == {
            "kind": "date",
            "date": None,
            "precision": "month",
            "month": 7,
            "day": None,
        }
        assert parse_actual("7月", year=2025).to_dict() == {"kind": "date", "date": "2025-07-31", "precision": "month"}

    @pytest.mark.parametrize(
        ("text", "date"),
        [("上半年", "2026-06-30"), ("下半年", "2026-12-31"), ("年中", "2026-06-30"), ("第二季度", "2026-06-30"),
         ("2026年第三季度末", "2026-09-30"), ("第4季度", "2026-12-31")],
    )  # fmt: skip
    def test_year_parts(self, text: str, date: str) -> None:
        """Halves and quarters of the year are dated on their last day."""
        assert fields(text, year=2026)["date"] == date

    def test_done_word(self) -> None:
        """2026年6月完成 is the date 2026-06."""
        assert fields("2026年6月完成") == {"kind": "date", "date": "2026-06-30", "precision": "month"}

    @pytest.mark.parametrize(("text", "column"), [("2026年2月30日", 1), ("2025年2月29日前", 1)])
    def test_impossible_day_rejected(self, text: str, column: int) -> None:
        """A day that does not exist in its month is an error."""
        with pytest.raises(ParseError, match="不存在") as caught:
            parse_target(text)
        assert caught.value.column == column

    def test_leap_day(self) -> None:
        """29 February exists in 2024."""
        assert fields("2024年2月29日前")["date"] == "2024-02-29"

    def test_thirteenth_month_rejected(self) -> None:
        """2026年13月 is an error at the month."""
        with pytest.raises(ParseError) as caught:
            parse_target("2026年13月")
        assert caught.value.column == 6

    def test_kinds(self) -> None:
        """A date and a deadline are different kinds."""
        assert isinstance(parse_target("2026年6月30日"), Date)
        assert isinstance(parse_target("2026年6月30日前"), Deadline)


class TestPeriods:
    """parse_target: a start and an end date joined by a range separator."""

    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("2023.07-2024.01", "2023-07-01", "2024-01-31"),
            ("2020年1月--2020年11月", "2020-01-01", "2020-11-30"),
            ("2026年1月至6月", "2026-01-01", "2026-06-30"),
            ("2026年1月-2026年6月前", "2026-01-01", "2026-06-30"),
        ],
    )
    def test_month_periods(self, text: str, start: str, end: str) -> None:
        """A period runs from the first day of its start to the last day of its end."""
        assert fields(text) == {"kind": "period", "start": start, "date": end, "precision": "month"}

    def test_day_period(self) -> None:
        """A period of days has day precision."""
        assert fields("2026年3月1日至2026年6月30日") == {"kind": "period", "start": "2026-03-01", "date": "2026-06-30"}

    def test_period_without_year(self) -> None:
        """9月-10月 takes the table's year."""
        target = parse_target("9月-10月", year=2026)
        assert isinstance(target, Period)
        assert target.to_dict() == {"kind": "period", "start": "2026-09-01", "date": "2026-10-31", "precision": "month"}

    def test_reversed_rejected(self) -> None:
        """A period that ends before it starts is an error."""
        with pytest.raises(ParseError, match="晚于"):
            parse_target("2024.01-2023.07")


class TestQualitative:
    """parse_target: words are qualitative; numbers and symbols never are."""

    @pytest.mark.parametrize(
        ("text", "norm"),
        [
            ("有效 保障", "有效保障"), ("应助尽助", "应助尽助"), ("不低于上年度水平", "不低于上年度水平"),
            ("达到国家标准", "达到国家标准"), ("不超预算", "不超预算"), ("控制在预算内", "控制在预算内"),
            ("达成预期指标", "达成预期指标"), ("零事故", "零事故"), ("十分满意", "十分满意"), ("一般", "一般"),
            ("获得目的国（地区）受众欢迎", "获得目的国(地区)受众欢迎"), ("是", "是"),
        ],
    )  # fmt: skip
    def test_words(self, text: str, norm: str) -> None:
        """A text in words is qualitative, normalised (NFKC, spaces removed)."""
        target = parse_target(text)
        assert isinstance(target, Qualitative)
        assert target.text == norm

    @pytest.mark.parametrize("text", ["≥", "不低于", ">=", "≥abc", "1a2", "≤预算", "100%完成", "每年95%"])
    def test_numbers_or_symbols_are_never_qualitative(self, text: str) -> None:
        """A text with an Arabic digit or starting with a comparator symbol is an error, not words."""
        with pytest.raises(ParseError):
            parse_target(text)


class TestBlank:
    """parse_target / parse_actual: placeholders for "nothing"."""

    @pytest.mark.parametrize("text", ["/", "-", "--", "—", "——", "N/A", "不适用", "暂无", "无数据", " / ", "／"])
    def test_placeholders(self, text: str) -> None:
        """Each placeholder is Blank with its normalised text."""
        target = parse_actual(text)
        assert isinstance(target, Blank)
        assert target.text == normalize(text)

    @pytest.mark.parametrize("text", ["", "   ", "\n", "\u3000"])
    def test_empty_rejected(self, text: str) -> None:
        """An empty text is an error, not a blank."""
        with pytest.raises(ParseError, match="内容为空"):
            parse_target(text)


class TestNormalize:
    """normalize: the text the grammar reads."""

    @pytest.mark.parametrize(
        ("text", "norm"),
        [
            ("＞＝９６％", ">=96%"),
            ("< =6.70 万元", "<=6.70万元"),
            ("有效 保障", "有效保障"),
            ("<=51\n万元", "<=51万元"),
            ("5㎡", "5m2"),
        ],
    )
    def test_normalize(self, text: str, norm: str) -> None:
        """Full width becomes ASCII and every space and line break goes."""
        assert normalize(text) == norm


class TestParseActual:
    """parse_actual: the same grammar, with errors that say 实际完成值."""

    def test_same_reading(self) -> None:
        """An actual reads like a target."""
        assert parse_actual("129个") == parse_target("129个")

    def test_role_in_error(self) -> None:
        """An actual's error names 实际完成值."""
        with pytest.raises(ParseError, match="实际完成值") as caught:
            parse_actual("≥≥1个")
        assert caught.value.role == "actual"

    def test_cached_results_are_equal(self) -> None:
        """Parsing the same text twice gives equal targets."""
        assert parse_target("≥110个") == parse_target("≥110个")


class TestUnitNotes:
    """parse_target: a unit note in brackets after the value is the unit, or confirms it (issue 7)."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("≥90%(百分比)", (">=", D("90"), "%")),
            ("=12(个)", ("=", D("12"), "个")),
            ("≥3（次）", (">=", D("3"), "次")),
            ("≥1(套)", (">=", D("1"), "套")),
            ("≥95%（%）", (">=", D("95"), "%")),
            ("5万(元)", ("=", D("5"), "万元")),
            ("≤30(万元)", ("<=", D("30"), "万元")),
            ("100(人次)以上", (">=", D("100"), "人次")),
            ("百分之九十(%)", ("=", D("90"), "%")),
        ],
    )
    def test_note(self, text: str, expected: tuple[str, Decimal, str]) -> None:
        """The note gives the unit a value lacks, or repeats the one written."""
        assert reading(text) == expected

    def test_inclusive_mark_is_no_note(self) -> None:
        """(含) and (不含) after a value keep their meaning."""
        assert reading("≥110个(含)") == (">=", D("110"), "个")
        assert reading("95%以上(不含)") == (">", D("95"), "%")

    @pytest.mark.parametrize(("text", "column"), [("≥90%(个)", 6), ("5万元(元)", 5), ("5万(万元)", 4)])
    def test_contradicting_note_rejected(self, text: str, column: int) -> None:
        """A note naming another unit is an error at the note."""
        with pytest.raises(ParseError, match="括号中的单位") as caught:
            parse_target(text)
        assert caught.value.column == column

    def test_words_in_brackets_rejected(self) -> None:
        """Words in brackets after a value are no unit: an error (it has a digit), never words."""
        with pytest.raises(ParseError):
            parse_target("≥95%(按人数计)")


class TestSeveral:
    """parse_target: several values in one cell are one target each (Several)."""

    @pytest.mark.parametrize(
        ("text", "parts"),
        [
            ("300人、50人", ["300人", "50人"]),
            ("2个；3个", ["2个", "3个"]),
            ("≥95%，≥90%", ["≥95%", "≥90%"]),
            ("≥95%,≥90%", ["≥95%", "≥90%"]),
            ("≥2次;≤5万元", ["≥2次", "≤5万元"]),
            ("1,000人、2,000人", ["1000人", "2000人"]),
            ("90%-95%、≥3个", ["90%-95%", "≥3个"]),
        ],
    )
    def test_parts(self, text: str, parts: list[str]) -> None:
        """Each value is read on its own, in the order written."""
        target = parse_target(text)
        assert isinstance(target, Several)
        assert [str(p) for p in target.parts] == parts

    def test_shape(self) -> None:
        """to_dict lists the parts' own dicts; describe says 多个指标值; the value is frozen."""
        target = parse_target("300人、≥50人")
        assert target.to_dict() == {
            "kind": "several",
            "parts": [
                {"kind": "bound", "op": "=", "value": "300", "unit": "人", "implied": True},
                {"kind": "bound", "op": ">=", "value": "50", "unit": "人"},
            ],
        }
        assert target.describe().startswith("多个指标值：数值目标：300人")
        assert isinstance(target, Several)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            target.parts = ()  # type: ignore[misc]

    def test_dates_take_the_year(self) -> None:
        """Dates among the parts take the table's year."""
        assert fields("6月底前、12月底前", year=2026)["parts"] == [
            {"kind": "deadline", "date": "2026-06-30", "precision": "month"},
            {"kind": "deadline", "date": "2026-12-31", "precision": "month"},
        ]

    def test_one_value_is_no_list(self) -> None:
        """A single value stays its own kind."""
        assert isinstance(parse_target("300人"), Bound)

    @pytest.mark.parametrize(("text", "column"), [("1,00人", 2), ("300人、", 6), ("、300人", 1), ("300人、、50人", 6)])
    def test_broken_lists_rejected(self, text: str, column: int) -> None:
        """A comma after a bare number (a thousands group gone wrong) and empty parts are errors."""
        with pytest.raises(ParseError) as caught:
            parse_target(text)
        assert caught.value.column == column


class TestDeadlineVerbs:
    """parse_target: a deadline with a verb of completion after it is still a deadline."""

    @pytest.mark.parametrize(
        ("text", "date"),
        [
            ("9月底建成", "2026-09-30"),
            ("6月底前到位", "2026-06-30"),
            ("12月底到位", "2026-12-31"),
            ("年底完成验收", "2026-12-31"),
            ("年底前全部完成", "2026-12-31"),
            ("2026年10月底前完成", "2026-10-31"),
            ("2026年6月30日前拨付到位", "2026-06-30"),
            ("于6月底竣工", "2026-06-30"),
            ("年内完成验收", "2026-12-31"),
        ],
    )
    def test_verbs(self, text: str, date: str) -> None:
        """The verb changes nothing but the kind: a deadline on the day (or month) named."""
        target = parse_target(text, year=2026)
        assert isinstance(target, Deadline)
        assert target.due is not None
        assert target.due.isoformat() == date

    def test_bare_done_is_a_date(self) -> None:
        """2026年6月完成 stays the date it always was."""
        assert isinstance(parse_target("2026年6月完成"), Date)

    def test_unknown_verb_rejected(self) -> None:
        """A word after a date that is no verb of completion is an error (the text has a digit)."""
        with pytest.raises(ParseError):
            parse_target("9月底开会")


class TestRateCountingWords:
    """parse_target: an unknown single word after "/" in a rate is a counting word of the reader's registry."""

    @pytest.mark.parametrize(
        ("text", "unit"), [("≤500元/生/年", "元/生·年"), ("80元/床/日", "元/床·天"), ("30元/人次", "元/人次")]
    )
    def test_rates(self, text: str, unit: str) -> None:
        """The rate reads with the word below the line."""
        assert reading(text)[2] == unit

    def test_defined_in_the_readers_own_registry(self) -> None:
        """The word is defined in that reader's Units only, as a counting word; another registry knows nothing."""
        mine, other = Units(), Units()
        target = Reader(mine).target("1500元/生/年")
        assert isinstance(target, Bound)
        assert mine.is_counting(mine.parse_unit("生"))
        assert "生" not in other.registry

    def test_bare_word_rejected(self) -> None:
        """Outside a rate the word is still an unknown unit."""
        with pytest.raises(ParseError, match="无法识别的单位"):
            Reader(Units()).target("≥3生")


class TestDescribed:
    """parse_target: one value inside a short description is read, and the words are kept (Described)."""

    @pytest.mark.parametrize(
        ("text", "op", "value", "unit", "implied"),
        [
            ("全年至少开展3次培训", ">=", "3", "次", False),
            ("按时拨付率达100%", "=", "100", "%", False),
            ("结案率为95%", "=", "95", "%", True),
            ("培训人数不少于200人次", ">=", "200", "人次", False),
            ("各1次", "=", "1", "次", True),
            ("资金到位率≥95%", ">=", "95", "%", False),
        ],
    )
    def test_value_in_words(self, text: str, op: str, value: str, unit: str, implied: bool) -> None:
        """The comparator and the value are read; the whole text is kept."""
        target = parse_target(text)
        assert isinstance(target, Described)
        assert target.text == text
        inner = target.target
        assert isinstance(inner, Bound)
        assert (inner.op.ascii, inner.amount.value, inner.amount.unit_text, inner.implied) == (
            op,
            D(value),
            unit,
            implied,
        )

    def test_shape(self) -> None:
        """to_dict nests the value's own dict; describe names the words and the value."""
        target = parse_target("全年至少开展3次培训")
        assert target.to_dict() == {
            "kind": "described",
            "text": "全年至少开展3次培训",
            "target": {"kind": "bound", "op": ">=", "value": "3", "unit": "次"},
        }
        assert target.describe() == "含说明文字：全年至少开展3次培训，按≥3次计"

    def test_deadline_in_words(self) -> None:
        """A deadline written in words is read as a deadline."""
        target = parse_target("确保2026年底前完成")
        assert isinstance(target, Described)
        assert target.to_dict()["target"] == {"kind": "deadline", "date": "2026-12-31", "precision": "year"}

    @pytest.mark.parametrize(
        "text",
        [
            "全年开展3次培训,覆盖200人",  # two numbers: which one is the target would be a guess
            "项目于2026年6月底前完工",  # a date is two numbers
            "完成率100",  # no unit
            "100%完成",  # words only after the value
            "不低于≥110个",  # a repeated comparator, not words
            "按照2023年标准执行",  # a year in words is no value
        ],
    )
    def test_never_guessed(self, text: str) -> None:
        """Texts with two numbers, no unit, or no words before the value stay errors."""
        with pytest.raises(ParseError):
            parse_target(text)


class TestMissingNumber:
    """parse_target: a comparator and a unit with no number is an error, not 万 read as 10000."""

    @pytest.mark.parametrize(("text", "column"), [("<=万元", 3), ("≥千米", 2), ("不超过万元", 4), ("约万人", 2)])
    def test_rejected(self, text: str, column: int) -> None:
        """The error points at the unit, where the number should be."""
        with pytest.raises(ParseError, match="缺少数值") as caught:
            parse_target(text)
        assert caught.value.column == column

    def test_comparator_then_counting_word(self) -> None:
        """≥个 is an error at the counting word."""
        with pytest.raises(ParseError) as caught:
            parse_target("≥个")
        assert caught.value.column == 2

    @pytest.mark.parametrize(("text", "value"), [("两万人次", "20000"), ("十个", "10"), ("一百人", "100")])
    def test_numerals_still_read(self, text: str, value: str) -> None:
        """Chinese numerals with a digit stay numbers."""
        assert reading(text)[1] == D(value)

    @pytest.mark.parametrize("text", ["亿万群众受益", "万元"])
    def test_words_stay_words(self, text: str) -> None:
        """Without a comparator or a digit, such a text is words, as any text without them."""
        assert isinstance(parse_target(text), Qualitative)


class TestKeptParser:
    """The parser and the units' facts are kept in the cache folder: loaded, they read as when built; a set of
    units of its own gets files of its own; a damaged file is made again; and pint is loaded only when used."""

    @pytest.fixture
    def folder(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.setenv("SCORING_CACHE_DIR", str(tmp_path))
        return tmp_path

    TEXTS = ("≥110个", "<=48.30万元/套", "90%-95%", "年底前", "≥90%(百分比)", "500元/生/年", "有效保障", "≥≥1个")

    @staticmethod
    def _read(reader: Reader, text: str) -> object:
        try:
            target = reader.target(text, 2026)
        except ParseError as exc:
            return exc.render()
        amount = getattr(target, "amount", None)
        return repr(target), target.to_dict(), None if amount is None else str(amount.unit)

    def test_loaded_reads_as_built(self, folder: Path) -> None:
        built = Reader(Units())
        first = [self._read(built, t) for t in self.TEXTS]
        assert sorted(p.name.split("-")[0] for p in folder.iterdir()) == ["parser", "units"]
        loaded = Reader(Units())
        assert [self._read(loaded, t) for t in self.TEXTS] == first

    def test_pint_only_when_needed(self, folder: Path) -> None:
        """With the files kept, reading ≥110个 loads no pint registry; converting does."""
        Reader(Units()).target("≥110个")
        units = Units()
        target = Reader(units).target("≥110个")
        assert units._registry is None
        assert isinstance(target, Bound)
        assert str(target.amount.unit) == "个"  # the unit, looked up when used
        assert units._registry is not None

    def test_user_units_get_their_own(self, folder: Path, tmp_path: Path) -> None:
        """A --units file gets its own parser; changed, it gets another: never a parser of other names."""
        extra = tmp_path / "mine.txt"
        extra.write_text("垛 = [垛]\n", encoding="utf-8")
        assert reading_with(Units([extra]), "≥5垛") == (">=", D("5"), "垛")
        with pytest.raises(ParseError):
            Reader(Units()).target("≥5垛")
        extra.write_text("捆 = [捆]\n", encoding="utf-8")
        with pytest.raises(ParseError):
            Reader(Units([extra])).target("≥5垛")
        assert reading_with(Units([extra]), "≥5捆") == (">=", D("5"), "捆")

    def test_damaged_files_are_made_again(self, folder: Path) -> None:
        Reader(Units()).target("≥110个")
        for path in folder.iterdir():
            path.write_bytes(b"\x00damaged")
        assert reading_with(Units(), "≥110个") == (">=", D("110"), "个")

    def test_keeping_turned_off(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SCORING_CACHE_DIR", "")
        assert reading_with(Units(), "≥110个") == (">=", D("110"), "个")
        assert not list(folder.iterdir())

    def test_short_command_loads_no_pint(self, folder: Path) -> None:
        """``scoring parse "≥110个"`` with the files kept imports no pint, and ``--help`` neither lark nor pint."""
        code = (
            "import sys, contextlib, io\n"
            "from scoring.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main(sys.argv[1:])\n"
            "    except SystemExit: pass\n"
            "print(sorted(m for m in ('pint', 'lark') if m in sys.modules))\n"
        )
        env = {**os.environ, "SCORING_CACHE_DIR": str(folder)}

        def loaded(*args: str) -> str:
            done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
            return done.stdout.strip().splitlines()[-1]

        loaded("parse", "≥110个")  # keeps the files
        assert loaded("parse", "≥110个") == "['lark']"
        assert loaded("--help") == "[]"


def reading_with(units: Units, text: str) -> tuple[str, Decimal, str]:
    """(op, value, unit) of a text read with ``units``."""
    target = Reader(units).target(text)
    assert isinstance(target, Bound)
    return target.op.ascii, target.amount.value, target.amount.unit_text

"""The unit registry (scoring/language/units.py, units_zh.txt), family by family, and user definition files."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pint
import pytest

from scoring.cli import main
from scoring.errors import UnitError
from scoring.language import Reader, Units, default_units, parse_target
from scoring.language.reader import grammar_text
from scoring.language.targets import Amount, Bound
from scoring.language.units import canonical as canonical_of

units = default_units()


def Q(value: str, unit: str) -> Any:
    """A Decimal quantity in the project's registry."""
    return units.quantity(Decimal(value), unit)


def same(a: Any, b: Any) -> bool:
    """Whether two quantities are equal in base units (pint's Decimal conversions between two derived units,
    such as 小时 -> 分钟, can be off in the 28th digit; base units are exact)."""
    return bool(a.to_base_units() == b.to_base_units())


def read(text: str) -> Amount:
    """The amount of a text that reads as a bound."""
    target = parse_target(text)
    assert isinstance(target, Bound)
    return target.amount


class TestParseUnit:
    """units.parse_unit: unit expressions to pint units."""

    @pytest.mark.parametrize(
        ("expr", "canonical"),
        [
            ("万元/套", "万元/套"), ("元/(人*月)", "元/人·月"), ("元/人/年", "元/人·年"), ("%", "%"), ("percent", "%"),
            ("百分比", "%"), ("百分点", "%"), ("‰", "‰"), ("", ""), ("萬元", "万元"), ("個", "个"), ("km", "公里"),
            ("千米", "公里"), ("m2", "平方米"), ("平米", "平方米"), ("kg", "公斤"), ("Mbps", "Mbps"), ("个小时", "小时"),
        ],
    )  # fmt: skip
    def test_canonical(self, expr: str, canonical: str) -> None:
        """Each spelling prints as the canonical name (the first name in units_zh.txt)."""
        assert canonical_of(units.parse_unit(expr)) == canonical

    def test_unknown(self) -> None:
        """An unknown unit raises UnitError with a Chinese message."""
        with pytest.raises(UnitError, match="无法识别的单位“垛”"):
            units.parse_unit("垛")

    def test_cached(self) -> None:
        """The same expression gives the same unit object."""
        assert units.parse_unit("万元/套") is units.parse_unit("万元/套")


class TestMoney:
    """Money: 元, 千元, 万元, 亿元 and their conversions."""

    def test_yi_equals_wan(self) -> None:
        """5.76亿元 is 57600万元."""
        assert Q("5.76", "亿元") == Q("57600", "万元")
        assert read(">=5.76亿元").quantity == read("57600万元").quantity

    def test_conversions(self) -> None:
        """1千元 is 1000元 and 6.70万元 is 67000元."""
        assert Q("1", "千元") == Q("1000", "元")
        assert Q("6.70", "万元").to("元").magnitude == Decimal("67000")
        assert Q("6.70", "万元") <= Q("67000", "元")

    def test_exact_decimals(self) -> None:
        """0.1万元 + 0.2万元 is exactly 0.3万元 (Decimal, not float)."""
        total = Q("0.1", "万元") + Q("0.2", "万元")
        assert total.magnitude == Decimal("0.3")

    def test_small_money(self) -> None:
        """10角 is 1元 and 100分钱 is 1元."""
        assert Q("10", "角") == Q("1", "元")
        assert Q("100", "分钱") == Q("1", "元")

    def test_money_rate(self) -> None:
        """48.30万元/套 is 483000元/套."""
        assert Q("48.30", "万元/套").to("元/套").magnitude == Decimal("483000")


class TestCountingWords:
    """Counting words (量词): each its own dimension."""

    def test_distinct_dimensions(self) -> None:
        """个 and 次 are different dimensions, so 110个 is not 110次."""
        assert units.registry.get_dimensionality("个") != units.registry.get_dimensionality("次")
        assert Q("110", "个") != Q("110", "次")

    def test_ordering_across_words_refused(self) -> None:
        """Comparing 110个 with 100次 raises pint's DimensionalityError."""
        with pytest.raises(pint.errors.DimensionalityError):
            _ = Q("110", "个") > Q("100", "次")

    def test_same_word_ratio(self) -> None:
        """120个 ÷ 110个 is a plain ratio (109.09…%)."""
        ratio = (Q("120", "个") / Q("110", "个")).to("percent")
        assert round(ratio.magnitude, 2) == Decimal("109.09")

    @pytest.mark.parametrize(
        ("unit", "word"), [("个", "个"), ("万人次", "人次"), ("人次", "人次"), ("個", "个"), ("万粒", "粒")]
    )
    def test_counting_word(self, unit: str, word: str) -> None:
        """A (multiplied) counting word is counting, and its word is named."""
        parsed = units.parse_unit(unit)
        assert units.is_counting(parsed)
        assert units.counting_word(parsed) == word

    @pytest.mark.parametrize("unit", ["元", "%", "公里", "个/月", "元/人", ""])
    def test_not_counting(self, unit: str) -> None:
        """Money, percent, lengths and rates are not counting words."""
        assert not units.is_counting(units.parse_unit(unit))

    def test_multiplied_counting_word(self) -> None:
        """3万人次 is 30000人次."""
        assert Q("3", "万人次") == Q("30000", "人次")

    def test_score_points(self) -> None:
        """分 is a score (≥90分), distinct from 分钟 and 分钱."""
        assert read("≥90分").unit_text == "分"
        assert read("5分钟").unit_text == "分钟"
        assert units.is_counting(units.parse_unit("分"))


class TestPhysical:
    """Length, area, volume and mass."""

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            (("1", "公里"), ("1000", "米")), (("1", "km"), ("1000", "m")), (("1", "公顷"), ("15", "亩")),
            (("1", "平方公里"), ("100", "公顷")), (("1", "立方米"), ("1000", "升")), (("1", "吨"), ("1000", "公斤")),
            (("1", "斤"), ("0.5", "公斤")), (("1", "公斤"), ("1000", "克")), (("1", "米"), ("100", "厘米")),
        ],
    )  # fmt: skip
    def test_equal(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        """Units of one family convert exactly."""
        assert same(Q(*a), Q(*b))

    def test_mu(self) -> None:
        """1亩 is 666.67平方米 (10000/15)."""
        assert round(Q("1", "亩").to("平方米").magnitude, 2) == Decimal("666.67")

    def test_length_is_not_area(self) -> None:
        """Metres do not convert to square metres."""
        with pytest.raises(pint.errors.DimensionalityError):
            Q("1", "米").to("平方米")


class TestTime:
    """Durations, and working days as their own dimension."""

    @pytest.mark.parametrize(
        ("a", "b"),
        [
            (("1", "小时"), ("60", "分钟")), (("1", "天"), ("24", "小时")), (("1", "周"), ("7", "天")),
            (("1", "年"), ("12", "月")), (("1", "季度"), ("3", "月")), (("1", "日"), ("1", "天")),
        ],
    )  # fmt: skip
    def test_equal(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        """Durations convert."""
        assert same(Q(*a), Q(*b))

    def test_working_days_do_not_convert(self) -> None:
        """A 工作日 is not a calendar day."""
        with pytest.raises(pint.errors.DimensionalityError):
            Q("5", "工作日").to("天")


class TestPercent:
    """Percent in every spelling."""

    @pytest.mark.parametrize("text", ["95%", "95％", "95百分比", "百分之九十五", "９５％", "95 %"])
    def test_spellings(self, text: str) -> None:
        """%, ％, 百分比 and 百分之 all give unit % and value 95."""
        amount = read(text)
        assert (amount.value, amount.unit_text) == (Decimal("95"), "%")

    def test_percent_is_a_ratio(self) -> None:
        """96% is 0.96 and 100% is 1."""
        assert Q("96", "%") >= Decimal("0.96")
        assert Q("100", "%") == 1

    def test_permille(self) -> None:
        """1‰ is 0.1%."""
        assert Q("1", "‰") == Q("0.1", "%")


class TestBandwidth:
    """Bandwidth: 兆 / Mbps / Mb; a bare M is 米 (the corpus writes 雾炮车风炮射程 ≥80M)."""

    @pytest.mark.parametrize("text", ["80兆", "80Mbps", "80Mb"])
    def test_megabits(self, text: str) -> None:
        """80兆, 80Mbps and 80Mb read as 80 Mbps."""
        assert read(text).unit_text == "Mbps"

    def test_bare_m_is_metre(self) -> None:
        """A bare M is 米, as real tables write it (雾炮车风炮射程 ≥80M)."""
        assert read("≥80M").unit_text == "米"

    def test_gigabit(self) -> None:
        """1G is 1000 Mbps."""
        assert Q("1", "G") == Q("1000", "Mbps")


class TestUnitNames:
    """Units.names: the words the grammar's UNIT and MULT terminals are built from."""

    def test_multipliers(self) -> None:
        """The multiplier words include 万, 亿, 千, 百 and their traditional forms, longest first."""
        _, prefixes = units.names
        assert {"万", "亿", "千", "百", "十万", "百万", "千万", "萬", "億"} <= set(prefixes)
        assert [len(p) for p in prefixes] == sorted((len(p) for p in prefixes), reverse=True)

    def test_units_longest_first(self) -> None:
        """Unit names are sorted longest first, so 人次 is tried before 人."""
        names, _ = units.names
        assert names.index("人次") < names.index("人")
        assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)


class TestUseDefinitions:
    """User definition files (``Units(extra=…)``, ``scoring parse --units``): units added without code.

    A registry with extra files is its own object: the default registry and readers are untouched, so these
    tests run in the same process as every other.
    """

    def test_user_unit(self, tmp_path: Path) -> None:
        """A user file defining 垛 makes ≥5垛 readable by a reader of that registry only."""
        extra = tmp_path / "mine.txt"
        extra.write_text("垛 = [垛]\n", encoding="utf-8")
        target = Reader(Units([extra])).target("≥5垛")
        assert isinstance(target, Bound)
        assert target.amount.unit_text == "垛"
        with pytest.raises(ValueError, match="无法识别的单位“垛”"):
            parse_target("≥5垛")

    def test_registries_do_not_mix(self, tmp_path: Path) -> None:
        """Quantities of a user registry compare with each other; the default registry is a separate object."""
        extra = tmp_path / "mine.txt"
        extra.write_text("垛 = [垛]\n", encoding="utf-8")
        mine = Units([extra])
        assert mine.registry is not default_units().registry
        assert mine.quantity(Decimal(2), "万元") == mine.quantity(Decimal(20000), "元")

    def test_command_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """`scoring parse --units FILE` reads the user's unit; without the file it is an error (exit 1)."""
        extra = tmp_path / "mine.txt"
        extra.write_text("垛 = [垛]\n", encoding="utf-8")
        assert main(["parse", "--json", "≥5垛"]) == 1
        capsys.readouterr()
        assert main(["parse", "--json", "--units", str(extra), "≥5垛"]) == 0
        assert json.loads(capsys.readouterr().out)["unit"] == "垛"

    def test_bad_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An unreadable definitions file is a usage error (exit 2) with a Chinese message."""
        assert main(["parse", "--units", str(tmp_path / "missing.txt"), "≥5个"]) == 2
        assert "无法读取" in capsys.readouterr().err

    def test_bad_file_in_library(self, tmp_path: Path) -> None:
        """In the library, the bad file raises UnitError when the registry is first used."""
        with pytest.raises(UnitError, match="无法读取"):
            Units([tmp_path / "missing.txt"]).registry  # noqa: B018 - loading is what is tested


class TestPackaging:
    """The data files are found through importlib.resources."""

    def test_units_file(self) -> None:
        """units_zh.txt ships inside the package."""
        text = resources.files("scoring.language").joinpath("units_zh.txt").read_text(encoding="utf-8")
        assert "万- = 1e4" in text

    def test_grammar_file(self) -> None:
        """The grammar is found (packaged or beside the source) and starts at `start`."""
        assert "start: target" in grammar_text()

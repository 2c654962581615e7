"""Steps for the auditors' specs of the 指标值 language (features/targets/*.feature)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pint
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from scoring.engine import Status, TableScore, score_table
from scoring.language import Described, ParseError, Several, parse_actual, parse_target
from scoring.language.targets import Bound, Range, Target
from scoring.tables.model import Indicator, Table

scenarios("targets")

#: Chinese names of the kinds, as the feature files write them.
KINDS = {
    "数值": "bound",
    "区间": "range",
    "时限": "deadline",
    "日期": "date",
    "时间段": "period",
    "定性": "qualitative",
    "空白": "blank",
    "多个": "several",
    "含说明": "described",
}
PRECISIONS = {"日": "day", "月": "month", "年": "year"}
ROLES = "指标值|实际完成值|上年完成值"


@dataclass
class Reading:
    """What a scenario has written and what reading it gave."""

    text: str
    role: str
    year: int | None = None
    other_text: str | None = None
    other_role: str = "指标值"
    result: Target | None = None
    other: Target | None = None
    error: ParseError | None = None


def _read(text: str, role: str, year: int | None) -> Target:
    read = parse_target if role == "指标值" else parse_actual
    return read(text, year=year)


def _result(reading: Reading) -> Target:
    assert reading.error is None, f"读取失败：{reading.error}"
    assert reading.result is not None
    return reading.result


def _fields(reading: Reading) -> dict[str, Any]:
    return _result(reading).to_dict()


def _value(reading: Reading) -> Target:
    """The value read: the target itself, or the one inside a described text (结案率为95%)."""
    target = _result(reading)
    return target.target if isinstance(target, Described) else target


def _amounts(reading: Reading) -> tuple[Any, Any]:
    first, second = _result(reading), reading.other
    assert isinstance(first, Bound)
    assert isinstance(second, Bound)
    return first.amount.quantity, second.amount.quantity


@given(parsers.re(rf'(?P<role>{ROLES})写作"(?P<text>[^"]*)"'), target_fixture="reading")
def written(role: str, text: str) -> Reading:
    """A 指标值 / 实际完成值 / 上年完成值 as written in the table."""
    return Reading(text=text, role=role)


@given(parsers.re(rf'另一(?P<role>{ROLES})写作"(?P<text>[^"]*)"'))
def other_written(reading: Reading, role: str, text: str) -> None:
    """A second value, to compare with the first."""
    reading.other_text, reading.other_role = text, role


@given(parsers.re(rf'(?P<role>{ROLES})写作"(?P<text>[^"]*)"重复(?P<count>\d+)次'), target_fixture="reading")
def written_repeated(role: str, text: str, count: str) -> Reading:
    """A value written over and over (a hostile or broken cell)."""
    return Reading(text=text * int(count), role=role)


@given(parsers.re(rf'(?P<role>{ROLES})写作"(?P<text>[^"]*)"，前后各有(?P<count>\d+)个空格'), target_fixture="reading")
def written_padded(role: str, text: str, count: str) -> Reading:
    """A value with long runs of spaces around it."""
    pad = " " * int(count)
    return Reading(text=pad + text + pad, role=role)


@given(parsers.re(r"指标表年度为(?P<year>-?\d+)年?"))
def table_year(reading: Reading, year: str) -> None:
    """The year of the performance-target table (any integer: a year out of range is refused where needed)."""
    reading.year = int(year)


@when(parsers.re(rf"读取(?:{ROLES})"))
def read_it(reading: Reading) -> None:
    """Read the value (and the second one, if any)."""
    try:
        reading.result = _read(reading.text, reading.role, reading.year)
    except ParseError as exc:
        reading.error = exc
    if reading.other_text is not None:
        reading.other = _read(reading.other_text, reading.other_role, reading.year)


@then(parsers.re(r'类型为"(?P<kind>[^"]*)"'))
def kind_is(reading: Reading, kind: str) -> None:
    """The kind of target, by its Chinese name."""
    assert _fields(reading)["kind"] == KINDS[kind]


@then(parsers.re(r'比较符为"(?P<symbol>[^"]*)"'))
def comparator_is(reading: Reading, symbol: str) -> None:
    """The comparator, as ≥ ≤ > < =."""
    target = _value(reading)
    assert isinstance(target, Bound)
    assert target.op.symbol == symbol


@then("注明未写比较符")
def implied(reading: Reading) -> None:
    """The comparator was not written and "=" was taken."""
    assert _fields(reading).get("implied") is True


@then("标为约数")
def approximate(reading: Reading) -> None:
    """The value was written with 约 / 左右."""
    assert _fields(reading).get("approximate") is True


@then(parsers.re(r'数值为"(?P<value>[^"]*)"'))
def value_is(reading: Reading, value: str) -> None:
    """The number, compared exactly."""
    target = _value(reading)
    assert isinstance(target, Bound)
    assert target.amount.value == Decimal(value)


@then(parsers.re(r'单位为"(?P<unit>[^"]*)"'))
def unit_is(reading: Reading, unit: str) -> None:
    """The canonical unit (empty for a bare number)."""
    assert _value(reading).to_dict()["unit"] == unit


@then(parsers.re(r"共有(?P<count>\d+)个指标值"))
def part_count(reading: Reading, count: str) -> None:
    """How many values one cell holds."""
    target = _result(reading)
    assert isinstance(target, Several)
    assert len(target.parts) == int(count)


@then(parsers.re(r'第(?P<index>\d+)个指标值为"(?P<text>[^"]*)"'))
def part_is(reading: Reading, index: str, text: str) -> None:
    """One of several values, as it is shown (300人, ≥95%, 2026年6月前)."""
    target = _result(reading)
    assert isinstance(target, Several)
    assert str(target.parts[int(index) - 1]) == text


@then(parsers.re(r'保留说明文字"(?P<text>[^"]*)"'))
def words_kept(reading: Reading, text: str) -> None:
    """The words around the value are kept with it."""
    target = _result(reading)
    assert isinstance(target, Described)
    assert target.text == text


@then(parsers.re(r'区间为"(?P<low>[^"]*)"至"(?P<high>[^"]*)"'))
def range_is(reading: Reading, low: str, high: str) -> None:
    """The two ends of a range."""
    target = _result(reading)
    assert isinstance(target, Range)
    assert (target.low.value, target.high.value) == (Decimal(low), Decimal(high))
    assert target.low.unit_text == target.high.unit_text


@then(parsers.re(r'内容为"(?P<text>[^"]*)"'))
def text_is(reading: Reading, text: str) -> None:
    """The normalised words of a qualitative target or a blank."""
    assert _fields(reading)["text"] == text


@then(parsers.re(r'日期为"(?P<date>[^"]*)"'))
def date_is(reading: Reading, date: str) -> None:
    """The (last) day, as YYYY-MM-DD."""
    assert _value(reading).to_dict()["date"] == date


@then(parsers.re(r'开始于"(?P<date>[^"]*)"'))
def starts(reading: Reading, date: str) -> None:
    """The first day of a period."""
    assert _fields(reading)["start"] == date


@then(parsers.re(r'精确到"(?P<precision>[日月年])"'))
def precision_is(reading: Reading, precision: str) -> None:
    """Whether the text named a day, a month or only a year."""
    assert _fields(reading).get("precision", "day") == PRECISIONS[precision]


@then("日期须待指标表年度确定")
def date_pending(reading: Reading) -> None:
    """Without the table's year there is no date yet."""
    assert _fields(reading)["date"] is None


@then("两者数量相等")
def equal(reading: Reading) -> None:
    """The two quantities are equal once converted (compared in base units)."""
    first, second = _amounts(reading)
    assert first.to_base_units() == second.to_base_units()


@then("两者单位不同，不能比较大小")
def incomparable(reading: Reading) -> None:
    """The two units measure different things: ordering them is refused."""
    first, second = _amounts(reading)
    assert first.dimensionality != second.dimensionality
    with pytest.raises(pint.errors.DimensionalityError):
        _ = first < second


@then("读取失败")
def failed(reading: Reading) -> None:
    """The text was rejected."""
    assert reading.error is not None, f"不应读懂，却读作 {reading.result!r}"


@then(parsers.re(r"出错位置为第(?P<column>\d+)列"))
def error_column(reading: Reading, column: str) -> None:
    """The 1-based column of the error, in the text as written."""
    assert reading.error is not None
    assert reading.error.column == int(column)


@then(parsers.re(r'出错原因包含"(?P<gist>[^"]*)"'))
def error_gist(reading: Reading, gist: str) -> None:
    """The Chinese message says what is wrong."""
    assert reading.error is not None
    assert gist in reading.error.message


@then("出错提示为:")
def error_render(reading: Reading, docstring: str) -> None:
    """The whole message, with the text and a caret under the bad character."""
    assert reading.error is not None
    assert str(reading.error) == docstring


# --- a small 自评表 with one hostile cell (极端值.feature) --------------------------------------------------------


def _sheet(first: Indicator) -> Table:
    second = Indicator(name="保障人数", target="≥5人", weight=Decimal(10), actual="5人")
    return Table("自评表", (first, second), year=2026)


@given(parsers.re(r'一张自评表有两行，第一行的分值为"(?P<weight>[^"]*)"'), target_fixture="sheet")
def sheet_with_weight(weight: str) -> Table:
    """Two rows; the first one's 分值 as a budget system passes it (a number, however absurd)."""
    return _sheet(Indicator(name="项目个数", target="≥110个", weight=Decimal(weight), actual="99个"))


@given(
    parsers.re(r'一张自评表有两行，第一行的实际完成值为"(?P<text>[^"]*)"重复(?P<count>\d+)次'), target_fixture="sheet"
)
def sheet_with_actual(text: str, count: str) -> Table:
    """Two rows; the first one's 实际完成值 a text written over and over."""
    return _sheet(Indicator(name="项目个数", target="≥110个", weight=Decimal(10), actual=text * int(count)))


@when("评分", target_fixture="scored")
def score_sheet(sheet: Table) -> TableScore:
    """Score the sheet (never an exception)."""
    return score_table(sheet)


@then(parsers.re(r'第一行无法评分，原因包含"(?P<gist>[^"]*)"'))
def first_unscored(scored: TableScore, gist: str) -> None:
    """The first row could not be scored, and says why."""
    line = scored.lines[0]
    assert line.status is Status.ERROR, line
    assert gist in (line.error or ""), line.error


@then(parsers.re(r'第二行照常评分，得分为"(?P<points>[^"]*)"'))
def second_scored(scored: TableScore, points: str) -> None:
    """The other row is scored as usual."""
    assert scored.lines[1].points == Decimal(points)

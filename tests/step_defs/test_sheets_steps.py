"""Steps of features/tables/自评表读取.feature: sheets in the layouts county finance bureaus publish.

The sheets are built by ``tests/data/sheets/make_sheets.py`` (real rows, merged cells, Excel-native cells,
hidden sheets, GBK CSV) into a temporary folder; every step reads them with ``load_table`` and scores them with
``score_table``, as ``scoring score`` does.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from scoring.engine import Score, TableScore, score_table
from scoring.tables import apply_actuals, load_actuals, load_table
from scoring.tables.model import Indicator, Table

scenarios("tables/自评表读取.feature")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"
STANDARD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
ROW = ["产出指标", "数量指标", "项目个数", "≥110个", "99个", "10", "9", "部分项目推迟"]
#: 栏目 in the feature -> how to read it from an indicator.
FIELDS = {
    "三级指标": "name",
    "一级指标": "level1",
    "指标值": "target",
    "实际完成值": "actual",
    "分值": "weight",
    "自评得分": "reported",
    "偏差原因": "reason",
}
BREAKS = {"分值写成“十分”": "weight", "缺三级指标列": "name", "指标值写错": "target"}


def _make_sheets() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sheets", ROOT / "tests" / "data" / "sheets" / "make_sheets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make_sheets()


@pytest.fixture
def ctx(tmp_path: Path) -> dict[str, Any]:
    return {"folder": tmp_path}


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _indicator(ctx: dict[str, Any], name: str) -> Indicator:
    table: Table = ctx["table"]
    return next(i for i in table.indicators if i.name == name)


def _line(ctx: dict[str, Any], name: str) -> Score:
    result: TableScore = ctx["result"]
    return next(s for s in result.lines if s.indicator.name == name)


def _problems(table: Table) -> list[str]:
    return [*table.problems, *(p for i in table.indicators for p in i.problems)]


# --- given ------------------------------------------------------------------------------------------------


@given(parsers.parse('一张自评表把"{standard}"一列写作"{spelling}"'))
def renamed_header(ctx: dict[str, Any], standard: str, spelling: str) -> None:
    header = [spelling if h == standard else h for h in STANDARD]
    ctx["path"] = _csv(ctx["folder"] / "自评表.csv", [["项目支出绩效自评表"], header, ROW])


@given(parsers.parse('一张自评表最左边有合并的"{column}"列'))
def leading_column(ctx: dict[str, Any], column: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([column, *STANDARD])
    sheet.append([None, *ROW])
    sheet.append(["总分", None, None, None, None, None, 100, 90])
    sheet.merge_cells("A1:A2")
    ctx["path"] = ctx["folder"] / "自评表.xlsx"
    book.save(ctx["path"])


@given(
    parsers.re(
        '一张分列的指标表，表头为"(?P<sign_header>[^"]+)"、"(?P<value_header>[^"]+)"、"(?P<unit_header>[^"]+)"，'
        '一行依次写作"(?P<sign>[^"]*)"、"(?P<value>[^"]*)"、"(?P<unit>[^"]*)"'
    )
)
def split_table(
    ctx: dict[str, Any], sign_header: str, value_header: str, unit_header: str, sign: str, value: str, unit: str
) -> None:
    header = ["一级指标", "二级指标", "三级指标", sign_header, value_header, unit_header, "分值"]
    row = ["产出指标", "数量指标", "项目个数", sign, value, unit, "10"]
    ctx["path"] = _csv(ctx["folder"] / "分列指标表.csv", [header, row])


@given(parsers.parse('县财政局公布格式的"{name}"'))
def published(ctx: dict[str, Any], name: str) -> None:
    ctx["path"] = MAKE.build(ctx["folder"] / "good")[name]


@given(parsers.parse('县财政局公布格式的"{name}"的有错副本：{broken}'))
def broken_copy(ctx: dict[str, Any], name: str, broken: str) -> None:
    ctx["path"] = MAKE.build(ctx["folder"] / BREAKS[broken], BREAKS[broken])[name]


@given(parsers.parse('一张 Excel 自评表的实际完成值单元格存的是{value}，数字格式为"{number_format}"'))
def excel_cell(ctx: dict[str, Any], value: str, number_format: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(STANDARD)
    sheet.append(ROW)
    cell: Any
    if value.startswith("日期"):
        cell = dt.datetime.fromisoformat(value.removeprefix("日期"))
    else:
        cell = float(value) if "." in value else int(value)
    sheet["E2"] = cell
    sheet["E2"].number_format = number_format
    ctx["path"] = ctx["folder"] / "自评表.xlsx"
    book.save(ctx["path"])


# --- when -------------------------------------------------------------------------------------------------


@when("读取这张表")
def read_it(ctx: dict[str, Any]) -> None:
    ctx["table"] = load_table(ctx["path"])


@when("读取这张表并评分")
def read_and_score(ctx: dict[str, Any]) -> None:
    ctx["table"] = load_table(ctx["path"])
    ctx["result"] = score_table(ctx["table"])


# --- then: reading ----------------------------------------------------------------------------------------


@then(parsers.parse('第{number:d}个指标的{field}为"{text}"'))
def field_is(ctx: dict[str, Any], number: int, field: str, text: str) -> None:
    indicator = ctx["table"].indicators[number - 1]
    assert _text(getattr(indicator, FIELDS[field])) == text, indicator


@then(parsers.parse("第{number:d}个指标没有问题提示"))
def row_has_no_problem(ctx: dict[str, Any], number: int) -> None:
    assert ctx["table"].indicators[number - 1].problems == ()


@then(parsers.parse('第{number:d}个指标的问题提示包含"{text}"'))
def row_problem(ctx: dict[str, Any], number: int, text: str) -> None:
    problems = ctx["table"].indicators[number - 1].problems
    assert any(text in p for p in problems), problems


@then(parsers.parse("读出{count:d}个指标"))
def indicator_count(ctx: dict[str, Any], count: int) -> None:
    assert len(ctx["table"].indicators) == count


@then("没有问题提示")
def no_problems(ctx: dict[str, Any]) -> None:
    assert _problems(ctx["table"]) == []


@then("表头区读作:")
def header_block(ctx: dict[str, Any], datatable: list[list[str]]) -> None:
    table: Table = ctx["table"]
    extras = dict(table.extras)
    budget = table.budget
    values = {
        "表名": table.title,
        "年度": table.year,
        "项目名称": table.project,
        "主管部门": extras.get("authority"),
        "实施单位": extras.get("implementer"),
        "年度总体目标": table.goal,
        "年初预算数": budget and budget.initial,
        "全年预算数": budget and budget.planned,
        "全年执行数": budget and budget.spent,
        "预算执行率分值": table.budget_weight,
        "预算执行率自评得分": table.reported_budget,
        "自评总分": table.reported_total,
    }
    for field, text in datatable[1:]:
        assert _text(values[field.strip()]) == text.strip(), field


@then(parsers.parse('各指标都读自工作表"{sheet}"，隐藏的"{hidden}"不读'))
def from_sheet(ctx: dict[str, Any], sheet: str, hidden: str) -> None:
    for indicator in ctx["table"].indicators:
        assert f"工作表“{sheet}”" in indicator.source
        assert hidden not in indicator.source


@then(parsers.parse('这是一张部门整体表，部门为"{unit}"'))
def department(ctx: dict[str, Any], unit: str) -> None:
    assert (ctx["table"].kind, ctx["table"].unit) == ("department", unit)


@then(parsers.parse('指标"{name}"的{field}为"{text}"'))
def named_field(ctx: dict[str, Any], name: str, field: str, text: str) -> None:
    assert _text(getattr(_indicator(ctx, name), FIELDS[field])) == text


@then(parsers.parse('指标"{name}"没有分值，也没有问题提示'))
def reference_row(ctx: dict[str, Any], name: str) -> None:
    indicator = _indicator(ctx, name)
    assert (indicator.weight, indicator.problems) == (None, ())


@then(parsers.parse('有一条问题提示为"{text}"'))
def one_problem(ctx: dict[str, Any], text: str) -> None:
    assert _problems(ctx["table"]) == [text]


@then(parsers.parse("其余{count:d}个指标没有问题提示"))
def others_clean(ctx: dict[str, Any], count: int) -> None:
    assert sum(1 for i in ctx["table"].indicators if not i.problems) == count


# --- then: scoring ----------------------------------------------------------------------------------------


@then(parsers.parse('指标"{name}"不计分'))
def not_scored(ctx: dict[str, Any], name: str) -> None:
    assert _line(ctx, name).points is None


@then("评分完整")
def complete(ctx: dict[str, Any]) -> None:
    assert ctx["result"].complete


@then(parsers.parse("总分为{total}分，满分为{maximum}分"))
def total_is(ctx: dict[str, Any], total: str, maximum: str) -> None:
    assert (ctx["result"].total, ctx["result"].maximum) == (Decimal(total), Decimal(maximum))


@then("每一行的得分与按指标表和示例实际完成值评分相同")
def same_as_toml(ctx: dict[str, Any]) -> None:
    table, _ = apply_actuals(
        load_table(SEED / "援疆工作经费项目.toml"), load_actuals(SEED / "援疆工作经费项目.实际完成值.toml")
    )
    expected = {s.indicator.name: s.points for s in score_table(table).lines}
    assert {s.indicator.name: s.points for s in ctx["result"].lines} == expected


@then(parsers.parse('指标"{name}"无法评分，原因包含"{text}"'))
def unscored(ctx: dict[str, Any], name: str, text: str) -> None:
    line = _line(ctx, name)
    assert line.points is None
    assert text in (line.error or ""), line.error


@then(parsers.parse('指标"{name}"读自"{where}"'))
def read_from(ctx: dict[str, Any], name: str, where: str) -> None:
    assert _indicator(ctx, name).source == where


@then("其余指标都已评分")
def others_scored(ctx: dict[str, Any]) -> None:
    unscored = [s for s in ctx["result"].lines if s.points is None and s.indicator.weight is not None]
    assert len(unscored) == 1, [s.indicator.name for s in unscored]

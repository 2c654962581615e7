"""Steps of features/monitoring/读取监控表.feature: monitoring sheets and actuals files as the tables layer reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from scoring.engine.monitor import monitor_table
from scoring.engine.monitor_results import MonitorResult
from scoring.errors import TableReadError
from scoring.report.monitor_xlsx import monitor_xlsx
from scoring.tables import apply_actuals, load_actuals, load_table
from scoring.tables.model import Indicator, Table

scenarios("monitoring/读取监控表.feature")

SEED = Path(__file__).resolve().parents[2] / "indicators" / "2026-昌吉州对口援疆办"
#: Column titles of the feature's tables -> Indicator fields.
FIELDS = {
    "三级指标": "name",
    "1-M月执行情况": "actual",
    "全年预计完成情况": "expected",
    "1-M月计划值": "plan",
    "偏差原因类别": "reason_kind",
    "偏差原因": "reason",
    "完成目标可能性": "possibility",
}
CATEGORIES = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")


@pytest.fixture
def ctx(tmp_path: Path) -> dict[str, Any]:
    return {"tmp": tmp_path}


def _write(ctx: dict[str, Any], rows: list[list[str]], kind: str = "CSV") -> Path:
    """The rows as a file of the kind named: CSV (UTF-8), GBK 编码的 CSV, or Excel (a workbook of text cells)."""
    if kind == "Excel":
        path = ctx["tmp"] / "监控表.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append([cell or None for cell in row])
        for line in sheet.iter_rows():
            for cell in line:
                cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type  # =100% is text
        book.save(path)
        return path
    path = ctx["tmp"] / "监控表.csv"
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode("gbk" if "GBK" in kind else "utf-8"))
    return path


def _indicator(ctx: dict[str, Any], name: str) -> Indicator:
    table: Table = ctx["table"]
    return next(i for i in table.indicators if i.name == name)


@given(parsers.parse("一张{kind}监控表的单元格为:"))
def sheet_of_kind(ctx: dict[str, Any], kind: str, datatable: list[list[str]]) -> None:
    ctx["path"] = _write(ctx, [[c.strip() for c in row] for row in datatable], kind.strip())


@given("一张监控表的单元格为:")
def sheet_cells(ctx: dict[str, Any], datatable: list[list[str]]) -> None:
    ctx["path"] = _write(ctx, [[c.strip() for c in row] for row in datatable])


@given(parsers.parse('一张监控表的表头为"{a}"、"{b}"、"{c}"，一行为"{x}"、"{y}"、"{z}"'))
def sheet_header(ctx: dict[str, Any], a: str, b: str, c: str, x: str, y: str, z: str) -> None:
    ctx["path"] = _write(ctx, [[a, b, c], [x, y, z]])


@given(parsers.parse('一张监控表的"{category}"一列写作"{text}"'))
def sheet_category(ctx: dict[str, Any], category: str, text: str) -> None:
    header = ["三级指标", "指标值", "1-7月执行情况", *CATEGORIES, "完成目标可能性"]
    row = ["项目个数", "≥110个", "30个", *(text if c == category else "" for c in CATEGORIES), "有可能"]
    ctx["path"] = _write(ctx, [header, row])


@given("一份监控数字文件的单元格为:")
def actuals_cells(ctx: dict[str, Any], datatable: list[list[str]]) -> None:
    ctx["actuals"] = _write(ctx, [[c.strip() for c in row] for row in datatable])


@given(parsers.parse('指标表"{name}"和随附的示例"{example}"'))
def example(ctx: dict[str, Any], name: str, example: str) -> None:
    ctx["actuals"] = SEED / example


@given(parsers.parse('指标表"{name}"按示例"{example}"监控后写出监控表'))
def written_form(ctx: dict[str, Any], name: str, example: str) -> None:
    first = monitor_table(load_table(SEED / f"{name}.toml"), actuals=load_actuals(SEED / example))
    ctx["first"], ctx["path"] = first, ctx["tmp"] / "监控表.xlsx"
    ctx["path"].write_bytes(monitor_xlsx(first))


@given(parsers.parse("一份监控数字文件写明 month = {value}"))
def actuals_month(ctx: dict[str, Any], value: str) -> None:
    ctx["actuals"] = ctx["tmp"] / "执行情况.toml"
    ctx["actuals"].write_text(f'month = {value}\n[[actuals]]\nname = "项目个数"\nactual = "68个"\n', encoding="utf-8")


@given(parsers.parse('一份监控数字文件的内容为"{text}"'))
def actuals_text(ctx: dict[str, Any], text: str) -> None:
    ctx["actuals"] = ctx["tmp"] / "执行情况.toml"
    ctx["actuals"].write_text(text.replace("\\n", "\n").replace('\\"', '"'), encoding="utf-8")


@when("读取这份监控数字文件")
def read_actuals(ctx: dict[str, Any]) -> None:
    try:
        ctx["read"] = load_actuals(ctx["actuals"])
    except TableReadError as exc:
        ctx["error"] = exc


@then(parsers.parse("监控数字截至{month:d}月"))
def actuals_month_read(ctx: dict[str, Any], month: int) -> None:
    assert (ctx["read"].month, ctx["read"].problems) == (month, ())


@when("指定监控月份为7月监控这张表")
def monitor_sheet(ctx: dict[str, Any]) -> None:
    ctx["result"] = monitor_table(load_table(ctx["path"]), month=7)


@then("没有提示“不能评分”")
def no_weight_note(ctx: dict[str, Any]) -> None:
    assert not [p for p in ctx["result"].notes if "不能评分" in p]


@given("监控这张表后写出监控表")
def written_sheet(ctx: dict[str, Any]) -> None:
    ctx["first"] = monitor_table(load_table(ctx["path"]))
    ctx["path"] = ctx["tmp"] / "写出的监控表.xlsx"
    ctx["path"].write_bytes(monitor_xlsx(ctx["first"]))


@then(parsers.parse("写出的监控表{has}“{title}”一列"))
def form_column(ctx: dict[str, Any], has: str, title: str) -> None:
    sheet = openpyxl.load_workbook(ctx["path"]).worksheets[0]
    titles = {cell.value for row in sheet.iter_rows() for cell in row}
    assert (title in titles) is (has == "有")


@then(parsers.parse('读回的指标"{name}"的1-M月计划值为"{text}"'))
def plan_again(ctx: dict[str, Any], name: str, text: str) -> None:
    assert next(ln for ln in ctx["again"].lines if ln.name == name).indicator.plan == text


@when("监控读回的监控表")
def monitor_again(ctx: dict[str, Any]) -> None:
    ctx["again"] = monitor_table(load_table(ctx["path"]))


@then(parsers.parse("读回的监控月份为{month:d}月"))
def month_again(ctx: dict[str, Any], month: int) -> None:
    assert ctx["again"].month == month


def _lines(result: MonitorResult) -> list[tuple[Any, ...]]:
    return [(ln.name, ln.light, ln.findings, ln.error, ln.indicator.reason) for ln in result.lines]


@then("读回的各指标的灯、待说明事项和偏差原因说明与写出时相同")
def same_lights(ctx: dict[str, Any]) -> None:
    first, again = ctx["first"], ctx["again"]
    assert _lines(again) == _lines(first)
    assert (again.light, again.money_light) == (first.light, first.money_light)


@then("“监控结果”一行没有当作指标读入")
def no_result_row(ctx: dict[str, Any]) -> None:
    assert not any(ln.name.startswith("指标灯") for ln in ctx["again"].lines)
    assert len(ctx["again"].lines) == len(ctx["first"].lines)


@when("读取这张监控表")
def read_sheet(ctx: dict[str, Any]) -> None:
    try:
        ctx["table"] = load_table(ctx["path"])
    except TableReadError as exc:
        ctx["error"] = exc


@when(parsers.parse('把它填入指标表"{name}"'))
def fill(ctx: dict[str, Any], name: str) -> None:
    actuals = load_actuals(ctx["actuals"])
    ctx["table"], ctx["notes"] = apply_actuals(load_table(SEED / f"{name}.toml"), actuals)


@then(parsers.parse('监控月份读作"{text}"'))
def month(ctx: dict[str, Any], text: str) -> None:
    assert ctx["table"].month == (None if text == "未写明" else int(text.removesuffix("月")))


@then(parsers.parse("资金读作全年预算数{planned}万元、1-{m:d}月执行数{spent}万元"))
def money(ctx: dict[str, Any], planned: str, m: int, spent: str) -> None:
    budget = ctx["table"].budget
    assert budget is not None
    assert (str(budget.planned), str(budget.spent), ctx["table"].month) == (planned, spent, m)


@then("各指标读作:")
def rows_read(ctx: dict[str, Any], datatable: list[list[str]]) -> None:
    header, *body = datatable
    fields = [FIELDS[title.strip()] for title in header]
    read = [[getattr(i, field) or "" for field in fields] for i in ctx["table"].indicators]
    assert read == [[c.strip() for c in row] for row in body]


@then(parsers.re(r'第(?P<number>\d+)个指标的(?P<title>[^"]+)为"(?P<text>[^"]*)"'))
def nth_field(ctx: dict[str, Any], number: str, title: str, text: str) -> None:
    assert (getattr(ctx["table"].indicators[int(number) - 1], FIELDS[title]) or "") == text


@then(parsers.parse('指标"{name}"的{title}为"{text}"'))
def named_field(ctx: dict[str, Any], name: str, title: str, text: str) -> None:
    assert (getattr(_indicator(ctx, name), FIELDS[title]) or "") == text


@then("每个指标都有1-M月执行情况和全年预计完成情况")
def every_row(ctx: dict[str, Any]) -> None:
    assert all(i.actual and i.expected for i in ctx["table"].indicators)


@then("没有问题提示")
def no_problems(ctx: dict[str, Any]) -> None:
    table: Table = ctx["table"]
    assert [*table.problems, *ctx.get("notes", ()), *(p for i in table.indicators for p in i.problems)] == []


@then(parsers.parse('读取失败，原因为"{reason}"'))
def failed(ctx: dict[str, Any], reason: str) -> None:
    assert "error" in ctx, "读取成功了，没有报错"
    assert ctx["error"].reason == reason

"""Steps of features/tables/坏文件.feature: bad files, and what the tool says about each.

Every file is built in a temporary folder as a hostile user (or a broken export) would leave it, then read with
``iter_tables`` exactly as ``scoring score`` reads it.
"""

from __future__ import annotations

import os
import re
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from scoring.errors import TableReadError
from scoring.tables import iter_tables, load_table, write_table
from scoring.tables.model import Indicator, Table

scenarios("tables/坏文件.feature")

ENCODINGS = {
    "UTF-8": "utf-8",
    "带 BOM 的 UTF-8": "utf-8-sig",
    "GBK": "gbk",
    "带 BOM 的 UTF-16": "utf-16",
    "不带 BOM 的 UTF-16LE": "utf-16-le",
    "Latin-1": "latin-1",
}
ROWS = [
    ["产出指标", "数量指标", "项目个数", "≥110个", "10", "99个"],
    ["产出指标", "质量指标", "验收合格率", "≥95%", "10", "96%"],
]
#: 栏目 in the feature -> the Indicator field.
FIELDS = {
    "三级指标": "name",
    "指标值": "target",
    "分值": "weight",
    "赋分规则": "rule",
    "实际完成值": "actual",
    "来源": "source",
}


@pytest.fixture
def ctx(tmp_path: Path) -> dict[str, Any]:
    return {"folder": tmp_path, "encodings": {}, "header": []}


def _path(ctx: dict[str, Any], name: str) -> Path:
    path: Path = ctx["folder"] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _write_csv(ctx: dict[str, Any], name: str, rows: list[list[str]], encoding: str = "utf-8") -> None:
    _path(ctx, name).write_bytes("".join(",".join(row) + "\n" for row in rows).encode(encoding))
    ctx["encodings"][name] = encoding


def _table(ctx: dict[str, Any]) -> Table:
    assert "error" not in ctx, ctx.get("error")
    table: Table = ctx["tables"][0]
    return table


def _indicator(ctx: dict[str, Any], number: int) -> Indicator:
    return _table(ctx).indicators[number - 1]


def _sheet_xml(path: Path, change: Any) -> None:
    archive = zipfile.ZipFile(path)
    parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    archive.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, change(data) if name.startswith("xl/worksheets/sheet1") else data)


# --- files --------------------------------------------------------------------------------------------------------


@given(parsers.re(r"自评表的表头为(?P<headers>.+)"))
def standard_header(ctx: dict[str, Any], headers: str) -> None:
    ctx["header"] = re.findall(r"\"([^\"]+)\"", headers)


@given(parsers.parse('一个按{encoding}编码保存的 CSV 文件"{name}"，有两行指标'))
def csv_with_two_rows(ctx: dict[str, Any], encoding: str, name: str) -> None:
    _write_csv(ctx, name, [ctx["header"], *ROWS], ENCODINGS[encoding])


@given(parsers.parse('一个按{encoding}编码保存的 CSV 文件"{name}"，内容为"{text}"'))
def csv_text(ctx: dict[str, Any], encoding: str, name: str, text: str) -> None:
    _path(ctx, name).write_bytes(f"{text}\n".encode(ENCODINGS[encoding]))


@given(parsers.parse('一个 CSV 文件"{name}"，内容为:'))
def csv_table(ctx: dict[str, Any], name: str, datatable: list[list[str]]) -> None:
    _write_csv(ctx, name, datatable)


@given(parsers.re(r'文件"(?P<name>[^"]+)"的内容为"(?P<text>.*)"'))
def file_text(ctx: dict[str, Any], name: str, text: str) -> None:
    _path(ctx, name).write_text(f"{text}\n" if text else "", encoding="utf-8")


@given(parsers.parse('文件"{name}"第{number:d}行的"{text}"后混入两个无法识别的字节'))
def bad_bytes(ctx: dict[str, Any], name: str, number: int, text: str) -> None:
    path, encoding = _path(ctx, name), ctx["encodings"][name]
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = lines[number - 1].replace(text.encode(encoding), text.encode(encoding) + b"\xff\xff", 1)
    path.write_bytes(b"\n".join(lines))


@given(parsers.parse('文件"{name}"第{number:d}行改按 GBK 编码保存'))
def gbk_line(ctx: dict[str, Any], name: str, number: int) -> None:
    path, encoding = _path(ctx, name), ctx["encodings"][name]
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = lines[number - 1].decode(encoding).encode("gbk")
    path.write_bytes(b"\n".join(lines))


@given(parsers.parse('文件"{name}"第{number:d}行末尾多出一个{size:d}字的单元格'))
def huge_cell(ctx: dict[str, Any], name: str, number: int, size: int) -> None:
    path = _path(ctx, name)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] += "," + "字" * size
    path.write_text("\n".join(lines), encoding="utf-8")


@given(parsers.parse('文件"{name}"每个单元格都多出{size:d}个空格'))
def spaces(ctx: dict[str, Any], name: str, size: int) -> None:
    path = _path(ctx, name)
    lines = [line.split(",") for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(",".join(f"{c}{' ' * size}{c}" for c in line) for line in lines), encoding="utf-8")


@given(parsers.parse('一个 CSV 文件"{name}"，三级指标写作"{text}"'))
def control_characters(ctx: dict[str, Any], name: str, text: str) -> None:
    written = re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(int(m[1], 16)), text)
    _write_csv(ctx, name, [["三级指标", "指标值", "分值"], [written, "≥1个", "10"]])


@given(parsers.parse('一个 CSV 文件"{name}"，第2行的分值是{digits:d}位数字'))
def long_number(ctx: dict[str, Any], name: str, digits: int) -> None:
    _write_csv(ctx, name, [["三级指标", "指标值", "分值"], ["项目个数", "≥1个", "9" * digits], ["率", "≥95%", "5"]])


@given(parsers.re(r'"(?P<name>[^"]+)"是(?P<what>一个目录|不存在的文件|/dev/zero|一个命名管道)'))
def not_a_file(ctx: dict[str, Any], name: str, what: str) -> None:
    path = _path(ctx, name)
    if what == "一个目录":
        path.mkdir()
    elif what == "/dev/zero":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        path.symlink_to("/dev/zero")
    elif what == "一个命名管道":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(path)


# --- workbooks ----------------------------------------------------------------------------------------------------


def _add_sheet(ctx: dict[str, Any], name: str, title: str, rows: list[list[str]]) -> None:
    path = _path(ctx, name)
    book = openpyxl.load_workbook(path) if path.exists() else openpyxl.Workbook()
    if not path.exists():
        book.remove(book.active)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append([cell or None for cell in row])
    book.save(path)
    ctx["book"] = name


@given(parsers.parse('一个工作簿"{name}"，工作表"{title}"的内容为:'))
@given(parsers.parse('工作簿"{name}"的工作表"{title}"的内容为:'))
def workbook(ctx: dict[str, Any], name: str, title: str, datatable: list[list[str]]) -> None:
    _add_sheet(ctx, name, title, datatable)


@given(parsers.parse('一个工作簿"{name}"，工作表"{title}"有两行指标'))
def workbook_with_two_rows(ctx: dict[str, Any], name: str, title: str) -> None:
    _add_sheet(ctx, name, title, [ctx["header"], *ROWS])


@given(parsers.parse('工作表"{title}"的"{cells}"合并为一个单元格'))
def merged(ctx: dict[str, Any], title: str, cells: str) -> None:
    path = _path(ctx, ctx["book"])
    book = openpyxl.load_workbook(path)
    book[title].merge_cells(cells)
    book.save(path)


@given(parsers.parse('工作表"{title}"是隐藏的'))
def hidden(ctx: dict[str, Any], title: str) -> None:
    path = _path(ctx, ctx["book"])
    book = openpyxl.load_workbook(path)
    book[title].sheet_state = "hidden"
    book.save(path)


@given(parsers.parse('工作簿"{name}"只保存了一半'))
def truncated(ctx: dict[str, Any], name: str) -> None:
    path = _path(ctx, name)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@given(parsers.parse('工作簿"{name}"的工作表解压后多出 40 MB 空白'))
def bomb(ctx: dict[str, Any], name: str) -> None:
    _sheet_xml(_path(ctx, name), lambda xml: xml.replace(b"</worksheet>", b" " * (40 << 20) + b"</worksheet>"))


@given(parsers.parse('工作簿"{name}"的工作表在第20000000行第XFD列还有一格'))
def far_cell(ctx: dict[str, Any], name: str) -> None:
    far = b'<row r="20000000"><c r="XFD20000000" t="n"><v>1</v></c></row></sheetData>'
    _sheet_xml(_path(ctx, name), lambda xml: xml.replace(b"</sheetData>", far))


# --- TOML ---------------------------------------------------------------------------------------------------------


@given(parsers.parse('一个 TOML 文件"{name}"，第一个指标的分值写作 {weight}'))
def toml_weight(ctx: dict[str, Any], name: str, weight: str) -> None:
    second = '[[indicators]]\nname = "率"\ntarget = "≥95%"\nweight = "10"\n'
    text = f'[[indicators]]\nname = "个数"\ntarget = "≥1个"\nweight = {weight}\n{second}'
    _path(ctx, name).write_text(text, encoding="utf-8")


@given(parsers.parse('一个 TOML 文件"{name}"，嵌套{depth:d}层数组'))
def toml_nested(ctx: dict[str, Any], name: str, depth: int) -> None:
    _path(ctx, name).write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")


# --- reading ------------------------------------------------------------------------------------------------------


@when(parsers.parse('读取文件"{name}"'))
def read(ctx: dict[str, Any], name: str) -> None:
    started = time.perf_counter()
    try:
        ctx["tables"] = list(iter_tables(ctx["folder"] / name))
    except TableReadError as exc:
        ctx["error"], ctx["error_path"] = exc.reason, exc.path
    ctx["seconds"] = time.perf_counter() - started
    assert ctx.get("error_path", str(ctx["folder"] / name)) == str(ctx["folder"] / name)  # the file is named


@then(parsers.parse('无法读取，原因为"{reason}"'))
def refused(ctx: dict[str, Any], reason: str) -> None:
    assert ctx.get("error") == reason, ctx.get("error") or ctx.get("tables")


@then(parsers.parse('无法读取，原因包含"{text}"'))
def refused_with(ctx: dict[str, Any], text: str) -> None:
    assert text in ctx.get("error", ""), ctx.get("error") or ctx.get("tables")


@then(parsers.parse("读出{count:d}张表"))
def table_count(ctx: dict[str, Any], count: int) -> None:
    assert "error" not in ctx, ctx.get("error")
    assert len(ctx["tables"]) == count


@then(parsers.parse('第{number:d}个指标的{column}为"{value}"'))
def field_is(ctx: dict[str, Any], number: int, column: str, value: str) -> None:
    assert str(getattr(_indicator(ctx, number), FIELDS[column])) == value


@then(parsers.parse('第{number:d}个指标的问题提示包含"{text}"'))
def indicator_problem(ctx: dict[str, Any], number: int, text: str) -> None:
    problems = _indicator(ctx, number).problems
    assert any(text in problem for problem in problems), problems


@then(parsers.parse("第{number:d}个指标没有问题提示"))
def no_indicator_problem(ctx: dict[str, Any], number: int) -> None:
    assert _indicator(ctx, number).problems == ()


def _all_problems(ctx: dict[str, Any]) -> list[str]:
    assert "error" not in ctx, ctx.get("error")
    return [p for t in ctx["tables"] for p in (*t.problems, *(q for i in t.indicators for q in i.problems))]


@then(parsers.parse('提示包含"{text}"'))
def any_problem(ctx: dict[str, Any], text: str) -> None:
    problems = _all_problems(ctx)
    assert any(text in problem for problem in problems), problems


@then("没有问题提示")
def no_problems(ctx: dict[str, Any]) -> None:
    assert _all_problems(ctx) == []


@then(parsers.parse("全年预算数为{amount}万元"))
def planned(ctx: dict[str, Any], amount: str) -> None:
    budget = _table(ctx).budget
    assert budget is not None
    assert budget.planned == Decimal(amount)


@then(parsers.parse("第{number:d}个指标的三级指标含有控制字符"))
def has_control_characters(ctx: dict[str, Any], number: int) -> None:
    assert any(ord(c) < 0x20 for c in _indicator(ctx, number).name)


@then(parsers.parse('写成工作簿后读回的三级指标为"{name}"'))
def written_back(ctx: dict[str, Any], name: str) -> None:
    out = ctx["folder"] / "写回.xlsx"
    write_table(_table(ctx), out)
    assert load_table(out).indicators[0].name == name


@then(parsers.parse("读取用时不到{seconds:d}秒"))
def quick(ctx: dict[str, Any], seconds: int) -> None:
    assert ctx["seconds"] < seconds, ctx["seconds"]

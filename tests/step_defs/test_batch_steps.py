"""Steps of features/batch/: a region's year-end scored with one command (``scoring score 目录``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pytest_bdd import given, parsers, scenarios, then, when

from scoring.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "sheets"))
import make_sheets

scenarios("batch")


@pytest.fixture
def ctx(tmp_path: Path) -> dict[str, Any]:
    """The folder of sheets and what the command gave."""
    return {"tmp": tmp_path, "folder": tmp_path / "收到的自评表"}


@given("一个目录里有按县级财政部门格式做的自评表（项目表、援疆表、部门整体表、分列表）")
def _(ctx: dict[str, Any]) -> None:
    ctx["folder"].mkdir()
    make_sheets.build(ctx["folder"])


@given(parsers.parse('目录里还有一个损坏的文件"{name}"'))
def _(ctx: dict[str, Any], name: str) -> None:
    (ctx["folder"] / name).write_bytes(b"PK\x03\x04 not really a workbook")


def _run(ctx: dict[str, Any], capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    ctx["code"] = main(["score", str(ctx["folder"]), "--quiet", *extra])
    ctx["out"] = capsys.readouterr().out


@when("对这个目录批量评分")
def _(ctx: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    _run(ctx, capsys)


@when(parsers.parse('对这个目录批量评分并写出"{name}"'))
def _(ctx: dict[str, Any], capsys: pytest.CaptureFixture[str], name: str) -> None:
    _run(ctx, capsys, "-o", str(ctx["tmp"] / name))


@when(parsers.parse('再用{jobs:d}个进程批量评分并写出"{name}"'))
def _(ctx: dict[str, Any], capsys: pytest.CaptureFixture[str], jobs: int, name: str) -> None:
    _run(ctx, capsys, "--jobs", str(jobs), "-o", str(ctx["tmp"] / name))


@when(parsers.parse('对这个目录批量评分，并把每张表的自评表写到"{name}"目录'))
def _(ctx: dict[str, Any], capsys: pytest.CaptureFixture[str], name: str) -> None:
    (ctx["tmp"] / name).mkdir()
    _run(ctx, capsys, "--output-dir", str(ctx["tmp"] / name))


@then(parsers.parse("每张表一行，共{count:d}张表"))
def _(ctx: dict[str, Any], count: int) -> None:
    body = ctx["out"].split("-" * 20, 1)[1].split("\n\n", 1)[0]
    lines = [line for line in body.splitlines() if line.strip().strip("-")]
    assert len(lines) == count, ctx["out"]


@then(parsers.parse('汇总包含"{text}"'))
def _(ctx: dict[str, Any], text: str) -> None:
    assert text in ctx["out"], ctx["out"]


@then(parsers.parse("退出码为{code:d}"))
def _(ctx: dict[str, Any], code: int) -> None:
    assert ctx["code"] == code


@then(parsers.parse('工作簿有"{first}"和"{second}"两张工作表'))
def _(ctx: dict[str, Any], first: str, second: str) -> None:
    ctx["book"] = load_workbook(ctx["tmp"] / "汇总.xlsx")
    assert ctx["book"].sheetnames == [first, second]


@then(parsers.parse('"{sheet}"表每张自评表一行，共{count:d}行'))
def _(ctx: dict[str, Any], sheet: str, count: int) -> None:
    rows = [r for r in ctx["book"][sheet].iter_rows(min_row=2, values_only=True) if len(r) > 5 and r[5] is not None]
    tables = [r for r in rows if str(r[0]).startswith(str(ctx["folder"]))]
    assert len(tables) == count


@then(parsers.parse('"{sheet}"表的计算得分是数字'))
def _(ctx: dict[str, Any], sheet: str) -> None:
    header, *rows = list(ctx["book"][sheet].iter_rows(values_only=True))
    column = header.index("计算得分")
    points = [r[column] for r in rows if r[column] is not None]
    assert points
    assert all(isinstance(p, int | float) for p in points)


@then(parsers.parse('"{name}"每行是一张表的 JSON，共{count:d}行'))
def _(ctx: dict[str, Any], name: str, count: int) -> None:
    lines = (ctx["tmp"] / name).read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    assert all(json.loads(line)["schema"] == "scoring.table-score/1" for line in lines)


@then("两个文件逐字节相同")
def _(ctx: dict[str, Any]) -> None:
    assert (ctx["tmp"] / "结果.jsonl").read_bytes() == (ctx["tmp"] / "结果2.jsonl").read_bytes()


@then(parsers.parse('"{name}"目录里有{count:d}个 .xlsx 文件'))
def _(ctx: dict[str, Any], name: str, count: int) -> None:
    assert len(list((ctx["tmp"] / name).glob("*.xlsx"))) == count

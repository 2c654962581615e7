"""Monitoring fixes after the second review: an actuals file's month, dated-looking headers, TOML syntax in Chinese,
negative actuals to date, the plan in the written form, [policy.monitor] shares, the month's range, the batch
summary's month and colours, and the library's argument types."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import scoring
from scoring.cli import main
from scoring.cli.batch_cmd import _Painted
from scoring.engine.monitor import MonitorError, monitor_table
from scoring.engine.monitor_rules import Light
from scoring.engine.policy_error import PolicyError
from scoring.errors import TableReadError
from scoring.report.monitor_text import coloured
from scoring.report.monitor_xlsx import monitor_xlsx
from scoring.tables import load_actuals, load_table, months
from scoring.tables.actuals import Actuals
from scoring.tables.model import Indicator, Table

R, Y, G, B = Light.RED, Light.YELLOW, Light.GREEN, Light.BLUE

TABLE = """[table]
title = "项目支出绩效目标表"
kind = "project"
year = 2026
project = "测试项目"

[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "培训人次"
target = ">=120人次"
weight = "10"
"""


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def row(name: str, target: str, actual: str | None = None, **cells: Any) -> Indicator:
    return Indicator(name=name, target=target, weight=cells.pop("weight", "10"), actual=actual, **cells)


def table(*rows: Indicator, month: int | None = 7, **kw: Any) -> Table:
    return Table(title="项目支出绩效目标执行监控表", year=2026, month=month, indicators=rows, **kw)


# --- 4: an actuals file's month ---------------------------------------------------------------------------------------


class TestActualsMonth:
    @pytest.mark.parametrize(
        ("value", "why"),
        [("13", "月份应为1至12，却是“13月”"), ("7.5", "月份应为1至12（如 7、“7月”或“1-7月”），却是“7.5”")],
    )
    def test_bad_month_is_a_read_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str, why: str
    ) -> None:
        """``month = 13`` with --month 6 used to run as 1-6月 with exit 0; now the file is refused, naming the key."""
        t = write(tmp_path, "t1.toml", TABLE)
        a = write(tmp_path, "a3.toml", f'month = {value}\n[[actuals]]\nname = "培训人次"\nactual = "60人次"\n')
        code, out, err = run(capsys, "monitor", t, "--actuals", a, "--month", "6")
        assert (code, out) == (2, "")
        assert "a3.toml" in err
        assert f"“month”（监控月份）：{why}" in err

    def test_chinese_month_is_read_as_headers_are(self, tmp_path: Path) -> None:
        """``"七"`` is July, as ``一至七月执行情况`` is in a header (months.py)."""
        a = write(tmp_path, "a.toml", 'month = "七"\n[[actuals]]\nname = "培训人次"\nactual = "60人次"\n')
        assert load_actuals(a).month == 7


# --- 5: dated-looking headers -----------------------------------------------------------------------------------------


class TestDatedLookingHeaders:
    @pytest.mark.parametrize(
        ("header", "why"),
        [
            ("7月执行情况", "只写了“7月”，可能是该月当月的数字；监控数应为自1月起的累计数，请写作“1-7月执行情况”"),
            ("2-7月执行情况", "监控数应为自1月起的累计数，却是“2-7月”"),
            ("十三月执行情况", "月份应为1至12，却是“十三月”"),
            ("二季度执行情况", "只写了第2季度"),
            ("下半年执行情况", "下半年不含1-6月"),
        ],
    )
    def test_refused_naming_the_column(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, header: str, why: str
    ) -> None:
        """Each was read as "no month", so --month 7 said every row lacked 1-7月执行情况 though it was full."""
        assert months.dated(header) is None
        assert why in (months.misdated(header) or "")
        path = write(tmp_path, "h.csv", f"三级指标,指标值,{header}\n项目个数,≥110个,68个\n")
        code, out, err = run(capsys, "monitor", path, "--month", "7")
        assert (code, out) == (2, "")
        assert f"第1行第3列“{header}”：" in err
        assert why in err

    @pytest.mark.parametrize(
        ("header", "month"),
        [("上半年执行情况", 6), ("前三季度完成情况", 9), ("一季度执行情况", 3), ("截至三季度末完成情况", 9)],
    )
    def test_half_years_and_quarters(self, tmp_path: Path, header: str, month: int) -> None:
        """What finance bureaus write: 上半年 is 1-6月, 前三季度 1-9月, 一季度 1-3月."""
        assert months.dated(header) == ("actual", month)
        path = write(tmp_path, "h.csv", f"三级指标,指标值,{header}\n项目个数,≥110个,68个\n")
        result = monitor_table(load_table(path))
        assert (result.month, result.lines[0].indicator.actual, result.lines[0].error) == (month, "68个", None)

    def test_no_weight_note_when_monitoring(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The year-end note about a missing 分值 column is irrelevant to monitoring and left out of its JSON."""
        path = write(tmp_path, "p.csv", "三级指标,指标值,实际完成值\n项目个数,≥110个,68个\n")
        assert any("不能评分" in p for p in load_table(path).problems)  # still said to `score`
        code, out, _ = run(capsys, "monitor", path, "--month", "7", "--json")
        assert code == 0
        assert not any("不能评分" in note for note in json.dumps(json.loads(out), ensure_ascii=False).split(","))


# --- 6: TOML syntax in Chinese ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("loader", [load_actuals, load_table])
def test_unclosed_array_table(tmp_path: Path, loader: Any) -> None:
    """``[[actuals]`` (or ``[[indicators]``) said "原文：Expected ']]' at the end of an array declaration"."""
    path = write(tmp_path, "bad.toml", 'month = 7\n[[actuals]\nname = "x"\n')
    with pytest.raises(TableReadError) as caught:
        loader(path)
    assert caught.value.reason == "TOML 格式有误（第2行第10列）：数组表名缺少“]]”（如 [[actuals]]、[[indicators]]）"


# --- 7: negative actuals to date --------------------------------------------------------------------------------------


class TestNegative:
    @pytest.mark.parametrize(
        ("name", "target", "actual", "why"),
        [
            ("成本", "≤24万元", "-5万元", "1-7月执行情况不能为负数，却是“-5万元”（累计的数量、金额不会小于0，请核对）"),
            ("个数", "≥10个", "-2个", "累计的数量、金额不会小于0"),
            ("投诉率", "≤5%", "-1%", "指标值“≤5%”不会为负"),
        ],
    )
    def test_an_error_for_the_row(self, name: str, target: str, actual: str, why: str) -> None:
        """These were silently green (成本, 投诉率) or a red progress of -34.29% (个数)."""
        result = monitor_table(table(row(name, target, actual), row("满意度", "≥90%", "95%")))
        line = result.lines[0]
        assert (line.light, why in (line.error or "")) == (None, True)
        assert result.lines[1].light is G  # the other rows are still judged

    @pytest.mark.parametrize(
        ("name", "target", "actual", "light"),
        [("成本变动率", "≤0", "-3%", G), ("收入增长率", "≥-5%", "-2%", G), ("成本变动率", "≤5%", "-1%", G)],
    )
    def test_allowed_where_the_value_may_be_negative(self, name: str, target: str, actual: str, light: Light) -> None:
        assert monitor_table(table(row(name, target, actual))).lines[0].light is light


# --- 9: the plan in the written form ----------------------------------------------------------------------------------


def _headers(data: bytes) -> list[Any]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [sheet.cell(9, column).value for column in range(1, sheet.max_column + 1)]


class TestPlanInTheForm:
    def test_plan_column_and_read_back(self, tmp_path: Path) -> None:
        """A row with a 1-7月计划值 kept its light only because of the plan; reading the form back lost it (red)."""
        first = monitor_table(table(row("培训人次", "≥120人次", "38人次", plan="40人次"), row("个数", "≥12个", "7个")))
        assert [line.light for line in first.lines] == [G, G]
        data = monitor_xlsx(first)
        assert _headers(data)[4:7] == ["年度指标值", "1-7月计划值", "1-7月执行情况"]
        path = tmp_path / "监控表.xlsx"
        path.write_bytes(data)
        again = monitor_table(load_table(path))
        assert [(line.light, line.indicator.plan) for line in again.lines] == [(G, "40人次"), (G, None)]

    def test_national_layout_without_plans(self) -> None:
        data = monitor_xlsx(monitor_table(table(row("个数", "≥12个", "7个"))))
        headers = _headers(data)
        assert headers[4:7] == ["年度指标值", "1-7月执行情况", "全年预计完成情况"]
        assert "1-7月计划值" not in headers


# --- 10: [policy.monitor] in a table names its file -------------------------------------------------------------------


def test_table_policy_error_names_the_file() -> None:
    bad = table(row("个数", "≥12个", "7个"), policy={"monitor": {"red_below": 2}}, source="t1.toml")
    with pytest.raises(
        PolicyError, match=re.escape("t1.toml：[policy.monitor] 中“red_below”的取值 2（不带%）含义不明")
    ):
        monitor_table(bad)


def test_boolean_shown_as_toml_writes_it() -> None:
    with pytest.raises(PolicyError, match=r"却是 true$"):
        monitor_table(table(row("个数", "≥12个", "7个")), policy={"monitor": {"red_below": True}})


# --- 11: the month's range first --------------------------------------------------------------------------------------


@pytest.mark.parametrize("month", [0, 13])
def test_month_range_before_the_file_month(month: int) -> None:
    """``month=0`` with a file of month 7 said "指定的监控月份为0月，两者不一致"."""
    with pytest.raises(MonitorError, match=f"^监控月份应为1至12，却是{month}$"):
        monitor_table(table(row("个数", "≥12个", "7个"), month=None), month=month, actuals=Actuals((), month=7))


# --- 12: the batch summary's month and colours ------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_line_coloured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = _Terminal()
    _Painted(out, coloured).write("a.toml  7月  [红灯]  [绿灯]\n")
    assert "\x1b[" in out.getvalue()
    assert "[红灯]" not in out.getvalue()
    plain = io.StringIO()
    _Painted(plain, coloured).write("a.toml  7月  [红灯]\n")
    assert plain.getvalue() == "a.toml  7月  [红灯]\n"


def test_batch_line_shows_each_month(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Projects of different months side by side: each line says its month, as the 汇总 sheet does."""
    write(tmp_path, "a.csv", "三级指标,指标值,1-6月执行情况\n个数,≥12个,6个\n")
    write(tmp_path, "b.csv", "三级指标,指标值,1-7月执行情况\n个数,≥12个,7个\n")
    _code, out, _ = run(capsys, "monitor", tmp_path, "--quiet")
    lines = out.splitlines()
    assert lines[0].split()[3] == "月份"
    assert [re.findall(r" ([67]月) ", line) for line in lines if ".csv" in line] == [["6月"], ["7月"]]


# --- 13: the library's argument types ---------------------------------------------------------------------------------


def test_path_instead_of_a_table(tmp_path: Path) -> None:
    """``scoring.monitor_table('t1.toml', month=7)`` raised a raw AttributeError."""
    with pytest.raises(TypeError, match=r"table（指标表）应为 Table，却是 str.*scoring\.load_table"):
        scoring.monitor_table("t1.toml", month=7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"却是 PosixPath.*scoring\.load_table"):
        scoring.monitor_table(tmp_path / "t1.toml", month=7)  # type: ignore[arg-type]

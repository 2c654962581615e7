"""The monitoring reports (Part C, "双监控"): the Chinese terminal view, the ``scoring.monitor/1`` JSON and the
national 项目支出绩效目标执行监控表, from tables built in code (no sheet reader involved)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook

import scoring
from scoring.display import width
from scoring.engine.monitor import monitor_table
from scoring.engine.monitor_results import MonitorResult
from scoring.engine.monitor_rules import Light
from scoring.report.monitor_json import SCHEMA, monitor_dict, render_monitor_json, render_monitor_jsonl, schema
from scoring.report.monitor_text import coloured, render_monitor, render_monitor_markdown
from scoring.report.monitor_xlsx import FORM_MONITOR, LIGHT_FILLS, NOTES_TITLE, monitor_xlsx
from scoring.tables.model import Budget, Indicator, Table


def _row(name: str, target: str, actual: str | None, level1: str, level2: str, **more: Any) -> Indicator:
    return Indicator(name, target, 10, level1=level1, level2=level2, actual=actual, **more)


def seven_rows(**table: Any) -> Table:
    """A project at the end of July: one row of each kind of target, one without an actual."""
    rows = (
        _row("新建校舍个数", "≥110个", "50个", "产出指标", "数量指标", expected="100个"),
        _row("评审次数", "≥2次", "2次", "产出指标", "数量指标"),
        _row("验收合格率", "≥95%", "96%", "产出指标", "质量指标"),
        _row("项目完成时限", "2026年12月31日前", "进行中", "产出指标", "时效指标"),
        _row(
            "单位改造成本",
            "≤48.30万元/套",
            "50万元/套",
            "成本指标",
            "经济成本指标",
            reason="建材涨价",
            reason_kind="经费保障",
            possibility="有可能",
        ),
        _row("办学条件改善", "有效改善", "部分达成", "效益指标", "社会效益指标"),
        _row("师生满意度", "≥95%", None, "满意度指标", "服务对象满意度指标"),
    )
    options: dict[str, Any] = {"year": 2026, "unit": "某某区教育局", "project": "义务教育薄弱环节改善项目"}
    options |= {"month": 7, "budget": Budget("100.00", "48.00")} | table
    return Table("项目支出绩效目标执行监控表", rows, **options)


@pytest.fixture(scope="module")
def result() -> MonitorResult:
    return monitor_table(seven_rows())


def _validate(document: object) -> None:
    jsonschema.validate(document, schema())


class TestText:
    def test_header_has_both_lights(self, result: MonitorResult) -> None:
        """The view opens with the project, the unit, 1-7月 and the two lights side by side."""
        first, second = render_monitor(result).splitlines()[:2]
        assert first == "义务教育薄弱环节改善项目（2026年）  某某区教育局  1-7月执行情况监控"
        assert second == "指标灯：[红灯]  资金灯：[绿灯]"

    def test_each_row_with_its_steps(self, result: MonitorResult) -> None:
        """A row shows its plan and progress and below it the steps, the 预计无法完成 mark and what to explain."""
        text = render_monitor(result)
        assert (
            "计划进度 = 110个 × 7/12 ≈ 64.17个；完成进度 = 50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7) ≈ 77.92%；黄灯（60.00% ≤ 完成进度 < 80.00%）"
            in text
        )
        row = next(line for line in text.splitlines() if "新建校舍个数" in line)
        assert "64.17个" in row
        assert "77.92%" in row
        assert "[黄灯]" in row
        assert "预计无法完成" in row
        assert "待说明：" in text
        assert "偏差原因：经费保障——建材涨价；完成目标可能性：有可能" in text
        assert "无法判断：未填写1-7月执行情况" in text

    def test_money_and_summary(self, result: MonitorResult) -> None:
        text = render_monitor(result)
        assert (
            "资金：全年预算数 100.00万元，1-7月执行数 48.00万元，执行率 48.00%，资金进度 82.29%，资金灯 [绿灯]" in text
        )
        assert "小结：红灯 1 项，黄灯 2 项，绿灯 2 项，蓝灯 1 项；无法判断 1 项；预计无法完成 1 项" in text
        assert "需说明而未说明的指标 2 项：" in text
        assert "无法判断的指标 1 项：" in text

    def test_columns_line_up_in_cjk_width(self, result: MonitorResult) -> None:
        """Every row line puts its light mark at the same terminal column (CJK characters take two)."""
        lines = [line for line in render_monitor(result).splitlines() if line[:4].strip().isdigit()]
        assert len(lines) == 7
        columns = {width(line[: line.index("[")]) for line in lines if "[" in line}
        assert len(columns) == 1

    def test_plain_text_has_no_escape_codes(self, result: MonitorResult) -> None:
        assert "\x1b" not in render_monitor(result)

    def test_coloured_badges_keep_the_width(self, result: MonitorResult) -> None:
        """On a terminal a mark becomes a coloured badge of the same width; light words get their colour."""
        from rich.console import Console

        plain = render_monitor(result)
        text = coloured(plain)
        assert width(text.plain) == width(plain)
        assert "[黄灯]" not in text.plain
        assert " 黄灯 " in text.plain
        out = io.StringIO()
        Console(file=out, force_terminal=True, color_system="standard", soft_wrap=True).print(text, end="")
        assert "\x1b[" in out.getvalue()
        styles = {str(span.style) for span in text.spans}
        assert {"bold white on red", "bold black on yellow", "bold white on green", "bold white on blue"} <= styles

    def test_markdown(self, result: MonitorResult) -> None:
        md = render_monitor_markdown(result)
        assert md.startswith("## 义务教育薄弱环节改善项目")
        assert "| 1 | 新建校舍个数 | ≥110个 | 50个 | 64.17个 | 77.92% | [黄灯] | 预计无法完成、待说明 |" in md

    def test_without_budget(self) -> None:
        result = monitor_table(seven_rows(budget=None))
        assert "资金灯：—（未给出预算数）" in render_monitor(result)
        assert "资金：" not in render_monitor(result)


class TestJson:
    def test_validates_and_has_the_documented_shape(self, result: MonitorResult) -> None:
        data = json.loads(render_monitor_json(result))
        _validate(data)
        assert data["schema"] == SCHEMA == "scoring.monitor/1"
        assert (data["month"], data["project"], data["light"], data["money_light"]) == (
            7,
            "义务教育薄弱环节改善项目",
            "red",
            "green",
        )
        assert data["budget"] == {
            "planned": "100.00",
            "spent": "48.00",
            "rate": "48.00",
            "expected": None,
            "progress": "82.29",
            "light": "green",
            "light_label": "绿灯",
            "steps": [
                "执行率 = 1-7月执行数48.00万元 ÷ 全年预算数100.00万元 = 48.00%",
                "资金进度 = 执行率48.00% ÷ 时间进度7/12 ≈ 82.29%",
                "绿灯（资金进度 ≥ 80.00%）",
            ],
            "warnings": [],
            "error": None,
        }
        assert data["counts"] == {
            "red": 1,
            "yellow": 2,
            "green": 2,
            "blue": 1,
            "unjudged": 1,
            "not_applicable": 0,
            "expected_miss": 1,
        }
        assert data["complete"] is False
        assert len(data["unexplained"]) == len(result.findings)

    def test_one_row(self, result: MonitorResult) -> None:
        row = monitor_dict(result)["indicators"][0]
        assert {k: row[k] for k in ("name", "target", "actual", "expected", "plan", "kind", "progress")} == {
            "name": "新建校舍个数",
            "target": "≥110个",
            "actual": "50个",
            "expected": "100个",
            "plan": "64.17个",
            "kind": "cumulative",
            "progress": "77.92",
        }
        assert (row["light"], row["light_label"], row["expected_miss"]) == ("yellow", "黄灯", True)
        assert row["steps"][0] == "计划进度 = 110个 × 7/12 ≈ 64.17个"
        assert row["findings"]
        assert row["error"] is None

    def test_kinds_and_unjudged_row(self, result: MonitorResult) -> None:
        rows = monitor_dict(result)["indicators"]
        assert [r["kind"] for r in rows] == [
            "cumulative",
            "cumulative",
            "level",
            "deadline",
            "level",
            "qualitative",
            None,
        ]
        assert rows[4]["reason_kind"] == ["经费保障"]
        assert rows[4]["possibility"] == "有可能"
        assert rows[6]["light"] is None
        assert rows[6]["error"] == "未填写1-7月执行情况"

    def test_no_floats_anywhere(self, result: MonitorResult) -> None:
        def walk(value: object) -> None:
            assert not isinstance(value, float)
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(monitor_dict(result))

    def test_jsonl_is_one_line(self, result: MonitorResult) -> None:
        text = render_monitor_jsonl(result)
        assert text.count("\n") == 1
        _validate(json.loads(text))

    @pytest.mark.parametrize("budget", [None, Budget(0, 5)])
    def test_without_or_with_a_bad_budget(self, budget: Budget | None) -> None:
        data = monitor_dict(monitor_table(seven_rows(budget=budget)))
        _validate(data)
        if budget is None:
            assert data["budget"] is None
            assert data["money_light"] is None
        else:
            assert data["budget"]["error"]
            assert data["budget"]["light"] is None

    def test_a_table_without_any_light(self) -> None:
        table = Table("表", (_row("x", "≥1个", None, "产出指标", "数量指标"),), month=3)
        data = monitor_dict(monitor_table(table))
        _validate(data)
        assert data["light"] is None
        assert data["counts"]["unjudged"] == 1


def _fill(cell: Any) -> str | None:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None


@pytest.fixture(scope="module")
def book(result: MonitorResult) -> Any:
    return load_workbook(io.BytesIO(monitor_xlsx(result)))


class TestXlsx:
    def test_sheets_and_header_block(self, book: Any) -> None:
        assert book.sheetnames == [FORM_MONITOR, NOTES_TITLE]
        sheet = book[FORM_MONITOR]
        assert sheet["A1"].value == "项目支出绩效目标执行监控表"
        assert sheet["A2"].value == "（2026年度 1-7月）"
        assert (sheet["A3"].value, sheet["C3"].value) == ("项目名称", "义务教育薄弱环节改善项目")
        assert (sheet["A4"].value, sheet["G4"].value, sheet["H4"].value) == ("主管部门", "实施单位", "某某区教育局")
        headers = [sheet.cell(5, c).value for c in range(4, 13)]
        assert headers == [
            "年初预算数",
            "全年预算数",
            "1-7月执行数",
            "执行率",
            "资金进度",
            None,
            "资金灯",
            None,
            "说明",
        ]
        assert [str(sheet.cell(6, c).value) for c in (5, 6, 7, 8)] == ["100", "48", "0.48", "0.8229"]
        assert sheet["G6"].number_format == "0.00%"
        assert sheet["J6"].value == "绿灯"
        assert _fill(sheet["J6"]) == LIGHT_FILLS[Light.GREEN]

    def test_indicator_block(self, book: Any) -> None:
        sheet = book[FORM_MONITOR]
        titles = [sheet.cell(9, c).value for c in range(1, 16)]
        assert titles[:7] == [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "1-7月执行情况",
            "全年预计完成情况",
        ]
        assert (titles[7], titles[13], titles[14]) == ("偏差原因分析", "完成目标可能性", "备注")
        assert [sheet.cell(10, c).value for c in range(8, 14)] == [
            "经费保障",
            "制度保障",
            "人员保障",
            "硬件条件保障",
            "其他",
            "偏差原因说明",
        ]
        names = [sheet.cell(r, 4).value for r in range(11, 18)]
        assert names == [
            "新建校舍个数",
            "评审次数",
            "验收合格率",
            "项目完成时限",
            "单位改造成本",
            "办学条件改善",
            "师生满意度",
        ]
        assert sheet["G11"].value == "100个"
        assert sheet["H15"].value == "√"
        assert sheet["I15"].value is None
        assert sheet["N15"].value == "有可能"
        assert sheet["O11"].value.startswith("黄灯（预计无法完成）；计划进度 = 110个 × 7/12 ≈ 64.17个")
        assert sheet["M10"].value == "偏差原因说明"
        assert sheet["M15"].value == "建材涨价"
        assert "偏差原因" not in sheet["O15"].value

    def test_lights_as_fills(self, book: Any) -> None:
        """The 1-M月执行情况 cell of each row is filled in its light's colour; no light is grey."""
        sheet = book[FORM_MONITOR]
        fills = [_fill(sheet.cell(r, 6)) for r in range(11, 18)]
        red, yellow, green, blue = (LIGHT_FILLS[light] for light in Light)
        assert fills == [yellow, blue, green, green, red, yellow, "D9D9D9"]
        result_row = next(r for r in range(18, 25) if sheet.cell(r, 1).value == "监控结果")
        assert sheet.cell(result_row, 4).value == "指标灯：红灯"
        assert _fill(sheet.cell(result_row, 4)) == red
        assert sheet.cell(result_row, 5).value == "资金灯：绿灯"
        assert _fill(sheet.cell(result_row, 5)) == green

    def test_merges(self, book: Any) -> None:
        """一级 and 二级 groups are merged as in the score form; the 偏差原因分析 title spans its five category columns
        and the 偏差原因说明 column."""
        merged = {str(r) for r in book[FORM_MONITOR].merged_cells.ranges}
        assert {"B11:B14", "C11:C12", "A9:A17", "H9:M9", "B9:B10", "N9:N10", "O9:O10", "A1:O1"} <= merged

    def test_notes_sheet(self, book: Any) -> None:
        sheet = book[NOTES_TITLE]
        assert [sheet.cell(3, c).value for c in range(1, 8)] == [
            "序号", "三级指标", "指示灯", "完成进度", "预计无法完成", "监控说明", "待说明",
        ]  # fmt: skip
        assert (sheet["B4"].value, sheet["C4"].value, str(sheet["D4"].value)) == ("新建校舍个数", "黄灯", "0.7792")
        assert sheet["F4"].value.startswith("计划进度 = 110个 × 7/12 ≈ 64.17个；完成进度")
        assert _fill(sheet["C4"]) == LIGHT_FILLS[Light.YELLOW]
        assert sheet["B11"].value == "资金"
        assert sheet["C11"].value == "绿灯"
        assert any(str(c.value).startswith("小结：") for c in sheet["A"])

    def test_stable_bytes_and_neutral_cells(self) -> None:
        """The same result gives the same bytes; a cell that looks like a formula stays text."""
        table = seven_rows()
        odd = table.with_indicators((_row("=HYPERLINK(1)", "≥2次", "2次", "产出指标", "数量指标"),))
        first, second = monitor_xlsx(monitor_table(odd)), monitor_xlsx(monitor_table(odd))
        assert first == second
        cell = load_workbook(io.BytesIO(first))[FORM_MONITOR]["D11"]
        assert cell.value == "=HYPERLINK(1)"
        assert cell.data_type == "s"


class TestLibrary:
    def test_exported(self) -> None:
        """``scoring.monitor_table``, ``MonitorResult`` and ``Light`` are part of the public API."""
        result = scoring.monitor_table(seven_rows())
        assert isinstance(result, scoring.MonitorResult)
        assert result.light is scoring.Light.RED
        assert result.money_light is scoring.Light.GREEN
        assert scoring.Light.YELLOW.code == "yellow"


def test_documented_example_validates() -> None:
    """The monitoring example in docs/json.md is a valid document of the current schema."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text(encoding="utf-8")
    section = text[text.index("# The JSON of mid-year monitoring") :]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block is not None
    document = json.loads(block.group(1))
    _validate(document)
    assert document["schema"] == SCHEMA

"""The XLSX report: the standard 项目支出绩效自评表 with typed cells, and a 评分说明 sheet; it reads back to the same scores.

Sheet 1 is checked cell by cell (numbers are numbers, 执行率 a percent cell, ``=100%`` text, 一级/二级 merged,
flagged rows filled); sheet 2 carries every explanation; reading sheet 1 with ``load_table`` and scoring it
again gives the same points per indicator and the same total, for the seed's three tables and for tables with a
reference row, unscorable rows and a department table.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from openpyxl import load_workbook

from scoring.engine import score_table
from scoring.engine.results import Status, TableScore
from scoring.report import write_xlsx
from scoring.report.wording import explain
from scoring.report.xlsx_form import BUDGET_HEADERS, INDICATOR_HEADERS, note_of
from scoring.report.xlsx_grid import FILLS
from scoring.report.xlsx_notes import NOTES_HEADERS
from scoring.tables import load_actuals, load_table
from scoring.tables.model import Budget, Funds, Indicator, Table

SEED = Path(__file__).resolve().parents[1] / "indicators" / "2026-昌吉州对口援疆办"
SEED_TABLES = ("援疆工作经费项目", "机构运行保障经费", "部门整体绩效目标表")
D = Decimal


def _row(name: str, target: str, weight: str | None, level: tuple[str, str], **fields: Any) -> Indicator:
    return Indicator(name=name, target=target, weight=weight, level1=level[0], level2=level[1], **fields)


QUANTITY, QUALITY, TIME = ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标")
SOCIAL, SATISFACTION = ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标")
PROPORTIONAL = "按照完成比例赋分"


def _project() -> Table:
    """Every kind of row: short with a differing 自评, reference, ``=100%``, unreadable, no actual, graded, late."""
    rows = (
        _row("项目个数", "≥110个", "10", QUANTITY, rule=PROPORTIONAL, actual="99个", reported="10", reason="-延期"),
        _row("其中：桃树种植面积", "≥50亩", None, QUANTITY, actual="40亩"),
        _row("申报成功率", "=100%", "10", QUALITY, rule=PROPORTIONAL, actual="97%"),
        _row("评审次数", ">=2次", "10", QUALITY, rule=PROPORTIONAL, actual="3次"),
        _row("坏指标", "≥≥110个", "10", QUALITY, actual="5个"),
        _row("未填", "≥5个", "10", TIME),
        _row("完成时间", "年底前", "5", TIME, rule="直接赋分", actual="2026年11月1日"),
        _row("社会效益", "有效保障", "20", SOCIAL, rule="按评判等级赋分", actual="部分达成"),
        _row("满意度", "≥96%", "15", SATISFACTION, rule="满意度赋分", actual="90%", reported="9"),
    )
    return Table(
        title="项目支出绩效目标表",
        indicators=rows,
        year=2026,
        unit="某单位",
        project="某项目",
        funds=Funds(D("50"), D("40"), D("10")),
        budget=Budget(D("50"), D("45"), D("50")),
        level1_weights=(("产出指标", D("55")),),
        goal="完成某项目。",
        extras=(("authority", "某主管部门"), ("implementer", "某实施单位")),
        reported_total=D("80"),
        reported_budget=D("10"),
    )


def _reference() -> Table:
    rows = (
        _row("种植面积", "≥100亩", "20", QUANTITY, rule=PROPORTIONAL, actual="100亩"),
        _row("其中：桃树种植面积", "≥50亩", None, QUANTITY, actual="40亩"),
        _row("成活率", "≥90%", "70", QUALITY, rule=PROPORTIONAL, actual="95%"),
    )
    return Table(title="项目支出绩效目标表", indicators=rows, year=2026, budget=Budget(D("20"), D("19")))


def _unscorable() -> Table:
    rows = (
        _row("项目个数", "≥110个", "50", QUANTITY, rule=PROPORTIONAL, actual="121个"),
        _row("坏指标", "≥≥110个", "20", QUALITY, actual="5个"),
        _row("未填", "2026年6月30日前", "20", TIME, rule="直接赋分"),
    )
    return Table(title="项目支出绩效目标表", indicators=rows, year=2026, budget=Budget(D("20"), D("0")))


def _department() -> Table:
    rows = (
        _row("慰问次数", "≥2 次", "30", ("履职效能", "数量指标"), actual="3次", reason="节日加一次"),
        _row("项目个数", "≥110个", "30", ("履职效能", "数量指标"), actual="100个"),
        _row("满意度", "≥95%", "30", ("满意度", "服务对象满意度"), rule="满意度赋分", actual="96%"),
    )
    return Table(
        title="部门整体绩效目标表",
        indicators=rows,
        kind="department",
        year=2026,
        unit="某部门",
        budget=Budget(D("300"), D("290")),
    )


SYNTHETIC = {"mixed": _project, "reference-row": _reference, "unscorable-row": _unscorable, "department": _department}


def _written(result: TableScore, tmp_path: Path) -> Path:
    path = tmp_path / "自评表.xlsx"
    write_xlsx(result, path)
    return path


def _assert_same_scores(result: TableScore, again: TableScore) -> None:
    assert [s.indicator.name for s in again.lines] == [s.indicator.name for s in result.lines]
    assert [s.points for s in again.lines] == [s.points for s in result.lines]
    assert [s.status for s in again.lines] == [s.status for s in result.lines]
    assert again.total == result.total
    assert again.maximum == result.maximum
    assert (again.budget and again.budget.points) == (result.budget and result.budget.points)


class TestRoundTrip:
    """Sheet 1 read back with ``load_table`` and scored again gives the same points and total."""

    @pytest.mark.parametrize("name", SEED_TABLES)
    def test_seed_tables(self, tmp_path: Path, name: str) -> None:
        """The seed's three tables with their example actuals."""
        table = load_table(SEED / f"{name}.toml")
        result = score_table(table, actuals=load_actuals(SEED / f"{name}.实际完成值.toml"))
        _assert_same_scores(result, score_table(load_table(_written(result, tmp_path))))

    @pytest.mark.parametrize("make", SYNTHETIC.values(), ids=SYNTHETIC.keys())
    def test_synthetic_tables(self, tmp_path: Path, make: Any) -> None:
        """A reference row (no 分值), unscorable rows, a department table, and all of these at once."""
        result = score_table(make())
        again = score_table(load_table(_written(result, tmp_path)))
        _assert_same_scores(result, again)
        assert again.table.kind == result.table.kind
        assert again.table.year == result.table.year

    def test_reads_back_what_the_sheet_says_of_itself(self, tmp_path: Path) -> None:
        """The header block and 总分 row read back: names, funds, budget line, its 分值 and 得分, the 总分."""
        result = score_table(_project())
        table = load_table(_written(result, tmp_path))
        assert (table.project, table.goal) == ("某项目", "完成某项目。")
        assert dict(table.extras) == {"authority": "某主管部门", "implementer": "某实施单位"}
        assert table.budget == Budget(D("50"), D("45"), D("50"))
        assert (table.budget_weight, table.reported_budget) == (D("10"), D("9"))
        assert table.reported_total == result.total
        assert dict(table.level1_weights) == {"产出指标": D("55")}

    def test_blank_authority_stays_blank(self, tmp_path: Path) -> None:
        """Only 实施单位 known: 主管部门 reads back blank, not as the 实施单位."""
        result = score_table(attrs.evolve(_project(), extras=(("implementer", "某实施单位"),)))
        table = load_table(_written(result, tmp_path))
        assert dict(table.extras) == {"implementer": "某实施单位"}


def _form(path: Path) -> tuple[Any, int, dict[str, int]]:
    """Sheet 1, its indicator header row and the 1-based row of each 三级指标."""
    sheet = load_workbook(path).worksheets[0]
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 4).value == "三级指标")
    rows = {}
    for r in range(header + 1, sheet.max_row + 1):
        if sheet.cell(r, 1).value == "总分":
            break
        rows[sheet.cell(r, 4).value] = r
    return sheet, header, rows


def _label_row(sheet: Any, label: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)


class TestForm:
    """Sheet 1: the standard form, typed cells, merges and highlights."""

    @pytest.fixture
    def written(self, tmp_path: Path) -> tuple[TableScore, Path]:
        result = score_table(_project())
        return result, _written(result, tmp_path)

    def test_sheets(self, written: tuple[TableScore, Path], tmp_path: Path) -> None:
        """A project table gives 项目支出绩效自评表, a department table 部门整体支出绩效自评表; then 评分说明."""
        assert load_workbook(written[1]).sheetnames == ["项目支出绩效自评表", "评分说明"]
        department = _written(score_table(_department()), tmp_path / "..")
        book = load_workbook(department)
        assert book.sheetnames == ["部门整体支出绩效自评表", "评分说明"]
        assert book.worksheets[0]["A3"].value == "部门（单位）名称"
        assert book.worksheets[0]["C3"].value == "某部门"

    def test_title_and_header_block(self, written: tuple[TableScore, Path]) -> None:
        """Title (merged, bold, centred), year line, 项目名称, 主管部门 / 实施单位, 年度总体目标."""
        sheet, _, _ = _form(written[1])
        merged = {str(r) for r in sheet.merged_cells.ranges}
        assert sheet["A1"].value == "项目支出绩效自评表"
        assert sheet["A1"].font.b
        assert sheet["A1"].alignment.horizontal == "center"
        assert "A1:K1" in merged
        assert sheet["A2"].value == "（2026年度）"
        assert (sheet["A3"].value, sheet["C3"].value) == ("项目名称", "某项目")
        assert [sheet.cell(4, c).value for c in (1, 3, 6, 7)] == ["主管部门", "某主管部门", "实施单位", "某实施单位"]
        goal = _label_row(sheet, "年度总体目标")
        assert (sheet.cell(goal, 3).value, sheet.cell(goal, 7).value) == ("预期目标", "实际完成情况")
        assert sheet.cell(goal + 1, 3).value == "完成某项目。"

    def test_funds_block(self, written: tuple[TableScore, Path]) -> None:
        """年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, with numbers; 执行率 a percent cell."""
        sheet, _, _ = _form(written[1])
        block = _label_row(sheet, "项目资金\n（万元）")
        assert tuple(sheet.cell(block, c).value for c in range(4, 10)) == BUDGET_HEADERS
        line = [sheet.cell(block + 1, c) for c in range(3, 10)]
        assert line[0].value == "年度资金总额"
        assert [c.value for c in line[1:]] == [50, 50, 45, 10, 0.9, 9]
        assert all(c.data_type == "n" for c in line[1:])
        assert "%" in line[5].number_format
        assert "0.00" in line[6].number_format
        assert "0.00" in line[1].number_format
        assert sheet.cell(block + 2, 3).value == "其中：财政拨款"
        assert sheet.cell(block + 2, 4).value == 40

    def test_indicator_block(self, written: tuple[TableScore, Path]) -> None:
        """The standard headers after a leading 绩效指标 column merged down the block; one row per indicator."""
        result, path = written
        sheet, header, rows = _form(path)
        assert tuple(sheet.cell(header, c).value for c in range(1, 10)) == INDICATOR_HEADERS
        assert [sheet.cell(header, c).value for c in (10, 11)] == ["赋分规则", "备注"]
        assert f"A{header}:A{header + len(result.lines)}" in {str(r) for r in sheet.merged_cells.ranges}
        assert list(rows) == [s.indicator.name for s in result.lines]

    def test_points_are_numbers(self, written: tuple[TableScore, Path]) -> None:
        """分值 and 得分 are numeric cells; 得分 has a 2-dp format; the 总分 row gives maximum and total."""
        result, path = written
        sheet, _, rows = _form(path)
        for score in result.lines:
            weight, points = sheet.cell(rows[score.indicator.name], 7), sheet.cell(rows[score.indicator.name], 8)
            if score.points is None:
                assert points.value is None
                continue
            assert (weight.data_type, points.data_type) == ("n", "n")
            assert "0.00" in points.number_format
            assert Decimal(str(points.value)) == score.points
            assert Decimal(str(weight.value)) == score.weight
        total = max(rows.values()) + 1
        assert sheet.cell(total, 1).value == "总分"
        assert (sheet.cell(total, 7).value, sheet.cell(total, 8).value) == (float(result.maximum), float(result.total))
        assert "0.00" in sheet.cell(total, 8).number_format

    def test_formula_like_text_stays_text(self, written: tuple[TableScore, Path]) -> None:
        """``=100%`` is a text cell, never a formula; so is a reason starting with ``-``."""
        sheet, _, rows = _form(written[1])
        target = sheet.cell(rows["申报成功率"], 5)
        assert (target.value, target.data_type) == ("=100%", "s")
        reason = sheet.cell(rows["项目个数"], 9)
        assert (reason.value, reason.data_type, reason.quotePrefix) == ("-延期", "s", True)

    def test_levels_merged(self, written: tuple[TableScore, Path]) -> None:
        """一级 cells merge over equal neighbours (with the heading's points), 二级 within them."""
        sheet, _, rows = _form(written[1])
        merged = {str(r) for r in sheet.merged_cells.ranges}
        first, last = rows["项目个数"], rows["完成时间"]
        assert f"B{first}:B{last}" in merged
        assert sheet.cell(first, 2).value == "产出指标（55分）"
        assert f"C{first}:C{rows['其中：桃树种植面积']}" in merged
        assert f"C{rows['申报成功率']}:C{rows['坏指标']}" in merged

    def test_flagged_rows_filled_and_explained(self, written: tuple[TableScore, Path]) -> None:
        """自评差异, 未达标, 超额 and 无法评分 rows are filled; 备注 says why; the legend names every colour."""
        result, path = written
        sheet, _, rows = _form(path)

        def colour(name: str) -> str | None:
            fill = sheet.cell(rows[name], 4).fill
            return fill.fgColor.rgb[-6:] if fill.fill_type else None

        assert colour("项目个数") == FILLS["自评差异"]
        assert colour("申报成功率") == FILLS["未达标"]
        assert colour("评审次数") == FILLS["超额"]
        assert colour("坏指标") == FILLS["无法评分"]
        assert colour("完成时间") is None
        assert colour("其中：桃树种植面积") is None
        assert "自评差异：自评得分10，差异+1.00" in sheet.cell(rows["项目个数"], 11).value
        bad = next(s for s in result.lines if s.indicator.name == "坏指标")
        assert sheet.cell(rows["坏指标"], 8).value is None
        assert sheet.cell(rows["坏指标"], 11).value == f"无法评分：{bad.error}"
        legend = {
            sheet.cell(r, 1).fill.fgColor.rgb[-6:]: sheet.cell(r, 1).value
            for r in range(max(rows.values()) + 2, sheet.max_row + 1)
            if sheet.cell(r, 1).fill.fill_type
        }
        assert set(legend) == set(FILLS.values())
        for mark, fill in FILLS.items():
            assert mark in legend[fill]

    def test_printable(self, written: tuple[TableScore, Path]) -> None:
        """A4 landscape, fit to the page width, the header row repeated, borders and wrapped text."""
        sheet, header, rows = _form(written[1])
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows.replace("$", "") == f"{header}:{header}"
        cell = sheet.cell(rows["满意度"], 4)
        assert cell.border.left.style == "thin"
        assert cell.alignment.wrap_text
        assert sheet.column_dimensions["D"].width >= 20


class TestNotes:
    """Sheet 2 (评分说明): computed and self-reported points, differences, explanations, total and notes."""

    def test_rows_and_explanations(self, tmp_path: Path) -> None:
        result = score_table(_project(), actuals={"没有这一行": "1个"})
        sheet = load_workbook(_written(result, tmp_path))["评分说明"]
        assert tuple(c.value for c in sheet[3]) == NOTES_HEADERS
        for offset, score in enumerate(result.lines, start=4):
            row = [c.value for c in sheet[offset]]
            assert row[1] == score.indicator.name
            assert row[8] == (explain(score) or note_of(score))
            assert row[6] == score.status.value
        first = 4
        audited = [c.value for c in sheet[first]]
        assert audited[2:6] == [10, 9, 10, 1]
        assert "+0.00" in sheet.cell(first, 6).number_format
        budget = [c.value for c in sheet[first + len(result.lines)]]
        assert budget[1:6] == ["预算执行率", 10, 9, 10, 1]
        assert result.budget is not None
        assert budget[8] == explain(result.budget)
        total = [c.value for c in sheet[first + len(result.lines) + 1]]
        assert total[1:6] == ["总分", float(result.maximum), float(result.total), 80, float(D(80) - result.total)]
        texts = [sheet.cell(r, 1).value or "" for r in range(1, sheet.max_row + 1)]
        assert result.notes
        assert all(any(note in text for text in texts) for note in result.notes)
        assert any(text.startswith("合计：") for text in texts)

    def test_reference_row(self, tmp_path: Path) -> None:
        """A reference row is shown, not scored: 参考 on sheet 2, 参考行 in the 备注 of sheet 1."""
        result = score_table(_reference())
        path = _written(result, tmp_path)
        assert result.lines[1].status is Status.REFERENCE
        assert load_workbook(path)["评分说明"].cell(5, 7).value == Status.REFERENCE.value
        sheet, _, rows = _form(path)
        assert "参考行" in sheet.cell(rows["其中：桃树种植面积"], 11).value

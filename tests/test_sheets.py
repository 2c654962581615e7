"""Reading sheets in every way the standard forms are written (scoring.tables: headers, block, split, cells).

The layouts county finance bureaus publish are built by ``tests/data/sheets/make_sheets.py`` from real rows;
smaller sheets are built here, one feature each.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import attrs
import openpyxl
import pytest

from scoring.engine import score_table
from scoring.errors import TableReadError
from scoring.tables import apply_actuals, load_actuals, load_table, write_table
from scoring.tables.cells import cell_text, read_weight
from scoring.tables.headers import HEADERS
from scoring.tables.model import Budget, Funds, Indicator, Table
from scoring.tables.split import join_target

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"
STANDARD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
ROW = ["产出指标", "数量指标", "项目个数", "≥110个", "99个", "10", "9", "部分项目推迟"]
EXPECTED = {"name": "项目个数", "target": "≥110个", "actual": "99个", "weight": Decimal(10), "reported": Decimal(9)}


def _make_sheets() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sheets", ROOT / "tests" / "data" / "sheets" / "make_sheets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make_sheets()


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _problems(table: Table) -> list[str]:
    return [*table.problems, *(p for i in table.indicators for p in i.problems)]


class TestHeaders:
    """Every spelling of every column reads into its field."""

    FIELD_OF: ClassVar[dict[str, str]] = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name"}
    FIELD_OF |= {"年度指标值": "target", "实际完成值": "actual", "分值": "weight", "得分": "points"}
    FIELD_OF |= {"偏差原因分析及改进措施": "reason"}
    SPELLINGS: ClassVar[list[tuple[str, str]]] = [
        (field, s) for field in ("name", "target", "actual", "weight", "points", "reason") for s in HEADERS[field]
    ]

    @pytest.mark.parametrize(("field", "spelling"), SPELLINGS)
    def test_spelling(self, field: str, spelling: str, tmp_path: Path) -> None:
        """A header written another way (``目标值``, ``全年实际值``, ``权重``, ``原因分析`` …) reads the same."""
        header = [spelling if self.FIELD_OF[h] == field else h for h in STANDARD]
        (row,) = load_table(_csv(tmp_path / "t.csv", [header, ROW])).indicators
        assert (row.name, row.target, row.actual, row.weight, row.reported) == tuple(EXPECTED.values())
        assert row.reason == "部分项目推迟"

    @pytest.mark.parametrize("decorated", ["年度指标值（A）", "分值（分）", "* 三级指标", "偏差原因分析\n及改进措施"])
    def test_decorated_headers(self, decorated: str, tmp_path: Path) -> None:
        """Brackets at the end, a leading ``*`` and line breaks inside a header cell do not matter."""
        plain = re.sub(r"[（(].*|\*|\s", "", decorated)
        header = [decorated if h.startswith(plain) else h for h in STANDARD]
        (row,) = load_table(_csv(tmp_path / "t.csv", [header, ROW])).indicators
        assert (row.name, row.target, row.weight, row.reason) == ("项目个数", "≥110个", Decimal(10), "部分项目推迟")

    def test_leading_performance_column_is_ignored(self, tmp_path: Path) -> None:
        """The merged 绩效指标 column left of 一级指标 is no field, and its 总分 row is no indicator."""
        rows = [["绩效指标", *STANDARD], ["绩效指标", *ROW], ["总分", "", "", "", "", "", "100", "95.8", ""]]
        table = load_table(_csv(tmp_path / "t.csv", rows))
        (row,) = table.indicators
        assert (row.level1, row.name, table.reported_total) == ("产出指标", "项目个数", Decimal("95.8"))

    def test_first_of_two_points_columns_wins(self, tmp_path: Path) -> None:
        """A sheet with both 得分 and 自评得分 (scoring's own CSV) reads the first, and says so."""
        rows = [[*STANDARD, "自评得分"], [*ROW, "8"]]
        table = load_table(_csv(tmp_path / "t.csv", rows))
        assert table.indicators[0].reported == Decimal(9)
        assert table.problems == (
            "t.csv 第1行：表头有 2 列都是“得分”（第7列“得分”、第9列“自评得分”），采用第7列，其余的不读取",
        )

    def test_cells_kept_from_running_as_formulas_read_back(self, tmp_path: Path) -> None:
        """A report writes ``'=100%`` so that Excel shows it as text; it reads back as ``=100%``."""
        row = [*ROW[:3], "'=100%", *ROW[4:]]
        assert load_table(_csv(tmp_path / "t.csv", [STANDARD, row])).indicators[0].target == "=100%"

    def test_missing_name_column_still_reads(self, tmp_path: Path) -> None:
        """Without a 三级指标 column the rows read (no names) and the header row is named in one problem."""
        header, row = [h for h in STANDARD if h != "三级指标"], [c for c in ROW if c != "项目个数"]
        table = load_table(_csv(tmp_path / "缺列.csv", [["绩效自评表"], header, row]))
        assert table.problems == ("缺列.csv 第2行：表头没有“三级指标”列（或“三级指标名称”），各指标没有名称",)
        assert [(i.name, i.target, i.weight, i.problems) for i in table.indicators] == [("", "≥110个", Decimal(10), ())]

    def test_target_column_alone_is_no_header(self, tmp_path: Path) -> None:
        """A row with only a 指标值-like cell is not taken for a header row."""
        with pytest.raises(TableReadError, match="找不到表头行"):
            load_table(_csv(tmp_path / "t.csv", [["说明", "目标值"], ["a", "b"]]))


class TestSplitColumns:
    """指标性质 | 指标值 | 度量单位 (and the other spellings) are one target."""

    HEADERS = ("指标性质", "指标值", "度量单位")

    @pytest.mark.parametrize(
        ("sign", "value", "unit", "target"),
        [
            ("≥", "110", "个", "≥110个"),
            (">=", "110", "个", ">=110个"),
            ("＞＝", "5.76", "亿元", "＞＝5.76亿元"),
            ("≤", "1,012.90", "万元", "≤1,012.90万元"),
            ("大于等于", "110", "个", "≥110个"),
            ("不超过", "26", "万元", "≤26万元"),
            ("等于", "100", "%", "=100%"),
            ("正向", "95", "%", "≥95%"),
            ("正向指标", "95", "%", "≥95%"),
            ("反向", "3", "%", "≤3%"),
            ("定性", "有效保障", "", "有效保障"),
            ("定性", "100%", "/", "100%"),
            ("定量", "2100", "人", "2100人"),
            ("", "2100", "人", "2100人"),
            ("≥", "95%", "%", "≥95%"),
            ("≥", "≥110个", "个", "≥110个"),
            ("≥", "不少于12", "种", "不少于12种"),
            ("=", "优", "", "优"),
            ("≥", "一百一十", "个", "≥一百一十个"),
            ("≤", "2026年6月30日", "", "≤2026年6月30日"),
            ("≥", "90-95", "%", "≥90-95%"),
            ("≥", "110", "无", "≥110"),
            # a written comparator with a unit means a number: the grammar refuses the words (no silent 定性)
            ("≥", "九成五", "%", "≥九成五%"),
            ("正向", "有效保障", "", "有效保障"),
        ],
    )
    def test_join(self, sign: str, value: str, unit: str, target: str) -> None:
        assert join_target(sign, value, unit, "t.csv 第2行", self.HEADERS) == (target, None)

    def test_words_under_a_comparator_are_refused(self) -> None:
        """``≥ | 九成五 | %`` is an unreadable target on its row, never a 定性 target worth full marks."""
        from scoring.language import ParseError, parse_target

        text, _ = join_target("≥", "九成五", "%", "t.csv 第2行", self.HEADERS)
        with pytest.raises(ParseError):
            parse_target(text)

    def test_blank_value_stays_blank(self) -> None:
        """No value, no target (the reader then says the 指标值 cell is blank)."""
        assert join_target("≥", "", "个", "t.csv 第2行", self.HEADERS) == ("", None)

    def test_unknown_comparator_quotes_the_cells(self) -> None:
        assert join_target("增加", "200", "个", "t.csv 第2行", self.HEADERS) == (
            "200个",
            "t.csv 第2行“指标性质”列：无法识别“增加”，应为≥、≤、=、>、<（或 大于等于、小于等于、等于…）、正向、反向或定性"
            "（本行：指标性质“增加”、指标值“200”、度量单位“个”）",
        )

    @pytest.mark.parametrize(
        "headers",
        [("指标性质", "指标值", "度量单位"), ("计算符号", "目标值", "计量单位"), ("指标方向", "目标值", "单位")],
    )
    def test_sheet(self, headers: tuple[str, str, str], tmp_path: Path) -> None:
        """In a sheet the three cells become the row's target; the actual is left as written."""
        rows = [["三级指标", *headers, "实际完成值", "分值"], ["项目个数", "≥", "110", "个", "99", "10"]]
        (row,) = load_table(_csv(tmp_path / "t.csv", rows)).indicators
        assert (row.target, row.actual, row.problems) == ("≥110个", "99", ())


class TestCells:
    """Excel cells arrive as the text Excel shows."""

    @pytest.mark.parametrize(
        ("value", "number_format", "text"),
        [
            (0.95, "0%", "95%"),
            (0.955, "0.00%", "95.5%"),
            (1, "0%", "100%"),
            (0.9550000000000001, "0%", "95.5%"),
            (95, '0"%"', "95%"),
            (95, "0\\%", "95%"),
            (110, '0"个"', "110个"),
            (110.0, "General", "110"),
            (0.30000000000000004, "General", "0.3"),
            (48.3, "0.00", "48.3"),
            (-3, "0;[Red]-0", "-3"),
            (Decimal("6.70"), "General", "6.70"),
            (dt.datetime(2026, 6, 30, 0, 0), "yyyy-mm-dd", "2026年6月30日"),
            (dt.date(2026, 6, 30), "General", "2026年6月30日"),
            (True, "General", "是"),
            ("  ≥110个 ", "@", "≥110个"),
            (None, "General", ""),
        ],
    )
    def test_cell_text(self, value: object, number_format: str, text: str) -> None:
        assert cell_text(value, number_format) == text

    def test_blank_weight_is_a_reference_row(self) -> None:
        """A blank 分值 is no problem (a reference row); a 分值 that is not a number still is."""
        assert read_weight("  ", "x：") == (None, None)
        assert read_weight("十分", "x：") == (None, "x：应为数字，却是“十分”")

    def test_reference_rows_read_without_problems(self, tmp_path: Path) -> None:
        rows = [STANDARD, ROW, ["", "", "其中：桃树种植面积", "1.5亩", "1.5亩", "", "", ""]]
        table = load_table(_csv(tmp_path / "t.csv", rows))
        assert [(i.name, i.weight, i.problems) for i in table.indicators][1] == ("其中：桃树种植面积", None, ())


class TestHeaderBlock:
    """The rows above the indicator block: labels, the budget line, funds, goal, department forms."""

    def _sheet(self, tmp_path: Path, block: list[list[str]]) -> Table:
        return load_table(_csv(tmp_path / "自评.csv", [["项目支出绩效自评表"], *block, STANDARD, ROW]))

    def test_budget_line(self, tmp_path: Path) -> None:
        """年初预算数/全年预算数/全年执行数 into Budget, 分值 and 得分 beside the table; 执行率 is not read."""
        table = self._sheet(
            tmp_path,
            [
                ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["", "年度资金总额", "50", "46.00", "43.70万元", "10", "80%", "9.5"],
                ["", "其中：当年财政拨款", "40", "36", "33.7", "—", "", "—"],
                ["", "其他资金", "10", "10", "10", "—", "", "—"],
            ],
        )
        assert table.budget == Budget(Decimal("46.00"), Decimal("43.70"), Decimal(50))
        assert (table.budget_weight, table.reported_budget) == (Decimal(10), Decimal("9.5"))
        assert table.funds == Funds(Decimal(50), Decimal(40), Decimal(10))
        assert _problems(table) == []

    def test_budget_cells_that_are_not_numbers(self, tmp_path: Path) -> None:
        """A budget cell that is not a number names its row and column; the indicators still read."""
        table = self._sheet(
            tmp_path,
            [
                ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
                ["年度资金总额", "50", "46", "四十三", "10", "", "九分"],
            ],
        )
        assert table.problems == (
            "自评.csv 第3行“全年执行数”列（预算执行率）：应为金额（万元），却是“四十三”",
            "自评.csv 第3行“得分”列（预算执行率）：应为数字，却是“九分”",
        )
        assert (table.budget, table.budget_weight, len(table.indicators)) == (None, Decimal(10), 1)

    def test_labels(self, tmp_path: Path) -> None:
        """项目名称, 主管部门 and 实施单位 (on one row), 预期目标 under 年度总体目标, the year line."""
        table = self._sheet(
            tmp_path,
            [
                ["（2025年度）"],
                ["项目名称", "", "特色种养殖产业扶持项目"],
                ["主管部门", "县农业农村局", "", "实施单位", "镇人民政府"],
                ["年度总体目标", "预期目标", "", "实际完成情况"],
                ["", "带动农户增收。", "", "已完成。"],
            ],
        )
        assert (table.year, table.project, table.goal, table.kind) == (
            2025,
            "特色种养殖产业扶持项目",
            "带动农户增收。",
            "project",
        )
        assert table.extras == (("authority", "县农业农村局"), ("implementer", "镇人民政府"))

    def test_blank_label_stays_blank(self, tmp_path: Path) -> None:
        """``主管部门 | (blank) | 实施单位 | X``: 主管部门 is blank, not the 实施单位's value."""
        table = self._sheet(tmp_path, [["主管部门", "", "", "实施单位", "镇人民政府"]])
        assert table.extras == (("implementer", "镇人民政府"),)

    def test_funds_below_their_labels(self, tmp_path: Path) -> None:
        """``资金总额 | 财政拨款 | 其他资金`` with the numbers on the row below."""
        table = self._sheet(
            tmp_path, [["年度预算申请（万元）", "资金总额", "财政拨款", "其他资金"], ["", "1,012.90", "900", "112.9"]]
        )
        assert table.funds == Funds(Decimal("1012.90"), Decimal(900), Decimal("112.9"))

    @pytest.mark.parametrize(
        "block",
        [
            [["部门（单位）名称", "县人社局"]],
            [["部门名称", "县人社局"]],
            [["单位名称", "县人社局"], ["年度主要任务", "任务名称", "主要内容"], ["", "就业服务", "…"]],
        ],
    )
    def test_department_forms(self, block: list[list[str]], tmp_path: Path) -> None:
        """部门（单位）名称, 部门名称 or a 年度主要任务 block make a department-wide table of that unit."""
        table = self._sheet(tmp_path, block)
        assert (table.kind, table.unit) == ("department", "县人社局")

    def test_department_title(self, tmp_path: Path) -> None:
        rows = [["部门整体支出绩效自评表"], STANDARD, ROW]
        assert load_table(_csv(tmp_path / "t.csv", rows)).kind == "department"


class TestTotalRow:
    """A 总分 / 合计 row gives the sheet's own total (its 得分); its 分值 is not read."""

    @pytest.mark.parametrize("label", ["总分", "合计", "总 计", "得分合计"])
    def test_total(self, label: str, tmp_path: Path) -> None:
        rows = [STANDARD, ROW, [label, "", "", "", "", "100", "95.8", ""]]
        table = load_table(_csv(tmp_path / "t.csv", rows))
        assert (len(table.indicators), table.reported_total, _problems(table)) == (1, Decimal("95.8"), [])

    def test_unreadable_total(self, tmp_path: Path) -> None:
        rows = [STANDARD, ROW, ["总分", "", "", "", "", "100", "九十", ""]]
        table = load_table(_csv(tmp_path / "t.csv", rows))
        assert table.reported_total is None
        assert table.problems == ("t.csv 第3行“得分”列：应为数字，却是“九十”",)

    def test_budget_row_in_the_indicator_block(self, tmp_path: Path) -> None:
        """scoring's own reports write the budget line as a 预算执行率 row: its 分值 and 得分 are read too."""
        budget = ["预算执行率", "", "预算执行率", "全年预算数46.00万元", "全年执行数43.70万元", "10", "9.5", ""]
        table = load_table(_csv(tmp_path / "t.csv", [STANDARD, ROW, budget]))
        assert table.budget == Budget(Decimal("46.00"), Decimal("43.70"))
        assert (table.budget_weight, table.reported_budget, len(table.indicators)) == (Decimal(10), Decimal("9.5"), 1)


class TestFiles:
    """Encodings and workbooks."""

    @pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8", "utf-16"])
    def test_encodings(self, encoding: str, tmp_path: Path) -> None:
        table = load_table(_csv(tmp_path / "t.csv", [["项目支出绩效自评表"], STANDARD, ROW], encoding))
        assert (table.title, table.indicators[0].target) == ("项目支出绩效自评表", "≥110个")

    def test_hidden_first_sheet_is_not_taken(self, tmp_path: Path) -> None:
        """A hidden sheet with a table comes after the visible ones; the visible table is read."""
        book = openpyxl.Workbook()
        hidden = book.active
        hidden.title = "模板"
        hidden.append(STANDARD)
        hidden.append(["产出指标", "数量指标", "示例", "≥1个", "1个", 5, 5, ""])
        hidden.sheet_state = "hidden"
        book.create_sheet("自评表").append(STANDARD)
        book["自评表"].append(ROW)
        book.save(tmp_path / "b.xlsx")
        (row,) = load_table(tmp_path / "b.xlsx").indicators
        assert (row.name, row.source) == ("项目个数", "b.xlsx 工作表“自评表” 第2行")

    def test_only_a_hidden_sheet(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        book.active.append(["说明"])
        hidden = book.create_sheet("表")
        hidden.append(STANDARD)
        hidden.append(ROW)
        hidden.sheet_state = "hidden"
        book.save(tmp_path / "b.xlsx")
        assert load_table(tmp_path / "b.xlsx").indicators[0].name == "项目个数"

    def test_write_and_read_back_what_a_self_evaluation_says(self, tmp_path: Path) -> None:
        """主管部门, 实施单位, 年初预算数, the budget line's 分值 and 得分 and the 总分 survive CSV and XLSX."""
        table = Table(
            title="项目支出绩效自评表",
            indicators=(Indicator(name="项目个数", target="≥110个", weight=10, actual="99个", reported=9),),
            year=2025,
            project="特色种养殖产业扶持项目",
            budget=Budget(Decimal(46), Decimal("43.7"), Decimal(50)),
            extras=(("authority", "县农业农村局"), ("implementer", "镇人民政府")),
            budget_weight=Decimal(10),
            reported_budget=Decimal("9.5"),
            reported_total=Decimal("18.5"),
        )
        for suffix in (".csv", ".xlsx"):
            write_table(table, tmp_path / f"t{suffix}")
            copy = load_table(tmp_path / f"t{suffix}")
            copy = attrs.evolve(copy, source="", indicators=tuple(attrs.evolve(i, source="") for i in copy.indicators))
            assert copy == attrs.evolve(table, funds=Funds(total=Decimal(50)))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every layout of make_sheets.py in ``good/`` and its broken copies in ``weight/``, ``name/``, ``target/``."""
    folder = tmp_path_factory.mktemp("sheets")
    for broken in (None, *MAKE.BREAKS):
        MAKE.build(folder / (broken or "good"), broken)
    return folder


class TestPublishedLayouts:
    """The layouts of make_sheets.py, and a broken copy of each."""

    def test_seed_as_a_published_workbook_scores_the_same(self, folder: Path) -> None:
        table, _ = apply_actuals(
            load_table(SEED / "援疆工作经费项目.toml"), load_actuals(SEED / "援疆工作经费项目.实际完成值.toml")
        )
        sheet = load_table(folder / "good" / "援疆工作经费项目自评表.xlsx")
        assert _problems(sheet) == []
        assert [i.actual for i in sheet.indicators] == [i.actual for i in table.indicators]
        assert [i.target for i in sheet.indicators] == [i.target for i in table.indicators]
        assert [s.points for s in score_table(sheet).lines] == [s.points for s in score_table(table).lines]
        assert (sheet.reported_total, sheet.reported_budget, sheet.budget_weight) == (
            Decimal(97),
            Decimal("9.5"),
            Decimal(10),
        )

    def test_actuals_from_a_published_workbook(self, folder: Path) -> None:
        """The same workbook given as --actuals fills the seed table: no unknown names, 总分 is no entry."""
        actuals = load_actuals(folder / "good" / "援疆工作经费项目自评表.xlsx")
        assert actuals.budget == Budget(Decimal(46), Decimal("43.7"), Decimal(46))
        _, problems = apply_actuals(load_table(SEED / "援疆工作经费项目.toml"), actuals)
        assert (len(actuals.entries), problems) == (9, ())

    @pytest.mark.parametrize("name", ["分列指标表.csv", "分列指标表-计算符号.csv", "分列指标表-指标方向.csv"])
    def test_split_templates_in_three_encodings(self, folder: Path, name: str) -> None:
        table = load_table(folder / "good" / name)
        assert [i.target for i in table.indicators][:3] == ["≤4个", "≥200个", "≥2000户"]
        assert (table.project, table.funds.total, _problems(table)) == ("美丽乡村建设项目", Decimal(1200), [])

    @pytest.mark.parametrize("broken", ["weight", "name", "target"])
    def test_broken_copies(self, folder: Path, broken: str) -> None:
        """Every problem names the file, the sheet of a workbook, the row and the column; the rest still reads."""
        for path in sorted((folder / broken).iterdir()):
            good = load_table(folder / "good" / path.name)
            table = load_table(path)
            assert len(table.indicators) == len(good.indicators), path.name
            problems = _problems(table)
            assert problems or broken == "target", path.name
            for problem in problems:
                assert problem.startswith(path.name), problem
                assert "工作表“自评表”" in problem or path.suffix == ".csv", problem
                assert re.search(r"第\d+行(“[^”]+”列|：表头没有“三级指标”列)", problem), problem
            assert sum(1 for i in table.indicators if i.problems) <= 1
            before = _unscored(good)  # a target table without actuals has every row unscored already
            assert len(_unscored(table) - before) == (0 if broken == "name" or before else 1), path.name


def _unscored(table: Table) -> set[str]:
    """The rows of ``table`` that should be scored and are not (reference rows aside), by row number."""
    lines = score_table(table).lines
    return {
        s.indicator.source
        for s in lines
        if s.points is None and (s.indicator.weight is not None or s.indicator.problems)
    }

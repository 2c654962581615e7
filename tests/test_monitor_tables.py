"""Reading mid-year monitoring sheets (绩效运行监控表, "双监控") and monitoring actuals files (scoring.tables).

The national form: a header block with 全年预算数 | 1-7月执行数, a two-row header with the five 偏差原因
categories under a merged 偏差原因分析, 完成目标可能性; the figures to date in every spelling a unit writes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

from scoring.errors import TableReadError
from scoring.tables import apply_actuals, dump_table_toml, iter_tables, load_actuals, load_table, write_table
from scoring.tables.actuals import Actual, Actuals
from scoring.tables.block import budget_block
from scoring.tables.headers import header_key
from scoring.tables.model import Budget, Indicator, Table
from scoring.tables.months import dated
from scoring.tables.toml_read import table_from_toml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"
EXAMPLE = SEED / "援疆工作经费项目.1-7月监控.实际完成值.toml"
D = Decimal

#: The national form as a unit fills it in (a CSV or a workbook's cells; blank cells are merged ones).
FORM = [
    ["项目支出绩效目标执行监控表"],
    ["（2026年度）"],
    ["项目名称", "援疆工作经费项目", "", "", "实施单位", "昌吉回族自治州对口援疆工作领导小组办公室"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "1-7月执行数", "执行率"],
    ["", "年度资金总额", "46.00", "46.00", "20.70", "45.00%"],
    ["", "其中：财政拨款", "46.00", "46.00", "20.70", "45.00%"],
    ["年度总体目标", "争取福建、山西对口支援昌吉州项目110个"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "1-7月执行情况", "全年预计完成情况", "偏差原因分析",
     "", "", "", "", "完成目标可能性", "备注"],
    ["", "", "", "", "", "", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "", ""],
    ["产出指标", "数量指标", "争取福建、山西对口支援昌吉州项目个数", "≥110个", "68个", "118个", "", "", "", "", "",
     "确定能", ""],
    ["", "质量指标", "项目投资计划评审通过率", "=100%", "95%", "95%", "", "√", "", "", "", "有可能", ""],
    ["", "时效指标", "项目投资计划评审完成时间", "2026年5月31日前", "2026年5月20日", "已完成", "", "", "", "", "",
     "", ""],
    ["成本指标", "经济成本指标", "福建、山西对口支援昌吉州项目工作经费", "≤26万元", "17.3万元", "25.8万元", "√",
     "", "", "", "差旅费支出前置", "确定能", ""],
    ["效益指标", "经济效益指标", "争取福建、山西对口支援昌吉州项目投资金额", "≥5.76亿元", "1.68亿元", "5.2亿元",
     "", "", "", "", "部分产业援疆项目推迟到2027年实施", "有可能", ""],
]  # fmt: skip
#: What each row of FORM reads as: actual, expected, reason_kind, reason, possibility.
READ = [
    ("68个", "118个", "", "", "确定能"),
    ("95%", "95%", "制度保障", "", "有可能"),
    ("2026年5月20日", "已完成", "", "", ""),
    ("17.3万元", "25.8万元", "经费保障、其他", "差旅费支出前置", "确定能"),
    ("1.68亿元", "5.2亿元", "其他", "部分产业援疆项目推迟到2027年实施", "有可能"),
]


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _monitored(table: Table) -> list[tuple[str | None, str | None, str, str, str]]:
    return [(i.actual, i.expected, i.reason_kind, i.reason, i.possibility) for i in table.indicators]


def _all_problems(table: Table) -> list[str]:
    return [*table.problems, *(p for i in table.indicators for p in i.problems)]


class TestDatedHeaders:
    """Every spelling of the actual, the plan and the money to date, with its month in every numeral."""

    MONTHS = (("7", 7), ("七", 7), ("７", 7), ("07", 7), ("12", 12), ("十二", 12), ("十一", 11), ("1", 1), ("十", 10))
    ACTUAL = ("1-{}月执行情况", "1-{}月完成情况", "1-{}月实际完成值", "截至{}月完成值", "截至{}月底完成情况",
              "{}月底完成情况", "1—{}月执行情况", "1至{}月执行情况", "1－{}月执行情况", "1 - {} 月执行情况",
              "一至{}月执行情况", "1月-{}月执行情况", "2026年1-{}月执行情况", "1~{}月完成情况", "1-{}月执行情况（万元）",
              "截止{}月底完成情况", "1-{}月累计完成值")  # fmt: skip
    PLAN = ("1-{}月计划值", "截至{}月计划值", "1-{}月计划完成值")
    SPENT = ("1-{}月执行数", "截至{}月执行数", "1-{}月支出数")

    @pytest.mark.parametrize("month", MONTHS, ids=[m for m, _ in MONTHS])
    @pytest.mark.parametrize(
        ("spelling", "field"),
        [(s, "actual") for s in ACTUAL] + [(s, "plan") for s in PLAN] + [(s, "spent") for s in SPENT],
    )
    def test_spelling(self, spelling: str, field: str, month: tuple[str, int]) -> None:
        """Each spelling names its field and month (Arabic, Chinese or full-width numerals)."""
        assert dated(header_key(spelling.format(month[0]))) == (field, month[1])

    @pytest.mark.parametrize(
        "text", ["1-7月执行率", "7月执行情况", "执行情况", "1-13月执行情况", "7月", "全年执行数", "1-7月"]
    )
    def test_not_dated(self, text: str) -> None:
        """A rate (recomputed), a month without 底, a month beyond 12 or no month at all is no dated header."""
        assert dated(header_key(text)) is None

    @pytest.mark.parametrize("spelling", ACTUAL[:12])
    def test_sheet_reads_each_spelling(self, tmp_path: Path, spelling: str) -> None:
        """A sheet with any spelling of the actual to date reads it and its month, without a 分值 column."""
        header = spelling.format("7")
        table = load_table(_csv(tmp_path / "m.csv", [["三级指标", "指标值", header], ["项目个数", "≥110个", "68个"]]))
        assert (table.month, table.indicators[0].actual) == (7, "68个")
        assert _all_problems(table) == []

    @pytest.mark.parametrize(
        ("header", "field"),
        [("全年预计完成情况", "expected"), ("全年预计完成值", "expected"), ("预计全年完成情况", "expected"),
         ("完成目标可能性", "possibility"), ("完成可能性", "possibility"), ("偏差原因", "reason"),
         ("1-7月计划值", "plan"), ("截至7月计划值", "plan"), ("1-7月计划完成值", "plan")],
    )  # fmt: skip
    def test_monitoring_columns(self, tmp_path: Path, header: str, field: str) -> None:
        """全年预计完成情况, 完成目标可能性, 偏差原因 and 1-M月计划值 read into their fields."""
        rows = [["三级指标", "指标值", "1-7月执行情况", header], ["项目个数", "≥110个", "68个", "文字"]]
        indicator = load_table(_csv(tmp_path / "m.csv", rows)).indicators[0]
        assert getattr(indicator, field) == "文字"

    @pytest.mark.parametrize("header", ["执行情况", "年度执行情况"])
    def test_plain_execution_has_no_month(self, tmp_path: Path, header: str) -> None:
        """A plain 执行情况 column is the actual, names no month (the command asks for --month) and needs no 分值."""
        table = load_table(_csv(tmp_path / "m.csv", [["三级指标", "指标值", header], ["项目个数", "≥110个", "68个"]]))
        assert (table.month, table.indicators[0].actual, table.indicators[0].weight) == (None, "68个", None)
        assert _all_problems(table) == []

    def test_year_end_sheet_still_needs_weights(self, tmp_path: Path) -> None:
        """A year-end sheet without 分值 is still told so; it has no month."""
        table = load_table(_csv(tmp_path / "y.csv", [["三级指标", "指标值", "完成值"], ["项目个数", "≥110个", "99个"]]))
        assert table.month is None
        assert table.problems == ("y.csv 第1行：表头没有“分值”列，各指标都没有分值，不能评分",)


class TestMonths:
    """One sheet, one month: the columns' and the header block's must agree."""

    def test_block_sets_the_month(self, tmp_path: Path) -> None:
        """A 1-7月执行数 in the header block alone sets the month and the money spent to date."""
        rows = [
            ["全年预算数", "1-7月执行数"],
            ["46", "20.7"],
            ["三级指标", "指标值", "执行情况"],
            ["甲", "≥1个", "1个"],
        ]
        table = load_table(_csv(tmp_path / "m.csv", rows))
        assert (table.month, table.budget) == (7, Budget(D("46"), D("20.7")))

    def test_block_and_columns_disagree(self, tmp_path: Path) -> None:
        """1-6月执行数 above 1-7月执行情况 is an error naming both headers, their rows and columns."""
        rows = [
            ["全年预算数", "1-6月执行数"],
            ["46", "20.7"],
            ["三级指标", "指标值", "1-7月执行情况"],
            ["甲", "≥1个", "1个"],
        ]
        with pytest.raises(TableReadError) as caught:
            load_table(_csv(tmp_path / "m.csv", rows))
        assert str(caught.value) == (
            f"无法读取 {tmp_path / 'm.csv'}：表头月份不一致：第1行第2列“1-6月执行数”截至6月，"
            "第3行第3列“1-7月执行情况”截至7月；同一张监控表的数字应截至同一个月，请改为一致后再读取"
        )

    def test_two_columns_disagree_in_a_workbook(self, tmp_path: Path) -> None:
        """Two columns of one sheet naming different months: the message names the sheet and the columns."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "7月监控"
        for row in (["三级指标", "指标值", "1-7月执行情况", "1-6月计划值"], ["甲", "≥1个", 1, 1]):
            sheet.append(row)
        book.save(tmp_path / "m.xlsx")
        with pytest.raises(
            TableReadError, match="工作表“7月监控”的表头月份不一致：第1行第C列“1-7月执行情况”截至7月，第1行第D列"
        ):
            load_table(tmp_path / "m.xlsx")

    def test_same_month_everywhere(self, tmp_path: Path) -> None:
        """截至七月 in one column and 1-7月 in another agree."""
        rows = [["三级指标", "指标值", "截至七月底完成情况", "1-7月计划值"], ["甲", "≥10个", "6个", "5个"]]
        table = load_table(_csv(tmp_path / "m.csv", rows))
        assert (table.month, table.indicators[0].plan) == (7, "5个")

    def test_year_end_block_unchanged(self) -> None:
        """A year-end block (全年执行数) still gives the budget line and no dated header."""
        line = budget_block([(1, ("", "全年预算数", "全年执行数")), (2, ("年度资金总额", "46", "43.7"))])
        assert (line.budget, line.dated) == (Budget(D("46"), D("43.7")), None)

    @pytest.mark.parametrize("spent", ["1-7月执行数", "截至7月执行数", "1-7月支出数", "1至七月执行数"])
    def test_monitoring_block(self, spent: str) -> None:
        """A monitoring block gives the money spent to date and where its dated header is; 执行率 is not read."""
        line = budget_block(
            [(4, ("", "年初预算数", "全年预算数", spent, "执行率")), (5, ("合计", "40", "46", "20.7", "9%"))]
        )
        assert (line.budget, line.dated) == (Budget(D("46"), D("20.7"), D("40")), (4, 3, spent))


class TestLongSheet:
    """A budget system's export of many projects, one row per indicator, with the money spent to date."""

    def test_each_project_has_its_budget_to_date(self, tmp_path: Path) -> None:
        """1-7月执行数 and 1-7月执行情况 columns: each project's budget to date and the month 7."""
        rows = [
            ["项目名称", "全年预算数", "1-7月执行数", "三级指标", "指标值", "1-7月执行情况", "全年预计完成情况"],
            ["甲项目", "100", "40", "培训人数", "≥100人", "50人", "100人"],
            ["乙项目", "80", "60", "验收时间", "2026年10月31日前", "进行中", "按时完成"],
        ]
        first, second = list(iter_tables(_csv(tmp_path / "导出.csv", rows)))
        assert [(t.project, t.month, t.budget) for t in (first, second)] == [
            ("甲项目", 7, Budget(D("100"), D("40"))),
            ("乙项目", 7, Budget(D("80"), D("60"))),
        ]
        assert (first.indicators[0].actual, second.indicators[0].expected) == ("50人", "按时完成")
        assert _all_problems(first) == _all_problems(second) == []


class TestNationalForm:
    """The national form, with its two-row header, as CSV (UTF-8 and GBK) and as a workbook."""

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
    def test_csv(self, tmp_path: Path, encoding: str) -> None:
        """Header block, budget to date, two-row header: every row's figures, causes and possibility."""
        table = load_table(_csv(tmp_path / "监控.csv", FORM, encoding))
        assert (table.title, table.year, table.month, table.project) == (
            "项目支出绩效目标执行监控表",
            2026,
            7,
            "援疆工作经费项目",
        )
        assert table.budget == Budget(D("46.00"), D("20.70"), D("46.00"))
        assert _monitored(table) == READ
        assert [(i.level1, i.level2) for i in table.indicators][:2] == [
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
        ]
        assert _all_problems(table) == []

    def test_xlsx_native_cells(self, tmp_path: Path) -> None:
        """A workbook with merged headers, numbers with formats, a percentage, a date and ✔ marks."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "监控表"
        for row in FORM:
            sheet.append([cell or None for cell in row])
        sheet["C5"], sheet["D5"], sheet["E5"], sheet["F5"] = 46, 46, 20.7, 0.45
        sheet["F5"].number_format = "0.00%"
        sheet["E10"] = 68
        sheet["E10"].number_format = '0"个"'
        sheet["E11"], sheet["F11"] = 0.95, 0.95
        sheet["E11"].number_format = sheet["F11"].number_format = "0%"
        sheet["D11"].data_type = "s"  # =100% is a 指标值, not a formula
        sheet["E12"] = dt.datetime(2026, 5, 20)
        sheet["G13"] = "✔"
        for merged in ("G8:K8", "A8:A9", "B8:B9", "C8:C9", "L8:L9", "A10:A12"):
            sheet.merge_cells(merged)
        book.save(tmp_path / "监控.xlsx")
        table = load_table(tmp_path / "监控.xlsx")
        assert table.month == 7
        assert table.budget == Budget(D("46"), D("20.7"), D("46"))
        assert _monitored(table) == READ
        assert all(i.level1 == "产出指标" for i in table.indicators[:3])
        assert _all_problems(table) == []

    def test_possibility_as_columns(self, tmp_path: Path) -> None:
        """完成目标可能性 as 确定能 | 有可能 | 完全不可能 under a merged header: the marked one is read."""
        rows = [
            ["三级指标", "指标值", "1-7月执行情况", "偏差原因分析", "", "", "", "", "完成目标可能性", "", ""],
            ["", "", "", "经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "确定能", "有可能", "完全不可能"],
            ["项目个数", "≥110个", "30个", "", "", "是", "", "", "", "√", ""],
            ["评审次数", "≥2次", "1次", "否", "×", "", "", "/", "Y", "", ""],
        ]
        table = load_table(_csv(tmp_path / "m.csv", rows))
        assert [(i.reason_kind, i.possibility) for i in table.indicators] == [("人员保障", "有可能"), ("", "确定能")]

    def test_categories_in_the_header_row(self, tmp_path: Path) -> None:
        """The five categories as headers of their own (one header row), with a 偏差原因 text column."""
        rows = [
            [
                "三级指标",
                "指标值",
                "1-7月执行情况",
                "经费保障",
                "制度保障",
                "人员保障",
                "硬件条件保障",
                "其他",
                "偏差原因",
            ],
            ["项目个数", "≥110个", "30个", "√", "", "", "✓", "", "资金未到位，设备未采购"],
        ]
        indicator = load_table(_csv(tmp_path / "m.csv", rows)).indicators[0]
        assert (indicator.reason_kind, indicator.reason) == ("经费保障、硬件条件保障", "资金未到位，设备未采购")

    def test_first_row_is_not_taken_for_a_header(self, tmp_path: Path) -> None:
        """The row under the header row is an indicator unless every cell of it is a header, none of them under
        三级指标 or 指标值."""
        rows = [["三级指标", "指标值", "1-7月执行情况", "其他", "经费保障"], ["其他", "经费保障", "", "", ""],
                ["项目个数", "≥110个", "30个", "", ""], ["人员保障", "", "", "", ""]]  # fmt: skip
        assert [i.name for i in load_table(_csv(tmp_path / "m.csv", rows)).indicators] == [
            "其他",
            "项目个数",
            "人员保障",
        ]

    def test_lone_other_column_is_no_category(self, tmp_path: Path) -> None:
        """A single 其他 column of a year-end sheet is not read as a category (the five come as a set)."""
        rows = [["三级指标", "指标值", "实际完成值", "分值", "其他"], ["项目个数", "≥110个", "99个", "10", "√"]]
        assert load_table(_csv(tmp_path / "y.csv", rows)).indicators[0].reason_kind == ""


class TestActualsFiles:
    """``--actuals FILE`` of ``scoring monitor``: CSV, XLSX and TOML in the monitoring spellings."""

    def test_csv(self, tmp_path: Path) -> None:
        """三级指标 | 1-7月执行情况 | 全年预计完成情况 | 偏差原因 | 完成目标可能性 fills the rows; the month is 7."""
        rows = [["三级指标", "1-7月执行情况", "全年预计完成情况", "偏差原因", "完成目标可能性"],
                ["援疆人员满意度", "96%", "96%", "", ""],
                ["争取福建、山西对口支援昌吉州项目投资金额", "1.68亿元", "5.2亿元", "其他：项目推迟", "有可能"]]  # fmt: skip
        actuals = load_actuals(_csv(tmp_path / "a.csv", rows, "gbk"))
        assert actuals.month == 7
        assert actuals.entries[1] == Actual(
            "争取福建、山西对口支援昌吉州项目投资金额", "1.68亿元", reason="其他：项目推迟", source="a.csv 第3行",
            expected="5.2亿元", possibility="有可能",
        )  # fmt: skip
        table, problems = apply_actuals(load_table(SEED / "援疆工作经费项目.toml"), actuals)
        assert (problems, table.month) == ((), 7)
        assert (table.indicators[7].actual, table.indicators[7].expected) == ("1.68亿元", "5.2亿元")

    def test_national_form_as_actuals(self, tmp_path: Path) -> None:
        """The national form itself is an actuals file: its rows, causes, budget to date and month."""
        actuals = load_actuals(_csv(tmp_path / "监控.csv", FORM))
        assert (actuals.month, actuals.budget) == (7, Budget(D("46.00"), D("20.70"), D("46.00")))
        assert [(e.actual, e.expected, e.reason_kind, e.reason, e.possibility) for e in actuals.entries] == READ

    def test_year_end_actuals_have_no_month(self) -> None:
        """A year-end actuals file names no month."""
        assert load_actuals(SEED / "援疆工作经费项目.实际完成值.toml").month is None

    def test_toml(self, tmp_path: Path) -> None:
        """TOML: a top-level month, and expected, plan, possibility, reason_kind per entry."""
        path = tmp_path / "a.toml"
        path.write_text(
            'month = 7\n[budget]\nplanned = "46"\nspent = "20.7"\n[[actuals]]\nname = "甲"\nactual = "30个"\n'
            'plan = "40个"\nexpected = "100个"\nreason_kind = "经费保障"\nreason = "资金未到位"\npossibility = "有可能"\n',
            encoding="utf-8",
        )
        actuals = load_actuals(path)
        assert (actuals.month, actuals.problems, actuals.budget) == (7, (), Budget(D("46"), D("20.7")))
        assert actuals.entries[0] == Actual("甲", "30个", None, "资金未到位", "a.toml 第1个实际完成值（第5行）", "100个",
                                            "40个", "有可能", "经费保障")  # fmt: skip

    @pytest.mark.parametrize(
        ("value", "month"), [("7", 7), ('"7月"', 7), ('"1-7月"', 7), ('"七"', 7), ('"一至七月"', 7), ('"上半年"', 6)]
    )
    def test_toml_month(self, tmp_path: Path, value: str, month: int) -> None:
        """month is read as a header's month is (``7``, ``"七"``, ``"7月"``, ``"1-7月"``, ``"上半年"``)."""
        path = tmp_path / "a.toml"
        path.write_text(f'month = {value}\n[actuals]\n"甲" = "1个"\n', encoding="utf-8")
        actuals = load_actuals(path)
        assert (actuals.month, actuals.problems) == (month, ())

    @pytest.mark.parametrize(
        ("value", "why"),
        [
            ("13", "月份应为1至12，却是“13月”"),
            ('"十三"', "月份应为1至12，却是“十三月”"),
            ("7.5", "月份应为1至12（如 7、“7月”或“1-7月”），却是“7.5”"),
            ("true", "月份应为1至12（如 7、“7月”或“1-7月”），却是 true"),
            ('"2-7月"', "监控数应为自1月起的累计数"),
            ("[7]", "月份应为1至12（如 7、“7月”或“1-7月”），却是 [7]"),
        ],
    )
    def test_toml_bad_month(self, tmp_path: Path, value: str, why: str) -> None:
        """A month that is not 1–12 makes the file unreadable, naming the file and the key (never dropped)."""
        path = tmp_path / "a.toml"
        path.write_text(f'month = {value}\n[actuals]\n"甲" = "1个"\n', encoding="utf-8")
        with pytest.raises(TableReadError, match=re.escape(f"“month”（监控月份）：{why}")) as caught:
            load_actuals(path)
        assert caught.value.path.endswith("a.toml")

    def test_unknown_key_lists_monitoring_keys(self, tmp_path: Path) -> None:
        """In a monitoring file an unknown key's message lists the monitoring keys too."""
        path = tmp_path / "a.toml"
        path.write_text('month = 7\n[[actuals]]\nname = "甲"\nactual = "1个"\nreason_type = "其他"\n', encoding="utf-8")
        assert load_actuals(path).problems == (
            "a.toml 第1个实际完成值（第2行）：未知的键“reason_type”（可用的键：name、actual、points、reason、expected、"
            "plan、possibility、reason_kind）",
        )

    def test_apply_carries_every_field(self) -> None:
        """apply_actuals fills expected, plan, possibility and reason_kind, and takes the file's month."""
        table = Table("t", (Indicator("甲", "≥10个", None),))
        entry = Actual("甲", "3个", reason="r", expected="9个", plan="4个", possibility="有可能", reason_kind="其他")
        filled, problems = apply_actuals(table, Actuals((entry,), month=7))
        one = filled.indicators[0]
        assert (one.actual, one.expected, one.plan, one.possibility, one.reason_kind, one.reason) == (
            "3个", "9个", "4个", "有可能", "其他", "r"
        )  # fmt: skip
        assert (filled.month, problems) == (7, ())

    def test_apply_keeps_the_tables_month(self) -> None:
        """A table's own month stays; an actuals file naming another is a problem."""
        table = Table("t", (Indicator("甲", "≥10个", None),), project="援疆", month=6)
        filled, problems = apply_actuals(table, Actuals((), source="a.csv", month=7))
        assert filled.month == 6
        assert problems == ("a.csv：数字截至7月，表“援疆”却截至6月，两者不一致",)


class TestToml:
    """month and the monitoring keys survive TOML, CSV and XLSX."""

    TABLE = Table(
        "项目支出绩效目标执行监控表",
        (
            Indicator("项目个数", "≥110个", None, actual="68个", expected="118个", plan="60个", possibility="确定能"),
            Indicator(
                "投资金额",
                "≥5.76亿元",
                D(20),
                actual="1.68亿元",
                expected="5.2亿元",
                reason="项目推迟",
                reason_kind="经费保障、其他",
                possibility="有可能",
            ),
        ),
        year=2026,
        project="援疆工作经费项目",
        budget=Budget(D("46.00"), D("20.70")),
        month=7,
    )

    def test_round_trip(self, tmp_path: Path) -> None:
        """dump_table_toml writes month and the keys; reading it back gives the same table."""
        text = dump_table_toml(self.TABLE)
        assert "month = 7" in text
        assert 'reason_kind = "经费保障、其他"' in text
        assert (
            attrs.evolve(table_from_toml(text, "t.toml"), source="").with_indicators(self.TABLE.indicators)
            == self.TABLE
        )
        again = table_from_toml(text, "t.toml")
        assert [(i.expected, i.plan, i.possibility, i.reason_kind) for i in again.indicators] == [
            ("118个", "60个", "确定能", ""),
            ("5.2亿元", None, "有可能", "经费保障、其他"),
        ]
        assert _all_problems(again) == []

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_sheet_round_trip(self, tmp_path: Path, suffix: str) -> None:
        """write_table writes a monitoring sheet (1-7月执行情况, the five categories marked √) that reads back."""
        path = tmp_path / f"监控{suffix}"
        write_table(self.TABLE, path)
        again = load_table(path)
        assert (again.month, again.budget) == (7, self.TABLE.budget)
        assert [i.cells() for i in again.indicators] == [i.cells() for i in self.TABLE.indicators]

    def test_bad_month(self) -> None:
        """A month outside 1–12 makes the table file unreadable, naming [table] and the key."""
        with pytest.raises(TableReadError, match=re.escape("[table] 的“month”（监控月份）：月份应为1至12，却是“0月”")):
            table_from_toml('[table]\nmonth = 0\n[[indicators]]\nname = "甲"\ntarget = "1个"\n', "t.toml")

    def test_year_end_message_unchanged(self) -> None:
        """A year-end TOML lists only the year-end keys for an unknown key."""
        table = table_from_toml('[[indicators]]\nname = "甲"\ntarget = "1个"\nweight = "1"\nx = "1"\n', "t.toml")
        assert "expected" not in table.indicators[0].problems[0]


class TestExample:
    """The bundled January–July example of 援疆工作经费项目."""

    def test_fills_every_row(self) -> None:
        """Every row of the seed table gets its actual to date; the month is 7 and the budget is spent to date."""
        actuals = load_actuals(EXAMPLE)
        table, problems = apply_actuals(load_table(SEED / "援疆工作经费项目.toml"), actuals)
        assert (problems, actuals.problems, table.month) == ((), (), 7)
        assert table.budget == Budget(D("46.00"), D("20.70"))
        assert all(i.actual and i.expected for i in table.indicators)
        assert {i.reason_kind for i in table.indicators} == {"", "制度保障", "经费保障", "其他"}

    def test_gives_every_light(self) -> None:
        """Monitored, the example shows green, yellow and red rows, a yellow money light and nothing unexplained."""
        from scoring.engine.monitor import monitor_table

        table, _ = apply_actuals(load_table(SEED / "援疆工作经费项目.toml"), load_actuals(EXAMPLE))
        result = monitor_table(table)
        assert {line.light.value for line in result.lines if line.light} == {"绿灯", "黄灯", "红灯"}
        assert result.budget is not None
        assert result.budget.light is not None
        assert result.budget.light.value == "黄灯"
        assert [line.findings for line in result.lines if line.findings] == []

"""Reading and writing tables and actuals (scoring.tables): the seed's tables, TOML, CSV, XLSX and errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.errors import ScoringError, TableReadError
from scoring.tables import Actual, Actuals, apply_actuals, dump_table_toml, load_actuals, load_table, write_table
from scoring.tables.model import Budget, Funds, Indicator, Table

SEED = Path(__file__).resolve().parents[1] / "indicators" / "2026-昌吉州对口援疆办"
DEPARTMENT = SEED / "部门整体绩效目标表.toml"
OPERATIONS = SEED / "机构运行保障经费.toml"
AID = SEED / "援疆工作经费项目.toml"
UNIT = "昌吉回族自治州对口援疆工作领导小组办公室"

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "分值", "赋分规则", "佐证资料"]


def _without_sources(table: Table) -> Table:
    """The table with every source cleared, for comparing tables read from different files."""
    indicators = tuple(attrs.evolve(i, source="") for i in table.indicators)
    return attrs.evolve(table, indicators=indicators, source="")


def _write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    text = "\r\n".join(",".join(f'"{cell}"' if "," in cell else cell for cell in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


class TestSeedTables:
    """The seed's three tables, transcribed in indicators/2026-昌吉州对口援疆办/."""

    @pytest.mark.parametrize(
        ("path", "kind", "project", "weights", "funds"),
        [
            (DEPARTMENT, "department", "", [20, 20, 20, 30], ("318.28", "212.28", "106.00")),
            (
                OPERATIONS,
                "project",
                "机构运行保障经费",
                [5, 5, 5, 5, 5, 5, 5, 3, 2, 5, 5, 10, 20, 10],
                ("106.00", "0.00", "106.00"),
            ),
            (AID, "project", "援疆工作经费项目", [10, 5, 10, 10, 5, 10, 10, 20, 10], ("46.00", "46.00", "0.00")),
        ],
    )
    def test_counts_weights_and_header(
        self, path: Path, kind: str, project: str, weights: list[int], funds: tuple[str, str, str]
    ) -> None:
        """Each seed table has its published indicator count, weights (sum 90), kind, unit, project and funds."""
        table = load_table(path)
        assert [i.weight for i in table.indicators] == [Decimal(w) for w in weights]
        assert sum(i.weight or 0 for i in table.indicators) == Decimal(90)
        assert (table.kind, table.year, table.unit, table.project) == (kind, 2026, UNIT, project)
        assert table.funds == Funds(*(Decimal(v) for v in funds))
        assert table.problems == ()
        assert all(i.problems == () for i in table.indicators)
        assert table.goal.startswith("<p>")
        assert table.goal.endswith("</p>")

    def test_department_indicators(self) -> None:
        """The department table keeps its texts as published, including the spaced ``≥2 次``, and has no rules."""
        table = load_table(DEPARTMENT)
        assert table.title == "部门整体绩效目标表"
        assert [i.target for i in table.indicators] == ["≥2 次", "≥2 次", "=2 次", "≥110 个"]
        assert {(i.level1, i.level2) for i in table.indicators} == {("履职效能", "数量指标")}
        assert {i.rule for i in table.indicators} == {""}
        assert table.indicators[3].name == "争取福建、山西对口支援昌吉州项目个数"
        assert table.indicators[0].basis == "《自治区援疆项目管理办法》"
        assert table.extras == (("contact", "许倩"), ("phone", "13565959297"))

    def test_operations_indicators(self) -> None:
        """机构运行保障经费 keeps odd spacing, repairs the broken ``<=51``/``万元`` cell and un-shifts the cost rows."""
        table = load_table(OPERATIONS)
        by_name = {i.name: i for i in table.indicators}
        assert by_name["保密会议室改造成本"].target == "<=51万元"
        assert by_name["其他运行成本"].target == "< =6.70 万元"
        assert by_name["单位职工满意度"].target == "> =96%"
        assert by_name["保障单位正常运转"].target == "有效 保障"
        assert by_name["无纸化会议系统搭建成本"].target == "<=48.30万元/套"
        cost = [i for i in table.indicators if i.level1 == "成本指标"]
        assert [i.name for i in cost] == ["无纸化会议系统搭建成本", "保密会议室改造成本", "其他运行成本"]
        assert {i.level2 for i in cost} == {"经济成本指标"}
        assert [i.rule for i in table.indicators].count("直接赋分") == 2
        assert by_name["保障单位正常运转"].level2 == "社会效益指标"

    def test_aid_indicators(self) -> None:
        """援疆工作经费项目 splits the rule and the evidence that the PDF put in one cell."""
        table = load_table(AID)
        assert [i.rule for i in table.indicators] == ["按照完成比例赋分"] * 4 + ["直接赋分"] + [
            "按照完成比例赋分"
        ] * 3 + ["满意度赋分"]
        assert [i.evidence for i in table.indicators][5:7] == ["原始凭证", "原始凭证"]
        assert table.indicators[7].target == ">=5.76亿元"
        assert table.indicators[4].previous == "2025年1月9号"
        assert table.extras == (("leader", "许倩"),)

    @pytest.mark.parametrize(
        ("path", "budget"),
        [
            (DEPARTMENT, None),
            (OPERATIONS, Budget(Decimal("106.00"), Decimal("100.70"))),
            (AID, Budget(Decimal("46.00"), Decimal("43.70"))),
        ],
    )
    def test_example_actuals_fill_every_row(self, path: Path, budget: Budget | None) -> None:
        """Each example actuals file names only indicators of its table, fills all of them and sets the budget."""
        table, problems = apply_actuals(load_table(path), load_actuals(path.with_suffix(".实际完成值.toml")))
        assert problems == ()
        assert all(i.actual for i in table.indicators)
        assert table.budget == budget

    def test_example_actuals_exercise_the_rules(self) -> None:
        """The example actuals carry the cases the rules must handle (bare number, unit change, dates, tiers)."""
        pairs: set[tuple[str, str | None]] = set()
        for path in (DEPARTMENT, OPERATIONS, AID):
            table, _ = apply_actuals(load_table(path), load_actuals(path.with_suffix(".实际完成值.toml")))
            pairs.update((i.target, i.actual) for i in table.indicators)
        assert {
            (">=110个", "129"),
            (">=5.76亿元", "51840万元"),
            ("<=20万元", "180000元"),
            ("2026年6月30日前", "2026年6月15日"),
            ("2026年6月30日前", "2026年7月10日"),
            ("有效 保障", "达成"),
            ("≥2 次", "2个"),
            (">=2次", "3次"),
            ("> =96%", "95%"),
            ("=100%", "95%"),
        } <= pairs


class TestToml:
    """TOML reading, writing and round-trips."""

    @pytest.mark.parametrize("path", [DEPARTMENT, OPERATIONS, AID])
    def test_seed_round_trip(self, path: Path, tmp_path: Path) -> None:
        """Writing a seed table to TOML and reading it back gives an equal table."""
        table = load_table(path)
        copy = tmp_path / path.name
        write_table(table, copy)
        assert _without_sources(load_table(copy)) == _without_sources(table)

    def test_round_trip_of_everything_the_format_carries(self, tmp_path: Path) -> None:
        """Actuals, 得分, reasons, budget, 一级 weights, policy, extras and awkward strings survive a round-trip."""
        table = Table(
            title='带"引号"与\\反斜杠的表',
            indicators=(
                Indicator(
                    name="指标\t一",
                    target="≥110个",
                    weight=Decimal("7.50"),
                    rule="按照完成比例赋分",
                    level1="产出指标",
                    level2="数量指标",
                    actual="99个",
                    reported=Decimal("6.75"),
                    reason='第一行\n第二行 "引号" \\',
                ),
                Indicator(name="满意度", target="> =96%", weight=Decimal(10), level1="满意度指标"),
            ),
            kind="department",
            year=2026,
            unit="某单位",
            funds=Funds(total=Decimal("318.28"), fiscal=None, other=Decimal("0.00")),
            budget=Budget(planned=Decimal("46.00"), spent=Decimal("41.40")),
            level1_weights=(("产出指标", Decimal(50)), ("满意度指标", Decimal(10))),
            policy={"reverse": "linear", "budget_weight": 10, "grade": {"bands": [90, 80, 60], "strict": True}},
            goal="多行\n目标",
            extras=(("leader", "许倩"), ("联系电话", "13565959297")),
        )
        path = tmp_path / "t.toml"
        path.write_text(dump_table_toml(table), encoding="utf-8")
        back = load_table(path)
        assert _without_sources(back) == attrs.evolve(table, source="")
        assert back.policy == table.policy

    @settings(max_examples=60, deadline=None)
    @given(st.text(min_size=1).map(str.strip).filter(bool))
    def test_any_text_round_trips(self, text: str) -> None:
        """Any text without outer whitespace survives the TOML string escaping, as a name and as a target."""
        import tomllib

        table = Table(title="t", indicators=(Indicator(name=text, target=text, weight=Decimal(1)),))
        data = tomllib.loads(dump_table_toml(table))
        assert data["indicators"][0]["name"] == text
        assert data["indicators"][0]["target"] == text

    def test_numbers_may_be_toml_numbers(self, tmp_path: Path) -> None:
        """TOML integers and floats read as exact Decimals (``48.3`` stays 48.3, ``10.0`` becomes 10)."""
        path = tmp_path / "n.toml"
        path.write_text(
            '[table]\ntitle = "t"\n[table.funds]\ntotal = 48.3\n'
            '[[indicators]]\nname = "a"\ntarget = 100\nweight = 10.0\n'
            '[[indicators]]\nname = "b"\ntarget = "≥1个"\nweight = 7\n',
            encoding="utf-8",
        )
        table = load_table(path)
        assert table.funds.total == Decimal("48.3")
        assert str(table.funds.total) == "48.3"
        assert [i.target for i in table.indicators] == ["100", "≥1个"]
        assert [str(i.weight) for i in table.indicators] == ["10", "7"]

    def test_unknown_and_missing_keys_are_problems(self, tmp_path: Path) -> None:
        """An unknown key, a missing target and an unreadable weight become problems on their rows, not crashes."""
        path = tmp_path / "p.toml"
        path.write_text(
            '[table]\ntitle = "t"\n\n[[indicators]]\nname = "a"\ntarget = "≥1个"\nweight = "5"\nwieght = "5"\n\n'
            '[[indicators]]\nname = "b"\nweight = "十分"\n',
            encoding="utf-8",
        )
        first, second = load_table(path).indicators
        assert first.weight == Decimal(5)
        assert first.problems == (
            "p.toml 第1个指标（第4行）：未知的键“wieght”（可用的键：level1、level2、name、target、basis、previous、"
            "weight、rule、evidence、actual、points、reason）",
        )
        assert second.weight is None
        assert second.problems == (
            "p.toml 第2个指标（第10行）：缺少“target”（指标值）",
            "p.toml 第2个指标（第10行）：“weight”（分值）应为数字，却是“十分”",
        )

    def test_bad_toml_raises(self, tmp_path: Path) -> None:
        """A TOML syntax error raises TableReadError naming the file and the line."""
        path = tmp_path / "坏.toml"
        path.write_text('[table]\ntitle = "t"\nweight = = 3\n', encoding="utf-8")
        with pytest.raises(TableReadError, match=r"坏\.toml：TOML 格式有误（第3行第10列）：值无法识别") as info:
            load_table(path)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, ScoringError)

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            ('[table]\ntitle "t"\n', "（第2行第7列）：键后应为“=”"),
            ('[table]\ntitle = "t\n', "（第2行第11列）：引号未闭合"),
            ("[table]\n[table]\n", "同一个表声明了两次"),
            ("[table]\ntitle = 1 2\n", "一行只能写一个“键 = 值”"),
            ("[table]\n标题 = 1\n", "中文键名请加引号"),
        ],
    )
    def test_toml_errors_in_chinese(self, tmp_path: Path, text: str, said: str) -> None:
        """tomllib's English messages reach the user in Chinese, with the line and column."""
        path = tmp_path / "坏.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(TableReadError) as info:
            load_table(path)
        assert said in str(info.value)
        assert not any("a" <= c <= "z" for c in str(info.value).split("：", 2)[-1])

    def test_toml_without_indicators_raises(self, tmp_path: Path) -> None:
        """A TOML file without [[indicators]] (an actuals file, say) is not a table."""
        with pytest.raises(TableReadError, match=r"缺少 \[\[indicators\]\]"):
            load_table(AID.with_suffix(".实际完成值.toml"))


class TestCsv:
    """CSV files with the standard Chinese headers."""

    ROWS: ClassVar[list[list[str]]] = [
        ["项目支出绩效目标表"],
        ["(2026 年)"],
        ["预算单位", "", UNIT],
        ["项目名称", "", "援疆工作经费项目", "", "项目负责人", "许倩"],
        ["项目资金(万元)", "", "年度预算总额", "46.00", "其中：财政拨款", "46.00", "其他资金", "0.00"],
        [" 一级 指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则", "佐证资料"],
        ["产出指标(50分)", "数量指标", "争取福建、山西对口支援昌吉州项目个数", ">=110个", "计划标准", "129个", "10", "按照完成比例赋分", "工作资料"],
        ["", "", "2026年援疆项目投资计划评审次数", ">=2次", "计划标准", "2个", "5", "按照完成比例赋分", "工作资料"],
        ["", "质量指标", "援疆项目申报成功率", "=100%", "计划标准", "100%", "10", "按照完成比例赋分", "工作资料"],
        ["", "", "", "", "", "", "", "", ""],
        ["效益指标（30分）", "", "", "", "", "", "", "", ""],
        ["", "经济效益指标", "争取福建、山西对口支援昌吉州项目投资金额", ">=5.76亿元", "计划标准", "5.76亿元", "20", "按照完成比例赋分", "工作资料"],
        ["", "", "援疆人员满意度", ">=95%", "计划标准", "95%", "10", "满意度赋分", "工作资料"],
        ["总分", "", "", "", "", "", "55", "", ""],
    ]  # fmt: skip

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
    def test_encodings(self, encoding: str, tmp_path: Path) -> None:
        """UTF-8, UTF-8 with BOM and GB18030 files read to the same table."""
        table = load_table(_write_csv(tmp_path / "援疆.csv", self.ROWS, encoding))
        assert [i.name for i in table.indicators] == [
            "争取福建、山西对口支援昌吉州项目个数",
            "2026年援疆项目投资计划评审次数",
            "援疆项目申报成功率",
            "争取福建、山西对口支援昌吉州项目投资金额",
            "援疆人员满意度",
        ]
        assert [i.target for i in table.indicators] == [">=110个", ">=2次", "=100%", ">=5.76亿元", ">=95%"]
        assert [i.weight for i in table.indicators] == [Decimal(w) for w in ("10", "5", "10", "20", "10")]

    def test_header_below_title_rows(self, tmp_path: Path) -> None:
        """The header row is found below the title rows, which give the title, year, unit, project and funds."""
        table = load_table(_write_csv(tmp_path / "援疆.csv", self.ROWS, "utf-8"))
        assert (table.title, table.year, table.unit, table.project, table.kind) == (
            "项目支出绩效目标表",
            2026,
            UNIT,
            "援疆工作经费项目",
            "project",
        )
        assert table.funds == Funds(Decimal("46.00"), Decimal("46.00"), Decimal("0.00"))
        assert str(table.funds.other) == "0.00"
        assert table.extras == (("leader", "许倩"),)
        assert table.indicators[0].source == "援疆.csv 第7行"
        assert table.indicators[0].basis == "计划标准"
        assert table.indicators[0].rule == "按照完成比例赋分"

    def test_merged_cells_take_the_value_above(self, tmp_path: Path) -> None:
        """Blank 一级/二级 cells take the value above; a new 一级 heading starts without a 二级."""
        table = load_table(_write_csv(tmp_path / "援疆.csv", self.ROWS, "utf-8"))
        assert [(i.level1, i.level2) for i in table.indicators] == [
            ("产出指标", "数量指标"),
            ("产出指标", "数量指标"),
            ("产出指标", "质量指标"),
            ("效益指标", "经济效益指标"),
            ("效益指标", "经济效益指标"),
        ]

    def test_level1_weights(self, tmp_path: Path) -> None:
        """``产出指标(50分)`` and ``效益指标（30分）`` give 一级 weights and plain 一级 names."""
        table = load_table(_write_csv(tmp_path / "援疆.csv", self.ROWS, "utf-8"))
        assert table.level1_weights == (("产出指标", Decimal(50)), ("效益指标", Decimal(30)))

    @pytest.mark.parametrize("raw", ["abc", "十分"])
    def test_unreadable_weight_is_kept_with_a_problem(self, raw: str, tmp_path: Path) -> None:
        """A row with an unreadable 分值 is kept, weight None, with a message naming file, row and column."""
        rows = [["绩效目标表"], ["一级指标", "二级指标", "三级指标", "指标值", "分值"]]
        rows += [["产出指标", "数量指标", f"指标{n}", ">=1个", "5"] for n in (1, 2)]
        rows += [["", "", "坏分值", ">=2次", raw]]
        table = load_table(_write_csv(tmp_path / "援疆.csv", rows, "utf-8"))
        bad = table.indicators[2]
        assert (bad.name, bad.weight, bad.source) == ("坏分值", None, "援疆.csv 第5行")
        assert bad.problems == (f"援疆.csv 第5行“分值”列：应为数字，却是“{raw}”",)
        assert table.indicators[0].problems == ()

    def test_blank_name_or_target_is_a_problem(self, tmp_path: Path) -> None:
        """A row with a target but no name is kept with a problem; a row with neither is skipped."""
        rows = [
            HEADER,
            ["产出指标", "数量指标", "", ">=1个", "", "", "5", "", ""],
            ["", "", "", "", "备注", "", "", "", ""],
        ]
        table = load_table(_write_csv(tmp_path / "x.csv", rows, "utf-8-sig"))
        (only,) = table.indicators
        assert only.problems == ("x.csv 第2行“三级指标”列：为空，应为三级指标名称",)

    def test_tab_separated(self, tmp_path: Path) -> None:
        """A tab-separated file saved as .csv is read too."""
        path = tmp_path / "t.csv"
        path.write_text(
            "\n".join("\t".join(r) for r in [HEADER, ["产出指标", "数量指标", "a,b", ">=1个", "", "", "5", "", ""]])
        )
        assert [(i.name, i.weight) for i in load_table(path).indicators] == [("a,b", Decimal(5))]

    def test_self_evaluation_columns_and_budget(self, tmp_path: Path) -> None:
        """A 自评表 gives actuals, 得分, 偏差原因 and the 全年预算数/全年执行数 line above the indicators."""
        rows = [
            ["项目支出绩效自评表"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "46.00", "46.00", "41.40", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标(50分)", "数量指标", "项目个数", "≥110个", "99个", "10", "9", "部分项目推迟"],
        ]
        table = load_table(_write_csv(tmp_path / "自评.csv", rows, "gb18030"))
        assert table.budget == Budget(Decimal("46.00"), Decimal("41.40"), Decimal("46.00"))
        (row,) = table.indicators
        assert (row.target, row.actual, row.reported, row.reason) == ("≥110个", "99个", Decimal(9), "部分项目推迟")

    @pytest.mark.parametrize("path", [DEPARTMENT, OPERATIONS, AID])
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
    def test_write_and_read_back(self, path: Path, suffix: str, tmp_path: Path) -> None:
        """A seed table written as CSV or XLSX reads back equal (policy aside, which sheets do not carry)."""
        table, _ = apply_actuals(load_table(path), load_actuals(path.with_suffix(".实际完成值.toml")))
        copy = tmp_path / f"{path.stem}{suffix}"
        write_table(table, copy)
        assert _without_sources(load_table(copy)) == _without_sources(table)


class TestXlsx:
    """XLSX workbooks read through openpyxl."""

    def _book(self, path: Path) -> Path:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "绩效目标"
        sheet.append(["项目支出绩效自评表"])
        sheet.append([])
        sheet.append(["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"])
        sheet.append(["成本指标", "经济成本指标", "搭建成本", 48.3, 46, 10, 9.5])
        sheet.append([None, None, "验收合格率", "=100%", 0.95, 10.0, None])
        sheet.append([None, "时效指标", "完成时间", "2026年6月30日前", dt.datetime(2026, 6, 15), 7.5, "十分"])
        sheet.merge_cells("A4:A6")
        sheet["E5"].number_format = "0%"
        book.save(path)
        return path

    def test_numbers_become_exact_text(self, tmp_path: Path) -> None:
        """Float cells read without float noise (48.3, 10.0 -> 10), ints stay ints, percent and date formats show."""
        table = load_table(self._book(tmp_path / "自评.xlsx"))
        first, second, third = table.indicators
        assert (first.target, first.actual, first.weight, first.reported) == ("48.3", "46", Decimal(10), Decimal("9.5"))
        assert str(second.weight) == "10"
        assert second.actual == "95%"
        assert (third.actual, third.weight) == ("2026年6月15日", Decimal("7.5"))

    def test_merged_cells_and_problems(self, tmp_path: Path) -> None:
        """Merged 一级 cells take the value above and an unreadable 得分 names the sheet row."""
        table = load_table(self._book(tmp_path / "自评.xlsx"))
        assert [(i.level1, i.level2) for i in table.indicators] == [
            ("成本指标", "经济成本指标"),
            ("成本指标", "经济成本指标"),
            ("成本指标", "时效指标"),
        ]
        assert table.indicators[2].problems == ("自评.xlsx 第6行“得分”列：应为数字，却是“十分”",)
        assert table.title == "项目支出绩效自评表"

    def test_header_on_a_later_sheet(self, tmp_path: Path) -> None:
        """When the first sheet has no header row, the next sheet with one is read and named in sources."""
        book = openpyxl.Workbook()
        book.active.append(["说明"])
        other = book.create_sheet("指标")
        other.append(["三级指标", "指标值", "分值"])
        other.append(["a", ">=1个", 5])
        book.save(tmp_path / "多表.xlsx")
        (row,) = load_table(tmp_path / "多表.xlsx").indicators
        assert row.source == "多表.xlsx 工作表“指标” 第2行"


class TestReadErrors:
    """Files that cannot be read at all raise TableReadError with a Chinese message."""

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file names the file and says it does not exist."""
        path = tmp_path / "没有这个文件.csv"
        with pytest.raises(TableReadError) as info:
            load_table(path)
        assert str(info.value) == f"无法读取 {path}：文件不存在"
        assert info.value.path == str(path)

    def test_garbage_csv(self, tmp_path: Path) -> None:
        """Bytes that are neither UTF-8 nor GB18030 are rejected with the expected encodings named."""
        path = tmp_path / "乱码.csv"
        path.write_bytes(b"\x80\xff\xfe" * 40)
        with pytest.raises(TableReadError, match=r"乱码\.csv：文件编码既不是 UTF-8 也不是 GB18030"):
            load_table(path)

    def test_no_header_row(self, tmp_path: Path) -> None:
        """A readable CSV without a 三级指标/指标值 header row is rejected, saying which headers were expected."""
        path = _write_csv(tmp_path / "无表头.csv", [["姓名", "年龄"], ["张三", "30"]], "utf-8")
        with pytest.raises(TableReadError, match=r"无表头\.csv：找不到表头行：应有一行同时含“三级指标”和“指标值”"):
            load_table(path)

    def test_garbage_xlsx(self, tmp_path: Path) -> None:
        """A file named .xlsx that is not a workbook is rejected."""
        path = tmp_path / "坏.xlsx"
        path.write_bytes(b"not a zip file at all")
        with pytest.raises(TableReadError, match=r"坏\.xlsx：不是有效的 XLSX 工作簿"):
            load_table(path)

    @pytest.mark.parametrize(
        ("name", "expected"), [("表.xls", "另存为 .xlsx"), ("表.txt", "应为 .toml、.csv 或 .xlsx")]
    )
    def test_unsupported_extension(self, name: str, expected: str, tmp_path: Path) -> None:
        """Unsupported extensions are rejected before reading, naming the supported ones."""
        path = tmp_path / name
        path.write_text("x")
        with pytest.raises(TableReadError, match=expected):
            load_table(path)


class TestActuals:
    """load_actuals and apply_actuals."""

    def test_toml_actuals(self) -> None:
        """The [[actuals]] form reads name, actual, self-reported points, reason and the budget."""
        actuals = load_actuals(AID.with_suffix(".实际完成值.toml"))
        assert actuals.budget == Budget(Decimal("46.00"), Decimal("43.70"))
        assert len(actuals.entries) == 9
        assert actuals.entries[0] == Actual(
            "争取福建、山西对口支援昌吉州项目个数",
            "129",
            Decimal(10),
            "",
            "援疆工作经费项目.实际完成值.toml 第1个实际完成值（第9行）",
        )

    def test_short_form(self) -> None:
        """The [actuals] mapping form accepts plain values and inline tables."""
        actuals = load_actuals(DEPARTMENT.with_suffix(".实际完成值.toml"))
        assert [(e.name, e.actual) for e in actuals.entries][:2] == [
            ("陪同福建、山西援疆领导考察调研县市次数", "2个"),
            ("慰问福建、山西援疆前方指挥部次数", "3次"),
        ]
        assert actuals.entries[1].reason.startswith("春节")
        assert actuals.budget is None

    def test_apply_matches_names_ignoring_whitespace(self) -> None:
        """Names match ignoring spaces; actuals, points and reasons land on the right rows; others stay None."""
        table = load_table(AID)
        actuals = Actuals(
            (
                Actual("援疆人员 满意度", "97%", Decimal(10), "无"),
                Actual("争取福建、山西对口支援昌吉州项目投资金额", "51840万元"),
            ),
            budget=Budget(Decimal("46.00"), Decimal("43.70")),
        )
        filled, problems = apply_actuals(table, actuals)
        assert problems == ()
        assert (filled.indicators[8].actual, filled.indicators[8].reported, filled.indicators[8].reason) == (
            "97%",
            Decimal(10),
            "无",
        )
        assert filled.indicators[7].actual == "51840万元"
        assert [i.actual for i in filled.indicators[:7]] == [None] * 7
        assert filled.budget == Budget(Decimal("46.00"), Decimal("43.70"))

    def test_unknown_and_duplicate_names(self) -> None:
        """An actual naming no indicator, and a repeated name, are problems; the first of a repeat wins."""
        table = load_table(AID)
        actuals = Actuals(
            (
                Actual("援疆人员满意率", "97%", source="a.toml 第1个实际完成值"),
                Actual("援疆人员满意度", "97%", source="a.toml 第2个实际完成值"),
                Actual("援疆人员满意度", "80%", source="a.toml 第3个实际完成值"),
            )
        )
        filled, problems = apply_actuals(table, actuals)
        assert problems == (
            "a.toml 第1个实际完成值：表中没有三级指标“援疆人员满意率”，是否指“援疆人员满意度”\N{FULLWIDTH QUESTION MARK}",
            "a.toml 第3个实际完成值：三级指标“援疆人员满意度”重复（a.toml 第2个实际完成值 已给出），以先出现的为准",
        )
        assert filled.indicators[8].actual == "97%"
        assert filled.budget is None

    def test_csv_actuals(self, tmp_path: Path) -> None:
        """CSV actuals need 三级指标 and 实际完成值; 得分, 偏差原因 and a budget line are optional."""
        rows = [
            ["全年预算数", "全年执行数"],
            ["46.00", "43.70"],
            ["三级指标", "实际完成值", "自评得分", "偏差原因"],
            ["援疆人员满意度", "97%", "10", ""],
            ["援疆项目申报成功率", "95%", "abc", "一个项目被退回"],
        ]
        actuals = load_actuals(_write_csv(tmp_path / "实际.csv", rows, "gb18030"))
        assert actuals.budget == Budget(Decimal("46.00"), Decimal("43.70"))
        assert [(e.name, e.actual, e.reported, e.reason) for e in actuals.entries] == [
            ("援疆人员满意度", "97%", Decimal(10), ""),
            ("援疆项目申报成功率", "95%", None, "一个项目被退回"),
        ]
        assert actuals.problems == ("实际.csv 第5行“自评得分”列：应为数字，却是“abc”",)
        _, problems = apply_actuals(load_table(AID), actuals)
        assert problems == actuals.problems

    def test_actuals_file_with_unknown_keys(self, tmp_path: Path) -> None:
        """Unknown keys and sections in an actuals file are problems, not errors."""
        path = tmp_path / "a.toml"
        path.write_text('[extra]\nx = 1\n\n[[actuals]]\nname = "援疆人员满意度"\nactual = "97%"\nscore = "10"\n')
        actuals = load_actuals(path)
        assert actuals.problems == (
            "a.toml：未知的节“extra”（可用的节：budget、actuals）",
            "a.toml 第1个实际完成值（第4行）：未知的键“score”（可用的键：name、actual、points、reason）",
        )
        assert actuals.entries[0].actual == "97%"

"""The ``scoring score`` and ``scoring check`` commands, end to end through ``scoring.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

import scoring
from scoring.cli import main
from scoring.report.json import schema
from scoring.tables import load_table

SEED = Path(__file__).resolve().parents[1] / "indicators" / "2026-昌吉州对口援疆办"
AID = SEED / "援疆工作经费项目.toml"
AID_ACTUALS = SEED / "援疆工作经费项目.实际完成值.toml"
OFFICE = SEED / "机构运行保障经费.toml"
OFFICE_ACTUALS = SEED / "机构运行保障经费.实际完成值.toml"
DEPARTMENT = SEED / "部门整体绩效目标表.toml"

SHEET = """一级指标,二级指标,三级指标,指标值,实际完成值,分值,赋分规则,得分
产出指标,数量指标,项目个数,≥110个,99个,10,按照完成比例赋分,10
,,评审次数,>=2次,2次,5,按照完成比例赋分,5
,质量指标,通过率,=100%,97%,5,按照完成比例赋分,4.85
效益指标,社会效益指标,保障运转,有效保障,达成,20,按评判等级赋分,20
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestScore:
    def test_main_job_prints_total_and_grade(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The README's main job scores the 援疆工作经费项目 table: 97.00 of 100, grade 优, and exits 3: one
        self-reported 得分 differs from the computed one."""
        code, out, _ = run(capsys, "score", str(AID), "--actuals", str(AID_ACTUALS))
        assert code == 3
        assert "合计：得分 97.00 / 满分 100" in out
        assert "等级：优" in out
        assert "换算：51840万元 = 5.184亿元" in out

    def test_json_shape(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints the documented shape, numbers as decimal strings."""
        code, out, _ = run(capsys, "score", str(OFFICE), "--actuals", str(OFFICE_ACTUALS), "--json")
        data = json.loads(out)
        jsonschema.validate(data, schema())
        assert code == 0
        assert data["total"] == "96.78"
        assert data["max"] == "100"
        assert data["grade"] == "优"
        assert data["complete"] is True
        assert data["budget"] == {
            **data["budget"],
            "planned": "106.00",
            "spent": "100.70",
            "rate": "95.00",
            "weight": "10",
            "points": "9.50",
        }
        first = data["indicators"][0]
        assert set(first) >= {"level1", "level2", "name", "target", "actual", "weight", "rule", "points"}
        assert set(first) >= {"flags", "explanation", "error"}
        late = next(i for i in data["indicators"] if i["name"] == "保密会议室改造完成时间")
        assert late["points"] == "0.00"
        assert "逾期10天" in late["explanation"]

    def test_budget_from_command_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--budget/--spent (万元) give the budget line: 41.40 of 46.00 is 90.00% and 9.00 points."""
        code, out, _ = run(
            capsys, "score", str(AID), "--actuals", str(AID_ACTUALS), "--budget", "46", "--spent", "41.40", "--json"
        )
        data = json.loads(out)
        assert code == 3
        assert data["budget"]["rate"] == "90.00"
        assert data["budget"]["points"] == "9.00"
        assert data["total"] == "96.50"

    def test_budget_needs_both(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--budget without --spent is a usage error (exit 2, Chinese message)."""
        code, _, err = run(capsys, "score", str(AID), "--budget", "46")
        assert code == 2
        assert "须同时给出" in err

    def test_missing_actuals_make_it_incomplete(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without actuals every row is listed as unscored and the exit code is 1."""
        code, out, _ = run(capsys, "score", str(DEPARTMENT), "--json")
        data = json.loads(out)
        assert code == 1
        assert data["complete"] is False
        assert all(i["points"] is None and i["error"] == "未填写实际完成值" for i in data["indicators"])

    def test_unreadable_file_exits_2(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A missing table file is exit 2 with a Chinese message naming the file."""
        missing = tmp_path / "没有这个表.toml"
        code, _, err = run(capsys, "score", str(missing))
        assert code == 2
        assert "没有这个表.toml" in err

    def test_self_evaluation_sheet_audit(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A GB18030 CSV 自评表 with a 得分 column: computed beside reported, the 1.00 difference flagged."""
        sheet = tmp_path / "自评表.csv"
        sheet.write_bytes(SHEET.encode("gb18030"))
        code, out, _ = run(capsys, "score", str(sheet))
        assert code == 3
        assert "审核：1 项自评得分与计算得分相差超过 0.1 分" in out
        assert "项目个数：自评 10，计算 9.00" in out

    def test_tolerance_option(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--tolerance 1 accepts the 1.00 difference."""
        sheet = tmp_path / "自评表.csv"
        sheet.write_text(SHEET, encoding="utf-8-sig")
        code, out, _ = run(capsys, "score", str(sheet), "--tolerance", "1", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["audit"]["differences"] == 0

    def test_bad_row_is_reported_and_others_scored(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An incompatible unit fails its own row only; exit 1 and the others keep their points."""
        sheet = tmp_path / "自评表.csv"
        sheet.write_text(SHEET.replace("99个", "5平方米"), encoding="utf-8")
        code, out, _ = run(capsys, "score", str(sheet), "--json")
        data = json.loads(out)
        assert code == 1
        bad = data["indicators"][0]
        assert bad["points"] is None
        assert "单位不一致" in bad["error"]
        assert [i["points"] for i in data["indicators"][1:]] == ["5.00", "4.85", "20.00"]
        assert data["incomplete"][0]["name"] == "项目个数"

    def test_policy_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--policy FILE changes the reverse formula: 6% against <=5% gives 4.00 (linear) instead of 4.17."""
        sheet = tmp_path / "t.csv"
        sheet.write_text(
            "三级指标,指标值,实际完成值,分值,赋分规则\n故障率,<=5%,6%,5,按照完成比例赋分\n", encoding="utf-8"
        )
        policy = tmp_path / "口径.toml"
        policy.write_text('[policy]\nreverse = "linear"\n', encoding="utf-8")
        _, out, _ = run(capsys, "score", str(sheet), "--json")
        assert json.loads(out)["indicators"][0]["points"] == "4.17"
        _, out, _ = run(capsys, "score", str(sheet), "--json", "--policy", str(policy))
        assert json.loads(out)["indicators"][0]["points"] == "4.00"

    def test_bad_policy_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An unknown policy option is exit 2 and names the option."""
        policy = tmp_path / "口径.toml"
        policy.write_text('[policy]\nreverse = "sideways"\n', encoding="utf-8")
        code, _, err = run(capsys, "score", str(AID), "--policy", str(policy))
        assert code == 2
        assert "reverse" in err

    @pytest.mark.parametrize("fmt", ["csv", "md"])
    def test_text_formats(self, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        """CSV and Markdown reports carry every row and the total."""
        code, out, _ = run(capsys, "score", str(AID), "--actuals", str(AID_ACTUALS), "--format", fmt)
        assert code == 3
        for name in load_table(AID).indicators:
            assert name.name in out
        assert "97.00" in out

    def test_xlsx_needs_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--format xlsx without -o is a usage error."""
        code, _, err = run(capsys, "score", str(AID), "--format", "xlsx")
        assert code == 2
        assert "-o" in err

    def test_xlsx_writes_filled_self_evaluation(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """-o 自评表.xlsx writes the standard form: numeric 得分 beside every 三级指标, the 总分 row, 评分说明."""
        out_file = tmp_path / "自评表.xlsx"
        code, _, _ = run(capsys, "score", str(AID), "--actuals", str(AID_ACTUALS), "-o", str(out_file))
        assert code == 3
        book = load_workbook(out_file)
        assert book.sheetnames == ["项目支出绩效自评表", "评分说明"]
        rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
        header_at = next(i for i, r in enumerate(rows) if "三级指标" in r)
        header = rows[header_at]
        name, points = header.index("三级指标"), header.index("得分")
        by_name = {r[name]: r for r in rows[header_at + 1 :] if r[name]}
        assert by_name["项目投资计划评审通过率"][points] == pytest.approx(9.5)
        total = next(r for r in rows if "总分" in r)
        assert total[points] == pytest.approx(97)


class TestOutputAndExitCodes:
    """-o picks the format by its extension; exit codes 0/1/2/3 as the README documents them."""

    @pytest.mark.parametrize(("name", "first"), [("报告.json", "{"), ("报告.md", "## "), ("报告.jsonl", '{"schema"')])
    def test_format_from_extension(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, first: str
    ) -> None:
        """The extension of -o decides the format when --format is not given."""
        out_file = tmp_path / name
        code, _, err = run(capsys, "score", str(OFFICE), "--actuals", str(OFFICE_ACTUALS), "-o", str(out_file))
        assert code == 0
        assert out_file.read_text(encoding="utf-8").startswith(first)
        assert "已写入" in err

    def test_jsonl_is_one_line(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """.jsonl holds the table's document on one line, valid against the schema."""
        out_file = tmp_path / "报告.jsonl"
        run(capsys, "score", str(OFFICE), "--actuals", str(OFFICE_ACTUALS), "-o", str(out_file))
        lines = out_file.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1
        jsonschema.validate(json.loads(lines[0]), schema())

    def test_csv_has_bom(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A .csv report is UTF-8 with a BOM, which Excel opens in Chinese."""
        out_file = tmp_path / "报告.csv"
        run(capsys, "score", str(OFFICE), "--actuals", str(OFFICE_ACTUALS), "-o", str(out_file))
        assert out_file.read_bytes().startswith(b"\xef\xbb\xbf")

    def test_extension_contradicting_format(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--format md with -o x.csv is a usage error that names both."""
        code, _, err = run(capsys, "score", str(OFFICE), "--format", "md", "-o", str(tmp_path / "x.csv"))
        assert code == 2
        assert ".csv" in err
        assert "md" in err

    def test_unknown_extension(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """-o report.txt without --format is a usage error listing the extensions."""
        code, _, err = run(capsys, "score", str(OFFICE), "-o", str(tmp_path / "report.txt"))
        assert code == 2
        assert ".xlsx" in err

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version, as scoring.__version__ and the JSON's version."""
        with pytest.raises(SystemExit) as stopped:
            main(["--version"])
        assert stopped.value.code == 0
        assert capsys.readouterr().out.strip() == f"scoring {scoring.__version__}"

    def test_exit_codes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """0 all scored, no differences; 1 a row unscored; 2 unreadable input; 3 all scored, differences."""
        assert run(capsys, "score", str(OFFICE), "--actuals", str(OFFICE_ACTUALS))[0] == 0
        assert run(capsys, "score", str(OFFICE))[0] == 1
        assert run(capsys, "score", str(tmp_path / "没有.toml"))[0] == 2
        assert run(capsys, "score", str(AID), "--actuals", str(AID_ACTUALS))[0] == 3


COUNTY_SHEET = """项目支出绩效自评表
（2026年度）
项目名称,培训项目,,,,,,,
主管部门,某县财政局,,实施单位,某县培训中心,,,,
项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分,
,年度资金总额,50,50,45,10,90%,10,
一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施,
产出指标,数量指标,培训人数,≥200人次,1.8万,40,40,,
,质量指标,合格率,≥95%,0.97,20,20,,
效益指标,社会效益指标,就业率,≥80%,85%,20,20,,
满意度指标,服务对象满意度指标,学员满意度,≥90%,92%,10,10,,
总分,,,,,100,100,,
"""


class TestOutputSafety:
    """-o never replaces an input, and a folder that does not exist is a usage error in Chinese."""

    def test_refuses_to_overwrite_the_sheet(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Scoring 自评表.xlsx -o 自评表.xlsx keeps the sheet (and its self-reported points) untouched."""
        sheet = tmp_path / "自评表.xlsx"
        run(capsys, "score", str(AID), "--actuals", str(AID_ACTUALS), "-o", str(sheet))
        before = sheet.read_bytes()
        code, _, err = run(capsys, "score", str(sheet), "-o", str(sheet))
        assert code == 2
        assert "就是输入文件" in err
        assert sheet.read_bytes() == before

    def test_missing_folder(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """-o into a folder that does not exist: exit 2 and a Chinese message, no traceback."""
        code, _, err = run(capsys, "score", str(OFFICE), "-o", str(tmp_path / "没有" / "x.csv"))
        assert code == 2
        assert "所在目录不存在" in err
        assert "Traceback" not in err


class TestWholeSheet:
    """A county's 自评表 as published: its 总分 and budget 得分 audited beside the rows (exit 3 when they differ)."""

    def test_wrong_total_and_budget_points(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The sheet claims 100 and a budget 得分 of 10; the rules give 99.00 and 9.00: exit 3, both named."""
        sheet = tmp_path / "某县培训项目自评表.csv"
        sheet.write_bytes(COUNTY_SHEET.encode("gbk"))
        code, out, _ = run(capsys, "score", str(sheet), "--json")
        data = json.loads(out)
        jsonschema.validate(data, schema())
        assert code == 3
        assert data["audit"]["total"] == {"reported": "100", "computed": "99.00", "difference": "1.00"}
        assert data["audit"]["budget"] == {"reported": "10", "computed": "9.00", "difference": "1.00"}
        assert data["audit"]["differences"] == 2
        by_name = {line["name"]: line for line in data["indicators"]}
        assert by_name["培训人数"]["points"] == "40.00"  # 1.8万 = 18000人次, not 1.8人次
        assert "按97%计" in " ".join(by_name["合格率"]["warnings"])
        assert data["table"]["project"] == "培训项目"

    def test_terminal_report_names_the_differences(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The Chinese report shows the sheet's 总分 and budget 得分 beside the computed ones."""
        sheet = tmp_path / "自评表.csv"
        sheet.write_bytes(COUNTY_SHEET.encode("gbk"))
        code, out, _ = run(capsys, "score", str(sheet))
        assert code == 3
        assert "总分：自评 100，计算 99.00，差 +1.00，相差超过容差" in out
        assert "预算执行率得分：自评 10，计算 9.00，差 +1.00，相差超过容差" in out

    def test_unscored_rows_name_their_place(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A row that cannot be scored is listed with its file and row; the 总分 compared is a lower bound."""
        sheet = tmp_path / "自评表.csv"
        sheet.write_bytes(COUNTY_SHEET.replace("85%,20,20", "八成半,20,20").encode("gbk"))
        code, out, _ = run(capsys, "score", str(sheet), "--json")
        data = json.loads(out)
        assert code == 1
        (row,) = data["incomplete"]
        assert row["source"] == "自评表.csv 第10行"
        code, out, _ = run(capsys, "score", str(sheet))
        assert "就业率（自评表.csv 第10行）：" in out
        assert "计算总分为下限" in out


class TestCheck:
    @pytest.mark.parametrize("table", [DEPARTMENT, OFFICE, AID], ids=["department", "office", "aid"])
    def test_seed_tables_pass(self, capsys: pytest.CaptureFixture[str], table: Path) -> None:
        """The seed's three tables pass ``scoring check`` (exit 0, no errors)."""
        code, out, _ = run(capsys, "check", str(table))
        assert code == 0
        assert "共 0 个错误" in out

    def test_office_costs_against_funds(self, capsys: pytest.CaptureFixture[str]) -> None:
        """机构运行保障经费: 48.30 + 51 + 6.70 = 106.00 万元, its whole budget."""
        _, out, _ = run(capsys, "check", str(OFFICE))
        assert "= 106.00万元，未超过项目资金总额106.00万元" in out

    def test_findings(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A bad table: unreadable target, weights not adding up, cost with ≥, unknown rule, percent over 100."""
        sheet = tmp_path / "t.csv"
        sheet.write_text(
            "项目支出绩效目标表（2026年）\n"
            "一级指标,二级指标,三级指标,指标值,分值,赋分规则\n"
            "产出指标,数量指标,个数,≥≥110个,10,按照完成比例赋分\n"
            "产出指标,成本指标,成本,≥5万元,10,按照完成比例赋分\n"
            "产出指标,质量指标,合格率,≥120%,10,按每项扣分\n"
            "产出指标,数量指标,人数,2100,10,按照完成比例赋分\n"
            "产出指标,时效指标,完成时间,2025年6月30日前,10,直接赋分\n",
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "check", str(sheet), "--json")
        codes = {f["code"]: f for f in json.loads(out)}
        assert code == 1
        assert codes["target-unreadable"]["severity"] == "错误"
        assert codes["weights-sum"]["severity"] == "错误"
        assert codes["rule-unreadable"]["message"].startswith("赋分规则“按每项扣分”第1个字：")
        assert codes["cost-ge"]["severity"] == "警告"
        assert codes["percent-over-100"]["severity"] == "警告"
        assert codes["no-unit"]["severity"] == "警告"
        assert codes["date-outside-year"]["severity"] == "警告"


class TestRoundTrip:
    @pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
    def test_filled_self_evaluation_scores_again(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
    ) -> None:
        """The 自评表 that ``score`` writes reads back as a self-evaluation sheet: same total, budget line kept."""
        out_file = tmp_path / f"自评表{suffix}"
        fmt = suffix.lstrip(".")
        run(capsys, "score", str(AID), "--actuals", str(AID_ACTUALS), "--format", fmt, "-o", str(out_file))
        code, out, _ = run(capsys, "score", str(out_file), "--json")
        data = json.loads(out)
        assert code == 0
        assert data["total"] == "97.00"
        assert data["budget"]["points"] == "9.50"
        assert [i["target"] for i in data["indicators"]][2] == "=100%"
        assert len(data["indicators"]) == 9

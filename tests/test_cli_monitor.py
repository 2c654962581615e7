"""``scoring monitor`` end to end through ``scoring.cli.main``: one table, a batch, every output and exit code.

Tables are TOML files written here with the actual to date in the plain ``actual`` key and ``--month``, so these
tests need nothing of the monitoring sheet readers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook

from scoring.cli import main
from scoring.engine.monitor_rules import Light
from scoring.report.monitor_json import schema
from scoring.report.monitor_xlsx import FORM_MONITOR, LIGHT_FILLS

RED, YELLOW, GREEN, BLUE = (LIGHT_FILLS[light] for light in Light)


def _indicator(level1: str, level2: str, name: str, target: str, actual: str | None, **more: str) -> str:
    lines = ["[[indicators]]", f'level1 = "{level1}"', f'level2 = "{level2}"', f'name = "{name}"']
    lines += [f'target = "{target}"', 'weight = "10"']
    if actual is not None:
        lines.append(f'actual = "{actual}"')
    lines += [f'{key} = "{value}"' for key, value in more.items()]
    return "\n".join(lines) + "\n"


def project(name: str, unit: str, rows: list[str], spent: str | None = "48.00") -> str:
    head = f'[table]\ntitle = "项目支出绩效目标执行监控表"\nyear = 2026\nunit = "{unit}"\nproject = "{name}"\n\n'
    if spent is not None:
        head += f'[budget]\nplanned = "100.00"\nspent = "{spent}"\n\n'
    return head + "\n".join(rows)


SEVEN = [
    _indicator("产出指标", "数量指标", "新建校舍个数", "≥110个", "50个"),
    _indicator("产出指标", "数量指标", "评审次数", "≥2次", "2次"),
    _indicator("产出指标", "质量指标", "验收合格率", "≥95%", "96%"),
    _indicator("产出指标", "时效指标", "项目完成时限", "2026年12月31日前", "进行中"),
    _indicator("成本指标", "经济成本指标", "单位改造成本", "≤48.30万元/套", "50万元/套", reason="经费保障：建材涨价"),
    _indicator("效益指标", "社会效益指标", "办学条件改善", "有效改善", "部分达成"),
    _indicator("满意度指标", "服务对象满意度指标", "师生满意度", "≥95%", None),
]
#: Every row green: 7 of 12 schools by July, 96% of a 95% rate; the money 60 of 100 万元 (102.86% of time).
ON_TRACK = [
    _indicator("产出指标", "数量指标", "新建校舍个数", "≥12个", "7个"),
    _indicator("产出指标", "质量指标", "验收合格率", "≥95%", "96%"),
]
#: A yellow row (5 of 7 planned, 71.43%) with nothing explained: judged, but something to explain.
BEHIND = [*ON_TRACK[1:], _indicator("产出指标", "数量指标", "新建校舍个数", "≥12个", "5个")]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def seven(tmp_path: Path) -> Path:
    path = tmp_path / "项目A.toml"
    path.write_text(project("义务教育薄弱环节改善项目", "某某区教育局", SEVEN), encoding="utf-8")
    return path


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _fill(cell: Any) -> str | None:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None


class TestOneTable:
    def test_terminal_view_plain_when_not_a_terminal(self, capsys: pytest.CaptureFixture[str], seven: Path) -> None:
        """A 7-row table: both lights, each row's plan, progress and light, its steps; plain marks, no colour;
        exit 1 (a row without its actual to date)."""
        code, out, _ = run(capsys, "monitor", seven, "--month", "7")
        assert code == 1
        assert "\x1b" not in out
        assert out.splitlines()[1] == "指标灯：[红灯]  资金灯：[绿灯]"
        assert (
            "计划进度 = 110个 × 7/12 ≈ 64.17个；完成进度 = 50个 ÷ (110个 × 7/12) = 50 × 12 ÷ (110 × 7) ≈ 77.92%；黄灯（60.00% ≤ 完成进度 < 80.00%）"
            in out
        )
        assert "资金灯 [绿灯]" in out
        assert "无法判断：未填写1-7月执行情况" in out
        assert "需说明而未说明的指标 3 项：" in out

    def test_coloured_on_a_terminal(
        self, capsys: pytest.CaptureFixture[str], seven: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On a terminal the lights are coloured badges (rich), not bracketed marks."""
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        monkeypatch.setenv("FORCE_COLOR", "1")
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
        code, out, _ = run(capsys, "monitor", seven, "--month", "7")
        assert code == 1
        assert "\x1b[" in out
        assert "[红灯]" not in out
        assert " 红灯 " in out

    def test_json_validates(self, capsys: pytest.CaptureFixture[str], seven: Path) -> None:
        code, out, _ = run(capsys, "monitor", seven, "--month", "7", "--json")
        data = json.loads(out)
        jsonschema.validate(data, schema())
        assert code == 1
        assert (data["month"], data["light"], data["money_light"], data["complete"]) == (7, "red", "green", False)
        assert data["indicators"][0]["plan"] == "64.17个"

    @pytest.mark.parametrize("suffix", [".json", ".jsonl", ".md"])
    def test_output_by_extension(self, capsys: pytest.CaptureFixture[str], seven: Path, suffix: str) -> None:
        out_file = seven.with_name("监控" + suffix)
        code, out, err = run(capsys, "monitor", seven, "--month", "7", "-o", out_file)
        assert code == 1
        assert out == ""
        assert f"已写入 {out_file}" in err
        text = out_file.read_text(encoding="utf-8")
        if suffix == ".md":
            assert text.startswith("## 义务教育薄弱环节改善项目")
        else:
            assert (text.count("\n") == 1) == (suffix == ".jsonl")
            jsonschema.validate(json.loads(text), schema())

    def test_xlsx_is_the_national_form(self, capsys: pytest.CaptureFixture[str], seven: Path) -> None:
        out_file = seven.with_name("监控表.xlsx")
        code, _, _ = run(capsys, "monitor", seven, "--month", "7", "-o", out_file)
        assert code == 1
        sheet = load_workbook(out_file)[FORM_MONITOR]
        assert sheet["F9"].value == "1-7月执行情况"
        assert [_fill(sheet.cell(r, 6)) for r in range(11, 18)] == [YELLOW, BLUE, GREEN, GREEN, RED, YELLOW, "D9D9D9"]
        assert sheet["H15"].value == "√"  # 经费保障, named in the 偏差原因 text

    def test_budget_from_the_command_line(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--budget and --spent give the money; the table then needs nothing else: every row green, exit 0."""
        path = _write(tmp_path, "a.toml", project("项目", "单位", ON_TRACK, spent=None))
        code, out, _ = run(capsys, "monitor", path, "--month", "7", "--budget", "100", "--spent", "60", "--json")
        data = json.loads(out)
        assert code == 0
        assert data["budget"]["progress"] == "102.86"
        assert data["money_light"] == "green"
        assert data["light"] == "green"
        assert data["complete"] is True
        assert data["unexplained"] == []

    def test_actuals_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--actuals fills the actual to date by name, as ``score --actuals`` does."""
        path = _write(
            tmp_path,
            "a.toml",
            project("项目", "单位", [_indicator("产出指标", "数量指标", "新建校舍个数", "≥12个", None)]),
        )
        actuals = _write(tmp_path, "a.实际.toml", '[actuals]\n"新建校舍个数" = "7个"\n')
        code, out, _ = run(capsys, "monitor", path, "--month", "7", "--actuals", actuals, "--json")
        assert code == 0, out
        assert json.loads(out)["indicators"][0]["light"] == "green"

    def test_policy_file(self, capsys: pytest.CaptureFixture[str], seven: Path, tmp_path: Path) -> None:
        """--policy takes ``[policy.monitor]`` thresholds, as ``score`` takes its options."""
        policy = _write(tmp_path, "口径.toml", '[policy.monitor]\nyellow_below = "75%"\n')
        code, out, _ = run(capsys, "monitor", seven, "--month", "7", "--policy", policy)
        assert code == 1
        assert "绿灯（75.00% ≤ 完成进度 < 120.00%）" in out


class TestExitCodes:
    def test_rows_left_unexplained_exit_3(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = _write(tmp_path, "a.toml", project("项目", "单位", BEHIND, spent="60"))
        code, out, _ = run(capsys, "monitor", path, "--month", "7")
        assert code == 3
        assert "需说明而未说明的指标 1 项：" in out

    def test_explained_rows_exit_0(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        rows = [
            *BEHIND[:-1],
            _indicator("产出指标", "数量指标", "新建校舍个数", "≥12个", "5个", reason="人员保障：施工队伍不足"),
        ]
        path = _write(tmp_path, "a.toml", project("项目", "单位", rows, spent="60"))
        code, out, _ = run(capsys, "monitor", path, "--month", "7", "--json")
        # the TOML format has no 完成目标可能性 key yet: the row still lacks it
        assert code == 3
        assert json.loads(out)["unexplained"] == [
            {"name": "新建校舍个数", "message": "黄灯：未填写完成目标可能性（确定能、有可能、完全不可能）"}
        ]

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((), "无法确定监控月份"),
            (("--month", "13"), "--month 应为1至12"),
            (("--month", "7", "--budget", "100"), "须同时给出"),
            (("--month", "7", "--format", "xlsx"), "xlsx 格式需要用 -o 指定输出文件"),
            (("--month", "7", "-o", "x.csv"), "无法从输出文件"),
        ],
    )
    def test_usage_errors_exit_2(
        self, capsys: pytest.CaptureFixture[str], seven: Path, args: tuple[str, ...], message: str
    ) -> None:
        code, out, err = run(capsys, "monitor", seven, *args)
        assert code == 2
        assert out == ""
        assert message in err

    def test_month_not_a_number(self, capsys: pytest.CaptureFixture[str], seven: Path) -> None:
        with pytest.raises(SystemExit) as stop:
            main(["monitor", str(seven), "--month", "七"])
        assert stop.value.code == 2
        assert "参数错误" in capsys.readouterr().err


@pytest.fixture
def two(tmp_path: Path) -> Path:
    folder = tmp_path / "监控表"
    folder.mkdir()
    _write(folder, "a.toml", project("义务教育薄弱环节改善项目", "某某区教育局", SEVEN))
    _write(folder, "b.toml", project("乡村道路养护项目", "某某区交通局", BEHIND, spent="20.00"))
    return folder


class TestBatch:
    def test_summary_line_per_project(self, capsys: pytest.CaptureFixture[str], two: Path) -> None:
        code, out, _ = run(capsys, "monitor", two, "--month", "7", "--quiet")
        lines = out.splitlines()
        assert lines[0].split() == [
            "文件/工作表",
            "单位",
            "项目",
            "月份",
            "指标灯",
            "资金灯",
            "红灯",
            "黄灯",
            "预计无法完成",
            "待说明",
            "无法判断",
        ]
        a = next(line for line in lines if "a.toml" in line)
        b = next(line for line in lines if "b.toml" in line)
        assert a.split()[1:] == [
            "某某区教育局",
            "义务教育薄弱环节改善项目",
            "7月",
            "[红灯]",
            "[绿灯]",
            "1",
            "2",
            "0",
            "3",
            "1",
        ]
        assert b.split()[1:] == ["某某区交通局", "乡村道路养护项目", "7月", "[黄灯]", "[红灯]", "0", "1", "0", "1", "0"]
        assert "共监控 2 个项目：指标灯 红灯 1 个，黄灯 1 个；资金灯 红灯 1 个，绿灯 1 个" in out
        assert code == 1  # a row of a.toml has no actual

    def test_exit_3_when_only_explanations_are_missing(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        a = _write(tmp_path, "a.toml", project("甲", "单位", ON_TRACK, spent="60"))
        b = _write(tmp_path, "b.toml", project("乙", "单位", BEHIND, spent="60"))
        assert run(capsys, "monitor", a, b, "--month", "7")[0] == 3
        assert run(capsys, "monitor", a, a, "--month", "7")[0] == 0

    def test_summary_workbook(self, capsys: pytest.CaptureFixture[str], two: Path, tmp_path: Path) -> None:
        """-o 汇总.xlsx: a 汇总 sheet with both lights as coloured cells and a 明细 sheet with each row's light."""
        out_file = tmp_path / "汇总.xlsx"
        code, _, err = run(capsys, "monitor", two, "--month", "7", "-o", out_file)
        assert code == 1
        assert "已写入" in err
        book = load_workbook(out_file)
        assert book.sheetnames == ["汇总", "明细"]
        summary = list(book["汇总"].iter_rows(min_row=2))
        assert [(r[3].value, r[5].value, r[6].value) for r in summary] == [
            ("义务教育薄弱环节改善项目", "红灯", "绿灯"),
            ("乡村道路养护项目", "黄灯", "红灯"),
        ]
        assert [(_fill(r[5]), _fill(r[6])) for r in summary] == [(RED, GREEN), (YELLOW, RED)]
        detail = list(book["明细"].iter_rows(min_row=2))
        assert len(detail) == 7 + 2
        first = detail[0]
        assert (first[5].value, first[9].value, first[11].value, _fill(first[11])) == (
            "新建校舍个数",
            "64.17个",
            "黄灯",
            YELLOW,
        )
        assert first[10].number_format == "0.00%"

    def test_jsonl_and_jobs_give_the_same_bytes(
        self, capsys: pytest.CaptureFixture[str], two: Path, tmp_path: Path
    ) -> None:
        one, many = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
        run(capsys, "monitor", two, "--month", "7", "-o", one)
        run(capsys, "monitor", two, "--month", "7", "-o", many, "--jobs", "2")
        assert one.read_bytes() == many.read_bytes()
        documents = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
        assert [d["project"] for d in documents] == ["义务教育薄弱环节改善项目", "乡村道路养护项目"]
        for document in documents:
            jsonschema.validate(document, schema())
            assert document["file"].endswith(".toml")

    def test_json_streams_one_document_per_project(self, capsys: pytest.CaptureFixture[str], two: Path) -> None:
        code, out, _ = run(capsys, "monitor", two, "--month", "7", "--json")
        documents = [json.loads(line) for line in out.splitlines()]
        assert code == 1
        assert [(d["light"], d["money_light"]) for d in documents] == [("red", "green"), ("yellow", "red")]
        for document in documents:
            jsonschema.validate(document, schema())

    def test_xlsx_same_bytes_with_jobs(self, capsys: pytest.CaptureFixture[str], two: Path, tmp_path: Path) -> None:
        one, many = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
        run(capsys, "monitor", two, "--month", "7", "-o", one)
        run(capsys, "monitor", two, "--month", "7", "-o", many, "--jobs", "2")
        assert one.read_bytes() == many.read_bytes()

    def test_no_month_skips_each_table(self, capsys: pytest.CaptureFixture[str], two: Path) -> None:
        code, out, _ = run(capsys, "monitor", two)
        assert code == 1
        assert "跳过的文件 2 个：" in out
        assert "无法确定监控月份" in out

    def test_refuses_budget_in_a_batch(self, capsys: pytest.CaptureFixture[str], two: Path) -> None:
        code, _, err = run(capsys, "monitor", two, "--month", "7", "--budget", "1", "--spent", "1")
        assert code == 2
        assert "批量监控时不能用 --actuals、--budget、--spent" in err

    def test_refuses_other_outputs_in_a_batch(
        self, capsys: pytest.CaptureFixture[str], two: Path, tmp_path: Path
    ) -> None:
        code, _, err = run(capsys, "monitor", two, "--month", "7", "-o", tmp_path / "x.md")
        assert code == 2
        assert "批量监控的输出应为 .xlsx" in err


class TestMonthFromTheSheet:
    """The month comes from the sheet's ``1-7月执行情况`` header when the tables layer reads it."""

    @pytest.fixture
    def sheet(self, tmp_path: Path) -> Path:
        from scoring.tables import load_table

        path = _write(tmp_path, "监控.csv", "三级指标,指标值,1-7月执行情况,分值\n新建校舍个数,≥12个,7个,10\n")
        if load_table(path).month is None:
            pytest.skip("the monitoring sheet reader does not give the month yet")
        return path

    def test_month_from_the_header(self, capsys: pytest.CaptureFixture[str], sheet: Path) -> None:
        code, out, _ = run(capsys, "monitor", sheet, "--json")
        assert code == 0
        assert json.loads(out)["month"] == 7

    def test_a_month_that_disagrees_is_a_usage_error(self, capsys: pytest.CaptureFixture[str], sheet: Path) -> None:
        code, _, err = run(capsys, "monitor", sheet, "--month", "6")
        assert code == 2
        assert "两者不一致" in err

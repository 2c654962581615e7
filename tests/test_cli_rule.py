"""The command line `scoring rule`: how a 赋分规则 reads, its conflicts, the score it gives, JSON and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from scoring.cli import main, rule_cmd
from scoring.display import width

STEPS = "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。"
TIERS = "重点支出安排率≥90%,计5分;80%(含)-90%,计4分"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """Exit code, stdout lines and stderr of `scoring rule <argv>`."""
    code = main(["rule", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code, lines, _ = run(capsys, *argv, "--json")
    assert len(lines) == 1
    return code, json.loads(lines[0])


class TestReading:
    def test_reads_clause_by_clause(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, lines, err = run(capsys, STEPS)
        assert code == 0
        assert not err
        assert lines == [
            f"赋分规则：{STEPS}",
            "  类型：按步长扣分",
            "  标准：≤100%（赋分规则所写）",
            "  达到标准得满分（规则写5分）",
            "  每超过标准1个百分点扣0.5分，只计整步",
            "  最低0分，最高不超过分值",
        ]

    def test_partial_steps_policy(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--policy is read as score reads it: partial_steps changes the reading."""
        policy = tmp_path / "p.toml"
        policy.write_text("[policy]\npartial_steps = true\n", encoding="utf-8")
        _, lines, _ = run(capsys, STEPS, "--policy", str(policy))
        assert "  每超过标准1个百分点扣0.5分，不足一步按比例计" in lines

    def test_no_conflict_with_a_matching_target(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, lines, _ = run(capsys, STEPS, "--target", "≤100%", "--weight", "5")
        assert code == 0
        assert lines[-1] == "与指标值“≤100%”无冲突"

    def test_conflicts_with_the_target_and_weight(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A stated standard other than the target, and a top other than the 分值, are warnings (exit 0)."""
        code, lines, _ = run(capsys, STEPS, "--target", "≤95%", "--weight", "10")
        assert code == 0
        assert lines[-2:] == [
            "注意：赋分规则中的标准“≤100%”与指标值“≤95%”不一致：按赋分规则的标准计分",
            "注意：赋分规则的最高分为5分，与本行分值10分不一致",
        ]

    def test_a_standard_pointing_the_other_way_is_an_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``合格率≤5%`` against ``≥90%`` measures another quantity: an error (exit 1), as in ``check``."""
        code, data = as_json(capsys, "合格率≤5%,计5分;每超过一个百分点扣1分", "--target", "≥90%")
        assert code == 1
        assert data["ok"] is False
        assert data["errors"] == ["赋分规则第4个字的标准“≤5%”为反向，与指标值“≥90%”（正向）方向相反："
                                  "规则衡量的不是本行指标（如不合格率与合格率），无法按规则评分"]  # fmt: skip
        assert data["warnings"] == []

    @pytest.mark.parametrize(
        ("rule", "target", "said"),
        [
            ("每超出10天扣1分", "≤100万元", "赋分规则第1个字的步长“每10天”按天计，只适用于时限或以天计的指标"),
            ("每出现一个扣0.5分", "≥95%", "赋分规则第1个字的步长“每1个”按发生次数计，本行指标值为“≥95%”，不是次数"),
            ("每超过1万元扣1分", "≤10人", "赋分规则第1个字的步长“每1万元”以“万元”计，与指标值“≤10人”的单位“人”不一致"),
            ("每少一项扣1分", "≥90%", "赋分规则第1个字的步长“每1项”以“项”计，与指标值“≥90%”的单位“%”不一致"),
            ("每延期1天扣0.5分", "≥90%", "赋分规则第1个字的步长“每1天”按天计"),
        ],
    )
    def test_a_step_in_another_unit_is_an_error(
        self, capsys: pytest.CaptureFixture[str], rule: str, target: str, said: str
    ) -> None:
        code, lines, _ = run(capsys, rule, "--target", target)
        assert code == 1
        assert any(line.startswith(f"错误：{said}") for line in lines), lines

    def test_direction_conflict(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, data = as_json(capsys, "全年实际值/年度指标值*该指标分值", "--target", "≤90%")
        assert code == 0
        assert data["warnings"] == [
            "赋分规则的公式为实际完成值 ÷ 指标值（正向），与指标值的方向不一致：按指标值的方向计分"
        ]

    def test_named_rules(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The rule names of Part A read as the engine reads them."""
        _, data = as_json(capsys, "直接赋分")
        assert data["rule"]["family"] == "all_or_nothing"
        _, data = as_json(capsys, "按评判等级赋分")
        assert data["rule"]["family"] == "graded"
        _, data = as_json(capsys, "满意度赋分")
        assert data["rule"] == {"family": "satisfaction", "text": "满意度赋分"}
        assert data["reading"][0] == "类型：满意度赋分"


class TestScoring:
    def test_steps_of_a_score(self, capsys: pytest.CaptureFixture[str]) -> None:
        """103% against ≤100%: 3 steps of 0.5 from 5 (the weight the rule states) = 3.50."""
        code, lines, _ = run(capsys, STEPS, "--target", "≤100%", "--actual", "103%")
        assert code == 0
        assert "指标值：≤100%  实际完成值：103%  分值：5" in lines
        assert "得分：3.50（未达标）" in lines
        assert "  3. 步数 = 3个百分点 ÷ 每1个百分点 = 3" in lines
        assert lines[-1] == "  5. 得分 = 5.00 − 1.50 + 0.00 = 3.50"

    def test_weight_given(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An explicit --weight is the row's 分值; a top that differs is a warning."""
        code, data = as_json(capsys, STEPS, "--target", "≤100%", "--actual", "103%", "--weight", "10")
        assert code == 0
        assert data["points"] == "8.50"
        assert data["weight"] == "10"
        assert "赋分规则的最高分为5分，与本行分值10分不一致" in data["warnings"]

    def test_default_weight_is_ten(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, data = as_json(capsys, "按照完成比例赋分", "--target", "≥110个", "--actual", "99个")
        assert code == 0
        assert (data["weight"], data["points"]) == ("10", "9.00")
        assert data["steps"] == ["完成率 = 99个 ÷ 110个 = 90.00%", "得分 = 10 × 90.00% = 9.00"]

    def test_json_shape_with_an_actual(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, data = as_json(capsys, TIERS, "--target", "≥90%", "--actual", "85%")
        assert code == 0
        assert set(data) == {"ok", "rule", "reading", "weight", "status", "points", "steps", "warnings"}
        assert data["ok"] is True
        assert data["rule"]["family"] == "tiers"
        assert data["reading"][1] == "≥90%：5分"
        assert data["points"] == "4.00"
        assert data["status"] == "short"
        assert data["steps"] == ["实际完成值为85%，属于“80%(含)-90%”一档，得4.00分"]

    def test_json_shape_without_an_actual(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, data = as_json(capsys, TIERS)
        assert code == 0
        assert set(data) == {"ok", "rule", "reading", "warnings"}
        assert data["warnings"] == []

    def test_unscorable_row_exits_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A value in no tier: the Chinese reason, exit 1."""
        code, lines, _ = run(capsys, TIERS, "--target", "≥90%", "--actual", "70%")
        assert code == 1
        assert lines[-1].startswith("无法评分：实际完成值70%不在赋分规则所列的任何一档")
        code, data = as_json(capsys, TIERS, "--target", "≥90%", "--actual", "70%")
        assert code == 1
        assert data["ok"] is False
        assert data["points"] is None
        assert "不在赋分规则所列的任何一档" in data["error"]

    def test_negative_actual_is_a_value(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "按照完成比例赋分", "--target", "≥5%", "--actual", "-5%")
        assert code == 0, err


class TestErrors:
    def test_unreadable_rule_shows_the_caret(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unreadable rule: its column, the text and a caret under it (display width), exit 1."""
        text = "≥90%,计5分;每超过一个百分点"
        code, lines, _ = run(capsys, text)
        assert code == 1
        head, shown, caret = lines
        assert head.startswith(f"✗ 赋分规则“{text}”第")
        column = int(head.split("第")[1].split("个字")[0])
        assert shown == f"  {text}"
        assert caret == "  " + " " * width(text[: column - 1]) + "^"

    def test_unreadable_rule_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, data = as_json(capsys, "按每项扣分")
        assert code == 1
        assert data == {"ok": False, "input": "rule", "error": data["error"], "column": 1}
        assert "未能识别计分方法" in data["error"]

    def test_unreadable_target(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, data = as_json(capsys, STEPS, "--target", "≥≥110个")
        assert code == 1
        assert (data["ok"], data["input"], data["column"]) == (False, "target", 2)
        code, lines, _ = run(capsys, STEPS, "--target", "≥≥110个", "--actual", "3个")
        assert code == 1
        assert lines[-1] == "   ^"

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            ((STEPS, "--actual", "103%"), "须同时给出 --target"),
            ((STEPS, "--target", "≤100%", "--weight", "五"), "--weight（分值）应为数字"),
            ((STEPS, "--weight", "nan"), "--weight（分值）应为数字"),
        ],
    )
    def test_usage_errors_exit_2(self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str) -> None:
        code, lines, err = run(capsys, *argv)
        assert code == 2
        assert not lines
        assert message in err

    def test_missing_text_is_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as raised:
            main(["rule"])
        assert raised.value.code == 2
        capsys.readouterr()


class TestReviewFindings:
    """The reviewer's findings on `scoring rule` (#9)."""

    def test_rule_against_the_target_direction(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Deductions only above on a ≥ target: a conflict without an actual, an error with one below."""
        code, lines, _ = run(capsys, "每超过一个百分点扣0.5分，扣完为止", "--target", "≥90%")
        assert code == 0
        assert lines[-1] == ("注意：赋分规则只在超过标准时扣分，与指标值“≥90%”的方向相反（指标值要求不低于标准）："
                             "低于标准时规则未说明如何计分")  # fmt: skip
        code, lines, _ = run(capsys, "每超过一个百分点扣0.5分，扣完为止", "--target", "≥90%", "--actual", "50%")
        assert code == 1
        assert "无法评分：赋分规则未说明低于标准时如何计分：规则只写了超过标准时扣分，实际完成值却低于标准" in lines
        assert not [line for line in lines if line.startswith("得分：")]

    def test_floor_above_the_weight(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, lines, _ = run(capsys, "每低于目标值2%扣1分，最低为5分", "--target", "≥110个", "--actual", "10个",
                             "--weight", "3")  # fmt: skip
        assert code == 0
        assert "  6. 5.00超过分值，按3.00分计" in lines
        assert "注意：赋分规则的最低分为5分，高于本行分值3分：该行总是得满分" in lines

    def test_date_without_a_year_mentions_year_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, lines, _ = run(capsys, "每延期1天扣0.5分", "--target", "6月30日前", "--actual", "7月5日")
        assert code == 1
        assert lines[-1] == ("无法评分：指标值“6月30日前”未写年份，且指标表未给出年度"
                             "（未写年份的日期请用 --year 给出年度）")  # fmt: skip
        code, lines, _ = run(capsys, "每延期1天扣0.5分", "--target", "6月30日前", "--actual", "7月5日",
                             "--year", "2026")  # fmt: skip
        assert code == 0
        assert "得分：7.50（未达标）" in lines

    def test_without_name_a_bare_value_says_where_its_direction_comes_from(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, data = as_json(capsys, "每超过1个百分点扣0.5分", "--target", "3%", "--actual", "5%")
        assert code == 0
        assert data["status"] == "met"  # 5% against a bare 3% read as ≥ (no name, no inference)
        assert any(w.startswith("未给出 --name（三级指标名称）") for w in data["warnings"])
        code, data = as_json(capsys, "每超过1个百分点扣0.5分", "--target", "≥3%")
        assert not any("--name" in w for w in data["warnings"])  # a comparator says the direction

    def test_name_gives_the_direction_as_score_does(self) -> None:
        """--name 预算调整率: a bare 3% is 反向, as `score` reads the row (the option is defined in cli/main)."""
        args = argparse.Namespace(text="按完成比例计算得分", json=True, units=[], policy=None, target="3%",
                                  actual="5%", weight=None, year=None, name="预算调整率")  # fmt: skip
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert rule_cmd.run(args) == 0
        data = json.loads(out.getvalue())
        assert data["points"] == "6.00"  # 反向: 3% ÷ 5% × 10
        assert data["status"] == "short"
        assert not any("--name" in w for w in data["warnings"])
        args.name = None
        with contextlib.redirect_stdout(io.StringIO()) as unnamed:
            assert rule_cmd.run(args) == 0
        assert json.loads(unnamed.getvalue())["points"] == "10.00"  # 正向 from the bare value alone


class TestReadme:
    def test_console_example_is_real(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The README's `scoring rule` console example prints exactly what the command prints."""
        readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
        section = readme.split("**Read a rule / 解析赋分规则.**", 1)[1]
        block = re.search(r"```console\n(.*?)```", section, re.S)
        assert block is not None
        commands = re.split(r"^\$ ", block.group(1), flags=re.M)[1:]
        assert len(commands) == 2
        for command in commands:
            line, _, expected = command.partition("\n")
            argv = shlex.split(line)
            assert argv[:2] == ["scoring", "rule"]
            main(argv[1:])
            assert capsys.readouterr().out == expected

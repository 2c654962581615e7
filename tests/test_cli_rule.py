"""The command line `scoring rule`: how a 赋分规则 reads, its conflicts, the score it gives, JSON and exit codes."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from scoring.cli import main
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
        code, lines, _ = run(capsys, STEPS, "--target", "≥95%", "--weight", "10")
        assert code == 0
        assert lines[-2:] == [
            "注意：赋分规则中的标准“≤100%”与指标值“≥95%”不一致：按赋分规则的标准计分",
            "注意：赋分规则的最高分为5分，与本行分值10分不一致",
        ]

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

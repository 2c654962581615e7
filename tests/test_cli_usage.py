"""Usage errors reach the user in Chinese with exit code 2, whatever argparse says in English."""

from __future__ import annotations

import pytest

from scoring.cli import main


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["score", "x.csv", "--year", "2026"], "无法识别的参数：--year 2026"),
        (["monitor", "x.csv", "--month", "七"], "--month 的值“七”应为整数"),
        (["bogus"], "未知的命令“bogus”，可用：parse, score, monitor, check, rule"),
        (["score"], "缺少参数：指标表"),
        (["score", "x.csv", "--format", "docx"], "--format 的值“docx”无法识别，可用：table"),
        (["score", "x.csv", "--units"], "--units 后应有一个值"),
        (["parse", "--year", "0", "年底前"], "--year：年度应在1900至2099之间，却是0"),
    ],
)
def test_usage_errors_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str], said: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    message = err.splitlines()[-1]
    assert "argument" not in message
    assert "invalid" not in message


@pytest.mark.parametrize("argv", [["--help"], ["score", "--help"], ["monitor", "--help"], ["rule", "--help"]])
def test_help_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """--help speaks Chinese: 用法, 位置参数/选项, and -h's own line."""
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：scoring")
    assert "显示帮助并退出" in out
    for english in ("usage:", "positional arguments", "options:", "show this help message"):
        assert english not in out

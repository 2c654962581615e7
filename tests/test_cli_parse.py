"""The command line `scoring parse`: JSON lines, human output, exit codes, stdin."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from scoring.cli import main

ISSUE_INPUTS = ["≥110 个", "90%-95%", "2026年6月30日前", "2025年1月9号", "有效 保障", "≥≥110个"]
ISSUE_LINES: list[dict[str, Any]] = [
    {"input": "≥110 个", "ok": True, "kind": "bound", "op": ">=", "value": "110", "unit": "个"},
    {"input": "90%-95%", "ok": True, "kind": "range", "low": "90", "high": "95", "unit": "%"},
    {"input": "2026年6月30日前", "ok": True, "kind": "deadline", "date": "2026-06-30"},
    {"input": "2025年1月9号", "ok": True, "kind": "date", "date": "2025-01-09"},
    {"input": "有效 保障", "ok": True, "kind": "qualitative", "text": "有效保障"},
    {"input": "≥≥110个", "ok": False, "column": 2},
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """Exit code, stdout lines and stderr of `scoring <argv>`."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def records(lines: list[str]) -> list[dict[str, Any]]:
    """The JSON objects of --json output."""
    return [json.loads(line) for line in lines]


class TestParseJson:
    """`scoring parse --json`: one JSON object a line."""

    def test_issue_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The six lines of the issue hold exactly (extra keys allowed)."""
        code, lines, _ = run(capsys, "parse", "--json", *ISSUE_INPUTS)
        assert code == 1
        got = records(lines)
        assert len(got) == len(ISSUE_LINES)
        for record, expected in zip(got, ISSUE_LINES, strict=True):
            assert {k: record[k] for k in expected} == expected
        assert CJK.search(got[-1]["error"])

    def test_exact_keys_of_a_bound(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An explicit bound has exactly these keys, and non-ASCII stays readable."""
        _, lines, _ = run(capsys, "parse", "--json", "≥110 个")
        assert lines == ['{"input": "≥110 个", "ok": true, "kind": "bound", "op": ">=", "value": "110", "unit": "个"}']

    def test_error_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A failed text gives ok false, the Chinese message and the column."""
        _, lines, _ = run(capsys, "parse", "--json", "≥≥110个")
        assert records(lines) == [
            {"input": "≥≥110个", "ok": False, "error": "比较符重复：“≥”前已有比较符", "column": 2}
        ]

    def test_year_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--year resolves dates written without a year."""
        code, lines, _ = run(capsys, "parse", "--json", "--year", "2026", "年底前")
        assert code == 0
        assert records(lines) == [{"input": "年底前", "ok": True, "kind": "deadline", "date": "2026-12-31"}]

    @pytest.mark.parametrize(("year", "said"), [("0", "年度应在1900至2099之间，却是0"), ("10000", "却是10000"),
                                                ("二〇二六", "年度应为整数")])  # fmt: skip
    def test_year_out_of_range_is_usage(self, capsys: pytest.CaptureFixture[str], year: str, said: str) -> None:
        """A --year outside 1900–2099 (or not a number) is a usage error, exit 2, before any text is read."""
        with pytest.raises(SystemExit) as stopped:
            main(["parse", "--year", year, "年底前"])
        assert stopped.value.code == 2
        assert said in capsys.readouterr().err

    def test_without_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --year the date of 年底前 is null and month/day are given."""
        _, lines, _ = run(capsys, "parse", "--json", "年底前")
        assert records(lines)[0]["date"] is None
        assert (records(lines)[0]["month"], records(lines)[0]["day"]) == (12, 31)


class TestExitCodes:
    """Exit codes: 0 all parsed, 1 any failed, 2 usage."""

    def test_all_parsed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every text parsed gives 0."""
        assert run(capsys, "parse", "≥110个", "有效保障", "/")[0] == 0

    def test_one_failed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """One failure among successes gives 1, and every text is still reported."""
        code, lines, _ = run(capsys, "parse", "--json", "≥110个", "≥≥1个", "95%")
        assert code == 1
        assert [r["ok"] for r in records(lines)] == [True, False, True]

    @pytest.mark.parametrize("argv", [["parse", "--nope"], ["parse", "--year", "明年", "年底前"], ["frobnicate"]])
    def test_usage(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        """A bad option or command exits 2 with a Chinese usage error on stderr."""
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
        assert "参数错误" in capsys.readouterr().err

    def test_no_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`scoring` alone prints help and returns 2."""
        assert run(capsys)[0] == 2


class TestHumanOutput:
    """`scoring parse` without --json: one line per text, ✓ or ✗."""

    def test_success_line(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A success shows ✓, the text and a Chinese description."""
        _, lines, _ = run(capsys, "parse", "≥110个")
        assert lines[0].startswith("✓ ≥110个")
        assert "数值目标" in lines[0]

    def test_failure_has_caret(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A failure shows ✗, the message, the text and a caret under the column."""
        _, lines, _ = run(capsys, "parse", "≥≥110个")
        assert lines == ["✗ 指标值“≥≥110个”第2个字：比较符重复：“≥”前已有比较符", "  ≥≥110个", "   ^"]

    def test_actual_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--actual names 实际完成值 in errors."""
        _, lines, _ = run(capsys, "parse", "--actual", "≥≥1个")
        assert lines[0].startswith("✗ 实际完成值")


class TestStdin:
    """`scoring parse` with no text reads stdin, one text a line."""

    def test_lines(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """Each non-blank line is one text; blank lines are skipped; CRLF is tolerated."""
        monkeypatch.setattr(sys, "stdin", io.StringIO("≥110 个\r\n\n   \n90%-95%\n-5%\n"))
        code, lines, _ = run(capsys, "parse", "--json")
        assert code == 0
        assert [r["input"] for r in records(lines)] == ["≥110 个", "90%-95%", "-5%"]

    def test_failure_in_stdin(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """A failing line makes the exit code 1."""
        monkeypatch.setattr(sys, "stdin", io.StringIO("≥110个\n≥≥110个\n"))
        assert run(capsys, "parse", "--json")[0] == 1


class TestConsoleScript:
    """The real process: UTF-8 output and the exit code."""

    def test_subprocess(self) -> None:
        """`python -m scoring.cli parse --json` prints UTF-8 JSON and exits 1 on a failure."""
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
        proc = subprocess.run(
            [sys.executable, "-m", "scoring.cli", "parse", "--json", "≥110 个", "≥≥110个"],
            capture_output=True,
            env=env,
            check=False,
            timeout=60,
        )
        assert proc.returncode == 1
        lines = proc.stdout.decode("utf-8").splitlines()
        assert json.loads(lines[0]) == ISSUE_LINES[0]
        assert json.loads(lines[1])["column"] == 2


def test_negative_values_are_texts(capsys: pytest.CaptureFixture[str]) -> None:
    """``scoring parse -5%`` reads -5% (a 变动率) instead of taking it for an option."""
    assert main(["parse", "--json", "-5%"]) == 0
    assert json.loads(capsys.readouterr().out)["value"] == "-5"

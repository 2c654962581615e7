"""The README's examples run and say what they claim."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_blocks() -> list[str]:
    match = re.search(r"^#+\s*Quick start.*?$(.*?)(?=^#\s|\Z)", README, re.S | re.M | re.I)
    assert match is not None
    return re.findall(r"```[a-z]*\n(.*?)```", match.group(1), re.S)


class TestReadme:
    def test_quick_start_has_two_commands(self) -> None:
        """Quick start opens with two one-line commands: the main job, then the test suite."""
        first, second = _quick_start_blocks()[:2]
        assert first.strip().count("\n") == 0
        assert "scoring score" in first
        assert second.strip().count("\n") == 0
        assert "pytest" in second

    def test_main_job_files_exist(self) -> None:
        """The files the main job names are in the repository."""
        first = _quick_start_blocks()[0]
        for path in re.findall(r'"(indicators/[^"]+)"', first):
            assert (ROOT / path).is_file(), path

    def test_library_example_runs(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The Python example runs from the repository root and prints 9.00 with its explanation."""
        code = re.search(r"```python\n(.*?)```", README, re.S)
        assert code is not None
        monkeypatch.chdir(ROOT)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code.group(1), "README.md", "exec"), {})
        assert "9.00 完成率 = 99个 ÷ 110个 = 90.00%；得分 = 10 × 90.00% = 9.00" in out.getvalue()

    def test_monitor_example_is_real(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every line the README shows of `scoring monitor` on the bundled example is in what the command prints."""
        from scoring.cli import main

        block = README[README.index("$ scoring monitor 援疆工作经费项目.toml") :]
        shown = [line for line in block[: block.index("```")].splitlines()[1:] if line and line != "…"]
        monkeypatch.chdir(ROOT / "indicators" / "2026-昌吉州对口援疆办")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["monitor", "援疆工作经费项目.toml", "--actuals", "援疆工作经费项目.1-7月监控.实际完成值.toml"])
        assert code == 0
        printed = out.getvalue().splitlines()
        assert len(shown) >= 5
        assert all(line in printed for line in shown), [line for line in shown if line not in printed]

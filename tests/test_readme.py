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

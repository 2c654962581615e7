"""The command line never ends in a traceback: closed pipes, undecodable arguments, outputs it cannot write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli import main

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "indicators" / "2026-昌吉州对口援疆办" / "机构运行保障经费.toml"


def test_closed_pipe() -> None:
    """``scoring score … | head -1``: the reader goes away; the command stops quietly (a real process: a pipe)."""
    command = f'"{sys.executable}" -m scoring.cli score "{OFFICE}" | head -1'
    proc = subprocess.run(command, shell=True, capture_output=True, check=False, timeout=60, cwd=ROOT)
    assert proc.returncode == 0  # head's status; the point is what scoring wrote on stderr
    assert b"Traceback" not in proc.stderr
    assert b"BrokenPipe" not in proc.stderr


def test_undecodable_argument(capsys: pytest.CaptureFixture[str]) -> None:
    """An argument with bytes that are not UTF-8 (a Latin-1 file name) is a usage error in Chinese."""
    bad = b"\xe9t\xe9.csv".decode("utf-8", "surrogateescape")
    assert main(["score", bad]) == 2
    assert "无法解码的字节" in capsys.readouterr().err


def test_unwritable_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o under a path whose "folder" is a file (any place the system refuses): exit 2 and a Chinese message."""
    blocker = tmp_path / "不是目录"
    blocker.write_text("x", encoding="utf-8")
    assert main(["score", str(OFFICE), "-o", str(blocker / "x.csv")]) == 2
    assert "无法写入" in capsys.readouterr().err


def test_output_onto_a_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o naming an existing folder: exit 2, nothing replaced."""
    target = tmp_path / "报告.csv"
    target.mkdir()
    assert main(["score", str(OFFICE), "-o", str(target)]) == 2
    assert "无法写入" in capsys.readouterr().err
    assert target.is_dir()


def test_killed_run_leaves_no_half_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails half way leaves neither a half report nor a temporary file."""
    from scoring.report import safety

    target = tmp_path / "报告.csv"
    target.write_text("旧的报告", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safety.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        safety.atomic_write(target, b"new report")
    assert target.read_text(encoding="utf-8") == "旧的报告"
    assert list(tmp_path.iterdir()) == [target]

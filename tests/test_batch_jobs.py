"""``--jobs 2`` on long files: a file's tables are read here and scored in the workers, every output unchanged.

The file-size threshold and the rows per task are made tiny here, so that small files are split into many tasks
(several tables each); every output of ``--jobs 2`` is compared byte for byte with ``--jobs 1``. No timing.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoring.cli import batch_jobs, main
from scoring.cli.batch_cmd import SCORE, Wants
from scoring.engine.batch import Skipped

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "sheets"))
import make_sheets

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"

HEADER = ["项目名称", "单位名称", "全年预算数", "全年执行数", "三级指标", "指标值", "实际完成值", "分值", "赋分规则"]
ROWS = (
    ("项目个数", "≥110个", "{v}个", "按照完成比例赋分"),
    ("评审通过率", "=100%", "{v}%", ""),
    ("完成时间", "2026年6月30日前", "2026年7月{d}日", "直接赋分"),
    ("服务对象满意度", "≥96%", "{v}%", "满意度赋分"),
    ("成本", "≤48.30万元", "{v}万元", "每超过一个百分点扣0.5分，扣完为止"),
)


def write_long(path: Path, projects: int) -> Path:
    """A long-format CSV of ``projects`` projects of two to five rows, some with a problem of their own."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for p in range(projects):
            for i, (name, target, actual, rule) in enumerate(ROWS[: 2 + p % 4]):
                money = ["100", f"{80 + p % 20}.50"] if i == 0 else ["", ""]
                weight = "十分" if p % 11 == 5 and i == 1 else str(10 + p % 3)
                text = "" if p % 7 == 3 and i == 0 else actual.format(v=90 + (p * 7 + i) % 30, d=1 + p % 28)
                project = "" if p % 13 == 4 and i == 1 else f"项目{p:03d}"
                out.writerow([project, f"单位{p % 5}", *money, name, target, text, weight, rule])
        out.writerow(["项目001", "单位1", "", "", "项目个数", "≥110个", "100个", "10", ""])  # a project come back
    return path


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sheet file is split, a few rows a task."""
    monkeypatch.setattr(batch_jobs, "SPLIT_BYTES", 0)
    monkeypatch.setattr(batch_jobs, "ROWS_PER_TASK", 7)


def outputs(capsys: pytest.CaptureFixture[str], folder: Path, command: str, *inputs: Path | str, jobs: int
            ) -> dict[str, object]:  # fmt: skip
    """Every output of a batch with ``jobs`` processes: exit codes, terminal, JSON lines, XLSX, --output-dir."""
    found: dict[str, object] = {}
    args = [command, *map(str, inputs), "--jobs", str(jobs)]
    found["code"] = main([*args, "--quiet"])
    found["terminal"] = capsys.readouterr().out
    main([*args, "--json", "--quiet"])
    found["json"] = capsys.readouterr().out
    for suffix in (".jsonl", ".xlsx"):
        target = folder / f"{jobs}{suffix}"
        found[f"{suffix} code"] = main([*args, "-o", str(target), "--quiet"])
        found[suffix] = target.read_bytes()
    if command == "score":
        sheets = folder / f"自评表{jobs}"
        sheets.mkdir()
        main([*args, "--output-dir", str(sheets), "--quiet"])
        found["sheets"] = {p.name: p.read_bytes() for p in sorted(sheets.iterdir())}
    capsys.readouterr()
    return found


def same_with_two(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, *inputs: Path | str
) -> dict[str, object]:
    one = outputs(capsys, tmp_path, command, *inputs, jobs=1)
    two = outputs(capsys, tmp_path, command, *inputs, jobs=2)
    assert one.keys() == two.keys()
    for key in one:
        assert one[key] == two[key], key
    return one


@pytest.mark.usefixtures("tiny")
class TestLongFile:
    def test_long_file_same_bytes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A long CSV of 60 projects, split into tasks of a few tables: every output as with one process."""
        path = write_long(tmp_path / "长表.csv", 60)
        found = same_with_two(capsys, tmp_path, "score", path)
        assert "共评分 61 张表" in str(found["terminal"])
        assert len(str(found["json"]).splitlines()) == 61
        assert len(found["sheets"]) == 61  # type: ignore[arg-type]

    def test_the_file_is_split_into_several_tasks(self, tmp_path: Path) -> None:
        """Tables travel in lists of whole tables of about ROWS_PER_TASK rows, in file order."""
        path = write_long(tmp_path / "长表.csv", 60)
        tasks = list(batch_jobs._tasks([str(path)], SCORE, {}, (), Wants(True, False, False)))
        lists = [task[1][1] for task in tasks if not isinstance(task, Skipped)]
        assert len(lists) == len(tasks) > 10
        assert all(sum(len(t.indicators) for t in tables[:-1]) < 7 for tables in lists)
        assert [t.project for tables in lists for t in tables][:3] == ["项目000", "项目001", "项目002"]

    def test_mixed_folder_same_bytes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Workbooks, TOML tables, a broken workbook, a header-only CSV and a long CSV: the same with --jobs 2."""
        folder = tmp_path / "各县"
        make_sheets.build(folder)
        for table in SEED.glob("*.toml"):
            if ".实际完成值" not in table.name:
                (folder / table.name).write_bytes(table.read_bytes())
        (folder / "坏表.xlsx").write_bytes(b"PK\x03\x04 broken")
        (folder / "只有表头.csv").write_text(",".join(HEADER) + "\n", encoding="utf-8")
        write_long(folder / "长表.csv", 25)
        found = same_with_two(capsys, tmp_path, "score", folder, tmp_path / "没有这个文件.csv")
        assert found["code"] == 1
        terminal = str(found["terminal"])
        assert "跳过的文件 3 个" in terminal
        assert "只有表头.csv" in terminal
        assert "坏表.xlsx" in terminal

    def test_indicators_folder_same_bytes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The repository's indicators/ folder."""
        same_with_two(capsys, tmp_path, "score", ROOT / "indicators")


def write_monitoring(path: Path, projects: int) -> Path:
    """A long-format monitoring CSV: 1-7月执行情况 per row, 1-7月执行数 per project."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["项目名称", "单位名称", "全年预算数", "1-7月执行数", "三级指标", "指标值", "1-7月执行情况", "分值"]
        )
        for p in range(projects):
            out.writerow([f"项目{p:03d}", f"单位{p % 3}", "100", f"{20 + p % 60}.00", "新建校舍个数", "≥12个",
                          f"{p % 12}个", "50"])  # fmt: skip
            out.writerow([f"项目{p:03d}", "", "", "", "验收合格率", "≥95%", f"{60 + p % 40}%", "50"])
    return path


@pytest.mark.usefixtures("tiny")
class TestMonitor:
    def test_long_monitoring_file_same_bytes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """``scoring monitor`` on a long file: lights, 汇总/明细 and JSON lines as with one process."""
        path = write_monitoring(tmp_path / "监控.csv", 40)
        found = same_with_two(capsys, tmp_path, "monitor", path, "--month", "7")
        assert len(str(found["json"]).splitlines()) == 40

    def test_tables_skipped_in_workers(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A month disagreeing with the sheet skips each table, in the worker that judged it, in the same order
        and words."""
        path = write_monitoring(tmp_path / "监控.csv", 12)
        one = main(["monitor", str(path), "--month", "5", "--quiet", "--jobs", "1"]), capsys.readouterr().out
        two = main(["monitor", str(path), "--month", "5", "--quiet", "--jobs", "2"]), capsys.readouterr().out
        assert one == two
        assert one[0] == 1
        assert one[1].count("两者不一致") == 12


class TestChoice:
    def test_small_files_whole_large_sheets_split(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A sheet file above SPLIT_BYTES is split; a small one, a TOML file or a missing one is not."""
        small = write_long(tmp_path / "小.csv", 2)
        assert not batch_jobs.split(str(small))
        monkeypatch.setattr(batch_jobs, "SPLIT_BYTES", small.stat().st_size - 1)
        assert batch_jobs.split(str(small))
        toml = tmp_path / "大.toml"
        toml.write_bytes(small.read_bytes() * 2)
        assert not batch_jobs.split(str(toml))
        assert not batch_jobs.split(str(tmp_path / "没有.csv"))

    def test_bounded_in_flight(self, tmp_path: Path) -> None:
        """No more than window(jobs) tasks are sent before the first result is handed back."""
        table = SEED / "援疆工作经费项目.toml"
        taken = 0

        def files() -> Iterator[str]:
            nonlocal taken
            for _ in range(50):
                taken += 1
                yield str(table)

        results = batch_jobs.parallel(files(), SCORE, {}, (), Wants(False, False, False), 2)
        first = next(results)
        assert first.file == str(table)
        assert taken <= batch_jobs.window(2) + 1
        results.close()

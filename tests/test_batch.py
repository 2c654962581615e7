"""``scoring.score_batch`` and ``scoring score`` on many tables: the library streams what the command prints."""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import scoring
import scoring.engine.batch
from scoring.cli import main
from scoring.engine.batch import Skipped, expand, iter_batch
from scoring.report import as_dict

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "sheets"))
import make_sheets

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"

RECORDS = [
    {"项目名称": "甲项目", "单位名称": "甲县", "三级指标": "培训人数", "指标值": "≥100人", "实际完成值": "90人", "分值": 50},
    {"项目名称": "甲项目", "单位名称": "甲县", "三级指标": "满意度", "指标值": "≥90%", "实际完成值": "95%", "分值": 50},
    {"项目名称": "乙项目", "单位名称": "乙县", "三级指标": "验收时间", "指标值": "2026年6月30日前",
     "实际完成值": "2026年7月1日", "分值": 100, "赋分规则": "直接赋分"},
]  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """County-style sheets, the seed's TOML tables and one broken file."""
    make_sheets.build(tmp_path)
    for table in SEED.glob("*.toml"):
        if ".实际完成值" not in table.name:
            (tmp_path / table.name).write_bytes(table.read_bytes())
    (tmp_path / "坏表.xlsx").write_bytes(b"PK\x03\x04 broken")
    return tmp_path


class TestScoreBatch:
    def test_folder(self, folder: Path) -> None:
        """Every table of a folder, in a stable order; the broken file goes to on_skip, the others are scored."""
        skipped: list[Skipped] = []
        results = list(scoring.score_batch(folder, on_skip=skipped.append))
        assert len(results) == 9
        assert [s.path for s in skipped] == [str(folder / "坏表.xlsx")]
        assert "ZIP" in skipped[0].reason

    def test_records_are_tables(self) -> None:
        """Row mappings in long format: one table per 项目名称, scored as a file with the same rows would be."""
        results = list(scoring.score_batch(RECORDS))
        assert [r.table.project for r in results] == ["甲项目", "乙项目"]
        assert results[0].total == Decimal("95.00")
        assert results[1].total == Decimal("0.00")

    def test_records_match_a_csv(self, tmp_path: Path) -> None:
        """The same rows as a CSV file give the same scores (one reading path)."""
        path = tmp_path / "长表.csv"
        keys = ["项目名称", "单位名称", "三级指标", "指标值", "实际完成值", "分值", "赋分规则"]
        with path.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(keys)
            out.writerows([[str(r.get(k, "")) for k in keys] for r in RECORDS])
        from_file = [r.total for r in scoring.score_batch(path)]
        assert from_file == [r.total for r in scoring.score_batch(RECORDS)]

    def test_lazy(self) -> None:
        """Nothing is read before the first table is asked for (a generator)."""
        batch = scoring.score_batch(["/没有这个目录/x.csv"])
        assert iter(batch) is batch

    def test_skipped_without_on_skip_warns(self) -> None:
        """Without on_skip a file that cannot be read is a warning naming it, never left out silently."""
        with pytest.warns(scoring.engine.batch.SkippedFileWarning, match="跳过 /没有这个目录/x.csv：文件不存在"):
            assert list(scoring.score_batch(["/没有这个目录/x.csv"])) == []

    def test_missing_path_is_skipped(self) -> None:
        """A path that does not exist is a Skipped, not an exception."""
        (item,) = list(iter_batch(["/没有这个目录/x.csv"]))
        assert isinstance(item, Skipped)
        assert item.reason == "文件不存在"

    def test_expand_order(self, folder: Path) -> None:
        """Folders are searched recursively and sorted, so every run sees the same order."""
        files = [e for e in expand([folder]) if isinstance(e, str)]
        assert files == sorted(files)
        assert all(Path(f).suffix in {".xlsx", ".csv", ".toml"} for f in files)


class TestCommand:
    def test_summary_and_exit(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The terminal summary lists every table, the grades and the skipped file; exit 1 (a file was skipped)."""
        code = main(["score", str(folder), "--quiet"])
        out = capsys.readouterr().out
        assert code == 1
        assert "共评分 9 张表" in out
        assert "跳过的文件 1 个" in out

    def test_json_lines_match_the_library(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints one document per table: the library's as_dict plus file, sheet and project."""
        main(["score", str(folder), "--json", "--quiet"])
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        skipped: list[Skipped] = []  # the folder's broken file, listed by the command too
        library = [as_dict(r) for r in scoring.score_batch(folder, on_skip=skipped.append)]
        assert len(skipped) == 1
        assert [{k: v for k, v in line.items() if k not in ("file", "sheet", "project")} for line in lines] == library

    def test_batch_refuses_actuals(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--actuals belongs to one table: with a folder it is a usage error."""
        assert main(["score", str(folder), "--actuals", str(SEED / "援疆工作经费项目.实际完成值.toml")]) == 2
        assert "批量评分" in capsys.readouterr().err

    def test_wrong_output_kind(self, folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A batch writes .xlsx (汇总/明细) or .jsonl; .md is a usage error naming both."""
        assert main(["score", str(folder), "-o", str(tmp_path / "x.md")]) == 2
        assert ".jsonl" in capsys.readouterr().err

    def test_output_inside_the_folder_is_refused(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """-o into the folder being scored would be read as input next time: refused."""
        assert main(["score", str(folder), "-o", str(folder / "汇总.xlsx")]) == 2
        assert "下次批量评分" in capsys.readouterr().err


class TestBatchSafety:
    def test_output_dir_inside_the_folder_is_refused(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--output-dir into the folder being scored would overwrite inputs: refused, nothing written."""
        before = sorted(p.name for p in folder.iterdir())
        assert main(["score", str(folder), "--output-dir", str(folder), "--quiet"]) == 2
        assert "会覆盖输入" in capsys.readouterr().err
        assert sorted(p.name for p in folder.iterdir()) == before

    def test_output_dir_names_keep_sub_folders(self, folder: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        """Same-named sheets in different sub-folders get different, traceable file names."""
        (folder / "乙县").mkdir()
        make_sheets.build(folder / "乙县")
        out = tmp_path_factory.mktemp("自评表")
        main(["score", str(folder), "--output-dir", str(out), "--quiet"])
        names = [p.name for p in out.glob("*.xlsx")]
        assert any("乙县_援疆工作经费项目自评表" in n for n in names)
        assert len(names) == len(set(names))

    def test_fifo_in_a_folder_is_reported(self, tmp_path: Path) -> None:
        """A FIFO named x.csv inside a folder is listed as skipped with its reason, never passed over or waited on."""
        import os

        os.mkfifo(tmp_path / "x.csv")
        (item,) = list(iter_batch([tmp_path]))
        assert isinstance(item, Skipped)
        assert "命名管道" in item.reason

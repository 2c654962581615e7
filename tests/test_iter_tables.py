"""scoring.tables.iter_tables: every table of a file, lazily, in bounded memory; and tables from row mappings."""

from __future__ import annotations

import difflib
import random
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from scoring.errors import TableReadError
from scoring.tables import Actuals, apply_actuals, iter_tables, load_table
from scoring.tables.model import Budget, Indicator, Table
from scoring.tables.records import tables_from_records

SEED = Path(__file__).resolve().parents[1] / "indicators" / "2026-昌吉州对口援疆办"
HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "分值", "实际完成值"]
LONG = ["项目名称", "单位名称", "全年预算数", "全年执行数", *HEADER]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("".join(",".join(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _project(number: int, rows: int = 3) -> list[list[str]]:
    first = [f"项目{number}", "甲单位", "46", "43.7", "产出指标", "数量指标", "个数", "≥1个", "10", "1个"]
    rest = [["", "", "", "", "", "", f"指标{k}", "≥95%", "10", "96%"] for k in range(1, rows)]
    return [first, *rest]


class TestTables:
    """What iter_tables gives for each kind of file."""

    def test_toml_is_one_table(self) -> None:
        (table,) = iter_tables(SEED / "援疆工作经费项目.toml")
        assert table == load_table(SEED / "援疆工作经费项目.toml")

    def test_each_table_sheet_of_a_workbook(self, tmp_path: Path) -> None:
        """Every visible sheet with a header row is a table; 填表说明 is skipped; hidden sheets are not read."""
        book = openpyxl.Workbook()
        book.active.title = "填表说明"
        book.active.append(["请按要求填写"])
        for title in ("项目A", "项目B"):
            sheet = book.create_sheet(title)
            sheet.append(HEADER)
            sheet.append(["产出指标", "数量指标", f"{title}个数", "≥1个", 10, "1个"])
        hidden = book.create_sheet("模板")
        hidden.append(HEADER)
        hidden.append(["产出指标", "数量指标", "示例", "≥1个", 10, "1个"])
        hidden.sheet_state = "hidden"
        book.save(tmp_path / "两个项目.xlsx")
        tables = list(iter_tables(tmp_path / "两个项目.xlsx"))
        assert [t.indicators[0].name for t in tables] == ["项目A个数", "项目B个数"]
        assert [dict(t.extras)["sheet"] for t in tables] == ["项目A", "项目B"]
        assert [t.problems for t in tables] == [(), ()]
        assert tables[1].indicators[0].source == "两个项目.xlsx 工作表“项目B” 第2行"

    def test_long_format_csv(self, tmp_path: Path) -> None:
        """One table per project, in file order; 单位名称 and the budget on the project's first row."""
        path = _csv(tmp_path / "汇总.csv", [LONG, *_project(1), *_project(2, rows=2)])
        first, second = iter_tables(path)
        assert (first.project, first.unit, len(first.indicators)) == ("项目1", "甲单位", 3)
        assert first.budget == Budget(Decimal(46), Decimal("43.7"))
        assert (second.project, [i.name for i in second.indicators]) == ("项目2", ["个数", "指标1"])
        assert second.indicators[0].source == "汇总.csv 第5行"
        assert first.problems == second.problems == ()

    def test_long_format_values_that_disagree(self, tmp_path: Path) -> None:
        rows = [LONG, *_project(1, rows=1), ["项目1", "甲单位", "50", "", "", "", "率", "≥95%", "10", "96%"]]
        (table,) = iter_tables(_csv(tmp_path / "t.csv", rows))
        assert table.budget == Budget(Decimal(46), Decimal("43.7"))
        assert table.problems == ("t.csv 第3行“全年预算数”列：“50”与本项目第2行的“46”不同，采用第2行的",)

    def test_long_format_workbook(self, tmp_path: Path) -> None:
        book = openpyxl.Workbook()
        for row in [LONG, *_project(1), *_project(2)]:
            book.active.append(row)
        book.save(tmp_path / "汇总.xlsx")
        assert [t.project for t in iter_tables(tmp_path / "汇总.xlsx")] == ["项目1", "项目2"]

    def test_load_table_is_the_first_table(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "汇总.csv", [LONG, *_project(1), *_project(2)])
        assert load_table(path) == next(iter(iter_tables(path)))

    def test_no_table_at_all(self, tmp_path: Path) -> None:
        with pytest.raises(TableReadError, match="找不到表头行"):
            list(iter_tables(_csv(tmp_path / "t.csv", [["姓名", "年龄"], ["张三", "30"]])))


class TestStreaming:
    """Tables are read one at a time: memory is bounded by a table, not by the file."""

    def test_lazy(self, tmp_path: Path) -> None:
        """The first table is given before the rest of the file is read (a damaged tail does not delay it)."""
        path = _csv(tmp_path / "t.csv", [LONG, *_project(1), *_project(2), *_project(3)])
        with path.open("ab") as handle:
            handle.write(b"\xff\xfe" * 10 + b"\n")
        tables = iter_tables(path)
        assert next(tables).project == "项目1"
        tables.close()

    def test_memory_is_flat(self, tmp_path: Path) -> None:
        """A file of 20,000 rows is read in less memory than its own size: it is never held whole."""
        path = _csv(tmp_path / "big.csv", [LONG, *(r for p in range(2000) for r in _project(p, 10))])
        size = path.stat().st_size
        tracemalloc.start()
        count = sum(1 for _ in iter_tables(path))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == 2000
        assert peak < size, (peak, size)


class TestRecords:
    """Row mappings (a budget system's rows, a dataframe partition) as tables."""

    def test_one_table_per_project(self) -> None:
        records: list[dict[str, object]] = [
            dict(zip(LONG, row, strict=True)) for row in [*_project(1), *_project(2, rows=1)]
        ]
        records[0]["分值"] = 10  # numbers may be numbers
        first, second = tables_from_records(records)
        assert (first.project, first.indicators[0].weight, second.project) == ("项目1", Decimal(10), "项目2")
        assert first.budget == Budget(Decimal(46), Decimal("43.7"))

    def test_without_project_names(self) -> None:
        (table,) = tables_from_records([{"三级指标": "个数", "指标值": "≥1个", "分值": 10}])
        assert table.indicators[0].source == "记录 第2行"

    def test_without_the_needed_keys(self) -> None:
        with pytest.raises(TableReadError, match="找不到表头行"):
            list(tables_from_records([{"姓名": "张三"}]))


class TestCloseNames:
    """The close-name hint of apply_actuals: the same suggestions, near-linear time."""

    @staticmethod
    def _table(names: list[str]) -> Table:
        return Table("t", tuple(Indicator(name, "≥1个", 1) for name in names))

    def test_same_suggestions_as_comparing_every_pair(self) -> None:
        rng = random.Random(8)
        words = "项目个数完成率满意度培训人次援疆干部资金到位及时覆盖面积建设工程质量合格验收"
        names = ["".join(rng.choice(words) for _ in range(rng.randint(3, 10))) for _ in range(200)]
        table = self._table(names)
        for _ in range(100):
            base = rng.choice(names)
            wrong = base[:-1] + rng.choice(words)
            if wrong in names:
                continue
            _, (problem,) = apply_actuals(table, Actuals.from_mapping({wrong: "1"}))
            close = difflib.get_close_matches(wrong, {n: n for n in names}, n=1, cutoff=0.6)
            assert problem.endswith(f"是否指“{close[0]}”？" if close else f"“{wrong}”"), (problem, close)

    def test_a_thousand_unknown_names(self) -> None:
        """Suggestions for the first 200 unknown names, then one note; never a comparison of every pair."""
        rng = random.Random(3)
        words = "项目个数完成率满意度培训人次援疆干部资金到位及时覆盖面积建设工程质量合格验收"
        table = self._table(["".join(rng.choice(words) for _ in range(12)) for _ in range(1000)])
        unknown = {"".join(rng.choice(words) for _ in range(12)) + str(i): "1" for i in range(1000)}
        started = time.perf_counter()
        _, problems = apply_actuals(table, Actuals.from_mapping(unknown))
        assert time.perf_counter() - started < 2
        assert len(problems) == 1000
        assert problems[200].endswith("（未匹配的名称超过 200 个，以下不再提示相近的名称）")
        assert not any("是否指" in problem for problem in problems[200:])

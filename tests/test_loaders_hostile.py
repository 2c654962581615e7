"""Files as a hostile user (or a broken export) writes them: one test per class of bad input of issue 8.

Each bad file gives a clear Chinese message naming the file, the sheet, the row and the column, the rest of the
file is still read, and nothing raises but TableReadError or hangs. The auditors' view of the same classes is
features/tables/坏文件.feature.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from scoring.errors import TableReadError
from scoring.tables import Limits, iter_tables, load_actuals, load_table, write_table
from scoring.tables.model import Budget, Table

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "分值", "赋分规则", "实际完成值", "得分"]
ROW = ["产出指标", "数量指标", "项目个数", "≥110个", "10", "按照完成比例赋分", "99个", "9"]
ROW2 = ["产出指标", "质量指标", "验收合格率", "≥95%", "10", "按照完成比例赋分", "96%", "10"]


def _text(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_bytes(_text(rows).encode(encoding))
    return path


def _book(path: Path, *sheets: tuple[str, Sequence[Sequence[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _patched(path: Path, change: Callable[[bytes], bytes]) -> Path:
    """The workbook at ``path`` with its first sheet's XML changed."""
    source = zipfile.ZipFile(path)
    data = {info.filename: source.read(info.filename) for info in source.infolist()}
    source.close()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in data.items():
            target.writestr(name, change(content) if name == "xl/worksheets/sheet1.xml" else content)
    return path


def _problems(table: Table) -> list[str]:
    return [*table.problems, *(p for i in table.indicators for p in i.problems)]


def _reason(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(TableReadError) as info:
        load_table(path, limits or Limits())
    assert info.value.path == str(path)
    return info.value.reason


class TestEncodings:
    """Wrong or mixed encodings."""

    def test_latin1(self, tmp_path: Path) -> None:
        """A Latin-1 file is refused, saying which encodings were expected."""
        path = tmp_path / "latin1.csv"
        path.write_bytes("Café,Naïve,Größe\nrésumé,über,déjà\n".encode("latin-1"))
        assert "文件编码既不是 UTF-8 也不是 GB18030/GBK" in _reason(path)

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
    def test_utf16_with_and_without_bom(self, encoding: str, tmp_path: Path) -> None:
        table = load_table(_csv(tmp_path / "u16.csv", [HEADER, ROW, ROW2], encoding))
        assert [i.name for i in table.indicators] == ["项目个数", "验收合格率"]
        assert _problems(table) == []

    def test_gbk_without_bom(self, tmp_path: Path) -> None:
        table = load_table(_csv(tmp_path / "gbk.csv", [HEADER, ROW], "gbk"))
        assert (table.indicators[0].name, _problems(table)) == ("项目个数", [])

    def test_gbk_with_a_few_invalid_bytes(self, tmp_path: Path) -> None:
        """Only the cell with bad bytes has a problem; the other rows read."""
        data = (
            _text([HEADER, ROW]).encode("gbk")
            + "产出指标,数量指标,坏".encode("gbk")
            + b"\xff\xff,"
            + "≥1\n".encode("gbk")
        )
        path = tmp_path / "坏字节.csv"
        path.write_bytes(data + _text([ROW2]).encode("gbk"))
        table = load_table(path)
        assert [i.name for i in table.indicators] == ["项目个数", "坏\ufffd\ufffd", "验收合格率"]
        (problem,) = table.indicators[1].problems
        assert problem.startswith("坏字节.csv 第3行“三级指标”列：含有无法识别的字节")

    def test_mixed_utf8_and_gbk_lines(self, tmp_path: Path) -> None:
        """A GBK line in a UTF-8 file is read as GBK, with a note naming the line."""
        path = tmp_path / "混合.csv"
        path.write_bytes(_text([HEADER, ROW]).encode() + _text([ROW2]).encode("gbk"))
        table = load_table(path)
        assert [i.name for i in table.indicators] == ["项目个数", "验收合格率"]
        assert table.problems == ("混合.csv 第3行：（文件第3行）这一行不是 UTF-8 编码，已按 GBK/GB18030 读取，请核对",)


class TestEmpty:
    """Empty and header-only files: never a table that scores as complete."""

    @pytest.mark.parametrize(("name", "data", "reason"), [
        ("空.csv", "", "文件是空的"),
        ("空白.csv", " \r\n\r\n", "文件只有空白，没有任何内容"),
        ("空.xlsx", "", "文件是空的"),
    ])  # fmt: skip
    def test_empty_file(self, name: str, data: str, reason: str, tmp_path: Path) -> None:
        path = tmp_path / name
        path.write_bytes(data.encode())
        assert _reason(path) == reason

    def test_header_only(self, tmp_path: Path) -> None:
        assert _reason(_csv(tmp_path / "表头.csv", [HEADER])) == "只有表头行（第1行），下面没有任何指标行"

    def test_header_only_sheet_beside_a_table(self, tmp_path: Path) -> None:
        """A header-only sheet of a workbook is noted on the table read from the other sheet."""
        path = _book(tmp_path / "b.xlsx", ("A", [HEADER, ROW]), ("B", [HEADER]))
        (table,) = iter_tables(path)
        assert table.problems == ("b.xlsx 工作表“B”：只有表头行（第1行），下面没有任何指标行，未读取",)

    def test_empty_toml_indicators(self, tmp_path: Path) -> None:
        path = tmp_path / "t.toml"
        path.write_text("indicators = []\n", encoding="utf-8")
        assert _reason(path) == "[[indicators]] 是空的，没有任何指标"


class TestColumns:
    """Missing, unknown and duplicate columns."""

    def test_missing_target_column(self, tmp_path: Path) -> None:
        """A row that looks like a header but lacks 指标值 is named."""
        header = [h for h in HEADER if h != "指标值"]
        reason = _reason(_csv(tmp_path / "缺列.csv", [header, ROW[:3] + ROW[4:]]))
        assert reason.startswith("找不到表头行：应有一行同时含“三级指标”和“指标值”")
        assert "第1行像是表头，但没有“指标值”列" in reason

    def test_missing_weight_column(self, tmp_path: Path) -> None:
        header, row = [h for h in HEADER if h != "分值"], [c for c in ROW if c != "10"]
        table = load_table(_csv(tmp_path / "t.csv", [header, row]))
        assert table.problems == ("t.csv 第1行：表头没有“分值”列，各指标都没有分值，不能评分",)

    def test_unknown_columns_are_ignored(self, tmp_path: Path) -> None:
        rows = [["备注", *HEADER, "审核人"], ["随便写", *ROW, "张三"]]
        table = load_table(_csv(tmp_path / "t.csv", rows))
        assert (table.indicators[0].name, table.indicators[0].weight, _problems(table)) == ("项目个数", Decimal(10), [])

    @pytest.mark.parametrize("duplicate", ["分值", "实际完成值"])
    def test_duplicate_headers_say_which_is_used(self, duplicate: str, tmp_path: Path) -> None:
        rows = [[*HEADER, duplicate], [*ROW, "5"]]
        table = load_table(_csv(tmp_path / "重复.csv", rows))
        position = HEADER.index(duplicate) + 1
        assert table.problems == (
            f"重复.csv 第1行：表头有 2 列都是“{duplicate}”（第{position}列“{duplicate}”、第9列“{duplicate}”），"
            f"采用第{position}列，其余的不读取",
        )
        assert (table.indicators[0].weight, table.indicators[0].actual) == (Decimal(10), "99个")

    def test_duplicate_indicator_names(self, tmp_path: Path) -> None:
        table = load_table(_csv(tmp_path / "t.csv", [HEADER, ROW, ROW2, ROW]))
        assert table.problems == (
            "t.csv：三级指标“项目个数”出现 2 次（第2行、第4行）；按名称填入实际完成值时只填第一个，请核对是否重复录入",
        )


class TestCells:
    """Merged cells, formulas, error values, absurd numbers, control characters, long runs of spaces."""

    def test_merged_cells(self, tmp_path: Path) -> None:
        """A merged 赋分规则 is every row's rule; a merged 分值 is reported on the rows under its top row."""
        path = _book(tmp_path / "合并.xlsx", ("表", [HEADER, ROW, ["", "", "率", "≥95%", None, None, "96%"]]))
        book = openpyxl.load_workbook(path)
        book["表"].merge_cells("E2:E3")
        book["表"].merge_cells("F2:F3")
        book.save(path)
        table = load_table(path)
        second = table.indicators[1]
        assert (second.rule, second.weight, second.level1) == ("按照完成比例赋分", None, "产出指标")
        assert second.problems == (
            "合并.xlsx 第3行“分值”列：与第2行合并为一个单元格（分值 10），这一行没有自己的分值；请为每个指标分别填写分值",
        )

    def test_formula_without_a_saved_result(self, tmp_path: Path) -> None:
        path = _book(tmp_path / "公式.xlsx", ("表", [HEADER, [*ROW[:6], "=B1*2", "9"], ROW2]))
        table = load_table(path)
        assert table.indicators[0].actual is None
        assert table.indicators[0].problems == (
            "公式.xlsx 第2行“实际完成值”列：是公式“=B1*2”，但文件没有保存它的计算结果（请在 Excel 中打开、保存后再读取）",
        )
        assert table.indicators[1].problems == ()

    @pytest.mark.parametrize("error", ["#DIV/0!", "#N/A"])
    def test_error_cells(self, error: str, tmp_path: Path) -> None:
        """An Excel error value is a problem on its cell (XLSX error cells and CSV saved by Excel alike)."""
        book = _book(tmp_path / "e.xlsx", ("表", [HEADER, ROW, ROW2]))
        _patched(book, lambda xml: xml.replace(b'<c r="D2" t="inlineStr"><is><t>\xe2\x89\xa5110\xe4\xb8\xaa</t></is></c>',
                                               b'<c r="D2" t="e"><v>' + error.encode() + b"</v></c>"))  # fmt: skip
        csv = _csv(tmp_path / "e.csv", [HEADER, [*ROW[:3], error, *ROW[4:]], ROW2])
        for path in (book, csv):
            table = load_table(path)
            assert table.indicators[0].target == ""
            assert table.indicators[0].problems == (
                f"{path.name} 第2行“指标值”列：是 Excel 错误值“{error}”（公式无法计算），不是有效的值",
            )
            assert table.indicators[1].problems == ()

    @pytest.mark.parametrize("digits", [29, 1_000_000])
    def test_absurd_weights(self, digits: int, tmp_path: Path) -> None:
        """A 分值 of 29 or a million digits is a problem on its row (never a slow or failing conversion)."""
        started = time.perf_counter()
        weight = "9" * digits
        table = load_table(_csv(tmp_path / "t.csv", [HEADER, [*ROW[:4], weight, *ROW[5:]], ROW2]))
        assert time.perf_counter() - started < 1
        (problem,) = table.indicators[0].problems
        assert problem.startswith("t.csv 第2行")
        assert table.indicators[1].weight == Decimal(10)

    def test_absurd_weight_in_a_workbook(self, tmp_path: Path) -> None:
        rows: list[list[object]] = [list(HEADER), [*ROW[:4], "9" * 29, *ROW[5:]], [*ROW2[:4], 1e308, *ROW2[5:]]]
        rows.append([*ROW2[:4], 10**28, *ROW2[5:]])
        first, second, third = load_table(_book(tmp_path / "b.xlsx", ("表", rows))).indicators
        assert first.problems == (f"b.xlsx 第2行“分值”列：数字位数过多（29位），不是有效的数值：“{'9' * 29}”",)
        assert second.problems == ("b.xlsx 第3行“分值”列：应为数字，却是“1e+308”",)
        assert third.problems == ("b.xlsx 第4行“分值”列：应为数字，却是“1e+28”",)

    def test_negative_budget_is_read_as_given(self, tmp_path: Path) -> None:
        rows = [["", "全年预算数", "全年执行数"], ["年度资金总额", "-46", "43.7"], HEADER, ROW]
        assert load_table(_csv(tmp_path / "t.csv", rows)).budget == Budget(Decimal(-46), Decimal("43.7"))

    def test_control_characters_are_kept_and_harmless(self, tmp_path: Path) -> None:
        """Control characters stay in the cell; messages show them as symbols; writing XLSX still works."""
        name = "项目\x01个数\x1b[31m"
        table = load_table(_csv(tmp_path / "t.csv", [HEADER, [*ROW[:2], name, ROW[3], "十分", *ROW[5:]]]))
        assert table.indicators[0].name == name
        write_table(table, tmp_path / "out.xlsx")
        assert load_table(tmp_path / "out.xlsx").indicators[0].name == "项目␁个数␛[31m"

    def test_runs_of_spaces(self, tmp_path: Path) -> None:
        """A 60 KB file of cells full of spaces reads in well under a second."""
        spaces = " " * 9000
        row = [
            f"产出指标{spaces}(",
            f"{spaces}x",
            f"个数{spaces}x",
            f"≥{spaces}1",
            f"1{spaces}x",
            "",
            f"全年预算数{spaces}x",
        ]
        path = _csv(tmp_path / "t.csv", [HEADER, row, [f"项目名称{spaces}x", "预算执行率", f"{spaces}合"]])
        assert path.stat().st_size > 60_000
        started = time.perf_counter()
        load_table(path)
        assert time.perf_counter() - started < 0.5


class TestCsvDamage:
    """A cell over the field limit and an unclosed quote lose their own rows only."""

    def test_cell_over_the_field_limit(self, tmp_path: Path) -> None:
        huge = [*ROW[:8], "x" * 200_000]
        table = load_table(_csv(tmp_path / "大.csv", [HEADER, ROW, huge, ROW2]))
        assert [i.name for i in table.indicators] == ["项目个数", "", "验收合格率"]
        assert table.indicators[1].problems == ("大.csv 第3行：单元格超过 131072 个字符，这一行未读取",)

    def test_unclosed_quote(self, tmp_path: Path) -> None:
        """The rows a stray quote would swallow are read one by one; where the quote opened is said."""
        path = tmp_path / "引号.csv"
        path.write_text(_text([HEADER, [*ROW[:2], '"项目个数', *ROW[3:]], ROW2, ROW2]), encoding="utf-8")
        table = load_table(path)
        assert [i.name for i in table.indicators] == ["项目个数", "验收合格率", "验收合格率"]
        assert table.problems[0] == (
            '引号.csv 第2行：文件第2行的引号“"”没有闭合（或单元格超过 131072 个字符）：照常读取时其后 2 行都会并入这一个单元格；'
            "已改为逐行读取第3至4行，请核对引号"
        )


class TestWideRows:
    """Rows reaching column XFD (or a CSV line of 100,000 cells) are read up to ``Limits.max_columns``."""

    def test_csv_row_of_a_hundred_thousand_cells(self, tmp_path: Path) -> None:
        path = _csv(tmp_path / "宽.csv", [HEADER, ROW, ["x"] * 100_000, ROW2])
        started = time.perf_counter()
        table = load_table(path)
        assert time.perf_counter() - started < 1
        assert table.problems[0] == "宽.csv 第3行：第256列以后的单元格未读取"
        assert table.indicators[-1].name == "验收合格率"


class TestWorkbooks:
    """Truncated, corrupt and oversized workbooks; hidden sheets."""

    def test_truncated(self, tmp_path: Path) -> None:
        path = _book(tmp_path / "b.xlsx", ("表", [HEADER, ROW]))
        path.write_bytes(path.read_bytes()[:-200])
        assert _reason(path) == "不是有效的 XLSX 工作簿：文件不完整或已损坏（不是完整的 ZIP 压缩包）"

    def test_corrupt_sheet_keeps_the_rows_before_the_damage(self, tmp_path: Path) -> None:
        path = _patched(
            _book(tmp_path / "b.xlsx", ("表", [HEADER, ROW, ROW2])), lambda x: x.replace(b'<row r="3"', b"<<")
        )
        table = load_table(path)
        assert [i.name for i in table.indicators] == ["项目个数", ""]
        assert table.indicators[1].problems[0].startswith("b.xlsx 第3行：工作表从这里起已损坏，无法继续读取")

    def test_decompression_bomb(self, tmp_path: Path) -> None:
        path = _patched(_book(tmp_path / "炸弹.xlsx", ("表", [HEADER, ROW])),
                        lambda x: x.replace(b"</worksheet>", b" " * (40 << 20) + b"</worksheet>"))  # fmt: skip
        assert path.stat().st_size < 1 << 20
        assert "像是压缩炸弹，未读取" in _reason(path)

    def test_rows_numbered_twenty_million_and_column_xfd(self, tmp_path: Path) -> None:
        """A sheet that claims A1:XFD20000000 costs the cells it has; a row past the limit is reported."""
        far = b'<row r="20000000"><c r="XFD20000000" t="n"><v>1</v></c></row></sheetData>'
        path = _patched(_book(tmp_path / "b.xlsx", ("表", [HEADER, ROW])), lambda x: x.replace(b"</sheetData>", far))
        started = time.perf_counter()
        table = load_table(path)
        assert time.perf_counter() - started < 1
        assert table.indicators[-1].problems == ("b.xlsx 第20000000行：超过 1048576 行，从这一行起未读取",)

    def test_row_limit(self, tmp_path: Path) -> None:
        path = _book(tmp_path / "b.xlsx", ("表", [HEADER, *([ROW] * 50)]))
        table = load_table(path, Limits(max_rows=20))
        assert len(table.indicators) == 20
        assert table.indicators[-1].problems == ("b.xlsx 第21行：超过 20 行，从这一行起未读取",)

    def test_wide_row_before_the_header(self, tmp_path: Path) -> None:
        path = _book(tmp_path / "b.xlsx", ("表", [["标题", *([None] * 400), "远处"], HEADER, ROW]))
        table = load_table(path)
        assert table.problems == ("b.xlsx 第1行：第256列以后的单元格未读取",)

    def test_hidden_first_sheet(self, tmp_path: Path) -> None:
        path = _book(
            tmp_path / "b.xlsx", ("模板", [HEADER, ["示例", "", "示例", "≥1个", "5"]]), ("自评表", [HEADER, ROW])
        )
        book = openpyxl.load_workbook(path)
        book["模板"].sheet_state = "hidden"
        book.save(path)
        assert [t.indicators[0].name for t in iter_tables(path)] == ["项目个数"]


class TestPaths:
    """What is given where a file is expected."""

    def test_folder(self, tmp_path: Path) -> None:
        folder = tmp_path / "批量.csv"
        folder.mkdir()
        assert _reason(folder) == "这是一个目录，应为文件"

    def test_missing(self, tmp_path: Path) -> None:
        assert _reason(tmp_path / "没有.xlsx") == "文件不存在"

    @pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
    def test_dev_zero(self, tmp_path: Path) -> None:
        link = tmp_path / "zero.csv"
        link.symlink_to("/dev/zero")
        assert _reason(link) == "这是一个设备文件，不是普通文件；请给出表格文件本身"

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
    def test_fifo_never_blocks(self, tmp_path: Path) -> None:
        fifo = tmp_path / "管道.csv"
        os.mkfifo(fifo)
        found: list[str] = []
        worker = threading.Thread(target=lambda: found.append(_reason(fifo)), daemon=True)
        worker.start()
        worker.join(timeout=2)
        assert found == ["这是一个命名管道（FIFO），不是普通文件；请给出表格文件本身"]
        assert load_actuals.__name__  # load_actuals refuses it the same way
        with pytest.raises(TableReadError, match="命名管道"):
            load_actuals(fifo)

    def test_spaces_and_chinese_in_the_path(self, tmp_path: Path) -> None:
        folder = tmp_path / "2026 年 自评 表"
        folder.mkdir()
        path = _csv(folder / "昌吉州 援疆 项目.csv", [HEADER, ["产出指标", "数量指标", "项目个数", "≥110个", "十分"]])
        table = load_table(path)
        assert table.source == str(path)
        assert table.indicators[0].problems == ("昌吉州 援疆 项目.csv 第2行“分值”列：应为数字，却是“十分”",)


class TestToml:
    """Numbers and nesting TOML allows and no table means."""

    @pytest.mark.parametrize(
        ("written", "shown"), [("1e308", "1e+308"), ("inf", "inf"), ("nan", "nan"), ('"1e308"', "1e308")]
    )
    def test_absurd_weights(self, written: str, shown: str, tmp_path: Path) -> None:
        path = tmp_path / "t.toml"
        good = '[[indicators]]\nname = "率"\ntarget = "≥95%"\nweight = "10"\n'
        path.write_text(f'[[indicators]]\nname = "个数"\ntarget = "≥1个"\nweight = {written}\n{good}', encoding="utf-8")
        table = load_table(path)
        assert table.indicators[0].problems == (f"t.toml 第1个指标（第1行）：“weight”（分值）应为数字，却是“{shown}”",)
        assert table.indicators[1].weight == Decimal(10)

    def test_huge_integer(self, tmp_path: Path) -> None:
        path = tmp_path / "t.toml"
        path.write_text(f'[[indicators]]\nname = "个数"\ntarget = "≥1个"\nweight = {"9" * 5000}\n', encoding="utf-8")
        assert _reason(path).startswith("TOML 中有无法读取的数值")

    def test_deeply_nested(self, tmp_path: Path) -> None:
        path = tmp_path / "深.toml"
        path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
        assert _reason(path) == "TOML 嵌套层数过多（数组或表套了成百上千层），不是绩效目标表"

    def test_year_out_of_range(self, tmp_path: Path) -> None:
        path = tmp_path / "t.toml"
        path.write_text('[table]\nyear = 10000\n[[indicators]]\nname = "个数"\ntarget = "≥1个"\nweight = 10\n', "utf-8")
        table = load_table(path)
        assert (table.year, table.problems) == (
            None,
            ("t.toml：[table] 的 year 应为年份（1900–2100，如 2026），却是“10000”",),
        )


# --- fuzzing: no exception escapes but TableReadError, and no file takes more than about a second -----------------

WORDS = [
    *HEADER, "项目名称", "单位名称", "全年预算数", "全年执行数", "年度", "指标性质", "度量单位", "自评得分", "偏差原因",
    "总分", "合计", "预算执行率", "其中：", "≥110个", "<=6.70 万元", "95%", "十分", "-5", "1e308", "9" * 40, "#DIV/0!",
    "#N/A", "'=100%", "=SUM(A1:A2)", '"', '""', "", " ", "   \t ", "\r", "\n", "\x00", "\x1b", "(50分)", "（", "产出指标(",
]  # fmt: skip
FUZZ = settings(max_examples=60, deadline=1000, suppress_health_check=[HealthCheck.too_slow])


def _exhaust(path: Path) -> None:
    """Every reader over ``path``: only TableReadError may come out."""
    for read in (lambda: list(iter_tables(path)), lambda: load_table(path), lambda: load_actuals(path)):
        with contextlib.suppress(TableReadError):
            read()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


cells = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
rows = st.lists(st.lists(cells, max_size=10), max_size=12)


class TestFuzz:
    """Random bytes and random small tables built from the real header words, for every loader."""

    @FUZZ
    @given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".toml"]))
    def test_random_bytes(self, folder: Path, data: bytes, suffix: str) -> None:
        path = folder / f"bytes{suffix}"
        path.write_bytes(data)
        _exhaust(path)

    @FUZZ
    @given(
        table=rows,
        delimiter=st.sampled_from([",", "\t", ";"]),
        encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
        stray=st.booleans(),
    )
    def test_random_csv(self, folder: Path, table: list[list[str]], delimiter: str, encoding: str, stray: bool) -> None:
        text = "\n".join(delimiter.join(row) for row in [HEADER, *table]) + ('\n"' if stray else "")
        path = folder / "t.csv"
        path.write_bytes(text.encode(encoding, "replace"))
        _exhaust(path)

    @settings(max_examples=30, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
    @given(
        sheets=st.lists(st.tuples(rows, st.sampled_from(["visible", "hidden"]), st.booleans()), min_size=1, max_size=3),
        numbers=st.lists(st.one_of(st.integers(), st.floats(allow_nan=False)), max_size=4),
    )
    def test_random_workbook(
        self, folder: Path, sheets: list[tuple[list[list[str]], str, bool]], numbers: list[float]
    ) -> None:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for index, (table, state, header) in enumerate(sheets):
            sheet = book.create_sheet(f"表{index}")
            for row in [HEADER] * header + table + [list(numbers)]:
                sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
            if len(table) > 2:
                sheet.merge_cells("A2:B3")
            sheet.sheet_state = state
        if all(sheet.sheet_state == "hidden" for sheet in book.worksheets):
            book.worksheets[0].sheet_state = "visible"
        path = folder / "t.xlsx"
        book.save(path)
        _exhaust(path)

    @settings(max_examples=40, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
    @given(cut=st.integers(min_value=0, max_value=4000), flips=st.lists(st.integers(0, 4000), max_size=5))
    def test_damaged_workbook(self, folder: Path, cut: int, flips: list[int]) -> None:
        good = _book(folder / "good.xlsx", ("表", [HEADER, ROW, ROW2])).read_bytes()
        data = bytearray(good[: max(cut, 30)] if cut < len(good) else good)
        for at in flips:
            data[at % len(data)] ^= 0x5A
        path = folder / "damaged.xlsx"
        path.write_bytes(bytes(data))
        _exhaust(path)

    @FUZZ
    @given(
        entries=st.lists(
            st.tuples(
                st.sampled_from(["name", "target", "weight", "rule", "actual", "points", "year", "x"]),
                st.one_of(
                    st.sampled_from(["1e308", "inf", "nan", "-inf", "9" * 30, '"十分"', "[[1]]", "{a = 1}", "true"]),
                    st.integers().map(str),
                    st.text(max_size=8).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
                ),
            ),
            max_size=8,
        ),
        section=st.sampled_from(["[[indicators]]", "[table]", "[budget]", "[[actuals]]", "[actuals]"]),
    )
    def test_random_toml(self, folder: Path, entries: list[tuple[str, str]], section: str) -> None:
        body = "".join(f"{key} = {value}\n" for key, value in dict(entries).items())
        path = folder / "t.toml"
        path.write_text(f"{section}\n{body}[[indicators]]\n{body}", encoding="utf-8")
        _exhaust(path)

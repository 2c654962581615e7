"""What a monitoring sheet (绩效运行监控表, "双监控") adds to a row and to its table.

A row: the national form marks the 偏差原因 categories (经费保障, 制度保障, 人员保障, 硬件条件保障, 其他) in a
column each, under a merged ``偏差原因分析`` (and sometimes 完成目标可能性 as 确定能 | 有可能 | 完全不可能). A cell
marked ``√``, ``✓``, ``✔``, ``是``, ``Y`` — or holding any other text — names its column; a text is also added to
the row's 偏差原因. Blank, ``否``, ``×``, ``/``, ``—``, ``无`` mark nothing.

The table: the month its figures run to, from its dated headers (``1-7月执行情况``, ``1-7月计划值`` and the
header block's ``1-7月执行数``). Two headers of one sheet that name different months are an error that names
the sheet, the two headers and their columns; so is a header that looks dated but names no month it can read
(``1-13月执行情况``, ``7月执行情况``, ``2-7月执行情况``, ``截至7月15日…``: :func:`~scoring.tables.months.misdated`);
a half-year or quarters to date name their last month (``上半年执行情况`` -> 6); a sheet that names no month
leaves it None.
"""

from __future__ import annotations

from collections.abc import Mapping

from scoring.errors import TableReadError
from scoring.tables.files import Sheet
from scoring.tables.guard import short
from scoring.tables.headers import SUBHEADERS, Start, header_key
from scoring.tables.months import dated, looks_dated, misdated
from scoring.text import normalize

__all__ = ["ANSWERS", "CAUSES", "MONITOR_FIELDS", "Dated", "is_monitoring", "monitor_cells", "sheet_month"]

#: The category columns, in the national form's order, and the answer columns of 完成目标可能性.
CAUSES = ("cause_funds", "cause_rules", "cause_staff", "cause_hardware", "cause_other")
ANSWERS = ("sure", "maybe", "impossible")
#: Columns only a monitoring sheet has (the actual to date may be a plain 执行情况 column too).
MONITOR_FIELDS = frozenset({"expected", "plan", "possibility", *CAUSES, *ANSWERS})
_MARKS = frozenset({"√", "✓", "✔", "☑", "✅", "是", "y", "yes", "v", "●", "■", "★"})
_UNMARKED = frozenset({"", "否", "n", "no", "×", "✗", "✘", "/", "\\", "-", "—", "——", "–", "无", "不适用", "0"})
_PLAIN_ACTUAL = frozenset({header_key("执行情况"), header_key("年度执行情况")})

#: A dated header: its row number, its column as named in messages, its text and its month.
Dated = tuple[int, str, str, int]


def _mark(text: str) -> tuple[bool, str]:
    """Whether a category or answer cell is marked, and its text when it is more than a mark."""
    key = normalize(text).lower()
    if key in _UNMARKED:
        return False, ""
    return True, "" if key in _MARKS else text.strip()


def monitor_cells(cells: Mapping[str, str]) -> dict[str, str]:
    """The row's ``reason_kind``, ``reason`` and ``possibility`` from its cells by field.

    ``reason_kind`` names the marked category columns (``经费保障、其他``); ``reason`` is the 偏差原因 cell and
    the texts written in category columns, joined by ``；``; ``possibility`` is the marked answer column, else
    the 完成目标可能性 cell.
    """
    kinds: list[str] = []
    texts = [cells.get("reason", "").strip()]
    for field in CAUSES:
        marked, text = _mark(cells.get(field, ""))
        if marked:
            kinds.append(SUBHEADERS[field][0])
        if text and text not in texts[0]:
            texts.append(text)
    answers = [SUBHEADERS[field][0] for field in ANSWERS if _mark(cells.get(field, ""))[0]]
    return {
        "reason_kind": "、".join(kinds),
        "reason": "；".join(text for text in texts if text),
        "possibility": "、".join(answers) or cells.get("possibility", "").strip(),
    }


def _dated_cells(start: Start, sheet: Sheet) -> list[Dated]:
    rows = (start.header, start.sub) if start.sub is not None else (start.header,)
    return [
        (row.number, sheet.column(index), text.strip(), hit[1])
        for row in rows
        for index, text in enumerate(row.cells)
        if text and looks_dated(text) and (hit := dated(header_key(text))) is not None
    ]


def is_monitoring(start: Start, sheet: Sheet) -> bool:
    """Whether the header row is a monitoring sheet's: a dated header, a monitoring column, or a plain
    执行情况 column as the actual (such a sheet needs no 分值)."""
    if MONITOR_FIELDS & start.columns.keys() or _dated_cells(start, sheet):
        return True
    index = start.columns.get("actual")
    cells = start.sub.cells if start.sub is not None and "actual" in start.columns else start.header.cells
    return index is not None and index < len(cells) and header_key(cells[index]) in _PLAIN_ACTUAL


def sheet_month(start: Start, sheet: Sheet, shown: str, block: tuple[int, int, str] | None = None) -> int | None:
    """The month the sheet's dated headers name (and ``block``, the header block's money spent to date: row
    number, column index, text); None when none does. TableReadError when two of them name different months."""
    label = (sheet.label or (f" 工作表“{sheet.title}”" if sheet.title else "")).strip()
    _misdated(start, sheet, shown, block, f"{label}的" if label else "")
    found = _dated_cells(start, sheet)
    if block is not None and (hit := dated(header_key(block[2]))) is not None:
        found.append((block[0], sheet.column(block[1]), block[2], hit[1]))
    if not found:
        return None
    found.sort(key=lambda dated_at: dated_at[0])
    first = found[0]
    for other in found[1:]:
        if other[3] != first[3]:
            raise TableReadError(
                shown,
                f"{label + '的' if label else ''}表头月份不一致：第{first[0]}行第{first[1]}列“{short(first[2])}”"
                f"截至{first[3]}月，第{other[0]}行第{other[1]}列“{short(other[2])}”截至{other[3]}月；"
                "同一张监控表的数字应截至同一个月，请改为一致后再读取",
            )
    return first[3]


def _misdated(start: Start, sheet: Sheet, shown: str, block: tuple[int, int, str] | None, where: str) -> None:
    """A header that looks dated but whose month cannot be read is an error naming its row and column."""
    rows = (start.header, start.sub) if start.sub is not None else (start.header,)
    cells = [(row.number, index, text) for row in rows for index, text in enumerate(row.cells) if looks_dated(text)]
    cells += [block] if block is not None else []
    for number, index, text in cells:
        why = misdated(header_key(text))
        if why is not None:
            raise TableReadError(
                shown,
                f"{where}第{number}行第{sheet.column(index)}列“{short(text.strip())}”：{why}，无法确定监控月份，"
                "请改正表头后再读取",
            )

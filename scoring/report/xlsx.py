"""The filled 自评表 as an XLSX workbook a budget unit could submit and an auditor could print. No arithmetic here.

Sheet 1 is the standard 项目支出绩效自评表 (部门整体支出绩效自评表 for department tables) of 财预[2020]10号:
title, header block, 项目资金 block, 年度总体目标, the indicator block and the 总分 row
(:mod:`scoring.report.xlsx_form`). Sheet 2, 评分说明, holds every row's steps, the self-reported points and the
differences (:mod:`scoring.report.xlsx_notes`). Points are numbers in a 2-decimal format, 执行率 a percent cell,
and a 指标值 such as ``=100%`` stays text. Reading sheet 1 back with :func:`scoring.tables.load_table` gives the
same points (the 得分 column then holds self-reported points equal to the computed ones).

openpyxl is imported only when a workbook is written, so ``import scoring`` stays light.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from scoring.engine.results import TableScore
from scoring.report.safety import atomic_write, stable_xlsx

__all__ = ["write_xlsx", "xlsx_bytes", "xlsx_document"]


def write_xlsx(result: TableScore, path: str | Path) -> None:
    """Write the filled 自评表 of ``result`` (sheet 1) and its 评分说明 (sheet 2) to ``path`` (atomically)."""
    atomic_write(path, xlsx_document(result))


def xlsx_document(result: TableScore) -> bytes:
    """The filled 自评表 of ``result`` as XLSX bytes (the same bytes for the same result)."""
    from openpyxl import Workbook

    from scoring.report.xlsx_form import write_form
    from scoring.report.xlsx_notes import write_notes

    book = Workbook()
    write_form(book.active, result)
    write_notes(book.create_sheet(), result)
    return xlsx_bytes(book)


def xlsx_bytes(book: Any) -> bytes:
    """A workbook's bytes, the same for the same content (see :func:`scoring.report.safety.stable_xlsx`)."""
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_xlsx(buffer.getvalue())

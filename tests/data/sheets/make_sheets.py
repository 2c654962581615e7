"""Build 自评表 / 绩效目标表 files laid out as county finance bureaus publish them, and broken copies of each.

Run ``python tests/data/sheets/make_sheets.py [FOLDER]`` to look at them in Excel (nothing is committed: the
tests call :func:`build` into a temporary folder). Each layout is built from real rows:

- ``项目支出绩效自评表.xlsx`` — the standard 2020 form: 附件 line, title, year, 项目名称, 主管部门 | 实施单位,
  the 项目资金 block (年初预算数 … 得分, merged label cells, 执行率 a percent cell), 年度总体目标 with 预期目标
  and 实际完成情况, the merged 绩效指标 column, merged 一级/二级 cells, reference rows without 分值, percent
  cells, whole numbers stored as floats, a 总分 row, and a hidden first sheet 填表说明 that holds a sample
  table. Rows: the 特色产业 self-evaluation in ``/work/shared/corpus/real-targets.tsv`` (www.ahxx.gov.cn).
- ``援疆工作经费项目自评表.xlsx`` — the seed table with its example actuals in the same form, every cell as
  Excel keeps it (95% as 0.95 in a percent cell, 2026年5月20日 as a date cell, 10 as 10.0).
- ``分列指标表.csv`` (GBK, no BOM), ``分列指标表-计算符号.csv`` (UTF-8 with BOM), ``分列指标表-指标方向.csv``
  (GB18030) — split-column templates (指标性质 | 指标值 | 度量单位 and the other two spellings), rows from
  www.ahjinzhai.gov.cn and www.yongde.gov.cn.
- ``部门整体支出绩效自评表.csv`` (UTF-8 with BOM) — the 部门整体 form with 部门（单位）名称, 年度主要任务 and the
  header spellings 权重, 全年实际值, 自评得分, 原因分析 and a 合计 row; rows: the seed 部门整体绩效目标表.

``build(folder, broken=…)`` writes the broken copies: ``"weight"`` (a 分值 cell reads 十分), ``"name"`` (no
三级指标 column), ``"target"`` (an unreadable 指标值, or an unknown 指标性质 in the split templates).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"
PERCENT = "0%"
DATE = 'yyyy"年"m"月"d"日"'
BREAKS = ("weight", "name", "target")


class Pct(float):
    """A number Excel shows as a percentage (0.95 in a ``0%`` cell)."""


HEADER = [
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
# 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 — www.ahxx.gov.cn 特色产业 self-evaluation.
AHXX: list[list[Any]] = [
    ["产出指标(50分)", "数量指标", "★补助各类瓜果蔬菜种植面积", "29.5亩", "29.5亩", 20.0, 20.0],
    [None, None, "其中桃树种植面积", "1.5亩", "1.5亩", None, None],
    [None, None, "其中苹果树种植面积", "5亩", "5亩", None, None],
    [None, None, "其中露天蔬菜", "20亩", "20亩", None, None],
    [None, None, "其中大棚蔬菜", "3亩", "3亩", None, None],
    [None, None, "★补助鱼塘面积", "3亩", "3亩", 10.0, 10],
    [None, None, "其中鱼塘养殖面积", "3亩", "3亩", None, None],
    [None, None, "★补助家畜家禽养殖数量", "192只", "192只", 10, 10],
    [None, None, "其中羊养殖数量", "180只", "180只", None, None],
    [None, None, "其中猪养殖数量", "12头", "12头", None, None],
    [None, "质量指标", "种植作物成活率", Pct(0.95), Pct(0.95), 5, 5],
    [None, None, "养殖家畜家禽成活率", Pct(0.95), Pct(1.0), 5, 5],
    ["效益指标(30分)", "经济效益指标", "特色产业带动增加受益农户收入(总收入)", "≥11.376万元", "12万元", 20, 20],
    [None, "社会效益指标", "受益人口数量", "90人", "90人", 10, 10],
]
# 三级 | 指标性质 | 指标值 | 度量单位 | 分值 — www.ahjinzhai.gov.cn and www.yongde.gov.cn, split as exported.
SPLIT: list[list[str]] = [
    ["产出指标", "数量指标", "开展精品示范村建设数量", "≤", "4", "个", "10"],
    ["", "", "建设美丽宜居自然村庄数量", "≥", "200", "个", "10"],
    ["", "", "完成农村户用卫生厕所改造数量", "≥", "2000", "户", "10"],
    ["", "", "学生受资助人数", "≧", "735", "人次", "10"],
    ["", "质量指标", "美丽宜居自然村庄验收通过率", "≥", "95", "%", "10"],
    ["", "时效指标", "完成美丽宜居自然村庄验收时间", "定性", "9月前", "", "10"],
    ["效益指标", "经济效益指标", "减轻贫困学生家庭经济负担", "定性", "有效", "", "20"],
    ["", "社会效益指标", "政策知晓率", "=", "100", "%", "10"],
]
SPLIT_HEADERS = {
    "分列指标表.csv": (("指标性质", "指标值", "度量单位"), "gbk", {}),
    "分列指标表-计算符号.csv": (
        ("计算符号", "目标值", "计量单位"),
        "utf-8-sig",
        {"≤": "小于等于", "≥": "大于等于", "≧": "大于等于", "=": "等于"},
    ),
    "分列指标表-指标方向.csv": (("指标方向", "目标值", "单位"), "gb18030", {"≤": "反向", "≥": "正向", "≧": "正向"}),
}


def _cell(sheet: Any, row: int, column: int, value: Any) -> None:
    if value is None:
        return
    target = sheet.cell(row=row, column=column, value=float(value) if isinstance(value, Pct) else value)
    if isinstance(value, str) and value.startswith("="):
        target.data_type = "s"  # ``=100%`` is a 指标值 typed as text, not a formula
    elif isinstance(value, Pct):
        target.number_format = PERCENT
    elif isinstance(value, dt.date):
        target.number_format = DATE


def _form(path: Path, *, project: str, year: int, budget: Sequence[Any], goal: str, rows: list[list[Any]], total: Any,
          broken: str | None, bad_row: int, bad_target: str) -> Path:  # fmt: skip
    """The standard 项目支出绩效自评表 with a hidden 填表说明 sheet first; ``rows`` are 一级 … 得分 [, 偏差原因]."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["填表说明：本表按示例填写，示例行不计分。"])
    notes.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"])
    notes.append(["产出指标", "数量指标", "示例指标", "≥1个", "1个", 100, 100])
    notes.sheet_state = "hidden"
    sheet = book.create_sheet("自评表")
    header = [h for h in HEADER if not (broken == "name" and h == "三级指标")]
    last = len(header)
    sheet.append(["附件2"])
    sheet.append(["项目支出绩效自评表"])
    sheet.append([f"（{year}年度）"])
    sheet.append(["项目名称", None, project])
    sheet.append(["主管部门", None, "县农业农村局", None, None, "实施单位", "镇人民政府"])
    sheet.append(["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    sheet.append([None, None, "年度资金总额"])
    for column, value in enumerate(budget, start=4):
        _cell(sheet, 7, column, value)
    sheet.append([None, None, "其中：当年财政拨款", budget[0], budget[1], budget[2], "—", None, "—"])
    sheet.append([None, None, "其他资金", 0, 0, 0, "—", None, "—"])
    sheet.append(["年度总体目标", None, "预期目标", None, None, "实际完成情况"])
    sheet.append([None, None, goal, None, None, "已按计划完成。"])
    sheet.append(header)
    first = sheet.max_row + 1
    for number, values in enumerate(rows, start=first):
        values = list(values)
        if number - first == bad_row:
            if broken == "weight":
                values[5] = "十分"
            elif broken == "target":
                values[3] = bad_target
        if broken == "name":
            del values[2]
        for column, value in enumerate(values, start=2):
            _cell(sheet, number, column, value)
    end = sheet.max_row
    sheet.append(["总分", *[None] * (last - 4), 100, total])
    for merged in ("A2:I2", "A3:I3", "A4:B4", "C4:I4", "A5:B5", "C5:E5", "A6:B9", "A10:B11", f"A{first - 1}:A{end}"):
        sheet.merge_cells(merged)
    sheet.merge_cells(start_row=end + 1, start_column=1, end_row=end + 1, end_column=last - 3)
    _merge_runs(sheet, first, end, columns=(2, 3))
    book.save(path)
    return path


def _merge_runs(sheet: Any, first: int, end: int, columns: Sequence[int]) -> None:
    """Merge each non-blank 一级/二级 cell with the blank cells below it, as the published forms do."""
    for column in columns:
        start = first
        for row in range(first + 1, end + 2):
            if row > end or sheet.cell(row=row, column=column).value is not None:
                if row - 1 > start:
                    sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1, end_column=column)
                start = row


def project_form(folder: Path, broken: str | None = None) -> Path:
    """The 特色产业 自评表 (ahxx rows): 90 weighted points, 总分 89.5, 预算执行率 9.5 of 10."""
    rows = [[*row, None] for row in AHXX]
    return _form(folder / "项目支出绩效自评表.xlsx", project="特色种养殖产业扶持项目", year=2025, goal="扶持发展特色种养殖产业，带动农户增收。",
                 budget=[30, 30, 28.5, 10, Pct(0.95), 9.5], rows=rows, total=89.5, broken=broken, bad_row=5,
                 bad_target="≥≥3亩")  # fmt: skip


def seed_form(folder: Path, broken: str | None = None) -> Path:
    """The seed 援疆工作经费项目 with its example actuals, every cell as Excel keeps it."""
    sys.path.insert(0, str(ROOT))
    from scoring.tables import apply_actuals, load_actuals, load_table

    table, _ = apply_actuals(
        load_table(SEED / "援疆工作经费项目.toml"), load_actuals(SEED / "援疆工作经费项目.实际完成值.toml")
    )
    rows: list[list[Any]] = []
    above = ("", "")
    for indicator in table.indicators:
        levels = (indicator.level1, indicator.level2)
        shown = [None if levels[: i + 1] == above[: i + 1] else levels[i] for i in range(2)]  # merged cells
        above = levels
        actual: Any = indicator.actual
        if actual == "2026年5月20日":
            actual = dt.datetime(2026, 5, 20)
        elif actual and actual.endswith("%"):
            actual = Pct(float(actual[:-1]) / 100)
        elif actual and actual.isdigit():
            actual = int(actual)
        weight = float(indicator.weight) if indicator.weight is not None else None
        reported = float(indicator.reported) if indicator.reported is not None else None
        rows.append([*shown, indicator.name, indicator.target, actual, weight, reported,
                     indicator.reason or None])  # fmt: skip
    return _form(folder / "援疆工作经费项目自评表.xlsx", project="援疆工作经费项目", year=2026, goal=table.goal.strip(),
                 budget=[46, 46, 43.7, 10, Pct(0.95), 9.5], rows=rows, total=97, broken=broken, bad_row=0,
                 bad_target="≥≥110个")  # fmt: skip


def _csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    text = "\r\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def split_tables(folder: Path, broken: str | None = None) -> list[Path]:
    """The three split-column templates, each in its own encoding."""
    paths = []
    for name, (columns, encoding, words) in SPLIT_HEADERS.items():
        head = ["一级指标", "二级指标", "三级指标", *columns, "分值"]
        rows = [["项目支出绩效目标表"], ["（2025年度）"], ["预算单位", "县住房和城乡建设局"], ["项目名称", "美丽乡村建设项目"],
                ["项目资金（万元）", "年度资金总额", "1200", "其中：财政拨款", "1200", "其他资金", "0"]]  # fmt: skip
        body = [[*r[:3], words.get(r[3], r[3]), *r[4:]] for r in SPLIT]
        if broken == "weight":
            body[2][6] = "十分"
        elif broken == "target":
            body[1][3] = "增加"
        if broken == "name":
            head.pop(2)
            body = [[*r[:2], *r[3:]] for r in body]
        paths.append(_csv(folder / name, [*rows, head, *body], encoding))
    return paths


def department_form(folder: Path, broken: str | None = None) -> Path:
    """The 部门整体支出绩效自评表 of the seed 部门整体绩效目标表, UTF-8 with BOM, other header spellings."""
    rows = [
        ["部门整体支出绩效自评表"],
        ["（2026年度）"],
        ["部门（单位）名称", "", "昌吉回族自治州对口援疆工作领导小组办公室"],
        ["年度主要任务", "任务名称", "", "主要内容"],
        ["", "对口援疆联络服务", "", "做好对口支援省市产业对接和联络服务工作"],
        ["年度总体目标", "预期目标", "", "", "实际完成情况"],
        ["", "充分发挥福建、山西两省援疆优势", "", "", "已完成"],
    ]
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "权重", "自评得分", "原因分析"]
    body = [
        ["履职效能", "数量指标", "陪同福建、山西援疆领导考察调研县市次数", "≥2 次", "2个", "20", "20", ""],
        ["", "", "慰问福建、山西援疆前方指挥部次数", "≥2 次", "3次", "20", "20", "春节、古尔邦节及援疆干部轮换时各慰问一次。"],
        ["", "", "指导县市援疆项目工作次数", "=2 次", "2次", "20", "20", ""],
        ["", "", "争取福建、山西对口支援昌吉州项目个数", "≥110 个", "121个", "30", "30", ""],
    ]  # fmt: skip
    if broken == "weight":
        body[1][5] = "十分"
    elif broken == "target":
        body[2][3] = "≥≥2次"
    if broken == "name":
        head.pop(2)
        body = [[*r[:2], *r[3:]] for r in body]
    total = ["合计", *[""] * (head.index("权重") - 1), "90", "90"]
    return _csv(folder / "部门整体支出绩效自评表.csv", [*rows, head, *body, total], "utf-8-sig")


def build(folder: Path, broken: str | None = None) -> dict[str, Path]:
    """Every layout (or its ``broken`` copy) in ``folder``, by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [project_form(folder, broken), seed_form(folder, broken), *split_tables(folder, broken)]
    paths.append(department_form(folder, broken))
    return {path.name: path for path in paths}


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "out"
    for kind in (None, *BREAKS):
        for path in build(out / (kind or "good"), kind).values():
            print(path)

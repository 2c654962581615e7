"""The JSON contract for budget systems (``scoring.table-score/1``): every document validates against the schema
shipped in the package, the documented example too, and the codes beside the Chinese labels are stable."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

import scoring
from scoring.engine import score_table
from scoring.report import as_dict
from scoring.report.json import SCHEMA, json_line, render_jsonl, schema
from scoring.tables import load_actuals, load_table
from scoring.tables.model import Budget, Indicator, Table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"
TABLES = sorted(p for p in SEED.glob("*.toml") if ".实际完成值" not in p.name)
D = Decimal


def _validate(document: object) -> None:
    jsonschema.validate(document, schema())


@pytest.mark.parametrize("table", TABLES, ids=[p.stem for p in TABLES])
def test_seed_tables(table: Path) -> None:
    """Each seed table, with and without its actuals, gives a valid document."""
    actuals = load_actuals(table.with_name(table.stem + ".实际完成值.toml"))
    _validate(as_dict(score_table(load_table(table), actuals=actuals)))
    _validate(as_dict(score_table(load_table(table))))


def test_every_status_and_flag() -> None:
    """A table with every status (met, short, over, error, reference) and the audit of its 总分 validates."""
    rows = (
        Indicator(name="达标", target="≥10个", weight=10, actual="10个", reported=10),
        Indicator(name="未达标", target="≥10个", weight=10, actual="5个", reported="9"),
        Indicator(name="超额", target="≥10个", weight=10, actual="20个"),
        Indicator(name="无法评分", target="≥10个", weight=10, actual="5平方米"),
        Indicator(name="其中：参考", target="≥3个", weight=None, actual="3个"),
    )
    table = Table("t", rows, budget=Budget(D(100), D(90)), reported_total=D(40), reported_budget=D(9))
    document = as_dict(score_table(table))
    _validate(document)
    assert {line["status"] for line in document["indicators"]} == {"met", "short", "over", "error", "reference"}
    assert document["grade"] is None
    assert document["references"] == ["其中：参考"]
    assert document["audit"]["budget"] == {"reported": "9", "computed": "9.00", "difference": "0.00"}


def test_documented_example() -> None:
    """The example in docs/json.md is a valid document of the current schema."""
    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block is not None
    document = json.loads(block.group(1))
    _validate(document)
    assert document["schema"] == SCHEMA


def test_schema_is_shipped() -> None:
    """The schema file is inside the package, names the contract, and is itself a valid JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$id"] == SCHEMA


def test_version() -> None:
    """scoring.__version__ is the installed version, the one the documents carry."""
    document = as_dict(score_table(Table("t", (Indicator(name="x", target="≥1个", weight=1, actual="1个"),))))
    assert document["version"] == scoring.__version__


class TestIndicatorTypes:
    """``Indicator(...)`` takes numbers as a budget system has them, and refuses anything else by name."""

    @pytest.mark.parametrize("weight", [10, 10.0, "10", D("10"), "10分"])
    def test_weight_forms(self, weight: object) -> None:
        """int, float, str and Decimal are the same weight."""
        assert Indicator(name="x", target="≥1个", weight=weight).weight == D(10)

    def test_float_by_shortest_text(self) -> None:
        """A float is read by its shortest text: 48.3, never 48.2999999999999971578…"""
        assert Indicator(name="x", target=48.3, weight=0.1).weight == D("0.1")
        assert Indicator(name="x", target=48.3, weight=1).target == "48.3"

    def test_numbers_for_target_and_actual(self) -> None:
        """Targets and actuals may be numbers; None is allowed for every optional field."""
        row = Indicator(name="x", target=100, weight=5, actual=97, rule=None, reason=None, reported=None)
        assert (row.target, row.actual, row.rule, row.reason) == ("100", "97", "", "")

    @pytest.mark.parametrize(
        ("field", "value"), [("weight", [10]), ("weight", True), ("actual", {"a": 1}), ("name", 3), ("target", None)]
    )
    def test_other_types_refused(self, field: str, value: object) -> None:
        """A list, a bool, a dict … raise TypeError naming the field."""
        cells: dict[str, object] = {"name": "x", "target": "≥1个", "weight": 1, field: value}
        if field == "target" and value is None:
            assert Indicator(**cells).target == ""  # type: ignore[arg-type]
            return
        with pytest.raises(TypeError, match=field):
            Indicator(**cells)  # type: ignore[arg-type]

    def test_not_a_number(self) -> None:
        """A text that is no number, or NaN, is a ValueError naming the field."""
        with pytest.raises(ValueError, match="weight"):
            Indicator(name="x", target="≥1个", weight="十分")
        with pytest.raises(ValueError, match="weight"):
            Indicator(name="x", target="≥1个", weight=float("nan"))

    def test_budget_numbers(self) -> None:
        """Budget takes the same number forms; a negative 全年预算数 says so."""
        row = Indicator(name="x", target="≥1个", weight=90, actual="1个")
        result = score_table(Table("t", (row,)), budget=Budget(planned=100, spent=90.5))
        assert result.budget is not None
        assert result.budget.points == D("9.05")
        negative = score_table(Table("t", (row,)), budget=Budget(planned="-100", spent="90"))
        assert negative.budget is not None
        assert negative.budget.error == "全年预算数不能为负数（-100），无法计算预算执行率"
        with pytest.raises(TypeError, match="planned"):
            Budget(planned=[100], spent=90)  # type: ignore[arg-type]

    def test_small_and_large_floats(self) -> None:
        """Floats in exponent form are exact numbers too (1e-05, 1e+20)."""
        assert Indicator(name="x", target="≥1个", weight=1, actual=0.00001).actual == "0.00001"
        assert Indicator(name="x", target="≥1个", weight=1e20).weight == D("1E+20")

    def test_one_bad_row_never_aborts(self) -> None:
        """A row whose target cannot be read does not stop score_table."""
        rows = (
            Indicator(name="坏", target="≥≥1个", weight=5, actual="1个"),
            Indicator(name="好", target="≥1个", weight=5, actual="1个"),
        )
        result = score_table(Table("t", rows))
        assert result.lines[1].points == D("5.00")
        assert not result.complete


def test_json_line_is_the_document_on_one_line() -> None:
    """The JSON line written piece by piece (a recurring line's shared part rendered once) is, byte for byte, the
    document dumped whole: rows alike but for their 一级/二级指标 and source, rows that differ only in how their
    分值 or 自评得分 is written, reference and unscored rows, quotes and backslashes in cells."""
    rows = []
    for n in range(3):
        rows += [
            Indicator(name="个数", target="≥110个", weight=10, actual="99个", level1=f"产出{n}", source=f"第{n}行"),
            Indicator(name="个数", target="≥110个", weight="10.0", actual="99个", reported="9"),
            Indicator(name="个数", target="≥110个", weight="2.5", actual="120个"),
            Indicator(name="个数", target="≥110个", weight="2.50", actual="120个"),
            Indicator(name="个数", target="≥110个", weight=10, actual="99个", reported="9.0", level2='"引号"\\'),
            Indicator(name="满意度", target="≥95%", weight=10, actual="约90%", level1="效益\n指标"),
            Indicator(name="完成时间", target="2026年6月30日前", weight=5, actual="2026年7月2日"),
            Indicator(name="其中：参考", target="≥3个", weight=None, actual="3个"),
            Indicator(name="无法评分", target="≥10个", weight=10, actual="5平方米"),
        ]
    table = Table('标题"\\', tuple(rows), budget=Budget(D(100), D(90)), year=2026)
    for _ in range(2):
        result = score_table(table)
        first = {"file": "a.csv", "sheet": "", "project": "项目"}
        assert json_line(result, first) == json.dumps({**first, **as_dict(result)}, ensure_ascii=False) + "\n"
        assert render_jsonl(result) == json.dumps(as_dict(result), ensure_ascii=False) + "\n"

"""One path through the engine: the library and the command line give one answer, and each job is done once.

Matching actuals to rows, layering the policy, reading words such as 已完成, formatting numbers and compiling a
table each live in one place; these tests feed the same inputs through every door and compare the answers.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

import scoring
from scoring.cli import main
from scoring.engine import Policy, PolicyError, check_table, compile_table, score_indicator, score_table
from scoring.engine.choose import CHOICES, DEFAULT_RULES, Shape, shape_of
from scoring.engine.monitor import monitor_table
from scoring.engine.options import EqualFormula, ReverseFormula
from scoring.engine.policy import RuleKind
from scoring.engine.steps import StepKind
from scoring.engine.vocabulary import Tier, tier_of
from scoring.language import Deadline, Reader, parse_target
from scoring.numbers import plain, show, signed, written
from scoring.report import as_dict
from scoring.report.wording import TEMPLATES, explain
from scoring.tables import load_actuals, load_table
from scoring.tables.model import Indicator, Table
from scoring.text import normalize, phrase

D = Decimal

TABLE = """\
[table]
title = "测试项目绩效目标表"
year = 2026

[[indicators]]
level1 = "产出指标"
name = "培训人数"
target = "≥110人"
weight = "40"
rule = "按照完成比例赋分"

[[indicators]]
level1 = "产出指标"
name = "完成时间"
target = "2026年6月30日前"
weight = "20"
rule = "直接赋分"

[[indicators]]
level1 = "满意度指标"
name = "学员满意度"
target = "≥90%"
weight = "30"
rule = "满意度赋分"
"""

ACTUALS = """\
[[actuals]]
name = "培训人数"
actual = "99人"

[[actuals]]
name = "培训 人数"
actual = "110人"

[[actuals]]
name = "完成时间"
actual = "已完成。"

[[actuals]]
name = "学员满意率"
actual = "95%"
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A table and an actuals file with a repeated name and a misspelt name."""
    table, actuals = tmp_path / "表.toml", tmp_path / "实际.toml"
    table.write_text(TABLE, encoding="utf-8")
    actuals.write_text(ACTUALS, encoding="utf-8")
    return table, actuals


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(["score", "--json", *argv])
    return code, json.loads(capsys.readouterr().out)


class TestLibraryAndCommandLineAgree:
    """``score_table`` and ``scoring score`` give the same document for the same files."""

    def test_same_json(self, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
        """The CLI's JSON is the library's ``as_dict``, notes and points included."""
        table, actuals = files
        code, cli = _cli_json(capsys, str(table), "--actuals", str(actuals))
        library = as_dict(score_table(load_table(table), actuals=load_actuals(actuals)))
        assert cli == library
        assert code == 1  # 学员满意度 has no actual: the misspelt entry fills nothing

    def test_first_duplicate_wins_everywhere(self, files: tuple[Path, Path]) -> None:
        """A repeated name: the first entry wins for a file and for a mapping alike, and the note says so."""
        table, actuals = files
        from_file = score_table(load_table(table), actuals=load_actuals(actuals))
        from_mapping = score_table(load_table(table), actuals={"培训人数": "99人", "培训 人数": "110人"})
        assert from_file.lines[0].points == from_mapping.lines[0].points == D("36.00")
        assert any("重复" in n and "以先出现的为准" in n for n in from_file.notes)
        assert any("重复" in n and "以先出现的为准" in n for n in from_mapping.notes)

    def test_close_name_is_suggested_everywhere(self, files: tuple[Path, Path]) -> None:
        """A misspelt name fills nothing and the note names the closest indicator, from a file or a mapping."""
        table, actuals = files
        hint = "表中没有三级指标“学员满意率”，是否指“学员满意度”？"
        from_file = score_table(load_table(table), actuals=load_actuals(actuals))
        from_mapping = score_table(load_table(table), actuals={"学员满意率": "95%"})
        assert any(hint in n for n in from_file.notes)
        assert any(hint in n for n in from_mapping.notes)

    def test_misspelt_policy_option_in_table(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``reverse = "linaer"`` in a table: the library raises, ``score`` and ``check`` exit 2, one message."""
        table = tmp_path / "表.toml"
        table.write_text(TABLE + '\n[policy]\nreverse = "linaer"\n', encoding="utf-8")
        with pytest.raises(PolicyError) as raised:
            score_table(load_table(table))
        assert "评分口径“reverse”的取值“linaer”无法识别" in str(raised.value)
        for command in ("score", "check"):
            assert main([command, str(table)]) == 2
            assert str(raised.value) in capsys.readouterr().err

    def test_misspelt_policy_option_in_file(self, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
        """The same misspelling in a ``--policy`` file gives the same message."""
        table, _ = files
        policy = table.with_name("口径.toml")
        policy.write_text('[policy]\n"等于公式" = "对陈"\n', encoding="utf-8")
        with pytest.raises(PolicyError) as raised:
            Policy.layered({"等于公式": "对陈"})
        assert main(["score", str(table), "--policy", str(policy)]) == 2
        assert str(raised.value) in capsys.readouterr().err

    def test_policy_constructor_validates(self) -> None:
        """Options are enums checked at construction, with the field named."""
        with pytest.raises(PolicyError, match="“reverse”的取值“linaer”"):
            Policy(reverse="linaer")  # type: ignore[arg-type]
        assert Policy(reverse="线性").reverse is ReverseFormula.LINEAR  # type: ignore[arg-type]
        assert Policy(equal=EqualFormula.SYMMETRIC).equal == "symmetric"

    def test_layers_in_order(self) -> None:
        """Defaults, then the table's options, then the run's: the later layer wins, untouched options stay."""
        policy = Policy.layered({"reverse": "linear", "grades": {"优": "95"}}, {"grades": {"良": "75"}})
        assert policy.reverse is ReverseFormula.LINEAR
        assert dict(policy.grades) == {"优": D(95), "良": D(75), "中": D(60)}
        whole = Policy(tolerance="0.5")  # type: ignore[arg-type]
        assert Policy.layered({"reverse": "linear"}, whole) is whole


class TestWarnings:
    """A rule that does not fit its target is noted where the old engine noted it."""

    def test_note_after_the_actual(self) -> None:
        """满意度赋分 on a ≤ target: the actual's own warnings first, then the note."""
        row = Indicator(name="成本", target="≤50万元", weight=D(10), rule="满意度赋分", actual="约60万元")
        warnings = score_indicator(row).warnings
        assert warnings[0].startswith("实际完成值为约数")
        assert warnings[1].startswith("满意度赋分的指标值为反向")

    def test_no_note_on_a_row_that_cannot_be_read(self) -> None:
        """A row whose actual cannot be read carries only the reason."""
        row = Indicator(name="成本", target="≤50万元", weight=D(10), rule="满意度赋分", actual="达成")
        line = score_indicator(row)
        assert line.error is not None
        assert line.warnings == ()


class TestMappingActuals:
    """A budget system's mapping of actuals is read as an actuals file is."""

    def test_none_keeps_the_table_actual(self) -> None:
        """``None`` in the mapping means "no value given here": the row keeps the actual the table has."""
        row = Indicator(name="甲", target="≥10个", weight=D(10), actual="10个")
        result = score_table(scoring.Table("t", (row,)), actuals={"甲": None})
        assert result.lines[0].points == D("10.00")


class TestCompiledOnce:
    """``check`` and ``score`` read the table through one compile."""

    def test_same_target_error(self) -> None:
        """An unreadable target is the same ParseError for check and for score."""
        table = scoring.Table("t", (Indicator(name="经费", target="≤≤5万元", weight=D(10), actual="4万元"),), year=2026)
        compiled = compile_table(table)
        (row,) = compiled.rows
        assert row.target_error is not None
        message = row.target_error.render(context=False)
        assert any(f.message == message for f in check_table(compiled))
        (line,) = score_table(compiled).lines
        assert line.error == f"指标值无法识别：{message}"

    def test_reader_is_shared(self, tmp_path: Path) -> None:
        """A reader with the user's units serves check and score alike (nothing global changes)."""
        extra = tmp_path / "u.txt"
        extra.write_text("垛 = [垛]\n", encoding="utf-8")
        reader = Reader(scoring.Units([extra]))
        table = scoring.Table("t", (Indicator(name="堆放", target="≥5垛", weight=D(10), actual="4垛"),))
        compiled = compile_table(table, reader=reader)
        assert not [f for f in check_table(compiled) if f.code == "target-unreadable"]
        assert score_table(compiled).lines[0].points == D("8.00")
        assert score_table(table).lines[0].error is not None  # the default reader does not know 垛


class TestOneVocabulary:
    """One list of words for 达成/未达成, compared in one normal form."""

    @pytest.mark.parametrize("words", ["已完成。", "已完成", "完成 ", "按时完成", "如期完成"])
    def test_done_scores_on_deadline_and_qualitative_rows(self, words: str) -> None:
        """A 达成 word scores full marks on a 定性 row and on a deadline row."""
        qualitative = Indicator(name="保障", target="有效保障", weight=D(10), actual=words)
        deadline = Indicator(name="时间", target="2026年6月30日前", weight=D(10), actual=words, rule="直接赋分")
        assert score_indicator(qualitative).points == D("10.00")
        assert score_indicator(deadline, 2026).points == D("10.00")

    def test_tiers(self) -> None:
        """Late words are 未达成; a text with trailing punctuation reads as without it."""
        assert tier_of("逾期完成") is Tier.FAILED
        assert tier_of("基本完成；") is Tier.PARTIAL


class TestStrictDeadline:
    """``‹2026年6月30日`` (a ``<`` before a date) ends the day before; ``≤`` includes the day."""

    def test_reads_strict(self) -> None:
        """The typed deadline is strict and says 不含当日."""
        target = parse_target("‹2026年6月30日")
        assert isinstance(target, Deadline)
        assert target.strict
        assert target.due == dt.date(2026, 6, 29)
        assert "不含当日" in target.describe()
        assert target.to_dict()["strict"] is True
        assert not parse_target("≤2026年6月30日").strict  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "due"),
        [
            ("‹2026年6月", dt.date(2026, 5, 31)),
            ("‹2026年7月", dt.date(2026, 6, 30)),
            ("<2026年", dt.date(2025, 12, 31)),
        ],
    )
    def test_strict_month_and_year(self, text: str, due: dt.date) -> None:
        """A strict deadline of a month or a year ends the day before it starts."""
        target = parse_target(text)
        assert isinstance(target, Deadline)
        assert target.due == due

    def test_check_reads_the_last_day_on_time(self) -> None:
        """``check`` judges a strict deadline by its last day on time: ‹2027年1月1日 is inside 2026."""
        row = Indicator(name="时间", target="‹2027年1月1日", weight=D(90), rule="直接赋分")
        findings = check_table(scoring.Table("t", (row,), year=2026))
        assert not [f for f in findings if f.code == "date-outside-year"]

    def test_scores_strict(self) -> None:
        """Done on the day named is one day late."""
        row = Indicator(name="时间", target="<2026-06-30", weight=D(3), actual="2026年6月30日", rule="直接赋分")
        assert score_indicator(row).points == D("0.00")


class TestNumbers:
    """One module writes numbers; none writes an exponent or ``-0``."""

    @pytest.mark.parametrize(
        ("value", "as_written", "as_data", "shown"),
        [
            ("10.0", "10.0", "10", "10"),
            ("-0", "0", "0", "0"),
            ("-0.00", "0.00", "0", "0"),
            ("1.5E+6", "1500000", "1500000", "1500000"),
            ("48.30", "48.30", "48.3", "48.30"),
            ("0.3333333333", "0.3333333333", "0.3333333333", "≈0.333333"),
        ],
    )
    def test_forms(self, value: str, as_written: str, as_data: str, shown: str) -> None:
        """written keeps the digits, plain drops trailing zeros, show is for explanations."""
        assert (written(D(value)), plain(D(value)), show(D(value))) == (as_written, as_data, shown)

    def test_no_negative_zero_points(self) -> None:
        """Rounding never gives -0.00, so no report prints it."""
        from scoring.numbers import q2

        assert str(q2(D("-0.001"))) == "0.00"
        row = Indicator(name="保障", target="有效保障", weight=D("-0"), actual="未达成")
        assert str(score_indicator(row).points) == "0.00"

    def test_signed(self) -> None:
        """Differences show their sign, rounded half up; zero is +0.00."""
        assert (signed(D("-0.005")), signed(D("0.125")), signed(D("-0"))) == ("-0.01", "+0.13", "+0.00")


class TestText:
    """One normaliser for the grammar, names and words."""

    def test_forms(self) -> None:
        """normalize folds full width and drops spaces; phrase also drops trailing punctuation."""
        assert normalize("＞＝ ９６ ％") == ">=96%"
        assert phrase("已完成。") == phrase("已完成") == "已完成"


class TestRulesAsData:
    """Choosing the rule is a table, complete for every rule and target shape."""

    def test_every_pair_listed(self) -> None:
        """Every (rule, shape) pair has a scorer; every shape a default rule."""
        assert set(CHOICES) == {(rule, shape) for rule in RuleKind for shape in Shape}
        assert set(DEFAULT_RULES) == set(Shape)

    def test_formats_listed_once(self) -> None:
        """The command line's list of formats (kept apart so --help loads no report) is the report's."""
        from scoring.cli.main import FORMATS as CLI_FORMATS
        from scoring.report import FORMATS

        assert CLI_FORMATS == FORMATS

    def test_every_step_has_wording(self) -> None:
        """Every kind of step has a Chinese template."""
        assert set(TEMPLATES) == set(StepKind)

    def test_shapes(self) -> None:
        """Targets fall into the shapes the table names."""
        assert shape_of(parse_target("280人次")) is Shape.BARE
        assert shape_of(parse_target("=100%")) is Shape.EQUAL
        assert shape_of(parse_target("不超过5万元")) is Shape.REVERSE
        assert shape_of(parse_target("年底前")) is Shape.DATED

    def test_steps_are_typed(self) -> None:
        """A score's steps are data; the report words them."""
        row = Indicator(name="项目个数", target="≥110个", weight=D(10), actual="99个")
        line = score_indicator(row)
        assert [s.kind for s in line.steps] == [StepKind.RATIO, StepKind.POINTS_PCT]
        assert explain(line) == "完成率 = 99个 ÷ 110个 = 90.00%；得分 = 10 × 90.00% = 9.00"


def test_one_heading_for_score_and_monitor() -> None:
    """score and monitor head a table the same way, and neither repeats a year the name already says."""
    from scoring.report.monitor_text import header
    from scoring.report.text import heading, title

    named = Table(title="项目支出绩效自评表（2026年度）", indicators=(), year=2026)
    assert heading(named, "绩效目标表") == "项目支出绩效自评表（2026年度）"
    plain = Table(title="援疆工作经费", indicators=(), year=2026, unit="某单位")
    assert heading(plain, "绩效目标表") == "援疆工作经费（2026年）  某单位"
    assert title(score_table(plain)) == "援疆工作经费（2026年）  某单位"
    assert header(monitor_table(plain, month=7))[0].startswith("援疆工作经费（2026年）  某单位  1-7月执行情况监控")

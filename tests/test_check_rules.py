"""`scoring check` and the 赋分规则 language (A12): unreadable rules with their column, conflicts, top points."""

from __future__ import annotations

from decimal import Decimal

from scoring.engine.check import ERROR, WARNING, Finding, check_table
from scoring.tables.model import Indicator, Table

STEPS = "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。"


def findings(*rows: tuple[str, str, str | int]) -> tuple[Finding, ...]:
    """The findings of a 2026 table whose rows are (指标值, 赋分规则, 分值)."""
    indicators = tuple(
        Indicator(name=f"指标{n}", target=target, weight=weight, rule=rule, source=f"第{n}行")
        for n, (target, rule, weight) in enumerate(rows, 1)
    )
    return check_table(Table(title="绩效目标表", indicators=indicators, year=2026))


def coded(found: tuple[Finding, ...], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


class TestRuleFindings:
    def test_unreadable_rule_names_its_column(self) -> None:
        """An unreadable rule is an error whose message is the parse error's, with its column."""
        found = findings(("≥110个", "≥110个,计10分;每少一个扣", 10))
        (error,) = coded(found, "rule-unreadable")
        assert error.severity == ERROR
        assert error.where == "第1行"
        assert error.message.startswith("赋分规则“≥110个,计10分;每少一个扣”第12个字：")
        assert not coded(found, "rule-unknown")

    def test_conflict_with_the_target_is_a_warning(self) -> None:
        found = findings(("≤95%", STEPS, 5))
        (conflict,) = coded(found, "rule-conflict")
        assert conflict.severity == WARNING
        assert conflict.message == "赋分规则中的标准“≤100%”与指标值“≤95%”不一致：按赋分规则的标准计分"
        assert not coded(found, "rule-top-differs")

    def test_a_standard_pointing_the_other_way_is_an_error(self) -> None:
        """``合格率≤5%`` on a ``≥90%`` row measures 不合格率: an error with its column, no longer a warning (#9)."""
        found = findings(("≥90%", "合格率≤5%,计5分;每超过一个百分点扣1分", 5), ("≥95%", STEPS, 5))
        errors = coded(found, "rule-direction-opposite")
        assert [(f.severity, f.where, f.column) for f in errors] == [(ERROR, "第1行", 4), (ERROR, "第2行", 1)]
        assert errors[0].message == ("赋分规则第4个字的标准“≤5%”为反向，与指标值“≥90%”（正向）方向相反："
                                     "规则衡量的不是本行指标（如不合格率与合格率），无法按规则评分")  # fmt: skip
        assert not coded(found, "rule-conflict")

    def test_a_bare_standard_takes_no_direction_of_its_own(self) -> None:
        """``以100%为标准`` with no comparator written is no opposite direction (the steps say which side)."""
        found = findings(("≥95%", "以100%为标准,每超过一个百分点扣0.5分", 5))
        assert not coded(found, "rule-direction-opposite")

    def test_a_step_in_another_unit_is_an_error(self) -> None:
        """A step whose unit cannot measure the target is an error naming the step's column (#9)."""
        found = findings(("≤100万元", "≥80%,计5分;每超出10天扣1分", 5), ("≥95%", "每出现一个扣0.5分", 5),
                         ("≤10人", "每超过1万元扣1分", 5), ("≥90%", "每少一项扣1分", 5),
                         ("≥90%", "每延期1天扣0.5分", 5))  # fmt: skip
        errors = coded(found, "rule-unit-mismatch")
        assert [(f.severity, f.where, f.column) for f in errors] == [
            (ERROR, "第1行", 10), (ERROR, "第2行", 1), (ERROR, "第3行", 1), (ERROR, "第4行", 1), (ERROR, "第5行", 1),
        ]  # fmt: skip
        assert errors[2].message == ("赋分规则第1个字的步长“每1万元”以“万元”计，与指标值“≤10人”的单位“人”不一致："
                                     "规则的步长无法度量本行指标，无法按规则评分")  # fmt: skip

    def test_steps_in_a_convertible_or_another_counting_unit(self) -> None:
        """万元 measures 元 (no finding); 项 against 个 is counted by number, with a warning (A7)."""
        found = findings(("≤1000000元", "每超过1万元扣1分", 5), ("≥10个", "每少一项扣1分", 5), ("=0次", "每出现一次扣1分", 5),
                         ("≤5个工作日", "每超过1天扣1分", 5), ("2026年6月30日前", "每延期1天扣0.5分", 5))  # fmt: skip
        assert not coded(found, "rule-unit-mismatch")
        (differs,) = coded(found, "rule-unit-differs")
        assert differs.severity == WARNING
        assert differs.message == "计量单位不同：赋分规则第1个字的步长“每1项”用“项”，指标值用“个”，按数值计步"

    def test_unreadable_rule_has_its_column_in_json(self) -> None:
        """``check --json`` gives a rule finding's column as a field (was only inside the message)."""
        found = findings(("≥110个", "≥110个,计10分;每少一个扣", 10))
        (error,) = coded(found, "rule-unreadable")
        assert error.to_dict()["column"] == 12
        assert all("column" not in f.to_dict() for f in found if f.code == "weights-sum")

    def test_conflict_is_said_once(self) -> None:
        """The conflict travels in the row's notes too: check lists it under its own code only."""
        found = findings(("≤90%", "全年实际值/年度指标值*该指标分值", 10))
        messages = [f.message for f in found]
        assert len(coded(found, "rule-conflict")) == 1
        assert messages.count(coded(found, "rule-conflict")[0].message) == 1
        assert not coded(found, "read-as")

    def test_top_differs_from_the_weight(self) -> None:
        found = findings(("≤100%", STEPS, 10))
        (top,) = coded(found, "rule-top-differs")
        assert top.severity == WARNING
        assert top.message == "赋分规则的最高分为5分，与本行分值10分不一致"
        assert not coded(found, "rule-conflict")

    def test_matching_rule_has_no_rule_findings(self) -> None:
        found = findings(("≤100%", STEPS, Decimal(5)), ("≥90%", "按照完成比例赋分", 10))
        assert not [f for f in found if f.code.startswith("rule-")]

    def test_remarks_stay_read_as(self) -> None:
        """A remark that leaves the row to its default rule is still said (read-as), not as a conflict."""
        found = findings(("≥90%", "偏差原因及整改措施必填", 10))
        assert coded(found, "read-as")
        assert not [f for f in found if f.code.startswith("rule-")]

    def test_steps_against_the_target_direction(self) -> None:
        """每超过…扣 on a ≥ target, with nothing said of a shortfall, contradicts the target (#9)."""
        found = findings(
            ("≥90%", "每超过一个百分点扣0.5分,扣完为止", 10), ("≤90%", "每超过一个百分点扣0.5分,扣完为止", 10)
        )
        (conflict,) = coded(found, "rule-conflict")
        assert conflict.where == "第1行"
        assert conflict.message == ("赋分规则只在超过标准时扣分，与指标值“≥90%”的方向相反（指标值要求不低于标准）："
                                    "低于标准时规则未说明如何计分")  # fmt: skip

    def test_steps_covering_the_shortfall_are_no_conflict(self) -> None:
        found = findings(("≥90%", "每低于1个百分点扣0.5分", 10), ("≥90%", "每增加或减少1个百分点,相应增加或扣减得分0.5分", 10),
                         ("≥90%", "每超过1个百分点加0.5分", 10))  # fmt: skip
        assert not coded(found, "rule-conflict")

    def test_floor_above_the_weight(self) -> None:
        found = findings(("≥110个", "每低于目标值2%扣1分,最低为5分", 3))
        (floor,) = coded(found, "rule-floor-above-weight")
        assert floor.severity == WARNING
        assert floor.message == "赋分规则的最低分为5分，高于本行分值3分：该行总是得满分"

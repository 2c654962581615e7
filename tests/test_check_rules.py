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
        found = findings(("≥95%", STEPS, 5))
        (conflict,) = coded(found, "rule-conflict")
        assert conflict.severity == WARNING
        assert conflict.message == "赋分规则中的标准“≤100%”与指标值“≥95%”不一致：按赋分规则的标准计分"
        assert not coded(found, "rule-top-differs")

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

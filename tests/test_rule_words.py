"""How a 赋分规则 reads (scoring.report.rule_words): one Chinese line per clause, and the rule as JSON-able data."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from scoring.language.rule_model import (
    Award,
    Default,
    Direction,
    Interval,
    Measure,
    Metric,
    Remark,
    Slope,
    Stepped,
    Tier,
    Tiered,
    WrittenRule,
)
from scoring.language.rule_reader import parse_rule
from scoring.report.rule_data import FAMILIES
from scoring.report.rule_words import describe_rule, rule_as_dict

STEPS = "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。"
TIERS = "重点支出安排率≥90%,计5分;80%(含)-90%,计4分;60%-80%,计2分;<60%,不得分"


def reading(text: str) -> tuple[str, ...]:
    return describe_rule(parse_rule(text))


class TestDescribe:
    def test_steps_as_in_the_issue(self) -> None:
        """The issue's example reads clause by clause."""
        assert reading(STEPS) == (
            "类型：按步长扣分",
            "标准：≤100%（赋分规则所写）",
            "达到标准得满分（规则写5分）",
            "每超过标准1个百分点扣0.5分，只计整步",
            "最低0分，最高不超过分值",
        )

    def test_partial_steps(self) -> None:
        """With the policy's partial_steps the step line says part steps count in proportion."""
        lines = describe_rule(parse_rule(STEPS), partial_steps=True)
        assert "每超过标准1个百分点扣0.5分，不足一步按比例计" in lines

    def test_tiers_decide_unmarked_bounds(self) -> None:
        """An unmarked bound is shown as the engine decides it, and the reading says how."""
        assert reading(TIERS) == (
            "类型：分档计分（按实际完成值所在的档）",
            "≥90%：5分",
            "80%（含）至90%（不含）：4分",
            "60%（含）至80%（不含）：2分",
            "<60%：0分",
            "分界值未注明含或不含时：归注明“含/≥/≤”的一档，都未注明时归先列出的一档",
            "最高不超过分值",
        )

    def test_unmarked_shared_bound_goes_to_the_first_listed(self) -> None:
        """Two tiers share 80 and neither marks it: the first listed has it."""
        tiers = (
            Tier(Interval(low=Decimal(60), high=Decimal(80), unit="%"), Award(points=Decimal(2))),
            Tier(Interval(low=Decimal(80), high=Decimal(100), unit="%"), Award(points=Decimal(4))),
        )
        lines = describe_rule(WrittenRule("…", Tiered(tiers)))
        assert lines[1] == "60%（含）至80%（含）：2分"
        assert lines[2] == "80%（不含）至100%（含）：4分"

    def test_gap_is_said(self) -> None:
        """A value below every tier has no points in the rule: the reading says the row cannot be scored."""
        assert "不在以上各档：规则未说明，无法评分" in reading("≥90%,得5分;80%-90%,得3分")
        assert "不在以上各档：规则未说明，无法评分" not in reading(TIERS)

    def test_thresholds_listed_in_order_are_said(self) -> None:
        """≥90% before ≥80%: the first reached wins (overlapping tiers in any other order are refused, #9)."""
        lines = describe_rule(parse_rule("≥90%,计5分;≥80%,计4分;低于80%不得分"))
        assert "各档按门槛依次列出（如“≥90%”在“≥80%”之前）：取先列出的、条件成立的一档" in lines
        assert not [line for line in describe_rule(parse_rule(TIERS)) if line.startswith("各档按门槛")]

    def test_deviation_bands(self) -> None:
        """Beyond the outermost band is 0 points."""
        assert reading("±30%(含)以内得3分;±30%-±50%(含)以内得1分") == (
            "类型：偏离度分档（偏离度 = |实际完成值 − 指标值| ÷ 指标值）",
            "偏离度≤30%：3分",
            "偏离度30%（不含）至50%（含）：1分",
            "超出以上各档：0分",
            "最高不超过分值",
        )

    def test_band_award(self) -> None:
        assert reading("完成80%以上(41-59)")[1] == "完成率≥80%：41至59分（取上限；自评得分在区间内时采用自评得分）"

    def test_categories(self) -> None:
        lines = reading("无结余,3分;有结余,但不超过上年结转,2分;有结余且超过上年结转,0分")
        assert lines[:4] == (
            "类型：按情形计分（实际完成情况写明属于哪一种情形）",
            "“无结余”：3分",
            "“有结余但不超过上年结转”：2分",
            "“有结余且超过上年结转”：0分",
        )
        assert reading("有结余,扣2分")[1] == "“有结余”：扣2分（分值 − 2）"

    def test_elements(self) -> None:
        assert reading("①已制定制度,1分;②已公开,1分") == (
            "类型：要素法（达到哪几项要素，得其分数之和）",
            "①已制定制度：1分",
            "②已公开：1分",
            "全部达到得2分，最高不超过分值",
        )

    @pytest.mark.parametrize(
        ("text", "formula"),
        [
            ("按照完成比例赋分", "按指标值方向"),
            ("全年实际值/年度指标值*该指标分值", "得分 = 分值 × 实际完成值 ÷ 指标值（正向）"),
            ("年度指标值/全年实际值*该指标分值(即指标值为≤*)", "得分 = 分值 × 指标值 ÷ 实际完成值（反向）"),
        ],
    )
    def test_proportional(self, text: str, formula: str) -> None:
        lines = reading(text)
        assert lines[0] == "类型：按完成比例计分"
        assert formula in lines[1]

    def test_for_direction(self) -> None:
        assert "规则写明适用于反向指标" in reading("年度指标值/全年实际值*该指标分值(即指标值为≤*)")

    def test_all_or_nothing(self) -> None:
        assert reading("达到目标值得满分,否则不得分") == (
            "类型：直接赋分（达标得满分）",
            "达到指标值得满分，未达到得0分",
        )

    def test_graded(self) -> None:
        assert reading("[权重*80%(含)-权重]")[1:] == (
            "达成：分值的80%（含）至100%",
            "部分达成：分值的60%（含）至80%",
            "未达成：分值的0%至60%",
        )

    def test_default_remark(self) -> None:
        lines = describe_rule(WrittenRule("偏差原因必填", Default(Remark.EXPLAIN, Decimal(130))))
        assert lines == (
            "类型：备注（不改变计分方法）",
            "规则要求说明偏差原因及整改措施（完成率≥130%时）",
            "按本行指标值的默认规则计分",
        )

    def test_base_below_full(self) -> None:
        assert "起点为分值的80%" in reading("各得80%标准分,每少一项扣1分")
        assert "每低于标准1项扣1分，只计整步" in reading("各得80%标准分,每少一项扣1分")

    def test_both_ways_and_days_and_events(self) -> None:
        both = reading("在100标准分基础上,每增加或减少1个单位相应增加或扣减得分0.5分")
        assert both[0] == "类型：按步长加减分"
        assert "每高于标准1个单位加0.5分，每低于标准1个单位扣0.5分，只计整步" in both
        assert "每逾期1天扣0.5分（按完成日期晚于时限的天数），只计整步" in reading("每延期1天扣0.5分")
        assert "每发生1个扣0.5分（实际完成值为发生次数）" in reading("每出现一个问题扣0.5分,扣完为止")

    def test_notes_are_shown(self) -> None:
        rule = WrittenRule("x", Default(Remark.CAP), notes=("一条说明",))
        assert describe_rule(rule)[-1] == "注意：一条说明"


class TestAsDict:
    @pytest.mark.parametrize(
        "text",
        [
            STEPS,
            TIERS,
            "按照完成比例赋分",
            "达到目标值得满分,否则不得分",
            "无结余,3分;有结余,扣2分",
            "①已制定制度,1分;②已公开,1分",
            "[权重*80%(含)-权重]",
            "得分不能大于分值",
            "完成80%以上(41-59)",
        ],
    )
    def test_json_able_with_a_known_family(self, text: str) -> None:
        """Every family is plain JSON (Decimals as strings) with a family code of the contract."""
        data = rule_as_dict(parse_rule(text))
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        assert data["family"] in set(FAMILIES.values())
        assert data["text"] == text

    def test_family_codes(self) -> None:
        assert sorted(FAMILIES.values()) == sorted(
            ["proportional", "all_or_nothing", "steps", "tiers", "categories", "elements", "graded", "default"]
        )

    def test_steps(self) -> None:
        data = rule_as_dict(parse_rule(STEPS))
        assert data["family"] == "steps"
        assert data["top"] == "5"
        assert data["reference"] == {"op": "<=", "value": "100", "unit": "%", "column": 1}
        slope = data["slopes"][0]
        assert {k: slope[k] for k in ("direction", "measure", "size", "points", "effect")} == {
            "direction": "above",
            "measure": "points",
            "size": "1",
            "points": "0.5",
            "effect": "deduct",
        }

    def test_tiers(self) -> None:
        data = rule_as_dict(parse_rule(TIERS))
        assert data["metric"] == "value"
        second = data["tiers"][1]
        assert (second["low"], second["low_closed"], second["high"], second["high_closed"]) == ("80", True, "90", None)
        assert second["award"] == {"kind": "points", "points": "4"}

    def test_both_ways_effect(self) -> None:
        slope = Slope(Direction.BOTH, Measure.COUNT, Decimal(1), Decimal("0.5"), -1)
        data = rule_as_dict(WrittenRule("…", Stepped((slope,))))
        assert data["slopes"][0]["effect"] == "both"

    def test_deviation_metric_and_share(self) -> None:
        tier = Tier(Interval(low=Decimal(0), low_closed=True, high=Decimal(10)), Award(share=Decimal("0.8")))
        data = rule_as_dict(WrittenRule("…", Tiered((tier,), Metric.DEVIATION)))
        assert data["metric"] == "deviation"
        assert data["tiers"][0]["award"] == {"kind": "share", "share": "0.8"}

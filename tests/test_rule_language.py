"""The 赋分规则 language (grammar/rule.lark, scoring/language/rule_*.py): the real phrasings, the assembler's edges,
and that any text either reads or raises ParseError.

The phrasings of scoring-rules.md §9.1 (#1–#20, every one must read) and §9.2 (#21–#39, each reads or is refused at
a column) are copied here, so the test runs on a clean clone; when /work/shared/scoring-rules.md is present, its
table is checked against the copy too.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.language.errors import ParseError
from scoring.language.rule_model import (
    AllOrNothing,
    Categorical,
    Default,
    Direction,
    Elements,
    Graded,
    Measure,
    Metric,
    Proportional,
    Remark,
    Stepped,
    Tiered,
)
from scoring.language.rule_reader import parse_rule
from scoring.language.targets import Comparator

D = Decimal
SHARED = Path(__file__).resolve().parents[2] / "shared" / "scoring-rules.md"

#: (number in §9, phrasing verbatim, family name or the column it is refused at)
PHRASINGS: list[tuple[int, str, str | int]] = [
    (1, "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。", "Stepped"),
    (2, '"三公经费"变动率≦0,计5分;"三公经费">0,每超过一个百分点扣0.5分,扣完为止。', "Stepped"),
    (3, "重点支出安排率≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分。", "Tiered"),
    (4, "预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分;20-30%(含),计0.5分;大于30%不得分。", "Tiered"),
    (5, "每出现一个专项未按进度完成资金下达扣0.5分,扣完为止。", "Stepped"),
    (6, "无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。", "Categorical"),
    (7, "以100%为标准。三公经费控制率≦100%,计6分; 每超过一个百分点扣1分,扣完为止。", "Stepped"),
    (8, "①已制定或具有预算资金管理办法…,1分; ②相关管理制度合法、合规、完整,1分; ③相关管理制度得到有效执行,1分。", "Elements"),
    (9, "按完成比例计算得分,满分为止.", "Proportional"),
    (10, "二者择其一进行考核,按完成比例计算得分,满分为止.", "Proportional"),
    (11, "定量指标若为正常指标(即指标值为≥*),则得分计算方法应用全年实际值/年度指标值*该指标分值", "Proportional"),
    (12, "若定量指标为反向指标(即指标值≤*),则得分计算方法应用年度指标值/全年实际值*该指标分值", "Proportional"),
    (13, "对于不适用部分评价对象的评价指标,不考核该指标,用适用指标得分汇总后按百分制对该项目折算计分", "Default"),
    (14, "实际得分区间为[权重*80%(含)-权重] / [权重*60%(含)-权重*80%] / [0-权重*60%]", "Graded"),
    (15, "实际完成值…大于等于指标值…的130%时，偏差原因及整改措施必填", "Default"),
    (16, "得分不能大于分值。", "Default"),
    (17, "定性指标实际完成值请填写'达成'，'部分达成'，'未达成'三项中的一个。", "Graded"),
    (18, "资金到位率=(实际到位资金/计划投入资金)×100%", "Default"),
    (19, '"公务招待费变动率"≤0,计2分;…每超过一个百分点扣0.2分,扣完为止', "Stepped"),
    (20, '…制定"三公经费"管理办法,1分,每少一项扣1分,扣完为止。', "Stepped"),
    (21, "完成或超额完成目标值得基本分;没有完成的扣分,每低于目标值2%扣1分,最低为零分。", "Stepped"),
    (22, "完成或超额完成目标值得基本分;没有完成的,按实际完成值占目标值的比重计算得分,最低为零分。", "Proportional"),
    (23, "±30%(含)以内得3分 / ±30%-±35%(含)以内得2分 / ±35%-±40%(含)以内得1分", "Tiered"),
    (24, "指标完成年度目标即得该项指标满分,未完成目标不得分。", "AllOrNothing"),
    (25, "完成年度投资计划任务得标准分,未完成的按实际完成率乘以标准分计分", "Proportional"),
    (26, "完成目标任务数各得标准分,超额完成的每增加一个加3分,未完成任务数的每减少一个减3分", "Stepped"),
    (27, "达到…预期目标数的,各得80%标准分;每增加或减少1个百分点,相应增加或扣减得分0.5分", "Stepped"),
    (28, "完成年度目标任务的,满分;未完成的,按完成比例得分。", "Proportional"),
    (29, "达到合同工期或业主工期要求的得满分;工期滞后的扣5分,工期严重滞后…扣10分", "Categorical"),
    (30, "考核期实际返还资金小于应上缴资金,其比率做为当期考核分值。至0分为止。", "Proportional"),
    (31, "单项工作每延期1天从该项工作系数中扣0.5分。到本月结束该项工作仍未完成的,则该项工作得分为0分。", "Stepped"),
    (32, "计划按时达成率90%以上,不扣分。…按时达成率每降低10%扣5分", "Stepped"),
    (33, "以上各项均为扣分项,满分为10分,扣完为止.", 1),
    (34, "到期后3个月内提交(10分)到期后6个月内提交(6-9)到期后9个月提交(3-5)到期后超过9个月提交(0-2)", 29),
    (35, "全部完成(60分)完成80%以上(41-59)完成60%及以上(21-40)完成60%以下(0-20)", "Tiered"),
    (36, "每高于通用值5%扣10分,直至扣完", "Stepped"),
    (37, "每低于通用值5%加3分,直至满分", "Stepped"),
    (38, "完成值每超过目标值5%或增加1单位,在100标准分基础上增加5分,最高120分…每低于目标值5%…降低5分,最低零分。", "Stepped"),
    (39, "实际完成值低于低级标准的,按零分计算…在a制低级之间时,采用线性方法计算得分系数", 19),
]  # fmt: skip

#: A source's note after a phrasing in the shared table, not part of the phrasing.
_NOTE = re.compile(r"\s*\((?:source typo|digits partly)[^)]*\)\s*$")


def _shared_rows() -> dict[int, str]:
    text = SHARED.read_text(encoding="utf-8")
    section = text[text.index("### 9.1") : text.index("### 9.3")]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| (\d+) \| (.*?) \| .*? \| .*? \|$", line)
        if match:
            rows[int(match.group(1))] = _NOTE.sub("", match.group(2))
    return rows


@pytest.mark.parametrize(("number", "text", "expected"), PHRASINGS, ids=[f"#{n}" for n, _, _ in PHRASINGS])
def test_real_phrasing(number: int, text: str, expected: str | int) -> None:
    """§9.1 reads, every one; §9.2 reads or is refused at a column with a Chinese message."""
    if isinstance(expected, str):
        assert type(parse_rule(text).family).__name__ == expected
        return
    assert number > 20, "every phrasing of §9.1 must read"
    with pytest.raises(ParseError) as caught:
        parse_rule(text)
    assert caught.value.column == expected
    assert caught.value.role == "rule"
    assert re.search(r"[\u4e00-\u9fff]", caught.value.message)


@pytest.mark.skipif(not SHARED.exists(), reason="scoring-rules.md is not beside this clone")
def test_copy_matches_the_shared_table() -> None:
    """Every phrasing of the shared §9.1/§9.2 table is in the copy above, verbatim."""
    rows = _shared_rows()
    assert sorted(rows) == list(range(1, 40))
    copied = {n: text for n, text, _ in PHRASINGS}
    assert rows == copied


class TestFamilies:
    """What each family keeps of the text."""

    def test_steps_with_a_reference(self) -> None:
        rule = parse_rule(PHRASINGS[0][1])
        family = rule.family
        assert isinstance(family, Stepped)
        (slope,) = family.slopes
        assert (slope.direction, slope.measure, slope.size, slope.points, slope.sign) == (
            Direction.ABOVE, Measure.POINTS, D(1), D("0.5"), -1)  # fmt: skip
        assert family.reference is not None
        assert (family.reference.op, family.reference.value, family.reference.unit) == (Comparator.LE, D(100), "%")
        assert rule.top == D(5)

    def test_events_floor_and_base(self) -> None:
        events = parse_rule("每出现一个专项未按进度完成资金下达扣0.5分,扣完为止。").family
        assert isinstance(events, Stepped)
        assert events.slopes[0].measure is Measure.EVENTS
        assert events.floor == 0
        share = parse_rule(PHRASINGS[26][1]).family
        assert isinstance(share, Stepped)
        assert share.base == D("0.8")
        assert share.slopes[0].direction is Direction.BOTH

    def test_cap_above_the_weight(self) -> None:
        rule = parse_rule(PHRASINGS[37][1])
        assert isinstance(rule.family, Stepped)
        assert rule.family.cap == D(120)
        assert rule.top == D(120)

    def test_days_and_missed(self) -> None:
        family = parse_rule(PHRASINGS[30][1]).family
        assert isinstance(family, Stepped)
        assert family.slopes[0].measure is Measure.DAYS
        assert family.zero_when_missed

    def test_tier_bounds_as_written(self) -> None:
        family = parse_rule(PHRASINGS[3][1]).family
        assert isinstance(family, Tiered)
        first, second, *_, last = family.tiers
        assert (first.interval.low, first.interval.low_closed, first.interval.high) == (D(0), True, D(0))
        assert (second.interval.low_closed, second.interval.high, second.interval.high_closed) == (None, D(10), True)
        assert (last.interval.low, last.interval.low_closed) == (D(30), False)

    def test_inclusive_and_exclusive_marks(self) -> None:
        family = parse_rule("80%(不含)-90%(含),计4分;≥90%,计5分").family
        assert isinstance(family, Tiered)
        interval = family.tiers[0].interval
        assert (interval.low_closed, interval.high_closed) == (False, True)
        assert not interval.contains(D(80))
        assert interval.contains(D(90))
        assert family.tiers[1].interval.claims(D(90))

    def test_point_range_and_rate(self) -> None:
        family = parse_rule(PHRASINGS[34][1]).family
        assert isinstance(family, Tiered)
        assert family.metric is Metric.RATE
        assert family.tiers[1].award.band == (D(41), D(59))

    def test_deviation(self) -> None:
        family = parse_rule(PHRASINGS[22][1]).family
        assert isinstance(family, Tiered)
        assert family.metric is Metric.DEVIATION
        assert family.tiers[1].interval.low_closed is False

    def test_categories_elements_and_the_rest(self) -> None:
        categories = parse_rule(PHRASINGS[5][1]).family
        assert isinstance(categories, Categorical)
        assert [c.text for c in categories.categories] == ["无结余", "有结余但不超过上年结转", "结余超过上年结转"]
        elements = parse_rule(PHRASINGS[7][1])
        assert isinstance(elements.family, Elements)
        assert [i.marker for i in elements.family.items] == ["①", "②", "③"]
        assert elements.top == D(3)
        assert isinstance(parse_rule(PHRASINGS[23][1]).family, AllOrNothing)
        assert isinstance(parse_rule(PHRASINGS[13][1]).family, Graded)
        proportional = parse_rule(PHRASINGS[11][1]).family
        assert isinstance(proportional, Proportional)
        assert (proportional.inverse, proportional.for_direction) == (True, "反向")
        explain = parse_rule(PHRASINGS[14][1]).family
        assert explain == Default(Remark.EXPLAIN, D(130))

    def test_cap_note_quotes_the_words(self) -> None:
        # a rule that only caps says so in its remark (engine/written.py), without a second note
        assert parse_rule("得分不能大于分值。").notes == ()
        assert parse_rule("按完成比例计算得分,满分为止.").notes == ("“满分为止”：得分不超过分值",)


class TestAssembler:
    """Edges of rule_assemble / rule_tables: what is refused, and where."""

    @pytest.mark.parametrize(
        ("text", "column", "words"),
        [
            ("每超过1个百分点", 1, "后未写扣分或加分"),
            ("每超过一个百分点，扣完为止", 1, "后未写扣分或加分"),
            ("≥90%", 1, "条件“≥90%”后未写分值"),
            ("≥90%,计5分;80%-90%", 10, "条件“80%-90%”后未写分值"),
            ("≥90%,计5分;每超过1个百分点扣0.5分;低于60%", 24, "条件“低于60%”后未写分值或扣分办法"),
            ("计5分", 1, "前未写适用的情形"),
            ("扣完为止", 1, "前未写扣分办法"),
            ("满分为10分", 1, "只写了满分"),
            ("①已制定管理办法;②制度完整,1分", 1, "要素“①”未写分值"),
            ("90%-80%,计4分", 1, "下限大于上限"),
            ("每超过0个百分点扣1分", 1, "步长应大于0"),
            ("≥90%,(41-59);每超过1个百分点扣1分", 6, "不能与“每…扣…分”同用"),
        ],
    )
    def test_refused(self, text: str, column: int, words: str) -> None:
        with pytest.raises(ParseError) as caught:
            parse_rule(text)
        assert caught.value.column == column, caught.value.message
        assert words in caught.value.message

    @pytest.mark.parametrize(
        ("words", "size"), [("一个", 1), ("两个", 2), ("十个", 10), ("半个", D("0.5")), ("1个", 1)]
    )
    def test_chinese_numerals(self, words: str, size: Decimal) -> None:
        family = parse_rule(f"每超过{words}百分点扣0.5分,扣完为止").family
        assert isinstance(family, Stepped)
        assert family.slopes[0].size == size

    def test_full_width_reads_as_ascii(self) -> None:
        half = parse_rule("≥90%,计5分;80%(含)-90%,计4分;低于80%不得分")
        full = parse_rule("≥９０％，计５分；８０％（含）－９０％，计４分；低于８０％不得分")
        assert full.family == half.family

    def test_numbered_clauses(self) -> None:
        plain = parse_rule("≥90%,计5分;80%(含)-90%,计4分;低于80%不得分").family
        for text in ("(1)≥90%,计5分;(2)80%(含)-90%,计4分;(3)低于80%不得分",
                     "1、≥90%,计5分;2、80%(含)-90%,计4分;3、低于80%不得分",
                     "一、≥90%,计5分;二、80%(含)-90%,计4分;三、低于80%不得分"):  # fmt: skip
            family = parse_rule(text).family
            assert isinstance(family, Tiered)
            assert isinstance(plain, Tiered)
            assert [t.interval for t in family.tiers] == [t.interval for t in plain.tiers]
            assert [t.text for t in family.tiers] == ["≥90%", "80%(含)-90%", "低于80%"]

    def test_column_counts_spaces_and_full_width(self) -> None:
        # ≥ ９ ０ ％ space ， 计 ５ 分 ； space space 每 超 过: the end is the 16th character as written
        with pytest.raises(ParseError) as caught:
            parse_rule("≥９０％ ，计５分；  每超过")
        assert caught.value.column == 16
        with pytest.raises(ParseError) as caught:
            parse_rule("  ≥９０％，计５分；  ８０％（含）－９０％")
        assert caught.value.column == 14  # two spaces, then 12 characters: ８ is the 14th

    def test_empty_and_too_long(self) -> None:
        with pytest.raises(ParseError, match="内容为空"):
            parse_rule("  \n ")

    @pytest.mark.parametrize("text", ["。。。", "，；,;", " ；。 ", "…", "（）"])
    def test_punctuation_only(self, text: str) -> None:
        """Punctuation alone is not 内容为空: it says so, at column 1 (#9)."""
        with pytest.raises(ParseError) as caught:
            parse_rule(text)
        assert caught.value.column == 1
        assert caught.value.message.startswith("只有标点，没有计分内容")

    def test_a_condition_with_no_comparison_is_named(self) -> None:
        """§9.2 #34: 到期后9个月提交 has no 内, 以内, 以上: said at its column, not as points with no condition."""
        with pytest.raises(ParseError) as caught:
            parse_rule("到期后3个月内提交(10分)到期后6个月内提交(6-9)到期后9个月提交(3-5)到期后超过9个月提交(0-2)")
        assert caught.value.column == 29
        assert caught.value.message == ("条件“到期后9个月提交”未写比较（如“内”“以内”“以上”“≥”），"
                                        "无法确定分值“(3-5)”适用的范围")  # fmt: skip
        with pytest.raises(ParseError, match="内容过长"):
            parse_rule("无结余,3分;" * 100)


_WORDS = ["每超过", "每低于", "一个", "百分点", "扣", "0.5", "分", "扣完为止", "≥", "≤", "90%", "(含)", "-", "计5分",
          "以100%为标准", "①", "②", "满分为止", "按完成比例计算得分", "未完成的", "得满分", "否则", "不得分", "±30%",
          "以内", "(41-59)", "(1)", "1、", "；", "，", "。", "无结余", "…", "（", "）", "最高120分", "在100标准分基础上",
          "每出现一个", "达到目标值", "[权重*80%(含)-权重]", "=(a/b)×100%", "偏差原因必填", " ", "\n", "以上", "以下"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(_WORDS), max_size=14).map("".join)))
def test_any_text_reads_or_raises_parse_error(text: str) -> None:
    """Arbitrary text, and mixes of the grammar's keywords, never raise anything but ParseError."""
    refused: ParseError | None = None
    try:
        rule = parse_rule(text)
    except ParseError as exc:
        refused = exc
    if refused is None:
        assert rule.text == text
    else:
        assert refused.role == "rule"
        assert 1 <= refused.column <= len(text) + 1


class TestReviewFindings:
    """The reviewer's findings on the language (#9): Chinese numbers, limits, overlaps, bands, cut-off texts."""

    @pytest.mark.parametrize(
        ("text", "size", "points"),
        [
            ("每少一项扣一分", D(1), D(1)),
            ("每超过一个百分点扣零点五分,扣完为止", D(1), D("0.5")),
            ("每超过百分之一扣1分", D(1), D(1)),
            ("每超过百分之五扣两分", D(5), D(2)),
            ("每延期一天扣半分", D(1), D("0.5")),
        ],
    )
    def test_chinese_numbers_in_points_and_steps(self, text: str, size: Decimal, points: Decimal) -> None:
        family = parse_rule(text).family
        assert isinstance(family, Stepped)
        assert (family.slopes[0].size, family.slopes[0].points) == (size, points)

    def test_chinese_numbers_in_tiers_floor_and_percent(self) -> None:
        rule = parse_rule("百分之九十以上,计五分;低于百分之九十,不得分")
        assert isinstance(rule.family, Tiered)
        assert rule.top == 5
        assert rule.family.tiers[0].interval.low == 90
        assert rule.family.tiers[0].interval.unit == "%"
        family = parse_rule("每超过1个百分点扣0.5分,最低为二分").family
        assert isinstance(family, Stepped)
        assert family.floor == 2

    def test_chinese_number_without_a_verb_stays_words(self) -> None:
        """十分满意 is a category's words, not 10 points."""
        family = parse_rule("群众十分满意,3分;不满意,0分").family
        assert isinstance(family, Categorical)
        assert family.categories[0].text == "群众十分满意"

    @pytest.mark.parametrize(
        ("text", "column"),
        [
            ("每超过1个百分点扣99999999999999999999999分", 10),
            ("每超过123456789012345678901个百分点扣1分", 4),
            ("≥90%,计123456789012345678901分", 7),
        ],
    )
    def test_numbers_longer_than_a_target_number_are_refused(self, text: str, column: int) -> None:
        with pytest.raises(ParseError) as caught:
            parse_rule(text)
        assert caught.value.column == column
        assert "位数过多：一个数值最多20位数字" in caught.value.message

    def test_overlapping_tiers_are_refused_at_the_second(self) -> None:
        with pytest.raises(ParseError) as caught:
            parse_rule("≥80%,计5分;≥90%,计8分")
        assert caught.value.column == 10
        assert "分档“≥90%”与前面的“≥80%”重叠" in caught.value.message
        with pytest.raises(ParseError) as caught:
            parse_rule("80%-90%,计4分;85%-95%,计5分")
        assert caught.value.column == 13
        assert "分档“85%-95%”与前面的“80%-90%”重叠" in caught.value.message

    @pytest.mark.parametrize(
        "text",
        [
            "≥90%,计5分;≥80%,计4分;低于80%不得分",  # thresholds from the highest: the first reached wins
            "≤5%,计3分;≤10%,计2分;大于10%不得分",  # and from the lowest for a ceiling
            "≥90%,计5分;80%-90%,计4分",  # a shared bound is no overlap
            "全部完成(60分)完成80%以上(41-59)完成60%及以上(21-40)完成60%以下(0-20)",
        ],
    )
    def test_thresholds_listed_in_order_are_no_overlap(self, text: str) -> None:
        assert isinstance(parse_rule(text).family, Tiered)

    def test_completion_rate_named_before_a_condition(self) -> None:
        rule = parse_rule("完成率≥90%得5分;完成率80%-90%得4分")
        assert isinstance(rule.family, Tiered)
        assert rule.family.metric is Metric.RATE
        assert rule.stated is None  # no stated target to conflict with a target in 个
        named = parse_rule("项目完成率≥90%,计5分;80%-90%,计4分")
        assert isinstance(named.family, Tiered)
        assert named.family.metric is Metric.VALUE  # an indicator named so is a value of its own

    def test_deviation_band_with_one_plus_minus(self) -> None:
        family = parse_rule("±30%(含)以内得3分;±30%-50%得1分").family
        assert isinstance(family, Tiered)
        assert family.metric is Metric.DEVIATION
        second = family.tiers[1].interval
        assert (second.low, second.low_closed, second.high, second.high_closed) == (30, False, 50, True)

    def test_lone_comparator_at_the_end_is_refused(self) -> None:
        with pytest.raises(ParseError) as caught:
            parse_rule("每超过一个百分点扣0.5分,扣完为止;≥")
        assert caught.value.column == 20
        assert "“≥”后未写数值" in caught.value.message

    def test_threshold_in_brackets(self) -> None:
        family = parse_rule("偏差原因及整改措施必填(≥130%)").family
        assert family == Default(Remark.EXPLAIN, D(130))


class TestPerUnit:
    """A unit per unit in a rule (800元/人, 48.30万元/套, 元/人·月, 元/人/年, 万元/公里); "/" elsewhere still separates."""

    @pytest.mark.parametrize(
        ("text", "size", "unit"),
        [
            ("每超过50元/人扣1分", D(50), "元/人"),
            ("每超过0.5万元/套扣1分", D("0.5"), "万元/套"),
            ("每超过10元/人·月扣1分", D(10), "元/人·月"),
            ("每超过10元/人/年扣1分", D(10), "元/人·年"),
            ("每超过1万元/公里扣1分", D(1), "万元/公里"),
            ("每超过2次/年扣1分", D(2), "次/年"),
        ],
    )
    def test_step_in_a_unit_per_unit(self, text: str, size: Decimal, unit: str) -> None:
        family = parse_rule(text).family
        assert isinstance(family, Stepped)
        (slope,) = family.slopes
        assert (slope.measure, slope.size, slope.unit) == (Measure.COUNT, size, unit)

    @pytest.mark.parametrize(
        ("text", "value", "unit"),
        [
            ("以800元/人为标准，每超过50元扣1分", D(800), "元/人"),
            ("以48.30万元/套为标准,每超过1万元/套扣1分", D("48.30"), "万元/套"),
            ("人均费用≤120元/人·月,计5分;每超过10元扣1分", D(120), "元/人·月"),
        ],
    )
    def test_standard_in_a_unit_per_unit(self, text: str, value: Decimal, unit: str) -> None:
        family = parse_rule(text).family
        assert isinstance(family, Stepped)
        assert family.reference is not None
        assert (family.reference.value, family.reference.unit) == (value, unit)

    def test_tier_bound_in_a_unit_per_unit(self) -> None:
        family = parse_rule("≤800元/人,计5分;大于800元/人,不得分").family
        assert isinstance(family, Tiered)
        assert [t.interval.unit for t in family.tiers] == ["元/人", "元/人"]

    def test_a_slash_not_between_unit_words_still_separates(self) -> None:
        family = parse_rule("±30%(含)以内得3分 / ±30%-±35%(含)以内得2分").family
        assert isinstance(family, Tiered)
        assert len(family.tiers) == 2
        tiers = parse_rule("≥10元,计5分/低于10元,不得分").family  # "/" before a word that is no unit
        assert isinstance(tiers, Tiered)
        assert [t.interval.unit for t in tiers.tiers] == ["元", "元"]
        assert isinstance(parse_rule("全年实际值/年度指标值*该指标分值").family, Proportional)

"""Typed explanation steps: what a rule did, as data; :mod:`scoring.report.wording` words them in Chinese.

A :class:`Step` is a :class:`StepKind` and its values: quantities (:class:`Num`), percentages (:class:`Pct`),
points (:class:`Pts`), days (:class:`Day`), tiers, notes, user texts, and other steps (a reason inside a
sentence). Rules never build display strings; an auditor's "完成率 = 99个 ÷ 110个 = 90.00%" is rendered from
``Step(RATIO, label=完成率, num=Num(99, "个"), den=Num(110, "个", written=True), ratio=Pct(0.9))``.

Values are immutable named tuples and steps plain slotted objects: every scored row makes a few of them, and
either is made in a third of the time of a frozen attrs class (a changed value is ``num._replace(label="下限")``).
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any, NamedTuple, Union

from scoring.engine.vocabulary import Tier
from scoring.language.targets import Amount

__all__ = ["Day", "Note", "Num", "Pct", "Pts", "Share", "Step", "StepKind", "Value", "step"]


_ONE = Decimal(1)


class Num(NamedTuple):
    """A number in a step, with its unit: computed (shown compactly) or ``written`` (digits as the user wrote).

    ``multiplier`` and ``factor`` show the number as its target writes it (``620万/月``, not ``6200000/月``).
    """

    value: Decimal
    unit: str = ""
    written: bool = False
    label: str = ""  # a word before the number: 下限, 上限
    multiplier: str = ""
    factor: Decimal = _ONE

    @classmethod
    def of(cls, amount: Amount, value: Decimal | None = None, written: bool = False) -> Num:
        """A number in the unit (and multiplier) of ``amount``: its own value as written, or ``value``."""
        return cls(
            amount.value if value is None else value, amount.unit_text, written, "", amount.multiplier, amount.factor
        )


class Pct(NamedTuple):
    """A ratio shown as a percentage with 2 decimals (``0.9`` -> ``90.00%``)."""

    ratio: Decimal


class Pts(NamedTuple):
    """Points, already rounded to 2 decimals."""

    value: Decimal


class Day(NamedTuple):
    """A calendar day (``2026年6月30日``)."""

    date: dt.date


class Share(NamedTuple):
    """The share of the year due by the end of month ``month``: ``7/12`` when the profile is linear, else a %."""

    month: int
    share: Decimal
    linear: bool = True


class Note(enum.Enum):
    """Fixed remarks added to a points line."""

    NONE = ""
    INVERSE = "inverse"  # 反向指标：指标值 ÷ 实际完成值
    LINEAR = "linear"  # 反向指标，线性扣分，超出一倍为0


class StepKind(enum.Enum):
    """Every kind of step (and of reason inside a step) the engine produces."""

    # reasons: clauses inside FULL / DIRECT_ZERO
    REACHED = "reached"  # 已达到指标值
    ZERO_TARGET_MET = "zero-target-met"  # 指标值为0，实际完成值a ≥ 0
    NOT_ABOVE = "not-above"  # 实际完成值a未超过指标值t
    ZERO_TARGET_ZERO = "zero-target-zero"  # 指标值为0，实际完成值a为0
    EQUAL = "equal"  # 实际完成值等于指标值
    IN_RANGE = "in-range"  # 实际完成值a在区间low至high内
    ON_TIME = "on-time"  # 完成日期…不晚于时限…
    TARGET_REACHED = "target-reached"  # 实际完成值a已达到指标值T
    TARGET_MISSED = "target-missed"  # 实际完成值a未达到指标值T
    INSIDE_TARGET = "inside-target"  # 实际完成值a在区间T
    OUTSIDE_TARGET = "outside-target"  # 实际完成值a不在区间T
    WORDS_ON_TIME = "words-on-time"  # 实际完成情况“…”，按时完成
    WORDS_LATE = "words-late"  # 实际完成情况“…”，未按时完成
    TIER_IS = "tier-is"  # 评判等级为“…”
    # sources of a graded point
    GIVEN = "given"  # 评价人给定…
    SELF_REPORTED = "self-reported"  # 采用自评得分…
    DEFAULT_POINT = "default-point"  # 默认取值
    # whole steps
    FULL = "full"  # reason，得满分 w
    DIRECT_ZERO = "direct-zero"  # reason，直接赋分不得分，得分 = 0.00
    ZERO_TARGET_NEGATIVE = "zero-target-negative"
    NOT_POSITIVE = "not-positive"
    CEILING_ZERO = "ceiling-zero"  # 指标值为t（≤0），实际完成值超过指标值
    ZERO_TARGET_NONZERO = "zero-target-nonzero"
    BELOW_RANGE_ZERO = "below-range-zero"
    LATE = "late"
    RATIO = "ratio"  # label = num ÷ den = ratio (exact) or ≈ ratio
    POINTS_PCT = "points-pct"  # 得分 = w × ratio = points
    POINTS_FRACTION = "points-fraction"  # 得分 = w × num ÷ den = points
    EXCESS = "excess"  # 超出比例 = (a − t) ÷ t = pct
    POINTS_ONE_MINUS = "points-one-minus"  # 得分 = w × (1 − pct) = points
    DEVIATION = "deviation"  # 偏离度 = |a − t| ÷ t = pct
    RATE_POINTS = "rate-points"  # 得分 = w × 满意度a = points
    TIER = "tier"  # 评判等级：tier（source），区间为分值的band
    BUDGET_RATE = "budget-rate"  # 预算执行率 = 全年执行数… ÷ 全年预算数… = rate
    BUDGET_CAPPED = "budget-capped"  # 执行率超过100%，按100%计；得分 = w × 100.00% = points
    CONVERTED = "converted"  # 换算：actual = value
    MULTIPLIED = "multiplied"  # 实际完成值“86万”未写单位，按指标值的单位“元”计：86万元 = 86万元
    NO_UNIT = "no-unit"  # 实际完成值“…”未写单位，按指标值的单位“…”计
    PARTIAL_DATE = "partial-date"  # 实际完成值“…”只写到月/年，按其最后一天计
    AUDIT = "audit"  # 自评得分 r，计算得分 p，差 d
    PART = "part"  # 第i项：指标值…，实际完成值…
    PARTS_MEAN = "parts-mean"  # 本行得分 = 各项得分之和 ÷ n
    # rules written out in words (engine/written*.py)
    RULE_REFERENCE = "rule-reference"  # 赋分规则的标准：ref
    GAP = "gap"  # label = x − y = gap
    GAP_RELATIVE = "gap-relative"  # label = (x − y) ÷ r = pct
    DAYS_LATE = "days-late"  # 逾期天数 = done − due = n天
    MISSING_COUNT = "missing-count"  # 实际完成情况“缺一项”：缺少n项
    MISSING_AT_LEAST = "missing-at-least"  # 实际完成情况“未制定”：至少缺少1项，一步即扣完
    DAYS_ON_TIME = "days-on-time"  # 实际完成情况“按时完成”为按时完成，逾期天数 = 0天
    EVENTS = "events"  # 发生次数：n
    STEPS_COUNTED = "steps-counted"  # 步数 = gap ÷ size = count (whole steps, or a fraction)
    STEP_CHANGE = "step-change"  # 扣分/加分 = count × per = change
    STEP_BASE = "step-base"  # 起点 = 分值w × base/scale = start (在100标准分基础上…最高120分)
    STEP_CHANGE_SCALED = "step-change-scaled"  # 扣分/加分 = count × per × w/scale = change
    STEP_TOTAL = "step-total"  # 得分 = start − deducted + added = raw
    BOUNDED = "bounded"  # raw below the floor / above the cap: as the limit
    TIER_HIT = "tier-hit"  # metric为value，属于“tier”档，得points
    TIER_NONE_ZERO = "tier-none-zero"  # metric为value，超出各档，得分 = 0.00
    CATEGORY_HIT = "category-hit"  # 实际完成情况“words”属于“category”，得points
    CATEGORY_DEDUCT = "category-deduct"  # 实际完成情况“words”属于“category”：w − d = points
    ELEMENTS_MET = "elements-met"  # 达到的要素：met；得分 = sum
    AWARD_CAPPED = "award-capped"  # 规则给points，超过分值w，按w计
    AWARD_POINTS = "award-points"  # 得points分
    AWARD_FULL = "award-full"  # 得满分w
    AWARD_SHARE = "award-share"  # 得分值的share：w × share = points
    AWARD_BAND_TOP = "award-band-top"  # 得分区间low至high分，取上限points
    AWARD_BAND_REPORTED = "award-band-reported"  # 得分区间low至high分，采用自评得分points
    # mid-year monitoring (Part C: engine/monitor_rules.py)
    M_PLAN = "m-plan"  # 计划进度 = t × share = plan
    M_PLAN_GIVEN = "m-plan-given"  # 计划进度 = plan（1-m月计划值）
    M_PROGRESS = "m-progress"  # 完成进度 = a ÷ plan = p
    M_LIGHT_BELOW = "m-light-below"  # light（完成进度 < bound）
    M_LIGHT_BAND = "m-light-band"  # light（low ≤ 完成进度 < high）
    M_LIGHT_FROM = "m-light-from"  # light（完成进度 ≥ bound）
    M_REVERSE_OK = "m-reverse-ok"  # 实际a未超过指标值t，绿灯
    M_REVERSE_OVER = "m-reverse-over"  # 实际a超过指标值t，红灯
    M_CEILING_WITHIN = "m-ceiling-within"  # 实际a未超过计划进度plan，绿灯
    M_CEILING_AHEAD = "m-ceiling-ahead"  # 实际a超过计划进度plan、未超过全年指标值t，黄灯
    M_RANGE_IN = "m-range-in"  # 实际a在区间内，绿灯
    M_TIER = "m-tier"  # 实际完成情况“words”为tier，light
    M_IN_PROGRESS = "m-in-progress"  # 实际完成情况“words”：进行中，绿灯
    M_DONE_ON_TIME = "m-done-on-time"  # 完成日期不晚于时限，绿灯
    M_DONE_LATE = "m-done-late"  # 完成日期晚于时限，红灯
    M_NOT_DUE = "m-not-due"  # 截至月末未到时限，进行中，绿灯
    M_OVERDUE = "m-overdue"  # 时限已过，尚未完成，红灯
    M_EXPECTED_MISS = "m-expected-miss"  # 全年预计e，按年终评分规则评为未达标（指标值t）：预计无法完成，至少黄灯
    M_EXPECTED_MET = "m-expected-met"  # 全年预计e，按年终评分规则评为达标（指标值t）
    M_MONEY_RATE = "m-money-rate"  # 执行率 = spent ÷ planned = rate (≈ when rounded)
    M_MONEY_PROGRESS = "m-money-progress"  # 资金进度 = rate ÷ share = q
    M_PROGRESS_SPLIT = "m-progress-split"  # 完成进度 = a ÷ (t × m/12) = a × 12 ÷ (t × m) ≈ p (plan rounded)
    M_PROGRESS_SHARE = "m-progress-share"  # 完成进度 = a ÷ (t × share%) = a ÷ y ≈ p (profile; plan rounded)
    M_MONEY_SPLIT = "m-money-split"  # 资金进度 = spent ÷ (planned × m/12) = spent × 12 ÷ (planned × m) ≈ q
    M_MONEY_SHARE = "m-money-share"  # 资金进度 = spent ÷ (planned × share%) = spent ÷ y ≈ q (profile)
    M_BELOW_SHOWN = "m-below-shown"  # 完成进度为59.998…%，不足60.00% (rounded up to a threshold)
    M_ZERO_MET = "m-zero-met"  # 指标值为0，实际a不低于0即达到指标值，绿灯
    M_ZERO_BELOW = "m-zero-below"  # 实际a低于0，红灯
    M_NOTHING_DUE = "m-nothing-due"  # 计划进度为0，尚无应完成的进度，绿灯
    M_MONEY_NOTHING_DUE = "m-money-nothing-due"  # 时间进度为0.00%，尚无应执行的资金，绿灯
    M_NOT_ASSESSED = "m-not-assessed"  # 赋分规则…：执行情况为“不适用”，不考核该指标，不亮灯
    MISSED_ZERO = "missed-zero"  # 实际完成情况“words”：未完成，赋分规则规定得0分


Value = Union[Num, Pct, Pts, Day, Share, Note, Tier, "Step", str, int, bool]


class Step:
    """One step of an explanation: its kind and its named values (in the order given); ``step["w"]`` is a value.

    Immutable by use (nothing changes a step once made); a plain class, made in a fraction of a frozen one's time.
    """

    __slots__ = ("kind", "values")

    def __init__(self, kind: StepKind, values: tuple[tuple[str, Value], ...] = ()) -> None:
        self.kind = kind
        self.values = values

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Step) and self.kind is other.kind and self.values == other.values

    def __hash__(self) -> int:
        return hash((self.kind, self.values))

    def __repr__(self) -> str:
        return f"Step(kind={self.kind!r}, values={self.values!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Step, (self.kind, self.values))

    def __getitem__(self, name: str) -> Any:
        for key, value in self.values:
            if key == name:
                return value
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        """A value by name, or ``default``."""
        try:
            return self[name]
        except KeyError:
            return default


def step(kind: StepKind, **values: Value) -> Step:
    """A step of ``kind`` with named values: ``step(StepKind.FULL, reason=…, w=Num(10))``."""
    return Step(kind, tuple(values.items()))

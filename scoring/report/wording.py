"""The Chinese wording of every explanation step: one template per :class:`StepKind`, one way to show a value.

``explain(score)`` is the one-line explanation of a row (steps, then 无法评分 and 注意 lines);
``step_texts(steps)`` renders steps one by one (the ``steps`` list of the JSON report).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from scoring.engine.results import BudgetScore, Score
from scoring.engine.steps import Day, Note, Num, Pct, Pts, Share, Step, StepKind, Value
from scoring.engine.vocabulary import Tier
from scoring.numbers import percent, show, written

__all__ = ["TEMPLATES", "explain", "render_step", "render_value", "step_texts"]

K = StepKind

#: One Chinese sentence (or clause) per step kind; ``{name}`` is the step's value of that name.
TEMPLATES: dict[StepKind, str] = {
    K.REACHED: "已达到指标值",
    K.ZERO_TARGET_MET: "指标值为0，实际完成值{a} ≥ 0",
    K.NOT_ABOVE: "实际完成值{a}未超过指标值{t}",
    K.ZERO_TARGET_ZERO: "指标值为0，实际完成值{a}为0",
    K.EQUAL: "实际完成值等于指标值",
    K.IN_RANGE: "实际完成值{a}在区间{low}至{high}内",
    K.ON_TIME: "完成日期{done}不晚于时限{due}",
    K.TARGET_REACHED: "实际完成值{a}已达到指标值{target}",
    K.TARGET_MISSED: "实际完成值{a}未达到指标值{target}",
    K.INSIDE_TARGET: "实际完成值{a}在区间{target}",
    K.OUTSIDE_TARGET: "实际完成值{a}不在区间{target}",
    K.WORDS_ON_TIME: "实际完成情况“{words}”，按时完成",
    K.WORDS_LATE: "实际完成情况“{words}”，未按时完成",
    K.TIER_IS: "评判等级为“{tier}”",
    K.GIVEN: "评价人给定{point}",
    K.SELF_REPORTED: "采用自评得分{points}",
    K.DEFAULT_POINT: "默认取值",
    K.FULL: "{reason}，得满分 {w}",
    K.DIRECT_ZERO: "{reason}，直接赋分不得分，得分 = 0.00",
    K.ZERO_TARGET_NEGATIVE: "指标值为0，实际完成值{a} < 0，得分 = 0.00",
    K.NOT_POSITIVE: "实际完成值{a} ≤ 0，得分 = 0.00",
    K.CEILING_ZERO: "指标值为{t}，实际完成值{a}超过指标值，得分 = 0.00",
    K.ZERO_TARGET_NONZERO: "指标值为0，实际完成值{a}不为0，得分 = 0.00",
    K.BELOW_RANGE_ZERO: "实际完成值{a}低于区间下限{low}，得分 = 0.00",
    K.LATE: "完成日期{done}晚于时限{due}（逾期{days}天），得分 = 0.00",
    K.RATIO: "{label} = {num} ÷ {den} {approx} {ratio}",
    K.POINTS_PCT: "得分 = {w} × {ratio} = {points}{note}",
    K.POINTS_FRACTION: "得分 = {w} × {num} ÷ {den} = {points}{note}",
    K.EXCESS: "超出比例 = ({a} − {t}) ÷ {t} = {pct}",
    K.POINTS_ONE_MINUS: "得分 = {w} × (1 − {pct}) = {points}{note}",
    K.DEVIATION: "偏离度 = |{a} − {t}| ÷ {t} = {pct}",
    K.RATE_POINTS: "得分 = {w} × 满意度{a} = {points}",
    K.TIER: "评判等级：{tier}（{source}），区间为分值的{band}",
    K.BUDGET_RATE: "预算执行率 = 全年执行数{spent} ÷ 全年预算数{planned} = {rate}",
    K.BUDGET_CAPPED: "执行率超过100%，按100%计；得分 = {w} × 100.00% = {points}",
    K.CONVERTED: "换算：{actual} = {value}",
    K.MULTIPLIED: "实际完成值“{actual}”未写单位，按指标值的单位“{unit}”计：{actual}{unit} = {value}",
    K.NO_UNIT: "实际完成值“{actual}”未写单位，按指标值的单位“{unit}”计",
    K.PARTIAL_DATE: "实际完成值“{actual}”只写到{precision}，按其最后一天计",
    K.AUDIT: "自评得分 {reported}，计算得分 {points}，差 {difference}",
    K.PART: "第{index}项：指标值{target}，实际完成值{actual}",
    K.PARTS_MEAN: "本行得分 = 各项得分之和 {total} ÷ {n}项 = {points}（每项占分值{w}的1/{n}）",
    K.RULE_REFERENCE: "赋分规则的标准为{op}{ref}（{source}）",
    K.GAP: "{label} = {x} − {y} = {gap}",
    K.GAP_RELATIVE: "{label} = ({x} − {y}) ÷ {r} = {pct}",
    K.DAYS_LATE: "逾期天数 = 完成日期{done} − 时限{due} = {days}天",
    K.MISSING_COUNT: "实际完成情况“{words}”：缺少{n}",
    K.MISSING_AT_LEAST: "实际完成情况“{words}”：至少缺少1{unit}，每缺1{unit}扣{per}分即已扣完，按缺少1{unit}计",
    K.DAYS_ON_TIME: "实际完成情况“{words}”为按时完成，逾期天数 = 0天",
    K.EVENTS: "发生次数：{n}",
    K.STEPS_COUNTED: "步数 = {gap} ÷ 每{size} = {count}{rounding}",
    K.STEP_CHANGE: "{verb} = {count} × {per}分 = {change}分",
    K.STEP_BASE: "起点 = 分值{w} × {base}/{scale} = {start}（赋分规则在{base}标准分基础上计分，按{scale}分折算为分值）",
    K.STEP_CHANGE_SCALED: "{verb} = {count} × {per}分 × {w}/{scale} = {change}分（按{scale}分折算为分值）",
    K.STEP_TOTAL: "得分 = {start} − {deducted} + {added} = {raw}",
    K.BOUNDED: "{raw}{side}，按{limit}分计",
    K.TIER_HIT: "{metric}为{value}，属于“{tier}”一档，{award}",
    K.TIER_NONE_ZERO: "{metric}为{value}，超出赋分规则所列各档，得分 = 0.00",
    K.CATEGORY_HIT: "实际完成情况“{words}”属于“{category}”，{award}",
    K.CATEGORY_DEDUCT: "实际完成情况“{words}”属于“{category}”，扣{d}分：{w} − {d} = {points}",
    K.ELEMENTS_MET: "达到的要素：{met}；得分 = {sum}",
    K.AWARD_CAPPED: "赋分规则给{given}分，超过分值{w}，按{w}分计",
    K.AWARD_POINTS: "得{points}分",
    K.AWARD_FULL: "得满分{w}",
    K.AWARD_SHARE: "得分值的{share}：{w} × {share} = {points}",
    K.AWARD_BAND_TOP: "得分区间{low}至{high}分，取上限{points}分",
    K.AWARD_BAND_REPORTED: "得分区间{low}至{high}分，采用区间内的自评得分{points}分",
    K.M_PLAN: "计划进度 = {t} × {share} {approx} {plan}",
    K.M_PLAN_GIVEN: "计划进度 = {plan}（1-{month}月计划值）",
    K.M_PROGRESS: "完成进度 = {a} ÷ {plan} {approx} {p}",
    K.M_LIGHT_BELOW: "{light}（{what} < {bound}）",
    K.M_LIGHT_BAND: "{light}（{low} ≤ {what} < {high}）",
    K.M_LIGHT_FROM: "{light}（{what} ≥ {bound}）",
    K.M_REVERSE_OK: "实际完成{a}未超过指标值{t}，{light}",
    K.M_REVERSE_OVER: "实际完成{a}超过指标值{t}，{light}",
    K.M_CEILING_WITHIN: "实际完成{a}未超过计划进度{plan}，{light}",
    K.M_CEILING_AHEAD: "实际完成{a}超过计划进度{plan}、未超过全年指标值{t}（快于时间进度），{light}",
    K.M_RANGE_IN: "实际完成{a}在区间{low}至{high}内，{light}",
    K.M_TIER: "实际完成情况“{words}”为{tier}，{light}",
    K.M_IN_PROGRESS: "实际完成情况“{words}”：进行中，尚未评判，{light}",
    K.M_DONE_ON_TIME: "完成日期{done}不晚于时限{due}，{light}",
    K.M_DONE_LATE: "完成日期{done}晚于时限{due}，{light}",
    K.M_NOT_DUE: "截至{month_end}未到时限{due}，尚未完成（进行中），{light}",
    K.M_OVERDUE: "时限{due}已过（截至{month_end}），尚未完成，{light}",
    K.M_EXPECTED_MISS: "全年预计完成{e}，按年终评分规则评为{status}（指标值{t}）：预计无法完成，至少{light}",
    K.M_EXPECTED_MET: "全年预计完成{e}，按年终评分规则评为{status}（指标值{t}）",
    K.M_MONEY_RATE: "执行率 = 1-{month}月执行数{spent} ÷ 全年预算数{planned} {approx} {rate}",
    K.M_MONEY_PROGRESS: "资金进度 = 执行率{rate} ÷ 时间进度{share} {approx} {q}",
    K.M_PROGRESS_SPLIT: "完成进度 = {a} ÷ ({t} × {share}) = {x} × {den} ÷ ({y} × {num}) {approx} {p}",
    K.M_PROGRESS_SHARE: "完成进度 = {a} ÷ ({t} × {share}) = {x} ÷ {y} {approx} {p}",
    K.M_MONEY_SPLIT: "资金进度 = 执行数{spent} ÷ (全年预算数{planned} × {share}) = {x} × {den} ÷ ({y} × {num}) {approx} {q}",
    K.M_MONEY_SHARE: "资金进度 = 执行数{spent} ÷ (全年预算数{planned} × {share}) = {x} ÷ {y} {approx} {q}",
    K.M_BELOW_SHOWN: "{what}为{p}，不足{bound}",
    K.M_ZERO_MET: "指标值为{t}，实际完成{a}不低于{t}即达到指标值，{light}",
    K.M_ZERO_BELOW: "实际完成{a}低于{t}，{light}",
    K.M_NOTHING_DUE: "计划进度为{plan}，尚无应完成的进度，{light}",
    K.M_MONEY_NOTHING_DUE: "时间进度为{share}，尚无应执行的资金，{light}",
    K.M_NOT_ASSESSED: "赋分规则“{rule}”：1-{month}月执行情况为“{words}”，不考核该指标，不亮灯",
    K.MISSED_ZERO: "实际完成情况“{words}”为未完成，赋分规则规定得0分，得分 = 0.00",
}

_NOTES = {
    Note.NONE: "",
    Note.INVERSE: "（反向指标：指标值 ÷ 实际完成值）",
    Note.LINEAR: "（反向指标，线性扣分，超出一倍为0）",
}


#: Kinds whose ``exact`` value says whether the result is shown exactly (``=``) or rounded (``≈``).
_APPROX = frozenset({K.RATIO, K.M_PLAN, K.M_PROGRESS, K.M_MONEY_PROGRESS, K.M_MONEY_RATE, K.M_PROGRESS_SPLIT,
                     K.M_PROGRESS_SHARE, K.M_MONEY_SPLIT, K.M_MONEY_SHARE})  # fmt: skip


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _value(value: Value) -> str:
    """One value of a step as it is shown."""
    match value:
        case Num():
            shown = value.value / value.factor if value.multiplier else value.value
            number = written(shown) if value.written else show(shown)
            unit = value.unit[1:] if value.unit.startswith("1/") else value.unit
            return f"{value.label}{number}{value.multiplier}{unit}"
        case Pct():
            return percent(value.ratio)
        case Pts():
            return written(value.value)
        case Day():
            return _day(value.date)
        case Share():
            return f"{value.month}/12" if value.linear else percent(value.share)
        case Note():
            return _NOTES[value]
        case Tier():
            return value.label
        case Step():
            return render_step(value)
        case Decimal():
            return show(value)
        case _:
            return str(value)


def render_value(value: Value) -> str:
    """One value of a step as the steps show it (``64.17个``, ``77.92%``)."""
    return _value(value)


def render_step(step: Step) -> str:
    """One step in Chinese."""
    fields = {name: _value(value) for name, value in step.values}
    if step.kind in _APPROX:
        fields["approx"] = "=" if step.get("exact", True) else "≈"
    if step.kind is K.TIER:
        fields["band"] = step["tier"].band()
    return TEMPLATES[step.kind].format(**fields)


def step_texts(steps: Iterable[Step]) -> tuple[str, ...]:
    """Each step in Chinese."""
    return tuple(render_step(s) for s in steps)


def explain(line: Score | BudgetScore, texts: Iterable[str] | None = None) -> str:
    """A row's (or the budget line's) steps in one Chinese line; then why it could not be scored and warnings.

    ``texts`` are the steps already rendered (by :func:`step_texts`), so a caller that has them renders once.
    """
    parts = list(step_texts(line.steps) if texts is None else texts)
    if isinstance(line, BudgetScore):
        return f"无法评分：{line.error}" if line.error else "；".join(parts)
    if line.error:
        parts.append(f"无法评分：{line.error}")
    parts.extend(f"注意：{w}" for w in line.warnings)
    return "；".join(parts)

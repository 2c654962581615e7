"""Score indicators and tables: which rule, which units, which points, and every step that explains them.

``score_indicator`` scores one row; ``score_table`` scores a table's rows (a bad row never stops the others),
adds the 预算执行率 line, and gives total, maximum, percentage and grade (Part A of ``scoring-rules.md``).
"""

from __future__ import annotations

import decimal
import enum
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from scoring import rules, units
from scoring.model import Budget, Indicator, Table
from scoring.parse import ParseError, normalize, parse_actual, parse_target
from scoring.policy import DEFAULT_POLICY, Policy, RuleKind, Tier
from scoring.rounding import HUNDRED, percent, q2, show
from scoring.targets import Amount, Bound, Comparator, Date, Deadline, Period, Qualitative, Range, Target

__all__ = ["BudgetScore", "Score", "Status", "TableScore", "score_budget", "score_indicator", "score_table"]

FLAG_OVER = "超额"
FLAG_SHORT = "未达标"
FLAG_AUDIT = "自评差异"


class Status(enum.Enum):
    """How a line ended: 达标, 未达标, 超额 (met, far above target) or 无法评分 (could not be scored)."""

    MET = "达标"
    SHORT = "未达标"
    OVER = "超额"
    ERROR = "无法评分"


@attrs.frozen
class Score:
    """The score of one indicator: points (2 dp) or an error, with the rule, flags, warnings and steps."""

    indicator: Indicator
    points: Decimal | None
    status: Status
    rule: RuleKind | None = None
    ratio: Decimal | None = None
    flags: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    error: str | None = None
    difference: Decimal | None = None

    @property
    def weight(self) -> Decimal | None:
        """The 分值 of the row."""
        return self.indicator.weight

    @property
    def explanation(self) -> str:
        """The steps in one Chinese line, warnings last."""
        parts = list(self.steps)
        if self.error:
            parts.append(f"无法评分：{self.error}")
        parts.extend(f"注意：{w}" for w in self.warnings)
        return "；".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one line of ``scoring score --json``."""
        ind = self.indicator
        return {
            "level1": ind.level1,
            "level2": ind.level2,
            "name": ind.name,
            "target": ind.target,
            "actual": ind.actual,
            "weight": None if ind.weight is None else format(ind.weight, "f"),
            "rule": ind.rule or (self.rule.value if self.rule else ""),
            "rule_applied": self.rule.value if self.rule else None,
            "points": None if self.points is None else str(self.points),
            "status": self.status.value,
            "ratio": None if self.ratio is None else str(q2(self.ratio * HUNDRED)),
            "flags": list(self.flags),
            "warnings": list(self.warnings),
            "steps": list(self.steps),
            "explanation": self.explanation,
            "error": self.error,
            "reported": None if ind.reported is None else format(ind.reported, "f"),
            "difference": None if self.difference is None else str(q2(self.difference)),
            "source": ind.source,
        }


@attrs.frozen
class BudgetScore:
    """The 预算执行率 line: rate = spent / planned, points = weight × min(rate, 1)."""

    planned: Decimal
    spent: Decimal
    weight: Decimal
    points: Decimal | None
    rate: Decimal | None
    steps: tuple[str, ...] = ()
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``budget`` object of ``scoring score --json``."""
        return {
            "planned": format(self.planned, "f"),
            "spent": format(self.spent, "f"),
            "rate": None if self.rate is None else str(q2(self.rate * HUNDRED)),
            "weight": format(self.weight, "f"),
            "points": None if self.points is None else str(self.points),
            "explanation": "；".join(self.steps) if not self.error else f"无法评分：{self.error}",
            "error": self.error,
        }


@attrs.frozen
class TableScore:
    """A scored table: lines, budget line, total, maximum, percentage, grade, and what is incomplete."""

    table: Table
    lines: tuple[Score, ...]
    budget: BudgetScore | None
    total: Decimal
    maximum: Decimal
    percentage: Decimal | None
    grade: str | None
    policy: Policy
    notes: tuple[str, ...] = ()

    @property
    def incomplete(self) -> tuple[tuple[str, str], ...]:
        """The rows (and budget line) that could not be scored, with their reasons."""
        out = [(s.indicator.name, s.error or "") for s in self.lines if s.points is None]
        if self.budget is not None and self.budget.error:
            out.append(("预算执行率", self.budget.error))
        return tuple(out)

    @property
    def exact_percentage(self) -> Decimal | None:
        """total / max × 100 before rounding: what the grade is read from."""
        return self.total / self.maximum * HUNDRED if self.maximum > 0 else None

    @property
    def complete(self) -> bool:
        """Whether every row and the budget line were scored."""
        return not self.incomplete

    @property
    def audited(self) -> bool:
        """Whether the input carried self-reported points (audit mode)."""
        return any(s.indicator.reported is not None for s in self.lines)

    @property
    def differences(self) -> tuple[Score, ...]:
        """Lines whose self-reported points differ from the computed ones by more than the tolerance."""
        return tuple(s for s in self.lines if FLAG_AUDIT in s.flags)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring score --json``."""
        table = self.table
        return {
            "table": {
                "title": table.title,
                "kind": table.kind,
                "year": table.year,
                "unit": table.unit,
                "project": table.project,
                "source": table.source,
            },
            "indicators": [s.to_dict() for s in self.lines],
            "budget": None if self.budget is None else self.budget.to_dict(),
            "total": str(self.total),
            "max": format(self.maximum, "f"),
            "percentage": None if self.percentage is None else str(self.percentage),
            "grade": self.grade,
            "complete": self.complete,
            "incomplete": [{"name": n, "reason": r} for n, r in self.incomplete],
            "audit": {
                "reported": self.audited,
                "tolerance": format(self.policy.tolerance, "f"),
                "differences": len(self.differences),
            },
            "notes": list(self.notes),
        }


class _RowError(Exception):
    """A row that cannot be scored; the message (Chinese) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@attrs.define
class _Work:
    """What scoring one row collects on the way."""

    rule: RuleKind | None = None
    warnings: list[str] = attrs.field(factory=list)
    steps: list[str] = attrs.field(factory=list)
    flags: list[str] = attrs.field(factory=list)


_ON_TIME = frozenset({"按时完成", "已按时完成", "按期完成", "已完成", "完成", "达成", "是", "如期完成"})
_LATE = frozenset({"未完成", "未按时完成", "逾期", "逾期完成", "未达成", "否", "未按期完成"})
_EXPLICIT = re.compile(r"^(?P<words>.+?)\((?P<num>\d+(?:\.\d+)?)(?P<unit>%|分)?\)$")


def score_indicator(indicator: Indicator, year: int | None = None, policy: Policy | None = None) -> Score:
    """Score one row against its actual; a row that cannot be scored gives a Score with ``error``."""
    policy = policy or DEFAULT_POLICY
    work = _Work()
    try:
        outcome = _evaluate(indicator, year, policy, work)
    except _RowError as exc:
        return Score(
            indicator,
            None,
            Status.ERROR,
            rule=work.rule,
            warnings=tuple(work.warnings),
            steps=tuple(work.steps),
            error=exc.message,
        )
    difference = None
    if indicator.reported is not None:
        difference = indicator.reported - outcome.points
        work.steps.append(f"自评得分 {indicator.reported:f}，计算得分 {outcome.points}，差 {q2(difference)}")
        if abs(difference) > policy.tolerance:
            work.flags.append(FLAG_AUDIT)
    if FLAG_OVER in work.flags:
        status = Status.OVER
    elif outcome.achieved:
        status = Status.MET
    else:
        status = Status.SHORT
    return Score(
        indicator,
        outcome.points,
        status,
        rule=work.rule,
        ratio=outcome.ratio,
        flags=tuple(dict.fromkeys(work.flags)),
        warnings=tuple(work.warnings),
        steps=tuple(work.steps),
        difference=difference,
    )


def _evaluate(ind: Indicator, year: int | None, policy: Policy, work: _Work) -> rules.Outcome:
    if ind.problems:
        raise _RowError("；".join(ind.problems))
    if ind.weight is None:
        raise _RowError("分值为空，无法评分")
    if ind.weight < 0:
        raise _RowError(f"分值不能为负数（{ind.weight:f}）")
    try:
        target = parse_target(ind.target, year)
    except ParseError as exc:
        raise _RowError(f"指标值无法识别：{exc.render(context=False)}") from exc
    work.rule = _rule(ind, target, policy)
    if ind.actual is None or not ind.actual.strip():
        raise _RowError("未填写实际完成值")
    if isinstance(target, Bound | Range):
        outcome = _numeric(ind, target, year, policy, work)
    elif isinstance(target, Deadline | Date | Period):
        outcome = _dated(ind, target, year, work)
    elif isinstance(target, Qualitative):
        outcome = _qualitative(ind, target, policy, work)
    else:
        raise _RowError(f"指标值“{ind.target}”是空白占位，没有可评分的目标")
    work.steps.extend(outcome.steps)
    if not outcome.achieved:
        work.flags.append(FLAG_SHORT)
    return outcome


def _rule(ind: Indicator, target: Target, policy: Policy) -> RuleKind:
    if ind.rule.strip():
        kind = policy.rule_kind(ind.rule)
        if kind is None:
            known = "、".join(k.value for k in RuleKind)
            raise _RowError(f"未知的赋分规则“{ind.rule.strip()}”；可用：{known}，或在评分口径 [policy.rules] 中定义")
        return kind
    if isinstance(target, Bound | Range):
        return RuleKind.PROPORTIONAL
    if isinstance(target, Deadline | Date | Period):
        return RuleKind.DIRECT
    return RuleKind.GRADED


def _read_actual(ind: Indicator, year: int | None) -> Target:
    try:
        return parse_actual(ind.actual or "", year)
    except ParseError as exc:
        raise _RowError(f"实际完成值无法识别：{exc.render(context=False)}") from exc


# --- numeric targets --------------------------------------------------------------------------------------------


def _numeric(ind: Indicator, target: Bound | Range, year: int | None, policy: Policy, work: _Work) -> rules.Outcome:
    assert ind.weight is not None
    w = ind.weight
    kind = work.rule
    if kind is RuleKind.GRADED:
        work.warnings.append("数值指标按完成比例计算（按评判等级赋分适用于定性指标）")
        kind = RuleKind.PROPORTIONAL
    actual = _read_actual(ind, year)
    if not isinstance(actual, Bound):
        raise _RowError(f"数值指标的实际完成值应为数值（如“{_example(target)}”），却是“{ind.actual}”")
    if not actual.implied:
        work.warnings.append(f"实际完成值带比较符“{actual.op.symbol}”，按{actual.amount}计")
    if actual.approximate:
        work.warnings.append(f"实际完成值为约数，按{actual.amount}计")
    reference = target.amount if isinstance(target, Bound) else target.high
    a = _convert(actual.amount, reference, ind, work)
    shown_a = f"{show(a)}{reference.unit_text}"
    if isinstance(target, Range):
        low = _in_unit(target.low, reference)
        high = target.high.value
        if kind is RuleKind.DIRECT:
            return rules.all_or_nothing(
                low <= a <= high, w, f"实际完成值{shown_a}{_in_or_out(low <= a <= high)}{target}"
            )
        return rules.within(a, low, high, w, (shown_a, str(target.low), str(target.high)))
    t = target.amount.value
    shown_t = str(target.amount)
    op = target.op
    reverse = op in (Comparator.LE, Comparator.LT)
    if kind is RuleKind.SATISFACTION and reverse:
        work.warnings.append(f"满意度赋分的指标值为反向（{op.symbol}），按反向指标计分")
    if kind is RuleKind.DIRECT:
        met = a <= t if reverse else a >= t
        if op is Comparator.EQ and policy.equal == "symmetric" and not target.implied:
            met = a == t
        outcome = rules.all_or_nothing(met, w, f"实际完成值{shown_a}{'已' if met else '未'}达到指标值{target}")
    elif reverse:
        outcome = rules.reverse(a, t, w, shown_a, shown_t, policy.reverse)
    elif kind is RuleKind.SATISFACTION and policy.satisfaction == "rate":
        if reference.unit_text != "%":
            raise _RowError(f"满意度乘分值需要百分比指标值，却是“{target}”")
        # the target decides 达标/未达标; the rate only decides the points
        outcome = attrs.evolve(rules.rate_times_weight(a / HUNDRED, w, shown_a), achieved=a >= t)
    elif op is Comparator.EQ:
        # a bare value (``280人次``) is 正向 (Part A §A2): the ``=`` option applies to a written ``=`` only
        outcome = rules.equal(a, t, w, shown_a, shown_t, "positive" if target.implied else policy.equal)
    else:
        outcome = rules.positive(a, t, w, shown_a, shown_t)
    if op in (Comparator.GT, Comparator.LT) and a == t:
        work.warnings.append(f"严格比较“{op.symbol}”：实际完成值等于指标值，按达到计")
    if not reverse and t > 0 and a / t >= policy.over_threshold:
        work.flags.append(FLAG_OVER)
        work.warnings.append(
            f"实际完成值达到指标值的{percent(a / t)}（≥{percent(policy.over_threshold)}），需说明超额原因"
        )
    return outcome


def _in_or_out(inside: bool) -> str:
    return "在区间" if inside else "不在区间"


def _example(target: Bound | Range) -> str:
    amount = target.amount if isinstance(target, Bound) else target.high
    return f"{show(amount.value)}{amount.unit_text}"


def _in_unit(amount: Amount, reference: Amount) -> Decimal:
    if amount.unit_text == reference.unit_text:
        return amount.value
    return Decimal(amount.quantity.to(reference.unit).magnitude)


_CONVERSION = decimal.Context(prec=20, rounding=decimal.ROUND_HALF_EVEN)


def _tidy(value: Decimal) -> Decimal:
    """A converted value carried to 20 significant digits, so that unit factors such as 1/60 or 10000/15
    cannot leave a 28th-digit residue (``59.99…9分钟``) that would turn a met target into a shortfall."""
    return _CONVERSION.plus(value).normalize()


def _convert(actual: Amount, reference: Amount, ind: Indicator, work: _Work) -> Decimal:
    """The actual's value in the target's unit (Part A §A7), with the steps or warnings that say how."""
    if actual.unitless:
        if not reference.unitless:
            work.steps.append(f"实际完成值“{actual}”未写单位，按指标值的单位“{reference.unit_text}”计")
        return actual.value
    if reference.unitless:
        value = actual.value if actual.unit_text == "%" else Decimal(actual.quantity.to_root_units().magnitude)
        work.warnings.append(f"指标值“{reference}”未写单位，按实际完成值“{actual}”的数值{show(value)}比较")
        return value
    if actual.unit_text == reference.unit_text:
        return actual.value
    try:
        value = _tidy(Decimal(actual.quantity.to(reference.unit).magnitude))
    except Exception as exc:  # pint's DimensionalityError
        if units.is_counting(actual.unit) and units.is_counting(reference.unit):
            a_root = Decimal(actual.quantity.to_root_units().magnitude)
            per_unit = Decimal(units.quantity(Decimal(1), reference.unit).to_root_units().magnitude)
            value = _tidy(a_root / per_unit)
            work.warnings.append(
                f"计量单位不同：实际完成值用“{units.counting_word(actual.unit)}”，"
                f"指标值用“{units.counting_word(reference.unit)}”，按数值比较"
            )
            return value
        raise _RowError(
            f"单位不一致：实际完成值“{ind.actual}”（{actual.unit_text}）无法与指标值“{ind.target}”"
            f"（{reference.unit_text}）比较"
        ) from exc
    work.steps.append(f"换算：{actual} = {show(value)}{reference.unit_text}")
    return value


# --- dates -------------------------------------------------------------------------------------------------------


def _dated(ind: Indicator, target: Deadline | Date | Period, year: int | None, work: _Work) -> rules.Outcome:
    assert ind.weight is not None
    w = ind.weight
    if work.rule is not RuleKind.DIRECT:
        assert work.rule is not None
        work.warnings.append(f"时效（日期）指标按直接赋分：按时得满分，逾期不得分（赋分规则写的是“{ind.rule}”）")
    due = target.date
    if due is None:
        raise _RowError(f"指标值“{ind.target}”未写年份，且指标表未给出年度")
    words = normalize(ind.actual or "")
    if words in _ON_TIME:
        return rules.all_or_nothing(True, w, f"实际完成情况“{words}”，按时完成")
    if words in _LATE:
        return rules.all_or_nothing(False, w, f"实际完成情况“{words}”，未按时完成")
    actual = _read_actual(ind, year)
    if not isinstance(actual, Date | Deadline | Period):
        raise _RowError(f"时效指标的实际完成值应为日期或“按时完成/未完成”，却是“{ind.actual}”")
    done = actual.date
    if done is None:
        raise _RowError(f"实际完成值“{ind.actual}”未写年份，且指标表未给出年度")
    if isinstance(actual, Date) and actual.when.precision != "day":
        work.steps.append(
            f"实际完成值“{ind.actual}”只写到{'月' if actual.when.precision == 'month' else '年'}，按其最后一天计"
        )
    return rules.on_time(done, due, w, f"{done.year}年{done.month}月{done.day}日")


# --- qualitative targets -------------------------------------------------------------------------------------------


def _qualitative(ind: Indicator, target: Qualitative, policy: Policy, work: _Work) -> rules.Outcome:
    assert ind.weight is not None
    w = ind.weight
    text = normalize(ind.actual or "")
    explicit = _EXPLICIT.match(text)
    words = explicit.group("words") if explicit else text
    tier = policy.tier_of(words, target.text)
    if tier is None:
        accepted = "、".join(policy.tier_words())
        raise _RowError(f"无法判断评判等级：实际完成值“{ind.actual}”应为{accepted}之一（或指标值原文“{target.text}”）")
    if work.rule is RuleKind.DIRECT:
        return rules.all_or_nothing(tier is Tier.ACHIEVED, w, f"评判等级为“{tier.label}”")
    if work.rule is not RuleKind.GRADED:
        assert work.rule is not None
        work.warnings.append(f"定性指标按评判等级赋分（赋分规则写的是“{ind.rule}”）")
    if explicit:
        number = Decimal(explicit.group("num"))
        unit = explicit.group("unit")
        if unit is None:
            raise _RowError(f"评判等级后的“{number}”请写明是百分比（%）还是分数（分）")
        fraction = number / HUNDRED if unit == "%" else number / w if w else Decimal(0)
        source = f"评价人给定{number}{unit}"
    elif ind.reported is not None:
        fraction = ind.reported / w if w else Decimal(0)
        source = f"采用自评得分{ind.reported:f}"
    else:
        fraction = policy.tier_point(tier)
        source = "默认取值"
    if not tier.contains(fraction):
        low, high = q2(w * tier.low), q2(w * tier.high)
        raise _RowError(f"“{tier.label}”的得分应在分值的{tier.band()}（{low}–{high}分）内，却是{q2(w * fraction)}分")
    return rules.graded(tier, fraction, w, source)


# --- budget line and tables -------------------------------------------------------------------------------------------


def score_budget(budget: Budget, policy: Policy | None = None) -> BudgetScore:
    """The 预算执行率 line (Part A §A8)."""
    policy = policy or DEFAULT_POLICY
    w = policy.budget_weight
    if budget.planned <= 0:
        return BudgetScore(budget.planned, budget.spent, w, None, None, error="全年预算数为0，无法计算预算执行率")
    if budget.spent < 0:
        return BudgetScore(budget.planned, budget.spent, w, None, None, error="全年执行数不能为负数")
    outcome = rules.budget_rate(budget.planned, budget.spent, w)
    return BudgetScore(budget.planned, budget.spent, w, outcome.points, outcome.ratio, outcome.steps)


def _with_actuals(table: Table, actuals: Mapping[str, str | None]) -> tuple[Table, tuple[str, ...]]:
    by_name = {normalize(name): value for name, value in actuals.items()}
    rows = []
    for ind in table.indicators:
        key = normalize(ind.name)
        if key in by_name:
            rows.append(attrs.evolve(ind, actual=by_name.pop(key)))
        else:
            rows.append(ind)
    notes = tuple(f"实际完成值中的指标“{name}”在指标表中找不到" for name in by_name)
    return table.with_indicators(tuple(rows)), notes


def score_table(
    table: Table,
    actuals: Mapping[str, str | None] | None = None,
    budget: Budget | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
) -> TableScore:
    """Score every row of a table (one bad row never stops the others), the budget line, total and grade.

    ``actuals`` maps 三级指标 names to 实际完成值 texts (rows keep their own actuals otherwise);
    ``budget`` overrides the table's; ``policy`` is a Policy, or a mapping of options layered over the
    defaults and the table's own ``[policy]``.
    """
    chosen = policy if isinstance(policy, Policy) else DEFAULT_POLICY.merged(table.policy).merged(policy)
    notes: tuple[str, ...] = table.problems
    if actuals:
        table, missing = _with_actuals(table, actuals)
        notes += missing
    lines = tuple(score_indicator(ind, table.year, chosen) for ind in table.indicators)
    budget = budget or table.budget
    budget_score = score_budget(budget, chosen) if budget is not None else None
    total = sum((s.points for s in lines if s.points is not None), Decimal(0))
    maximum = sum((s.weight for s in lines if s.weight is not None), Decimal(0))
    if budget_score is not None:
        maximum += budget_score.weight
        if budget_score.points is not None:
            total += budget_score.points
    total = q2(total)
    result = TableScore(table, lines, budget_score, total, maximum, None, None, chosen, notes)
    exact = result.exact_percentage
    if exact is None:
        return result
    # the grade reads the exact ratio (Part A §A9): 179.99 of 200 shows 90.00% but is below 90
    return attrs.evolve(result, percentage=q2(exact), grade=chosen.grade(exact))

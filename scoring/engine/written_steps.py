"""Rules of steps (A12): ``每超过一个百分点扣0.5分，扣完为止``, ``每延期1天扣0.5分``, ``每少一项扣1分`` …

The row starts from its base (the 分值, or ``各得80%标准分``) at the reference (the target stated in the rule, else
the row's own target); each slope counts how far the actual is beyond the reference on its side, in its
measure, and adds or deducts its points per step. Only whole steps count unless the policy's
``partial_steps`` is on. The result is kept within [floor, 分值] (A8). An actual on the side the target does not
want (below a ≥ target, above a ≤ target or the rule's ≦ standard, after a deadline) that no slope covers is an
error: the rule does not say how a shortfall is scored. 达标 is whether the actual meets the row's own target.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal

from scoring.engine.rules import Outcome
from scoring.engine.scorers import RowError, Work, actual_number
from scoring.engine.steps import Day, Num, Pct, Pts, Step, StepKind, step
from scoring.engine.vocabulary import Tier, tier_of
from scoring.engine.written_fit import fit_of, opposite_standard, size_in
from scoring.engine.written_met import met_target
from scoring.engine.written_missing import missing
from scoring.language.rule_model import Direction, Measure, Slope, Stated, Stepped, WrittenRule
from scoring.language.targets import Bound, Comparator, Date, Deadline, Period, Range, Target
from scoring.numbers import HUNDRED, q2
from scoring.text import normalize

__all__ = ["score_stepped"]

K = StepKind
ZERO = Decimal(0)
#: An actual that starts so, with no number in it, says no event happened (未发生, 没有出现, 无此类情况).
_NO_EVENTS = ("未发生", "未出现", "没有发生", "没有出现", "无此类", "无此", "无该", "无相关", "均未", "从未", "未有")


def _done(work: Work) -> dt.date:
    actual = work.read_actual()
    if not isinstance(actual, Date | Deadline | Period) or actual.date is None:
        raise RowError(f"按天计的赋分规则需要完成日期，实际完成值却是“{work.actual_text}”")
    return actual.date


def _count(work: Work) -> Decimal:
    """The actual as a plain count (每出现一个…扣0.5分: the number of events)."""
    words = normalize(work.actual_text)
    if words in ("无", "没有", "零") or (words.startswith(_NO_EVENTS) and not any(c.isdigit() for c in words)):
        return ZERO  # 未发生, 没有出现, 无此类情况: none
    actual = work.read_actual()
    if not isinstance(actual, Bound) or actual.amount.value < 0:
        raise RowError(f"按次数扣分的赋分规则需要发生次数（如“2次”“0”），实际完成值却是“{work.actual_text}”")
    return actual.amount.value


class _Measured:
    """The actual and the reference as the slopes need them."""

    def __init__(self, work: Work, target: Target, rule: Stepped) -> None:
        self.work = work
        self.target = target
        self.rule = rule
        self.steps: list[Step] = []
        self._numbers: tuple[Num, Num] | None = None
        self._late: int | None = None
        self._gaps: dict[Measure, tuple[Decimal, Num, Step | None]] = {}

    @property
    def measured(self) -> tuple[Num, Num] | None:
        """(actual, reference) when a slope has worked them out."""
        return self._numbers

    def numbers(self) -> tuple[Num, Num]:
        """(actual, reference) in the target's unit."""
        if self._numbers is None:
            stated = self.rule.reference
            amount = self.target.amount if isinstance(self.target, Bound) else (
                self.target.high if isinstance(self.target, Range) else None)  # fmt: skip
            if amount is None:
                actual = self.work.read_actual()
                if stated is None or not isinstance(actual, Bound):
                    raise RowError(f"指标值“{self.work.indicator.target}”不是数值，赋分规则未写标准，无法计算差距")
                a = Num(actual.amount.value, actual.amount.unit_text)
            else:
                a = actual_number(self.work, amount)
            if not a.unit and not (amount is not None and amount.unit_text):
                # a unitless target (≤0, 变动率) against an actual in %: both are percentages
                read = self.work.read_actual()
                if isinstance(read, Bound) and read.amount.unit_text == "%":
                    a = Num(a.value, "%")
            unit = a.unit
            if stated is not None:
                if stated.unit and unit and stated.unit != unit:
                    raise RowError(f"赋分规则的标准单位“{stated.unit}”与指标值的单位“{unit}”不一致")
                r = Num(stated.value, stated.unit or unit, written=True)
                self.steps.append(step(K.RULE_REFERENCE, op=stated.op.symbol, ref=r, source="赋分规则所写"))
            else:
                assert amount is not None
                r = (
                    Num(amount.value, unit, written=True)
                    if unit and not amount.unit_text
                    else Num.of(amount, written=True)
                )
            self._numbers = (a, r)
        return self._numbers

    def late(self) -> int:
        """Days after the deadline (negative: early)."""
        if self._late is None:
            target = self.target
            due = getattr(target, "due", None)
            if due is None and isinstance(target, Deadline | Date | Period):
                raise RowError(f"指标值“{self.work.indicator.target}”未写年份，且指标表未给出年度")
            if due is None:
                raise RowError(f"指标值“{self.work.indicator.target}”没有可用的时限")
            words = normalize(self.work.actual_text)
            tier = tier_of(words)
            if tier is Tier.ACHIEVED:  # 按时完成 is on time (A5): no day late
                self._late = 0
                self.steps.append(step(K.DAYS_ON_TIME, words=words))
                return 0
            if tier is Tier.FAILED:
                raise RowError(f"实际完成情况“{words}”未写完成日期：按天计的赋分规则需要完成日期"
                               "（如“2026年7月5日”）才能算出逾期天数")  # fmt: skip
            done = _done(self.work)
            self._late = (done - due).days
            self.steps.append(step(K.DAYS_LATE, done=Day(done), due=Day(due), days=self._late))
        return self._late

    def gap(self, slope: Slope) -> tuple[Decimal, Num, Step | None]:
        """How far the actual is from the reference, signed (above: positive), in the slope's measure, and the
        step that shows it (each measure is worked out once: 每增加一个加3分 and 每减少一个减3分 share one gap;
        the caller shows the step only when a slope uses the gap)."""
        found = self._gaps.get(slope.measure)
        if found is None:
            found = self._gaps[slope.measure] = self._gap(slope)
        return found

    def _gap(self, slope: Slope) -> tuple[Decimal, Num, Step | None]:
        if slope.measure is Measure.EVENTS:
            n = _count(self.work)
            self.steps.append(step(K.EVENTS, n=Num(n, slope.unit)))
            return n, Num(n, slope.unit), None
        if slope.measure is Measure.DAYS and isinstance(self.target, Deadline | Date | Period):
            days = Decimal(self.late())
            return days, Num(abs(days), "天"), None
        if (slope.measure is Measure.COUNT and slope.direction is Direction.BELOW and self.rule.reference is None
                and not isinstance(self.target, Bound | Range | Deadline | Date | Period)):  # fmt: skip
            n, said = missing(self.work, self.rule, slope)  # 每少一项 on 健全: the actual says how many
            return -n, Num(n, slope.unit or "项"), said
        a, r = self.numbers()
        label = "超出" if a.value >= r.value else "低于"
        hi, lo = (a, r) if a.value >= r.value else (r, a)
        if slope.measure is Measure.POINTS or (slope.measure is Measure.PERCENT and a.unit == "%"):
            if a.unit != "%":
                raise RowError(f"“百分点”只适用于百分比指标，本行指标值为“{self.work.indicator.target}”")
            d = a.value - r.value
            shown = Num(abs(d), "个百分点")
            return d, shown, step(K.GAP, label=f"{label}百分点", x=hi, y=lo, gap=shown)
        if slope.measure is Measure.PERCENT:
            if r.value <= 0:
                raise RowError("标准为0，无法按百分比计算差距")
            d = (a.value - r.value) / r.value
            line = step(K.GAP_RELATIVE, label=f"{label}比例", x=hi, y=lo, r=r, pct=Pct(abs(d)))
            return d * HUNDRED, Num(q2(abs(d) * HUNDRED), "%"), line
        d = a.value - r.value
        return d, Num(abs(d), a.unit), step(K.GAP, label=label, x=hi, y=lo, gap=Num(abs(d), a.unit))


def _whole(x: Decimal) -> Decimal:
    return x.to_integral_value(rounding=ROUND_FLOOR)


def unwanted_sides(target: Target, reference: Stated | None, reverse: bool) -> frozenset[Direction]:
    """The sides of the reference the target does not want: below a ≥ target, above a ≤ target (or ``reverse``,
    a bare value on a less-is-better name), after a deadline, both for ``=``; the rule's own standard
    (``≦100%``) decides when it states one. None for a range (its reference is its high end)."""
    if reference is not None:
        op = reference.op
    elif isinstance(target, Deadline | Date | Period):
        return frozenset({Direction.ABOVE})
    elif isinstance(target, Bound):
        op = target.op
        if target.implied:
            op = Comparator.LE if reverse else Comparator.GE
    else:
        return frozenset()
    if op in (Comparator.GE, Comparator.GT):
        return frozenset({Direction.BELOW})
    if op in (Comparator.LE, Comparator.LT):
        return frozenset({Direction.ABOVE})
    return frozenset({Direction.ABOVE, Direction.BELOW})


_SIDE = {Direction.ABOVE: "超过", Direction.BELOW: "低于"}


def _uncovered(family: Stepped, side: Direction, target: Target, reverse: bool) -> str | None:
    """Why an actual on ``side`` of the reference cannot be scored, or None (a slope covers it, or the target
    wants that side)."""
    slopes = [s for s in family.slopes if s.measure is not Measure.EVENTS]
    if not slopes or any(s.direction in (side, Direction.BOTH) for s in slopes):
        return None
    if side not in unwanted_sides(target, family.reference, reverse):
        return None
    signs = {s.sign for s in slopes}
    verb = "扣分" if signs == {-1} else "加分" if signs == {1} else "加减分"
    other = _SIDE[Direction.BELOW if side is Direction.ABOVE else Direction.ABOVE]
    return (f"赋分规则未说明{_SIDE[side]}标准时如何计分：规则只写了{other}标准时{verb}，"
            f"实际完成值却{_SIDE[side]}标准")  # fmt: skip


def _fits(work: Work, target: Target, rule: WrittenRule) -> None:
    """Refuse a rule whose steps cannot measure the target, or whose standard points the other way (A12)."""
    fit = fit_of(rule, target, work.indicator.target, work.reader.units)
    opposite = opposite_standard(rule, target, work.reverse)
    if opposite is not None:
        raise RowError(opposite[1])
    if fit.errors:
        raise RowError(fit.errors[0][1])
    work.warnings.extend(w for w in fit.warnings if w not in work.warnings)


def score_stepped(work: Work, target: Target, rule: WrittenRule) -> Outcome:
    """Steps from the base (A12): points = base ± steps × points per step, within [floor, 分值]."""
    family = rule.family
    assert isinstance(family, Stepped)
    w = work.weight
    _fits(work, target, rule)
    words = normalize(work.actual_text)
    if family.zero_when_missed and tier_of(words) is Tier.FAILED:
        return Outcome(q2(ZERO), None, False, (step(K.MISSED_ZERO, words=words),))
    measured = _Measured(work, target, family)
    work.actual_read()
    scale = family.scale
    if scale is not None and family.base_points is not None:
        start = q2(w * family.base_points / scale)
        if scale != family.base_points or scale != w:
            measured.steps.append(step(K.STEP_BASE, w=Num(w), base=Num(family.base_points, written=True),
                                       scale=Num(scale, written=True), start=Pts(start)))  # fmt: skip
    else:
        start = q2(w * family.base)
    scaled = scale is not None and scale != w
    deducted = added = q2(ZERO)
    changes: list[Step] = []
    shown_gaps: set[Measure] = set()
    for slope in family.slopes:
        d, shown, gap_step = measured.gap(slope)
        if slope.measure is not Measure.EVENTS and d != 0:
            why = _uncovered(family, Direction.ABOVE if d > 0 else Direction.BELOW, target, work.reverse)
            if why is not None:
                raise RowError(why)
        if slope.direction is Direction.ABOVE:
            beyond = max(d, ZERO)
        elif slope.direction is Direction.BELOW:
            beyond = max(-d, ZERO)
        else:
            beyond = abs(d)
        if beyond == 0:
            continue
        if gap_step is not None and slope.measure not in shown_gaps:  # only a gap a slope uses is shown
            shown_gaps.add(slope.measure)
            changes.append(gap_step)
        size = Num(size_in(slope, shown.unit, work.reader.units), shown.unit, written=True)
        exact = beyond / size.value
        count = exact if work.policy.partial_steps else _whole(exact)
        rounding = "" if count == exact else "（不足一个步长的部分不计）"
        changes.append(step(K.STEPS_COUNTED, gap=shown, size=size, count=Num(count), rounding=rounding))
        up = slope.sign > 0 if slope.direction is not Direction.BOTH else d > 0
        if scale is not None and scaled:
            change = q2(count * slope.points * w / scale)
            changes.append(step(K.STEP_CHANGE_SCALED, verb="加分" if up else "扣分", count=Num(count),
                                per=Num(slope.points, written=True), w=Num(w), scale=Num(scale, written=True),
                                change=Pts(change)))  # fmt: skip
        else:
            change = q2(count * slope.points)
            changes.append(step(K.STEP_CHANGE, verb="加分" if up else "扣分", count=Num(count),
                                per=Num(slope.points, written=True), change=Pts(change)))  # fmt: skip
        if up:
            added += change
        else:
            deducted += change
    out: list[Step] = [*measured.steps, *changes]
    raw = start - deducted + added
    out.append(step(K.STEP_TOTAL, start=Pts(start), deducted=Pts(deducted), added=Pts(added), raw=Pts(q2(raw))))
    floor = max(family.floor * w / scale if scale is not None and scaled else family.floor, ZERO)
    points = raw
    if raw < floor:
        points = floor
        out.append(step(K.BOUNDED, raw=Pts(q2(raw)), side="低于最低分", limit=Pts(q2(floor))))
    if points > w:
        out.append(step(K.BOUNDED, raw=Pts(q2(points)), side="超过分值", limit=Pts(q2(w))))
        points = w
    met = met_target(work, target)
    if met is False and deducted == 0 and isinstance(target, Bound) and measured.measured is not None:
        out.append(step(K.TARGET_MISSED, a=measured.measured[0], target=str(target)))
    return Outcome(q2(points), None, deducted == 0 if met is None else met, tuple(out))

"""Mid-year monitoring (Part C, "双监控"): each row's light and the money's light at month ``m``.

``monitor_table(table, month=…, actuals=…)`` reads every target with the same reader and policy as
``score_table`` (the row is compiled by :func:`~scoring.engine.compile.compile_row`), reads the actual to date in
the target's unit (A7), and applies the rules of :mod:`scoring.engine.monitor_rules`. The expected year-end value
(全年预计完成情况) is judged by the year-end engine itself: a row is 预计无法完成 when scoring that value would
not meet the target. A row that cannot be judged carries an error; the others are still judged.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

import attrs

from scoring.engine.choose import Shape
from scoring.engine.compile import CompiledRow, compile_row
from scoring.engine.indicator import score_row
from scoring.engine.monitor_explain import needs_explaining
from scoring.engine.monitor_kind import accumulates, not_negative
from scoring.engine.monitor_money import money_line
from scoring.engine.monitor_results import NOT_APPLICABLE, MonitorLine, MonitorResult
from scoring.engine.monitor_rules import (
    Light,
    Progress,
    ceiling,
    cumulative,
    deadline,
    level,
    qualitative,
    reverse_level,
)
from scoring.engine.options import RuleKind
from scoring.engine.policy import Policy
from scoring.engine.policy_error import PolicyError
from scoring.engine.results import Status
from scoring.engine.scorers import RowError, Work, actual_number
from scoring.engine.steps import Num, StepKind, step
from scoring.engine.vocabulary import Tier, tier_of
from scoring.engine.written import not_assessed
from scoring.errors import ScoringError
from scoring.language.reader import Reader, default_reader
from scoring.language.targets import (
    Amount,
    Blank,
    Bound,
    Comparator,
    Date,
    Deadline,
    Period,
    Qualitative,
    Range,
    Several,
)
from scoring.tables.actuals import Actuals, apply_actuals
from scoring.tables.guard import short
from scoring.tables.model import Budget, Table
from scoring.tables.sheet import NO_WEIGHT
from scoring.text import phrase

__all__ = ["MonitorError", "accumulates", "monitor_table", "month_of"]

#: Words that say a qualitative row or a deadline is under way (not yet assessed): green with a note (C1).
IN_PROGRESS = frozenset({"进行中", "正在实施", "实施中", "推进中", "正在推进", "按计划推进", "有序推进", "正常推进",
                         "按进度推进", "尚未完成", "未到期", "正在进行"})  # fmt: skip


#: A tier word with an evaluator's point after it, ``部分达成（75%）`` (normalised: ASCII brackets).
_POINT = re.compile(r"^(?P<words>.+?)\(\d+(?:\.\d+)?(?:%|分)?\)$")


class MonitorError(ScoringError, ValueError):
    """The month cannot be decided (none given, or two that disagree); the message (Chinese) says why."""


def month_of(table: Table, month: int | None) -> int:
    """The month the figures run to: ``month`` or the sheet's own (``1-7月执行情况``); both must agree. A month
    that is not an ``int`` (``"7"``, ``7.0``, ``True``) is a TypeError naming the field."""
    _integer(month)
    if month is not None and not 1 <= month <= 12:
        raise MonitorError(f"监控月份应为1至12，却是{month}")
    if table.month is not None and not 1 <= table.month <= 12:
        raise MonitorError(f"表头的监控月份应为1至12，却是1-{table.month}月执行情况")
    if month is not None and table.month is not None and month != table.month:
        raise MonitorError(f"指定的监控月份为{month}月，但表头写的是1-{table.month}月执行情况，两者不一致")
    chosen = month if month is not None else table.month
    if chosen is None:
        raise MonitorError("无法确定监控月份：请用 --month 指定，或在表头写明“1-M月执行情况”")
    return chosen


def _integer(month: object) -> None:
    if month is not None and (isinstance(month, bool) or not isinstance(month, int)):
        raise TypeError(f"month（监控月份）应为整数（int，1至12），却是 {type(month).__name__}：{month!r}")


def _file_month(table: Table, month: int | None, given: int | None) -> None:
    """An actuals file's own month (``1-7月执行情况``) must agree with the run's and the sheet's."""
    if given is None:
        return
    for other, where in ((month, "指定的监控月份"), (table.month, "表头")):
        if other is not None and other != given:
            raise MonitorError(f"执行情况文件写的是1-{given}月，但{where}为{other}月，两者不一致")


def _plan(work: Work, amount: Amount, month: int) -> Num | None:
    """The row's own 1-m月计划值 in the target's unit (its warnings join the row's; the plan step shows it)."""
    written = (work.indicator.plan or "").strip()
    if not written:
        return None
    probe = Work(attrs.evolve(work.indicator, actual=written), work.rule, work.year, work.policy, work.reader)
    label = f"1-{month}月计划值"
    try:
        plan = actual_number(probe, amount)
    except RowError as exc:
        raise RowError(f"{label}“{written}”无法使用：{exc.message.replace('实际完成值', label)}") from exc
    work.warnings.extend(w.replace("实际完成值", label) for w in probe.warnings)
    return plan


def _numeric(work: Work, row: CompiledRow, month: int, policy: Policy) -> tuple[str, Progress]:
    target = row.target
    assert isinstance(target, Bound | Range)
    amount = target.amount if isinstance(target, Bound) else target.low
    a = actual_number(work, amount)
    t = Num.of(amount, written=True)
    plan = _plan(work, amount, month)
    grows = accumulates(work.indicator, target, policy)
    not_negative(work, target, a, month, grows)
    kind = "累计" if grows else "时点"
    if work.reverse or (isinstance(target, Bound) and target.op is Comparator.EQ and t.value == 0):
        # =0 and a bare 0 are met only by nothing at all: as ≤0 (A ≤ 0 green, else red), as at year end
        return kind, (ceiling(a, t, month, policy.monitor, plan) if grows else reverse_level(a, t))
    if isinstance(target, Range) and not grows and target.low.value <= a.value:
        high = Num.of(target.high, written=True)
        if a.value <= high.value:
            return kind, Progress(Light.GREEN, None, (step(StepKind.M_RANGE_IN, a=a, low=t, high=high,
                                                           light=Light.GREEN.value),))  # fmt: skip
    return kind, (cumulative(a, t, month, policy.monitor, plan) if grows else level(a, t, policy.monitor))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _dated(work: Work, row: CompiledRow, month: int) -> Progress:
    due = getattr(row.target, "due", None)
    if due is None:
        raise RowError(f"指标值“{work.indicator.target}”未写年份，且指标表未给出年度")
    # the figures run to the end of month m of the table's year (of the deadline's year when the table has none)
    month_end = _month_end(work.year or due.year, month)
    words = phrase(work.actual_text)
    tier = tier_of(words)
    if words in IN_PROGRESS or tier is Tier.FAILED:
        return deadline(due, None, month_end)
    if tier is Tier.ACHIEVED:
        return deadline(due, min(due, month_end), month_end)
    actual = work.read_actual()
    if not isinstance(actual, Date | Deadline | Period) or actual.date is None:
        raise RowError(f"时效指标的1-M月执行情况应为日期、“已完成”或“进行中”，却是“{work.actual_text}”")
    if actual.date > month_end:
        end = f"{month_end.year}年{month_end.month}月{month_end.day}日"
        work.warnings.append(f"完成日期“{work.actual_text}”晚于1-{month}月的月末{end}，请核对是否已完成")
    return deadline(due, actual.date, month_end)


def _light(work: Work, row: CompiledRow, month: int, policy: Policy) -> tuple[str, Progress]:
    target = row.target
    if isinstance(target, Bound | Range):
        return _numeric(work, row, month, policy)
    if isinstance(target, Deadline | Date | Period):
        return "时限", _dated(work, row, month)
    if isinstance(target, Qualitative):
        words = phrase(work.actual_text)
        point = _POINT.match(words)  # 部分达成（75%）: an evaluator's point inside the tier (A6); the tier decides
        tier = None if words in IN_PROGRESS else tier_of(point.group("words") if point else words, target.text)
        if tier is None and words not in IN_PROGRESS:
            raise RowError(f"定性指标的1-M月执行情况应为达成、部分达成、未达成或进行中，却是“{work.actual_text}”")
        return "定性", qualitative(work.actual_text.strip(), tier)
    if isinstance(target, Several):
        raise RowError("一格多值的指标值（如“300人、50人”）请拆成多行后监控")
    assert isinstance(target, Blank)
    raise RowError(f"指标值“{work.indicator.target}”是空白占位，没有可监控的目标")


def _expected(row: CompiledRow, year: int | None, policy: Policy, reader: Reader) -> tuple[Status | None, str]:
    """The year-end status the expected year-end value would get (None, and why, when it cannot be read)."""
    ind = row.indicator
    probe = attrs.evolve(ind, actual=ind.expected, reported=None, weight=ind.weight if ind.weight else 10)
    score = score_row(compile_row(probe, year, policy, reader), year, policy, reader)
    if score.status is Status.ERROR:
        return None, score.error or ""
    return score.status, ""


def _left_out(row: CompiledRow, month: int) -> MonitorLine | None:
    """A row its rule leaves out (不考核该指标… and an actual of 不适用), as ``score`` does (A12): no light."""
    ind = row.indicator
    if row.plan is None or row.plan.written is None or not not_assessed(row.plan.written, ind.actual):
        return None
    said = step(StepKind.M_NOT_ASSESSED, rule=ind.rule.strip(), month=month, words=(ind.actual or "").strip())
    return MonitorLine(ind, None, NOT_APPLICABLE, steps=(said,))


def _line(row: CompiledRow, month: int, year: int | None, policy: Policy, reader: Reader) -> MonitorLine:
    ind = row.indicator
    left_out = _left_out(row, month)
    if left_out is not None:
        return left_out
    if ind.problems:  # a bad cell (a blank 三级指标, an unreadable 分值) is the row's reason, as at year end
        return MonitorLine(ind, None, error="；".join(ind.problems))
    if row.target is None:
        return MonitorLine(ind, None, error=row.target_error.render(context=False) if row.target_error else row.error)
    if not (ind.actual or "").strip():
        return MonitorLine(ind, None, error=f"未填写1-{month}月执行情况")
    work = Work(ind, row.rule or RuleKind.PROPORTIONAL, year, policy, reader, warnings=list(row.notes),
                reverse=row.shape in (Shape.REVERSE, Shape.BARE_REVERSE))  # fmt: skip
    try:
        kind, progress = _light(work, row, month, policy)
    except RowError as exc:
        return MonitorLine(ind, None, steps=tuple(work.steps), warnings=tuple(work.warnings), error=exc.message)
    steps, light, miss = [*work.steps, *progress.steps], progress.light, False
    if ind.expected and ind.expected.strip():
        status, problem = _expected(row, year, policy, reader)
        shown: Num | str = Num.of(row.target.amount, written=True) if isinstance(row.target, Bound) else ind.target
        e = ind.expected.strip()
        if status is None:
            work.warnings.append(f"全年预计完成情况“{ind.expected}”无法判断：{problem}")
        elif status is not Status.SHORT:
            steps.append(step(StepKind.M_EXPECTED_MET, e=e, status=status.value, t=shown))
        else:
            miss = True
            light = Light.YELLOW if light.rank == 2 else light
            steps.append(step(StepKind.M_EXPECTED_MISS, e=e, status=status.value, t=shown, light=Light.YELLOW.value))
    findings = needs_explaining(ind, light, miss)
    return MonitorLine(ind, light, kind, progress.progress, miss, tuple(steps), tuple(work.warnings), findings)


def monitor_table(
    table: Table,
    month: int | None = None,
    actuals: Actuals | Mapping[str, Any] | None = None,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
    budget: Budget | None = None,
) -> MonitorResult:
    """Each row's light and the money's at month ``month`` (or the sheet's own, C1–C3).

    ``actuals`` (a mapping of indicator name to the actual to date, or :class:`Actuals`) fills the rows as
    ``score_table`` does (an actuals file's own month counts as the sheet's); ``budget`` (全年预算数 and
    1-m月执行数) replaces the table's. Raises :class:`MonitorError` when the month cannot be decided (none, out
    of 1–12, or two that disagree), TypeError when ``month`` is not an ``int``."""
    if not isinstance(table, Table):
        raise TypeError(
            f"table（指标表）应为 Table，却是 {type(table).__name__}：{short(repr(table))}"
            + ("；文件请先用 scoring.load_table(路径) 读取" if isinstance(table, str | PurePath) else "")
        )
    _integer(month)
    if month is not None and not 1 <= month <= 12:
        raise MonitorError(f"监控月份应为1至12，却是{month}")
    notes: tuple[str, ...] = ()
    if actuals is not None:
        given = actuals if isinstance(actuals, Actuals) else Actuals.from_mapping(actuals)
        _file_month(table, month, given.month)
        table, notes = apply_actuals(attrs.evolve(table, month=table.month or given.month), given)
    chosen = month_of(table, month)
    header = {"budget_weight": table.budget_weight} if table.budget_weight is not None else None
    try:
        own = Policy.layered(header, table.policy)
    except PolicyError as exc:  # the table's own [policy]: name its file
        raise PolicyError(f"{table.source or '指标表'}：{exc}") from exc
    layered = Policy.layered(own, policy)
    reader = reader or default_reader()
    rows = [compile_row(ind, table.year, layered, reader) for ind in table.indicators]
    lines = tuple(_line(row, chosen, table.year, layered, reader) for row in rows)
    money_in = budget or table.budget
    money = money_line(money_in, chosen, layered) if money_in is not None else None
    problems = tuple(p for p in table.problems if not p.endswith(NO_WEIGHT))  # monitoring needs no 分值
    return MonitorResult(table, chosen, lines, money, layered, (*problems, *notes))

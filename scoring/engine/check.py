"""Lint a target table before the year starts (``scoring check``): every finding has a severity and a Chinese message."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from scoring.engine.compile import MAX_WEIGHT_DIGITS, CompiledRow, CompiledTable, compile_table
from scoring.engine.findings import ERROR, INFO, WARNING, Finding
from scoring.engine.policy import Policy
from scoring.engine.written import conflicts, fit_findings, floor_conflict, top_conflict
from scoring.engine.written_fit import fit_of
from scoring.language.errors import ParseError
from scoring.language.reader import Reader
from scoring.language.rule_reader import parse_rule
from scoring.language.targets import Amount, Bound, Comparator, Date, Deadline, Period, Range, Target
from scoring.language.units import Units
from scoring.numbers import HUNDRED, fits, q2, show, written
from scoring.tables.model import Indicator, Table
from scoring.text import normalize

__all__ = ["ERROR", "INFO", "WARNING", "Finding", "check_table"]


def check_table(
    table: Table | CompiledTable,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
) -> tuple[Finding, ...]:
    """Every problem a table has before the year starts, errors first.

    The table is compiled as ``score_table`` compiles it (same reader, year and layered policy), so a target
    ``check`` accepts is the target ``score`` reads.
    """
    compiled = table if isinstance(table, CompiledTable) else compile_table(table, policy, reader)
    table, policy = compiled.table, compiled.policy
    findings: list[Finding] = [Finding(ERROR, "table", p) for p in table.problems]
    parsed: list[tuple[Indicator, Target]] = []
    names: dict[str, int] = defaultdict(int)
    for row in compiled.rows:
        ind = row.indicator
        where = ind.source or ind.name
        names[normalize(ind.name)] += 1
        findings.extend(Finding(ERROR, "cell", p) for p in ind.problems)  # each problem names its place
        if row.weight_error and not ind.problems:
            code = "weight-negative" if ind.weight is not None and ind.weight < 0 else "weight-out-of-range"
            findings.append(Finding(ERROR, code, f"“{ind.name}”：{row.weight_error}", where))
        elif ind.weight is None and not ind.problems:
            findings.append(Finding(INFO, "reference-row", f"“{ind.name}”没有分值：作为参考行显示，不计分", where))
        elif ind.weight is not None and ind.weight == 0:
            findings.append(Finding(ERROR, "weight-zero", f"“{ind.name}”的分值为0：这一行不计分", where))
        rule_findings = _rule_findings(row, where, compiled.reader.units)
        findings.extend(rule_findings)
        shown = {f.message for f in rule_findings}  # a conflict is said once, by its own code
        findings.extend(Finding(WARNING, "read-as", note, where) for note in row.notes if note not in shown)
        if row.target_error is not None:
            findings.append(Finding(ERROR, "target-unreadable", row.target_error.render(context=False), where))
            continue
        assert row.target is not None
        parsed.append((ind, row.target))
        findings.extend(_target_findings(table, ind, row.target, where))
    for name, count in names.items():
        if count > 1:
            findings.append(Finding(WARNING, "name-duplicate", f"三级指标“{name}”出现{count}次，实际完成值将无法对应"))
    findings.extend(_weight_findings(table, policy))
    findings.extend(_cost_findings(table, parsed, compiled.reader.units))
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    return tuple(sorted(findings, key=lambda f: order[f.severity]))


def _rule_findings(row: CompiledRow, where: str, units: Units) -> list[Finding]:
    """A 赋分规则 that cannot be read (with its column), cannot measure the row's target (its steps' unit, its
    standard's direction), contradicts it, states other top points than the row's 分值, or a lowest score above
    it (A12)."""
    ind = row.indicator
    if row.rule_unknown:
        try:
            parse_rule(ind.rule)
        except ParseError as exc:
            return [Finding(ERROR, "rule-unreadable", exc.render(context=False), where, exc.column)]
        return [Finding(ERROR, "rule-unreadable", f"“{ind.name}”的赋分规则“{ind.rule.strip()}”无法识别", where, 1)]
    rule = row.plan.written if row.plan is not None else None
    if rule is None:
        return []
    out: list[Finding] = []
    if row.target is not None and row.shape is not None:
        out.extend(Finding(ERROR, code, message, where, column)
                   for code, column, message in fit_findings(rule, row.target, row.shape, ind.target, units))  # fmt: skip
        out.extend(Finding(WARNING, "rule-unit-differs", w, where)
                   for w in fit_of(rule, row.target, ind.target, units).warnings)  # fmt: skip
        out.extend(Finding(WARNING, "rule-conflict", note, where) for note in conflicts(rule, row.shape, row.target))
    top = top_conflict(rule, ind.weight)
    if top is not None:
        out.append(Finding(WARNING, "rule-top-differs", top, where))
    floor = floor_conflict(rule, ind.weight)
    if floor is not None:
        out.append(Finding(WARNING, "rule-floor-above-weight", floor, where))
    return out


def _target_findings(table: Table, ind: Indicator, target: Target, where: str) -> list[Finding]:
    out = []
    is_cost = "成本" in ind.level2 or "成本" in ind.level1
    if isinstance(target, Bound):
        amount = target.amount
        if is_cost and target.op in (Comparator.GE, Comparator.GT):
            out.append(
                Finding(WARNING, "cost-ge", f"成本指标“{ind.name}”写成“{target.op.symbol}”：成本通常应为“≤”", where)
            )
        if amount.unit_text == "%" and amount.value > HUNDRED:
            out.append(Finding(WARNING, "percent-over-100", f"“{ind.name}”的百分比{amount}超过100%", where))
        if amount.unitless:
            out.append(Finding(WARNING, "no-unit", f"“{ind.name}”的指标值“{ind.target}”没有计量单位", where))
    elif isinstance(target, Range):
        if target.high.unit_text == "%" and target.high.value > HUNDRED:
            out.append(Finding(WARNING, "percent-over-100", f"“{ind.name}”的区间上限{target.high}超过100%", where))
    elif isinstance(target, Deadline | Date | Period):
        day = target.due
        if day is None:
            out.append(
                Finding(ERROR, "date-no-year", f"“{ind.name}”的时限“{ind.target}”未写年份，且指标表未给出年度", where)
            )
        elif table.year is not None and day.year != table.year:
            out.append(
                Finding(
                    WARNING,
                    "date-outside-year",
                    f"“{ind.name}”的时限{day.isoformat()}不在预算年度{table.year}年内",
                    where,
                )
            )
    return out


def _weight_findings(table: Table, policy: Policy) -> list[Finding]:
    # a 分值 out of range (1E+308) is an error of its row, not a part of the sums
    usable = [ind for ind in table.indicators if ind.weight is not None and fits(ind.weight, MAX_WEIGHT_DIGITS)]
    weights = [ind.weight for ind in usable if ind.weight is not None]
    total = sum(weights, Decimal(0))
    out = []
    with_budget = total + policy.budget_weight
    budget_line = table.budget is not None or table.budget_weight is not None
    if total == HUNDRED and budget_line and policy.budget_weight:
        # score adds the budget line to the maximum: say so before the year, not after (A9)
        maximum = show(with_budget)
        out.append(
            Finding(
                WARNING,
                "weights-sum",
                f"三级指标分值合计100，表中另有预算执行率{show(policy.budget_weight)}分：满分为{maximum}"
                f"（100 + {show(policy.budget_weight)}），得分率按总分 ÷ {maximum} 计算",
            )
        )
    elif with_budget != HUNDRED and total != HUNDRED:
        expected = HUNDRED - policy.budget_weight
        out.append(
            Finding(
                ERROR,
                "weights-sum",
                f"三级指标分值合计为{show(total)}：加预算执行率{show(policy.budget_weight)}分应为100，"
                f"即三级指标合计应为{show(expected)}（不设预算执行率时为100）",
            )
        )
    else:
        line = f"三级指标分值合计{show(total)}" + (
            f" + 预算执行率{show(policy.budget_weight)} = 100" if with_budget == HUNDRED else " = 100（不含预算执行率）"
        )
        out.append(Finding(INFO, "weights-sum", line))
    by_level1: dict[str, Decimal] = defaultdict(Decimal)
    for ind in usable:
        if ind.weight is not None:
            by_level1[normalize(ind.level1)] += ind.weight
    for level1, weight in table.level1_weights:
        got = by_level1.get(normalize(level1), Decimal(0))
        if got != weight:
            out.append(
                Finding(
                    ERROR,
                    "level1-sum",
                    f"一级指标“{level1}”设为{show(weight)}分，其下三级指标分值合计却为{show(got)}",
                )
            )
    return out


def _cost_findings(table: Table, parsed: list[tuple[Indicator, Target]], units: Units) -> list[Finding]:
    """成本指标 in money against the table's funds (a per-unit cost such as 万元/套 counts once, for one unit)."""
    parts: list[str] = []
    total = Decimal(0)
    for ind, target in parsed:
        if not ("成本" in ind.level2 or "成本" in ind.level1) or not isinstance(target, Bound):
            continue
        if target.op not in (Comparator.LE, Comparator.LT, Comparator.EQ):
            continue
        money = _in_wanyuan(target.amount, units)
        if money is not None:
            total += money[0]
            parts.append(money[1])
    funds = table.funds.total
    if not parts or funds is None:
        return []
    summed = " + ".join(parts)
    line = f"成本指标合计 {summed} = {q2(total)}万元"
    if total > funds:
        return [Finding(ERROR, "cost-over-funds", f"{line}，超过{_funds_name(table)}{written(funds)}万元")]
    return [Finding(INFO, "cost-funds", f"{line}，未超过{_funds_name(table)}{written(funds)}万元")]


def _in_wanyuan(amount: Amount, units: Units) -> tuple[Decimal, str] | None:
    """A money amount in 万元 (``48.30万元/套`` counts as one 套), or None for anything else."""
    wanyuan = units.parse_unit("万元")
    dims = units.dimensions(amount.unit)
    if dims == {"[currency]": 1}:
        value = Decimal(amount.quantity.to(wanyuan).magnitude)
        return value, f"{show(value)}万元"
    per_unit = units.per_counting_unit(amount.unit)
    if dims.get("[currency]") == 1 and per_unit is not None:
        base, word = per_unit
        value = Decimal(units.registry.Quantity(amount.value, base).to(wanyuan).magnitude)
        return value, f"{show(value)}万元（{amount}，按1{word}计）"
    return None


def _funds_name(table: Table) -> str:
    return "部门年度预算" if table.kind == "department" else "项目资金总额"

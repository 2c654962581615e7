"""``scoring rule``: how a 赋分规则 reads, its conflicts with a target, and (with an actual) the score it gives.

Without ``--actual`` the rule is read and described clause by clause; with ``--target`` (and ``--weight``) what
contradicts the target (``check``'s ``rule-conflict`` and ``rule-top-differs``) is listed as warnings. With
``--actual`` (which needs ``--target``) a one-row table is scored through the library's one path
(:func:`scoring.engine.indicator.score_indicator`) and every step is shown. ``--weight`` defaults to the top the
rule states (``计5分`` → 5), else 10. ``--name`` is the row's 三级指标: a bare value on a name that says less is
better (``预算调整率`` ``3%``) is then 反向, as ``score`` reads it; without it the direction comes only from the
comparator, and a bare value says so. Exit codes as ``parse``: 0 read (and scored); 1 the rule or the target
cannot be read, or the row cannot be scored; 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from scoring.cli.main import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from scoring.cli.options import policy_overrides, reader
from scoring.engine.compile import compile_row
from scoring.engine.indicator import score_indicator
from scoring.engine.policy import Policy, RuleKind
from scoring.engine.results import Score, Status
from scoring.engine.written import conflicts, fit_findings, floor_conflict, top_conflict
from scoring.engine.written_fit import fit_of
from scoring.errors import ScoringError, UsageError
from scoring.language.errors import ParseError
from scoring.language.reader import Reader
from scoring.language.rule_model import AllOrNothing, Family, Graded, Proportional, WrittenRule
from scoring.language.rule_reader import parse_rule
from scoring.language.targets import Bound
from scoring.numbers import written
from scoring.report.rule_words import SATISFACTION, describe_rule, rule_as_dict
from scoring.report.wording import step_texts
from scoring.tables.model import Indicator

__all__ = ["DEFAULT_WEIGHT", "run"]

#: The 分值 of the row scored when neither ``--weight`` nor the rule gives one.
DEFAULT_WEIGHT = Decimal(10)
#: The 三级指标 of the row when ``--name`` is not given: a name from which no direction is inferred (A2).
NO_NAME = "指标"
_NO_NAME_NOTE = ("未给出 --name（三级指标名称）：指标值为不带比较符的数值，方向只按比较符判断（按正向）；"
                 "名称表明越低越好的指标（如“预算调整率”）请给出 --name")  # fmt: skip
_NO_YEAR = "未写年份，且指标表未给出年度"
_NAMED: dict[RuleKind, Family] = {
    RuleKind.PROPORTIONAL: Proportional(), RuleKind.DIRECT: AllOrNothing(), RuleKind.GRADED: Graded(),
}  # fmt: skip


def _weight(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.strip().removesuffix("分"))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise UsageError(f"--weight（分值）应为数字，却是“{text}”")
    return value


def _read(text: str, policy: Policy) -> tuple[WrittenRule | None, tuple[str, ...], dict[str, Any]]:
    """The typed rule (None for 满意度赋分), how it reads and its data; a rule name the policy knows comes first,
    as the engine reads it (A1)."""
    kind = policy.rule_kind(text)
    if kind is RuleKind.SATISFACTION:
        return None, SATISFACTION, {"family": "satisfaction", "text": text}
    rule = WrittenRule(text, _NAMED[kind]) if kind in _NAMED else parse_rule(text)
    return rule, describe_rule(rule, partial_steps=policy.partial_steps), rule_as_dict(rule)


def _failed(args: argparse.Namespace, exc: ParseError, field: str) -> int:
    if args.json:
        record = {"ok": False, "input": field, "error": exc.message, "column": exc.column}
        print(json.dumps(record, ensure_ascii=False))
    else:
        print(f"✗ {exc.render()}")
    return EXIT_INCOMPLETE


def run(args: argparse.Namespace) -> int:
    """Read the rule; with a target, list conflicts; with an actual, score one row and show its steps."""
    try:
        if args.actual is not None and args.target is None:
            raise UsageError("给出 --actual（实际完成值）时须同时给出 --target（指标值）")
        weight = _weight(args.weight)
        policy = Policy.layered(policy_overrides(args))
        chosen = reader(args)
    except ScoringError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        rule, reading, data = _read(args.text, policy)
    except ParseError as exc:
        return _failed(args, exc, "rule")
    record: dict[str, Any] = {"ok": True, "rule": data, "reading": list(reading)}
    warnings: list[str] = []
    if rule is not None and weight is not None and (top := top_conflict(rule, weight)):
        warnings.append(top)
    if rule is not None and weight is not None and (floor := floor_conflict(rule, weight)):
        warnings.append(floor)
    name = getattr(args, "name", None) or NO_NAME  # --name (scoring.cli.main defines the option)
    if args.target is not None:
        try:
            target = chosen.target(args.target, args.year)
        except ParseError as exc:
            return _failed(args, exc, "target")
        if name == NO_NAME and isinstance(target, Bound) and target.implied:
            warnings.append(_NO_NAME_NOTE)
    if args.actual is None:
        if args.target is not None and rule is not None:
            errors, found = _conflicts(args, name, rule, weight, policy, chosen)
            warnings[:0] = found
            if errors:
                record |= {"ok": False, "errors": errors}
        record["warnings"] = warnings
        return _print(args, record, None)
    if weight is None:
        weight = rule.top if rule is not None and rule.top is not None else DEFAULT_WEIGHT
    row = Indicator(name=name, target=args.target, actual=args.actual, weight=weight, rule=args.text)
    score = score_indicator(row, args.year, policy, chosen)
    steps = step_texts(score.steps)
    record |= {"weight": written(weight), "status": score.status.code, "points": None, "steps": list(steps)}
    record["warnings"] = list(dict.fromkeys((*score.warnings, *warnings)))
    if score.points is not None:
        record["points"] = written(score.points)
    if score.error is not None:
        hint = "（未写年份的日期请用 --year 给出年度）" if _NO_YEAR in score.error and args.year is None else ""
        record |= {"ok": False, "error": score.error + hint}
    return _print(args, record, score)


def _conflicts(
    args: argparse.Namespace, name: str, rule: WrittenRule, weight: Decimal | None, policy: Policy, chosen: Reader
) -> tuple[list[str], list[str]]:
    """Why the rule cannot score the target (errors) and what in it contradicts the target (warnings), as
    ``check`` finds them (the row compiled as ``score`` would)."""
    row = compile_row(Indicator(name=name, target=args.target, weight=weight, rule=args.text), args.year, policy,
                      chosen)  # fmt: skip
    if row.target is None or row.shape is None:
        return [], []
    errors = [message for _, _, message in fit_findings(rule, row.target, row.shape, args.target, chosen.units)]
    found = [*fit_of(rule, row.target, args.target, chosen.units).warnings, *conflicts(rule, row.shape, row.target)]
    return errors, found


def _print(args: argparse.Namespace, record: dict[str, Any], score: Score | None) -> int:
    code = EXIT_OK if record["ok"] else EXIT_INCOMPLETE
    if args.json:
        print(json.dumps(record, ensure_ascii=False))
        return code
    out = [f"赋分规则：{' '.join(args.text.split())}"]
    out.extend(f"  {line}" for line in record["reading"])
    if score is not None:
        out.append(f"指标值：{args.target}  实际完成值：{args.actual}  分值：{record['weight']}")
        if score.status is Status.NOT_APPLICABLE:
            out.append("不适用：不计入总分和满分")
        elif record["points"] is not None:
            out.append(f"得分：{record['points']}（{score.status.value}）")
        out.extend(f"  {n}. {text}" for n, text in enumerate(record["steps"], 1))
        if score.error is not None:
            out.append(f"无法评分：{record['error']}")
    elif args.target is not None and not record["warnings"] and not record.get("errors"):
        out.append(f"与指标值“{args.target}”无冲突")
    out.extend(f"错误：{e}" for e in record.get("errors", ()))
    out.extend(f"注意：{w}" for w in record["warnings"])
    print("\n".join(out))
    return code

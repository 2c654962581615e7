"""``scoring score`` and ``scoring check``: read files, call the engine, print the report. Messages are Chinese."""

from __future__ import annotations

import argparse
import sys
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from scoring.check import check_table
from scoring.engine import score_table
from scoring.errors import ScoringError
from scoring.model import Budget
from scoring.policy import DEFAULT_POLICY, Policy
from scoring.report import FORMATS, render, render_findings, write_xlsx
from scoring.tables import apply_actuals, load_actuals, load_table

__all__ = ["register"]

EXIT_OK, EXIT_INCOMPLETE, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """A command-line mistake or an unreadable file: exit 2 with a Chinese message."""


def register(sub: Any) -> None:
    """Add ``score`` and ``check`` to the ``scoring`` command line."""
    score = sub.add_parser(
        "score",
        help="按赋分规则评分（得分、预算执行率、总分与等级）",
        description="对绩效目标表或自评表评分：逐项给出得分及计算过程，再给出预算执行率、总分与等级。",
    )
    score.add_argument("table", metavar="指标表", help="绩效目标表（.toml/.csv/.xlsx），或带“实际完成值”列的自评表")
    score.add_argument("--actuals", metavar="文件", help="年终实际完成值文件（按三级指标名称对应）")
    score.add_argument("--budget", metavar="全年预算数", help="全年预算数（万元）")
    score.add_argument("--spent", metavar="全年执行数", help="全年执行数（万元）")
    score.add_argument("--format", choices=FORMATS, default="table", help="输出格式（默认 table）")
    score.add_argument("--json", action="store_true", help="同 --format json")
    score.add_argument("-o", "--output", metavar="文件", help="写入文件（xlsx 格式必须指定）")
    score.add_argument("--policy", metavar="文件", help="评分口径文件（TOML），覆盖默认口径与指标表中的口径")
    score.add_argument("--tolerance", metavar="分", help="审核容差：自评得分与计算得分相差超过此值时标记（默认0.1）")
    score.add_argument("--units", action="append", default=[], metavar="文件", help="追加的单位定义文件（可多次）")
    score.set_defaults(handler=_run_score)

    check = sub.add_parser(
        "check",
        help="年初检查绩效目标表（指标值、分值、成本、时限、赋分规则）",
        description="在年初检查绩效目标表：指标值能否识别、分值合计、成本指标、百分比、时限与赋分规则。",
    )
    check.add_argument("table", metavar="指标表", help="绩效目标表（.toml/.csv/.xlsx）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check.add_argument("--policy", metavar="文件", help="评分口径文件（TOML）")
    check.add_argument("--units", action="append", default=[], metavar="文件", help="追加的单位定义文件（可多次）")
    check.set_defaults(handler=_run_check)


def _decimal(name: str, text: str) -> Decimal:
    try:
        value = Decimal(text.strip().removesuffix("万元"))
    except InvalidOperation as exc:
        raise _UsageError(f"{name}应为数字（万元），却是“{text}”") from exc
    if not value.is_finite():
        raise _UsageError(f"{name}应为数字（万元），却是“{text}”")
    return value


def _policy_file(path: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise _UsageError(f"评分口径文件“{path}”无法读取：{exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _UsageError(f"评分口径文件“{path}”不是有效的 TOML：{exc}") from exc
    section = data.get("policy", data)
    if not isinstance(section, dict):
        raise _UsageError(f"评分口径文件“{path}”中的 [policy] 应为表")
    return section


def _policy(args: argparse.Namespace, table_policy: dict[str, Any]) -> Policy:
    options: dict[str, Any] = {}
    if getattr(args, "policy", None):
        options.update(_policy_file(args.policy))
    if getattr(args, "tolerance", None) is not None:
        options["tolerance"] = args.tolerance
    return DEFAULT_POLICY.merged(table_policy).merged(options)


def _run_score(args: argparse.Namespace) -> int:
    try:
        return _score(args)
    except (_UsageError, ScoringError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE


def _score(args: argparse.Namespace) -> int:
    fmt = "json" if args.json else args.format
    if fmt == "xlsx" and not args.output:
        raise _UsageError("xlsx 格式需要用 -o 指定输出文件")
    if (args.budget is None) != (args.spent is None):
        raise _UsageError("--budget（全年预算数）与 --spent（全年执行数）须同时给出")
    table = load_table(args.table)
    notes: tuple[str, ...] = ()
    if args.actuals:
        table, notes = apply_actuals(table, load_actuals(args.actuals))
    budget = None
    if args.budget is not None:
        budget = Budget(_decimal("全年预算数", args.budget), _decimal("全年执行数", args.spent))
    policy = _policy(args, table.policy)
    result = score_table(table, budget=budget, policy=policy)
    if notes:
        result = attrs.evolve(result, notes=result.notes + notes)
    if fmt == "xlsx":
        write_xlsx(result, args.output)
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        text = render(result, fmt)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
            print(f"已写入 {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(text)
    return EXIT_OK if result.complete else EXIT_INCOMPLETE


def _run_check(args: argparse.Namespace) -> int:
    try:
        table = load_table(args.table)
        policy = _policy(args, table.policy)
    except (_UsageError, ScoringError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    findings = check_table(table, policy)
    title = f"检查：{table.project or table.title}（{args.table}）"
    sys.stdout.write(render_findings(title, findings, as_json=args.json))
    return EXIT_INCOMPLETE if any(f.is_error for f in findings) else EXIT_OK

"""The ``scoring`` command: its sub-commands and options, defined once; each command runs one handler.

Shared options (``--units``, ``--policy``, ``--json``, ``--jobs``/``--quiet``) are defined once here as parent parsers
and read in one place (:mod:`scoring.cli.options`). Exit codes: 0 success, 1 something could not be scored (or
judged) or read, 2 usage, 3 done but something to look at (audit differences; rows left unexplained).
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from scoring.version import version

__all__ = ["EXIT_DIFFERENCES", "EXIT_INCOMPLETE", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

#: 0 done; 1 something could not be scored or read; 2 usage error or unreadable input; 3 scored, but the sheet's
#: own points differ from the computed ones (audit differences) — for ``monitor``: rows that must be explained
#: lack a 偏差原因 or a 完成目标可能性.
EXIT_OK, EXIT_INCOMPLETE, EXIT_USAGE, EXIT_DIFFERENCES = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command whose reader closed the pipe
FORMATS = ("table", "json", "jsonl", "csv", "xlsx", "md")  # scoring.report.FORMATS, without importing the report


#: The years a table may have (scoring.language.dates.MIN_YEAR / MAX_YEAR; not imported, to keep --help fast).
YEARS = (1900, 2099)


def _year(text: str) -> int:
    """``--year``: a whole number within :data:`YEARS`, else a usage error (exit 2)."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为整数，却是“{text}”") from None
    if not YEARS[0] <= year <= YEARS[1]:
        raise argparse.ArgumentTypeError(f"年度应在{YEARS[0]}至{YEARS[1]}之间，却是{year}")
    return year


#: argparse's messages (English) in Chinese: (pattern, wording); the groups are the option and the value.
_ARGPARSE = (
    (re.compile(r"^unrecognized arguments: (.*)$", re.S), "无法识别的参数：{0}"),
    (re.compile(r"^the following arguments are required: (.*)$", re.S), "缺少参数：{0}"),
    (
        re.compile(r"^argument command: invalid choice: '(.*)' \(choose from (.*)\)$", re.S),
        "未知的命令“{0}”，可用：{1}",
    ),
    (re.compile(r"^argument (\S+): invalid (?:int|float) value: '(.*)'$", re.S), "{0} 的值“{1}”应为整数"),
    (
        re.compile(r"^argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)$", re.S),
        "{0} 的值“{1}”无法识别，可用：{2}",
    ),
    (re.compile(r"^argument (\S+): expected one argument$"), "{0} 后应有一个值"),
    (re.compile(r"^argument (\S+): expected at least one argument$"), "{0} 后应至少有一个值"),
    (re.compile(r"^argument (\S+): not allowed with argument (\S+)$"), "{0} 不能与 {1} 同用"),
    (
        re.compile(r"^(?:argument \S+: )?ambiguous option: (\S+) could match (.*)$", re.S),
        "选项 {0} 不明确，可能是：{1}",
    ),
    (re.compile(r"^argument (\S+): (.*)$", re.S), "{0}：{1}"),
)


def chinese_usage(message: str) -> str:
    """An argparse error message in Chinese (a message not listed is kept as it is)."""
    for pattern, wording in _ARGPARSE:
        found = pattern.match(message)
        if found:
            return wording.format(*(g.replace("'", "") for g in found.groups()))
    return message


class _Formatter(argparse.HelpFormatter):
    """Help in Chinese: ``用法：`` instead of ``usage:``."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese help, Chinese usage errors and exit code 2."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(f"{self.prog}：参数错误：{chinese_usage(message)}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _shared() -> dict[str, _Parser]:
    """The options several commands share, each defined once."""
    units = _Parser(add_help=False)
    units.add_argument("--units", action="append", default=[], metavar="文件", help="追加的单位定义文件（可多次）")
    policy = _Parser(add_help=False)
    policy.add_argument("--policy", metavar="文件", help="评分口径文件（TOML），覆盖默认口径与指标表中的口径")
    as_json = _Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="以 JSON 输出")
    batch = _Parser(add_help=False)
    batch.add_argument("--jobs", type=int, default=1, metavar="N", help="批量处理时用 N 个进程（输出顺序不变）")
    batch.add_argument("--quiet", action="store_true", help="不显示进度条")
    return {"units": units, "policy": policy, "json": as_json, "batch": batch}


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: every sub-command with its options and the module that runs it."""
    shared = _shared()
    parser = _Parser(
        prog="scoring",
        description="预算绩效目标评分：读取指标值、按赋分规则评分并解释每一分。",
        epilog="退出码：0 完成；1 有指标无法评分（或 check 发现错误）；2 用法错误或文件无法读取；3 评分完整但自评得分与计算得分不一致"
        "（monitor：有需说明的指标未填偏差原因或完成目标可能性）。",
    )
    parser.add_argument("--version", action="version", version=f"scoring {version()}", help="显示版本号")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser(
        "parse",
        parents=[shared["json"], shared["units"]],
        help="解析指标值或实际完成值",
        description="解析指标值 / 实际完成值，输出其类型与数值。",
    )
    p.add_argument("texts", nargs="*", metavar="文本", help="要解析的指标值；省略时从标准输入每行读一条")
    # a negative actual such as -5% (变动率) is a text to read, not an option
    p._negative_number_matcher = re.compile(r"^-[\d.]")
    p.add_argument("--year", type=_year, default=None, metavar="年度", help="指标表年度，用于“年底前”等未写年份的日期")
    p.add_argument("--actual", action="store_true", help="按实际完成值解析（出错信息称“实际完成值”）")
    p.set_defaults(handler="scoring.cli.parse_cmd")

    s = sub.add_parser(
        "score",
        parents=[shared["json"], shared["units"], shared["policy"], shared["batch"]],
        help="按赋分规则评分（得分、预算执行率、总分与等级）",
        description="对绩效目标表或自评表评分：逐项给出得分及计算过程，再给出预算执行率、总分与等级。",
    )
    s.add_argument(
        "table",
        nargs="+",
        metavar="指标表",
        help="绩效目标表或自评表（.toml/.csv/.xlsx）；可给多个文件或目录（递归查找），即批量评分",
    )
    s.add_argument("--actuals", metavar="文件", help="年终实际完成值文件（按三级指标名称对应）")
    s.add_argument("--budget", metavar="全年预算数", help="全年预算数（万元）")
    s.add_argument("--spent", metavar="全年执行数", help="全年执行数（万元）")
    s.add_argument(
        "--format", choices=FORMATS, default=None, help="输出格式（默认 table；有 -o 时按扩展名；--json 同 json）"
    )
    s.add_argument(
        "-o", "--output", metavar="文件", help="写入文件，格式按扩展名：.xlsx .csv .json .jsonl .md（xlsx 必须指定）"
    )
    s.add_argument("--tolerance", metavar="分", help="审核容差：自评得分与计算得分相差超过此值时标记（默认0.1）")
    s.add_argument("--output-dir", metavar="目录", help="批量评分时，为每张表写出填好的自评表（.xlsx）")
    s.set_defaults(handler="scoring.cli.score_cmd")

    m = sub.add_parser(
        "monitor",
        parents=[shared["json"], shared["units"], shared["policy"], shared["batch"]],
        help="年中绩效运行监控（指标灯与资金灯，“双监控”）",
        description="对绩效目标执行监控表做年中监控：逐项给出计划进度、完成进度与红黄绿蓝灯及其计算过程，"
        "标出预计无法完成和须说明偏差原因的指标，并给出资金执行进度的灯。",
    )
    m.add_argument(
        "table",
        nargs="+",
        metavar="监控表",
        help="绩效目标执行监控表（.toml/.csv/.xlsx）；可给多个文件或目录（递归查找），即批量监控",
    )
    m.add_argument("--actuals", metavar="文件", help="1-M月执行情况文件（按三级指标名称对应）")
    m.add_argument(
        "--month", type=int, default=None, metavar="M", help="数据截至的月份（1-12）；省略时取表头“1-M月执行情况”"
    )
    m.add_argument("--budget", metavar="全年预算数", help="全年预算数（万元）")
    m.add_argument("--spent", metavar="1-M月执行数", help="1-M月执行数（万元）")
    m.add_argument(
        "--format",
        choices=("table", "json", "jsonl", "xlsx", "md"),
        default=None,
        help="输出格式（默认 table；有 -o 时按扩展名；--json 同 json）",
    )
    m.add_argument(
        "-o",
        "--output",
        metavar="文件",
        help="写入文件，格式按扩展名：.xlsx（监控表；批量时为汇总/明细）.json .jsonl .md",
    )
    m.set_defaults(handler="scoring.cli.monitor_cmd")

    c = sub.add_parser(
        "check",
        parents=[shared["json"], shared["units"], shared["policy"]],
        help="年初检查绩效目标表（指标值、分值、成本、时限、赋分规则）",
        description="在年初检查绩效目标表：指标值能否识别、分值合计、成本指标、百分比、时限与赋分规则。",
    )
    c.add_argument("table", metavar="指标表", help="绩效目标表（.toml/.csv/.xlsx）")
    c.set_defaults(handler="scoring.cli.check_cmd")

    r = sub.add_parser(
        "rule",
        parents=[shared["json"], shared["units"], shared["policy"]],
        help="解析赋分规则（逐句说明；给出实际完成值时按规则评分）",
        description="解析赋分规则，逐句说明引擎如何理解；给出 --target 时列出与指标值的冲突；"
        "给出 --actual 时按规则对一行评分并列出每一步。",
    )
    r.add_argument("text", metavar="赋分规则", help="赋分规则原文，如“每超过一个百分点扣0.5分，扣完为止”")
    r._negative_number_matcher = re.compile(r"^-[\d.]")  # --actual -5% is a value, not an option
    r.add_argument("--target", metavar="指标值", help="本行指标值，如“≤100%%”（用于检查冲突与评分）")
    r.add_argument("--actual", metavar="实际完成值", help="实际完成值：给出时按规则评分（须同时给出 --target）")
    r.add_argument("--weight", metavar="分值", help="本行分值（默认取规则写明的满分，如“计5分”为5；未写时为10）")
    r.add_argument("--year", type=_year, default=None, metavar="年度", help="指标表年度，用于“年底前”等未写年份的日期")
    r.add_argument("--name", metavar="三级指标", help="本行三级指标名称（用于按名称判断反向指标，如“预算调整率”）")
    r.set_defaults(handler="scoring.cli.rule_cmd")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``scoring`` console script; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    argv = list(sys.argv[1:] if argv is None else argv)
    undecodable = next((a for a in argv if _has_surrogates(a)), None)
    if undecodable is not None:
        shown = undecodable.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        print(f"scoring：参数错误：参数“{shown}”含有无法解码的字节（应为 UTF-8 文本）", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handler = importlib.import_module(args.handler)
    try:
        code: int = handler.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (``scoring score … | head -1``): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return code


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in text)

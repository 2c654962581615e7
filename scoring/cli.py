"""The command line: ``scoring parse | score | check``. User-facing text is Chinese."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese usage errors and exit code 2."""

    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        print(f"{self.prog}：参数错误：{message}", file=sys.stderr)
        sys.exit(2)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="scoring", description="预算绩效目标评分：读取指标值、按赋分规则评分并解释每一分。")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser(
        "parse", help="解析指标值或实际完成值", description="解析指标值 / 实际完成值，输出其类型与数值。"
    )
    p.add_argument("texts", nargs="*", metavar="文本", help="要解析的指标值；省略时从标准输入每行读一条")
    # a negative actual such as -5% (变动率) is a text to read, not an option
    p._negative_number_matcher = re.compile(r"^-[\d.]")
    p.add_argument("--json", action="store_true", help="每条输出一行 JSON")
    p.add_argument("--year", type=int, default=None, metavar="年度", help="指标表年度，用于“年底前”等未写年份的日期")
    p.add_argument("--actual", action="store_true", help="按实际完成值解析（出错信息称“实际完成值”）")
    p.add_argument("--units", action="append", default=[], metavar="文件", help="追加的单位定义文件（可多次）")

    _add_engine_commands(sub)
    return parser


def _add_engine_commands(sub: Any) -> None:
    """``score`` and ``check`` (scoring.commands), registered when the engine is installed."""
    import importlib

    try:
        commands = importlib.import_module("scoring.commands")
    except ModuleNotFoundError:  # until the engine's commands exist
        return
    commands.register(sub)


def _inputs(texts: Sequence[str], stdin: TextIO) -> Iterable[str]:
    if texts:
        yield from texts
        return
    for line in stdin:
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def _run_parse(args: argparse.Namespace, out: TextIO) -> int:
    from scoring.display import pad
    from scoring.parse import ParseError, parse_actual, parse_target

    read = parse_actual if args.actual else parse_target
    failed = 0
    for text in _inputs(args.texts, sys.stdin):
        try:
            target = read(text, year=args.year)
        except ParseError as exc:
            failed += 1
            if args.json:
                record = {"input": text, "ok": False, "error": exc.message, "column": exc.column}
                print(json.dumps(record, ensure_ascii=False), file=out)
            else:
                print(f"✗ {exc}", file=out)
            continue
        if args.json:
            print(json.dumps({"input": text, "ok": True, **target.to_dict()}, ensure_ascii=False), file=out)
        else:
            print(f"✓ {pad(' '.join(text.split()), 16)} {target.describe()}", file=out)
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``scoring`` console script; returns the exit code."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if getattr(args, "units", None):
        from scoring import units
        from scoring.errors import UnitError

        try:
            units.use_definitions(*args.units)
            units.get_registry()
        except UnitError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
    if args.command == "parse":
        return _run_parse(args, sys.stdout)
    handler = getattr(args, "handler", None)
    if handler is None:  # pragma: no cover - every sub-command sets one
        parser.print_help()
        return 2
    code: int = handler(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

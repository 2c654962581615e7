"""``scoring parse``: read 指标值 / 实际完成值 texts (arguments or standard input) and describe them."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from typing import TextIO

from scoring.cli.main import EXIT_INCOMPLETE, EXIT_OK, EXIT_USAGE
from scoring.cli.options import reader
from scoring.display import pad
from scoring.errors import ScoringError
from scoring.language.errors import ParseError

__all__ = ["run"]


def _inputs(texts: Sequence[str], stdin: TextIO) -> Iterable[str]:
    if texts:
        yield from texts
        return
    for line in stdin:
        line = line.rstrip("\r\n")
        if line.strip():
            yield line


def run(args: argparse.Namespace) -> int:
    """Parse each text; exit 1 when any failed."""
    try:
        chosen = reader(args)
    except ScoringError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    read = chosen.actual if args.actual else chosen.target
    out = sys.stdout
    failed = 0
    for text in _inputs(args.texts, sys.stdin):
        try:
            target = read(text, args.year)
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
    return EXIT_INCOMPLETE if failed else EXIT_OK

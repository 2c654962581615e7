"""How fast rows are scored: indicator rows per second on one core, for the coming provincial batches.

Run by hand (never inside the test suite):

    .venv/bin/python benchmarks/bench_score.py [--rows 50000] [--repeat 3]

Rows are the seed tables' indicators with their example actuals, the actual's number varied row by row (so
actuals are mostly distinct, targets repeat as in a real province). The aim for batches is >= 100,000 rows/s.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from decimal import Decimal
from pathlib import Path

import attrs

from scoring.engine import score_indicator
from scoring.tables import apply_actuals, load_actuals, load_table
from scoring.tables.model import Indicator

SEED = Path(__file__).resolve().parents[1] / "indicators" / "2026-昌吉州对口援疆办"


def _rows(count: int) -> list[Indicator]:
    base: list[Indicator] = []
    for table_file in sorted(SEED.glob("*.toml")):
        if ".实际完成值" in table_file.name:
            continue
        actuals = table_file.with_name(table_file.stem + ".实际完成值.toml")
        table, _ = apply_actuals(load_table(table_file), load_actuals(actuals))
        base.extend(attrs.evolve(i, reported=None) for i in table.indicators)
    rows = []
    for n in range(count):
        ind = base[n % len(base)]
        actual = ind.actual or ""
        step = Decimal(n % 97) / 100
        varied = re.sub(r"\d+(?:\.\d+)?", lambda m, step=step: str(Decimal(m.group()) + step), actual, count=1)
        rows.append(attrs.evolve(ind, actual=varied))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    rows = _rows(args.rows)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for row in rows:
            score_indicator(row, 2026)
        best = min(best, time.perf_counter() - start)
    rate = len(rows) / best
    print(f"评分速度 / scoring throughput — Python {sys.version.split()[0]}, one core, best of {args.repeat}")
    print(f"{len(rows)} 行 / rows in {best:.3f} s: {rate:,.0f} 行每秒 / rows per second (batch aim 100,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

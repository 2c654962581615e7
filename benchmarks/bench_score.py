"""How fast rows are scored: indicator rows per second on one core, for the provincial batches (issue 8).

Run by hand (never inside the test suite):

    .venv/bin/python benchmarks/bench_score.py [--rows 100000] [--repeat 3] [--variants 97] [--profile]

The rows are the seed tables' indicators with their example actuals, and the corpus rows that have an actual
(tests/corpus/real-targets.tsv: its targets, actuals and weights), so targets recur as in a real province. The
first number of each actual is varied row by row (``--variants`` different numbers per row, so actuals are mostly
distinct); words (达成, 按时完成) and dates stay as written. Three cases:

* 逐行 per row: ``score_indicator(row, 2026)`` for every row.
* 整表 batch: ``score_table(table)`` on tables of 10 rows (a 自评表 with its actual column), the batch path.
* 整表，实际完成值全不重复 batch, every actual distinct: the same tables, each actual's number unique in the run
  (no row is like one scored before: the engine's cost per new row; shown for information, without an aim).

Every round starts with a new Reader (its result caches empty), so the first reads of a run are counted; the best
of ``--repeat`` rounds is reported. The inputs, built before timing, are frozen out of the garbage collector
(``gc.freeze``), as a streamed batch never holds them. The aim for batches is >= 100,000 rows/s.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import os
import pstats
import re
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import attrs

from scoring.engine import score_indicator, score_table
from scoring.language import Reader
from scoring.tables import apply_actuals, load_actuals, load_table
from scoring.tables.model import Budget, Indicator, Table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "indicators" / "2026-昌吉州对口援疆办"
CORPUS = ROOT / "tests" / "corpus" / "real-targets.tsv"
TABLE_ROWS = 10
AIM = 100_000
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DATE = re.compile(r"\d+\s*[年月日号]|\d{4}[-./]\d")


def base_rows() -> list[Indicator]:
    """The seed tables' rows with their example actuals, then the corpus rows that have an actual."""
    base: list[Indicator] = []
    for table_file in sorted(SEED.glob("*.toml")):
        if ".实际完成值" in table_file.name:
            continue
        actuals = table_file.with_name(table_file.stem + ".实际完成值.toml")
        table, _ = apply_actuals(load_table(table_file), load_actuals(actuals))
        base.extend(attrs.evolve(i, reported=None) for i in table.indicators if i.weight is not None)
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row["actual"] or not row["target"]:
                continue
            weight = row["weight"] if row["weight"].replace(".", "", 1).isdigit() else "10"
            base.append(Indicator(name=row["level3"], target=row["target"], weight=weight, actual=row["actual"]))
    return base


def vary(actual: str, variant: int) -> str:
    """The actual with its first number moved by ``variant`` hundredths (words and dates stay as written)."""
    if _DATE.search(actual):
        return actual
    step = Decimal(variant) / 100
    return _NUMBER.sub(lambda m: str(Decimal(m.group()) + step), actual, count=1)


def make_rows(count: int, variants: int | None) -> list[Indicator]:
    """``count`` rows cycling through the base rows; ``variants=None`` makes every number unique in the run."""
    base = base_rows()
    rows = []
    for n in range(count):
        ind = base[n % len(base)]
        variant = n // len(base) if variants is None else n % variants
        rows.append(attrs.evolve(ind, actual=vary(ind.actual or "", variant)))
    return rows


def make_tables(rows: Sequence[Indicator]) -> list[Table]:
    """Tables of ``TABLE_ROWS`` rows, each with the year and a budget line, as a 自评表 gives them."""
    budget = Budget(planned="106.00", spent="100.70")
    return [
        Table("项目支出绩效自评表", tuple(rows[i : i + TABLE_ROWS]), year=2026, budget=budget, project=f"项目{i}")
        for i in range(0, len(rows), TABLE_ROWS)
    ]


def per_row(rows: Sequence[Indicator]) -> Callable[[Reader], int]:
    def run(reader: Reader) -> int:
        for row in rows:
            score_indicator(row, 2026, reader=reader)
        return len(rows)

    return run


def batch(tables: Sequence[Table]) -> Callable[[Reader], int]:
    def run(reader: Reader) -> int:
        count = 0
        for table in tables:
            count += len(score_table(table, reader=reader).lines)
        return count

    return run


def best_rate(run: Callable[[Reader], int], repeat: int) -> tuple[int, float]:
    """Rows and the best time of ``repeat`` rounds, each with a new reader (parser built before timing)."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        reader = Reader()
        reader.target("≥1个")  # build the parser (not timed)
        reader.clear_cache()
        start = time.perf_counter()
        count = run(reader)
        best = min(best, time.perf_counter() - start)
    return count, best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variants", type=int, default=97, help="numbers each row's actual takes (default 97)")
    parser.add_argument("--profile", action="store_true", help="profile one batch round with cProfile")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rows = make_rows(args.rows, args.variants)
    tables = make_tables(rows)
    distinct = make_tables(make_rows(args.rows, None))
    # The inputs are built up front; a batch streams them. Keep them out of the garbage collector's walks, so
    # that what is measured is the scoring (and the engine's own caches), not the size of the input held here.
    gc.collect()
    gc.freeze()
    if args.profile:
        reader = Reader()
        reader.target("≥1个")
        profiler = cProfile.Profile()
        profiler.runcall(batch(tables), reader)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return 0
    cases = [
        ("逐行 per row (score_indicator)", per_row(rows), True),
        ("整表 batch (score_table)", batch(tables), True),
        ("整表，实际完成值全不重复 distinct", batch(distinct), False),
    ]
    print(f"评分速度 / scoring throughput — Python {sys.version.split()[0]}, one core, best of {args.repeat}")
    print(f"{len(base_rows())} 种指标行 / base rows; {TABLE_ROWS} 行每表 / rows per table; variants {args.variants}")
    missed = False
    for name, run, aimed in cases:
        count, seconds = best_rate(run, args.repeat)
        rate = count / seconds
        missed |= aimed and rate < AIM
        mark = ("✓" if rate >= AIM else "✗") if aimed else "—"
        print(f"{name:<36}{count:>9} 行 {seconds:>8.3f} s {rate:>12,.0f} 行每秒  {mark}")
    print(f"目标 / aim: {AIM:,} 行每秒 / rows per second")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())

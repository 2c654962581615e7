"""Batch benchmark: how time and peak memory grow from 10^3 to 10^6 indicator rows (run by hand, not in tests).

    .venv/bin/python benchmarks/bench_batch.py [--sizes 1000,10000,100000,1000000] [--jobs 1] [--plot out.png]

For each size it writes a long-format CSV (项目名称 | 单位名称 | 三级指标 | 指标值 | 实际完成值 | 分值 | 赋分规则, ten
indicators per project, targets drawn from the seed tables and the real-targets corpus, actuals varied), then runs
``scoring score FILE -o out.jsonl --quiet`` in a child process and measures its wall time and peak memory (maximum
resident set size), next to the time Python's ``csv`` module takes just to read the same file. The table is printed
as Markdown (paste it into benchmarks/README.md); ``--plot`` draws time and memory against rows (needs matplotlib:
``pip install matplotlib``).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORING = Path(sys.executable).with_name("scoring")

#: (三级指标, 指标值, 赋分规则, actual template with {v} for a varied number) from the seed tables and the corpus.
ROWS = (
    ("项目个数", "≥110个", "按照完成比例赋分", "{v}个"),
    ("投资计划评审次数", ">=2次", "按照完成比例赋分", "{v}次"),
    ("评审通过率", "=100%", "按照完成比例赋分", "{v}%"),
    ("设备购置成本", "<=48.30万元/套", "按照完成比例赋分", "{v}万元/套"),
    ("其他运行成本", "< =6.70 万元", "按照完成比例赋分", "{v}万元"),
    ("完成时间", "2026年6月30日前", "直接赋分", "2026年6月{d}日"),
    ("保障单位正常运转", "有效保障", "按评判等级赋分", "达成"),
    ("受益人数", "≥2万人次", "按照完成比例赋分", "{v}万"),
    ("资金到位率", "≥95%", "按照完成比例赋分", "{v}%"),
    ("服务对象满意度", "> =96%", "满意度赋分", "{v}%"),
)
VALUES = {"项目个数": 110, "投资计划评审次数": 2, "评审通过率": 100, "设备购置成本": 48.3, "其他运行成本": 6.7,
          "受益人数": 2, "资金到位率": 95, "服务对象满意度": 96}  # fmt: skip


def write_batch(path: Path, rows: int, seed: int = 7) -> None:
    """A long-format CSV of ``rows`` indicator rows, ten per project."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["项目名称", "单位名称", "全年预算数", "全年执行数", "三级指标", "指标值", "实际完成值", "分值", "赋分规则"]
        )
        for n in range(rows):
            project, (name, target, rule, actual) = n // 10, ROWS[n % 10]
            base = VALUES.get(name, 1)
            value = round(base * rng.uniform(0.8, 1.2), 2)
            budget = ["100", f"{rng.uniform(80, 100):.2f}"] if n % 10 == 0 else ["", ""]
            text = actual.format(v=value, d=rng.randint(1, 30))
            out.writerow([f"项目{project:06d}", f"单位{project % 97:03d}", *budget, name, target, text, "9", rule])


def csv_read_seconds(path: Path) -> float:
    """Time for Python's csv module just to read the file (the floor a batch is measured against)."""
    start = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for _ in csv.reader(handle):
            pass
    return time.perf_counter() - start


def run_batch(path: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of ``scoring score FILE -o out.jsonl`` in a child process."""
    output = path.with_suffix(".jsonl")
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(SCORING), "score", str(path), "-o", str(output), "--quiet", "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest of all children so far
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024


def plot(results: Sequence[tuple[int, float, float, float]], target: Path) -> None:
    """Time and peak memory against rows, log-log, drawn to a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r[0] for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.loglog(rows, [r[1] for r in results], "o-", label="scoring score")
    left.loglog(rows, [r[3] for r in results], "s--", label="csv module read")
    left.set(xlabel="rows", ylabel="seconds", title="time")
    left.legend()
    right.semilogx(rows, [r[2] for r in results], "o-")
    right.set(xlabel="rows", ylabel="peak RSS (MiB)", title="memory", ylim=(0, None))
    fig.tight_layout()
    fig.savefig(target, dpi=100)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--plot", type=Path, default=None)
    args = parser.parse_args(argv)
    results = []
    print("| rows | scoring score (s) | rows/s | peak RSS (MiB) | csv read (s) | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"batch-{size}.csv"
            write_batch(path, size)
            read = csv_read_seconds(path)
            seconds, peak = run_batch(path, args.jobs)
            results.append((size, seconds, peak, read))
            print(
                f"| {size:,} | {seconds:.2f} | {size / seconds:,.0f} | {peak:.0f} | {read:.2f} | {seconds / read:.1f}× |"
            )
            sys.stdout.flush()
    if args.plot:
        plot(results, args.plot)
        print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Batch benchmark: how time and peak memory grow from 10^3 to 10^6 indicator rows (run by hand, not in tests).

    .venv/bin/python benchmarks/bench_batch.py [--sizes 1000,10000,100000,1000000] [--jobs 1,2] [--plot out.png]

For each size it writes a long-format CSV (项目名称 | 单位名称 | 三级指标 | 指标值 | 实际完成值 | 分值 | 赋分规则, ten
indicators per project, targets drawn from the seed tables and the real-targets corpus, actuals varied), then runs
``scoring score FILE -o out.jsonl --quiet --jobs N`` in a child process for each N of ``--jobs`` (back to back on
the same file, so that a shared machine's load hits them alike) and measures its wall time, its CPU time (user +
system, its workers included), the peak memory of its largest process (maximum resident set size) and, with
``--jobs`` above 1, the peak of all its processes together (proportional set size, sampled every 50 ms from
``/proc``; shared pages counted once), next to the time Python's ``csv`` module takes just to read the same file.
The JSON lines of every N are compared byte for byte with the first N's. The table is printed as Markdown (paste
it into benchmarks/README.md); ``--plot`` draws time and memory against rows (needs matplotlib:
``pip install matplotlib``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import threading
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


def run_batch(path: Path, jobs: int) -> tuple[float, float, float, float | None, str]:
    """Wall seconds, CPU seconds, peak resident memory of the largest process (MiB), peak memory of all the
    processes together (MiB, None where ``/proc`` cannot tell) and a digest of the JSON lines written, of
    ``scoring score FILE -o out.jsonl --jobs N`` in a child process."""
    output = path.with_suffix(f".{jobs}.jsonl")
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(SCORING), "score", str(path), "-o", str(output), "--quiet", "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sampled: list[float | None] = [0.0]
    watch = threading.Thread(target=_sample, args=(child, sampled), daemon=True)
    watch.start()
    _, _, usage = os.wait4(child.pid, 0)  # this child's own peak (and its workers'), not other children's so far
    seconds = time.perf_counter() - start
    watch.join()
    with output.open("rb") as handle:  # a digest, not the bytes: a child forked from a large process starts large
        written = hashlib.file_digest(handle, "sha256").hexdigest()
    output.unlink()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, sampled[0], written


def _tree(pid: int) -> list[int]:
    """A process and its descendants (Linux ``/proc``)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _pss(pid: int) -> float:
    """A process's proportional set size in KiB (0 once it has ended)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    return next((float(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0.0)


def _sample(child: subprocess.Popen[bytes], peak: list[float | None]) -> None:
    """The largest sum of the process tree's PSS (MiB) while ``child`` runs, into ``peak[0]``."""
    if not Path("/proc/self/smaps_rollup").exists():
        peak[0] = None
        return
    while child.poll() is None:  # poll only looks: the main thread's wait4 reaps the child
        total = sum(_pss(pid) for pid in _tree(child.pid)) / 1024
        peak[0] = max(peak[0] or 0.0, total)
        time.sleep(0.05)


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
    parser.add_argument("--jobs", default="1", help="processes, or several to compare: 1,2")
    parser.add_argument("--plot", type=Path, default=None)
    args = parser.parse_args(argv)
    counts = [int(j) for j in args.jobs.split(",")]
    results = []
    print(
        "| rows | jobs | scoring score (s) | rows/s | CPU (s) | peak RSS (MiB) | all processes (MiB) | csv read (s) | ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = Path(folder) / f"batch-{size}.csv"
            write_batch(path, size)
            read = csv_read_seconds(path)
            first: str | None = None
            for jobs in counts:
                seconds, cpu, peak, total, written = run_batch(path, jobs)
                if first is None:
                    first = written
                    results.append((size, seconds, peak, read))
                same = "" if written == first else " (JSON lines differ!)"
                shown = f"{total:.0f}" if total is not None else "—"
                print(
                    f"| {size:,} | {jobs} | {seconds:.2f} | {size / seconds:,.0f} | {cpu:.1f} | {peak:.0f} | {shown} "
                    f"| {read:.2f} | {seconds / read:.1f}× |{same}"
                )
                sys.stdout.flush()
    if args.plot:
        plot(results, args.plot)
        print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

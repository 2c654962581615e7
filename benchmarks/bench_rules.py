"""How fast 赋分规则 texts are read: rules per second, distinct and repeated, beside 指标值 (run by hand).

    .venv/bin/python benchmarks/bench_rules.py [--n 5000] [--repeat 5]

* distinct (不重复): real rule phrasings (scoring-rules.md §9.1 and §9.2, and the issue's forms) with their numbers
  replaced by a counter, so every text is new; the result cache is cleared before each round.
* repeated (重复): the same phrasings over and over, as a province's tables repeat their rules; the cache answers.
* 指标值 for comparison: the same count of distinct targets (``≥{n}个``-style texts), read by the target reader.

The issue's aim: rule texts parse at the speed of targets, each distinct text once.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import time
from collections.abc import Callable, Sequence

from scoring.language import ParseError, Reader
from scoring.language.rule_reader import RuleReader

PHRASINGS = [
    "以100%为标准。在职人员控制率≦100%,计5分;每超过一个百分点扣0.5分,扣完为止。",
    '"三公经费"变动率≦0,计5分;"三公经费">0,每超过一个百分点扣0.5分,扣完为止。',
    "重点支出安排率≥90%,计5分;80%(含)-90%,计4分;70%(含)-80%,计3分;60%(含)-70%,计2分;低于60%不得分。",
    "预算调整率=0,计3分;0-10%(含),计2分;10-20%(含),计1分;20-30%(含),计0.5分;大于30%不得分。",
    "每出现一个专项未按进度完成资金下达扣0.5分,扣完为止。",
    "无结余,3分;有结余,但不超过上年结转,2分;结余超过上年结转,不得分。",
    "①已制定或具有预算资金管理办法…,1分; ②相关管理制度合法、合规、完整,1分; ③相关管理制度得到有效执行,1分。",
    "按完成比例计算得分,满分为止.",
    "若定量指标为反向指标(即指标值≤*),则得分计算方法应用年度指标值/全年实际值*该指标分值",
    "完成或超额完成目标值得基本分;没有完成的扣分,每低于目标值2%扣1分,最低为零分。",
    "±30%(含)以内得3分 / ±30%-±35%(含)以内得2分 / ±35%-±40%(含)以内得1分",
    "指标完成年度目标即得该项指标满分,未完成目标不得分。",
    "达到…预期目标数的,各得80%标准分;每增加或减少1个百分点,相应增加或扣减得分0.5分",
    "单项工作每延期1天从该项工作系数中扣0.5分。到本月结束该项工作仍未完成的,则该项工作得分为0分。",
    "全部完成(60分)完成80%以上(41-59)完成60%及以上(21-40)完成60%以下(0-20)",
    "每低于通用值5%加3分,直至满分",
]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def distinct(n: int) -> list[str]:
    """``n`` distinct rule texts: the phrasings with their first step or point number varied."""
    out: list[str] = []
    for i in range(n):
        text, k = PHRASINGS[i % len(PHRASINGS)], i // len(PHRASINGS)
        # the first number becomes the counter (a step, a bound or points): every text is new and still reads
        out.append(_NUMBER.sub(str(k + 1), text, count=1) if _NUMBER.search(text) else f"{text}（{k}）")
    return out


def rate(read: Callable[[str], object], texts: Sequence[str], clear: Callable[[], None] | None, repeat: int) -> float:
    """Best-of-``repeat`` texts per second."""
    best = float("inf")
    for _ in range(repeat):
        if clear is not None:
            clear()
        start = time.perf_counter()
        for text in texts:
            with contextlib.suppress(ParseError):
                read(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main(argv: Sequence[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__).parse_known_args(argv)[1]
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args(args)
    rules = RuleReader()
    targets = Reader()
    rules.read(PHRASINGS[0])  # the parser is built (or loaded) before timing
    targets.target("≥1个")
    texts = distinct(options.n)
    unique = len(set(texts))
    target_texts = [f"≥{i}.{i % 7}个" for i in range(options.n)]
    grammar_texts = [f"2026年{i % 12 + 1}月{i % 28 + 1}日前{('建成', '到位', '完成验收')[i % 3]}（{i}）"
                     for i in range(options.n)]  # fmt: skip
    print(f"rule texts, distinct ({unique} texts): {rate(rules.read, texts, rules.clear_cache, options.repeat):,.0f}/s")
    repeated = PHRASINGS * (options.n // len(PHRASINGS))
    print(f"rule texts, repeated ({len(repeated)} reads): {rate(rules.read, repeated, None, options.repeat):,.0f}/s")
    print(f"指标值, distinct ({options.n} texts, simple shapes): "
          f"{rate(targets.target, target_texts, targets.clear_cache, options.repeat):,.0f}/s")  # fmt: skip
    print(f"指标值, distinct ({options.n} texts, through the grammar): "
          f"{rate(targets.target, grammar_texts, targets.clear_cache, options.repeat):,.0f}/s")  # fmt: skip
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"mean rule length {chars:.0f} characters; mean 指标值 length "
          f"{sum(len(t) for t in grammar_texts) / len(grammar_texts):.0f}")  # fmt: skip


if __name__ == "__main__":
    main()

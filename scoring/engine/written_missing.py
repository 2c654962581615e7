"""Steps counting what is missing (``每少一项扣1分``) on a target that is no number (``健全``, A12).

Such a target gives no count to subtract from: the actual says how many items are missing (``缺一项``, ``少2项``,
``缺少1项``), or that nothing is (``已制定``, ``已完成``, ``无缺项``). An actual that says the work was not done
(``未制定``, ``无``) without a number means at least one item is missing: that decides the points only when one
step already takes the row to its floor (``1分,每少一项扣1分``); otherwise the number missing is asked for.
"""

from __future__ import annotations

import re
from decimal import Decimal

from scoring.engine.scorers import RowError, Work
from scoring.engine.steps import Num, Step, StepKind, step
from scoring.engine.vocabulary import Tier, tier_of
from scoring.language.numerals import chinese_to_decimal
from scoring.language.rule_model import Slope, Stepped
from scoring.text import normalize

__all__ = ["missing"]

_COUNTED = re.compile(
    r"^(?:缺少|缺失|缺|少了|少|差|漏)(\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)(?:个|项|条|份|处|件|次)?(?:未制定|未完成)?$"
)
_NONE_MISSING = (
    "无缺项",
    "不缺",
    "没有缺",
    "未缺",
    "齐全",
    "健全",
    "已制定",
    "已建立",
    "已出台",
    "全部制定",
    "全部完成",
)
_NOT_DONE = ("未制定", "尚未制定", "没有制定", "未建立", "未出台", "无", "没有", "缺失", "空白")
_ASK = "请写明缺少的项数（如“缺1项”“少2项”），或“已制定”“无缺项”"


def _number(words: str) -> Decimal:
    return Decimal(words) if words[0].isdigit() else chinese_to_decimal(words.replace("两", "二"))


def missing(work: Work, rule: Stepped, slope: Slope) -> tuple[Decimal, Step]:
    """How many items the actual says are missing (a step says so), or a RowError asking for the number."""
    words = normalize(work.actual_text)
    unit = slope.unit or "项"
    counted = _COUNTED.match(words)
    if counted is not None:
        n = _number(counted.group(1))
        return n, step(StepKind.MISSING_COUNT, words=words, n=Num(n, unit))
    if words in _NONE_MISSING or tier_of(words) is Tier.ACHIEVED:
        return Decimal(0), step(StepKind.MISSING_COUNT, words=words, n=Num(Decimal(0), unit))
    if words in _NOT_DONE or tier_of(words) is Tier.FAILED:
        w = work.weight
        if slope.points >= w * rule.base - max(rule.floor, Decimal(0)):
            return Decimal(1), step(StepKind.MISSING_AT_LEAST, words=words, unit=unit,
                                    per=Num(slope.points, written=True))  # fmt: skip
        raise RowError(f"实际完成情况“{words}”未写缺少几{unit}：指标值“{work.indicator.target}”不是数值，"
                       f"按“每少1{unit}”扣分须知道缺少的{unit}数；{_ASK}")  # fmt: skip
    raise RowError(f"指标值“{work.indicator.target}”不是数值，按“每少1{unit}”扣分须知道缺少的{unit}数，"
                   f"实际完成值却是“{work.actual_text}”：{_ASK}")  # fmt: skip

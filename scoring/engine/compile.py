"""Compile a table once: each row's target read, its rule chosen, its policy layered, before any actual is scored.

``score_table`` and ``check_table`` both start from a :class:`CompiledTable`, so they read every 指标值 with the
same reader, the same year and the same policy, and report the same problems for the same row.

What a row's texts compile to (its target, rule, shape and notes) depends only on its 指标值, 赋分规则, name, the
year, the policy and the reader, and those recur across a province's tables: it is kept per reader and policy
(a :class:`_Plan` in the reader's :class:`Book`), and a row is its indicator with a plan. The book also keeps
the scores given (:mod:`scoring.engine.indicator`): a row with the same plan, 分值, 实际完成值 and 自评得分 as one
scored before gets the same score, without being scored again.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from scoring.engine.choose import DEFAULT_RULES, Choice, Shape, choose, shape_of
from scoring.engine.policy import Policy, RuleKind
from scoring.engine.vocabulary import less_is_better
from scoring.engine.written import plan_written
from scoring.language.errors import ParseError
from scoring.language.memo import Memo
from scoring.language.reader import Reader, default_reader
from scoring.language.rule_model import WrittenRule
from scoring.language.rule_reader import parse_rule
from scoring.language.targets import Described, Target
from scoring.numbers import fits, written
from scoring.tables.model import Indicator, Table

__all__ = ["MAX_WEIGHT_DIGITS", "Book", "CompiledRow", "CompiledTable", "book_of", "compile_row", "compile_table",
           "weight_error"]  # fmt: skip

#: A 分值 has at most this many significant digits and is below 10 to this power (weights are tens of points).
MAX_WEIGHT_DIGITS = 8
#: Plans and scores remembered per reader and policy before they are forgotten (memory stays bounded).
MAX_PLANS = 65536
MAX_SCORES = 32768


class CompiledRow:
    """A row with its target read and its rule chosen; ``error`` says why it cannot be scored at all.

    ``target`` is None when the 指标值 could not be read (``target_error`` holds the ParseError);
    ``rule`` is None when the 赋分规则 text is unknown.
    """

    __slots__ = ("book", "choice", "error", "indicator", "less_is_better", "notes", "plan", "rule", "rule_unknown",
                 "rule_written", "shape", "target", "target_error", "weight_error")  # fmt: skip

    def __init__(
        self,
        indicator: Indicator,
        target: Target | None,
        rule: RuleKind | None,
        error: str | None = None,
        target_error: ParseError | None = None,
        rule_unknown: bool = False,
        weight_error: str | None = None,
        shape: Shape | None = None,
        notes: tuple[str, ...] = (),
        rule_written: bool = False,
        less_is_better: bool = False,
    ) -> None:
        self.indicator = indicator
        self.target = target
        self.rule = rule
        self.error = error
        self.target_error = target_error
        self.rule_unknown = rule_unknown
        self.weight_error = weight_error
        self.shape = shape
        self.notes = notes
        self.rule_written = rule_written
        self.less_is_better = less_is_better
        #: how the row is scored (A1), chosen once per plan; None for a row built by hand
        self.choice: Choice | None = None
        #: the plan the row was compiled from and the book it is in (None for a row built by hand)
        self.plan: _Plan | None = None
        self.book: Book | None = None

    def __repr__(self) -> str:
        return f"CompiledRow({self.indicator.name!r}, target={self.target!r}, rule={self.rule}, error={self.error!r})"


@attrs.frozen(eq=False)
class _Plan:
    """What a row's texts compile to; ``error`` is the reason from its texts (an unreadable target, a rule)."""

    target: Target | None
    rule: RuleKind | None
    error: str | None = None
    target_error: ParseError | None = None
    rule_unknown: bool = False
    shape: Shape | None = None
    notes: tuple[str, ...] = ()
    rule_written: bool = False
    less_is_better: bool = False
    choice: Choice | None = None
    written: WrittenRule | None = None


@attrs.frozen
class CompiledTable:
    """A table ready to score or check: its rows compiled with one reader and one policy."""

    table: Table
    rows: tuple[CompiledRow, ...]
    policy: Policy
    reader: Reader
    notes: tuple[str, ...] = ()


def _brief(value: Decimal) -> str:
    text = written(value)
    return text if len(text) <= 24 else f"{value:.6e}"


def weight_error(indicator: Indicator) -> str | None:
    """Why a row's 分值 cannot be scored (negative, or too large to be a weight), or None; ``check`` and ``score``
    both say this.

    A row without 分值 is no error: it is a reference row (``其中：…``), shown but not scored (A9).
    """
    weight = indicator.weight
    if weight is None or weight in _USABLE:
        return None
    if weight < 0:
        return f"分值不能为负数（{written(weight)}）"
    if not fits(weight, MAX_WEIGHT_DIGITS):
        limit = 10**MAX_WEIGHT_DIGITS
        return f"分值“{_brief(weight)}”超出范围：应小于{limit}，最多{MAX_WEIGHT_DIGITS}位有效数字"
    if len(_USABLE) < 4096:
        _USABLE.add(weight)
    return None


#: Weights seen to be usable (10, 5, 2.5 …): most rows have one of a few.
_USABLE: set[Decimal] = set()


def _plan(indicator: Indicator, year: int | None, policy: Policy, reader: Reader) -> _Plan:
    """Read one row's target and choose its rule (the order a row is refused in: its target, then its rule)."""
    try:
        target: Target | None = reader.target(indicator.target, year)
    except ParseError as exc:
        return _Plan(None, None, f"指标值无法识别：{exc.render(context=False)}", target_error=exc)
    assert target is not None
    notes: tuple[str, ...] = ()
    if isinstance(target, Described):
        notes = (f"指标值“{target.text}”含说明文字，按“{target.target}”计分",)
        target = target.target
    word = less_is_better(indicator.name, policy.reverse_words) if policy.reverse_names else None
    shape = shape_of(target, less_is_better=word is not None)
    if shape is Shape.BARE_REVERSE:
        notes += (f"指标名称含“{word}”（越低越好），未写比较符的指标值“{indicator.target}”按反向指标（≤）计分",)
    rule_written = bool(indicator.rule.strip())
    if rule_written:
        rule = policy.rule_kind(indicator.rule)
        if rule is None:  # a rule written out in words (A12)
            try:
                words = parse_rule(indicator.rule)
            except ParseError as exc:
                return _Plan(target, None, exc.render(context=False), exc, rule_unknown=True, shape=shape)
            rule, choice, more = plan_written(words, shape, target)
            return _Plan(target, rule, None, None, False, shape, notes + more, True, word is not None, choice, words)
    else:
        rule = DEFAULT_RULES[shape]
    choice = choose(rule, shape)
    return _Plan(target, rule, None, None, False, shape, notes, rule_written, word is not None, choice)


_Key = tuple[str, str, str, int | None]


class Book:
    """A reader's plans and the scores they gave, under one policy (bounded: forgotten when full)."""

    __slots__ = ("__weakref__", "plans", "policy", "reader", "scores")

    def __init__(self, reader: Reader, policy: Policy) -> None:
        self.reader = weakref.ref(reader)
        self.policy = policy
        self.plans: dict[_Key, _Plan] = {}
        #: a score's parts (everything but its indicator) by plan, year, 分值, 实际完成值 and 自评得分
        self.scores: Memo[tuple[Any, ...]] = Memo(MAX_SCORES, picky=False)

    def plan(self, indicator: Indicator, year: int | None) -> _Plan:
        """The plan of a row's texts, compiled on first use."""
        key = (indicator.target, indicator.rule, indicator.name, year)
        plan = self.plans.get(key)
        if plan is None:
            reader = self.reader()
            assert reader is not None  # the book is found through its reader
            if len(self.plans) >= MAX_PLANS:
                self.plans.clear()
                self.scores.clear()
            plan = self.plans[key] = _plan(indicator, year, self.policy, reader)
        return plan


#: reader -> policy -> book; a reader's books go when the reader goes.
_BOOKS: weakref.WeakKeyDictionary[Reader, dict[Policy, Book]] = weakref.WeakKeyDictionary()


def book_of(reader: Reader, policy: Policy) -> Book:
    """The book of plans and scores of ``reader`` under ``policy``."""
    books = _BOOKS.get(reader)
    if books is None:
        books = _BOOKS[reader] = {}
    book = books.get(policy)
    if book is None:
        if len(books) >= 64:
            books.clear()
        book = books[policy] = Book(reader, policy)
    return book


def _compiled(indicator: Indicator, plan: _Plan, book: Book) -> CompiledRow:
    """A row from its plan; a bad cell or a bad 分值 is its reason before any reason from its texts."""
    weight = weight_error(indicator)
    error = "；".join(indicator.problems) if indicator.problems else weight
    if plan.rule_unknown:  # a row refused for its rule keeps no notes (they would explain a score it never gets)
        return CompiledRow(indicator, plan.target, None, error or plan.error, rule_unknown=True, weight_error=weight,
                           shape=plan.shape)  # fmt: skip
    row = CompiledRow(
        indicator,
        plan.target,
        plan.rule,
        error or plan.error,
        plan.target_error,
        False,
        weight,
        plan.shape,
        plan.notes,
        plan.rule_written,
        plan.less_is_better,
    )
    row.plan, row.book, row.choice = plan, book, plan.choice
    return row


def compile_row(indicator: Indicator, year: int | None, policy: Policy, reader: Reader) -> CompiledRow:
    """Read one row's target and choose its rule; problems become the row's ``error`` (never an exception).

    The order of the checks is the order a row is refused in: a bad cell, a missing or negative 分值, an
    unreadable 指标值, an unknown 赋分规则.
    """
    book = book_of(reader, policy)
    return _compiled(indicator, book.plan(indicator, year), book)


def compile_table(
    table: Table,
    policy: Policy | Mapping[str, Any] | None = None,
    reader: Reader | None = None,
    notes: tuple[str, ...] = (),
) -> CompiledTable:
    """Compile every row of ``table``; ``policy`` is layered over the table's own (:meth:`Policy.layered`).

    The 分值 a 自评表's header block gives the 预算执行率 line (``Table.budget_weight``) is the table's own
    setting: below its ``[policy]`` and the run's options, above the default."""
    header = {"budget_weight": table.budget_weight} if table.budget_weight is not None else None
    chosen = Policy.layered(header, table.policy, policy)
    reader = reader or default_reader()
    book = book_of(reader, chosen)
    year = table.year
    rows = tuple(_compiled(ind, book.plan(ind, year), book) for ind in table.indicators)
    return CompiledTable(table, rows, chosen, reader, (*table.problems, *notes))

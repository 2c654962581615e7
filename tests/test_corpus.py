"""The real corpus against hand-written expectations (tests/corpus/expectations.tsv).

Each line of the expectations file says how one real 指标值 / 实际完成值 / 上年完成值 must be read; the file is written
by hand, so these tests are an independent check of the grammar, not a snapshot of it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scoring.language import ParseError, parse_actual, parse_target

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXPECTATIONS = HERE / "corpus" / "expectations.tsv"
#: The copy kept beside the tests (preferred) and the shared original (present in CI and on the dev machine).
CORPUS_COPY = HERE / "corpus" / "real-targets.tsv"
CORPUS_SHARED = REPO.parent / "shared" / "corpus" / "real-targets.tsv"

COLUMNS = ["role", "input", "kind", "op", "value", "unit", "note"]
KINDS = {"bound", "range", "deadline", "date", "period", "qualitative", "blank", "rejected"}
FLAGS = {"implied", "approximate"}
KEYS = {"precision", "low_unit", "year", "column", "says"}


def _unescape(text: str) -> str:
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        nxt = next(chars, "")
        out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(nxt, "\\" + nxt))
    return "".join(out)


@dataclass(frozen=True)
class Expectation:
    """One line of the expectations file."""

    line: int
    role: str
    input: str
    kind: str
    op: str
    value: str
    unit: str
    flags: frozenset[str]
    keys: dict[str, str]

    @property
    def id(self) -> str:
        return f"{self.line}:{self.role}:{self.input}"


def _note(note: str, line: int) -> tuple[frozenset[str], dict[str, str]]:
    checked = note.split(" # ", 1)[0].split("#", 1)[0] if not note.startswith("#") else ""
    flags: set[str] = set()
    keys: dict[str, str] = {}
    for item in checked.split():
        key, sep, value = item.partition("=")
        if not sep:
            if item not in FLAGS:
                raise ValueError(f"expectations.tsv:{line}: unknown flag {item!r}")
            flags.add(item)
        elif key in KEYS:
            keys[key] = value
        else:
            raise ValueError(f"expectations.tsv:{line}: unknown key {key!r}")
    return frozenset(flags), keys


def load_expectations(path: Path = EXPECTATIONS) -> list[Expectation]:
    """The expectation lines, comments skipped, escapes resolved."""
    result: list[Expectation] = []
    header_seen = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            assert fields == COLUMNS, f"expectations.tsv:{number}: header should be {COLUMNS}"
            header_seen = True
            continue
        assert len(fields) == len(COLUMNS), f"expectations.tsv:{number}: {len(fields)} fields in {raw!r}"
        role, text, kind, op, value, unit, note = fields
        assert role in {"target", "actual", "previous"}, f"expectations.tsv:{number}: role {role!r}"
        assert kind in KINDS, f"expectations.tsv:{number}: kind {kind!r}"
        flags, keys = _note(note, number)
        result.append(Expectation(number, role, _unescape(text), kind, op, value, unit, flags, keys))
    return result


def corpus_paths() -> list[Path]:
    """The corpus files to check coverage against: the copy, and the shared original when it is there."""
    return [p for p in (CORPUS_COPY, CORPUS_SHARED) if p.is_file()]


def corpus_values(column: str) -> list[str]:
    """The distinct non-empty values of one column over every corpus file, in order of first appearance."""
    seen: dict[str, None] = {}
    for path in corpus_paths():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row[column]:
                    seen.setdefault(row[column], None)
    return list(seen)


EXPECTED = load_expectations()


def _date_value(fields: dict[str, Any], prefix: str = "") -> str:
    date = fields.get(f"{prefix}date")
    if date is not None:
        return str(date)
    month, day = fields.get(f"{prefix}month"), fields.get(f"{prefix}day")
    return f"?-{month:02d}" + (f"-{day:02d}" if day else "")


def _read(exp: Expectation) -> Any:
    year = int(exp.keys["year"]) if "year" in exp.keys else None
    read = parse_target if exp.role == "target" else parse_actual
    return read(exp.input, year=year)


class TestExpectationsFile:
    """The expectations file itself."""

    def test_no_duplicates(self) -> None:
        """Each (role, input) pair has exactly one line."""
        pairs = [(e.role, e.input) for e in EXPECTED]
        dupes = sorted({p for p in pairs if pairs.count(p) > 1})
        assert not dupes

    def test_every_corpus_target_is_expected(self) -> None:
        """Every distinct 指标值 of the corpus has a target line, so the file cannot fall behind the corpus."""
        expected = {e.input for e in EXPECTED if e.role == "target"}
        missing = [t for t in corpus_values("target") if t not in expected]
        assert not missing, f"add these targets to expectations.tsv: {missing}"

    def test_every_corpus_actual_is_expected(self) -> None:
        """Every distinct non-empty 实际完成值 of the corpus has an actual line."""
        expected = {e.input for e in EXPECTED if e.role == "actual"}
        missing = [a for a in corpus_values("actual") if a not in expected]
        assert not missing, f"add these actuals to expectations.tsv: {missing}"

    def test_corpus_size(self) -> None:
        """The corpus copy has the documented 281 rows, 177 distinct targets and 78 distinct actuals."""
        with CORPUS_COPY.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
        assert len(rows) >= 281
        assert len({r["target"] for r in rows}) >= 177
        assert len({r["actual"] for r in rows if r["actual"]}) >= 78

    @pytest.mark.skipif(not CORPUS_SHARED.is_file(), reason="../shared/corpus is not checked out")
    def test_copy_matches_shared(self) -> None:
        """The copy under tests/corpus/ is the shared corpus (refresh it when the shared one grows)."""
        assert CORPUS_COPY.read_bytes() == CORPUS_SHARED.read_bytes()


@pytest.mark.parametrize("exp", EXPECTED, ids=[e.id for e in EXPECTED])
def test_expectation(exp: Expectation) -> None:
    """The text is read as its expectation line says, field by field."""
    if exp.kind == "rejected":
        with pytest.raises(ParseError) as caught:
            _read(exp)
        if "column" in exp.keys:
            assert caught.value.column == int(exp.keys["column"])
        if "says" in exp.keys:
            assert exp.keys["says"] in caught.value.message
        return

    fields = _read(exp).to_dict()
    assert fields["kind"] == exp.kind
    if exp.kind == "bound":
        assert fields["op"] == exp.op
        assert Decimal(fields["value"]) == Decimal(exp.value)
        assert fields["unit"] == exp.unit
        for flag in FLAGS:
            assert bool(fields.get(flag, False)) == (flag in exp.flags), flag
    elif exp.kind == "range":
        low, high = exp.value.split("..")
        assert (Decimal(fields["low"]), Decimal(fields["high"])) == (Decimal(low), Decimal(high))
        assert fields["unit"] == exp.unit
        assert fields.get("low_unit", fields["unit"]) == exp.keys.get("low_unit", exp.unit)
    elif exp.kind in {"deadline", "date"}:
        assert _date_value(fields) == exp.value
        assert fields.get("precision", "day") == exp.keys.get("precision", "day")
    elif exp.kind == "period":
        start, end = exp.value.split("..")
        assert fields["start"] == (None if start.startswith("?") else start)
        assert _date_value(fields) == end
        assert fields.get("precision", "day") == exp.keys.get("precision", "day")
    else:  # qualitative, blank
        assert fields["text"] == exp.value


# ---- real targets of other units (tests/corpus/other-units.tsv) --------------------------------------------------
OTHER_UNITS = HERE / "corpus" / "other-units.tsv"
OTHER_COLUMNS = ["text", "kind", "value", "source", "role"]
OTHER_KINDS = {"bound", "range", "deadline", "date", "period", "qualitative", "several", "described", "error"}
_BOUND = re.compile(r"^(>=|<=|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*(.*)$")


@dataclass(frozen=True)
class OtherRow:
    """One line of other-units.tsv: a real text, the kind and compact value a person expects, and its source."""

    line: int
    text: str
    kind: str
    value: str
    source: str
    role: str


def load_other_units(path: Path = OTHER_UNITS) -> list[OtherRow]:
    """The rows of other-units.tsv, comments skipped."""
    rows: list[OtherRow] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        assert len(fields) == len(OTHER_COLUMNS), f"other-units.tsv:{number}: {len(fields)} fields in {raw!r}"
        if fields == OTHER_COLUMNS:
            continue
        text, kind, value, source, role = fields
        assert kind in OTHER_KINDS, f"other-units.tsv:{number}: kind {kind!r}"
        assert role in {"target", "actual"}, f"other-units.tsv:{number}: role {role!r}"
        assert source.startswith("http"), f"other-units.tsv:{number}: source {source!r}"
        rows.append(OtherRow(number, _unescape(text), kind, value, source, role))
    return rows


def _number(text: str) -> str:
    return f"{Decimal(text).normalize():f}"


def compact(target: Any) -> str:
    """The compact value of a reading, in the notation of other-units.tsv (the kind is compared separately)."""
    fields = target.to_dict()
    kind = fields["kind"]
    if kind == "bound":
        unit = fields["unit"]
        return f"{fields['op']}{_number(fields['value'])}{' ' if unit[:1].isdigit() else ''}{unit}"
    if kind == "range":
        return f"{_number(fields['low'])}..{_number(fields['high'])}{fields['unit']}"
    if kind in {"deadline", "date"}:
        return _date_value(fields)
    if kind == "period":
        return f"{fields['start']}..{_date_value(fields)}"
    if kind == "described":
        return f"{target.target.kind}:{compact(target.target)}"
    if kind == "several":
        return " ; ".join(f"{part.kind}:{compact(part)}" for part in target.parts)
    return str(fields["text"])


def _expected_value(row: OtherRow) -> str:
    if row.kind != "bound":
        return row.value
    found = _BOUND.match(row.value)
    assert found, f"other-units.tsv:{row.line}: bound value {row.value!r}"
    op, number, unit = found.groups()
    return f"{op}{_number(number)}{' ' if unit[:1].isdigit() else ''}{unit.strip()}"


def reading_of(row: OtherRow) -> tuple[str, str]:
    """(kind, compact value) of a row as read today; ("error", "") when it is rejected."""
    read = parse_target if row.role == "target" else parse_actual
    try:
        target = read(row.text)
    except ParseError:
        return "error", ""
    return target.kind, compact(target)


OTHER_ROWS = load_other_units()


class TestOtherUnits:
    """Real 指标值 of other units, each with the reading a person expects (the shared corpus is checked above)."""

    def test_size_and_sources(self) -> None:
        """At least 130 distinct targets, each line with a source, no (role, text) twice."""
        pairs = [(r.role, r.text) for r in OTHER_ROWS]
        assert len(pairs) == len(set(pairs))
        assert len({r.text for r in OTHER_ROWS if r.role == "target"}) >= 130

    def test_rates(self) -> None:
        """At least 97% of the rows read at all, and at least 97% read as expected (issue 7's aim)."""
        readings = [reading_of(r) for r in OTHER_ROWS]
        read = sum(kind != "error" for kind, _ in readings)
        expected = sum(
            got == (r.kind, _expected_value(r) if r.kind != "error" else "")
            for r, got in zip(OTHER_ROWS, readings, strict=True)
        )
        assert read / len(OTHER_ROWS) >= 0.97
        assert expected / len(OTHER_ROWS) >= 0.97


@pytest.mark.parametrize("row", OTHER_ROWS, ids=[f"{r.line}:{r.role}:{r.text}" for r in OTHER_ROWS])
def test_other_unit(row: OtherRow) -> None:
    """The text reads as the person who copied it expects."""
    kind, value = reading_of(row)
    assert kind == row.kind
    if kind != "error":
        assert value == _expected_value(row)

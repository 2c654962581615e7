"""The shape of the package: imports flow one way, no module is large, every rule is findable from its spec.

The flow is text -> targets -> engine -> report -> command line; ``ls scoring/*/`` draws it. These tests read
the source files (nothing is imported), so they also hold for code paths no other test reaches.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scoring"
DOCS = ROOT / "docs" / "scoring-rules.md"

#: The layers in flow order; a module may import its own layer or a lower one, never a higher one.
LAYERS = {
    "scoring.errors": 0,
    "scoring.text": 0,
    "scoring.numbers": 0,
    "scoring.display": 0,
    "scoring.version": 0,
    "scoring.language": 1,
    "scoring.tables": 2,
    "scoring.engine": 3,
    "scoring.report": 4,
    "scoring.cli": 5,
}
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _runtime_imports(path: Path) -> set[str]:
    """The scoring modules a file imports at run time (``if TYPE_CHECKING:`` blocks are skipped)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scoring"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("scoring"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _layer(module: str) -> int:
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    raise AssertionError(f"{module} belongs to no layer")


MODULES = _modules()


class TestImports:
    """Imports go one way: text -> targets -> engine -> report -> cli."""

    @pytest.mark.parametrize("name", [m for m in MODULES if m != "scoring"])
    def test_layer(self, name: str) -> None:
        """No module imports a later layer than its own."""
        upward = [m for m in _runtime_imports(MODULES[name]) if _layer(m) > _layer(name)]
        assert not upward, f"{name} imports {upward}"

    def test_no_cycle(self) -> None:
        """The module import graph has no cycle."""
        graph = {
            name: {m for m in _runtime_imports(path) if m in MODULES and m != name} for name, path in MODULES.items()
        }
        done: set[str] = set()

        def walk(name: str, stack: tuple[str, ...]) -> None:
            if name in stack:
                raise AssertionError("import cycle: " + " -> ".join((*stack[stack.index(name) :], name)))
            if name in done:
                return
            for other in graph[name]:
                walk(other, (*stack, name))
            done.add(name)

        for name in graph:
            walk(name, ())

    def test_subpackages_draw_the_flow(self) -> None:
        """``ls scoring/`` shows the language, the tables, the engine, the report and the command line."""
        assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == {
            "language",
            "tables",
            "engine",
            "report",
            "cli",
        }


class TestModules:
    """Small modules, one job each."""

    @pytest.mark.parametrize("name", list(MODULES))
    def test_size(self, name: str) -> None:
        """No module is over ~300 lines."""
        lines = MODULES[name].read_text(encoding="utf-8").count("\n")
        assert lines <= MAX_LINES, f"{name}: {lines} lines"

    def test_pint_private_attributes_in_one_module(self) -> None:
        """Only scoring.language.units touches pint's private attributes."""
        private = re.compile(r"\._(?:prefixes|units|REGISTRY)\b")
        users = [n for n, p in MODULES.items() if private.search(p.read_text(encoding="utf-8"))]
        assert users == ["scoring.language.units"]


def _docs_sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## (A\d+)\b", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


class TestRulesFindable:
    """An auditor follows a point from scenario to rule to code, one hop each."""

    def test_features_cite_sections_that_exist(self) -> None:
        """Every (A3) a feature cites is a section of docs/scoring-rules.md."""
        sections = _docs_sections()
        cited = {
            m for f in (ROOT / "features").rglob("*.feature") for m in re.findall(r"（(A\d+)）", f.read_text("utf-8"))
        }
        assert cited
        assert cited <= set(sections), cited - set(sections)

    def test_code_lines_name_real_places(self) -> None:
        """Each section's ``Code:`` line names files and functions that exist."""
        for section, body in _docs_sections().items():
            code = re.search(r"^Code:(.*)$", body, re.M)
            assert code, f"{section} has no Code: line"
            for path in re.findall(r"`(scoring/[\w/]+\.py)", code.group(1)):
                assert (ROOT / path).is_file(), f"{section}: {path}"

    def test_rule_functions_name_their_section(self) -> None:
        """Every public rule function's docstring names a section of the doc."""
        sections = set(_docs_sections())
        tree = ast.parse((PACKAGE / "engine" / "rules.py").read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                cited = set(re.findall(r"\bA\d+\b", ast.get_docstring(node) or ""))
                assert cited, node.name
                assert cited <= sections, node.name


MONITORING_DOCS = ROOT / "docs" / "monitoring.md"


def _monitoring_sections() -> dict[str, str]:
    text = MONITORING_DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## (C\d+)\b", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def _defines(source: str, name: str) -> bool:
    """Whether a module defines ``name`` (a function, class, method, property or module-level name)."""
    return bool(re.search(rf"^\s*(?:def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*[:=]", source, re.M))


class TestMonitoringFindable:
    """The same hops for mid-year monitoring: a feature's （C1） is a section of docs/monitoring.md, whose Code:
    paragraph names files and the functions in them."""

    def test_features_cite_sections_that_exist(self) -> None:
        """Every （C1） a feature cites is a ``## C1`` heading of docs/monitoring.md, and every section is cited."""
        sections = _monitoring_sections()
        cited = {
            m for f in (ROOT / "features").rglob("*.feature") for m in re.findall(r"（(C\d+)）", f.read_text("utf-8"))
        }
        assert cited <= set(sections), cited - set(sections)
        assert set(sections) <= cited, set(sections) - cited

    def test_monitoring_features_name_their_section(self) -> None:
        """The 功能 line of every feature under features/monitoring ends with its section, （C1）…（C3）."""
        for feature in (ROOT / "features" / "monitoring").glob("*.feature"):
            line = next(x for x in feature.read_text("utf-8").splitlines() if x.startswith("功能:"))
            if feature.name != "读取监控表.feature":  # the sheet reader's spec is not a rule of Part C
                assert re.search(r"（C\d+）$", line.strip()), f"{feature.name}: {line}"

    @pytest.mark.parametrize("section", ["C1", "C2", "C3"])
    def test_code_paragraph_names_real_places(self, section: str) -> None:
        """Each section's ``Code:`` paragraph names files that exist and, after each file, names defined in it."""
        body = _monitoring_sections()[section]
        code = re.search(r"^Code:(.*?)(?:\n\n|\Z)", body, re.M | re.S)
        assert code, f"{section} has no Code: paragraph"
        pieces = re.split(r"`(scoring/[\w/]+\.py)`", code.group(1))
        assert len(pieces) > 1, f"{section}: no file named"
        for path, names in zip(pieces[1::2], pieces[2::2], strict=True):
            assert (ROOT / path).is_file(), f"{section}: {path}"
            source = (ROOT / path).read_text(encoding="utf-8")
            for dotted in re.findall(r"`([A-Za-z_][\w.]*)`", names):
                for name in dotted.split("."):
                    assert _defines(source, name), f"{section}: {path} does not define {name}"

    def test_rule_functions_name_their_section(self) -> None:
        """Every public function of monitor_rules.py names a section of docs/monitoring.md in its docstring."""
        sections = set(_monitoring_sections())
        tree = ast.parse((PACKAGE / "engine" / "monitor_rules.py").read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                cited = set(re.findall(r"\bC\d+\b", ast.get_docstring(node) or ""))
                assert cited, node.name
                assert cited <= sections, node.name

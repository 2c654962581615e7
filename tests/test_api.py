"""The public API of ``scoring``: lazily loaded, nothing built at import time, the grammar found when installed."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import scoring
from scoring.language.reader import grammar_text

ROOT = Path(__file__).resolve().parents[1]


class TestPublicNames:
    def test_all_names_resolve(self) -> None:
        """Every name in ``scoring.__all__`` can be looked up."""
        for name in scoring.__all__:
            assert getattr(scoring, name) is not None, name

    def test_all_matches_lazy_table(self) -> None:
        """``__all__`` lists exactly the lazily loaded names and the errors."""
        lazy = {name for names in scoring._LAZY.values() for name in names}
        assert set(scoring.__all__) == lazy | {"ScoringError", "TableReadError", "UnitError", "UsageError"}

    def test_unknown_name(self) -> None:
        """An unknown attribute is an AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="no_such_thing"):
            scoring.no_such_thing  # noqa: B018

    def test_import_builds_nothing(self) -> None:
        """``import scoring`` loads neither lark, pint nor the parser (no logic at import time)."""
        code = "import sys, scoring; print(sorted(m for m in ('lark', 'pint', 'scoring.language.reader') if m in sys.modules))"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        assert out.stdout.strip() == "[]"


class TestGrammarFile:
    def test_grammar_is_the_repository_file(self) -> None:
        """The parser reads grammar/target.lark (from the wheel when installed, else from the checkout)."""
        assert grammar_text() == (ROOT / "grammar" / "target.lark").read_text(encoding="utf-8")

    def test_installed_package_ships_grammar(self) -> None:
        """When scoring is installed (not run from the checkout) the wheel carries grammar/target.lark."""
        installed = Path(scoring.__file__).resolve().parent != ROOT / "scoring"
        packaged = resources.files("scoring").joinpath("grammar/target.lark")
        if installed:
            assert packaged.is_file()
        assert resources.files("scoring.language").joinpath("units_zh.txt").is_file()

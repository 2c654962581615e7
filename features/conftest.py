"""``pytest features/`` runs the auditors' specs.

This folder holds only the Chinese ``.feature`` files; the step definitions that bind them live in
``tests/step_defs``. A path under ``features/`` on the command line is read as the step modules that bind its
folder: ``pytest features/scoring`` runs ``tests/step_defs/test_scoring_steps.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parent
STEP_DEFS = FEATURES.parent / "tests" / "step_defs"


def _step_paths(arg: str) -> list[str]:
    """The step modules that bind the features at ``arg`` (the modules whose ``scenarios(…)`` name its folder)."""
    path = Path(arg.split("::")[0]).resolve()
    if path == FEATURES:
        return [str(STEP_DEFS)]
    if FEATURES in path.parents:
        folder = path.relative_to(FEATURES).parts[0]
        modules = [
            str(module)
            for module in sorted(STEP_DEFS.glob("test_*_steps.py"))
            if f'scenarios("{folder}' in module.read_text(encoding="utf-8")
        ]
        if modules:
            return modules
    return [arg]


def pytest_configure(config: pytest.Config) -> None:
    """Replace paths under features/ by the step modules that bind them."""
    config.args[:] = list(dict.fromkeys(p for arg in config.args for p in _step_paths(arg)))

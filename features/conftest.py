"""``pytest features/`` runs the auditors' specs.

This folder holds only the Chinese ``.feature`` files; the step definitions that bind them live in
``tests/step_defs`` (one module per folder here). A path under ``features/`` on the command line is read as the
step module of its folder: ``pytest features/scoring`` runs ``tests/step_defs/test_scoring_steps.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parent
STEP_DEFS = FEATURES.parent / "tests" / "step_defs"


def _step_path(arg: str) -> str:
    path = Path(arg.split("::")[0]).resolve()
    if path == FEATURES:
        return str(STEP_DEFS)
    if FEATURES in path.parents:
        folder = path.relative_to(FEATURES).parts[0]
        module = STEP_DEFS / f"test_{folder}_steps.py"
        if module.is_file():
            return str(module)
    return arg


def pytest_configure(config: pytest.Config) -> None:
    """Replace paths under features/ by the step modules that bind them."""
    config.args[:] = list(dict.fromkeys(_step_path(arg) for arg in config.args))

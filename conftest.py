"""The test session keeps scoring's start-up cache (built parsers, unit facts) in a folder of its own.

So no run of the suite reads files an earlier run, or the user, left in ``~/.cache/scoring``, and none writes there.
"""

from __future__ import annotations

import os
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Point ``SCORING_CACHE_DIR`` at a fresh temporary folder unless the caller chose one."""
    if "SCORING_CACHE_DIR" not in os.environ:
        os.environ["SCORING_CACHE_DIR"] = tempfile.mkdtemp(prefix="scoring-test-cache-")

"""Values written in a step of the feature files: text NFKC-normalised, and numbers read from it.

Shared by the step modules (``test_*_steps.py`` import it by name: pytest puts this folder on ``sys.path``); a
helper, not a test module, so pytest collects nothing here.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

import pytest

__all__ = ["number", "text"]


def text(value: str) -> str:
    """A step's value NFKC-normalised (full-width digits read as ASCII ones) and stripped."""
    return unicodedata.normalize("NFKC", value).strip()


def number(value: str) -> Decimal:
    """A step's value as a number; a value that is no number fails the step, naming it."""
    try:
        return Decimal(text(value))
    except InvalidOperation:
        pytest.fail(f"步骤中的“{value}”不是数字")

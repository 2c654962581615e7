"""The one base error of the package and its family."""

from __future__ import annotations

__all__ = ["ScoringError", "UnitError"]


class ScoringError(Exception):
    """Base class of every error this package raises on purpose."""


class UnitError(ScoringError, ValueError):
    """A unit is unknown, or two units cannot be compared."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

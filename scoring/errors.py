"""The one base error of the package and its family."""

from __future__ import annotations

__all__ = ["ScoringError", "TableReadError", "UnitError", "UsageError"]


class ScoringError(Exception):
    """Base class of every error this package raises on purpose."""


class UnitError(ScoringError, ValueError):
    """A unit is unknown, or two units cannot be compared."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TableReadError(ScoringError, ValueError):
    """A table or actuals file could not be read at all (missing, undecodable, no header row, bad TOML).

    ``path`` names the file as the user gave it; ``reason`` is the Chinese reason, saying what was expected.
    Problems inside a readable file (one bad cell) are not errors: they are kept on the row instead.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"无法读取 {self.path}：{self.reason}"


class UsageError(ScoringError, ValueError):
    """A command-line mistake (a bad option value, a missing companion option): exit 2, Chinese message."""

"""Findings: what ``check`` and the audit of a scored table say, with a severity, a stable code and a Chinese message."""

from __future__ import annotations

from typing import Any

import attrs

__all__ = ["ERROR", "INFO", "WARNING", "Finding"]

ERROR = "错误"
WARNING = "警告"
INFO = "提示"


@attrs.frozen
class Finding:
    """One finding of ``scoring check`` or of an audit: severity (错误, 警告, 提示), where, a Chinese message and a code."""

    severity: str
    code: str
    message: str
    where: str = ""
    column: int | None = None  # the 1-based column in the cell's text, for a finding about a rule text

    @property
    def is_error(self) -> bool:
        """Whether the finding makes the check fail."""
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``scoring check --json`` (``column`` only for a finding that has one)."""
        out: dict[str, Any] = {
            "severity": self.severity,
            "code": self.code,
            "where": self.where,
            "message": self.message,
        }
        if self.column is not None:
            out["column"] = self.column
        return out

"""``PolicyError``: a policy option that cannot be used (its own module, so that every policy module can raise it)."""

from __future__ import annotations

from scoring.errors import ScoringError

__all__ = ["PolicyError"]


class PolicyError(ScoringError, ValueError):
    """A policy option that cannot be used; the message is Chinese and names the option."""

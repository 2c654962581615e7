"""The installed version of ``scoring`` (``scoring.__version__``, ``scoring --version``, the JSON reports)."""

from __future__ import annotations

import functools
from importlib import metadata

__all__ = ["version"]


@functools.cache
def version() -> str:
    """The version of the installed distribution; ``0+unknown`` when run from a checkout that is not installed."""
    try:
        return metadata.version("scoring")
    except metadata.PackageNotFoundError:
        return "0+unknown"

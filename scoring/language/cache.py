"""Files kept between runs so that a command starts fast: the built LALR parser and the units' looked-up facts.

Building the parser takes a tenth of a second or more, and loading pint's registry as long again; a short command
(``scoring parse "≥110个"``) needs neither when both were made before. They are kept in the user's cache folder
(``$SCORING_CACHE_DIR``, else ``$XDG_CACHE_HOME/scoring`` or ``~/.cache/scoring``; ``SCORING_CACHE_DIR=""``
turns keeping off), one file per :func:`key`: a hash of everything the file depends on — the grammar, the unit
definition files (built-in and ``--units``), and the versions of Python, lark, pint and this format — so a run
with other units, or after an upgrade, never reads a file made for something else. A file that cannot be read
is made again; one that cannot be written is not kept. Writes go to a temporary file renamed into place, so a
reader never sees half a file, and the folder keeps only the most recent files.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["cache_dir", "key", "read", "write"]

#: Bumped when what is kept changes shape.
FORMAT = "scoring-cache-1"
#: Files kept in the folder (the oldest go first): a few unit sets, each a parser and its facts.
MAX_FILES = 64


def cache_dir() -> Path | None:
    """The folder files are kept in, or None when keeping is turned off."""
    given = os.environ.get("SCORING_CACHE_DIR")
    if given is not None:
        return Path(given) if given.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scoring"


def _distribution(name: str) -> str:
    """The installed version of a package, as its ``.dist-info`` folder names it (without importing it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return f"{name}:absent"
    package = Path(spec.origin).parent
    prefix = name.lower() + "-"
    try:
        found = sorted(e for e in os.listdir(package.parent) if e.lower().startswith(prefix) and e.endswith("-info"))
    except OSError:
        found = []
    if found:
        return ",".join(found)
    stat = Path(spec.origin).stat()  # a source checkout: its file's size and time stand for the version
    return f"{name}:{stat.st_size}:{stat.st_mtime_ns}"


def key(kind: str, parts: Iterable[bytes | str]) -> str:
    """The name of the file of ``kind`` made from ``parts`` with this Python, lark and pint."""
    digest = hashlib.sha256()
    for part in (FORMAT, kind, sys.version, _distribution("lark"), _distribution("pint"), *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()[:40]}"


def read(name: str) -> bytes | None:
    """The kept file's bytes, or None (not kept, or keeping is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Keep ``data`` under ``name`` (atomically); a folder that cannot be written keeps nothing."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / name)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    """Keep the ``MAX_FILES`` most recent files."""
    entries = [(entry.stat().st_mtime, entry.path) for entry in os.scandir(folder) if entry.is_file()]
    if len(entries) <= MAX_FILES:
        return
    entries.sort(reverse=True)
    for _, path in entries[MAX_FILES:]:
        Path(path).unlink(missing_ok=True)

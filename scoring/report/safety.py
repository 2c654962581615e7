"""What every written report gets: cells that Excel cannot run, and bytes that do not depend on the clock.

- :func:`neutral` — a CSV cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
  ``'`` (formula injection: auditors open these files in Excel). A number such as ``-5`` stays a number.
- :func:`stable_xlsx` — an XLSX as bytes that are the same for the same content: zip entries dated 1980-01-01 and
  the document's created/modified times fixed, so the same inputs give the same outputs, byte for byte.
- :func:`atomic_write` — a file written whole or not at all (a temporary file beside it, then a rename), so a
  killed run never leaves half a report.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

__all__ = ["atomic_write", "neutral", "stable_xlsx"]

_RISKY = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")
_FIXED = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def neutral(cell: str) -> str:
    """A CSV cell Excel shows as text, never runs as a formula (``=100%`` -> ``'=100%``; ``-5`` stays)."""
    if cell.startswith(_RISKY) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def stable_xlsx(data: bytes) -> bytes:
    """The same workbook with fixed zip dates and document times (byte-for-byte reproducible output)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename (never half a file).

    Raises OSError as ``open`` would (a missing folder, a read-only place, a full disk); the target is untouched.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

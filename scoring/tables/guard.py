"""What keeps a hostile file from hanging a run or filling memory: limits, the one safe way to open a file, and
cell texts shortened for messages.

Every reader opens its file with :func:`open_regular`, which refuses a folder, a missing path, a device such as
``/dev/zero`` and a named pipe before reading a byte (a pipe is opened without blocking, so a FIFO named ``.csv``
never hangs the run). :class:`Limits` bounds what one file may cost; each limit that is reached is reported on
the table, never silently.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

import attrs

from scoring.errors import TableReadError
from scoring.numbers import MAX_DIGITS as NUMBER_DIGITS

__all__ = ["DEFAULT_LIMITS", "MAX_DIGITS", "Limits", "check_regular", "column_name", "open_regular", "short", "visible"]

#: Digits a 分值, 得分 or amount may have (Excel keeps 15 significant digits): the one limit of
#: :mod:`scoring.numbers`, so a cell and a 指标值 refuse the same numbers.
MAX_DIGITS = NUMBER_DIGITS


@attrs.frozen
class Limits:
    """How much of a file is read. The defaults read every real table whole and stop a decompression bomb early.

    ``max_rows``: rows read per sheet (Excel's own limit is 1,048,576); ``max_columns``: cells read per row;
    ``max_line``: bytes of one CSV line; ``header_rows``: non-blank rows searched for the header row;
    ``max_unzipped``: bytes of one sheet of an XLSX once unzipped (sheets are streamed), ``max_part``: bytes of
    any other part (the shared strings are held in memory), and ``max_ratio`` the compression ratio above which a
    part larger than ``bomb_floor`` bytes is taken for a decompression bomb; ``max_toml``: bytes of a TOML file.
    """

    max_rows: int = 1_048_576
    max_columns: int = 256
    max_line: int = 4 << 20
    header_rows: int = 200
    max_unzipped: int = 1 << 30
    max_part: int = 256 << 20
    max_ratio: int = 200
    bomb_floor: int = 32 << 20
    max_toml: int = 16 << 20


DEFAULT_LIMITS = Limits()

_KINDS = (
    (stat.S_ISDIR, "这是一个目录，应为文件"),
    (stat.S_ISFIFO, "这是一个命名管道（FIFO），不是普通文件；请给出表格文件本身"),
    (stat.S_ISCHR, "这是一个设备文件，不是普通文件；请给出表格文件本身"),
    (stat.S_ISBLK, "这是一个设备文件，不是普通文件；请给出表格文件本身"),
    (stat.S_ISSOCK, "这是一个套接字，不是普通文件；请给出表格文件本身"),
)


def _refuse(mode: int, shown: str) -> None:
    for test, reason in _KINDS:
        if test(mode):
            raise TableReadError(shown, reason)
    if not stat.S_ISREG(mode):
        raise TableReadError(shown, "不是普通文件；请给出表格文件本身")


def _failed(exc: BaseException, shown: str) -> TableReadError:
    reasons = (
        (FileNotFoundError, "文件不存在"),
        (NotADirectoryError, "路径中有一段不是目录，文件不存在"),
        (IsADirectoryError, "这是一个目录，应为文件"),
        (PermissionError, "没有读取这个文件的权限"),
    )
    reason = next((reason for kind, reason in reasons if isinstance(exc, kind)), None)
    return TableReadError(shown, reason or f"无法打开文件（{getattr(exc, 'strerror', None) or exc}）")


def check_regular(path: Path, shown: str) -> None:
    """TableReadError unless ``path`` is a regular file (missing, a folder, a device, a FIFO): nothing is opened."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL character
        raise _failed(exc, shown) from exc
    _refuse(mode, shown)


def open_regular(path: Path, shown: str) -> BinaryIO:
    """The file opened for reading in binary; TableReadError for anything but a regular file.

    The kind of file is checked before opening (a folder, a device) and again on the open descriptor, which is
    opened without blocking, so a path swapped for a FIFO in between cannot hang the run either.
    """
    check_regular(path, shown)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError) as exc:
        raise _failed(exc, shown) from exc
    try:
        _refuse(os.fstat(descriptor).st_mode, shown)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def visible(char: str) -> str:
    """A control character as its visible symbol (``\\x1b`` -> ``␛``); other characters as they are."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: a control character shown, never sent to the terminal
    return "\N{SYMBOL FOR DELETE}" if code == 0x7F else char


def short(text: str, limit: int = 60) -> str:
    """A cell as quoted in a message: control characters made visible, line breaks as ``↵``, at most ``limit``
    characters (``前30字…（共12000字）``), so that a 1 MB cell never becomes a 1 MB message."""
    cut = text if len(text) <= limit else text[: limit // 2]
    shown = "".join("↵" if c in "\r\n" else " " if c == "\t" else visible(c) for c in cut)
    return shown if cut is text else f"{shown}…（共{len(text)}字）"


def column_name(index: int, letters: bool) -> str:
    """A 0-based column as a user sees it: ``C`` in a workbook, ``3`` in a CSV file."""
    if not letters:
        return str(index + 1)
    name = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(ord("A") + rest) + name
    return name

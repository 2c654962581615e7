"""A text file's lines, each decoded on its own, whatever encodings the file mixes.

The encoding is chosen on the first 64 KB: UTF-16 by its byte-order mark (or its zero bytes), else UTF-8 or
GB18030 (which reads GBK) by which decodes more of the sample's lines. Every line is then decoded on its own, so a
file of mixed encodings loses nothing: a line that is not in the file's encoding is read in the other one (with a
note), and a line neither can read has its bad bytes replaced (and is marked so). Lines end at ``\r\n``, ``\n``
or a lone ``\r``; a line longer than the limit is skipped (given as None) without being held in memory.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

from scoring.errors import TableReadError

__all__ = ["Line", "text_lines"]

_CHUNK = 256 << 10
_EOL = re.compile(rb"\r\n|\r|\n")
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_NAMES = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030", "utf-16": "UTF-16"}
_BAD_ENCODING = "文件编码既不是 UTF-8 也不是 GB18030/GBK，应为文本格式的 CSV（可在 Excel 中另存为“CSV UTF-8”）"


class Line(NamedTuple):
    number: int  # 1-based line of the file
    text: str
    note: str = ""  # how it was decoded, when not in the file's encoding
    replaced: bool = False  # bytes no encoding could read were replaced by U+FFFD


def _utf16(sample: bytes) -> str | None:
    """``utf-16`` (with BOM), ``utf-16-le``/``-be`` for a sample whose zero bytes fall on one side, else None."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 4 and max(even, odd) > len(sample) // 16 and min(even, odd) * 8 < max(even, odd):
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str, final: bool) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)().decode(data, final)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(sample: bytes, whole: bool, shown: str) -> tuple[str, str]:
    """The file's encoding and the one tried for a line that is not in it (UTF-8 and GB18030, either way)."""
    if sample.startswith(b"PK\x03\x04"):
        raise TableReadError(shown, "这是一个 Excel 工作簿（XLSX），扩展名却是 .csv；请把扩展名改为 .xlsx")
    if sample.count(0) > len(sample) // 100 + 2:
        raise TableReadError(shown, "文件含有大量空字节，不是文本格式的 CSV（可能是二进制文件）")
    lines = sample.split(b"\n")
    if not whole and len(lines) > 1:
        lines.pop()  # cut in the middle of a line
    wide = [line for line in lines if any(byte >= 0x80 for byte in line)]
    utf8 = sum(_decodes(line, "utf-8", whole or len(lines) > 1) for line in wide)
    gbk = sum(_decodes(line, "gb18030", whole or len(lines) > 1) for line in wide)
    if wide and not utf8 and not gbk:
        raise TableReadError(shown, _BAD_ENCODING)
    return ("utf-8", "gb18030") if utf8 >= gbk else ("gb18030", "utf-8")


def _raw_lines(handle: BinaryIO, first: bytes, limit: int) -> Iterator[bytes | None]:
    """The file's lines as bytes with their line ends; None for a line over ``limit`` bytes, which is skipped
    (never held whole). Lines end at ``\\n`` (a lone ``\\r`` inside one is split off after decoding), or at
    ``\\r`` in a file with no ``\\n`` in its first bytes (old Mac files)."""
    if b"\r" in first and b"\n" not in first:
        yield from _mac_lines(handle, first, limit)
        return
    handle.seek(0)
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        yield None
        while (rest := handle.readline(limit)) and not rest.endswith(b"\n"):
            pass


def _mac_lines(handle: BinaryIO, first: bytes, limit: int) -> Iterator[bytes | None]:
    buffer, skipping = first, False
    while True:
        chunk = handle.read(_CHUNK)
        buffer += chunk
        start = 0
        for match in _EOL.finditer(buffer):
            if chunk and match.end() == len(buffer) and match[0] == b"\r":
                break  # a \r\n may be split over two chunks
            if not skipping:
                yield buffer[start : match.end()] if match.end() - start <= limit else None
            skipping, start = False, match.end()
        buffer = buffer[start:]
        if len(buffer) > limit:
            if not skipping:
                yield None
            buffer, skipping = b"", True
        if not chunk:
            break
    if buffer and not skipping:
        yield buffer


def _decoded(raw: Iterable[bytes | None], primary: str, other: str) -> Iterator[Line | None]:
    """Each line decoded on its own: in the file's encoding, else in the other one (said so), else with its bad
    bytes replaced. A lone ``\r`` inside a line ends a line too (old Mac files)."""
    names = (_NAMES[primary], _NAMES[other])
    for number, data in enumerate(raw, start=1):
        if data is None:
            yield None
            continue
        if number == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            line = Line(number, data.decode(primary))
        except UnicodeDecodeError:
            try:
                line = Line(number, data.decode(other), f"这一行不是 {names[0]} 编码，已按 {names[1]} 读取，请核对")
            except UnicodeDecodeError:
                line = Line(number, data.decode(primary, "replace"), replaced=True)
        if "\r" in line.text[:-2]:
            yield from _split_cr(line)
        else:
            yield line


def _wide_lines(handle: io.TextIOWrapper, limit: int) -> Iterator[Line | None]:
    number = 0
    while line := handle.readline(limit):
        number += 1
        too_long = len(line) >= limit and not line.endswith(("\n", "\r"))
        while too_long and (rest := handle.readline(limit)) and not rest.endswith(("\n", "\r")):
            pass
        yield None if too_long else Line(number, line, replaced="\ufffd" in line)


def _split_cr(line: Line) -> Iterator[Line]:
    return (line._replace(text=part) for part in _LONE_CR.split(line.text) if part)


def text_lines(handle: BinaryIO, sample: bytes, shown: str, limit: int) -> tuple[Iterator[Line | None], str, str]:
    """The lines of the file whose first bytes are ``sample`` (``handle`` is past them), the sample as text,
    and the name of the encoding read; TableReadError for a file no encoding reads."""
    wide = _utf16(sample)
    if wide:
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=wide, errors="replace", newline="")
        return _wide_lines(text, limit), sample.decode(wide, "replace"), "UTF-16"
    primary, other = _encoding(sample, len(sample) < 64 << 10, shown)
    lines = _decoded(_raw_lines(handle, sample, limit), primary, other)
    return lines, sample.decode(primary, "replace"), _NAMES[primary]

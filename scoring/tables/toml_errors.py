"""tomllib's syntax errors (English) as Chinese messages naming the line and column."""

from __future__ import annotations

import re
import tomllib

from scoring.errors import TableReadError

__all__ = ["syntax_error"]

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")

#: tomllib's messages (English) in Chinese; a message not listed is shown as tomllib words it, after 原文.
_SAID = (
    ("Expected '=' after a key", "键后应为“=”（键名含空格等字符时请加引号）"),
    ("Invalid value", '值无法识别（文本请加引号，如 "≥110个"）'),
    ("Unterminated string", "引号未闭合"),
    ("Cannot declare", "同一个表声明了两次"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Expected newline or end of document", "一行只能写一个“键 = 值”，值后有多余内容"),
    ("Expected ']' at the end of a table", "表名缺少“]”"),
    ("Expected ']]' at the end of an array declaration", "数组表名缺少“]]”（如 [[actuals]]、[[indicators]]）"),
    ("Unclosed inline table", "行内表缺少“}”"),
    ("Unclosed array", "数组缺少“]”"),
    ("Invalid statement", "无法识别的语句（应为“键 = 值”或“[表名]”；中文键名请加引号）"),
    ("Illegal character '\\n'", "引号未闭合（字符串中不能换行）"),
    ("Illegal character", "含有不允许的字符"),
    ("Invalid initial character for a key part", "键名的第一个字符无效（中文键名请加引号）"),
)


def syntax_error(exc: tomllib.TOMLDecodeError, shown: str) -> TableReadError:
    """The TableReadError of a TOML syntax error in the file shown as ``shown``."""
    message = str(exc)
    at = _AT.search(message)
    where = f"第{at[1]}行第{at[2]}列" if at else "文件末尾" if "end of document" in message else ""
    said = next((chinese for english, chinese in _SAID if message.startswith(english)), None)
    text = said if said is not None else f"原文：{_AT.sub('', message).strip()}"
    return TableReadError(shown, f"TOML 格式有误（{where}）：{text}" if where else f"TOML 格式有误：{text}")

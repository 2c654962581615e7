"""The report of ``scoring check``: findings as a Chinese list or JSON."""

from __future__ import annotations

import json

from scoring.display import pad, width
from scoring.engine.check import Finding

__all__ = ["render_findings"]


def render_findings(title: str, findings: tuple[Finding, ...], as_json: bool = False) -> str:
    """The report of ``scoring check``."""
    if as_json:
        return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    out = [title]
    if not findings:
        out.append("检查通过：未发现问题。")
    severity_w = max((width(f.severity) for f in findings), default=4)
    for f in findings:
        where = f"【{f.where}】" if f.where else ""
        out.append(f"{pad(f.severity, severity_w)}  {where}{f.message}")
    errors = sum(1 for f in findings if f.is_error)
    warnings = sum(1 for f in findings if f.severity == "警告")
    out.append(f"共 {errors} 个错误，{warnings} 个警告。")
    return "\n".join(out) + "\n"

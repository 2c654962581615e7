"""Auditor-facing failure reports for the Chinese feature files (features/)."""

from __future__ import annotations

from typing import Any

import pytest


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: dict[str, Any],
    exception: Exception,
) -> None:
    """Name the failing step in Chinese, with its scenario and feature file, in the failure report."""
    where = f"{feature.rel_filename}:{step.line_number}"
    text = (
        f"功能：{feature.name}\n场景：{scenario.name}\n失败的步骤：{step.keyword}{step.name}（{where}）\n"
        f"原因：{exception}"
    )
    request.node.add_report_section("call", "失败的步骤", text)

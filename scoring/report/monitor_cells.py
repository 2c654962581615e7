"""The cells every monitoring workbook shares: the lights' fills, a light's word, a progress as a percent cell."""

from __future__ import annotations

from decimal import Decimal

from scoring.engine.monitor_rules import Light
from scoring.numbers import HUNDRED, q2

__all__ = ["LIGHT_FILLS", "NOTES_TITLE", "UNJUDGED", "fill_of", "light_text", "percent_cell"]

NOTES_TITLE = "说明"
#: The light colours (RGB): the fills of lights in every workbook the monitor writes.
LIGHT_FILLS = {Light.RED: "FFC7CE", Light.YELLOW: "FFEB9C", Light.GREEN: "C6EFCE", Light.BLUE: "BDD7EE"}
UNJUDGED = "D9D9D9"  # grey, as xlsx_grid.FILLS["无法评分"]: a row that got no light


def fill_of(light: Light | None) -> str:
    """The fill of a light: its colour, grey for no light."""
    return LIGHT_FILLS[light] if light is not None else UNJUDGED


def light_text(light: Light | None) -> str:
    return light.value if light is not None else "无法判断"


def percent_cell(ratio: Decimal | None) -> Decimal | None:
    """A progress as a percent cell: the ratio rounded as the text shows it (``77.92%``)."""
    return None if ratio is None else q2(ratio * HUNDRED) / HUNDRED

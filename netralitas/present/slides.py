"""The presenter's slide order; each slide is one view of the dashboard."""

from __future__ import annotations

from ..i18n import both

# the early warning comes last: links to slides 1..6 made before it existed keep their meaning
SLIDES = ("kpi", "map", "trend", "agencies", "violations", "regencies", "alerts")
# slide -> (Indonesian, English) title, from the one table of strings
TITLES = {slide: both("alerts_title" if slide == "alerts" else f"slide_title_{slide}") for slide in SLIDES}


def slide_index(raw: object) -> int:
    """1-based slide number from the URL, clamped to the deck; anything else is slide 1."""
    try:
        n = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), len(SLIDES))


def next_index(current: int, step: int) -> int:
    """Wraps around so an auto-advancing lobby screen loops."""
    return (current - 1 + step) % len(SLIDES) + 1

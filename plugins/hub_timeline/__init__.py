"""hub_timeline: adoptions by year, as a small bar chart drawn at build time, on ordinance and issue pages.

Reads: the `Site` graph (each ordinance's adoptions: their status and date) and the site's gettext
catalogue (hub_i18n). Writes no file of its own: it adds `view.timeline` to each ordinance's page and
each issue's page with at least one dated adoption (`parts.py`, registered on Pelican's
`generator_init`, so hub_pages finds it when it completes its views in its `generate_context`).
theme/templates/timeline.html prints it: the chart as inline SVG (no JavaScript, no style attribute,
coloured by theme/static/css/timeline.css in light and dark), the same counts as a table, and a sentence
on what the chart leaves out.

Only entries marked `adopted` and dated are counted, by year (`counts.py`); every year between the first
and the last is shown, zero included. Modules: `counts.py` (the numbers, pure), `svg.py` (the markup,
pure), `parts.py` (the timeline in each page's view).
"""

from __future__ import annotations

from typing import Any

from .counts import MAX_BARS, Counts, Period, count
from .parts import Timeline, issue_timeline, ordinance_timeline
from .svg import markup

__all__ = [
    "MAX_BARS",
    "Counts",
    "Period",
    "Timeline",
    "count",
    "issue_timeline",
    "markup",
    "ordinance_timeline",
    "register",
]

OWNER = "hub_timeline"


def _install(generator: Any) -> None:
    from hub_core.views import view_parts
    from hub_i18n import translations_for

    from .parts import timeline_part

    parts = view_parts(generator.context)
    if OWNER not in parts:
        text = translations_for(generator.theme, generator.settings.get("DEFAULT_LANG", "en"))
        parts.add(OWNER, timeline_part(generator.context, text))


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)

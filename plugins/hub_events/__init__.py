"""hub_events: events with their times in their own zone, upcoming and past, and calendars to add or
subscribe to.

Reads: the `Site` graph (events are documents of the `event` type, `content/events/<slug>.md`, validated
by hub_content/events.py into `EventDetails`), the build's date, SITEURL and the site's language.
Writes: `/events/` (upcoming earliest first, then past latest first; planned here as a LISTING view,
template `events.html`), an `.ics` file per event (`events/<slug>/<slug>.ics`, "Add to calendar"), the
site's calendar `events/calendar.ics` and each issue's `issues/<slug>/calendar.ics` ("Subscribe"), made
with the `icalendar` library with the same bytes on every build (calendar.py); and `view.events` on every
event page, the events listing and each issue and jurisdiction page (parts.py), which the templates print.
The JSON-LD `Event` of an event's page is hub_meta's (structured.py).

Modules: `when.py` (times in words, Babel), `calendar.py` (RFC 5545 files), `parts.py` (the views' part),
`generator.py` (the Pelican generator).
"""

from __future__ import annotations

from typing import Any

OWNER = "hub_events"


def _install(generator: Any) -> None:
    from hub_core.views import view_parts

    from .parts import events_part

    parts = view_parts(generator.context)
    if OWNER not in parts:
        parts.add(OWNER, events_part(generator.context, generator.settings.get("DEFAULT_LANG", "en")))


def _generators(_pelican: object) -> Any:
    from .generator import EventsGenerator

    return EventsGenerator


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)
    signals.get_generators.connect(_generators)

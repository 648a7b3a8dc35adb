"""hub_events' part of the page views: an event's facts on its page, and events split into upcoming and
past on the events listing, each issue's page and each jurisdiction's page.

Reads the planned `PageView`, the `Site` graph and the build's date (hub_content, in the build's
context) and the site's language; writes nothing. Every value a template prints is made here: the time in
words in the event's zone (when.py), ISO times for `<time datetime>`, the calendar files' addresses. An
event is upcoming through its last day and past from the day after (`EventDetails.is_past`), so the first
build after that day moves it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from hub_core.context import TODAY_KEY
from hub_core.views import Kind, PageView
from hub_model import Document, EventDetails, Issue, Jurisdiction, Place, Site, Speaker, in_language

from .when import when

SITE_CALENDAR = "events/calendar.ics"
ISSUE_CALENDAR = "calendar.ics"  # in each issue's folder: issues/<slug>/calendar.ics
PAST_ON_PAGES = 5  # past events an issue or a place lists; the events listing lists them all


def event_calendar(doc: Document) -> str:
    """The event's own calendar file, in its folder: `events/<slug>/<slug>.ics` (one for every language:
    a calendar names the event in the site's language)."""
    return f"{doc.type.url_for(doc.slug)}{doc.slug}.ics"


def issue_calendar(issue: Issue) -> str:
    return f"issues/{issue.slug}/{ISSUE_CALENDAR}"


@dataclass(frozen=True)
class EventCard:
    """An event in a list: the document, when it happens in words, and its start for `<time>`."""

    doc: Document
    when: str
    start: str


@dataclass(frozen=True)
class EventList:
    """Events split by the build's date: upcoming earliest first, past latest first."""

    upcoming: tuple[EventCard, ...]
    past: tuple[EventCard, ...]
    calendar: str | None
    past_total: int = 0
    """How many past events there are in all (a page may list only the latest)."""
    listing: str = "events/"
    """The events listing in the page's language, which lists every past event."""


@dataclass(frozen=True)
class EventFacts:
    """What an event's page shows besides its body."""

    when: str
    start: str | None
    end: str | None
    all_day: bool
    past: bool
    attendance: str | None
    """The attendance mode's label ("Online"...), for gettext."""
    place: Place | None
    place_jurisdiction: Jurisdiction | None
    online: str | None
    registration: str | None
    speakers: tuple[Speaker, ...]
    recording: str | None
    calendar: str


def facts(site: Site, doc: Document, details: EventDetails, today: dt.date, language: str) -> EventFacts:
    place = details.place
    return EventFacts(
        when=when(details, language),
        start=details.iso(details.start),
        end=details.iso(details.end),
        all_day=details.all_day,
        past=details.is_past(today),
        attendance=details.attendance.label if details.attendance else None,
        place=place,
        place_jurisdiction=site.jurisdictions[place.jurisdiction] if place and place.jurisdiction else None,
        online=details.online,
        registration=None if details.is_past(today) else details.registration,
        speakers=details.speakers,
        recording=details.recording,
        calendar=event_calendar(doc),
    )


def event_list(
    events: tuple[Document, ...],
    today: dt.date,
    language: str,
    calendar: str | None,
    past_shown: int | None,
    lang: str = "",
) -> EventList:
    """`events` (earliest first) split at `today`; the latest `past_shown` past ones (all with None).
    `language` writes the times, `lang` ("" for the site's) places the listing's address."""
    cards = [(d.details, d) for d in events if isinstance(d.details, EventDetails)]
    upcoming = tuple(_card(d, e, language) for e, d in cards if not e.is_past(today))
    past = [_card(d, e, language) for e, d in reversed(cards) if e.is_past(today)]
    shown = past if past_shown is None else past[:past_shown]
    return EventList(upcoming, tuple(shown), calendar, len(past), in_language(lang, "events/"))


def _card(doc: Document, details: EventDetails, language: str) -> EventCard:
    return EventCard(doc, when(details, language), details.iso(details.start) or "")


def events_part(context: MutableMapping[str, Any], default: str) -> Callable[[PageView], PageView]:
    """The part that adds `view.events` to event pages, the events listing, and issue and place pages,
    each in the page's language (`default`, the site's, for a page with none)."""
    editions: dict[str, Site] = {}  # each language's edition of the graph, made once per build

    def site_in(lang: str) -> Site:
        from hub_content import site_from
        from hub_pages.editions import edition

        if lang not in editions:
            editions[lang] = edition(site_from(context)[0], lang)
        return editions[lang]

    def add_events(view: PageView) -> PageView:
        subject, today, language = view.subject, context[TODAY_KEY], view.lang or default
        part: EventFacts | EventList | None = None
        if view.kind is Kind.DOCUMENT and isinstance(subject, Document):
            if isinstance(subject.details, EventDetails):
                part = facts(site_in(view.lang), subject, subject.details, today, language)
        elif view.kind is Kind.LISTING and view.path == in_language(view.lang, LISTING):
            part = event_list(site_in(view.lang).events, today, language, SITE_CALENDAR, None, view.lang)
        elif view.kind is Kind.ISSUE and isinstance(subject, Issue):
            events = site_in(view.lang).events_on(subject)
            part = event_list(events, today, language, issue_calendar(subject), PAST_ON_PAGES, view.lang)
        elif view.kind is Kind.JURISDICTION and isinstance(subject, Jurisdiction):
            events = site_in(view.lang).events_in(subject)
            found = event_list(events, today, language, None, PAST_ON_PAGES, view.lang)
            part = found if events else None
        return view if part is None else dataclasses.replace(view, events=part)

    return add_events


LISTING = "events/index.html"

"""iCalendar (RFC 5545) files of events, made with the `icalendar` library, the same bytes on every build.

Reads events of the `Site` graph; writes nothing (the generator writes the bytes). One calendar holds one
event (its "Add to calendar" file) or many (the site's and each issue's subscribable calendar). Nothing
comes from the clock or the host: each event's UID is made from its path on the site (`events/<slug>`)
and the site's host, or a fixed name when the site has no address; DTSTAMP is the document's `updated`
(else `date`) at midnight UTC; PRODID is fixed; every zone an event's times use gets its VTIMEZONE (the
library writes them from the tz database for the years the events span). Times are written in their own
zone (`DTSTART;TZID=America/New_York:20251118T130000`), an all-day event as dates with DTEND the day after
its last, as RFC 5545 counts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar

from hub_model import Document, EventDetails

PRODID = "-//Local Policy Hub//hub_events//EN"
LOCAL_HOST = "hub.invalid"  # RFC 2606: a name that is never anyone's, for a site without an address


def uid(doc: Document, site_url: str) -> str:
    """The event's lasting identity: its path on the site, at the site's host."""
    host = urlsplit(site_url).hostname or LOCAL_HOST
    return f"{doc.url.strip('/')}@{host}"


def _stamp(doc: Document) -> dt.datetime:
    day = doc.updated or doc.date or dt.date(1970, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _time(details: EventDetails, moment: dt.datetime | dt.date) -> dt.datetime | dt.date:
    return details.aware(moment)


def vevent(doc: Document, details: EventDetails, site_url: str, address: str) -> icalendar.Event:
    """One event: its identity, times, title, summary, place and page."""
    event = icalendar.Event()
    event.add("uid", uid(doc, site_url))
    event.add("dtstamp", _stamp(doc))
    event.add("dtstart", _time(details, details.start))
    if details.all_day:  # DTEND of an all-day event is the day after its last (RFC 5545, 3.6.1)
        event.add("dtend", details.last_day + dt.timedelta(days=1))
    elif details.end is not None:
        event.add("dtend", _time(details, details.end))
    event.add("summary", doc.title)
    description = doc.summary + (f"\n\n{address}" if address else "")
    event.add("description", description)
    where = [p for p in (details.place.name, details.place.address) if p] if details.place else []
    if details.online:
        where.append(details.online)
    if where:
        event.add("location", ", ".join(where))
    if address.startswith(("http://", "https://")):
        event.add("url", address)
    return event


def calendar(name: str, events: Iterable[Document], site_url: str, addresses: dict[str, str]) -> bytes:
    """A calendar of `events` (each with its page's address in `addresses`, by URL), as RFC 5545 bytes."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    days: list[dt.date] = []
    for doc in events:
        details = doc.details
        if not isinstance(details, EventDetails):
            continue
        cal.add_component(vevent(doc, details, site_url, addresses.get(doc.url, "")))
        days += [details.first_day, details.last_day]
    if days:  # the zones' rules for the years the events span, and no more
        first, last = min(days), max(days)
        cal.add_missing_timezones(dt.date(first.year, 1, 1), dt.date(last.year + 1, 12, 31))
    return cal.to_ical()

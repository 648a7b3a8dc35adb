"""An event's fields: its start and end, time zone, place and speakers, checked at their lines.

Reads YAML nodes (through fields.py's converters); writes nothing. A time is written as the organisers
announce it, `2025-11-18T13:00`, with the zone's IANA name in `timezone` (a UTC offset is refused: it
cannot follow daylight saving time); an all-day event gives dates only. `check_event` ties the fields
together (a time needs a zone, the end comes after the start, a time that exists in its zone) and
`recording_warnings` warns, for the build's date, of a recording given for an event not yet over.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from hub_model import N_, DocType, Document, EventDetails, Place, Speaker, TypePhrases, ngettext_noop

from .compound import listing, record
from .errors import ContentError, excerpt
from .fields import Ctx, FieldSpec, _scalar, ref, suggest, text, url

DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?")
OFFSET = re.compile(r".*(?:[zZ]|[+-][0-9]{2}:?[0-9]{2})")
YEARS = (1900, 2200)  # calendars carry each zone's rules for the years their events span
ZONE_EXAMPLE = "America/New_York"


def event_time(node: yaml.Node, ctx: Ctx, label: str) -> dt.datetime | dt.date:
    """`2025-11-18` (all day) or `2025-11-18T13:00` (a wall-clock time in the event's `timezone`)."""
    value = _scalar(node, ctx, label, "a date or a date and time")
    if TIME.match(value) and OFFSET.fullmatch(value):
        raise ctx.fail(
            node,
            f"'{label}' is '{excerpt(value)}', which gives a UTC offset: write the local time alone, "
            f"like 2025-11-18T13:00, and the zone's name as timezone: {ZONE_EXAMPLE}",
        )
    try:
        moment = _parse(value)
    except ValueError:
        raise ctx.fail(
            node,
            f"'{label}' is '{excerpt(value)}', not a date or a time: write YYYY-MM-DD for an all-day "
            "event, or YYYY-MM-DDTHH:MM (24-hour clock) with timezone:, like 2025-11-18T13:00",
        ) from None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ctx.fail(node, f"'{label}' is in {moment.year}: give a year from {YEARS[0]} to {YEARS[1]}")
    return moment


def _parse(value: str) -> dt.datetime | dt.date:
    if DAY.fullmatch(value):
        return dt.date.fromisoformat(value)
    match = TIME.fullmatch(value)
    if match is None:
        raise ValueError(value)
    day, hour, minute, second = match.groups()
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(int(hour), int(minute), int(second or 0)))


@functools.cache
def known_zones() -> frozenset[str]:
    """The IANA zone names the tz database installed with Python (tzdata) knows."""
    return frozenset(zoneinfo.available_timezones())


def timezone(node: yaml.Node, ctx: Ctx, label: str) -> str:
    """An IANA zone name (`America/New_York`); abbreviations like EST, which ignore daylight saving, are
    refused. The name is looked up in the list of known zones, never opened as a path."""
    value = _scalar(node, ctx, label, "a time zone name")
    zones = known_zones()
    if value in zones and ("/" in value or value == "UTC"):
        return value
    places = sorted(z for z in zones if "/" in z)
    hint = suggest(value, places)
    raise ctx.fail(
        node,
        f"'{label}' is '{excerpt(value)}', not a time zone{hint}: write the zone's IANA name "
        f"(Area/City), like {ZONE_EXAMPLE}, America/Chicago or America/Los_Angeles",
    )


def speaker(node: yaml.Node, ctx: Ctx, label: str) -> Speaker:
    return Speaker(text(120)(node, ctx, label))


PLACE_FIELDS = (
    FieldSpec("name", text(200), required=True, example="Santa Clara County Government Center"),
    FieldSpec("address", text(300), example="70 W Hedding St, San José, CA", doc="the street address"),
    FieldSpec("jurisdiction", ref("jurisdiction"), example="san-jose-ca", doc="the place it lies in"),
)


def _node(fields: dict[str, Any], name: str) -> yaml.Node:
    return fields[name][1]


def _shown(moment: dt.datetime | dt.date) -> str:
    return moment.isoformat(sep=" ", timespec="minutes") if isinstance(moment, dt.datetime) else str(moment)


def check_event(values: dict[str, Any], fields: dict[str, Any], ctx: Ctx) -> None:
    """The rules that tie an event's fields together, each reported at its field's line."""
    start, end, zone = values["start"], values["end"], values["timezone"]
    timed = isinstance(start, dt.datetime)
    if timed and zone is None:
        ctx.problems.at(
            _node(fields, "start"),
            f"'start' gives a time ({start:%H:%M}) but no time zone: add timezone: with the zone's IANA "
            f"name, like timezone: {ZONE_EXAMPLE}, or give dates only for an all-day event",
        )
    if zone is not None and not timed:
        ctx.problems.at(
            _node(fields, "timezone"),
            "'timezone' is given but 'start' is a date without a time: give the times, like "
            "start: 2025-11-18T13:00, or remove timezone for an all-day event",
        )
    if end is not None and isinstance(end, dt.datetime) != timed:
        has, lacks = ("start", "end") if timed else ("end", "start")
        ctx.problems.at(
            _node(fields, "end"),
            f"'{has}' has a time and '{lacks}' does not: give both as times (YYYY-MM-DDTHH:MM) "
            "or both as dates for an all-day event",
        )
    elif end is not None and (end <= start if timed else end < start):
        ctx.problems.at(
            _node(fields, "end"),
            f"'end' ({_shown(end)}) is {'not after' if timed else 'before'} 'start' ({_shown(start)}): "
            "an event ends after it starts; correct one of them",
        )
    if timed and zone is not None:
        for name in ("start", "end"):
            _check_exists(values[name], zone, _node(fields, name) if name in fields else None, ctx, name)


def _check_exists(moment: Any, zone: str, node: yaml.Node | None, ctx: Ctx, label: str) -> None:
    """A wall-clock time the zone skips (clocks going forward) names no instant at all."""
    if not isinstance(moment, dt.datetime) or node is None:
        return
    local = moment.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    if local.astimezone(dt.UTC).astimezone(local.tzinfo).replace(tzinfo=None) != moment:
        ctx.problems.at(
            node,
            f"'{label}' ({_shown(moment)}) does not exist in {zone}: the clocks skip that hour when "
            "daylight saving time begins; give a time outside it",
        )


def with_lines(details: EventDetails, fields: dict[str, Any], ctx: Ctx) -> EventDetails:
    """The details with the line of `recording`, for the warning given once the build's date is known."""
    if "recording" not in fields:
        return details
    return dataclasses.replace(details, recording_line=ctx.problems.line_of(_node(fields, "recording")))


def recording_warnings(documents: Iterable[Document], today: dt.date) -> Iterator[ContentError]:
    """A recording given for an event that is not over on the build's date: a wrong date, most likely."""
    for doc in documents:
        details = doc.details
        if isinstance(details, EventDetails) and details.recording and not details.is_past(today):
            yield ContentError(
                doc.source,
                details.recording_line or 1,
                f"'recording' is given, but the event ends on {details.last_day}, not before the build's "
                f"date ({today}): the page shows the recording once the event is over; check the dates",
            )


EVENT_PHRASES = TypePhrases(
    new=N_("New events"),
    browse=N_("Browse events"),
    all_on_issue=ngettext_noop("All %(count)s event on %(issue)s", "All %(count)s events on %(issue)s"),
    all_naming=ngettext_noop("All %(count)s event naming %(place)s", "All %(count)s events naming %(place)s"),
    on_issue=N_("Events on %(issue)s"),
    naming=N_("Events naming %(place)s"),
)

EVENT_FIELDS = (
    FieldSpec(
        "start",
        event_time,
        required=True,
        example="2025-11-18T13:00",
        doc="when it starts: YYYY-MM-DD for an all-day event, else YYYY-MM-DDTHH:MM with timezone",
    ),
    FieldSpec(
        "end",
        event_time,
        example="2025-11-18T14:30",
        doc="when it ends, written like start (an all-day event's last day); leave it out if not announced",
    ),
    FieldSpec("timezone", timezone, example=ZONE_EXAMPLE, doc="the IANA zone its times are in"),
    FieldSpec("online", url, example="https://example.org/join", doc="where to join online"),
    FieldSpec("place", record(PLACE_FIELDS, Place), doc="where it meets: name, address, jurisdiction"),
    FieldSpec("registration", url, example="https://example.org/register", doc="where to register"),
    FieldSpec(
        "speakers",
        listing(speaker, what="names", same=lambda s: s.name),
        default=(),
        example="[Jane Doe, John Roe]",
        doc="who speaks, by name",
    ),
    FieldSpec(
        "recording", url, example="https://www.youtube.com/watch?v=...", doc="a video of it, once it is over"
    ),
)

EVENT = DocType(
    name="event",
    folder="events",
    label=N_("Event"),
    plural=N_("Events"),
    url_prefix="events",
    phrases=EVENT_PHRASES,
    fields=EVENT_FIELDS,
    details=EventDetails,
    own_listing=True,
    module=__name__,
)

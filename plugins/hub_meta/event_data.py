"""schema.org `Event` for an event's page, built from its `EventDetails`.

Reads the `Site` graph and `SiteInfo`; writes nothing. startDate and endDate carry the event's UTC offset
at that date (`2025-11-18T13:00-05:00`), or are dates alone for an all-day event; eventAttendanceMode and
location follow from `online` (a `VirtualLocation`) and `place` (a `Place` with its address and the
jurisdiction it lies in); the organizer is the site's `Organization`; speakers are `performer`s by name;
a recording is the event's `recordedIn` (a `VideoObject`).
"""

from __future__ import annotations

from typing import Any

from hub_model import Document, EventDetails, Site

from .identity import SiteInfo

SCHEMA = "https://schema.org/"


def event(
    site: Site, doc: Document, details: EventDetails, info: SiteInfo, organizer: dict[str, Any]
) -> dict[str, Any]:
    """The event's own properties (the caller adds name, url, description and what every page has)."""
    locations: list[dict[str, Any]] = []
    if details.online:
        locations.append({"@type": "VirtualLocation", "url": details.online})
    if details.place:
        place = details.place
        area = None
        if place.jurisdiction:
            where = site.jurisdictions[place.jurisdiction]
            area = {"@type": "AdministrativeArea", "name": where.name, "url": info.address(where.url)}
        locations.append(
            {"@type": "Place", "name": place.name, "address": place.address, "containedInPlace": area}
        )
    attendance = details.attendance
    return {
        "startDate": details.iso(details.start),
        "endDate": details.iso(details.end if details.end or not details.all_day else details.start),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": SCHEMA + attendance.value if attendance else None,
        "location": locations,
        "organizer": organizer,
        "performer": [{"@type": "Person", "name": s.name} for s in details.speakers],
        "recordedIn": {"@type": "VideoObject", "name": doc.title, "embedUrl": details.recording}
        if details.recording
        else None,
    }

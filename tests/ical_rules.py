"""RFC 5545 rules a program can check, for the calendar files the hub writes (tests/test_events.py).

The files are parsed back with the `icalendar` library, which is lenient; these checks add the rules it
does not enforce: CRLF line endings, lines folded at 75 octets, PRODID and VERSION on the calendar,
UID, DTSTAMP (in UTC) and DTSTART on every event, UIDs unique, DTEND after DTSTART and of the same value
type, and every TZID an event names defined by a VTIMEZONE with its observances.
"""

from __future__ import annotations

import datetime as dt

import icalendar

MAX_OCTETS = 75


def problems(data: bytes) -> list[str]:
    """Every rule the calendar breaks, in words; empty when it keeps them all."""
    found = _lines(data)
    cal = icalendar.Calendar.from_ical(data)
    if cal.name != "VCALENDAR":
        return [*found, f"the file is a {cal.name}, not a VCALENDAR"]
    found += [f"VCALENDAR has no {p}" for p in ("PRODID", "VERSION") if p not in cal]
    if str(cal.get("VERSION", "")) != "2.0":
        found.append("VERSION is not 2.0")
    zones = {str(z["TZID"]): z for z in cal.walk("VTIMEZONE")}
    for tzid, zone in zones.items():
        observances = [c for c in zone.subcomponents if c.name in ("STANDARD", "DAYLIGHT")]
        if not observances:
            found.append(f"VTIMEZONE {tzid} has no STANDARD or DAYLIGHT")
        for o in observances:
            found += [
                f"{tzid} {o.name} has no {p}" for p in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO") if p not in o
            ]
    uids: set[str] = set()
    for event in cal.walk("VEVENT"):
        found += _event(event, zones, uids)
    return found


def _lines(data: bytes) -> list[str]:
    found = []
    if not data.endswith(b"\r\n"):
        found.append("the file does not end with CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            found.append(f"line {number} ends with a bare LF or CR")
        if len(line) > MAX_OCTETS:
            found.append(f"line {number} is {len(line)} octets long, not folded at {MAX_OCTETS}")
    return found


def _event(event: icalendar.Event, zones: dict[str, object], uids: set[str]) -> list[str]:
    found = [f"VEVENT has no {p}" for p in ("UID", "DTSTAMP", "DTSTART") if p not in event]
    if found:
        return found
    uid = str(event["UID"])
    if uid in uids:
        found.append(f"UID {uid} is used twice")
    uids.add(uid)
    stamp = event["DTSTAMP"].dt
    if not isinstance(stamp, dt.datetime) or stamp.utcoffset() != dt.timedelta(0):
        found.append(f"{uid}: DTSTAMP is not a UTC time")
    for name in ("DTSTART", "DTEND"):
        tzid = event[name].params.get("TZID") if name in event else None
        if tzid and tzid not in zones:
            found.append(f"{uid}: {name} names TZID {tzid}, which no VTIMEZONE defines")
    if "DTEND" in event:
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, dt.datetime) != isinstance(end, dt.datetime):
            found.append(f"{uid}: DTSTART and DTEND are of different value types")
        elif not end > start:
            found.append(f"{uid}: DTEND ({end}) is not after DTSTART ({start})")
    return found

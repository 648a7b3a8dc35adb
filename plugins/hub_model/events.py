"""An event's own fields: when (in its time zone, or all day), where (online, a place or both), who speaks,
how to register, and its recording once it has happened.

Reads and writes nothing. `hub_content` builds an `EventDetails` from validated front matter (the zone is an
IANA name zoneinfo knows, the end is not before the start); pages, calendars and the JSON-LD read it.
Times are kept as the wall-clock time the file gives, with the zone's name, so the page shows the time the
organisers announced and a calendar converts it for each reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from zoneinfo import ZoneInfo

from .phrases import N_


class Attendance(Enum):
    """How people take part, as schema.org names it (`eventAttendanceMode`)."""

    ONLINE = "OnlineEventAttendanceMode"
    OFFLINE = "OfflineEventAttendanceMode"
    MIXED = "MixedEventAttendanceMode"

    @property
    def label(self) -> str:
        return _ATTENDANCE_LABELS[self]


_ATTENDANCE_LABELS = {
    Attendance.ONLINE: N_("Online"),
    Attendance.OFFLINE: N_("In person"),
    Attendance.MIXED: N_("In person and online"),
}


@dataclass(frozen=True)
class Place:
    """Where an event meets: a name, its street address if given, and the jurisdiction it lies in."""

    name: str
    address: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True)
class Speaker:
    """Someone who speaks at an event, by name (a record, so a person's page can be linked to later)."""

    name: str


@dataclass(frozen=True)
class EventDetails:
    """When and where an event happens.

    `start` and `end` are dates for an all-day event (`end` its last day) or wall-clock times in
    `timezone` (an IANA name); `end` may be left out when no end was announced. `recording` is a video of
    the event, shown once it is over.
    """

    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    timezone: str | None = None
    online: str | None = None
    place: Place | None = None
    registration: str | None = None
    speakers: tuple[Speaker, ...] = ()
    recording: str | None = None
    recording_line: int = field(default=0, compare=False)  # where the file gives it, for the warning

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def zone(self) -> ZoneInfo | None:
        return ZoneInfo(self.timezone) if self.timezone and not self.all_day else None

    def aware(self, moment: dt.datetime | dt.date) -> dt.datetime | dt.date:
        """A time of the event in its zone (a date stays a date)."""
        zone = self.zone
        return moment.replace(tzinfo=zone) if isinstance(moment, dt.datetime) and zone else moment

    def iso(self, moment: dt.datetime | dt.date | None) -> str | None:
        """A time of the event in ISO 8601 with its UTC offset then (a date alone for an all-day event)."""
        if moment is None:
            return None
        aware = self.aware(moment)
        return aware.isoformat(timespec="minutes") if isinstance(aware, dt.datetime) else aware.isoformat()

    @property
    def first_day(self) -> dt.date:
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @property
    def last_day(self) -> dt.date:
        """The day the event ends, in its own zone (its first day when no end is given)."""
        end = self.end or self.start
        return end.date() if isinstance(end, dt.datetime) else end

    def is_past(self, today: dt.date) -> bool:
        """Over before `today` (the build's date): an event stays upcoming through its last day."""
        return self.last_day < today

    @property
    def attendance(self) -> Attendance | None:
        """Online, in person, or both; None when the file names neither a place nor an address."""
        if self.online and self.place:
            return Attendance.MIXED
        if self.online:
            return Attendance.ONLINE
        return Attendance.OFFLINE if self.place else None

    @property
    def sort_key(self) -> tuple[int, float]:
        """Earliest first: by first day, then by the instant it starts (all-day events first that day)."""
        start = self.aware(self.start)
        return (self.first_day.toordinal(), start.timestamp() if isinstance(start, dt.datetime) else 0.0)

"""When an event happens, in words, in the event's own time zone and the page's language (Babel, CLDR).

Reads an `EventDetails`; writes nothing. "November 18, 2025, 1:00 – 2:30 PM EST" in English, "18 de
noviembre de 2025, 13:00 – 14:30 (hora estándar oriental)" in Spanish: the zone is named by its
abbreviation where the language has one, else by its long name in parentheses, at the instant the event
starts (EST or EDT). An all-day event is its dates alone: "March 9, 2023 – March 10, 2023".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format, get_timezone_name

from hub_model import EventDetails

DASH = " – "


def when(details: EventDetails, language: str) -> str:
    """The event's date (all day) or date and time with its zone named, as the language writes them."""
    locale = Locale.parse(language)
    zone = details.zone
    start, end = details.start, details.end
    if not isinstance(start, dt.datetime) or zone is None:
        first = format_date(details.first_day, "long", locale=locale)
        last = details.last_day
        return first if last == details.first_day else first + DASH + format_date(last, "long", locale=locale)
    begins = start.replace(tzinfo=zone)
    pattern = str(get_datetime_format("long", locale=locale))
    day = format_date(start.date(), "long", locale=locale)
    time = format_time(begins, "short", tzinfo=zone, locale=locale)
    if isinstance(end, dt.datetime) and end.date() == start.date():
        time += DASH + format_time(end.replace(tzinfo=zone), "short", tzinfo=zone, locale=locale)
        text = pattern.replace("{1}", day).replace("{0}", time)
    elif isinstance(end, dt.datetime):
        ends = end.replace(tzinfo=zone)
        later = pattern.replace("{1}", format_date(end.date(), "long", locale=locale))
        later = later.replace("{0}", format_time(ends, "short", tzinfo=zone, locale=locale))
        text = pattern.replace("{1}", day).replace("{0}", time) + DASH + later
    else:
        text = pattern.replace("{1}", day).replace("{0}", time)
    return f"{text} {zone_name(begins, zone, locale)}"


def zone_name(moment: dt.datetime, zone: ZoneInfo, locale: Locale) -> str:
    """`EST` where the language abbreviates the zone, else `(hora estándar oriental)`."""
    short = str(get_timezone_name(moment, "short", locale=locale))
    if not any(c.isdigit() for c in short):
        return short
    return f"({get_timezone_name(moment, 'long', locale=locale)})"

"""Events: every field rule at its line, a built site with an upcoming and a past event (the build's date
from HUB_TODAY), the calendar files parsed back and held to RFC 5545 (tests/ical_rules.py), the JSON-LD
`Event`, and axe-core in Chromium on the events listing and an event page."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import icalendar
import pytest

from hub_content import HubSettings, InvalidContentError, load, load_site
from tests import ical_rules
from tests.browser import open_page, served
from tests.sitekit import build, front, write_site

HEAD = "title: Panel\ndate: 2025-10-01\nsummary: A panel.\nissues: [housing]\n"
UPCOMING = front(
    """
    title: Housing Panel
    date: 2025-10-01
    summary: A panel on housing.
    issues: [housing]
    start: 2025-11-18T13:00
    end: 2025-11-18T14:30
    timezone: America/New_York
    online: https://example.org/join
    registration: https://example.org/register
    speakers: [Jane Doe, John Roe]
    place:
      name: Town hall
      address: 101 E Orange St
      jurisdiction: hillsborough-nc
    """
)
PAST = front(
    """
    title: Spring Convening
    date: 2025-01-10
    summary: Two days together.
    issues: [housing, tech-accountability]
    start: 2025-03-09
    end: 2025-03-10
    recording: https://www.youtube.com/watch?v=Abc123xyz_0
    """
)
# CLDR writes a narrow no-break space (U+202F) before AM and PM.
PANEL_WHEN = "November 18, 2025, 1:00\u202fPM – 2:30\u202fPM EST"
EVENTS = {"events/housing-panel.md": UPCOMING, "events/spring-convening.md": PAST}


def event(fields: str) -> str:
    return front(HEAD + fields)


def errors(root: Path, text: str) -> list[str]:
    write_site(root, {"events/panel.md": text})
    with pytest.raises(InvalidContentError) as caught:
        load_site(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            "start: 2025-11-18T13:00\ntimezone: America/New_York\nend: 2025-11-18T12:00",
            "events/panel.md:8: 'end' (2025-11-18 12:00) is not after 'start' (2025-11-18 13:00): "
            "an event ends after it starts; correct one of them",
        ),
        (
            "start: 2025-11-18\nend: 2025-11-17",
            "events/panel.md:7: 'end' (2025-11-17) is before 'start' (2025-11-18): "
            "an event ends after it starts; correct one of them",
        ),
        (
            "start: 2025-11-18T13:00",
            "events/panel.md:6: 'start' gives a time (13:00) but no time zone: add timezone: with the "
            "zone's IANA name, like timezone: America/New_York, or give dates only for an all-day event",
        ),
        (
            "start: 2025-11-18T13:00\ntimezone: America/New_Yrok",
            "events/panel.md:7: 'timezone' is 'America/New_Yrok', not a time zone (did you mean "
            "'America/New_York'?): write the zone's IANA name (Area/City), like America/New_York, "
            "America/Chicago or America/Los_Angeles",
        ),
        (
            "start: 2025-11-18T13:00\ntimezone: EST",
            "events/panel.md:7: 'timezone' is 'EST', not a time zone: write the zone's IANA name "
            "(Area/City), like America/New_York, America/Chicago or America/Los_Angeles",
        ),
        (
            "start: 2025-11-18T13:00-05:00",
            "events/panel.md:6: 'start' is '2025-11-18T13:00-05:00', which gives a UTC offset: write the "
            "local time alone, like 2025-11-18T13:00, and the zone's name as timezone: America/New_York",
        ),
        (
            "start: next tuesday",
            "events/panel.md:6: 'start' is 'next tuesday', not a date or a time: write YYYY-MM-DD for an "
            "all-day event, or YYYY-MM-DDTHH:MM (24-hour clock) with timezone:, like 2025-11-18T13:00",
        ),
        (
            "start: 2025-11-18\ntimezone: America/New_York",
            "events/panel.md:7: 'timezone' is given but 'start' is a date without a time: give the times, "
            "like start: 2025-11-18T13:00, or remove timezone for an all-day event",
        ),
        (
            "start: 2025-11-18T13:00\ntimezone: America/New_York\nend: 2025-11-19",
            "events/panel.md:8: 'start' has a time and 'end' does not: give both as times "
            "(YYYY-MM-DDTHH:MM) or both as dates for an all-day event",
        ),
        (
            "start: 2025-03-09T02:30\ntimezone: America/New_York",
            "events/panel.md:6: 'start' (2025-03-09 02:30) does not exist in America/New_York: the clocks "
            "skip that hour when daylight saving time begins; give a time outside it",
        ),
        (
            "start: 2025-11-18\nplace:\n  address: Main St",
            "events/panel.md:8: required field 'place.name' is missing: write it like name: "
            "Santa Clara County Government Center",
        ),
        (
            "start: 2025-11-18\nrecording: youtube",
            "events/panel.md:7: 'recording' is 'youtube', not a web address: write it in full, like "
            "https://example.org/page",
        ),
    ],
    ids=[
        "end before start",
        "all-day end before start",
        "time without a zone",
        "unknown zone",
        "abbreviation",
        "offset",
        "not a time",
        "zone on an all-day event",
        "time and date mixed",
        "skipped hour",
        "place without a name",
        "recording not a url",
    ],
)
def test_event_field_error_at_its_line(tmp_path, fields, expected):
    assert errors(tmp_path, event(fields)) == [expected]


def test_every_event_error_is_reported_in_one_run(tmp_path):
    write_site(
        tmp_path,
        {
            "events/a.md": event("start: 2025-11-18T13:00"),
            "events/b.md": event("start: 2025-11-18T13:00\ntimezone: Mars/Olympus"),
            "events/c.md": event(
                "start: 2025-11-18\nend: 2025-11-01\nplace:\n  name: Hall\n  jurisdiction: nowhere-nc"
            ),
        },
    )
    with pytest.raises(InvalidContentError) as caught:
        load_site(tmp_path, HubSettings(drafts=True))
    where = sorted(f"{Path(e.path).name}:{e.line}" for e in caught.value.errors)
    assert where == ["a.md:6", "b.md:7", "c.md:10", "c.md:7"]


def test_recording_of_an_event_not_yet_over_is_a_warning_at_its_line(tmp_path):
    text = event("start: 2025-11-18\nrecording: https://example.org/video")
    write_site(tmp_path, {"events/panel.md": text})
    before = load(tmp_path, HubSettings(drafts=True), today=dt.date(2025, 11, 18))
    assert [(Path(w.path).name, w.line) for w in before.warnings if "recording" in w.message] == [
        ("panel.md", 7)
    ]
    after = load(tmp_path, HubSettings(drafts=True), today=dt.date(2025, 11, 19))
    assert not [w for w in after.warnings if "recording" in w.message]
    with pytest.raises(InvalidContentError):
        load(tmp_path, HubSettings(drafts=True), today=dt.date(2025, 11, 1), strict=True)


def test_events_are_typed_on_the_site_earliest_first(tmp_path):
    site = load_site(write_site(tmp_path, EVENTS), HubSettings(drafts=True))
    assert [d.slug for d in site.events] == ["spring-convening", "housing-panel"]
    panel = site.events[1].details
    assert panel.aware(panel.start).isoformat() == "2025-11-18T13:00:00-05:00"
    assert panel.place.jurisdiction == "hillsborough-nc"
    assert [s.name for s in panel.speakers] == ["Jane Doe", "John Roe"]
    assert [d.slug for d in site.events_in(site.jurisdictions["nc"])] == ["housing-panel"]


def _build(root: Path, today: str, name: str = "") -> Path:
    output = root / (name or f"out-{today}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUB_TODAY", today)
        result = build(root / "content", output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("events")
    write_site(root / "content", EVENTS)
    return _build(root, "2025-11-01")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    rest = page[start:]
    following = re.search(r'id="events-(upcoming|past)"', rest[20:])
    return _text(rest[: following.start() + 20] if following else rest)


def test_listing_splits_upcoming_and_past_by_the_build_date(built, tmp_path):
    page = (built / "events/index.html").read_text()
    assert "Housing Panel" in _section(page, "events-upcoming")
    assert "Spring Convening" not in _section(page, "events-upcoming")
    assert "Spring Convening" in _section(page, "events-past")
    assert PANEL_WHEN in page
    assert "March 9, 2025 – March 10, 2025" in page
    later = _build(built.parent, "2025-11-19")  # the day after the panel: the next build moves it
    moved = (later / "events/index.html").read_text()
    assert "No upcoming events." in moved
    assert "Housing Panel" in _section(moved, "events-past")


def test_event_page_shows_time_in_its_zone_and_links_its_calendar(built):
    page = (built / "events/housing-panel/index.html").read_text()
    assert f'<time datetime="2025-11-18T13:00-05:00">{PANEL_WHEN}</time>' in page
    assert 'href="/events/housing-panel/housing-panel.ics"' in page
    assert "Town hall, 101 E Orange St" in _text(page)
    assert 'href="https://example.org/register"' in page
    assert "Watch the recording" not in page


def test_past_event_page_shows_its_recording(built):
    page = (built / "events/spring-convening/index.html").read_text()
    assert 'href="https://www.youtube.com/watch?v=Abc123xyz_0"' in page
    assert "(past event)" in page


def test_issue_and_place_pages_list_events_and_the_issue_calendar(built):
    issue = (built / "issues/housing/index.html").read_text()
    assert 'href="/issues/housing/calendar.ics"' in issue
    assert "Housing Panel" in _section(issue, "events-upcoming")
    place = (built / "jurisdictions/hillsborough-nc/index.html").read_text()
    assert "Housing Panel" in _section(place, "events-upcoming")


CALENDARS = [
    "events/housing-panel/housing-panel.ics",
    "events/spring-convening/spring-convening.ics",
    "events/calendar.ics",
    "issues/housing/calendar.ics",
    "issues/tech-accountability/calendar.ics",
]


@pytest.mark.parametrize("path", CALENDARS)
def test_calendar_keeps_rfc_5545(built, path):
    assert ical_rules.problems((built / path).read_bytes()) == []


def test_calendars_hold_their_events_with_stable_identities(built):
    site = icalendar.Calendar.from_ical((built / "events/calendar.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in site.walk("VEVENT")}
    assert set(events) == {"Housing Panel", "Spring Convening"}
    panel = events["Housing Panel"]
    assert str(panel["UID"]) == "events/housing-panel@hub.invalid"
    assert panel["DTSTART"].params["TZID"] == "America/New_York"
    assert panel["DTSTART"].dt.isoformat() == "2025-11-18T13:00:00-05:00"
    assert panel["DTSTAMP"].dt == dt.datetime(2025, 10, 1, tzinfo=dt.UTC)
    convening = events["Spring Convening"]
    assert (convening["DTSTART"].dt, convening["DTEND"].dt) == (dt.date(2025, 3, 9), dt.date(2025, 3, 11))
    tech = icalendar.Calendar.from_ical((built / "issues/tech-accountability/calendar.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in tech.walk("VEVENT")] == ["Spring Convening"]


def test_calendars_are_the_same_bytes_on_every_build(built):
    """Nothing from the clock or the host: another build, another day, writes the same calendars."""
    again = _build(built.parent, "2025-12-01", "again")
    for path in CALENDARS:
        assert (again / path).read_bytes() == (built / path).read_bytes(), path


def test_the_calendar_rules_catch_a_broken_file():
    """Guards the guard: a calendar breaking each rule is caught."""
    bad = (
        b"BEGIN:VCALENDAR\nVERSION:2.0\r\n"
        b"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20250101T000000\r\nDTSTART;TZID=Mars/Olympus:20250101T100000\r\n"
        b"DTEND;TZID=Mars/Olympus:20250101T090000\r\nSUMMARY:" + b"a" * 80 + b"\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250101\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    found = ical_rules.problems(bad)
    for expected in (
        "bare LF",
        "not folded",
        "no PRODID",
        "not a UTC time",
        "no VTIMEZONE",
        "not after",
        "used twice",
    ):
        assert any(expected in p for p in found), (expected, found)


def test_event_json_ld(built):
    page = (built / "events/housing-panel/index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2025-11-18T13:00-05:00"
    assert data["endDate"] == "2025-11-18T14:30-05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in data["location"]] == ["VirtualLocation", "Place"]
    assert data["location"][1]["name"] == "Town hall"
    assert data["organizer"]["@type"] == "Organization"
    assert [p["name"] for p in data["performer"]] == ["Jane Doe", "John Roe"]
    assert "datePublished" not in data
    past = (built / "events/spring-convening/index.html").read_text()
    past_data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', past).group(1))
    assert (past_data["startDate"], past_data["endDate"]) == ("2025-03-09", "2025-03-10")
    assert past_data["recordedIn"]["embedUrl"] == "https://www.youtube.com/watch?v=Abc123xyz_0"
    assert "eventAttendanceMode" not in past_data


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize(
    "url", ["/events/", "/events/housing-panel/", "/issues/housing/", "/es/events/", "/es/issues/housing/"]
)
def test_event_pages_have_no_accessibility_csp_or_privacy_problem(built, chromium, url):
    from axe_playwright_python.sync_playwright import Axe

    with served(built) as base:
        page, visit = open_page(chromium, base)
        page.goto(base + url, wait_until="networkidle")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []
    assert visit.foreign_requests == []


def test_calendar_text_is_escaped_and_folded_by_octets(tmp_path):
    """Commas, semicolons, backslashes and multibyte letters survive the round trip and the rules."""
    from hub_events.calendar import calendar

    title = "Foro de vivienda; renta, café \\ Ñandú " * 4 + "日本語のタイトル"
    text = event("start: 2025-11-18\nplace:\n  name: 'Sala; A, B'").replace(
        "title: Panel", f"title: '{title}'"
    )
    site = load_site(write_site(tmp_path, {"events/panel.md": text}), HubSettings(drafts=True))
    data = calendar("Name; with, marks", site.events, "", {})
    assert ical_rules.problems(data) == []
    parsed = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert str(parsed["SUMMARY"]) == " ".join(title.split())
    assert str(parsed["LOCATION"]) == "Sala; A, B"
    data.decode("utf-8")  # folding never splits a character


def test_listing_in_another_language_writes_times_in_it(built):
    page = (built / "es/events/index.html").read_text()
    assert '<html lang="es"' in page
    assert "18 de noviembre de 2025, 13:00 – 14:30 (hora estándar oriental)" in page
    assert "Próximos eventos" in page and "Eventos pasados" in page
    # Untranslated events are shown in English, marked so, linking their English pages.
    assert 'href="/events/housing-panel/" hreflang="en" lang="en"' in page
    assert 'href="/events/calendar.ics"' in page


def test_translated_event_page_is_in_its_language_with_the_same_calendar(tmp_path):
    translation = front("title: Panel de vivienda\nsummary: Un panel sobre vivienda.", "Texto del panel.")
    write_site(tmp_path / "content", {**EVENTS, "events/housing-panel.es.md": translation})
    built = _build(tmp_path, "2025-11-01")
    page = (built / "es/events/housing-panel/index.html").read_text()
    assert '<html lang="es"' in page
    expected = "18 de noviembre de 2025, 13:00 – 14:30 (hora estándar oriental)"
    assert f'<time datetime="2025-11-18T13:00-05:00">{expected}</time>' in page
    assert 'href="/events/housing-panel/housing-panel.ics"' in page
    listing = (built / "es/events/index.html").read_text()
    assert 'href="/es/events/housing-panel/">Panel de vivienda</a>' in listing

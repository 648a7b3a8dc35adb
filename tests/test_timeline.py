"""Adoptions by year (hub_timeline): the counts from a typed graph, the SVG chart's structure, the table
beside it on real built pages, and the page in Chromium under the site's Content-Security-Policy, light
and dark, with zero axe-core violations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hub_content.reader import state_jurisdictions
from hub_content.schemas import DOC_TYPES, ORDINANCE, STORY
from hub_core.context import SETTINGS_KEY, SITE_KEY
from hub_core.settings import contrast
from hub_core.views import Kind, PageView
from hub_map import style
from hub_model import (
    Adoption,
    AdoptionStatus,
    Document,
    Issue,
    Jurisdiction,
    JurisdictionKind,
    OrdinanceDetails,
    StoryDetails,
    build_site,
)
from hub_timeline import MAX_BARS, count, issue_timeline, ordinance_timeline
from hub_timeline.parts import timeline_part
from hub_timeline.svg import PLOT
from tests.browser import open_page, served
from tests.sitekit import ROOT, build, front, write_site

TEXT = gettext.NullTranslations()
ADOPTED, INTRODUCED = AdoptionStatus.ADOPTED, AdoptionStatus.INTRODUCED
HOUSING = Issue("housing", "Housing", "Homes.", "", "issues/housing.md")
TRANSIT = Issue("transit", "Transit", "Buses.", "", "issues/transit.md")
PLACES = [Jurisdiction(f"town-{n}-nc", f"Town {n}", JurisdictionKind.TOWN, "nc", None) for n in range(1, 7)]


def adopted(year: int | None, town: int = 1, status: AdoptionStatus = ADOPTED) -> Adoption:
    return Adoption(f"town-{town}-nc", status, dt.date(year, 3, 1) if year else None)


def ordinance(slug: str, *adoptions: Adoption, issues: tuple[str, ...] = ("housing",)) -> Document:
    return Document(
        type=ORDINANCE, slug=slug, title=slug.title(), summary="A model.", body_html="<p>Text.</p>",
        source=f"ordinances/{slug}.md", date=dt.date(2025, 1, 1), issues=issues,
        details=OrdinanceDetails(adoptions=adoptions),
    )  # fmt: skip


TENANTS = ordinance(
    "tenants",
    adopted(2019, 1),
    adopted(2019, 2),
    adopted(2022, 3),
    adopted(None, 4),  # undated: not on a time axis
    adopted(2020, 5, INTRODUCED),  # another status: not an adoption in force
)
WAGES = ordinance("wages", adopted(2024, 6))
PENDING = ordinance("pending", adopted(2023, 1, INTRODUCED), adopted(None, 2), issues=("transit",))
SITE = build_site(DOC_TYPES, [HOUSING, TRANSIT], [*state_jurisdictions(), *PLACES], [TENANTS, WAGES, PENDING])


def years(counts) -> list[tuple[str, int]]:
    return [(p.label, p.adopted) for p in counts.periods]


# Counting ----------------------------------------------------------------------------------------------


def test_counts_only_dated_adoptions_by_year_and_says_what_it_left_out():
    counts = count(TENANTS.details.adoptions)
    assert years(counts) == [("2019", 2), ("2020", 0), ("2021", 0), ("2022", 1)]
    assert (counts.total, counts.most, counts.step, counts.other) == (3, 2, 1, 1)


def test_years_without_adoption_between_the_first_and_the_last_are_zero():
    counts = count([adopted(2010), adopted(2015, 2)])
    assert years(counts) == [(str(y), 1 if y in (2010, 2015) else 0) for y in range(2010, 2016)]


def test_an_issue_counts_every_model_ordinance_on_it():
    timeline = issue_timeline(SITE, HOUSING, TEXT)
    assert timeline is not None and timeline.total == 4
    assert years(timeline.counts) == [
        ("2019", 2),
        ("2020", 0),
        ("2021", 0),
        ("2022", 1),
        ("2023", 0),
        ("2024", 1),
    ]
    assert timeline.title == "Adoptions of models on Housing, by year"


def test_no_timeline_without_a_dated_adoption():
    assert count([]) is None
    assert count([adopted(2023, 1, INTRODUCED), adopted(None, 2)]) is None
    assert ordinance_timeline(PENDING, TEXT) is None
    assert issue_timeline(SITE, TRANSIT, TEXT) is None


def test_a_span_wider_than_the_bar_limit_is_shown_in_periods_of_several_years():
    counts = count([adopted(202), adopted(2025, 2), adopted(2024, 3)])  # a mistyped year: 0202
    assert len(counts.periods) <= MAX_BARS and counts.step == 46
    assert counts.periods[0].label == "202–247" and counts.periods[-1].label == "1996–2025"
    assert (counts.total, counts.periods[-1].adopted) == (3, 2)
    timeline = ordinance_timeline(ordinance("long", adopted(202), adopted(2025, 2)), TEXT)
    assert timeline.title == "Adoptions of Long, by periods of 46 years"
    assert "202–247: 1, 248–293: 0" in chart(timeline.svg).find("desc").text


@given(st.lists(st.integers(1, 9999), min_size=1, max_size=30))
def test_periods_cover_the_years_once_and_keep_every_adoption(dates):
    counts = count([Adoption("town-1-nc", ADOPTED, dt.date(year, 1, 1)) for year in dates])
    periods = counts.periods
    assert periods[0].start == min(dates) and periods[-1].end == max(dates)
    assert all(b.start == a.end + 1 for a, b in itertools.pairwise(periods))
    assert len(periods) <= MAX_BARS and counts.total == len(dates)
    assert counts.step == 1 or max(dates) - min(dates) + 1 > MAX_BARS
    assert all(p.adopted == sum(p.start <= year <= p.end for year in dates) for p in periods)


# The chart ---------------------------------------------------------------------------------------------


def chart(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text)


def test_the_chart_is_named_described_and_draws_one_bar_per_year_with_its_count_and_year():
    timeline = ordinance_timeline(TENANTS, TEXT)
    root = chart(timeline.svg)
    assert root.get("role") == "img"
    assert (root.get("aria-labelledby"), root.get("aria-describedby")) == ("timeline-title", "timeline-desc")
    assert root.find("title").text == "Adoptions of Tenants, by year"
    assert root.find("desc").text == (
        "Bar chart of adoptions from 2019 to 2022, counting entries marked adopted: "
        "2019: 2, 2020: 0, 2021: 0, 2022: 1."
    )
    bars = root.findall("g[@class='timeline-bar']")
    assert len(bars) == 4
    labels = [[t.text for t in bar.findall("text")] for bar in bars]
    assert labels == [["2", "2019"], ["0", "2020"], ["0", "2021"], ["1", "2022"]]
    heights = [float(r.get("height")) for bar in bars for r in bar.findall("rect")]
    assert heights == [PLOT, PLOT / 2]  # in proportion; no rectangle for a zero


def test_the_chart_is_styled_by_classes_only_and_drawn_the_same_every_time():
    svg = ordinance_timeline(TENANTS, TEXT).svg
    assert "style" not in svg and "<script" not in svg
    assert svg == ordinance_timeline(TENANTS, TEXT).svg
    assert int(chart(svg).get("width")) == 8 * 2 + 44 * 4


def test_a_title_with_markup_stays_text_in_the_chart():
    hostile = dataclasses.replace(TENANTS, title='</title></svg><script>alert(1)</script>&"')
    svg = ordinance_timeline(hostile, TEXT).svg
    assert "<script" not in svg and "</svg>" not in svg[:-6]
    assert chart(svg).find("title").text == 'Adoptions of </title></svg><script>alert(1)</script>&", by year'


def test_only_ordinance_and_issue_pages_get_a_timeline():
    add = timeline_part({SITE_KEY: SITE, SETTINGS_KEY: None}, TEXT)
    story = dataclasses.replace(WAGES, type=STORY, details=StoryDetails())
    views = {
        "ordinance": PageView(Kind.DOCUMENT, "ordinances/tenants/index.html", "ordinance", TENANTS),
        "issue": PageView(Kind.ISSUE, "issues/housing/index.html", "issue", HOUSING),
        "empty issue": PageView(Kind.ISSUE, "issues/transit/index.html", "issue", TRANSIT),
        "story": PageView(Kind.DOCUMENT, "stories/wages/index.html", "document", story),
        "listing": PageView(Kind.SCOPED_LISTING, "issues/housing/ordinances/index.html", "x", HOUSING),
    }
    shown = {name: add(view).timeline is not None for name, view in views.items()}
    assert shown == {"ordinance": True, "issue": True, "empty issue": False, "story": False, "listing": False}


def test_the_bar_colours_keep_contrast_with_the_page_in_light_and_dark():
    """WCAG 1.4.11: 3:1 for the bars against the page background; the map's own "adopted" colours."""
    css = (ROOT / "theme" / "static" / "css" / "timeline.css").read_text()
    hub = (ROOT / "theme" / "static" / "css" / "hub.css").read_text()
    bars = re.findall(r"--timeline-bar: (#[0-9a-f]{6})", css)  # light, then dark
    backgrounds = re.findall(r"--bg: (#[0-9a-f]{6})", hub)
    assert bars == [style.LIGHT["adopted"], style.DARK["adopted"]]
    for bar, background in zip(bars, backgrounds, strict=True):
        assert contrast(bar, background) >= 3


# Built pages -------------------------------------------------------------------------------------------

TENANT_NOTICE = front(
    """
    title: Tenant Notice Ordinance
    date: 2025-06-01
    summary: Notice before a rent increase.
    issues: [housing]
    adoptions:
      - jurisdiction: hillsborough-nc
        status: adopted
        date: 2019-05-06
      - jurisdiction: orange-county-nc
        status: adopted
        date: 2019-09-03
      - jurisdiction: durham-nc
        status: adopted
        date: 2022-02-07
      - jurisdiction: nc
        status: introduced
    """
)
NO_DATES = front(
    """
    title: Surveillance Oversight Ordinance
    date: 2025-05-01
    summary: Council approval before new surveillance technology.
    issues: [tech-accountability]
    adoptions:
      - jurisdiction: durham-nc
        status: introduced
        date: 2024-01-08
      - jurisdiction: hillsborough-nc
        status: failed
        date: 2024-03-11
    """
)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("timeline")
    docs = {"ordinances/tenant-notice.md": TENANT_NOTICE, "ordinances/oversight.md": NO_DATES}
    result = build(write_site(root / "content", docs), root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def page(built: Path, url: str) -> HTMLParser:
    return HTMLParser((built / url / "index.html").read_text(encoding="utf-8"))


def table(html: HTMLParser) -> list[tuple[str, str]]:
    rows = html.css("#timeline-table tbody tr")
    return [(row.css_first("th").text(), row.css_first("td").text()) for row in rows]


def test_an_ordinance_page_shows_its_chart_and_the_table_with_zero_years(built):
    html = page(built, "ordinances/tenant-notice")
    svg = html.css_first("section.timeline svg.timeline-chart")
    assert svg.css_first("title").text() == "Adoptions of Tenant Notice Ordinance, by year"
    assert len(svg.css("g.timeline-bar")) == 4
    assert table(html) == [("2019", "2"), ("2020", "0"), ("2021", "0"), ("2022", "1")]
    assert html.css_first("#timeline-caption").text() == "Adoptions of Tenant Notice Ordinance, by year"
    note = html.css_first(".timeline-note")
    assert "1 entry with another status" in note.text()
    assert note.css_first("a").attributes["href"] == "#timeline-table"  # where the table is
    assert "data-pagefind-ignore" in html.css_first("section.timeline").attributes


def test_an_issue_page_counts_the_adoptions_of_every_model_on_it(built):
    html = page(built, "issues/housing")
    assert table(html) == [
        ("2019", "2"),
        ("2020", "0"),
        ("2021", "0"),
        ("2022", "1"),
        ("2023", "0"),
        ("2024", "0"),
        ("2025", "1"),
    ]
    note = html.css_first(".timeline-note").text()
    assert "2 entries with another status" in note


def test_pages_without_a_dated_adoption_show_no_chart(built):
    for url in ("ordinances/oversight", "issues/tech-accountability", "stories/hillsborough-first"):
        html = (built / url / "index.html").read_text(encoding="utf-8")
        assert "timeline" not in html, url


def test_pages_with_a_chart_carry_no_inline_style(built):
    for url in ("ordinances/tenant-notice", "issues/housing"):
        html = (built / url / "index.html").read_text(encoding="utf-8")
        assert "style=" not in html and "<style" not in html


# In Chromium, with the site's Content-Security-Policy --------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["/ordinances/tenant-notice/", "/issues/housing/"])
def test_the_chart_passes_axe_under_the_csp_in_its_own_colours(built, chromium, url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    with served(built) as base:
        page_, visit = open_page(chromium, base)
        page_.emulate_media(color_scheme=scheme)
        page_.goto(base + url, wait_until="networkidle")
        results = Axe().run(page_, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        fill = page_.eval_on_selector(".timeline-chart rect", "r => getComputedStyle(r).fill")
        name = page_.eval_on_selector(".timeline-chart", "s => s.getAttribute('aria-labelledby')")
        page_.close()
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []
    colour = (style.LIGHT if scheme == "light" else style.DARK)["adopted"]
    assert fill == "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
    assert name == "timeline-title"


def test_a_small_phone_scrolls_the_chart_not_the_page(built, chromium):
    with served(built) as base:
        page_, _ = open_page(chromium, base, width=320)
        page_.goto(base + "/issues/housing/")
        overflow = page_.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        page_.close()
    assert overflow <= 0


def test_a_rebuild_after_an_adoption_edit_shows_the_new_year(tmp_path):
    """Pages copied from the last build when unchanged are rendered again when their chart changed."""
    docs = {"ordinances/tenant-notice.md": TENANT_NOTICE}
    content, out = write_site(tmp_path / "content", docs), tmp_path / "out"
    assert build(content, out).returncode == 0
    notice = content / "ordinances" / "tenant-notice.md"
    notice.write_text(TENANT_NOTICE.replace("2022-02-07", "2023-02-06"), encoding="utf-8")
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    assert table(page(out, "ordinances/tenant-notice"))[-2:] == [("2022", "0"), ("2023", "1")]
    assert table(page(out, "issues/housing"))[3:5] == [("2022", "0"), ("2023", "1")]

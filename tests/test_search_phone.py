"""Search on a phone (375 x 812) and on a wide screen, in a real Chromium against the demo built with the
real Pagefind: the count and the results come before the filters, which fold into a disclosure saying how
many of them are on; the header's box hands a search off to the search page instead of repeating its box;
without JavaScript the page still explains itself and links to browsing; axe finds nothing at either
width, with the filters folded or open, in English and in Spanish; nothing in view moves as the script
takes over from the note or as the results arrive."""

from __future__ import annotations

import re
from contextlib import ExitStack
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import served
from tests.test_accessibility import AXE_TAGS

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}
FOLD = 600  # the first result starts above this many pixels on a 375 x 812 phone
FOUND_EN = re.compile(r"^\d+ results?$")
FOUND_ES = re.compile(r"^\d+ resultados?$")
# Every layout shift the browser reports from the first paint on, with the elements that moved.
SHIFTS = """window.shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.shifts.push([e.value, e.sources.map((s) => s.node?.id || '?')]);
}).observe({ type: "layout-shift", buffered: true });"""


@pytest.fixture
def visit(demo, chromium):
    """Open an address of the served demo; yields open_at(address, javascript=True, viewport=PHONE)."""
    with served(demo) as base, ExitStack() as stack:

        def open_at(address: str, javascript: bool = True, viewport: dict[str, int] = PHONE):
            context = chromium.new_context(viewport=viewport, java_script_enabled=javascript)
            stack.callback(context.close)
            page = context.new_page()
            page.add_init_script(SHIFTS)
            page.errors = []
            page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
            page.goto(base + address, wait_until="networkidle")
            return page

        yield open_at


def expect_status(page, text: str | re.Pattern[str]) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#search-status")).to_have_text(text, timeout=10_000)


def expect_summary(page, text: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#search-filters > summary")).to_have_text(text, timeout=5_000)


def top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize(
    ("address", "found"),
    [
        ("/search/?q=rent", FOUND_EN),
        ("/search/?q=rent&issue=housing&type=ordinance&sort=date", FOUND_EN),
        ("/es/search/?q=alquiler", FOUND_ES),  # under a "search in English too" line
    ],
)
def test_on_a_phone_the_count_and_first_result_come_before_the_folded_filters(visit, address, found):
    page = visit(address)
    expect_status(page, found)
    assert top(page, "#search-results li") < FOLD
    assert top(page, "#search-status") < top(page, "#search-filters") < top(page, "#search-results li")
    assert page.locator("#search-filters").evaluate("details => details.open") is False
    assert not page.locator("#filter-type").is_visible()
    assert page.locator("input[type=search]:visible").count() == 1  # the header's box is not repeated
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert page.errors == []


def test_the_filters_summary_counts_the_filters_on_as_they_change_and_after_a_reload(visit):
    page = visit("/search/?q=rent&issue=housing&sort=date")
    expect_status(page, FOUND_EN)
    expect_summary(page, "Filters (1 on)")  # the order is not a filter
    page.locator("#search-filters > summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#filter-type").is_visible()
    page.select_option("#filter-type", "ordinance")
    expect_summary(page, "Filters (2 on)")
    page.select_option("#filter-state", "ca")
    expect_summary(page, "Filters (3 on)")
    page.select_option("#filter-issue", "")
    expect_summary(page, "Filters (2 on)")
    page.wait_for_url(lambda url: "issue=" not in url)
    expect_status(page, FOUND_EN)
    page.reload(wait_until="networkidle")
    expect_status(page, FOUND_EN)
    expect_summary(page, "Filters (2 on)")
    assert query_of(page) == {"q": ["rent"], "type": ["ordinance"], "state": ["ca"], "sort": ["date"]}
    assert page.input_value("#filter-type") == "ordinance" and page.input_value("#filter-state") == "ca"
    assert page.input_value("#search-sort") == "date" and page.input_value("#filter-issue") == ""
    page.go_back()
    page.wait_for_url(re.compile(r"issue=housing"))
    expect_summary(page, "Filters (3 on)")
    page.go_back()
    page.go_back()
    page.wait_for_url(lambda url: "type=" not in url)
    expect_summary(page, "Filters (1 on)")
    assert page.errors == []


def test_the_spanish_summary_says_how_many_filters_are_on_in_spanish(visit):
    page = visit("/es/search/?issue=housing")
    expect_summary(page, "Filtros (1 activo)")
    page.locator("#search-filters > summary").click()
    page.select_option("#filter-type", "ordinance")
    expect_summary(page, "Filtros (2 activos)")
    page.select_option("#filter-type", "")
    page.select_option("#filter-issue", "")
    expect_summary(page, "Filtros")
    assert query_of(page) == {}


def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(visit):
    page = visit("/search/?q=rent&type=ordinance", viewport=WIDE)
    expect_status(page, FOUND_EN)
    filters = page.locator("#search-filters").bounding_box()
    first = page.locator("#search-results li").first.bounding_box()
    assert page.locator("#filter-type").is_visible() and page.locator("#search-sort").is_visible()
    assert filters["x"] + filters["width"] <= first["x"]  # beside, to the left
    assert filters["y"] < first["y"] + first["height"] and first["y"] < filters["y"] + filters["height"]
    expect_summary(page, "Filters (1 on)")


def test_the_filters_fold_when_the_layout_narrows_and_stay_as_the_reader_left_them(visit):
    page = visit("/search/?q=rent", viewport=WIDE)
    expect_status(page, FOUND_EN)
    is_open = "details => details.open"
    page.set_viewport_size(PHONE)
    page.wait_for_function("() => !document.getElementById('search-filters').open")
    page.locator("#search-filters > summary").click()
    page.set_viewport_size({"width": 375, "height": 700})  # a phone's toolbar hiding as it scrolls
    page.wait_for_timeout(100)
    assert page.locator("#search-filters").evaluate(is_open) is True
    page.set_viewport_size(WIDE)
    page.wait_for_timeout(100)
    assert page.locator("#search-filters").evaluate(is_open) is True


@pytest.mark.parametrize(("start", "searched"), [("/", "/search/"), ("/es/", "/es/search/")])
def test_the_header_box_hands_the_words_to_the_search_page(visit, start, searched):
    page = visit(start)
    header = page.locator("form.site-search")
    header.locator("input[name=q]").fill("rent")
    with page.expect_navigation():
        header.locator("input[name=q]").press("Enter")
    assert urlsplit(page.url).path == searched and query_of(page) == {"q": ["rent"]}
    expect_status(page, re.compile(r"^\d+ result"))
    assert page.input_value("#search-q") == "rent"
    assert page.locator("form.site-search").count() == 0
    assert page.locator("input[type=search]:visible").count() == 1


@pytest.mark.parametrize(
    ("address", "browse"), [("/search/?q=rent&issue=housing", "/"), ("/es/search/?q=alquiler", "/es/")]
)
def test_without_javascript_a_phone_gets_the_note_and_the_browsing_links_first(visit, address, browse):
    page = visit(address, javascript=False)
    assert page.locator("#search-nojs").is_visible() and top(page, "#search-nojs") < FOLD
    links = page.locator("#search-nojs a").evaluate_all("links => links.map(a => a.pathname)")
    assert f"{browse}issues/" in links and f"{browse}ordinances/" in links  # in the page's language
    assert all(link.startswith(browse) for link in links)
    assert page.locator("input[type=search]:visible, select:visible").count() == 0  # no box that can't work
    assert not page.locator("#search-filters").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


@pytest.mark.parametrize(
    ("address", "viewport"),
    [
        ("/search/?q=rent&issue=housing", PHONE),
        ("/es/search/?q=zyzzyvaquux", PHONE),  # a long "no results" message
        ("/search/?q=rent", WIDE),
    ],
)
def test_nothing_in_view_moves_as_the_script_takes_over_and_the_results_arrive(visit, address, viewport):
    page = visit(address, viewport=viewport)
    expect_status(page, re.compile(r"^\d+ result|^No hay resultados"))
    page.wait_for_timeout(300)
    shifts = page.evaluate("window.shifts")
    assert sum(value for value, _ in shifts) < 0.01, shifts


@pytest.mark.parametrize(
    ("address", "viewport"),
    [
        ("/search/?q=rent&issue=housing", PHONE),
        ("/es/search/?q=alquiler&type=ordinance", PHONE),
        ("/search/?q=rent&issue=housing", WIDE),
        ("/es/search/?q=alquiler&type=ordinance", WIDE),
    ],
    ids=["phone", "phone-es", "wide", "wide-es"],
)
def test_no_accessibility_violation_with_the_filters_folded_or_open(visit, address, viewport):
    from axe_playwright_python.sync_playwright import Axe

    page = visit(address, viewport=viewport)
    expect_status(page, re.compile(r"^\d+ result"))
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    first = axe.run(page, options=options)
    page.locator("#search-filters > summary").click()  # folds them on a wide screen, opens them on a phone
    second = axe.run(page, options=options)
    assert first.violations_count == 0, first.generate_report()
    assert second.violations_count == 0, second.generate_report()

"""Every page type of the demo, in a real Chromium: zero axe-core violations (WCAG 2.2 A and AA), no
Content-Security-Policy violation, no request to another origin, no horizontal scrolling at 320 px."""

from __future__ import annotations

import pytest

from tests.browser import open_page, served

PAGES = {
    "home": "/",
    "ordinance": "/ordinances/ban-on-algorithmic-rent-setting/",
    "brief": "/briefs/privacy-trap-worker-surveillance/",
    "story": "/stories/hillsborough-goes-first/",
    "news": "/news/leadership-collaborative-launch/",
    "page": "/about/",
    "listing": "/ordinances/",
    "event": "/events/stop-the-ai-surveillance-pipeline/",
    "events": "/events/",
    "issues": "/issues/",
    "issue": "/issues/housing/",
    "preemption issue": "/issues/preemption/",
    "ordinance with a preemption warning": "/ordinances/lgbtq-inclusive-nondiscrimination-ordinance/",
    "jurisdictions": "/jurisdictions/",
    "state": "/jurisdictions/nc/",
    "jurisdiction": "/jurisdictions/hillsborough-nc/",
    "not found": "/no-such-page/",
    "search": "/search/?q=rent&issue=housing",
    "Spanish ordinance": "/es/ordinances/ban-on-algorithmic-rent-setting/",
    "Spanish story": "/es/stories/las-cruces-immigrant-protections/",
    "Spanish story with an image and a pull quote": "/es/stories/evanston-removes-flock-cameras/",
    "Spanish listing": "/es/stories/",
    "Spanish issue": "/es/issues/immigrant-rights/",
    "Spanish home": "/es/",
    "open data": "/data/",
    "open data in Spanish": "/es/data/",
    "search in Spanish, nothing found": "/es/search/?q=inmigrantes",
    "digests": "/digests/",
    "digest": "/digests/2025-10-01-to-2025-10-31/",
    "people": "/people/",
    "person": "/people/johana-bencomo/",
    "partners": "/partners/",
    "partner": "/partners/data-and-society/",
    "Spanish person": "/es/people/jenn-weaver/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_accessibility_csp_or_privacy_problem(demo, chromium, url):
    from axe_playwright_python.sync_playwright import Axe

    with served(demo) as base:
        page, visit = open_page(chromium, base)
        page.goto(base + url, wait_until="networkidle")  # the search page has searched by then
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []
    assert visit.foreign_requests == []


@pytest.mark.parametrize(
    "url", [PAGES["ordinance"], PAGES["state"], PAGES["jurisdiction"], PAGES["home"], PAGES["story"]]
)
def test_small_phone_has_no_horizontal_scrolling_or_violation(demo, chromium, url):
    from axe_playwright_python.sync_playwright import Axe

    with served(demo) as base:
        page, _ = open_page(chromium, base, width=320)
        page.goto(base + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert overflow <= 0
    assert results.violations_count == 0, results.generate_report()


def test_the_checks_catch_a_page_that_breaks_them(tmp_path, chromium):
    """Guards the guards: a page with a missing alt, an inline style and a third-party image fails all."""
    from axe_playwright_python.sync_playwright import Axe

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>'
        '<img src="/x.png"><p style="color:red">styled</p>'
        '<img alt="tracker" src="https://tracker.invalid/pixel.gif"></main></body></html>'
    )
    with served(tmp_path) as base:
        page, visit = open_page(chromium, base)
        page.goto(base + "/")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count > 0
    assert any("Content Security Policy" in m for m in visit.console)
    assert visit.foreign_requests == ["https://tracker.invalid/pixel.gif"]


@pytest.mark.parametrize(
    "url", [PAGES["ordinance"], PAGES["issue"], PAGES["jurisdiction"], PAGES["Spanish ordinance"]]
)
def test_keyboard_walk_through(demo, chromium, url):
    """Tab from the top: the skip link comes first and moves focus into the main content; every stop
    after it is a visible element with a visible focus outline; the walk reaches the footer."""
    with served(demo) as base:
        page, _ = open_page(chromium, base)
        page.goto(base + url, wait_until="networkidle")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        stops = []
        for _ in range(400):
            page.keyboard.press("Tab")
            stop = page.evaluate(
                """() => { const e = document.activeElement, s = getComputedStyle(e);
                const r = e.getBoundingClientRect();
                return {tag: e.tagName, footer: !!e.closest('footer'), outline: s.outlineStyle,
                        visible: r.width > 0 && r.height > 0}; }"""
            )
            stops.append(stop)
            if stop["footer"]:
                break
        page.close()
    assert stops[-1]["footer"], "the keyboard never reached the footer"
    assert all(s["visible"] and s["outline"] != "none" for s in stops), [s for s in stops if not s["visible"]]

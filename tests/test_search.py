"""Search in a real Chromium against the demo built with the real Pagefind binary, served with the
site's strict Content-Security-Policy."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from hub_search.indexer import IndexRun, SearchIndexError
from tests.browser import open_page, plain_server, served
from tests.sitekit import PLUGINS, ROOT, build, front, settings_file, write_site


def expect_status(page, text: str | re.Pattern[str]) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#search-status")).to_contain_text(text, timeout=10_000)


def result_links(page) -> list[str]:
    return page.locator("#search-results a").evaluate_all("links => links.map(a => a.pathname)")


@pytest.fixture
def search(demo, chromium):
    """Open the search page at a query string; yields (page, visit, base URL)."""
    with served(demo) as base:
        pages = []

        def open_at(query: str = "", javascript: bool = True):
            if javascript:
                page, visit = open_page(chromium, base)
            else:
                context = chromium.new_context(java_script_enabled=False)
                page, visit = context.new_page(), None
            pages.append(page)
            page.goto(f"{base}/search/{query}", wait_until="networkidle")
            return page, visit

        yield open_at
        for page in pages:
            page.close()


def test_typing_a_word_from_a_body_finds_the_document(search):
    page, visit = search()
    # Only the body of the license-plate-reader brief says "audit logs".
    page.fill("#search-q", "audit logs")
    expect_status(page, "result")
    assert "/briefs/license-plate-readers-after-evanston/" in result_links(page)
    assert [m for m in visit.console if "Content Security Policy" in m or "error" in m] == []


def test_a_query_typed_before_pagefind_has_loaded_is_searched_once_it_has(demo, chromium):
    """On a slow connection the reader may type before Pagefind's script arrives: the query waits for it
    and is answered, it is not lost. Here Pagefind's script is held back until the query is typed."""
    with served(demo) as base:
        page, visit = open_page(chromium, base)
        held: list = []
        page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
        page.goto(f"{base}/search/", wait_until="domcontentloaded")
        page.wait_for_selector("#search-q", state="visible")
        page.wait_for_timeout(300)
        assert held, "Pagefind's script was never asked for"
        page.fill("#search-q", "audit logs")
        page.wait_for_timeout(600)  # longer than the pause after typing: the search has been asked for
        held[0].continue_()
        expect_status(page, "result")
        assert "/briefs/license-plate-readers-after-evanston/" in result_links(page)
        assert [m for m in visit.console if m.startswith("error")] == []
        page.close()


def test_a_filter_narrows_results_and_the_url_reflects_it(search):
    page, _ = search("?q=rent")
    expect_status(page, "results")
    everything = result_links(page)
    page.select_option("#filter-type", "ordinance")
    expect_status(page, "result")
    page.wait_for_load_state("networkidle")
    narrowed = result_links(page)
    assert narrowed and set(narrowed) < set(everything)
    assert all(link.startswith("/ordinances/") for link in narrowed)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["rent"], "type": ["ordinance"]}


def test_a_shared_url_restores_query_and_filters(search):
    page, _ = search("?q=rent&issue=housing&state=ca&adoption=adopted&type=ordinance")
    expect_status(page, "result")
    assert page.input_value("#search-q") == "rent"
    assert [page.input_value(f"#filter-{f}") for f in ("issue", "state", "adoption", "type")] == [
        "housing",
        "ca",
        "adopted",
        "ordinance",
    ]
    assert result_links(page) == ["/ordinances/ban-on-algorithmic-rent-setting/"]


def test_filters_alone_browse_without_words(search):
    page, _ = search("?state=nc&type=ordinance")
    expect_status(page, "result")
    assert "/ordinances/lgbtq-inclusive-nondiscrimination-ordinance/" in result_links(page)


def test_a_jurisdiction_filter_lists_the_places_of_the_chosen_state(search):
    page, _ = search("?state=nc&jurisdiction=hillsborough-nc")
    expect_status(page, "result")
    assert page.input_value("#filter-jurisdiction") == "hillsborough-nc"
    assert "/stories/hillsborough-goes-first/" in result_links(page)
    assert "Hillsborough" in page.locator("#filter-jurisdiction").inner_text()


def test_sorting_by_date_puts_the_newest_first(search):
    page, _ = search("?type=ordinance&sort=date")
    expect_status(page, "results")
    page.wait_for_load_state("networkidle")
    dates = page.locator("#search-results .result-meta").all_inner_texts()
    years = [int(re.search(r"\d{4}", d).group()) for d in dates]
    assert years == sorted(years, reverse=True)


def test_a_search_with_no_match_says_so(search):
    page, _ = search("?q=zyzzyvaquux")
    expect_status(page, "No results for “zyzzyvaquux”.")
    assert result_links(page) == []


def pagefind_count(page, words: str) -> int:
    """How many results Pagefind itself gives the words on this page, before the page judges them."""
    script = "async (w) => (await import('/pagefind/pagefind.js')).search(w).then(f => f.results.length)"
    return page.evaluate(script, words)


@pytest.mark.parametrize("words", ["inmigrantes", "alquiler", "rent inmigrantes"])
def test_a_word_matched_only_by_a_shorter_word_finds_nothing(search, words):
    # Pagefind answers a word it has no match for with the longest indexed word it starts with ("in", "a").
    page, _ = search(f"?q={words}")
    expect_status(page, f"No results for “{words}”. Try other words, or remove a filter.")
    assert result_links(page) == []
    assert pagefind_count(page, words) > 5  # what it listed before


def test_the_query_named_in_the_no_results_message_stays_text(search):
    words = "<img src=x onerror=window.__hit=1> $& $1"
    page, _ = search("?" + urlencode({"q": words}))
    expect_status(page, f"No results for “{words}”.")
    assert page.locator("#search-status img").count() == 0
    assert page.evaluate("window.__hit") is None


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("policies", "/news/hillary-ronen-computer-says-maybe/"),  # its text says "policy" only
        ("cities", "/stories/adam-bazaldua-dallas/"),  # "City"
        ("immigra", "/stories/immigration-localstory/"),  # a word still being typed
        ("housi", "/issues/housing/"),
    ],
)
def test_other_forms_and_beginnings_of_a_word_still_find_it(search, words, found):
    page, _ = search(f"?q={words}")
    expect_status(page, re.compile(r"^\d+ results$"))
    more = page.locator("#search-more")
    while more.is_visible():
        shown = page.locator("#search-results li").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('#search-results li').length > n", arg=shown)
    assert found in result_links(page)


def test_the_back_button_restores_the_previous_search(search):
    page, _ = search("?q=rent")
    expect_status(page, "results")
    page.select_option("#filter-issue", "housing")
    page.wait_for_url(re.compile(r"issue=housing"))
    page.go_back()
    page.wait_for_url(re.compile(r"/search/\?q=rent$"))
    page.wait_for_load_state("networkidle")
    assert page.input_value("#filter-issue") == ""


def test_keyboard_alone_reaches_every_control_and_result(search):
    page, _ = search("?q=rent")
    expect_status(page, "results")
    wanted = {
        "search-q",
        "filter-type",
        "filter-issue",
        "filter-state",
        "filter-adoption",
        "filter-year",
        "search-sort",
    }
    reached, results_reached = set(), 0
    page.locator("#search-q").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "[document.activeElement.id, document.activeElement.closest('#search-results') !== null]"
        )
        reached.add(active[0])
        results_reached += active[1]
    assert wanted - {"search-q"} <= reached
    assert results_reached >= 3
    page.locator("#search-results a").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search/" not in page.url


def test_results_are_announced_to_screen_readers(search):
    page, _ = search("?q=rent")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    expect_status(page, "results")
    assert page.locator("label[for=search-q]").inner_text() == "Search words"


def test_without_javascript_the_page_explains_and_links_to_browsing(search):
    page, _ = search("?q=rent", javascript=False)
    assert page.locator("#search-nojs").is_visible()
    assert not page.locator("#search-form").is_visible()
    hrefs = page.locator("#search-nojs a").evaluate_all("links => links.map(a => a.pathname)")
    assert "/issues/" in hrefs and "/jurisdictions/" in hrefs
    assert page.locator("form.site-search").count() == 0  # the header hands off to this page


def test_drafts_never_enter_the_index(tmp_path, chromium):
    draft = front(
        "title: Secret Plan\ndate: 2025-11-01\nsummary: Quietly.\nissues: [housing]\nstatus: draft",
        "The word xylophonic appears only here.",
    )
    content = write_site(tmp_path / "content", {"news/secret.md": draft})
    for conf, found in (("pelicanconf", True), ("publishconf", False)):
        out = tmp_path / conf
        assert build(content, out, settings_file(tmp_path, conf)).returncode == 0
        with served(out) as base:
            page, _ = open_page(chromium, base)
            page.goto(f"{base}/search/?q=xylophonic", wait_until="networkidle")
            expect_status(page, "result" if found else "No results")
            page.close()


def test_an_incomplete_index_fails_and_leaves_nothing_beside_the_site(tmp_path):
    site = tmp_path / "site"
    (site / "one").mkdir(parents=True)
    (site / "one" / "index.html").write_text(
        '<html lang="en"><body><main data-pagefind-body>One</main></body></html>'
    )
    (site / "two.html").write_text('<html lang="en"><body><main>Not marked for search</main></body></html>')
    with pytest.raises(SearchIndexError, match="indexed 1 pages, but the site marked 2"):
        IndexRun(site, ["one/index.html", "two.html"]).finish(site / "pagefind")
    assert not (site / "pagefind").exists()
    report = IndexRun(site, ["one/index.html"]).finish(site / "pagefind")
    assert report.pages == 1 and report.peak_mib and (site / "pagefind" / "pagefind.js").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # the working folders are gone


def test_a_missing_pagefind_binary_fails_the_build_clearly(tmp_path):
    shim = tmp_path / "shim" / "pagefind_bin"
    shim.mkdir(parents=True)
    (shim / "__init__.py").write_text(
        "def get_executable():\n    raise FileNotFoundError('no pagefind here')\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{shim.parent}{os.pathsep}{PLUGINS}"}
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hub_build",
            "build",
            "-i",
            str(write_site(tmp_path / "content")),
            "-o",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "the Pagefind binary is missing (no pagefind here)" in result.stderr
    assert not Path(tmp_path / "out").exists()


HOSTILE_TEXT = front(
    """
    title: "Zanzibarine <img src=x onerror=window.__hit=1> report"
    date: 2025-06-01
    summary: "Markup written as text: <svg onload=window.__hit=2>."
    issues: [housing]
    """,
    "The zanzibarine council quoted `<img src=x onerror=window.__hit=3>` and wrote "
    "&lt;img src=x onerror=window.__hit=4&gt; as plain text.\n",
)


def test_markup_written_as_text_stays_text_in_search_results_without_any_csp(chromium, tmp_path):
    # Served with no headers and the page's <meta> policy removed: only search.js keeps this inert.
    content = write_site(tmp_path / "content", {"stories/zanzibarine.md": HOSTILE_TEXT})
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    search_page = out / "search" / "index.html"
    html = search_page.read_text(encoding="utf-8")
    search_page.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html), "utf-8")
    with plain_server(out) as base:
        page, _ = open_page(chromium, base)
        page.on("dialog", lambda dialog: dialog.dismiss())
        page.goto(f"{base}/search/?q=zanzibarine", wait_until="networkidle")
        expect_status(page, "result")
        results = page.locator("#search-results")
        text = results.inner_text()
        assert "<img src=x onerror=window.__hit=1>" in text  # the title, shown as written
        assert "onerror=window.__hit=3" in text or "onerror=window.__hit=4" in text  # an excerpt
        assert results.locator("img, svg, script").count() == 0
        page.wait_for_timeout(200)
        assert page.evaluate("window.__hit") is None
        page.close()

"""Search in each of the site's languages, in a real Chromium against real Pagefind bundles: a site whose
language is Spanish (Pagefind indexes its pages as `es`, with Spanish stemming), and the demo's search
page under `/es/`, which speaks Spanish and leads to the same search in English."""

from __future__ import annotations

import json
import re
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser import open_page, served
from tests.sitekit import ROOT, build, front, write_site

SPANISH = {
    "stories/ciudad-acogedora.md": front(
        """
        title: Una ciudad acogedora
        date: 2025-09-10
        summary: El concejo protege a cada vecino.
        issues: [housing]
        """,
        "El concejo aprobó una ordenanza que protege a cada inmigrante de la colaboración con agentes "
        "federales. Nadie teme ya una deportación por pedir ayuda en el ayuntamiento.",
    ),
    "news/tope-al-alquiler.md": front(
        """
        title: Un tope al alquiler
        date: 2025-10-02
        summary: Los inquilinos respiran.
        issues: [housing]
        """,
        "La ciudad limitó el alquiler que un programa puede fijar con datos de la competencia.",
    ),
}


def expect_status(page, text: str | re.Pattern[str]) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#search-status")).to_contain_text(text, timeout=10_000)


FOUND_ES = re.compile(r"^\d+ resultados?$")
FOUND_EN = re.compile(r"^\d+ results?$")
SEARCHED_ES = re.compile(r"^(\d+ resultados?|No hay resultados para .*)$")


def result_links(page) -> list[str]:
    return page.locator("#search-results a").evaluate_all("links => links.map(a => a.pathname)")


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    """A site whose language is Spanish: every page is `lang="es"`, its interface from the es catalogue."""
    folder = tmp_path_factory.mktemp("spanish")
    settings = folder / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
        "DEFAULT_LANG = 'es'\nHUB_LANGUAGES = {}\nHUB_HISTORY = False\n"
    )
    output = folder / "site"
    result = build(write_site(folder / "content", SPANISH), output, settings)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture
def browse(chromium):
    """Open pages of served sites; yields open_at(site, address, javascript=True) -> page."""
    with ExitStack() as stack:
        bases: dict[Path, str] = {}

        def open_at(site: Path, address: str, javascript: bool = True):
            if site not in bases:
                bases[site] = stack.enter_context(served(site))
            if javascript:
                page, visit = open_page(chromium, bases[site])
                page.visit = visit
            else:
                page = chromium.new_context(java_script_enabled=False).new_page()
            stack.callback(page.close)
            page.goto(f"{bases[site]}{address}", wait_until="networkidle")
            return page

        yield open_at


def test_a_spanish_site_is_indexed_in_spanish(spanish_site):
    entry = json.loads((spanish_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["es"]
    assert '<html lang="es">' in (spanish_site / "search" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("inmigrantes", "/stories/ciudad-acogedora/"),  # its text says "inmigrante"
        ("deportaciones", "/stories/ciudad-acogedora/"),  # "deportación"
        ("alquileres", "/news/tope-al-alquiler/"),  # "alquiler"
    ],
)
def test_spanish_stemming_finds_other_forms_of_a_word(spanish_site, browse, words, found):
    page = browse(spanish_site, f"/search/?q={words}")
    expect_status(page, FOUND_ES)
    assert found in result_links(page)
    assert [m for m in page.visit.console if "error" in m] == []


def test_a_spanish_word_matched_only_by_a_shorter_word_finds_nothing_and_says_so(spanish_site, browse):
    page = browse(spanish_site, "/search/?q=desalojos")
    expect_status(page, "No hay resultados para «desalojos». Pruebe con otras palabras o quite un filtro.")
    assert result_links(page) == []
    script = "async (w) => (await import('/pagefind/pagefind.js')).search(w).then(f => f.results.length)"
    assert page.evaluate(script, "desalojos") > 0  # Pagefind itself offers the pages with "de"


def test_the_spanish_search_page_speaks_spanish(spanish_site, browse):
    page = browse(spanish_site, "/search/?q=alquiler&type=news")
    expect_status(page, "1 resultado")
    assert page.locator("label[for=search-q]").inner_text() == "Palabras de búsqueda"
    assert page.locator("#filter-type option").first.inner_text() == "Cualquier tipo"
    assert page.locator("#search-results .result-type").first.text_content() == "Noticias"
    assert page.locator("#search-elsewhere").count() == 0  # the site's own language: nowhere else to go


def test_without_javascript_the_spanish_search_page_explains_itself(spanish_site, browse):
    page = browse(spanish_site, "/search/?q=alquiler", javascript=False)
    notice = page.locator("#search-nojs")
    assert notice.is_visible() and "necesita JavaScript" in notice.inner_text()
    assert not page.locator("#search-form").is_visible()


def test_the_demo_has_a_search_page_in_spanish_that_leads_to_the_english_one(demo, browse):
    page = browse(demo, "/es/search/?q=rent&type=ordinance")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert page.locator("h1").inner_text() == "Buscar"
    assert page.locator("#search-form").get_attribute("action") == "/es/search/"
    link = page.locator("#search-elsewhere")
    assert link.inner_text() == "Buscar también en inglés" and link.get_attribute("hreflang") == "en"
    expect_status(page, SEARCHED_ES)  # the Spanish pages may or may not say "rent"
    href = urlsplit(link.get_attribute("href"))
    assert href.path == "/search/" and parse_qs(href.query) == {"q": ["rent"], "type": ["ordinance"]}
    with page.expect_navigation():
        link.click()
    expect_status(page, FOUND_EN)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.input_value("#search-q") == "rent" and page.input_value("#filter-type") == "ordinance"
    assert page.locator("#search-elsewhere").count() == 0


def test_without_javascript_the_spanish_search_page_still_links_the_english_one(demo, browse):
    page = browse(demo, "/es/search/", javascript=False)
    assert page.locator("#search-nojs").is_visible()
    link = page.locator("#search-elsewhere")
    assert link.is_visible() and link.get_attribute("href") == "/search/"

"""The site in several languages, built for real: the Spanish edition under /es/ (pages in Spanish, with
Babel's dates, only for translated documents; listings marking what exists only in English), hreflang
alternates both ways in the head and the sitemap, the language switch, a third language added by one
setting and one catalogue, a sub-folder deployment, and the switch used in Chromium."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.browser import open_page, served
from tests.sitekit import PAGEFIND_UNSTABLE, ROOT, build, front, hub, tree, write_site

STORY_ES = front(
    """
    title: Hillsborough fue primero
    summary: Cómo un pueblo se adelantó al estado.
    """,
    "Cuerpo del relato en español.",
)
PAGE_ES = front("title: Acerca de\nsummary: Qué es esto.", "Sobre el centro.")
HOUSING = (
    "---\ntitle: Housing\nsummary: Homes people can afford.\n"
    "translations:\n  es:\n    title: Vivienda\n    summary: Hogares que la gente puede pagar.\n"
    "---\nIntro to housing.\n"
)
TRANSLATED = {
    "stories/hillsborough-first.es.md": STORY_ES,
    "pages/about.es.md": PAGE_ES,
    "issues/housing.md": HOUSING,
}
FRENCH_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "Skip to main content"
msgstr "Aller au contenu principal"

#, python-format
msgid "Only in %(language)s"
msgstr "Seulement en %(language)s"
"""


def _settings(folder: Path, text: str, base: str = "pelicanconf") -> Path:
    path = folder / f"{base}-languages.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\n{text}\n")
    return path


def _built(root: Path, settings: Path | None = None, documents: dict[str, str] | None = None) -> Path:
    content = write_site(root / "content", {**TRANSLATED, **(documents or {})})
    output = root / "output"
    result = build(content, output, settings) if settings else build(content, output)
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory.mktemp("languages"))


def _page(output: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((output / path).read_text(encoding="utf-8"))


def _alternates(page: LexborHTMLParser) -> dict[str, str]:
    return {
        link.attributes["hreflang"] or "": link.attributes["href"] or ""
        for link in page.css('head link[rel="alternate"][hreflang]')
    }


def test_a_translated_document_has_a_spanish_page_in_spanish(site):
    page = _page(site, "es/stories/hillsborough-first/index.html")
    assert page.css_first("html").attributes["lang"] == "es"
    assert page.css_first("h1").text() == "Hillsborough fue primero"
    assert page.css_first(".skip-link").text() == "Saltar al contenido principal"
    assert "1 de septiembre de 2025" in page.css_first("dl.meta").text()
    # The issue is named in Spanish and links the Spanish issue page.
    tags = [(a.text(), a.attributes["href"]) for a in page.css("dl.meta ul.tags a")]
    assert ("Vivienda", "/es/issues/housing/") in tags


def test_an_untranslated_document_has_no_spanish_page(site):
    assert (site / "ordinances/fair-rent/index.html").is_file()
    assert not (site / "es/ordinances/fair-rent").exists()
    assert not (site / "es/ordinances/fair-rent/compare").exists()
    assert not (site / "es/404.html").exists()


def test_the_english_page_stays_english(site):
    page = _page(site, "stories/hillsborough-first/index.html")
    assert page.css_first("html").attributes["lang"] == "en"
    assert page.css_first("h1").text() == "Hillsborough Went First"
    assert "September 1, 2025" in page.css_first("dl.meta").text()


def test_head_names_the_other_language_both_ways_with_x_default(site):
    english = _alternates(_page(site, "stories/hillsborough-first/index.html"))
    spanish = _alternates(_page(site, "es/stories/hillsborough-first/index.html"))
    expected = {
        "en": "/stories/hillsborough-first/",
        "es": "/es/stories/hillsborough-first/",
        "x-default": "/stories/hillsborough-first/",
    }
    assert english == spanish == expected
    assert _alternates(_page(site, "ordinances/fair-rent/index.html")) == {}
    assert _alternates(_page(site, "es/index.html"))["en"] == "/"


def test_the_switch_is_a_link_in_the_other_language_only_where_there_is_one(site):
    english = _page(site, "stories/hillsborough-first/index.html").css(".language-switch a")
    assert [(a.text(), a.attributes) for a in english] == [
        ("Español", {"href": "/es/stories/hillsborough-first/", "hreflang": "es", "lang": "es"})
    ]
    spanish = _page(site, "es/stories/hillsborough-first/index.html").css(".language-switch a")
    assert [(a.text(), a.attributes["href"], a.attributes["lang"]) for a in spanish] == [
        ("English", "/stories/hillsborough-first/", "en")
    ]
    assert _page(site, "ordinances/fair-rent/index.html").css(".language-switch") == []
    for listing in ("ordinances/index.html", "issues/index.html", "jurisdictions/durham-nc/index.html"):
        links = _page(site, listing).css(".language-switch a")
        assert [a.attributes["href"] for a in links] == ["/es/" + listing.removesuffix("index.html")]


def test_spanish_listing_marks_what_exists_only_in_english(site):
    page = _page(site, "es/ordinances/index.html")
    card = page.css_first("li.card")
    assert card.css_first(".only-in").text() == "Solo en inglés"
    link = card.css_first(".card-title a")
    assert link.attributes == {"href": "/ordinances/fair-rent/", "hreflang": "en", "lang": "en"}
    assert link.text() == "Fair Rent Ordinance"
    assert card.css_first(".card-summary").attributes["lang"] == "en"
    stories = _page(site, "es/stories/index.html").css_first("li.card")
    assert stories.css_first(".card-title a").attributes == {"href": "/es/stories/hillsborough-first/"}
    assert stories.css_first(".only-in") is None
    assert "1 de septiembre de 2025" in stories.css_first(".card-date").text()


def test_issue_names_are_in_spanish_or_marked_as_english(site):
    names = {a.text(): a for a in _page(site, "es/index.html").css(".issue-grid a")}
    assert names["Vivienda"].attributes["href"] == "/es/issues/housing/"
    assert names["Vivienda"].css_first("span") is None
    untranslated = names["Technology and surveillance"]
    assert untranslated.css_first("span").attributes == {"lang": "en"}
    assert untranslated.attributes["href"] == "/es/issues/tech-accountability/"
    english = _page(site, "index.html").css(".issue-grid a")
    assert [a.text() for a in english] == ["Housing", "Technology and surveillance"]
    assert all(a.css_first("span") is None for a in english)


def test_spanish_pages_link_the_spanish_edition_and_the_shared_assets(site):
    page = _page(site, "es/issues/housing/index.html")
    assert page.css_first("h1").text() == "Vivienda"
    # The introduction is written in English only: linked, never shown inside the Spanish page.
    intro = page.css_first(".introduction a")
    assert (intro.text(), intro.attributes["href"]) == ("Lea la introducción en inglés", "/issues/housing/")
    assert (
        "Intro to housing." not in page.html
        and "Intro to housing." in _page(site, "issues/housing/index.html").html
    )
    nav = [a.attributes["href"] for a in page.css(".site-header nav.nav a, .site-header ul.nav a")]
    assert "/es/issues/" in nav and "/es/stories/" in nav and "/es/jurisdictions/" in nav
    assert page.css_first("a.site-name").attributes["href"] == "/es/"
    assert page.css_first(".breadcrumbs a").attributes["href"] == "/es/"
    assert page.css_first("form.site-search").attributes["action"] == "/es/search/"
    assert page.css_first('link[rel="stylesheet"]').attributes["href"] == "/theme/css/hub.css"
    footer = {a.text(): a.attributes["href"] for a in page.css(".site-footer a")}
    assert footer["Acerca de"] == "/es/about/"
    # Site texts in Spanish where given (pelicanconf.py's HUB_LANGUAGES), never in English.
    assert "Libre para leer, copiar y adaptar." in page.css_first(".site-footer").text()
    assert "Free to read" not in page.css_first(".site-footer").text()


def test_sitemap_lists_each_version_with_its_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    for loc in ("/stories/hillsborough-first/", "/es/stories/hillsborough-first/"):
        entry = re.search(rf"<url><loc>{re.escape(loc)}</loc>.*?</url>", sitemap)
        assert entry is not None, loc
        links = re.findall(r'<xhtml:link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"/>', entry[0])
        assert links == [
            ("en", "/stories/hillsborough-first/"),
            ("es", "/es/stories/hillsborough-first/"),
            ("x-default", "/stories/hillsborough-first/"),
        ]
    ordinance = re.search(r"<url><loc>/ordinances/fair-rent/</loc>.*?</url>", sitemap)
    assert ordinance is not None and "xhtml:link" not in ordinance[0]


def test_spanish_document_json_ld_is_in_spanish(site):
    found = {}
    for path, lang in (("es/stories/hillsborough-first/", "es"), ("stories/hillsborough-first/", "en")):
        script = _page(site, path + "index.html").css_first('script[type="application/ld+json"]')
        found[lang] = json.loads(script.text())
        assert found[lang]["inLanguage"] == lang
    assert found["es"]["translationOfWork"] == {"@id": "/stories/hillsborough-first/"}
    assert found["en"]["workTranslation"] == [{"@id": "/es/stories/hillsborough-first/", "inLanguage": "es"}]


def test_a_third_language_is_one_setting_and_one_catalogue(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    po = theme / "translations/fr/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(FRENCH_PO, encoding="utf-8")
    settings = _settings(
        tmp_path,
        f"THEME = {str(theme)!r}\nHUB_LANGUAGES = {{**HUB_LANGUAGES, 'fr': {{'footer_note': 'Libre.'}}}}",
    )
    output = _built(tmp_path, settings)
    page = _page(output, "fr/ordinances/index.html")
    assert page.css_first("html").attributes["lang"] == "fr"
    assert page.css_first(".skip-link").text() == "Aller au contenu principal"
    assert page.css_first(".only-in").text() == "Seulement en anglais"
    assert [a.text() for a in page.css(".language-switch a")] == ["English", "Español"]
    assert not (output / "fr/stories/hillsborough-first").exists()  # translated into Spanish only
    story = _alternates(_page(output, "stories/hillsborough-first/index.html"))
    assert set(story) == {"en", "es", "x-default"}


def test_a_language_without_a_catalogue_or_the_sites_own_stops_the_build(tmp_path):
    settings = _settings(tmp_path, "HUB_LANGUAGES = {'de': {}, 'en': {}}")
    content = write_site(tmp_path / "content")
    result = build(content, tmp_path / "output", settings)
    assert result.returncode != 0
    assert "HUB_LANGUAGES: the theme has no catalogue for 'de'" in result.stderr
    assert "make translations LANGS=de" in result.stderr
    assert "HUB_LANGUAGES: 'en' is DEFAULT_LANG" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "output").exists()
    checked = hub("check", "-s", str(settings), "-i", str(content))  # make check refuses it the same way
    assert checked.returncode != 0
    assert "HUB_LANGUAGES: the theme has no catalogue for 'de'" in checked.stderr


def test_a_page_or_an_old_address_in_a_languages_folder_is_refused_by_check_and_build(tmp_path):
    content = write_site(
        tmp_path / "content",
        {
            "pages/es.md": front("title: Es\nsummary: A page named like the language."),
            "news/moved.md": front(
                "title: Moved\ndate: 2025-01-01\nsummary: Moved.\nissues: [housing]\naliases: [/es/issues/]"
            ),
        },
    )
    page = f"{content}/pages/es.md:1: the page slug 'es' is used by the site itself"
    alias = "the old address /es/issues/ is already used by"
    checked = hub("check", "-i", str(content))
    built = build(content, tmp_path / "output")
    for result in (checked, built):
        assert result.returncode != 0
        assert page in result.stderr and alias in result.stderr, result.stderr


def test_a_site_in_a_sub_folder_links_every_language_inside_it(tmp_path):
    settings = _settings(tmp_path, "SITEURL = 'https://example.org/hub'", "publishconf")
    output = _built(tmp_path, settings)
    page = _page(output, "es/stories/hillsborough-first/index.html")
    assert page.css_first("a.site-name").attributes["href"] == "https://example.org/hub/es/"
    switch = page.css_first(".language-switch a").attributes["href"]
    assert switch == "https://example.org/hub/stories/hillsborough-first/"
    assert _alternates(page)["es"] == "https://example.org/hub/es/stories/hillsborough-first/"
    listing = _page(output, "es/ordinances/index.html").css_first(".card-title a").attributes["href"]
    assert listing == "https://example.org/hub/ordinances/fair-rent/"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="es" href="https://example.org/hub/es/stories/hillsborough-first/"' in sitemap


FORKING_PLUGIN = """
import hub_pages.parallel


def register():
    hub_pages.parallel.PARALLEL_FROM = 2  # half the pages go to the forked process, even on a small site
"""


def test_pages_rendered_in_the_forked_process_are_in_their_language(tmp_path, site):
    from hub_core.workers import cores

    if cores() < 2:
        pytest.skip("one core: pages are never rendered in a second process")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "forking.py").write_text(FORKING_PLUGIN)
    plugins = (
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(tmp_path / 'plugins')!r}]\nPLUGINS = [*PLUGINS, 'forking']"
    )
    forked = _built(tmp_path, _settings(tmp_path, plugins))
    assert tree(forked, PAGEFIND_UNSTABLE) == tree(site, PAGEFIND_UNSTABLE)
    # Pages go to the two processes in turns: both have Spanish pages among theirs.
    assert _page(forked, "es/index.html").css_first("html").attributes["lang"] == "es"
    assert (
        _page(forked, "es/stories/index.html").css_first(".skip-link").text()
        == "Saltar al contenido principal"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_switching_languages_both_ways_in_chromium(site, chromium, javascript):
    with served(site) as base:
        context = chromium.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(base + "/stories/hillsborough-first/")
        page.get_by_role("link", name="Español").click()
        page.wait_for_url(base + "/es/stories/hillsborough-first/")
        assert page.locator("h1").inner_text() == "Hillsborough fue primero"
        assert page.evaluate("document.documentElement.lang") == "es"
        page.get_by_role("link", name="English").click()
        page.wait_for_url(base + "/stories/hillsborough-first/")
        assert page.locator("h1").inner_text() == "Hillsborough Went First"
        context.close()


def test_the_switch_is_reached_and_followed_by_keyboard(site, chromium):
    with served(site) as base:
        page, _ = open_page(chromium, base)
        page.goto(base + "/es/ordinances/")
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('hreflang')") == "en":
                break
        focused = page.evaluate(
            "(() => { const e = document.activeElement; return [e.closest('.language-switch') !== null,"
            " e.textContent, getComputedStyle(e).outlineStyle]; })()"
        )
        assert focused == [True, "English", focused[2]] and focused[2] != "none"
        page.keyboard.press("Enter")
        page.wait_for_url(base + "/ordinances/")
        page.close()


@pytest.mark.parametrize("url", ["/es/stories/hillsborough-first/", "/es/ordinances/", "/es/issues/housing/"])
def test_spanish_pages_have_no_accessibility_problem(site, chromium, url):
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_accessibility import AXE_TAGS

    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(base + url, wait_until="networkidle")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []

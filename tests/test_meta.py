"""hub_meta: the structured data and head builders on their own, and real builds read back.

Unit tests build the typed model directly; the functional tests build a fixture site with an absolute
SITEURL (and one without), then parse every page's head, its JSON-LD, sitemap.xml and robots.txt.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hub_content import HubSettings, SettingsError
from hub_content.reader import state_jurisdictions
from hub_content.schemas import BRIEF, DOC_TYPES, NEWS, ORDINANCE, PAGE, STORY
from hub_core.views import Kind, PageView
from hub_meta import structured
from hub_meta.head import head, page_of
from hub_meta.identity import SiteInfo, address, is_absolute, og_locale
from hub_meta.sitemap import NAMESPACE, SitemapEntry, entry_for, page_url, robots_txt, sitemap_files
from hub_meta.structured import IN_FORCE, NOT_IN_FORCE, compact, script_text
from hub_model import (
    Adoption,
    AdoptionStatus,
    BriefDetails,
    Document,
    Issue,
    Jurisdiction,
    JurisdictionKind,
    OrdinanceDetails,
    OrdinanceKind,
    StoryDetails,
    build_site,
)
from tests import sitekit
from tests.sitekit import ROOT, build, front, write_site

HOUSING = Issue("housing", "Housing", "Homes people can afford.", "", "issues/housing.md")
ORANGE = Jurisdiction("orange-county-nc", "Orange County", JurisdictionKind.COUNTY, "nc", None)
TOWN = Jurisdiction("hillsborough-nc", "Hillsborough", JurisdictionKind.TOWN, "nc", "orange-county-nc")
DURHAM = Jurisdiction("durham-nc", "Durham", JurisdictionKind.CITY, "nc", None)
HOSTED = SiteInfo("https://hub.example.org", "Hub", "All about it.", "en", "theme/images/share.png",
                  "The hub's logo", search=True)  # fmt: skip
LOCAL = SiteInfo("", "Hub", "All about it.", "en", "theme/images/share.png", "The hub's logo")
SITE = "https://hub.example.org"
FIXTURE_VIDEO = re.search(r"video: (\S+)", sitekit.STORY).group(1)


def doc(doc_type, slug, **fields) -> Document:
    values = {"title": slug.title(), "summary": f"About {slug}.", "body_html": "", "source": slug,
              "date": dt.date(2025, 1, 2), "issues": ("housing",), **fields}  # fmt: skip
    return Document(type=doc_type, slug=slug, **values)


def site_of(*documents):
    return build_site(DOC_TYPES, [HOUSING], [*state_jurisdictions(), ORANGE, TOWN, DURHAM], documents)


ADOPTIONS = (
    Adoption("durham-nc", AdoptionStatus.ADOPTED, dt.date(2025, 3, 4), "https://durham.example/o?a=1&b=2",
             "Ord. 2025-9"),
    Adoption("hillsborough-nc", AdoptionStatus.REPEALED, dt.date(2025, 5, 6)),
    Adoption("nc", AdoptionStatus.INTRODUCED, dt.date(2025, 6, 7)),
    Adoption("orange-county-nc", AdoptionStatus.FAILED),
    Adoption("durham-nc", AdoptionStatus.PREEMPTED),
)  # fmt: skip
FAIR_RENT = doc(ORDINANCE, "fair-rent", updated=dt.date(2025, 2, 1), jurisdictions=("hillsborough-nc",),
                details=OrdinanceDetails(OrdinanceKind.RESOLUTION, ADOPTIONS))  # fmt: skip


def reverse_is_based_on(data: dict) -> list[tuple[dict, str]]:
    """(adoption, model id) for each `adoption isBasedOn model` the @reverse block states."""
    return [(node, data["@id"]) for node in data.get("@reverse", {}).get("isBasedOn", [])]


# Addresses --------------------------------------------------------------------------------------------


def test_addresses_are_absolute_only_when_siteurl_is():
    assert is_absolute("https://hub.example.org") and is_absolute("http://localhost:8000")
    assert not is_absolute("") and not is_absolute("/hub") and not is_absolute("hub.example.org")
    assert address("https://hub.example.org/", "news/a/") == "https://hub.example.org/news/a/"
    assert address("https://example.org/hub", "") == "https://example.org/hub/"
    assert address("", "news/a/") == "/news/a/"
    assert address("/hub", "news/a/") == "/hub/news/a/"
    assert HOSTED.home == "https://hub.example.org/" and LOCAL.home == "/"
    assert page_url("ordinances/x/index.html") == "ordinances/x/" and page_url("index.html") == ""


def test_og_locale_is_default_lang_with_an_underscore():
    assert og_locale("en") == "en"
    assert og_locale("es-US") == "es_US"


# JSON-LD builders -------------------------------------------------------------------------------------


def test_script_text_is_compact_json_that_cannot_end_the_script_element():
    data = {"name": 'Closing </script><!--<script> & "quotes"', "list": [1, "</SCRIPT>"]}
    text = script_text(data)
    assert json.loads(text) == data
    assert "</" not in text and "<!--" not in text
    assert ": " not in text and ", " not in text.replace("& ", "")  # no spaces between tokens
    assert script_text({"name": "Zoé"}) == '{"name":"Zoé"}'


def test_compact_leaves_out_empty_values_at_every_depth():
    assert compact({"a": None, "b": "", "c": [], "d": {"e": None}, "f": [None, {"g": ""}, 0], "h": 0}) == {
        "f": [0],
        "h": 0,
    }


def test_an_ordinance_is_legislation_with_its_adoptions_based_on_it():
    site = site_of(FAIR_RENT)
    data = structured.document(site, FAIR_RENT, HOSTED, lambda s: f"<{s}>")
    url = f"{SITE}/ordinances/fair-rent/"
    assert data["@context"] == "https://schema.org"
    assert (data["@type"], data["@id"], data["url"], data["name"]) == ("Legislation", url, url, "Fair-Rent")
    assert data["legislationType"] == "<Model resolution>"  # the kind's label, translated
    assert data["about"] == [{"@type": "Thing", "name": "Housing", "url": f"{SITE}/issues/housing/"}]
    assert (data["datePublished"], data["dateModified"]) == ("2025-01-02", "2025-02-01")
    assert "headline" not in data  # Legislation is not an Article
    adoptions = [node for node, model in reverse_is_based_on(data) if model == url]
    assert len(adoptions) == len(ADOPTIONS)
    durham, hillsborough, nc, orange, preempted = adoptions
    assert durham == {
        "@type": "Legislation",
        "legislationJurisdiction": {
            "@type": "AdministrativeArea",
            "name": "Durham",
            "url": f"{SITE}/jurisdictions/durham-nc/",
        },
        "legislationDate": "2025-03-04",
        "legislationLegalForce": "https://schema.org/InForce",
        "creativeWorkStatus": "<Adopted>",
        "legislationIdentifier": "Ord. 2025-9",
        "url": "https://durham.example/o?a=1&b=2",
    }
    # Each adoption names its place and links its page; where the place lies is not repeated per adoption.
    for node in adoptions:
        assert set(node["legislationJurisdiction"]) == {"@type", "name", "url"}
    assert hillsborough["legislationJurisdiction"] == {
        "@type": "AdministrativeArea",
        "name": "Hillsborough",
        "url": f"{SITE}/jurisdictions/hillsborough-nc/",
    }
    assert nc["legislationJurisdiction"]["name"] == "North Carolina"
    # The chain is said once, in the document's own spatialCoverage: a town in its county, in its state.
    [town] = data["spatialCoverage"]
    assert town == {
        "@type": "AdministrativeArea",
        "name": "Hillsborough",
        "url": f"{SITE}/jurisdictions/hillsborough-nc/",
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": "Orange County",
            "url": f"{SITE}/jurisdictions/orange-county-nc/",
            "containedInPlace": {
                "@type": "AdministrativeArea",
                "name": "North Carolina",
                "url": f"{SITE}/jurisdictions/nc/",
            },
        },
    }
    assert json.dumps(data).count("containedInPlace") == 2  # that chain, and no other
    # Only an adoption in force is InForce; the date is the adoption's date, so only adopted ones have it.
    for node in (hillsborough, nc, orange, preempted):
        assert node["legislationLegalForce"] == NOT_IN_FORCE
        assert "legislationDate" not in node and "legislationIdentifier" not in node and "url" not in node
    assert [n["creativeWorkStatus"] for n in adoptions] == [
        "<Adopted>", "<Repealed>", "<Introduced>", "<Failed>", "<Preempted>"
    ]  # fmt: skip


def test_legal_force_of_every_status():
    assert {s: structured.legal_force(s) for s in AdoptionStatus} == {
        AdoptionStatus.ADOPTED: IN_FORCE,
        AdoptionStatus.INTRODUCED: NOT_IN_FORCE,
        AdoptionStatus.FAILED: NOT_IN_FORCE,
        AdoptionStatus.REPEALED: NOT_IN_FORCE,
        AdoptionStatus.PREEMPTED: NOT_IN_FORCE,
    }


def test_an_ordinance_without_adoptions_has_no_reverse_links():
    bare = doc(ORDINANCE, "bare", details=OrdinanceDetails())
    data = structured.document(site_of(bare), bare, HOSTED)
    assert "@reverse" not in data and data["legislationType"] == "Model ordinance"


def test_a_brief_is_a_report_with_authors_partners_and_its_pdf():
    brief = doc(BRIEF, "trap", authors=("Ana Ruiz",), jurisdictions=("durham-nc",),
                details=BriefDetails(("Data & Society", "CoWorker"), "files/trap.pdf"))  # fmt: skip
    data = structured.document(site_of(brief), brief, HOSTED)
    assert data["@type"] == "Report" and data["headline"] == "Trap"
    assert data["author"] == [{"@type": "Person", "name": "Ana Ruiz"}]
    assert data["publisher"] == {
        "@type": "Organization",
        "@id": f"{SITE}/#organization",
        "name": "Hub",
        "url": f"{SITE}/",
        "logo": f"{SITE}/theme/images/icon.svg",
    }
    assert data["contributor"] == [
        {"@type": "Organization", "name": "Data & Society"},
        {"@type": "Organization", "name": "CoWorker"},
    ]
    assert data["encoding"] == {
        "@type": "MediaObject",
        "contentUrl": f"{SITE}/files/trap.pdf",
        "encodingFormat": "application/pdf",
    }
    assert [a["name"] for a in data["spatialCoverage"]] == ["Durham"]


def test_a_document_without_authors_is_by_the_site():
    news = doc(NEWS, "launch")
    data = structured.document(site_of(news), news, HOSTED)
    assert data["@type"] == "NewsArticle" and data["headline"] == "Launch"
    assert data["publisher"] == structured.organization(HOSTED)
    assert data["author"] == [{"@id": data["publisher"]["@id"]}]  # the publisher, written once
    assert data["image"] == f"{SITE}/theme/images/share.png"


def test_a_story_is_an_article_with_its_video():
    story = doc(STORY, "first", image="images/vote.jpg", image_alt="A council vote",
                details=StoryDetails(video="https://www.youtube.com/watch?v=abc"))  # fmt: skip
    data = structured.document(site_of(story), story, HOSTED)
    assert data["@type"] == "Article"
    assert data["video"] == {
        "@type": "VideoObject",
        "name": "First",
        "description": "About first.",
        "embedUrl": "https://www.youtube.com/watch?v=abc",
        "uploadDate": "2025-01-02",
        "thumbnailUrl": f"{SITE}/images/vote.jpg",  # the story's own image before the default
    }
    no_video = doc(STORY, "quiet", details=StoryDetails())
    assert "video" not in structured.document(site_of(no_video), no_video, HOSTED)


def test_a_page_is_a_web_page_of_the_site():
    about = doc(PAGE, "about", date=None, issues=())
    data = structured.document(site_of(about), about, LOCAL)
    assert data["@type"] == "WebPage" and data["url"] == "/about/"
    assert "author" not in data and "headline" not in data and "datePublished" not in data
    assert data["isPartOf"] == {"@type": "WebSite", "@id": "/#website", "name": "Hub", "url": "/"}


def test_the_home_page_is_the_website_with_search_and_the_organization():
    data = structured.home(HOSTED)
    website, organization = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert website["@type"] == "WebSite" and website["url"] == f"{SITE}/"
    assert website["potentialAction"] == {
        "@type": "SearchAction",
        "target": f"{SITE}/search/?q={{search_term_string}}",
        "query-input": "required name=search_term_string",
    }
    assert website["publisher"] == {"@id": organization["@id"]}
    assert organization == structured.organization(HOSTED)
    assert "potentialAction" not in structured.website(LOCAL)  # no search page, no search action


# What a page is, and its head -------------------------------------------------------------------------


def test_page_of_titles_every_kind_of_view():
    site = site_of(FAIR_RENT)
    town = site.jurisdictions["hillsborough-nc"]
    cases = [
        (PageView(Kind.HOME, "index.html", "home"), "Hub", "All about it."),
        (PageView(Kind.NOT_FOUND, "404.html", "404"), "Page not found", "All about it."),
        (PageView(Kind.SEARCH, "search/index.html", "search"), "Search", "All about it."),
        (PageView(Kind.ISSUES, "issues/index.html", "issues"), "Issues", "All about it."),
        (PageView(Kind.JURISDICTIONS, "jurisdictions/index.html", "jurisdictions"), "Jurisdictions",
         "All about it."),
        (PageView(Kind.DOCUMENT, "ordinances/fair-rent/index.html", "document", FAIR_RENT), "Fair-Rent",
         "About fair-rent."),
        (PageView(Kind.ISSUE, "issues/housing/index.html", "issue", HOUSING), "Housing",
         "Homes people can afford."),
        (PageView(Kind.JURISDICTION, "jurisdictions/hillsborough-nc/index.html", "jurisdiction", town),
         "Hillsborough", "All about it."),
        (PageView(Kind.LISTING, "ordinances/index.html", "listing", ORDINANCE), "Model ordinances",
         "All about it."),
        (PageView(Kind.LISTING, "ordinances/page/2/index.html", "listing", ORDINANCE, number=2),
         "Model ordinances · page 2", "All about it."),
        (PageView(Kind.RANKING, "ordinances/by-adoptions/index.html", "listing", ORDINANCE),
         "Model ordinances by adoption count", "All about it."),
        (PageView(Kind.SCOPED_LISTING, "issues/housing/news/index.html", "scoped_listing", NEWS,
                  scope=HOUSING), "News on Housing", "All about it."),
        (PageView(Kind.SCOPED_LISTING, "jurisdictions/hillsborough-nc/news/index.html", "scoped_listing",
                  NEWS, scope=town), "News naming Hillsborough", "All about it."),
        (PageView(Kind.HISTORY, "ordinances/fair-rent/history/index.html", "history", FAIR_RENT), "Hub",
         "All about it."),
        (PageView(Kind.DIGESTS, "digests/index.html", "digests"), "Newsletter digests", "All about it."),
    ]  # fmt: skip
    for view, title, description in cases:
        page = page_of(view, HOSTED)
        assert (page.title, page.description) == (title, description), view.path


def test_the_kind_of_a_view_says_whether_it_is_a_collection_and_in_the_sitemap():
    collections = {k for k in Kind if k.is_collection}
    assert collections == {Kind.LISTING, Kind.RANKING, Kind.SCOPED_LISTING, Kind.ISSUES, Kind.ISSUE,
                           Kind.JURISDICTIONS, Kind.JURISDICTION, Kind.DIGESTS, Kind.DIGEST,
                           Kind.PEOPLE, Kind.PARTNERS}  # fmt: skip
    assert {k for k in Kind if not k.in_sitemap} == {Kind.NOT_FOUND, Kind.SEARCH, Kind.REDIRECT}


def test_page_titles_are_translated():
    view = PageView(
        Kind.SCOPED_LISTING, "issues/housing/news/index.html", "scoped_listing", NEWS, scope=HOUSING
    )
    translate = {"News on %(issue)s": "Noticias sobre %(issue)s"}.get
    assert page_of(view, HOSTED, lambda s: translate(s, s)).title == "Noticias sobre Housing"


def test_head_of_a_document_page():
    site = site_of(FAIR_RENT)
    meta = head(
        site, HOSTED, PageView(Kind.DOCUMENT, "ordinances/fair-rent/index.html", "document", FAIR_RENT)
    )
    assert meta.canonical == f"{SITE}/ordinances/fair-rent/"
    assert (meta.og_type, meta.title, meta.description) == ("article", "Fair-Rent", "About fair-rent.")
    assert (meta.site_name, meta.locale) == ("Hub", "en")
    assert (meta.image, meta.image_alt) == (f"{SITE}/theme/images/share.png", "The hub's logo")
    assert meta.twitter_card == "summary_large_image"
    assert (meta.published, meta.modified) == ("2025-01-02", "2025-02-01")
    assert json.loads(meta.structured_data)["@type"] == "Legislation"


def test_head_without_any_image_uses_the_small_card():
    bare = SiteInfo("", "Hub", "All about it.", "en")
    news = doc(NEWS, "launch")
    meta = head(site_of(news), bare, PageView(Kind.DOCUMENT, "news/launch/index.html", "document", news))
    assert meta.image is None and meta.twitter_card == "summary"
    own = doc(NEWS, "vote", image="images/vote.jpg", image_alt="A council vote")
    meta = head(site_of(own), HOSTED, PageView(Kind.DOCUMENT, "news/vote/index.html", "document", own))
    assert (meta.image, meta.image_alt, meta.twitter_card) == (
        f"{SITE}/images/vote.jpg", "A council vote", "summary_large_image"
    )  # fmt: skip


def test_without_an_absolute_siteurl_the_head_names_no_address_rather_than_a_relative_one():
    own = doc(NEWS, "vote", image="images/vote.jpg", image_alt="A council vote")
    view = PageView(Kind.DOCUMENT, "news/vote/index.html", "document", own)
    for url in ("", "/hub"):
        meta = head(site_of(own), SiteInfo(url, "Hub", "All about it.", "en", "theme/share.png"), view)
        assert (meta.canonical, meta.image, meta.twitter_card) == (None, None, "summary")


def test_the_404_page_has_no_address_or_structured_data():
    meta = head(site_of(), HOSTED, PageView(Kind.NOT_FOUND, "404.html", "404"))
    assert meta.canonical is None and meta.structured_data is None
    assert meta.og_type == "website" and meta.published is None


def test_collection_pages_say_what_they_are_about():
    site = site_of(FAIR_RENT)
    town = site.jurisdictions["hillsborough-nc"]
    view = PageView(Kind.JURISDICTION, "jurisdictions/hillsborough-nc/index.html", "jurisdiction", town)
    data = json.loads(head(site, HOSTED, view).structured_data)
    assert data["@type"] == "CollectionPage" and data["url"] == f"{SITE}/jurisdictions/hillsborough-nc/"
    assert data["about"]["@type"] == "AdministrativeArea" and data["about"]["name"] == "Hillsborough"
    view = PageView(Kind.ISSUE, "issues/housing/index.html", "issue", HOUSING)
    issue = json.loads(head(site, HOSTED, view).structured_data)
    assert issue["about"] == {"@type": "Thing", "name": "Housing", "url": f"{SITE}/issues/housing/"}


# Sitemap and robots.txt -------------------------------------------------------------------------------


def test_sitemap_entries_come_from_the_view_and_leave_out_the_404_search_and_redirect_pages():
    news = doc(NEWS, "a", updated=dt.date(2025, 2, 3))
    assert entry_for("index.html", PageView(Kind.HOME, "index.html", "home")) == SitemapEntry("")
    page = PageView(Kind.DOCUMENT, "news/a/index.html", "document", news)
    assert entry_for(page.path, page) == SitemapEntry("news/a/", dt.date(2025, 2, 3))
    undated = doc(PAGE, "about", date=None)
    assert entry_for("about/index.html", PageView(Kind.DOCUMENT, "about/index.html", "page", undated)) == (
        SitemapEntry("about/")
    )
    assert entry_for("404.html", PageView(Kind.NOT_FOUND, "404.html", "404")) is None
    assert entry_for("search/index.html", PageView(Kind.SEARCH, "search/index.html", "search")) is None
    assert entry_for("old/index.html", PageView(Kind.REDIRECT, "old/index.html", "redirect", news)) is None
    history = PageView(Kind.HISTORY, "news/a/history/index.html", "history", news)
    assert entry_for(history.path, history) == SitemapEntry("news/a/history/")  # listed, undated
    assert entry_for("feeds/all.atom.xml") is None


def test_sitemap_is_sorted_escaped_and_dated():
    entries = [SitemapEntry("news/b/", dt.date(2025, 2, 1)), SitemapEntry(""), SitemapEntry("a&b/"),
               SitemapEntry("news/b/", dt.date(2025, 2, 1))]  # fmt: skip
    files = sitemap_files(entries, "https://hub.example.org")
    assert list(files) == ["sitemap.xml"]
    assert files["sitemap.xml"] == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url><loc>https://hub.example.org/</loc></url>\n"
        "<url><loc>https://hub.example.org/a&amp;b/</loc></url>\n"
        "<url><loc>https://hub.example.org/news/b/</loc><lastmod>2025-02-01</lastmod></url>\n"
        "</urlset>\n"
    )
    assert "<loc>/news/b/</loc>" in sitemap_files(entries, "")["sitemap.xml"]


def test_a_large_sitemap_is_split_under_an_index():
    entries = [SitemapEntry(f"news/{n:02d}/") for n in range(5)]
    files = sitemap_files(entries, "https://hub.example.org", limit=2)
    assert list(files) == [
        "sitemap.xml", "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml", "sitemaps/sitemap-3.xml"
    ]  # fmt: skip
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{NAMESPACE}}}sitemapindex"
    assert [loc.text for loc in index.iter(f"{{{NAMESPACE}}}loc")] == [
        f"https://hub.example.org/sitemaps/sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    last = ET.fromstring(files["sitemaps/sitemap-3.xml"])
    assert [loc.text for loc in last.iter(f"{{{NAMESPACE}}}loc")] == ["https://hub.example.org/news/04/"]


def test_robots_txt_names_the_sitemap_only_at_an_absolute_address():
    assert robots_txt("https://hub.example.org") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://hub.example.org/sitemap.xml\n"
    )
    assert robots_txt("") == robots_txt("/hub") == "User-agent: *\nAllow: /\n"


# Settings and the share image -------------------------------------------------------------------------


def test_the_share_image_is_a_hub_setting():
    defaults = HubSettings()
    assert (defaults.share_image, defaults.share_image_alt) == ("theme/images/share.png", "The hub's logo")
    chosen = HubSettings.from_settings({"HUB": {"share_image": "images/card.png", "share_image_alt": "Us"}})
    assert (chosen.share_image, chosen.share_image_alt) == ("images/card.png", "Us")
    with pytest.raises(SettingsError, match="share_image"):
        HubSettings.from_settings({"HUB": {"share_image": None}})


def test_the_default_share_image_is_a_1200_by_630_png():
    data = (ROOT / "theme/static/images/share.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


# Real builds ------------------------------------------------------------------------------------------

ESCAPE = front(
    """
    title: "Closing </script><!-- <script> tags"
    date: 2025-06-01
    updated: 2025-06-15
    summary: "Quotes \\" & ampersands </script>"
    issues: [housing]
    kind: resolution
    adoptions:
      - jurisdiction: hillsborough-nc
        status: repealed
        date: 2025-06-10
        url: https://example.org/ord?x=1&y=2
      - jurisdiction: orange-county-nc
        status: failed
    """
)
PICTURED = front(
    """
    title: Council Vote
    date: 2025-05-01
    summary: The vote.
    issues: [housing]
    image: images/photo.png
    image_alt: Council members raising their hands
    image_credit: "Photo: Network staff"
    """
)
EXTRA = {"ordinances/escape.md": ESCAPE, "news/vote.md": PICTURED}


class Head(HTMLParser):
    """The tags of a page's <head> that hub_meta and base.html write."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.canonical: list[str] = []
        self.data: list[str] = []
        self._in_data = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (key := values.get("property") or values.get("name")):
            self.meta.setdefault(key, []).append(values.get("content") or "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values.get("href") or "")
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._in_data = True
            self.data.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_data = self._in_data and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data[-1] += data

    def one(self, key: str) -> str:
        [value] = self.meta[key]
        return value

    def json(self) -> dict:
        [text] = self.data
        return json.loads(text)


def read_head(output: Path, url: str) -> Head:
    return Head((output / url / "index.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hosted")
    settings = root / "hosted.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
                        'SITEURL = "https://hub.example.org"\n')  # fmt: skip
    result = build(write_site(root / "content", EXTRA), root / "output", settings)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("preview")
    result = build(write_site(root / "content", EXTRA), root / "output")
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_the_ordinance_reads_back_as_legislation(hosted):
    page = read_head(hosted, "ordinances/fair-rent")
    data = page.json()
    url = f"{SITE}/ordinances/fair-rent/"
    assert page.canonical == [url] and page.one("og:url") == url
    assert (data["@type"], data["@id"], data["name"]) == ("Legislation", url, "Fair Rent Ordinance")
    assert data["legislationType"] == "Model ordinance"
    assert data["about"] == [{"@type": "Thing", "name": "Housing", "url": f"{SITE}/issues/housing/"}]
    assert data["datePublished"] == "2025-10-01" and "dateModified" not in data
    [(durham, model_1), (nc, model_2)] = reverse_is_based_on(data)
    assert model_1 == model_2 == url
    assert durham["legislationJurisdiction"]["name"] == "Durham"
    assert durham["legislationJurisdiction"]["url"] == f"{SITE}/jurisdictions/durham-nc/"
    assert durham["legislationJurisdiction"]["@type"] == "AdministrativeArea"
    assert (durham["legislationDate"], durham["legislationLegalForce"]) == ("2025-03-04", IN_FORCE)
    assert durham["legislationIdentifier"] == "Ord. 2025-9"
    assert nc["legislationJurisdiction"]["name"] == "North Carolina"
    assert nc["legislationLegalForce"] == NOT_IN_FORCE and "legislationDate" not in nc


def test_the_ordinances_structured_data_is_compact(hosted):
    """No space between tokens, no empty or null property, no place chain repeated for each adoption."""
    html = (hosted / "ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert block == json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")

    def values(node):
        if isinstance(node, dict):
            for value in node.values():
                yield value
                yield from values(value)
        elif isinstance(node, list):
            for value in node:
                yield value
                yield from values(value)

    assert [v for v in values(data) if v in (None, "", [], {})] == []
    adoptions = data["@reverse"]["isBasedOn"]
    assert all("containedInPlace" not in a["legislationJurisdiction"] for a in adoptions)


def test_structured_data_survives_hostile_text(hosted):
    html = (hosted / "ordinances/escape/index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</" not in block and "<!--" not in block
    data = json.loads(block)
    assert data["name"] == "Closing </script><!-- <script> tags"
    assert data["description"] == 'Quotes " & ampersands </script>'
    assert (data["legislationType"], data["dateModified"]) == ("Model resolution", "2025-06-15")
    [(repealed, _), (failed, _)] = reverse_is_based_on(data)
    assert repealed["url"] == "https://example.org/ord?x=1&y=2" and "legislationDate" not in repealed
    assert repealed["legislationLegalForce"] == failed["legislationLegalForce"] == NOT_IN_FORCE
    page = read_head(hosted, "ordinances/escape")
    assert page.one("og:title") == "Closing </script><!-- <script> tags"
    assert page.one("article:modified_time") == "2025-06-15"


def test_the_story_has_its_video(hosted):
    data = read_head(hosted, "stories/hillsborough-first").json()
    assert data["@type"] == "Article" and data["headline"] == "Hillsborough Went First"
    assert data["video"] == {
        "@type": "VideoObject",
        "name": "Hillsborough Went First",
        "description": "How a town led the state.",
        "embedUrl": FIXTURE_VIDEO,
        "uploadDate": "2025-09-01",
        "thumbnailUrl": f"{SITE}/stories/hillsborough-first/card.png",  # its card, the share image
    }


def test_the_brief_is_a_report(hosted):
    data = read_head(hosted, "briefs/privacy-trap").json()
    assert data["@type"] == "Report"
    assert [c["name"] for c in data["contributor"]] == ["Data & Society", "CoWorker"]
    assert data["encoding"]["contentUrl"] == f"{SITE}/files/brief.pdf"
    assert data["publisher"]["name"] == "Local Policy Hub"
    assert data["author"] == [{"@id": data["publisher"]["@id"]}]
    assert read_head(hosted, "news/convening").json()["@type"] == "NewsArticle"


def _nodes(value: object) -> list[dict]:
    """Every JSON-LD object in the data, at any depth."""
    if isinstance(value, dict):
        return [value, *(n for v in value.values() for n in _nodes(v))]
    if isinstance(value, list):
        return [n for v in value for n in _nodes(v)]
    return []


def test_every_page_describes_each_node_once_and_refers_to_it_by_id(hosted):
    """The site's Organization (publisher and author of a document without authors, publisher of the
    WebSite) is written out once on a page; elsewhere on that page it is a bare {"@id": ...} that resolves."""
    pages = sorted(hosted.rglob("*.html"))
    organizations = 0
    for path in pages:
        for text in Head(path.read_text(encoding="utf-8")).data:
            nodes = _nodes(json.loads(text))
            described = [n["@id"] for n in nodes if "@id" in n and set(n) - {"@id"}]
            assert len(described) == len(set(described)), (path, described)
            for ref in (n["@id"] for n in nodes if set(n) == {"@id"}):
                assert ref in described, (path, ref)
            organizations += described.count(f"{SITE}/#organization")
    assert organizations > 3  # documents and the home page do name it


def test_the_home_page_offers_search(hosted):
    data = read_head(hosted, "").json()
    types = {node["@type"]: node for node in data["@graph"]}
    assert set(types) == {"WebSite", "Organization"}
    action = types["WebSite"]["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == f"{SITE}/search/?q={{search_term_string}}"
    assert action["query-input"] == "required name=search_term_string"
    assert types["Organization"]["url"] == f"{SITE}/" and types["Organization"]["name"] == "Local Policy Hub"
    assert types["Organization"]["logo"].startswith(f"{SITE}/")


SHARING_TAGS = [
    "og:type",
    "og:title",
    "og:description",
    "og:site_name",
    "og:locale",
    "og:image",
    "og:image:alt",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
]


def test_every_page_has_sharing_tags_with_absolute_addresses(hosted):
    pages = sorted(hosted.rglob("*.html"))
    assert len(pages) > 20
    for file in pages:
        name = file.relative_to(hosted).as_posix()
        page = Head(file.read_text(encoding="utf-8"))
        for key in SHARING_TAGS:
            assert page.one(key), (name, key)
        assert page.one("description") == page.one("og:description") == page.one("twitter:description"), name
        assert page.one("og:title") == page.one("twitter:title"), name
        locale = "es" if name.startswith("es/") else "en"  # the Spanish edition (HUB_LANGUAGES)
        assert page.one("og:site_name") == "Local Policy Hub" and page.one("og:locale") == locale
        image = page.one("og:image")
        assert image.startswith(f"{SITE}/") and (hosted / image.removeprefix(f"{SITE}/")).is_file(), name
        if name == "404.html":
            assert page.canonical == [] and "og:url" not in page.meta and page.data == []
            continue
        expected = f"{SITE}/{name.removesuffix('index.html')}"
        assert page.canonical == [expected] and page.one("og:url") == expected, name
        assert len(page.data) == 1 and page.json()["@context"] == "https://schema.org", name


def test_a_document_image_is_shared_in_place_of_the_default(hosted):
    page = read_head(hosted, "news/vote")
    assert page.one("og:type") == "article" and page.one("article:published_time") == "2025-05-01"
    assert page.one("og:image") == page.one("twitter:image") == f"{SITE}/images/photo.png"
    assert page.one("og:image:alt") == "Council members raising their hands"
    assert page.one("twitter:card") == "summary_large_image"
    about = read_head(hosted, "about")  # without an image of its own: its social card (hub_cards)
    assert about.one("og:type") == "website" and about.one("og:image") == f"{SITE}/about/card.png"
    issue = read_head(hosted, "issues/housing")  # a page that is not a document: the site's share image
    assert issue.one("og:image") == f"{SITE}/theme/images/share.png"


def test_sitemap_lists_every_content_page_with_its_date(hosted):
    root = ET.parse(hosted / "sitemap.xml").getroot()
    assert root.tag == f"{{{NAMESPACE}}}urlset"
    urls = {
        u.findtext(f"{{{NAMESPACE}}}loc"): u.findtext(f"{{{NAMESPACE}}}lastmod")
        for u in root.iter(f"{{{NAMESPACE}}}url")
    }
    locs = [u.findtext(f"{{{NAMESPACE}}}loc") for u in root.iter(f"{{{NAMESPACE}}}url")]
    assert locs == sorted(locs) and len(locs) == len(urls)
    assert urls[f"{SITE}/ordinances/fair-rent/"] == "2025-10-01"
    assert urls[f"{SITE}/ordinances/escape/"] == "2025-06-15"  # updated wins over date
    assert urls[f"{SITE}/stories/hillsborough-first/"] == "2025-09-01"
    assert urls[f"{SITE}/about/"] is None and urls[f"{SITE}/"] is None
    assert f"{SITE}/issues/housing/" in urls and f"{SITE}/jurisdictions/hillsborough-nc/" in urls
    assert not any("404" in loc or "/search/" in loc for loc in urls)
    pages = {
        f"{SITE}/{p.relative_to(hosted).as_posix().removesuffix('index.html')}"
        for p in hosted.rglob("*.html")
    }
    assert set(urls) == pages - {f"{SITE}/404.html", f"{SITE}/search/", f"{SITE}/es/search/"}


def test_robots_txt_points_at_the_sitemap(hosted):
    assert (hosted / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://hub.example.org/sitemap.xml\n"
    )


def test_without_an_absolute_siteurl_there_is_no_canonical_and_other_addresses_are_root_relative(preview):
    page = read_head(preview, "ordinances/fair-rent")
    assert page.canonical == [] and "og:url" not in page.meta and "og:image" not in page.meta
    assert reverse_is_based_on(page.json())[0][1] == "/ordinances/fair-rent/"
    locs = [e.text for e in ET.parse(preview / "sitemap.xml").getroot().iter(f"{{{NAMESPACE}}}loc")]
    assert "/ordinances/fair-rent/" in locs and all(loc.startswith("/") for loc in locs)
    assert (preview / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"

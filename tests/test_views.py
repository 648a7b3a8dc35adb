"""Page views: what hub_pages plans, what plugins add to it, what a page's fingerprint follows, and that
templates print values instead of looking them up.

Unit tests plan the pages of a small typed model with the real planner and the real theme's template
names; one functional test builds a fixture site whose theme gives the news type a template of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import jinja2
from jinja2 import meta

from hub_content import HubSettings
from hub_content.reader import state_jurisdictions
from hub_content.schemas import DOC_TYPES, NEWS, ORDINANCE, PAGE, STORY
from hub_core.context import HISTORY_KEY, SITE_KEY, TOOLKITS_KEY, page_settings
from hub_core.views import VIEW, Facets, Kind, PageView, ViewParts, view_of, view_parts
from hub_history.parts import history_part, history_views
from hub_history.views import SiteHistory, document_history, unavailable
from hub_model import (
    Adoption,
    AdoptionStatus,
    Document,
    Issue,
    Jurisdiction,
    JurisdictionKind,
    OrdinanceDetails,
    Person,
    Site,
    StoryDetails,
    build_site,
)
from hub_pages.doctypes import template_for
from hub_pages.planner import Planner
from hub_pages.reuse import PageReuse
from hub_toolkit.parts import toolkit_part
from hub_toolkit.toolkit import Publisher, toolkit_for
from tests.sitekit import ROOT, build, settings_file, write_site

TEMPLATES = ROOT / "theme" / "templates"
THEME_TEMPLATES = frozenset(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))
HOUSING = Issue("housing", "Housing", "Homes people can afford.", "<p>Housing.</p>", "issues/housing.md")
TRANSIT = Issue("transit", "Transit", "Buses.", "", "issues/transit.md")
DURHAM = Jurisdiction("durham-nc", "Durham", JurisdictionKind.CITY, "nc", None)
RALEIGH = Jurisdiction("raleigh-nc", "Raleigh", JurisdictionKind.CITY, "nc", None)


def doc(doc_type, slug, day=1, **fields) -> Document:
    values = {"title": slug.title(), "summary": f"About {slug}.", "body_html": f"<p>{slug}</p>",
              "source": f"content/{doc_type.folder}/{slug}.md", "date": dt.date(2025, 1, day),
              "issues": ("housing",), **fields}  # fmt: skip
    return Document(type=doc_type, slug=slug, **values)


FAIR_RENT = doc(
    ORDINANCE, "fair-rent", jurisdictions=("durham-nc",), aliases=("/old-fair-rent/",),
    details=OrdinanceDetails(adoptions=(Adoption("durham-nc", AdoptionStatus.ADOPTED),)),
)  # fmt: skip
STORY_DOC = doc(STORY, "first", 2, jurisdictions=("raleigh-nc",), details=StoryDetails())
NEWS_DOCS = tuple(doc(NEWS, f"news-{n}", 3 + n, jurisdictions=("durham-nc",)) for n in range(4))
ABOUT = doc(PAGE, "about", date=None, issues=())


def site_of(*documents: Document) -> Site:
    jurisdictions = [*state_jurisdictions(), DURHAM, RALEIGH]
    return build_site(DOC_TYPES, [HOUSING, TRANSIT], jurisdictions, documents)


SITE = site_of(FAIR_RENT, STORY_DOC, ABOUT, *NEWS_DOCS)


def plan(site: Site = SITE, **hub: object) -> dict[str, PageView]:
    planner = Planner(site, HubSettings.from_settings({"HUB": hub}), THEME_TEMPLATES, "content")
    views = list(planner.plan())
    by_path = {view.path: view for view in views}
    assert len(by_path) == len(views), "two views share a path"
    return by_path


# Planning ---------------------------------------------------------------------------------------------


def test_every_page_is_planned_once_with_its_kind_subject_and_template():
    views = plan(preview=2)
    kinds = {path: (view.kind, view.template) for path, view in views.items()}
    assert kinds["index.html"] == (Kind.HOME, "home")
    assert kinds["404.html"] == (Kind.NOT_FOUND, "404")
    assert kinds["ordinances/fair-rent/index.html"] == (Kind.DOCUMENT, "types/ordinance")
    assert kinds["stories/first/index.html"] == (Kind.DOCUMENT, "types/story")
    assert kinds["news/news-1/index.html"] == (Kind.DOCUMENT, "document")  # no template of its own
    assert kinds["about/index.html"] == (Kind.DOCUMENT, "page")
    assert kinds["old-fair-rent/index.html"] == (Kind.REDIRECT, "redirect")
    assert kinds["ordinances/by-adoptions/index.html"] == (Kind.RANKING, "listing")
    assert kinds["issues/housing/news/index.html"] == (Kind.SCOPED_LISTING, "scoped_listing")
    assert views["ordinances/fair-rent/index.html"].subject is FAIR_RENT
    assert views["old-fair-rent/index.html"].source == "ordinances/fair-rent.md (its 'aliases')"
    assert views["jurisdictions/durham-nc/index.html"].subject is DURHAM
    assert "stories/by-adoptions/index.html" not in views  # only adopted types are ranked


def test_a_page_declares_what_it_is_made_from():
    views = plan()
    page = views["ordinances/fair-rent/index.html"]
    assert page.inputs.bodies == (FAIR_RENT.url,)  # only its own page shows a document's body
    assert page.inputs.issues == ("housing",) and page.inputs.jurisdictions == ("durham-nc",)
    listing = views["news/index.html"]
    assert listing.inputs.bodies == () and set(listing.inputs.documents) == {d.url for d in NEWS_DOCS}


def test_listing_groups_are_computed_once_and_agree_with_the_scoped_listings():
    views = plan(preview=2, per_page=20)
    durham = views["jurisdictions/durham-nc/index.html"].values
    [ordinances, news] = durham.groups
    assert (ordinances.total, ordinances.all_url) == (1, None)
    assert (news.total, len(news.documents), news.all_url) == (4, 2, "jurisdictions/durham-nc/news/")
    scoped = views["jurisdictions/durham-nc/news/index.html"].values
    assert scoped.pager.items == NEWS_DOCS[::-1]  # every news item, newest first, on the "all" page
    assert "jurisdictions/durham-nc/ordinances/index.html" not in views  # shown whole: no "all" page
    housing = views["issues/housing/index.html"].values
    assert [g.total for g in housing.groups] == [1, 1, 4]  # ordinance, story, news (registry order)


def test_a_story_page_shows_its_people_with_their_jurisdictions():
    people = (Person("Ana", "Mayor", "raleigh-nc"), Person("Bo", "Resident"))
    story = dataclasses.replace(STORY_DOC, details=StoryDetails(people=people))
    values = plan(site_of(story))["stories/first/index.html"].values
    shown = [(p.name, place, page) for p, place, page in values.variables()["people"]]
    assert shown == [("Ana", RALEIGH, None), ("Bo", None, None)]  # plain names: no page of their own


def test_a_type_uses_its_own_template_only_when_the_theme_has_one():
    assert template_for(NEWS, {"types/news.html", "document.html"}) == "types/news"
    assert template_for(NEWS, {"document.html"}) == "document"
    assert template_for(PAGE, {"document.html"}) == "page"


# The hook and the views -------------------------------------------------------------------------------


def test_plugins_add_their_part_once_each_in_the_order_they_registered():
    context: dict[str, object] = {}
    parts = view_parts(context)
    assert view_parts(context) is parts and isinstance(parts, ViewParts)
    facets = Facets((("type", "news"),), ())
    parts.add("first", lambda v: dataclasses.replace(v, facets=facets, section="first"))
    parts.add("second", lambda v: dataclasses.replace(v, section=v.section + "+second"))
    parts.add("first", lambda v: dataclasses.replace(v, facets=facets, section="first"))  # again: kept once
    done = parts.complete(PageView(Kind.HOME, "index.html", "home"))
    assert (done.facets, done.section, list(parts)) == (facets, "first+second", ["first", "second"])


def test_a_view_gives_its_template_its_values_and_itself():
    view = plan()["issues/housing/index.html"]
    variables = view.variables()
    assert variables["issue"] is HOUSING and variables[VIEW] is view and variables["section"] == "issues"
    assert view.url == "issues/housing/"
    assert view_of({VIEW: view}) is view and view_of({"view": "not a view"}) is None and view_of(None) is None


def test_an_ordinance_page_view_gets_the_toolkit_and_history_this_build_made_and_no_other_view_does():
    kit = toolkit_for(FAIR_RENT, "---\ntitle: Fair-Rent\n---\n\nfair-rent\n", Publisher("Hub", ""), str, "en")
    history = unavailable([FAIR_RENT])
    context = {TOOLKITS_KEY: {FAIR_RENT.url: kit}, HISTORY_KEY: history}
    parts = ViewParts()
    parts.add("hub_toolkit", toolkit_part(context, str(ROOT / "theme")))
    parts.add("hub_history", history_part(context))
    views = {path: parts.complete(view) for path, view in plan().items()}
    page = views["ordinances/fair-rent/index.html"]
    assert page.toolkit is kit and page.history is history.of(FAIR_RENT)  # read from the build, not rebuilt
    assert page.history is not None and not page.history.available  # the page says history is not available
    others = [view for path, view in views.items() if path != page.path]
    assert all(v.toolkit is None and v.history is None for v in others)  # its redirect and listings too
    assert views["stories/first/index.html"].subject is STORY_DOC


def test_a_history_page_is_planned_as_a_view_of_its_document_when_history_is_available():
    found = document_history(FAIR_RENT, (), {}, b"---\ntitle: Fair-Rent\n---\n\nfair-rent\n")
    history = SiteHistory(available=True, shallow=False, documents={FAIR_RENT.url: found})
    [view] = history_views(SITE, history, "content")
    assert (view.kind, view.template, view.subject) == (Kind.HISTORY, "history", FAIR_RENT)
    assert view.path == "ordinances/fair-rent/history/index.html" and view.section == "ordinance"
    assert view.source == "ordinances/fair-rent.md"  # a clash of its path names the ordinance's file
    assert view.inputs.bodies == (FAIR_RENT.url,)  # page reuse digests a body with its history
    assert view.variables()["history"] is found and view.variables()["shallow"] is False
    assert Kind.HISTORY.in_sitemap and not Kind.HISTORY.is_collection
    assert list(history_views(SITE, unavailable([FAIR_RENT]), "content")) == []  # no git: no history page


# The fingerprint --------------------------------------------------------------------------------------


def fingerprints(site: Site, tmp_path: Path) -> dict[str, bytes]:
    context = {"PATH": str(tmp_path), "STATIC_PATHS": [], "SITENAME": "Hub"}
    reuse = PageReuse(context, str(ROOT / "theme"), None, tmp_path / "record.pickle", site)
    return {path: reuse.fingerprint(view) for path, view in plan(site).items()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_a_body_edit_changes_only_the_fingerprint_of_the_page_showing_the_body(tmp_path):
    before = fingerprints(SITE, tmp_path)
    assert fingerprints(SITE, tmp_path) == before  # every view is digested from its content, none by chance
    edited = dataclasses.replace(NEWS_DOCS[0], body_html="<p>New.</p>")
    after = fingerprints(site_of(FAIR_RENT, STORY_DOC, ABOUT, edited, *NEWS_DOCS[1:]), tmp_path)
    assert changed(before, after) == {"news/news-0/index.html"}


def test_a_retitled_document_changes_the_pages_that_show_it_and_no_others(tmp_path):
    before = fingerprints(SITE, tmp_path)
    retitled = dataclasses.replace(STORY_DOC, title="A New Title")
    after = fingerprints(site_of(FAIR_RENT, retitled, ABOUT, *NEWS_DOCS), tmp_path)
    touched = changed(before, after)
    for page in ["stories/first/index.html", "stories/index.html", "index.html", "issues/housing/index.html",
                 "issues/index.html", "jurisdictions/raleigh-nc/index.html"]:  # fmt: skip
        assert page in touched, page
    for page in ["news/index.html", "about/index.html", "jurisdictions/durham-nc/index.html",
                 "issues/transit/index.html", "404.html"]:  # fmt: skip
        assert page not in touched, page


# Templates print ---------------------------------------------------------------------------------------

LOOKUPS = {"site", "us_maps", "search_facets", "page_meta", "toolkit", "model_text", "hub_history"}
"""Globals through which a template could compute what a page shows instead of printing its view."""


def test_templates_print_their_values_and_look_nothing_up():
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    plugins = ROOT / "plugins" / "hub_toolkit" / "templates"  # a plugin's templates print views too
    for path in sorted([*TEMPLATES.rglob("*.html"), *plugins.rglob("*.html")]):
        used = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
        assert not used & LOOKUPS, f"{path.name} looks up {sorted(used & LOOKUPS)}"


NEWS_TEMPLATE = """{% extends "document.html" %}
{% block main %}<p class="news-only">Press contact: the hub.</p>{% endblock %}
"""


def test_a_theme_gives_a_type_its_own_page_by_adding_its_template(tmp_path):
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (theme / "templates" / "types" / "news.html").write_text(NEWS_TEMPLATE, encoding="utf-8")
    settings = settings_file(tmp_path)
    settings.write_text(settings.read_text() + f"THEME = {str(theme)!r}\n")
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    news = (tmp_path / "out" / "news" / "convening" / "index.html").read_text(encoding="utf-8")
    assert '<p class="news-only">Press contact: the hub.</p>' in news
    assert '<meta property="og:type" content="article">' in news  # the head is still the view's
    story = (tmp_path / "out" / "stories" / "hillsborough-first" / "index.html").read_text(encoding="utf-8")
    assert "news-only" not in story


CONTEXT_KEYS_PLUGIN = '''
"""Writes the names in Pelican's shared context once every generator has run (a test probe)."""
import os
from pathlib import Path

from pelican import signals


def dump(generators):
    Path(os.environ["CONTEXT_KEYS"]).write_text("\\n".join(sorted(generators[0].context)))


def register():
    signals.all_generators_finalized.connect(dump)
'''


def test_no_template_reads_a_context_entry_that_page_reuse_does_not_fingerprint(tmp_path, monkeypatch):
    """Page reuse fingerprints a page by its view, the settings and the layout's globals, and nothing else
    in Pelican's context: a template reading another entry (another plugin's data, the graph, a build
    handle) could show what changed while its page is copied from the last build unchanged."""
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "context_keys.py").write_text(CONTEXT_KEYS_PLUGIN)
    settings = settings_file(tmp_path)
    settings.write_text(
        settings.read_text() + f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(tmp_path / 'plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'context_keys']\n"
    )
    keys_file = tmp_path / "keys.txt"
    monkeypatch.setenv("CONTEXT_KEYS", str(keys_file))
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    keys = set(keys_file.read_text().split("\n"))
    unread = {k for k in keys if k not in page_settings({k: None for k in keys})}
    assert {SITE_KEY, TOOLKITS_KEY, HISTORY_KEY, "OUTPUT_PATH"} <= unread  # the probe saw the context
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    plugins = ROOT / "plugins" / "hub_toolkit" / "templates"
    for path in sorted([*TEMPLATES.rglob("*.*"), *plugins.rglob("*.html")]):
        used = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
        assert not used & unread, f"{path.name} reads {sorted(used & unread)}, which page reuse ignores"

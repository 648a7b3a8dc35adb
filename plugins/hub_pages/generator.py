"""The Pelican generator that plans every HTML page of the hub as a view, then renders them all.

Reads the `Site` graph from `hub_content` and the theme's templates. In the read phase
(`generate_context`) it plans each page as a `PageView` (planner.py) and claims its path in the build's
`OutputRegistry`; in `generate_output` it writes `theme/css/brand.css` and renders the views
(parallel.py), every file through the registry, each view completed first by the other plugins' parts
(`hub_core.views.ViewParts`: the head, the search facets, the map). Each language of the site
(`HUB_LANGUAGES`) is planned from the graph as that language shows it (editions.py) and rendered by a
Jinja environment speaking it, with the site's texts in that language.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from pelican.generators import Generator

from hub_content import site_from
from hub_core.context import PAGE_REUSE_KEY, PREVIEW_KEY, PUBLISHED_KEY, TODAY_KEY
from hub_core.outputs import outputs_of
from hub_core.settings import Contact, languages_of, settings_of
from hub_core.views import Kind, PageView, view_parts
from hub_i18n import language_environment
from hub_model import SITE_FEED_URL, Document, Site

from . import parallel, views
from .brand import Brand, brand_css
from .editions import edition, with_alternates
from .planner import Planner
from .reuse import PageReuse, record_file

BRAND_CSS = "theme/css/brand.css"
WRITER = "hub_pages"
# Cards rendered and kept for the next page that lists the same document. Measured at 10,000 documents,
# the build process looked up 107,127 cards, 31,408 of them distinct: keeping the last 16,384 used
# rendered only 4 more, and the build no longer holds every card (at 50,000 documents, about 80 MB).
CARDS_KEPT = 32_768


def chrome(
    site: Site,
    settings: Mapping[str, Any],
    rows: Mapping[str, tuple[views.AdoptionRow, ...]] | None = None,
    lang: str = "",
) -> dict[str, Any]:
    """The globals every page template needs (identity, navigation, footer, adoption summaries), for the
    pages in `lang` ("": the site's language; else `site` is that language's `edition()`).

    Other plugins that render pages with the site's layout (the search page, the history pages) install
    these too.
    """
    if rows is None:
        rows = {d.url: r for d in site.documents if (r := views.adoption_rows(site, d))}
    return {
        "brand": brand_in(settings, lang),
        "SITE_FEED_URL": SITE_FEED_URL,
        "hub_types": [t for t in site.types if t.listed],
        "footer_pages": [d for d in site.documents if not d.type.listed],
        "has_people": bool(site.network.people),
        "has_partners": bool(site.network.partners),
        "adoption_summaries": {url: views.adoption_summary(r) for url, r in rows.items()},
    }


def brand_in(settings: Mapping[str, Any], lang: str) -> Brand:
    """The site's identity with its texts in `lang`: a text not given in that language is left out."""
    brand = Brand.from_settings(settings)
    if not lang:
        return brand
    texts = next(t for t in settings_of(settings).languages if t.code == lang)
    return dataclasses.replace(
        brand, tagline=texts.tagline, footer_note=texts.footer_note, footer_links=texts.footer_links
    )


def description_in(settings: Mapping[str, Any], lang: str) -> str:
    """SITE_DESCRIPTION in `lang` (empty when not given in it)."""
    if not lang:
        return str(settings.get("SITE_DESCRIPTION", ""))
    return next(t.description for t in settings_of(settings).languages if t.code == lang)


class PageGenerator(Generator):
    """Plans every page once the graph exists, and renders them after every plugin has read the content."""

    def generate_context(self) -> None:
        site, settings = site_from(self.context)
        templates = frozenset(self.env.list_templates())
        self.languages = languages_of(self.settings)
        contact = Contact.from_settings(self.settings)
        self.planners = {
            lang: Planner(edition(site, lang), settings, templates, self.path, contact, lang, site)
            for lang in ("", *self.languages[1:])
        }
        self.planner = self.planners[""]
        parts, outputs = view_parts(self.context), outputs_of(self.context)
        self.parts = parts
        outputs.claim(BRAND_CSS, WRITER)
        planned = [view for planner in self.planners.values() for view in planner.plan()]
        self.views: list[PageView] = []
        for view in with_alternates(planned, self.languages):
            # Kept as planned: each is completed with the other plugins' parts as its page is written
            # (parallel.py), so the build never holds every page's head, map and toolkit at once.
            outputs.claim(view.path, WRITER, view.source, anywhere=view.kind is Kind.REDIRECT)
            self.views.append(view)

    def generate_output(self, writer: Any) -> None:
        site = self.planner.site
        self._cards: OrderedDict[tuple[str, str, str], Markup] = OrderedDict()
        outputs = outputs_of(self.context)
        # Every writer has claimed its files by now (in its generate_context): a page links a feed only
        # if one is claimed, so a language's pages link its feeds once hub_feeds writes them.
        self.env.globals.update(
            today=self.context[TODAY_KEY], feed_written=lambda url: outputs.owner(url) is not None
        )
        editions = {lang: self._edition(lang) for lang in self.planners}
        outputs_of(self.context).write(BRAND_CSS, brand_css(self.env.globals["brand"]), WRITER)
        pages = parallel.Pages(
            WRITER, self.get_template, self.context, Path(self.output_path), editions=editions
        )
        parallel.write_all(self.views, pages, self._reuse(site), self.parts.complete)
        self.pages = pages
        preview = self.settings.get(PREVIEW_KEY)
        if preview is not None:  # a devserver's build: it re-renders single pages from this generator
            preview.pages = self
        else:  # every page is written: the check that reads them back gets the memory
            self.views, self._cards = [], OrderedDict()

    def _edition(self, lang: str) -> parallel.Edition:
        """How the pages in `lang` are rendered: the environment speaking it, with its site-wide values."""
        planner = self.planners[lang]
        env = self.env if not lang else language_environment(self.env, self.theme, lang)
        env.globals.update(chrome(planner.site, self.settings, planner.rows, lang))
        env.globals["card_for"] = self._card_maker(env, lang)
        values = {"SITE_DESCRIPTION": description_in(self.settings, lang)}
        return parallel.Edition(lambda name: self._template(env, name), values)

    def _template(self, env: Environment, name: str) -> Any:
        return self.get_template(name) if env is self.env else env.get_template(name + ".html")

    def _reuse(self, site: Site) -> PageReuse | None:
        """With the cache on: what the last build into the same output left (none yet: a first build)."""
        published = self.settings.get(PUBLISHED_KEY)  # set by hub_build, which builds beside it
        if not self.planner.settings.cache or not published:
            return None
        record = record_file(Path(self.settings["CACHE_PATH"]), Path(published))
        previous = Path(published) if Path(published).is_dir() else None
        reuse = self.context[PAGE_REUSE_KEY] = PageReuse(self.context, self.theme, previous, record, site)
        return reuse

    def _card_maker(self, env: Environment, lang: str) -> Any:
        description = description_in(self.settings, lang)

        def card(doc: Document, heading: str = "h3") -> Markup:
            """A document's card, rendered once per language and heading level and reused on every page
            listing it; the CARDS_KEPT last used are kept."""
            key = (lang, doc.url, heading)
            found = self._cards.get(key)
            if found is None:
                template = self._template(env, "_card")
                local = {**self.context, "SITE_DESCRIPTION": description, "doc": doc, "heading": heading}
                found = self._cards[key] = Markup(template.render(local))
                if len(self._cards) > CARDS_KEPT:
                    self._cards.popitem(last=False)
            else:
                self._cards.move_to_end(key)
            return found

        return card

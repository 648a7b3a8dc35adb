"""The Pelican generator that plans every HTML page of the hub as a view, then renders them all.

Reads the `Site` graph from `hub_content` and the theme's templates. In the read phase
(`generate_context`) it plans each page as a `PageView` (planner.py), lets the other plugins add their
part to it (`hub_core.views.ViewParts`: the head, the search facets, the map) and claims its path in the
build's `OutputRegistry`; in `generate_output` it writes `theme/css/brand.css` and renders the views
(parallel.py), every file through the registry.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from hub_content import site_from
from hub_core.context import PUBLISHED_KEY, TODAY_KEY
from hub_core.outputs import outputs_of
from hub_core.settings import Contact
from hub_core.views import Kind, PageView, view_parts
from hub_model import SITE_FEED_URL, Document, Site

from . import parallel, views
from .brand import Brand, brand_css
from .planner import Planner
from .reuse import PageReuse, record_file

BRAND_CSS = "theme/css/brand.css"
WRITER = "hub_pages"


def chrome(
    site: Site, settings: Mapping[str, Any], rows: Mapping[str, tuple[views.AdoptionRow, ...]] | None = None
) -> dict[str, Any]:
    """The globals every page template needs (identity, navigation, footer, adoption summaries).

    Other plugins that render pages with the site's layout (the search page, the history pages) install
    these too.
    """
    if rows is None:
        rows = {d.url: r for d in site.documents if (r := views.adoption_rows(site, d))}
    return {
        "brand": Brand.from_settings(settings),
        "SITE_FEED_URL": SITE_FEED_URL,
        "hub_types": [t for t in site.types if t.listed],
        "footer_pages": [d for d in site.documents if not d.type.listed],
        "adoption_summaries": {url: views.adoption_summary(r) for url, r in rows.items()},
    }


class PageGenerator(Generator):
    """Plans every page once the graph exists, and renders them after every plugin has read the content."""

    def generate_context(self) -> None:
        site, settings = site_from(self.context)
        templates = frozenset(self.env.list_templates())
        self.planner = Planner(site, settings, templates, self.path, Contact.from_settings(self.settings))
        parts, outputs = view_parts(self.context), outputs_of(self.context)
        self.views: list[PageView] = []
        outputs.claim(BRAND_CSS, WRITER)
        for planned in self.planner.plan():
            view = parts.complete(planned)
            outputs.claim(view.path, WRITER, view.source, anywhere=view.kind is Kind.REDIRECT)
            self.views.append(view)

    def generate_output(self, writer: Any) -> None:
        site = self.planner.site
        self.env.globals.update(chrome(site, self.settings, self.planner.rows), today=self.context[TODAY_KEY])
        self._cards: dict[tuple[str, str], Markup] = {}
        self.env.globals["card_for"] = self._card
        outputs_of(self.context).write(BRAND_CSS, brand_css(self.env.globals["brand"]), WRITER)
        pages = parallel.Pages(WRITER, self.get_template, self.context, Path(self.output_path))
        parallel.write_all(self.views, pages, self._reuse(site))

    def _reuse(self, site: Site) -> PageReuse | None:
        """With the cache on: what the last build into the same output left (none yet: a first build)."""
        published = self.settings.get(PUBLISHED_KEY)  # set by hub_build, which builds beside it
        if not self.planner.settings.cache or not published:
            return None
        record = record_file(Path(self.settings["CACHE_PATH"]), Path(published))
        previous = Path(published) if Path(published).is_dir() else None
        return PageReuse(self.context, self.theme, previous, record, site)

    def _card(self, doc: Document, heading: str = "h3") -> Markup:
        """A document's card, rendered once per heading level and reused on every page listing it."""
        key = (doc.url, heading)
        if key not in self._cards:
            template = self.get_template("_card")
            self._cards[key] = Markup(template.render({**self.context, "doc": doc, "heading": heading}))
        return self._cards[key]

"""The Pelican generator that writes every HTML page of the hub from the content graph.

Reads the `Site` graph from `hub_content` and the theme's templates; writes the home page, one page per
document, paginated listings per type (and of ordinances by adoption count), the issue and jurisdiction
pages with their per-type listings, and 404.html, all through Pelican's writer (which refuses two pages
at one path and sends `content_written`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from hub_content import site_from
from hub_content.loader import alias_file
from hub_core.context import PUBLISHED_KEY, TODAY_KEY
from hub_core.outputs import outputs_of
from hub_model import N_, SITE_FEED_URL, DocType, Document, Jurisdiction, OrdinanceDetails, Site

from . import parallel, views
from .brand import Brand, brand_css
from .reuse import PageReuse, record_file

BRAND_CSS = "theme/css/brand.css"

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


def chrome(
    site: Site, settings: Mapping[str, Any], rows: dict[str, tuple[views.AdoptionRow, ...]] | None = None
) -> dict[str, Any]:
    """The globals every page template needs (identity, navigation, footer, dates, adoption summaries).

    Other plugins that render pages with the site's layout (the search page) install these too.
    """
    if rows is None:
        rows = {d.url: views.adoption_rows(site, d) for d in site.documents if _is_ordinance(d)}
    return {
        "site": site,
        "brand": Brand.from_settings(settings),
        "SITE_FEED_URL": SITE_FEED_URL,
        "month_names": MONTHS,
        "hub_types": [t for t in site.types if t.listed],
        "footer_pages": [d for d in site.documents if not d.type.listed],
        "adoption_summaries": {url: views.adoption_summary(r) for url, r in rows.items()},
    }


class PageGenerator(Generator):
    """Writes every page; runs after ContentGenerator has put the graph into the context."""

    def generate_output(self, writer: Any) -> None:
        site, settings = site_from(self.context)
        self.settings_ = settings
        rows = {d.url: views.adoption_rows(site, d) for d in site.documents if _is_ordinance(d)}
        self.rows = rows
        self.env.globals.update(chrome(site, self.settings, rows), today=self.context[TODAY_KEY])
        self._cards: dict[tuple[str, str], Markup] = {}
        self.env.globals["card_for"] = self._card
        self._write_brand_css(self.env.globals["brand"])
        self._jobs: list[parallel.Job] = []
        self._write(
            "index.html",
            "home",
            section="home",
            recent=[d for d in site.documents if d.type.dated][: settings.home_recent],
        )
        for doc in site.documents:
            self._document(site, doc, rows.get(doc.url, ()))
            for alias in doc.aliases:
                self._write(alias_file(alias), "redirect", doc=doc, redirect_to=doc.url)
        for doc_type in site.types:
            if doc_type.listed:
                documents = site.documents_of(doc_type)
                counts = views.issue_counts(site, documents)
                self._listing(
                    documents, doc_type.listing_url, "listing", doc_type=doc_type, issue_counts=counts
                )
        self._ordinances_by_adoption(site)
        self._issues(site)
        self._jurisdictions(site)
        self._write("404.html", "404")
        output = Path(self.output_path)
        parallel.write_all(self._jobs, writer, self.get_template, self.context, output, self._reuse(site))

    def _reuse(self, site: Site) -> PageReuse | None:
        """With the cache on: what the last build into the same output left (none yet: a first build)."""
        published = self.settings.get(PUBLISHED_KEY)  # set by hub_build, which builds beside it
        if not self.settings_.cache or not published:
            return None
        record = record_file(Path(self.settings["CACHE_PATH"]), Path(published))
        previous = Path(published) if Path(published).is_dir() else None
        return PageReuse(self.context, self.theme, previous, record, site)

    def _write_brand_css(self, brand: Brand) -> None:
        outputs_of(self.context).claim(BRAND_CSS, "hub_pages")
        path = Path(self.output_path) / BRAND_CSS
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(brand_css(brand), encoding="utf-8")

    def _card(self, doc: Document, heading: str = "h3") -> Markup:
        """A document's card, rendered once per heading level and reused on every page listing it."""
        key = (doc.url, heading)
        if key not in self._cards:
            template = self.get_template("_card")
            self._cards[key] = Markup(template.render({**self.context, "doc": doc, "heading": heading}))
        return self._cards[key]

    def _write(self, name: str, template: str, **values: Any) -> None:
        """Claim a page's path now, then queue it: all are written at the end, on every core (parallel.py),
        or copied from the last build, so every page is claimed here, in this process, before any is."""
        doc, redirect = values.get("doc"), "redirect_to" in values
        source = os.path.relpath(doc.source, self.path) if isinstance(doc, Document) else None
        source = f"{source} (its 'aliases')" if redirect else source
        outputs_of(self.context).claim(name, "hub_pages", source, anywhere=redirect)
        self._jobs.append(parallel.Job(name, template, values))

    def _listing(self, documents: Sequence[Document], base_url: str, template: str, **values: Any) -> None:
        for pager in views.paginate(documents, self.settings_.per_page, base_url):
            self._write(pager.url + "index.html", template, pager=pager, **values)

    def _document(self, site: Site, doc: Document, rows: tuple[views.AdoptionRow, ...]) -> None:
        self._write(
            doc.url + "index.html",
            "page" if not doc.type.listed else "document",
            doc=doc,
            section=doc.type.name,
            issues=views.issues_of(site, doc),
            jurisdictions=views.jurisdictions_of(site, doc),
            adoptions_by_state=views.by_state(rows),
            adoption_summary=views.adoption_summary(rows),
            related=site.related_to(doc),
            video=views.video_embed(getattr(doc.details, "video", None)),
        )

    def _ordinances_by_adoption(self, site: Site) -> None:
        ordinance = next(t for t in site.types if t.details is OrdinanceDetails)
        ranked = views.adoption_ranking(site, site.documents_of(ordinance))
        counts = views.issue_counts(site, ranked)
        self._listing(
            ranked,
            f"{ordinance.url_prefix}/by-adoptions/",
            "listing",
            doc_type=ordinance,
            by_adoptions=True,
            issue_counts=counts,
        )

    def _issues(self, site: Site) -> None:
        preview = self.settings_.preview
        self._write(
            "issues/index.html",
            "issues",
            section="issues",
            issue_groups={s: views.groups(site, site.documents_on(i)) for s, i in site.issues.items()},
        )
        for issue in site.issues.values():
            documents = site.documents_on(issue)
            self._write(
                issue.url + "index.html",
                "issue",
                section="issues",
                issue=issue,
                groups=views.groups(site, documents, preview, issue.url),
                places=views.places(site, documents),
                related_issues=site.related_issues(issue),
            )
            for group in views.groups(site, documents):
                self._scoped_listing(group.documents, group.type, issue.url, issue=issue)

    def _scoped_listing(
        self, documents: Sequence[Document], doc_type: DocType, base: str, **scope: Any
    ) -> None:
        """`/issues/<slug>/<folder>/` or `/jurisdictions/<slug>/<folder>/`: one type, paginated."""
        self._listing(documents, f"{base}{doc_type.folder}/", "scoped_listing", doc_type=doc_type, **scope)

    def _jurisdictions(self, site: Site) -> None:
        with_pages = site.jurisdictions_with_pages
        states = [j for j in with_pages if j.is_state]
        by_state = {s.slug: [j for j in with_pages if j.state == s.slug and not j.is_state] for s in states}
        self._write(
            "jurisdictions/index.html",
            "jurisdictions",
            section="jurisdictions",
            states=states,
            by_state=by_state,
        )
        shown = {j.slug for j in with_pages}
        for jurisdiction in with_pages:
            self._jurisdiction(site, jurisdiction, shown)

    def _jurisdiction(self, site: Site, jurisdiction: Jurisdiction, shown: set[str]) -> None:
        documents = site.documents_in(jurisdiction)
        preview = self.settings_.preview
        ancestors = site.ancestors(jurisdiction)
        self._write(
            jurisdiction.url + "index.html",
            "jurisdiction",
            section="jurisdictions",
            jurisdiction=jurisdiction,
            ancestors=ancestors,
            trail=[(a.name, a.url) for a in ancestors],
            children=[c for c in site.children.get(jurisdiction.slug, ()) if c.slug in shown],
            groups=views.groups(site, documents, preview, jurisdiction.url),
            adoptions_by_state=views.by_state(views.adoptions_in(site, jurisdiction, self.rows)),
            active_issues=views.active_issues(site, documents),
        )
        for group in views.groups(site, documents, preview, jurisdiction.url):
            if group.all_url:
                of_type = [d for d in documents if d.type is group.type]
                self._scoped_listing(
                    of_type,
                    group.type,
                    jurisdiction.url,
                    jurisdiction=jurisdiction,
                    trail=[(a.name, a.url) for a in ancestors],
                )


def _is_ordinance(doc: Document) -> bool:
    return isinstance(doc.details, OrdinanceDetails)

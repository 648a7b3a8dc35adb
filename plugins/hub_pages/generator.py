"""The Pelican generator that writes every HTML page of the hub from the content graph.

Reads the `Site` graph from `hub_content` and the theme's templates; writes the home page, one page per
document, paginated listings per type, the issue and jurisdiction pages and 404.html, all through
Pelican's writer (which refuses two pages at one path and sends `content_written`).
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_model import N_, Document, Site

from . import views

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
    N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip


class PageGenerator(Generator):
    """Writes every page; runs after ContentGenerator has put the graph into the context."""

    def generate_output(self, writer: Any) -> None:
        site, settings = site_from(self.context)
        self.env.globals.update(
            site=site,
            month_names=MONTHS,
            hub_types=[t for t in site.types if t.listed],
            footer_pages=[d for d in site.documents if not d.type.listed],
        )
        self._write = lambda name, template, **values: writer.write_file(
            name, self.get_template(template), self.context, **values
        )
        self._home(site, settings.home_recent)
        for doc in site.documents:
            self._document(site, doc)
        for doc_type in site.types:
            if doc_type.listed:
                for pager in views.paginate(
                    site.documents_of(doc_type), settings.per_page, doc_type.listing_url
                ):
                    self._write(pager.url + "index.html", "listing", doc_type=doc_type, pager=pager)
        self._issues(site)
        self._jurisdictions(site)
        self._write("404.html", "404")

    def _home(self, site: Site, recent: int) -> None:
        dated = [d for d in site.documents if d.type.dated]
        self._write("index.html", "home", recent=dated[:recent], issue_counts=self._issue_counts(site))

    def _document(self, site: Site, doc: Document) -> None:
        rows = views.adoption_rows(site, doc) if doc.type.name == "ordinance" else ()
        self._write(
            doc.url + "index.html",
            doc.type.name if doc.type.name == "page" else "document",
            doc=doc,
            issues=views.issues_of(site, doc),
            jurisdictions=views.jurisdictions_of(site, doc),
            adoptions=rows,
            adoption_counts=views.adoption_counts(rows),
        )

    def _issue_counts(self, site: Site) -> dict[str, tuple[views.Group, ...]]:
        return {slug: views.groups(site, site.documents_on(issue)) for slug, issue in site.issues.items()}

    def _issues(self, site: Site) -> None:
        counts = self._issue_counts(site)
        self._write("issues/index.html", "issues", issue_counts=counts)
        for slug, issue in site.issues.items():
            self._write(issue.url + "index.html", "issue", issue=issue, groups=counts[slug])

    def _jurisdictions(self, site: Site) -> None:
        with_pages = site.jurisdictions_with_pages
        states = [j for j in with_pages if j.is_state]
        by_state = {s.slug: [j for j in with_pages if j.state == s.slug and not j.is_state] for s in states}
        self._write("jurisdictions/index.html", "jurisdictions", states=states, by_state=by_state)
        shown = {j.slug for j in with_pages}
        for jurisdiction in with_pages:
            ancestors = site.ancestors(jurisdiction)
            self._write(
                jurisdiction.url + "index.html",
                "jurisdiction",
                jurisdiction=jurisdiction,
                ancestors=ancestors,
                trail=[(a.name, a.url) for a in ancestors],
                children=[c for c in site.children.get(jurisdiction.slug, ()) if c.slug in shown],
                groups=views.groups(site, site.documents_in(jurisdiction)),
                adoptions=views.adoptions_in(site, jurisdiction),
            )

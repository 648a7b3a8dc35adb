"""Plan every page of the hub as a `PageView`, from the content graph, before any page is rendered.

Reads the `Site` graph, the HUB and HUB_CONTACT settings and the names of the theme's templates; writes
nothing. The
pages: the home page, one per document (and one redirect per old address), each listed type's listing
(and, for types whose documents are adopted, by adoption count), each model's comparison with the
adoptions that code its provisions, /issues/ and each issue with its
per-type listings, /jurisdictions/ and each jurisdiction with its per-type listings, and 404.html.
Each view names what it is made from (`Inputs`), so its fingerprint (reuse.py) follows it.

A planner for another language (`lang`, with the graph as that language shows it: editions.py) plans the
same pages under `<lang>/`, but only the documents translated into it: the comparisons, redirects and
404 page exist in the site's language alone.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from hub_content import HubSettings
from hub_content.addresses import alias_file
from hub_content.provisions import model_sections
from hub_core.settings import Contact
from hub_core.views import Inputs, Kind, PageView
from hub_model import DocType, Document, Issue, Jurisdiction, OrdinanceDetails, Site, named_jurisdictions

from . import doctypes, network, views
from .pages import (
    ComparisonRow,
    ComparisonValues,
    DocumentValues,
    Follow,
    HomeValues,
    IssuesValues,
    IssueValues,
    JurisdictionsValues,
    JurisdictionValues,
    ListingValues,
    RedirectValues,
    ScopedListingValues,
    Trail,
)

HOME, NOT_FOUND, ISSUES, JURISDICTIONS = (
    "index.html",
    "404.html",
    "issues/index.html",
    "jurisdictions/index.html",
)
COMPARISON_TEMPLATE = "comparison"


def _urls(documents: Collection[Document]) -> tuple[str, ...]:
    return tuple(d.url for d in documents)


@dataclass(frozen=True)
class Planner:
    site: Site
    settings: HubSettings
    templates: Collection[str]
    """The theme's template names (`document.html`, `types/ordinance.html`...)."""
    content: str
    """The content folder, to name a page's source relative to it."""
    contact: Contact = field(default_factory=Contact)
    """HUB_CONTACT: the channels, and the page that lists them."""
    lang: str = ""
    """The language planned: "" for the site's own, else a code of HUB_LANGUAGES (pages under `<lang>/`)."""
    original: Site | None = None
    """For another language: the graph in the site's language (`site` is the language's edition)."""

    @property
    def prefix(self) -> str:
        return f"{self.lang}/" if self.lang else ""

    @cached_property
    def rows(self) -> Mapping[str, tuple[views.AdoptionRow, ...]]:
        """Every adopted document's adoption rows, by URL, computed once per build."""
        return {d.url: r for d in self.site.documents if (r := views.adoption_rows(self.site, d))}

    def plan(self) -> Iterator[PageView]:
        for view in self._plan():
            yield dataclasses.replace(view, lang=self.lang) if self.lang else view

    def _plan(self) -> Iterator[PageView]:
        site = self.site
        recent = tuple(d for d in site.documents if d.type.dated)[: self.settings.home_recent]
        yield PageView(
            Kind.HOME, self.prefix + HOME, "home", None, HomeValues(recent, tuple(site.issues.values())),
            Inputs(_urls(recent), issues=tuple(site.issues), templates=("home",),
                   settings=("HUB.home_recent",)),
            section="home",
        )  # fmt: skip
        for doc in site.documents:
            if doc.lang != self.lang:
                continue  # not translated: the page in the site's language stands for it
            yield self.document(doc)
            if not self.lang:
                yield from self.comparison(doc)
                yield from self.redirects(doc)
        listed = [t for t in site.types if t.listed]
        for doc_type in (t for t in listed if not t.own_listing):  # events: hub_events plans theirs
            yield from self.listing(doc_type, site.documents_of(doc_type))
        for doc_type in filter(doctypes.ranked, listed):
            ranked = views.adoption_ranking(site, site.documents_of(doc_type))
            yield from self.listing(doc_type, ranked, by_adoptions=True)
        yield from self.issues()
        yield from self.jurisdictions()
        yield from network.people_pages(site, self.prefix)
        yield from network.partner_pages(site, self.prefix)
        if not self.lang:
            yield PageView(Kind.NOT_FOUND, NOT_FOUND, "404", inputs=Inputs(templates=("404",)))

    def _source(self, doc: Document) -> str:
        return os.path.relpath(doc.source, self.content)

    def document(self, doc: Document) -> PageView:
        site = self.site
        rows = self.rows.get(doc.url, ())
        template = doctypes.template_for(doc.type, self.templates)
        values = DocumentValues(
            doc,
            views.issues_of(site, doc),
            views.jurisdictions_of(site, doc),
            site.related_to(doc),
            doctypes.page_values(site, doc, rows, self.contact),
            network.people_named(site, doc.authors),
        )
        inputs = Inputs(
            (doc.url, *_urls(values.related)),
            bodies=(doc.url,),
            issues=doc.issues,
            jurisdictions=named_jurisdictions(doc),
            templates=(template,),
            settings=("HUB_CONTACT",) if doctypes.shows_contact(doc, self.contact) else (),
        )
        return PageView(
            Kind.DOCUMENT, doc.url + "index.html", template, doc, values, inputs,
            section=doc.type.name, source=self._source(doc),
        )  # fmt: skip

    def comparison(self, doc: Document) -> Iterator[PageView]:
        """`<model>/compare/`: places down, the model's sections across, each cell the coded status."""
        url, details = doctypes.comparison_url(doc), doc.details
        if url is None or not isinstance(details, OrdinanceDetails):
            return
        rows = views.newest_first(self.rows.get(doc.url, ()))
        sections = model_sections(doc.body_html)  # as hub_content checked the coded anchors against
        coded = tuple(
            ComparisonRow(r, tuple((s, dict(r.adoption.provisions).get(s.anchor)) for s in sections))
            for r in rows
        )
        # The section titles come from the body: the page is remade when the body changes.
        inputs = Inputs(
            (doc.url,),
            bodies=(doc.url,),
            jurisdictions=named_jurisdictions(doc),
            templates=(COMPARISON_TEMPLATE,),
        )
        yield PageView(
            Kind.COMPARISON, url + "index.html", COMPARISON_TEMPLATE, doc,
            ComparisonValues(doc, sections, coded), inputs,
            section=doc.type.name, source=self._source(doc),
        )  # fmt: skip

    def redirects(self, doc: Document) -> Iterator[PageView]:
        for alias in doc.aliases:
            yield PageView(
                Kind.REDIRECT, alias_file(alias), "redirect", doc, RedirectValues(doc, doc.url),
                Inputs((doc.url,), templates=("redirect",)), source=f"{self._source(doc)} (its 'aliases')",
            )  # fmt: skip

    def follow(self, feed_url: str, calendar_url: str | None = None) -> Follow:
        """The Follow block of a page whose feed in the site's language is `feed_url` (and whose events'
        calendar, in the site's language only, is `calendar_url`)."""
        feeds = (self.prefix + feed_url, feed_url) if self.prefix else (feed_url,)
        return Follow(feeds, calendar_url)

    def listing(
        self, doc_type: DocType, documents: Sequence[Document], by_adoptions: bool = False
    ) -> Iterator[PageView]:
        counts = views.issue_counts(self.site, documents)
        base = self.prefix + doc_type.listing_url + ("by-adoptions/" if by_adoptions else "")
        kind = Kind.RANKING if by_adoptions else Kind.LISTING
        urls = _urls(documents)  # once: every page of the listing counts every document
        for pager in views.paginate(documents, self.settings.per_page, base):
            values = ListingValues(
                doc_type,
                pager,
                counts,
                by_adoptions,
                doctypes.ranked(doc_type),
                self.follow(doc_type.feed_url),
            )
            inputs = Inputs(
                urls, issues=tuple(i.slug for i, _ in counts), templates=("listing",),
                settings=("HUB.per_page",),
            )  # fmt: skip
            yield PageView(
                kind, pager.url + "index.html", "listing", doc_type, values, inputs,
                number=pager.number,  # no section: the listings never marked their entry current
            )  # fmt: skip

    def scoped(
        self, group: views.Group, scope: Issue | Jurisdiction, trail: Trail = ()
    ) -> Iterator[PageView]:
        """`/issues/<slug>/<folder>/` or `/jurisdictions/<slug>/<folder>/`: one type, paginated."""
        base = f"{scope.url}{group.type.folder}/"
        issue = scope if isinstance(scope, Issue) else None
        jurisdiction = scope if isinstance(scope, Jurisdiction) else None
        for pager in views.paginate(group.documents, self.settings.per_page, base):
            inputs = Inputs(
                _urls(pager.items),
                issues=(issue.slug,) if issue else (),
                jurisdictions=(jurisdiction.slug,) if jurisdiction else (),
                templates=("scoped_listing",),
                settings=("HUB.per_page",),
            )
            yield PageView(
                Kind.SCOPED_LISTING, pager.url + "index.html", "scoped_listing", group.type,
                ScopedListingValues(group.type, pager, issue, jurisdiction, trail),
                inputs, scope=scope, number=pager.number,
            )  # fmt: skip

    def issues(self, only: Collection[str] | None = None) -> Iterator[PageView]:
        """/issues/ and, for each issue (or those in `only`), its page and per-type listings."""
        site = self.site
        full = {slug: views.groups(site, site.documents_on(i)) for slug, i in site.issues.items()}
        yield PageView(
            Kind.ISSUES, self.prefix + ISSUES, "issues", None,
            IssuesValues(tuple((i, full[slug]) for slug, i in site.issues.items())),
            Inputs(_urls(site.documents), issues=tuple(site.issues), templates=("issues",)),
            section="issues",
        )  # fmt: skip
        for slug, issue in site.issues.items():
            if only is not None and slug not in only:
                continue
            documents = site.documents_on(issue)
            values = IssueValues(
                issue,
                views.previews(full[slug], self.settings.preview, issue.url),
                views.places(site, documents),
                site.related_issues(issue),
                views.issue_preemptions(site, issue),
                self._introduction(slug),
                site.network.person(issue.contact.person) if issue.contact else None,
                self.follow(
                    issue.feed_url.removeprefix(self.prefix),
                    f"issues/{issue.slug}/calendar.ics" if site.events_on(issue) else None,
                ),
            )
            inputs = Inputs(
                _urls(documents),
                issues=(slug, *(i.slug for i in values.related_issues)),
                jurisdictions=tuple(j.slug for p in values.places for j in (p.state, *p.jurisdictions))
                + tuple(r.state.slug for r in values.preemptions),
                templates=("issue",),
                settings=("HUB.preview",),
            )
            yield PageView(
                Kind.ISSUE, issue.url + "index.html", "issue", issue, values, inputs, section="issues",
                source=issue.source,
            )  # fmt: skip
            for group in full[slug]:
                yield from self.scoped(group, issue)

    def _introduction(self, slug: str) -> str | None:
        """The issue's page in the site's language, when this language's page leaves out its introduction."""
        if self.original is None or not self.lang:
            return None
        original = self.original.issues[slug]
        return original.url if original.body_html else None

    def jurisdictions(self, only: Collection[str] | None = None) -> Iterator[PageView]:
        """/jurisdictions/ and, for each place with a page (or those in `only`), its pages."""
        with_pages = self.site.jurisdictions_with_pages
        states = tuple(
            (s, tuple(j for j in with_pages if j.state == s.slug and not j.is_state))
            for s in with_pages
            if s.is_state
        )
        yield PageView(
            Kind.JURISDICTIONS, self.prefix + JURISDICTIONS, "jurisdictions", None,
            JurisdictionsValues(states),
            Inputs(_urls(self.site.documents), jurisdictions=tuple(j.slug for j in with_pages),
                   templates=("jurisdictions",)),
            section="jurisdictions",
        )  # fmt: skip
        shown = {j.slug for j in with_pages}
        for jurisdiction in with_pages:
            if only is None or jurisdiction.slug in only:
                yield from self.jurisdiction(jurisdiction, shown)

    def jurisdiction(self, jurisdiction: Jurisdiction, shown: set[str]) -> Iterator[PageView]:
        site = self.site
        documents = site.documents_in(jurisdiction)
        ancestors = site.ancestors(jurisdiction)
        trail = tuple((a.name, a.url) for a in ancestors)
        full = views.groups(site, documents)
        values = JurisdictionValues(
            jurisdiction,
            ancestors,
            trail,
            tuple(c for c in site.children.get(jurisdiction.slug, ()) if c.slug in shown),
            views.previews(full, self.settings.preview, jurisdiction.url),
            views.by_state(views.adoptions_in(site, jurisdiction, self.rows)),
            views.active_issues(site, documents),
            views.preemption_rows(site, site.preemptions_in(jurisdiction.slug)),
            site.network.people_in.get(jurisdiction.slug, ()),
            self.follow(jurisdiction.feed_url.removeprefix(self.prefix)),
        )
        inputs = Inputs(
            _urls(documents),
            issues=tuple(i.slug for i, _ in values.active_issues)
            + tuple(i.slug for r in values.preemptions for i in r.issues),
            jurisdictions=(
                jurisdiction.slug,
                *(a.slug for a in ancestors),
                *(c.slug for c in values.children),
            ),
            templates=("jurisdiction",),
            settings=("HUB.preview",),
        )
        yield PageView(
            Kind.JURISDICTION, jurisdiction.url + "index.html", "jurisdiction", jurisdiction, values, inputs,
            section="jurisdictions",
        )  # fmt: skip
        for group, cut in zip(full, values.groups, strict=True):
            if cut.all_url:
                yield from self.scoped(group, jurisdiction, trail)

"""What a page's <head> tells the sites it is shared on and the machines that read it.

Reads the values the page is rendered with (what hub_pages and hub_search pass to Pelican's writer:
`output_file` always; `doc`, `issue`, `jurisdiction`, `doc_type`, `pager`, `by_adoptions` where the page
has them), the `Site` graph and `SiteInfo`; writes nothing. `page_from()` says what a page is; `head()`
gives the frozen `PageMeta` that theme/templates/_meta.html prints: the canonical address, Open Graph and
Twitter card values and the JSON-LD text.

- Titles are the page's heading without the site name (og:site_name carries that), in the site's
  language; descriptions follow base.html's <meta name="description">: the document's or issue's summary,
  else SITE_DESCRIPTION.
- The image is the document's `image` (with `image_alt`), else the HUB `share_image`; with no image at all
  the Twitter card is `summary` instead of `summary_large_image`.
- The 404 page is served at every missing address, so it has no canonical address, og:url or JSON-LD.
- Addresses are absolute only when SITEURL is (see identity.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from hub_model import N_, DocType, Document, Issue, Jurisdiction, Site

from . import structured
from .identity import SiteInfo, og_locale, share_image
from .structured import Translate, untranslated

HOME_FILE = "index.html"
NOT_FOUND_FILE = "404.html"
SEARCH_FILE = "search/index.html"
INDEX_PAGES = {"issues/index.html": N_("Issues"), "jurisdictions/index.html": N_("Jurisdictions")}
SEARCH_TITLE = N_("Search")
NOT_FOUND_TITLE = N_("Page not found")


class Kind(Enum):
    HOME = "home"
    DOCUMENT = "document"
    COLLECTION = "collection"
    """Listings, issue and jurisdiction pages, and the index of each."""
    PAGE = "page"
    """Any other page (the search page)."""
    NOT_FOUND = "not-found"


@dataclass(frozen=True)
class Page:
    path: str
    """The output file, like `ordinances/x/index.html`."""
    kind: Kind
    title: str
    description: str
    document: Document | None = None
    about: Issue | Jurisdiction | None = None


@dataclass(frozen=True)
class PageMeta:
    canonical: str | None
    """The page's own address, also og:url; None on the 404 page."""
    title: str
    description: str
    site_name: str
    locale: str
    og_type: str
    image: str | None
    image_alt: str | None
    twitter_card: str
    published: str | None
    """article:published_time, for dated documents."""
    modified: str | None
    structured_data: str | None
    """JSON-LD, already safe to print inside <script type="application/ld+json">."""


def page_url(path: str) -> str:
    """`ordinances/x/index.html` -> `ordinances/x/`; `index.html` -> `` (the home page)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def listing_title(
    doc_type: DocType, values: Mapping[str, Any], translate: Translate = untranslated
) -> tuple[str, Issue | Jurisdiction | None]:
    """A listing's heading (as the listing templates word it) and what it is scoped to."""
    things = translate(doc_type.plural)
    issue, jurisdiction = values.get("issue"), values.get("jurisdiction")
    about: Issue | Jurisdiction | None = None
    if isinstance(issue, Issue):
        title, about = translate("%(things)s on %(issue)s") % {"things": things, "issue": issue.title}, issue
    elif isinstance(jurisdiction, Jurisdiction):
        title = translate("%(things)s naming %(place)s") % {"things": things, "place": jurisdiction.name}
        about = jurisdiction
    elif values.get("by_adoptions"):
        title = translate("%(things)s by adoption count") % {"things": things}
    else:
        title = things
    pager = values.get("pager")
    number = getattr(pager, "number", 1)
    if number > 1:
        title += " · " + translate("page %(number)s") % {"number": number}
    return title, about


def page_from(values: Mapping[str, Any], info: SiteInfo, translate: Translate = untranslated) -> Page:
    """What the page being rendered is, from the values it is rendered with."""
    path = values.get("output_file", "")
    doc, doc_type = values.get("doc"), values.get("doc_type")
    issue, jurisdiction = values.get("issue"), values.get("jurisdiction")
    if path == NOT_FOUND_FILE:
        return Page(path, Kind.NOT_FOUND, translate(NOT_FOUND_TITLE), info.description)
    if path == HOME_FILE:
        return Page(path, Kind.HOME, info.name, info.description)
    if isinstance(doc, Document):
        return Page(path, Kind.DOCUMENT, doc.title, doc.summary or info.description, document=doc)
    if isinstance(doc_type, DocType):
        title, about = listing_title(doc_type, values, translate)
        return Page(path, Kind.COLLECTION, title, info.description, about=about)
    if isinstance(issue, Issue):
        return Page(path, Kind.COLLECTION, issue.title, issue.summary or info.description, about=issue)
    if isinstance(jurisdiction, Jurisdiction):
        return Page(path, Kind.COLLECTION, jurisdiction.name, info.description, about=jurisdiction)
    if path in INDEX_PAGES:
        return Page(path, Kind.COLLECTION, translate(INDEX_PAGES[path]), info.description)
    title = translate(SEARCH_TITLE) if path == SEARCH_FILE else info.name
    return Page(path, Kind.PAGE, title, info.description)


def structured_data(
    site: Site, info: SiteInfo, page: Page, translate: Translate = untranslated
) -> dict[str, Any] | None:
    """The page's JSON-LD object; None for the 404 page."""
    if page.kind is Kind.NOT_FOUND:
        return None
    if page.kind is Kind.HOME:
        return structured.home(info)
    if page.document is not None:
        return structured.document(site, page.document, info, translate)
    about: dict[str, Any] | None = None
    if isinstance(page.about, Issue):
        about = structured.issue_thing(info, page.about)
    elif isinstance(page.about, Jurisdiction):
        about = structured.area(site, info, page.about)
    kind = "CollectionPage" if page.kind is Kind.COLLECTION else "WebPage"
    return structured.web_page(info, page_url(page.path), page.title, page.description, kind, about)


def head(site: Site, info: SiteInfo, page: Page, translate: Translate = untranslated) -> PageMeta:
    doc = page.document
    article = doc is not None and doc.type.dated
    image = share_image(info, doc)
    data = structured_data(site, info, page, translate)
    return PageMeta(
        canonical=None if page.kind is Kind.NOT_FOUND else info.address(page_url(page.path)),
        title=page.title,
        description=page.description,
        site_name=info.name,
        locale=og_locale(info.language),
        og_type="article" if article else "website",
        image=info.address(image[0]) if image else None,
        image_alt=image[1] if image else None,
        twitter_card="summary_large_image" if image else "summary",
        published=doc.date.isoformat() if doc is not None and article and doc.date else None,
        modified=doc.updated.isoformat() if doc is not None and article and doc.updated else None,
        structured_data=structured.script_text(data) if data is not None else None,
    )

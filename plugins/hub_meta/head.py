"""What a page's <head> tells the sites it is shared on and the machines that read it.

Reads the page's `PageView` (its kind, subject, scope and page number, as hub_pages or hub_search
planned it), the `Site` graph and `SiteInfo`; writes nothing. `page_of()` says what the page is titled
and described as; `head()` gives the frozen `Head` that theme/templates/_meta.html prints from
`view.head`: the canonical address, Open Graph and Twitter card values and the JSON-LD text.

- Titles are the page's heading without the site name (og:site_name carries that), in the site's
  language; descriptions follow base.html's <meta name="description">: the document's or issue's summary,
  else SITE_DESCRIPTION.
- The image is the document's `image` (with `image_alt`), else its social card (hub_cards: the title as
  its text alternative, with its width and height), else the HUB `share_image`; with no image at all
  the Twitter card is `summary` instead of `summary_large_image`.
- The 404 page is served at every missing address, so it has no canonical address, og:url or JSON-LD.
- Addresses are absolute only when SITEURL is (see identity.py). Without an absolute SITEURL the page has
  no canonical link, og:url or og:image at all: search engines and sharing sites treat a relative one as
  invalid, and none is better than a wrong one (docs/PUBLISHING.md, "The site's address").
- A page in several languages names each (hreflang alternates, with `x-default` for the site's own); a
  page in another language than the site's is described in that language (`SiteInfo` for the language).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hub_core.views import Head, Kind, PageView
from hub_model import N_, DocType, Document, Issue, Jurisdiction, Partner, PersonProfile, Site

from . import structured
from .identity import SiteInfo, is_absolute, og_locale, share_image
from .structured import Translate, untranslated

INDEX_TITLES = {
    Kind.ISSUES: N_("Issues"),
    Kind.JURISDICTIONS: N_("Jurisdictions"),
    Kind.SEARCH: N_("Search"),
    Kind.DIGESTS: N_("Newsletter digests"),
    Kind.PEOPLE: N_("People"),
    Kind.PARTNERS: N_("Partners"),
    Kind.DATA: N_("Open data"),
}
NOT_FOUND_TITLE = N_("Page not found")
COMPARISON_TITLE = N_("Enacted versus model: %(title)s")  # the title its template prints too
LISTINGS = frozenset({Kind.LISTING, Kind.RANKING, Kind.SCOPED_LISTING})


@dataclass(frozen=True)
class Page:
    """What a page is titled and described as, and what it is about."""

    view: PageView
    title: str
    description: str
    document: Document | None = None
    about: Issue | Jurisdiction | None = None


def listing_title(view: PageView, doc_type: DocType, translate: Translate = untranslated) -> str:
    """A listing's heading: the type's own sentence (`TypePhrases`), the one the listing templates print."""
    phrases = doc_type.phrases
    if isinstance(view.scope, Issue):
        title = translate(phrases.on_issue) % {"issue": view.scope.title}
    elif isinstance(view.scope, Jurisdiction):
        title = translate(phrases.naming) % {"place": view.scope.name}
    elif view.kind is Kind.RANKING:
        title = translate(phrases.by_adoptions)
    else:
        title = translate(doc_type.plural)
    if view.number > 1:
        title += " · " + translate("page %(number)s") % {"number": view.number}
    return title


def page_of(view: PageView, info: SiteInfo, translate: Translate = untranslated) -> Page:
    """The page's title and description, from its kind and subject."""
    subject = view.subject
    if view.kind is Kind.NOT_FOUND:
        return Page(view, translate(NOT_FOUND_TITLE), info.description)
    if view.kind is Kind.HOME:
        return Page(view, info.name, info.description)
    if view.kind in (Kind.HISTORY, Kind.ENACTED):  # a page of the site: its document's page describes that
        return Page(view, info.name, info.description)
    if view.kind is Kind.COMPARISON and isinstance(subject, Document):  # the model's page describes it
        return Page(view, translate(COMPARISON_TITLE) % {"title": subject.title}, info.description)
    if isinstance(subject, Document):
        return Page(view, subject.title, subject.summary or info.description, document=subject)
    if view.kind in LISTINGS and isinstance(subject, DocType):
        return Page(view, listing_title(view, subject, translate), info.description, about=view.scope)
    if isinstance(subject, Issue):
        return Page(view, subject.title, subject.summary or info.description, about=subject)
    if isinstance(subject, Jurisdiction):
        return Page(view, subject.name, info.description, about=subject)
    if isinstance(subject, PersonProfile):
        return Page(view, subject.name, subject.role or info.description)
    if isinstance(subject, Partner):
        return Page(view, subject.name, info.description)
    title = translate(INDEX_TITLES[view.kind]) if view.kind in INDEX_TITLES else info.name
    return Page(view, title, info.description)


def structured_data(
    site: Site, info: SiteInfo, page: Page, translate: Translate = untranslated
) -> dict[str, Any] | None:
    """The page's JSON-LD object; None for the 404 page."""
    kind = page.view.kind
    if kind is Kind.NOT_FOUND:
        return None
    if kind is Kind.HOME:
        return structured.home(info)
    if page.document is not None:
        return {**structured.document(site, page.document, info, translate), **translations(info, page)}
    subject = page.view.subject
    if isinstance(subject, PersonProfile | Partner):
        return structured.profile(site, info, page.view.url, page.title, page.description, subject)
    about: dict[str, Any] | None = None
    if isinstance(page.about, Issue):
        about = structured.issue_thing(info, page.about)
    elif isinstance(page.about, Jurisdiction):
        about = structured.area(site, info, page.about)
    schema_type = "CollectionPage" if kind.is_collection else "WebPage"
    return structured.web_page(info, page.view.url, page.title, page.description, schema_type, about)


def translations(info: SiteInfo, page: Page) -> dict[str, Any]:
    """A document's versions in other languages: schema.org `workTranslation` on the original,
    `translationOfWork` on a translation (the version in the site's language comes first)."""
    versions = page.view.alternates
    if page.document is None or not versions:
        return {}
    if page.document.lang:
        return {"translationOfWork": {"@id": info.address(versions[0].url)}}
    return {"workTranslation": [{"@id": info.address(v.url), "inLanguage": v.lang} for v in versions[1:]]}


def head(site: Site, info: SiteInfo, view: PageView, translate: Translate = untranslated) -> Head:
    """The head of the page the view plans."""
    page = page_of(view, info, translate)
    doc = page.document
    article = doc is not None and doc.type.dated
    absolute = is_absolute(info.url)
    image = share_image(info, doc) if absolute else None
    data = structured_data(site, info, page, translate)
    return Head(
        canonical=info.address(view.url) if absolute and view.kind is not Kind.NOT_FOUND else None,
        title=page.title,
        description=page.description,
        site_name=info.name,
        locale=og_locale(info.language),
        og_type="article" if article else "website",
        image=info.address(image.path) if image else None,
        image_alt=image.alt if image else None,
        image_width=image.width if image else None,
        image_height=image.height if image else None,
        twitter_card="summary_large_image" if image else "summary",
        published=doc.date.isoformat() if doc is not None and article and doc.date else None,
        modified=doc.updated.isoformat() if doc is not None and article and doc.updated else None,
        structured_data=structured.script_text(data) if data is not None else None,
        alternates=alternates(info, view),
    )


def alternates(info: SiteInfo, view: PageView) -> tuple[tuple[str, str], ...]:
    """The page's addresses in its languages, then `x-default`: the one in the site's language."""
    if not view.alternates:
        return ()
    found = tuple((other.lang, info.address(other.url)) for other in view.alternates)
    return (*found, ("x-default", found[0][1]))

"""schema.org structured data (JSON-LD) for each kind of page, built from the typed model.

Reads the `Site` graph and `SiteInfo`; writes nothing and imports neither Pelican nor Jinja, so it is
tested on its own. Builders return plain dicts and lists with empty values left out; `script_text()`
turns one into the compact JSON printed inside `<script type="application/ld+json">`.

- An ordinance is a `Legislation`: legislationType is its kind's label, about its issues (`Thing`s). Each
  adoption is a `Legislation` of its own that `isBasedOn` the model, written under the model's `@reverse` so
  the whole record stays one object. An adoption has its legislationJurisdiction (an `AdministrativeArea` by
  name and url only: the county and state it lies in are said once, in the document's spatialCoverage, not
  again for every adoption), legislationIdentifier (the number, else the citation), url (the enacted text),
  creativeWorkStatus (the status label) and legislationLegalForce: InForce when adopted, NotInForce for every
  other status (introduced: not yet; failed: never; repealed, preempted: no longer), which is how ELI, where
  schema.org took the term from, counts a law not yet in force. legislationDate ("the date of adoption") is
  written for adopted entries only: for the other statuses the content's date is the date of that event, not
  of an adoption.
- A brief is a `Report` (author, publisher, contributor: its partners, encoding: its PDF); news a
  `NewsArticle`; a story an `Article` with its `video` as a `VideoObject` (embedUrl: the video's address;
  uploadDate: the story's date, the closest date the content has; thumbnailUrl: the share image). Other
  dated types are `Article`s, pages `WebPage`s. Documents without authors are authored by the site's
  `Organization`, as in the feeds: the publisher, referred to by its `@id` so it is written once.
- An event is an `Event` (event_data.py): startDate and endDate with their offsets, eventAttendanceMode,
  its location (`VirtualLocation`, `Place`), the site's `Organization` as organizer; no publication dates.
- Every document's `sources` are its `citation`: `CreativeWork`s with name, publisher (an `Organization`
  by name), datePublished and url, in the order the front matter lists them.
- An author or partner named by the slug or name of a file in content/people/ or content/partners/ is
  the `Person` or `Organization` with its page's `url`. A person's page is a `ProfilePage` whose
  mainEntity is the `Person` (name, jobTitle: the role, workLocation: the place, image, sameAs: the
  file's links), a partner's a `WebPage` about the `Organization`: the file's words, nothing inferred.
- Issue, jurisdiction and listing pages are `CollectionPage`s. The home page is the site's `WebSite`, with
  a `SearchAction` when the site has a search page, and its `Organization`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from hub_model import (
    Adoption,
    AdoptionStatus,
    BriefDetails,
    Document,
    EventDetails,
    Issue,
    Jurisdiction,
    OrdinanceDetails,
    Partner,
    PersonProfile,
    Site,
    Source,
    StoryDetails,
)

from .event_data import event
from .identity import SiteInfo, share_image

SCHEMA = "https://schema.org"
IN_FORCE = "https://schema.org/InForce"
NOT_IN_FORCE = "https://schema.org/NotInForce"
SEARCH_TARGET = "search/?q={search_term_string}"
"""The search page's address template, relative to the site root (hub_search reads `q`)."""

TYPES = {
    "ordinance": "Legislation",
    "brief": "Report",
    "story": "Article",
    "news": "NewsArticle",
    "event": "Event",
}
"""The schema.org type of each document type; other dated types are `Article`s, undated ones `WebPage`s."""
ARTICLES = frozenset({"Article", "NewsArticle", "Report"})
"""Types that are schema.org Articles, which take a `headline`."""
BRIEF_FORMAT = "application/pdf"
"""A brief's `file` is always a PDF (hub_content accepts nothing else)."""

Translate = Callable[[str], str]
JsonObject = dict[str, Any]


def untranslated(message: str) -> str:
    return message


def compact(value: Any) -> Any:
    """The value with every None, empty string, empty list and empty object left out, at every depth."""
    if isinstance(value, Mapping):
        kept = {key: compact(v) for key, v in value.items()}
        return {key: v for key, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list | tuple):
        return [v for v in (compact(item) for item in value) if v not in (None, "", [], {})]
    return value


def script_text(data: Mapping[str, Any]) -> str:
    """Compact JSON that is safe inside a <script> element.

    `</` is written `<\\/`, so the data can never close the element, and `<!--` as `<\\u0021--`, so it can
    never switch the HTML parser into the script-escape states that would swallow the closing tag. Both
    are plain JSON escapes: `json.loads` reads the text back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# The site ---------------------------------------------------------------------------------------------


def organization(info: SiteInfo) -> JsonObject:
    return compact(
        {
            "@type": "Organization",
            "@id": info.address("#organization"),
            "name": info.name,
            "url": info.home,
            "logo": info.address(info.logo) if info.logo else None,
        }
    )


def website_ref(info: SiteInfo) -> JsonObject:
    return {"@type": "WebSite", "@id": info.address("#website"), "name": info.name, "url": info.home}


def website(info: SiteInfo) -> JsonObject:
    search = None
    if info.search:
        search = {
            "@type": "SearchAction",
            "target": info.address(SEARCH_TARGET),
            "query-input": "required name=search_term_string",
        }
    return compact(
        {
            **website_ref(info),
            "description": info.description,
            "inLanguage": info.language,
            "publisher": {"@id": info.address("#organization")},
            "potentialAction": search,
        }
    )


def home(info: SiteInfo) -> JsonObject:
    """The home page: the site and the organization behind it."""
    return {"@context": SCHEMA, "@graph": [website(info), organization(info)]}


# Pieces shared by documents and pages -----------------------------------------------------------------


def issue_thing(info: SiteInfo, issue: Issue) -> JsonObject:
    return {"@type": "Thing", "name": issue.title, "url": info.address(issue.url)}


def place(info: SiteInfo, jurisdiction: Jurisdiction) -> JsonObject:
    """A jurisdiction as an `AdministrativeArea`: its name and its page, nothing more."""
    return {"@type": "AdministrativeArea", "name": jurisdiction.name, "url": info.address(jurisdiction.url)}


def area(site: Site, info: SiteInfo, jurisdiction: Jurisdiction) -> JsonObject:
    """A jurisdiction as an `AdministrativeArea`, inside its parent (county, then state)."""
    if jurisdiction.is_state:
        return place(info, jurisdiction)
    parent = site.jurisdictions[jurisdiction.parent or jurisdiction.state]
    return {**place(info, jurisdiction), "containedInPlace": area(site, info, parent)}


def web_page(
    info: SiteInfo, path: str, name: str, description: str, kind: str = "WebPage", about: Any = None
) -> JsonObject:
    """A page that is not a document: a `WebPage`, or a `CollectionPage` for listings and topic pages."""
    url = info.address(path)
    return compact(
        {
            "@context": SCHEMA,
            "@type": kind,
            "@id": url,
            "url": url,
            "name": name,
            "description": description,
            "inLanguage": info.language,
            "isPartOf": website_ref(info),
            "about": about,
        }
    )


# Documents --------------------------------------------------------------------------------------------


def document(site: Site, doc: Document, info: SiteInfo, translate: Translate = untranslated) -> JsonObject:
    """A document as its schema.org type, with its type's own details."""
    kind = TYPES.get(doc.type.name, "Article" if doc.type.dated else "WebPage")
    url = info.address(doc.url)
    image = share_image(info, doc)
    picture = info.address(image.path) if image else None
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": kind,
        "@id": url,
        "url": url,
        "name": doc.title,
        "headline": doc.title if kind in ARTICLES else None,
        "description": doc.summary,
        "inLanguage": info.language,
        "datePublished": _date(doc.date),
        "dateModified": _date(doc.updated),
        "image": picture,
        "about": [issue_thing(info, site.issues[slug]) for slug in doc.issues],
        "spatialCoverage": [area(site, info, site.jurisdictions[slug]) for slug in doc.jurisdictions],
        "citation": [citation(source) for source in doc.sources],
    }
    if isinstance(doc.details, EventDetails):  # an Event is no CreativeWork: when and where, not who wrote it
        for key in ("datePublished", "dateModified", "spatialCoverage", "citation"):
            data.pop(key)
        return compact(data | event(site, doc, doc.details, info, organization(info)))
    data |= _credits(site, info, doc, kind)
    data |= _details(site, info, doc, translate, picture)
    return compact(data)


def _page(info: SiteInfo, url: str | None) -> str | None:
    return info.address(url) if url else None


def citation(source: Source) -> JsonObject:
    """A source as the `CreativeWork` the document cites: its publisher an `Organization` by name."""
    publisher = {"@type": "Organization", "name": source.publisher} if source.publisher else None
    return compact(
        {
            "@type": "CreativeWork",
            "name": source.title,
            "publisher": publisher,
            "datePublished": _date(source.date),
            "url": source.url,
        }
    )


def _credits(site: Site, info: SiteInfo, doc: Document, kind: str) -> JsonObject:
    """Who wrote and published the document; a plain page is part of the website instead."""
    if kind == "WebPage":
        return {"isPartOf": website_ref(info)}
    publisher = organization(info)
    named = (site.network.person(name) for name in doc.authors)
    people = [compact({"@type": "Person", "name": n.name, "url": _page(info, n.url)}) for n in named]
    # Written once, as the publisher; as the author it is referred to by its @id.
    return {"author": people or [{"@id": publisher["@id"]}], "publisher": publisher}


def _details(
    site: Site, info: SiteInfo, doc: Document, translate: Translate, picture: str | None
) -> JsonObject:
    """What the type adds: an ordinance's adoptions, a brief's partners and file, a story's video."""
    details = doc.details
    if isinstance(details, OrdinanceDetails):
        return {
            "legislationType": translate(details.kind.label),
            "@reverse": {"isBasedOn": [adoption(site, info, a, translate) for a in details.adoptions]},
        }
    if isinstance(details, BriefDetails):
        data: JsonObject = {
            "contributor": [
                compact({"@type": "Organization", "name": n.name, "url": _page(info, n.url)})
                for n in (site.network.partner(name) for name in details.partners)
            ]
        }
        if details.file:
            media = {"@type": "MediaObject", "contentUrl": info.address(details.file)}
            data["encoding"] = {**media, "encodingFormat": BRIEF_FORMAT}
        return data
    if isinstance(details, StoryDetails) and details.video:
        video = {
            "@type": "VideoObject",
            "name": doc.title,
            "description": doc.summary,
            "embedUrl": details.video,
            "uploadDate": _date(doc.date),
            "thumbnailUrl": picture,
        }
        return {"video": video}
    return {}


def legal_force(status: AdoptionStatus) -> str:
    """InForce only when adopted; every other status is not (or not yet, or no longer) in force."""
    return IN_FORCE if status is AdoptionStatus.ADOPTED else NOT_IN_FORCE


def adoption(site: Site, info: SiteInfo, entry: Adoption, translate: Translate = untranslated) -> JsonObject:
    """One jurisdiction's take-up of a model, as a `Legislation` (the model links it by `@reverse`)."""
    adopted = entry.status is AdoptionStatus.ADOPTED
    return compact(
        {
            "@type": "Legislation",
            "legislationJurisdiction": place(info, site.jurisdictions[entry.jurisdiction]),
            "legislationDate": _date(entry.date) if adopted else None,
            "legislationLegalForce": legal_force(entry.status),
            "creativeWorkStatus": translate(entry.status.label),
            "legislationIdentifier": entry.identifier,
            "url": entry.url,
        }
    )


# People and partners ----------------------------------------------------------------------------------


def profile(
    site: Site, info: SiteInfo, path: str, name: str, description: str, subject: PersonProfile | Partner
) -> JsonObject:
    """A person's page as a `ProfilePage` about a `Person`, a partner's as a `WebPage` about an
    `Organization`: what the file says, and nothing else."""
    kind = "ProfilePage" if isinstance(subject, PersonProfile) else "WebPage"
    page = web_page(info, path, name, description, kind)
    return compact({**page, "mainEntity": person(site, info, subject) if isinstance(subject, PersonProfile)
                    else partner(info, subject)})  # fmt: skip


def person(site: Site, info: SiteInfo, subject: PersonProfile) -> JsonObject:
    place_of = site.jurisdictions.get(subject.jurisdiction) if subject.jurisdiction else None
    return compact(
        {
            "@type": "Person",
            "@id": info.address(subject.url) + "#person",
            "name": subject.name,
            "jobTitle": subject.role or None,
            "url": info.address(subject.url),
            "image": info.address(subject.photo) if subject.photo else None,
            "workLocation": place(info, place_of) if place_of else None,
            "sameAs": [link.url for link in subject.links],
        }
    )


def partner(info: SiteInfo, subject: Partner) -> JsonObject:
    return compact(
        {
            "@type": "Organization",
            "name": subject.name,
            "url": subject.url,
            "logo": info.address(subject.logo) if subject.logo else None,
        }
    )

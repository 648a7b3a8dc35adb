"""Plan the pages of the network: `/people/`, each person's page, `/partners/` and each partner's page.

Reads the `Site` graph (its `network`: hub_model/network.py); writes nothing. Each person's page shows
what their file says (role, pronouns, place, photo, bio, links, sources) and what names them: the stories
they are in, the adoptions they sponsored and the documents they wrote; each partner's page its file and
the briefs naming it. In another language the pages are planned under `<lang>/` from that language's
edition of the graph; bios and descriptions stay in the site's language, and the templates mark them so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hub_core.views import Inputs, Kind, PageView, Values
from hub_model import Document, Jurisdiction, Named, Partner, PersonProfile, Site, Sponsorship

PEOPLE, PARTNERS = "people/index.html", "partners/index.html"


@dataclass(frozen=True)
class PeopleValues(Values):
    people: tuple[tuple[PersonProfile, Jurisdiction | None], ...]
    """Everyone with a file, by name, with the place their file names."""


@dataclass(frozen=True)
class SponsorRow:
    sponsorship: Sponsorship
    jurisdiction: Jurisdiction


@dataclass(frozen=True)
class PersonValues(Values):
    person: PersonProfile
    place: Jurisdiction | None
    stories: tuple[Document, ...]
    sponsored: tuple[SponsorRow, ...]
    documents: tuple[Document, ...]
    """Documents the person is an author of."""


@dataclass(frozen=True)
class PartnersValues(Values):
    partners: tuple[Partner, ...]


@dataclass(frozen=True)
class PartnerValues(Values):
    partner: Partner
    briefs: tuple[Document, ...]


def _urls(documents: tuple[Document, ...]) -> tuple[str, ...]:
    return tuple(d.url for d in documents)


def _place(site: Site, slug: str | None) -> Jurisdiction | None:
    return site.jurisdictions[slug] if slug else None


def people_pages(site: Site, prefix: str) -> Iterator[PageView]:
    """`/people/` and one page per person; nothing when the content has no people."""
    network = site.network
    if not network.people:
        return
    everyone = tuple((p, _place(site, p.jurisdiction)) for p in network.people.values())
    places = tuple(p.jurisdiction for p in network.people.values() if p.jurisdiction)
    yield PageView(
        Kind.PEOPLE, prefix + PEOPLE, "people", None, PeopleValues(everyone),
        Inputs(jurisdictions=places, templates=("people",)), section="people",
    )  # fmt: skip
    for person, place in everyone:
        yield person_page(site, person, place)


def person_page(site: Site, person: PersonProfile, place: Jurisdiction | None) -> PageView:
    network = site.network
    stories = network.stories.get(person.slug, ())
    documents = network.authored.get(person.slug, ())
    found = network.sponsored.get(person.slug, ())
    sponsored = tuple(SponsorRow(s, site.jurisdictions[s.adoption.jurisdiction]) for s in found)
    ordinances = tuple(dict.fromkeys(row.sponsorship.ordinance.url for row in sponsored))
    places = (place, *(r.jurisdiction for r in sponsored))
    inputs = Inputs(
        (*_urls(stories), *_urls(documents), *ordinances),
        jurisdictions=tuple(dict.fromkeys(j.slug for j in places if j)),
        templates=("person",),
    )
    values = PersonValues(person, place, stories, sponsored, documents)
    return PageView(
        Kind.PERSON, person.url + "index.html", "person", person, values, inputs,
        section="people", source=person.source,
    )  # fmt: skip


def partner_pages(site: Site, prefix: str) -> Iterator[PageView]:
    """`/partners/` and one page per partner; nothing when the content has no partners."""
    network = site.network
    if not network.partners:
        return
    partners = tuple(network.partners.values())
    yield PageView(
        Kind.PARTNERS, prefix + PARTNERS, "partners", None, PartnersValues(partners),
        Inputs(templates=("partners",)), section="partners",
    )  # fmt: skip
    for partner in partners:
        briefs = network.works.get(partner.slug, ())
        yield PageView(
            Kind.PARTNER, partner.page + "index.html", "partner", partner, PartnerValues(partner, briefs),
            Inputs(_urls(briefs), templates=("partner",)), section="partners", source=partner.source,
        )  # fmt: skip


def people_named(site: Site, names: tuple[str, ...]) -> tuple[Named, ...]:
    """Authors or sponsors as written, each linked to the person's page when it is their slug."""
    return tuple(site.network.person(name) for name in names)


def partners_named(site: Site, names: tuple[str, ...]) -> tuple[Named, ...]:
    return tuple(site.network.partner(name) for name in names)

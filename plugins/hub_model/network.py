"""The network behind the policy: people and partner organizations with pages of their own, and each
issue's staff contact.

Reads nothing and writes nothing. `hub_content` reads `content/people/<slug>.md` into `PersonProfile`s and
`content/partners/<slug>.md` into `Partner`s; `build_network()` then links them, once, to what names them:
a story's people, an adoption's sponsors, a document's authors (by the person's slug) and a brief's
partners (by the partner's slug or exact name). Nothing about a person is inferred: a profile holds what
its file says, and a person is linked only where content names their slug.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .model import Adoption, BriefDetails, Document, OrdinanceDetails, Source, StoryDetails


@dataclass(frozen=True)
class Link:
    """A public link a person's or partner's file gives: what it says, and where it leads (http/https)."""

    label: str
    url: str


@dataclass(frozen=True)
class PersonProfile:
    """A person with a page, `/people/<slug>/`: exactly what their file says, nothing else.

    `bio_html` is the file's body (checked HTML, in the site's language); `photo` a path under images/
    with its `photo_alt` (required with it) and `photo_credit`."""

    slug: str
    name: str
    source: str
    role: str = ""
    jurisdiction: str | None = None
    pronouns: str = ""
    photo: str | None = None
    photo_alt: str = ""
    photo_credit: str = ""
    links: tuple[Link, ...] = ()
    sources: tuple[Source, ...] = ()
    bio_html: str = ""
    lang: str = ""

    @property
    def url(self) -> str:
        return f"{self.lang}/people/{self.slug}/" if self.lang else f"people/{self.slug}/"


@dataclass(frozen=True)
class Partner:
    """A partner organization with a page, `/partners/<slug>/`; `description_html` is its file's body."""

    slug: str
    name: str
    source: str
    url: str | None = None
    logo: str | None = None
    logo_alt: str = ""
    sources: tuple[Source, ...] = ()
    description_html: str = ""
    lang: str = ""

    @property
    def page(self) -> str:
        """Its page on the site (`url` is its own web address)."""
        return f"{self.lang}/partners/{self.slug}/" if self.lang else f"partners/{self.slug}/"


@dataclass(frozen=True)
class Named:
    """A name as a page prints it: linked to its person's or partner's page when content names one."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Sponsorship:
    """An adoption a person sponsored, with the model it adopted."""

    ordinance: Document
    adoption: Adoption


@dataclass(frozen=True)
class Network:
    """People and partners by slug, in name order, with what names each, built once (`build_network`)."""

    people: Mapping[str, PersonProfile] = field(default_factory=lambda: MappingProxyType({}))
    partners: Mapping[str, Partner] = field(default_factory=lambda: MappingProxyType({}))
    stories: Mapping[str, tuple[Document, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Stories naming each person (by slug) among their `people`, newest first."""
    authored: Mapping[str, tuple[Document, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Documents each person is an author of, newest first."""
    sponsored: Mapping[str, tuple[Sponsorship, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Adoptions each person sponsored, newest first."""
    works: Mapping[str, tuple[Document, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Briefs naming each partner, newest first."""
    people_in: Mapping[str, tuple[PersonProfile, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """People by the jurisdiction their file names, by name."""

    def person(self, value: str) -> Named:
        """A story person's, sponsor's or author's name as written: linked when it is a person's slug."""
        found = self.people.get(value)
        return Named(found.name, found.url) if found else Named(value)

    def partner(self, value: str) -> Named:
        """A brief's partner as written: linked when it is a partner's slug or exact name."""
        found = self.partners.get(value) or next((p for p in self.partners.values() if p.name == value), None)
        return Named(found.name, found.page) if found else Named(value)

    def in_language(self, lang: str, shown: Mapping[str, Document]) -> Network:
        """The network as `lang`'s pages show it: pages under `<lang>/`, each document replaced by its
        version in `shown` (by its original's URL); bios and descriptions stay in the site's language."""
        people = {s: replace(p, lang=lang) for s, p in self.people.items()}

        def docs(items: tuple[Document, ...]) -> tuple[Document, ...]:
            return tuple(shown.get(d.url, d) for d in items)

        return Network(
            people=MappingProxyType(people),
            partners=MappingProxyType({s: replace(p, lang=lang) for s, p in self.partners.items()}),
            stories=MappingProxyType({s: docs(d) for s, d in self.stories.items()}),
            authored=MappingProxyType({s: docs(d) for s, d in self.authored.items()}),
            sponsored=MappingProxyType({s: _shown(found, shown) for s, found in self.sponsored.items()}),
            works=MappingProxyType({s: docs(d) for s, d in self.works.items()}),
            people_in=MappingProxyType(
                {s: tuple(people[p.slug] for p in found) for s, found in self.people_in.items()}
            ),
        )


def _shown(found: tuple[Sponsorship, ...], shown: Mapping[str, Document]) -> tuple[Sponsorship, ...]:
    return tuple(replace(s, ordinance=shown.get(s.ordinance.url, s.ordinance)) for s in found)


def _by_name(items: Iterable[PersonProfile]) -> list[PersonProfile]:
    return sorted(items, key=lambda p: (p.name.casefold(), p.slug))


def build_network(
    people: Iterable[PersonProfile], partners: Iterable[Partner], documents: Iterable[Document]
) -> Network:
    """Link people and partners to the documents naming them; `documents` are newest first, and every
    slug they name was checked to exist when the content was read."""
    known = {p.slug: p for p in _by_name(people)}
    orgs = {p.slug: p for p in sorted(partners, key=lambda p: (p.name.casefold(), p.slug))}
    by_name = {p.name: p.slug for p in orgs.values()}
    stories, authored, works = defaultdict(list), defaultdict(list), defaultdict(list)
    sponsored: dict[str, list[Sponsorship]] = defaultdict(list)
    for doc in documents:
        for slug in dict.fromkeys(a for a in doc.authors if a in known):
            authored[slug].append(doc)
        details = doc.details
        if isinstance(details, StoryDetails):
            for slug in dict.fromkeys(p.slug for p in details.people if p.slug in known):
                stories[slug].append(doc)
        if isinstance(details, OrdinanceDetails):
            for adoption in details.adoptions:
                for slug in dict.fromkeys(s for s in adoption.sponsors if s in known):
                    sponsored[slug].append(Sponsorship(doc, adoption))
        if isinstance(details, BriefDetails):
            named = (value if value in orgs else by_name.get(value) for value in details.partners)
            for slug in dict.fromkeys(s for s in named if s):
                works[slug].append(doc)
    places: dict[str, list[PersonProfile]] = defaultdict(list)
    for person in known.values():
        if person.jurisdiction:
            places[person.jurisdiction].append(person)
    for found in sponsored.values():
        found.sort(key=lambda s: (s.adoption.newest_first, s.ordinance.slug))
    return Network(
        people=MappingProxyType(known),
        partners=MappingProxyType(orgs),
        stories=_frozen(stories),
        authored=_frozen(authored),
        sponsored=_frozen(sponsored),
        works=_frozen(works),
        people_in=_frozen(places),
    )


def _frozen(index: Mapping[str, list]) -> Mapping[str, tuple]:
    return MappingProxyType({k: tuple(v) for k, v in sorted(index.items())})

"""The typed content model: issues, jurisdictions and documents of every type.

Reads nothing and writes nothing. Values are built once, by `hub_content`, from validated front matter;
after that every plugin and template trusts them. All records are frozen, and collections are tuples, so a
built model cannot change under a later step.
"""

from __future__ import annotations

import datetime as dt
import importlib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Protocol, TypeAlias, TypeVar, runtime_checkable

from .events import EventDetails
from .phrases import N_, TypePhrases

SITE_FEED_URL = "feeds/all.atom.xml"


class Status(Enum):
    PUBLISHED = "published"
    DRAFT = "draft"


class JurisdictionKind(Enum):
    STATE = "state"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    COUNTY = "county"
    SCHOOL_DISTRICT = "school-district"
    TRIBAL_NATION = "tribal-nation"
    SPECIAL_DISTRICT = "special-district"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    JurisdictionKind.STATE: N_("State"),
    JurisdictionKind.CITY: N_("City"),
    JurisdictionKind.TOWN: N_("Town"),
    JurisdictionKind.VILLAGE: N_("Village"),
    JurisdictionKind.COUNTY: N_("County"),
    JurisdictionKind.SCHOOL_DISTRICT: N_("School district"),
    JurisdictionKind.TRIBAL_NATION: N_("Tribal nation"),
    JurisdictionKind.SPECIAL_DISTRICT: N_("Special district"),
}


class OrdinanceKind(Enum):
    ORDINANCE = "ordinance"
    RESOLUTION = "resolution"
    EXECUTIVE_ORDER = "executive-order"
    POLICY = "policy"

    @property
    def label(self) -> str:
        return _ORDINANCE_KIND_LABELS[self]


_ORDINANCE_KIND_LABELS = {
    OrdinanceKind.ORDINANCE: N_("Model ordinance"),
    OrdinanceKind.RESOLUTION: N_("Model resolution"),
    OrdinanceKind.EXECUTIVE_ORDER: N_("Model executive order"),
    OrdinanceKind.POLICY: N_("Model policy"),
}


class AdoptionStatus(Enum):
    ADOPTED = "adopted"
    INTRODUCED = "introduced"
    FAILED = "failed"
    REPEALED = "repealed"
    PREEMPTED = "preempted"

    @property
    def label(self) -> str:
        return _ADOPTION_LABELS[self]


_ADOPTION_LABELS = {
    AdoptionStatus.ADOPTED: N_("Adopted"),
    AdoptionStatus.INTRODUCED: N_("Introduced"),
    AdoptionStatus.FAILED: N_("Failed"),
    AdoptionStatus.REPEALED: N_("Repealed"),
    AdoptionStatus.PREEMPTED: N_("Preempted"),
}


class ProvisionStatus(Enum):
    """What an adoption did with one section of the model: coded by staff, section by section."""

    KEPT = "kept"
    CHANGED = "changed"
    OMITTED = "omitted"

    @property
    def label(self) -> str:
        return _PROVISION_LABELS[self]


_PROVISION_LABELS = {
    ProvisionStatus.KEPT: N_("Kept"),
    ProvisionStatus.CHANGED: N_("Changed"),
    ProvisionStatus.OMITTED: N_("Omitted"),
}


class FieldDecl(Protocol):
    """A type's own front-matter field as the model sees it: a name (its validation is its maker's)."""

    @property
    def name(self) -> str: ...


def doc_type_named(module: str, name: str) -> DocType:
    """The type of that name defined in `module` (how a pickled document finds its very type again)."""
    found = [t for t in vars(importlib.import_module(module)).values() if isinstance(t, DocType)]
    matches = {id(t): t for t in found if t.name == name}
    if len(matches) != 1:
        raise LookupError(f"{module} defines {len(matches)} document types named {name!r}, not one")
    return next(iter(matches.values()))


@dataclass(frozen=True)
class DocType:
    """A kind of document: the folder it lives in, its URL prefix and its type-specific fields.

    `fields` holds the validation specs of the type's own front-matter fields (made and read by whoever
    validates front matter); `details` is the typed record their validated values build. Adding a content
    type is adding one `DocType` (see docs/ARCHITECTURE.md). `module` is the module that defines it, given
    as `module=__name__`: a pickle names that module and the type's name, and unpickles, in any process, to
    that very object rather than a copy holding the validators.
    """

    name: str
    folder: str
    label: str
    plural: str
    url_prefix: str
    dated: bool = True
    listed: bool = True
    own_listing: bool = False
    """The type's listing page is planned by a plugin of its own (events: upcoming and past, hub_events),
    not as hub_pages' newest-first listing."""
    fields: tuple[FieldDecl, ...] = ()
    details: type[Details] | None = None
    module: str = field(kw_only=True)
    phrases: TypePhrases = field(default_factory=TypePhrases)
    """Whole sentences about the type's documents, translated as they stand (feed title, "All N ...")."""

    def __post_init__(self) -> None:
        if self.fields and self.details is None:
            raise ValueError(f"document type {self.name!r} has fields but no details record to hold them")

    def __reduce__(self) -> tuple[Callable[[str, str], DocType], tuple[str, str]]:
        return (doc_type_named, (self.module, self.name))

    def url_for(self, slug: str) -> str:
        return f"{self.url_prefix}/{slug}/" if self.url_prefix else f"{slug}/"

    @property
    def listing_url(self) -> str:
        return f"{self.url_prefix}/"

    @property
    def feed_url(self) -> str:
        return f"feeds/{self.folder}.atom.xml"


def in_language(lang: str, path: str) -> str:
    """A site path in a language's edition: `es/issues/housing/`; the site's own language has no prefix."""
    return f"{lang}/{path}" if lang else path


@dataclass(frozen=True)
class IssueTranslation:
    """An issue's name and summary in another language, from its file's `translations`."""

    lang: str
    title: str
    summary: str = ""
    line: int = field(default=0, compare=False)  # where the issue file gives it, for messages


@dataclass(frozen=True)
class IssueContact:
    """The staff contact an issue file names: a person (by slug) and one public address set by staff."""

    person: str
    email: str = ""
    url: str = ""

    @property
    def href(self) -> str:
        """`mailto:` and the address, so the reader's own mail client opens; or the form's address."""
        return f"mailto:{self.email}" if self.email else self.url


@dataclass(frozen=True)
class Issue:
    """A topic. `lang` is "" in the site's language; `in_language()` gives the issue as another
    language's pages show it (its name from `translations`, the same slug)."""

    slug: str
    title: str
    summary: str
    body_html: str
    source: str
    translations: tuple[IssueTranslation, ...] = ()
    lang: str = ""
    contact: IssueContact | None = None
    """The staff contact the issue file names (`contact`), shown on the issue's page."""

    @property
    def url(self) -> str:
        return in_language(self.lang, f"issues/{self.slug}/")

    @property
    def feed_url(self) -> str:
        return in_language(self.lang, f"feeds/issues/{self.slug}.atom.xml")

    @property
    def translated(self) -> bool:
        """Shown in its own words in this language: the original, or a language its file translates it to."""
        return not self.lang or any(t.lang == self.lang for t in self.translations)

    def in_language(self, lang: str) -> Issue:
        """This issue on `lang`'s pages: its translated name and summary, or its own name when untranslated
        (a name is a name; its English introduction is not carried over, `body_html` is emptied)."""
        if lang == self.lang:
            return self
        if not lang:
            raise ValueError("in_language('') is only for an issue already in the site's language")
        found = next((t for t in self.translations if t.lang == lang), None)
        title, summary = (found.title, found.summary) if found else (self.title, "")
        return replace(self, lang=lang, title=title, summary=summary, body_html="")


@dataclass(frozen=True)
class Jurisdiction:
    """A place. `source` and `line` name the jurisdiction file's entry; both are empty for a built-in
    place (a state, or a county from the Census list, which alone has a `fips` code). `population` is
    given in jurisdiction files only, with the year it counts (`population_year`)."""

    slug: str
    name: str
    kind: JurisdictionKind
    state: str
    parent: str | None
    lat: float | None = None
    lon: float | None = None
    source: str = ""
    line: int = 0
    fips: str | None = None
    population: int | None = None
    population_year: int | None = None

    @property
    def is_state(self) -> bool:
        return self.kind is JurisdictionKind.STATE

    names: tuple[tuple[str, str], ...] = ()
    """The place's name in other languages, `(lang, name)`, where it differs (`names: {es: Nuevo México}`)."""
    lang: str = ""

    @property
    def url(self) -> str:
        return in_language(self.lang, f"jurisdictions/{self.slug}/")

    @property
    def feed_url(self) -> str:
        return in_language(self.lang, f"feeds/jurisdictions/{self.slug}.atom.xml")

    def in_language(self, lang: str) -> Jurisdiction:
        """This place on `lang`'s pages: its name in that language when the file gives one."""
        if lang == self.lang:
            return self
        name = dict(self.names).get(lang, self.name) if lang else self.name
        return replace(self, lang=lang, name=name)


@dataclass(frozen=True)
class Adoption:
    """A jurisdiction's record of taking up a model: what happened, when, and where it can be checked.

    `url` is the source (the enacted text or the official record). `number` is the ordinance or bill
    number as the jurisdiction writes it; `citation`, the older field, is kept as written and stands in
    for the number where none is given (`identifier`). `text` is a Markdown file of the enacted text
    inside the content folder (a path like `enacted/durham-nc.md`). `provisions` codes what it did with
    the model's sections: (section anchor, status) pairs in the model's order, each anchor one the model's
    text has (checked when the file is read).
    """

    jurisdiction: str
    status: AdoptionStatus
    date: dt.date | None = None
    url: str | None = None
    citation: str | None = None
    number: str | None = None
    sponsors: tuple[str, ...] = ()
    vote: str | None = None
    effective: dt.date | None = None
    text: str | None = None
    notes: str | None = None
    provisions: tuple[tuple[str, ProvisionStatus], ...] = ()

    @property
    def identifier(self) -> str | None:
        """The number to show: `number`, else the older `citation`."""
        return self.number or self.citation

    @property
    def newest_first(self) -> tuple[bool, int, str]:
        """Sort key of the "Adopted in" table and its files: newest date first, undated last, then slug."""
        return (self.date is None, -self.date.toordinal() if self.date else 0, self.jurisdiction)

    @property
    def source_needed(self) -> bool:
        """An adoption claimed as law with nothing a reader can check it against."""
        return self.status is AdoptionStatus.ADOPTED and not self.url


@dataclass(frozen=True)
class Source:
    """A published work a document rests on: shown as a numbered reference, cited in the JSON-LD.

    `url` is an http(s) address when the work is online; `publisher` and `date` when known.
    """

    title: str
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Person:
    """Someone a story names: as written in the story (name, role, jurisdiction), or by the `slug` of a
    person's file (content/people/), whose name, role and jurisdiction the loader then fills in."""

    name: str
    role: str
    jurisdiction: str | None = None
    slug: str | None = None


@dataclass(frozen=True)
class Quote:
    """A pull quote: words the story already quotes, shown apart, with who said them (and their role)."""

    text: str
    by: str
    role: str | None = None


@dataclass(frozen=True)
class ModelSection:
    """A section of a model's text: its anchor (the id its heading gets on the page) and its title.

    Read from the body (hub_content.provisions.model_sections), not kept on the document: the body's
    headings then stay part of the body, which only the pages showing it depend on."""

    anchor: str
    title: str


@dataclass(frozen=True)
class OrdinanceDetails:
    kind: OrdinanceKind = OrdinanceKind.ORDINANCE
    adoptions: tuple[Adoption, ...] = ()

    @property
    def coded(self) -> tuple[Adoption, ...]:
        """The adoptions that code at least one provision."""
        return tuple(a for a in self.adoptions if a.provisions)

    @property
    def label(self) -> str:
        """What the document is called: its kind ("Model resolution"), finer than its type's label."""
        return self.kind.label


@dataclass(frozen=True)
class StoryDetails:
    people: tuple[Person, ...] = ()
    video: str | None = None
    transcript: tuple[str, ...] = ()  # paragraphs
    transcript_url: str | None = None
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class BriefDetails:
    partners: tuple[str, ...] = ()
    file: str | None = None


@runtime_checkable
class Labelled(Protocol):
    """A details record that names its document more precisely than the type's label does."""

    @property
    def label(self) -> str: ...


# The typed record of a type's own fields: a new type with fields of its own adds its record here, and
# whoever reads one narrows it with isinstance.
Details: TypeAlias = OrdinanceDetails | BriefDetails | StoryDetails | EventDetails


class Compressed:
    """A text field kept compressed (zlib) on each record, and given back whole each time it is read.

    The build holds every document while it runs, and their bodies were most of that: at 50,000
    documents, about 300 MB of HTML (more where one character outside Latin-1 makes Python keep every
    character in 2 or 4 bytes), which compresses to a fraction. A body is read a few times a build (its
    page, its toolkit, its key), each in microseconds. Records still pickle, compare and print by the
    text. Set on a dataclass by `compressed`.
    """

    def __init__(self, name: str) -> None:
        self.name, self.stored = name, f"_{name}_z"

    def __get__(self, record: object, owner: type | None = None) -> str:
        if record is None:
            raise AttributeError(self.name)
        return zlib.decompress(getattr(record, self.stored)).decode("utf-8", "surrogatepass")

    def __set__(self, record: object, text: str) -> None:
        data = zlib.compress(text.encode("utf-8", "surrogatepass"), COMPRESSION_LEVEL)
        object.__setattr__(record, self.stored, data)


COMPRESSION_LEVEL = 1  # the fastest: most of what compression saves, for a fifth of the time of level 6
Record = TypeVar("Record", bound=type)


def compressed(*names: str) -> Callable[[Record], Record]:
    """A class decorator, above `@dataclass`: the text fields `names` are kept compressed (`Compressed`).
    Their dataclass `__init__` (and `replace`) set them through the descriptor, frozen or not."""

    def decorate(cls: Record) -> Record:
        for name in names:
            setattr(cls, name, Compressed(name))
        return cls

    return decorate


@compressed("body_html")
@dataclass(frozen=True)
class Document:
    type: DocType
    slug: str
    title: str
    summary: str
    body_html: str
    source: str
    date: dt.date | None = None
    issues: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    updated: dt.date | None = None
    status: Status = Status.PUBLISHED
    image: str | None = None
    image_alt: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None  # who made the image, given with it: "Photo: ...", "Illustration: ..."
    aliases: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    details: Details | None = None
    lang: str = ""
    """"" for the original, in the site's language (DEFAULT_LANG); a translation's language code, from
    its file name (`<slug>.es.md`), otherwise."""
    url: str = field(init=False, repr=False, compare=False, default="")
    """The page's address, made once: every listing, link and lookup of the document holds this one
    string (made at each use, the listings of 50,000 documents held millions of copies)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", in_language(self.lang, self.type.url_for(self.slug)))

    def __hash__(self) -> int:
        # Equal documents have one address; hashing every field would open the body each time.
        return hash(self.url)

    @property
    def label(self) -> str:
        """What the document is called on its page and its cards: its details' own label, if they have
        one (an ordinance's kind), else its type's label; a string for gettext, like every label."""
        return self.details.label if isinstance(self.details, Labelled) else self.type.label

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT

    def is_scheduled(self, today: dt.date) -> bool:
        """Dated after `today`: published on that date, by the first build from then on."""
        return self.date is not None and self.date > today

    @property
    def sort_key(self) -> tuple[int, str, str]:
        """Newest first, then by type and slug, so equal dates still order the same on every build."""
        ordinal = self.date.toordinal() if self.date else 0
        return (-ordinal, self.type.name, self.slug)

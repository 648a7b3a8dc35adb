"""What one output page is: a typed, frozen `PageView`, planned before any page is rendered.

Reads and writes nothing. `hub_pages` (and `hub_search` and `hub_history`, for their pages) plan one view
per page once the content graph exists; every later step reads only views: the renderer renders
`view.template` with the view's values, the sitemap and the page reuse read its kind, subject and inputs,
and other plugins add their typed part (the head, the search facets, the map, an ordinance's toolkit and
history) through `ViewParts` before anything is rendered, so templates print values and compute nothing.
The model is mkdocs-material's blog plugin's: views are plain records, and a page's inputs are declared
with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from hub_model import DocType, Document, Issue, Jurisdiction, Partner, PersonProfile

from .context import VIEW_PARTS_KEY

Subject = Document | Issue | Jurisdiction | DocType | PersonProfile | Partner | None
VIEW = "view"
"""The name a page's view goes by: in its template, and in the context `content_written` carries."""


class Kind(Enum):
    """What a page is. Each page has exactly one kind, set by whoever plans it."""

    HOME = "home"
    DOCUMENT = "document"  # a document of any type (an undated one, like About, included)
    LISTING = "listing"  # a type's documents, newest first, paginated
    RANKING = "ranking"  # a type's documents by adoption count
    SCOPED_LISTING = "scoped-listing"  # one type's documents on an issue or naming a jurisdiction
    ISSUES = "issues"  # the index of issues
    ISSUE = "issue"
    JURISDICTIONS = "jurisdictions"  # the index of jurisdictions
    JURISDICTION = "jurisdiction"
    SEARCH = "search"
    REDIRECT = "redirect"  # an old address (`aliases`) pointing to a document
    NOT_FOUND = "not-found"
    HISTORY = "history"  # every version of a document and what changed in each (hub_history)
    ENACTED = "enacted"  # an adoption's enacted text beside its model, section by section (hub_enacted)
    COMPARISON = "comparison"  # a model's sections against what each adoption kept, changed or omitted
    DIGESTS = "digests"  # the archive of newsletter digests (hub_digest)
    DIGEST = "digest"  # one newsletter digest: what was published in its window, by issue (hub_digest)
    PEOPLE = "people"  # the index of people with pages
    PERSON = "person"  # a person's page: their file, and what names them
    PARTNERS = "partners"  # the index of partner organizations
    PARTNER = "partner"  # a partner's page: its file, and the briefs naming it
    DATA = "data"  # the open data: every dataset, its files and its codebook (hub_data)

    @property
    def is_collection(self) -> bool:
        """Listings, issue and jurisdiction pages, and the index of each (schema.org CollectionPages)."""
        return self in _COLLECTIONS

    @property
    def in_sitemap(self) -> bool:
        """Whether search engines are told about the page: not the 404, search or redirect pages."""
        return self not in (Kind.NOT_FOUND, Kind.SEARCH, Kind.REDIRECT)


_COLLECTIONS = frozenset(
    {
        Kind.LISTING,
        Kind.RANKING,
        Kind.SCOPED_LISTING,
        Kind.ISSUES,
        Kind.ISSUE,
        Kind.JURISDICTIONS,
        Kind.JURISDICTION,
        Kind.DIGESTS,
        Kind.DIGEST,
        Kind.PEOPLE,
        Kind.PARTNERS,
    }
)


@dataclass(frozen=True)
class Inputs:
    """What a page is made from besides the code, the theme and the settings (which every page reads).

    Documents are named by URL, issues and jurisdictions by slug. `bodies` are the documents whose body
    the page shows (with what other plugins made from it: the toolkit, the history); the others count by
    their metadata (titles, summaries, dates, adoptions). `templates` and `settings` name the template the
    page starts from and the HUB settings that shape it; page reuse covers them with the whole theme and
    all settings, since templates include one another and share the site's layout.
    """

    documents: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Values:
    """The values a page's template prints; each kind of page has its own frozen subclass, whose fields
    become the template's variables."""

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class Head:
    """What a page's <head> tells the sites it is shared on and the machines that read it (hub_meta)."""

    canonical: str | None
    """The page's own absolute address, also og:url; None on the 404 page and without an absolute
    SITEURL (a relative canonical address is invalid)."""
    title: str
    description: str
    site_name: str
    locale: str
    og_type: str
    image: str | None
    """The sharing picture's absolute address; None without an absolute SITEURL."""
    image_alt: str | None
    twitter_card: str
    published: str | None
    """article:published_time, for dated documents."""
    modified: str | None
    structured_data: str | None
    """JSON-LD, already safe to print inside <script type="application/ld+json">."""
    alternates: tuple[tuple[str, str], ...] = ()
    """(hreflang, address) of the page in each of its languages and `x-default` (the site's language);
    empty for a page in one language."""
    image_width: int | None = None
    """The image's size in pixels, when known (a document's social card: 1200 x 630)."""
    image_height: int | None = None


@dataclass(frozen=True)
class Facets:
    """What the search index knows about a page (hub_search): printed as Pagefind `<data>` elements."""

    filters: tuple[tuple[str, str], ...]  # (filter name, value), a name may repeat
    meta: tuple[tuple[str, str], ...]  # (meta name, text shown in results)
    date: str | None = None  # ISO date to sort by


class Figure(Protocol):
    """A map a page shows (hub_map): its file, whether it is shown, and what the template prints."""

    @property
    def path(self) -> str: ...

    @property
    def shown(self) -> bool: ...


class ToolkitPart(Protocol):
    """An ordinance's toolkit (hub_toolkit): its page prints the model text from it, with the table of
    contents, the placeholders, the downloads and the citation around it."""

    @property
    def html(self) -> str:
        """The body with section anchors and marked placeholders, checked HTML (hub_content's body)."""
        ...


class HistoryPart(Protocol):
    """What a document's page shows of its history (hub_history): when it last changed, its latest
    versions, and the address of the page listing them all."""

    @property
    def url(self) -> str: ...

    @property
    def last_updated(self) -> dt.date | None: ...

    @property
    def available(self) -> bool:
        """False when the build has no history to read (outside git, or `HUB_HISTORY = False`)."""
        ...


class TimelinePart(Protocol):
    """Adoptions by year on an ordinance's or an issue's page (hub_timeline): a chart drawn at build time,
    printed inline by theme/templates/timeline.html with the same counts as a table."""

    @property
    def svg(self) -> str:
        """The chart's `<svg>` element, every text in it escaped."""
        ...

    @property
    def total(self) -> int: ...


class EventsPart(Protocol):
    """Events on a page (hub_events): an event's own facts on its page, or the upcoming and past events
    of the events listing, an issue or a place, split by the build's date."""

    @property
    def calendar(self) -> str | None:
        """The site path of the page's calendar file (.ics): the event's, or one to subscribe to."""
        ...


@dataclass(frozen=True)
class Alternate:
    """The same page in another language (or in its own): for hreflang links and the language switch."""

    lang: str
    """Its language code (`en`, `es`), as `hreflang` and `lang` want it."""
    url: str
    """Its address relative to the site root: `es/stories/x/`."""
    name: str
    """The language's name in that language, capitalised: "Español", "English"."""


@dataclass(frozen=True)
class PageView:
    """One output page: what it is, where it goes, what it shows and what it is made from."""

    kind: Kind
    path: str
    """The output file, relative to the output folder: `ordinances/x/index.html`."""
    template: str
    subject: Subject = None
    """The document, issue, jurisdiction or (listings) type the page is about."""
    values: Values = field(default_factory=Values)
    inputs: Inputs = field(default_factory=Inputs)
    section: str = ""
    """The navigation entry marked current: `home`, a type's name, `issues`, `jurisdictions`, `search`."""
    scope: Issue | Jurisdiction | None = None
    """A scoped listing's issue or jurisdiction."""
    number: int = 1
    """A paginated listing's page number."""
    source: str | None = None
    """The content file the page comes from, relative to the content folder, for error messages."""
    lang: str = ""
    """The page's language: "" for the site's own (DEFAULT_LANG), else a code of `HUB_LANGUAGES`; the
    page lives under `<lang>/`."""
    alternates: tuple[Alternate, ...] = ()
    """The same page in every language it exists in, this one included, the site's language first;
    empty when the page exists in one language only."""
    head: Head | None = None
    facets: Facets | None = None
    figure: Figure | None = None
    toolkit: ToolkitPart | None = None
    history: HistoryPart | None = None
    timeline: TimelinePart | None = None
    events: EventsPart | None = None

    @property
    def url(self) -> str:
        """`ordinances/x/index.html` -> `ordinances/x/`; `index.html` -> `` (the home page)."""
        return self.path[: -len("index.html")] if self.path.endswith("index.html") else self.path

    @property
    def prefix(self) -> str:
        """Where the page's language edition lives: `es/` for a Spanish page, `` for the site's language."""
        return f"{self.lang}/" if self.lang else ""

    def variables(self) -> dict[str, Any]:
        """What the template is rendered with, besides the site-wide context: the values, and the view."""
        return {**self.values.variables(), "section": self.section, VIEW: self}


ViewPart = Callable[[PageView], PageView]
"""A plugin's contribution: the view with the plugin's part added (`dataclasses.replace(view, head=…)`)."""


class ViewParts:
    """What plugins add to every view before it is rendered, in the order they registered.

    Kept in the build's context (`view_parts(context)`), never in a module global: plugins register on
    Pelican's `generator_init`, which runs for every generator, so a plugin's part is kept once, by name.
    """

    def __init__(self) -> None:
        self._parts: dict[str, ViewPart] = {}

    def add(self, owner: str, part: ViewPart) -> None:
        self._parts[owner] = part

    def complete(self, view: PageView) -> PageView:
        for part in self._parts.values():
            view = part(view)
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)


def view_parts(context: MutableMapping[str, Any]) -> ViewParts:
    """The build's `ViewParts`, made on first use."""
    parts = context.setdefault(VIEW_PARTS_KEY, ViewParts())
    if not isinstance(parts, ViewParts):
        raise TypeError(f"{VIEW_PARTS_KEY} in the context is not a ViewParts")
    return parts


def view_of(context: Mapping[str, Any] | None) -> PageView | None:
    """The view a written file was rendered from, from a `content_written` context; None for other files."""
    view = (context or {}).get(VIEW)
    return view if isinstance(view, PageView) else None

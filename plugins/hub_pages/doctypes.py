"""What a document's page shows that only its type has, kept with the type instead of spread over pages.

Reads the `Site` graph; writes nothing. A type's page is its template `types/<name>.html` when the
theme has one (it extends `document.html` and fills its blocks), else `document.html` (`page.html` for
unlisted types); the values only that template prints come from `TYPE_VALUES`, keyed by the type's
details record. Adding a type is one `DocType`, its partial and, if its page shows computed values, one
entry here. The page `HUB_CONTACT` names gets the contact channels instead (`page_values`), from the
settings alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from hub_core.contact import Channel
from hub_core.outputs import ADOPTIONS_CSV, ADOPTIONS_JSON
from hub_core.settings import Contact
from hub_core.views import Values
from hub_model import DocType, Document, Jurisdiction, OrdinanceDetails, Person, Site, StoryDetails

from .views import (
    AdoptionRow,
    AdoptionSummary,
    PreemptionRow,
    VideoEmbed,
    adoption_summary,
    model_preemptions,
    newest_first,
    original_url,
    video_embed,
)

PARTIALS = "types"
COMPARISON = "compare/"  # a model's comparison with its coded adoptions, in the model's folder


def comparison_url(doc: Document) -> str | None:
    """The address of the model's comparison page: only a model with a coded adoption has one, in the
    site's language (a translation's page links the original's)."""
    details = doc.details
    return original_url(doc) + COMPARISON if isinstance(details, OrdinanceDetails) and details.coded else None


def ranked(doc_type: DocType) -> bool:
    """Whether the type has a listing by adoption count (the types whose documents are adopted)."""
    return doc_type.details is OrdinanceDetails


def template_for(doc_type: DocType, templates: Collection[str]) -> str:
    """The type's own template when the theme has one, else the shared one."""
    own = f"{PARTIALS}/{doc_type.name}"
    if f"{own}.html" in templates:
        return own
    return "document" if doc_type.listed else "page"


@dataclass(frozen=True)
class AdoptionFiles:
    """Where the model's adoptions are as open data (hub_data writes them)."""

    csv: str
    json: str


@dataclass(frozen=True)
class OrdinanceValues(Values):
    adoptions: tuple[AdoptionRow, ...]
    """The "Adopted in" table's rows: newest first, undated last."""
    adoption_summary: AdoptionSummary
    adoption_files: AdoptionFiles | None
    """None when there is nothing to list."""
    preemptions: tuple[PreemptionRow, ...] = ()
    """State laws preempting (or that preempted) the model's issues where it was taken up."""
    comparison: str | None = None
    """The comparison page's address, when an adoption codes the model's provisions."""


@dataclass(frozen=True)
class StoryValues(Values):
    video: VideoEmbed | None
    people: tuple[tuple[Person, Jurisdiction | None], ...]
    """Each person with the jurisdiction they serve, if any."""


@dataclass(frozen=True)
class ContactValues(Values):
    contact_channels: tuple[Channel, ...]
    """The ways to reach the network (`HUB_CONTACT`), in the settings' order; empty when none is set up."""


def shows_contact(doc: Document, contact: Contact) -> bool:
    """Whether the document is the page `HUB_CONTACT` lists the channels on (any of its translations)."""
    return not doc.type.listed and doc.slug == contact.page


TypeValues = Callable[[Site, Document, tuple[AdoptionRow, ...]], Values]


def _ordinance(site: Site, doc: Document, rows: tuple[AdoptionRow, ...]) -> Values:
    home = original_url(doc)  # the open data is the original's
    files = AdoptionFiles(home + ADOPTIONS_CSV, home + ADOPTIONS_JSON) if rows else None
    return OrdinanceValues(
        newest_first(rows),
        adoption_summary(rows),
        files,
        model_preemptions(site, doc, rows),
        comparison_url(doc),
    )


def _story(site: Site, doc: Document, _rows: tuple[AdoptionRow, ...]) -> Values:
    details = doc.details
    if not isinstance(details, StoryDetails):  # TYPE_VALUES chose this by the details' class
        raise TypeError(f"{doc.source} is not a story")
    people = tuple(
        (p, site.jurisdictions[p.jurisdiction] if p.jurisdiction else None) for p in details.people
    )
    return StoryValues(video_embed(details.video), people)


TYPE_VALUES: Mapping[type, TypeValues] = {OrdinanceDetails: _ordinance, StoryDetails: _story}


def type_values(site: Site, doc: Document, rows: tuple[AdoptionRow, ...]) -> Values:
    """The values only the document's type shows (none for most)."""
    make = TYPE_VALUES.get(type(doc.details))
    return make(site, doc, rows) if make is not None else Values()


def page_values(site: Site, doc: Document, rows: tuple[AdoptionRow, ...], contact: Contact) -> Values:
    """What only the document's page shows: the contact channels on the contact page, else its type's."""
    return ContactValues(contact.channels) if shows_contact(doc, contact) else type_values(site, doc, rows)

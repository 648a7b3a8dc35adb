"""Views: what one output page shows, computed from the content graph before any template runs.

Reads the `Site` graph; writes nothing. Each view is a small frozen record with its output path and the
values its template needs, so templates do no lookups of their own and every list has a fixed order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hub_model import (
    Adoption,
    AdoptionStatus,
    DocType,
    Document,
    Issue,
    Jurisdiction,
    OrdinanceDetails,
    Site,
    jurisdiction_sort_key,
)


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing."""

    items: tuple[Any, ...]
    number: int
    count: int
    base_url: str

    @property
    def url(self) -> str:
        return page_url(self.base_url, self.number)

    @property
    def previous_url(self) -> str | None:
        return page_url(self.base_url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base_url, self.number + 1) if self.number < self.count else None


def page_url(base_url: str, number: int) -> str:
    return base_url if number == 1 else f"{base_url}page/{number}/"


def paginate(items: Sequence[Any], per_page: int, base_url: str) -> list[Pager]:
    """Always at least one page, so an empty listing still has its URL."""
    chunks = [tuple(items[i : i + per_page]) for i in range(0, len(items), per_page)] or [()]
    return [Pager(chunk, n, len(chunks), base_url) for n, chunk in enumerate(chunks, 1)]


@dataclass(frozen=True)
class AdoptionRow:
    adoption: Adoption
    jurisdiction: Jurisdiction
    state: Jurisdiction
    ordinance: Document


@dataclass(frozen=True)
class Group:
    """Documents of one type, as shown in a section of an issue or jurisdiction page."""

    type: DocType
    documents: tuple[Document, ...]


def adoption_rows(site: Site, ordinance: Document) -> tuple[AdoptionRow, ...]:
    """The ordinance's adoptions, grouped by state, then by jurisdiction name."""
    details: OrdinanceDetails = ordinance.details
    rows = [_row(site, a, ordinance) for a in details.adoptions]
    return tuple(sorted(rows, key=lambda r: (r.state.name, not r.jurisdiction.is_state, r.jurisdiction.name)))


def _row(site: Site, adoption: Adoption, ordinance: Document) -> AdoptionRow:
    jurisdiction = site.jurisdictions[adoption.jurisdiction]
    return AdoptionRow(adoption, jurisdiction, site.jurisdictions[jurisdiction.state], ordinance)


def adoption_counts(rows: Sequence[AdoptionRow]) -> tuple[int, int]:
    """(jurisdictions, states) where the policy is in force."""
    adopted = [r for r in rows if r.adoption.status is AdoptionStatus.ADOPTED]
    return len({r.jurisdiction.slug for r in adopted}), len({r.state.slug for r in adopted})


def adoptions_in(site: Site, jurisdiction: Jurisdiction) -> tuple[AdoptionRow, ...]:
    """Adoptions in the jurisdiction or, for a state, anywhere within it."""
    rows = []
    for doc in site.documents_in(jurisdiction):
        if isinstance(doc.details, OrdinanceDetails):
            rows += [r for r in adoption_rows(site, doc) if _within(r.jurisdiction, jurisdiction)]
    return tuple(sorted(rows, key=lambda r: (jurisdiction_sort_key(r.jurisdiction), r.ordinance.title)))


def _within(candidate: Jurisdiction, area: Jurisdiction) -> bool:
    return candidate.slug == area.slug or (area.is_state and candidate.state == area.slug)


def groups(site: Site, documents: Sequence[Document]) -> tuple[Group, ...]:
    """Documents split by type, in the registry's order (ordinances first), newest first within."""
    out = []
    for doc_type in site.types:
        chosen = tuple(d for d in documents if d.type is doc_type)
        if chosen:
            out.append(Group(doc_type, chosen))
    return tuple(out)


def issues_of(site: Site, document: Document) -> tuple[Issue, ...]:
    return tuple(site.issues[s] for s in document.issues)


def jurisdictions_of(site: Site, document: Document) -> tuple[Jurisdiction, ...]:
    return tuple(site.jurisdictions[s] for s in document.jurisdictions)

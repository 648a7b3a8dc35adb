"""The computations behind what pages show: pagination, adoption rows, groups by type, places, counts.

Reads the `Site` graph; writes nothing. The planner (planner.py) calls these while it plans each page's
`PageView`, before any template runs; each result is a small frozen record or a tuple with a fixed order,
so templates do no lookups of their own.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hub_core.outputs import ENACTED
from hub_model import (
    PREEMPTION_ISSUE,
    Adoption,
    AdoptionStatus,
    DocType,
    Document,
    Issue,
    Jurisdiction,
    OrdinanceDetails,
    Preemption,
    Site,
    jurisdiction_sort_key,
    named_jurisdictions,
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

    @property
    def enacted_url(self) -> str | None:
        """The enacted text beside the model (hub_enacted writes it), when the adoption has one."""
        home = original_url(self.ordinance)  # in the site's language only
        return f"{home}{ENACTED}{self.jurisdiction.slug}/" if self.adoption.text else None


def original_url(doc: Document) -> str:
    """The address of the document in the site's language: a translation's without its `<lang>/`."""
    return doc.url.removeprefix(f"{doc.lang}/") if doc.lang else doc.url


@dataclass(frozen=True)
class Group:
    """Documents of one type on an issue or jurisdiction page: the newest few, and where to find all."""

    type: DocType
    documents: tuple[Document, ...]
    total: int
    all_url: str | None = None  # the full, paginated list when `documents` shows only part


@dataclass(frozen=True)
class AdoptionSummary:
    """Where an ordinance is in force, local and statewide apart, so no sentence counts a state for a town.

    `jurisdictions` counts the local places (cities, counties, districts) and `states` names the states they
    are in; `statewide` names the states with a statewide law.
    """

    jurisdictions: int
    states: tuple[Jurisdiction, ...]
    statewide: tuple[Jurisdiction, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.jurisdictions or self.statewide)


@dataclass(frozen=True)
class Place:
    """A state with the jurisdictions in it that are active on an issue."""

    state: Jurisdiction
    jurisdictions: tuple[Jurisdiction, ...]


def adoptions_of(doc: Document) -> tuple[Adoption, ...]:
    """Where the document has been taken up: only model ordinances are."""
    return doc.details.adoptions if isinstance(doc.details, OrdinanceDetails) else ()


def adoption_rows(site: Site, ordinance: Document) -> tuple[AdoptionRow, ...]:
    """The ordinance's adoptions, grouped by state, then by jurisdiction name (none for other types)."""
    rows = [_row(site, a, ordinance) for a in adoptions_of(ordinance)]
    return tuple(sorted(rows, key=lambda r: (r.state.name, not r.jurisdiction.is_state, r.jurisdiction.name)))


def _row(site: Site, adoption: Adoption, ordinance: Document) -> AdoptionRow:
    jurisdiction = site.jurisdictions[adoption.jurisdiction]
    return AdoptionRow(adoption, jurisdiction, site.jurisdictions[jurisdiction.state], ordinance)


def newest_first(rows: Sequence[AdoptionRow]) -> tuple[AdoptionRow, ...]:
    """A model's adoptions as its "Adopted in" table lists them: newest first, undated last."""
    return tuple(sorted(rows, key=lambda r: r.adoption.newest_first))


def adoption_summary(rows: Sequence[AdoptionRow]) -> AdoptionSummary:
    """Counts only adoptions in force (status adopted); states in name order."""
    adopted = [r for r in rows if r.adoption.status is AdoptionStatus.ADOPTED]
    local = [r for r in adopted if not r.jurisdiction.is_state]
    states = {r.state.slug: r.state for r in local}
    statewide = {r.state.slug: r.state for r in adopted if r.jurisdiction.is_state}
    return AdoptionSummary(
        len({r.jurisdiction.slug for r in local}),
        tuple(sorted(states.values(), key=lambda s: s.name)),
        tuple(sorted(statewide.values(), key=lambda s: s.name)),
    )


def by_state(rows: Sequence[AdoptionRow]) -> tuple[tuple[Jurisdiction, tuple[AdoptionRow, ...]], ...]:
    """Adoption rows grouped under their state, keeping the rows' order."""
    groups: dict[str, list[AdoptionRow]] = {}
    for row in rows:
        groups.setdefault(row.state.slug, []).append(row)
    return tuple((rows_[0].state, tuple(rows_)) for rows_ in groups.values())


def adoption_ranking(site: Site, ordinances: Sequence[Document]) -> list[Document]:
    """Ordinances by how widely they are in force, then by how often taken up at all, newest first."""

    def key(doc: Document) -> tuple[int, int, tuple[int, str, str]]:
        rows = adoption_rows(site, doc)
        return (-adoption_summary(rows).jurisdictions, -len(rows), doc.sort_key)

    return sorted(ordinances, key=key)


def adoptions_in(
    site: Site, jurisdiction: Jurisdiction, rows_by_url: Mapping[str, tuple[AdoptionRow, ...]]
) -> tuple[AdoptionRow, ...]:
    """Adoptions in the jurisdiction or, for a state, anywhere within it (rows computed once per site)."""
    rows = []
    for doc in site.documents_in(jurisdiction):
        rows += [r for r in rows_by_url.get(doc.url, ()) if _within(r.jurisdiction, jurisdiction)]
    return tuple(sorted(rows, key=lambda r: (jurisdiction_sort_key(r.jurisdiction), r.ordinance.title)))


def _within(candidate: Jurisdiction, area: Jurisdiction) -> bool:
    return candidate.slug == area.slug or (area.is_state and candidate.state == area.slug)


def groups(site: Site, documents: Sequence[Document]) -> tuple[Group, ...]:
    """Documents split by type, in the registry's order (ordinances first), newest first within."""
    out = []
    for doc_type in site.types:
        chosen = tuple(d for d in documents if d.type is doc_type)
        if chosen:
            out.append(Group(doc_type, chosen, len(chosen)))
    return tuple(out)


def previews(full: Sequence[Group], preview: int | None, base_url: str) -> tuple[Group, ...]:
    """Each group cut to its newest `preview` documents, linking to `<base_url><folder>/` for all."""
    return tuple(
        Group(g.type, g.documents[:preview], g.total, f"{base_url}{g.type.folder}/")
        if preview is not None and g.total > preview
        else g
        for g in full
    )


def places(site: Site, documents: Sequence[Document]) -> tuple[Place, ...]:
    """The states and jurisdictions the documents name, states by name, jurisdictions by name within."""
    found: dict[str, set[str]] = {}
    for doc in documents:
        for slug in named_jurisdictions(doc):
            jurisdiction = site.jurisdictions[slug]
            found.setdefault(jurisdiction.state, set())
            if not jurisdiction.is_state:
                found[jurisdiction.state].add(slug)
    states = sorted((site.jurisdictions[s] for s in found), key=lambda s: s.name)
    return tuple(
        Place(
            state,
            tuple(sorted((site.jurisdictions[s] for s in found[state.slug]), key=jurisdiction_sort_key)),
        )
        for state in states
    )


def issue_counts(site: Site, documents: Sequence[Document]) -> tuple[tuple[Issue, int], ...]:
    """Issues of the documents with how many documents each, in the issues' title order."""
    counts: dict[str, int] = {}
    for doc in documents:
        for slug in doc.issues:
            counts[slug] = counts.get(slug, 0) + 1
    return tuple((issue, counts[slug]) for slug, issue in site.issues.items() if slug in counts)


def active_issues(site: Site, documents: Sequence[Document]) -> tuple[tuple[Issue, int], ...]:
    """Issues of the documents with how many documents each, most first, then by title."""
    counts: dict[str, int] = {}
    for doc in documents:
        for slug in doc.issues:
            counts[slug] = counts.get(slug, 0) + 1
    issues = [(site.issues[s], n) for s, n in counts.items()]
    return tuple(sorted(issues, key=lambda pair: (-pair[1], pair[0].title.casefold())))


@dataclass(frozen=True)
class PreemptionRow:
    """A state preemption record with its state and the issues a page names it for."""

    preemption: Preemption
    state: Jurisdiction
    issues: tuple[Issue, ...]

    @property
    def issue_titles(self) -> str:
        """ "LGBTQ+ Equality": the issues' titles, for a sentence about local action on them; the
        preemption issue itself is left out when the record names others (local action "on preemption"
        says nothing)."""
        named = [i for i in self.issues if i.slug != PREEMPTION_ISSUE] or self.issues
        return ", ".join(issue.title for issue in named)


def preemption_rows(
    site: Site, records: Sequence[Preemption], only: Collection[str] | None = None
) -> tuple[PreemptionRow, ...]:
    """The records in the site's order, each with its issues (only those in `only`, when given)."""
    return tuple(
        PreemptionRow(
            p,
            site.jurisdictions[p.state],
            tuple(site.issues[s] for s in p.issues if only is None or s in only),
        )
        for p in records
    )


def model_preemptions(site: Site, doc: Document, rows: Sequence[AdoptionRow]) -> tuple[PreemptionRow, ...]:
    """Preemption, in force or past, of the model's issues in the states of its adoption list."""
    states = {r.state.slug for r in rows}
    records = [p for p in site.preemptions_on(doc.issues) if p.state in states]
    return preemption_rows(site, records, set(doc.issues))


def issue_preemptions(site: Site, issue: Issue) -> tuple[PreemptionRow, ...]:
    """The records on an issue; on the preemption issue's page, every record on every issue."""
    if issue.slug == PREEMPTION_ISSUE:
        return preemption_rows(site, site.preemptions)
    return preemption_rows(site, site.preemptions_on((issue.slug,)))


def issues_of(site: Site, document: Document) -> tuple[Issue, ...]:
    return tuple(site.issues[s] for s in document.issues)


def jurisdictions_of(site: Site, document: Document) -> tuple[Jurisdiction, ...]:
    return tuple(site.jurisdictions[s] for s in document.jurisdictions)


@dataclass(frozen=True)
class VideoEmbed:
    """Where a story's video plays in the page once the reader asks for it (never before)."""

    host: str  # shown to the reader: where the video will load from
    src: str  # the privacy-enhanced player


_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|shorts/|embed/)|youtu\.be/)([\w-]{6,})"
)
_VIMEO = re.compile(r"^https?://(?:www\.)?vimeo\.com/(\d+)")


def video_embed(url: str | None) -> VideoEmbed | None:
    """The privacy-enhanced embed for YouTube and Vimeo links; other hosts are only linked to."""
    if not url:
        return None
    if match := _YOUTUBE.match(url):
        return VideoEmbed("youtube-nocookie.com", f"https://www.youtube-nocookie.com/embed/{match.group(1)}")
    if match := _VIMEO.match(url):
        return VideoEmbed("player.vimeo.com", f"https://player.vimeo.com/video/{match.group(1)}?dnt=1")
    return None

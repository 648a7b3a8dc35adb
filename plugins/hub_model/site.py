"""The content graph: every issue, jurisdiction and document, with links in both directions.

Reads the validated records that `hub_content` built; writes nothing. Reverse links (documents on an
issue, documents naming a jurisdiction, children of a jurisdiction) are computed once here, with explicit
sort keys, so every page generator sees the same, reproducible order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from .digest import Digest
from .events import EventDetails
from .model import DocType, Document, Issue, Jurisdiction, OrdinanceDetails, StoryDetails
from .network import Network, Partner, PersonProfile, build_network
from .preemption import Preemption
from .related import related_documents, related_issues


@dataclass(frozen=True)
class Site:
    types: tuple[DocType, ...]
    issues: Mapping[str, Issue]
    jurisdictions: Mapping[str, Jurisdiction]
    documents: tuple[Document, ...]
    by_type: Mapping[str, tuple[Document, ...]]
    by_issue: Mapping[str, tuple[Document, ...]]
    by_jurisdiction: Mapping[str, tuple[Document, ...]]
    children: Mapping[str, tuple[Jurisdiction, ...]]
    related: Mapping[str, tuple[Document, ...]]
    related_issue_slugs: Mapping[str, tuple[str, ...]]
    preemptions: tuple[Preemption, ...] = ()
    """Every state preemption record, by state, in force first, then law (`Preemption.sort_key`)."""
    translations: tuple[Document, ...] = ()
    """Every translation of a document in `documents` (`lang` set), by language, then newest first."""
    digests: tuple[Digest, ...] = ()
    """Every newsletter digest sent (`content/digests/`), newest first (`Digest.sort_key`)."""
    network: Network = field(default_factory=Network)
    """People and partners with pages, and what names them (network.py)."""

    def translations_of(self, document: Document) -> tuple[Document, ...]:
        """The document's translations, by language (none for a translation itself)."""
        return self._translations.get((document.type.name, document.slug), ()) if not document.lang else ()

    def translation(self, document: Document, lang: str) -> Document | None:
        """The document in `lang`: itself when it is in that language already, else its translation."""
        if document.lang == lang:
            return document
        original = self.original(document)
        return next((t for t in self.translations_of(original) if t.lang == lang), None) if lang else original

    def original(self, document: Document) -> Document:
        """The document in the site's own language (a translation's original)."""
        if not document.lang:
            return document
        return next(d for d in self.documents_of(document.type) if d.slug == document.slug)

    @cached_property
    def _translations(self) -> Mapping[tuple[str, str], tuple[Document, ...]]:
        found: dict[tuple[str, str], list[Document]] = defaultdict(list)
        for t in self.translations:
            found[(t.type.name, t.slug)].append(t)
        return {key: tuple(sorted(ts, key=lambda t: t.lang)) for key, ts in found.items()}

    def type_named(self, name: str) -> DocType:
        return next(t for t in self.types if t.name == name)

    def documents_of(self, doc_type: DocType) -> tuple[Document, ...]:
        return self.by_type.get(doc_type.name, ())

    def documents_on(self, issue: Issue) -> tuple[Document, ...]:
        return self.by_issue.get(issue.slug, ())

    def documents_in(self, jurisdiction: Jurisdiction) -> tuple[Document, ...]:
        """Documents naming the jurisdiction or, for a state, anything within it."""
        return self.by_jurisdiction.get(jurisdiction.slug, ())

    def related_to(self, document: Document) -> tuple[Document, ...]:
        """Documents sharing the most issues and jurisdictions with this one, best first."""
        return self.related.get(document.url, ())

    def related_issues(self, issue: Issue) -> tuple[Issue, ...]:
        """Issues sharing the most documents with this one."""
        return tuple(self.issues[s] for s in self.related_issue_slugs.get(issue.slug, ()))

    def preemptions_in(self, state: str) -> tuple[Preemption, ...]:
        """The state's preemption records (none for a local jurisdiction's slug)."""
        return tuple(p for p in self.preemptions if p.state == state)

    def preemptions_on(self, issues: Iterable[str]) -> tuple[Preemption, ...]:
        """The records that name any of these issues."""
        wanted = set(issues)
        return tuple(p for p in self.preemptions if wanted.intersection(p.issues))

    def ancestors(self, jurisdiction: Jurisdiction) -> tuple[Jurisdiction, ...]:
        """Outermost first: (state, county) for a town in a county."""
        chain: list[Jurisdiction] = []
        current = jurisdiction
        while not current.is_state:
            current = self.jurisdictions[current.parent or current.state]
            chain.append(current)
        return tuple(reversed(chain))

    @cached_property
    def events(self) -> tuple[Document, ...]:
        """Every event, earliest first (by its start, then slug); each one's details are EventDetails."""
        return tuple(sorted((d for d in self.documents if isinstance(d.details, EventDetails)), key=_when))

    def events_on(self, issue: Issue) -> tuple[Document, ...]:
        """The events on an issue, earliest first."""
        return tuple(d for d in self.events if issue.slug in d.issues)

    def events_in(self, jurisdiction: Jurisdiction) -> tuple[Document, ...]:
        """The events naming a jurisdiction (or, for a state, anything within it), earliest first."""
        here = {d.url for d in self.documents_in(jurisdiction)}
        return tuple(d for d in self.events if d.url in here)

    @cached_property
    def jurisdictions_with_pages(self) -> tuple[Jurisdiction, ...]:
        """Every jurisdiction a document names, with its ancestors, so breadcrumbs never dangle, and every
        state with a preemption record."""
        named = {slug for slug, docs in self.by_jurisdiction.items() if docs}
        named.update(p.state for p in self.preemptions)  # a state page lists its preemptions
        named.update(slug for slug, people in self.network.people_in.items() if people)  # lists its people
        keep: set[str] = set()
        for slug in named:
            jurisdiction = self.jurisdictions[slug]
            keep.add(slug)
            keep.update(a.slug for a in self.ancestors(jurisdiction))
        return tuple(sorted((self.jurisdictions[s] for s in keep), key=jurisdiction_sort_key))


def _when(document: Document) -> tuple[tuple[int, float], str]:
    details = document.details
    return (details.sort_key if isinstance(details, EventDetails) else (0, 0.0), document.slug)


def jurisdiction_sort_key(jurisdiction: Jurisdiction) -> tuple[str, bool, str, str]:
    """States in postal-code order, each followed by its jurisdictions by name."""
    return (jurisdiction.state, not jurisdiction.is_state, jurisdiction.name.casefold(), jurisdiction.slug)


def named_jurisdictions(document: Document) -> tuple[str, ...]:
    """Every jurisdiction a document names: its own list, its adoptions and its people."""
    slugs = list(document.jurisdictions)
    if isinstance(document.details, OrdinanceDetails):
        slugs += [a.jurisdiction for a in document.details.adoptions]
    if isinstance(document.details, StoryDetails):
        slugs += [p.jurisdiction for p in document.details.people if p.jurisdiction]
    if isinstance(document.details, EventDetails) and document.details.place:
        slugs += [document.details.place.jurisdiction] if document.details.place.jurisdiction else []
    return tuple(dict.fromkeys(slugs))


def build_site(
    types: Iterable[DocType],
    issues: Iterable[Issue],
    jurisdictions: Iterable[Jurisdiction],
    documents: Iterable[Document],
    preemptions: Iterable[Preemption] = (),
    translations: Iterable[Document] = (),
    digests: Iterable[Digest] = (),
    people: Iterable[PersonProfile] = (),
    partners: Iterable[Partner] = (),
) -> Site:
    """Assemble the graph from validated records; the caller has already checked every reference
    (patch.py patches it after a save)."""
    docs = tuple(sorted(documents, key=lambda d: d.sort_key))
    all_jurisdictions = {j.slug: j for j in jurisdictions}
    by_type: dict[str, list[Document]] = defaultdict(list)
    by_issue: dict[str, list[Document]] = defaultdict(list)
    by_jurisdiction: dict[str, list[Document]] = defaultdict(list)
    named = {doc.url: named_jurisdictions(doc) for doc in docs}
    for doc in docs:
        by_type[doc.type.name].append(doc)
        for slug in doc.issues:
            by_issue[slug].append(doc)
        for slug in with_states(named[doc.url], all_jurisdictions):
            by_jurisdiction[slug].append(doc)
    children: dict[str, list[Jurisdiction]] = defaultdict(list)
    for j in all_jurisdictions.values():
        if not j.is_state:
            children[j.parent or j.state].append(j)
    return Site(
        types=tuple(types),
        issues=MappingProxyType(
            {i.slug: i for i in sorted(issues, key=lambda i: (i.title.casefold(), i.slug))}
        ),
        jurisdictions=MappingProxyType(all_jurisdictions),
        documents=docs,
        by_type=_frozen(by_type),
        by_issue=_frozen(by_issue),
        related=MappingProxyType(related_documents(docs, named)),
        related_issue_slugs=MappingProxyType(related_issues(by_issue)),
        by_jurisdiction=_frozen(by_jurisdiction),
        children=MappingProxyType(
            {k: tuple(sorted(v, key=jurisdiction_sort_key)) for k, v in children.items()}
        ),
        preemptions=tuple(sorted(preemptions, key=lambda p: p.sort_key)),
        translations=tuple(sorted(translations, key=lambda t: (t.lang, t.sort_key))),
        digests=tuple(sorted(digests, key=lambda d: d.sort_key)),
        network=build_network(people, partners, docs),
    )


def with_states(slugs: Iterable[str], jurisdictions: Mapping[str, Jurisdiction]) -> list[str]:
    """The slugs plus their states, so a state page rolls up everything within it."""
    out = dict.fromkeys(slugs)
    for slug in list(out):
        out.setdefault(jurisdictions[slug].state)
    return list(out)


def _frozen(index: Mapping[str, list[Document]]) -> Mapping[str, tuple[Document, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in index.items()})

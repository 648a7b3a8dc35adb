"""Relatedness in the content graph: documents and issues that belong together.

Reads the graph's documents; writes nothing. Scores count what two items share, and every tie is broken
by the documents' own sort key, so the same content always gives the same lists. `RelatedIndex` keeps
what the ranking read, so that after a save the devserver ranks again only the lists a saved document
can reach (`RelatedIndex.patched`).
"""

from __future__ import annotations

import dataclasses
import heapq
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from types import MappingProxyType
from typing import Any

from .model import Document

RELATED_LIMIT = 5
GAP = 1 << 20
"""Positions of a graph's documents are this far apart, so a save can place new ones between them."""


@dataclass(frozen=True)
class RelatedIndex:
    """What ranking a graph's related documents reads, with the lists it gave: kept between saves, so
    that a save patches the parts its documents reach instead of reading every document again.

    Documents are known by position: integers in site order (newest first), `GAP` apart when built.
    """

    position: Mapping[str, int]
    """Each document's position, by URL."""
    at: Mapping[int, Document]
    issues: Mapping[int, frozenset[str]]
    """Each document's issues, by position."""
    places: Mapping[int, frozenset[str]]
    """Every jurisdiction each document names (`site.named_jurisdictions`), by position."""
    by_place: Mapping[str, list[int]]
    """The positions of the documents naming each jurisdiction, in order."""
    groups: Mapping[frozenset[str], list[int]]
    """The positions of the documents with each issue set, in order."""
    groups_with: Mapping[str, frozenset[frozenset[str]]]
    """The issue sets holding each issue."""
    related: Mapping[str, tuple[Document, ...]]
    """Each document's related documents, by URL (`related_documents`)."""
    listed_in: Mapping[str, frozenset[str]]
    """The URLs of the documents whose related list holds each document, by URL."""
    limit: int = RELATED_LIMIT

    def patched(
        self,
        documents: Sequence[Document],
        gone: Iterable[Document],
        added: Iterable[Document],
        named: Mapping[str, tuple[str, ...]],
    ) -> RelatedIndex:
        """The index of `documents` (site order): this graph without `gone` (documents of this graph)
        and with `added` (`named` maps their URLs to the jurisdictions they name), all else the same.

        A list can change only if it held a saved document, or if a saved document now scores higher
        with it than its last entry does (or ties and comes first in site order, or the list is not
        full): those lists are ranked again, the others are kept. Work is proportional to the documents
        sharing issues and jurisdictions with the saved ones, plus copying the tables.
        """
        gone, added = list(gone), sorted(added, key=lambda d: d.sort_key)
        placed = _placed(self, documents, added)
        if placed is None:  # no room left between two positions: number them again
            places = {url: tuple(self.places[p]) for url, p in self.position.items()}
            places.update(named)
            return related_index(documents, places, self.limit)
        table = _Tables(self)
        for doc in gone:
            table.remove(self.position[doc.url])
        for doc, position in zip(added, placed, strict=True):
            table.add(doc, position, frozenset(named[doc.url]))
        index = table.index(self.related, self.listed_in, self.limit)
        saved = {doc.url for doc in gone} | {doc.url for doc in added}
        again = _reached(self, index, saved)
        ranks = _IssueRanks(index.groups, index.groups_with, prefix=4 * self.limit)
        related = dict(self.related)
        for url in saved:
            related.pop(url, None)
        found = {url: _ranked(index, index.position[url], ranks) for url in again}
        related.update(found)
        listed_in = _listed_in_patched(self, related, saved | again)
        return dataclasses.replace(index, related=MappingProxyType(related), listed_in=listed_in)


def related_index(
    documents: Iterable[Document],
    named: Mapping[str, tuple[str, ...]],
    limit: int = RELATED_LIMIT,
    related: Mapping[str, tuple[Document, ...]] | None = None,
) -> RelatedIndex:
    """The index of a graph's documents (in site order), with every document's related list: `related`
    when given (the lists this function gave for the same documents before), else ranked here."""
    index = _tables_of(documents, named, limit)
    if related is None:
        related = _all_ranked(index)
    listed: dict[str, set[str]] = defaultdict(set)
    for url, found in related.items():
        for other in found:
            listed[other.url].add(url)
    listed_in = MappingProxyType({url: frozenset(urls) for url, urls in listed.items()})
    return dataclasses.replace(index, related=MappingProxyType(dict(related)), listed_in=listed_in)


def related_documents(
    documents: Iterable[Document],
    named: Mapping[str, tuple[str, ...]],
    limit: int = RELATED_LIMIT,
) -> dict[str, tuple[Document, ...]]:
    """For each document (by URL), the documents sharing the most issues and jurisdictions with it.

    `documents` come in site order (newest first), which breaks ties. `named` maps a document URL to
    every jurisdiction it names (its own, its adoptions', its people's). The score of a pair is the
    number of issues plus the number of jurisdictions they share.

    Exact, without comparing every pair: documents sharing a jurisdiction are few and scored one by
    one; the rest can only score by shared issues, so for each issue set the documents are ranked once
    by how many issues they share, and each document takes the first few of each rank it has not seen.
    """
    return _all_ranked(_tables_of(documents, named, limit))


def _tables_of(
    documents: Iterable[Document], named: Mapping[str, tuple[str, ...]], limit: int
) -> RelatedIndex:
    """The index of the documents (in site order), without related lists yet."""
    table = _Tables(None)
    for n, doc in enumerate(documents):
        table.add(doc, n * GAP, frozenset(named[doc.url]))
    return table.index(MappingProxyType({}), MappingProxyType({}), limit)


def _all_ranked(index: RelatedIndex) -> dict[str, tuple[Document, ...]]:
    ranks = _IssueRanks(index.groups, index.groups_with, prefix=4 * index.limit)
    return {doc.url: _ranked(index, position, ranks) for position, doc in index.at.items()}


def _ranked(index: RelatedIndex, position: int, ranks: _IssueRanks) -> tuple[Document, ...]:
    """The related list of the document at `position`."""
    place_scores: Counter[int] = Counter()
    for slug in index.places[position]:
        place_scores.update(index.by_place[slug])
    place_scores.pop(position, None)
    mine = index.issues[position]
    scores = {other: count + len(mine & index.issues[other]) for other, count in place_scores.items()}
    for shared, candidates in ranks.levels(mine):
        found = 0
        for other in candidates:
            if other != position and other not in place_scores:
                scores[other] = shared
                found += 1
                if found == index.limit:
                    break
    best = sorted(scores, key=lambda other: (-scores[other], other))[: index.limit]
    return tuple(index.at[other] for other in best)


def _placed(before: RelatedIndex, documents: Sequence[Document], added: list[Document]) -> list[int] | None:
    """A position for each added document (in site order) between its neighbours in `documents`, or
    None when two neighbours have no room left between them."""
    placed: dict[int, int] = {}  # by the id of an added document: they may share a URL with a gone one
    for doc in added:
        at = bisect_left(documents, doc.sort_key, key=lambda d: d.sort_key)
        low = -GAP
        if at:
            previous = documents[at - 1]
            low = placed[id(previous)] if id(previous) in placed else before.position[previous.url]
        high = None
        for later in documents[at + 1 :]:
            if not any(later is other for other in added):
                high = before.position[later.url]
                break
        position = low + GAP if high is None else (low + high) // 2
        if position <= low or (high is not None and position >= high):
            return None
        placed[id(doc)] = position
    return list(placed.values())


def _reached(before: RelatedIndex, index: RelatedIndex, saved: set[str]) -> set[str]:
    """The documents whose lists a save can change (see `RelatedIndex.patched`)."""
    again = {url for url in saved if url in index.position}
    for url in saved:
        again.update(other for other in before.listed_in.get(url, ()) if other in index.position)
    for url in [url for url in saved if url in index.position]:
        position = index.position[url]
        sharing: set[int] = set()
        for slug in index.places[position]:
            sharing.update(index.by_place[slug])
        for group in {g for issue in index.issues[position] for g in index.groups_with.get(issue, ())}:
            sharing.update(index.groups[group])
        for other in sharing:
            doc = index.at[other]
            if doc.url in again:
                continue
            found = before.related.get(doc.url, ())
            last = index.position[found[-1].url] if len(found) == index.limit else None
            if last is None or (_score(index, other, position), -position) > (
                _score(index, other, last),
                -last,
            ):
                again.add(doc.url)
    return again


def _score(index: RelatedIndex, a: int, b: int) -> int:
    return len(index.issues[a] & index.issues[b]) + len(index.places[a] & index.places[b])


def _listed_in_patched(
    before: RelatedIndex, related: Mapping[str, tuple[Document, ...]], urls: set[str]
) -> Mapping[str, frozenset[str]]:
    """`listed_in` after the lists of `urls` were ranked again (or removed)."""
    known: dict[int, str] = {}  # each document's URL (a property) worked out once: many lists hold it
    removed: dict[str, set[str]] = defaultdict(set)
    added: dict[str, set[str]] = defaultdict(set)
    for url in urls:
        for doc in before.related.get(url, ()):
            removed[known.get(id(doc)) or known.setdefault(id(doc), doc.url)].add(url)
        for doc in related.get(url, ()):
            added[known.get(id(doc)) or known.setdefault(id(doc), doc.url)].add(url)
    listed_in = dict(before.listed_in)
    for key in removed.keys() | added.keys():
        found = set(listed_in.get(key, ())).difference(removed.get(key, ())).union(added.get(key, ()))
        if found:
            listed_in[key] = frozenset(found)
        else:
            listed_in.pop(key, None)
    return MappingProxyType(listed_in)


class _Tables:
    """The tables of a `RelatedIndex` being built or patched: copies of the ones before, each list
    copied before it is changed."""

    def __init__(self, before: RelatedIndex | None) -> None:
        self.position = dict(before.position) if before else {}
        self.at = dict(before.at) if before else {}
        self.issues = dict(before.issues) if before else {}
        self.places = dict(before.places) if before else {}
        self.by_place = dict(before.by_place) if before else {}
        self.groups = dict(before.groups) if before else {}
        self.groups_with = dict(before.groups_with) if before else {}
        self.copied: set[int] = set()  # ids of the lists copied already

    def _list(self, table: dict[Any, list[int]], key: Any) -> list[int]:
        found = table.get(key)
        if found is None or id(found) not in self.copied:
            found = list(found or ())
            table[key] = found
            self.copied.add(id(found))
        return found

    def add(self, doc: Document, position: int, places: frozenset[str]) -> None:
        issues = frozenset(doc.issues)
        self.position[doc.url], self.at[position] = position, doc
        self.issues[position], self.places[position] = issues, places
        for slug in places:
            insort(self._list(self.by_place, slug), position)
        if issues not in self.groups:
            for issue in issues:
                self.groups_with[issue] = self.groups_with.get(issue, frozenset()) | {issues}
        insort(self._list(self.groups, issues), position)

    def remove(self, position: int) -> None:
        doc, issues, places = self.at.pop(position), self.issues.pop(position), self.places.pop(position)
        del self.position[doc.url]
        for slug in places:
            found = self._list(self.by_place, slug)
            found.remove(position)
            if not found:
                del self.by_place[slug]
        found = self._list(self.groups, issues)
        found.remove(position)
        if not found:
            del self.groups[issues]
            for issue in issues:
                self.groups_with[issue] = self.groups_with[issue] - {issues}
                if not self.groups_with[issue]:
                    del self.groups_with[issue]

    def index(
        self,
        related: Mapping[str, tuple[Document, ...]],
        listed_in: Mapping[str, frozenset[str]],
        limit: int,
    ) -> RelatedIndex:
        return RelatedIndex(
            position=MappingProxyType(self.position),
            at=MappingProxyType(self.at),
            issues=MappingProxyType(self.issues),
            places=MappingProxyType(self.places),
            by_place=MappingProxyType(self.by_place),
            groups=MappingProxyType(self.groups),
            groups_with=MappingProxyType(self.groups_with),
            related=related,
            listed_in=listed_in,
            limit=limit,
        )


class _IssueRanks:
    """For an issue set, the documents sharing 3, 2 or 1 of its issues, each in site order.

    Computed once per distinct issue set; each level keeps a prefix long enough for any document
    (which skips itself and the documents it already scored through shared jurisdictions), and a
    document that needs more gets the whole level.
    """

    def __init__(
        self,
        groups: Mapping[frozenset[str], list[int]],
        groups_with: Mapping[str, frozenset[frozenset[str]]],
        prefix: int,
    ) -> None:
        self.groups, self.groups_with, self.prefix = groups, groups_with, prefix
        self.cache: dict[frozenset[str], list[tuple[int, list[int], list[list[int]]]]] = {}

    def levels(self, issues: frozenset[str]) -> Iterator[tuple[int, Iterable[int]]]:
        if issues not in self.cache:
            shared: Counter[frozenset[str]] = Counter()
            for issue in issues:
                shared.update(self.groups_with.get(issue, ()))
            by_level: dict[int, list[list[int]]] = defaultdict(list)
            for group, count in shared.items():
                by_level[count].append(self.groups[group])
            self.cache[issues] = [
                (level, list(islice(heapq.merge(*lists), self.prefix)), lists)
                for level, lists in sorted(by_level.items(), reverse=True)
            ]
        for level, head, lists in self.cache[issues]:
            yield level, chain(head, islice(heapq.merge(*lists), len(head), None))


def related_issues(
    by_issue: Mapping[str, Iterable[Document]], limit: int = RELATED_LIMIT
) -> dict[str, tuple[str, ...]]:
    """For each issue, the issues sharing the most documents with it (by count, then slug)."""
    shared: dict[str, Counter[str]] = defaultdict(Counter)
    for slug, docs in by_issue.items():
        for doc in docs:
            for other in doc.issues:
                if other != slug:
                    shared[slug][other] += 1
    return {
        slug: tuple(sorted(counts, key=lambda other: (-counts[other], other))[:limit])
        for slug, counts in shared.items()
    }

"""Relatedness in the content graph: documents and issues that belong together.

Reads the graph's documents; writes nothing. Scores count what two items share, and every tie is broken
by the documents' own sort key, so the same content always gives the same lists.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, islice

from .model import Document

RELATED_LIMIT = 5


def related_documents(
    documents: Iterable[Document],
    named: Mapping[str, tuple[str, ...]],
    limit: int = RELATED_LIMIT,
    only: set[str] | None = None,
) -> dict[str, tuple[Document, ...]]:
    """For each document (by URL), the documents sharing the most issues and jurisdictions with it.

    `documents` come in site order (newest first), which breaks ties. `named` maps a document URL to
    every jurisdiction it names (its own, its adoptions', its people's). The score of a pair is the
    number of issues plus the number of jurisdictions they share.

    Exact, without comparing every pair: documents sharing a jurisdiction are few and scored one by
    one; the rest can only score by shared issues, so for each issue set the documents are ranked once
    by how many issues they share, and each document takes the first few of each rank it has not seen.
    With `only`, the lists of those documents (by URL) alone.
    """
    docs = list(documents)
    issue_sets = [frozenset(doc.issues) for doc in docs]
    by_place: dict[str, list[int]] = defaultdict(list)
    for position, doc in enumerate(docs):
        for slug in named[doc.url]:
            by_place[slug].append(position)
    ranks = _IssueRanks(issue_sets, prefix=4 * limit)
    related = {}
    for position, doc in enumerate(docs):
        if only is not None and doc.url not in only:
            continue
        place_scores: Counter[int] = Counter()
        for slug in named[doc.url]:
            place_scores.update(by_place[slug])
        place_scores.pop(position, None)
        mine = issue_sets[position]
        scores = {other: count + len(mine & issue_sets[other]) for other, count in place_scores.items()}
        for shared, candidates in ranks.levels(mine):
            found = 0
            for other in candidates:
                if other != position and other not in place_scores:
                    scores[other] = shared
                    found += 1
                    if found == limit:
                        break
        best = sorted(scores, key=lambda other: (-scores[other], other))[:limit]
        related[doc.url] = tuple(docs[other] for other in best)
    return related


def patched_related(
    before: Mapping[str, tuple[Document, ...]],
    documents: Iterable[Document],
    named: Mapping[str, tuple[str, ...]],
    saved: set[str],
    limit: int = RELATED_LIMIT,
) -> dict[str, tuple[Document, ...]]:
    """`related_documents` of `documents`, given the lists before documents of `saved` (URLs) were
    added, changed or removed, and everything else was left as it was.

    A list can change only if it held a saved document, or if a saved document now scores higher with
    it than its last entry does (or ties and comes first in site order, or the list is not full): those
    lists are ranked again, the others are kept. The same lists as `related_documents` gives, in a
    fraction of its time when few documents share issues and places with the saved ones.
    """
    docs = list(documents)
    position = {doc.url: n for n, doc in enumerate(docs)}
    issues = {doc.url: frozenset(doc.issues) for doc in docs}
    places = {doc.url: frozenset(named[doc.url]) for doc in docs}

    def score(a: str, b: str) -> int:
        return len(issues[a] & issues[b]) + len(places[a] & places[b])

    again = {url for url in position if url in saved or url not in before}
    again.update(url for url, found in before.items() if url in position and _names(found, saved))
    by_issue: dict[str, list[str]] = defaultdict(list)
    by_place: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        for slug in issues[doc.url]:
            by_issue[slug].append(doc.url)
        for slug in places[doc.url]:
            by_place[slug].append(doc.url)
    for url in saved & position.keys():
        sharing = {o for s in issues[url] for o in by_issue[s]}
        sharing.update(o for s in places[url] for o in by_place[s])
        for other in sharing - again:
            found = before.get(other, ())
            if len(found) < limit:
                again.add(other)
                continue
            last = found[-1].url
            if (score(other, url), -position[url]) > (score(other, last), -position[last]):
                again.add(other)
    related = {url: found for url, found in before.items() if url in position and url not in again}
    related.update(related_documents(docs, named, limit, only=again))
    return related


def _names(found: Iterable[Document], urls: set[str]) -> bool:
    return any(doc.url in urls for doc in found)


class _IssueRanks:
    """For an issue set, the documents sharing 3, 2 or 1 of its issues, each in site order.

    Computed once per distinct issue set; each level keeps a prefix long enough for any document
    (which skips itself and the documents it already scored through shared jurisdictions), and a
    document that needs more gets the whole level.
    """

    def __init__(self, issue_sets: list[frozenset[str]], prefix: int) -> None:
        self.groups: dict[frozenset[str], list[int]] = defaultdict(list)
        for position, issues in enumerate(issue_sets):
            self.groups[issues].append(position)
        self.groups_with: dict[str, list[frozenset[str]]] = defaultdict(list)
        for issues in self.groups:
            for issue in issues:
                self.groups_with[issue].append(issues)
        self.prefix = prefix
        self.cache: dict[frozenset[str], list[tuple[int, list[int], list[list[int]]]]] = {}

    def levels(self, issues: frozenset[str]) -> Iterator[tuple[int, Iterable[int]]]:
        if issues not in self.cache:
            shared: Counter[frozenset[str]] = Counter()
            for issue in issues:
                shared.update(self.groups_with[issue])
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

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
    documents: Iterable[Document], named: Mapping[str, tuple[str, ...]], limit: int = RELATED_LIMIT
) -> dict[str, tuple[Document, ...]]:
    """For each document (by URL), the documents sharing the most issues and jurisdictions with it.

    `documents` come in site order (newest first), which breaks ties. `named` maps a document URL to
    every jurisdiction it names (its own, its adoptions', its people's). The score of a pair is the
    number of issues plus the number of jurisdictions they share.

    Exact, without comparing every pair: documents sharing a jurisdiction are few and scored one by
    one; the rest can only score by shared issues, so for each issue set the documents are ranked once
    by how many issues they share, and each document takes the first few of each rank it has not seen.
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

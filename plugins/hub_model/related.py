"""Relatedness in the content graph: documents and issues that belong together.

Reads the graph's documents; writes nothing. Scores count what two items share, and every tie is broken
by the documents' own sort key, so the same content always gives the same lists.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from .model import Document

RELATED_LIMIT = 5


def related_documents(
    documents: Iterable[Document], named: Mapping[str, tuple[str, ...]], limit: int = RELATED_LIMIT
) -> dict[str, tuple[Document, ...]]:
    """For each document (by URL), the documents sharing the most issues and jurisdictions with it.

    `named` maps a document URL to every jurisdiction it names (its own, its adoptions', its people's).
    """
    docs = list(documents)
    by_issue: dict[str, list[Document]] = defaultdict(list)
    by_place: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for slug in doc.issues:
            by_issue[slug].append(doc)
        for slug in named[doc.url]:
            by_place[slug].append(doc)
    related = {}
    for doc in docs:
        scores: Counter[str] = Counter()
        index = {}
        for group in [by_issue[s] for s in doc.issues] + [by_place[s] for s in named[doc.url]]:
            for other in group:
                scores[other.url] += 1
                index[other.url] = other
        scores.pop(doc.url, None)
        best = sorted(scores, key=lambda url: (-scores[url], index[url].sort_key))[:limit]
        related[doc.url] = tuple(index[url] for url in best)
    return related


def related_issues(
    by_issue: Mapping[str, tuple[Document, ...]], limit: int = RELATED_LIMIT
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

"""The content graph after a save, patched from the graph before it instead of assembled again.

Reads a `Site` and its `RelatedIndex` (related.py), the documents a save removed or replaced, and the
ones it added; writes nothing. Every table of the graph (documents, the reverse links by type, issue and
jurisdiction, related documents and issues, the network) is the one `build_site` would give for the same
documents: only the entries the saved documents are in are made again, the others are shared with the
graph before, which is left as it was.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from .events import EventDetails
from .model import BriefDetails, Document, OrdinanceDetails, StoryDetails
from .network import Network, build_network
from .related import RelatedIndex, related_index, related_issues
from .site import Site, named_jurisdictions, with_states


def patched_site(
    site: Site, index: RelatedIndex, gone: Sequence[Document], added: Sequence[Document]
) -> tuple[Site, RelatedIndex]:
    """The graph without `gone` (documents of `site`) and with `added`, and its related index; `index`
    is the related index of `site` (`related_index`, or the one this returned with it)."""
    documents = _patched_order(site.documents, gone, added)
    places = site.jurisdictions
    by_issue = _patched(site.by_issue, gone, added, lambda d: d.issues)
    touched = {slug for doc in (*gone, *added) for slug in doc.issues}
    related_issue_slugs = {k: v for k, v in site.related_issue_slugs.items() if k not in touched}
    related_issue_slugs.update(related_issues({slug: by_issue.get(slug, ()) for slug in touched}))
    related = index.patched(documents, gone, added, {d.url: named_jurisdictions(d) for d in added})
    patched = dataclasses.replace(
        site,
        documents=documents,
        by_type=_patched(site.by_type, gone, added, lambda d: (d.type.name,)),
        by_issue=by_issue,
        by_jurisdiction=_patched(
            site.by_jurisdiction, gone, added, lambda d: with_states(named_jurisdictions(d), places)
        ),
        related=related.related,
        related_issue_slugs=MappingProxyType(related_issue_slugs),
        network=_patched_network(site.network, gone, added, documents),
    )
    _keep_derived(site, patched, [*gone, *added])
    return patched, related


def site_index(site: Site) -> RelatedIndex:
    """The related index of a graph `build_site` assembled (its related lists as they are)."""
    named = {doc.url: named_jurisdictions(doc) for doc in site.documents}
    return related_index(site.documents, named, related=site.related)


def _key(doc: Document) -> tuple[int, str, str]:
    return doc.sort_key


def _patched_order(
    documents: Sequence[Document], gone: Iterable[Document], added: Iterable[Document]
) -> tuple[Document, ...]:
    docs = list(documents)
    for doc in gone:
        at = bisect_left(docs, doc.sort_key, key=_key)
        if at == len(docs) or docs[at] is not doc:
            raise ValueError(f"{doc.url} is not a document of the graph it is to be removed from")
        del docs[at]
    for doc in added:
        insort(docs, doc, key=_key)
    return tuple(docs)


def _patched(
    index: Mapping[str, tuple[Document, ...]],
    gone: Iterable[Document],
    added: Iterable[Document],
    keys_of: Callable[[Document], Iterable[str]],
) -> Mapping[str, tuple[Document, ...]]:
    """A reverse index (`build_site`'s by type, issue or jurisdiction) with the saved documents in
    place: only the entries they were or are in are made again, in site order."""
    lists: dict[str, list[Document]] = {}
    for doc in gone:
        for key in dict.fromkeys(keys_of(doc)):
            if key not in lists:
                lists[key] = list(index.get(key, ()))
            at = bisect_left(lists[key], doc.sort_key, key=_key)
            if at == len(lists[key]) or lists[key][at] is not doc:
                raise ValueError(f"{doc.url} is not in the graph's index entry {key!r}")
            del lists[key][at]
    for doc in added:
        for key in dict.fromkeys(keys_of(doc)):
            if key not in lists:
                lists[key] = list(index.get(key, ()))
            insort(lists[key], doc, key=_key)
    out = dict(index)
    for key, found in lists.items():
        if found:
            out[key] = tuple(found)
        else:
            out.pop(key, None)
    return MappingProxyType(out)


def _patched_network(
    network: Network, gone: Sequence[Document], added: Sequence[Document], documents: Sequence[Document]
) -> Network:
    """The network with the saved documents in place: its authors' lists patched when authors are all
    the saved documents name of it, else built again (`build_network`)."""
    saved = (*gone, *added)
    if any(_names_more_than_authors(doc) for doc in saved):
        return build_network(network.people.values(), network.partners.values(), documents)
    if not any(doc.authors for doc in saved):
        return network
    known = network.people
    authored = _patched(network.authored, gone, added, lambda d: (a for a in d.authors if a in known))
    return dataclasses.replace(network, authored=authored)


def _names_more_than_authors(doc: Document) -> bool:
    """Whether the document may name a person or a partner otherwise than as an author."""
    details = doc.details
    return bool(
        (isinstance(details, StoryDetails) and any(p.slug for p in details.people))
        or (isinstance(details, OrdinanceDetails) and any(a.sponsors for a in details.adoptions))
        or (isinstance(details, BriefDetails) and details.partners)
    )


def _keep_derived(before: Site, after: Site, saved: list[Document]) -> None:
    """Carry over what the graph before derived already and the save cannot have changed (its cached
    properties; `after` is new, so nothing else has read them yet)."""
    kept: dict[str, Any] = {}
    if "events" in before.__dict__ and not any(isinstance(d.details, EventDetails) for d in saved):
        kept["events"] = before.events
    if "_translations" in before.__dict__:
        kept["_translations"] = before.__dict__["_translations"]
    unchanged = before.by_jurisdiction.keys() == after.by_jurisdiction.keys()
    if "jurisdictions_with_pages" in before.__dict__ and unchanged and before.network is after.network:
        kept["jurisdictions_with_pages"] = before.jurisdictions_with_pages
    after.__dict__.update(kept)

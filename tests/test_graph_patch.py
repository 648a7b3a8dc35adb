"""The graph after a save, patched from the graph before it (hub_model.patch), is the graph assembled
afresh from the same documents: every table, over random graphs and random chains of edits that add,
remove and change documents (their issues, places, type, date and authors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub_content.reader import state_jurisdictions
from hub_content.schemas import BRIEF, NEWS, STORY
from hub_model import DocType, Document, Issue, Jurisdiction, JurisdictionKind, PersonProfile, build_site
from hub_model.patch import patched_site, site_index
from hub_model.related import GAP, RelatedIndex

ISSUES = [Issue(f"i{n}", f"Issue {n}", "", "", f"issues/i{n}.md") for n in range(5)]
PLACES = [
    Jurisdiction("orange-county-nc", "Orange County", JurisdictionKind.COUNTY, "nc", None),
    Jurisdiction("hillsborough-nc", "Hillsborough", JurisdictionKind.TOWN, "nc", "orange-county-nc"),
    Jurisdiction("durham-nc", "Durham", JurisdictionKind.CITY, "nc", None),
    Jurisdiction("austin-tx", "Austin", JurisdictionKind.CITY, "tx", None),
]
PLACE_SLUGS = ["nc", "tx", "ca", *(p.slug for p in PLACES)]
PEOPLE = [PersonProfile("ana", "Ana", "people/ana.md"), PersonProfile("bo", "Bo", "people/bo.md")]
TYPES = [NEWS, STORY, BRIEF]


@dataclass(frozen=True)
class Spec:
    """What an edit sets on a document: all but its slug."""

    doc_type: DocType
    day: int
    issues: tuple[str, ...]
    places: tuple[str, ...]
    authors: tuple[str, ...]

    def document(self, slug: str) -> Document:
        return Document(
            type=self.doc_type,
            slug=slug,
            title=slug,
            summary="",
            body_html="",
            source=f"{slug}.md",
            date=dt.date(2025, 1, self.day),
            issues=self.issues,
            jurisdictions=self.places,
            authors=self.authors,
        )


def _subset(items: list[str], least: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(items), min_size=least, max_size=3, unique=True).map(tuple)


specs = st.builds(
    Spec,
    st.sampled_from(TYPES),
    st.integers(1, 9),  # few days: many documents share a date, so the tie-breaks are exercised
    _subset([i.slug for i in ISSUES], 1),
    _subset(PLACE_SLUGS, 0),
    _subset(["ana", "bo", "cy"], 0),  # "cy" has no page: named, but not linked
)
edits = st.lists(
    st.one_of(
        st.tuples(st.just("add"), specs),
        st.tuples(st.just("remove"), st.integers(0, 1000)),
        st.tuples(st.just("change"), st.integers(0, 1000), specs),
    ),
    min_size=1,
    max_size=3,
)


def assembled(documents: list[Document]):
    places = [*state_jurisdictions(), *PLACES]
    return build_site(TYPES, ISSUES, places, documents, people=PEOPLE)


def described(index: RelatedIndex) -> dict[str, object]:
    """The index by URL, in order: what must not depend on how its positions were numbered."""
    urls = {position: doc.url for position, doc in index.at.items()}
    order = sorted(index.position, key=index.position.__getitem__)
    return {
        "order": order,
        "documents": {urls[p]: doc for p, doc in index.at.items()},
        "issues": {urls[p]: found for p, found in index.issues.items()},
        "places": {urls[p]: found for p, found in index.places.items()},
        "by_place": {slug: [urls[p] for p in found] for slug, found in index.by_place.items()},
        "groups": {key: [urls[p] for p in found] for key, found in index.groups.items()},
        "groups_with": dict(index.groups_with),
        "related": dict(index.related),
        "listed_in": dict(index.listed_in),
        "ordered": all(sorted(f) == f for f in (*index.by_place.values(), *index.groups.values())),
    }


def apply(documents: list[Document], edit: tuple, serial: int) -> tuple[list[Document], list[Document]]:
    """Apply one edit to `documents` in place; the documents it removed and the ones it added."""
    if edit[0] == "add" or not documents:
        spec = edit[-1] if edit[0] != "remove" else Spec(NEWS, 1, ("i0",), (), ())
        new = spec.document(f"added-{serial}")
        documents.append(new)
        return [], [new]
    old = documents.pop(edit[1] % len(documents))
    if edit[0] == "remove":
        return [old], []
    new = edit[2].document(old.slug)
    documents.append(new)
    return [old], [new]


@settings(max_examples=150, deadline=None)
@given(st.lists(specs, max_size=25), st.lists(edits, min_size=1, max_size=3))
def test_the_patched_graph_is_the_graph_assembled_afresh(graph, saves):
    documents = [spec.document(f"d{n:02d}") for n, spec in enumerate(graph)]
    site = assembled(documents)
    index = site_index(site)
    serial = 0
    for save in saves:
        gone: list[Document] = []
        added: list[Document] = []
        for edit in save:
            serial += 1
            removed, new = apply(documents, edit, serial)
            for doc in removed:
                if doc in added:  # added by this same save and removed again: it never was
                    added.remove(doc)
                else:
                    gone.append(doc)
            added += new
        site.events, site.jurisdictions_with_pages  # noqa: B018 (cached: the patch may carry them over)
        site, index = patched_site(site, index, gone, added)
        fresh = assembled(documents)
        assert site == fresh
        assert site.events == fresh.events
        assert site.jurisdictions_with_pages == fresh.jurisdictions_with_pages
        assert described(index) == described(site_index(fresh))


def test_a_patched_index_numbers_its_documents_again_when_two_leave_no_room_between_them():
    first, last = Spec(NEWS, 9, ("i0",), (), ()).document("a"), Spec(NEWS, 1, ("i0",), (), ()).document("z")
    site = assembled([first, last])
    index = site_index(site)
    assert index.position == {first.url: 0, last.url: GAP}
    for n in range(25):  # each new document halves the room left
        new = Spec(NEWS, 5, ("i0",), ("nc",), ()).document(f"m{n:02d}")
        site, index = patched_site(site, index, [], [new])
    fresh = assembled(list(site.documents))
    assert site == fresh and described(index) == described(site_index(fresh))


def test_a_document_the_graph_does_not_hold_cannot_be_removed_from_it():
    site = assembled([Spec(NEWS, 1, ("i0",), (), ()).document("a")])
    stranger = Spec(NEWS, 2, ("i0",), (), ()).document("b")
    with pytest.raises(ValueError, match="news/b/"):
        patched_site(site, site_index(site), [stranger], [])

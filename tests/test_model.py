"""The content graph: reverse links, jurisdiction hierarchy and stable order, without Pelican."""

from __future__ import annotations

import datetime as dt
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context

import pytest

from hub_content.reader import state_jurisdictions
from hub_content.schemas import DOC_TYPES, NEWS, ORDINANCE, STORY
from hub_model import (
    Adoption,
    AdoptionStatus,
    DocType,
    Document,
    Issue,
    Jurisdiction,
    JurisdictionKind,
    OrdinanceDetails,
    OrdinanceKind,
    Person,
    StoryDetails,
    build_site,
)

HOUSING = Issue("housing", "Housing", "", "", "issues/housing.md")
ORANGE = Jurisdiction("orange-county-nc", "Orange County", JurisdictionKind.COUNTY, "nc", None)
HILLSBOROUGH = Jurisdiction(
    "hillsborough-nc", "Hillsborough", JurisdictionKind.TOWN, "nc", "orange-county-nc"
)
DURHAM = Jurisdiction("durham-nc", "Durham", JurisdictionKind.CITY, "nc", None)


def doc(doc_type, slug, day, **fields) -> Document:
    return Document(
        type=doc_type,
        slug=slug,
        title=slug,
        summary="",
        body_html="",
        source=slug,
        date=dt.date(2025, 1, day),
        issues=("housing",),
        **fields,
    )


def site_of(*documents):
    return build_site(DOC_TYPES, [HOUSING], [*state_jurisdictions(), ORANGE, HILLSBOROUGH, DURHAM], documents)


def test_documents_are_newest_first_with_a_stable_tie_break():
    site = site_of(doc(NEWS, "b", 1), doc(STORY, "a", 1), doc(NEWS, "a", 1), doc(NEWS, "c", 2))
    assert [(d.type.name, d.slug) for d in site.documents] == [
        ("news", "c"),
        ("news", "a"),
        ("news", "b"),
        ("story", "a"),
    ]


def test_issue_links_run_both_ways():
    a, b = doc(NEWS, "a", 1), doc(STORY, "b", 2)
    site = site_of(a, b)
    assert site.documents_on(HOUSING) == (b, a)
    assert a.issues == ("housing",)


def test_adoptions_and_people_name_their_jurisdictions_and_states_roll_up():
    ordinance = doc(
        ORDINANCE,
        "o",
        1,
        details=OrdinanceDetails(
            adoptions=(Adoption("durham-nc", AdoptionStatus.ADOPTED, dt.date(2021, 1, 19)),)
        ),
    )
    story = doc(
        STORY, "s", 2, details=StoryDetails(people=(Person("Jenn Weaver", "Mayor", "hillsborough-nc"),))
    )
    site = site_of(ordinance, story)
    assert site.documents_in(DURHAM) == (ordinance,)
    assert site.documents_in(HILLSBOROUGH) == (story,)
    assert site.documents_in(site.jurisdictions["nc"]) == (story, ordinance)
    assert site.documents_in(ORANGE) == ()


def test_ancestors_run_from_state_down():
    site = site_of()
    assert [j.slug for j in site.ancestors(HILLSBOROUGH)] == ["nc", "orange-county-nc"]
    assert site.ancestors(site.jurisdictions["nc"]) == ()
    assert site.children["orange-county-nc"] == (HILLSBOROUGH,)


def test_pages_exist_for_named_jurisdictions_and_their_ancestors_only():
    site = site_of(doc(NEWS, "n", 1, jurisdictions=("hillsborough-nc",)))
    assert [j.slug for j in site.jurisdictions_with_pages] == ["nc", "hillsborough-nc", "orange-county-nc"]


def test_related_documents_match_the_pairwise_definition():
    """The fast ranking gives exactly what scoring every pair would (random graphs, many ties)."""
    import random

    from hub_model.related import related_documents

    rng = random.Random(7)
    issues = [f"i{n}" for n in range(6)]
    places = [f"p{n}" for n in range(8)]
    for _ in range(40):
        docs = [
            replace(doc(NEWS, f"d{n:03d}", 1 + n % 9), issues=tuple(rng.sample(issues, rng.randint(1, 3))))
            for n in range(rng.randint(2, 60))
        ]
        docs.sort(key=lambda d: d.sort_key)
        named = {d.url: tuple(rng.sample(places, rng.randint(0, 3))) for d in docs}
        fast = related_documents(docs, named, limit=5)
        for d in docs:

            def score(o, d=d, named=named):
                return len(set(d.issues) & set(o.issues)) + len(set(named[d.url]) & set(named[o.url]))

            others = [o for o in docs if o is not d and score(o) > 0]
            expected = sorted(others, key=lambda o: (-score(o), docs.index(o)))[:5]
            assert fast[d.url] == tuple(expected)


def test_related_documents_patched_after_a_save_are_those_computed_afresh():
    """After documents are added, changed (issues, places, date) or removed, keeping the lists a save
    cannot reach gives exactly the lists of the whole graph ranked again."""
    import random

    from hub_model.related import related_documents, related_index

    rng = random.Random(11)
    issues = [f"i{n}" for n in range(6)]
    places = [f"p{n}" for n in range(8)]

    def made(n: int) -> Document:
        return replace(
            doc(NEWS, f"d{n:03d}", 1 + rng.randrange(9)), issues=tuple(rng.sample(issues, rng.randint(1, 3)))
        )

    for _ in range(200):
        docs = sorted((made(n) for n in range(rng.randint(1, 50))), key=lambda d: d.sort_key)
        named = {d.url: tuple(rng.sample(places, rng.randint(0, 2))) for d in docs}
        before = related_index(docs, named)
        gone: list[Document] = []
        added: list[Document] = []
        for _edit in range(rng.randint(1, 2)):
            kind = rng.choice(["add", "change", "remove"])
            if kind == "add" or not docs:
                new = made(100 + len(gone) + len(added))
                docs.append(new)
                named[new.url] = tuple(rng.sample(places, rng.randint(0, 2)))
                added.append(new)
            else:
                old = docs.pop(rng.randrange(len(docs)))
                if old in added:
                    added.remove(old)
                else:
                    gone.append(old)
                if kind == "change":
                    new = replace(made(0), slug=old.slug)
                    docs.append(new)
                    named[new.url] = tuple(rng.sample(places, rng.randint(0, 2)))
                    added.append(new)
        docs.sort(key=lambda d: d.sort_key)
        patched = before.patched(docs, gone, added, named)
        assert patched.related == related_documents(docs, named)


def _unpickled_in_this_process(data: bytes) -> tuple[Document, bool]:
    """Run in a fresh worker process: the document unpickled there, and whether its type is that process's."""
    from hub_content import schemas

    document = pickle.loads(data)
    return document, document.type is schemas.ORDINANCE


def test_a_pickled_document_finds_the_very_same_type_object_in_a_worker_and_back():
    ordinance = doc(ORDINANCE, "o", 1, details=OrdinanceDetails(OrdinanceKind.RESOLUTION))
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        back, same_in_worker = pool.submit(_unpickled_in_this_process, pickle.dumps(ordinance)).result()
    assert same_in_worker
    assert back == ordinance
    assert back.type is ORDINANCE


def test_a_type_that_its_module_does_not_define_is_not_unpickled_as_another():
    stray = DocType("stray", "stray", "Stray", "Strays", "stray", module="hub_content.schemas")
    with pytest.raises(LookupError, match=r"hub_content\.schemas defines 0 document types named 'stray'"):
        pickle.loads(pickle.dumps(stray))


def test_a_type_with_fields_of_its_own_needs_a_record_to_hold_them():
    with pytest.raises(ValueError, match="'memo' has fields but no details record"):
        DocType("memo", "memos", "Memo", "Memos", "memos", fields=ORDINANCE.fields, module=__name__)


def test_fields_that_are_not_field_specs_are_refused_when_the_type_is_read():
    """The model holds a type's fields only by name; the validator must not run on anything else."""
    from types import SimpleNamespace

    from hub_content.schemas import document_fields

    odd = replace(ORDINANCE, name="odd", fields=(*ORDINANCE.fields, SimpleNamespace(name="extra")))
    with pytest.raises(TypeError, match="'odd': every one of its fields must be a FieldSpec"):
        document_fields(odd)
    assert document_fields(ORDINANCE)[-2:] == ORDINANCE.fields


def test_a_body_is_kept_compressed_and_reads_back_whole_through_replace_and_pickle():
    text = "<p>“Rent” stays fair — 住宅 \U0001f3e0 and a lone \udc80 surrogate</p>" * 200
    body = replace(doc(STORY, "fair", 1), body_html=text)
    assert body.body_html == text
    assert len(vars(body)["_body_html_z"]) < len(text) // 10  # compressed on the record, not the text
    assert pickle.loads(pickle.dumps(body)) == body and pickle.loads(pickle.dumps(body)).body_html == text
    assert replace(body, title="Other").body_html == text
    assert replace(body, body_html="<p>Other</p>") != body  # records still compare by the text
    assert hash(replace(body, body_html="")) == hash(body)  # and hash by their address, not the body
    assert body.url == "stories/fair/"

"""Open data (hub_data): the row builders and encoders without Pelican, then real builds of a fixture site."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from hub_content.reader import state_jurisdictions
from hub_content.schemas import BRIEF, DOC_TYPES, NEWS, ORDINANCE, PAGE, STORY
from hub_data import rows
from hub_data.formats import to_csv, to_json
from hub_model import (
    Adoption,
    AdoptionStatus,
    BriefDetails,
    Document,
    Issue,
    Jurisdiction,
    JurisdictionKind,
    OrdinanceDetails,
    OrdinanceKind,
    Person,
    ProvisionStatus,
    StoryDetails,
    build_site,
)
from tests.sitekit import ORDINANCE as ORDINANCE_TEXT
from tests.sitekit import ROOT, build, front, tree, write_site

HOUSING = Issue("housing", "Housing", "Homes.", "", "issues/housing.md")
TECH = Issue("tech", "Technology", "", "", "issues/tech.md")
DURHAM = Jurisdiction("durham-nc", "Durham", JurisdictionKind.CITY, "nc", None, 35.99, -78.9)
ORANGE = Jurisdiction("orange-county-nc", "Orange County", JurisdictionKind.COUNTY, "nc", "nc")
HILLSBOROUGH = Jurisdiction(
    "hillsborough-nc", "Hillsborough", JurisdictionKind.TOWN, "nc", "orange-county-nc"
)
OAKLAND = Jurisdiction("oakland-ca", "Oakland", JurisdictionKind.CITY, "ca", None)


def doc(doc_type, slug, day=None, **fields) -> Document:
    date = dt.date(2025, 1, day) if day else None
    return Document(
        type=doc_type,
        slug=slug,
        title=slug.title(),
        summary=f"About {slug}.",
        body_html="",
        source=slug,
        date=date,
        issues=("housing",),
        **fields,
    )


RENT = doc(
    ORDINANCE,
    "rent",
    3,
    jurisdictions=("hillsborough-nc",),
    details=OrdinanceDetails(
        OrdinanceKind.RESOLUTION,
        (
            Adoption("nc", AdoptionStatus.INTRODUCED),
            Adoption("oakland-ca", AdoptionStatus.REPEALED, dt.date(2024, 5, 1)),
            Adoption(
                "durham-nc",
                AdoptionStatus.ADOPTED,
                dt.date(2025, 3, 4),
                "https://x.org/o",
                "Ord. 9",
                number="2025-9",
                sponsors=("Ann Lee", "Bo Park"),
                vote="7-2",
                effective=dt.date(2025, 4, 1),
                notes="Amended in committee.",
                provisions=(("section-1", ProvisionStatus.KEPT), ("section-3", ProvisionStatus.OMITTED)),
            ),
        ),
    ),
)
AIR = doc(
    ORDINANCE,
    "air",
    2,
    details=OrdinanceDetails(
        adoptions=(Adoption("oakland-ca", AdoptionStatus.ADOPTED, dt.date(2023, 1, 2)),)
    ),
)
STORY_DOC = doc(
    STORY,
    "first",
    4,
    authors=("Ana Ruiz",),
    details=StoryDetails(
        (Person("Jenn Weaver", "Mayor", "hillsborough-nc"), Person("Sam Lee", "Organizer")),
        "https://video.example/v",
    ),
)
BRIEF_DOC = doc(BRIEF, "trap", 5, details=BriefDetails(("Data & Society",), "files/trap.pdf"))
NEWS_DOC = Document(
    type=NEWS,
    slug="note",
    title="Note",
    summary="",
    body_html="",
    source="n",
    date=dt.date(2025, 1, 1),
    issues=("housing", "tech"),
    jurisdictions=("nc",),
    updated=dt.date(2025, 2, 1),
)
ABOUT = Document(type=PAGE, slug="about", title="About", summary="", body_html="", source="a")


def site_of(*documents):
    places = [*state_jurisdictions(), DURHAM, ORANGE, HILLSBOROUGH, OAKLAND]
    return build_site(DOC_TYPES, [HOUSING, TECH], places, documents)


SITE = site_of(RENT, AIR, STORY_DOC, BRIEF_DOC, NEWS_DOC, ABOUT)


def by_slug(items):
    return {item["slug"]: item for item in items}


def test_absolute_base_accepts_only_absolute_http_addresses():
    assert rows.absolute_base("https://example.org/hub/") == "https://example.org/hub"
    assert rows.absolute_base("http://example.org") == "http://example.org"
    for relative in ["", "/hub", "//example.org", "example.org", "ftp://example.org"]:
        assert rows.absolute_base(relative) is None, relative


def test_document_rows_carry_common_fields_in_the_site_order():
    documents = rows.document_rows(SITE)
    assert [d["slug"] for d in documents] == ["trap", "first", "rent", "air", "note", "about"]
    assert by_slug(documents)["note"] == {
        "type": "news",
        "slug": "note",
        "url": "news/note/",
        "title": "Note",
        "summary": "",
        "date": "2025-01-01",
        "updated": "2025-02-01",
        "issues": ["housing", "tech"],
        "jurisdictions": ["nc"],
        "states": ["nc"],
        "authors": [],
        "sources": [],
        "translations": [],
    }
    about = by_slug(documents)["about"]
    assert about["url"] == "about/" and about["date"] is None and about["states"] == []


def test_ordinance_row_has_kind_adopted_count_and_states_of_everything_it_names():
    rent = by_slug(rows.document_rows(SITE))["rent"]
    assert rent["kind"] == "resolution"
    assert rent["adoption_count"] == 1  # introduced and repealed do not count
    assert rent["jurisdictions"] == ["hillsborough-nc"]
    assert rent["states"] == ["ca", "nc"]
    assert "partners" not in rent and "people" not in rent


def test_brief_and_story_rows_have_their_own_fields():
    documents = by_slug(rows.document_rows(SITE))
    assert documents["trap"]["partners"] == ["Data & Society"]
    assert documents["trap"]["file"] == "files/trap.pdf"
    assert documents["first"]["people"] == [
        {"name": "Jenn Weaver", "role": "Mayor", "jurisdiction": "hillsborough-nc"},
        {"name": "Sam Lee", "role": "Organizer", "jurisdiction": None},
    ]
    assert documents["first"]["video"] == "https://video.example/v"
    assert documents["first"]["states"] == ["nc"] and documents["first"]["authors"] == ["Ana Ruiz"]
    assert not {"kind", "adoption_count", "partners", "file", "people", "video"} & set(documents["note"])


def test_permalink_only_with_an_absolute_base():
    assert all("permalink" not in d for d in rows.document_rows(SITE))
    with_base = by_slug(rows.document_rows(SITE, "https://example.org/hub"))
    assert with_base["rent"]["permalink"] == "https://example.org/hub/ordinances/rent/"
    assert with_base["about"]["permalink"] == "https://example.org/hub/about/"


def test_adoption_rows_sorted_by_ordinance_state_and_name():
    adoptions = rows.adoption_rows(SITE)
    assert [(a["ordinance"], a["jurisdiction"]) for a in adoptions] == [
        ("air", "oakland-ca"),
        ("rent", "oakland-ca"),
        ("rent", "durham-nc"),
        ("rent", "nc"),
    ]
    assert adoptions[2] == {
        "ordinance": "rent",
        "ordinance_title": "Rent",
        "ordinance_url": "ordinances/rent/",
        "jurisdiction": "durham-nc",
        "jurisdiction_name": "Durham",
        "state": "nc",
        "kind": "city",
        "status": "adopted",
        "date": "2025-03-04",
        "citation": "Ord. 9",
        "url": "https://x.org/o",
        "effective": "2025-04-01",
        "number": "2025-9",
        "sponsors": ["Ann Lee", "Bo Park"],
        "vote": "7-2",
        "notes": "Amended in committee.",
        "provisions": {"section-1": "kept", "section-3": "omitted"},
    }
    assert adoptions[3]["kind"] == "state" and adoptions[3]["jurisdiction_name"] == "North Carolina"
    assert adoptions[3]["date"] is adoptions[3]["citation"] is adoptions[3]["url"] is None
    assert adoptions[3]["effective"] is adoptions[3]["number"] is adoptions[3]["vote"] is None
    assert adoptions[3]["sponsors"] == [] and adoptions[3]["notes"] is None
    assert adoptions[3]["provisions"] == {}
    assert rows.csv_row(adoptions[2])["provisions"] == "section-1=kept;section-3=omitted"
    assert rows.csv_row(adoptions[3])["provisions"] is None
    assert all(tuple(a) == rows.ADOPTION_COLUMNS for a in adoptions)


def test_issue_rows_count_only_types_with_documents():
    issues = rows.issue_rows(SITE)
    assert [i["slug"] for i in issues] == ["housing", "tech"]  # by title, like the issues page
    assert issues[0]["counts"] == {"ordinance": 2, "brief": 1, "story": 1, "news": 1}  # not the page
    assert issues[0]["total"] == 5
    assert issues[1] == {
        "slug": "tech",
        "title": "Technology",
        "summary": "",
        "url": "issues/tech/",
        "counts": {"news": 1},
        "total": 1,
        "translations": [],
    }
    assert rows.issue_rows(site_of())[0]["counts"] == {}


def test_jurisdiction_rows_are_those_with_pages_and_top_level_parents_are_null():
    places = by_slug(rows.jurisdiction_rows(SITE))
    assert list(places) == ["ca", "oakland-ca", "nc", "durham-nc", "hillsborough-nc", "orange-county-nc"]
    assert places["durham-nc"] == {
        "slug": "durham-nc",
        "name": "Durham",
        "kind": "city",
        "state": "nc",
        "parent": None,
        "lat": 35.99,
        "lon": -78.9,
        "fips": None,
        "population": None,
        "population_year": None,
        "url": "jurisdictions/durham-nc/",
        "document_count": 1,
        "names": {},
    }
    assert places["orange-county-nc"]["parent"] is None  # written as `parent: nc`
    assert places["hillsborough-nc"]["parent"] == "orange-county-nc"
    assert places["nc"]["parent"] is None and places["nc"]["kind"] == "state"
    assert places["nc"]["document_count"] == 3  # rent, first and note, rolled up to the state
    assert places["hillsborough-nc"]["document_count"] == 2


def test_json_is_sorted_unescaped_indented_and_ends_with_a_newline():
    data = to_json("Hub", "items", [{"b": "Peña", "a": None}])
    assert data == (
        b'{\n  "count": 1,\n  "generated_by": "Hub",\n  "items": [\n    {\n      "a": null,\n'
        b'      "b": "Pe\xc3\xb1a"\n    }\n  ]\n}\n'
    )


def test_csv_has_a_header_crlf_quoting_and_empty_fields_for_missing_values():
    data = to_csv(("a", "b", "c"), [{"a": 'say "hi", then', "b": None, "c": 3}, {"a": "é", "b": "", "c": 0}])
    assert data == b'a,b,c\r\n"say ""hi"", then",,3\r\n\xc3\xa9,,0\r\n'
    assert to_csv(("a",), []) == b"a\r\n"


# Functional tests: the fixture site of tests/sitekit.py built through the real command line.

DRAFT = front(
    "title: Secret Plan\ndate: 2025-11-01\nsummary: Not yet.\nissues: [housing]\n"
    "jurisdictions: [durham-nc]\nstatus: draft"
)
FILES = [
    "documents.json",
    "adoptions.csv",
    "adoptions.json",
    "issues.json",
    "jurisdictions.json",
    "preemption.csv",
    "preemption.json",
]
DURHAM_ROW = {
    "ordinance": "fair-rent",
    "ordinance_title": "Fair Rent Ordinance",
    "ordinance_url": "ordinances/fair-rent/",
    "jurisdiction": "durham-nc",
    "jurisdiction_name": "Durham",
    "state": "nc",
    "kind": "city",
    "status": "adopted",
    "date": "2025-03-04",
    "citation": "Ord. 2025-9",
    "url": None,
    "effective": "2025-04-01",
    "number": "2025-9",
    "sponsors": ["Ann Lee", "Bo Park, Jr."],
    "vote": "7-2",
    "notes": 'Passed after a "second reading"; amended',
    "provisions": {"section-1": "changed"},
}
SOURCED = ORDINANCE_TEXT.replace(
    "citation: Ord. 2025-9\n",
    "citation: Ord. 2025-9\n    effective: 2025-04-01\n    number: 2025-9\n"
    "    sponsors: [Ann Lee, 'Bo Park, Jr.']\n    vote: 7-2\n"
    "    notes: 'Passed after a \"second reading\"; amended'\n"
    "    provisions: {section-1: changed}\n",
)
NC_ROW = {
    **DURHAM_ROW,
    "jurisdiction": "nc",
    "jurisdiction_name": "North Carolina",
    "kind": "state",
    "status": "introduced",
    "date": None,
    "citation": None,
    "effective": None,
    "number": None,
    "sponsors": [],
    "vote": None,
    "notes": None,
    "provisions": {},
}


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    documents = {"news/secret-plan.md": DRAFT, "ordinances/fair-rent.md": SOURCED}
    return write_site(tmp_path_factory.mktemp("data") / "content", documents)


@pytest.fixture(scope="module")
def published(content, tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUB_SITEURL", "https://example.org/hub")
        output = tmp_path_factory.mktemp("published") / "out"
        result = build(content, output, ROOT / "publishconf.py")
    assert result.returncode == 0, result.stderr
    return output / "api"


def load(api: Path, name: str) -> dict:
    return json.loads((api / name).read_text(encoding="utf-8"))


def test_adoptions_csv_has_the_exact_rows(published):
    data = (published / "adoptions.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert data.splitlines()[0] == (  # the first columns keep their places; new ones come last
        b"ordinance,ordinance_title,ordinance_url,jurisdiction,jurisdiction_name,state,kind,status,date,"
        b"citation,url,effective,number,sponsors,vote,notes,provisions"
    )
    found = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    empty = {k: "" if v is None else v for k, v in NC_ROW.items()}
    durham = {**DURHAM_ROW, "url": "", "sponsors": "Ann Lee; Bo Park, Jr.", "provisions": "section-1=changed"}
    assert found == [durham, {**empty, "sponsors": "", "provisions": ""}]


def test_adoptions_json_has_the_exact_rows(published):
    assert load(published, "adoptions.json") == {
        "generated_by": "Local Policy Hub",
        "count": 2,
        "adoptions": [DURHAM_ROW, NC_ROW],
    }


def test_documents_json_lists_published_documents_with_permalinks(published):
    data = load(published, "documents.json")
    assert data["generated_by"] == "Local Policy Hub" and data["count"] == 5
    documents = by_slug(data["documents"])
    assert list(documents) == ["fair-rent", "hillsborough-first", "privacy-trap", "convening", "about"]
    rent = documents["fair-rent"]
    assert rent["permalink"] == "https://example.org/hub/ordinances/fair-rent/"
    assert (rent["url"], rent["date"], rent["updated"]) == ("ordinances/fair-rent/", "2025-10-01", None)
    assert (rent["kind"], rent["adoption_count"], rent["states"]) == ("ordinance", 1, ["nc"])
    assert rent["jurisdictions"] == ["hillsborough-nc", "durham-nc", "nc"] and rent["issues"] == ["housing"]
    assert documents["privacy-trap"]["partners"] == ["Data & Society", "CoWorker"]
    assert documents["privacy-trap"]["file"] == "files/brief.pdf"
    assert documents["privacy-trap"]["states"] == []
    assert documents["hillsborough-first"]["people"] == [
        {"name": "Jenn Weaver", "role": "Mayor", "jurisdiction": "hillsborough-nc"}
    ]
    assert documents["hillsborough-first"]["video"] == "https://www.youtube.com/watch?v=Abc123xyz_0"


def test_issues_and_jurisdictions_json(published):
    issues = load(published, "issues.json")
    assert issues["count"] == 2
    assert [(i["slug"], i["counts"], i["total"]) for i in issues["issues"]] == [
        ("housing", {"news": 1, "ordinance": 1, "story": 1}, 3),
        ("tech-accountability", {"brief": 1, "news": 1}, 2),
    ]
    places = load(published, "jurisdictions.json")
    assert [(j["slug"], j["parent"], j["document_count"]) for j in places["jurisdictions"]] == [
        ("nc", None, 3),
        ("durham-nc", None, 1),
        ("hillsborough-nc", "orange-county-nc", 2),
        ("orange-county-nc", None, 0),
    ]
    assert places["jurisdictions"][2]["lat"] == 36.07 and places["jurisdictions"][2]["lon"] == -79.1


def test_json_files_are_sorted_indented_and_end_with_one_newline(published):
    for name in (n for n in FILES if n.endswith(".json")):
        text = (published / name).read_text(encoding="utf-8")
        data = json.loads(text)
        assert text == json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n", name
        assert data["count"] == len(data[name.removesuffix(".json")]), name


def test_published_data_has_no_drafts(published):
    for name in FILES:
        data = (published / name).read_bytes()
        assert b"secret-plan" not in data and b"Secret Plan" not in data, name


def test_preview_data_has_drafts_and_no_permalink_and_two_builds_are_identical(content, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for output in (one, two):
        result = build(content, output)
        assert result.returncode == 0, result.stderr
    documents = load(one / "api", "documents.json")["documents"]
    assert documents[0]["slug"] == "secret-plan"
    assert all("permalink" not in d for d in documents)
    assert sorted(tree(one / "api")) == sorted(FILES)
    assert tree(one / "api") == tree(two / "api")

"""The demo site (content/) as a smoke build: it passes the check, builds as published, and has every kind
of page the hub writes. What each page holds is the golden site's business (tests/test_golden.py), so
nothing here depends on how many documents the demo has.

The demo also agrees with itself: every count its texts give about adoptions matches the rows of the
model it names, and a figure the network reports (not one the tables can show) reads the same on every
page that gives it, so adding a row without updating the text fails here."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from tests.sitekit import ROOT, hub

SITE_PAGES = (
    "index.html", "404.html", "search/index.html", "sitemap.xml", "robots.txt", "_headers",
    "_nginx-headers.conf", "issues/index.html", "jurisdictions/index.html", "jurisdictions/map.svg",
    "ordinances/index.html", "ordinances/by-adoptions/index.html", "briefs/index.html", "stories/index.html",
    "news/index.html", "feeds/all.atom.xml", "api/documents.json", "api/adoptions.json", "api/adoptions.csv",
    "api/issues.json", "api/jurisdictions.json", "theme/css/brand.css",
)  # fmt: skip
DOWNLOADS = ("{slug}.md", "{slug}.txt", "{slug}.docx", "cite.json")


def api(demo, name: str) -> list[dict]:
    return json.loads((demo / "api" / f"{name}.json").read_text(encoding="utf-8"))[name]


def test_the_demo_content_passes_the_check():
    result = hub("check", "-i", str(ROOT / "content"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_demo_has_the_pages_of_the_site(demo):
    assert [path for path in SITE_PAGES if not (demo / path).is_file()] == []
    # `about.md` is at /about/, its translation `about.es.md` at /es/about/.
    stems = [p.stem.split(".") for p in (ROOT / "content" / "pages").glob("*.md")]
    pages = ["/".join(reversed(parts)) for parts in stems]
    assert pages and [page for page in pages if not (demo / page / "index.html").is_file()] == []


def test_every_document_of_the_demo_has_its_page_and_every_ordinance_its_downloads(demo):
    documents = api(demo, "documents")
    assert {"ordinance", "brief", "story", "news"} <= {d["type"] for d in documents}
    assert [d["url"] for d in documents if not (demo / d["url"] / "index.html").is_file()] == []
    for ordinance in (d for d in documents if d["type"] == "ordinance"):
        folder = demo / ordinance["url"]
        assert all((folder / name.format(slug=ordinance["slug"])).is_file() for name in DOWNLOADS), folder


def test_every_issue_and_jurisdiction_of_the_demo_has_its_page_and_feed(demo):
    issues = {p.stem for p in (ROOT / "content" / "issues").glob("*.md")}
    assert {i["slug"] for i in api(demo, "issues")} <= issues
    for slug in issues:
        assert (demo / "issues" / slug / "index.html").is_file()
        assert (demo / "feeds" / "issues" / f"{slug}.atom.xml").is_file()
    places = api(demo, "jurisdictions")
    assert {"state", "county", "city"} <= {p["kind"] for p in places}
    assert any(p["parent"] and p["kind"] != "state" for p in places)  # towns nested in counties
    assert [p["url"] for p in places if not (demo / p["url"] / "index.html").is_file()] == []


def test_every_address_in_the_sitemap_of_the_demo_is_a_page(demo):
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.parse(demo / "sitemap.xml").getroot().iterfind("s:url/s:loc", names)]
    assert locations
    missing = [loc for loc in locations if not (demo / loc.lstrip("/") / "index.html").is_file()]
    assert missing == []


# "The [model ordinance's table of adoptions](/ordinances/<slug>/#adopted-heading) lists the 2 places ..."
TABLE_CLAIM = re.compile(
    r'<a href="(?:\.\./)*ordinances/([a-z0-9-]+)/#adopted-heading">[^<]*table of adoptions</a>'
    r" lists (?:the )?(\w+)"
)
NUMBERS = dict(none=0, no=0, one=1, two=2, three=3, four=4, five=5, six=6, eleven=11, twelve=12, dozen=12)
NUMBERS.update(thirteen=13, fourteen=14, fifteen=15, sixteen=16)
# Figures the network reports, given the same way on every page named (the tables list fewer places: only
# those the hub's sources name). Each is an upper bound on the model's local rows.
NETWORK_FIGURES = {
    "lgbtq-inclusive-nondiscrimination-ordinance": (
        15,
        "in 15 municipalities, by the network's count",
        ("stories/hillsborough-goes-first", "issues/lgbtq-equality", "issues/preemption"),
    ),
    "ban-on-algorithmic-rent-setting": (
        11,
        "11 cities and counties have passed bans on rental price fixing",
        (
            "briefs/rental-price-fixing-software",
            "news/california-new-york-ban-rental-price-fixing",
            "issues/housing",
            "issues/tech-accountability",
        ),
    ),
}
# A count of places of one of these kinds anywhere in the demo: each kind has one figure only.
PLACE_COUNT = re.compile(
    rf"\b(\d+|{'|'.join(NUMBERS)}) "
    r"(municipalities|localities|cities and counties)\b"
)
# The sentence above a model's table: "Adopted in 2 local jurisdictions in 1 state: ...", "Adopted by 2
# statewide laws: ...", or both parts in one sentence.
LOCAL_PART = re.compile(r"^Adopted in (\d+) local jurisdictions? in \d+ states?")
STATEWIDE_PART = re.compile(r"\bby (\d+) statewide laws?")


def rows(demo: Path, slug: str) -> list[dict]:
    """The model's "Adopted in" rows, as its open-data file gives them (a model without any has none)."""
    path = demo / "ordinances" / slug / "adoptions.json"
    return json.loads(path.read_text(encoding="utf-8"))["adoptions"] if path.is_file() else []


def number(word: str) -> int:
    """A count written in digits or in words ("2", "two", "none")."""
    return int(word) if word.isdigit() else NUMBERS[word]


def text_of(page: Path, part: str = ".body") -> str:
    """The words of a page's part (its own text, `.body`, without the cards of other documents; the
    whole page with `part="html"`), white space made single."""
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    return " ".join(" ".join(node.text(separator=" ") for node in tree.css(part)).split())


def test_every_sentence_about_a_models_table_gives_its_number_of_rows(demo):
    claims = [
        (page.relative_to(demo).parent.as_posix(), slug, word)
        for page in demo.rglob("index.html")
        for slug, word in TABLE_CLAIM.findall(page.read_text(encoding="utf-8"))
    ]
    wrong = [
        (page, slug, word, len(rows(demo, slug)))
        for page, slug, word in claims
        if (word not in NUMBERS and not word.isdigit()) or number(word) != len(rows(demo, slug))
    ]
    assert wrong == []
    claimed = {(page, slug) for page, slug, _ in claims}
    assert ("issues/lgbtq-equality", "lgbtq-inclusive-nondiscrimination-ordinance") in claimed
    assert ("stories/hillsborough-goes-first", "lgbtq-inclusive-nondiscrimination-ordinance") in claimed
    assert ("issues/housing", "ban-on-algorithmic-rent-setting") in claimed


def test_a_figure_the_network_reports_reads_the_same_on_every_page_that_gives_it(demo):
    for slug, (figure, phrase, pages) in NETWORK_FIGURES.items():
        for url in (f"ordinances/{slug}", *pages):
            assert phrase in text_of(demo / url / "index.html"), (url, phrase)
        local = [r for r in rows(demo, slug) if r["status"] == "adopted" and r["kind"] != "state"]
        assert len(local) <= figure, slug  # the table can list fewer places than the network counts
    counts: dict[str, set[int]] = {}
    for page in demo.rglob("index.html"):
        for count, kind in PLACE_COUNT.findall(text_of(page, "html")):
            counts.setdefault(kind, set()).add(number(count))
    assert counts == {"municipalities": {15}, "cities and counties": {11}}


def test_each_models_adoption_sentence_counts_its_adopted_rows(demo):
    ordinances = [d for d in api(demo, "documents") if d["type"] == "ordinance"]
    for doc in ordinances:
        adopted = [r for r in rows(demo, doc["slug"]) if r["status"] == "adopted"]
        local = sum(r["kind"] != "state" for r in adopted)
        page = (demo / doc["url"] / "index.html").read_text(encoding="utf-8")
        found = re.search(r'<p class="adoption-count">([^<]*)</p>', page)
        assert doc["adoption_count"] == len(adopted), doc["slug"]
        if not adopted:
            assert found is None or "Not yet adopted anywhere." in found.group(1), doc["slug"]
            continue
        assert found and found.group(1).startswith("Adopted "), doc["slug"]
        parts = [part.search(found.group(1)) for part in (LOCAL_PART, STATEWIDE_PART)]
        said = [int(part.group(1)) if part else 0 for part in parts]
        assert said == [local, len(adopted) - local], (doc["slug"], found.group(1))

"""The demo site (content/) as a smoke build: it passes the check, builds as published, and has every kind
of page the hub writes. What each page holds is the golden site's business (tests/test_golden.py), so
nothing here depends on how many documents the demo has."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

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
    pages = [p.stem for p in (ROOT / "content" / "pages").glob("*.md")]
    assert pages and all((demo / slug / "index.html").is_file() for slug in pages)


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

"""An ordinance's adoption places join its `jurisdictions`, so pages, search and open data agree."""

from __future__ import annotations

import json

from hub_content import HubSettings, load_site
from tests.sitekit import ORDINANCE, build, write_site

LISTS_AN_ADOPTION_PLACE = ORDINANCE.replace("[hillsborough-nc]", "[nc, hillsborough-nc]")


def jurisdictions_of(root, slug: str) -> tuple[str, ...]:
    site = load_site(root, HubSettings(drafts=True))
    return next(d.jurisdictions for d in site.documents if d.slug == slug)


def test_adoption_places_follow_the_listed_jurisdictions_in_adoption_order(tmp_path):
    root = write_site(tmp_path)
    assert jurisdictions_of(root, "fair-rent") == ("hillsborough-nc", "durham-nc", "nc")


def test_a_place_both_listed_and_adopted_appears_once_where_it_was_listed(tmp_path):
    root = write_site(tmp_path, {"ordinances/fair-rent.md": LISTS_AN_ADOPTION_PLACE})
    assert jurisdictions_of(root, "fair-rent") == ("nc", "hillsborough-nc", "durham-nc")


def test_documents_without_adoptions_keep_their_list(tmp_path):
    root = write_site(tmp_path)
    assert jurisdictions_of(root, "convening") == ("nc",)
    assert jurisdictions_of(root, "hillsborough-first") == ()


def test_built_site_lists_the_adoption_place_in_open_data_and_on_its_page(tmp_path):
    out = tmp_path / "out"
    result = build(write_site(tmp_path / "content"), out)
    assert result.returncode == 0, result.stderr
    documents = json.loads((out / "api" / "documents.json").read_text(encoding="utf-8"))
    fair_rent = next(d for d in documents["documents"] if d["slug"] == "fair-rent")
    assert fair_rent["jurisdictions"] == ["hillsborough-nc", "durham-nc", "nc"]
    durham = (out / "jurisdictions" / "durham-nc" / "index.html").read_text(encoding="utf-8")
    assert 'href="/ordinances/fair-rent/"' in durham

"""The fixture site builds exactly as the committed expected output (refresh with `make golden`)."""

from __future__ import annotations

import pytest

from tests.golden import BUILDS, EXPECTED, build_fixture, differences, expected


def test_the_fixture_site_builds_exactly_as_the_committed_expected_output(tmp_path):
    found = differences(build_fixture(tmp_path), expected())
    if found:
        pytest.fail(f"{found}\n(run `make golden` if this is intended, and review the diff)", pytrace=False)


@pytest.mark.unit
def test_a_difference_names_each_file_and_shows_a_short_diff():
    stored = {"a.html": b"one\ntwo\n", "gone.xml": b"x"}
    built = {"a.html": b"one\nthree\n", "new.json": b"{}"}
    report = differences(built, stored).splitlines()
    assert report[:3] == ["added: new.json", "removed: gone.xml", "changed: a.html"]
    assert "-two" in report and "+three" in report
    assert differences(stored, dict(stored)) == ""


@pytest.mark.unit
def test_the_expected_output_holds_every_kind_of_page_the_fixture_exercises():
    """A refresh from a broken fixture or filter could empty the golden: this names what it must hold."""
    stored = {p.relative_to(EXPECTED).as_posix() for p in EXPECTED.rglob("*") if p.is_file()}
    for build in BUILDS:
        for path in (
            "index.html", "404.html", "sitemap.xml", "search/index.html", "about/index.html",
            "ordinances/protect-our-community/index.html", "ordinances/by-adoptions/index.html",
            "ordinances/protect-our-community/protect-our-community.docx.txt",
            "ordinances/protect-our-community/protect-our-community.md",
            "ordinances/protect-our-community/protect-our-community.txt",
            "ordinances/protect-our-community/cite.json", "ordinances/protect-our-community/map.svg",
            "stories/hillsborough-went-first/index.html", "briefs/rental-price-fixing/index.html",
            "news/leadership-collaborative/index.html", "ordinances/page/2/index.html",
            "jurisdictions/hillsborough-nc/index.html", "jurisdictions/orange-county-nc/index.html",
            "jurisdictions/nc/index.html", "jurisdictions/map.svg", "issues/housing/index.html",
            "2023/02/hillsborough-goes-first/index.html", "feeds/all.atom.xml", "api/documents.json",
            "api/adoptions.csv", "search/places/nc.json", "theme/css/brand.css",
            "ordinances/nondiscrimination-ordinance/enacted/carrboro-nc/index.html",
        ):  # fmt: skip
            assert f"{build}/{path}" in stored
        # Copies of the theme's and the content's files and the search bundle are not the hub's output.
        copies = (f"{build}/pagefind/", f"{build}/images/", f"{build}/files/")
        assert not any(p.startswith(copies) for p in stored)
        assert f"{build}/theme/js/site.js" not in stored
    assert "preview/news/convening-recap/index.html" in stored
    assert "published/news/convening-recap/index.html" not in stored
    assert {"published/_headers", "published/robots.txt"} <= stored

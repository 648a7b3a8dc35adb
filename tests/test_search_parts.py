"""A site with more searchable pages than one Pagefind run may hold is indexed in parts, newest first,
and its search page still finds every page, in the order asked for (real Pelican, Pagefind, Chromium)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub_search.bundle import page_ids
from tests.browser import open_page, served
from tests.sitekit import build, front, settings_file, tree, write_site

WORD = "quorumtally"
YEARS = range(2012, 2023)  # one news item a year, each with WORD
PER_BUNDLE = 4


def news(year: int) -> str:
    return front(
        f"title: Convening of {year}\ndate: {year}-05-0{year % 7 + 1}\nsummary: The {year} meeting.\n"
        "issues: [housing]\njurisdictions: [nc]",
        f"Members met in {year} and took a {WORD} of the motions.",
    )


def content(root: Path) -> Path:
    return write_site(root, {f"news/convening-{year}.md": news(year) for year in YEARS})


def searchable(output: Path) -> set[str]:
    """The addresses of the written pages marked for search."""
    pages = (p for p in output.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    return {"/" + p.parent.relative_to(output).as_posix() + "/" for p in pages} - {"/./"}


def part_folders(output: Path) -> list[Path]:
    """The bundle's parts, newest pages first: the main one, then `parts/<n>/` from the highest number."""
    bundle = output / "pagefind"
    if not (bundle / "parts").is_dir():
        return [bundle]
    return [bundle, *sorted((bundle / "parts").iterdir(), key=lambda p: -int(p.name))]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The same content built in parts and in one bundle."""
    root = tmp_path_factory.mktemp("parts")
    source = content(root / "content")
    built = {}
    for name, hub in (("parts", {"search_bundle_pages": PER_BUNDLE}), ("whole", {})):
        out = root / name
        result = build(source, out, settings_file(root, "publishconf", **hub))
        assert result.returncode == 0, result.stderr
        built[name] = out
    return built


def test_each_searchable_page_is_in_exactly_one_part_of_at_most_the_setting(sites):
    folders = part_folders(sites["parts"])
    assert len(folders) > 2
    held = [page_ids(folder) for folder in folders]
    everything = [url for ids in held for url in ids]
    assert sorted(everything) == sorted(searchable(sites["parts"]))  # each once, none left out
    for ids in held:
        spanish = [url for url in ids if url.startswith("/es/")]
        assert len(spanish) <= PER_BUNDLE and len(ids) - len(spanish) <= PER_BUNDLE
    assert page_ids(part_folders(sites["whole"])[0]).keys() == set(everything)


def test_the_parts_are_cut_by_date_newest_first(sites):
    dated = []
    for folder in part_folders(sites["parts"]):
        years = [int(m.group(1)) for url in page_ids(folder) if (m := re.search(r"convening-(\d{4})", url))]
        if years:
            dated.append((min(years), max(years)))
    assert len(dated) > 1
    for newer, older in itertools.pairwise(dated):
        assert newer[0] >= older[1]


def results(chromium, site: Path, query: str) -> list[str]:
    """Every result of the search, in order, showing more until all are shown."""
    from playwright.sync_api import expect

    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/search/{query}", wait_until="networkidle")
        status = page.locator("#search-status")
        expect(status).to_contain_text("result", timeout=10_000)
        total = int(m.group(1)) if (m := re.search(r"(\d+) results", status.inner_text())) else 1
        links = page.locator("#search-results .result h2 a")
        while links.count() < total:
            shown = links.count()
            expect(page.locator("#search-more")).to_be_visible()
            page.click("#search-more")
            expect(links).not_to_have_count(shown)
        found = links.evaluate_all("links => links.map(a => a.pathname)")
        assert [m for m in visit.console if m.startswith("error") or "Content Security Policy" in m] == []
        page.close()
        return found


def test_a_search_finds_the_pages_of_every_part(sites, chromium):
    found = results(chromium, sites["parts"], f"?q={WORD}")
    assert sorted(found) == sorted(f"/news/convening-{year}/" for year in YEARS)
    assert sorted(found) == sorted(results(chromium, sites["whole"], f"?q={WORD}"))
    for query in ("?q=housing", "?type=news", "?q=rent&issue=housing"):
        whole = results(chromium, sites["whole"], query)
        assert sorted(results(chromium, sites["parts"], query)) == sorted(whole)


def test_sorting_by_date_runs_newest_first_across_the_parts(sites, chromium):
    found = results(chromium, sites["parts"], f"?q={WORD}&sort=date")
    assert found == [f"/news/convening-{year}/" for year in reversed(YEARS)]
    assert found == results(chromium, sites["whole"], f"?q={WORD}&sort=date")


def test_a_rebuild_after_an_edit_clones_each_part_and_matches_a_clean_build(tmp_path):
    source = content(tmp_path / "content")
    settings = settings_file(tmp_path, "publishconf", search_bundle_pages=PER_BUNDLE)
    out = tmp_path / "site"
    assert build(source, out, settings).returncode == 0
    edited = source / f"news/convening-{YEARS[0]}.md"
    edited.write_text(news(YEARS[0]).replace("the motions", "the amended motions"), encoding="utf-8")
    again = build(source, out, settings)
    assert again.returncode == 0, again.stderr
    kept = re.search(
        r"(\d+) files kept from the last index.*; (\d+) parts, (\d+) of them taken whole", again.stderr
    )
    assert kept, again.stderr
    assert int(kept.group(1)) > 0  # the edited part was indexed into a clone of itself
    assert int(kept.group(3)) == int(kept.group(2)) - 1 == len(part_folders(out)) - 1  # the others taken
    clean = tmp_path / "clean"
    assert build(source, clean, settings).returncode == 0

    def stable(site: Path) -> dict[str, bytes]:
        unstable = re.compile(r"pagefind/(parts/\d+/)?(filter/|pagefind\.|pagefind-entry\.json)")
        return {name: data for name, data in tree(site).items() if not unstable.match(name)}

    assert stable(out) == stable(clean)


def test_each_language_s_search_page_loads_the_parts_holding_its_pages(sites):
    import json

    output = sites["parts"]
    for page, lang in (("search/index.html", "en"), ("es/search/index.html", "es")):
        named = re.search(r"data-parts='([^']*)'", (output / page).read_text(encoding="utf-8"))
        assert named is not None
        holding = [
            folder.relative_to(output / "pagefind").as_posix() + "/"
            for folder in part_folders(output)[1:]
            if lang in json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
        ]
        assert json.loads(named.group(1)) == holding and holding
    assert "data-parts" not in (sites["whole"] / "search/index.html").read_text(encoding="utf-8")


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=120))
def test_a_cut_keeps_every_page_once_and_a_newer_page_changes_only_the_newest_piece(count, per_bundle):
    from hub_search.parts import _cut

    items = list(range(count, 0, -1))  # newest first
    pieces = _cut(items, per_bundle)  # type: ignore[arg-type]
    assert [item for piece in pieces for item in piece] == items
    assert len(pieces) == -(-count // per_bundle)
    assert all(len(piece) == per_bundle for piece in pieces[1:])
    assert not pieces or 0 < len(pieces[0]) <= per_bundle
    grown = _cut([count + 1, *items], per_bundle)  # type: ignore[arg-type]
    assert grown[len(grown) - len(pieces[1:]) :] == pieces[1:]  # the older pieces as they were


def test_an_index_in_many_parts_is_built_and_the_build_says_what_it_costs_readers(tmp_path):
    source = content(tmp_path / "content")
    result = build(source, tmp_path / "site", settings_file(tmp_path, "publishconf", search_bundle_pages=1))
    assert result.returncode == 0, result.stderr
    said = re.search(r"the en search page loads its index in (\d+) parts", result.stderr)
    assert said and int(said.group(1)) == len(part_folders(tmp_path / "site")) > 8
    assert "raise HUB['search_bundle_pages'] (now 1)" in result.stderr

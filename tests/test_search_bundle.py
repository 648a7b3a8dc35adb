"""Pagefind run into a clone of its last bundle writes, once pruned, what it writes into an empty folder.

Runs the real Pagefind binary (hub_search.indexer.IndexRun) on small pages written here, before and after
each kind of change (a page removed, edited or added, a language added), once into a new folder and once
into a hard-link clone of the bundle before the change. The two bundles must hold the same files with the
same bytes (bar Pagefind's unstable filter files and the two files naming them, which must still be as
many), and the files the hub derives from the entry and `pf_meta` files must be exactly the
content-named files of the clean run.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from hub_search.bundle import SIGNATURE, named_by_content, page_ids, page_url, referenced
from hub_search.indexer import IndexRun
from hub_search.reuse import manifest

UNSTABLE = ("filter/", "pagefind.", "pagefind-entry.json")
Pages = dict[str, str]  # path below the site -> page


def page(title: str, body: str, lang: str = "en", kind: str = "story") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
        f"<main data-pagefind-body><h1>{title}</h1><p>{body}</p>"
        f'<span data-pagefind-filter="type">{kind}</span></main></body></html>'
    )


START: Pages = {
    f"{kind}s/{n}/index.html": page(f"{kind.title()} {n}", f"Rent housing words {n} " * 40, kind=kind)
    for kind in ("story", "brief", "ordinance")
    for n in range(4)
}


def remove_a_page(pages: Pages) -> None:
    del pages["briefs/2/index.html"]


def edit_a_page(pages: Pages) -> None:
    pages["stories/1/index.html"] = page("Story 1", "A rewritten body about surveillance and tenants.")


def add_a_page(pages: Pages) -> None:
    pages["news/added/index.html"] = page("Added", "Zoning reform arrives", kind="news")


def add_a_language(pages: Pages) -> None:
    pages["es/stories/1/index.html"] = page("Historia 1", "Vivienda asequible para todos", lang="es")


def index(pages: Pages, site: Path, bundle: Path, last: Path | None = None) -> tuple[int, int]:
    """Write `pages` into `site`, run Pagefind on them into `bundle`; how many files it took from `last`
    and how many of those it pruned."""
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    run = IndexRun(site, sorted(pages), (last, manifest(last)) if last is not None else None)
    report = run.finish(bundle)
    assert report.pages == len(pages)
    return report.cloned, report.pruned


def fragment_of(bundle: Path, url: str) -> Path:
    """The fragment file of the page at `url` (gzip, Pagefind's signature, then JSON)."""
    for file in (bundle / "fragment").iterdir():
        if json.loads(gzip.decompress(file.read_bytes())[len(SIGNATURE) :])["url"] == url:
            return file
    raise AssertionError(f"no fragment for {url}")


def files(bundle: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    found = (p for p in sorted(bundle.rglob("*")) if p.is_file())
    return {n: p.read_bytes() for p in found if not (n := p.relative_to(bundle).as_posix()).startswith(skip)}


@pytest.mark.parametrize("change", [remove_a_page, edit_a_page, add_a_page, add_a_language])
def test_a_pruned_clone_holds_what_a_clean_run_writes(
    tmp_path: Path, change: Callable[[Pages], None]
) -> None:
    before = dict(START)
    index(before, tmp_path / "site0", tmp_path / "bundle0")
    after = dict(before)
    change(after)

    index(after, tmp_path / "clean-site", tmp_path / "clean")
    cloned, pruned = index(after, tmp_path / "cloned-site", tmp_path / "cloned", last=tmp_path / "bundle0")

    clean, kept = tmp_path / "clean", tmp_path / "cloned"
    assert files(kept, UNSTABLE) == files(clean, UNSTABLE)
    assert len(files(kept)) == len(files(clean))  # the unstable files too: none left over from the clone
    named = {name for name in files(clean) if named_by_content(name)}
    assert referenced(clean) == named and referenced(kept) == {n for n in files(kept) if named_by_content(n)}
    assert cloned > 0
    # A removed, edited or added page leaves files of the last bundle unnamed, which must go; a language
    # added leaves the first language's files as they were (its filter files may or may not be renamed).
    assert pruned > 0 or change is add_a_language
    # Files Pagefind did not write again are the last bundle's own: the same inode. (Filter files are
    # named anew on some runs, so the clean run's names are not all in the clone.)
    same = [
        name
        for name in referenced(kept)
        if (tmp_path / "bundle0" / name).exists()
        and os.stat(kept / name).st_ino == os.stat(tmp_path / "bundle0" / name).st_ino
    ]
    assert any(name.startswith("fragment/") for name in same)


def test_the_clone_leaves_out_files_changed_since_they_were_recorded(tmp_path: Path) -> None:
    index(dict(START), tmp_path / "site0", tmp_path / "bundle0")
    recorded = manifest(tmp_path / "bundle0")
    fragment = fragment_of(tmp_path / "bundle0", "/briefs/0/")  # a page the edit leaves as it was
    os.utime(fragment, ns=(0, 0))
    pages = dict(START)
    edit_a_page(pages)
    for name, text in pages.items():
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text(text, encoding="utf-8")

    run = IndexRun(tmp_path / "site", sorted(pages), (tmp_path / "bundle0", recorded))
    run.finish(tmp_path / "bundle")

    names = {n for n in files(tmp_path / "bundle0") if named_by_content(n)}
    assert run.cloned == len(names) - 1
    # Pagefind wrote the left-out fragment again, as a file of its own.
    name = fragment.relative_to(tmp_path / "bundle0").as_posix()
    assert os.stat(tmp_path / "bundle" / name).st_ino != fragment.stat().st_ino


def test_each_page_file_is_found_by_its_address_with_the_id_search_gives_its_results(tmp_path: Path) -> None:
    """The devserver's overlay names the results it replaces by id: `page_ids` must give every page of a
    real bundle under the address `page_url` makes of its file, with a long address read in full."""
    pages = dict(START)
    add_a_language(pages)
    pages["es/historias/café y más/index.html"] = page("Café", "Vivienda y café", lang="es")
    pages["notes/plain.html"] = page("Plain", "A page named as a file")
    pages["deep/" + "a-long-folder-name/" * 80 + "index.html"] = page("Deep", "A page far down")
    index(pages, tmp_path / "site", tmp_path / "bundle")
    ids = page_ids(tmp_path / "bundle")
    assert sorted(ids) == sorted(page_url(name) for name in pages)
    for name in pages:
        assert ids[page_url(name)] == fragment_of(tmp_path / "bundle", page_url(name)).stem
    assert page_url("stories/1/index.html") == "/stories/1/"
    assert page_url("notes/plain.html") == "/notes/plain.html"

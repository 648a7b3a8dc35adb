"""The checks on the written site: broken links and images, missing anchors, unreachable documents."""

from __future__ import annotations

import os
from pathlib import Path

from hub_check.checks import broken_links, unreachable_documents
from hub_check.links import Page, Target, read_pages, resolve, site_files
from hub_check.since import Passed, pages_to_check
from hub_content import HubSettings, load_site
from hub_core.cache import FileMemo
from tests.sitekit import build, front, write_site


def page(path: str, *links: str, ids: tuple[str, ...] = ()) -> Page:
    return Page(path, frozenset(ids), links)


def test_links_resolve_against_the_page_and_the_site_folder():
    here = page("ordinances/x/index.html")
    assert resolve(here, "../../images/a.png", "") == Target("images/a.png", "")
    assert resolve(here, "/issues/housing/", "") == Target("issues/housing/index.html", "")
    assert resolve(here, "#section-2", "") == Target("ordinances/x/index.html", "section-2")
    assert resolve(here, "https://example.org/x", "") is None
    assert resolve(here, "mailto:someone@example.org", "") is None
    assert resolve(here, "https://hub.example.org/sub/issues/", "https://hub.example.org/sub") == Target(
        "issues/index.html", ""
    )
    assert resolve(here, "/sub/issues/", "https://hub.example.org/sub") == Target("issues/index.html", "")


def test_broken_links_and_missing_anchors_name_the_page_and_the_link(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>')
    pages = {
        "index.html": page("index.html", "/a/", "/a/#here", "/a/#gone", "/b/", "theme/x.css"),
        "a/index.html": page("a/index.html", ids=("here",)),
    }
    assert broken_links(site_files(tmp_path), pages, "") == [
        "index.html: broken link to /a/#gone (no id 'gone' on that page)",
        "index.html: broken link to /b/ (no file b/index.html)",
        "index.html: broken link to theme/x.css (no file theme/x.css)",
    ]


def test_links_in_code_samples_are_not_links(tmp_path):
    (tmp_path / "index.html").write_text(
        '<p><code>&lt;a href="/nowhere/"&gt;</code> <a href="/real/">r</a></p>'
    )
    assert read_pages(tmp_path)["index.html"].links == ("/real/",)


def test_a_link_or_id_repeated_on_many_pages_is_kept_once(tmp_path):
    # Every page repeats the nav: kept once per page, the links of 100,000 pages would not fit in memory.
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        page = f'<nav id="top"><a href="/{name}/">x</a><a href="/nav/">n</a></nav>'
        (tmp_path / name / "index.html").write_text(page)
    pages = read_pages(tmp_path)
    a, b = pages["a/index.html"], pages["b/index.html"]
    assert a.links == ("/a/", "/nav/") and b.links == ("/b/", "/nav/")
    assert a.links[1] is b.links[1]
    assert next(iter(a.ids)) is next(iter(b.ids))


def test_a_page_with_the_recorded_size_and_time_is_not_read_again_and_a_changed_one_is(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("index.html", "a/index.html"):
        (tmp_path / name).write_text('<a href="/a/">a</a>')
    assert site_files(tmp_path) == ["a/index.html", "index.html"]
    first = FileMemo()
    read_pages(tmp_path, memo=first)
    remembered = page("index.html", "/remembered/")
    recorded = {name: (*entry[:2], remembered) for name, entry in first.entries.items()}
    changed = tmp_path / "a" / "index.html"
    changed.write_text('<a href="/b/">b</a>')  # the same size...
    os.utime(changed, ns=(recorded["a/index.html"][1] + 10**9,) * 2)  # ...a later time (clocks are coarse)
    second = FileMemo(recorded)
    pages = read_pages(tmp_path, memo=second)
    assert pages["index.html"] is remembered
    assert pages["a/index.html"].links == ("/b/",)
    assert second.entries["a/index.html"][2] == pages["a/index.html"]  # kept for the next build


def test_a_document_missing_from_its_issue_page_is_reported(tmp_path):
    site = load_site(write_site(tmp_path), HubSettings())
    linked = [d.url for d in site.documents]
    pages = {
        "issues/housing/index.html": page("issues/housing/index.html"),
        "issues/housing/news/index.html": page("issues/housing/news/index.html", "/news/convening/"),
        "issues/tech-accountability/index.html": page(
            "issues/tech-accountability/index.html", "/briefs/privacy-trap/", "/news/convening/"
        ),
    }
    for slug in ("nc", "durham-nc", "hillsborough-nc"):
        path = f"jurisdictions/{slug}/index.html"
        pages[path] = page(path, *(f"/{u}" for u in linked))
    assert unreachable_documents(site, pages, "") == [
        "ordinances/fair-rent/ cannot be reached from issues/housing/ or the pages under it",
        "stories/hillsborough-first/ cannot be reached from issues/housing/ or the pages under it",
    ]


def test_a_broken_link_in_a_document_fails_the_build(tmp_path):
    body = "See [the plan](/ordinances/nowhere/) and [above](#nothing)."
    doc = front("title: N\ndate: 2025-01-02\nsummary: S\nissues: [housing]", body)
    result = build(write_site(tmp_path / "content", {"news/n.md": doc}), tmp_path / "out")
    assert result.returncode == 1
    source = tmp_path / "content" / "news" / "n.md"
    assert (
        f"news/n/index.html (from {source}): broken link to /ordinances/nowhere/ (no file "
        "ordinances/nowhere/index.html)" in result.stderr
    )
    assert f"news/n/index.html (from {source}): broken link to #nothing (no id 'nothing'" in result.stderr
    # Said in words, like every content problem: no exception's name (it was "BrokenSiteError: ...").
    assert "build stopped: the written site failed its checks (2 problems)" in result.stderr
    assert "Error" not in result.stderr
    assert not Path(tmp_path / "out").exists()
    # Pagefind was indexing beside the output when the check failed: stopped, its folder removed.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_tags_written_inside_a_script_or_style_are_text_not_links(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script type="application/ld+json">{"name":"A <img src=x id=y> title"}</script>'
        "<style>a::after { content: '<a href=z>'; }</style>"
        '<script type="module" src="/theme/js/site.js"></script><a id="top" href="/real/">r</a>'
    )
    page = read_pages(tmp_path)["index.html"]
    assert (page.links, page.ids) == (("/theme/js/site.js", "/real/"), frozenset({"top"}))


def _checked_twice(tmp_path: Path, change) -> tuple[list[str], list[str]]:
    """A site checked (and passing) once, then changed by `change(folder)` and checked again as a cached
    build checks it: (the pages checked the second time, the problems found)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "index.html").write_text('<a href="/a/">a</a><a href="/b/#here">b</a>')
    (tmp_path / "a" / "index.html").write_text('<a href="/">home</a>')
    (tmp_path / "b" / "index.html").write_text('<h2 id="here">b</h2>')
    first = FileMemo()
    files = site_files(tmp_path)
    pages = read_pages(tmp_path, files, first)
    assert broken_links(files, pages, "") == []
    passed = Passed.of("", files)
    change(tmp_path)
    files = site_files(tmp_path)
    memo = FileMemo(first.entries)
    pages = read_pages(tmp_path, files, memo)
    checked = pages_to_check(pages, memo, Passed.of("", files), passed)
    return sorted(checked), broken_links(files, pages, "", checked=checked)


def _rewrite(path: Path, text: str) -> None:
    path.write_text(text)
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)  # clocks are coarse: a later time


def test_after_a_passing_check_only_the_pages_read_again_are_checked(tmp_path):
    checked, problems = _checked_twice(tmp_path, lambda site: _rewrite(site / "a" / "index.html", "<p>x</p>"))
    assert (checked, problems) == (["a/index.html"], [])


def test_a_removed_page_fails_the_unchanged_pages_that_link_to_it(tmp_path):
    def remove(site: Path) -> None:
        (site / "a" / "index.html").unlink()

    checked, problems = _checked_twice(tmp_path, remove)
    assert checked == ["b/index.html", "index.html"]
    assert problems == ["index.html: broken link to /a/ (no file a/index.html)"]


def test_an_id_removed_from_a_page_fails_the_unchanged_pages_that_link_to_it(tmp_path):
    checked, problems = _checked_twice(
        tmp_path, lambda site: _rewrite(site / "b" / "index.html", "<h2>b</h2>")
    )
    assert checked == ["a/index.html", "b/index.html", "index.html"]
    assert problems == ["index.html: broken link to /b/#here (no id 'here' on that page)"]


def test_every_page_is_checked_after_a_failed_check_or_with_another_site_address(tmp_path):
    files = ["index.html"]
    pages = {"index.html": page("index.html", "/gone/")}
    memo = FileMemo({"index.html": (1, 1, pages["index.html"])})
    memo.entries = dict(memo.recorded)  # the page was not read again
    assert list(pages_to_check(pages, memo, Passed.of("", files), None)) == ["index.html"]
    assert list(pages_to_check(pages, memo, Passed.of("", files), Passed.of("/sub", files))) == ["index.html"]
    assert list(pages_to_check(pages, memo, Passed.of("", files), Passed.of("", files))) == []

"""Functional tests: real Pelican builds of small fixture sites through the real command line."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from tests.sitekit import PAGEFIND_UNSTABLE, ROOT, build, front, hub, tree, write_site

DRAFT = front(
    "title: Secret Plan\ndate: 2025-11-01\nsummary: Not yet.\nissues: [housing]\n"
    "jurisdictions: [durham-nc]\nstatus: draft"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    content = write_site(root / "content", {"news/secret-plan.md": DRAFT})
    result = build(content, root / "output")
    assert result.returncode == 0, result.stderr
    return root / "output"


def read(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def test_every_document_has_its_page(site):
    for url in [
        "ordinances/fair-rent",
        "stories/hillsborough-first",
        "briefs/privacy-trap",
        "news/convening",
        "about",
    ]:
        assert (site / url / "index.html").is_file(), url


def test_document_page_shows_type_date_summary_issues_and_jurisdictions(site):
    html = read(site, "ordinances/fair-rent")
    assert '<p class="doc-type" data-pagefind-ignore>Model ordinance</p>' in html
    assert '<time datetime="2025-10-01">October 1, 2025</time>' in html
    assert "Bans algorithmic rent-setting." in html
    assert '<a href="/issues/housing/">Housing</a>' in html
    assert '<a href="/jurisdictions/hillsborough-nc/">Hillsborough</a>' in html


def test_pages_link_their_feeds(site):
    alternate = '<link rel="alternate" type="application/atom+xml" href="/feeds/'
    assert alternate + 'all.atom.xml"' in read(site, "ordinances/fair-rent")
    assert alternate + 'issues/housing.atom.xml"' in read(site, "issues/housing")
    assert alternate + 'jurisdictions/nc.atom.xml"' in read(site, "jurisdictions/nc")
    assert alternate + 'news.atom.xml"' in read(site, "news")


def test_every_internal_link_has_a_target(site):
    for page in site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="(/[^"#]*)', page.read_text(encoding="utf-8")):
            target = site / href.lstrip("/")
            assert target.is_file() or (target / "index.html").is_file(), f"{page}: {href}"


def test_issue_and_jurisdiction_pages_list_their_documents(site):
    assert "/ordinances/fair-rent/" in read(site, "issues/housing")
    assert "/ordinances/fair-rent/" in read(site, "jurisdictions/hillsborough-nc")
    state = read(site, "jurisdictions/nc")
    assert "/ordinances/fair-rent/" in state and "/news/convening/" in state
    county = read(site, "jurisdictions/orange-county-nc")
    assert '<a href="/jurisdictions/hillsborough-nc/">Hillsborough</a>' in county


def test_jurisdiction_breadcrumbs_run_from_state_to_town(site):
    crumbs = read(site, "jurisdictions/hillsborough-nc").split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == [
        "Home",
        "North Carolina",
        "Orange County",
        "Hillsborough",
    ]


def test_ordinance_shows_adoptions_with_counts(site):
    html = read(site, "ordinances/fair-rent")
    assert "Adopted in 1 local jurisdiction in 1 state: North Carolina." in html
    assert '<a href="/jurisdictions/durham-nc/">Durham</a>' in html
    assert "Ord. 2025-9" in html and "Introduced" in html
    assert "Ord. 2025-9" in read(site, "jurisdictions/durham-nc")


def test_story_shows_people_and_video_link(site):
    html = read(site, "stories/hillsborough-first")
    assert "<strong>Jenn Weaver</strong>, Mayor" in html
    assert 'href="https://www.youtube.com/watch?v=Abc123xyz_0"' in html
    assert "<iframe" not in html


def test_brief_shows_partners_and_file(site):
    html = read(site, "briefs/privacy-trap")
    assert "Data &amp; Society, CoWorker" in html
    assert 'href="/files/brief.pdf"' in html
    assert (site / "files" / "brief.pdf").is_file()


def test_listings_are_paginated_newest_first(tmp_path):
    docs = {
        f"news/item-{n}.md": front(f"title: Item {n}\ndate: 2025-01-{n:02d}\nsummary: S\nissues: [housing]")
        for n in range(1, 26)
    }
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "HUB = {**HUB, 'per_page': 10}\n"
    )
    result = build(write_site(tmp_path / "content", docs), tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    first, third = read(tmp_path / "out", "news"), read(tmp_path / "out", "news/page/3")
    # 26 news items: the fixture's July item, then items 25 down to 1.
    assert first.index("/news/convening/") < first.index("Item 25") < first.index("Item 17")
    assert "Item 16" not in first and 'rel="next" href="/news/page/2/"' in first
    assert "Item 1<" in third and "Item 7" not in third and "Page 3 of 3" in third


def test_preview_shows_drafts_marked(site):
    assert "Draft: visible in local preview only" in read(site, "news/secret-plan")


def test_publish_never_writes_lists_or_links_drafts(tmp_path):
    content = write_site(tmp_path / "content", {"news/secret-plan.md": DRAFT})
    result = build(content, tmp_path / "out", ROOT / "publishconf.py")
    assert result.returncode == 0, result.stderr
    files = tree(tmp_path / "out")
    assert not any("secret-plan" in name for name in files)
    assert not any(b"secret-plan" in data or b"Secret Plan" in data for data in files.values())


def test_content_is_escaped(tmp_path):
    doc = front(
        'title: "<b>Bold</b> & <script>x</script>"\ndate: 2025-01-02\nsummary: "a < b"\nissues: [housing]'
    )
    result = build(write_site(tmp_path / "content", {"news/esc.md": doc}), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "out", "news/esc")
    # The JSON-LD data block holds the title as JSON (hub_meta escapes `</`); no other script may appear.
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</" not in data and json.loads(data)["name"] == "<b>Bold</b> & <script>x</script>"
    html = html.replace(data, "")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert html.count("<script") == 1 and '<script type="application/ld+json"></script>' in html


def test_no_page_requests_another_origin_or_runs_inline_code(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:link|script|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', html), page
        # Scripts are our own files; JSON-LD data blocks are not executed and satisfy the CSP.
        for tag, body in re.findall(r"(<script[^>]*>)(.*?)</script>", html, re.S):
            own_file = re.fullmatch(r'<script type="module" src="/theme/js/[a-z]+\.js">', tag) and not body
            assert own_file or tag == '<script type="application/ld+json">', (page, tag)
        assert "style=" not in html, page


def test_invalid_content_fails_with_every_error_and_exit_status(tmp_path):
    content = write_site(
        tmp_path / "content", {"news/a.md": "", "news/b.md": DRAFT.replace("2025-11", "2025-13")}
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 1
    assert "news/a.md:1: the file is empty" in result.stderr
    assert "news/b.md:3: 'date' is '2025-13-01'" in result.stderr
    assert "2 errors in 2 files" in result.stderr
    assert not (tmp_path / "out").exists()


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    content = write_site(tmp_path / "content")
    assert build(content, tmp_path / "out").returncode == 0
    before = tree(tmp_path / "out")
    (content / "news" / "convening.md").write_text("---\ntitle: [broken\n---\n")
    result = build(content, tmp_path / "out")
    assert result.returncode == 1
    assert "was left unchanged" in result.stderr
    assert tree(tmp_path / "out") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_two_builds_are_byte_for_byte_identical(tmp_path):
    content = write_site(tmp_path / "content", {"news/secret-plan.md": DRAFT})
    assert build(content, tmp_path / "one").returncode == 0
    assert build(content, tmp_path / "two").returncode == 0
    one, two = tree(tmp_path / "one", PAGEFIND_UNSTABLE), tree(tmp_path / "two", PAGEFIND_UNSTABLE)
    assert one == two
    assert any(name.startswith("pagefind/fragment/") for name in one)  # the search index is compared too


def test_broken_plugin_setting_fails_the_build(tmp_path):
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "HUB = {**HUB, 'per_pgae': 10}\n"
    )
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode == 1
    assert "HUB['per_pgae']: unknown setting: did you mean 'per_page'?" in result.stderr


def test_check_reports_and_sets_exit_status(tmp_path):
    content = write_site(tmp_path / "content")
    ok = hub("check", "-i", str(content))
    assert ok.returncode == 0 and "content is valid: 5 documents, 2 issues" in ok.stdout
    (content / "news" / "bad.md").write_text(DRAFT.replace("[housing]", "[hosuing]"))
    bad = hub("check", "-i", str(content))
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[-2:] == [
        f"{content}/news/bad.md:5: unknown issue 'hosuing' in 'issues' (did you mean 'housing'?)",
        "1 error in 1 file",
    ]


def test_a_cached_rebuild_after_edits_equals_a_clean_build(tmp_path):
    content = write_site(tmp_path / "content", {"news/secret-plan.md": DRAFT})
    cache = ["--cache", str(tmp_path / "cache")]
    first = hub("build", "-i", str(content), "-o", str(tmp_path / "warm"), *cache)
    assert first.returncode == 0, first.stderr
    (content / "news" / "convening.md").write_text(
        (content / "news" / "convening.md")
        .read_text()
        .replace("issues: [housing, tech-accountability]", "issues: [tech-accountability]")
    )
    (content / "stories" / "hillsborough-first.md").write_text(
        (content / "stories" / "hillsborough-first.md").read_text() + "\nA new closing paragraph.\n"
    )
    (content / "news" / "added.md").write_text(
        DRAFT.replace("Secret Plan", "Added").replace("status: draft", "")
    )
    ordinance = content / "ordinances" / "fair-rent.md"
    ordinance.write_text(ordinance.read_text().replace("Fair Rent Ordinance.", "Fair Rent Act."))
    assert hub("build", "-i", str(content), "-o", str(tmp_path / "warm"), *cache).returncode == 0
    assert (
        hub(
            "build", "-i", str(content), "-o", str(tmp_path / "cold"), "--cache", str(tmp_path / "c2")
        ).returncode
        == 0
    )
    assert tree(tmp_path / "warm", PAGEFIND_UNSTABLE) == tree(tmp_path / "cold", PAGEFIND_UNSTABLE)
    assert "A new closing paragraph." in (tmp_path / "warm/stories/hillsborough-first/index.html").read_text()
    assert "Fair Rent Act." in (tmp_path / "warm/ordinances/fair-rent/fair-rent.txt").read_text()


def test_many_documents_are_read_in_parallel_with_the_same_result(tmp_path):
    from hub_content import HubSettings, load_site
    from hub_content.jobs import PARALLEL_FROM

    docs = {
        f"news/n-{i}.md": front(f"title: N{i}\ndate: 2025-01-02\nsummary: S\nissues: [housing]", f"Body {i}.")
        for i in range(PARALLEL_FROM + 5)
    }
    root = write_site(tmp_path / "content", docs)
    parallel = load_site(root, HubSettings(), tmp_path / "cache.pickle")
    cached = load_site(root, HubSettings(), tmp_path / "cache.pickle")
    assert [d.body_html for d in parallel.documents] == [d.body_html for d in cached.documents]
    assert len(parallel.documents) == PARALLEL_FROM + 5 + 5  # and the five of the fixture site


def test_the_replaced_site_is_removed_after_the_swap_and_a_leftover_by_the_next_build(tmp_path):
    content = write_site(tmp_path / "content")
    assert build(content, tmp_path / "out").returncode == 0
    leftover = tmp_path / ".out-old-cut-short"  # as a removal interrupted by a reboot leaves it
    (leftover / "about").mkdir(parents=True)
    (leftover / ".hub-site").write_text("the marker goes last", encoding="utf-8")
    (leftover / "about" / "index.html").write_text("the site before last", encoding="utf-8")
    assert build(content, tmp_path / "out").returncode == 0
    assert (tmp_path / "out" / "index.html").is_file()
    deadline = time.monotonic() + 60  # removed by a process of its own, which may still be at work
    while any(p.name.startswith(".") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_build_releases_what_it_shared_once_written_but_a_devserver_build_keeps_it():
    from hub_core.context import MAPS_KEY, PREVIEW_KEY, release
    from hub_core.preview import Preview

    published = {MAPS_KEY: "maps"}
    assert release(published, MAPS_KEY) and MAPS_KEY not in published
    previewed = {MAPS_KEY: "maps", PREVIEW_KEY: Preview()}  # later saves re-render pages from them
    assert not release(previewed, MAPS_KEY) and previewed[MAPS_KEY] == "maps"

"""Functional tests: a cached build takes unchanged files from the last build as hard links, and neither
writes through them into the published site nor trusts a restored output whose files do not match the
cache's records.

Each test runs the real build (Pelican, Pagefind) through the command line on the small fixture site.
The published site is snapshotted with hard links and each file's SHA-256: a write into any shared file
shows in the snapshot. Every test also checks that files were (or were not) shared, by inode, so none
passes by sharing nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import yaml

from tests.sitekit import PAGEFIND_UNSTABLE, ROOT, build, front, tree, write_site

UNCHANGED_PAGE = "about/index.html"  # no edit below touches the about page
ADDED = front(
    "title: Added Bulletin\ndate: 2025-11-01\nsummary: Just added.\nissues: [housing]\n"
    "jurisdictions: [durham-nc]",
    "Read [the ordinance](/ordinances/fair-rent/).",
)


# Files of hub_map, hub_feeds and hub_data the fixture site has: each is taken from the last build when
# what it is made from did not change (hub_core/reuse.py).
MADE = (
    "ordinances/fair-rent/map.svg",
    "issues/housing/map.svg",
    "jurisdictions/map.svg",
    "theme/css/map.css",
    "feeds/all.atom.xml",
    "feeds/briefs.atom.xml",
    "feeds/news.atom.xml",
    "feeds/issues/housing.atom.xml",
    "es/feeds/all.atom.xml",
    "api/documents.json",
    "api/adoptions.csv",
    "api/adoptions.json",
    "api/jurisdictions.json",
    "ordinances/fair-rent/adoptions.csv",
    "ordinances/fair-rent/adoptions.json",
    "data/index.html",
    "es/data/index.html",
)


def made(names: Iterable[str]) -> set[str]:
    """The maps, feeds and open data among `names` (every file those three writers write)."""
    return {
        name
        for name in names
        if name.endswith(("/map.svg", ".atom.xml", "/adoptions.csv", "/adoptions.json"))
        or name.startswith(("api/", "data/", "es/data/"))
        or name == "theme/css/map.css"
    }


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def snapshot(site: Path, into: Path) -> dict[str, tuple[int, str]]:
    """Hard links to every file of the site (as `cp -al` makes them), with each file's inode and hash."""
    recorded = {}
    for file in files(site):
        name = file.relative_to(site).as_posix()
        (into / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(file, into / name)
        recorded[name] = (file.stat().st_ino, hashlib.sha256(file.read_bytes()).hexdigest())
    return recorded


def assert_unchanged(into: Path, recorded: dict[str, tuple[int, str]]) -> None:
    changed = [
        name
        for name, (_, digest) in recorded.items()
        if hashlib.sha256((into / name).read_bytes()).hexdigest() != digest
    ]
    assert changed == [], f"written through a link into the published site: {changed[:5]}"


def shared(site: Path, recorded: dict[str, tuple[int, str]]) -> set[str]:
    """The files of `site` that are the snapshotted site's own files (the same inode at the same path)."""
    return {
        name
        for file in files(site)
        if (name := file.relative_to(site).as_posix()) in recorded and file.stat().st_ino == recorded[name][0]
    }


def edit(content: Path) -> None:
    """A body, a title and an added document."""
    story = content / "stories" / "hillsborough-first.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    news = content / "news" / "convening.md"
    news.write_text(news.read_text(encoding="utf-8").replace("Network News", "Network Gathering"), "utf-8")
    (content / "news" / "added.md").write_text(ADDED, encoding="utf-8")


def built(content: Path, output: Path) -> str:
    result = build(content, output)
    assert result.returncode == 0, result.stderr
    return result.stderr


def assert_same_as_a_clean_build(content: Path, output: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    built(content, clean)
    assert tree(output, PAGEFIND_UNSTABLE) == tree(clean, PAGEFIND_UNSTABLE)
    # The unstable filter files differ in their bytes, never in how many there are: none is left over.
    assert len(files(output / "pagefind")) == len(files(clean / "pagefind"))


def test_a_rebuild_links_unchanged_files_and_never_writes_into_the_published_site(tmp_path: Path) -> None:
    content, output = write_site(tmp_path / "content"), tmp_path / "output"
    built(content, output)
    recorded = snapshot(output, tmp_path / "snapshot")
    edit(content)

    notes = built(content, output)

    assert_unchanged(tmp_path / "snapshot", recorded)
    assert "<p>A new closing paragraph.</p>" in (output / "stories/hillsborough-first/index.html").read_text()
    reused = shared(output, recorded)
    assert UNCHANGED_PAGE in reused
    assert "stories/hillsborough-first/index.html" not in reused
    # Pagefind ran into a clone of the last bundle: the fragments of unchanged pages are the same files,
    # and none of the files it writes every time (into the file already there) was shared.
    assert re.search(r"search: Pagefind indexed \d+ pages .*; [1-9]\d* files kept", notes), notes
    assert any(name.startswith("pagefind/fragment/") for name in reused)
    fixed = {"pagefind/pagefind.js", "pagefind/pagefind-entry.json", "pagefind/pagefind-ui.js"}
    assert fixed <= set(recorded) and not fixed & reused
    # The retitled and the added news item are in the site's and the news feeds and the documents' data;
    # the briefs' feed, the ordinance's map and its adoptions are made from what did not change.
    assert not {"feeds/all.atom.xml", "feeds/news.atom.xml", "api/documents.json"} & reused
    assert "Network Gathering" in (output / "feeds/news.atom.xml").read_text(encoding="utf-8")
    assert {"feeds/briefs.atom.xml", "ordinances/fair-rent/map.svg", "api/adoptions.csv"} <= reused
    assert_same_as_a_clean_build(content, output, tmp_path)


def test_a_rebuild_with_no_change_links_the_whole_site_and_search_bundle(tmp_path: Path) -> None:
    content, output = write_site(tmp_path / "content"), tmp_path / "output"
    built(content, output)
    recorded = snapshot(output, tmp_path / "snapshot")

    notes = built(content, output)

    assert "its index is kept" in notes
    assert_unchanged(tmp_path / "snapshot", recorded)
    reused = shared(output, recorded)
    assert {name for name in recorded if name.startswith("pagefind/")} <= reused
    # Every page hub_pages writes (the other plugins' few pages are written again, as before).
    assert re.search(r"pages: 0 rendered, [1-9]\d* unchanged", notes), notes
    documents = [
        "ordinances/fair-rent",
        "stories/hillsborough-first",
        "briefs/privacy-trap",
        "news/convening",
    ]
    assert {f"{url}/index.html" for url in documents} | {"index.html", "issues/housing/index.html"} <= reused
    # Every map, feed and open-data file too, not drawn, rendered or encoded again.
    assert set(MADE) <= made(recorded)
    assert made(recorded) <= reused


def test_an_adoption_edit_makes_again_the_maps_and_data_it_changes_and_links_the_rest(tmp_path: Path) -> None:
    content, output = write_site(tmp_path / "content"), tmp_path / "output"
    built(content, output)
    recorded = snapshot(output, tmp_path / "snapshot")
    ordinance = content / "ordinances" / "fair-rent.md"
    text = ordinance.read_text(encoding="utf-8")
    assert "status: introduced" in text
    ordinance.write_text(text.replace("status: introduced", "status: adopted"), encoding="utf-8")

    built(content, output)

    assert_unchanged(tmp_path / "snapshot", recorded)
    reused = shared(output, recorded)
    # North Carolina's state-wide adoption is on the three maps and in every adoption row, and the data
    # page prints the new sizes of the files.
    changed = {
        "ordinances/fair-rent/map.svg",
        "issues/housing/map.svg",
        "jurisdictions/map.svg",
        "api/adoptions.csv",
        "api/adoptions.json",
        "ordinances/fair-rent/adoptions.csv",
        "ordinances/fair-rent/adoptions.json",
        "data/index.html",
    }
    assert not changed & reused
    assert all(
        (output / name).read_bytes() != (tmp_path / "snapshot" / name).read_bytes() for name in changed
    )
    assert "nc,North Carolina,nc,state,adopted" in (output / "ordinances/fair-rent/adoptions.csv").read_text()
    # A feed lists titles, summaries and dates, none of which changed.
    assert {"feeds/all.atom.xml", "feeds/ordinances.atom.xml", "theme/css/map.css"} <= reused
    assert_same_as_a_clean_build(content, output, tmp_path)


def test_a_map_feed_or_data_file_changed_in_the_published_site_is_made_again(tmp_path: Path) -> None:
    content, output = write_site(tmp_path / "content"), tmp_path / "output"
    built(content, output)
    feed, data, svg = (
        output / name for name in ("feeds/all.atom.xml", "api/documents.json", "jurisdictions/map.svg")
    )
    feed.write_text(feed.read_text(encoding="utf-8") + "<!-- by hand -->\n", encoding="utf-8")  # a new size
    data.write_bytes(data.read_bytes().replace(b"Fair Rent", b"Fair Rant"))  # the same size, a new time
    os.utime(svg, ns=(svg.stat().st_atime_ns, svg.stat().st_mtime_ns + 1_000_000_000))  # a new time alone
    recorded = snapshot(output, tmp_path / "snapshot")

    built(content, output)

    reused = shared(output, recorded)
    hand_edited = {"feeds/all.atom.xml", "api/documents.json", "jurisdictions/map.svg"}
    assert not hand_edited & reused
    assert (made(recorded) - hand_edited) <= reused  # the others were taken: the record was there
    assert "by hand" not in feed.read_text(encoding="utf-8") and b"Fair Rant" not in data.read_bytes()
    assert_unchanged(tmp_path / "snapshot", recorded)
    assert_same_as_a_clean_build(content, output, tmp_path)


def shift_times(folder: Path, seconds: int) -> None:
    """What a cache restore that does not keep times to the nanosecond does to a site."""
    for file in files(folder):
        status = file.stat()
        os.utime(file, ns=(status.st_atime_ns, status.st_mtime_ns + seconds * 1_000_000_000))


def test_a_restored_output_whose_times_differ_is_not_reused(tmp_path: Path) -> None:
    content, output = write_site(tmp_path / "content"), tmp_path / "output"
    built(content, output)
    restored = tmp_path / "restored"
    shutil.copytree(output, restored)  # a restore writes new files: nothing is shared with the old site
    shutil.rmtree(output)
    restored.rename(output)
    shift_times(output, 1)
    recorded = snapshot(output, tmp_path / "snapshot")

    notes = built(content, output)

    assert re.search(r"pages: \d+ rendered, 0 unchanged", notes), notes
    assert re.search(r"search: Pagefind indexed \d+ pages .*; 0 files kept", notes), notes
    assert {name for name in shared(output, recorded) if name.endswith(".html")} == set()
    assert_same_as_a_clean_build(content, output, tmp_path)


def test_an_output_restored_from_an_earlier_build_is_reused_only_where_it_matches(tmp_path: Path) -> None:
    # The cache holds the records of the latest build, the output is an earlier build's (times kept).
    content, output = write_site(tmp_path / "content"), tmp_path / "output"
    built(content, output)
    earlier = shutil.copytree(output, tmp_path / "earlier")  # copy2 keeps times to the nanosecond
    edit(content)
    built(content, output)
    shutil.rmtree(output)
    earlier.rename(output)
    recorded = snapshot(output, tmp_path / "snapshot")

    notes = built(content, output)

    assert re.search(r"pages: [1-9]\d* rendered, [1-9]\d* unchanged", notes), notes
    reused = shared(output, recorded)
    assert UNCHANGED_PAGE in reused and "stories/hillsborough-first/index.html" not in reused
    assert "<p>A new closing paragraph.</p>" in (output / "stories/hillsborough-first/index.html").read_text()
    assert_unchanged(tmp_path / "snapshot", recorded)
    assert_same_as_a_clean_build(content, output, tmp_path)


def test_the_workflow_keeps_the_cache_and_the_last_output_between_runs() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    kept = []
    for job in ("preview", "build"):
        steps = workflow["jobs"][job]["steps"]
        uses = [step.get("uses", "") for step in steps]
        (cache,) = [i for i, u in enumerate(uses) if u.startswith("actions/cache@")]
        assert cache < [step.get("run") for step in steps].index("make publish")
        settings = steps[cache]["with"]
        assert {"cache", "output"} <= set(settings["path"].split())
        assert "github.run_id" in settings["key"] and settings["key"].startswith(settings["restore-keys"])
        kept.append(settings)
    # One set of paths and keys: a pull request's run can start from the last build of main.
    assert kept[0] == kept[1]

"""hub_history: last-updated dates and change history from git, on fixture repositories built through the
real command line, plus the log parser, the diff and the version list on their own."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest

from hub_content.files import MAX_SOURCE_BYTES
from hub_history.diff import VERSION_ROOM, LineKind, Size, diff, model_text
from hub_history.gitlog import Commit, GitOutputError, Revision, Unread, parse_log, read_batch
from hub_history.views import MAX_VERSIONS, UNCOMMITTED_ANCHOR, document_history
from hub_model import Document
from tests.sitekit import PAGEFIND_UNSTABLE, PLUGINS, ROOT, build, front, tree, write_site

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

FIRST_DATE = "2025-10-02T12:00:00+00:00"
SECOND_DATE = "2025-11-15T23:30:00-05:00"  # 2025-11-16 in UTC: the day comes from UTC, not the author's zone
OLD_LINE = "This ordinance may be cited as the [JURISDICTION] Fair Rent Ordinance."
NEW_LINE = "This ordinance may be cited as the [JURISDICTION] Fair Rent and Pricing Ordinance."
ADDED_LINE = "Section 2. No landlord may set rent with a pricing algorithm."
MESSAGE = "Name pricing tools & add section 2"
"""The second commit's change note (its `Change-note:` trailer), which pages show."""
MESSAGE_HTML = MESSAGE.replace("&", "&amp;")
SUBJECT = "Move the loader's cache key into jobs.py"
"""The second commit's subject, written for developers: pages never show it."""


# Fixture repositories -------------------------------------------------------------------------------------


def git(repo: Path, *args: str, date: str = FIRST_DATE, check: bool = True) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        [GIT, "-C", str(repo), "-c", "user.name=Hub Tests", "-c", "user.email=tests@example.org", *args],
        check=check,
        env=env,
        capture_output=True,
    )


def ordinance(n: int) -> str:
    return front(
        f"title: Model Number {n}\ndate: 2025-0{1 + n % 9}-01\nsummary: Model {n}.\nissues: [housing]",
        f"## Section 1\n\nThe text of model {n}.\n",
    )


def edit_body(content: Path, old: str = OLD_LINE, new: str = f"{NEW_LINE}\n\n{ADDED_LINE}") -> None:
    path = content / "ordinances" / "fair-rent.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def make_repo(root: Path, extra: dict[str, str] | None = None, *, second_commit: bool = True) -> Path:
    """A git repository with the fixture site in `content/`: committed, then its ordinance edited and
    committed again with a known message and date. Returns the content folder."""
    root.mkdir(parents=True)
    git(root, "init", "-q")
    content = write_site(root / "content", extra)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Add the fair rent model")
    if second_commit:
        edit_body(content)
        for name in extra or {}:
            path = content / name
            path.write_text(path.read_text(encoding="utf-8") + "\nA later section.\n", encoding="utf-8")
        git(root, "commit", "-q", "-a", "-m", SUBJECT, "-m", f"Change-note: {MESSAGE}", date=SECOND_DATE)
    return content


@contextmanager
def git_calls(folder: Path) -> Iterator[Path]:
    """Put a `git` on PATH that logs each call (its arguments, one line) to a file, then runs the real one."""
    shim = folder / "shim"
    shim.mkdir(parents=True)
    calls = folder / "git-calls.txt"
    calls.touch()
    script = shim / "git"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{calls}"\nexec "{GIT}" "$@"\n')
    script.chmod(0o755)
    with mock.patch.dict(os.environ, {"PATH": f"{shim}{os.pathsep}{os.environ['PATH']}"}):
        yield calls


def subcommands(calls: Path) -> list[str]:
    """The git command of each logged call (what follows git's `-C <dir>` and `-c <setting>` options)."""
    out = []
    for line in calls.read_text().splitlines():
        words = iter(line.split(" "))
        for word in words:
            if word in ("-C", "-c"):
                next(words)
            else:
                out.append(word)
                break
    return out


def peak_memory_of_build(content: Path, output: Path) -> int:
    """Build through `sh`, which forks the build, and return the peak memory the build reports (MiB).

    On Linux a process started straight from this one would report at least this process's own peak
    (the kernel carries it across exec), hiding the build's; a process forked by a small shell does not.
    """
    args = ["build", "-s", str(ROOT / "pelicanconf.py"), "-i", str(content), "-o", str(output)]
    result = subprocess.run(
        ["sh", "-c", '"$@"; exit $?', "sh", sys.executable, "-m", "hub_build", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(PLUGINS)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return int(re.search(r"peak memory of the build process: (\d+) MiB", result.stdout).group(1))


def page(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&amp;", "&")


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> tuple[Path, list[str]]:
    """The fixture site in a repository with two commits of its ordinance, built while counting git calls."""
    root = tmp_path_factory.mktemp("history")
    content = make_repo(root / "repo")
    with git_calls(root) as calls:
        result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out", subcommands(calls)


# Built sites ----------------------------------------------------------------------------------------------


def test_the_ordinance_page_shows_when_it_was_last_updated_and_its_latest_changes(committed):
    output, _ = committed
    html = page(output, "ordinances/fair-rent")
    summary = html.split('class="history-summary"')[1].split("</section>")[0]
    # The document's own date, as at the top of its page (it has no `updated`); each version its commit's.
    assert 'Last updated <time datetime="2025-10-01">October 1, 2025</time>' in summary
    text = text_of(summary)
    assert f"November 16, 2025: {MESSAGE}" in text
    assert "October 2, 2025: Revised" in text  # a commit without a change note
    assert text.index(MESSAGE) < text.index("Revised")  # newest first
    assert SUBJECT not in html and "Add the fair rent model" not in html
    assert 'href="/ordinances/fair-rent/history/"' in summary
    assert "&lt;" not in summary and "& add" not in summary  # the message is escaped: &amp;


def test_the_history_page_lists_every_version_with_a_diff_of_the_model_text(committed):
    output, _ = committed
    html = page(output, "ordinances/fair-rent/history")
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == [
        "Home",
        "Model ordinances",
        "Fair Rent Ordinance",
        "History",
    ]
    versions = re.findall(r'<li class="version" id="(version-[0-9a-f]{12})">\s*<h2>([^<]*)</h2>', html)
    assert [message for _, message in versions] == [MESSAGE_HTML, "Revised"]
    assert SUBJECT not in html and 'Last updated <time datetime="2025-10-01">' in html
    newest = html.split(f'id="{versions[0][0]}"')[1].split('<li class="version"')[0]
    assert re.search(r"<code>[0-9a-f]{7}</code>", newest)
    rows = re.findall(
        r'<tr class="diff-(\w+)">\s*<td class="diff-number">(\d*)</td>\s*<td class="diff-number">(\d*)</td>'
        r'\s*<td class="diff-label">(\w*)</td>\s*<td class="diff-text">(.*?)</td>',
        newest,
    )
    changes = [(kind, before, after, label, text_of(cell)) for kind, before, after, label, cell in rows]
    assert ("removed", "3", "", "Removed", OLD_LINE) in changes
    assert ("added", "", "3", "Added", NEW_LINE) in changes
    assert ("added", "", "5", "Added", ADDED_LINE) in changes
    assert ("unchanged", "1", "1", "", "## Section 1. Title") in changes
    assert "<ins>and Pricing </ins>" in newest  # the words that changed within the line
    assert f"<ins>{ADDED_LINE}</ins>" in newest
    oldest = html.split(f'id="{versions[1][0]}"')[1]
    assert "The first version." in oldest and "<table" not in oldest.split("</li>")[0]


def test_the_links_from_the_summary_lead_to_each_versions_anchor(committed):
    output, _ = committed
    anchors = re.findall(
        r'href="/ordinances/fair-rent/history/#([\w-]+)"', page(output, "ordinances/fair-rent")
    )
    history = page(output, "ordinances/fair-rent/history")
    assert len(anchors) == 2 and all(f'id="{a}"' in history for a in anchors)


def test_the_history_page_is_a_page_of_the_site_in_its_head_and_in_the_sitemap(committed):
    output, _ = committed
    html = page(output, "ordinances/fair-rent/history")
    assert 'rel="canonical"' not in html  # built without an absolute address: no relative canonical
    site_name = re.search(r'<meta property="og:site_name" content="([^"]*)">', html).group(1)
    assert f'<meta property="og:title" content="{site_name}">' in html  # not the ordinance's own title
    assert '<meta property="og:type" content="website">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert (data["@type"], data["url"]) == ("WebPage", "/ordinances/fair-rent/history/")
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<url><loc>/ordinances/fair-rent/history/</loc></url>\n" in sitemap  # listed, with no date
    assert "<url><loc>/ordinances/fair-rent/</loc><lastmod>" in sitemap


def test_a_commit_of_an_edit_already_built_renders_the_ordinance_page_again_in_a_cached_rebuild(tmp_path):
    """Committing leaves the file's bytes as they were: only its history says the page changed."""
    content = make_repo(tmp_path / "repo")
    edit_body(content, ADDED_LINE, "Section 2. An edit still on my desk.")
    first = build(content, tmp_path / "out")
    assert first.returncode == 0, first.stderr
    assert "Not yet committed" in page(tmp_path / "out", "ordinances/fair-rent")
    git(tmp_path / "repo", "commit", "-q", "-a", "-m", "File the desk edit", date="2025-12-01T12:00:00Z")
    rebuilt = build(content, tmp_path / "out")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "note: pages: 1 rendered, " in rebuilt.stderr  # the ordinance's page, and only it
    summary = page(tmp_path / "out", "ordinances/fair-rent").split('class="history-summary"')[1]
    assert "Not yet committed" not in summary and "December 1, 2025: Revised" in text_of(summary)
    assert "File the desk edit" not in summary
    clean = build(content, tmp_path / "cold")
    assert clean.returncode == 0, clean.stderr
    assert tree(tmp_path / "out", PAGEFIND_UNSTABLE) == tree(tmp_path / "cold", PAGEFIND_UNSTABLE)


def test_a_fixed_number_of_git_processes_reads_the_whole_sites_history(committed, tmp_path):
    _, one_ordinance = committed
    extra = {f"ordinances/model-{n}.md": ordinance(n) for n in range(2, 6)}
    content = make_repo(tmp_path / "repo", extra)
    with git_calls(tmp_path) as calls:
        result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    five_ordinances = subcommands(calls)
    assert one_ordinance == five_ordinances == ["rev-parse", "log", "cat-file"]
    for n in range(2, 6):
        assert MESSAGE_HTML in page(tmp_path / "out", f"ordinances/model-{n}/history")


def test_uncommitted_edits_are_the_newest_version_not_yet_committed(tmp_path):
    content = make_repo(tmp_path / "repo")
    edit_body(content, ADDED_LINE, "Section 2. An edit still on my desk.")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    summary = page(tmp_path / "out", "ordinances/fair-rent").split('class="history-summary"')[1]
    assert text_of(summary).index("Not yet committed") < text_of(summary).index(MESSAGE)
    assert 'Last updated <time datetime="2025-10-01">' in summary  # the document's date, not the clock's
    history = page(tmp_path / "out", "ordinances/fair-rent/history")
    newest = history.split(f'id="{UNCOMMITTED_ANCHOR}"')[1].split('<li class="version"')[0]
    assert "<h2>Not yet committed</h2>" in newest
    assert "Section 2. An edit still on my desk." in newest and ADDED_LINE in newest


def test_a_new_file_never_committed_has_only_its_working_copy(tmp_path):
    content = make_repo(tmp_path / "repo")
    (content / "ordinances" / "brand-new.md").write_text(ordinance(7), encoding="utf-8")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "out", "ordinances/brand-new")
    assert 'Last updated <time datetime="2025-08-01">' in html  # its own date
    assert "Not yet committed" in html
    assert "The first version." in page(tmp_path / "out", "ordinances/brand-new/history")


def test_a_merge_that_resolved_a_conflict_is_a_version_and_not_an_uncommitted_edit(tmp_path):
    content = make_repo(tmp_path / "repo", second_commit=False)
    repo = tmp_path / "repo"
    git(repo, "checkout", "-q", "-b", "side")
    edit_body(content, OLD_LINE, "Cited as the side branch wants.")
    git(repo, "commit", "-q", "-a", "-m", "Side edit", "-m", "Change-note: Side", date="2025-10-10T12:00:00Z")
    git(repo, "checkout", "-q", "-")
    edit_body(content, OLD_LINE, "Cited as the main branch wants.")
    git(repo, "commit", "-q", "-a", "-m", "Main edit", "-m", "Change-note: Main", date="2025-10-11T12:00:00Z")
    git(repo, "merge", "-q", "side", "-m", "unused", date="2025-10-12T12:00:00Z", check=False)
    path = content / "ordinances" / "fair-rent.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<<<<<<<"), text.index(">>>>>>> side\n") + len(">>>>>>> side\n")
    path.write_text(text[:start] + "Cited as both branches agreed.\n" + text[end:], encoding="utf-8")
    git(repo, "commit", "-q", "-a", "-m", "Merge", "-m", "Change-note: Both", date="2025-10-12T12:00:00Z")
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    history = page(tmp_path / "out", "ordinances/fair-rent/history")
    assert "Not yet committed" not in history
    subjects = re.findall(r'<li class="version" id="[\w-]+">\s*<h2>([^<]*)</h2>', history)
    assert subjects[0] == "Both"
    assert set(subjects[1:]) == {"Main", "Side", "Revised"}
    newest = history.split('<li class="version"')[1]
    assert "Cited as both branches agreed." in newest


def test_a_published_build_depends_on_the_commit_alone(tmp_path):
    """Two checkouts of one commit, in different folders, publish byte-for-byte the same site."""
    content = make_repo(tmp_path / "repo")
    subprocess.run([GIT, "clone", "-q", str(tmp_path / "repo"), str(tmp_path / "clone")], check=True)
    publish = ROOT / "publishconf.py"
    for name, folder in (("one", content), ("two", tmp_path / "clone" / "content")):
        result = build(folder, tmp_path / name, publish)
        assert result.returncode == 0, result.stderr
    one, two = tree(tmp_path / "one", PAGEFIND_UNSTABLE), tree(tmp_path / "two", PAGEFIND_UNSTABLE)
    assert one == two
    assert "ordinances/fair-rent/history/index.html" in one


def test_outside_a_git_checkout_the_build_works_and_says_history_is_not_available(tmp_path):
    content = write_site(tmp_path / "content")
    # Stop git from looking above the test's folder, wherever the tests run.
    env = {
        **os.environ,
        "PYTHONPATH": str(PLUGINS),
        "GIT_CEILING_DIRECTORIES": str(tmp_path),
    }
    code = (
        "import logging, sys\n"
        "logging.basicConfig(level=logging.INFO, format='%(name)s %(levelname)s: %(message)s')\n"
        "from hub_build.__main__ import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    args = ["build", "-s", str(ROOT / "pelicanconf.py"), "-i", str(content), "-o", str(tmp_path / "out")]
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("hub_history")]
    assert len(notes) == 1 and notes[0].startswith("hub_history INFO: History is not available"), notes
    html = page(tmp_path / "out", "ordinances/fair-rent")
    assert "History is not available for this build." in html
    assert 'Last updated <time datetime="2025-10-01">' in html  # the document's own date
    assert "/history/" not in html.split('class="history-summary"')[1].split("</section>")[0]
    assert not (tmp_path / "out" / "ordinances" / "fair-rent" / "history").exists()


def test_without_git_on_path_the_build_works_and_says_so(tmp_path):
    content = make_repo(tmp_path / "repo")
    empty = tmp_path / "no-git"
    empty.mkdir()
    with mock.patch.dict(os.environ, {"PATH": str(empty)}):
        result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "History is not available for this build." in page(tmp_path / "out", "ordinances/fair-rent")


def test_history_switched_off_runs_no_git_and_a_wrong_value_stops_the_build(tmp_path):
    content = make_repo(tmp_path / "repo")
    for value, expected in (("False", 0), ("'no'", 1)):
        settings = tmp_path / f"settings-{expected}.py"
        settings.write_text(
            f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
            f"from pelicanconf import *\nHUB_HISTORY = {value}\n"
        )
        with git_calls(tmp_path / str(expected)) as calls:
            result = build(content, tmp_path / "out", settings)
        assert result.returncode == expected, result.stderr
        assert subcommands(calls) == []
    assert "HUB_HISTORY: must be True or False, not 'no'" in result.stderr
    assert "History is not available for this build." in page(tmp_path / "out", "ordinances/fair-rent")


# The log parser, on output captured from `git log -z --raw --no-abbrev --no-renames --cc --format=...` in a
# repository with a merge, a deletion, a symlink, a name with a space and an accent, and a commit made at
# 23:30 on January 2 in New York (January 3 in UTC); then in one with a merge that resolved a conflict (each
# commit's words there in its `Change-note:` field, none marked minor); then, with the format of
# gitlog.LOG_FORMAT itself and git 2.39, in one whose commits carry trailers: none; two Change-notes (one
# folded over two lines) and Minor-edit: yes; only Minor-edit: YES. A later commit that changed only a file
# outside the content folder is not in the log at all. -----------------------------------------------------

SAMPLE_LOG = (
    b"8b42e1980205ad90f4971b2c794d30ea2fbdf8ea\x001740823200\x00Merge branch 'side'\x00\x00\x00"
    b"edd3fba203c7b3fa8fead091988e76d03ec70eb9\x001738490400\x00Remove b; link\x00\x00"
    b"\n:100644 000000 587be6b4c3f93f93c489c0111bba5596147a26cb 0000000000000000000000000000000000000000 D"
    b"\x00content/ordinances/b \xc3\xa9.md\x00"
    b":000000 120000 0000000000000000000000000000000000000000 e77de8562fa61286381cc40e34a75024c20e17eb A"
    b"\x00content/ordinances/link.md\x00"
    b"ec82c94c001317169de96b43c45686b20c93df44\x001738404000\x00Section 2: add a line\x00\x00"
    b"\n:100644 100644 f209bf38ea69ba38a1f9476ab3637bb8cd9caac4 74b46f89e696201728b02aab3558c359fba94731 M"
    b"\x00content/ordinances/a.md\x00"
    b"f76b8ec2ce44274a125aae085743283951a4989c\x001735878600\x00Add the models\x00\x00"
    b"\n:000000 100644 0000000000000000000000000000000000000000 f209bf38ea69ba38a1f9476ab3637bb8cd9caac4 A"
    b"\x00content/ordinances/a.md\x00"
    b":000000 100644 0000000000000000000000000000000000000000 587be6b4c3f93f93c489c0111bba5596147a26cb A"
    b"\x00content/ordinances/b \xc3\xa9.md\x00"
)
SAMPLE_MERGE_LOG = (
    b"03b007ffca836fa22cbdeabd8a7371cbb82753df\x001795309957\x00Merge side, resolving\x00\x00\x00"
    b"::100644 100644 100644 59362d46b7561aabadf32af73adf0ab712221968"
    b" 7be73ce3c1b1cdaea86e8168dfee8575175953bf 8bcb16add33d35ab681773ac8360e4fe81cca5c4 MM\x00f.md\x00"
    b"624c59cbf6a100163bfb04c30885123c312c6919\x001795309957\x00main2\x00\x00"
    b"\n:100644 100644 de980441c3ab03a8c07dda1ad27b8a11f39deb1e 59362d46b7561aabadf32af73adf0ab712221968 M"
    b"\x00f.md\x00"
    b"05bad1be765b26baaab5ea5f7f14a47fecb9a3f8\x001795309957\x00side\x00\x00"
    b"\n:100644 100644 de980441c3ab03a8c07dda1ad27b8a11f39deb1e 7be73ce3c1b1cdaea86e8168dfee8575175953bf M"
    b"\x00f.md\x00"
    b"da00bf6b3c081785e3465b12b1a2e922d27039cd\x001795309957\x00one\x00\x00"
    b"\n:000000 100644 0000000000000000000000000000000000000000 de980441c3ab03a8c07dda1ad27b8a11f39deb1e A"
    b"\x00f.md\x00"
)
SAMPLE_TRAILER_LOG = (
    b"0c30082f189cff08a16dbdeb5e2dc236800826e6\x001741003200\x00\x00YES\x00"
    b"\n:100644 100644 61780798228d17af2d34fce4cfbdf35556832472 f2ad6c76f0115a6ba5b00456a849810e7ec0af20 M"
    b"\x00content/f.md\x00"
    b"823bf0f2453186d82374af055f28fa0d59163e07\x001740916800\x00"
    b"Section 2 names pricing tools. Adds a penalty.\x00yes\x00"
    b"\n:100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 61780798228d17af2d34fce4cfbdf35556832472 M"
    b"\x00content/f.md\x00"
    b"b8ccaa85daa762f6beaac9450d549d8a82e15b45\x001740830400\x00\x00\x00"
    b"\n:000000 100644 0000000000000000000000000000000000000000 78981922613b2afb6025042ff6bd878ac1994e85 A"
    b"\x00content/f.md\x00"
)
SAMPLE_BATCH = (
    b"f209bf38ea69ba38a1f9476ab3637bb8cd9caac4 blob 21\n---\ntitle: A\n---\nOne\n\n"
    b"74b46f89e696201728b02aab3558c359fba94731 blob 25\n---\ntitle: A\n---\nOne\nTwo\n\n"
    b"1111111111111111111111111111111111111111 missing\n"
)


def test_the_log_parser_gives_each_files_commits_newest_first():
    log = parse_log(SAMPLE_LOG)
    assert set(log) == {"content/ordinances/a.md", "content/ordinances/b é.md"}  # no symlink
    a = log["content/ordinances/a.md"]
    assert [(r.commit.note, r.commit.date, r.status) for r in a] == [
        ("Section 2: add a line", dt.date(2025, 2, 1), "M"),
        ("Add the models", dt.date(2025, 1, 3), "A"),  # committer date in UTC
    ]
    assert a[0].commit.hash == "ec82c94c001317169de96b43c45686b20c93df44"
    assert a[0].commit.short == "ec82c94"
    assert a[0].blob == "74b46f89e696201728b02aab3558c359fba94731"
    b = log["content/ordinances/b é.md"]
    assert [(r.commit.note, r.deleted) for r in b] == [("Remove b; link", True), ("Add the models", False)]


def test_the_log_parser_reads_the_change_note_and_the_minor_edit_mark_of_each_commit():
    revisions = parse_log(SAMPLE_TRAILER_LOG)["content/f.md"]
    assert [(r.commit.note, r.commit.minor, r.commit.date) for r in revisions] == [
        ("", True, dt.date(2025, 3, 3)),
        ("Section 2 names pricing tools. Adds a penalty.", True, dt.date(2025, 3, 2)),
        ("", False, dt.date(2025, 3, 1)),
    ]


def test_the_log_parser_keeps_what_a_merge_changed_while_resolving_a_conflict():
    revisions = parse_log(SAMPLE_MERGE_LOG)["f.md"]
    assert [(r.commit.note, r.status) for r in revisions] == [
        ("Merge side, resolving", "M"),
        ("main2", "M"),
        ("side", "M"),
        ("one", "A"),
    ]
    assert revisions[0].blob == "8bcb16add33d35ab681773ac8360e4fe81cca5c4"  # the merge's result


def test_the_log_parser_takes_an_empty_log_and_refuses_garbage():
    assert dict(parse_log(b"")) == {}
    with pytest.raises(GitOutputError):
        parse_log(b"not a hash\x00123\x00note\x00\x00")
    with pytest.raises(GitOutputError):  # the format of an older hub: no minor-edit field
        parse_log(b"8b42e1980205ad90f4971b2c794d30ea2fbdf8ea\x00123\x00note\x00")
    with pytest.raises(GitOutputError):
        parse_log(b":100644 100644 a b M\x00path\x00")


def test_the_batch_parser_reads_each_blob_and_notes_missing_ones():
    blobs = read_batch(io.BytesIO(SAMPLE_BATCH), limit=100, budget=100)
    assert blobs["f209bf38ea69ba38a1f9476ab3637bb8cd9caac4"] == b"---\ntitle: A\n---\nOne\n"
    assert blobs["74b46f89e696201728b02aab3558c359fba94731"] == b"---\ntitle: A\n---\nOne\nTwo\n"
    assert blobs["1111111111111111111111111111111111111111"] is None
    for cut in (b"f209bf38ea69ba38a1f9476ab3637bb8cd9caac4 blob 99\nshort\n", b"f209bf38ea69ba38a1f94" * 20):
        with pytest.raises(GitOutputError):
            read_batch(io.BytesIO(cut), limit=100, budget=100)


def test_the_batch_parser_drops_blobs_over_the_limit_or_past_the_budget_and_reads_on():
    too_large = read_batch(io.BytesIO(SAMPLE_BATCH), limit=24, budget=100)
    assert too_large["f209bf38ea69ba38a1f9476ab3637bb8cd9caac4"] == b"---\ntitle: A\n---\nOne\n"
    assert too_large["74b46f89e696201728b02aab3558c359fba94731"] is Unread.TOO_LARGE  # 25 bytes
    assert too_large["1111111111111111111111111111111111111111"] is None  # read on after it
    no_room = read_batch(io.BytesIO(SAMPLE_BATCH), limit=100, budget=30)
    assert no_room["74b46f89e696201728b02aab3558c359fba94731"] is Unread.NO_ROOM  # 21 + 25 > 30


# The diff and the list of versions -------------------------------------------------------------------------


def test_model_text_is_the_body_without_front_matter():
    assert model_text("---\ntitle: A\n---\n\nOne\r\nTwo\n\n") == ("One", "Two")
    assert model_text("\ufeffNo front matter\n") == ("No front matter",)
    assert model_text("---\ntitle: A\n---\n") == ()


def test_the_diff_numbers_lines_and_folds_unchanged_context_to_three_lines():
    old = tuple(f"line {n}" for n in range(1, 21))
    new = (*old[:9], "line 10, rewritten", *old[10:], "line 21")
    result = diff(old, new)
    assert (result.added, result.removed) == (2, 1)
    first, second = result.hunks
    assert first.folded_before == 6  # lines 1-6 folded, 7-9 shown
    assert [(line.kind, line.old_number, line.new_number) for line in first.lines] == [
        (LineKind.UNCHANGED, 7, 7),
        (LineKind.UNCHANGED, 8, 8),
        (LineKind.UNCHANGED, 9, 9),
        (LineKind.REMOVED, 10, None),
        (LineKind.ADDED, None, 10),
        (LineKind.UNCHANGED, 11, 11),
        (LineKind.UNCHANGED, 12, 12),
        (LineKind.UNCHANGED, 13, 13),
    ]
    assert second.folded_before == 4  # lines 14-17 folded, 18-20 shown
    assert [line.text for line in second.lines] == ["line 18", "line 19", "line 20", "line 21"]
    assert result.folded_after == 0
    removed, added = first.lines[3], first.lines[4]
    assert [(s.text, s.changed) for s in removed.segments] == [("line 10", False)]
    assert [(s.text, s.changed) for s in added.segments] == [("line 10", False), (", rewritten", True)]


def test_a_diff_stops_at_its_room_and_counts_the_changed_lines_it_leaves_out():
    old = tuple(f"line {n}" for n in range(1, 2001))
    new = tuple(f"line {n}" if n % 2 else f"line {n}, rewritten" for n in range(1, 2001))
    result = diff(old, new)
    assert (result.added, result.removed) == (1000, 1000) and result.changed
    shown = [line for hunk in result.hunks for line in hunk.lines]
    assert sum(line.kind is not LineKind.UNCHANGED for line in shown) == VERSION_ROOM.changed
    assert result.hidden == 2000 - VERSION_ROOM.changed and result.folded_after == 0
    assert result.size == Size(VERSION_ROOM.changed, len(shown), sum(len(line.text) for line in shown))
    one_long_line = diff(("short",), ("x" * 300_000,))
    assert [line.text for line in one_long_line.hunks[0].lines] == ["short"] and one_long_line.hidden == 1
    assert diff(("x" * 300_000,), ("short",)).hunks == ()  # nothing fits: no hunk, all counted
    assert diff(old, new, room=Size(changed=10, rows=10_000, chars=10**6)).hidden == 1990
    assert diff(old[:20], new[:20]).hidden == 0


def test_a_line_replaced_by_something_unlike_it_is_removed_and_added_whole():
    result = diff(("Alpha beta gamma.",), ("Completely different words here!",))
    assert [(line.kind, [s.changed for s in line.segments]) for line in result.hunks[0].lines] == [
        (LineKind.REMOVED, [True]),
        (LineKind.ADDED, [True]),
    ]
    assert not diff(("same",), ("same",)).changed


def _document() -> Document:
    from hub_content.schemas import DOC_TYPES
    from hub_model import OrdinanceDetails

    ordinance_type = next(t for t in DOC_TYPES if t.name == "ordinance")
    return Document(
        type=ordinance_type,
        slug="fair-rent",
        title="Fair Rent",
        summary="",
        body_html="",
        source="ordinances/fair-rent.md",
        date=dt.date(2025, 1, 1),
        details=OrdinanceDetails(),
    )


def _revision(n: int, status: str = "M") -> Revision:
    return Revision(Commit(f"{n:040x}", dt.date(2025, 1, n), f"change {n}"), status, f"blob{n}")


def test_versions_compare_each_commit_with_the_one_before_and_spot_uncommitted_edits():
    doc = _document()
    blobs = {
        "blob3": b"---\ntitle: B\n---\nOne\nTwo\n",  # only the front matter changed
        "blob2": b"---\ntitle: A\n---\nOne\nTwo\n",
        "blob1": b"---\ntitle: A\n---\nOne\n",
    }
    revisions = [_revision(3), _revision(2), _revision(1, "A")]
    clean = document_history(doc, revisions, blobs, b"---\r\ntitle: B\r\n---\r\nOne\r\nTwo\r\n")
    assert clean.url == "ordinances/fair-rent/history/"
    assert clean.last_updated == dt.date(2025, 1, 1)  # the document's date, never a commit's
    assert [v.commit.note for v in clean.versions] == ["change 3", "change 2", "change 1"]
    assert not clean.versions[0].diff.changed  # front matter only
    assert clean.versions[1].diff.added == 1 and clean.versions[2].first
    edited = document_history(doc, revisions, blobs, b"---\ntitle: B\n---\nOne\nTwo\nThree\n")
    assert edited.versions[0].commit is None and edited.versions[0].anchor == UNCOMMITTED_ANCHOR
    assert edited.versions[0].diff.added == 1 and edited.last_updated == dt.date(2025, 1, 1)
    assert len(edited.recent) == 4


def test_deletions_are_skipped_and_unreadable_versions_have_no_diff():
    doc = _document()
    revisions = [_revision(4), _revision(3, "D"), _revision(2), _revision(1, "A")]
    blobs = {"blob4": b"Four\n", "blob2": None, "blob1": b"One\n"}
    history = document_history(doc, revisions, blobs, b"Four\n")
    assert [v.commit.note for v in history.versions] == ["change 4", "change 2", "change 1"]
    assert [v.diff is None for v in history.versions] == [True, True, True]
    assert [v.first for v in history.versions] == [False, False, True]
    never_committed = document_history(doc, [], {}, b"New\n")
    assert never_committed.last_updated == dt.date(2025, 1, 1)
    assert [(v.commit, v.first) for v in never_committed.versions] == [(None, True)]


# Accessibility of the new pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/ordinances/fair-rent/", "/ordinances/fair-rent/history/"])
@pytest.mark.parametrize("width", [1280, 320])
def test_the_history_pages_have_no_accessibility_or_csp_problem(committed, chromium, url, width):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser import open_page, served
    from tests.test_accessibility import AXE_TAGS

    output, _ = committed
    with served(output) as base:
        page_, visit = open_page(chromium, base, width=width)
        page_.goto(base + url)
        overflow = page_.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        results = Axe().run(page_, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page_.close()
    assert results.violations_count == 0, results.generate_report()
    assert overflow <= 0
    assert [m for m in visit.console if "Content Security Policy" in m] == []


# Hostile history: whoever writes a commit writes its message, date and every old version ----------------


def _commit_file(repo: Path, content: Path, text: str, message: str) -> None:
    (content / "ordinances" / "fair-rent.md").write_text(text, encoding="utf-8")
    (repo / "message.txt").write_text(message, encoding="utf-8")
    git(repo, "add", "content")
    git(repo, "commit", "-q", "-F", str(repo / "message.txt"))


def test_a_hostile_commit_message_and_a_pathological_old_version_build_quickly_and_show_as_text(tmp_path):
    content = make_repo(tmp_path / "repo")
    source = (content / "ordinances" / "fair-rent.md").read_text(encoding="utf-8")
    # Two lines repeated 20,000 times, then swapped: difflib's matcher took half a minute on this alone.
    repeated = source + "\n".join(["x", "y"] * 20000) + "\n"
    message = "Evil subject\n\nbody\n\nChange-note: Evil \x1b[31m \u202eredro\u202c " + "A" * 100_000
    _commit_file(tmp_path / "repo", content, repeated, message)
    _commit_file(tmp_path / "repo", content, source + "\n".join(["y", "x"] * 20000) + "\n", "Swap")
    started = time.monotonic()
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    assert time.monotonic() - started < 60
    for url in ("ordinances/fair-rent", "ordinances/fair-rent/history"):
        html = page(tmp_path / "out", url)
        assert "\x1b" not in html and "\u202e" not in html and "A" * 300 not in html
        assert "Evil \ufffd[31m \ufffdredro\ufffd " + "A" * 20 in html and "AAA\u2026" in html
    history = page(tmp_path / "out", "ordinances/fair-rent/history")
    assert "<code>" in history  # every version shown
    assert len(history.encode()) < 1_000_000  # was 27 MB with the 80,000 changed lines of the swap shown
    assert "79000 more changed lines are not shown" in history


def test_a_commit_dated_beyond_any_calendar_leaves_history_out_without_a_traceback(tmp_path):
    content = make_repo(tmp_path / "repo")
    repo = tmp_path / "repo"
    edit_body(content, NEW_LINE, "A newer line.")
    git(repo, "add", "content")
    tree = subprocess.run([GIT, "-C", str(repo), "write-tree"], capture_output=True, text=True).stdout.strip()
    parent = subprocess.run([GIT, "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True)
    stamp = "A <a@example.org> 99999999999999 +0000"
    raw = f"tree {tree}\nparent {parent.stdout.strip()}\nauthor {stamp}\ncommitter {stamp}\n\nFar future\n"
    written = subprocess.run(
        [GIT, "-C", str(repo), "hash-object", "-t", "commit", "-w", "--stdin"],
        input=raw,
        capture_output=True,
        text=True,
    )
    git(repo, "update-ref", "HEAD", written.stdout.strip())
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and "out of range" not in result.stderr
    assert "History is not available for this build." in page(tmp_path / "out", "ordinances/fair-rent")


def test_old_versions_too_large_to_check_are_not_compared_and_bad_characters_are_replaced():
    doc = _document()
    revisions = [_revision(3), _revision(2), _revision(1, "A")]
    huge = b"x\n" * (MAX_SOURCE_BYTES // 2 + 1)
    blobs = {"blob3": b"One\nT\x00wo \xe2\x80\xae\n", "blob2": huge, "blob1": b"One\n"}
    history = document_history(doc, revisions, blobs, b"One\nT\x00wo \xe2\x80\xae\n")
    assert [v.diff is None for v in history.versions] == [True, True, True]  # 2 is over the limit
    text = document_history(doc, [_revision(3), _revision(1, "A")], blobs, b"One\n").versions[1].diff
    assert [line.text for hunk in text.hunks for line in hunk.lines] == ["One", "T\ufffdwo \ufffd"]


def test_a_huge_old_version_is_listed_as_too_large_without_the_build_holding_it(tmp_path):
    repo, size = tmp_path / "repo", 128 * 2**20
    content = make_repo(repo)
    path = content / "ordinances" / "fair-rent.md"
    source = path.read_bytes()
    # Written a megabyte at a time, not held by the tests' process (see `peak_memory_of_build`).
    with path.open("ab") as file:
        for _ in range(size // 2**20):
            file.write(b"x" * 2**20)
    git(repo, "commit", "-q", "-a", "-m", "Grow", "-m", "Change-note: A huge version")
    path.write_bytes(source)
    git(repo, "commit", "-q", "-a", "-m", "Shrink", "-m", "Change-note: Back to the model")
    peak = peak_memory_of_build(content, tmp_path / "out")
    assert peak < size // 2**20, f"the build held the huge version: {peak} MiB"
    history = page(tmp_path / "out", "ordinances/fair-rent/history")
    versions = history.split('<li class="version"')[1:]
    assert [re.search(r"<h2>([^<]*)</h2>", v).group(1) for v in versions[:2]] == [
        "Back to the model",
        "A huge version",
    ]
    too_large = "This version or the one before is too large to compare, so no changes are shown."
    assert all(too_large in v for v in versions[:2]) and too_large not in versions[2]
    assert "<table" in versions[2]  # the versions before it are still compared


def _commit_many(repo: Path, versions: list[tuple[str, str]]) -> None:
    """Commit each (change note, text of the fixture's ordinance) in turn, in one `git fast-import`, then
    check the last one out: hundreds of commits in a fraction of a second."""
    head = subprocess.run([GIT, "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True)
    branch = subprocess.run([GIT, "-C", str(repo), "symbolic-ref", "HEAD"], capture_output=True, text=True)
    stream = io.BytesIO()
    for n, (message, text) in enumerate(versions):
        data, note = text.encode(), f"Commit {n}\n\nChange-note: {message}".encode()
        stream.write(f"commit {branch.stdout.strip()}\n".encode())
        stream.write(f"committer Hub Tests <tests@example.org> {1_760_000_000 + n} +0000\n".encode())
        stream.write(b"data %d\n%s\n" % (len(note), note))
        if n == 0:
            stream.write(f"from {head.stdout.strip()}\n".encode())
        stream.write(b"M 100644 inline content/ordinances/fair-rent.md\ndata %d\n%s\n" % (len(data), data))
    subprocess.run([GIT, "-C", str(repo), "fast-import", "--quiet"], input=stream.getvalue(), check=True)
    git(repo, "reset", "-q", "--hard")


def test_a_hostile_history_gives_a_page_of_a_few_megabytes_built_in_seconds(tmp_path):
    content = make_repo(tmp_path / "repo")
    source = (content / "ordinances" / "fair-rent.md").read_text(encoding="utf-8")
    tiny = [(f"Small change {n}", f"{source}\nLine {n}.\n") for n in range(MAX_VERSIONS)]
    # Lines of characters that markup must escape, 10,000 of them swapped in each of ten versions.
    a, b = '"<&' * 33, "'>&" * 33
    swaps = [
        (f"Swap {n}", source + "\n".join(([a, b] if n % 2 else [b, a]) * 5000) + "\n") for n in range(10)
    ]
    _commit_many(tmp_path / "repo", [*tiny, *swaps, ("Back to the model", source)])
    started = time.monotonic()
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    assert time.monotonic() - started < 30
    html = page(tmp_path / "out", "ordinances/fair-rent/history")
    assert len(html.encode()) < 4_000_000
    versions = html.split('<li class="version"')[1:]
    assert len(versions) == MAX_VERSIONS
    newest = text_of(versions[0])
    assert "Back to the model" in newest and "0 lines added, 10001 lines removed" in newest
    hidden = 10_001 - VERSION_ROOM.changed  # the 10,000 lines and a blank one removed, 500 of them shown
    assert f"{hidden} more changed lines are not shown: compare the two versions" in newest
    assert html.count('<tr class="diff-') <= 4_000
    no_room = "This history is too long to show every change on one page"
    assert no_room not in versions[1] and no_room in versions[-1]
    assert "Small change 11" in versions[-1]  # 213 versions: the 13 oldest are counted, not listed
    assert f"13 older versions are not listed: this page lists the newest {MAX_VERSIONS}." in text_of(html)


def test_thousands_of_versions_are_read_through_one_cat_file_without_stalling(tmp_path):
    """More object ids than a pipe holds go in while more text than a pipe holds comes out: git must be
    fed and read at the same time, or both sides wait for each other forever."""
    from threading import Thread

    from hub_history.repository import read_history

    content = make_repo(tmp_path / "repo")
    source = (content / "ordinances" / "fair-rent.md").read_text(encoding="utf-8")
    versions = [(f"Change {n}", f"{source}\n{'Line. ' * 100}{n}\n") for n in range(2000)]
    _commit_many(tmp_path / "repo", versions)
    found = []
    reader = Thread(
        target=lambda: found.append(read_history(content, ["ordinances/fair-rent.md"], 5000)), daemon=True
    )
    reader.start()
    reader.join(60)
    assert not reader.is_alive(), "reading the history stalled"
    blobs = found[0].blobs
    assert len(blobs) == 2002 and all(isinstance(blob, bytes) for blob in blobs.values())
    assert sum(len(blob) for blob in blobs.values()) > 1_000_000 and 2002 * 41 > 65536

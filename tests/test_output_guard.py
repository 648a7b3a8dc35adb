"""A build replaces only a site the hub built, in one step, one build at a time; `make clean` likewise.

Every refusal is checked through the real command line: exit status, message, and every file, folder
and link under the test folder byte for byte the same afterwards.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.sitekit import PAGEFIND_UNSTABLE, ROOT, hub, settings_file, tree, write_site

MARKER = ".hub-site"
NOT_A_SITE = "is not empty and is not a site built by the hub (no .hub-site marker)"


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under a folder (dotfiles, folders and links included) with its kind and content hash."""
    found = {}
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent) / name
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = f"link {os.readlink(path)}"
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def run_build(content: Path, output: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    settings = ROOT / "pelicanconf.py"
    return hub("build", "-s", str(settings), "-i", str(content), "-o", str(output), "--cache", str(cache))


@pytest.fixture
def place(tmp_path) -> Path:
    """A folder holding a content folder and a project with its own settings file; caches go outside it."""
    root = tmp_path / "place"
    write_site(root / "content")
    (root / "project").mkdir()
    settings_file(root / "project")
    return root


def assert_refused(place: Path, output: Path | str, message: str, cwd: Path = ROOT) -> str:
    before = snapshot(place)
    settings = place / "project" / "pelicanconf-test.py"
    result = hub(
        *("build", "-s", str(settings), "-i", str(place / "content"), "-o", str(output)),
        *("--cache", str(place.parent / "cache")),
        cwd=cwd,
    )
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert "build refused: nothing was written or deleted" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(place) == before
    assert not (place.parent / "cache").exists()
    return result.stderr


def test_the_content_folder_is_refused(place):
    assert_refused(place, place / "content", f"{place / 'content'} is the content folder")


def test_a_folder_holding_the_content_folder_is_refused(place):
    assert_refused(place, place, f"holds the content folder {place / 'content'}")


def test_a_folder_inside_the_content_folder_is_refused(place):
    # The next build would read the site as content, and a dev server would rebuild forever.
    assert_refused(place, place / "content" / "site", "is inside the content folder")


def test_a_symlink_to_the_content_folder_and_dot_dot_segments_are_resolved_first(place):
    (place / "link").symlink_to(place / "content", target_is_directory=True)
    message = assert_refused(place, place / "link", f"(that is {place / 'content'}) is the content folder")
    assert "link" in message
    assert_refused(place, f"{place}/project/../content/issues/..", "is the content folder")


def test_the_project_folder_is_refused(place):
    assert_refused(place, place / "project", "is the project folder (where the settings file is)")


def test_the_current_folder_and_a_folder_holding_it_are_refused(place):
    (place / "work" / "here").mkdir(parents=True)
    assert_refused(place, ".", "is the current folder", cwd=place / "work" / "here")
    assert_refused(place, "..", "holds the current folder", cwd=place / "work" / "here")


def test_a_git_repository_is_refused(place):
    repo = place / "repo"
    repo.mkdir()
    (repo / "notes.txt").write_text("uncommitted work\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    assert_refused(place, repo, f"holds a repository ({repo / '.git'})")


def test_a_built_site_that_now_is_a_repository_is_refused(place, tmp_path):
    assert run_build(place / "content", place / "site", cache=tmp_path / "site-cache").returncode == 0
    (place / "site" / ".git").write_text("gitdir: /elsewhere/.git/worktrees/site\n")  # a worktree's link
    assert_refused(place, place / "site", f"holds a repository ({place / 'site' / '.git'})")


def test_a_file_is_refused(place):
    (place / "notes.txt").write_text("not a folder\n")
    assert_refused(place, place / "notes.txt", "notes.txt is a file, not a folder")
    assert_refused(place, place / "notes.txt" / "site", "which is a file")


def test_a_non_empty_folder_without_the_marker_is_refused(place):
    (place / "www").mkdir()
    (place / "www" / "index.html").write_text("someone else's site\n")
    message = assert_refused(place, place / "www", f"{place / 'www'} {NOT_A_SITE}")
    assert "choose an empty or new folder, or delete it yourself" in message


def test_the_home_folder_and_a_folder_holding_it_are_refused(place, monkeypatch):
    home = place / "people" / "me"
    home.mkdir(parents=True)
    (home / "diary.txt").write_text("private\n")
    monkeypatch.setenv("HOME", str(home))
    assert_refused(place, home, "is your home folder")
    assert_refused(place, place / "people", f"holds your home folder {home}")


def test_the_filesystem_root_is_refused_before_anything_is_touched(place):
    from hub_build.guard import UnsafeOutputError, check_output

    with pytest.raises(UnsafeOutputError, match="is the root of the filesystem"):
        check_output(Path("/"), place / "content", place / "project" / "pelicanconf-test.py")


def test_an_empty_folder_and_a_new_one_are_built_into_and_marked(place, tmp_path):
    (place / "empty").mkdir()
    for output in (place / "empty", place / "new" / "site"):
        result = run_build(place / "content", output, cache=tmp_path / "cache")
        assert result.returncode == 0, result.stderr
        assert (output / "index.html").is_file()
        assert (output / MARKER).read_text().startswith("This folder is a site built by the hub")


def test_a_previous_build_is_replaced_and_leftovers_beside_it_are_removed(place, tmp_path):
    content, output = place / "content", place / "site"
    assert run_build(content, output, cache=tmp_path / "cache").returncode == 0
    (output / "stale.html").write_text("from before\n")
    # As a stopped build leaves them (the last is Pagefind's working folder, beside the staging folder).
    for name in (".site-staging-killed", ".site-old-cut-short", "..site-staging-killed-search-x"):
        (place / name / "about").mkdir(parents=True)
        (place / name / MARKER).write_text("marked\n")
        (place / name / "about" / "index.html").write_text("half a site\n")
    (place / ".site-old-empty").mkdir()
    (place / ".site-staging-mine").mkdir()  # not marked: someone else's, whatever its name
    (place / ".site-staging-mine" / "keep.txt").write_text("mine\n")
    result = run_build(content, output, cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert not (output / "stale.html").exists() and (output / MARKER).is_file()
    assert f"left {place / '.site-staging-mine'} in place" in result.stderr
    deadline = time.monotonic() + 60  # removed by a process of its own, which may still be at work
    while len([p for p in place.iterdir() if p.name.startswith(".")]) > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in place.iterdir() if p.name.startswith(".")] == [".site-staging-mine"]
    assert (place / ".site-staging-mine" / "keep.txt").read_text() == "mine\n"


def test_a_build_failing_after_staging_leaves_the_previous_site_byte_identical(place, tmp_path):
    content, output = place / "content", place / "site"
    assert run_build(content, output, cache=tmp_path / "cache").returncode == 0
    before = snapshot(output)
    about = content / "pages" / "about.md"
    about.write_text(about.read_text() + "\nSee [the plan](/nowhere/).\n")  # found by the check, at the end
    result = run_build(content, output, cache=tmp_path / "cache")
    assert result.returncode == 1
    assert "broken link to /nowhere/" in result.stderr
    about.write_text("---\ntitle: [broken\n---\n")  # found while reading, at the start
    assert run_build(content, output, cache=tmp_path / "cache").returncode == 1
    assert snapshot(output) == before
    assert [p.name for p in place.iterdir() if p.name.startswith(".")] == []


def test_a_second_build_into_the_same_folder_waits_for_the_first(place, tmp_path):
    content, output = place / "content", place / "site"
    lock = place / ".site.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a build running now holds it
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    args = ["-s", str(ROOT / "pelicanconf.py"), "-i", str(content), "-o", str(output)]
    waiting = subprocess.Popen(
        [sys.executable, "-m", "hub_build", "build", *args, "--cache", str(tmp_path / "cache")],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "note: waiting for another build into" in waiting.stderr.readline()
        time.sleep(0.5)
        assert not output.exists() and not list(place.glob(".site-staging-*"))
    finally:
        os.close(fd)  # released: the build finds the same lock file and goes on
    assert waiting.wait(timeout=120) == 0, waiting.stderr.read()
    assert (output / "index.html").is_file() and not lock.exists()


def test_two_builds_at_once_into_one_folder_leave_one_complete_site(place, tmp_path):
    content, output = place / "content", place / "site"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    builds = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hub_build",
                "build",
                "-i",
                str(content),
                "-o",
                str(output),
                "--cache",
                str(tmp_path / f"cache-{i}"),
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
        )
        for i in range(2)
    ]
    assert [b.wait(timeout=120) for b in builds] == [0, 0]
    assert run_build(content, tmp_path / "alone", cache=tmp_path / "cache").returncode == 0
    assert tree(output, PAGEFIND_UNSTABLE) == tree(tmp_path / "alone", PAGEFIND_UNSTABLE)


def test_the_swap_never_leaves_a_moment_without_the_site(tmp_path):
    from hub_build.build import exchange, swap_in

    output, other = tmp_path / "site", tmp_path / ".site-staging-x"
    for folder, text in ((output, "one"), (other, "two")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    if not exchange(output, other):
        pytest.skip("this filesystem cannot exchange two folders in one step")
    missing, done = [], threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                (output / "index.html").read_bytes()
            except FileNotFoundError:
                missing.append(1)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(2000):
            assert swap_in(other, output) == other
    finally:
        done.set()
        reader.join()
    assert missing == []


def test_without_an_exchange_the_swap_moves_the_old_site_aside(tmp_path, monkeypatch):
    from hub_build import build

    output, staging = tmp_path / "site", tmp_path / ".site-staging-abc"
    for folder, text in ((output, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    monkeypatch.setattr(build, "exchange", lambda a, b: False)  # as on a system without renameat2
    assert build.swap_in(staging, output) == tmp_path / ".site-old-abc"
    assert (output / "index.html").read_text() == "new"
    assert (tmp_path / ".site-old-abc" / "index.html").read_text() == "old"


def make_clean(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", "clean", *args], cwd=project, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's Makefile, settings and guard, with content: `make clean` runs there."""
    root = tmp_path / "project"
    (root / "plugins" / "hub_build").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", root)
    shutil.copy(ROOT / "pelicanconf.py", root)
    shutil.copy(ROOT / "plugins" / "hub_build" / "guard.py", root / "plugins" / "hub_build")
    write_site(root / "content")
    return root


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_clean_deletes_only_a_marked_site(project, tmp_path):
    before = snapshot(project)
    for outputdir, message in ((".", "holds the content folder"), ("content", "is the content folder")):
        result = make_clean(project, f"OUTPUTDIR={outputdir}")
        assert result.returncode != 0
        assert (
            f"nothing was deleted: the output folder {outputdir}" in result.stderr
            and message in result.stderr
        )
        assert snapshot(project) == before
    (project / "www").mkdir()
    (project / "www" / "index.html").write_text("someone else's\n")
    assert NOT_A_SITE in make_clean(project, "OUTPUTDIR=www").stderr
    assert (project / "www" / "index.html").is_file()
    assert run_build(project / "content", project / "output", cache=tmp_path / "cache").returncode == 0
    result = make_clean(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "output").exists() and (project / "content" / "pages" / "about.md").is_file()

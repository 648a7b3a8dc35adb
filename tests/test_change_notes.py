"""What the history says about each change, and `make check`'s warning when a document changed in git after
its `updated` date, on fixture repositories built and checked through the real command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitekit import build, hub
from tests.test_history import GIT, MESSAGE, SUBJECT, git, make_repo, page, text_of

pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

ORDINANCE = "ordinances/fair-rent.md"
SHOWN = f"content/{ORDINANCE}"
"""The ordinance's path as `make check` prints it, from the repository's root."""
NOTED_DATE = "2025-11-16T12:00:00Z"


def _edit(content: Path, old: str, new: str) -> None:
    path = content / ORDINANCE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def noted_repo(root: Path) -> Path:
    """The fixture site added on 2025-10-02; its ordinance (dated 2025-10-01) revised on 2025-11-16 with a
    change note, `updated: 2025-11-16` (line 4), its adoption's source and Durham's location (so `check
    --strict` passes); a
    typo fixed on 2025-11-20 as a minor edit; then a commit of code alone. Returns the content folder."""
    content = make_repo(root, second_commit=False)
    _edit(content, "date: 2025-10-01\n", "date: 2025-10-01\nupdated: 2025-11-16\n")
    _edit(content, "citation: Ord. 2025-9", "citation: Ord. 2025-9\n    url: https://example.org/2025-9")
    _edit(content, "Fair Rent Ordinance.", "Fair Rent Ordinance.\n\n## Section 2. Pricing tools\n\nNo tools.")
    places = content / "jurisdictions" / "nc.yaml"  # Durham located: a place without one is a warning too
    located = places.read_text(encoding="utf-8").replace(
        "  kind: city\n", "  kind: city\n  lat: 35.99\n  lon: -78.9\n"
    )
    places.write_text(located, encoding="utf-8")
    note = f"Change-note: {MESSAGE}"
    git(root, "commit", "-q", "-a", "-m", SUBJECT, "-m", "Why.", "-m", note, date=NOTED_DATE)
    _edit(content, "No tools.", "No pricing tools.")
    git(root, "commit", "-q", "-a", "-m", "Fix a typo", "-m", "Minor-edit: yes", date="2025-11-20T12:00:00Z")
    (root / "code.py").write_text("print('code')\n", encoding="utf-8")
    git(root, "add", "code.py")
    git(root, "commit", "-q", "-m", "Code", "-m", "Change-note: Never shown", date="2025-11-21T12:00:00Z")
    return content


def stale_warnings(content: Path, *options: str) -> tuple[int, list[str]]:
    checked = hub("check", "-i", str(content), *options, cwd=content.parent)
    return checked.returncode, [line for line in checked.stderr.splitlines() if "changed in git" in line]


@pytest.fixture(scope="module")
def noted(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("notes")
    content = noted_repo(root / "repo")
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return content, root / "out"


def test_the_history_shows_change_notes_revised_and_minor_edits_never_a_subject(noted):
    _, output = noted
    html = page(output, "ordinances/fair-rent")
    summary = text_of(html.split('class="history-summary"')[1].split("</section>")[0])
    assert "November 20, 2025: Minor edit" in summary
    assert f"November 16, 2025: {MESSAGE}" in summary
    assert "October 2, 2025: Revised" in summary
    history = page(output, "ordinances/fair-rent/history")
    assert history.count('<li class="version"') == 3  # the commit of code alone is not a version
    for words in (SUBJECT, "Fix a typo", "Never shown", "Add the fair rent model"):
        assert words not in html and words not in history


def test_the_top_of_the_page_and_the_history_give_the_same_updated_date(noted):
    _, output = noted
    html = page(output, "ordinances/fair-rent")
    top = html.split('class="meta"')[1].split("</dl>")[0]
    assert '<dt>Updated</dt><dd><time datetime="2025-11-16">' in top
    assert 'Last updated <time datetime="2025-11-16">November 16, 2025</time>' in html
    history = page(output, "ordinances/fair-rent/history")
    assert 'Last updated <time datetime="2025-11-16">November 16, 2025</time>' in history


def test_check_is_quiet_when_updated_covers_every_change_but_minor_edits(noted):
    content, _ = noted
    assert stale_warnings(content) == (0, [])
    assert stale_warnings(content, "--strict") == (0, [])


def test_check_warns_at_the_updated_line_when_a_later_commit_changed_the_document(tmp_path):
    repo = tmp_path / "repo"
    content = noted_repo(repo)
    _edit(content, "No pricing tools.", "No pricing tools at all.")
    git(repo, "commit", "-q", "-a", "-m", "Tighten section 2", date="2025-12-02T23:30:00-05:00")  # Dec 3 UTC
    code, warnings = stale_warnings(content)
    short = _head(repo)
    assert code == 0 and warnings == [
        f"{SHOWN}:4: warning: changed in git on 2025-12-03 (commit {short}) but updated: says "
        "2025-11-16: set updated: 2025-12-03, or mark a typo fix with the commit trailer Minor-edit: yes"
    ]
    code, _ = stale_warnings(content, "--strict")
    strict = hub("check", "-i", str(content), "--strict", cwd=repo)
    assert code == 1 and f"{SHOWN}:4: changed in git on 2025-12-03" in strict.stderr
    # Silenced by saying when it was updated, in the next commit.
    _edit(content, "updated: 2025-11-16", "updated: 2025-12-03")
    git(repo, "commit", "-q", "-a", "-m", "Date it", date="2025-12-03T12:00:00Z")
    assert stale_warnings(content, "--strict") == (0, [])


def test_without_updated_the_warning_names_the_date_line(tmp_path):
    repo = tmp_path / "repo"
    content = make_repo(repo)  # the ordinance, dated 2025-10-01, revised on 2025-11-16
    _, warnings = stale_warnings(content)
    assert [w.split(": warning: ")[0] for w in warnings] == [f"{SHOWN}:3"]
    assert "but date: says 2025-10-01: set updated: 2025-11-16" in warnings[0]


def test_outside_git_or_in_a_shallow_clone_the_check_says_nothing(tmp_path):
    repo = tmp_path / "repo"
    content = make_repo(repo)
    assert len(stale_warnings(content)[1]) == 1
    plain = tmp_path / "plain" / "content"
    shutil.copytree(content, plain)
    assert stale_warnings(plain) == (0, [])
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", "shallow")
    assert stale_warnings(tmp_path / "shallow" / "content") == (0, [])


def _head(repo: Path) -> str:
    import subprocess

    found = subprocess.run([GIT, "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip()[:7]

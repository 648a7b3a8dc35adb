"""The demo site builds exactly as the committed expected output (refresh with `make golden`)."""

from __future__ import annotations

import difflib

from tests.golden import EXPECTED, NOT_GOLDEN, build_demo
from tests.sitekit import tree


def test_demo_build_matches_the_committed_expected_output(tmp_path):
    build_demo(tmp_path / "site")
    built, expected = tree(tmp_path / "site", NOT_GOLDEN), tree(EXPECTED)
    assert sorted(built) == sorted(expected), "pages added or removed: run `make golden` and review the diff"
    for name, data in built.items():
        if data != expected[name]:
            diff = difflib.unified_diff(
                expected[name].decode(errors="replace").splitlines(),
                data.decode(errors="replace").splitlines(),
                f"expected/{name}",
                f"built/{name}",
                lineterm="",
                n=1,
            )
            raise AssertionError("\n".join(list(diff)[:40]) + "\n(run `make golden` if this is intended)")


def test_demo_has_at_least_30_documents_and_10_issues():
    documents = [
        p
        for p in EXPECTED.rglob("index.html")
        if p.parent.parent.name in ("ordinances", "briefs", "stories", "news")
    ]
    issues = [p for p in (EXPECTED / "issues").glob("*/index.html")]
    assert len(documents) >= 30 and len(issues) >= 10

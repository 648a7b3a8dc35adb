"""Each test's layer (tests/layers.py) follows from what it runs, through helpers, fixtures and plugins."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hub_history.diff import diff
from hub_search.indexer import IndexRun
from tests import sitekit
from tests.layers import layer

# These tests name functions that build, only to read their code: they never run them.
pytestmark = pytest.mark.unit


@dataclass
class Item:
    """What layer() reads of a collected test."""

    function: object
    fixturenames: list[str] = field(default_factory=list)
    marker: str | None = None

    def get_closest_marker(self, name: str) -> object:
        return name if name == self.marker else None


def builds_through_sitekit(tmp_path: Path) -> None:
    sitekit.build(tmp_path / "content", tmp_path / "out")


def calls_a_helper_that_runs_git() -> None:
    helper_running_git()


def helper_running_git() -> None:
    subprocess.run(["git", "--version"], check=True)


def indexes_with_pagefind(site: Path) -> None:
    IndexRun(site, ["index.html"]).finish()


def imports_subprocess_inside() -> None:
    import subprocess as sp  # noqa: F401

    return None


def loads_a_fixture_by_name(request: pytest.FixtureRequest) -> None:
    request.getfixturevalue("demo")


def compares_in_process() -> None:
    assert diff("a\n", "b\n") and sitekit.front("title: x")


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        (builds_through_sitekit, "site"),
        (calls_a_helper_that_runs_git, "site"),
        (indexes_with_pagefind, "site"),
        (imports_subprocess_inside, "site"),
        (loads_a_fixture_by_name, "site"),
        (compares_in_process, "unit"),
    ],
)
def test_a_test_is_site_when_it_reaches_a_program_and_unit_otherwise(function, expected):
    assert layer(Item(function)) == expected


def test_the_chromium_fixture_makes_a_browser_test_and_a_written_marker_wins():
    assert layer(Item(compares_in_process, ["tmp_path", "chromium"])) == "browser"
    assert layer(Item(builds_through_sitekit, marker="unit")) == "unit"
    assert layer(Item(compares_in_process, marker="site")) == "site"

"""Shared fixtures: the demo site built once per test run, and one headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import browser
from tests.golden import build_demo


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    """The demo content built with publishconf.py, as it would be published."""
    output = tmp_path_factory.mktemp("demo") / "site"
    build_demo(output)
    return output


@pytest.fixture(scope="session")
def chromium():
    with browser() as instance:
        yield instance

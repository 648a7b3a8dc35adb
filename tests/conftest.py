"""Shared fixtures (the demo site built once per test run, one headless Chromium) and the test layers:
every test gets one of the markers `unit`, `site` or `browser` (tests/layers.py says how)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import browser
from tests.demo import build_demo
from tests.layers import layer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(layer(item))


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

"""Real-browser helpers: Debian's Chromium driven by Playwright, pages served on localhost with the
site's security headers, and every console message and outgoing request recorded."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hub_build.serve import make_server

CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def require_chromium() -> None:
    """Skip locally without a browser; in CI (CI=true) a missing browser is a failure, never a skip."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = (
        f"Chromium not found at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def served(folder: Path, port: int = 0, prefix: str = "") -> Iterator[str]:
    """Serve a built site on localhost with the security headers, on `port` (0: a free one) and under
    `prefix` ('' or a sub-folder like '/hub'); yields the site's address."""
    server = make_server(folder, port, quiet=True, prefix=prefix)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    console: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)


@contextmanager
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(chromium: object, base: str, width: int = 1280) -> tuple[object, Visit]:
    """A new page that records console messages and any request leaving localhost."""
    page = chromium.new_page(viewport={"width": width, "height": 900})
    visit = Visit()
    page.on("console", lambda msg: visit.console.append(f"{msg.type}: {msg.text}"))
    page.on(
        "request",
        lambda request: None if request.url.startswith(base) else visit.foreign_requests.append(request.url),
    )
    return page, visit


@contextmanager
def plain_server(folder: Path) -> Iterator[str]:
    """Static files on localhost with no security headers at all: what is inert here is inert anywhere."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

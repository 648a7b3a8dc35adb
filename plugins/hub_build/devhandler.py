"""The devserver's HTTP handler: the output folder as serve.py's SiteHandler serves it (security headers,
localhost only, no folder listings), plus live reload and the failed build's error page.

Reads the output folder, the search bundle it held before the last exchange (for a search begun then),
the last build's result (`BuildState`) and assets/ (`reload.js`, the error page's
stylesheet, served under /__hub__/ with the Server-Sent Events stream of finished builds); writes only
HTTP responses.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from hub_search.indexer import BUNDLE

from .livereload import PREFIX, error_page, inject, is_html_request, waiting_page
from .rebuilds import POLL, BuildState
from .searchlater import previous_bundle
from .serve import SiteHandler

ASSETS = Path(__file__).with_name("assets")
ASSET_TYPES = {"reload.js": "text/javascript; charset=utf-8", "devserver.css": "text/css; charset=utf-8"}
KEEPALIVE = 15.0  # seconds between comments on an idle event stream, to notice a closed tab
STREAM_LIFETIME = 600.0  # seconds before an event stream is closed; the browser reconnects by itself


class DevHandler(SiteHandler):
    """The output folder as SiteHandler serves it, plus live reload and the failed build's error page.

    Made for each request with the devserver's `BuildState` and the `threading.Event` that ends its event
    streams: give `make_server` `functools.partial(DevHandler, state=..., stop=...)`.
    """

    def __init__(self, *args: Any, state: BuildState, stop: threading.Event, **kwargs: Any) -> None:
        self.hub_state, self.hub_stop = state, stop  # first: the base class answers the request in __init__
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # every reload must show the newest build
        super().end_headers()

    def html_body(self, body: bytes) -> bytes:
        return inject(body)

    def extra_scripts(self, origin: str) -> list[str]:
        return [f"{origin}{PREFIX}reload.js"]  # the policy names this one file, not /__hub__/ as a whole

    def is_own(self, path: str) -> bool:
        return path.startswith(PREFIX)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Only addresses that were not found: the terminal is for build messages."""
        if str(getattr(code, "value", code)) == "404":
            super().log_request(code, size)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path.startswith(PREFIX):
            self._own(path.removeprefix(PREFIX), send_body)
            return
        result = self.hub_state.result()
        if result is not None and not result.ok and is_html_request(path):
            self._send(
                HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", error_page(result), send_body
            )
            return
        page = self._page(path)
        if page is not None:
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", inject(page), send_body)
        elif result is None and is_html_request(path):  # the first build is still running
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", waiting_page(), send_body)
        elif (earlier := self._earlier_bundle_file(path)) is not None:
            self._send(HTTPStatus.OK, self.guess_type(path), earlier, send_body)
        elif send_body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _page(self, path: str) -> bytes | None:
        """The HTML file the address names, or None (then the base handler redirects, sends or 404s)."""
        target = Path(self.translate_path(path))
        if path.endswith("/"):
            target = target / "index.html"
        if target.suffix not in (".html", ".htm"):
            return None
        try:
            return target.read_bytes()
        except OSError:  # missing, a folder, or swapped away by a build this instant
            return None

    def _earlier_bundle_file(self, path: str) -> bytes | None:
        """A file of the search bundle served before the last exchange, which a search begun then still
        asks for (Pagefind names its files by their content: one cannot stand for another); None when the
        served bundle has the file, or the earlier one does not."""
        target, root = self.site_file(path), Path(self.directory).resolve()
        if target is None or target.exists():
            return None
        parts = target.relative_to(root).parts
        if len(parts) < 2 or parts[0] != BUNDLE:
            return None
        earlier = previous_bundle(root).joinpath(*parts[1:])
        try:
            return earlier.read_bytes() if earlier.is_file() and not earlier.is_symlink() else None
        except OSError:  # replaced by the next exchange this instant
            return None

    def _own(self, name: str, send_body: bool) -> None:
        if name == "events":
            page = open_page(parse_qs(urlsplit(self.path).query).get("page", [""])[0])
            if page is not None:
                self.hub_state.page_opened(page)
            try:
                self._events(send_body)
            finally:
                if page is not None:
                    self.hub_state.page_closed(page)
        elif name == "status.json":
            body = json.dumps(self.hub_state.status()).encode()
            self._send(HTTPStatus.OK, "application/json", body, send_body)
        elif name == "search.json":
            body = json.dumps(self.hub_state.search_json()).encode()
            self._send(HTTPStatus.OK, "application/json", body, send_body)
        elif name in ASSET_TYPES:
            self._send(HTTPStatus.OK, ASSET_TYPES[name], (ASSETS / name).read_bytes(), send_body)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _events(self, send_body: bool) -> None:
        """A `build` and a `search` event now, then one after each build and each change of search's state
        ("updating", "current", "failed"), until shutdown, a closed tab or the lifetime."""
        state, stop = self.hub_state, self.hub_stop
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.close_connection = True
        if not send_body:
            return
        seen: tuple[int, int] | None = None
        opened = last = time.monotonic()
        with contextlib.suppress(OSError):  # the tab was closed or reloaded
            self._write(b"retry: 1000\n\n")
            while not stop.is_set() and time.monotonic() - opened < STREAM_LIFETIME:
                count, searches, search = state.wait_any(seen, POLL)
                if seen == (count, searches):
                    if time.monotonic() - last >= KEEPALIVE:
                        self._write(b": waiting for the next build\n\n")
                        last = time.monotonic()
                    continue
                if seen is None or count != seen[0]:
                    self._write(f"event: build\ndata: {state.run_id}-{count}\n\n".encode())
                if seen is None or searches != seen[1]:
                    self._write(f"event: search\ndata: {search}\n\n".encode())
                seen, last = (count, searches), time.monotonic()

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


def open_page(address: str) -> str | None:
    """The file an open tab's address names, relative to the output folder (`/issues/x/` is
    `issues/x/index.html`), or None for what names no page of the site (it is only a hint to render
    that page first, never a path that is read or written)."""
    path = unquote(address)
    if not path.startswith("/") or "\0" in path or len(path) > 1024:
        return None
    parts = [part for part in path.split("/") if part]
    if any(part in (".", "..") or "\\" in part for part in parts):
        return None
    if path.endswith("/") or not parts:
        parts.append("index.html")
    elif not parts[-1].endswith((".html", ".htm")):
        return None
    return "/".join(parts)

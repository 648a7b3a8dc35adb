"""Serve a built site on localhost for preview, with the site's 404 page for unknown paths.

Reads the output folder; writes nothing. For local preview only: production sites are plain files on
any web server or CDN. Listens on localhost only. `devserver.py` extends the handler (live reload).
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from hub_headers.policy import SECURITY_HEADERS


class SiteHandler(SimpleHTTPRequestHandler):
    """Files from the output folder, with the site's security headers and its 404 page."""

    def html_body(self, body: bytes) -> bytes:
        """The bytes of an HTML page about to be sent (the devserver adds its reload script here)."""
        return body

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if self.server.quiet:  # type: ignore[attr-defined]
            return
        super().log_message(format, *args)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = self.html_body(page.read_bytes())
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(
    output: Path, port: int, quiet: bool = False, handler: type[SiteHandler] = SiteHandler
) -> ThreadingHTTPServer:
    """A server for the folder on localhost (port 0 picks a free one); the caller runs and closes it."""
    server = ThreadingHTTPServer(("localhost", port), functools.partial(handler, directory=str(output)))
    if not ipaddress.ip_address(server.server_address[0]).is_loopback:
        server.server_close()
        raise SystemExit(f"localhost resolves to {server.server_address[0]}, not a loopback address")
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def serve(output: Path, port: int) -> None:
    if not (output / "index.html").is_file():
        raise SystemExit(f"{output} holds no built site: run 'make html' first")
    with make_server(output, port) as server:
        print(f"serving {output} at http://localhost:{port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()

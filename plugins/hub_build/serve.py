"""Serve a built site on localhost for preview, with the site's 404 page for unknown paths.

Reads the output folder; writes nothing. For local preview only: production sites are plain files on
any web server or CDN. `devhandler.py` extends the handler (live reload).

Local in fact, not only by its address: it listens on the loopback interface, and it answers only
requests whose Host is localhost, 127.0.0.1 or [::1] with its port (403 otherwise), so a page of
another site that rebinds its own name to 127.0.0.1 cannot read the preview (drafts included). It serves
files inside the output folder only (no `..`, no encoded slash or backslash, no symbolic link leading
out), never lists a folder (the 404 page instead), and sends the published headers: the
Content-Security-Policy for the address it is asked at, so scripts run only from theme/js/ and pagefind/
as on the published site, and `Content-Disposition: attachment` for files/.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import os
import re
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hub_headers.policy import DOWNLOAD_FOLDERS, DOWNLOAD_HEADERS, security_headers, site_base

LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
_ENCODED_SEPARATOR = re.compile(r"%(2f|5c|00)", re.IGNORECASE)
REFUSED = "__hub_refused__"  # a name translate_path returns for an address it will not serve


class SiteServer(ThreadingHTTPServer):
    """One thread per connection; a listen queue deep enough for a browser (or a test) opening many."""

    request_queue_size = 256  # the default 5 makes the kernel drop bursts: clients stall for seconds
    daemon_threads = True
    quiet = False
    prefix = ""
    """The folder the site is served under ('' or '/hub'), as when published from a sub-folder."""


class SiteHandler(SimpleHTTPRequestHandler):
    """Files from the output folder, with the site's security headers and its 404 page."""

    server: SiteServer
    _origin: str | None = None
    _status = 0

    def html_body(self, body: bytes) -> bytes:
        """The bytes of an HTML page about to be sent (the devserver adds its reload script here)."""
        return body

    def extra_scripts(self, origin: str) -> list[str]:
        """Script sources beyond the site's own, for the page at `origin` (the devserver's reload)."""
        return []

    def is_own(self, path: str) -> bool:
        """An address the handler answers itself, not from the output folder (the devserver's)."""
        return False

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        host = self.headers.get("Host", "").strip().lower()
        port = self.server.server_address[1]
        allowed = {f"{name}:{port}" for name in LOCAL_NAMES} | (set(LOCAL_NAMES) if port == 80 else set())
        if host not in allowed:
            self.send_error(HTTPStatus.FORBIDDEN, f"This preview answers only at http://localhost:{port}/")
            return False
        self._origin = f"http://{host}"
        if not self.is_own(urlsplit(self.path).path) and self.site_file(self.path) is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return False
        return True

    def site_file(self, address: str) -> Path | None:
        """The file or folder of the output an address names; None if it names nothing the site serves.

        None: outside the served folder, a `.` or `..` segment, an encoded slash, backslash or NUL, or a
        symbolic link that leads out of the output folder.
        """
        path = urlsplit(address).path
        start = self.server.prefix + "/"
        if not path.startswith(start) or _ENCODED_SEPARATOR.search(path):
            return None
        try:
            rest = unquote(path[len(start) :], errors="strict")
        except UnicodeDecodeError:
            return None
        parts = rest.split("/")
        if "\\" in rest or "\0" in rest or any(part in (".", "..") for part in parts):
            return None
        root = Path(self.directory).resolve()
        target = root.joinpath(*(part for part in parts if part))
        if not target.resolve().is_relative_to(root):
            return None
        return target

    def translate_path(self, path: str) -> str:
        target = self.site_file(path)
        return str(target if target is not None else Path(self.directory) / REFUSED / REFUSED)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without index.html is not a page: the 404 page, never a listing of its files."""
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        super().send_response(code, message)

    def end_headers(self) -> None:
        port = self.server.server_address[1]
        origin = self._origin or f"http://localhost:{port}"
        base = site_base(origin + self.server.prefix)  # None for [::1]: a policy cannot name it
        extra = self.extra_scripts(origin) if base else []
        for name, value in security_headers(base, extra).items():
            self.send_header(name, value)
        if 200 <= self._status < 300 and self._is_download():
            for name, value in DOWNLOAD_HEADERS.items():
                self.send_header(name, value)
        super().end_headers()

    def _is_download(self) -> bool:
        path = unquote(urlsplit(self.path).path)
        return any(path.startswith(f"{self.server.prefix}/{folder}") for folder in DOWNLOAD_FOLDERS)

    def log_message(self, format: str, *args: object) -> None:
        if self.server.quiet:
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
    output: Path,
    port: int,
    quiet: bool = False,
    handler: Callable[..., SiteHandler] = SiteHandler,
    prefix: str = "",
) -> SiteServer:
    """A server for the folder on localhost (port 0 picks a free one); the caller runs and closes it.

    `prefix` ('/hub'): serve the site under that folder, as a site published with such an address is.
    """
    server = SiteServer(("localhost", port), functools.partial(handler, directory=str(output)))
    host = server.server_address[0]
    host = host.decode() if isinstance(host, bytes) else host  # bytes only for a Unix socket's path
    if not ipaddress.ip_address(host).is_loopback:
        server.server_close()
        raise SystemExit(f"localhost resolves to {host}, not a loopback address")
    server.quiet = quiet
    server.prefix = prefix.rstrip("/")
    return server


def serve(output: Path, port: int) -> None:
    if not (output / "index.html").is_file():
        raise SystemExit(f"{output} holds no built site: run 'make html' first")
    with make_server(output, port) as server:
        print(f"serving {output} at http://localhost:{port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()

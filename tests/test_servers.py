"""The preview servers (`make serve`, `make devserver`) are local in fact: other Host names are refused,
only files inside the output are served, folders are never listed, a burst of connections is served
at once, and files/ is sent as a download with the published headers."""

from __future__ import annotations

import functools
import http.client
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from hub_build.devhandler import DevHandler
from hub_build.livereload import PREFIX
from hub_build.rebuilds import BuildResult, BuildState
from hub_build.serve import SiteHandler, make_server

NOT_FOUND = "<html><body><h1>Not here</h1></body></html>"
SECRET = "secret outside the output"


@pytest.fixture
def site(tmp_path) -> Path:
    """A small output folder, with a secret beside it and symbolic links pointing at the secret."""
    output = tmp_path / "output"
    (output / "drafts").mkdir(parents=True)
    (output / "files").mkdir()
    (output / "index.html").write_text("<html><body>home page</body></html>")
    (output / "404.html").write_text(NOT_FOUND)
    (output / "drafts" / "unpublished.html").write_text("<html><body>draft</body></html>")
    (output / "files" / "report.html").write_text("<html><body>a download</body></html>")
    (tmp_path / "secret.txt").write_text(SECRET)
    (output / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (output / "outside").symlink_to(tmp_path)
    return output


@contextmanager
def running(output: Path, handler: type[SiteHandler] = SiteHandler, prefix: str = "") -> Iterator[int]:
    make: Callable[..., SiteHandler] = handler
    if handler is DevHandler:
        state = BuildState()
        state.publish(BuildResult(True, "built"))
        make = functools.partial(DevHandler, state=state, stop=threading.Event())
    server = make_server(output, 0, quiet=True, handler=make, prefix=prefix)
    # A short poll interval: shutdown() waits for the next poll (half a second by default).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def get(port: int, path: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    """A GET with the path sent as written (no client-side normalisation) and the Host given."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", f"localhost:{port}" if host is None else host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.mark.parametrize("handler", [SiteHandler, DevHandler], ids=["serve", "devserver"])
def test_another_host_name_is_refused_without_the_page(site, handler):
    with running(site, handler) as port:
        for host in (
            "evil.example",
            f"evil.example:{port}",
            "localhost",
            f"localhost.evil.example:{port}",
            "",
        ):
            status, _, body = get(port, "/", host=host)
            assert status == 403, host
            assert "home page" not in body and "reload" not in body
            assert len(body) < 1000
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
            status, _, body = get(port, "/", host=host)
            assert status == 200 and "home page" in body, host


@pytest.mark.parametrize("handler", [SiteHandler, DevHandler], ids=["serve", "devserver"])
def test_a_folder_without_index_is_not_listed(site, handler):
    with running(site, handler) as port:
        for path in ("/drafts/", "/drafts", "/files/"):
            status, _, body = get(port, path)
            assert status in (301, 404), path
            assert "unpublished" not in body and "report" not in body
        assert get(port, "/drafts/")[0] == 404
        assert "Not here" in get(port, "/drafts/")[2]


@pytest.mark.parametrize("handler", [SiteHandler, DevHandler], ids=["serve", "devserver"])
def test_nothing_outside_the_output_is_served(site, handler):
    with running(site, handler) as port:
        for path in (
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/%2e%2e/%2e%2e/etc/passwd",
            "/../../etc/passwd",
            "/drafts/..%2f..%2fsecret.txt",
            "/drafts/..%5c..%5csecret.txt",
            "/..\\secret.txt",
            "/leak.txt",
            "/outside/secret.txt",
            "/index.html%00.txt",
        ):
            status, _, body = get(port, path)
            assert status == 404, path
            assert SECRET not in body and "root:" not in body
        assert get(port, "/drafts/unpublished.html")[0] == 200  # a real file in a folder still is served


def test_a_site_served_under_a_folder_serves_nothing_outside_it(site):
    with running(site, prefix="/hub") as port:
        assert "home page" in get(port, "/hub/")[2]
        assert get(port, "/index.html")[0] == 404
        assert get(port, "/hub/../index.html")[0] == 404
        status, headers, _ = get(port, "/hub/files/report.html")
    assert status == 200
    assert headers["Content-Disposition"] == "attachment"
    assert f"script-src http://localhost:{port}/hub/theme/js/ " in headers["Content-Security-Policy"]


@pytest.mark.parametrize("handler", [SiteHandler, DevHandler], ids=["serve", "devserver"])
def test_files_are_sent_as_downloads_with_the_published_headers(site, handler):
    with running(site, handler) as port:
        status, headers, _ = get(port, "/files/report.html")
        _, page_headers, _ = get(port, "/")
        _, missing_headers, _ = get(port, "/files/missing.pdf")
    assert status == 200
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" not in page_headers
    assert "Content-Disposition" not in missing_headers  # the 404 page is shown, not downloaded
    policy = page_headers["Content-Security-Policy"]
    assert f"script-src http://localhost:{port}/theme/js/ http://localhost:{port}/pagefind/" in policy
    reload = f"http://localhost:{port}{PREFIX}reload.js"
    assert (reload in policy) == (handler is DevHandler)


def test_two_hundred_simultaneous_connections_are_all_served(site, capsys):
    """The listen queue holds a burst: no connection is refused or reset, none waits for long."""
    with running(site) as port:
        barrier = threading.Barrier(200)

        def one(_: int) -> float:
            barrier.wait(timeout=30)
            started = time.monotonic()
            with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
                sock.sendall(
                    f"GET / HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n".encode()
                )
                data = b""
                while chunk := sock.recv(65536):
                    data += chunk
            assert data.startswith(b"HTTP/1.0 200") and b"home page" in data
            return time.monotonic() - started

        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=200) as pool:
            times = list(pool.map(one, range(200)))
        total = time.monotonic() - began
    with capsys.disabled():
        print(f"\n200 simultaneous connections: slowest {max(times):.3f} s, all done in {total:.3f} s")
    assert len(times) == 200
    assert total < 10

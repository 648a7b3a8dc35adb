"""The Content-Security-Policy in a real Chromium: the theme's scripts and Pagefind's run, and a script
anywhere else on the same site is blocked, served from the domain's root and from a sub-folder, by the
preview server's header and by the <meta> policy alone (a host that sends no headers)."""

from __future__ import annotations

import functools
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hub_headers.policy import content_security_policy, netlify_headers, nginx_snippet, site_base
from tests.browser import open_page, served
from tests.demo import build_demo
from tests.sitekit import ROOT, build, write_site

EVIL = "window.__ran = (window.__ran || []).concat('{name}');\n"
# Records every violation before the page's own code runs (an init script is not subject to the policy).
WATCH = (
    "window.__blocked = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__blocked.push(e.blockedURI));"
)


@contextmanager
def serve_plain(root: Path, port: int) -> Iterator[None]:
    """A server that sends no security header at all, as GitHub Pages."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("localhost", port), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


def plant_scripts(site: Path, prefix: str, encoded: bool = True) -> None:
    """Scripts outside theme/js/ and pagefind/ (and one inside, to show the watch sees what runs),
    referenced from the about page by classic and module script tags.

    `encoded`: also one through theme/js/ with encoded slashes, which a browser checks against the
    policy as inside theme/js/, and which a server that decodes them before resolving `..` would serve
    from files/ (the preview server and the nginx include refuse such addresses).
    """
    for folder in ("files", "images"):  # a site need not publish any file or picture of its own
        (site / folder).mkdir(exist_ok=True)
    (site / "files" / "evil.js").write_text(EVIL.format(name="files"))
    (site / "evil.js").write_text(EVIL.format(name="root"))
    (site / "images" / "evil.mjs").write_text(EVIL.format(name="images"))
    (site / "theme" / "js" / "good.js").write_text(EVIL.format(name="theme"))
    tags = "".join(
        f'<script src="{prefix}/{path}"></script><script type="module" src="{prefix}/{path}"></script>'
        for path in ("files/evil.js", "evil.js", "images/evil.mjs", "theme/js/good.js")
    )
    if encoded:
        tags += f'<script src="{prefix}/theme/js/..%2F..%2Ffiles/evil.js"></script>'
    page = site / "about" / "index.html"
    page.write_text(page.read_text().replace("</body>", tags + "</body>"))


def visit_about(chromium, base: str) -> tuple[list[str], list[str]]:
    """Open the about page; return the names of the planted scripts that ran and the blocked URLs."""
    page, _ = open_page(chromium, base)
    page.add_init_script(WATCH)
    page.goto(f"{base}/about/", wait_until="networkidle")
    ran = page.evaluate("window.__ran || []")
    blocked = page.evaluate("window.__blocked")
    page.close()
    return ran, blocked


@pytest.fixture(scope="module")
def demo_hub(tmp_path_factory) -> Path:
    """The demo built to be served from the folder /hub of its domain (HUB_SITEURL=/hub)."""
    site = tmp_path_factory.mktemp("demo-hub") / "site"
    build_demo(site, "/hub")
    return site


@pytest.fixture(params=["", "/hub"], ids=["root", "sub-folder"])
def built(request, demo, demo_hub) -> tuple[Path, str]:
    """The demo as built for the domain's root or for /hub, and that prefix."""
    return (demo_hub if request.param else demo), request.param


@pytest.fixture
def planted(built, tmp_path) -> tuple[Path, str]:
    """A copy of the built demo, to plant scripts in, and its prefix."""
    site = tmp_path / "site"
    shutil.copytree(built[0], site)
    return site, built[1]


def test_only_theme_scripts_run_under_the_preview_servers_policy(planted, chromium):
    site, prefix = planted
    plant_scripts(site, prefix)
    with served(site, prefix=prefix) as base:
        ran, blocked = visit_about(chromium, base)
    assert ran == ["theme", "theme"]  # the theme's file ran, as a classic and as a module script
    for path in ("files/evil.js", "evil.js", "images/evil.mjs"):
        assert f"{base}/{path}" in blocked


def test_search_works_under_the_folder_restricted_policy(built, chromium):
    from playwright.sync_api import expect

    site, prefix = built
    with served(site, prefix=prefix) as base:
        page, visit = open_page(chromium, base)
        response = page.goto(f"{base}/search/?q=rent", wait_until="networkidle")
        expect(page.locator("#search-status")).to_contain_text("result", timeout=10_000)
        assert page.locator("#search-results a").count() > 0
        page.close()
    policy = response.headers["content-security-policy"]
    assert f"script-src {base}/theme/js/ {base}/pagefind/ 'wasm-unsafe-eval';" in policy
    assert f"worker-src {base}/pagefind/;" in policy
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_the_meta_policy_alone_blocks_scripts_outside_the_theme(tmp_path, chromium):
    """A site published with HUB_SITEURL, served with no header at all (GitHub Pages)."""
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        port = probe.getsockname()[1]
    base = f"http://localhost:{port}/hub"
    build_demo(tmp_path / "hub", base)
    assert "'self'" not in (tmp_path / "hub" / "index.html").read_text().split("script-src")[1][:80]
    assert (
        f"script-src {base}/theme/js/ {base}/pagefind/ 'wasm-unsafe-eval';"
        in (tmp_path / "hub" / "_headers").read_text()
    )
    plant_scripts(tmp_path / "hub", "/hub", encoded=False)  # this plain server decodes %2F
    with serve_plain(tmp_path, port):
        ran, blocked = visit_about(chromium, base)
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/search/?q=rent", wait_until="networkidle")
        results = page.locator("#search-results a").count()
        page.close()
    assert ran == ["theme", "theme"]
    assert f"{base}/files/evil.js" in blocked
    assert results > 0
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_policy_names_the_script_folders_only_for_an_absolute_site_address():
    assert site_base("https://Example.org/hub/") == "https://example.org/hub/"
    assert site_base("http://localhost:8000") == "http://localhost:8000/"
    for unusable in (
        "",
        "/hub",
        "ftp://example.org",
        "https://[::1]/",
        "https://x.org/a;b",
        "https://x.org/a/../b",
    ):
        assert site_base(unusable) is None
    policy = content_security_policy("https://example.org/hub/")
    assert (
        "script-src https://example.org/hub/theme/js/ https://example.org/hub/pagefind/ 'wasm-unsafe-eval';"
        in policy
    )
    assert "'self'" not in policy.split("script-src")[1].split(";")[0]
    assert policy.endswith("upgrade-insecure-requests")
    assert "frame-ancestors" not in content_security_policy("https://example.org/hub/", meta=True)
    assert "script-src 'self' 'wasm-unsafe-eval';" in content_security_policy(None)
    assert "upgrade-insecure-requests" not in content_security_policy("http://localhost:8000/")


def test_header_files_serve_files_as_downloads_and_repeat_the_headers_in_nginx():
    netlify = netlify_headers("https://example.org/hub")
    assert "/files/*\n  Content-Disposition: attachment\n" in netlify
    assert "script-src https://example.org/hub/theme/js/" in netlify
    nginx = nginx_snippet("https://example.org/hub")
    block = nginx.split("location ^~ /hub/files/ {")[1]
    for name in (
        "Content-Security-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ):
        assert f"add_header {name} " in block  # a location's add_header drops the server's
    assert 'add_header Content-Disposition "attachment" always;' in block
    assert "location ^~ /files/ {" in nginx_snippet("")


def test_a_file_under_files_is_downloaded_not_shown(planted, chromium):
    site, prefix = planted
    (site / "files").mkdir(exist_ok=True)
    (site / "files" / "page.html").write_text("<!doctype html><title>uploaded</title><p>shown as a page</p>")
    with served(site, prefix=prefix) as base:
        page, _ = open_page(chromium, base)
        with page.expect_download() as download, pytest.raises(Exception, match="Download is starting"):
            page.goto(f"{base}/files/page.html")
        assert download.value.suggested_filename == "page.html"
        assert page.title() != "uploaded"
        page.close()


def test_publishing_without_an_absolute_address_says_scripts_fall_back_to_self(tmp_path, monkeypatch):
    monkeypatch.delenv("HUB_SITEURL", raising=False)
    result = build(write_site(tmp_path / "content"), tmp_path / "out", ROOT / "publishconf.py")
    assert result.returncode == 0, result.stderr
    assert "note: the security headers let scripts run from any file of the site" in result.stderr
    assert "script-src 'self' 'wasm-unsafe-eval';" in (tmp_path / "out" / "_headers").read_text()

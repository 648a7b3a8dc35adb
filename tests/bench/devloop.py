"""Time the edit loop: the hub's devserver seen through real headless Chromium, and Hugo's server.

Reads the generated content folder (and the Hugo copy of it); for each edit writes one content file and
times, from just before the write, until the page open in the browser shows the new bytes (the page
reloads itself through the devserver's event stream), and for a body edit also until search finds the
new word. Restores every file it changed and removes every file it added before it returns. Writes the
devserver's output and cache folders and its log under the benchmark's working folder. Hugo's server is
timed the same way for a body edit, its page polled over HTTP (Hugo renders a visited page on change).
"""

from __future__ import annotations

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from . import generate
from .edits import (
    ADDED_DATE,
    add_paragraph,
    change_issues,
    issues_of,
    marker,
    newest,
    redate,
    retitle,
    url_of,
)

ROOT = Path(__file__).resolve().parents[2]
POLL = 0.02  # seconds between looks at the page
TIMEOUT = 900.0  # seconds an edit may take before the benchmark gives up on the devserver
SETTLE = 2.0  # seconds the build count must stay unchanged before the next edit (the watcher groups 1.6 s)
_INCLUDES = "(marker) => document.documentElement.innerHTML.includes(marker)"
# The search page has answered: its status says how many results (or none), not "searching".
_ANSWERED = (
    "() => { const s = document.getElementById('search-status');"
    " return s !== null && s.textContent.trim() !== '' && s.textContent !== s.dataset.searching; }"
)


class DevError(Exception):
    """The devserver (or Hugo's server) exited, failed or never showed an edit."""


class Status(NamedTuple):
    build: int  # finished builds
    ok: bool
    search: str  # "current", "updating" or "failed"
    building: bool = False  # a build is running (pages rendered at once come before it ends)
    indexing: bool = False  # search is current through an overlay; the full Pagefind run goes on


# -- the devserver's status --------------------------------------------------------------------------


def parse_status(body: bytes) -> Status:
    """/__hub__/status.json's fields."""
    data = json.loads(body)
    return Status(
        int(data["build"]),
        bool(data["ok"]),
        str(data["search"]),
        bool(data.get("building")),
        bool(data.get("indexing")),
    )


def read_status(base: str) -> Status | None:
    """The devserver's status; None while it is not answering yet."""
    try:
        with urllib.request.urlopen(f"{base}/__hub__/status.json", timeout=10) as response:
            return parse_status(response.read())
    except urllib.error.HTTPError as exc:
        raise DevError(f"{base}/__hub__/status.json answered {exc.code}") from None
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """A server process started by the benchmark, with its address and log."""

    def __init__(self, command: list[str], log: Path, base: str, env: dict[str, str]) -> None:
        self.base, self.log, self.name = base, log, " ".join(command[:4])
        self._log = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    def check_running(self) -> None:
        if self.process.poll() is not None:
            tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise DevError(f"{self.name} exited with status {self.process.returncode}:\n{tail}")

    def stop(self) -> None:
        """SIGTERM, as a terminal's stop would; killed if it has not ended in 30 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@contextmanager
def devserver(content: Path, work: Path) -> Iterator[Server]:
    """`python -m hub_build devserver` with the preview settings (drafts shown) on a free port, once its
    first build is done and search is current; stopped with SIGTERM afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "hub_build", "devserver", "-s", str(ROOT / "pelicanconf.py")]
    command += ["-i", str(content), "-o", str(work / "dev-out"), "--port", str(port)]
    command += ["--cache", str(work / "dev-cache")]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    server = Server(command, work / "devserver.log", f"http://localhost:{port}", env)
    try:
        wait_idle(server, after=0)
        yield server
    finally:
        server.stop()


def wait_idle(server: Server, after: int) -> Status:
    """Wait until more than `after` builds are done, the last one ok, no build running, search current,
    and no build came for SETTLE seconds; return that status."""
    deadline, stable_since, last = time.monotonic() + TIMEOUT, time.monotonic(), None
    while time.monotonic() < deadline:
        server.check_running()
        status = read_status(server.base)
        if status != last:
            stable_since, last = time.monotonic(), status
        if (
            status is not None
            and status.build > after
            and status.search != "updating"
            and not status.building
            and not status.indexing
            and time.monotonic() - stable_since >= SETTLE
        ):
            if not status.ok or status.search == "failed":
                raise DevError(f"the devserver's build failed: see {server.log}")
            return status
        time.sleep(0.1)
    raise DevError(f"the devserver was not idle within {TIMEOUT:.0f} s: see {server.log}")


# -- timing edits in the browser ----------------------------------------------------------------------


def shows(page: Any, marker: str) -> bool:
    """Whether the page's HTML has the marker now; False while it is reloading."""
    from playwright.sync_api import Error

    try:
        return bool(page.evaluate(_INCLUDES, marker))
    except Error:  # the execution context went away: the page is reloading
        return False


def search_finds(page: Any, base: str, word: str) -> bool:
    """Whether the site's search page, opened afresh in `page`, lists a result for `word`: what a writer
    sees (with the devserver's overlay merged in, as search.js does)."""
    from playwright.sync_api import Error

    try:
        page.goto(f"{base}/search/?q={word}", wait_until="load")
        page.wait_for_function(_ANSWERED, timeout=30_000)
        return int(page.locator("#search-results li").count()) > 0
    except Error:
        return False


def until(check: Callable[[], bool], started: float, what: str, server: Server, every: float = POLL) -> float:
    """Seconds from `started` until `check()` is true, looking every `every` seconds."""
    while not check():
        server.check_running()
        if time.perf_counter() - started > TIMEOUT:
            raise DevError(f"{what} did not happen within {TIMEOUT:.0f} s: see {server.log}")
        time.sleep(every)
    return time.perf_counter() - started


# -- one round of edits -------------------------------------------------------------------------------


class EditLoop:
    """The documents the edits touch, and the rounds of edits against the devserver and Hugo's server."""

    def __init__(self, content: Path, work: Path, seed: int) -> None:
        self.content, self.work, self.seed = content, work, seed
        # A story: the commonest type. An ordinance's page also carries its Word file, a longer way.
        stories = sorted((content / "stories").glob("*.md"))
        self.body_doc = stories[0] if stories else newest(content, "news")
        self.listed_doc = newest(content, "news")  # first on /news/ and on its issues' pages
        self.issues = sorted(p.stem for p in (content / "issues").glob("*.md"))
        self.words = 0

    def _word(self, kind: str) -> str:
        self.words += 1
        return marker(kind, self.words)

    def devserver_round(self, round_no: int, edits: int) -> dict[str, list[float]]:
        """`edits` edits of each kind with a devserver started for this round; every file restored."""
        from playwright.sync_api import sync_playwright

        if str(ROOT / "plugins") not in sys.path:  # tests/browser.py imports the hub's server module
            sys.path.insert(0, str(ROOT / "plugins"))
        from tests.browser import CHROMIUM, FLAGS

        if not Path(CHROMIUM).exists():
            raise DevError(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
        originals = {p: p.read_text(encoding="utf-8") for p in (self.body_doc, self.listed_doc)}
        added: list[Path] = []
        times: dict[str, list[float]] = {k: [] for k in ("dev_body", "dev_search", "dev_issues", "dev_added",
                                                          "dev_title")}  # fmt: skip
        try:
            with devserver(self.content, self.work) as server, sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = chromium.new_page()
                search_page = chromium.new_page()
                for _ in range(edits):
                    self._body(server, page, search_page, times)
                for _ in range(edits):
                    self._issues(server, page, times)
                for number in range(edits):
                    added.append(self._added(server, page, times, f"bench-added-{round_no}-{number}"))
                for _ in range(edits):
                    self._title(server, page, times)
                chromium.close()
        finally:
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")
            for path in added:
                path.unlink(missing_ok=True)
        return times

    def _timed_edit(self, server: Server, page: Any, url: str, path: Path, text: str, mark: str) -> float:
        """Open `url`, write `text` to `path`, and time until the page shows `mark`."""
        return self._edit(server, page, url, path, text, mark)[0]

    def _edit(
        self, server: Server, page: Any, url: str, path: Path, text: str, mark: str
    ) -> tuple[float, float]:
        """(seconds until the page at `url` shows `mark`, perf_counter when `text` was written to `path`)."""
        page.goto(server.base + url, wait_until="load")
        if shows(page, mark):
            raise DevError(f"{url} already has {mark!r} before the edit: nothing would be measured")
        started = time.perf_counter()
        path.write_text(text, encoding="utf-8")
        return until(lambda: shows(page, mark), started, f"{url} showing {mark!r}", server), started

    def _body(self, server: Server, page: Any, search_page: Any, times: dict[str, list[float]]) -> None:
        before = wait_idle(server, after=0).build
        word, path = self._word("b"), self.body_doc
        text = add_paragraph(path.read_text(encoding="utf-8"), word)
        seconds, started = self._edit(server, page, url_of(path), path, text, word)
        times["dev_body"].append(seconds)

        def found() -> bool:
            status = read_status(server.base)
            return (
                status is not None
                and status.build > before
                and status.search == "current"
                and search_finds(search_page, server.base, word)
            )

        times["dev_search"].append(until(found, started, f"search finding {word!r}", server, every=0.1))
        wait_idle(server, after=before)

    def _issues(self, server: Server, page: Any, times: dict[str, list[float]]) -> None:
        before = wait_idle(server, after=0).build
        path = self.listed_doc
        text = path.read_text(encoding="utf-8")
        issue = next(i for i in self.issues if i not in issues_of(text))
        link = f'href="{url_of(path)}"'
        new = change_issues(text, [issue])
        times["dev_issues"].append(self._timed_edit(server, page, f"/issues/{issue}/", path, new, link))
        wait_idle(server, after=before)

    def _added(self, server: Server, page: Any, times: dict[str, list[float]], slug: str) -> Path:
        before = wait_idle(server, after=0).build
        scratch = generate.extra_document(_scratch(self.work, "news"), self.seed, slug)
        text = redate(scratch.read_text(encoding="utf-8"), ADDED_DATE)
        path = self.content / "news" / f"{slug}.md"
        times["dev_added"].append(
            self._timed_edit(server, page, "/news/", path, text, f'href="{url_of(path)}"')
        )
        wait_idle(server, after=before)
        return path

    def _title(self, server: Server, page: Any, times: dict[str, list[float]]) -> None:
        before = wait_idle(server, after=0).build
        path, word = self.listed_doc, self._word("t")
        page.goto(server.base + "/news/", wait_until="load")
        if not shows(page, f'href="{url_of(path)}"'):
            raise DevError(f"/news/ does not list {url_of(path)}: a title edit there would not show")
        new = retitle(path.read_text(encoding="utf-8"), word)
        times["dev_title"].append(self._timed_edit(server, page, "/news/", path, new, word))
        wait_idle(server, after=before)

    def hugo_round(self, hugo: str, site: Path, edits: int) -> list[float]:
        """`edits` body edits under `hugo server` (fast render), each timed until the served page has it."""
        path = site / "content" / self.body_doc.parent.name / self.body_doc.name
        original = path.read_text(encoding="utf-8")
        port = free_port()
        command = [hugo, "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1"]
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        server = Server(command, self.work / "hugo-server.log", f"http://127.0.0.1:{port}", env)
        url = server.base + url_of(self.body_doc)
        times = []
        try:
            until(lambda: "<html" in _get(url), time.perf_counter(), f"{url} answering", server, every=0.1)
            for _ in range(edits):
                word = self._word("h")
                started = time.perf_counter()
                path.write_text(add_paragraph(path.read_text(encoding="utf-8"), word), encoding="utf-8")
                times.append(
                    until(functools.partial(_has, url, word), started, f"{url} showing {word!r}", server)
                )
                time.sleep(SETTLE)
        finally:
            server.stop()
            path.write_text(original, encoding="utf-8")
        return times


def _scratch(work: Path, folder: str) -> Path:
    """A folder for writing a whole document before it is saved into the content folder in one write."""
    (work / "scratch" / folder).mkdir(parents=True, exist_ok=True)
    return work / "scratch"


def _has(url: str, text: str) -> bool:
    return text in _get(url)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""

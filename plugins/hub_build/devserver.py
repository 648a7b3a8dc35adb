"""Preview while writing (`make devserver`): build, serve, rebuild on every save and reload the browser.

Reads the content folder, `theme/` and `plugins/`, and the settings files beside the settings file,
watched with watchfiles; a save (its events grouped, then quiet for a moment) runs a fresh
`python -m hub_build build` process into the output folder. Serves the output on localhost only, with the
site's security headers (serve.py's handler, which also refuses other Host names, addresses outside the
output and folder listings; its policy names the reload script), and files of its own under /__hub__/:
`reload.js` (added to every HTML page), the Server-Sent Events stream it listens to (one event per
finished build) and the stylesheet of the error page. While the last build failed, every HTML request
gets a 500 page listing the errors (file, line, message) instead of the stale site. Writes the output
folder (through the builds) and a temporary folder for each build's error report.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import watchfiles

from hub_content.errors import display_path

from .serve import SiteHandler, make_server

PREFIX = "/__hub__/"
ASSETS = Path(__file__).with_name("assets")
ASSET_TYPES = {"reload.js": "text/javascript; charset=utf-8", "devserver.css": "text/css; charset=utf-8"}
RELOAD_TAG = b'<script type="module" src="/__hub__/reload.js"></script>'
PLUGINS = Path(__file__).resolve().parent.parent
PROJECT = PLUGINS.parent

DEBOUNCE_MS = 1600  # the events of one save (write, rename, touch) are grouped for at most this long...
STEP_MS = 100  # ...and the group ends once the files were quiet this long: then one build runs
BUILD_TIMEOUT = 600.0  # seconds; a build still running then is stopped and reported as failed
POLL = 0.5  # seconds between checks for shutdown in every loop
KEEPALIVE = 15.0  # seconds between comments on an idle event stream, to notice a closed tab
STREAM_LIFETIME = 600.0  # seconds before an event stream is closed; the browser reconnects by itself


@dataclass(frozen=True)
class BuildError:
    path: str
    """As the build printed it (relative to the working folder when inside it); empty when not a file's."""
    line: int
    message: str


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    summary: str
    """The build's closing line: 'built 26 pages into output' or 'build failed: ...'."""
    errors: tuple[BuildError, ...] = ()
    seconds: float = 0.0


class BuildState:
    """The last build's result and how many builds have finished; event streams wait here for the next."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0
        self._result: BuildResult | None = None
        self.run_id = secrets.token_hex(4)
        """Tells this devserver run from the next one, so open tabs reload after a restart too."""

    def publish(self, result: BuildResult) -> None:
        with self._changed:
            self._count += 1
            self._result = result
            self._changed.notify_all()

    def result(self) -> BuildResult | None:
        with self._changed:
            return self._result

    def wait(self, seen: int | None, timeout: float) -> int:
        """The number of finished builds, as soon as it differs from `seen`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._count != seen, timeout)
            return self._count


class Builder:
    """Runs each build as a fresh `python -m hub_build build` process; can stop the one running."""

    def __init__(self, settings: Path, content: Path, output: Path, cache: Path | None, scratch: Path):
        self.command = [
            sys.executable,
            "-m",
            "hub_build",
            "build",
            "-s",
            str(settings),
            "-i",
            str(content),
            "-o",
            str(output),
            *(["--cache", str(cache)] if cache else []),
        ]
        self.report = scratch / "errors.json"
        path = os.pathsep.join(p for p in (str(PLUGINS), os.environ.get("PYTHONPATH", "")) if p)
        self.env = {**os.environ, "PYTHONPATH": path}
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False

    def run(self) -> BuildResult:
        self.report.unlink(missing_ok=True)
        started = time.monotonic()
        with self._lock:
            if self._stopped:
                return BuildResult(False, "stopped")
            process = self._process = subprocess.Popen(
                [*self.command, "--errors-json", str(self.report)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=self.env,
            )
        try:
            out, err = process.communicate(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            err += f"\nthe build ran for more than {BUILD_TIMEOUT:.0f} seconds and was stopped"
        finally:
            with self._lock:
                self._process = None
        seconds = time.monotonic() - started
        if process.returncode == 0:
            return BuildResult(True, _last_line(out), seconds=seconds)
        errors = self._read_report() or (
            BuildError("", 0, err.strip() or f"the build stopped with exit status {process.returncode}"),
        )
        return BuildResult(False, _last_line(err) or "build failed", errors, seconds)

    def _read_report(self) -> tuple[BuildError, ...]:
        try:
            items = json.loads(self.report.read_text(encoding="utf-8"))
            return tuple(BuildError(str(i["path"]), int(i["line"]), str(i["message"])) for i in items)
        except (OSError, ValueError, KeyError, TypeError):
            return ()  # no report (the build crashed before writing one): its output is shown instead

    def stop(self) -> None:
        """Stop the build running now, if any, and start no other."""
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""


def inject(page: bytes) -> bytes:
    """The page with the reload script added before its last `</body>` (at the end if it has none)."""
    index = page.lower().rfind(b"</body>")
    if index < 0:
        return page + RELOAD_TAG + b"\n"
    return page[:index] + RELOAD_TAG + b"\n" + page[index:]


def is_html_request(path: str) -> bool:
    """A folder address, an .html file or a name without a suffix: what a page request looks like."""
    name = path.rsplit("/", 1)[-1]
    return not name or name.endswith((".html", ".htm")) or "." not in name


def _page_html(title: str, content: str) -> bytes:
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{PREFIX}devserver.css">
</head>
<body>
<main>
<h1>{title}</h1>
{content}</main>
</body>
</html>
"""
    return inject(page.encode("utf-8"))


def waiting_page() -> bytes:
    """Shown for a page the first build has not written yet; it reloads when the build is done."""
    return _page_html("Building the site…", "<p>This page reloads by itself when the build is done.</p>\n")


def error_page(result: BuildResult) -> bytes:
    """The page shown for every HTML request while the last build failed: each error, escaped."""
    located = [e for e in result.errors if e.path]
    other = [e for e in result.errors if not e.path]
    count = len(result.errors)
    rows = "\n".join(
        f"<tr><td><code>{html.escape(e.path)}</code></td><td>{e.line}</td><td>{html.escape(e.message)}</td></tr>"
        for e in located
    )
    table = (
        '<table>\n<caption>Problems in the content</caption>\n<thead><tr><th scope="col">File</th>'
        '<th scope="col">Line</th><th scope="col">What is wrong</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
        if located
        else ""
    )
    notes = "".join(f"<pre>{html.escape(e.message)}</pre>\n" for e in other)
    title = f"Build failed: {count} error{'s' if count != 1 else ''}"
    intro = (
        "<p>The site could not be built. Fix the problems below and save the file: this page reloads by "
        "itself, and the site comes back as soon as a build succeeds.</p>\n"
    )
    return _page_html(title, intro + table + notes)


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

    def _own(self, name: str, send_body: bool) -> None:
        if name == "events":
            self._events(send_body)
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
        """One `build` event now and one after each build, until shutdown, a closed tab or the lifetime."""
        state, stop = self.hub_state, self.hub_stop
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.close_connection = True
        if not send_body:
            return
        seen: int | None = None
        opened = last = time.monotonic()
        with contextlib.suppress(OSError):  # the tab was closed or reloaded
            self._write(b"retry: 1000\n\n")
            while not stop.is_set() and time.monotonic() - opened < STREAM_LIFETIME:
                count = state.wait(seen, POLL)
                if count != seen:
                    seen = count
                    self._write(f"event: build\ndata: {state.run_id}-{count}\n\n".encode())
                    last = time.monotonic()
                elif time.monotonic() - last >= KEEPALIVE:
                    self._write(b": waiting for the next build\n\n")
                    last = time.monotonic()

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


def watched_paths(settings: Path, content: Path) -> list[Path]:
    """The content folder, theme/ and plugins/, and the settings files (the .py files beside `settings`)."""
    folders = [content.resolve(), PROJECT / "theme", PLUGINS]
    files = [settings.resolve(), *sorted(settings.resolve().parent.glob("*.py"))]
    unique = dict.fromkeys(p for p in [*folders, *files] if p.exists())
    return list(unique)


class DevServer:
    """One devserver run: the HTTP server, the watcher thread and the builder, stopped together."""

    def __init__(self, settings: Path, content: Path, output: Path, port: int, cache: Path | None = None):
        self.settings, self.content, self.output, self.port, self.cache = (
            settings,
            content,
            output,
            port,
            cache,
        )
        self.state = BuildState()
        self.stop = threading.Event()
        self.failure = ""

    def run(self) -> int:
        try:
            handler = functools.partial(DevHandler, state=self.state, stop=self.stop)
            server = make_server(self.output, self.port, handler=handler)
        except OSError as exc:
            print(
                f"cannot listen on localhost:{self.port} ({exc.strerror}): stop the other server or choose "
                "another port (make devserver PORT=8001)",
                file=sys.stderr,
            )
            return 1
        paths = watched_paths(self.settings, self.content)
        with tempfile.TemporaryDirectory(prefix="hub-devserver-") as scratch:
            builder = Builder(self.settings, self.content, self.output, self.cache, Path(scratch))
            serving = threading.Thread(
                target=server.serve_forever, args=(POLL,), name="hub-serve", daemon=True
            )
            watching = threading.Thread(
                target=self._watch, args=(paths, builder), name="hub-watch", daemon=True
            )
            serving.start()
            with _terminate_as_interrupt():
                try:
                    print(
                        f"serving {self.output} at http://localhost:{server.server_address[1]}/", flush=True
                    )
                    print(f"watching {', '.join(display_path(str(p)) for p in paths)} (Ctrl-C to stop)")
                    watching.start()
                    while not self.stop.wait(POLL):
                        pass
                except KeyboardInterrupt:
                    print("stopping", flush=True)
                finally:
                    self.stop.set()
                    builder.stop()
                    server.shutdown()
                    server.server_close()
                    for thread in (watching, serving):
                        if thread.is_alive():
                            thread.join(timeout=5)
        if self.failure:
            print(self.failure, file=sys.stderr)
            return 1
        return 0

    def _watch(self, paths: list[Path], builder: Builder) -> None:
        """Build once, then again after each save, until stopped.

        The watcher starts before the first build (its first, empty, report comes after POLL seconds), so
        a file saved while that build runs is not missed.
        """
        try:
            changes = watchfiles.watch(
                *paths,
                watch_filter=watchfiles.DefaultFilter(ignore_paths=[str(self.output.resolve())]),
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=self.stop,
                rust_timeout=int(POLL * 1000),
                yield_on_timeout=True,
                raise_interrupt=False,
            )
            built = False
            for changed in changes:
                if built and not changed:
                    continue
                if changed:
                    names = sorted({display_path(path) for _, path in changed})
                    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
                    print(f"changed: {', '.join(names[:3])}{more}", flush=True)
                built = True
                self._announce(builder.run())
        except Exception as exc:  # the server cannot go on without rebuilds: stop it and say why
            self.failure = f"watching for changes failed: {type(exc).__name__}: {exc}"
            self.stop.set()

    def _announce(self, result: BuildResult) -> None:
        if self.stop.is_set():
            return
        self.state.publish(result)
        if result.ok:
            print(f"{result.summary} ({result.seconds:.1f} s)", flush=True)
            return
        for error in result.errors:
            print(f"{error.path}:{error.line}: {error.message}" if error.path else error.message)
        print(f"{result.summary}: the browser shows the errors until a build succeeds", flush=True)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a stopped terminal, a test ending the process) shuts down as cleanly as Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def devserver(settings: Path, content: Path, output: Path, port: int, cache: Path | None = None) -> int:
    if not settings.is_file():
        print(f"no settings file {settings}: run this from the project's folder", file=sys.stderr)
        return 1
    return DevServer(settings, content, output, port, cache).run()

"""Preview while writing (`make devserver`): build, serve, rebuild on every save and reload the browser.

Reads the settings file and the content folder; ties the parts together and stops them together: the
HTTP server (serve.py's server with devhandler.py's handler, localhost only, with the site's security
headers, live reload and the error page of a failed build), the watcher (watch.py: the content folder,
`theme/`, `plugins/` and the settings files), the builds (rebuilds.py: one long-lived build process,
session.py, which renders a page whose text alone changed at once, then builds; a fresh one after a
change to the code, the theme or the settings) and search (searchlater.py: Pagefind after the pages are
served). Writes the output folder (through the builds and search) and one line per save, per build and
per search update to the terminal.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from hub_content.errors import display_path

from .devhandler import DevHandler
from .rebuilds import POLL, Builder, BuildResult, BuildState
from .searchlater import SearchUpdater
from .serve import SiteServer, make_server
from .watch import Save, describe, saves, watched_paths


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
        self.search = SearchUpdater(output, self.state)

    def run(self) -> int:
        server = self._listen()
        if server is None:
            return 1
        paths = watched_paths(self.settings, self.content)
        builder = Builder(self.settings, self.content, self.output, self.cache, self._fast, self._built)
        self._serve(server, paths, builder)
        if self.failure:
            print(self.failure, file=sys.stderr)
            return 1
        return 0

    def _listen(self) -> SiteServer | None:
        """The server bound to the port, or None once the reason it cannot be is printed."""
        try:
            handler = functools.partial(DevHandler, state=self.state, stop=self.stop)
            return make_server(self.output, self.port, handler=handler)
        except OSError as exc:
            print(
                f"cannot listen on localhost:{self.port} ({exc.strerror}): stop the other server or choose "
                "another port (make devserver PORT=8001)",
                file=sys.stderr,
            )
            return None

    def _serve(self, server: SiteServer, paths: list[Path], builder: Builder) -> None:
        """Serve and watch until Ctrl-C, SIGTERM or a failed watcher; then stop all of it."""
        serving = threading.Thread(target=server.serve_forever, args=(POLL,), name="hub-serve", daemon=True)
        watching = threading.Thread(target=self._watch, args=(paths, builder), name="hub-watch", daemon=True)
        serving.start()
        with _terminate_as_interrupt():
            try:
                print(f"serving {self.output} at http://localhost:{server.server_address[1]}/", flush=True)
                print(f"watching {', '.join(display_path(str(p)) for p in paths)} (Ctrl-C to stop)")
                watching.start()
                while not self.stop.wait(POLL):
                    pass
            except KeyboardInterrupt:
                pass
            finally:
                self.stop.set()
                builder.stop()
                self.search.stop()
                server.shutdown()
                server.server_close()
                for thread in (watching, serving):
                    if thread.is_alive():
                        thread.join(timeout=5)
                print("stopping", flush=True)  # last: nothing the builds or search print comes after it

    def _watch(self, paths: list[Path], builder: Builder) -> None:
        """Build once, then again after each save, until stopped: each save is handed to the build
        process at once, even while a build runs (its replies come to `_fast` and `_built`).

        The watcher starts before the first build (its first, empty, report comes after POLL seconds), so
        a file saved while that build runs is not missed.
        """
        try:
            changes = saves(paths, self.output, self.stop)
            built = False
            for changed in changes:
                if built and not changed:
                    continue
                if changed:
                    print(describe(changed), flush=True)
                    self._before_build(changed, builder)
                built = True
                files = sorted({Path(path) for _, path in changed})
                builder.send(self.state.building(), files, open_pages=self.state.open_pages())
        except Exception as exc:  # the server cannot go on without rebuilds: stop it and say why
            self.failure = f"watching for changes failed: {type(exc).__name__}: {exc}"
            self.stop.set()

    def _built(self, result: BuildResult, covers: int | None) -> None:
        """A build ended: search follows its pages, unless a save sent since is still to be built (its
        own build tells search)."""
        if not self._announce(result, covers):
            return
        if self.stop.is_set() or not result.ok or result.searchable is None:
            self.search.build_failed()
        elif result.indexed:
            self.search.indexed(result.searchable)
        else:
            self.search.built(result.searchable)

    def _before_build(self, changed: Save, builder: Builder) -> None:
        """Search waits for the build; a change outside the content (code, templates, settings) starts a
        fresh build process, so it runs the code as it is now."""
        self.search.cancel()
        self.state.set_search("updating")
        content = self.content.resolve()
        if any(not Path(path).resolve().is_relative_to(content) for _, path in changed):
            print("the code, the theme or the settings changed: starting a fresh build process", flush=True)
            builder.restart()

    def _fast(self, result: BuildResult, save: int | None = None) -> None:
        """Pages rendered at once: the browser reloads, and, once the last save's last pages are written,
        search starts on them while the build runs (not on an earlier save's: the last one's follow)."""
        if result.pages:
            self._announce(result)
        last = not result.more and self.state.is_last(save)
        if last and result.searchable is not None and not self.stop.is_set():
            self.search.start(result.searchable)

    def _announce(self, result: BuildResult, covers: int | None = None) -> bool:
        """Show the result (in the browser and here); whether it leaves no save to build."""
        if self.stop.is_set():
            return False
        last = self.state.publish(result, covers)
        if result.ok:
            print(f"{result.summary} ({result.seconds:.2f} s)", flush=True)
            return last
        for error in result.errors:
            print(f"{error.path}:{error.line}: {error.message}" if error.path else error.message)
        print(f"{result.summary}: the browser shows the errors until a build succeeds", flush=True)
        return last


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

"""The devserver's build process: it stays up between saves and keeps the last build in memory.

`python -m hub_build session -s SETTINGS -i CONTENT -o OUTPUT [--cache CACHE]` reads one request per line
on its standard input, `{"id": N, "changed": [...], "open": [...]}`: the save's number, the files saved
(none for the first build) and the pages open in a browser (relative to the output folder). It answers
with JSON lines on its standard output (everything else it prints goes to standard error): `{"kind":
"fast", "id": N, ...}` for pages rendered at once (fastrender.py: the open pages first, in a reply of
their own, then the others the save changed; the last says `"final": true`, with no pages if the open
ones were all), then `{"kind": "build", "covers": N, ...}` once a whole build has brought every page,
feed and download up to date (build.py, in this process: its imports, and what the previous build left,
stay warm), with the last save it covers, the searchable pages and whether it ran Pagefind itself
("indexed": the first build, when no bundle is served yet). Otherwise search is left to the devserver
(searchlater.py), which runs Pagefind after the pages are served.

A save that comes while a build runs is answered at once, by a stand-in (standin.py) forked before the
build, when the save that started the build was rendered at once; that build is then discarded before
it is swapped in (`{"kind": "build", "superseded": true}`) and another follows, whose reply covers the
later saves. Reads what a build reads; writes the output folder (through the builds and the fast
renders). A code change is not picked up here: the devserver starts a new process for it. Started by a
devserver, it ends when that process does, even one killed outright.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, TextIO

from hub_content import InvalidContentError, SettingsError
from hub_content.errors import display_path
from hub_core.preview import Preview
from hub_core.workers import die_with_parent

from .build import BuildFailedError, SupersededError, build, errors_json
from .fastrender import FastRender
from .standin import Requests, StandIn

PARENT_VARIABLE = "HUB_DEVSERVER_PID"
"""Set by the devserver (rebuilds.py) to its own process id: this process ends when that one does."""


class Session:
    """The builds of one devserver process, and what the last successful one left for a fast render."""

    def __init__(self, settings: Path, content: Path, output: Path, cache: Path | None) -> None:
        self.settings, self.content, self.output, self.cache = settings, content, output, cache
        self.fast: FastRender | None = None
        self.pending: frozenset[Path] = frozenset()
        """Files saved since the build `fast` comes from started, answered by a stand-in while it ran:
        that build may have read them before or after the save, so every fast render reads them again."""
        self.notes_shown: set[str] = set()  # each content warning is printed by the first build alone

    def handle(
        self,
        changed: list[Path],
        open_pages: frozenset[str] = frozenset(),
        requests: Requests | None = None,
        replies: TextIO | None = None,
    ) -> Iterator[dict[str, Any]]:
        """A fast render first when the save allows one (the open pages before the others), then the build.

        With `requests` and `replies` (the devserver's pipes), a save whose pages were all rendered at
        once is built while a stand-in (standin.py) answers the saves that come meanwhile; a build they
        made stale is discarded (a "superseded" reply) and another follows, until one covers them all.
        """
        rendered = False
        if changed and self.fast is not None:
            rendered = yield from self.fast_replies({"changed": [str(p) for p in changed]}, open_pages)
        while True:
            standin = None
            if rendered and requests is not None and replies is not None and self.fast is not None:
                standin = StandIn(requests, replies, self.fast_replies)
            reply = self._build(standin)
            done = standin.finish() if standin is not None else None
            if done is None or done.saves == 0:
                reply["covers"] = requests.last if requests is not None else None
                yield reply
                if self.fast is not None:
                    self.fast.remember_fronts()
                return
            if requests is not None:  # None after a failed stand-in: the next build covers every save
                requests.last = done.last
            self.pending = done.changed or frozenset()
            if done.changed is None:
                self.fast = None  # the stand-in failed: what it wrote is unknown, the next build says
            elif self.fast is not None:
                self.fast.remember_fronts()
            rendered = done.rendered
            yield {"kind": "build", "superseded": True, "seconds": reply["seconds"]}

    def fast_replies(
        self, request: dict[str, Any], open_pages: frozenset[str] | None = None
    ) -> Generator[dict[str, Any], None, bool]:
        """The fast render of a save (and of any the last build may not have read), as replies; True when
        it wrote all the pages the save changed."""
        if open_pages is None:
            open_pages = frozenset(str(p) for p in request.get("open", ()))
        changed = frozenset(Path(p) for p in request.get("changed", ()))
        if self.fast is None or not changed:
            return False
        self.pending |= changed
        paths = sorted(self.pending)
        if all(not p.exists() and p.resolve() not in self.fast.documents for p in paths):
            return True  # files that came and went (an editor's temporary copies): nothing changed
        started, written = time.perf_counter(), False
        try:
            for rendered in self.fast.render(paths, self.output, open_pages):
                written = rendered.final
                yield {
                    "kind": "fast",
                    "ok": True,
                    "id": request.get("id"),
                    "pages": list(rendered.pages),
                    "seconds": time.perf_counter() - started,
                    "searchable": list(rendered.searchable),
                    "final": rendered.final,
                }
        except Exception:  # a bug of the fast render: said, and the build that follows stands for it
            traceback.print_exc(file=sys.stderr)
            return False
        return written

    def _build(self, standin: StandIn | None = None) -> dict[str, Any]:
        """Build, and keep what the build leaves for the next fast render; with a `standin`, the staged
        site is published only if it answered no save meanwhile."""
        preview, started = Preview(notes_shown=self.notes_shown), time.perf_counter()
        stamps = _stamps(self.content)
        ready = (lambda: standin.finish().saves == 0) if standin is not None else None
        try:
            count = build(self.settings, self.content, self.output, self.cache, preview, ready)
        except SupersededError as exc:
            self._keep(preview, stamps)  # the graph of the content the build read: newer saves are pending
            return _failed(exc, errors_json(exc), started)
        except (InvalidContentError, SettingsError, BuildFailedError) as exc:
            self.fast = None
            return _failed(exc, errors_json(exc), started)
        except Exception as exc:  # a plugin's own bug: shown on the error page, the process goes on
            self.fast = None
            traceback.print_exc(file=sys.stderr)
            return _failed(exc, errors_json(exc), started)
        self._keep(preview, stamps)
        self.pending = frozenset()
        return {
            "kind": "build",
            "ok": True,
            "summary": f"built {count} pages into {display_path(str(self.output))}",
            "seconds": time.perf_counter() - started,
            "searchable": preview.searchable,
            "indexed": not preview.search_deferred,
        }

    def _keep(self, preview: Preview, stamps: dict[Path, int]) -> None:
        pages = preview.pages
        self.fast = FastRender(pages, self.content, stamps, preview.searchable) if pages is not None else None


def _stamps(content: Path) -> dict[Path, int]:
    """Each Markdown file's modification time as the build starts: a file saved again while the build
    reads it is never taken for the version the build saw."""
    stamps = {}
    for path in content.resolve().rglob("*.md"):
        try:
            stamps[path] = path.stat().st_mtime_ns
        except OSError:
            continue
    return stamps


def _failed(exc: Exception, report: str, started: float) -> dict[str, Any]:
    message = str(exc).strip().splitlines()
    return {
        "kind": "build",
        "ok": False,
        "summary": "build failed: " + (message[-1] if message else type(exc).__name__),
        "errors": json.loads(report),
        "seconds": time.perf_counter() - started,
    }


def serve_requests(session: Session, requests: Requests, replies: TextIO) -> None:
    while (request := requests.next()) is not None:
        changed = [Path(p) for p in request.get("changed", ())]
        open_pages = frozenset(str(p) for p in request.get("open", ()))
        for reply in session.handle(changed, open_pages, requests, replies):
            if reply["kind"] == "fast":
                reply["id"] = request.get("id")
            replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
            replies.flush()


def run(settings: Path, content: Path, output: Path, cache: Path | None) -> int:
    parent = os.environ.get(PARENT_VARIABLE, "")
    if parent.isdigit():  # started by a devserver: end with it, even if it is killed outright
        die_with_parent(int(parent))
    # The replies get standard output to themselves: anything else printed goes to standard error.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve_requests(Session(settings, content, output, cache), Requests(sys.stdin.fileno()), replies)
    return 0

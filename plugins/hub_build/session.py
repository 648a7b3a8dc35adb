"""The devserver's build process: it stays up between saves and keeps the last build in memory.

`python -m hub_build session -s SETTINGS -i CONTENT -o OUTPUT [--cache CACHE]` reads one request per line
on its standard input, `{"changed": [...], "open": [...]}`: the files saved since the last one (none for
the first build) and the pages open in a browser (relative to the output folder). It answers each with
JSON lines on its standard output (everything else it prints goes to standard error): `{"kind": "fast",
...}` for pages rendered at once (fastrender.py: the open pages first, in a reply of their own, then the
others the save changed; the last says `"final": true`, with no pages if the open ones were all), then
always `{"kind": "build", ...}` once a whole build has brought every page, feed and download up to date
(build.py, in this process: its imports, and what the previous build left, stay warm), with the
searchable pages and whether it ran Pagefind itself ("indexed": the first build, when no bundle is
served yet). Otherwise search is left to the devserver (searchlater.py), which runs Pagefind after the
pages are served. Reads what a build reads; writes the output folder (through the builds and the fast
renders). A code change is not picked up here: the devserver starts a new process for it.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from hub_content import InvalidContentError, SettingsError
from hub_content.errors import display_path
from hub_core.preview import Preview

from .build import BuildFailedError, build, errors_json
from .fastrender import FastRender


class Session:
    """The builds of one devserver process, and what the last successful one left for a fast render."""

    def __init__(self, settings: Path, content: Path, output: Path, cache: Path | None) -> None:
        self.settings, self.content, self.output, self.cache = settings, content, output, cache
        self.fast: FastRender | None = None
        self.notes_shown: set[str] = set()  # each content warning is printed by the first build alone

    def handle(
        self, changed: list[Path], open_pages: frozenset[str] = frozenset()
    ) -> Iterator[dict[str, Any]]:
        """A fast render first when the save allows one (the open pages before the others), then the build."""
        if changed and self.fast is not None:
            started = time.perf_counter()
            try:
                for rendered in self.fast.render(changed, self.output, open_pages):
                    yield {
                        "kind": "fast",
                        "ok": True,
                        "pages": list(rendered.pages),
                        "seconds": time.perf_counter() - started,
                        "searchable": list(rendered.searchable),
                        "final": rendered.final,
                    }
            except Exception:  # a bug of the fast render: said, and the build that follows stands for it
                traceback.print_exc(file=sys.stderr)
        yield self._build()
        if self.fast is not None:
            self.fast.remember_fronts()

    def _build(self) -> dict[str, Any]:
        preview, started = Preview(notes_shown=self.notes_shown), time.perf_counter()
        stamps = _stamps(self.content)
        try:
            count = build(self.settings, self.content, self.output, self.cache, preview)
        except (InvalidContentError, SettingsError, BuildFailedError) as exc:
            self.fast = None
            return _failed(exc, errors_json(exc), started)
        except Exception as exc:  # a plugin's own bug: shown on the error page, the process goes on
            self.fast = None
            traceback.print_exc(file=sys.stderr)
            return _failed(exc, errors_json(exc), started)
        pages = preview.pages
        self.fast = FastRender(pages, self.content, stamps, preview.searchable) if pages is not None else None
        return {
            "kind": "build",
            "ok": True,
            "summary": f"built {count} pages into {display_path(str(self.output))}",
            "seconds": time.perf_counter() - started,
            "searchable": preview.searchable,
            "indexed": not preview.search_deferred,
        }


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


def serve_requests(session: Session, requests: TextIO, replies: TextIO) -> None:
    for line in requests:
        request = json.loads(line)
        changed = [Path(p) for p in request.get("changed", ())]
        for reply in session.handle(changed, frozenset(str(p) for p in request.get("open", ()))):
            replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
            replies.flush()


def run(settings: Path, content: Path, output: Path, cache: Path | None) -> int:
    # The replies get standard output to themselves: anything else printed goes to standard error.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve_requests(Session(settings, content, output, cache), sys.stdin, replies)
    return 0

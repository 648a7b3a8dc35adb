"""The devserver's saves answered while its build process builds: by a forked copy of that process.

Reads the requests on the build process's standard input (session.py) a byte at a time, so that a copy
forked to read them meanwhile, and the process after it, each take over exactly where the other stopped;
writes nothing itself. A `StandIn` is forked just before a build that follows a save whose pages were
rendered at once: it holds the same fast-render state (the last build's graph) and answers each save
that comes while the build runs with a fast render, in the same replies. Once the build has staged the
site, `finish()` stops it between two saves and says which files they changed: none, and the build is
swapped into place; any, and the build is stale (it would undo pages the copy wrote), so it is discarded
and another follows. Only one of the two processes ever writes pages or replies at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from hub_core.workers import die_with_parent

Answer = Callable[[dict[str, Any]], Iterator[dict[str, Any]]]
"""Fast-render replies to one request (session.py's `Session.fast_replies`); True returned when the save's
pages were all written."""


class Requests:
    """The request lines on a file descriptor, one JSON object each, read without reading ahead."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.last: int | None = None
        """The id of the last request read (by this process or a stand-in): what a build covers."""

    def next(self) -> dict[str, Any] | None:
        """The next request, or None once the devserver closed the pipe."""
        line = bytearray()
        while not line.endswith(b"\n"):
            byte = os.read(self.fd, 1)
            if not byte:
                return None
            line += byte
        request = json.loads(line)
        if not isinstance(request, dict):
            raise ValueError("a request is a JSON object")
        self.last = request.get("id", self.last)
        return request


@dataclass(frozen=True)
class Done:
    """What a stand-in did: the saves it answered, the files they changed (None when it failed and cannot
    say), the last request it read, and whether its last save's pages were all rendered."""

    saves: int
    changed: frozenset[Path] | None
    last: int | None
    rendered: bool


class StandIn:
    """A forked copy of this process that answers saves with `answer` until `finish()`."""

    def __init__(self, requests: Requests, replies: TextIO, answer: Answer) -> None:
        self._done: Done | None = None
        control, self._control = os.pipe()
        self._results, results = os.pipe()
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the copy: never returns
            os.close(self._control)
            os.close(self._results)
            die_with_parent(parent)
            _serve(requests, replies, answer, control, results)
        os.close(control)
        os.close(results)

    def finish(self) -> Done:
        """Stop the copy (it ends the save it is answering first) and say what it did; once."""
        if self._done is None:
            self._done = self._collect()
        return self._done

    def _collect(self) -> Done:
        with contextlib.suppress(OSError):  # it ended already: its results are in the pipe
            os.write(self._control, b"stop\n")
        os.close(self._control)
        data = bytearray()
        while chunk := os.read(self._results, 65536):
            data += chunk
        os.close(self._results)
        _, status = os.waitpid(self.pid, 0)
        try:
            said = json.loads(data)
            changed = frozenset(Path(p) for p in said["changed"])
            return Done(int(said["saves"]), changed, said["last"], bool(said["rendered"]))
        except (ValueError, KeyError, TypeError):
            print(f"the stand-in ended without a report (status {status})", file=sys.stderr)
            return Done(1, None, None, False)  # it may have answered saves: nothing it held is trusted


def _serve(requests: Requests, replies: TextIO, answer: Answer, control: int, results: int) -> None:
    """(In the copy.) Answer saves until told to stop or the devserver is gone; report; exit."""
    saves, changed, rendered, code = 0, set(), False, 0
    try:
        while True:
            readable, _, _ = select.select([control, requests.fd], [], [])
            if control in readable:  # first: a request waiting too is left to the build process
                break
            request = requests.next()
            if request is None:
                break
            saves += 1
            changed |= {str(p) for p in request.get("changed", ())}
            rendered = False
            replies_of = answer(request)
            try:
                while True:
                    replies.write(json.dumps(next(replies_of), ensure_ascii=False) + "\n")
                    replies.flush()
            except StopIteration as stop:
                rendered = bool(stop.value)
        report = {"saves": saves, "changed": sorted(changed), "last": requests.last, "rendered": rendered}
        data = memoryview(json.dumps(report).encode())
        while data:
            data = data[os.write(results, data) :]
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)

"""Run the real Pagefind binary over the site's searchable pages and make sure the index is complete.

Reads the written pages it is given; writes the output folder's `pagefind/` bundle. `IndexRun` starts
Pagefind in the background as soon as those pages are written, so it indexes while the rest of the site
is generated and checked: it sees only the searchable pages (hard links in a working folder beside the
output), not the thousands of listing pages it would read and skip. Given the last published bundle,
it writes into a hard-link clone of that bundle's content-named files, which Pagefind does not write
again, and then removes the files the new bundle no longer refers to (bundle.py). A site indexed in
parts (parts.py) has one Pagefind run per part, one after the other in the same background thread, each
into its own folder, put inside the main bundle at the end. Fails with a clear
message when the binary is missing, when Pagefind fails, or when it indexed fewer pages than the site
marked for search, so a site with a silently empty or partial search is never published.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_build.guard import mark_site
from hub_core.hardlinks import is_regular, share

from .bundle import BundleFormatError, Manifest, clone, prune
from .parts import MAIN, PARTS, SearchPart

BUNDLE = "pagefind"
_COUNT = re.compile(r"Indexed (\d+) pages?")


class SearchIndexError(Exception):
    """Pagefind is missing, failed, or indexed less than it should."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    peak_mib: float | None = None  # Pagefind's own peak resident memory, when it ran in the background
    cloned: int = 0  # files of the last bundle Pagefind found in place and did not write again
    pruned: int = 0  # of those, the files the new bundle no longer refers to, removed after it ran
    cpu_seconds: float | None = None  # Pagefind's own CPU time (user and system), steadier than `seconds`
    parts: int = 1  # the parts of the bundle, each its own Pagefind run, one after the other (parts.py)
    taken: int = 0  # of those, the parts taken whole from the last bundle, whose pages had not changed


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexError(
            f"the Pagefind binary is missing ({exc}): install the pinned packages with `make html` "
            "(pagefind_bin in requirements.txt)"
        ) from None


class IndexRun:
    """Pagefind indexing `parts` (or one part of the pages given, paths relative to `output`) in the
    background, one run after the other, until `finish()`.

    `last` is the published bundle with its files' recorded sizes and times, to clone (each part from the
    same part of it); a part whose folder is in `kept` (its pages unchanged since) is taken whole from it
    instead, if its files are intact, and not run. `stop()` ends it early and removes its working
    folder; `finish(bundle)` waits, checks each part, prunes the clones and puts the bundle, with the
    further parts in it, at `bundle` (the output's `pagefind/`, as the output registry gives it).
    """

    def __init__(
        self,
        output: Path,
        parts: Sequence[SearchPart] | Sequence[str],
        last: tuple[Path, Manifest] | None = None,
        kept: Collection[str] = (),
    ) -> None:
        binary = pagefind_binary()
        self.output = output
        self.parts = _as_parts(parts)
        self.work = Path(tempfile.mkdtemp(prefix=f".{output.name}-search-", dir=output.parent))
        mark_site(self.work)  # a build cut short leaves it: the next build may then remove it
        self.started = time.perf_counter()
        self.cloned = 0
        self.taken: set[int] = set()  # the parts taken whole from the last bundle, not run again
        for number, part in enumerate(self.parts, 1):
            files = _files_of(last[1], part.folder) if last is not None else ()
            if (
                last is not None
                and part.folder in kept
                and _take(last[0] / part.folder, self._bundle(number), files)
            ):
                self.taken.add(number)
                continue
            for page in part.pages:
                _link(output / page, self.work / "pages" / str(number) / page)
            (self.work / "pages" / str(number)).mkdir(parents=True, exist_ok=True)
            if last is not None:
                self.cloned += clone(last[0] / part.folder, self._bundle(number), files)
        self.runs: list[tuple[int, str, Any]] = []  # each part's exit status, what it printed, its usage
        self.process: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self._error: OSError | None = None
        self._lock = threading.Lock()  # between starting the next part and stop()
        self._thread = threading.Thread(target=self._index, args=(binary,), name="pagefind", daemon=True)
        self._thread.start()

    def _bundle(self, number: int) -> Path:
        return self.work / BUNDLE / str(number)

    def _index(self, binary: Path) -> None:
        try:
            self._index_parts(binary)
        except OSError as exc:  # the binary could not be started: said by finish()
            self._error = exc

    def _index_parts(self, binary: Path) -> None:
        """Each part in turn (so that no two Pagefind runs hold their pages at once), until one fails."""
        for number in range(1, len(self.parts) + 1):
            if number in self.taken:
                continue
            # A file, not a pipe: unread, a pipe could fill and block Pagefind.
            with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
                with self._lock:
                    if self._stopped:
                        return
                    site, bundle = self.work / "pages" / str(number), self._bundle(number)
                    command = [str(binary), "--site", str(site), "--output-path", str(bundle)]
                    self.process = process = subprocess.Popen(command, stdout=log, stderr=log)
                # wait4, not Popen.wait: it also gives Pagefind's own peak memory, reported apart from ours.
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                log.seek(0)
                self.runs.append((process.returncode, log.read(), usage))
            if process.returncode != 0:
                return

    def finish(self, bundle: Path) -> IndexReport:
        try:
            self._thread.join()
            if self._error is not None:
                raise SearchIndexError(f"Pagefind could not be run: {self._error}")
            pages = pruned = 0
            runs = iter(self.runs)
            for number, part in enumerate(self.parts, 1):
                if number in self.taken:
                    pages += len(part.pages)
                    continue
                run = next(runs, None)
                if run is None:
                    raise SearchIndexError("Pagefind was stopped before it indexed every part of the site")
                returncode, printed, _ = run
                where = self._bundle(number)
                pages += _report(returncode, printed, where, len(part.pages), self.started).pages
                pruned += _pruned(where)
            main = self._bundle(1)
            for number, part in enumerate(self.parts[1:], 2):
                (main / part.folder).parent.mkdir(parents=True, exist_ok=True)
                os.replace(self._bundle(number), main / part.folder)
            seconds = time.perf_counter() - self.started
            os.replace(main, bundle)
            peak = max((usage.ru_maxrss for _, _, usage in self.runs), default=0) / 1024
            cpu = sum(usage.ru_utime + usage.ru_stime for _, _, usage in self.runs)
            return IndexReport(
                pages, seconds, peak, self.cloned, pruned, cpu, len(self.parts), len(self.taken)
            )
        finally:
            self.stop()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            process = self.process
        if process is not None and process.poll() is None:
            process.kill()
        self._thread.join()
        shutil.rmtree(self.work, ignore_errors=True)


def _as_parts(parts: Sequence[SearchPart] | Sequence[str]) -> tuple[SearchPart, ...]:
    if all(isinstance(part, SearchPart) for part in parts) and parts:
        return tuple(part for part in parts if isinstance(part, SearchPart))
    return (SearchPart(MAIN, tuple(str(page) for page in parts), ()),)


def _files_of(files: Manifest, folder: str) -> Manifest:
    """The recorded files of the part in `folder` of a bundle, named inside that folder (the main part's
    are those of the bundle itself, the other parts' left out)."""
    if folder == MAIN:
        return tuple(entry for entry in files if not entry[0].startswith(PARTS))
    return tuple((name[len(folder) :], size, mtime) for name, size, mtime in files if name.startswith(folder))


def _take(previous: Path, target: Path, files: Manifest) -> bool:
    """Link every file of the part `previous` of the last bundle into `target`, if each still has the size
    and time recorded when it was written (and there are some); else leave `target` empty."""
    for name, size, mtime in files:
        status = is_regular(previous / name)
        if status is None or (status.st_size, status.st_mtime_ns) != (size, mtime):
            return False
    if not files:
        return False
    for name, _, _ in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        share(previous / name, target / name)
    return True


def link_tree(source: Path, target: Path) -> None:
    """`target` as a copy of the folder `source` made of hard links (copies where links cannot be made).

    The files are shared with `source`, so no writer may ever open one for writing: Pagefind and the
    devserver replace a bundle whole, by rename."""
    shutil.copytree(source, target, copy_function=share)


def _pruned(bundle: Path) -> int:
    try:
        return prune(bundle)
    except BundleFormatError as exc:
        raise SearchIndexError(
            f"Pagefind's bundle is not in the format the hub reads ({exc}): pagefind_bin in requirements.txt "
            "must be the version tests/test_search_bundle.py checks"
        ) from None


def _link(source: Path, target: Path) -> None:
    if not source.is_file():
        raise SearchIndexError(f"{source} was to be indexed for search, but no page was written there")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(source, target)


def _report(returncode: int, printed: str, bundle: Path, expected_pages: int, started: float) -> IndexReport:
    seconds = time.perf_counter() - started
    if returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {returncode}):\n{printed}")
    found = _COUNT.search(printed)
    pages = int(found.group(1)) if found else 0
    if pages < expected_pages or not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(
            f"Pagefind indexed {pages} pages, but the site marked {expected_pages} for search:\n" + printed
        )
    return IndexReport(pages, seconds)

"""Run the real Pagefind binary over the site's searchable pages and make sure the index is complete.

Reads the written pages it is given; writes the output folder's `pagefind/` bundle. `IndexRun` starts
Pagefind in the background as soon as those pages are written, so it indexes while the rest of the site
is generated and checked: it sees only the searchable pages (hard links in a working folder beside the
output), not the thousands of listing pages it would read and skip. Given the last published bundle,
it writes into a hard-link clone of that bundle's content-named files, which Pagefind does not write
again, and then removes the files the new bundle no longer refers to (bundle.py). Fails with a clear
message when the binary is missing, when Pagefind fails, or when it indexed fewer pages than the site
marked for search, so a site with a silently empty or partial search is never published.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from hub_build.guard import mark_site
from hub_core.hardlinks import share

from .bundle import BundleFormatError, Manifest, clone, prune

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
    """Pagefind indexing `pages` (paths relative to `output`) in the background, until `finish()`.

    `last` is the published bundle with its files' recorded sizes and times, to clone. `stop()` ends it
    early and removes its working folder; `finish(bundle)` waits, checks the result, prunes the clone and
    moves the bundle to `bundle` (the output's `pagefind/`, as the output registry gives it).
    """

    def __init__(self, output: Path, pages: Sequence[str], last: tuple[Path, Manifest] | None = None) -> None:
        binary = pagefind_binary()
        self.output, self.expected = output, len(pages)
        self.work = Path(tempfile.mkdtemp(prefix=f".{output.name}-search-", dir=output.parent))
        mark_site(self.work)  # a build cut short leaves it: the next build may then remove it
        site = self.work / "pages"
        for page in pages:
            _link(output / page, site / page)
        self.started = time.perf_counter()
        self.cloned = clone(last[0], self.work / BUNDLE, last[1]) if last is not None else 0
        # A file, not a pipe: unread, a pipe could fill and block Pagefind. Closed by stop().
        self.log: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(binary), "--site", str(site), "--output-path", str(self.work / BUNDLE)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def finish(self, bundle: Path) -> IndexReport:
        try:
            # wait4, not Popen.wait: it also gives Pagefind's own peak memory, reported apart from ours.
            _, status, usage = os.wait4(self.process.pid, 0)
            self.process.returncode = os.waitstatus_to_exitcode(status)
            self.log.seek(0)
            printed = self.log.read()
            report = _report(
                self.process.returncode, printed, self.work / BUNDLE, self.expected, self.started
            )
            pruned = _pruned(self.work / BUNDLE)
            seconds = time.perf_counter() - self.started
            os.replace(self.work / BUNDLE, bundle)
            cpu = usage.ru_utime + usage.ru_stime
            return IndexReport(report.pages, seconds, usage.ru_maxrss / 1024, self.cloned, pruned, cpu)
        finally:
            self.stop()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)


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

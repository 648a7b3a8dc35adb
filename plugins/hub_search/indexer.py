"""Run the real Pagefind binary over the written site and make sure the index is complete.

Reads the output folder; writes its `pagefind/` bundle. Fails with a clear message when the binary is
missing, when Pagefind fails, or when it indexed fewer pages than the site marked for search, so a site
with a silently empty or partial search is never published.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
_COUNT = re.compile(r"Indexed (\d+) pages?")


class SearchIndexError(Exception):
    """Pagefind is missing, failed, or indexed less than it should."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float


def pagefind_binary() -> Path:
    try:
        from pagefind_bin import get_executable

        return Path(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexError(
            f"the Pagefind binary is missing ({exc}): install the pinned packages with `make html` "
            "(pagefind_bin in requirements.txt)"
        ) from None


def build_index(output: Path, expected_pages: int) -> IndexReport:
    """Index every page marked `data-pagefind-body`; `expected_pages` is how many the site marked."""
    binary = pagefind_binary()
    started = time.perf_counter()
    result = subprocess.run(
        [str(binary), "--site", str(output), "--output-subdir", BUNDLE],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    found = _COUNT.search(result.stdout)
    pages = int(found.group(1)) if found else 0
    if pages < expected_pages or not (output / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError(
            f"Pagefind indexed {pages} pages, but the site marked {expected_pages} for search:\n"
            + result.stdout
        )
    return IndexReport(pages, seconds)

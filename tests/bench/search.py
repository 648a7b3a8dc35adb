"""Measure search: the Pagefind index's size, the time indexing adds, and what one search transfers.

Usage: `python -m tests.bench.search [--documents 5000] [--query rent] [--json bench-search.json]`
(part of `make bench`), or `python -m tests.bench.search --site DIR` to measure only what one search
downloads from a site already built (a large one, indexed in parts). Builds the demo content and a
generated site of --documents documents with publishconf.py, re-runs Pagefind alone on each built site (median
of 3) beside the whole build's time, then opens `/search/?q=QUERY` in Debian's Chromium and adds up the bytes
of every response the search needed (the page, its CSS and script, Pagefind's code, WebAssembly, index chunks
and result fragments).
Reads the content folders; writes temporary folders (removed at the end) and the JSON file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hub_search.indexer import pagefind_binary
from tests.browser import browser, served

from . import generate

ROOT = Path(__file__).resolve().parents[2]
USED_BY_SEARCH = (
    "pagefind.js",
    "wasm.",
    "pagefind.",
    "index/",
    "fragment/",
    "filter/",
    "pagefind-entry.json",
)


def build(content: Path, output: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("HUB_SITEURL", None)
    command = [
        sys.executable,
        "-m",
        "hub_build",
        "build",
        "-s",
        "publishconf.py",
        "-i",
        str(content),
        "-o",
        str(output),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build of {content} failed:\n{result.stderr}")
    return time.perf_counter() - started


def pagefind_seconds(site: Path, repeat: int = 3) -> float:
    """Pagefind alone on the built site: what indexing adds to a build."""
    times = []
    for _ in range(repeat):
        scratch = site.parent / "pagefind-timing"
        shutil.rmtree(scratch, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(
            [str(pagefind_binary()), "--site", str(site), "--output-path", str(scratch), "--silent"],
            check=True,
        )
        times.append(time.perf_counter() - started)
    shutil.rmtree(site.parent / "pagefind-timing", ignore_errors=True)
    return statistics.median(times)


def index_bytes(site: Path) -> tuple[int, int]:
    """(the whole bundle, the part a search can load: Pagefind's UI kits left out)."""
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    # A part's files (`parts/<n>/...`, hub_search/parts.py) count as the same files of the main bundle do.
    used = [
        p
        for p in files
        if re.sub(r"^parts/\d+/", "", p.relative_to(bundle).as_posix()).startswith(USED_BY_SEARCH)
    ]
    return sum(p.stat().st_size for p in files), sum(p.stat().st_size for p in used)


def one_search(site: Path, query: str) -> dict[str, int]:
    """Bytes received for one search from a cold browser, split into the page and the search itself."""
    sizes: dict[str, int] = {"page": 0, "search": 0, "requests": 0}
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()

        def count(response: object) -> None:
            body = len(response.body())
            sizes["requests"] += 1
            sizes["search" if "/pagefind/" in response.url else "page"] += body

        page.on("response", count)
        page.goto(f"{base}/search/?q={query}", wait_until="networkidle")
        page.close()
    return sizes


def measure(name: str, content: Path, scratch: Path, query: str) -> dict[str, object]:
    site = scratch / name
    seconds = build(content, site)
    whole, used = index_bytes(site)
    return {
        "site": name,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "build_s": round(seconds, 2),
        "pagefind_s": round(pagefind_seconds(site), 2),
        "bundle_bytes": whole,
        "index_bytes": used,
        **{f"search_{k}": v for k, v in one_search(site, query).items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.search", description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--query", default="rent")
    parser.add_argument("--json", type=Path, default=Path("bench-search.json"))
    parser.add_argument("--site", type=Path, help="measure one search on this built site, and nothing else")
    args = parser.parse_args(argv)
    if args.site is not None:
        _, used = index_bytes(args.site)
        sizes = one_search(args.site, args.query)
        parts = len(list((args.site / "pagefind" / "parts").glob("*"))) + 1
        print(
            f"{args.site}: index {used / 1000:.0f} KB in {parts} part(s); one search for {args.query!r} "
            f"downloaded {sizes['search'] / 1000:.1f} KB of index and code ({sizes['page'] / 1000:.1f} KB of "
            f"page) in {sizes['requests']} responses"
        )
        return 0
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        generated = scratch / "content"
        generate.generate(generated, args.documents, seed=0)
        rows = [
            measure("demo", ROOT / "content", scratch, args.query),
            measure(f"generated-{args.documents}", generated, scratch, args.query),
        ]
    print(
        f"{'site':<16}{'pages':>7}{'build s':>9}{'pagefind s':>12}{'bundle KB':>11}{'index KB':>10}"
        f"{'search KB':>11}{'page KB':>9}"
    )
    for row in rows:
        print(
            f"{row['site']:<16}{row['pages']:>7}{row['build_s']:>9}{row['pagefind_s']:>12}"
            f"{row['bundle_bytes'] / 1000:>11.0f}{row['index_bytes'] / 1000:>10.0f}"
            f"{row['search_search'] / 1000:>11.1f}{row['search_page'] / 1000:>9.1f}"
        )
    args.json.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

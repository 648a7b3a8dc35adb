"""Measure what each page type of the demo transfers, and hold the figures to the hub's page-weight budget.

Usage: `python -m tests.bench.budget [--json budget.json]` (`make budget`).

Builds the demo content with publishconf.py into a temporary folder (tests.demo.build_demo), serves it
on localhost with the security headers (tests.browser.served) and loads one page of each type (the PAGES
of tests/test_accessibility.py, plus a search for "rent" without a filter) in Debian's Chromium at
1280 x 900, each in a fresh browser context (a cold cache) until the network is idle. Every response's
body is counted as HTML, CSS, JS, image, font or other.

"Transfers" means bytes over the wire. The preview server does not compress, so each HTML, CSS and JS
body is also gzip-compressed here at level 6, as a typical host serves them, and both sizes are reported;
images, fonts and other files count as received (they are compressed formats already, or binary). For each
page, "without text and images" is the compressed total less the compressed `.body` element's outerHTML
(the document's own text, when the page has one) and less every image: what the theme itself costs.

Budgets (1 KB = 1,000 bytes), on the compressed sizes: the ordinance page without its text and images
< 30 KB; the CSS a page loads, every stylesheet but Pagefind's, < 20 KB on the heaviest page; each script
of the site outside /pagefind/ < 5 KB, except the search page's own script (theme/js/search.js: listed,
marked exempt); no web fonts; no request to another origin. Figures are measured and reported, never
timed. Reads content/; writes the temporary folder (removed at the end) and the JSON file. Prints a table
per page type, the ordinance page's responses, and a table of budgets with PASS, OVER or EXEMPT; exits 1
when a budget is exceeded (2 when Chromium is missing).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from tests.browser import CHROMIUM, browser, served
from tests.demo import build_demo
from tests.test_accessibility import PAGES as ACCESSIBILITY_PAGES

KB = 1000
KINDS = ("html", "css", "js", "image", "font", "other")
COMPRESSED = frozenset({"html", "css", "js"})
"""The kinds a host compresses on the way out (images, fonts and other files count as they are)."""
GZIP_LEVEL = 6  # zlib's default level: what a typical host uses for text
# Every page type the accessibility test visits, plus a search with a query and no filter.
PAGES: dict[str, str] = {**ACCESSIBILITY_PAGES, "search (query only)": "/search/?q=rent"}
BUDGET_PAGE = "ordinance"
PAGE_LIMIT = 30 * KB  # the ordinance page without its text and images, compressed
CSS_LIMIT = 20 * KB  # the stylesheets one page loads, Pagefind's aside, compressed
SCRIPT_LIMIT = 5 * KB  # each script outside /pagefind/, compressed
SEARCH_BUNDLE = "pagefind"
SEARCH_SCRIPTS = frozenset({"theme/js/search.js"})
"""The search page's own script: listed with its size, exempt from the script budget like Pagefind's."""

_BY_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".css": "css",
    ".js": "js",
    ".mjs": "js",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".webp": "image",
    ".avif": "image",
    ".svg": "image",
    ".ico": "image",
    ".woff": "font",
    ".woff2": "font",
    ".ttf": "font",
    ".otf": "font",
    ".eot": "font",
}
# The document's own text: the `.body` element as the browser serialises it.
_BODY_HTML = "() => document.querySelector('.body')?.outerHTML ?? ''"


def gzip_size(data: bytes) -> int:
    """The size of `data` gzip-compressed at GZIP_LEVEL, as sent with `Content-Encoding: gzip`."""
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


@dataclass(frozen=True)
class Size:
    """A body's bytes as received (`raw`) and over the wire (`compressed`: gzip for HTML, CSS and JS)."""

    raw: int
    compressed: int


def size_of(data: bytes, kind: str) -> Size:
    return Size(len(data), gzip_size(data) if kind in COMPRESSED else len(data))


@dataclass(frozen=True)
class Response:
    """One response the browser received: its URL, Content-Type and body size."""

    url: str
    content_type: str
    raw: int
    compressed: int

    @property
    def kind(self) -> str:
        return classify(self.url, self.content_type)

    @property
    def path(self) -> str:
        """The path on the site, without the leading slash: "theme/css/hub.css"."""
        return urlsplit(self.url).path.lstrip("/")


def response(url: str, content_type: str, body: bytes) -> Response:
    size = size_of(body, classify(url, content_type))
    return Response(url, content_type, size.raw, size.compressed)


@dataclass(frozen=True)
class PageWeight:
    """What one page type transferred, response by response, and the size of its own text."""

    name: str
    url: str
    responses: tuple[Response, ...]
    body: Size  # the `.body` element's outerHTML, UTF-8

    @property
    def requests(self) -> int:
        return len(self.responses)

    def raw(self, kind: str) -> int:
        return sum(r.raw for r in self.responses if r.kind == kind)

    def compressed(self, kind: str) -> int:
        return sum(r.compressed for r in self.responses if r.kind == kind)

    @property
    def total(self) -> int:
        return sum(r.raw for r in self.responses)

    @property
    def total_compressed(self) -> int:
        return sum(r.compressed for r in self.responses)

    @property
    def without_text_and_images(self) -> int:
        """Compressed: the total less the document's text and every image."""
        return self.total_compressed - self.body.compressed - self.compressed("image")

    @property
    def stylesheets(self) -> tuple[Response, ...]:
        """The stylesheets the page loaded, Pagefind's left out (the CSS budget)."""
        return tuple(r for r in self.responses if r.kind == "css" and not _in_search_bundle(r.path))

    @property
    def css_compressed(self) -> int:
        return sum(r.compressed for r in self.stylesheets)


def _in_search_bundle(path: str) -> bool:
    return PurePosixPath(path).parts[:1] == (SEARCH_BUNDLE,)


@dataclass(frozen=True)
class Check:
    """One budget: a measured figure against its limit; a limit of 0 means there must be none."""

    name: str
    measured: int  # compressed, for bytes
    limit: int
    unit: str = "bytes"  # or "requests"
    raw: int | None = None  # the uncompressed figure, shown beside it
    exempt: bool = False  # listed, but held to no limit

    @property
    def passed(self) -> bool:
        if self.exempt:
            return True
        return self.measured == 0 if self.limit == 0 else self.measured < self.limit

    @property
    def result(self) -> str:
        return "EXEMPT" if self.exempt else "PASS" if self.passed else "OVER"


def classify(url: str, content_type: str) -> str:
    """The kind of a response, by its Content-Type and else by its file extension."""
    mime = content_type.split(";")[0].strip().lower()
    if mime == "text/html" or mime == "application/xhtml+xml":
        return "html"
    if mime == "text/css":
        return "css"
    if "javascript" in mime or "ecmascript" in mime:
        return "js"
    if mime.startswith("font/") or "font" in mime.split("/")[-1]:
        return "font"
    if mime.startswith("image/"):
        return "image"
    return _BY_EXTENSION.get(PurePosixPath(urlsplit(url).path).suffix.lower(), "other")


def other_origins(urls: Iterable[str], base: str) -> list[str]:
    """The http(s) URLs that leave the origin of `base`, in order, without repeats."""
    origin = urlsplit(base)[:2]
    found: list[str] = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts[:2] != origin and url not in found:
            found.append(url)
    return found


def site_files(site: Path) -> tuple[dict[str, Size], dict[str, Size]]:
    """(every stylesheet, every script) outside the search bundle, as path -> raw and compressed size."""

    def sizes(pattern: str, kind: str) -> dict[str, Size]:
        files = sorted(p for p in site.rglob(pattern) if p.relative_to(site).parts[0] != SEARCH_BUNDLE)
        return {p.relative_to(site).as_posix(): size_of(p.read_bytes(), kind) for p in files}

    return sizes("*.css", "css"), sizes("*.js", "js")


def checks(pages: Sequence[PageWeight], scripts: dict[str, Size], foreign: Sequence[str]) -> list[Check]:
    """Every budget, in the order they are printed."""
    by_name = {page.name: page for page in pages}
    result = []
    if BUDGET_PAGE in by_name:
        page = by_name[BUDGET_PAGE]
        result.append(
            Check(
                f"{BUDGET_PAGE} page without its text and images",
                page.without_text_and_images,
                PAGE_LIMIT,
                raw=page.total - page.body.raw - page.raw("image"),
            )
        )
    if pages:
        heaviest = max(pages, key=lambda p: p.css_compressed)  # the first one, on a tie
        names = " + ".join(PurePosixPath(r.path).name for r in heaviest.stylesheets) or "no stylesheet"
        result.append(
            Check(
                f"CSS of one page (heaviest: {heaviest.name}): {names}",
                heaviest.css_compressed,
                CSS_LIMIT,
                raw=sum(r.raw for r in heaviest.stylesheets),
            )
        )
    result.extend(
        Check(
            f"script {path}" + (" (search, exempt)" if path in SEARCH_SCRIPTS else ""),
            size.compressed,
            SCRIPT_LIMIT,
            raw=size.raw,
            exempt=path in SEARCH_SCRIPTS,
        )
        for path, size in scripts.items()
    )
    result.append(Check("web fonts, all pages", sum(page.raw("font") for page in pages), 0))
    result.append(Check("requests to other origins, all pages", len(foreign), 0, unit="requests"))
    return result


def exit_status(results: Iterable[Check]) -> int:
    """0 when every budget holds, 1 when one is exceeded."""
    return 0 if all(check.passed for check in results) else 1


def _kb(size: int) -> str:
    return f"{size / KB:.1f}"


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    first, *rest = zip(cells, widths, strict=True)
    return f"{first[0]:<{first[1]}}" + "".join(f"{cell:>{width}}" for cell, width in rest)


def pages_table(pages: Sequence[PageWeight]) -> str:
    """The bytes per page type, in KB, raw and gzip-compressed: one row per page."""
    columns = ("requests", "HTML", "gz", "CSS", "gz", "JS", "gz", "images", "fonts", "other", "total")
    columns += ("total gz", "w/o text+img gz")
    widths = [max([len("page"), *(len(page.name) for page in pages)]) + 2]
    widths += [max(len(c) + 2, 7) for c in columns]
    lines = [_row(("page", *columns), widths)]
    for page in pages:
        values = [str(page.requests)]
        for kind in ("html", "css", "js"):
            values += [_kb(page.raw(kind)), _kb(page.compressed(kind))]
        values += [_kb(page.raw(kind)) for kind in ("image", "font", "other")]
        values += [_kb(page.total), _kb(page.total_compressed), _kb(page.without_text_and_images)]
        lines.append(_row((page.name, *values), widths))
    return "\n".join(lines)


def responses_table(page: PageWeight) -> str:
    """Each response of one page: its kind, its raw and its compressed size, and the text to leave out."""
    widths = [max([len("response"), *(len(r.path or "/") for r in page.responses)]) + 2, 8, 10, 10]
    lines = [_row(("response", "kind", "raw", "gz"), widths)]
    for r in page.responses:
        lines.append(_row((r.path or "/", r.kind, _kb(r.raw), _kb(r.compressed)), widths))
    lines.append(_row(("less the .body text", "html", _kb(page.body.raw), _kb(page.body.compressed)), widths))
    return "\n".join(lines)


def _figure(value: int | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{_kb(value)} KB" if unit == "bytes" else str(value)


def budget_table(results: Sequence[Check]) -> str:
    """The budgets with their measured (compressed) figure, the raw one, their limit and the result."""
    widths = [max([len("budget"), *(len(check.name) for check in results)]) + 2, 12, 12, 12]
    lines = [_row(("budget", "measured", "raw", "budget"), widths) + "  result"]
    for check in results:
        limit = "none" if check.limit == 0 else f"< {_figure(check.limit, check.unit)}"
        if check.exempt:
            limit = "-"
        cells = (check.name, _figure(check.measured, check.unit), _figure(check.raw, check.unit), limit)
        lines.append(_row(cells, widths) + f"  {check.result}")
    return "\n".join(lines)


def report(
    pages: Sequence[PageWeight],
    stylesheets: dict[str, Size],
    scripts: dict[str, Size],
    foreign: Sequence[str],
) -> dict[str, object]:
    """Every figure, for the JSON file."""
    results = checks(pages, scripts, foreign)
    return {
        "unit": "bytes",
        "compression": f"gzip level {GZIP_LEVEL} for HTML, CSS and JS; other responses as received",
        "budgets_apply_to": "compressed sizes",
        "pages": {
            page.name: {
                "url": page.url,
                "requests": page.requests,
                "raw": {kind: page.raw(kind) for kind in KINDS},
                "compressed": {kind: page.compressed(kind) for kind in KINDS},
                "total": page.total,
                "total_compressed": page.total_compressed,
                "body": asdict(page.body),
                "without_text_and_images": page.without_text_and_images,
                "stylesheets_compressed": page.css_compressed,
                "responses": [
                    {"path": r.path or "/", "kind": r.kind, "raw": r.raw, "compressed": r.compressed}
                    for r in page.responses
                ],
            }
            for page in pages
        },
        "site": {
            "stylesheets": {path: asdict(size) for path, size in stylesheets.items()},
            "scripts": {path: asdict(size) for path, size in scripts.items()},
            "other_origins": list(foreign),
        },
        "budgets": [{**asdict(check), "result": check.result} for check in results],
        "passed": exit_status(results) == 0,
    }


def load(chromium: object, base: str, name: str, path: str) -> tuple[PageWeight, list[str]]:
    """One page from a cold cache: its weight and every URL it requested."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    received: list[object] = []
    requested: list[str] = []
    page.on("response", lambda r: received.append(r))
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + path, wait_until="networkidle")  # the search page has searched by then
    body = page.evaluate(_BODY_HTML).encode("utf-8")
    responses = []
    for item in received:
        try:
            data = item.body()
        except Exception:  # a redirect has no body
            data = b""
        responses.append(response(item.url, item.headers.get("content-type", ""), data))
    context.close()
    return PageWeight(name, path, tuple(responses), size_of(body, "html")), requested


def measure(site: Path) -> tuple[list[PageWeight], list[str]]:
    pages, requested = [], []
    with served(site) as base, browser() as chromium:
        for name, path in PAGES.items():
            weight, urls = load(chromium, base, name, path)
            pages.append(weight)
            requested.extend(urls)
        foreign = other_origins(requested, base)
    return pages, foreign


def chromium_missing() -> str | None:
    """Why the browser cannot run, or None when Debian's Chromium is there."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return None
    return f"Chromium not found at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)"


HEADER = (
    "Bytes per page type, in KB (1 KB = 1,000 bytes), cold cache, 1280 x 900.\n"
    f"'gz': HTML, CSS and JS gzip-compressed at level {GZIP_LEVEL}, as a host serves them; images, fonts\n"
    "and other files as received. 'w/o text+img gz': the compressed total less the compressed .body\n"
    "text and every image.\n"
)
BUDGET_HEADER = (
    "Budgets on the compressed sizes, bytes over the wire (the raw size beside each, for reference):\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.budget", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=Path("budget.json"))
    args = parser.parse_args(argv)
    if problem := chromium_missing():
        print(problem, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_demo(site)
        pages, foreign = measure(site)
        stylesheets, scripts = site_files(site)
    results = checks(pages, scripts, foreign)
    print(HEADER)
    print(pages_table(pages))
    budget_page = next((page for page in pages if page.name == BUDGET_PAGE), None)
    if budget_page is not None:
        print(f"\nResponses of the {BUDGET_PAGE} page ({budget_page.url}), in KB:\n")
        print(responses_table(budget_page))
    print()
    print(BUDGET_HEADER)
    print(budget_table(results))
    for url in foreign:
        print(f"request to another origin: {url}")
    args.json.write_text(json.dumps(report(pages, stylesheets, scripts, foreign), indent=2) + "\n")
    print(f"\nfigures written to {args.json}")
    status = exit_status(results)
    if status:
        print("over budget: " + ", ".join(c.name for c in results if not c.passed), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())

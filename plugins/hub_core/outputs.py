"""What the site writes, and who writes each file: the output paths declared once, claimed once per build.

Reads nothing; writes only the files its writers hand it. `GENERATED` declares every path pattern a
plugin (or Pelican's static copying) writes; `make check` keeps old addresses (`aliases`) and document
folders off all of them (addresses.py). At build time every writer claims each of its paths in the build's
`OutputRegistry` while the site is read (its generator's `generate_context`, before anything is
written), naming its source; a folder whose files are known only later (the sitemap's parts, the search
bundle) is claimed whole. A second claim of a path, or a plugin claiming outside what it declared, stops
the build with both sources named, whichever process later renders or copies the file. Then every file
goes out through the registry (`write`, `render`, `copy` for the last build's file as a hard link, or
`target` for a writer that makes the file itself: Pillow, Pagefind's bundle), which refuses a path its
writer did not claim or a file that exists: no writer ever opens an existing file, so none can write
through a link into the published site.

Paths are compared without regard to case (and in Unicode NFC): the build is served from Linux, but a
site built or previewed on macOS or Windows, or synced through such a disk, keeps one file for
`About/index.html` and `about/index.html`, so the second would silently replace the first.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .context import OUTPUTS_KEY
from .hardlinks import share

STATIC = "static files"  # the writer name of Pelican's copying of content and theme static files
BUILD = "hub_build"  # the writer name of the build itself (hub_build/build.py)
# The marker hub_build/guard.py (its MARKER, spelt again there: it runs on the standard library alone)
# writes at the top of every site, before this build's registry exists and again once the site is
# complete; the next build replaces only a marked folder. It is claimed as the registry is made, so no
# other writer, alias or static file can take its place.
SITE_MARKER = ".hub-site"
# An ordinance's adoptions as open data, in its own folder (hub_data writes them, its page links them).
ADOPTIONS_CSV = "adoptions.csv"
ADOPTIONS_JSON = "adoptions.json"
# An adoption's enacted text beside the model, `<document>/enacted/<jurisdiction>/` (hub_enacted writes it,
# the model's "Adopted in" table links it).
ENACTED = "enacted/"
# A document's social card beside its page, `<document>/card.png` (hub_cards draws it, hub_meta names it
# as the page's og:image and twitter:image), and its size in pixels.
CARD = "card.png"
CARD_SIZE = (1200, 630)


@dataclass(frozen=True)
class Output:
    """A path pattern one writer owns. A pattern ending in `/` owns everything below that folder.

    `{document}` stands for each document's folder (`ordinances/<slug>`, `<slug>` for pages), `{type}`
    for each listed type's folder (`ordinances`, `stories`, ...) and `{lang}` for each language of
    `HUB_LANGUAGES` (`es`): the pages in that language, at the same paths below it.
    """

    writer: str
    pattern: str
    what: str  # in words, for staff: "the feeds"


GENERATED: tuple[Output, ...] = (
    Output("hub_pages", "index.html", "the home page"),
    Output("hub_pages", "404.html", "the page for missing addresses"),
    Output("hub_pages", "{document}/index.html", "a document's page"),
    Output("hub_pages", "{type}/index.html", "a listing"),
    Output("hub_pages", "{type}/page/", "the listing's further pages"),
    Output("hub_pages", "{type}/by-adoptions/", "the listing by adoption count"),
    Output("hub_pages", "{document}/compare/", "a model's sections as each adoption enacted them"),
    Output("hub_pages", "issues/", "the issue pages"),
    Output("hub_pages", "jurisdictions/", "the jurisdiction pages"),
    Output("hub_pages", "people/", "the people pages"),
    Output("hub_pages", "partners/", "the partner pages"),
    Output("hub_pages", "theme/css/brand.css", "the site's colours"),
    Output("hub_pages", "{lang}/index.html", "the home page in another language"),
    Output("hub_pages", "{lang}/{document}/index.html", "a translated document's page"),
    Output("hub_pages", "{lang}/{type}/index.html", "a listing in another language"),
    Output("hub_pages", "{lang}/{type}/page/", "the listing's further pages in another language"),
    Output("hub_pages", "{lang}/{type}/by-adoptions/", "the listing by adoption count in another language"),
    Output("hub_pages", "{lang}/issues/", "the issue pages in another language"),
    Output("hub_pages", "{lang}/jurisdictions/", "the jurisdiction pages in another language"),
    Output("hub_pages", "{lang}/people/", "the people pages in another language"),
    Output("hub_pages", "{lang}/partners/", "the partner pages in another language"),
    Output("hub_toolkit", "{document}/", "an ordinance's downloads"),
    Output("hub_history", "{document}/history/", "an ordinance's history"),
    Output("hub_enacted", "{document}/" + ENACTED, "an enacted text beside its model"),
    Output("hub_cards", "{document}/" + CARD, "a document's social card"),
    Output("hub_cards", "{lang}/{document}/" + CARD, "a translation's social card"),
    Output("hub_map", "{document}/map.svg", "a map"),
    Output("hub_map", "issues/", "an issue's map"),
    Output("hub_map", "jurisdictions/map.svg", "the map of jurisdictions"),
    Output("hub_map", "theme/css/map.css", "the map legend's colours"),
    Output("hub_events", "events/index.html", "the events listing"),
    Output("hub_events", "events/calendar.ics", "the site's calendar of events"),
    Output("hub_events", "{document}/", "an event's calendar file"),
    Output("hub_events", "issues/", "an issue's calendar of events"),
    Output("hub_feeds", "feeds/", "the feeds"),
    Output("hub_feeds", "{lang}/feeds/", "the feeds of another language's translations"),
    Output("hub_data", "api/", "the open data"),
    Output("hub_data", "data/", "the open data page"),
    Output("hub_data", "{lang}/data/", "the open data page in another language"),
    Output("hub_data", "{document}/" + ADOPTIONS_CSV, "an ordinance's adoptions as CSV"),
    Output("hub_data", "{document}/" + ADOPTIONS_JSON, "an ordinance's adoptions as JSON"),
    Output("hub_search", "search/", "the search page"),
    Output("hub_search", "{lang}/search/", "the search page in another of the site's languages"),
    Output("hub_digest", "digests/", "the newsletter digests"),
    Output("hub_search", "pagefind/", "the search index"),
    Output("hub_meta", "sitemap.xml", "the sitemap"),
    Output("hub_meta", "sitemaps/", "the sitemap"),
    Output("hub_meta", "robots.txt", "robots.txt"),
    Output("hub_headers", "_headers", "the security headers"),
    Output("hub_headers", "_nginx-headers.conf", "the security headers"),
    Output("hub_images", "images/_w/", "the resized images"),
    Output(STATIC, "images/", "the images"),
    Output(STATIC, "files/", "the downloadable files"),
    Output(STATIC, "theme/", "the theme's files"),
    Output(BUILD, SITE_MARKER, "the marker of a site the hub built"),
)


def fold(path: str) -> str:
    """The form two paths share when a case-insensitive disk would store them as one file."""
    return unicodedata.normalize("NFC", path).casefold()


def generated_at(path: str, types: Iterable[str], languages: Iterable[str] = ()) -> Output | None:
    """The declared output that `path` (relative to the output folder) would take or block, if any.

    `types` are the listed types' folders, `languages` the codes of HUB_LANGUAGES (without them, a
    language's pages are left to the build's claims, which name both sources). The patterns inside a
    document's folder are left out: the caller checks paths against the documents themselves, to name
    the document's file.
    """
    target = fold(path)
    for base, output in _bases(tuple(types), tuple(languages)):
        if target == base or target.startswith(base + "/") or base.startswith(target + "/"):
            return output
    return None


@functools.cache
def _bases(types: tuple[str, ...], languages: tuple[str, ...] = ()) -> tuple[tuple[str, Output], ...]:
    """Each declared pattern outside documents' folders as folded literal paths (a pure memo: the check
    asks once per document and per old address)."""
    bases = []
    for output in GENERATED:
        if output.pattern.startswith("{document}") or "{lang}/{document}" in output.pattern:
            continue
        literals = [output.pattern]
        if "{lang}" in output.pattern:
            literals = [literal.replace("{lang}", code) for literal in literals for code in languages]
        if "{type}" in output.pattern:
            literals = [literal.replace("{type}", t) for literal in literals for t in types]
        bases += [(fold(literal.rstrip("/")), output) for literal in literals]
    return tuple(bases)


def covers(base: str, path: str) -> bool:
    """A file at `base` (or a folder `base/`) takes `path`: the same file, or a file where a folder is."""
    base, path = fold(base), fold(path)
    return path == base or path.startswith(base + "/") or base.startswith(path + "/")


@dataclass(frozen=True)
class Claim:
    path: str
    writer: str
    source: str | None = None  # the content file it comes from, relative to the content folder

    def __str__(self) -> str:
        return self.source or self.writer


class DuplicateOutputError(Exception):
    """Two writers claimed one output path, or a writer claimed a path it did not declare."""

    def __init__(self, message: str, first: Claim | None, second: Claim) -> None:
        super().__init__(message)
        self.first, self.second = first, second


class UnclaimedOutputError(Exception):
    """A writer wrote a path it had not claimed (a defect in a plugin, not in the content)."""


class OutputRegistry:
    """Every output path of one build, with who claimed it. Lives in the build's settings and context.

    Writing goes through it too: `write()`, `copy()` and `target()` take only a path its writer claimed,
    and create each file once (a forked process holds a copy of the claims, so the rule holds there too).
    """

    def __init__(self, output: Path | None = None) -> None:
        self.output = output  # the folder the build writes into (Pelican's OUTPUT_PATH)
        self._files: dict[str, Claim] = {}  # folded path -> its claim
        self._folders: dict[str, Claim] = {}  # folded folder -> the first claim below it
        self._made: set[Path] = set()  # output folders made so far (never removed during a build)

    def claim(self, path: str, writer: str, source: str | None = None, *, anywhere: bool = False) -> None:
        """Reserve `path` (relative to the output folder; ending in `/` for a whole folder) for `writer`.

        `source` is the content file it comes from, if any. `anywhere=True` is for redirects from old
        addresses, whose paths the content chooses (the check keeps them off every declared path);
        every other path must match a pattern its writer declared in `GENERATED`.
        """
        claim = Claim(path, writer, source)
        if not anywhere and not _declared(writer, path):
            raise DuplicateOutputError(
                f"{writer} writes {path}, which is not declared for it in hub_core/outputs.py: declare it "
                "there, so that `make check` keeps old addresses off it",
                None,
                claim,
            )
        key = fold(path.strip("/"))
        first = self._files.get(key) or self._folders.get(key) or self._above(key)
        if first is not None:
            raise DuplicateOutputError(_clash(first, claim), first, claim)
        self._files[key] = claim
        parts = key.split("/")
        for depth in range(1, len(parts)):
            self._folders.setdefault("/".join(parts[:depth]), claim)

    def owner(self, path: str) -> Claim | None:
        """The claim that covers `path`: its own, or that of a folder claimed whole above it."""
        key = fold(path.strip("/"))
        if (claim := self._files.get(key)) is not None:
            return claim
        above = self._above(key)
        return above if above is not None and above.path.endswith("/") else None

    def target(self, path: str, writer: str) -> Path:
        """Where `writer` may create `path`: checked against its claim, parent folders made."""
        claim = self.owner(path)
        if claim is None or claim.writer != writer:
            held = f"; it is claimed by {claim}" if claim is not None else ""
            raise UnclaimedOutputError(f"{writer} writes {path} without claiming it first{held}")
        if self.output is None:
            raise UnclaimedOutputError("the output registry was made without an output folder")
        target = self.output / path
        if target.exists():
            raise UnclaimedOutputError(f"{writer} writes {path} a second time in one build")
        if target.parent not in self._made:  # one mkdir per folder, not per file: a build writes thousands
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        return target

    def write(self, path: str, data: str | bytes, writer: str) -> Path:
        """Create the claimed file `path` with `data` (text as UTF-8); never replaces a file."""
        target = self.target(path, writer)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        try:
            with target.open("xb") as handle:
                handle.write(payload)
        except FileExistsError:
            raise UnclaimedOutputError(f"{writer} writes {path} a second time in one build") from None
        return target

    def copy(self, path: str, source: Path, writer: str) -> Path:
        """Create the claimed file `path` as `source` unchanged: a hard link to the last build's file (a
        copy with its times where the disk refuses links), so it keeps its size and time. Safe because
        nothing in a build writes into an existing file (hub_core/hardlinks.py)."""
        target = self.target(path, writer)
        share(source, target)
        return target

    def render(
        self, path: str, template: Any, context: Mapping[str, Any], writer: str, **values: Any
    ) -> Path:
        """Render `template` into the claimed file `path` as Pelican's writer does, to the byte.

        The template sees the shared context, `localsiteurl`, `output_file` and `values`, in that order;
        `content_written` is sent after, as Pelican's writer sends it, for the plugins that follow pages.
        """
        from pelican import signals  # here, not at the top: `make check` runs without Pelican loaded

        local = {**context, "localsiteurl": context.get("localsiteurl"), "output_file": path, **values}
        target = self.write(path, template.render(local), writer)
        signals.content_written.send(os.path.abspath(target), context=local)
        return target

    def _above(self, key: str) -> Claim | None:
        parts = key.split("/")
        return next((c for d in range(1, len(parts)) if (c := self._files.get("/".join(parts[:d])))), None)

    def __len__(self) -> int:
        return len(self._files)


def _clash(first: Claim, second: Claim) -> str:
    if fold(first.path.strip("/")) == fold(second.path.strip("/")):
        same = (
            ""
            if first.path == second.path
            else f" and {first.path} (the same file on a case-insensitive disk)"
        )
        return f"two files would be written to {second.path}{same}: by {first} and by {second}"
    return (
        f"{second.path} (from {second}) and {first.path} (from {first}) cannot both be written: "
        "one is a file where the other needs a folder"
    )


def _declared(writer: str, path: str) -> bool:
    """Whether `path` matches a pattern `writer` declared; placeholders match any names."""
    parts = path.strip("/").split("/")
    return any(
        o.writer == writer and _matches(o.pattern.rstrip("/").split("/"), parts, o.pattern.endswith("/"))
        for o in GENERATED
    )


def _matches(pattern: list[str], parts: list[str], folder: bool) -> bool:
    if pattern and pattern[0] == "{document}":  # "<type>/<slug>" or, for pages, "<slug>"
        return _matches(pattern[1:], parts[1:], folder) or _matches(pattern[1:], parts[2:], folder)
    if not pattern:
        return folder or not parts
    if not parts or (pattern[0] not in ("{type}", "{lang}") and pattern[0] != parts[0]):
        return False
    return _matches(pattern[1:], parts[1:], folder)


def source_of(file: str, content: str | Path) -> str | None:
    """How a claim names a content file: relative to the content folder (None for no file)."""
    return Path(os.path.relpath(file, content)).as_posix() if file else None


def outputs_of(settings: Mapping[str, Any]) -> OutputRegistry:
    """This build's registry (from the settings, the context, or `pelican.settings`)."""
    try:
        return settings[OUTPUTS_KEY]
    except KeyError:
        raise RuntimeError(
            "the hub_content plugin must be listed in PLUGINS before the plugins that write"
        ) from None


def start_build(settings: MutableMapping[str, Any]) -> None:
    """A fresh registry for a new build (Pelican's `initialized`: before the context is copied from it),
    holding the claim of the marker the build has written already."""
    registry = OutputRegistry(Path(settings["OUTPUT_PATH"]))
    registry.claim(SITE_MARKER, BUILD)
    settings[OUTPUTS_KEY] = registry


def claim_static(generator: Any) -> None:
    """Claim what Pelican's static generator is about to copy: content static files and the theme's."""
    outputs = outputs_of(generator.settings)
    for static in sorted(generator.staticfiles, key=lambda s: s.save_as):
        source = Path(static.source_path).relative_to(generator.path).as_posix()
        outputs.claim(Path(static.save_as).as_posix(), STATIC, source)
    destination = generator.settings["THEME_STATIC_DIR"]
    for folder in generator.settings["THEME_STATIC_PATHS"]:
        root = Path(generator.theme) / folder
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            outputs.claim(
                f"{destination}/{file.relative_to(root).as_posix()}", STATIC, f"the theme's {folder}/"
            )

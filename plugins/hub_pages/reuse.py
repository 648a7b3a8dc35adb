"""Pages whose inputs did not change since the last build are taken from it instead of rendered again.

Reads the previous build's output folder (hub_build names it in the settings), a record of what each
of its pages was rendered from (in CACHE_PATH), and the views of this build; writes the reused pages into
the new output (hard links to the last build's files, hub_core/hardlinks.py) and, at the end, the new
record. A page's fingerprint is its view's: the site-wide key (the hub's code, every file of the theme,
the settings, the build's date, the content folder's static files, and what every page's layout shows:
the footer's pages and the cards' adoption counts) with the view itself, whose values are everything
its template prints. Nothing else in Pelican's context counts: templates print views, settings and the
layout's globals, never a context entry of another plugin.
Documents, issues and jurisdictions in the view count by their content (each digested once per build);
a document's body, toolkit and history count only on the pages that declare it in `inputs.bodies`. A
body edit therefore renders one page again, and a retitled document the pages that show it (and a clean
build is always the reference: tests compare the two after every kind of edit). A previous page is
reused only if its file still has the size and modification time recorded when it was written, so a
failed build, a deleted output or a hand-edited file never leaks into the new site.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hub_core import cache
from hub_core.context import HISTORY_KEY, SETTINGS_KEY, TODAY_KEY, TOOLKITS_KEY, page_settings
from hub_core.fingerprint import Fingerprint
from hub_core.reuse import HUB_PACKAGES, LIBRARIES, FileReuse
from hub_core.reuse import value_digest as _digest
from hub_core.views import Inputs, PageView
from hub_model import Document, Issue, Jurisdiction, Site

from . import views

RECORD_FORMAT = 3  # 3: a view's declared documents digested once per address tuple


def _stat_digest(folders: Iterable[Path]) -> bytes:
    """Every file's path, size and time (images, downloads: their bytes are copied, never read)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


class PageReuse(FileReuse):
    """Decides, page by page, whether the previous build's file can stand for this build's page (the
    record, its checks and the links are FileReuse's; this computes each page's fingerprint)."""

    def __init__(
        self, context: Mapping[str, Any], theme: str, previous: Path | None, record_file: Path, site: Site
    ) -> None:
        super().__init__(previous, record_file, RECORD_FORMAT)
        content = Path(context["PATH"])
        static = [content / name for name in context.get("STATIC_PATHS", []) if (content / name).is_dir()]
        digest = hashlib.sha256(f"{RECORD_FORMAT}".encode())
        digest.update(Fingerprint("pages").code(*HUB_PACKAGES).packages(*LIBRARIES).digest())
        themed = sorted(p for p in Path(theme).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        digest.update(Fingerprint("theme").add_files(themed, Path(theme)).digest())
        digest.update(_stat_digest(static))
        # What a page is made from besides its view: the settings (not the build's own folders and
        # handles), the typed HUB settings and the build's date; nothing else in the context is read.
        for key, value in sorted(page_settings(context).items()):
            digest.update(key.encode() + b"\0" + _digest(value))
        digest.update(_digest((context.get(SETTINGS_KEY), context.get(TODAY_KEY))))
        history = context.get(HISTORY_KEY)
        digest.update(_digest((getattr(history, "available", None), getattr(history, "shallow", None))))
        self.context = context
        # What every page's layout shows besides the settings: the footer's pages, the cards' counts.
        translations = [t for d in site.documents for t in site.translations_of(d)]
        every = (*site.documents, *translations)
        footer = [dataclasses.replace(d, body_html="") for d in every if not d.type.listed]
        rows = {d.url: views.adoption_rows(site, d) for d in site.documents}
        digest.update(_digest((footer, {url: views.adoption_summary(r) for url, r in rows.items() if r})))
        digest.update(_digest((bool(site.network.people), bool(site.network.partners))))  # footer links
        self.site_key = digest.digest()
        self.documents = {d.url: d for d in every}
        # A page in another language names issues and places by slug too: their translations are part of
        # the record (Issue.translations, Jurisdiction.names), so both languages' pages follow an edit.
        self.issues, self.jurisdictions = site.issues, site.jurisdictions
        self.records = _Records(self.documents)

    def fingerprint(self, view: PageView) -> bytes:
        """The page's view with the site-wide key, the records its inputs declare, and the bodies (with
        their toolkits and histories) it declares."""
        # The declared documents' records are in the view's digest: its `inputs` pickle with them.
        digest = hashlib.sha256(self.site_key + self.records.digest(view))
        inputs = view.inputs
        declared = [
            *(self.issues.get(slug) for slug in inputs.issues),
            *(self.jurisdictions.get(slug) for slug in inputs.jurisdictions),
        ]
        for record in declared:
            digest.update(self.records.record(record) if record is not None else b"\0")
        # Read from the context at each page, not once: the view parts make the toolkits and histories
        # the first time a page asks, which may be in the process that writes this very page.
        toolkits = self.context.get(TOOLKITS_KEY) or {}  # by document URL
        histories = getattr(self.context.get(HISTORY_KEY), "documents", {})  # SiteHistory, by URL
        for url in inputs.bodies:
            doc = self.documents.get(url)
            digest.update((doc.body_html if doc is not None else "").encode())
            digest.update(_digest(toolkits.get(url)) + _digest(histories.get(url)))
        return digest.digest()


class _Records:
    """Digests of views in which each document, issue and jurisdiction counts by its content, digested
    once per build (a document without its body: pages that show a body declare it in `inputs.bodies`)."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents
        self.known: dict[tuple[str, str], bytes] = {}
        # By the tuple's identity, the tuple kept alive beside its digest so its id is never reused.
        self.listed: dict[int, tuple[tuple[str, ...], bytes]] = {}

    def record(self, item: Document | Issue | Jurisdiction) -> bytes:
        key = (type(item).__name__, item.url)
        if key not in self.known:
            plain = dataclasses.replace(item, body_html="") if isinstance(item, Document) else item
            self.known[key] = _digest(plain)
        return self.known[key]

    def reduce(self, item: Document | Issue | Jurisdiction) -> tuple[type[bytes], tuple[bytes]]:
        """How a record pickles inside a view: as its digest."""
        return (bytes, (self.record(item),))

    def addresses(self, urls: tuple[str, ...]) -> bytes:
        """Each address of `urls` with its document's record (a missing one as such), digested once per
        tuple: every page of a listing shares its listing's tuple (`Planner.listing`), so a listing of N
        documents in P pages costs N, not P x N."""
        found = self.listed.get(id(urls))
        if found is None or found[0] is not urls:
            digest = hashlib.sha256()
            for url in urls:
                doc = self.documents.get(url)
                digest.update(_frame(url.encode("utf-8", "surrogatepass")))
                digest.update(_frame(self.record(doc) if doc is not None else b""))
            found = self.listed[id(urls)] = (urls, digest.digest())
        return found[1]

    def reduce_inputs(self, inputs: Inputs) -> tuple[type[tuple[Any, ...]], tuple[tuple[Any, ...]]]:
        """How a view's inputs pickle: the documents as `addresses()`, the rest as they are."""
        values = tuple(getattr(inputs, f.name) for f in dataclasses.fields(inputs))
        return (tuple, ((type(inputs).__name__, self.addresses(inputs.documents), *values),))

    def digest(self, view: PageView) -> bytes:
        buffer = io.BytesIO()
        try:
            _ViewPickler(buffer, self).dump(view)
        except Exception:  # a value that cannot be pickled cannot be compared: render the page again
            return os.urandom(32)
        return hashlib.sha256(buffer.getvalue()).digest()


class _ViewPickler(pickle.Pickler):
    """Pickles a view with each document, issue and jurisdiction replaced by its record's digest.

    A dispatch table, not `persistent_id`: the pickler consults it only for objects of other classes
    than its built-in ones, while `persistent_id` is called for every string and number of the view.
    """

    def __init__(self, file: io.BytesIO, records: _Records) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        table: dict[type, Any] = {cls: records.reduce for cls in (Document, Issue, Jurisdiction)}
        self.dispatch_table = {**table, Inputs: records.reduce_inputs}


def _frame(data: bytes) -> bytes:
    return len(data).to_bytes(8, "big") + data


def record_file(cache_path: Path, output: Path) -> Path:
    """One record per output folder, so two sites built in turn do not undo each other's."""
    return cache.cache_file(cache_path, "pages", output)

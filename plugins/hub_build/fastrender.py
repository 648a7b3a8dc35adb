"""The devserver's fast render: the pages a save changed, rendered before the build that follows it.

Reads the saved files, and the last build's page generator (hub_core.preview.Preview: its content graph,
planners, views, view parts and renderer); writes the re-rendered pages into the served output folder,
each by rename (a new file, never written through: the next build may share the old one by a hard link).
A save that changed only a document's text renders that document's page alone; a front matter edit, a
new document or a removed one patches the graph, plans again the pages a saved document can appear on
and renders those whose inputs changed (fastgraph.py). What neither can judge (an ordinance's text,
which also makes its toolkit, comparison and downloads; a translation; a file that does not read
cleanly) is left to the build that follows every save: a fast render is never the last word, it only
shows the pages being edited sooner.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_content.jobs import Job, read_chunk
from hub_core.views import PageView
from hub_model import Document, OrdinanceDetails
from hub_model.patch import site_index
from hub_model.related import RelatedIndex
from hub_search.generator import searchable_pages

from . import fastgraph

MAX_PAGES = 2000  # a save touching more pages than this is left to the build, which reuses the rest


@dataclass(frozen=True)
class Replanned:
    views: Iterable[list[PageView]]
    """The pages to render again, one language after another (fastgraph.changed_views); a list when
    they are all known at once."""
    searchable: Callable[[], tuple[str, ...]]
    """The pages search is to index, asked for once the last pages are written (only search needs it)."""


@dataclass(frozen=True)
class Rendered:
    pages: tuple[str, ...]
    """The pages written, relative to the output folder."""
    searchable: tuple[str, ...]
    """The pages search is to index now (hub_search's `searchable_pages` of the graph rendered); empty
    but in the final reply."""
    final: bool = True
    """No more pages follow for this save (search may start: every page it changed is written)."""


def front_matter_key(path: Path) -> bytes | None:
    """A digest of the file's bytes up to its second `---` line: its front matter, however it is written
    (None when the file cannot be read or has no closing line; the build then says what is wrong)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    lines = data.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != b"---":
        return None
    size = len(lines[0])
    for line in lines[1:]:
        size += len(line)
        if line.rstrip() == b"---":
            return hashlib.sha256(data[:size]).digest()
    return None


class FastRender:
    """The last build's generator, and the front matter of each document it was built from."""

    def __init__(
        self, generator: Any, content: Path, stamps: Mapping[Path, int], searchable: Sequence[str]
    ) -> None:
        self.generator, self.content, self.stamps = generator, content, stamps
        self.searchable = tuple(searchable)
        site = generator.planner.site
        self.documents: dict[Path, Document] = {Path(d.source).resolve(): d for d in site.documents}
        self.fronts: dict[Path, bytes | None] = {}
        self.views: dict[str, PageView] = {view.path: view for view in generator.views}
        self.built: Mapping[str, PageView] = dict(self.views)  # as the build planned them
        self._related: RelatedIndex | None = None

    def related(self) -> RelatedIndex:
        """The related index of the last build's graph, which each save's graph is patched from."""
        if self._related is None:
            self._related = site_index(self.generator.planner.site)
        return self._related

    def remember_fronts(self) -> None:
        """Each document's front matter as the build read it: files saved since the build started (their
        time differs from `stamps`) are left out, so they get no fast render until the next build. The
        related index is made here too, after the build's reply, so that no save waits for it."""
        self.related()
        self.fronts = {}
        for path in self.documents:
            try:
                unchanged = path.stat().st_mtime_ns == self.stamps.get(path)
            except OSError:
                continue
            if unchanged:
                self.fronts[path] = front_matter_key(path)

    def render(
        self, changed: Sequence[Path], output: Path, open_pages: frozenset[str] = frozenset()
    ) -> Iterator[Rendered]:
        """Re-render the pages the save changed, if this can judge which (see the module's docstring):
        the pages of `open_pages` first, given on their own, then the others."""
        # A file that came and went is an editor's (or a tool's) temporary copy: nothing to render.
        paths = [p for p in (path.resolve() for path in changed) if p.exists() or p in self.documents]
        if not paths:
            return
        docs = [self._text_only(path) for path in paths]
        if docs and all(doc is not None for doc in docs):
            views = [self._view(doc) for doc in docs if doc is not None]
            if all(view is not None for view in views):
                pages = [view for view in views if view is not None]
                known = Replanned([pages], lambda: self.searchable)
                yield from self._write_each(known, output, open_pages)
                return
        replanned = self._replanned(paths, open_pages)
        if replanned is not None:
            yield from self._write_each(replanned, output, open_pages)

    def _replanned(self, paths: list[Path], open_pages: frozenset[str]) -> Replanned | None:
        """After a front matter edit, a new document or a removed one: the pages whose inputs changed."""
        site = self.generator.planner.site
        saved = fastgraph.saved_documents(site, self.content.resolve(), paths, self.documents)
        if saved is None:
            return None
        gone, added = saved
        shown = fastgraph.shown_by(self.generator)
        save = fastgraph.with_documents(site, self.related(), gone, added, shown)
        if save is None:
            return None
        cards = self.generator._cards  # each document's card, rendered once per build: not these
        for key in [key for key in cards if key[1] in save.urls]:
            del cards[key]
        languages = self.generator.languages[1:]
        views = fastgraph.changed_views(self.generator, save, self.built, open_pages)
        return Replanned(views, lambda: tuple(searchable_pages(save.after, languages)))

    def _write_each(
        self, replanned: Replanned, output: Path, open_pages: frozenset[str]
    ) -> Iterator[Rendered]:
        """The open pages as soon as their group of pages is planned, then all the others; nothing
        more once they add up to MAX_PAGES (the build that follows reuses what it can of the rest). The
        open pages' reply is the final one when the pages are all known at once and no other follows."""
        rest: list[PageView] = []
        written = False
        batches = replanned.views
        for n, views in enumerate(batches):
            rest += [view for view in views if view.path not in open_pages]
            if len(rest) > MAX_PAGES:
                return
            first = [view for view in views if view.path in open_pages]
            if first and not rest and isinstance(batches, list) and n == len(batches) - 1:
                yield self._write(first, output, replanned.searchable())
                return
            if first:
                written = True
                yield self._write(first, output, (), final=False)
        if rest:
            yield self._write(rest, output, replanned.searchable())
        elif written:  # the open pages were all: say so, so that search starts
            yield Rendered((), replanned.searchable())

    def _write(
        self, views: Sequence[PageView], output: Path, searchable: tuple[str, ...], final: bool = True
    ) -> Rendered:
        for view in views:
            target = output / view.path
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_file(target, self.generator.pages.render(view).encode("utf-8"))
        return Rendered(tuple(view.path for view in views), searchable, final)

    def _text_only(self, path: Path) -> Document | None:
        """The document at `path` with its new text, if nothing but its text changed and it reads cleanly."""
        old = self.documents.get(path)
        if old is None or isinstance(old.details, OrdinanceDetails) or old.lang:
            return None
        front = front_matter_key(path)
        if front is None or front != self.fronts.get(path):
            return None
        (result,) = read_chunk(self.content.resolve(), [Job(old.type.name, path)])
        records = [r for r in result.records if isinstance(r, Document)]
        if result.errors or result.warnings or len(records) != 1:
            return None
        return dataclasses.replace(old, body_html=records[0].body_html)

    def _view(self, doc: Document) -> PageView | None:
        old = self.views.get(doc.url + "index.html")
        if old is None:
            return None
        view = self.generator.planner.document(doc)
        view = dataclasses.replace(view, alternates=old.alternates)
        view = self.generator.parts.complete(view)
        self.views[view.path] = view
        return view


def replace_file(target: Path, data: bytes) -> None:
    """Put `data` at `target` by writing a new file beside it and renaming it over the old one."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.chmod(name, 0o644)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise

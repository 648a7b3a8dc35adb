"""The devserver's fast render: a save that changed only a document's text re-renders that one page.

Reads the saved files, and the last build's page generator (hub_core.preview.Preview: its content graph,
views, view parts and renderer); writes the re-rendered pages into the served output folder, each by
rename (a new file, never written through: the next build may share the old one by a hard link). Anything
else (front matter, a new or removed file, an ordinance, whose text also makes its toolkit, comparison and
downloads, a translation, a file that no longer reads cleanly) is left to the build that follows every
save, so a fast render is never the last word: it only shows the page being edited sooner.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_content.jobs import Job, read_chunk
from hub_core.views import PageView
from hub_model import Document, OrdinanceDetails


@dataclass(frozen=True)
class Rendered:
    pages: tuple[str, ...]
    """The pages written, relative to the output folder."""


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

    def __init__(self, generator: Any, content: Path, stamps: Mapping[Path, int]) -> None:
        self.generator, self.content, self.stamps = generator, content, stamps
        site = generator.planner.site
        self.documents: dict[Path, Document] = {Path(d.source).resolve(): d for d in site.documents}
        self.fronts: dict[Path, bytes | None] = {}
        self.views: dict[str, PageView] = {view.path: view for view in generator.views}

    def remember_fronts(self) -> None:
        """Each document's front matter as the build read it: files saved since the build started (their
        time differs from `stamps`) are left out, so they get no fast render until the next build."""
        self.fronts = {}
        for path in self.documents:
            try:
                unchanged = path.stat().st_mtime_ns == self.stamps.get(path)
            except OSError:
                continue
            if unchanged:
                self.fronts[path] = front_matter_key(path)

    def render(self, changed: Sequence[Path], output: Path) -> Rendered | None:
        """Re-render the pages of documents whose text alone changed; None when any change is more."""
        docs = [self._text_only(path.resolve()) for path in changed]
        if not docs or any(doc is None for doc in docs):
            return None
        pages = []
        for doc in docs:
            assert doc is not None
            view = self._view(doc)
            if view is None:
                return None
            text = self.generator.pages.render(view)
            replace_file(output / view.path, text.encode("utf-8"))
            pages.append(view.path)
        return Rendered(tuple(pages))

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

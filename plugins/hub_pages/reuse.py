"""Pages whose inputs did not change since the last build are copied from it instead of rendered again.

Reads the previous build's output folder (hub_build names it in the settings), a record of what each
of its pages was rendered from (in CACHE_PATH), and the inputs of this build; writes the reused pages into
the new output and, at the end, the new record. A page's fingerprint covers everything a template can
show: the hub's code, every file of the theme, the settings, the build's date, the content folder's
static files, the issues and jurisdictions, every document's metadata, and what other plugins put into
the context; a page about one document adds that document's body, toolkit and history. A body edit
therefore renders one page again; any other change renders them all (and a clean build is always the
reference: tests compare the two after every kind of edit). A previous page is reused only if its file
still has the size and modification time recorded when it was written, so a failed build, a deleted
output or a hand-edited file never leaks into the new site.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hub_core import cache
from hub_core.context import BACKGROUND_KEY, HISTORY_KEY, OUTPUTS_KEY, PUBLISHED_KEY, SITE_KEY, TOOLKITS_KEY
from hub_core.fingerprint import Fingerprint
from hub_model import Document, Site

RECORD_FORMAT = 1
PLUGINS = Path(__file__).resolve().parents[1]
# A template can show what any plugin computes: the code of every package of the hub, and every library
# the build runs (Pelican brings Jinja and the others it requires) but Pagefind, which reads pages only.
HUB_PACKAGES = tuple(sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").is_file()))
LIBRARIES = ("pelican", "markdown", "pyyaml", "nh3", "selectolax", "python-docx", "pillow")
# Context entries not hashed as a whole: this build's paths and helpers, Pelican's own (empty) article
# and page lists, and what is fingerprinted piece by piece (the graph, the toolkits, the history).
_NOT_INPUTS = frozenset(
    {
        SITE_KEY,
        TOOLKITS_KEY,
        HISTORY_KEY,
        "OUTPUT_PATH",
        BACKGROUND_KEY,
        PUBLISHED_KEY,
        OUTPUTS_KEY,  # this build's claims, made while pages are planned
        "CACHE_PATH",
        "generated_content",
        "static_content",
        "static_links",
        "staticfiles",  # Pelican's Static objects: the static folders are fingerprinted as files
        "articles",
        "pages",
        "hidden_pages",
        "draft_pages",
        "drafts",
        "dates",
        "period_archives",
    }
)


def _digest(value: Any) -> bytes:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # not picklable: its repr may change every build, so the page is rendered again
        data = repr(value).encode()
    return hashlib.sha256(data).digest()


def _files_digest(folders: Iterable[Path], with_bytes: bool) -> bytes:
    """Every file's path and bytes (code, templates), or path, size and time (images, downloads)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if with_bytes:
                digest.update(f"{path}\0".encode() + path.read_bytes())
            else:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


class PageReuse:
    """Decides, page by page, whether the previous build's file can stand for this build's page."""

    def __init__(
        self, context: Mapping[str, Any], theme: str, previous: Path | None, record_file: Path, site: Site
    ) -> None:
        self.previous, self.record_file = previous, record_file
        content = Path(context["PATH"])
        static = [content / name for name in context.get("STATIC_PATHS", []) if (content / name).is_dir()]
        digest = hashlib.sha256(f"{RECORD_FORMAT}".encode())
        digest.update(Fingerprint("pages").code(*HUB_PACKAGES).packages(*LIBRARIES).digest())
        digest.update(_files_digest([Path(theme)], with_bytes=True))
        digest.update(_files_digest(static, with_bytes=False))
        for key in sorted(k for k in context if k not in _NOT_INPUTS):
            digest.update(key.encode() + b"\0" + _digest(context[key]))
        history = context.get(HISTORY_KEY)
        self.histories: Mapping[str, Any] = getattr(history, "documents", {})  # SiteHistory, by URL
        digest.update(_digest((getattr(history, "available", None), getattr(history, "shallow", None))))
        self.toolkits: Mapping[str, Any] = context.get(TOOLKITS_KEY, {})  # by document URL
        digest.update(_digest((site.issues, site.jurisdictions)))
        for doc in site.documents:
            digest.update(_digest(dataclasses.replace(doc, body_html="")))
        self.site_key = digest.digest()
        self.old: dict[str, tuple[bytes, int, int]] = self._load()
        self.new: dict[str, tuple[bytes, int, int]] = {}

    def fingerprint(self, name: str, template: str, values: Mapping[str, Any]) -> bytes:
        digest = hashlib.sha256(self.site_key + f"\0{name}\0{template}\0".encode())
        doc = values.get("doc")
        if isinstance(doc, Document):
            digest.update(doc.body_html.encode())
            digest.update(_digest(self.toolkits.get(doc.url)) + _digest(self.histories.get(doc.url)))
        return digest.digest()

    def reusable(self, name: str, fingerprint: bytes) -> Path | None:
        """The previous build's file for this page, if it was rendered from the same inputs."""
        recorded = self.old.get(name)
        if self.previous is None or recorded is None or recorded[0] != fingerprint:
            return None
        source = self.previous / name
        try:
            stat = source.stat()
        except OSError:
            return None
        return source if (stat.st_size, stat.st_mtime_ns) == recorded[1:] else None

    def kept(self, name: str) -> None:
        """Remember a page copied from the last build (`copy_page` kept its size and time)."""
        self.new[name] = self.old[name]

    def written(self, name: str, fingerprint: bytes, output: Path) -> None:
        """Remember a page rendered in this build, with its file's size and time."""
        stat = (output / name).stat()
        self.new[name] = (fingerprint, stat.st_size, stat.st_mtime_ns)

    def save(self) -> None:
        cache.store(self.record_file, (RECORD_FORMAT, self.new))

    def _load(self) -> dict[str, tuple[bytes, int, int]]:
        version, pages = cache.load(self.record_file) or (None, {})
        return pages if version == RECORD_FORMAT else {}


def copy_page(source: Path, target: Path) -> None:
    """A copy, not a hard link: a later step writing this path must never change the published site.
    The size and modification time are kept, so the next build can reuse the copy in turn."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def record_file(cache_path: Path, output: Path) -> Path:
    """One record per output folder, so two sites built in turn do not undo each other's."""
    return cache.cache_file(cache_path, "pages", output)

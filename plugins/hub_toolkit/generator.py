"""The generator that prepares each ordinance's toolkit and writes its downloads.

Reads the content graph (hub_content), each ordinance's Markdown file, SITENAME, SITEURL, DEFAULT_LANG and
the theme's translations. Before any page is rendered (`generate_context`) it builds every ordinance's
`Toolkit` (on every core when there are many: the Word files take most of the time) and puts them into
Pelican's context, where the `model_text()` and `toolkit()` globals of every page find them, and claims
each download in the build's output registry, naming the ordinance's file; then (`generate_output`) it
writes `/ordinances/<slug>/<slug>.docx`, `.md`, `.txt` and `cite.json` through the registry. Nothing is
taken from the clock, so every build writes the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core import cache
from hub_core.context import TOOLKITS_KEY
from hub_core.outputs import outputs_of, source_of
from hub_core.workers import map_in_chunks
from hub_i18n import translations_for
from hub_model import Document, OrdinanceDetails

from .toolkit import Publisher, Toolkit, toolkit_for

CHUNK = 16  # ordinances per task
PARALLEL_FROM = 4 * CHUNK  # fewer are built in this process: forking would cost more than it saves
WRITER = "hub_toolkit"


@dataclass(frozen=True)
class Settings:
    publisher: Publisher
    theme: str
    language: str


class KitCache:
    """Built toolkits kept between builds: a Word file is rebuilt only when its ordinance's file changed.

    The key is the ordinance's source bytes and path, the publisher settings, this plugin's code and the
    theme's translation catalogues.
    """

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        digest = hashlib.sha256(repr(settings).encode())
        # The code, and the theme's catalogues: the downloads' footer and labels are translated.
        catalogues = sorted((Path(settings.theme) / "translations").rglob("*.mo"))
        for source in sorted(Path(__file__).parent.glob("*.py")) + catalogues:
            digest.update(source.as_posix().encode() + b"\0" + source.read_bytes())
        self.salt = digest.digest()
        self.kits: dict[str, Toolkit] = cache.load(path) or {}
        self.changed = False

    def key(self, doc: Document) -> str:
        digest = hashlib.sha256(self.salt + doc.source.encode() + b"\0")
        digest.update(Path(doc.source).read_bytes())
        return digest.hexdigest()

    def add(self, pairs: Any) -> None:
        for key, kit in pairs:
            self.kits[key] = kit
            self.changed = True

    def save(self, keys: Sequence[str]) -> None:
        if not self.changed and len(keys) == len(self.kits):
            return
        cache.store(self.path, {k: self.kits[k] for k in keys})


class ToolkitGenerator(Generator):
    """Runs after ContentGenerator (the graph exists) and before the pages are written."""

    def generate_context(self) -> None:
        site, _ = site_from(self.context)
        settings = Settings(
            Publisher(name=self.settings["SITENAME"], url=self.settings.get("SITEURL", "")),
            self.theme,
            self.settings.get("DEFAULT_LANG", "en"),
        )
        ordinances = [doc for doc in site.documents if isinstance(doc.details, OrdinanceDetails)]
        cache = KitCache(Path(self.settings["CACHE_PATH"]) / "hub" / "toolkit.pickle", settings)
        keys = [cache.key(doc) for doc in ordinances]
        missing = [doc for doc, key in zip(ordinances, keys, strict=True) if key not in cache.kits]
        cache.add(zip((cache.key(d) for d in missing), build_all(settings, missing), strict=True))
        kits = [cache.kits[key] for key in keys]
        cache.save(keys)
        self.toolkits: dict[str, Toolkit] = {doc.url: kit for doc, kit in zip(ordinances, kits, strict=True)}
        self.context[TOOLKITS_KEY] = self.toolkits
        for doc, kit in zip(ordinances, kits, strict=True):
            for file in kit.files:
                outputs_of(self.context).claim(file.path, WRITER, source_of(doc.source, self.path))

    def generate_output(self, writer: Any) -> None:
        for kit in self.toolkits.values():
            for file in kit.files:
                outputs_of(self.context).write(file.path, file.data, WRITER)


def build_all(
    settings: Settings, ordinances: Sequence[Document], parallel_from: int = PARALLEL_FROM, chunk: int = CHUNK
) -> list[Toolkit]:
    """The toolkits in the order of `ordinances`."""
    return map_in_chunks(build_chunk, settings, ordinances, chunk, parallel_from)


def build_chunk(settings: Settings, ordinances: list[Document]) -> list[Toolkit]:
    """Build a batch of toolkits (in a worker process or here)."""
    translate = translations_for(settings.theme, settings.language).gettext
    return [
        toolkit_for(doc, Path(doc.source).read_text(encoding="utf-8"), settings.publisher, translate)
        for doc in ordinances
    ]

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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core import cache
from hub_core.context import TOOLKITS_KEY
from hub_core.fingerprint import Fingerprint
from hub_core.outputs import outputs_of, source_of
from hub_core.workers import map_in_chunks
from hub_i18n import translations_for
from hub_model import Document, OrdinanceDetails

from .toolkit import Publisher, Toolkit, toolkit_for

# hub_content renders the bodies (and names the section anchors), hub_model types them, hub_i18n
# translates the labels; the libraries render and sanitize the bodies and write the Word files.
CODE = ("hub_toolkit", "hub_content", "hub_model", "hub_i18n", "hub_core")
LIBRARIES = ("python-docx", "markdown", "pyyaml", "nh3", "selectolax")
CHUNK = 16  # ordinances per task
PARALLEL_FROM = 4 * CHUNK  # fewer are built in this process: forking would cost more than it saves
WRITER = "hub_toolkit"


@dataclass(frozen=True)
class Settings:
    publisher: Publisher
    theme: str
    language: str


class KitCache:
    """Built toolkits kept between builds: a toolkit is built again only when something it reads changed.

    The key is what `toolkit_for` consumes: the ordinance itself (its rendered body included), its
    Markdown file, the publisher settings and the theme's translation catalogues, with the code of every
    plugin that produced or reads those values (hub_content renders the body this plugin turns into the
    Word file and the text) and the versions of the libraries involved.
    """

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        # The theme's catalogues: the downloads' footer and labels are translated.
        translations = Path(settings.theme) / "translations"
        self.salt = Fingerprint("toolkit").add(settings).code(*CODE).packages(*LIBRARIES)
        self.salt.add_files(sorted(translations.rglob("*.mo")), translations)
        self.kits: dict[str, Toolkit] = cache.load(path) or {}
        self.changed = False

    def key(self, doc: Document) -> str:
        return self.salt.copy().add(doc).add_bytes(Path(doc.source).read_bytes()).hexdigest()

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
        missing = {key: doc for doc, key in zip(ordinances, keys, strict=True) if key not in cache.kits}
        cache.add(zip(missing, build_all(settings, list(missing.values())), strict=True))
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

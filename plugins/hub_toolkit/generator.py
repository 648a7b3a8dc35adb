"""The generator that prepares each ordinance's toolkit and writes its downloads.

Reads the content graph (hub_content), each ordinance's Markdown file, SITENAME, SITEURL, DEFAULT_LANG and
the theme's translations: each ordinance's toolkit is in its document's language (`document_language`).
While the site is read, `toolkits_of()` builds every ordinance's `Toolkit` once (on every core when there
are many: the Word files take most of the time; from the cache where nothing changed) into the build's
context, where the toolkit's view part (parts.py) adds each to its ordinance's page view; the generator
(`generate_context`) claims each download in the build's output registry, naming the ordinance's file,
then (`generate_output`) writes `/ordinances/<slug>/<slug>.docx`, `.md`, `.txt` and `cite.json` through
the registry. The files' bytes never reach this process: the worker that makes a toolkit puts them in
the cache's file store (`CACHE_PATH/hub/toolkit-files/`, one file each, named by its digest), and the
site takes them from there as hard links. Nothing is taken from the clock, so every build writes the
same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core import cache
from hub_core.context import TOOLKITS_KEY, release
from hub_core.fingerprint import Fingerprint
from hub_core.outputs import outputs_of, source_of
from hub_core.workers import map_in_chunks
from hub_i18n import translations_for
from hub_model import Document, OrdinanceDetails, Site

from .toolkit import Publisher, Toolkit, toolkit_for

# hub_content renders the bodies (and names the section anchors), hub_model types them, hub_i18n
# translates the labels; the libraries render and sanitize the bodies and write the Word files.
CODE = ("hub_toolkit", "hub_content", "hub_model", "hub_i18n", "hub_core")
LIBRARIES = ("python-docx", "markdown", "pyyaml", "nh3", "selectolax", "babel")
CHUNK = 16  # ordinances per task
PARALLEL_FROM = 4 * CHUNK  # fewer are built in this process: forking would cost more than it saves
WRITER = "hub_toolkit"


@dataclass(frozen=True)
class Settings:
    publisher: Publisher
    theme: str
    language: str  # the site's (DEFAULT_LANG): the language of a document that names none


def document_language(doc: Document, site_language: str) -> str:
    """The code of the language a document is written in: its own (a translation's), else the site's."""
    return doc.lang or site_language


def ordinances_of(site: Site) -> list[Document]:
    """Every ordinance and every translation of one, in the site's order: each has its own toolkit."""
    return [doc for doc in (*site.documents, *site.translations) if isinstance(doc.details, OrdinanceDetails)]


class KitCache:
    """Built toolkits kept between builds: a toolkit is built again only when something it reads changed.

    The key is what `toolkit_for` consumes: the ordinance itself (its rendered body included), its
    Markdown file, its language, the publisher settings and the theme's translation catalogues (every
    language's: each toolkit is translated by its document's), with the code of every
    plugin that produced or reads those values (hub_content renders the body this plugin turns into the
    Word file and the text) and the versions of the libraries involved.
    """

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        # The files' bytes are kept beside, one file each, not in the pickle: a build holds none of them.
        self.store = file_store(path)
        self.language = settings.language
        # The theme's catalogues (the .po sources, which the build compiles): the downloads' footer and
        # labels are translated.
        translations = Path(settings.theme) / "translations"
        self.salt = Fingerprint("toolkit").add(settings).code(*CODE).packages(*LIBRARIES)
        self.salt.add_files(sorted(translations.rglob("*.po")), translations)
        self.kits: dict[str, Toolkit] = cache.load(path) or {}
        self.changed = False

    def has(self, key: str) -> bool:
        """Whether the toolkit of `key` was built before, and its files are all still in the store."""
        kit = self.kits.get(key)
        return kit is not None and all(self.store.has(file.stored) for file in kit.files)

    def key(self, doc: Document) -> str:
        key = self.salt.copy().add(doc, document_language(doc, self.language))
        return key.add_bytes(Path(doc.source).read_bytes()).hexdigest()

    def add(self, pairs: Any) -> None:
        for key, kit in pairs:
            self.kits[key] = kit
            self.changed = True

    def save(self, keys: Sequence[str]) -> None:
        if not self.changed and len(keys) == len(self.kits):
            return
        cache.store(self.path, {k: self.kits[k] for k in keys})
        self.store.keep_only(file.stored for k in keys for file in self.kits[k].files)


def cache_path(settings: Mapping[str, Any]) -> Path:
    return Path(settings["CACHE_PATH"]) / "hub" / "toolkit.pickle"


def file_store(cache_file: Path) -> cache.FileStore:
    """Where the toolkits kept in `cache_file` keep their files' bytes."""
    return cache.FileStore(cache_file.with_name(f"{cache_file.stem}-files"))


class ToolkitGenerator(Generator):
    """Runs after ContentGenerator (the graph exists) and before the pages are written."""

    def generate_context(self) -> None:
        site, _ = site_from(self.context)
        self.toolkits = toolkits_of(self.context, self.theme)
        for doc in ordinances_of(site):  # claimed in the site's order, each naming its ordinance's file
            for file in self.toolkits[doc.url].files:
                outputs_of(self.context).claim(file.path, WRITER, source_of(doc.source, self.path))

    def generate_output(self, writer: Any) -> None:
        site, _ = site_from(self.context)
        outputs, store = outputs_of(self.context), file_store(cache_path(self.settings))
        for doc in ordinances_of(site):
            kit = self.toolkits[doc.url]
            if not all(store.has(file.stored) for file in kit.files):
                # Dropped since by another build sharing the cache (another output folder): made again.
                [kit] = build_chunk((kit_settings(self.context, self.theme), store), [doc])
            for file in kit.files:
                outputs.copy(file.path, store.path(file.stored), WRITER)
        if release(self.context, TOOLKITS_KEY):
            del self.toolkits


def toolkits_of(context: MutableMapping[str, Any], theme: str) -> Mapping[str, Toolkit]:
    """This build's toolkits, by ordinance URL: built (or taken from the cache) the first time they are
    asked for, and kept in the build's context under TOOLKITS_KEY (page reuse reads them there too).

    hub_pages plans and completes the pages before this plugin's generator runs (PLUGINS order), so the
    first to ask is usually the toolkit's view part (parts.py), while the ordinances' views are
    completed; the generator then claims and writes the same toolkits' files.
    """
    found = context.get(TOOLKITS_KEY)
    if not isinstance(found, dict):
        found = context[TOOLKITS_KEY] = build_toolkits(context, theme)
    return found


def build_toolkits(settings: Mapping[str, Any], theme: str) -> dict[str, Toolkit]:
    """Every ordinance's toolkit, by URL, from the cache where nothing it reads changed."""
    site, _ = site_from(settings)
    wanted = kit_settings(settings, theme)
    ordinances = ordinances_of(site)
    cache = KitCache(cache_path(settings), wanted)
    keys = [cache.key(doc) for doc in ordinances]
    missing = {key: doc for doc, key in zip(ordinances, keys, strict=True) if not cache.has(key)}
    cache.add(zip(missing, build_all(wanted, list(missing.values()), cache.store), strict=True))
    cache.save(keys)
    return {doc.url: cache.kits[key] for doc, key in zip(ordinances, keys, strict=True)}


def kit_settings(settings: Mapping[str, Any], theme: str) -> Settings:
    return Settings(
        Publisher(name=settings["SITENAME"], url=settings.get("SITEURL", "")),
        theme,
        settings.get("DEFAULT_LANG", "en"),
    )


def build_all(
    settings: Settings,
    ordinances: Sequence[Document],
    store: cache.FileStore,
    parallel_from: int = PARALLEL_FROM,
    chunk: int = CHUNK,
) -> list[Toolkit]:
    """The toolkits in the order of `ordinances`, their files' bytes put in `store`."""
    return map_in_chunks(build_chunk, (settings, store), ordinances, chunk, parallel_from)


def build_chunk(shared: tuple[Settings, cache.FileStore], ordinances: list[Document]) -> list[Toolkit]:
    """Build a batch of toolkits (in a worker process or here), each in its document's language; their
    files go into the store from here, so only what the pages show travels back to the build."""
    settings, store = shared
    kits = []
    for doc in ordinances:
        language = document_language(doc, settings.language)
        translate = translations_for(settings.theme, language).gettext
        source = Path(doc.source).read_text(encoding="utf-8")
        kits.append(toolkit_for(doc, source, settings.publisher, translate, language).kept_in(store.put))
    return kits

"""The generator that gives every document (and every translation) its social card, `<document>/card.png`.

Reads the graph (`site_from`), SITENAME, DEFAULT_LANG, HUB_THEME's accent and link colours, the theme's
catalogues (each card's type label in its document's language) and the cards drawn by earlier builds,
in the folder `CACHE_PATH/hub/cards-<folder>/`; writes each card drawn into that folder, then each card
through the build's output registry, where `generate_context` claims it (naming the document's file), as
a hard link to its file there. A card is drawn again only when its key changed: every value it shows,
with the code of hub_cards (its bundled fonts included) and hub_core, Pillow's and fontTools' versions and
the FreeType and zlib Pillow uses. Cards left to draw are drawn in worker processes when there are many.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pelican.generators import Generator
from PIL import features

from hub_content import site_from
from hub_core import cache
from hub_core.fingerprint import Fingerprint
from hub_core.outputs import CARD, outputs_of, source_of
from hub_core.settings import Brand
from hub_core.workers import map_in_chunks
from hub_i18n import translations_for
from hub_model import Document, Site

from .draw import Card, Painter

WRITER = "hub_cards"
CODE = ("hub_cards", "hub_core")  # every file of hub_cards: the fonts are in its folder
LIBRARIES = ("pillow", "fonttools")
CHUNK = 64  # cards per task: each worker loads the fonts once per task
# Fewer are drawn in this process: a card takes about 10 ms, and forking workers that load the fonts again
# cost more than it saves below a few hundred (the demo's 49 took longer in two workers than in one).
PARALLEL_FROM = 4 * CHUNK
log = logging.getLogger(__name__)


def card_path(doc: Document) -> str:
    """Where a document's card goes, relative to the output folder: beside its page."""
    return doc.url + CARD


def documents_of(site: Site) -> list[Document]:
    """Every document with a page, and every translation, in the site's order."""
    return [*site.documents, *site.translations]


def card_for(site: Site, doc: Document, settings: Mapping[str, Any], theme: str) -> Card:
    """What the document's card shows, in the document's language."""
    language = doc.lang or settings.get("DEFAULT_LANG", "en")
    translate = translations_for(theme, language).gettext
    issue = site.issues[doc.issues[0]] if doc.issues else None
    if issue is not None and doc.lang:
        issue = issue.in_language(doc.lang)
    brand = Brand.from_settings(settings)
    return Card(
        title=doc.title,
        label=translate(doc.label),
        issue=issue.title if issue is not None else "",
        site=settings.get("SITENAME", ""),
        accent=brand.accent,
        link=brand.link,
    )


def cards_key() -> Fingerprint:
    """What every card's key starts from: the code and the libraries that draw it."""
    drawn_with = (features.version("freetype2"), features.version("zlib"))
    return Fingerprint("cards").code(*CODE).packages(*LIBRARIES).add(drawn_with)


def card_store(settings: Mapping[str, Any]) -> cache.FileStore:
    """The cards drawn by earlier builds of this content folder: one PNG file per key."""
    record = cache.cache_file(Path(settings["CACHE_PATH"]), "cards", Path(settings["PATH"]))
    record.unlink(missing_ok=True)  # the single file earlier builds kept every card in
    return cache.FileStore.beside(record, ".png")


def draw_all(store: cache.FileStore, cards: Sequence[tuple[str, Card]]) -> None:
    """Draw each (key, card) into the store, on every core when there are many."""
    map_in_chunks(draw_chunk, store, cards, CHUNK, PARALLEL_FROM)


def draw_chunk(store: cache.FileStore, cards: list[tuple[str, Card]]) -> list[None]:
    """Draw a batch (in a worker process or here) with one set of loaded fonts."""
    painter = Painter.bundled()
    for key, card in cards:
        store.put(key, painter.draw(card))
    return []


class CardsGenerator(Generator):
    """Claims every card while the site is read; draws (or takes from the cache) and writes them after."""

    def generate_context(self) -> None:
        site, _ = site_from(self.context)
        self.documents = documents_of(site)
        for doc in self.documents:
            outputs_of(self.context).claim(card_path(doc), WRITER, source_of(doc.source, self.path))

    def generate_output(self, writer: Any) -> None:
        started = time.perf_counter()  # for the note only: nothing written depends on the clock
        site, _ = site_from(self.context)
        cards = [card_for(site, doc, self.context, self.theme) for doc in self.documents]
        base = cards_key()
        keys = [base.copy().add(card).hexdigest() for card in cards]
        store = card_store(self.settings)
        missing = {key: card for key, card in zip(keys, cards, strict=True) if not store.has(key)}
        draw_all(store, list(missing.items()))
        for doc, key, card in zip(self.documents, keys, cards, strict=True):
            if not store.has(key):  # dropped since by another build sharing the cache: drawn again
                draw_chunk(store, [(key, card)])
            outputs_of(self.context).copy(card_path(doc), store.path(key), WRITER)
        store.keep_only(keys)
        drawn, kept, seconds = len(missing), len(keys) - len(missing), time.perf_counter() - started
        log.info("cards: %d drawn, %d unchanged since the last build (%.2f s)", drawn, kept, seconds)

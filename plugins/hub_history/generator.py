"""The Pelican generator that reads the ordinances' history from git and writes their history pages.

Reads the `Site` graph from `hub_content`, the content folder (Pelican's PATH) and its git history
(`repository.py`: three git processes for the whole site), and the theme's `history.html`. Writes, into
Pelican's shared context under `HISTORY_KEY`, the `SiteHistory` that `history_summary.html` prints on
each ordinance's page; and `/ordinances/<slug>/history/` for each ordinance, claimed in the build's
output registry while the site is read (naming the ordinance's file) and rendered through it.
Without git history (outside a checkout, without git, or with the setting `HUB_HISTORY = False`, which
runs no git at all) it logs that once, at INFO under its own logger (hub_build fails a build on any
warning under "pelican"), and writes no history pages.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.context import HISTORY_KEY
from hub_core.outputs import outputs_of, source_of
from hub_core.settings import settings_of
from hub_model import Document
from hub_pages import chrome

from .repository import Unavailable, read_history
from .views import MAX_VERSIONS, SiteHistory, has_history, site_history, unavailable

logger = logging.getLogger("hub_history")
WRITER = "hub_history"


class HistoryGenerator(Generator):
    """Reads history after ContentGenerator has built the graph and before any page is written."""

    history: SiteHistory

    def generate_context(self) -> None:
        site, _ = site_from(self.context)
        self.history = self._read(Path(self.path), [d for d in site.documents if has_history(d)])
        self.context[HISTORY_KEY] = self.history
        if self.history.available:  # else no history page is written
            for doc in site.documents:
                if (history := self.history.of(doc)) is not None:
                    outputs_of(self.context).claim(
                        history.url + "index.html", WRITER, source_of(doc.source, self.path)
                    )

    def _read(self, content: Path, documents: list[Document]) -> SiteHistory:
        enabled = settings_of(self.settings).history  # HUB_HISTORY: False runs no git at all
        if not documents:
            return unavailable(())  # nothing to ask git about
        paths = {d.url: Path(d.source).relative_to(content).as_posix() for d in documents}
        found = (
            read_history(content, paths.values(), MAX_VERSIONS + 1)  # the oldest listed is compared too
            if enabled
            else Unavailable("HUB_HISTORY is False")
        )
        if isinstance(found, Unavailable):
            logger.info("History is not available for this build: %s", found.reason)
            return unavailable(documents)
        if found.shallow:
            logger.info("The content is in a shallow clone: the oldest versions are missing from history")
        return site_history(documents, paths, found, lambda d: Path(d.source).read_bytes())

    def generate_output(self, writer: Any) -> None:
        if not self.history.available:
            return
        site, _ = site_from(self.context)
        self.env.globals.update(chrome(site, self.settings))
        template = self.get_template("history")
        for doc in site.documents:
            history = self.history.of(doc)
            if history is not None:
                outputs_of(self.context).render(
                    history.url + "index.html",
                    template,
                    self.context,
                    WRITER,
                    ordinance=doc,
                    history=history,
                    section=doc.type.name,
                )

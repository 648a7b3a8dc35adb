"""The Pelican generator that reads the content folder into the content graph.

Reads the content folder (Pelican's PATH) and the HUB settings (checked at start-up, hub_core.settings);
writes nothing to the output; content warnings are printed as notes, which do not fail the build. The
graph is kept on the generator and put into Pelican's shared context under `SITE_KEY`, where page
generators find it through `site_from()`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from hub_core.context import SETTINGS_KEY, SITE_KEY, TODAY_KEY
from hub_core.settings import languages_of, settings_of
from hub_model import Site

from .jobs import cache_file
from .loader import load
from .settings import build_date

# A hub_* logger at INFO: the build prints it as a note and goes on (a Pelican warning would fail it).
log = logging.getLogger("hub_content")


class ContentGenerator(Generator):
    """Runs first: read and validate everything, then build the graph (or raise InvalidContentError)."""

    site: Site

    def generate_context(self) -> None:
        settings = settings_of(self.settings).hub
        root = Path(self.path)
        cache = cache_file(Path(self.settings["CACHE_PATH"]), root) if settings.cache else None
        self.today = build_date(self.settings)
        loaded = load(root, settings, cache, self.today, languages=languages_of(self.settings))
        for warning in loaded.warnings:
            log.info("warning: %s", warning)
        self.site = loaded.site
        self.context[TODAY_KEY] = self.today
        self.context[SITE_KEY] = self.site
        self.context[SETTINGS_KEY] = settings

"""The generator that writes sitemap.xml and robots.txt once every other file of the build is written.

Reads each file written, through the `content_written` signal (with the view a page was rendered from,
for its kind and its document's dates); writes, when Pelican signals `finalized`, `sitemap.xml` (with
`sitemaps/` above 50,000 pages) and `robots.txt` at the output's root, through the build's output
registry, where they are claimed while the site is read. The pages are kept on this
generator, so each build collects its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from hub_core.outputs import outputs_of
from hub_core.views import view_of

from .sitemap import ROBOTS, SITEMAP, SitemapEntry, entry_for, robots_txt, sitemap_files

WRITER = "hub_meta"
SITEMAP_PARTS = "sitemaps/"  # where `sitemap_files()` puts the parts of a sitemap above 50,000 pages


class MetaGenerator(Generator):
    """Collects the written pages; listed before hub_search and hub_check, so both see the files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: dict[str, SitemapEntry] = {}

    def generate_context(self) -> None:
        # Bound methods are held weakly by the signals: they live exactly as long as this build's generator.
        signals.content_written.connect(self.collect)
        signals.finalized.connect(self.write)
        self.claim()

    def collect(self, path: str, context: Mapping[str, Any] | None = None) -> None:
        root = os.path.abspath(self.output_path) + os.sep
        full = os.path.abspath(path)  # no resolve(): a page is announced for every page written
        if not full.startswith(root):
            return  # written by another build in this process
        name = Path(full[len(root) :]).as_posix()
        entry = entry_for(name, view_of(context))
        if entry is not None:
            self.pages[entry.path] = entry

    def claim(self) -> None:
        """Claim what `write` writes while the site is read: the sitemap's parts are known only once every
        page is written, so the folder they go to (above 50,000 pages) is claimed whole."""
        for name in (SITEMAP, SITEMAP_PARTS, ROBOTS):
            outputs_of(self.context).claim(name, WRITER)

    def write(self, _pelican: Any) -> None:
        site_url = self.settings.get("SITEURL", "")
        files = {**sitemap_files(self.pages.values(), site_url), ROBOTS: robots_txt(site_url)}
        for name, text in files.items():
            outputs_of(self.context).write(name, text, WRITER)

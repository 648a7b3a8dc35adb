"""The generator that writes sitemap.xml and robots.txt once every other file of the build is written.

Reads each file written, through the `content_written` signal (with the view a page was rendered from,
for its kind and its document's dates); writes, when Pelican signals `finalized`, `sitemap.xml` (with
`sitemaps/` above 50,000 pages) and `robots.txt` at the output's root. The pages are kept on this
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

from .sitemap import ROBOTS, SitemapEntry, entry_for, robots_txt, sitemap_files


class MetaGenerator(Generator):
    """Collects the written pages; listed before hub_search and hub_check, so both see the files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: dict[str, SitemapEntry] = {}

    def generate_context(self) -> None:
        # Bound methods are held weakly by the signals: they live exactly as long as this build's generator.
        signals.content_written.connect(self.collect)
        signals.finalized.connect(self.write)

    def collect(self, path: str, context: Mapping[str, Any] | None = None) -> None:
        root = os.path.abspath(self.output_path) + os.sep
        full = os.path.abspath(path)  # no resolve(): a page is announced for every page written
        if not full.startswith(root):
            return  # written by another build in this process
        name = Path(full[len(root) :]).as_posix()
        entry = entry_for(name, view_of(context))
        if entry is not None:
            self.pages[entry.path] = entry

    def write(self, _pelican: Any) -> None:
        site_url = self.settings.get("SITEURL", "")
        files = {**sitemap_files(self.pages.values(), site_url), ROBOTS: robots_txt(site_url)}
        for name, text in files.items():
            outputs_of(self.context).claim(name, "hub_meta")
            target = Path(self.output_path) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

"""The generator that checks the written site once every other generator has finished.

Reads the content graph (from `hub_content`) and, when Pelican signals `finalized`, the output folder;
writes nothing. Raising here fails the build before the new site can replace the published one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from hub_content import site_from

from .checks import broken_links, unreachable_documents
from .links import read_pages


class BrokenSiteError(Exception):
    """The written site has broken links or unreachable documents."""


class CheckGenerator(Generator):
    """Waits for `finalized` (static files and every other output are written by then) and checks."""

    def generate_context(self) -> None:
        # A bound method is held weakly by the signal: it lives exactly as long as this build's generator.
        signals.finalized.connect(self.check)

    def check(self, _pelican: Any) -> None:
        site, _ = site_from(self.context)
        output = Path(self.output_path)
        site_url = self.settings.get("SITEURL", "")
        pages = read_pages(output)
        sources = {doc.url + "index.html": doc.source for doc in site.documents}
        problems = broken_links(output, pages, site_url, sources) + unreachable_documents(
            site, pages, site_url
        )
        if problems:
            listing = "\n".join(f"  {p}" for p in problems)
            raise BrokenSiteError(
                f"the written site failed its checks ({len(problems)} problems):\n{listing}"
            )

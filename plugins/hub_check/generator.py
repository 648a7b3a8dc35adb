"""The generator that checks the written site once every other generator has finished.

Reads the content graph (from `hub_content`) and, when Pelican signals `finalized`, the output folder;
with the cache on, it also keeps in CACHE_PATH what each page links to, so the pages a rebuild copied
unchanged from the last build are not read again, and, after a check that passed, which files the site
had: their links are checked again only when a file was added or removed or a page's ids changed
(since.py). Raising here fails the build before the new site can replace the published one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from hub_content import site_from
from hub_content.errors import SiteCheckError
from hub_core import cache
from hub_core.context import PUBLISHED_KEY

from .checks import broken_links, unreachable_documents
from .links import read_pages, reader_key, site_files
from .since import Passed, pages_to_check


class BrokenSiteError(SiteCheckError):
    """The written site has broken links or unreachable documents."""


class CheckGenerator(Generator):
    """Waits for `finalized` (static files and every other output are written by then) and checks."""

    def generate_context(self) -> None:
        # A bound method is held weakly by the signal: it lives exactly as long as this build's generator.
        signals.finalized.connect(self.check)

    def check(self, _pelican: Any) -> None:
        site, settings = site_from(self.context)
        output = Path(self.output_path)
        site_url = self.settings.get("SITEURL", "")
        published = Path(self.settings.get(PUBLISHED_KEY) or output)  # hub_build builds beside it
        record: Path | None = cache.cache_file(Path(self.settings["CACHE_PATH"]), "check", published)
        if not settings.cache:
            record = None
        # Kept with the reader's key: a Page read by other code, or another parser, is not taken.
        key = reader_key()
        kept = cache.load(record)
        version, recorded, last = kept if isinstance(kept, tuple) and len(kept) == 3 else (None, None, None)
        files, memo = site_files(output), cache.FileMemo(recorded if version == key else None)
        pages = read_pages(output, files, memo)
        now = Passed.of(site_url, files)
        checked = pages_to_check(pages, memo, now, last if version == key else None)
        sources = {doc.url + "index.html": doc.source for doc in site.documents}
        problems = broken_links(files, pages, site_url, sources, checked) + unreachable_documents(
            site, pages, site_url
        )
        if record is not None:
            cache.store(record, (key, memo.entries, None if problems else now))
        if problems:
            listing = "\n".join(f"  {p}" for p in problems)
            raise BrokenSiteError(
                f"the written site failed its checks ({len(problems)} problems):\n{listing}"
            )

"""The Pelican generator that plans and writes the digests' pages.

Reads the `Site` graph from `hub_content` and the theme's `digests.html` and `digest.html`; plans each
page as a `PageView` while the site is read, and writes it through hub_pages' renderer
(`PlannedPagesGenerator`: completed with the other plugins' parts, claimed in the build's output registry
naming the digest's record, announced with its view for the sitemap).
"""

from __future__ import annotations

from collections.abc import Iterable

from hub_core.views import PageView
from hub_model import Site
from hub_pages.planned import PlannedPagesGenerator

from .parts import digest_views

WRITER = "hub_digest"


class DigestGenerator(PlannedPagesGenerator):
    writer = WRITER

    def planned(self, site: Site) -> Iterable[PageView]:
        return digest_views(site, self.path)

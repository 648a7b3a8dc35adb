"""The Pelican generator that plans and writes the pages comparing enacted texts with their models.

Reads the `Site` graph from `hub_content`, the model and enacted texts (parts.py) and the theme's
`enacted.html`; plans each page as a `PageView` while the site is read, and writes it through hub_pages'
renderer (`PlannedPagesGenerator`: completed with the other plugins' parts, claimed in the build's output
registry naming the enacted text's file, announced with its view for the sitemap).
"""

from __future__ import annotations

from collections.abc import Iterable

from hub_core.views import PageView
from hub_model import Site
from hub_pages.planned import PlannedPagesGenerator

from .parts import enacted_views

WRITER = "hub_enacted"


class EnactedGenerator(PlannedPagesGenerator):
    writer = WRITER

    def planned(self, site: Site) -> Iterable[PageView]:
        return enacted_views(site, self.path)

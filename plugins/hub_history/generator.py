"""The Pelican generator that plans and writes the ordinances' history pages.

Reads the `Site` graph from `hub_content`, the build's `SiteHistory` (build.py: read from git once, when
first needed) and the theme's `history.html`; plans `/ordinances/<slug>/history/` for each ordinance as a
`PageView` (parts.py) while the site is read, and writes it through hub_pages' renderer
(`PlannedPagesGenerator`: completed with the other plugins' parts, claimed in the build's output registry
naming the ordinance's file, announced with its view for the sitemap). Without git history no history
page is planned.
"""

from __future__ import annotations

from collections.abc import Iterable

from hub_core.views import PageView
from hub_model import Site
from hub_pages.planned import PlannedPagesGenerator

from .build import history_of
from .parts import history_views

WRITER = "hub_history"


class HistoryGenerator(PlannedPagesGenerator):
    writer = WRITER

    def planned(self, site: Site) -> Iterable[PageView]:
        return history_views(site, history_of(self.context), self.path)

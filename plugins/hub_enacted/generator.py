"""The Pelican generator that plans and writes the pages comparing enacted texts with their models.

Reads the `Site` graph from `hub_content`, the model and enacted texts (parts.py) and the theme's
`enacted.html`. While the site is read (`generate_context`) it plans each page as a `PageView`, completes
it with the other plugins' parts (the head) and claims its path in the build's output registry, naming
the enacted text's file; then it renders each view through hub_pages' renderer (`write_one`: through the
registry, announced with its view for the sitemap).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_core.views import PageView, view_parts
from hub_pages import chrome
from hub_pages.parallel import Pages, write_one

from .parts import enacted_views

WRITER = "hub_enacted"


class EnactedGenerator(Generator):
    """Plans after ContentGenerator has built the graph; writes once every plugin has read the content."""

    def generate_context(self) -> None:
        site, _ = site_from(self.context)
        parts, outputs = view_parts(self.context), outputs_of(self.context)
        self.views: list[PageView] = []
        for planned in enacted_views(site, self.path):
            view = parts.complete(planned)
            outputs.claim(view.path, WRITER, view.source)
            self.views.append(view)

    def generate_output(self, writer: Any) -> None:
        if not self.views:
            return
        site, _ = site_from(self.context)
        self.env.globals.update(chrome(site, self.settings))
        pages = Pages(WRITER, self.get_template, self.context, Path(self.output_path))
        for view in self.views:
            write_one(view, pages)

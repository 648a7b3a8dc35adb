"""A Pelican generator for the pages another plugin plans from the graph: its history or enacted texts.

Reads the `Site` graph from `hub_content` and whatever the subclass's `planned` reads. While the site is
read (`generate_context`) it completes each planned `PageView` with the other plugins' parts (the head)
and claims its path in the build's output registry, naming its source file; once every plugin has read
the content (`generate_output`) it renders each view through the renderer of `parallel.py` (`write_one`:
through the registry, announced with its view for the sitemap).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_core.views import PageView, view_parts
from hub_model import Site

from . import chrome
from .parallel import Pages, write_one


class PlannedPagesGenerator(Generator):
    """Plans after ContentGenerator has built the graph; writes once every plugin has read the content."""

    writer = ""
    """The plugin named as the writer of each page in the output registry."""

    def planned(self, site: Site) -> Iterable[PageView]:
        """The pages to write, planned from the graph; completed and claimed here."""
        raise NotImplementedError

    def generate_context(self) -> None:
        site, _ = site_from(self.context)
        parts, outputs = view_parts(self.context), outputs_of(self.context)
        self.views: list[PageView] = []
        for planned in self.planned(site):
            view = parts.complete(planned)
            outputs.claim(view.path, self.writer, view.source)
            self.views.append(view)

    def generate_output(self, writer: Any) -> None:
        if not self.views:
            return
        site, _ = site_from(self.context)
        self.env.globals.update(chrome(site, self.settings))
        pages = Pages(self.writer, self.get_template, self.context, Path(self.output_path))
        for view in self.views:
            write_one(view, pages)

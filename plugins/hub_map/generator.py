"""The Pelican generator that writes each map as its own SVG file.

Reads the `Site` graph from `hub_content` and the build's `SiteMaps` (maps.py: the state shapes and the
site's gettext catalogue); writes `ordinances/<slug>/map.svg` for each ordinance with adoptions,
`issues/<slug>/map.svg` for each issue with one, and `jurisdictions/map.svg`: exactly the maps the pages
show (`SiteMaps.figures()`, the very figures the page views were given while hub_pages planned them, not
drawn again), byte-for-byte the same on every build of the same content; and `theme/css/map.css`, the
legend's stylesheet, from the theme's `map.css` template with the colours of `style.py` filled in (the
maps' own colours, so the legend cannot show others). Each is claimed in the build's output registry
while the site is read (`generate_context`), naming the ordinance's or issue's file, and written through
the registry afterwards.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of, source_of
from hub_model import Site

from .maps import FILE_NAME, maps_of
from .style import DARK, LIGHT, legend_colours

LEGEND_CSS = "theme/css/map.css"

WRITER = "hub_map"


class MapGenerator(Generator):
    """Claims the map files once the graph exists; draws and writes them with the other files."""

    def generate_context(self) -> None:
        site, _settings = site_from(self.context)
        self.maps = maps_of(self.context, self.theme)
        self.figures = tuple(self.maps.figures())
        sources = _sources(site)
        for figure in self.figures:
            outputs_of(self.context).claim(
                figure.path, WRITER, source_of(sources.get(figure.path, ""), self.path)
            )
        outputs_of(self.context).claim(LEGEND_CSS, WRITER)

    def generate_output(self, writer: Any) -> None:
        for figure in self.figures:
            outputs_of(self.context).write(figure.path, self.maps.svg(figure), WRITER)
        self._write_legend_css()

    def _write_legend_css(self) -> None:
        colours = {"map_light": legend_colours(LIGHT), "map_dark": legend_colours(DARK)}
        css = self.env.get_template("map.css").render(colours)
        outputs_of(self.context).write(LEGEND_CSS, css.rstrip("\n") + "\n", WRITER)


def _sources(site: Site) -> dict[str, str]:
    """The file behind each page that can have a map (ordinances, issues), by the map's path."""
    documents = {doc.url + FILE_NAME: doc.source for doc in site.documents}
    return documents | {issue.url + FILE_NAME: issue.source for issue in site.issues.values()}

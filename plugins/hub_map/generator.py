"""The Pelican generator that writes each map as its own SVG file.

Reads the `Site` graph from `hub_content`, the committed state shapes (`atlas.py`) and the site's gettext
catalogue (hub_i18n); writes `ordinances/<slug>/map.svg` for each ordinance with adoptions,
`issues/<slug>/map.svg` for each issue with one, and `jurisdictions/map.svg`: exactly the maps the pages
show (`MapMaker.figures()`), byte-for-byte the same on every build of the same content; and
`theme/css/map.css`, the legend's stylesheet, from the theme's `map.css` template with the colours of
`style.py` filled in (the maps' own colours, so the legend cannot show others). Each is claimed in
the build's output registry while the site is read (`generate_context`), naming the ordinance's or
issue's file, and written through the registry afterwards.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of, source_of
from hub_model import Site

from .atlas import load_atlas
from .maps import FILE_NAME, MapMaker
from .style import DARK, LIGHT, legend_colours

LEGEND_CSS = "theme/css/map.css"

WRITER = "hub_map"


def map_maker(theme: str, settings: Any) -> MapMaker:
    """The maker of the site's maps, in the site's language."""
    from hub_i18n import translations_for

    return MapMaker(load_atlas(), translations_for(theme, settings.get("DEFAULT_LANG", "en")))


class MapGenerator(Generator):
    """Claims the map files once the graph exists; draws and writes them with the other files."""

    def generate_context(self) -> None:
        site, _settings = site_from(self.context)
        self.maker = map_maker(self.theme, self.settings)
        self.figures = tuple(self.maker.figures(site))
        sources = _sources(site)
        for figure in self.figures:
            outputs_of(self.context).claim(
                figure.path, WRITER, source_of(sources.get(figure.path, ""), self.path)
            )
        outputs_of(self.context).claim(LEGEND_CSS, WRITER)

    def generate_output(self, writer: Any) -> None:
        site, _settings = site_from(self.context)
        for figure in self.figures:
            outputs_of(self.context).write(figure.path, self.maker.svg(site, figure), WRITER)
        self._write_legend_css()

    def _write_legend_css(self) -> None:
        colours = {"map_light": legend_colours(LIGHT), "map_dark": legend_colours(DARK)}
        css = self.env.get_template("map.css").render(colours)
        outputs_of(self.context).write(LEGEND_CSS, css.rstrip("\n") + "\n", WRITER)


def _sources(site: Site) -> dict[str, str]:
    """The file behind each page that can have a map (ordinances, issues), by the map's path."""
    documents = {doc.url + FILE_NAME: doc.source for doc in site.documents}
    return documents | {issue.url + FILE_NAME: issue.source for issue in site.issues.values()}

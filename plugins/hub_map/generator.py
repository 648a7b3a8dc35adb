"""The Pelican generator that writes each map as its own SVG file.

Reads the `Site` graph from `hub_content`, the committed state shapes (`atlas.py`) and the site's gettext
catalogue (hub_i18n); writes `ordinances/<slug>/map.svg` for each ordinance with adoptions,
`issues/<slug>/map.svg` for each issue with one, and `jurisdictions/map.svg`: exactly the maps the pages
show (`MapMaker.figures()`), byte-for-byte the same on every build of the same content; and
`theme/css/map.css`, the legend's stylesheet, from the theme's `map.css` template with the colours of
`style.py` filled in (the maps' own colours, so the legend cannot show others). A file that already
exists in the output (written by another plugin) stops the build with its path named.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_core.workers import write_new

from .atlas import load_atlas
from .maps import MapMaker
from .style import DARK, LIGHT, legend_colours

LEGEND_CSS = "theme/css/map.css"

logger = logging.getLogger(__name__)


def map_maker(theme: str, settings: Any) -> MapMaker:
    """The maker of the site's maps, in the site's language."""
    from hub_i18n import translations_for

    return MapMaker(load_atlas(), translations_for(theme, settings.get("DEFAULT_LANG", "en")))


class MapGenerator(Generator):
    """Writes the map files; runs after ContentGenerator has put the graph into the context."""

    def generate_output(self, writer: Any) -> None:
        site, _settings = site_from(self.context)
        maker = map_maker(self.theme, self.settings)
        output = Path(self.output_path)
        for figure in maker.figures(site):
            outputs_of(self.context).claim(figure.path, "hub_map")
            write_new(output / figure.path, maker.svg(site, figure).encode("utf-8"), "hub_map")
        self._write_legend_css()

    def _write_legend_css(self) -> None:
        colours = {"map_light": legend_colours(LIGHT), "map_dark": legend_colours(DARK)}
        css = self.env.get_template("map.css").render(colours)
        outputs_of(self.context).claim(LEGEND_CSS, "hub_map")
        outputs_of(self.context).write(LEGEND_CSS, css.rstrip("\n") + "\n", "hub_map")

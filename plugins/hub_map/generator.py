"""The Pelican generator that writes each map as its own SVG file.

Reads the `Site` graph from `hub_content`, the committed state shapes (`atlas.py`) and the site's gettext
catalogue (hub_i18n); writes `ordinances/<slug>/map.svg` for each ordinance with adoptions,
`issues/<slug>/map.svg` for each issue with one, and `jurisdictions/map.svg`: exactly the maps the pages
show (`MapMaker.figures()`), byte-for-byte the same on every build of the same content. A file that already
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

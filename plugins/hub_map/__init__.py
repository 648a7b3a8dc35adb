"""hub_map: an SVG map of the United States, drawn at build time, of where model policies were taken up.

Reads: the `Site` graph (adoptions, jurisdictions' latitude and longitude, the states documents name),
the committed state shapes `data/states.json` (U.S. Census Bureau boundaries by way of us-atlas; see
`data/SOURCE.md`) and the site's gettext catalogue (hub_i18n). Writes: each map as its own file,
`ordinances/<slug>/map.svg`, `issues/<slug>/map.svg` and `jurisdictions/map.svg` (`generator.py`), with
its colours inside it (`style.py`), and the legend's stylesheet `theme/css/map.css` with the same colours
(from the theme's `map.css` template). It installs `us_maps` in every Jinja environment; the theme's hooks
(`map_ordinance.html` on ordinance pages, `map_issue.html` on issue pages, `map_jurisdictions.html` on
/jurisdictions/) show the file through `<img>`, whose alt is the map's description in words, with an HTML
legend and a link to the text equivalent. No JavaScript, no tiles, nothing from another origin; the page
carries none of the map's bytes, and the image loads lazily.

Modules: `projection.py` (Albers USA and the territory insets), `atlas.py` (the shapes), `svg.py` (the
marks and the markup, pure), `style.py` (the colours), `maps.py` (which adoptions each page maps, and the
file each map is written to), `generator.py` (writes the files), `data/make_states.py` (run by hand to
rebuild the shapes).
"""

from __future__ import annotations

from typing import Any

from .atlas import Atlas, load_atlas
from .maps import Figure, MapMaker
from .svg import PRECEDENCE, UsMap, markup, render

__all__ = [
    "PRECEDENCE",
    "Atlas",
    "Figure",
    "MapMaker",
    "UsMap",
    "load_atlas",
    "markup",
    "register",
    "render",
]


def _install(generator: Any) -> None:
    from .generator import map_maker

    generator.env.globals["us_maps"] = map_maker(generator.theme, generator.settings)


def _generators(_pelican: object) -> Any:
    from .generator import MapGenerator

    return MapGenerator


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)
    signals.get_generators.connect(_generators)

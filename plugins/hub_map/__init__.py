"""hub_map: an SVG map of the United States, drawn at build time, of where model policies were taken up.

Reads: the `Site` graph (adoptions, jurisdictions' latitude and longitude, the states documents name),
the committed state shapes `data/states.json` (U.S. Census Bureau boundaries by way of us-atlas; see
`data/SOURCE.md`) and the site's gettext catalogue (hub_i18n). Writes: each map as its own file,
`ordinances/<slug>/map.svg`, `issues/<slug>/map.svg` and `jurisdictions/map.svg` (`generator.py`), with
its colours inside it (`style.py`). It adds each page's map to the page's view (`parts.py`); the theme's
hooks (`map_ordinance.html` on ordinance pages, `map_issue.html` on issue pages, `map_jurisdictions.html`
on /jurisdictions/) show `view.figure`'s file through `<img>`, whose alt is the map's description in
words, with an HTML legend coloured by theme/css/map.css (written by this plugin from the
theme's `map.css` template with the colours of `style.py`) and a link to the text equivalent. No
JavaScript, no tiles, nothing from another origin; the page carries none of the map's bytes, and the
image loads lazily.

Modules: `projection.py` (Albers USA and the territory insets), `atlas.py` (the shapes), `marks.py` (the
marks and the legend: states shaded for statewide adoptions only, local ones as dots, pure), `words.py`
(the summary, the map in words and the tooltips, pure), `preempt.py` (the preemption hatching and its
words, pure), `svg.py` (the markup, pure), `style.py` (the colours),
`maps.py` (which adoptions each page maps, and the file each map is written to), `parts.py` (the map in
each page's view), `generator.py` (writes the files), `data/make_states.py` (run by hand to rebuild the
shapes).
"""

from __future__ import annotations

from typing import Any

from .atlas import Atlas, load_atlas
from .maps import Figure, MapMaker, SiteMaps
from .marks import PRECEDENCE, UsMap, render
from .svg import markup

__all__ = [
    "PRECEDENCE",
    "Atlas",
    "Figure",
    "MapMaker",
    "SiteMaps",
    "UsMap",
    "load_atlas",
    "markup",
    "register",
    "render",
]


def _install(generator: Any) -> None:
    from hub_core.views import view_parts

    from .parts import figure_part

    parts = view_parts(generator.context)
    if "hub_map" not in parts:
        parts.add("hub_map", figure_part(generator.theme, generator.context))


def _generators(_pelican: object) -> Any:
    from .generator import MapGenerator

    return MapGenerator


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)
    signals.get_generators.connect(_generators)

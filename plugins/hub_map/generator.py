"""The Pelican generator that writes each map as its own SVG file.

Reads the `Site` graph from `hub_content` and the build's `SiteMaps` (maps.py: the state shapes and the
site's gettext catalogue); writes `ordinances/<slug>/map.svg` for each ordinance with adoptions,
`issues/<slug>/map.svg` for each issue with one, and `jurisdictions/map.svg`: exactly the maps the pages
show (`SiteMaps.figures()`, the very figures the page views were given while hub_pages planned them, not
drawn again), byte-for-byte the same on every build of the same content; and `theme/css/map.css`, the
legend's stylesheet, from the theme's `map.css` template with the colours of `style.py` filled in (the
maps' own colours, so the legend cannot show others). Each is claimed in the build's output registry
while the site is read (`generate_context`), naming the ordinance's or issue's file, and written through
the registry afterwards. With the cache on, a file whose fingerprint (`_Keys`) matches the last build's record
is that build's file, hard-linked (hub_core/reuse.py), and is not drawn again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.context import MAPS_KEY, release
from hub_core.outputs import outputs_of, source_of
from hub_core.reuse import FileReuse, file_reuse, site_key, value_digest
from hub_model import Site

from .maps import FILE_NAME, Figure, maps_of
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
        reuse = file_reuse(self.context, WRITER)
        keys = _Keys(self.context, self.theme, self.maps.site) if reuse is not None else None
        for figure in self.figures:
            key = keys.figure(figure) if keys is not None else None
            self._write(reuse, figure.path, key, partial(self.maps.svg, figure))
        self._write(reuse, LEGEND_CSS, keys.legend() if keys is not None else None, self._legend_css)
        if reuse is not None:
            reuse.save()
        if release(self.context, MAPS_KEY):
            del self.maps, self.figures

    def _write(self, reuse: FileReuse | None, path: str, key: bytes | None, make: Callable[[], str]) -> None:
        """The file made by `make()`, or the last build's if it was made from the same `key`."""
        if reuse is None or key is None:
            outputs_of(self.context).write(path, make(), WRITER)
        else:
            reuse.write(outputs_of(self.context), path, key, make, WRITER)

    def _legend_css(self) -> str:
        colours = {"map_light": legend_colours(LIGHT), "map_dark": legend_colours(DARK)}
        css = self.env.get_template("map.css").render(colours)
        return css.rstrip("\n") + "\n"


class _Keys:
    """What each file's bytes are made from. A map's: its `UsMap` (the figure the page views hold, so
    the key costs a pickle, not a drawing), the states' names its tooltips print, and the site-wide key
    (the hub's code with the state shapes, the libraries, the theme's files with its catalogues, the
    settings, DEFAULT_LANG among them). The legend's: the site-wide key alone (its template is a theme
    file, its colours are code)."""

    def __init__(self, context: Any, theme: str, site: Site) -> None:
        states = sorted((j.slug, j.name) for j in site.jurisdictions.values() if j.is_state)
        self.base = site_key(WRITER, context, theme).add(states)

    def figure(self, figure: Figure) -> bytes:
        return self.base.copy().add_bytes(b"map\0" + value_digest(figure.us_map)).digest()

    def legend(self) -> bytes:
        return self.base.copy().add("legend").digest()


def _sources(site: Site) -> dict[str, str]:
    """The file behind each page that can have a map (ordinances, issues), by the map's path."""
    documents = {doc.url + FILE_NAME: doc.source for doc in site.documents}
    return documents | {issue.url + FILE_NAME: issue.source for issue in site.issues.values()}

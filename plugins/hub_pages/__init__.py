"""hub_pages: plan the hub's HTML pages as typed views (hub_core.views), then render and write them.

Reads: the `Site` graph that `hub_content` put into Pelican's context, the `HUB` setting and the theme's
templates. Writes: `index.html`, `/<type>/<slug>/` for every document (`/<slug>/` for pages), paginated
listings `/<type>/` and `/<type>/page/N/`, `/issues/`, `/issues/<slug>/`, `/jurisdictions/`,
`/jurisdictions/<slug>/`, `404.html` and `theme/css/brand.css`, every file through the output registry.

Modules: `planner.py` (one `PageView` per page), `pages.py` (the values each kind of page prints),
`doctypes.py` (what only one type's page shows, and its template), `views.py` (the computations behind
the values), `parallel.py` (rendering, on every core), `reuse.py` (pages copied from the last build),
`brand.py` (the site's identity), `generator.py` (the Pelican generator), `compiled.py` (every
generator's compiled templates kept in CACHE_PATH).
"""

from __future__ import annotations

from pelican import signals

from . import compiled
from .generator import PageGenerator, chrome

__all__ = ["PageGenerator", "chrome", "register"]


def _generators(_pelican: object) -> type:
    return PageGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(compiled.install)

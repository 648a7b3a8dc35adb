"""hub_pages: write the hub's HTML pages from the content graph.

Reads: the `Site` graph that `hub_content` put into Pelican's context, the `HUB` setting and the theme's
templates. Writes: `index.html`, `/<type>/<slug>/` for every document (`/<slug>/` for pages), paginated
listings `/<type>/` and `/<type>/page/N/`, `/issues/`, `/issues/<slug>/`, `/jurisdictions/`,
`/jurisdictions/<slug>/` and `404.html`.
"""

from __future__ import annotations

from pelican import signals

from .generator import PageGenerator, chrome

__all__ = ["PageGenerator", "chrome", "register"]


def _generators(_pelican: object) -> type:
    return PageGenerator


def register() -> None:
    signals.get_generators.connect(_generators)

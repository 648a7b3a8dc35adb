"""hub_map's part of the page views: the map each page shows, computed before the page is rendered.

Reads the planned `PageView` and the build's `SiteMaps` (maps.py, in the context); writes nothing
(generator.py writes the maps' files). An ordinance's page gets the map of its adoptions, an issue's page
the map of its models' adoptions, and /jurisdictions/ the map of the whole site; theme/templates/map_*.html
print `view.figure`. Each map is drawn once per build: the generator later writes these very figures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, MutableMapping
from typing import Any

from hub_core.views import Kind, PageView
from hub_model import Document, Issue, OrdinanceDetails

from .maps import Figure, maps_of


def figure_part(theme: str, context: MutableMapping[str, Any]) -> Callable[[PageView], PageView]:
    def add_figure(view: PageView) -> PageView:
        if view.lang:  # the maps' words are in the site's language: a page in another shows none
            return view
        maps = maps_of(context, theme)
        subject = view.subject
        figure: Figure | None = None
        if view.kind is Kind.DOCUMENT and isinstance(subject, Document):
            if isinstance(subject.details, OrdinanceDetails):
                figure = maps.ordinance(subject)
        elif view.kind is Kind.ISSUE and isinstance(subject, Issue):
            figure = maps.issue(subject)
        elif view.kind is Kind.JURISDICTIONS:
            figure = maps.everything()
        return view if figure is None else dataclasses.replace(view, figure=figure)

    return add_figure

"""hub_map's part of the page views: the map each page shows, computed before the page is rendered.

Reads the planned `PageView` and the `Site` graph; writes nothing (generator.py writes the maps' files).
An ordinance's page gets the map of its adoptions, an issue's page the map of its models' adoptions, and
/jurisdictions/ the map of the whole site; theme/templates/map_*.html print `view.figure`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from hub_core.views import Kind, PageView
from hub_model import Document, Issue, OrdinanceDetails

from .maps import Figure, MapMaker


def figure_part(maker: MapMaker, context: Mapping[str, Any]) -> Callable[[PageView], PageView]:
    def add_figure(view: PageView) -> PageView:
        from hub_content import site_from

        site = site_from(context)[0]
        subject = view.subject
        figure: Figure | None = None
        if view.kind is Kind.DOCUMENT and isinstance(subject, Document):
            if isinstance(subject.details, OrdinanceDetails):
                figure = maker.ordinance(site, subject)
        elif view.kind is Kind.ISSUE and isinstance(subject, Issue):
            figure = maker.issue(site, subject)
        elif view.kind is Kind.JURISDICTIONS:
            figure = maker.everything(site)
        return view if figure is None else dataclasses.replace(view, figure=figure)

    return add_figure

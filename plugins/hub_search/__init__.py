"""hub_search: static search with the real Pagefind binary, filters from the typed model.

Reads: the content graph (filters and metadata for each page, the search page's choices), the theme's
catalogues and, after writing, the output folder. Writes: `/search/` (the search page: works with
JavaScript, explains and links to the browse pages without it) and `/<lang>/search/` for each language
of `HUB_LANGUAGES` (searching that language's pages), `search/places/<state>.json`, and the Pagefind
bundle `/pagefind/` (one for all languages: Pagefind splits it by each page's `<html lang>`). The
build fails if Pagefind is missing, fails, or indexes fewer pages than were marked. Templates mark what
is indexed with `data-pagefind-body` and print the `Facets` this plugin adds to the page's view
(`view.facets`).
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import SearchGenerator

    return SearchGenerator


def _install(generator: Any) -> None:
    """Every view of a page that is indexed gets its facets."""
    from hub_core.views import view_parts

    from .facets import facets_part

    parts = view_parts(generator.context)
    if "hub_search" not in parts:
        parts.add("hub_search", facets_part(generator.context))


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)

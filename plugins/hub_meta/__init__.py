"""hub_meta: make every page shareable and machine-readable.

Reads: the content graph and HUB settings (`share_image`, `share_image_alt`) from hub_content, SITEURL,
SITENAME, SITE_DESCRIPTION, DEFAULT_LANG, and every page the writer writes (`content_written`). Writes:
nothing into pages itself: it adds its part, the `Head`, to every planned page view (hub_core.views), which
theme/templates/_meta.html prints in every page's <head> (canonical link, Open Graph and Twitter card
tags, schema.org JSON-LD); and, on `finalized`, `sitemap.xml` and `robots.txt` at the output's root.

Canonical links, og:url and og:image are written only when SITEURL is an absolute http(s) address (a
relative one is invalid), the sitemap is absolute then and root-relative otherwise (local preview).
Sharing cards and search engines need absolute addresses: publish with HUB_SITEURL set (publishconf.py
reads it; docs/PUBLISHING.md).
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import MetaGenerator

    return MetaGenerator


def _install(generator: Any) -> None:
    """Every view gets its head (once per build: this runs for every generator)."""
    from hub_core.views import view_parts

    from .template import head_part

    parts = view_parts(generator.context)
    if "hub_meta" not in parts:
        parts.add("hub_meta", head_part(generator.context, generator.theme))


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)

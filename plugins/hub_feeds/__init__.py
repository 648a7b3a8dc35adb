"""hub_feeds: write Atom 1.0 feeds (RFC 4287) of the newest dated documents.

Reads: the `Site` graph that `hub_content` put into Pelican's context, the HUB setting `feed_size`,
SITEURL, SITENAME, DEFAULT_LANG and the theme's `atom.xml` template (Pelican finds it because
TEMPLATE_EXTENSIONS includes ".xml"). Writes: `feeds/all.atom.xml` for the whole site,
`feeds/<folder>.atom.xml` per listed type, `feeds/issues/<slug>.atom.xml` per issue and
`feeds/jurisdictions/<slug>.atom.xml` per jurisdiction page: each the newest `feed_size` documents,
newest first, with permanent ids and no date taken from the clock.
"""

from __future__ import annotations

from pelican import signals

from .generator import FeedGenerator

__all__ = ["FeedGenerator", "register"]


def _generators(_pelican: object) -> type:
    return FeedGenerator


def register() -> None:
    signals.get_generators.connect(_generators)

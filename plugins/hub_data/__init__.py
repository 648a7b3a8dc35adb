"""hub_data: write the hub's open data for researchers and partner sites.

Reads: the `Site` graph that `hub_content` put into Pelican's context, and the `SITENAME` and `SITEURL`
settings. Writes: `api/documents.json`, `api/adoptions.csv`, `api/adoptions.json`, `api/issues.json` and
`api/jurisdictions.json`, and `<ordinance folder>/adoptions.csv` and `adoptions.json` for each model with
adoptions (formats in docs/DATA.md), byte-for-byte the same on every build of the same
content. Drafts appear only where `hub_content` kept them (local preview), never when publishing.
"""

from __future__ import annotations

from pelican import signals

from .generator import DataGenerator

__all__ = ["DataGenerator", "register"]


def _generators(_pelican: object) -> type:
    return DataGenerator


def register() -> None:
    signals.get_generators.connect(_generators)

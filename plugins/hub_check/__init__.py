"""hub_check: check the written site before it is published.

Reads: the output folder after every generator (static files included) has written it, and the content
graph. Writes: nothing. Fails the build, naming the page and the link, when an internal link or image is
broken (a missing file, or a #fragment with no such id), or when a document cannot be reached from each
of its issue pages, its jurisdiction pages and their states' pages (listings below them count).
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import CheckGenerator

    return CheckGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)

"""Where the content graph lives between generators: Pelican's shared context, under fixed keys.

Reads and writes nothing itself; `site_from()` is how page generators get the graph and the HUB settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hub_core.context import SETTINGS_KEY, SITE_KEY
from hub_model import Site

from .settings import HubSettings


def site_from(context: Mapping[str, Any]) -> tuple[Site, HubSettings]:
    """The graph built by ContentGenerator; a clear error if the hub_content plugin is not loaded."""
    try:
        return context[SITE_KEY], context[SETTINGS_KEY]
    except KeyError:
        raise RuntimeError(
            "the hub_content plugin must be listed in PLUGINS before the plugins that use the content graph"
        ) from None

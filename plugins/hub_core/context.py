"""The names under which plugins share values in Pelican's settings and context, in one place.

Reads and writes nothing. A plugin that puts a value into the context, or reads one another plugin put
there, names it by one of these constants, never by a string of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SITE_KEY = "hub_site"  # hub_content's Site graph
SETTINGS_KEY = "hub_settings"  # hub_content's HubSettings
TODAY_KEY = "hub_today"  # the build's date: documents dated after it are scheduled
TOOLKITS_KEY = "hub_toolkit"  # hub_toolkit's Toolkit of each ordinance, by document URL
HISTORY_KEY = "hub_history"  # hub_history's SiteHistory
MAPS_KEY = "hub_maps"  # hub_map's SiteMaps: this build's maps, each drawn once
PAGE_REUSE_KEY = "hub_page_reuse"  # hub_pages' PageReuse, for other writers of pages (hub_data)
OUTPUTS_KEY = "HUB_OUTPUTS"  # the setting (and so context entry) holding this build's OutputRegistry
BACKGROUND_KEY = "HUB_BACKGROUND"  # the setting under which hub_build passes a Background
PUBLISHED_KEY = "HUB_PUBLISHED"  # and the folder the finished site goes to (it may hold the last build)
TYPED_SETTINGS_KEY = "HUB_TYPED_SETTINGS"  # hub_core.settings.Settings, checked on Pelican's `initialized`
VIEW_PARTS_KEY = "hub_view_parts"  # hub_core.views.ViewParts: what plugins add to every page view
PREVIEW_KEY = "HUB_PREVIEW"  # in a devserver's builds, the hub_core.preview.Preview they leave behind

RUNTIME_KEYS = frozenset(
    {
        OUTPUTS_KEY,
        BACKGROUND_KEY,
        PUBLISHED_KEY,
        TYPED_SETTINGS_KEY,
        PREVIEW_KEY,
        "OUTPUT_PATH",
        "CACHE_PATH",
        "PATH",
    }
)
"""Settings that hold this build's handles and folders rather than choices that shape a page."""


def page_settings(context: Mapping[str, Any]) -> dict[str, Any]:
    """The settings a page's template may print (Pelican's and the hub's, all upper case), without the
    build's handles and folders: with the page's view, what a rendered page is made from."""
    return {k: v for k, v in context.items() if k.isupper() and k not in RUNTIME_KEYS}


def release(context: dict[str, Any], key: str) -> bool:
    """Drop what a plugin shared under `key` once the build is done with it (its files are written), so
    the check that reads every page back has that memory; kept in a devserver's build (`PREVIEW_KEY`),
    whose later saves re-render pages from it. True if dropped: the plugin drops its own hold too."""
    if context.get(PREVIEW_KEY) is not None:
        return False
    context.pop(key, None)
    return True

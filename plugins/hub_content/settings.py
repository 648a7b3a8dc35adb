"""The hub's one namespaced setting, `HUB = {...}` in pelicanconf.py, checked key by key.

Reads the Pelican settings dict; writes nothing. An unknown key or a value of the wrong type stops the
build with the key named, instead of being ignored.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any
from zoneinfo import ZoneInfo

from .fields import suggest


class SettingsError(Exception):
    """A HUB setting is unknown or has the wrong type."""


@dataclass(frozen=True)
class HubSettings:
    drafts: bool = False
    """Build drafts (local preview) or leave them out entirely (publishing)."""
    per_page: int = 20
    """Documents per listing page."""
    home_recent: int = 8
    """How many of the newest documents the home page shows."""
    feed_size: int = 20
    """How many of the newest documents each Atom feed lists."""
    scheduled: bool = False
    """Build documents dated in the future (local preview) or leave them out until their date."""
    cache: bool = True
    """Keep what was read from each file in CACHE_PATH, so unchanged files are not read again."""
    preview: int = 6
    """Documents of each type shown on an issue or jurisdiction page before "All N ..." links on."""
    share_image: str = "theme/images/share.png"
    """The picture shown when a page without its own `image` is shared (hub_meta); empty for none."""
    share_image_alt: str = "The hub's logo"
    """What the share image shows, for readers who cannot see it."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> HubSettings:
        given = settings.get("HUB", {})
        if not isinstance(given, Mapping):
            raise SettingsError("HUB must be a dict, like HUB = {'drafts': True}")
        known = {f.name: f for f in fields(cls)}
        for key, value in given.items():
            if key not in known:
                raise SettingsError(
                    f"unknown HUB setting '{key}'{suggest(key, known)}; known: {', '.join(known)}"
                )
            expected = type(getattr(cls, key))
            if type(value) is not expected:
                raise SettingsError(f"HUB['{key}'] must be {expected.__name__}, not {value!r}")
            if expected is int and value < 1:
                raise SettingsError(f"HUB['{key}'] must be at least 1, not {value}")
        return cls(**given)


def build_date(settings: Mapping[str, Any]) -> dt.date:
    """Today in the site's TIMEZONE (HUB_TODAY=YYYY-MM-DD overrides it, for tests and reruns)."""
    given = os.environ.get("HUB_TODAY")
    if given:
        return dt.date.fromisoformat(given)
    return dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()

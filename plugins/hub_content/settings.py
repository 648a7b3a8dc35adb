"""The `HUB` setting as hub_content reads it, and the build's date.

Reads the Pelican settings dict (TIMEZONE) and the HUB_TODAY environment variable; writes nothing. The
schema of every hub setting, `HUB` included, is declared and checked in hub_core/settings.py; its
`HubSettings` and `SettingsError` are the ones named here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from hub_core.settings import HubSettings, SettingsError

__all__ = ["HubSettings", "SettingsError", "build_date"]


def build_date(settings: Mapping[str, Any]) -> dt.date:
    """Today in the site's TIMEZONE (HUB_TODAY=YYYY-MM-DD overrides it, for tests and reruns)."""
    given = os.environ.get("HUB_TODAY")
    if given:
        return dt.date.fromisoformat(given)
    return dt.datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()

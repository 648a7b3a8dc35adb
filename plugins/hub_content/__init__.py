"""hub_content: read and validate the content folder and build the typed content graph.

Reads: `content/` (documents, issues, jurisdictions; static files only to check they exist) and the
`HUB` setting. Writes: nothing to the output; the `Site` graph goes into Pelican's context for the
page generators. ReportedError content raises `InvalidContentError` with every `path:line: message` found.
"""

from __future__ import annotations

from typing import Any

from .context import site_from
from .errors import ContentError, InvalidContentError
from .loader import Loaded, load, load_site
from .settings import HubSettings, SettingsError

__all__ = [
    "ContentError",
    "HubSettings",
    "InvalidContentError",
    "Loaded",
    "SettingsError",
    "load",
    "load_site",
    "register",
    "site_from",
]


def _generators(_pelican: object) -> Any:
    from .generator import ContentGenerator

    return ContentGenerator


def register() -> None:
    # Pelican is imported here, not at the top, so `make check` validates content without loading it.
    from pelican import signals

    from hub_core.outputs import claim_static

    signals.get_generators.connect(_generators)
    signals.initialized.connect(_check_settings)
    signals.initialized.connect(_start_build)
    signals.static_generator_finalized.connect(claim_static)


def _check_settings(pelican: Any) -> None:
    """Every hub setting is checked before anything is read; SettingsError lists every problem at once.
    The typed result is kept in the settings, so the context every generator gets holds it too."""
    from hub_core.context import TYPED_SETTINGS_KEY
    from hub_core.settings import read_settings

    pelican.settings[TYPED_SETTINGS_KEY] = read_settings(pelican.settings)


def _start_build(pelican: Any) -> None:
    """Each build claims its output paths in a registry of its own (outputs.py), made before any generator
    runs, in the settings Pelican copies into the shared context."""
    from hub_core.outputs import start_build

    start_build(pelican.settings)

"""hub_i18n: every interface string goes through gettext, in the site's language.

Reads: `DEFAULT_LANG` and the compiled catalogues `theme/translations/<lang>/LC_MESSAGES/messages.mo`
(none yet: English is the source language). Writes: nothing; it installs the translations into the
Jinja environment of every generator, so templates use `{{ _("...") }}` and `{% trans %}` and the Spanish
edition adds a catalogue, not template changes.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

from pelican import signals

DOMAIN = "messages"
I18N_EXTENSION = "jinja2.ext.InternationalizationExtension"


def translations_for(theme: str, language: str) -> gettext.NullTranslations:
    """The catalogue for the language, or the untranslated source strings when there is none."""
    localedir = Path(theme) / "translations"
    return gettext.translation(DOMAIN, localedir=localedir, languages=[language], fallback=True)


def _install(generator: Any) -> None:
    if I18N_EXTENSION not in generator.env.extensions:
        raise RuntimeError(
            "hub_i18n needs JINJA_ENVIRONMENT['extensions'] to include 'jinja2.ext.i18n' in pelicanconf.py"
        )
    translations = translations_for(generator.theme, generator.settings.get("DEFAULT_LANG", "en"))
    generator.env.install_gettext_translations(translations, newstyle=True)


def register() -> None:
    signals.generator_init.connect(_install)

"""hub_i18n: interface strings go through gettext, and dates and numbers are written, in the site's language.

Reads: `DEFAULT_LANG` and the theme's catalogue `theme/translations/<lang>/LC_MESSAGES/messages.po`
(catalogues.py compiles it in memory; English, the source language, needs none). Writes: nothing; it
installs the translations into the Jinja environment of every generator, so templates use
`{{ _("...") }}` and `{% trans %}`, with `format_date` and `format_number` (formats.py): a language is one
setting and one catalogue, not template changes. The languages the site is also published in
(`HUB_LANGUAGES`) each get an environment of their own (editions.py). A language without a catalogue, or
a broken catalogue, stops the build with the file named.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from hub_core.settings import SettingsError

from .catalogues import LANGUAGE, SOURCE_LANGUAGE, catalogue_path, translations_for
from .editions import I18N_EXTENSION, check_languages, install_language, language_environment, language_name
from .formats import date_formatter, number_formatter

__all__ = [
    "SOURCE_LANGUAGE",
    "catalogue_path",
    "check_languages",
    "date_formatter",
    "interface_language",
    "language_environment",
    "language_name",
    "language_of",
    "number_formatter",
    "translations_for",
]


def language_of(settings: Any, theme: str) -> str:
    """The site's language, checked: a language code the theme has a catalogue for (or English)."""
    language = settings.get("DEFAULT_LANG", SOURCE_LANGUAGE)
    if not isinstance(language, str) or not LANGUAGE.match(language):
        raise SettingsError([f"DEFAULT_LANG: {language!r:.60} is not a language code: write one like 'es'"])
    if language != SOURCE_LANGUAGE and not catalogue_path(theme, language).is_file():
        where = catalogue_path(theme, language)
        fix = f"run `make translations LANGS={language}` and translate it"
        raise SettingsError([f"DEFAULT_LANG: the theme has no catalogue for {language!r} ({where}): {fix}"])
    return language


def interface_language(settings: Any, theme: str) -> str:
    """The site's language with its catalogue read and checked, as a build reads it (for `make check`),
    and every other language's too."""
    language = language_of(settings, theme)
    for code in check_languages(settings, theme):
        translations_for(theme, code)
    return language


def _install(generator: Any) -> None:
    if I18N_EXTENSION not in generator.env.extensions:
        raise RuntimeError(
            "hub_i18n needs JINJA_ENVIRONMENT['extensions'] to include 'jinja2.ext.i18n' in pelicanconf.py"
        )
    language = language_of(generator.settings, generator.theme)
    check_languages(generator.settings, generator.theme)
    install_language(generator.env, generator.theme, language, language)


def register() -> None:
    signals.generator_init.connect(_install)

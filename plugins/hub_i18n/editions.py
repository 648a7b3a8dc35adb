"""The site's languages, each checked, and a Jinja environment per language for the pages in it.

Reads `DEFAULT_LANG`, `HUB_LANGUAGES` (typed in hub_core/settings.py) and the theme's catalogues; writes
nothing. A page in Spanish is rendered by an overlay of the generator's environment with the Spanish
catalogue, dates and numbers installed in a globals dictionary of its own (an overlay otherwise shares
its parent's, and installing a catalogue there would change the language of every page), and a template
cache of its own (a template compiled for one environment keeps that environment's globals).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from babel import Locale
from jinja2 import Environment

from hub_core.settings import SettingsError, languages_of, settings_of

from .catalogues import SOURCE_LANGUAGE, catalogue_path, translations_for
from .formats import date_formatter, number_formatter

TEMPLATE_CACHE = 400  # Jinja's default cache size
I18N_EXTENSION = "jinja2.ext.InternationalizationExtension"
_I18N_METHODS = (  # what the extension adds to its environment (Jinja's documented i18n methods)
    "install_gettext_translations",
    "install_null_translations",
    "install_gettext_callables",
    "uninstall_gettext_translations",
    "extract_translations",
)


def check_languages(settings: Mapping[str, Any], theme: str) -> tuple[str, ...]:
    """Every language the site is published in, the default first; each extra one must be another
    language than the site's and have a catalogue in the theme (SettingsError listing every problem)."""
    default = settings.get("DEFAULT_LANG", SOURCE_LANGUAGE)
    problems = []
    for language in settings_of(settings).languages:
        code = language.code
        if code == default:
            problems.append(
                f"HUB_LANGUAGES: {code!r} is DEFAULT_LANG, the site's own language: "
                "remove it from HUB_LANGUAGES"
            )
        elif code != SOURCE_LANGUAGE and not catalogue_path(theme, code).is_file():
            where = catalogue_path(theme, code)
            problems.append(
                f"HUB_LANGUAGES: the theme has no catalogue for {code!r} ({where}): "
                f"run `make translations LANGS={code}` and translate it, or remove {code!r}"
            )
    if problems:
        raise SettingsError(problems)
    return languages_of(settings)


@cache
def language_name(code: str) -> str:
    """The language's name in itself, capitalised as a menu item: "Español", "English", "Français"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@cache
def language_name_in(code: str, language: str) -> str:
    """The language's name as `language` writes it within a sentence: "inglés" in Spanish."""
    return Locale.parse(code).get_display_name(language) or code


def install_language(env: Environment, theme: str, language: str, site_language: str) -> None:
    """The language's catalogue, dates and numbers in the environment's own globals, with the values the
    templates print to stay in the language: `LANG` (`<html lang>`), `EDITION` ("" for the site's own
    language, else the code a document's `lang` has in it), `LANG_PREFIX` (`es/`: where its pages are)
    and `SITE_LANGUAGE_NAME` (the site's language as this one names it, for "Only in English")."""
    env.install_gettext_translations(translations_for(theme, language), newstyle=True)  # type: ignore[attr-defined]
    edition = "" if language == site_language else language
    env.globals.update(
        format_date=date_formatter(language),
        format_number=number_formatter(language),
        LANG=language,
        EDITION=edition,
        LANG_PREFIX=f"{edition}/" if edition else "",
        SITE_LANGUAGE_NAME=language_name_in(site_language, language),
    )


def language_environment(env: Environment, theme: str, language: str) -> Environment:
    """An environment like `env` (same loader, filters, tests, and a copy of its globals as they are
    now, `env` speaking the site's language) speaking `language`."""
    overlay = env.overlay(cache_size=TEMPLATE_CACHE)
    overlay.globals = dict(env.globals)
    # The i18n extension's methods were copied from `env`, still bound to its extension and so to its
    # globals: the overlay gets an extension of its own, which adds them anew.
    for name in _I18N_METHODS:
        overlay.__dict__.pop(name, None)
    overlay.add_extension(I18N_EXTENSION)
    install_language(overlay, theme, language, str(env.globals["LANG"]))
    return overlay

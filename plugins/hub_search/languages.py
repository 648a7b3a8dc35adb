"""The search page in each of the site's languages: its interface, and the way to the site's language.

Reads the theme's catalogues (through hub_i18n) and Babel's language names; writes nothing. A search
page under `<lang>/` is rendered by an overlay of the generator's Jinja environment speaking that
language (its catalogue, dates and numbers installed in globals of its own, so the other pages keep the
site's language), and offers the same search in the site's language, named in the page's language
("Buscar también en inglés").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale
from jinja2 import Environment

from hub_i18n import date_formatter, number_formatter, translations_for

I18N_EXTENSION = "jinja2.ext.InternationalizationExtension"
TEMPLATE_CACHE = 400  # Jinja's default cache size: the overlay compiles its templates for its own globals


@dataclass(frozen=True)
class Elsewhere:
    """The search page in another language, for a link from this one."""

    url: str
    """Relative to the site root: `search/`."""
    lang: str
    """Its language code, for the link's `hreflang`."""
    name: str
    """That language's name in this page's language, as it reads inside a sentence: "inglés"."""


def elsewhere(page: str, lang: str, here: str) -> Elsewhere:
    """The search page `page` (in `lang`) as a page in `here` names it."""
    url = page.removesuffix("index.html")
    return Elsewhere(url, lang, Locale.parse(lang).get_display_name(here) or lang)


class _Templates:
    """Pelican's `get_template(name)` (a name without its extension) over another environment."""

    def __init__(self, env: Environment) -> None:
        self.env = env

    def get_template(self, name: str) -> Any:
        return self.env.get_template(name + ".html")


def speaking(env: Environment, theme: str, lang: str) -> _Templates:
    """Templates like `env`'s (same loader, filters, tests and, as they are now, globals) in `lang`."""
    overlay = env.overlay(cache_size=TEMPLATE_CACHE)
    overlay.globals = dict(env.globals)
    # Through the overlay's own i18n extension: `overlay.install_gettext_translations` is copied from the
    # parent, still bound to the parent's extension, and would install the catalogue in the parent's
    # globals (every other page would change language, and this one would not).
    i18n = overlay.extensions[I18N_EXTENSION]
    i18n._install(translations_for(theme, lang), newstyle=True)  # type: ignore[attr-defined]
    overlay.globals["format_date"] = date_formatter(lang)
    overlay.globals["format_number"] = number_formatter(lang)
    return _Templates(overlay)

"""The search page in each of the site's languages: the way to the same search in the site's language.

Reads Babel's language names; writes nothing. A search page under `<lang>/` (rendered by hub_i18n's
environment speaking that language) offers the same search in the site's language, named in the page's
language ("Buscar también en inglés").
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale

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

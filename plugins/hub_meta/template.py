"""How the head values reach the pages: `hub_meta`'s part of every view.

Reads the build's context (the graph and HUB settings from hub_content; SITEURL, SITENAME,
SITE_DESCRIPTION, DEFAULT_LANG, PLUGINS; HUB_THEME's `logo`) and the theme's translations (as hub_i18n
finds them); writes nothing. The work is done by `head.py`. `head_part()` adds the `Head` to each view
while pages are planned, so theme/templates/_meta.html prints `view.head`: every page is rendered from a
view. A page in another language than the site's gets its head in that language: its texts from
`HUB_LANGUAGES`, its catalogue, and the graph as that language shows it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from hub_content import HubSettings, site_from
from hub_core.views import PageView
from hub_i18n import translations_for
from hub_model import Site

from .head import head
from .identity import DEFAULT_LOGO, SiteInfo
from .structured import Translate


def site_info(values: Mapping[str, Any], hub: HubSettings, logo: str = "") -> SiteInfo:
    return SiteInfo(
        url=values.get("SITEURL", ""),
        name=values.get("SITENAME", ""),
        description=values.get("SITE_DESCRIPTION", ""),
        language=values.get("DEFAULT_LANG", "en"),
        image=hub.share_image,
        image_alt=hub.share_image_alt,
        logo=logo or DEFAULT_LOGO,
        search="hub_search" in values.get("PLUGINS", ()),
    )


def _translate(settings: Mapping[str, Any], theme: str, lang: str = "") -> Translate:
    return translations_for(theme, lang or settings.get("DEFAULT_LANG", "en")).gettext


def head_part(context: Mapping[str, Any], theme: str) -> Callable[[PageView], PageView]:
    """hub_meta's part of every view: its head, in the page's language."""
    known: dict[str, tuple[Site, SiteInfo, Translate]] = {}

    def in_language(lang: str) -> tuple[Site, SiteInfo, Translate]:
        from hub_pages.brand import Brand  # the logo is part of the site's identity, checked there
        from hub_pages.editions import edition
        from hub_pages.generator import description_in

        if lang not in known:
            site, hub = site_from(context)
            info = site_info(context, hub, Brand.from_settings(context).logo)
            if lang:
                info = dataclasses.replace(info, language=lang, description=description_in(context, lang))
            known[lang] = (edition(site, lang), info, _translate(context, theme, lang))
        return known[lang]

    def add_head(view: PageView) -> PageView:
        site, info, translate = in_language(view.lang)
        return dataclasses.replace(view, head=head(site, info, view, translate))

    return add_head

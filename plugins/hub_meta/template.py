"""The Jinja global `page_meta()`: the head values of the page being rendered, for _meta.html.

Reads the rendering context (the graph and HUB settings from hub_content; SITEURL, SITENAME,
SITE_DESCRIPTION, DEFAULT_LANG, PLUGINS; `brand.logo` when hub_pages' HUB_THEME names a logo) and the
theme's translations (as hub_i18n finds them); writes nothing. The work is done by `head.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context

from hub_content import HubSettings, site_from
from hub_i18n import translations_for

from .head import PageMeta, head, page_from
from .identity import DEFAULT_LOGO, SiteInfo
from .structured import Translate


def site_info(values: Mapping[str, Any], hub: HubSettings) -> SiteInfo:
    logo = getattr(values.get("brand"), "logo", "") or DEFAULT_LOGO
    return SiteInfo(
        url=values.get("SITEURL", ""),
        name=values.get("SITENAME", ""),
        description=values.get("SITE_DESCRIPTION", ""),
        language=values.get("DEFAULT_LANG", "en"),
        image=hub.share_image,
        image_alt=hub.share_image_alt,
        logo=logo,
        search="hub_search" in values.get("PLUGINS", ()),
    )


def page_meta(context: Context, translate: Translate) -> PageMeta:
    site, hub = site_from(context)
    info = site_info(context, hub)
    return head(site, info, page_from(context, info, translate), translate)


def page_meta_function(settings: Mapping[str, Any], theme: str) -> Callable[..., PageMeta]:
    """`page_meta()` for one generator's environment, translating into the site's language."""
    translations = translations_for(theme, settings.get("DEFAULT_LANG", "en"))
    return pass_context(partial(page_meta, translate=translations.gettext))

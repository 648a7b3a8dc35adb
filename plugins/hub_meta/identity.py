"""Who the site is and where it is served: the values every page's metadata repeats, and its addresses.

Reads nothing and writes nothing; the caller fills `SiteInfo` from the settings (SITEURL, SITENAME,
SITE_DESCRIPTION, DEFAULT_LANG, the HUB keys `share_image` and `share_image_alt`, whether hub_cards is
among PLUGINS).

Addresses follow SITEURL. Sharing cards, canonical links and sitemaps want absolute URLs, and only an
absolute http(s) SITEURL can give them; otherwise (local preview) the head leaves out the canonical link,
og:url and og:image (head.py), and the other addresses (JSON-LD, sitemap) are written root-relative,
under SITEURL when it is a folder like `/hub`. Publishing therefore needs HUB_SITEURL.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub_core.outputs import CARD, CARD_SIZE
from hub_model import Document

DEFAULT_LOGO = "theme/images/icon.svg"
"""The site's logo when the theme names none (HUB_THEME['logo'])."""


def is_absolute(site_url: str) -> bool:
    """Whether SITEURL gives absolute addresses (http or https with a host)."""
    return site_url.startswith(("http://", "https://"))


def address(site_url: str, path: str) -> str:
    """The address of `path` (relative to the site root): absolute when SITEURL is, else root-relative."""
    base = site_url.rstrip("/")
    if is_absolute(base) or base.startswith("/"):
        return f"{base}/{path}"
    return f"/{path}"


def og_locale(language: str) -> str:
    """Open Graph's `language_TERRITORY` form of DEFAULT_LANG: 'en-US' -> 'en_US'; 'en' stays 'en'."""
    return language.replace("-", "_")


@dataclass(frozen=True)
class SiteInfo:
    url: str
    """SITEURL as set: empty, a folder like `/hub`, or an absolute `https://…` address."""
    name: str
    description: str
    language: str
    image: str = ""
    """The default share image, relative to the site root; empty for none."""
    image_alt: str = ""
    logo: str = DEFAULT_LOGO
    search: bool = False
    """Whether the site has a search page (hub_search), for the home page's SearchAction."""
    cards: bool = False
    """Whether every document has its social card beside its page (hub_cards)."""

    def address(self, path: str) -> str:
        return address(self.url, path)

    @property
    def home(self) -> str:
        return self.address("")


@dataclass(frozen=True)
class ShareImage:
    """The picture a shared link shows: its path under the site root, its text alternative and, when
    known, its size in pixels."""

    path: str
    alt: str
    width: int | None = None
    height: int | None = None


def share_image(info: SiteInfo, document: Document | None) -> ShareImage | None:
    """The picture a shared link shows: the document's own `image`, else its card (hub_cards, whose
    alternative is the title it shows), else the site's default."""
    if document is not None and document.image:
        return ShareImage(document.image, document.image_alt or "")
    if document is not None and info.cards:
        return ShareImage(document.url + CARD, document.title, *CARD_SIZE)
    return ShareImage(info.image, info.image_alt) if info.image else None

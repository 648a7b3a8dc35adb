"""The site's identity from settings: name and logo, colours and footer links, so any network or
organization can run its own hub without touching templates.

Reads the typed `HUB_THEME` section (`Brand`, declared and checked with every other setting in
hub_core/settings.py, colours included: WCAG AA, 4.5:1, against the theme's backgrounds); writes nothing
itself (`brand_css()` returns the stylesheet the page generator writes to `theme/brand.css`).
"""

from __future__ import annotations

from hub_core.settings import DARK_BACKGROUND, LIGHT_BACKGROUND, MIN_CONTRAST, Brand, SettingsError, contrast

ThemeSettingsError = SettingsError
"""HUB_THEME problems are settings problems: reported with every other one, in one message."""

__all__ = [
    "DARK_BACKGROUND",
    "LIGHT_BACKGROUND",
    "MIN_CONTRAST",
    "Brand",
    "ThemeSettingsError",
    "brand_css",
    "contrast",
]


def brand_css(brand: Brand) -> str:
    """The custom properties the theme's stylesheet reads; served as a file, never inline (CSP)."""
    return (
        f":root {{ --accent: {brand.accent}; --link: {brand.link}; }}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"  :root {{ --accent: {brand.accent_dark}; --link: {brand.link_dark}; }}\n"
        "}\n"
    )

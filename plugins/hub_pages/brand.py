"""The site's identity from settings: name and logo, colours and footer links, so any network or
organization can run its own hub without touching templates.

Reads the `HUB_THEME` setting, checked key by key; writes nothing itself (`brand_css()` returns the
stylesheet the page generator writes to `theme/brand.css`). Colours must keep WCAG AA contrast (4.5:1)
against the theme's backgrounds, or the build stops and says which colour to change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from hub_content.fields import suggest

LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#111417"
MIN_CONTRAST = 4.5
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class ThemeSettingsError(Exception):
    """HUB_THEME has an unknown key, a value of the wrong shape, or a colour with too little contrast."""


@dataclass(frozen=True)
class Brand:
    logo: str = ""
    """A logo under the site root (`theme/images/logo.svg`, `images/logo.png`); empty shows the name."""
    logo_alt: str = ""
    """The logo's text alternative; the site name when empty."""
    tagline: str = ""
    accent: str = "#7a1f5c"
    link: str = "#0b4fa6"
    accent_dark: str = "#f0a8d6"
    link_dark: str = "#8cc2ff"
    footer_links: tuple[tuple[str, str], ...] = ()
    """(label, URL) pairs shown in every page's footer."""
    footer_note: str = ""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Brand:
        given = settings.get("HUB_THEME", {})
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in given.items():
            if key not in known:
                raise ThemeSettingsError(f"unknown HUB_THEME setting '{key}'{suggest(key, known)}")
            values[key] = _footer_links(value) if key == "footer_links" else _text(key, value)
        brand = cls(**values)
        brand.check_contrast()
        return brand

    def check_contrast(self) -> None:
        for name, background in (
            ("accent", LIGHT_BACKGROUND),
            ("link", LIGHT_BACKGROUND),
            ("accent_dark", DARK_BACKGROUND),
            ("link_dark", DARK_BACKGROUND),
        ):
            colour = getattr(self, name)
            if not _HEX.match(colour):
                raise ThemeSettingsError(f"HUB_THEME['{name}'] must be a colour like #0b4fa6, not {colour!r}")
            ratio = contrast(colour, background)
            if ratio < MIN_CONTRAST:
                raise ThemeSettingsError(
                    f"HUB_THEME['{name}'] {colour} has a contrast of {ratio:.2f}:1 against {background}; "
                    f"readers need at least {MIN_CONTRAST}:1: choose a "
                    f"{'darker' if background == LIGHT_BACKGROUND else 'lighter'} colour"
                )


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ThemeSettingsError(f"HUB_THEME['{key}'] must be text, not {value!r}")
    return value


def _footer_links(value: Any) -> tuple[tuple[str, str], ...]:
    try:
        return tuple((str(label), str(url)) for label, url in value)
    except (TypeError, ValueError):
        raise ThemeSettingsError(
            "HUB_THEME['footer_links'] must be a list of (label, URL) pairs, like [('Donate', 'https://...')]"
        ) from None


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def brand_css(brand: Brand) -> str:
    """The custom properties the theme's stylesheet reads; served as a file, never inline (CSP)."""
    return (
        f":root {{ --accent: {brand.accent}; --link: {brand.link}; }}\n"
        "@media (prefers-color-scheme: dark) {\n"
        f"  :root {{ --accent: {brand.accent_dark}; --link: {brand.link_dark}; }}\n"
        "}\n"
    )

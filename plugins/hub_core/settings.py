"""The hub's settings, declared once: `HUB`, `HUB_THEME`, `HUB_CONTACT`, `HUB_HISTORY` and `HUB_HEADERS`,
typed and checked.

Reads a settings mapping (Pelican's settings, or the upper-case names of a settings file); writes nothing.
`read_settings()` checks every section and every key in one pass and raises one `SettingsError` listing
every problem: an unknown key (with the closest known one), a value of the wrong type, a value out of
range, a colour with too little contrast, a contact channel without a usable address (contact.py).
hub_content runs it on Pelican's `initialized`, before anything is read, and stores the typed `Settings`
under `TYPED_SETTINGS_KEY`, where every plugin finds it through `settings_of()`; `make check` runs it on
the settings file too. The colour checks live here, beside the colours they check, so a brand that cannot
be read stops the build before a page is written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

from . import context
from .contact import (
    DEFAULT_PAGE,
    EXAMPLE,
    LABEL_MAX,
    PURPOSE_MAX,
    Channel,
    email_problem,
    page_problem,
    url_problem,
)
from .context import TYPED_SETTINGS_KEY

LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#111417"
MIN_CONTRAST = 4.5
SHOWN = 60  # a quoted value is elided beyond this many characters
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# Footer links may be site paths, web addresses or mail links; never `javascript:` or `data:`.
LINK_SCHEMES = ("", "http", "https", "mailto")


class SettingsError(Exception):
    """The settings have problems; `problems` holds each one as `WHERE: what is wrong: what to write`."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(tuple(problems))  # one argument, so the error survives pickling to a worker
        self.problems: tuple[str, ...] = tuple(problems)

    def __str__(self) -> str:
        count = len(self.problems)
        lines = "".join(f"\n  {p}" for p in self.problems)
        return f"settings: {count} problem{'' if count == 1 else 's'}:{lines}"


class _WrongValueError(Exception):
    """One value fails its check; the message says what to write instead. A value made of parts (a list of
    contact channels) may fail in several places: `parts` holds each as (where within the value, message).
    """

    def __init__(self, message: str, parts: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.parts: tuple[tuple[str, str], ...] = tuple(parts) or (("", message),)


Check = Callable[[Any], Any]
"""Takes the value as written; returns it typed, or raises _WrongValueError."""


def shown(value: object) -> str:
    """The value as a message quotes it: its Python form (escapes included), the middle elided."""
    text = repr(value)
    if len(text) <= SHOWN:
        return text
    half = (SHOWN - 3) // 2
    return f"{text[:half]}...{text[-half:]}"


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _WrongValueError(f"must be True or False, not {shown(value)}")
    return value


def count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _WrongValueError(f"must be a whole number like 20, not {shown(value)}")
    if value < 1:
        raise _WrongValueError(f"must be at least 1, not {value}")
    return value


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise _WrongValueError(f"must be text in quotes, not {shown(value)}")
    return value


def colour_on(background: str) -> Check:
    """A #rrggbb colour readable on `background`: WCAG AA, 4.5:1, for text and links."""

    def check(value: Any) -> str:
        if not isinstance(value, str) or not _HEX.match(value):
            raise _WrongValueError(f"must be a colour like #0b4fa6, not {shown(value)}")
        ratio = contrast(value, background)
        if ratio < MIN_CONTRAST:
            darker = "darker" if background == LIGHT_BACKGROUND else "lighter"
            raise _WrongValueError(
                f"{value} has a contrast of {ratio:.2f}:1 against {background}; readers need at least "
                f"{MIN_CONTRAST}:1: choose a {darker} colour"
            )
        return value

    return check


def links(value: Any) -> tuple[tuple[str, str], ...]:
    """(label, URL) pairs; a URL is a site path or an http(s) or mailto: address."""
    example = "like [('Donate', 'https://example.org/give')]"
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _WrongValueError(f"must be a list of (label, URL) pairs, {example}, not {shown(value)}")
    pairs = []
    for pair in value:
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            raise _WrongValueError(f"must be a list of (label, URL) pairs, {example}; not {shown(pair)}")
        if not _is_link(pair[1]):
            where = f"link {shown(pair[1])}"
            raise _WrongValueError(f"{where} must be a site path like /about/ or an https:// address")
        pairs.append((pair[0], pair[1]))
    return tuple(pairs)


def _is_link(url: str) -> bool:
    if not url or any(c.isspace() or not c.isprintable() for c in url):
        return False
    try:
        return urlsplit(url).scheme in LINK_SCHEMES
    except ValueError:  # a malformed IPv6 host
        return False


CHANNEL_KEYS = ("label", "email", "url", "purpose")


def channels(value: Any) -> tuple[Channel, ...]:
    """Contact channels: a list of dicts, each with a label, a purpose and exactly one of email and url;
    every problem in every channel is reported."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _WrongValueError(f"must be a list of channels, like [{EXAMPLE}], not {shown(value)}")
    found: dict[str, tuple[int, Channel]] = {}  # by link, with its place in the list
    wrong: list[tuple[str, str]] = []
    for number, given in enumerate(value):
        channel, problems = _channel(given)
        wrong.extend((f"[{number}]{at}", message) for at, message in problems)
        if channel is not None and channel.href in found:
            first = found[channel.href][0]
            wrong.append(
                (f"[{number}]", f"has the same address as channel [{first}]: list each address once")
            )
        elif channel is not None:
            found[channel.href] = (number, channel)
    if wrong:
        raise _WrongValueError(wrong[0][1], wrong)
    return tuple(channel for _, channel in found.values())


def _channel(given: Any) -> tuple[Channel | None, list[tuple[str, str]]]:
    """One channel, or None, with its problems as (where within it, message)."""
    if not isinstance(given, Mapping):
        return None, [("", f"must be a dict, like {EXAMPLE}, not {shown(given)}")]
    wrong = [
        (f"[{shown(k)}]", f"unknown key: {_instead(k, CHANNEL_KEYS)}") for k in given if k not in CHANNEL_KEYS
    ]
    typed: dict[str, str] = {}
    for key, check in (("label", _line(LABEL_MAX)), ("purpose", _line(PURPOSE_MAX)),
                       ("email", _address(email_problem)), ("url", _address(url_problem))):  # fmt: skip
        if key in given:
            try:
                typed[key] = check(given[key])
            except _WrongValueError as bad:
                wrong.append((f"[{key!r}]", str(bad)))
    missing = [k for k in ("label", "purpose") if k not in given]
    if missing:
        wrong.append(
            ("", f"has no {' and no '.join(map(repr, missing))}: give each channel both, like {EXAMPLE}")
        )
    if ("email" in given) == ("url" in given):
        wrong.append(("", "give exactly one of 'email' (an address the page links as mailto:) and 'url'"))
    return (Channel(**typed) if not wrong else None), wrong


def _line(limit: int) -> Check:
    """One line of text, not blank, at most `limit` characters."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise _WrongValueError(f"must be text in quotes, not {shown(value)}")
        if not value.strip():
            raise _WrongValueError("is empty: say it in a few words")
        if len(value) > limit or not value.isprintable():
            raise _WrongValueError(f"must be one line of at most {limit} characters, not {shown(value)}")
        return value

    return check


def _address(problem: Callable[[str], str | None]) -> Check:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise _WrongValueError(f"must be text in quotes, not {shown(value)}")
        wrong = problem(value)
        if wrong:
            raise _WrongValueError(f"{shown(value)} {wrong}")
        return value

    return check


def _optional(check: Check) -> Check:
    """`check`, with the empty text also allowed (the setting left unused)."""

    def optional(value: Any) -> Any:
        return value if value == "" else check(value)

    return optional


def page_slug(value: Any) -> str:
    wrong = page_problem(value) if isinstance(value, str) else page_problem("")
    if wrong:
        raise _WrongValueError(f"{shown(value)} {wrong}")
    return str(value)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _key(default: Any, check: Check) -> Any:
    return field(default=default, metadata={"check": check})


@dataclass(frozen=True)
class HubSettings:
    """`HUB`: what is built and how much each page lists."""

    drafts: bool = _key(False, flag)
    """Build drafts (local preview) or leave them out entirely (publishing)."""
    per_page: int = _key(20, count)
    """Documents per listing page."""
    home_recent: int = _key(8, count)
    """How many of the newest documents the home page shows."""
    feed_size: int = _key(20, count)
    """How many of the newest documents each Atom feed lists."""
    scheduled: bool = _key(False, flag)
    """Build documents dated in the future (local preview) or leave them out until their date."""
    cache: bool = _key(True, flag)
    """Keep what was read from each file in CACHE_PATH, so unchanged files are not read again."""
    preview: int = _key(6, count)
    """Documents of each type shown on an issue or jurisdiction page before "All N ..." links on."""
    share_image: str = _key("theme/images/share.png", text)
    """The picture shown when a page without its own `image` is shared (hub_meta); empty for none."""
    share_image_alt: str = _key("The hub's logo", text)
    """What the share image shows, for readers who cannot see it."""
    data_licence: str = _key("", text)
    """The licence of the open data, as the data page states it (`CC BY 4.0`); empty states none."""
    search_bundle_pages: int = _key(30_000, count)
    """Searchable pages of one language that one Pagefind run indexes: a language with more is indexed in
    parts, newest first (hub_search/parts.py). Pagefind holds about 290 bytes for each word of the pages it
    indexes: 30,000 pages of about 900 words took 7.5 GB."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> HubSettings:
        return settings_of(settings).hub


@dataclass(frozen=True)
class Brand:
    """`HUB_THEME`: the site's identity, so any network can run its own hub without touching templates."""

    logo: str = _key("", text)
    """A logo under the site root (`theme/images/logo.svg`, `images/logo.png`); empty shows the name."""
    logo_alt: str = _key("", text)
    """The logo's text alternative; the site name when empty."""
    tagline: str = _key("", text)
    """A line under the site's name in the header."""
    accent: str = _key("#7a1f5c", colour_on(LIGHT_BACKGROUND))
    """Headings and highlights on the light background: 4.5:1 contrast against #ffffff."""
    link: str = _key("#0b4fa6", colour_on(LIGHT_BACKGROUND))
    """Links on the light background: 4.5:1 contrast against #ffffff."""
    accent_dark: str = _key("#f0a8d6", colour_on(DARK_BACKGROUND))
    """The accent in dark mode: 4.5:1 contrast against #111417."""
    link_dark: str = _key("#8cc2ff", colour_on(DARK_BACKGROUND))
    """Links in dark mode: 4.5:1 contrast against #111417."""
    footer_links: tuple[tuple[str, str], ...] = _key((), links)
    """(label, URL) pairs shown in every page's footer."""
    footer_note: str = _key("", text)
    """A line of text at the foot of every page."""
    newsletter: str = _key("", _optional(_address(url_problem)))
    """Where readers sign up for the network's newsletter (an https:// address or a site path), offered
    in the "Follow" block of issue, place and listing pages; empty offers none."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Brand:
        return settings_of(settings).theme


@dataclass(frozen=True)
class Language:
    """One entry of `HUB_LANGUAGES`: a language the site is also published in, under `/<code>/`, with the
    site's own texts in it (each optional: an empty one is left out, never shown in the site's language)."""

    code: str
    tagline: str = ""
    description: str = ""
    footer_note: str = ""
    footer_links: tuple[tuple[str, str], ...] = ()


_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_LANGUAGE_TEXTS: dict[str, Check] = {
    "tagline": text,
    "description": text,
    "footer_note": text,
    "footer_links": links,
}


def language_texts(value: Any) -> tuple[Language, ...]:
    """`{"es": {"tagline": ..., "description": ..., "footer_note": ..., "footer_links": [...]}}`."""
    example = "like {'es': {'tagline': 'Política modelo'}}"
    if not isinstance(value, Mapping):
        raise _WrongValueError(f"must be a dict of language codes and their texts, {example}")
    found = []
    for code, texts in value.items():
        if not isinstance(code, str) or not _LANGUAGE_CODE.match(code):
            raise _WrongValueError(f"{shown(code)} is not a language code: write letters like 'es'")
        if not isinstance(texts, Mapping):
            raise _WrongValueError(f"[{code!r}] must be a dict of texts, {example}, not {shown(texts)}")
        typed: dict[str, Any] = {}
        for key, given in texts.items():
            if key not in _LANGUAGE_TEXTS:
                instead = _instead(key, _LANGUAGE_TEXTS)
                raise _WrongValueError(f"[{code!r}][{shown(key)}]: unknown text: {instead}")
            try:
                typed[key] = _LANGUAGE_TEXTS[key](given)
            except _WrongValueError as bad:
                raise _WrongValueError(f"[{code!r}][{key!r}] {bad}") from None
        found.append(Language(code, **typed))
    return tuple(sorted(found, key=lambda language: language.code))


@dataclass(frozen=True)
class Contact:
    """`HUB_CONTACT`: how readers reach the people behind the site, listed at the top of its contact page."""

    channels: tuple[Channel, ...] = _key((), channels)
    """Each a dict: `label`, `purpose` and exactly one of `email` (a mailto: link) and `url` (https://)."""
    page: str = _key(DEFAULT_PAGE, page_slug)
    """The slug of the page (content/pages/<slug>.md) that lists the channels."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Contact:
        return settings_of(settings).contact


def _single(name: str, default: Any, check: Check) -> Any:
    return field(default=default, metadata={"setting": name, "check": check})


@dataclass(frozen=True)
class Settings:
    """Every setting the hub reads, each under the name a settings file gives it."""

    hub: HubSettings = field(default_factory=HubSettings, metadata={"setting": "HUB", "section": HubSettings})
    theme: Brand = field(default_factory=Brand, metadata={"setting": "HUB_THEME", "section": Brand})
    contact: Contact = field(default_factory=Contact, metadata={"setting": "HUB_CONTACT", "section": Contact})
    history: bool = _single("HUB_HISTORY", True, flag)
    """Read the content's git history for the ordinances' history pages; False runs no git at all."""
    headers: bool = _single("HUB_HEADERS", False, flag)
    """Write `_headers` and `_nginx-headers.conf` with the security headers (publishconf.py sets it)."""
    languages: tuple[Language, ...] = _single("HUB_LANGUAGES", (), language_texts)
    """The languages the site is also published in, beside DEFAULT_LANG, each under `/<code>/`."""


SECTIONS: tuple[str, ...] = tuple(f.metadata["setting"] for f in fields(Settings))
"""The names of the settings the hub reads, in order."""
# Names hub_build and the plugins put into the settings themselves (hub_core.context): not the user's.
_INTERNAL = frozenset(v for k, v in vars(context).items() if k.endswith("_KEY") and isinstance(v, str))


def read_settings(values: Mapping[str, Any]) -> Settings:
    """The typed settings; SettingsError listing every problem in every section at once."""
    problems: list[str] = []
    chosen: dict[str, Any] = {}
    for option in fields(Settings):
        name = option.metadata["setting"]
        if name not in values:
            continue
        if "check" in option.metadata:
            try:
                chosen[option.name] = option.metadata["check"](values[name])
            except _WrongValueError as bad:
                problems.extend(f"{name}{at}: {message}" for at, message in bad.parts)
        else:
            chosen[option.name] = _read_section(name, option.metadata["section"], values[name], problems)
    problems.extend(_unknown_names(values))
    if problems:
        raise SettingsError(problems)
    return Settings(**chosen)


def _read_section(name: str, kind: type[Any], given: Any, problems: list[str]) -> Any:
    """One dict section (HUB, HUB_THEME, HUB_CONTACT), key by key; its problems are added to `problems`."""
    if not isinstance(given, Mapping):
        problems.append(f"{name}: must be a dict, like {name} = {{'{fields(kind)[0].name}': ...}}")
        return kind()
    known = {f.name: f for f in fields(kind)}
    typed: dict[str, Any] = {}
    for key, value in given.items():
        where = f"{name}[{shown(key)}]"
        if key not in known:
            problems.append(f"{where}: unknown setting: {_instead(key, known)}")
            continue
        try:
            typed[key] = known[key].metadata["check"](value)
        except _WrongValueError as bad:
            problems.extend(f"{where}{at}: {message}" for at, message in bad.parts)
    return kind(**typed)


def _unknown_names(values: Mapping[str, Any]) -> list[str]:
    """A name that looks like the hub's but is not one it reads (HUB_THEMES), which would be ignored."""
    return [
        f"{name}: unknown setting: {_instead(name, SECTIONS)}"
        for name in sorted(k for k in values if isinstance(k, str) and k.isupper() and k.startswith("HUB"))
        if name not in SECTIONS and name not in _INTERNAL
    ]


def _instead(word: object, choices: Iterable[str]) -> str:
    """What to write instead: the closest known name, or all of them."""
    known = list(choices)
    close = difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(known)}"


def languages_of(values: Mapping[str, Any]) -> tuple[str, ...]:
    """Every language the site is published in: DEFAULT_LANG first, then `HUB_LANGUAGES` in code order."""
    default = values.get("DEFAULT_LANG", "en")
    others = (language.code for language in settings_of(values).languages if language.code != default)
    return (default, *others)


def settings_of(values: Mapping[str, Any]) -> Settings:
    """The typed settings hub_content checked at start-up; checked here when they were not (a plugin
    called on a plain settings dict, as its unit tests do)."""
    found = values.get(TYPED_SETTINGS_KEY)
    return found if isinstance(found, Settings) else read_settings(values)

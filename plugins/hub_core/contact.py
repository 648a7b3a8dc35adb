"""How readers reach the people behind the site: the contact channels `HUB_CONTACT` lists, typed.

Reads and writes nothing. A `Channel` is one way to get in touch: a label, a short purpose and exactly one
address, an email address (the page links it as `mailto:`, so the reader's own mail client opens) or a web
address (`https://` only, or a path on the site). The settings schema (settings.py) reads each channel
with `channel_problems()` and the address checks here; the page that shows the channels (`HUB_CONTACT`'s
`page`, planned by hub_pages) prints them, and `make check` warns through `contact_warnings()` when there
are none. Channels come from the settings alone: content cannot add, change or hide one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

LABEL_MAX, PURPOSE_MAX, URL_MAX = 80, 200, 2000
DEFAULT_PAGE = "contact"
EXAMPLE = "{'label': 'Email the network', 'email': 'hub@example.org', 'purpose': 'Questions and corrections'}"
# Kept to what every mail client reads in a mailto: link without escaping: no `?`, `%`, `#`, `&` or
# quotes-with-spaces forms, which would change the link's meaning or need encoding.
_LOCAL = r"[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"({_LOCAL})@((?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}}))", re.ASCII)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
EMAIL_FORM = "like 'hub@example.org' (letters, digits and . _ + ' - before the @, a domain after it)"
URL_FORM = "an https:// address like 'https://example.org/contact' or a site path like '/about/'"


@dataclass(frozen=True)
class Channel:
    """One way to reach the network: exactly one of `email` and `url` is set."""

    label: str
    """What the link says: "Email the network", "Suggest a correction"."""
    purpose: str
    """What to use it for, in a sentence."""
    email: str = ""
    url: str = ""
    """An `https://` address or a path on the site (`/about/`)."""

    @property
    def href(self) -> str:
        """The link: `mailto:` and the address, or the web address as written."""
        return f"mailto:{self.email}" if self.email else self.url

    @property
    def on_site(self) -> bool:
        """A path on the site, which the page prefixes with SITEURL."""
        return not self.email and self.url.startswith("/")

    @property
    def address(self) -> str:
        """What the page shows beside the label: the email address to copy, or the other site's host
        (so a reader knows where the link leads); empty for a path on the site."""
        if self.email:
            return self.email
        return "" if self.on_site else (urlsplit(self.url).hostname or "")


def email_problem(value: str) -> str | None:
    """What is wrong with an email address, or None; said after the quoted value."""
    if value.lower().startswith("mailto:"):
        return "is a link: write the address alone, without 'mailto:' (the page makes the mail link)"
    found = _EMAIL.fullmatch(value)
    if found is None:
        return f"is not an email address a mail client can open: write it {EMAIL_FORM}"
    if len(value) > 254 or len(found.group(1)) > 64:
        return "is longer than an email address can be (64 characters before the @, 254 in all)"
    return None


def url_problem(value: str) -> str | None:
    """What is wrong with a channel's web address, or None; said after the quoted value."""
    if not value or len(value) > URL_MAX or any(c.isspace() or not c.isprintable() for c in value):
        return f"is not a web address: write {URL_FORM}, without spaces"
    if "\\" in value:
        return f"has a backslash, which browsers read differently: write {URL_FORM}"
    if value.startswith("/"):
        return (
            f"starts with '//', which leads to another site: write {URL_FORM}" if value[1:2] == "/" else None
        )
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # a malformed IPv6 host
        return f"is not a web address: write {URL_FORM}"
    if parts.scheme.lower() == "mailto":
        return "is a mail link: give the address as the channel's 'email' instead, without 'mailto:'"
    if parts.scheme.lower() != "https":
        return f"is not an https:// address: write {URL_FORM}"
    if parts.username is not None or parts.password is not None:
        return "has a name before an '@' in its host, which hides where it leads: write the address alone"
    if not host or "." not in host.strip("."):
        return f"has no site name after https://: write {URL_FORM}"
    return None


def page_problem(value: str) -> str | None:
    """What is wrong with the slug of the page that lists the channels, or None."""
    if _SLUG.fullmatch(value):
        return None
    return "is not a page's slug: write the name of a file in content/pages/ without '.md', like 'contact'"


def contact_warnings(channels: tuple[Channel, ...], page: str, pages: Collection[str] | None) -> list[str]:
    """What `make check` warns about (`--strict`: refuses): no channel at all, so readers cannot reach
    anyone, or channels that no page lists; `pages` are the slugs of the files in content/pages/ (None
    when the content could not be read, which leaves that question for the next check)."""
    if not channels:
        return [
            "HUB_CONTACT lists no channels, so readers have no way to reach the network: add one to the "
            f"settings, like HUB_CONTACT = {{'channels': [{EXAMPLE}]}} (docs/PUBLISHING.md)"
        ]
    if pages is not None and page not in pages:
        return [
            f"HUB_CONTACT's channels are listed on the page '{page}', and there is no "
            f"content/pages/{page}.md: add that page, or set HUB_CONTACT['page'] to the slug of the page "
            "that should list them"
        ]
    return []

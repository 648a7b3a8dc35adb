"""How to cite an ordinance: the styles "Cite this" offers, and its BibTeX entry.

Reads one ordinance, its cited address, the site's name and the document's language (a gettext function
and a long-date formatter for it); writes nothing. `citations()` gives each style (APA, Chicago,
Bluebook) as `Segment`s: plain text, with the title, the address and the access date as slots the
template marks up, so theme/static/js/cite.js can make the address absolute from the page's own and
fill in the day the reader reads it (the build's date is printed when JavaScript is off). The access
date is not known here: toolkits are cached across days, and the page prints the build's date.
`bibtex()` writes `cite.bib`, every value escaped for TeX.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from hub_i18n.formats import date_formatter
from hub_model import N_

Translate = Callable[[str], str]
SLOTS = ("title", "url", "accessed")
"""The values a citation leaves to the page: the title (in italics where the style wants it), the
address and the access date."""
BIBTEX_MEDIA_TYPE = "application/x-bibtex"

# Translators: %(accessed)s is the date the reader reads the page, filled in by the page.
APA = N_("%(organization)s. (%(year)s). %(title)s [%(genre)s]. Retrieved %(accessed)s, from %(url)s")
CHICAGO = N_("%(organization)s. “%(title)s.” %(genre)s, %(published)s. Accessed %(accessed)s. %(url)s.")
BLUEBOOK = N_("%(organization)s, %(title)s (%(published)s), %(url)s (last visited %(accessed)s).")
STYLES = ((N_("APA"), APA, True), (N_("Chicago"), CHICAGO, False), (N_("Bluebook style"), BLUEBOOK, True))
"""(name, pattern, whether the title is in italics)."""

_NAMES = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class Segment:
    text: str
    slot: str = ""
    """"" for plain text, else one of SLOTS: the template prints the slot's value in its markup."""


@dataclass(frozen=True)
class Citation:
    style: str  # marked with N_(): templates translate it
    segments: tuple[Segment, ...]
    italic_title: bool

    @property
    def text(self) -> str:
        """The citation as plain text, with the access date left as "{accessed}"."""
        return "".join("{accessed}" if s.slot == "accessed" else s.text for s in self.segments)


def own(text: str) -> str:
    """An equal string that is not the caller's object. A page is reused when the pickle of its view
    (with its toolkit) is unchanged (hub_pages/reuse.py), and pickle writes an object shared with the
    view (the document's title, the site's name) once: a toolkit fresh from this build and the same
    toolkit from the cache would pickle differently inside the view if it shared the caller's strings."""
    return text.encode().decode()


def segments(pattern: str, values: dict[str, str]) -> tuple[Segment, ...]:
    """`pattern` cut at its `%(name)s` slots: the plain values filled in, the slots kept apart."""
    found: list[Segment] = []
    for index, piece in enumerate(_NAMES.split(pattern)):
        if index % 2 == 0:
            if piece:
                found.append(Segment(piece))
        elif piece in SLOTS:
            found.append(Segment(values.get(piece, ""), piece))
        else:
            found.append(Segment(values[piece]))
    return tuple(found)


def citations(
    organization: str, title: str, genre: str, published: dt.date, url: str, translate: Translate,
    long_date: Callable[[dt.date], str],
) -> tuple[Citation, ...]:  # fmt: skip
    """The ordinance cited in each style, in the document's language (`translate`, `long_date`)."""
    values = {
        "organization": organization,
        "title": title,
        "genre": genre,
        "year": str(published.year),
        "published": long_date(published),
        "url": url,
    }
    values = {name: own(value) for name, value in values.items()}
    return tuple(
        Citation(style, segments(translate(pattern), values), italic) for style, pattern, italic in STYLES
    )


_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex(text: str) -> str:
    """`text` safe inside a braced BibTeX value: TeX's special characters escaped, braces balanced,
    line breaks made spaces (a value may not end the entry early or open a command)."""
    return "".join(_TEX.get(c, c) for c in " ".join(text.split()))


def long_dates(code: str) -> Callable[[dt.date], str]:
    """The language's long dates (hub_i18n's Babel formatter); ISO dates when Babel does not know it."""
    try:
        return date_formatter(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return dt.date.isoformat


def language_name(code: str) -> str:
    """biblatex's name for a language ("spanish" for `es`, "portuguese" for `pt-br`); the code itself when
    Babel does not know it."""
    try:
        name = Locale.parse(code, sep="-").english_name
    except (ValueError, UnknownLocaleError):
        return code
    return (name or code).split(" (")[0].lower()


def bibtex(
    key: str, organization: str, title: str, genre: str, published: dt.date, url: str, language: str
) -> str:
    """One `@misc` entry: the organization as a corporate author (double braces keep it whole), the
    title's capitals kept, the address in `url` (percent signs escaped; `\\url` would take it verbatim)."""
    fields = (
        ("author", "{" + tex(organization) + "}"),
        ("title", "{" + tex(title) + "}"),
        ("year", str(published.year)),
        ("month", str(published.month)),
        ("date", published.isoformat()),
        ("note", tex(genre)),
        ("url", tex(url)),
        ("langid", tex(language_name(language))),
    )
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{re.sub(r'[^A-Za-z0-9_:-]', '-', key)},\n{body}\n}}\n"

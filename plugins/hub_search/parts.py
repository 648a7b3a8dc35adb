"""Which searchable pages each Pagefind run indexes: one bundle per language, in parts only beyond a size.

Reads the content graph and `HUB['search_bundle_pages']`; writes nothing. Pagefind holds every word of
every page it indexes in memory until it writes the bundle (about 290 bytes a word: 3.1 GB for the
12,282 pages of the 10,000-document benchmark site, linear in pages), so one run over 100,000 documents
would need about 27 GB. While a language has no more searchable pages than the setting, its pages are
all in the one bundle under `pagefind/`, as Pagefind alone would make it. Beyond that, the language's
pages are cut, newest first, into as few parts of near-equal size as the setting allows: the newest in
`pagefind/`, the next in `pagefind/parts/2/`, and so on; each part is indexed by its own Pagefind run, one
after the other, so no run holds more than the setting's pages. The search page loads each part of its
language's index as a Pagefind instance of its own (theme/js/search.js): results ranked by relevance
merge by score, as Pagefind's own `mergeIndex` does, and results by date, newest first, come part after
part, which the cut by date makes the right order. The devserver's own index is never cut.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hub_model import Document, Issue, Jurisdiction, Site

MAIN = ""


@dataclass(frozen=True)
class SearchPart:
    """One Pagefind run: the pages it indexes, the bundle folder it writes (`""` for the main bundle,
    else `parts/<n>/`, inside `pagefind/`), and the languages it holds pages of."""

    folder: str
    pages: tuple[str, ...]
    languages: tuple[str, ...]


def part_folder(number: int) -> str:
    """The folder of the `number`th part (from 1) inside the bundle: the first is the bundle itself."""
    return MAIN if number == 1 else f"parts/{number}/"


def language_items(
    site: Site, languages: Sequence[str] = ()
) -> dict[str, list[Document | Issue | Jurisdiction]]:
    """The indexed pages' subjects of each language ("" for the site's own, then each of `languages`):
    documents, issues and jurisdictions, and in another language its translations and its issue and
    jurisdiction pages (Pagefind indexes each language apart, by the page's `lang`)."""
    items: dict[str, list[Document | Issue | Jurisdiction]] = {
        MAIN: [*site.documents, *site.issues.values(), *site.jurisdictions_with_pages]
    }
    for lang in languages:
        items[lang] = [
            *(d for d in site.translations if d.lang == lang),
            *(i.in_language(lang) for i in site.issues.values()),
            *(j.in_language(lang) for j in site.jurisdictions_with_pages),
        ]
    return items


def page_of(item: Document | Issue | Jurisdiction) -> str:
    return item.url + "index.html"


def plan_parts(site: Site, languages: Sequence[str], per_bundle: int | None) -> tuple[SearchPart, ...]:
    """The Pagefind runs for the site: one, unless a language has more than `per_bundle` searchable pages
    (None: never cut). Every searchable page is in exactly one part."""
    groups = language_items(site, languages)
    if per_bundle is None or all(len(items) <= per_bundle for items in groups.values()):
        pages = tuple(page_of(item) for items in groups.values() for item in items)
        return (SearchPart(MAIN, pages, tuple(lang for lang, items in groups.items() if items)),)
    cut = {lang: _cut(_newest_first(items), per_bundle) for lang, items in groups.items()}
    count = max(len(pieces) for pieces in cut.values())
    parts = []
    for number in range(1, count + 1):
        held = [(lang, pieces[number - 1]) for lang, pieces in cut.items() if len(pieces) >= number]
        pages = tuple(page_of(item) for _, piece in held for item in piece)
        parts.append(SearchPart(part_folder(number), pages, tuple(lang for lang, piece in held if piece)))
    return tuple(parts)


def parts_of(parts: Iterable[SearchPart], lang: str) -> tuple[str, ...]:
    """The folders, after the main bundle, that hold pages of `lang`: what its search page loads."""
    return tuple(part.folder for part in parts if part.folder != MAIN and lang in part.languages)


def _newest_first(items: list[Document | Issue | Jurisdiction]) -> list[Document | Issue | Jurisdiction]:
    """By the date a search sorts by (its ISO form, as the index has it), newest first; then the pages
    without one (issues, jurisdictions, undated documents), by address, so the cut is the same each time."""
    dated = [item for item in items if isinstance(item, Document) and item.date]
    undated = [item for item in items if not (isinstance(item, Document) and item.date)]
    dated.sort(
        key=lambda doc: (doc.date.isoformat() if isinstance(doc, Document) and doc.date else "", doc.url)
    )
    return [*reversed(dated), *sorted(undated, key=lambda item: item.url)]


def _cut(
    items: list[Document | Issue | Jurisdiction], per_bundle: int
) -> list[list[Document | Issue | Jurisdiction]]:
    """`items` in order, in as few pieces of at most `per_bundle` as possible, of sizes that differ by at
    most one (an empty language has no piece)."""
    pieces = math.ceil(len(items) / per_bundle)
    size, extra = divmod(len(items), pieces) if pieces else (0, 0)
    out, start = [], 0
    for index in range(pieces):
        end = start + size + (1 if index < extra else 0)
        out.append(items[start:end])
        start = end
    return out

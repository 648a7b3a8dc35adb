"""Which searchable pages each Pagefind run indexes: one bundle per language, in parts only beyond a size.

Reads the content graph and `HUB['search_bundle_pages']`; writes nothing. Pagefind holds every word of
every page it indexes in memory until it writes the bundle (about 290 bytes a word: 3.1 GB for the
12,282 pages of the 10,000-document benchmark site, linear in pages), so one run over 100,000 documents
would need about 27 GB. While a language has no more searchable pages than the setting, its pages are
all in the one bundle under `pagefind/`, as Pagefind alone would make it. Beyond that, the language's
pages are cut by date: counted from the oldest, into parts of exactly the setting's pages, in
`pagefind/parts/2/` (the oldest), `parts/3/` and so on, and the newest pages, the rest, in `pagefind/`.
Each part is indexed by its own Pagefind run, one after the other, so no run holds more than the setting's
pages; a part whose pages are all as the last build left them is taken whole from it (reuse.py), and as a
newly published document only changes the newest part, an edit or an addition re-indexes one part. The
search page loads each part of its language's index as a Pagefind instance of its own
(theme/js/search.js), newest first: results ranked by relevance merge by score, as Pagefind's own
`mergeIndex` does, and results by date, newest first, come part after part, which the cut by date makes
the right order. The devserver's own index is never cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hub_model import Document, Issue, Jurisdiction, Site

MAIN = ""
PARTS = "parts/"  # inside the bundle, the folder of the parts after the main one


@dataclass(frozen=True)
class SearchPart:
    """One Pagefind run: the pages it indexes, the bundle folder it writes (`""` for the main bundle,
    else `parts/<n>/`, inside `pagefind/`), and the languages it holds pages of."""

    folder: str
    pages: tuple[str, ...]
    languages: tuple[str, ...]


def part_folder(number: int) -> str:
    """The folder of the `number`th part (from 1) inside the bundle: the first is the bundle itself."""
    return MAIN if number == 1 else f"{PARTS}{number}/"


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
    """The Pagefind runs for the site, newest pages first: one, unless a language has more than
    `per_bundle` searchable pages (None: never cut). Every searchable page is in exactly one part."""
    groups = language_items(site, languages)
    if per_bundle is None or all(len(items) <= per_bundle for items in groups.values()):
        pages = tuple(page_of(item) for items in groups.values() for item in items)
        return (SearchPart(MAIN, pages, tuple(lang for lang, items in groups.items() if items)),)
    cut = {lang: _cut(_newest_first(items), per_bundle) for lang, items in groups.items()}
    # Folders count from the oldest piece, so a piece keeps its folder while newer documents are added.
    most = max(len(pieces) for pieces in cut.values())
    parts = []
    for folder in [MAIN, *(part_folder(n) for n in range(most, 1, -1))]:
        held = [
            (lang, pieces[_index(folder, len(pieces))])
            for lang, pieces in cut.items()
            if _holds(folder, pieces)
        ]
        pages = tuple(page_of(item) for _, piece in held for item in piece)
        parts.append(SearchPart(folder, pages, tuple(lang for lang, _ in held)))
    return tuple(parts)


def _number(folder: str) -> int:
    return 1 if folder == MAIN else int(folder.split("/")[1])


def _holds(folder: str, pieces: Sequence[object]) -> bool:
    """Whether a language cut into `pieces` has one in `folder`."""
    return bool(pieces) and _number(folder) <= len(pieces)


def _index(folder: str, count: int) -> int:
    """Where the piece of `folder` is among a language's `count` pieces, newest first: the main bundle
    holds the newest; `parts/2/` the oldest, `parts/3/` the next, and so on."""
    return 0 if folder == MAIN else count - _number(folder) + 1


def parts_of(parts: Iterable[SearchPart], lang: str) -> tuple[str, ...]:
    """The folders, after the main bundle, that hold pages of `lang`: what its search page loads."""
    return tuple(part.folder for part in parts if part.folder != MAIN and lang in part.languages)


def _newest_first(items: list[Document | Issue | Jurisdiction]) -> list[Document | Issue | Jurisdiction]:
    """The pages without a date first (issues, jurisdictions, undated documents; a search by date leaves
    them out, and their listings change as documents are added, so they belong with the newest), by
    address; then by the date a search sorts by (its ISO form, as the index has it), newest first."""
    dated = [item for item in items if isinstance(item, Document) and item.date]
    undated = [item for item in items if not (isinstance(item, Document) and item.date)]
    dated.sort(key=lambda doc: (_date(doc), doc.url))
    return [*sorted(undated, key=lambda item: item.url), *reversed(dated)]


def _date(item: Document | Issue | Jurisdiction) -> str:
    return item.date.isoformat() if isinstance(item, Document) and item.date else ""


def _cut(
    items: list[Document | Issue | Jurisdiction], per_bundle: int
) -> list[list[Document | Issue | Jurisdiction]]:
    """`items`, newest first, in pieces, newest first: counted from the oldest, each piece but the newest
    holds exactly `per_bundle`, and the newest the rest (1 to `per_bundle`; an empty language has no
    piece). An added newer page changes only the newest piece, so the others are taken from the last
    build as they were."""
    if not items:
        return []
    oldest_first = items[::-1]
    full = (len(items) - 1) // per_bundle
    pieces = [oldest_first[n * per_bundle : (n + 1) * per_bundle][::-1] for n in range(full)]
    pieces.append(oldest_first[full * per_bundle :][::-1])
    return pieces[::-1]

"""The devserver's fast render after a front matter edit, a new document or a removed one.

Reads the saved files and the last build's page generator; writes the pages whose declared inputs
changed. The content graph is patched with the saved documents in place (hub_model.patch: its reverse
links and related documents, from the related index the fast render keeps of the last build's graph), the
pages a saved document can appear on are planned again (planning is cheap: no page is rendered),
and a page is rendered again when it is new, when its `Inputs` differ from the last build's (a listing
that gains, loses or reorders a document; a page of an issue the document joined or left), or when it
names a saved document (its title, date or summary may show there). Pages that no longer exist are left
to the build that follows, which also brings the feeds, data, downloads and search up to date.

Declines (None) whatever it cannot judge from the graph alone: a translation, an ordinance (its
adoptions shape maps, counts and the footer's summaries), an event (hub_events plans its listing), a
document in no listed type (the footer names those), a file that does not read cleanly or names an
issue, place or person the graph does not know.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_content.jobs import Job, read_chunk
from hub_content.linking import with_people
from hub_content.translations import translation_name
from hub_core.context import TODAY_KEY
from hub_core.views import PageView
from hub_model import DocType, Document, EventDetails, OrdinanceDetails, Site, named_jurisdictions
from hub_model.patch import patched_site
from hub_model.related import RelatedIndex
from hub_pages.editions import edition
from hub_pages.network import partner_pages, people_pages


def saved_documents(
    site: Site, content: Path, changed: Sequence[Path], known: Mapping[Path, Document]
) -> tuple[list[Document], list[Document]] | None:
    """The documents of the graph the save replaced or removed, and the documents it now holds."""
    folders = {t.folder: t for t in site.types}
    gone: list[Document] = []
    added: list[Document] = []
    for path in dict.fromkeys(changed):
        old = known.get(path)
        if old is None and not path.exists():
            continue  # a file that came and went (an editor's or a tool's temporary copy)
        doc_type = old.type if old is not None else _type_of(path, content, folders)
        if doc_type is None or translation_name(path.stem) is not None:
            return None
        if not _plain(old) or doc_type.details in (OrdinanceDetails, EventDetails) or not doc_type.listed:
            return None
        if old is not None:
            gone.append(old)
        if not path.exists():
            continue
        (result,) = read_chunk(content, [Job(doc_type.name, path)])
        records = [r for r in result.records if isinstance(r, Document)]
        if result.errors or result.warnings or len(records) != 1 or not _known(records[0], site):
            return None
        added.extend(with_people(records, dict(site.network.people)))
    return (gone, added) if gone or added else None


def _type_of(path: Path, content: Path, folders: Mapping[str, Any]) -> Any:
    try:
        relative = path.relative_to(content)
    except ValueError:
        return None
    if len(relative.parts) != 2 or path.suffix != ".md":
        return None
    return folders.get(relative.parts[0])


def _plain(doc: Document | None) -> bool:
    return doc is None or not (doc.lang or isinstance(doc.details, (OrdinanceDetails, EventDetails)))


def _known(doc: Document, site: Site) -> bool:
    """Every issue and place the document names is in the graph already."""
    places = named_jurisdictions(doc)
    return all(s in site.issues for s in doc.issues) and all(s in site.jurisdictions for s in places)


@dataclass(frozen=True)
class Save:
    """A save's graphs: the last build's, the one patched from it, and the documents saved."""

    before: Site
    after: Site
    index: RelatedIndex
    """The related index of `after` (hub_model.related)."""
    saved: tuple[Document, ...]
    """The documents the save removed or replaced (as `before` holds them) and the ones it added."""
    urls: frozenset[str]
    """The URLs of the documents saved, those the build will not show (drafts) included."""


def with_documents(
    site: Site, index: RelatedIndex, gone: Sequence[Document], added: Sequence[Document], shown: Any
) -> Save | None:
    """The graph with the saved documents in place (drafts and scheduled ones as the build shows them),
    patched from the graph before (hub_model.patch); `index` is the related index of `site`. None when
    an added document would take the address of one the save left in place (the build says what is
    wrong)."""
    replaced = {doc.url for doc in gone}
    shown_now = [doc for doc in added if shown(doc)]
    urls = [doc.url for doc in shown_now]
    if len(set(urls)) != len(urls) or any(u in index.position and u not in replaced for u in urls):
        return None
    after, patched = patched_site(site, index, gone, shown_now)
    saved = frozenset(replaced | {doc.url for doc in added})
    return Save(site, after, patched, (*gone, *shown_now), saved)


def changed_views(
    generator: Any, save: Save, built: Mapping[str, PageView], first: frozenset[str] = frozenset()
) -> Iterator[list[PageView]]:
    """The pages to render again, completed by the other plugins' parts, one language after another
    (the site's own first), so that the first language's pages can be written before the next is planned.
    In each language, the pages of `first` (paths: those open in a browser) are given as soon as the
    group of pages they are in is planned (`_groups`), the others once the language is. `built` is the
    last build's views, by path.

    Only the pages a saved document can appear on are planned: the home page, the saved documents' own
    pages, the pages of documents whose related documents changed, the listings of the saved documents'
    types, the pages of the issues and places they name (before and after the save, with the states and
    places around them) with their indexes, and the people and partner pages. Of those, a page is
    rendered when it is new, when its inputs changed or when it names a saved document.
    """
    site, saved, urls = save.after, save.saved, save.urls
    reach = _Reach(
        related=_related_changed(save.before, site) | urls,
        issues={slug for d in saved for slug in d.issues},
        places=_with_surroundings(site, {slug for d in saved for slug in named_jurisdictions(d)}),
        types=tuple({d.type.name: d.type for d in saved}.values()),
    )
    # Issues and dates are what the listings count and sort by: a change to them reaches every page.
    counted = len({(d.issues, d.date) for d in saved}) != 1 or len(saved) != 2
    for lang, planner in generator.planners.items():
        built_planner = planner
        planner = dataclasses.replace(planner, site=edition(site, lang), original=site)
        # Adoption rows are the ordinances' (never saved here), over places and people no save here
        # changes: the rows the build planned with stand, instead of being made again for every document.
        planner.__dict__["rows"] = built_planner.rows
        rest: list[PageView] = []
        for group in _groups(lang, planner, save, reach):
            wanted = []
            for view in group:
                known = built.get(view.path)
                view = dataclasses.replace(view, alternates=known.alternates if known is not None else ())
                if _changed(known, view, urls, counted):
                    wanted.append(view)
            yield [generator.parts.complete(view) for view in wanted if view.path in first]
            rest += [view for view in wanted if view.path not in first]
        yield [generator.parts.complete(view) for view in rest]


@dataclass(frozen=True)
class _Reach:
    """What a save's pages are planned for: the documents whose pages change, the issues and places
    whose pages may, and the types whose listings may."""

    related: set[str]
    issues: set[str]
    places: set[str]
    types: tuple[DocType, ...]


def _groups(lang: str, planner: Any, save: Save, reach: _Reach) -> Iterator[list[PageView]]:
    """A language's pages the save may change, a group at a time: the home page, then the issues' and
    places' pages (planned from indexes the save patched), the documents' own, the listings, people and
    partners."""
    yield [next(planner.plan())]
    yield list(_in(lang, planner.issues(only=reach.issues)))
    yield list(_in(lang, planner.jurisdictions(only=reach.places)))
    documents = []
    for doc in _documents_in(lang, planner, save.index, reach.related):
        documents.append(
            dataclasses.replace(planner.document(doc), lang=lang) if lang else planner.document(doc)
        )
        if not lang and doc.url in save.urls:
            documents.extend(planner.redirects(doc))
    yield documents
    for doc_type in reach.types:
        yield list(_in(lang, planner.listing(doc_type, planner.site.documents_of(doc_type))))
    yield list(_in(lang, people_pages(planner.site, planner.prefix)))
    yield list(_in(lang, partner_pages(planner.site, planner.prefix)))


def _documents_in(lang: str, planner: Any, index: RelatedIndex, urls: set[str]) -> list[Document]:
    """The documents of these URLs (originals) in the language's graph, in site order: found through
    the related index in the site's own language, whose graph it indexes."""
    if not lang:
        return [index.at[p] for p in sorted(index.position[url] for url in urls if url in index.position)]
    return [
        d for d in planner.site.documents if d.lang == lang and d.url.removeprefix(planner.prefix) in urls
    ]


def _in(lang: str, views: Iterable[PageView]) -> Iterator[PageView]:
    """The views as a language's planner gives them (`Planner.plan` sets their language)."""
    for view in views:
        yield dataclasses.replace(view, lang=lang) if lang else view


def _related_changed(before: Site, after: Site) -> set[str]:
    """The documents whose related documents differ between the two graphs."""
    changed = set()
    for url, found in after.related.items():
        old = before.related.get(url, ())
        if found is not old and tuple(d.url for d in found) != tuple(d.url for d in old):
            changed.add(url)
    return changed


def _with_surroundings(site: Site, slugs: set[str]) -> set[str]:
    """The places, their states and ancestors, and the places around them whose pages list them."""
    out = set(slugs)
    for slug in slugs:
        place = site.jurisdictions.get(slug)
        if place is None:
            continue
        out.add(place.state)
        out.update(a.slug for a in site.ancestors(place))
    return out


def _changed(before: PageView | None, view: PageView, urls: AbstractSet[str], counted: bool) -> bool:
    """Whether the page must be rendered again: new, other inputs, or showing a saved document. A
    listing's inputs are all its type's documents (its issue counts come from them all): unless the save
    changed what they count (`counted`), a page of it shows a saved document only among its own items."""
    if before is None or before.inputs != view.inputs or before.alternates != view.alternates:
        return True
    pager = getattr(view.values, "pager", None)
    if pager is not None and not counted:
        return any(getattr(item, "url", None) in urls for item in pager.items)
    return any(url in urls for url in view.inputs.documents)


def shown_by(generator: Any) -> Any:
    """The build's rule for which documents are shown: drafts and scheduled ones as its settings say."""
    settings, today = generator.planner.settings, generator.context[TODAY_KEY]

    def shown(doc: Document) -> bool:
        return (settings.drafts or not doc.is_draft) and (settings.scheduled or not doc.is_scheduled(today))

    return shown

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_content.jobs import Job, read_chunk
from hub_content.linking import with_people
from hub_content.translations import translation_name
from hub_core.context import TODAY_KEY
from hub_core.views import PageView
from hub_model import Document, EventDetails, OrdinanceDetails, Site, named_jurisdictions
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
    generator: Any, save: Save, first: frozenset[str] = frozenset()
) -> Iterator[list[PageView]]:
    """The pages to render again, completed by the other plugins' parts, one language after another
    (the site's own first), so that the first language's pages can be written before the next is planned;
    in each language, the pages of `first` (paths) are completed and given before the others.

    Only the pages a saved document can appear on are planned: the home page, the saved documents' own
    pages, the pages of documents whose related documents changed, the listings of the saved documents'
    types, the pages of the issues and places they name (before and after the save, with the states and
    places around them) with their indexes, and the people and partner pages. Of those, a page is
    rendered when it is new, when its inputs changed or when it names a saved document.
    """
    old = {view.path: view for view in generator.views}
    site, saved, urls = save.after, save.saved, save.urls
    related = _related_changed(save.before, site) | urls
    issues = {slug for d in saved for slug in d.issues}
    places = _with_surroundings(site, {slug for d in saved for slug in named_jurisdictions(d)})
    types = {d.type.name: d.type for d in saved}
    # Issues and dates are what the listings count and sort by: a change to them reaches every page.
    counted = len({(d.issues, d.date) for d in saved}) != 1 or len(saved) != 2
    for lang, planner in generator.planners.items():
        planner = dataclasses.replace(planner, site=edition(site, lang), original=site)
        planned = [next(planner.plan())]  # the home page comes first
        for doc in _documents_in(lang, planner, save.index, related):
            planned.append(
                dataclasses.replace(planner.document(doc), lang=lang) if lang else planner.document(doc)
            )
            if not lang and doc.url in urls:
                planned.extend(planner.redirects(doc))
        for doc_type in types.values():
            planned.extend(_in(lang, planner.listing(doc_type, planner.site.documents_of(doc_type))))
        planned.extend(_in(lang, planner.issues(only=issues)))
        planned.extend(_in(lang, planner.jurisdictions(only=places)))
        planned.extend(_in(lang, people_pages(planner.site, planner.prefix)))
        planned.extend(_in(lang, partner_pages(planner.site, planner.prefix)))
        wanted = []
        for view in planned:
            known = old.get(view.path)
            view = dataclasses.replace(view, alternates=known.alternates if known is not None else ())
            if _changed(known, view, urls, counted):
                wanted.append(view)
        yield [generator.parts.complete(view) for view in wanted if view.path in first]
        yield [generator.parts.complete(view) for view in wanted if view.path not in first]


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


def _changed(before: PageView | None, view: PageView, urls: set[str], counted: bool) -> bool:
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

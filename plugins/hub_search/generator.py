"""The search pages, the small per-state lists they load, and the index built once the site is written.

Reads the content graph and the `search.html` template; writes `search/index.html`, and
`<lang>/search/index.html` for each language of `HUB_LANGUAGES` (each planned as a `PageView` of kind
SEARCH with its language, completed by the other plugins' parts and rendered by hub_pages' renderer in
its language; Pagefind's script picks the index of the page's `<html lang>` from the one bundle),
`search/places/<state>.json` (the jurisdictions of a state, for the jurisdiction filter) and the
Pagefind bundle under `pagefind/` (made by Pagefind into a clone of the last one, or taken whole from
the last build): each claimed in the build's output registry while the site is read, and written through
it. Listed right after hub_pages in PLUGINS: once the searchable pages (documents, issues, jurisdictions)
are written, Pagefind starts indexing them in the background while the other generators and the site
check run, and the build waits for it when Pelican signals `finalized`.
"""

from __future__ import annotations

import json
import logging
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from hub_content import site_from
from hub_core.context import BACKGROUND_KEY, PREVIEW_KEY, PUBLISHED_KEY
from hub_core.outputs import outputs_of
from hub_core.settings import languages_of, settings_of
from hub_core.views import Inputs, Kind, PageView, Values, view_parts
from hub_i18n import language_environment
from hub_model import DocType, Issue, Jurisdiction, Site, jurisdiction_sort_key
from hub_pages import chrome
from hub_pages.editions import edition, with_alternates
from hub_pages.generator import description_in
from hub_pages.parallel import Edition, Pages, write_one

from .bundle import ENTRY, Manifest, placing
from .facets import FILTERS, ISSUE_PAGE, JURISDICTION_PAGE
from .indexer import BUNDLE, IndexRun, link_tree
from .languages import Elsewhere, elsewhere
from .parts import SearchPart, language_items, page_of, parts_of, plan_parts
from .reuse import BundleRecord, bundle_digest, part_digests, record_file

log = logging.getLogger(__name__)
WRITER = "hub_search"
SEARCH_PAGE = "search/index.html"
PARTS_SAID = 8  # more parts than this in one language's index are worth a warning


@dataclass(frozen=True)
class SearchValues(Values):
    """The search page's choices: the types, issues, states and years to narrow the results by."""

    types: tuple[DocType, ...]
    issues: tuple[Issue, ...]
    issue_page: str
    jurisdiction_page: str
    states: tuple[Jurisdiction, ...]
    years: tuple[int, ...]
    filters: tuple[str, ...] = FILTERS
    """The filters' names, in the URL and the index; the page says how many of them are on."""
    elsewhere: Elsewhere | None = None
    """On a search page in another language than the site's: the same search in the site's language."""
    search_parts: tuple[str, ...] = ()
    """The folders inside the bundle of the further parts of this language's index, newest pages first,
    when it is indexed in parts (parts.py); none while it fits one Pagefind run."""


def search_page(lang: str) -> str:
    """The search page of a language: `search/index.html` for the site's own (""), else `es/search/...`."""
    return f"{lang}/{SEARCH_PAGE}" if lang else SEARCH_PAGE


def search_view(
    site: Site, lang: str = "", default: str = "en", parts: Sequence[SearchPart] = ()
) -> PageView:
    """The search page in `lang` ("" for the site's language, `default`), loading the index's `parts`
    that hold pages in `lang`."""
    states = {site.jurisdictions[j.state] for j in site.jurisdictions_with_pages}
    values = SearchValues(
        types=tuple(t for t in site.types if t.listed),
        issues=tuple(site.issues.values()),
        issue_page=ISSUE_PAGE,
        jurisdiction_page=JURISDICTION_PAGE,
        states=tuple(sorted(states, key=lambda s: s.name)),
        years=tuple(sorted({d.date.year for d in site.documents if d.date}, reverse=True)),
        elsewhere=elsewhere(SEARCH_PAGE, default, lang) if lang else None,
        search_parts=parts_of(parts, lang),
    )
    inputs = Inputs(
        tuple(d.url for d in site.documents if d.date),
        issues=tuple(site.issues),
        jurisdictions=tuple(s.slug for s in values.states),
        templates=("search",),
    )
    path = search_page(lang)
    return PageView(Kind.SEARCH, path, "search", None, values, inputs, section="search", lang=lang)


class SearchGenerator(Generator):
    def generate_context(self) -> None:
        self.run: IndexRun | None = None
        self.record: tuple[BundleRecord, dict[str, bytes]] | None = None
        site, _ = site_from(self.context)
        default, *others = languages_of(self.settings)
        # The devserver indexes every page in one bundle of its own (hub_build/searchlater.py).
        cut = None if self.settings.get(PREVIEW_KEY) is not None else settings_of(self.settings).hub
        self.parts = plan_parts(site, others, cut.search_bundle_pages if cut else None)
        for lang in ("", *others):
            if cut and (count := len(parts_of(self.parts, lang)) + 1) > PARTS_SAID:
                log.warning(
                    "search: the %s search page loads its index in %d parts, and each part adds about 160 KB "
                    "(Pagefind's script, worker and WebAssembly) to a reader's first search: raise "
                    "HUB['search_bundle_pages'] (now %d) if the build machine has the memory for it",
                    lang or default,
                    count,
                    cut.search_bundle_pages,
                )
        complete = view_parts(self.context).complete
        planned = [search_view(site, lang, default, self.parts) for lang in ("", *others)]
        self.views = [complete(v) for v in with_alternates(planned, (default, *others))]
        for view in self.views:
            outputs_of(self.context).claim(view.path, WRITER)
        states = sorted({j.state for j in site.jurisdictions_with_pages})
        for name in (BUNDLE + "/", *(places_file(s) for s in states)):
            outputs_of(self.context).claim(name, WRITER)

    def _edition(self, site: Site, lang: str) -> Edition:
        """How a search page in `lang` is rendered: an environment speaking `lang` with the site's layout
        in that language (its edition of the graph) and the site's texts in it."""
        env = language_environment(self.env, self.theme, lang)
        env.globals.update(chrome(edition(site, lang), self.settings, None, lang))
        values = {"SITE_DESCRIPTION": description_in(self.settings, lang)}
        return Edition(lambda name: env.get_template(name + ".html"), values)

    def generate_output(self, writer: Any) -> None:
        site, _ = site_from(self.context)
        self.env.globals.update(chrome(site, self.settings))
        states = sorted({j.state for j in site.jurisdictions_with_pages})
        editions = {view.lang: self._edition(site, view.lang) for view in self.views if view.lang}
        written = Pages(WRITER, self.get_template, self.context, Path(self.output_path), editions)
        for view in self.views:
            write_one(view, written)
        for state in states:
            self._write_places(site, state)
        output = Path(self.output_path)
        if self._defer(searchable_pages(site, languages_of(self.settings)[1:])):
            return
        if self._reuse(output, self.parts):
            log.info("search: no searchable page changed since the last build; its index is kept")
            return
        last = self._last()
        kept = self.record[0].unchanged(self.record[1]) if self.record is not None and last else frozenset()
        self.run = IndexRun(output, self.parts, last, kept)
        background = self.settings.get(BACKGROUND_KEY)
        if background is not None:
            background.add(self.run.stop)
        else:  # run by plain Pelican: stopped at the latest when this build's generator is collected
            weakref.finalize(self, self.run.stop)
        # Connected now, so it runs after the handlers connected when the generators were set up (the
        # site check among them): Pagefind keeps indexing while they run. Held weakly by the signal, so
        # it lives exactly as long as this build's generator.
        signals.finalized.connect(self.index)

    def _defer(self, pages: list[str]) -> bool:
        """In a devserver's build, leave the index to the devserver, which runs Pagefind once the pages
        are served: the last bundle is carried over meanwhile (hard links), so search keeps working. With
        no bundle served yet (the devserver's first build), Pagefind runs here as in any build: one run
        over every page is faster than filling the devserver's index page by page."""
        preview = self.settings.get(PREVIEW_KEY)
        if preview is None:
            return False
        preview.searchable = list(pages)
        published = self.settings.get(PUBLISHED_KEY)
        if not published or not (Path(published) / BUNDLE / ENTRY).is_file():
            return False
        preview.search_deferred = True
        target = outputs_of(self.context).target(BUNDLE + "/", WRITER)
        with placing(Path(published)):  # not while the devserver exchanges it (hub_build/build.py)
            link_tree(Path(published) / BUNDLE, target)
        return True

    def _reuse(self, output: Path, parts: Sequence[SearchPart]) -> bool:
        """With the cache on, take the last build's bundle if it indexed the very same pages, in the very
        same parts."""
        published = self.settings.get(PUBLISHED_KEY)  # set by hub_build, which builds beside it
        if not site_from(self.context)[1].cache or not published:
            return False
        record = BundleRecord(record_file(Path(self.settings["CACHE_PATH"]), Path(published)))
        digests = part_digests(output, parts, record.memo)
        target = outputs_of(self.context).target(BUNDLE + "/", WRITER)
        if record.take(bundle_digest(digests), Path(published) / BUNDLE, target):
            return True
        self.record = (record, digests)
        return False

    def _last(self) -> tuple[Path, Manifest] | None:
        """The published bundle and its files as recorded when written, for Pagefind to write into a
        clone of (with the cache on and a record of it)."""
        if self.record is None or self.record[0].files is None:
            return None
        return Path(self.settings[PUBLISHED_KEY]) / BUNDLE, self.record[0].files

    def _write_places(self, site: Site, state: str) -> None:
        places = sorted(
            (j for j in site.jurisdictions_with_pages if j.state == state and not j.is_state),
            key=jurisdiction_sort_key,
        )
        data = [{"slug": j.slug, "name": j.name} for j in places]
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        outputs_of(self.context).write(places_file(state), text, WRITER)

    def index(self, _pelican: Any) -> None:
        if self.run is None:
            return
        report = self.run.finish(outputs_of(self.context).target(BUNDLE + "/", WRITER))
        if self.record is not None:
            record, digests = self.record
            record.save(bundle_digest(digests), Path(self.output_path) / BUNDLE, digests)
        log.info(
            "search: Pagefind indexed %d pages in %.2f s (%.1f CPU-s; peak memory of Pagefind: %.0f MiB; "
            "%d files kept from the last index, %d of them no longer used)%s",
            report.pages,
            report.seconds,
            report.cpu_seconds or 0.0,
            report.peak_mib,
            report.cloned,
            report.pruned,
            f"; {report.parts} parts, {report.taken} of them taken whole" if report.parts > 1 else "",
        )


def places_file(state: str) -> str:
    """The jurisdictions of a state with pages of their own, for the search page's filter."""
    return f"search/places/{state}.json"


def searchable_pages(site: Site, languages: Sequence[str] = ()) -> list[str]:
    """The written pages the theme marks `data-pagefind-body`: documents, issues and jurisdictions, and
    in each other language of `languages` its translations and its issue and jurisdiction pages (Pagefind
    indexes each language apart, by the page's `lang`, so a language's search finds its own pages)."""
    return [page_of(item) for items in language_items(site, languages).values() for item in items]

"""The three maps the theme shows: one ordinance's adoptions, an issue's, and the whole site's.

Reads the `Site` graph (adoption rows through `hub_pages.views`), the `Atlas` and the site's gettext
catalogue; writes nothing. `MapMaker` draws each page's `Figure`, which `parts.py` puts into the page's
view: `theme/templates/map_ordinance.html`, `map_issue.html` and `map_jurisdictions.html` show the map's
file through `<img src="{{ SITEURL }}/{{ figure.path }}">`. `SiteMaps` keeps the build's figures, each
drawn once, in the build's context (`maps_of()`): the page views ask for them first, while hub_pages
plans the pages, then `generator.py` lists every map a page shows (`figures()`) and writes each (`svg()`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from hub_core.context import MAPS_KEY
from hub_model import N_, PREEMPTION_ISSUE, Document, Issue, Jurisdiction, OrdinanceDetails, Preemption, Site
from hub_pages import views

from .atlas import Atlas, load_atlas
from .marks import Mark, Translations, UsMap, english_number, render
from .svg import markup

FILE_NAME = "map.svg"
JURISDICTIONS_MAP = f"jurisdictions/{FILE_NAME}"


@dataclass(frozen=True)
class Figure:
    """A map, the file it is written to and its adoption rows grouped by state (for a table beside it)."""

    us_map: UsMap
    adoptions_by_state: tuple[tuple[Jurisdiction, tuple[views.AdoptionRow, ...]], ...]
    path: str  # the SVG file, relative to the output folder: "ordinances/<slug>/map.svg"
    shown: bool  # whether the page shows this map (and so whether its file is written)
    every_issue: bool = False  # the preemption issue's map: it hatches preemption on every issue


@dataclass(frozen=True)
class MapMaker:
    atlas: Atlas
    text: Translations
    number: Callable[[int], str] = english_number  # digit grouping in the site's language
    blank: dict[str, Mark] = field(default_factory=dict, compare=False)
    """The marks of states with nothing to show, shared by every map this maker draws (`state_marks`)."""

    def ordinance(self, site: Site, ordinance: Document) -> Figure:
        """Where one model ordinance has been taken up; shown when it has adoptions."""
        title = self.text.gettext("Map of where %(title)s has been taken up") % {"title": ordinance.title}
        rows = views.adoption_rows(site, ordinance)
        preemptions = site.preemptions_on(ordinance.issues)
        return self._figure(site, rows, title, ordinance.url + FILE_NAME, preemptions, bool(rows))

    def issue(self, site: Site, issue: Issue) -> Figure:
        """Every adoption of the model ordinances on an issue, with the states whose laws preempt local
        action on it hatched (on the preemption issue: on any issue); shown when there is either."""
        every_issue = issue.slug == PREEMPTION_ISSUE
        phrase = (
            N_("Map of state preemption on every issue, and of where models on %(issue)s have been taken up")
            if every_issue
            else N_("Map of where models on %(issue)s have been taken up")
        )  # marked one by one, so the extractor finds each whole sentence
        title = self.text.gettext(phrase) % {"issue": issue.title}
        rows = _rows(site, site.documents_on(issue))
        preemptions = tuple(r.preemption for r in views.issue_preemptions(site, issue))
        shown = bool(rows or preemptions)
        figure = self._figure(site, rows, title, issue.url + FILE_NAME, preemptions, shown)
        return dataclasses.replace(figure, every_issue=every_issue)

    def everything(self, site: Site) -> Figure:
        """Every adoption on the site, and the states documents name (shaded as named without a statewide
        adoption); shown when a state is shaded, outlined or holds a dot."""
        named = {
            slug for slug, docs in site.by_jurisdiction.items() if docs and site.jurisdictions[slug].is_state
        }
        title = self.text.gettext("Map of adoptions of model policies, and of the states documents name")
        rows = _rows(site, site.documents)
        us_map = render(site, self.atlas, rows, self.text, title, named, number=self.number, blank=self.blank)
        return Figure(us_map, views.by_state(rows), JURISDICTIONS_MAP, bool(us_map.marked_states or rows))

    def svg(self, site: Site, figure: Figure) -> str:
        """The text of the figure's SVG file."""
        return markup(site, self.atlas, figure.us_map, self.text)

    def _figure(
        self,
        site: Site,
        rows: tuple[views.AdoptionRow, ...],
        title: str,
        path: str,
        preemptions: tuple[Preemption, ...],
        shown: bool,
    ) -> Figure:
        """A map of these rows, with the states of the preemption laws in force hatched."""
        us_map = render(
            site,
            self.atlas,
            rows,
            self.text,
            title,
            preemptions=preemptions,
            number=self.number,
            blank=self.blank,
        )
        return Figure(us_map, views.by_state(rows), path, shown)


@dataclass
class SiteMaps:
    """This build's maps, each drawn once however often it is asked for: by the page views (parts.py),
    while hub_pages plans the pages, and by the generator that claims and writes their files, after."""

    maker: MapMaker
    site: Site
    _drawn: dict[tuple[str, str], Figure] = field(default_factory=dict)

    def ordinance(self, ordinance: Document) -> Figure:
        return self._once(("ordinance", ordinance.url), lambda: self.maker.ordinance(self.site, ordinance))

    def issue(self, issue: Issue) -> Figure:
        return self._once(("issue", issue.url), lambda: self.maker.issue(self.site, issue))

    def everything(self) -> Figure:
        return self._once(("everything", ""), lambda: self.maker.everything(self.site))

    def figures(self) -> Iterator[Figure]:
        """Every map a page shows: each ordinance's with adoptions, each issue's, the jurisdictions'."""
        for doc in self.site.documents:
            if isinstance(doc.details, OrdinanceDetails):
                yield from _if_shown(self.ordinance(doc))
        for issue in self.site.issues.values():
            yield from _if_shown(self.issue(issue))
        yield from _if_shown(self.everything())

    def svg(self, figure: Figure) -> str:
        """The text of the figure's SVG file."""
        return self.maker.svg(self.site, figure)

    def _once(self, key: tuple[str, str], draw: Callable[[], Figure]) -> Figure:
        figure = self._drawn.get(key)
        if figure is None:
            figure = self._drawn[key] = draw()
        return figure


def map_maker(theme: str, language: str) -> MapMaker:
    """The maker of the site's maps, in the site's language."""
    from hub_i18n import number_formatter, translations_for

    return MapMaker(load_atlas(), translations_for(theme, language), number_formatter(language))


def maps_of(context: MutableMapping[str, Any], theme: str) -> SiteMaps:
    """The build's `SiteMaps`, made on first use (the site's graph must be read by then)."""
    from hub_content import site_from

    maps = context.get(MAPS_KEY)
    if maps is None:
        maker = map_maker(theme, context.get("DEFAULT_LANG", "en"))
        maps = context[MAPS_KEY] = SiteMaps(maker, site_from(context)[0])
    if not isinstance(maps, SiteMaps):
        raise TypeError(f"{MAPS_KEY} in the context is not a SiteMaps")
    return maps


def _if_shown(figure: Figure) -> tuple[Figure, ...]:
    return (figure,) if figure.shown else ()


def _rows(site: Site, documents: tuple[Document, ...]) -> tuple[views.AdoptionRow, ...]:
    """The adoptions of every ordinance among the documents, by state, then place, then ordinance."""
    rows = [
        row
        for doc in documents
        if isinstance(doc.details, OrdinanceDetails)
        for row in views.adoption_rows(site, doc)
    ]
    return tuple(
        sorted(
            rows,
            key=lambda r: (
                r.state.name,
                not r.jurisdiction.is_state,
                r.jurisdiction.name,
                r.ordinance.title,
                r.ordinance.slug,
            ),
        )
    )

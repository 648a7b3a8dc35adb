"""The map before it is drawn: states shaded for what happened at state level, local adoptions as places.

Reads nothing and writes nothing. `render()` takes the `Site` graph, adoption rows (`hub_pages.views`'
`AdoptionRow`: an adoption with its jurisdiction and state), the `Atlas` of shapes, a gettext translations
object and the map's title, and returns a frozen `UsMap`: the marks, the summary and the description in
words (words.py), and the legend. svg.py draws a `UsMap`.

- A state's shape shows only what happened at state level: its status is the strongest of the statuses
  of the adoptions whose jurisdiction is the state itself (a statewide law or bill), by `PRECEDENCE`:
  adopted, then introduced, preempted, repealed, failed. Adoptions by its cities, counties, school boards
  and other local jurisdictions never shade it: a state with only those keeps the land's colour (`none`)
  and gets the class `has-local`, an outline; its mark still counts them (`local`, `places`) for the
  tooltip and the text equivalent. A state with no adoptions at all is `none`, or `named` when the caller
  lists it as named by documents.
- A local jurisdiction with a latitude and longitude is a point inside its state's outline, its status
  chosen the same way among its own adoptions. One without a location, or whose location falls outside its
  state's bounding box (a mistyped coordinate), is not drawn: it is listed in `UsMap.unplaced`, which the
  description and the page's note name, so no adoption silently disappears.
- The summary counts adopted ones only: local jurisdictions (each counted once, however many adoptions
  it has), the states they are in, and statewide laws (adopted adoptions of a state itself). Other
  statuses are drawn and described, status by status, but not counted as adopted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from hub_model import N_, Adoption, AdoptionStatus, Jurisdiction, Preemption, Site

from .atlas import Atlas
from .projection import project

PRECEDENCE = (
    AdoptionStatus.ADOPTED,
    AdoptionStatus.INTRODUCED,
    AdoptionStatus.PREEMPTED,
    AdoptionStatus.REPEALED,
    AdoptionStatus.FAILED,
)
"""When a state (or a jurisdiction) has adoptions of several statuses, the first of these names it."""
NAMED = "named"
NONE = "none"
HAS_LOCAL = "has-local"
"""The class of a state's shape that is not shaded but holds local adoptions: an outline, no fill."""


def english_number(value: int) -> str:
    """A whole number with English digit grouping ("148,696"), for maps made without hub_i18n."""
    return f"{value:,}"


class Translations(Protocol):
    """What the map needs of `gettext.NullTranslations` (hub_i18n's catalogue for the site's language)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class Row(Protocol):
    """An adoption row of `hub_pages.views` (only what the map reads)."""

    @property
    def adoption(self) -> Adoption: ...

    @property
    def jurisdiction(self) -> Jurisdiction: ...

    @property
    def state(self) -> Jurisdiction: ...


Counts = tuple[tuple[AdoptionStatus, int], ...]


@dataclass(frozen=True)
class Mark:
    """A state or a point on the map: its status class and how many adoptions of each status it has."""

    jurisdiction: Jurisdiction
    status: str  # an AdoptionStatus value, "named" or "none"
    counts: Counts  # its own adoptions (a state's: statewide ones), in PRECEDENCE order, only those it has
    x: float = 0.0  # where a point is drawn (states: unused)
    y: float = 0.0
    local: Counts = ()  # a state's: the adoptions of the local jurisdictions within it
    places: int = 0  # a state's: how many local jurisdictions within it have adoptions
    hatch: str = ""  # a state's: "preempts" or "partial" when a law in force preempts (preempt.py)

    def count(self, status: AdoptionStatus) -> int:
        """Adoptions of this status, its own and (for a state) its local jurisdictions' together."""
        return dict(self.counts).get(status, 0) + dict(self.local).get(status, 0)

    @property
    def outlined(self) -> bool:
        """Whether this is a state left unshaded that holds local adoptions (drawn with an outline)."""
        return self.status == NONE and self.places > 0

    @property
    def classes(self) -> str:
        """The shape's status classes: `status-…`, `has-local` for an unshaded state with places, and
        `preempts` or `partial` for a state hatched for a preemption law in force."""
        return (
            f"status-{self.status}"
            + (f" {HAS_LOCAL}" if self.outlined else "")
            + (f" {self.hatch}" if self.hatch else "")
        )


@dataclass(frozen=True)
class LegendEntry:
    status: str  # the class suffix: an AdoptionStatus value, "named", "none", "has-local", or a hatch
    label: str  # untranslated (the template translates it)
    point: bool = False  # a local jurisdiction's dot, not a state's shape
    hatch: bool = False  # a preemption hatching ("preempts" or "partial"), drawn over a state

    @property
    def classes(self) -> str:
        """The swatch's classes, as the map draws the same thing."""
        if self.hatch:
            return f"hatch {self.status}"
        if self.point:
            return f"point status-{self.status}"
        if self.status == HAS_LOCAL:
            return f"state status-{NONE} {HAS_LOCAL}"
        return f"state status-{self.status}"


STATE_LABELS = MappingProxyType(
    {
        AdoptionStatus.ADOPTED.value: N_("State: statewide law adopted"),
        AdoptionStatus.INTRODUCED.value: N_("State: statewide bill introduced"),
        AdoptionStatus.PREEMPTED.value: N_("State: preempted statewide"),
        AdoptionStatus.REPEALED.value: N_("State: statewide law repealed"),
        AdoptionStatus.FAILED.value: N_("State: statewide bill failed"),
        NAMED: N_("State named in documents, no adoptions"),
        HAS_LOCAL: N_("State with local adoptions only (not shaded)"),
        NONE: N_("State with no statewide adoption recorded"),
    }
)
"""The legend's words for a state's shape, and the text equivalent's "Shaded as" column."""
POINT_LABELS = MappingProxyType(
    {
        AdoptionStatus.ADOPTED.value: N_("City, county or other local jurisdiction: adopted"),
        AdoptionStatus.INTRODUCED.value: N_("City, county or other local jurisdiction: introduced"),
        AdoptionStatus.PREEMPTED.value: N_("City, county or other local jurisdiction: preempted"),
        AdoptionStatus.REPEALED.value: N_("City, county or other local jurisdiction: repealed"),
        AdoptionStatus.FAILED.value: N_("City, county or other local jurisdiction: failed"),
    }
)
"""The legend's words for a local jurisdiction's dot."""


@dataclass(frozen=True)
class OffMap:
    """A local jurisdiction with adoptions that the map cannot place, named in words instead."""

    jurisdiction: Jurisdiction
    name: str  # with its state: "Durham, North Carolina"


@dataclass(frozen=True)
class UsMap:
    """One map, before it is drawn: what its file, its `<img>`, its legend and text equivalent need."""

    title: str
    summary: str  # "Adopted: N local jurisdictions in M states; K statewide laws." (above the map)
    description: str  # the map in words, starting with the summary: the SVG's <desc> and the <img>'s alt
    view_box: tuple[int, int, int, int]
    states: tuple[Mark, ...]  # every state and territory, by postal code
    points: tuple[Mark, ...]
    legend: tuple[LegendEntry, ...]  # states' statuses in PRECEDENCE order, named, local, none; then dots
    unplaced: tuple[OffMap, ...] = ()  # local jurisdictions with adoptions that have no point on the map
    preemption: tuple[str, ...] = ()  # the preemption layer in words (preempt.py), shown under the map

    @property
    def width(self) -> int:
        return self.view_box[2]

    @property
    def height(self) -> int:
        return self.view_box[3]

    @property
    def statuses(self) -> tuple[AdoptionStatus, ...]:
        """The adoption statuses found on the map, in PRECEDENCE order (the columns of a table)."""
        found = {status for mark in self.states for status, _ in (*mark.counts, *mark.local)}
        return tuple(s for s in PRECEDENCE if s in found)

    def label(self, status: str) -> str:
        """The untranslated name of a state's status class ("adopted", "named", "none"), for a template."""
        return STATE_LABELS[status]

    @property
    def marked_states(self) -> tuple[Mark, ...]:
        """States with adoptions, statewide or local, or named by documents, by name: a text equivalent's
        rows."""
        marked = (m for m in self.states if m.status != NONE or m.places)
        return tuple(sorted(marked, key=lambda m: m.jurisdiction.name))


def strongest(statuses: Iterable[AdoptionStatus]) -> str:
    """The status class of a set of adoptions by PRECEDENCE; "none" when there are none."""
    present = set(statuses)
    return next((s.value for s in PRECEDENCE if s in present), NONE)


def _counts(statuses: Iterable[AdoptionStatus]) -> Counts:
    counter = Counter(statuses)
    return tuple((s, counter[s]) for s in PRECEDENCE if counter[s])


def state_marks(
    site: Site,
    atlas: Atlas,
    rows: Sequence[Row],
    named: Collection[str] = (),
    hatched: Mapping[str, str] = MappingProxyType({}),
    blank: dict[str, Mark] | None = None,
) -> tuple[Mark, ...]:
    """Every state and territory of the atlas, shaded by its statewide adoptions only, else named or none;
    its local jurisdictions' adoptions are counted on the mark, never shaded; `hatched` gives the states
    hatched for preemption in force. `blank` holds the marks of states with nothing to show, by code,
    for every map of a build to share (most of the 56 marks of most maps)."""
    statewide: dict[str, list[AdoptionStatus]] = {}
    local: dict[str, list[AdoptionStatus]] = {}
    places: dict[str, set[str]] = {}
    for row in rows:
        if row.jurisdiction.is_state:
            statewide.setdefault(row.state.slug, []).append(row.adoption.status)
        else:
            local.setdefault(row.state.slug, []).append(row.adoption.status)
            places.setdefault(row.state.slug, set()).add(row.jurisdiction.slug)
    marks = []
    for code in atlas.shapes:
        own, within = statewide.get(code, []), local.get(code, [])
        status = strongest(own)
        if status == NONE and code in named and not within:
            status = NAMED
        count = len(places.get(code, ()))
        jurisdiction = site.jurisdictions[code]
        mark = Mark(
            jurisdiction,
            status,
            _counts(own),
            local=_counts(within),
            places=count,
            hatch=hatched.get(code, ""),
        )
        if blank is not None and mark == Mark(jurisdiction, NONE, ()):
            mark = blank.setdefault(code, mark)
        marks.append(mark)
    return tuple(marks)


def local_marks(atlas: Atlas, rows: Sequence[Row]) -> tuple[tuple[Mark, ...], tuple[Mark, ...]]:
    """A dot for each local jurisdiction with a location inside its state's box, the strongest statuses
    drawn last (on top); and, by state then name, those that cannot be drawn."""
    found: dict[str, tuple[Jurisdiction, list[AdoptionStatus]]] = {}
    for row in rows:
        if not row.jurisdiction.is_state:
            found.setdefault(row.jurisdiction.slug, (row.jurisdiction, []))[1].append(row.adoption.status)
    points, unplaced = [], []
    for place, statuses in found.values():
        mark = Mark(place, strongest(statuses), _counts(statuses))
        located = _located(atlas, mark)
        if located is None:
            unplaced.append(mark)
        else:
            points.append(located)
    rank = {s.value: i for i, s in enumerate(PRECEDENCE)}
    points.sort(key=lambda m: (-rank[m.status], m.jurisdiction.slug))
    unplaced.sort(key=lambda m: (m.jurisdiction.state, m.jurisdiction.name, m.jurisdiction.slug))
    return tuple(points), tuple(unplaced)


def _located(atlas: Atlas, mark: Mark) -> Mark | None:
    """The mark at its projected location, or None without one or when it falls outside its state."""
    place = mark.jurisdiction
    if place.lat is None or place.lon is None:
        return None
    x, y = project(place.state, place.lon, place.lat)
    shape = atlas.shapes.get(place.state)
    if shape is None or not shape.contains_box(x, y):
        return None
    return Mark(place, mark.status, mark.counts, round(x, 1), round(y, 1))


def render(
    site: Site,
    atlas: Atlas,
    rows: Sequence[Row],
    text: Translations,
    title: str,
    named: Collection[str] = (),
    preemptions: Sequence[Preemption] = (),
    number: Callable[[int], str] = english_number,
    blank: dict[str, Mark] | None = None,
) -> UsMap:
    """The map of these adoption rows; `named` lists states to shade as named when they have none;
    states with a law in force among `preemptions` are hatched, and every record is named in words."""
    from . import preempt  # preempt.py and words.py read the marks defined here
    from .words import coverage, describe, place_name, summary

    hatched = preempt.hatched_states(preemptions)
    states = state_marks(site, atlas, rows, named, hatched, blank)
    points, unplaced = local_marks(atlas, rows)
    legend = _legend(states, points) + preempt.legend(hatched)
    covered = coverage(site, rows, text, number)
    short = f"{summary(rows, text)} {covered}".strip()
    off = tuple(OffMap(m.jurisdiction, place_name(site, m, text)) for m in unplaced)
    layer = preempt.sentences(site, preemptions, text)
    described = describe(rows, states, points, [o.name for o in off], text, covered)
    description = " ".join((described, *layer))
    return UsMap(title, short, description, atlas.view_box, states, points, legend, off, layer)


def _legend(states: Sequence[Mark], points: Sequence[Mark]) -> tuple[LegendEntry, ...]:
    """What the map shows, in the order of the labels: states' shadings, then the dots' statuses."""
    shown = {m.status for m in states} | {HAS_LOCAL for m in states if m.outlined}
    dots = {m.status for m in points}
    return (
        *(LegendEntry(s, label) for s, label in STATE_LABELS.items() if s in shown),
        *(LegendEntry(s, label, point=True) for s, label in POINT_LABELS.items() if s in dots),
    )

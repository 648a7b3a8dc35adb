"""The map before it is drawn: states shaded by adoption status, jurisdictions with a location as dots.

Reads nothing and writes nothing. `render()` takes the `Site` graph, adoption rows (`hub_pages.views`'
`AdoptionRow`: an adoption with its jurisdiction and state), the `Atlas` of shapes, a gettext translations
object and the map's title, and returns a frozen `UsMap`: the marks, the description in words (the `alt`
of the `<img>` that shows the map) and the legend. svg.py draws a `UsMap`.

- The description sums the map up in words, status by status; each mark's title (`mark_title`) is its
  tooltip. The page's adoption table is the map's full text equivalent.
- A state's status is the strongest of its adoptions' statuses, statewide or in any jurisdiction within
  it, by `PRECEDENCE`: adopted, then introduced, preempted, repealed, failed (so one adopting city shades
  its state "adopted"). A state without adoptions is `none`, or `named` when the caller lists it as named
  by documents.
- A jurisdiction (not a state) with a latitude and longitude is a point, its status chosen the same way
  among its own adoptions. A point that falls outside its state's bounding box (a mistyped coordinate) is
  left off rather than drawn in the wrong place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from hub_model import N_, Adoption, AdoptionStatus, Jurisdiction, Site

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

_SENTENCES = MappingProxyType(
    {
        AdoptionStatus.ADOPTED: N_("Adopted in %(jurisdictions)s in %(states)s: %(names)s."),
        AdoptionStatus.INTRODUCED: N_("Introduced in %(jurisdictions)s in %(states)s: %(names)s."),
        AdoptionStatus.PREEMPTED: N_("Preempted in %(jurisdictions)s in %(states)s: %(names)s."),
        AdoptionStatus.REPEALED: N_("Repealed in %(jurisdictions)s in %(states)s: %(names)s."),
        AdoptionStatus.FAILED: N_("Failed in %(jurisdictions)s in %(states)s: %(names)s."),
    }
)


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


@dataclass(frozen=True)
class Mark:
    """A state or a point on the map: its status class and how many adoptions of each status it has."""

    jurisdiction: Jurisdiction
    status: str  # an AdoptionStatus value, "named" or "none"
    counts: tuple[tuple[AdoptionStatus, int], ...]  # in PRECEDENCE order, only statuses it has
    x: float = 0.0  # where a point is drawn (states: unused)
    y: float = 0.0

    def count(self, status: AdoptionStatus) -> int:
        return dict(self.counts).get(status, 0)


@dataclass(frozen=True)
class LegendEntry:
    status: str  # the class suffix: an AdoptionStatus value, "named" or "none"
    label: str  # untranslated (the template translates it)


LEGEND_LABELS = MappingProxyType(
    {
        **{s.value: s.label for s in PRECEDENCE},
        NAMED: N_("Named in documents, no adoptions"),
        NONE: N_("No adoptions recorded"),
    }
)


@dataclass(frozen=True)
class UsMap:
    """One map, before it is drawn: what its file, its `<img>`, its legend and text equivalent need."""

    title: str
    description: str  # the map in words: the SVG's <desc> and the <img>'s alt
    view_box: tuple[int, int, int, int]
    states: tuple[Mark, ...]  # every state and territory, by postal code
    points: tuple[Mark, ...]
    legend: tuple[LegendEntry, ...]  # the statuses the map shows, in PRECEDENCE order, then named, none

    @property
    def width(self) -> int:
        return self.view_box[2]

    @property
    def height(self) -> int:
        return self.view_box[3]

    @property
    def statuses(self) -> tuple[AdoptionStatus, ...]:
        """The adoption statuses found on the map, in PRECEDENCE order (the columns of a table)."""
        found = {status for mark in self.states for status, _ in mark.counts}
        return tuple(s for s in PRECEDENCE if s in found)

    def label(self, status: str) -> str:
        """The untranslated name of a status class ("adopted", "named", "none"), for a template."""
        return LEGEND_LABELS[status]

    @property
    def marked_states(self) -> tuple[Mark, ...]:
        """States with adoptions (or named by documents), by name: the rows of a text equivalent."""
        return tuple(sorted((m for m in self.states if m.status != NONE), key=lambda m: m.jurisdiction.name))


def strongest(statuses: Iterable[AdoptionStatus]) -> str:
    """The status class of a set of adoptions by PRECEDENCE; "none" when there are none."""
    present = set(statuses)
    return next((s.value for s in PRECEDENCE if s in present), NONE)


def _counts(statuses: Iterable[AdoptionStatus]) -> tuple[tuple[AdoptionStatus, int], ...]:
    counter = Counter(statuses)
    return tuple((s, counter[s]) for s in PRECEDENCE if counter[s])


def state_marks(
    site: Site, atlas: Atlas, rows: Sequence[Row], named: Collection[str] = ()
) -> tuple[Mark, ...]:
    """Every state and territory of the atlas with its status: by its adoptions, else named or none."""
    by_state: dict[str, list[AdoptionStatus]] = {}
    for row in rows:
        by_state.setdefault(row.state.slug, []).append(row.adoption.status)
    marks = []
    for code in atlas.shapes:
        statuses = by_state.get(code, [])
        status = strongest(statuses)
        if status == NONE and code in named:
            status = NAMED
        marks.append(Mark(site.jurisdictions[code], status, _counts(statuses)))
    return tuple(marks)


def point_marks(atlas: Atlas, rows: Sequence[Row]) -> tuple[Mark, ...]:
    """A dot for each jurisdiction with a location; the strongest statuses are drawn last (on top)."""
    found: dict[str, tuple[Jurisdiction, float, float, list[AdoptionStatus]]] = {}
    for row in rows:
        place = row.jurisdiction
        if place.is_state or place.lat is None or place.lon is None:
            continue
        found.setdefault(place.slug, (place, place.lon, place.lat, []))[3].append(row.adoption.status)
    marks = []
    for place, lon, lat, statuses in found.values():
        x, y = project(place.state, lon, lat)
        shape = atlas.shapes.get(place.state)
        if shape is not None and shape.contains_box(x, y):
            marks.append(Mark(place, strongest(statuses), _counts(statuses), round(x, 1), round(y, 1)))
    rank = {s.value: i for i, s in enumerate(PRECEDENCE)}
    return tuple(sorted(marks, key=lambda m: (-rank[m.status], m.jurisdiction.slug)))


def describe(rows: Sequence[Row], states: Sequence[Mark], points: Sequence[Mark], text: Translations) -> str:
    """The map in words: where each status is found, the states named without adoptions, the dots."""
    sentences = []
    for status in PRECEDENCE:
        chosen = [r for r in rows if r.adoption.status is status]
        if not chosen:
            continue
        places = {r.jurisdiction.slug for r in chosen}
        names = sorted({r.state.name for r in chosen})
        sentences.append(
            text.gettext(_SENTENCES[status])
            % {
                "jurisdictions": _plural(text, "%(num)s jurisdiction", "%(num)s jurisdictions", len(places)),
                "states": _plural(text, "%(num)s state", "%(num)s states", len(names)),
                "names": ", ".join(names),
            }
        )
    named = sorted(m.jurisdiction.name for m in states if m.status == NAMED)
    if named:
        sentences.append(
            text.ngettext(
                "Documents also name %(num)s state without adoptions: %(names)s.",
                "Documents also name %(num)s states without adoptions: %(names)s.",
                len(named),
            )
            % {"num": len(named), "names": ", ".join(named)}
        )
    if not sentences:
        sentences.append(text.gettext("No adoptions recorded."))
    if points:
        sentences.append(
            _plural(
                text,
                "%(num)s jurisdiction with a known location is marked with a dot.",
                "%(num)s jurisdictions with a known location are marked with dots.",
                len(points),
            )
        )
    return " ".join(sentences)


def _plural(text: Translations, singular: str, plural: str, n: int) -> str:
    return text.ngettext(singular, plural, n) % {"num": n}


def mark_title(mark: Mark, text: Translations, state: Jurisdiction | None = None) -> str:
    """A state's or a point's tooltip: "Durham, North Carolina: Adopted (2), Introduced"."""
    if mark.counts:
        parts = [
            text.gettext(status.label)
            if n == 1
            else text.gettext("%(status)s (%(count)s)") % {"status": text.gettext(status.label), "count": n}
            for status, n in mark.counts
        ]
        statuses = ", ".join(parts)
    elif mark.status == NAMED:
        statuses = text.gettext("Named in documents; no adoptions recorded")
    else:
        statuses = text.gettext("No adoptions recorded")
    place = mark.jurisdiction.name
    if state is not None:
        place = text.gettext("%(name)s, %(state)s") % {"name": place, "state": state.name}
    return text.gettext("%(place)s: %(statuses)s") % {"place": place, "statuses": statuses}


def render(
    site: Site,
    atlas: Atlas,
    rows: Sequence[Row],
    text: Translations,
    title: str,
    named: Collection[str] = (),
) -> UsMap:
    """The map of these adoption rows; `named` lists states to shade as named when they have none."""
    states = state_marks(site, atlas, rows, named)
    points = point_marks(atlas, rows)
    shown = {m.status for m in states} | {m.status for m in points}
    legend = tuple(LegendEntry(s, label) for s, label in LEGEND_LABELS.items() if s in shown)
    description = describe(rows, states, points, text)
    return UsMap(title, description, atlas.view_box, states, points, legend)

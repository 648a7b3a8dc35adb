"""The map in words: the summary above it, its description (the SVG's `<desc>`, the `<img>`'s alt) and
each mark's tooltip.

Reads nothing and writes nothing; every sentence goes through the site's gettext catalogue, each a whole
sentence to translate, numbers through `ngettext` so that each language says "1 state" and "2 states" its
own way. Counting, as marks.py says: the summary counts adopted ones only (local jurisdictions once each,
the states they are in, statewide laws); every other status gets its own sentence, and is not counted as
adopted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hub_model import N_, AdoptionStatus, Site

from .marks import NAMED, PRECEDENCE, Mark, Row, Translations

_OTHER_SENTENCES = {
    AdoptionStatus.INTRODUCED: N_("Introduced in %(jurisdictions)s in %(states)s: %(names)s."),
    AdoptionStatus.PREEMPTED: N_("Preempted in %(jurisdictions)s in %(states)s: %(names)s."),
    AdoptionStatus.REPEALED: N_("Repealed in %(jurisdictions)s in %(states)s: %(names)s."),
    AdoptionStatus.FAILED: N_("Failed in %(jurisdictions)s in %(states)s: %(names)s."),
}


def _plural(text: Translations, singular: str, plural: str, n: int) -> str:
    return text.ngettext(singular, plural, n) % {"num": n}


def summary(rows: Sequence[Row], text: Translations) -> str:
    """ "Adopted: 3 local jurisdictions in 2 states; 1 statewide law." """
    adopted = [r for r in rows if r.adoption.status is AdoptionStatus.ADOPTED]
    local = [r for r in adopted if not r.jurisdiction.is_state]
    laws = len(adopted) - len(local)
    places = len({r.jurisdiction.slug for r in local})
    states = len({r.state.slug for r in local})
    return text.gettext("Adopted: %(local)s in %(states)s; %(laws)s.") % {
        "local": _plural(text, "%(num)s local jurisdiction", "%(num)s local jurisdictions", places),
        "states": _plural(text, "%(num)s state", "%(num)s states", states),
        "laws": _plural(text, "%(num)s statewide law", "%(num)s statewide laws", laws),
    }


def coverage(site: Site, rows: Sequence[Row], text: Translations, number: Callable[[int], str]) -> str:
    """How many residents the adopted places are home to, each counted once: a place inside another
    adopted place (a town in an adopting county, anything in a state with a statewide law) is left out,
    as the enclosing place's population counts its residents. Empty when no population is known."""
    adopted = {
        r.jurisdiction.slug: r.jurisdiction for r in rows if r.adoption.status is AdoptionStatus.ADOPTED
    }
    outermost = [j for j in adopted.values() if not any(a.slug in adopted for a in site.ancestors(j))]
    known = [j.population for j in outermost if j.population is not None]
    if not known:
        return ""
    total = sum(known)
    values = {"num": number(total)}
    unknown = len(outermost) - len(known)
    if not unknown:
        return (
            text.ngettext(
                "The adopted places are home to about %(num)s resident.",
                "The adopted places are home to about %(num)s residents.",
                total,
            )
            % values
        )
    return text.ngettext(
        "Adopted places with a known population are home to about %(num)s resident; %(unknown)s.",
        "Adopted places with a known population are home to about %(num)s residents; %(unknown)s.",
        total,
    ) % {
        **values,
        "unknown": _plural(
            text,
            "%(num)s adopted place has no population recorded",
            "%(num)s adopted places have no population recorded",
            unknown,
        ),
    }


def describe(
    rows: Sequence[Row],
    states: Sequence[Mark],
    points: Sequence[Mark],
    unplaced: Sequence[str],
    text: Translations,
    covered: str = "",
) -> str:
    """The map in words: the summary (and `covered`, the residents it covers), where adopted, every other
    status, named states, the dots, and the local jurisdictions the map cannot place."""
    lead = [summary(rows, text), covered] if covered else [summary(rows, text)]
    sentences = [*lead, *_adopted(rows, text), *_others(rows, text)]
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
    if points:
        sentences.append(
            _plural(
                text,
                "%(num)s local jurisdiction with a known location is marked with a dot.",
                "%(num)s local jurisdictions with a known location are marked with dots.",
                len(points),
            )
        )
    if unplaced:
        sentences.append(
            text.ngettext(
                "%(num)s local jurisdiction has no location on the map: %(names)s.",
                "%(num)s local jurisdictions have no location on the map: %(names)s.",
                len(unplaced),
            )
            % {"num": len(unplaced), "names": "; ".join(unplaced)}
        )
    return " ".join(sentences)


def _adopted(rows: Sequence[Row], text: Translations) -> list[str]:
    """Which states have a statewide law, and which have local adoptions, by name."""
    adopted = [r for r in rows if r.adoption.status is AdoptionStatus.ADOPTED]
    statewide = sorted({r.state.name for r in adopted if r.jurisdiction.is_state})
    local = sorted({r.state.name for r in adopted if not r.jurisdiction.is_state})
    sentences = []
    if statewide:
        sentences.append(
            text.ngettext(
                "Statewide law in %(num)s state: %(names)s.",
                "Statewide laws in %(num)s states: %(names)s.",
                len(statewide),
            )
            % {"num": len(statewide), "names": ", ".join(statewide)}
        )
    if local:
        sentences.append(
            text.ngettext(
                "Local adoptions in %(num)s state: %(names)s.",
                "Local adoptions in %(num)s states: %(names)s.",
                len(local),
            )
            % {"num": len(local), "names": ", ".join(local)}
        )
    return sentences


def _others(rows: Sequence[Row], text: Translations) -> list[str]:
    """A sentence for each status other than adopted: shown on the map, not counted as adopted."""
    sentences = []
    for status in PRECEDENCE[1:]:
        chosen = [r for r in rows if r.adoption.status is status]
        if not chosen:
            continue
        places = {r.jurisdiction.slug for r in chosen}
        names = sorted({r.state.name for r in chosen})
        sentences.append(
            text.gettext(_OTHER_SENTENCES[status])
            % {
                "jurisdictions": _plural(text, "%(num)s jurisdiction", "%(num)s jurisdictions", len(places)),
                "states": _plural(text, "%(num)s state", "%(num)s states", len(names)),
                "names": ", ".join(names),
            }
        )
    return sentences


def place_name(site: Site, mark: Mark, text: Translations) -> str:
    """ "Durham, North Carolina" """
    state = site.jurisdictions[mark.jurisdiction.state]
    return text.gettext("%(name)s, %(state)s") % {"name": mark.jurisdiction.name, "state": state.name}


def mark_title(mark: Mark, text: Translations, site: Site | None = None) -> str:
    """A state's or a point's tooltip: "Durham, North Carolina: Adopted (2), Introduced"; a state's says
    what happened statewide, then in its local jurisdictions."""
    place = mark.jurisdiction.name if site is None else place_name(site, mark, text)
    if mark.places:
        return _state_with_places(mark, text)
    if mark.counts:
        statuses = _statuses(mark.counts, text)
    elif mark.status == NAMED:
        statuses = text.gettext("Named in documents; no adoptions recorded")
    else:
        statuses = text.gettext("No adoptions recorded")
    return text.gettext("%(place)s: %(statuses)s") % {"place": place, "statuses": statuses}


def _state_with_places(mark: Mark, text: Translations) -> str:
    local = _plural(text, "%(num)s local jurisdiction", "%(num)s local jurisdictions", mark.places)
    values = {"place": mark.jurisdiction.name, "local": local, "local_statuses": _statuses(mark.local, text)}
    if mark.counts:
        return text.gettext("%(place)s: %(statuses)s statewide; %(local)s: %(local_statuses)s") % {
            **values,
            "statuses": _statuses(mark.counts, text),
        }
    return text.gettext("%(place)s: no statewide adoption; %(local)s: %(local_statuses)s") % values


def _statuses(counts: Sequence[tuple[AdoptionStatus, int]], text: Translations) -> str:
    """ "Adopted (2), Introduced" """
    return ", ".join(
        text.gettext(status.label)
        if n == 1
        else text.gettext("%(status)s (%(count)s)") % {"status": text.gettext(status.label), "count": n}
        for status, n in counts
    )

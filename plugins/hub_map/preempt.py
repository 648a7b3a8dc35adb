"""The preemption layer of a map: which states are hatched, the legend's entries, and the layer in words.

Reads nothing and writes nothing. A state is hatched when a state law in force (`preempts` or `partial`)
blocks or limits local action on the map's issues: dense hatching for `preempts`, sparse hatching the
other way for `partial`, so the two differ without colour and stay visible over any shading. A law no
longer in force (expired or repealed) is not hatched: the map's words name it as history, with its dates.
Every sentence is one whole message of the site's gettext catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hub_model import N_, Moment, Preemption, PreemptionStatus, Site

from .marks import LegendEntry, Translations

PREEMPTS = PreemptionStatus.PREEMPTS.value
PARTIAL = PreemptionStatus.PARTIAL.value
HATCHES = (PREEMPTS, PARTIAL)
"""The hatch classes, strongest first: a state with both kinds of law in force shows `preempts`."""
HATCH_LABELS = {
    PREEMPTS: N_("Hatched: state law preempts local action"),
    PARTIAL: N_("Sparsely hatched: state law limits local action"),
}


def hatched_states(records: Sequence[Preemption]) -> Mapping[str, str]:
    """The hatch class of each state with a law in force among the records."""
    found: dict[str, str] = {}
    for record in records:
        if record.in_force and found.get(record.state) != PREEMPTS:
            found[record.state] = record.status.value
    return found


def legend(hatched: Mapping[str, str]) -> tuple[LegendEntry, ...]:
    shown = set(hatched.values())
    return tuple(LegendEntry(h, HATCH_LABELS[h], hatch=True) for h in HATCHES if h in shown)


def moment_words(moment: Moment, text: Translations) -> str:
    """ "2020", "December 2020", "December 1, 2020", in the site's language."""
    month = text.gettext(moment.month_name) if moment.month else ""
    return text.gettext(moment.form) % {"year": moment.year, "month": month, "day": moment.day}


_IN_FORCE = {
    True: N_("%(state)s (%(law)s, in force since %(since)s)"),
    False: N_("%(state)s (%(law)s)"),
}
_ENDED = {
    PreemptionStatus.EXPIRED: N_("%(state)s (%(law)s, expired %(end)s)"),
    PreemptionStatus.REPEALED: N_("%(state)s (%(law)s, repealed %(end)s)"),
}


def sentences(site: Site, records: Sequence[Preemption], text: Translations) -> tuple[str, ...]:
    """The layer in words: the laws in force (hatched), then those no longer in force, with dates."""
    out = []
    current = [r for r in records if r.in_force]
    if current:
        names = "; ".join(_named(site, r, text) for r in current)
        out.append(
            text.ngettext(
                "State preemption in force (hatched), %(num)s law: %(names)s.",
                "State preemption in force (hatched), %(num)s laws: %(names)s.",
                len(current),
            )
            % {"num": len(current), "names": names}
        )
    past = [r for r in records if not r.in_force]
    if past:
        names = "; ".join(_named(site, r, text) for r in past)
        out.append(
            text.ngettext(
                "No longer in force (not hatched), %(num)s law: %(names)s.",
                "No longer in force (not hatched), %(num)s laws: %(names)s.",
                len(past),
            )
            % {"num": len(past), "names": names}
        )
    return tuple(out)


def _named(site: Site, record: Preemption, text: Translations) -> str:
    values = {"state": site.jurisdictions[record.state].name, "law": record.law}
    ended = record.ended
    if ended is not None and record.status in _ENDED:
        return text.gettext(_ENDED[record.status]) % {**values, "end": moment_words(ended, text)}
    since = record.since
    message = _IN_FORCE[since is not None]
    return text.gettext(message) % {**values, "since": moment_words(since, text) if since else ""}

"""hub_timeline's part of the page views: the adoptions-by-year chart of an ordinance's or an issue's page.

Reads the planned `PageView`, the `Site` graph (hub_content, in the build's context) and the site's
gettext catalogue (hub_i18n); writes nothing. An ordinance's page gets the timeline of its own
adoptions, an issue's page that of every model ordinance on the issue; a page with no dated adoption
gets none (`view.timeline` stays None and the page shows no chart). theme/templates/timeline.html prints
`view.timeline`: the chart inline, the same counts as a table, and what was left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol

from hub_core.views import Kind, PageView
from hub_model import N_, Adoption, Document, Issue, OrdinanceDetails, Site

from .counts import Counts, count
from .svg import markup


class Translations(Protocol):
    """What the timeline needs of `gettext.NullTranslations` (hub_i18n's catalogue)."""

    def gettext(self, message: str, /) -> str: ...


@dataclass(frozen=True)
class Timeline:
    """What a page shows of its adoptions by year: the counts, the chart's name and the chart itself."""

    counts: Counts
    title: str
    svg: str
    """The inline `<svg>` element, every text in it escaped (svg.py)."""

    @property
    def total(self) -> int:
        return self.counts.total


def timeline_part(context: MutableMapping[str, Any], text: Translations) -> Callable[[PageView], PageView]:
    """The part that adds `view.timeline` to ordinance and issue pages with at least one dated adoption."""

    def add_timeline(view: PageView) -> PageView:
        if view.lang:  # the chart's words are in the site's language: a page in another shows none
            return view
        subject = view.subject
        timeline: Timeline | None = None
        if view.kind is Kind.DOCUMENT and isinstance(subject, Document):
            if isinstance(subject.details, OrdinanceDetails):
                timeline = ordinance_timeline(subject, text)
        elif view.kind is Kind.ISSUE and isinstance(subject, Issue):
            from hub_content import site_from

            timeline = issue_timeline(site_from(context)[0], subject, text)
        return view if timeline is None else dataclasses.replace(view, timeline=timeline)

    return add_timeline


# Whole phrases (never a subject spliced into "…, by year"), so another language can translate each.
ORDINANCE_TITLES = (
    N_("Adoptions of %(name)s, by year"),
    N_("Adoptions of %(name)s, by periods of %(years)s years"),
)
ISSUE_TITLES = (
    N_("Adoptions of models on %(name)s, by year"),
    N_("Adoptions of models on %(name)s, by periods of %(years)s years"),
)


def ordinance_timeline(ordinance: Document, text: Translations) -> Timeline | None:
    """The ordinance's adoptions by year, or None without a dated adoption."""
    return _timeline(_adoptions([ordinance]), ORDINANCE_TITLES, ordinance.title, text)


def issue_timeline(site: Site, issue: Issue, text: Translations) -> Timeline | None:
    """The adoptions by year of every model ordinance on the issue, or None without a dated adoption."""
    return _timeline(_adoptions(site.documents_on(issue)), ISSUE_TITLES, issue.title, text)


def _adoptions(documents: Iterable[Document]) -> list[Adoption]:
    return [a for d in documents if isinstance(d.details, OrdinanceDetails) for a in d.details.adoptions]


def _timeline(
    adoptions: list[Adoption], titles: tuple[str, str], name: str, text: Translations
) -> Timeline | None:
    counts = count(adoptions)
    if counts is None:
        return None
    phrase = titles[0] if counts.step == 1 else titles[1]
    title = text.gettext(phrase) % {"name": name, "years": counts.step}
    return Timeline(counts, title, markup(counts, title, description(counts, text)))


def description(counts: Counts, text: Translations) -> str:
    """The chart in words: every bar's period and count, as the table beside it says them."""
    bars = ", ".join(
        text.gettext("%(period)s: %(count)d") % {"period": p.label, "count": p.adopted}
        for p in counts.periods
    )
    first, last = counts.periods[0].start, counts.periods[-1].end
    if first == last:
        phrase = N_("Bar chart of adoptions in %(year)s, counting entries marked adopted: %(bars)s.")
        return text.gettext(phrase) % {"year": first, "bars": bars}
    return text.gettext(
        "Bar chart of adoptions from %(first)s to %(last)s, counting entries marked adopted: %(bars)s."
    ) % {"first": first, "last": last, "bars": bars}

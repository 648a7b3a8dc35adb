"""State preemption: a state law that blocks or limits local action on some issues, and its dates.

Reads nothing and writes nothing. `hub_content` builds each `Preemption` from a validated
`content/preemption/<state>.yaml` entry; the maps, the state and model pages and the open data read it.
A date may be known only to the year or the month (a source that says "the end of 2020"), so dates are
`Moment`s: a year, with a month and a day when known, never a day made up to fill the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .phrases import N_

PREEMPTION_ISSUE = "preemption"
"""The issue whose page maps preemption on every issue (content/issues/preemption.md)."""


class PreemptionStatus(Enum):
    PREEMPTS = "preempts"
    PARTIAL = "partial"
    EXPIRED = "expired"
    REPEALED = "repealed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def in_force(self) -> bool:
        """Whether the law blocks or limits local action today (as the record says)."""
        return self in (PreemptionStatus.PREEMPTS, PreemptionStatus.PARTIAL)


_STATUS_LABELS = {
    PreemptionStatus.PREEMPTS: N_("Preempts local action"),
    PreemptionStatus.PARTIAL: N_("Partly preempts local action"),
    PreemptionStatus.EXPIRED: N_("Expired"),
    PreemptionStatus.REPEALED: N_("Repealed"),
}


MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
YEAR_FORM, MONTH_FORM, DAY_FORM = N_("%(year)s"), N_("%(month)s %(year)s"), N_("%(month)s %(day)s, %(year)s")


@dataclass(frozen=True, order=True)
class Moment:
    """A date known to the year, the month or the day: `2020`, `2020-12`, `2020-12-01`.

    Ordered by (year, month, day) with unknown parts as 0, so a year sorts before its months.
    """

    year: int
    month: int = 0  # 0: unknown
    day: int = 0  # 0: unknown

    @property
    def iso(self) -> str:
        """As written in the content and the open data: `2020`, `2020-12` or `2020-12-01`."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @property
    def form(self) -> str:
        """How it is written in words, untranslated: `%(year)s`, `%(month)s %(year)s`, or with the day."""
        return DAY_FORM if self.day else MONTH_FORM if self.month else YEAR_FORM

    @property
    def month_name(self) -> str:
        """The month's name, untranslated ("" when unknown)."""
        return MONTHS[self.month - 1] if self.month else ""

    def may_precede(self, other: Moment) -> bool:
        """Whether this can be on or before `other`, comparing only the parts both know."""
        if self.year != other.year or not (self.month and other.month):
            return self.year <= other.year
        if self.month != other.month or not (self.day and other.day):
            return self.month <= other.month
        return self.day <= other.day


@dataclass(frozen=True)
class Preemption:
    """One state law's preemption of local action on some issues, as staff recorded it.

    `law` is its citation as people say it ("House Bill 142 (2017)"); `url` the law's text or the official
    record (None: "source needed"). `ends` is when it stopped preempting: repealed, or else expired.
    """

    state: str
    issues: tuple[str, ...]
    status: PreemptionStatus
    law: str
    url: str | None = None
    enacted: Moment | None = None
    effective: Moment | None = None
    expires: Moment | None = None
    repealed: Moment | None = None
    summary: str | None = None
    notes: str | None = None
    source: str = ""
    line: int = 0

    @property
    def in_force(self) -> bool:
        return self.status.in_force

    @property
    def since(self) -> Moment | None:
        """When it began to preempt: in effect, else enacted."""
        return self.effective or self.enacted

    @property
    def ended(self) -> Moment | None:
        """When it stopped preempting (None while in force)."""
        if self.status is PreemptionStatus.REPEALED:
            return self.repealed
        if self.status is PreemptionStatus.EXPIRED:
            return self.expires
        return None

    @property
    def source_needed(self) -> bool:
        return not self.url

    @property
    def phrase(self) -> str:
        """The whole sentence that tells what it did, untranslated; placeholders `%(state)s`, `%(law)s`,
        `%(issues)s` (issue titles), `%(since)s` and `%(end)s` (dates in words)."""
        ended = self.ended
        key = (self.status, self.since is not None, bool(ended and ended.day))
        return _PHRASES[key]

    @property
    def sort_key(self) -> tuple[str, int, str, int]:
        """By state, then in force first, then law, then where it is written."""
        return (self.state, 0 if self.in_force else 1, self.law.casefold(), self.line)


_P, _L, _E, _R = (PreemptionStatus.PREEMPTS, PreemptionStatus.PARTIAL, PreemptionStatus.EXPIRED,
                  PreemptionStatus.REPEALED)  # fmt: skip
# Whole sentences, one for each status, with or without a start date, and "on" a day or "in" a month or
# year: never a sentence assembled from fragments. (status, start known, end known to the day).
_PHRASES = {
    (_P, True, False): N_(
        "%(state)s: %(law)s preempts local action on %(issues)s, in force since %(since)s."
    ),
    (_P, False, False): N_("%(state)s: %(law)s preempts local action on %(issues)s."),
    (_L, True, False): N_("%(state)s: %(law)s limits local action on %(issues)s, in force since %(since)s."),
    (_L, False, False): N_("%(state)s: %(law)s limits local action on %(issues)s."),
    (_E, True, False): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s from %(since)s until it expired in %(end)s."
    ),
    (_E, True, True): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s from %(since)s until it expired on %(end)s."
    ),
    (_E, False, False): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s until it expired in %(end)s."
    ),
    (_E, False, True): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s until it expired on %(end)s."
    ),
    (_R, True, False): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s from %(since)s "
        "until it was repealed in %(end)s."
    ),
    (_R, True, True): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s from %(since)s "
        "until it was repealed on %(end)s."
    ),
    (_R, False, False): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s until it was repealed in %(end)s."
    ),
    (_R, False, True): N_(
        "%(state)s: %(law)s preempted local action on %(issues)s until it was repealed on %(end)s."
    ),
}

"""How many adoptions each year brought: the numbers a timeline shows, counted from adoption records.

Reads `Adoption` records (hub_model) and writes nothing. Only entries whose status is `adopted` and that
carry a date are counted, by the year of that date: the timeline is evidence of where a model became law,
as the cards' and the adoption summary's counts are (hub_pages.views.adoption_summary). Introduced,
failed, repealed and preempted entries are events of another kind, counted aside (`other`) so the page
can say what the chart leaves out. (An adopted entry without a date has no place on a time axis; the
content check already refuses one, so it is only skipped here.)

Every year between the first and the last counted one is present, with zero when nothing was adopted
that year, so the time axis is honest. A span wider than `MAX_BARS` years (a long history, or a mistyped
year such as 0202) is shown in periods of several years, so a chart never has more than `MAX_BARS` bars
and its size stays bounded whatever the content says.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from hub_model import Adoption, AdoptionStatus

MAX_BARS = 40


@dataclass(frozen=True)
class Period:
    """One bar: the years `start` to `end` (the same year for a one-year period) and its adoptions."""

    start: int
    end: int
    adopted: int

    @property
    def label(self) -> str:
        """`2021`, or `1990–2039` for a period of several years."""
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


@dataclass(frozen=True)
class Counts:
    """Adoptions per period from the first counted year to the last, and what was left out."""

    periods: tuple[Period, ...]
    step: int = 1
    """Years per period: 1 unless the span is wider than MAX_BARS years."""
    other: int = 0
    """Entries with another status (introduced, failed, repealed, preempted)."""

    @property
    def total(self) -> int:
        return sum(p.adopted for p in self.periods)

    @property
    def most(self) -> int:
        return max((p.adopted for p in self.periods), default=0)


def count(adoptions: Iterable[Adoption]) -> Counts | None:
    """The adoptions per year (or per period), or None when no entry is adopted with a date."""
    years: Counter[int] = Counter()
    other = 0
    for adoption in adoptions:
        if adoption.status is not AdoptionStatus.ADOPTED:
            other += 1
        elif adoption.date is not None:
            years[adoption.date.year] += 1
    if not years:
        return None
    first, last = min(years), max(years)
    step = math.ceil((last - first + 1) / MAX_BARS)
    periods = tuple(
        Period(start, min(start + step - 1, last), sum(years[y] for y in range(start, start + step)))
        for start in range(first, last + 1, step)
    )
    return Counts(periods, step, other)

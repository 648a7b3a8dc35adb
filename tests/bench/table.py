"""The benchmark's measurements, their baselines and targets, and the Markdown table of their medians.

Pure helpers for tests/bench/run.py: what is measured (`MEASURES`), medians and ratios against the
baselines measured in the same run (`summarise`), the table (`format_table`, Markdown so it can be pasted
into a note as it is) and the file-for-file comparison of two built sites (`compare_sites`). Reads only
the two site folders it is given; writes nothing.
"""

from __future__ import annotations

import filecmp
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Target(NamedTuple):
    """A goal of the issue: a ratio against the first baseline ("ratio") or a time in seconds ("seconds")."""

    kind: str
    limit: float

    def text(self) -> str:
        return f"≤ {self.limit:g}x" if self.kind == "ratio" else f"< {self.limit:g} s"

    def met(self, seconds: float | None, ratio: float | None) -> bool | None:
        value = ratio if self.kind == "ratio" else seconds
        if value is None:
            return None
        return value <= self.limit if self.kind == "ratio" else value < self.limit


class Measure(NamedTuple):
    key: str
    label: str
    short: str  # the name it goes by when it is another measurement's baseline
    baselines: tuple[str, ...] = ()  # keys of measurements it is divided by; the target uses the first
    target: Target | None = None


_CACHED = ("pagefind_hub",)
_EDIT = ("hugo_server", "pelican_full")  # Pelican's --autoreload rebuilds everything: a full build
MEASURES = (
    Measure("hub_full", "hub: publish, empty cache", "hub", ("pelican_pagefind", "pelican_full", "hugo_full"),
            Target("ratio", 0.75)),
    Measure("hub_noop", "hub: cached publish, no change", "hub", _CACHED),
    Measure("hub_body", "hub: cached publish, one body edited", "hub", _CACHED, Target("ratio", 0.6)),
    Measure("hub_issues", "hub: cached publish, one doc's issues edited", "hub", _CACHED),
    Measure("hub_added", "hub: cached publish, one doc added", "hub", _CACHED),
    Measure("pagefind_hub", "Pagefind alone, cold, on the hub's searchable pages", "Pagefind on hub pages"),
    Measure("pelican_full", "vanilla Pelican: full build", "Pelican"),
    Measure("pagefind_pelican", "Pagefind alone on Pelican's output", "Pagefind on Pelican"),
    Measure("pelican_pagefind", "vanilla Pelican + Pagefind, back to back", "Pelican+Pagefind"),
    Measure("hugo_full", "Hugo: full build", "Hugo"),
    Measure("dev_body", "devserver: a story's body edited, its page open, until shown", "devserver", _EDIT,
            Target("seconds", 1)),
    Measure("dev_issues", "devserver: issues edited, new issue page open, until listed", "devserver", _EDIT,
            Target("seconds", 2)),
    Measure("dev_added", "devserver: new document, its type's listing open, until listed", "devserver",
            _EDIT),
    Measure("dev_title", "devserver: title edited, a listing open, until shown", "devserver", _EDIT),
    Measure("dev_search", "devserver: the story's body edited, until search finds the new word", "devserver",
            (), Target("seconds", 10)),
    Measure("hugo_server", "Hugo server: the story's body edited, until the served page has it",
            "Hugo server"),
)  # fmt: skip
BY_KEY = {m.key: m for m in MEASURES}


@dataclass
class Result:
    """The figures of one measurement at one size: every sample, and their medians."""

    size: int
    key: str
    label: str
    seconds: list[float] = field(default_factory=list)
    median_seconds: float | None = None
    median_peak_mib: float | None = None  # the largest process of the run (for the hub: Pagefind or itself)
    median_hub_peak_mib: float | None = None  # the hub's own process, as its build reports it
    median_pagefind_peak_mib: float | None = None  # Pagefind's, as the hub's build reports it
    output_bytes: int | None = None
    output_files: int | None = None
    ratios: dict[str, float] = field(default_factory=dict)  # baseline key -> median / baseline's median
    target: str | None = None
    met: bool | None = None


class Sample(NamedTuple):
    seconds: float | None  # None: memory alone was measured
    peak_mib: float | None = None
    hub_peak_mib: float | None = None
    pagefind_peak_mib: float | None = None


def median(values: Sequence[float]) -> float:
    """The median; raises ValueError on no values."""
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def ratio(value: float | None, baseline: float | None) -> float | None:
    return value / baseline if value is not None and baseline else None


def _median_of(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return median(known) if known else None


def summarise(
    size: int, samples: Mapping[str, Sequence[Sample]], outputs: Mapping[str, tuple[int, int]]
) -> list[Result]:
    """One result per measurement with samples, in MEASURES order, with ratios and targets filled in."""
    results = []
    for measure in MEASURES:
        taken = samples.get(measure.key, ())
        if not taken:
            continue
        seconds = [s.seconds for s in taken if s.seconds is not None]
        bytes_, files = outputs.get(measure.key, (None, None))
        results.append(
            Result(
                size,
                measure.key,
                measure.label,
                seconds,
                _median_of(seconds),
                _median_of([s.peak_mib for s in taken]),
                _median_of([s.hub_peak_mib for s in taken]),
                _median_of([s.pagefind_peak_mib for s in taken]),
                bytes_,
                files,
            )
        )
    by_key = {r.key: r for r in results}
    for r in results:
        measure = BY_KEY[r.key]
        for key in measure.baselines:
            value = ratio(r.median_seconds, by_key[key].median_seconds if key in by_key else None)
            if value is not None:
                r.ratios[key] = value
        if measure.target is not None and r.median_seconds is not None:
            first = r.ratios.get(measure.baselines[0]) if measure.baselines else None
            named = first is not None and measure.target.kind == "ratio"
            r.target = measure.target.text() + (f" {BY_KEY[measure.baselines[0]].short}" if named else "")
            r.met = measure.target.met(r.median_seconds, first)
    return results


def format_number(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "-" if value is None else f"{value:,.{digits}f}{suffix}"


def _ratios_text(result: Result) -> str:
    return ", ".join(f"{value:.2f}x {BY_KEY[key].short}" for key, value in result.ratios.items()) or "-"


HEADER = (
    "docs",
    "measurement",
    "median s",
    "runs",
    "against baselines (same run)",
    "target",
    "met",
    "peak MiB",
    "hub MiB",
    "Pagefind MiB",
    "output MB",
    "files",
)
_LEFT = {1, 4, 5, 6}  # columns of words; numbers are right-aligned


def table_rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for r in results:
        met = "-" if r.met is None else ("yes" if r.met else "no")
        rows.append(
            (
                f"{r.size:,}",
                r.label,
                format_number(r.median_seconds),
                str(len(r.seconds)) if r.seconds else "-",
                _ratios_text(r),
                r.target or "-",
                met,
                format_number(r.median_peak_mib, 0),
                format_number(r.median_hub_peak_mib, 0),
                format_number(r.median_pagefind_peak_mib, 0),
                format_number(None if r.output_bytes is None else r.output_bytes / 1e6, 1),
                "-" if r.output_files is None else f"{r.output_files:,}",
            )
        )
    return rows


def format_table(results: Sequence[Result]) -> str:
    """A Markdown table, padded so it also reads as plain text: one row per measurement per size."""
    rows = [HEADER, *table_rows(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]

    def line(cells: Sequence[str]) -> str:
        padded = (
            c.ljust(w) if i in _LEFT else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        return "| " + " | ".join(padded) + " |"

    rule = ["-" * w for w in widths]
    rule = [(":" + r[1:]) if i in _LEFT else (r[:-1] + ":") for i, r in enumerate(rule)]
    return "\n".join([line(HEADER), "| " + " | ".join(rule) + " |", *(line(row) for row in rows[1:])])


def header_text(repeat: int, baselines: Sequence[str]) -> str:
    return (
        f"Hub benchmark: medians of {repeat} round{'s' if repeat != 1 else ''} (devserver edits: every "
        "edit of every round). Ratios divide by baselines measured in this same run "
        f"({', '.join(baselines)}), on the same generated content and machine;\n"
        "do not compare figures across runs or machines."
    )


# -- comparing two built sites ------------------------------------------------------------------------


def unstable(name: str) -> bool:
    """Pagefind's filter index and the two kinds of file naming it, which Pagefind 1.5 writes in a
    different order on each run (docs/ARCHITECTURE.md): the only files a comparison leaves out."""
    return (
        name.startswith("pagefind/filter/")
        or name == "pagefind/pagefind-entry.json"
        or (name.startswith("pagefind/pagefind.") and name.endswith(".pf_meta"))
    )


@dataclass(frozen=True)
class SiteComparison:
    compared: int  # files present in both and compared byte for byte
    left_out: int  # unstable files, not compared
    differing: tuple[str, ...]
    only_first: tuple[str, ...]
    only_second: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return not (self.differing or self.only_first or self.only_second)

    def text(self) -> str:
        if self.identical:
            return (
                f"identical: yes ({self.compared:,} files compared byte for byte, {self.left_out} left out)"
            )
        parts = [
            f"{label}: {len(names)} ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
            for label, names in (
                ("differing", self.differing),
                ("only in the cached build", self.only_first),
                ("only in the clean build", self.only_second),
            )
            if names
        ]
        return "identical: no; " + "; ".join(parts)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def compare_sites(first: Path, second: Path) -> SiteComparison:
    """Every file of two sites compared by relative path and bytes, bar Pagefind's unstable files."""
    names_first, names_second = _files(first), _files(second)
    left_out = {n for n in names_first | names_second if unstable(n)}
    both = sorted((names_first & names_second) - left_out)
    differing = tuple(n for n in both if not filecmp.cmp(first / n, second / n, shallow=False))
    return SiteComparison(
        len(both),
        len(left_out),
        differing,
        tuple(sorted(names_first - names_second - left_out)),
        tuple(sorted(names_second - names_first - left_out)),
    )

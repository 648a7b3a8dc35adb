"""Time the hub's build against vanilla Pelican and Hugo on generated content, and write the figures.

Usage: `python -m tests.bench.run [--sizes 1000,10000] [--repeat 3] [--json bench.json] [--seed 0]`
(`make bench`).

For each size: generates a content folder (tests/bench/generate.py) in a temporary folder, converts it for
the baselines (tests/bench/baselines.py), then runs, --repeat times and interleaved so drift hits every
tool alike: the hub's full build with publishconf.py, a rebuild with no change, rebuilds after editing one
document's body, after editing one document's issues and after adding a document; vanilla Pelican 4.12's
full build; Hugo's full build when `hugo` is on PATH. The hub's full build starts with an empty cache;
the rebuilds use the cache it left. Every build is a subprocess timed with time.perf_counter; peak
memory comes from /usr/bin/time -v (else from getrusage in a wrapper process), and for the hub also, apart,
its own process's and Pagefind's, as the build reports them.
Reads nothing else; writes the temporary folders (removed at the end) and the JSON file. Prints a table
of medians and of ratios against the baselines measured in the same run. A failed build prints its
stderr and exits non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import baselines, generate

ROOT = Path(__file__).resolve().parents[2]
TIME = Path("/usr/bin/time")
ADDED_SLUG = "bench-added-document"
EDIT_PARAGRAPH = "A paragraph added by the benchmark, to time a rebuild after one document's text changed."
_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_PELICAN_DONE = re.compile(r"Processed (\d+) articles?")
_HUB_PEAK = re.compile(r"peak memory of the build process: (\d+) MiB")
_PAGEFIND_PEAK = re.compile(r"peak memory of Pagefind: (\d+) MiB")
# Runs a command and reports the peak resident memory of its process tree in /usr/bin/time's words.
_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(f'Maximum resident set size (kbytes): {peak}\\n')\n"
    "sys.exit(code)\n"
)


class Measure(NamedTuple):
    key: str
    label: str
    tool: str  # hub, pelican or hugo


MEASURES = (
    Measure("hub_full", "hub: full build", "hub"),
    Measure("hub_noop", "hub: rebuild, no change", "hub"),
    Measure("hub_body", "hub: rebuild, one body edited", "hub"),
    Measure("hub_issues", "hub: rebuild, one doc's issues edited", "hub"),
    Measure("hub_added", "hub: rebuild, one doc added", "hub"),
    Measure("pelican_full", "vanilla Pelican: full build", "pelican"),
    Measure("hugo_full", "Hugo: full build", "hugo"),
)


class Sample(NamedTuple):
    seconds: float
    peak_mib: float | None  # the largest process of the build (for the hub: Pagefind)
    hub_peak_mib: float | None = None  # the hub's own process, as its build reports it
    pagefind_peak_mib: float | None = None  # Pagefind's, as the hub's build reports it


class BuildError(Exception):
    """A timed command failed: what it was, its exit status and its output."""

    def __init__(self, what: str, returncode: int, stdout: str, stderr: str) -> None:
        super().__init__(f"{what} failed with exit status {returncode}")
        self.stdout, self.stderr = stdout, stderr


@dataclass
class Result:
    """The figures of one measurement at one size (medians over the repeats)."""

    size: int
    key: str
    label: str
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    median_seconds: float | None = None
    median_peak_mib: float | None = None
    median_hub_peak_mib: float | None = None
    median_pagefind_peak_mib: float | None = None
    output_bytes: int | None = None
    output_files: int | None = None
    time_vs_pelican: float | None = None
    time_vs_hugo: float | None = None
    memory_vs_pelican: float | None = None
    memory_vs_hugo: float | None = None


# -- pure helpers ------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    """The median; raises ValueError on no values."""
    if not values:
        raise ValueError("median of no values")
    return float(statistics.median(values))


def ratio(value: float | None, baseline: float | None) -> float | None:
    return value / baseline if value is not None and baseline else None


def parse_peak_mib(report: str) -> float | None:
    """Peak resident memory in MiB from `/usr/bin/time -v` output (or the wrapper's), else None."""
    match = _PEAK.search(report)
    return int(match.group(1)) / 1024 if match else None


def parse_hub_peaks(printed: str) -> tuple[float | None, float | None]:
    """(the hub's own process, Pagefind) peak memory in MiB, from what a hub build printed."""
    hub, pagefind = _HUB_PEAK.search(printed), _PAGEFIND_PEAK.search(printed)
    return (float(hub.group(1)) if hub else None, float(pagefind.group(1)) if pagefind else None)


def edit_body(text: str) -> str:
    """The document with one more paragraph at the end of its body."""
    return text.rstrip("\n") + f"\n\n{EDIT_PARAGRAPH}\n"


def change_issues(text: str, known: Sequence[str]) -> str:
    """The document with its first issue replaced by the first known issue it does not have yet."""
    match = re.search(r"^issues: \[(.*)\]$", text, flags=re.MULTILINE)
    if match is None:
        raise ValueError("no 'issues: [...]' line in the document")
    current = [s.strip() for s in match.group(1).split(",")]
    new = next(slug for slug in known if slug not in current)
    line = f"issues: [{', '.join([new, *current[1:]])}]"
    return text[: match.start()] + line + text[match.end() :]


def format_number(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "-" if value is None else f"{value:,.{digits}f}{suffix}"


def format_table(results: Sequence[Result]) -> str:
    """A fixed-width table: one row per measurement per size."""
    header = (
        "docs",
        "measurement",
        "median s",
        "peak MiB",
        "hub MiB",
        "Pagefind MiB",
        "output MB",
        "files",
        "hub/Pelican",
        "hub/Hugo",
    )
    rows = [header]
    for r in results:
        rows.append(
            (
                f"{r.size:,}",
                r.label,
                format_number(r.median_seconds),
                format_number(r.median_peak_mib, 0),
                format_number(r.median_hub_peak_mib, 0),
                format_number(r.median_pagefind_peak_mib, 0),
                format_number(None if r.output_bytes is None else r.output_bytes / 1e6, 1),
                "-" if r.output_files is None else f"{r.output_files:,}",
                format_number(r.time_vs_pelican, 2, "x"),
                format_number(r.time_vs_hugo, 2, "x"),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def header_text(repeat: int, hugo: str | None) -> str:
    baselines_measured = "vanilla Pelican 4.12" + (" and Hugo" if hugo else "")
    return (
        f"Hub build benchmark: medians of {repeat} run{'s' if repeat != 1 else ''} per measurement.\n"
        f"Ratios are hub time / baseline full-build time, with the baselines ({baselines_measured}) measured "
        "in this same run,\non the same generated content and machine; do not compare figures across runs "
        "or machines."
    )


def folder_stats(folder: Path) -> tuple[int, int]:
    """(total bytes, number of files) under a folder."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


# -- running builds ----------------------------------------------------------------------------------


def timed(command: Sequence[str], what: str, cwd: Path, env: Mapping[str, str]) -> tuple[Sample, str]:
    """Run one command, timing it with perf_counter; return its sample and stdout. Raise BuildError."""
    with tempfile.NamedTemporaryFile("r", prefix="hub-bench-time-", suffix=".txt") as report:
        if TIME.exists():
            full = [str(TIME), "-v", "-o", report.name, *command]
        else:
            full = [sys.executable, "-c", _RUSAGE_WRAPPER, report.name, *command]
        start = time.perf_counter()
        proc = subprocess.run(full, cwd=cwd, env=dict(env), capture_output=True, text=True)
        seconds = time.perf_counter() - start
        peak = parse_peak_mib(Path(report.name).read_text())
    if proc.returncode != 0:
        raise BuildError(what, proc.returncode, proc.stdout, proc.stderr)
    return Sample(seconds, peak), proc.stdout + proc.stderr


class SizeRun:
    """The folders and commands of one benchmark size; collects the samples of every round."""

    def __init__(
        self, work: Path, size: int, seed: int, hugo: str | None, log: Callable[[str], None]
    ) -> None:
        self.work, self.size, self.seed, self.hugo, self.log = work, size, seed, hugo, log
        self.content = work / "content"
        self.samples: dict[str, list[Sample]] = {m.key: [] for m in MEASURES}
        self.outputs: dict[str, tuple[int, int]] = {}
        self.hub_env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        # No PYTHONPATH for the baselines; a wide terminal so Pelican's closing line is not wrapped.
        self.plain_env = {**{k: val for k, val in os.environ.items() if k != "PYTHONPATH"}, "COLUMNS": "200"}

    def prepare(self) -> dict[str, float]:
        start = time.perf_counter()
        generate.generate(self.content, self.size, self.seed)
        generated = time.perf_counter() - start
        self.pelican_content, self.pelican_conf = baselines.write_pelican_site(
            self.content, self.work / "pelican"
        )
        if self.hugo:
            baselines.write_hugo_site(self.content, self.work / "hugo")
        content_bytes, content_files = folder_stats(self.content)
        self.log(
            f"[{self.size:,} docs] generated {content_files:,} files ({content_bytes / 1e6:.1f} MB) "
            f"in {generated:.1f} s"
        )
        return {"generate_seconds": generated, "content_bytes": content_bytes, "content_files": content_files}

    def _record(self, key: str, sample: Sample, round_no: int) -> None:
        self.samples[key].append(sample)
        label = next(m.label for m in MEASURES if m.key == key)
        peak = "" if sample.peak_mib is None else f", {sample.peak_mib:.0f} MiB"
        self.log(f"[{self.size:,} docs] round {round_no}: {label}: {sample.seconds:.2f} s{peak}")

    def _hub(self, key: str, round_no: int) -> None:
        out = self.work / "hub-out"
        command = [sys.executable, "-m", "hub_build", "build", "-s", str(ROOT / "publishconf.py")]
        command += ["-i", str(self.content), "-o", str(out), "--cache", str(self.work / "hub-cache")]
        sample, printed = timed(command, f"the hub's build ({key})", ROOT, self.hub_env)
        hub_peak, pagefind_peak = parse_hub_peaks(printed)
        self._record(key, sample._replace(hub_peak_mib=hub_peak, pagefind_peak_mib=pagefind_peak), round_no)

    def round(self, round_no: int) -> None:
        """One of each measurement; the content is restored afterwards."""
        out = self.work / "hub-out"
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(self.work / "hub-cache", ignore_errors=True)  # a full build starts from nothing
        self._hub("hub_full", round_no)
        self.outputs["hub_full"] = folder_stats(out)
        self._hub("hub_noop", round_no)
        documents = [
            path
            for folder, _ in baselines.DOC_FOLDERS
            for path in sorted((self.content / folder).glob("*.md"))
        ]
        body_doc, issues_doc = documents[0], documents[len(documents) // 2]
        originals = {p: p.read_text(encoding="utf-8") for p in (body_doc, issues_doc)}
        known = sorted(p.stem for p in (self.content / "issues").glob("*.md"))
        try:
            body_doc.write_text(edit_body(originals[body_doc]), encoding="utf-8")
            self._hub("hub_body", round_no)
            issues_doc.write_text(
                change_issues(issues_doc.read_text(encoding="utf-8"), known), encoding="utf-8"
            )
            self._hub("hub_issues", round_no)
            generate.extra_document(self.content, self.seed, ADDED_SLUG)
            self._hub("hub_added", round_no)
        finally:
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")
            (self.content / "news" / f"{ADDED_SLUG}.md").unlink(missing_ok=True)
        self._pelican(round_no)
        if self.hugo:
            self._hugo(round_no)

    def _pelican(self, round_no: int) -> None:
        out = self.work / "pelican-out"
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "pelican", str(self.pelican_content), "-o", str(out)]
        command += ["-s", str(self.pelican_conf), "--fatal", "errors"]
        sample, output = timed(command, "vanilla Pelican", self.work / "pelican", self.plain_env)
        done = _PELICAN_DONE.search(output)
        if done and int(done.group(1)) != self.size:
            raise BuildError(
                "vanilla Pelican", 0, output, f"Pelican read {done.group(1)} of {self.size} documents"
            )
        self._record("pelican_full", sample, round_no)
        self.outputs["pelican_full"] = folder_stats(out)

    def _hugo(self, round_no: int) -> None:
        out = self.work / "hugo-out"
        shutil.rmtree(out, ignore_errors=True)
        command = [
            self.hugo or "hugo",
            "--source",
            str(self.work / "hugo"),
            "--destination",
            str(out),
            "--quiet",
        ]
        sample, _ = timed(command, "Hugo", self.work / "hugo", self.plain_env)
        self._record("hugo_full", sample, round_no)
        self.outputs["hugo_full"] = folder_stats(out)

    def results(self) -> list[Result]:
        results = []
        for measure in MEASURES:
            samples = self.samples[measure.key]
            if not samples:
                continue
            peaks = [s.peak_mib for s in samples if s.peak_mib is not None]
            hub_peaks = [s.hub_peak_mib for s in samples if s.hub_peak_mib is not None]
            pagefind_peaks = [s.pagefind_peak_mib for s in samples if s.pagefind_peak_mib is not None]
            bytes_, files = self.outputs.get(measure.key, (None, None))
            results.append(
                Result(
                    self.size,
                    measure.key,
                    measure.label,
                    [s.seconds for s in samples],
                    peaks,
                    median([s.seconds for s in samples]),
                    median(peaks) if peaks else None,
                    median(hub_peaks) if hub_peaks else None,
                    median(pagefind_peaks) if pagefind_peaks else None,
                    bytes_,
                    files,
                )
            )
        by_key = {r.key: r for r in results}
        pelican, hugo = by_key.get("pelican_full"), by_key.get("hugo_full")
        for r in results:
            if not r.key.startswith("hub_"):
                continue
            if pelican:
                r.time_vs_pelican = ratio(r.median_seconds, pelican.median_seconds)
                r.memory_vs_pelican = ratio(r.median_peak_mib, pelican.median_peak_mib)
            if hugo:
                r.time_vs_hugo = ratio(r.median_seconds, hugo.median_seconds)
                r.memory_vs_hugo = ratio(r.median_peak_mib, hugo.median_peak_mib)
        return results


def _version(package: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes numbers separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("--sizes needs at least one size of 1 or more")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=_sizes, default=[1000, 10000], help="document counts, like 1000,10000"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (the median is reported)")
    parser.add_argument("--json", type=Path, default=Path("bench.json"), help="where to write the figures")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated content")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    hugo = shutil.which("hugo")

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if not hugo:
        log("note: hugo is not on PATH, so the Hugo baseline is skipped (Debian: apt-get install hugo)")
    if not TIME.exists():
        log(f"note: {TIME} is missing; peak memory comes from getrusage in a wrapper process")
    results: list[Result] = []
    sizes_info = []
    started = dt.datetime.now(dt.UTC)
    try:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix=f"hub-bench-{size}-") as work:
                run = SizeRun(Path(work), size, args.seed, hugo, log)
                info = run.prepare()
                for round_no in range(1, args.repeat + 1):
                    run.round(round_no)
                results += run.results()
                sizes_info.append({"size": size, **info})
    except BuildError as exc:
        print(f"\n{exc}\n--- stderr ---\n{exc.stderr}\n--- stdout ---\n{exc.stdout[-4000:]}", file=sys.stderr)
        return 1
    print()
    print(header_text(args.repeat, hugo))
    print()
    print(format_table(results))
    report = {
        "about": header_text(args.repeat, hugo),
        "started": started.isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "peak_memory_from": str(TIME) if TIME.exists() else "getrusage(RUSAGE_CHILDREN)",
            "hub_and_pagefind_peaks_from": "the hub build's own report (getrusage and wait4)",
            "pelican": _version("pelican"),
            "hugo": hugo,
        },
        "repeat": args.repeat,
        "seed": args.seed,
        "sizes": sizes_info,
        "results": [asdict(r) for r in results],
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

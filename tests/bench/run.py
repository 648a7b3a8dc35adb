"""Measure the hub's builds and edit loop against vanilla Pelican, Pagefind and Hugo, in one run.

Usage: `python -m tests.bench.run [--sizes 1000,10000] [--repeat 3] [--edits 5] [--json bench.json]
[--seed 0] [--memory-only] [--edit-loop-only] [--keep-logs DIR]` (`make bench`).

For each size: generates a content folder (tests/bench/generate.py) in a temporary folder, converts it for
the baselines (tests/bench/baselines.py), then runs --repeat rounds, each with one of every measurement so
drift hits every tool alike: the hub's publish build from an empty cache; Pagefind alone, cold, on the
searchable pages that build wrote (the pages the hub indexes); cached publish builds with no change, after
one body edit (in the last round compared file for file with a clean build of the same content), after
one document's issues changed and after a document was added; vanilla Pelican 4.12, Pagefind on its
output and the two back to back; Hugo's full build; then the devserver's edit loop in real Chromium and
Hugo's server (tests/bench/devloop.py), --edits edits of each kind spread over the rounds. Every build is
a subprocess timed with time.perf_counter; peak memory comes from /usr/bin/time -v (else getrusage in a
wrapper process) and, for the hub, its own process's and Pagefind's as its build reports them.
`--memory-only` runs one publish build per size for its peak memory alone (for 50,000 documents);
`--edit-loop-only` the devserver and Hugo's server with the baselines their rows compare with.
Reads nothing else; writes the temporary folders (removed at the end) and the JSON file; prints a
Markdown table of medians with ratios against the baselines measured in the same run. A failed build
prints its output and exits non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from types import FrameType

from . import baselines, devloop, generate
from .edits import change_issues, edit_body
from .table import Result, Sample, SiteComparison, compare_sites, format_table, header_text, summarise

ROOT = Path(__file__).resolve().parents[2]
TIME = Path("/usr/bin/time")
ADDED_SLUG = "bench-added-document"
SEARCHABLE = b"data-pagefind-body"
_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_PELICAN_DONE = re.compile(r"Processed (\d+) articles?")
_PAGEFIND_DONE = re.compile(r"Indexed (\d+) pages?")
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
MEMORY_ONLY_HEADER = (
    "Hub benchmark, peak memory alone: one publish build from an empty cache per size, no baselines; its "
    "time is one run's,\nnot a median."
)


class BuildError(Exception):
    """A timed command failed: what it was, its exit status and its output."""

    def __init__(self, what: str, returncode: int, stdout: str, stderr: str) -> None:
        super().__init__(f"{what} failed with exit status {returncode}")
        self.stdout, self.stderr = stdout, stderr


def parse_peak_mib(report: str) -> float | None:
    """Peak resident memory in MiB from `/usr/bin/time -v` output (or the wrapper's), else None."""
    match = _PEAK.search(report)
    return int(match.group(1)) / 1024 if match else None


def parse_hub_peaks(printed: str) -> tuple[float | None, float | None]:
    """(the hub's own process, Pagefind) peak memory in MiB, from what a hub build printed."""
    hub, pagefind = _HUB_PEAK.search(printed), _PAGEFIND_PEAK.search(printed)
    return (float(hub.group(1)) if hub else None, float(pagefind.group(1)) if pagefind else None)


def folder_stats(folder: Path) -> tuple[int, int]:
    """(total bytes, number of files) under a folder."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def link_searchable(site: Path, target: Path) -> int:
    """Hard-link every page of `site` marked for search (data-pagefind-body) into `target`; how many."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        if SEARCHABLE in page.read_bytes():
            copy = target / page.relative_to(site)
            copy.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, copy)
            count += 1
    return count


def timed(command: Sequence[str], what: str, cwd: Path, env: Mapping[str, str]) -> tuple[Sample, str]:
    """Run one command, timing it with perf_counter; return its sample and output. Raise BuildError."""
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


def pagefind_binary() -> str:
    from pagefind_bin import get_executable  # the Pagefind the hub runs (requirements.txt)

    return str(get_executable())


class SizeRun:
    """The folders and commands of one benchmark size; collects the samples of every round."""

    def __init__(
        self, work: Path, size: int, seed: int, hugo: str | None, log: Callable[[str], None]
    ) -> None:
        self.work, self.size, self.seed, self.hugo, self.log = work, size, seed, hugo, log
        self.content = work / "content"
        self.samples: dict[str, list[Sample]] = {}
        self.outputs: dict[str, tuple[int, int]] = {}
        self.comparison: SiteComparison | None = None
        self.hub_env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
        # No PYTHONPATH for the baselines; a wide terminal so Pelican's closing line is not wrapped.
        self.plain_env = {**{k: val for k, val in os.environ.items() if k != "PYTHONPATH"}, "COLUMNS": "200"}
        self.pagefind = pagefind_binary()

    def prepare(self, baselines_too: bool = True) -> dict[str, float]:
        start = time.perf_counter()
        generate.generate(self.content, self.size, self.seed)
        generated = time.perf_counter() - start
        if baselines_too:
            self.pelican_content, self.pelican_conf = baselines.write_pelican_site(
                self.content, self.work / "pelican"
            )
            if self.hugo:
                baselines.write_hugo_site(self.content, self.work / "hugo")
            self.edits = devloop.EditLoop(self.content, self.work, self.seed)
        content_bytes, content_files = folder_stats(self.content)
        self.log(
            f"[{self.size:,} docs] generated {content_files:,} files ({content_bytes / 1e6:.1f} MB) "
            f"in {generated:.1f} s"
        )
        return {"generate_seconds": generated, "content_bytes": content_bytes, "content_files": content_files}

    def _record(self, key: str, sample: Sample, round_no: int) -> None:
        self.samples.setdefault(key, []).append(sample)
        peak = "" if sample.peak_mib is None else f", {sample.peak_mib:.0f} MiB"
        seconds = "-" if sample.seconds is None else f"{sample.seconds:.2f}"
        self.log(f"[{self.size:,} docs] round {round_no}: {key}: {seconds} s{peak}")

    def _hub(self, key: str, round_no: int, out: Path | None = None, cache: Path | None = None) -> None:
        out, cache = out or self.work / "hub-out", cache or self.work / "hub-cache"
        command = [sys.executable, "-m", "hub_build", "build", "-s", str(ROOT / "publishconf.py")]
        command += ["-i", str(self.content), "-o", str(out), "--cache", str(cache)]
        sample, printed = timed(command, f"the hub's build ({key})", ROOT, self.hub_env)
        hub_peak, pagefind_peak = parse_hub_peaks(printed)
        self._record(key, sample._replace(hub_peak_mib=hub_peak, pagefind_peak_mib=pagefind_peak), round_no)

    def memory_round(self) -> None:
        """One publish build from an empty cache, for its peak memory."""
        self._hub("hub_full", 1)
        self.outputs["hub_full"] = folder_stats(self.work / "hub-out")

    def round(self, round_no: int, compare: bool, edits: int, publish: bool = True) -> None:
        """One of each measurement (`edits` edits of each kind in the edit loop); content restored after.
        Without `publish`, the edit loop and its baselines only (Pelican's and Hugo's builds and server)."""
        out = self.work / "hub-out"
        if publish:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(self.work / "hub-cache", ignore_errors=True)  # a full build starts from nothing
            self._hub("hub_full", round_no)
            self.outputs["hub_full"] = folder_stats(out)
            self._pagefind_on_hub(round_no)
            self._hub("hub_noop", round_no)
            self._edited_builds(round_no, compare)
        self._pelican(round_no)
        if self.hugo:
            self._hugo(round_no)
        if edits:
            for key, seconds in self.edits.devserver_round(round_no, edits).items():
                for value in seconds:
                    self._record(key, Sample(value), round_no)
            if self.hugo:
                for value in self.edits.hugo_round(self.hugo, self.work / "hugo", edits):
                    self._record("hugo_server", Sample(value), round_no)

    def _edited_builds(self, round_no: int, compare: bool) -> None:
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
            if compare:
                self._compare_with_clean_build()
            issues_doc.write_text(change_issues(originals[issues_doc], known), encoding="utf-8")
            self._hub("hub_issues", round_no)
            generate.extra_document(self.content, self.seed, ADDED_SLUG)
            self._hub("hub_added", round_no)
        finally:
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")
            (self.content / "news" / f"{ADDED_SLUG}.md").unlink(missing_ok=True)

    def _compare_with_clean_build(self) -> None:
        """The cached build's output against a clean build of the same content (untimed)."""
        clean, cache = self.work / "hub-clean-out", self.work / "hub-clean-cache"
        for folder in (clean, cache):
            shutil.rmtree(folder, ignore_errors=True)
        command = [sys.executable, "-m", "hub_build", "build", "-s", str(ROOT / "publishconf.py")]
        command += ["-i", str(self.content), "-o", str(clean), "--cache", str(cache)]
        timed(command, "the hub's clean build to compare with", ROOT, self.hub_env)
        self.comparison = compare_sites(self.work / "hub-out", clean)
        self.log(
            f"[{self.size:,} docs] cached publish after one body edit vs clean: {self.comparison.text()}"
        )
        for folder in (clean, cache):
            shutil.rmtree(folder, ignore_errors=True)

    def _run_pagefind(self, site: Path, bundle: Path, what: str, expected: int | None) -> Sample:
        shutil.rmtree(bundle, ignore_errors=True)  # cold: Pagefind reuses nothing from an earlier bundle
        command = [self.pagefind, "--site", str(site), "--output-path", str(bundle)]
        sample, printed = timed(command, what, self.work, self.plain_env)
        done = _PAGEFIND_DONE.search(printed)
        indexed = int(done.group(1)) if done else 0
        if expected is not None and indexed < expected:
            raise BuildError(what, 0, printed, f"Pagefind indexed {indexed} of {expected} pages")
        return sample

    def _pagefind_on_hub(self, round_no: int) -> None:
        site = self.work / "pagefind-hub-site"
        shutil.rmtree(site, ignore_errors=True)
        pages = link_searchable(self.work / "hub-out", site)  # as the hub hands them to Pagefind
        sample = self._run_pagefind(
            site, self.work / "pagefind-hub-bundle", "Pagefind on the hub's pages", pages
        )
        self._record("pagefind_hub", sample, round_no)

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
        alone = self._run_pagefind(out, self.work / "pelican-pagefind", "Pagefind on Pelican's output", None)
        self._record("pagefind_pelican", alone, round_no)
        both = Sample(
            (sample.seconds or 0) + (alone.seconds or 0),
            max((p for p in (sample.peak_mib, alone.peak_mib) if p is not None), default=None),
        )
        self._record("pelican_pagefind", both, round_no)

    def _hugo(self, round_no: int) -> None:
        out = self.work / "hugo-out"
        shutil.rmtree(out, ignore_errors=True)
        command = [self.hugo or "hugo", "--source", str(self.work / "hugo"), "--destination", str(out)]
        sample, _ = timed([*command, "--quiet"], "Hugo", self.work / "hugo", self.plain_env)
        self._record("hugo_full", sample, round_no)
        self.outputs["hugo_full"] = folder_stats(out)

    def results(self) -> list[Result]:
        return summarise(self.size, self.samples, self.outputs)


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


def edits_per_round(edits: int, repeat: int) -> int:
    """Edits of each kind in one round, so that the rounds together make at least `edits`."""
    return math.ceil(edits / repeat) if edits > 0 else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=_sizes, default=[1000, 10000], help="document counts, like 1000,10000"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds (the median is reported)")
    parser.add_argument(
        "--edits", type=int, default=5, help="devserver and Hugo server edits of each kind, over all rounds"
    )
    parser.add_argument(
        "--memory-only", action="store_true", help="one publish build per size, for its peak memory alone"
    )
    parser.add_argument(
        "--edit-loop-only",
        action="store_true",
        help="the devserver and Hugo's server with their baselines, no publish builds",
    )
    parser.add_argument("--json", type=Path, default=Path("bench.json"), help="where to write the figures")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated content")
    parser.add_argument(
        "--keep-logs", type=Path, help="copy the servers' logs here (<size>-devserver.log...)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.edits < 0:
        parser.error("--edits must be 0 or more")
    if args.edit_loop_only and (args.memory_only or args.edits == 0):
        parser.error("--edit-loop-only measures edits: give --edits 1 or more, without --memory-only")
    return args


def keep_logs(work: Path, into: Path, size: int) -> None:
    """The servers' logs of one size, kept after its temporary folder is removed (what each save did)."""
    into.mkdir(parents=True, exist_ok=True)
    for log in sorted(work.glob("*.log")):
        shutil.copyfile(log, into / f"{size}-{log.name}")


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _measure(args: argparse.Namespace, hugo: str | None) -> tuple[list[Result], list[dict[str, object]]]:
    results: list[Result] = []
    sizes_info: list[dict[str, object]] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"hub-bench-{size}-") as work:
            run = SizeRun(Path(work), size, args.seed, hugo, _log)
            info: dict[str, object] = {"size": size, **run.prepare(baselines_too=not args.memory_only)}
            try:
                if args.memory_only:
                    run.memory_round()
                else:
                    for round_no in range(1, args.repeat + 1):
                        last, edits = round_no == args.repeat, edits_per_round(args.edits, args.repeat)
                        run.round(round_no, last, edits, publish=not args.edit_loop_only)
            finally:  # a failed run's logs are the ones most worth reading
                if args.keep_logs is not None:
                    keep_logs(Path(work), args.keep_logs, size)
            results += run.results()
            if run.comparison is not None:
                info["cached_publish_vs_clean"] = {
                    **asdict(run.comparison),
                    "identical": run.comparison.identical,
                }
                info["cached_publish_vs_clean_text"] = run.comparison.text()
            sizes_info.append(info)
    return results, sizes_info


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    hugo = shutil.which("hugo")
    if not hugo:
        _log("note: hugo is not on PATH, so the Hugo baselines are skipped (Debian: apt-get install hugo)")
    if not TIME.exists():
        _log(f"note: {TIME} is missing; peak memory comes from getrusage in a wrapper process")
    started = dt.datetime.now(dt.UTC)
    # Stopped by SIGTERM, it unwinds as on Ctrl-C: the servers it started stop, its folders are removed.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        results, sizes_info = _measure(args, hugo)
    except BuildError as exc:
        print(f"\n{exc}\n--- stderr ---\n{exc.stderr}\n--- stdout ---\n{exc.stdout[-4000:]}", file=sys.stderr)
        return 1
    except devloop.DevError as exc:
        print(f"\nthe edit loop could not be measured: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped: no figures written", file=sys.stderr)
        return 130
    measured = ["vanilla Pelican 4.12", "Pagefind"] + (["Hugo"] if hugo else [])
    about = MEMORY_ONLY_HEADER if args.memory_only else header_text(args.repeat, measured)
    print(f"\n{about}\n\n{format_table(results)}\n")
    for info in sizes_info:
        if "cached_publish_vs_clean_text" in info:
            print(f"{info['size']:,} docs: cached publish after one body edit vs a clean build of the same "
                  f"content: {info['cached_publish_vs_clean_text']}")  # fmt: skip
    report = {
        "about": about,
        "started": started.isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "peak_memory_from": str(TIME) if TIME.exists() else "getrusage(RUSAGE_CHILDREN)",
            "hub_and_pagefind_peaks_from": "the hub build's own report (getrusage and wait4)",
            "pelican": _version("pelican"),
            "pagefind": _version("pagefind_bin"),
            "hugo": hugo,
        },
        "repeat": args.repeat,
        "edits": args.edits,
        "memory_only": args.memory_only,
        "seed": args.seed,
        "sizes": sizes_info,
        "results": [asdict(r) for r in results],
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

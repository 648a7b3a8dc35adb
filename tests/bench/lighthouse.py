"""Run Lighthouse on each page type of the demo and report its scores and every audit that costs points.

Usage: `python -m tests.bench.lighthouse [--json lighthouse.json] [--page NAME ...]` (`make lighthouse`;
never part of `make test`).

Needs Node.js and npm: installs the Lighthouse version pinned in tests/bench/lighthouse/package.json
(with its package-lock.json) by `npm ci` into tests/bench/lighthouse/node_modules when that folder does not
hold the pinned version. Picks a free localhost port first, builds the demo content with publishconf.py
into a temporary folder (tests.demo.build_demo) with HUB_SITEURL set to exactly the origin it is then
served from, `http://localhost:<port>` (so canonical links and the other absolute addresses are what a
real publish writes), serves it there with the site's security headers (tests.browser.served) and runs
the Lighthouse command line once per page type (tests/bench/budget.PAGES; the not-found page as
/404.html, since Lighthouse refuses a page served with status 404) in Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium), with Lighthouse's default mobile emulation and simulated
throttling, for the performance, accessibility, best-practices and SEO categories.

Targets (from the issue): performance >= 95; accessibility, best practices and SEO = 100. Scores are
reported, never asserted: the exit status is 0 whatever the scores, and 1 only when Lighthouse cannot
run (no Node.js or npm, a failed install, a failed or errored run). Reads content/ and the package files;
writes node_modules, the temporary folder (removed at the end) and the JSON file. Prints a table of
scores with the targets each page misses, the audits that cost points with their failing elements, and
the diagnostics Lighthouse flags without scoring them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser import served
from tests.demo import build_demo

from . import budget

# Lighthouse refuses to audit a page served with status 404, so the not-found page is audited as the
# file the server sends for unknown paths, /404.html, which it serves with status 200.
PAGES = {**budget.PAGES, "not found": "/404.html"}

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tests" / "bench" / "lighthouse"
CLI = PACKAGE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "best pr.", "seo": "SEO"}
MIN_NODE = (18, 16)  # Lighthouse 12.8.2's "engines"
SCORED_MODES = ("binary", "numeric", "metricSavings")
ITEMS_SHOWN = 5
# Findings that come from the local demo build or the preview server, not from the site: audit id -> why.
LOCAL_ONLY = {
    "uses-text-compression": "the preview server does not compress; the production host should",
    "uses-long-cache-ttl": "the preview server sends no Cache-Control; the production host should",
    "cache-insight": "the preview server sends no Cache-Control; the production host should",
}
# Findings that a page type earns on purpose: (page type, audit id) -> why.
BY_DESIGN = {
    ("not found", "is-crawlable"): "the not-found page is not meant to be indexed",
}


class LighthouseError(Exception):
    """Lighthouse could not run: what is missing or what failed."""


@dataclass
class Finding:
    """An audit that costs points (or a diagnostic): its id, title, shown value and failing items."""

    id: str
    title: str
    category: str
    score: float | None
    weight: float
    display: str = ""
    explanation: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class PageResult:
    name: str
    url: str
    scores: dict[str, int | None]
    metrics: dict[str, str]
    failing: list[Finding]
    diagnostics: list[Finding]


def node_version(text: str) -> tuple[int, int]:
    match = re.match(r"v?(\d+)\.(\d+)", text.strip())
    if not match:
        raise LighthouseError(f"cannot read the Node.js version from {text!r}")
    return int(match[1]), int(match[2])


def pinned_version() -> str:
    return json.loads((PACKAGE / "package.json").read_text())["dependencies"]["lighthouse"]


def installed_version() -> str | None:
    manifest = PACKAGE / "node_modules" / "lighthouse" / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else None


def ensure_lighthouse() -> str:
    """Check Node.js, npm and Chromium; `npm ci` the pinned Lighthouse if needed; return its version."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        missing = ", ".join(name for name, path in (("node", node), ("npm", npm)) if not path)
        raise LighthouseError(
            f"Lighthouse needs Node.js and npm; not on PATH: {missing} (Debian: apt-get install nodejs npm)"
        )
    found = subprocess.run([node, "--version"], capture_output=True, text=True, check=False).stdout
    if node_version(found) < MIN_NODE:
        raise LighthouseError(f"Lighthouse {pinned_version()} needs Node.js >= 18.16; found {found.strip()}")
    if not Path(CHROME_PATH).exists():
        raise LighthouseError(f"Chromium not found at {CHROME_PATH}: install Debian's chromium package")
    if installed_version() != pinned_version():
        print(f"installing lighthouse {pinned_version()} with npm ci in {PACKAGE.relative_to(ROOT)}")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=PACKAGE, capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or installed_version() != pinned_version():
            raise LighthouseError(f"npm ci failed in {PACKAGE}:\n{result.stderr[-4000:]}")
    return pinned_version()


def _item_text(item: Mapping[str, Any]) -> str | None:
    """What a failing element or resource is: a CSS selector (with a snippet) or a URL."""
    node = item.get("node")
    if isinstance(node, Mapping) and node.get("type") == "node":
        snippet = " ".join(str(node.get("snippet", "")).split())[:120]
        return f"{node.get('selector', '?')}  {snippet}".strip()
    for key in ("url", "source", "description"):
        value = item.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, Mapping) and value.get("url"):
            return str(value["url"])
    return None


def _items(audit: Mapping[str, Any]) -> list[str]:
    details = audit.get("details") or {}
    texts = []
    for item in details.get("items", []) if isinstance(details, Mapping) else []:
        text = _item_text(item) if isinstance(item, Mapping) else None
        if text and text not in texts:
            texts.append(text)
        # Accessibility and tap-target details nest the failing nodes in sub-items.
        for sub in (item.get("subItems") or {}).get("items", []) if isinstance(item, Mapping) else []:
            text = _item_text(sub) if isinstance(sub, Mapping) else None
            if text and text not in texts:
                texts.append(text)
    return texts


def findings(report: Mapping[str, Any]) -> tuple[list[Finding], list[Finding]]:
    """(audits that cost points in a category, unweighted diagnostics that Lighthouse flags)."""
    failing: list[Finding] = []
    diagnostics: list[Finding] = []
    seen: set[str] = set()
    for category_id, category in report.get("categories", {}).items():
        for ref in category.get("auditRefs", []):
            audit = report["audits"].get(ref["id"], {})
            score = audit.get("score")
            if audit.get("scoreDisplayMode") not in SCORED_MODES or score is None or score >= 1:
                continue
            if ref["id"] in seen:
                continue
            seen.add(ref["id"])
            finding = Finding(
                id=ref["id"],
                title=audit.get("title", ""),
                category=category_id,
                score=score,
                weight=ref.get("weight", 0),
                display=audit.get("displayValue", ""),
                explanation=" ".join(str(audit.get("explanation", "")).split()),
                items=_items(audit),
            )
            (failing if finding.weight > 0 else diagnostics).append(finding)
    return failing, diagnostics


def scores(report: Mapping[str, Any]) -> dict[str, int | None]:
    """Each category's score out of 100 (None when Lighthouse could not score it)."""
    result: dict[str, int | None] = {}
    for category in CATEGORIES:
        score = report.get("categories", {}).get(category, {}).get("score")
        result[category] = None if score is None else round(score * 100)
    return result


def misses(page_scores: Mapping[str, int | None]) -> list[str]:
    """The categories whose score is below its target."""
    return [c for c in CATEGORIES if page_scores.get(c) is None or page_scores[c] < TARGETS[c]]


def note(page: str, audit_id: str) -> str | None:
    """Why an audit fails for a reason that is not the site's to fix, if it is one of those."""
    return BY_DESIGN.get((page, audit_id)) or LOCAL_ONLY.get(audit_id)


def free_port() -> int:
    """A localhost port nothing listens on now (the demo is built for it, then served on it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def run_lighthouse(url: str, output: Path) -> dict[str, Any]:
    command = [
        shutil.which("node") or "node",
        str(CLI),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_file():
        raise LighthouseError(
            f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-4000:]}"
        )
    report = json.loads(output.read_text())
    if report.get("runtimeError"):
        error = report["runtimeError"]
        raise LighthouseError(
            f"lighthouse could not audit {url}: {error.get('code')}: {error.get('message')}"
        )
    return report


def page_result(name: str, path: str, report: Mapping[str, Any]) -> PageResult:
    metrics = {
        key: report["audits"][key].get("displayValue", "")
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
        if key in report.get("audits", {})
    }
    failing, diagnostics = findings(report)
    return PageResult(name, path, scores(report), metrics, failing, diagnostics)


def scores_table(results: Sequence[PageResult]) -> str:
    width = max([len("page"), *(len(r.name) for r in results)]) + 2
    header = f"{'page':<{width}}" + "".join(f"{SHORT[c]:>10}" for c in CATEGORIES) + "  misses target"
    target = f"{'target':<{width}}" + "".join(
        f"{('>= ' if c == 'performance' else '') + str(TARGETS[c]):>10}" for c in CATEGORIES
    )
    lines = [header, target]
    for result in results:
        cells = "".join(f"{'-' if result.scores[c] is None else result.scores[c]:>10}" for c in CATEGORIES)
        missed = ", ".join(SHORT[c] for c in misses(result.scores)) or "-"
        lines.append(f"{result.name:<{width}}{cells}  {missed}")
    return "\n".join(lines)


def _where(names: Sequence[str], results: Sequence[PageResult]) -> str:
    """`every page`, `every page except a; b` or `a; b`."""
    others = [r.name for r in results if r.name not in names]
    if not others:
        return "every page"
    return f"every page except {'; '.join(others)}" if len(others) < len(names) else "; ".join(names)


def findings_text(results: Sequence[PageResult]) -> str:
    """Every audit that cost points, grouped by audit, one line per page with its value or explanation
    and its failing elements; then the unweighted diagnostics, one line each."""
    failing: dict[str, list[tuple[str, Finding]]] = {}
    diagnostics: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for result in results:
        for finding in result.failing:
            failing.setdefault(finding.id, []).append((result.name, finding))
        for finding in result.diagnostics:
            diagnostics.setdefault(finding.id, []).append(result.name)
            titles[finding.id] = finding.title
    lines = ["audits that cost points:" if failing else "no audit cost a point on any page"]
    for audit_id, found in failing.items():
        first = found[0][1]
        lines.append(f"  {first.category} {audit_id} (weight {first.weight:g}): {first.title}")
        lines.append(f"    on {_where([name for name, _ in found], results)}")
        if audit_id in LOCAL_ONLY:
            lines.append(f"    not the site: {LOCAL_ONLY[audit_id]}")
        for name, finding in found:
            shown = "; ".join(text for text in (finding.display, finding.explanation) if text)
            by_design = BY_DESIGN.get((name, audit_id))
            lines.append(
                f"    {name}: score {finding.score:.2f}"
                + (f", {shown}" if shown else "")
                + (f" [{by_design}]" if by_design else "")
            )
            lines.extend(f"      {item}" for item in finding.items[:ITEMS_SHOWN])
            if len(finding.items) > ITEMS_SHOWN:
                lines.append(f"      ... and {len(finding.items) - ITEMS_SHOWN} more")
    if diagnostics:
        lines.append("\ndiagnostics (flagged, but no weight in any score):")
        for audit_id, names in sorted(diagnostics.items()):
            why = f"  [not the site: {LOCAL_ONLY[audit_id]}]" if audit_id in LOCAL_ONLY else ""
            lines.append(f"  {audit_id}: {titles[audit_id]} ({_where(names, results)}){why}")
    return "\n".join(lines)


def to_json(version: str, results: Sequence[PageResult], site_url: str = "") -> dict[str, Any]:
    def finding(page: str, f: Finding) -> dict[str, Any]:
        return {**f.__dict__, "not_the_site": note(page, f.id)}

    return {
        "lighthouse": version,
        "site_url": site_url,
        "chrome_path": CHROME_PATH,
        "chrome_flags": list(CHROME_FLAGS),
        "form_factor": "mobile (Lighthouse default), simulated throttling",
        "targets": TARGETS,
        "pages": {
            r.name: {
                "url": r.url,
                "scores": r.scores,
                "misses": misses(r.scores),
                "metrics": r.metrics,
                "failing_audits": [finding(r.name, f) for f in r.failing],
                "diagnostics": [finding(r.name, f) for f in r.diagnostics],
            }
            for r in results
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.lighthouse", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--json", type=Path, default=Path("lighthouse.json"))
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only this page type")
    args = parser.parse_args(argv)
    pages = {name: PAGES[name] for name in args.page} if args.page else PAGES
    try:
        version = ensure_lighthouse()
        results = []
        port = free_port()
        site_url = f"http://localhost:{port}"
        with tempfile.TemporaryDirectory() as folder:
            site = Path(folder) / "site"
            build_demo(site, site_url=site_url)
            with served(site, port) as base:
                if base != site_url:
                    raise LighthouseError(f"the demo was built for {site_url} but is served at {base}")
                for name, path in pages.items():
                    print(f"lighthouse {version}: {name} {path}", file=sys.stderr, flush=True)
                    report = run_lighthouse(base + path, Path(folder) / "report.json")
                    results.append(page_result(name, path, report))
    except LighthouseError as exc:
        print(f"lighthouse cannot run: {exc}", file=sys.stderr)
        return 1
    print(
        f"\nLighthouse {version}, mobile emulation, Chromium at {CHROME_PATH}; the demo built with "
        f"HUB_SITEURL={site_url} and served there; scores out of 100:\n"
    )
    print(scores_table(results))
    print()
    print(findings_text(results))
    args.json.write_text(json.dumps(to_json(version, results, site_url), indent=2) + "\n")
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Take the screenshots of each page type that README.md shows and reviewers compare by eye.

Usage: `python -m tests.bench.screenshots [--out docs/screenshots]` (`make screenshots`).

Builds the demo content with publishconf.py into a temporary folder (tests.demo.build_demo), serves it
on localhost with the security headers (tests.browser.served) and opens each page type of
tests/test_accessibility.PAGES in Debian's Chromium, light colour scheme, at 375 x 800 and 1280 x 900;
the ordinance page also in the dark colour scheme and with print media, at 1280 x 900. Each screenshot is
the viewport only (above the fold), reduced to a 256-colour palette so the committed files stay small.
The evidence shots are whole elements at both widths: a model's "Adopted in" table, two maps, and a
story's lead figure and pull quote from the demo, and, from the frozen fixture site (tests/fixtures/site:
the demo codes no provisions and holds no enacted text, as no source gives them), a comparison page and
an enacted text beside its model.
Reads content/ and tests/fixtures/site; writes the temporary folder (removed at the end) and
`<out>/<name>-<width>.png` (`ordinance-dark-1280.png`, `ordinance-print-1280.png` for the variants),
replacing the folder's PNGs.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

from PIL import Image

from tests.browser import browser, served
from tests.demo import build_demo
from tests.sitekit import build
from tests.test_accessibility import PAGES

from .budget import chromium_missing

ROOT = Path(__file__).resolve().parents[2]
VIEWPORTS = {375: 800, 1280: 900}  # width -> height: above the fold is enough


class Shot(NamedTuple):
    name: str  # the file name, without .png
    path: str
    width: int
    color_scheme: str = "light"
    media: str = "screen"
    selector: str = ""  # a whole element instead of the viewport
    site: str = "demo"  # or "fixture": tests/fixtures/site


FIXTURE = ROOT / "tests" / "fixtures" / "site"
NONDISCRIMINATION = "/ordinances/lgbtq-inclusive-nondiscrimination-ordinance/"
RENT_SETTING = "/ordinances/ban-on-algorithmic-rent-setting/"
FIXTURE_MODEL = "/ordinances/nondiscrimination-ordinance/"
# name -> (site, path, element)
EVIDENCE = {
    "adoption-table": ("demo", NONDISCRIMINATION, "section.adopted-in table"),
    "adoption-map": ("demo", NONDISCRIMINATION, "section.adopted-in .us-map"),
    "adoption-map-statewide": ("demo", RENT_SETTING, "section.adopted-in .us-map"),
    "preemption-map": ("demo", "/issues/preemption/", ".us-map"),
    "comparison": ("fixture", FIXTURE_MODEL + "compare/", "main"),
    "enacted": ("fixture", FIXTURE_MODEL + "enacted/carrboro-nc/", ""),
    "event-timed": ("fixture", "/events/housing-forum/", ""),
    "story-lead-figure": ("demo", "/stories/hillsborough-goes-first/", ".lead-figure"),
    "story-pull-quote": ("demo", "/stories/hillsborough-goes-first/", ".pull-quotes"),
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def shots() -> list[Shot]:
    """Every screenshot to take, in order."""
    result = [
        Shot(f"{slug(name)}-{width}", path, width) for name, path in PAGES.items() for width in VIEWPORTS
    ]
    ordinance = PAGES["ordinance"]
    result.append(Shot("ordinance-dark-1280", ordinance, 1280, color_scheme="dark"))
    result.append(Shot("ordinance-print-1280", ordinance, 1280, media="print"))
    for name, (site, path, selector) in EVIDENCE.items():
        result += [Shot(f"{name}-{w}", path, w, selector=selector, site=site) for w in VIEWPORTS]
    return result


def small_png(png: bytes) -> bytes:
    """The screenshot with a 256-colour palette: a fraction of the size, and text stays sharp."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def build_fixture(output: Path) -> None:
    """The frozen fixture site as a preview build (links from the site's root), without git history."""
    settings = output.parent / "fixture-settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nHUB_HISTORY = False\n"
    )
    result = build(FIXTURE, output, settings)
    if result.returncode != 0:
        raise SystemExit(f"the fixture site does not build:\n{result.stderr}")


def take(sites: dict[str, Path], out: Path) -> list[Path]:
    written = []
    with browser() as chromium:
        for name, site in sites.items():
            with served(site) as base:
                written += _take(chromium, base, [s for s in shots() if s.site == name], out)
    return written


def _take(chromium: object, base: str, wanted: list[Shot], out: Path) -> list[Path]:
    written = []
    for shot in wanted:
        context = chromium.new_context(
            viewport={"width": shot.width, "height": VIEWPORTS[shot.width]},
            color_scheme=shot.color_scheme,
            device_scale_factor=1,
        )
        page = context.new_page()
        page.emulate_media(media=shot.media)
        page.goto(base + shot.path, wait_until="networkidle")  # the search page has searched by then
        target = out / f"{shot.name}.png"
        if shot.selector:
            png = page.locator(shot.selector).first.screenshot()
        else:
            png = page.screenshot(full_page=False)
        target.write_bytes(small_png(png))
        context.close()
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.screenshots", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if problem := chromium_missing():
        print(problem, file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        sites = {"demo": Path(folder) / "site", "fixture": Path(folder) / "fixture"}
        build_demo(sites["demo"])
        build_fixture(sites["fixture"])
        written = take(sites, args.out)
    for path in written:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{path.stat().st_size / 1000:>7.1f} KB  {shown}")
    print(f"{len(written)} screenshots, {sum(p.stat().st_size for p in written) / 1000:.0f} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())

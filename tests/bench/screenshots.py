"""Take the screenshots of each page type that README.md shows and reviewers compare by eye.

Usage: `python -m tests.bench.screenshots [--out docs/screenshots]` (`make screenshots`).

Builds the demo content with publishconf.py into a temporary folder (tests.demo.build_demo), serves it
on localhost with the security headers (tests.browser.served) and opens each page type of
tests/test_accessibility.PAGES in Debian's Chromium, light colour scheme, at 375 x 800 and 1280 x 900;
the ordinance page also in the dark colour scheme and with print media, at 1280 x 900. Each screenshot is
the viewport only (above the fold), reduced to a 256-colour palette so the committed files stay small.
Reads content/; writes the temporary folder (removed at the end) and `<out>/<type>-<width>.png`
(`ordinance-dark-1280.png`, `ordinance-print-1280.png` for the variants), replacing the folder's PNGs.
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
    return result


def small_png(png: bytes) -> bytes:
    """The screenshot with a 256-colour palette: a fraction of the size, and text stays sharp."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue()


def take(site: Path, out: Path) -> list[Path]:
    written = []
    with served(site) as base, browser() as chromium:
        for shot in shots():
            context = chromium.new_context(
                viewport={"width": shot.width, "height": VIEWPORTS[shot.width]},
                color_scheme=shot.color_scheme,
                device_scale_factor=1,
            )
            page = context.new_page()
            page.emulate_media(media=shot.media)
            page.goto(base + shot.path, wait_until="networkidle")  # the search page has searched by then
            target = out / f"{shot.name}.png"
            target.write_bytes(small_png(page.screenshot(full_page=False)))
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
        site = Path(folder) / "site"
        build_demo(site)
        written = take(site, args.out)
    for path in written:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{path.stat().st_size / 1000:>7.1f} KB  {shown}")
    print(f"{len(written)} screenshots, {sum(p.stat().st_size for p in written) / 1000:.0f} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())

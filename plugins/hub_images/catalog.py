"""Image sizes and resized variants: every image gets width and height (no layout shift), large
ones get smaller copies for phones.

Reads the headers of the image files under the content folder's `images/` and the theme's static
folder (Pillow opens a file lazily: only its header is read); writes nothing itself. `variants()`
names the copies `ImageGenerator` writes; `sized_html()` adds sizes and a srcset to the <img> tags of a
rendered body.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

WIDTHS = (480, 960, 1600)
RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif")
VARIANT_FOLDER = "images/_w"
_IMG = re.compile(r'<img\b([^>]*?)\ssrc="((?:\.\./)*)(images/[^"?#]+)"([^>]*)>')
_SVG_LENGTH = re.compile(r"^\s*([\d.]+)\s*(px)?\s*$")


class ImageFileError(Exception):
    """An image in the content folder cannot be read."""


@dataclass(frozen=True)
class ImageInfo:
    path: str  # under the site root, like "images/chart.png"
    width: int
    height: int
    variants: tuple[tuple[str, int], ...] = ()  # (path, width), smallest first

    def srcset(self, prefix: str) -> str:
        if not self.variants:
            return ""
        entries = [f"{prefix}{path} {width}w" for path, width in self.variants]
        return ", ".join([*entries, f"{prefix}{self.path} {self.width}w"])


class ImageCatalog:
    """Sizes of the site's images, read once each per build."""

    def __init__(self, content: Path, theme_static: Path, theme_prefix: str = "theme/") -> None:
        self._content, self._theme, self._theme_prefix = content, theme_static, theme_prefix
        self._known: dict[str, ImageInfo | None] = {}

    def info(self, path: str) -> ImageInfo | None:
        """Width, height and variants of `images/...` or `theme/...`; None if unreadable."""
        if path not in self._known:
            self._known[path] = self._read(path)
        return self._known[path]

    def _read(self, path: str) -> ImageInfo | None:
        if path.startswith(self._theme_prefix):
            file = self._theme / path[len(self._theme_prefix) :]
        else:
            file = self._content / path
        if not file.is_file():
            return None
        if file.suffix.lower() == ".svg":
            size = svg_size(file)
            return ImageInfo(path, *size) if size else None
        try:
            with Image.open(file) as image:
                width, height = image.size
        except (OSError, ValueError) as exc:
            raise ImageFileError(
                f"{file}: not an image that can be read ({exc}): export it again as PNG, JPEG or WebP"
            ) from None
        return ImageInfo(path, width, height, variants(path, width, height))

    def sized_html(self, html: str) -> str:
        """Give every body <img> of an `images/` file its width, height, srcset and lazy loading."""
        if "<img" not in html:
            return html

        def size(match: re.Match[str]) -> str:
            before, prefix, path, after = match.groups()
            info = self.info(path)
            attributes = before + after
            if info is None or " width=" in attributes:
                return match.group(0)
            extra = f' width="{info.width}" height="{info.height}" loading="lazy" decoding="async"'
            if info.variants:
                extra += f' srcset="{info.srcset(prefix)}" sizes="(min-width: 48rem) 44rem, 100vw"'
            return f'<img{before} src="{prefix}{path}"{extra}{after}>'

        return _IMG.sub(size, html)


def variants(path: str, width: int, height: int) -> tuple[tuple[str, int], ...]:
    """The smaller copies of a raster image: one per width in WIDTHS below its own width."""
    if not path.lower().endswith(RASTER) or path.lower().endswith(".gif"):
        return ()
    stem, suffix = path.rsplit(".", 1)
    name = stem.removeprefix("images/")
    return tuple((f"{VARIANT_FOLDER}/{name}-{w}.{suffix}", w) for w in WIDTHS if w < width)


def svg_size(file: Path) -> tuple[int, int] | None:
    """An SVG's intrinsic size from width/height in pixels, else from its viewBox."""
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError:
        return None
    width, height = (_SVG_LENGTH.match(root.get(a, "")) for a in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    return None


def write_variant(source: Path, target: Path, width: int) -> None:
    """A resized copy, written the same way on every build (no timestamps or metadata)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as image:
        height = max(1, round(image.height * width / image.width))  # a 6000×1 strip stays 1 pixel high
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        suffix = target.suffix.lower()
        if suffix in (".jpg", ".jpeg"):
            resized.save(target, quality=82, optimize=True)
        elif suffix == ".png":
            resized.save(target, optimize=True)
        else:
            resized.save(target)

"""The generator that writes the resized copies of the content folder's large images.

Reads `images/` under the content folder; claims `images/_w/<name>-<width>.<ext>` for every raster image
wider than a variant width in the build's output registry while the site is read (`generate_context`),
naming the image it is made from, and writes each through the registry (`generate_output`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_core.outputs import outputs_of

from .catalog import RASTER, ImageCatalog, write_variant

WRITER = "hub_images"


class ImageGenerator(Generator):
    def generate_context(self) -> None:
        catalog: ImageCatalog = self.env.globals["image_catalog"]
        folder = Path(self.path) / "images"
        self.variants: list[tuple[Path, str, int]] = []  # (image, copy's path, width)
        for file in sorted(folder.iterdir()) if folder.is_dir() else ():
            if file.is_file() and file.suffix.lower() in RASTER:
                info = catalog.info(f"images/{file.name}")
                self.variants += [(file, path, width) for path, width in info.variants] if info else []
        for file, path, _width in self.variants:
            outputs_of(self.context).claim(path, WRITER, f"images/{file.name}")

    def generate_output(self, writer: Any) -> None:
        for file, path, width in self.variants:
            write_variant(file, outputs_of(self.context).target(path, WRITER), width)

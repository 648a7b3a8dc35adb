"""The generator that writes the resized copies of the content folder's large images.

Reads `images/` under the content folder; writes `images/_w/<name>-<width>.<ext>` for every raster
image wider than a variant width.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_core.outputs import outputs_of

from .catalog import RASTER, ImageCatalog, write_variant


class ImageGenerator(Generator):
    def generate_output(self, writer: Any) -> None:
        content, output = Path(self.path), Path(self.output_path)
        catalog: ImageCatalog = self.env.globals["image_catalog"]
        folder = content / "images"
        if not folder.is_dir():
            return
        for file in sorted(folder.iterdir()):
            if file.is_file() and file.suffix.lower() in RASTER:
                info = catalog.info(f"images/{file.name}")
                for path, width in info.variants if info else ():
                    outputs_of(self.context).claim(path, "hub_images")
                    write_variant(file, output / path, width)

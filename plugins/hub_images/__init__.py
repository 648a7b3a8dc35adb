"""hub_images: every image with its width and height, and smaller copies of large ones.

Reads: the image files under the content folder's `images/` and the theme's static folder. Writes:
`images/_w/<name>-<width>.<ext>` resized copies (Pillow). Templates get `image_info(path)` and the
`sized_images(html)`, which gives body images width, height, srcset and lazy loading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import ImageGenerator

    return ImageGenerator


def _install(generator: Any) -> None:
    """One catalogue per Jinja environment: sizes are read once per build and environment."""
    from .catalog import ImageCatalog

    settings = generator.settings
    static = Path(generator.theme) / settings.get("THEME_STATIC_PATHS", ["static"])[0]
    catalog = ImageCatalog(Path(settings["PATH"]), static, settings.get("THEME_STATIC_DIR", "theme") + "/")
    generator.env.globals["image_catalog"] = catalog
    generator.env.globals["image_info"] = catalog.info
    generator.env.globals["sized_images"] = catalog.sized_html


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)

"""The state shapes the map draws, read from the committed `data/states.json`.

Reads `plugins/hub_map/data/states.json` (written once by `data/make_states.py` from us-atlas, see
`data/SOURCE.md`); writes nothing. `load_atlas()` returns a frozen `Atlas`: one `Shape` per lowercase
postal code (the 50 states, DC, and the five inhabited territories), in the projection of `projection.py`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

DATA = Path(__file__).resolve().parent / "data" / "states.json"
SMALL_AREA = 100
"""Shapes under this many square units (DC, Guam, the Mariana and Virgin Islands, American Samoa) are
drawn with a wide outline in their status colour, so that they stay visible at all."""


@dataclass(frozen=True)
class Shape:
    code: str
    d: str  # the SVG path data
    label: tuple[float, float, float]  # x, y of a point well inside, and the width of the room there
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1
    area: int

    @property
    def small(self) -> bool:
        return self.area < SMALL_AREA

    def contains_box(self, x: float, y: float, margin: float = 2.0) -> bool:
        """Whether (x, y) falls within the shape's bounding box, give or take `margin` units."""
        x0, y0, x1, y1 = self.bbox
        return x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin


@dataclass(frozen=True)
class Atlas:
    view_box: tuple[int, int, int, int]
    shapes: Mapping[str, Shape]


def load_atlas(path: Path = DATA) -> Atlas:
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes = {
        code: Shape(code, s["d"], tuple(s["label"]), tuple(s["bbox"]), s["area"])
        for code, s in sorted(data["states"].items())
    }
    return Atlas(tuple(data["viewBox"]), MappingProxyType(shapes))

"""Longitude and latitude to the map's 975 x 610 SVG coordinates: d3's Albers USA, plus territory insets.

Reads and writes nothing. The same functions place the state shapes (once, in `data/make_states.py`) and
the jurisdiction points (on every build), so a point always lands where its state is drawn.

Albers USA is d3-geo's `geoAlbersUsa().scale(1300).translate([487.5, 305])`, the projection of the
us-atlas `*-albers-10m.json` files, re-implemented here (d3-geo 3, ISC licence):

- the lower 48 states and DC: conic equal-area, standard parallels 29.5°N and 45.5°N, rotated 96° (central
  meridian 96°W), centred on 0.6°W 38.7°N of that meridian, scale k, at the translate point;
- Alaska: conic equal-area, parallels 55°N and 65°N, central meridian 154°W, centre 2°W 58.5°N of it,
  scale 0.35 k, at (x - 0.307 k, y + 0.201 k): the inset in the lower left;
- Hawaii: conic equal-area, parallels 8°N and 18°N, central meridian 157°W, centre 3°W 19.9°N of it,
  scale k, at (x - 0.205 k, y + 0.212 k): the inset right of Alaska's.

The territories are not in d3's projection; each gets a conic equal-area inset of our own, framed by a
box, in the empty Atlantic corner east of Florida (`INSETS` below): Puerto Rico with the U.S. Virgin
Islands at the bottom, Guam with the Northern Mariana Islands and American Samoa above them.

Which projection a place uses is decided by its state's postal code, never by where the point falls, so
no clipping is needed. d3 also resamples long edges; `make_states.py` does the same with `resample()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

WIDTH = 975
HEIGHT = 610
SCALE = 1300.0
TRANSLATE = (487.5, 305.0)

Point = tuple[float, float]


@dataclass(frozen=True)
class ConicEqualArea:
    """d3.geoConicEqualArea with a longitude-only rotation: degrees in, SVG units out (y grows down)."""

    rotate: float  # degrees added to every longitude (the central meridian is at -rotate)
    center: Point  # (longitude, latitude) in the rotated frame, placed at `translate`
    parallels: Point
    scale: float
    translate: Point

    def __call__(self, lon: float, lat: float) -> Point:
        x, y = self._raw(_wrap(math.radians(lon + self.rotate)), math.radians(lat))
        cx, cy = self._raw(math.radians(self.center[0]), math.radians(self.center[1]))
        return (self.translate[0] + self.scale * (x - cx), self.translate[1] - self.scale * (y - cy))

    def _raw(self, lam: float, phi: float) -> Point:
        sin0 = math.sin(math.radians(self.parallels[0]))
        n = (sin0 + math.sin(math.radians(self.parallels[1]))) / 2
        c = 1 + sin0 * (2 * n - sin0)
        r0 = math.sqrt(c) / n
        r = math.sqrt(c - 2 * n * math.sin(phi)) / n
        return (r * math.sin(lam * n), r0 - r * math.cos(lam * n))


def _wrap(lam: float) -> float:
    """Longitude in radians into [-π, π], as d3's rotation does."""
    if lam > math.pi:
        return lam - 2 * math.pi
    if lam < -math.pi:
        return lam + 2 * math.pi
    return lam


@dataclass(frozen=True)
class Inset:
    """A territory drawn apart from the mainland: its projection and the box framing it on the map."""

    states: tuple[str, ...]
    projection: ConicEqualArea
    box: tuple[float, float, float, float]  # x, y, width, height in SVG units
    labels: tuple[tuple[str, float, float], ...]  # where each territory's postal code is written


_K = SCALE
_X, _Y = TRANSLATE

LOWER_48 = ConicEqualArea(96.0, (-0.6, 38.7), (29.5, 45.5), _K, TRANSLATE)
ALASKA = ConicEqualArea(154.0, (-2.0, 58.5), (55.0, 65.0), _K * 0.35, (_X - 0.307 * _K, _Y + 0.201 * _K))
HAWAII = ConicEqualArea(157.0, (-3.0, 19.9), (8.0, 18.0), _K, (_X - 0.205 * _K, _Y + 0.212 * _K))

INSETS: tuple[Inset, ...] = (
    # In the Atlantic corner, east of Florida. Puerto Rico (67.9°W-65.2°W) and the U.S. Virgin Islands
    # (65.1°W-64.6°W) at 1.5 times the mainland scale, along the bottom.
    Inset(
        ("pr", "vi"),
        ConicEqualArea(66.0, (-0.2, 18.1), (8.0, 18.0), _K * 1.5, (904.0, 580.0)),
        (838, 556, 132, 48),
        (("pr", 891, 597), ("vi", 948, 563)),
    ),
    # Guam and the southern Northern Mariana Islands (13.2°N-15.3°N) at twice the scale, in a tall box.
    Inset(
        ("gu", "mp"),
        ConicEqualArea(-145.2, (0.0, 14.3), (8.0, 18.0), _K * 2, (866.0, 490.0)),
        (838, 436, 64, 112),
        (("gu", 869, 529), ("mp", 851, 451)),
    ),
    # American Samoa's Tutuila and Manu'a Islands (170.8°W-169.4°W) at 1.8 times, beside them.
    Inset(
        ("as",),
        ConicEqualArea(170.1, (0.0, -14.3), (-8.0, -18.0), _K * 1.8, (940.0, 530.0)),
        (906, 506, 64, 42),
        (("as", 938, 515),),
    ),
)


def projection_for(state: str) -> ConicEqualArea:
    """The projection a state's shapes and points are drawn with (lowercase postal code)."""
    for inset in INSETS:
        if state in inset.states:
            return inset.projection
    return ALASKA if state == "ak" else HAWAII if state == "hi" else LOWER_48


def project(state: str, lon: float, lat: float) -> Point:
    """Where a place at `lon`, `lat` in the given state is drawn."""
    return projection_for(state)(lon, lat)


def resample(
    project_: Callable[[float, float], Point], ring: Sequence[Point], tolerance: float = 0.25
) -> Iterator[Point]:
    """Project a ring of (lon, lat), adding points along edges that the projection bends by more than
    `tolerance` SVG units (like d3's adaptive resampling), so straight parallels come out curved."""
    if not ring:
        return
    previous = ring[0]
    yield project_(*previous)
    for current in ring[1:]:
        yield from _split(project_, previous, current, tolerance, depth=8)
        previous = current


def _split(
    project_: Callable[[float, float], Point], a: Point, b: Point, tolerance: float, depth: int
) -> Iterator[Point]:
    pa, pb = project_(*a), project_(*b)
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    pm = project_(*mid)
    if depth > 0 and _distance_to_chord(pm, pa, pb) > tolerance:
        yield from _split(project_, a, mid, tolerance, depth - 1)
        yield from _split(project_, mid, b, tolerance, depth - 1)
    else:
        yield pb


def _distance_to_chord(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length

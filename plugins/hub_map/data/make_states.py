"""Convert us-atlas's `states-10m.json` into `states.json`, the state shapes the map draws.

Run by hand, once per us-atlas release, never at build time (see SOURCE.md):

    mkdir /tmp/us-atlas && cd /tmp/us-atlas && npm pack us-atlas@3.0.1
    cd /work/main && PYTHONPATH=plugins .venv/bin/python plugins/hub_map/data/make_states.py \\
        /tmp/us-atlas/us-atlas-3.0.1.tgz

Reads the npm package (the .tgz that `npm pack` writes, or its unpacked `package/` folder): the TopoJSON
`states-10m.json`, longitude and latitude quantised by us-atlas from the Census Bureau's 2017 cartographic
boundary files. Writes `states.json` next to this script: per lowercase postal code, the SVG path `d` of
the state in the 975 x 610 map (`hub_map.projection`), a label point inside its largest part with the
width of the room there (`[x, y, width]`), the shape's bounding box (`[x0, y0, x1, y1]`) and its area in
square units (holes counted as land: it only tells tiny shapes apart).

Each shared border (a TopoJSON arc) is projected, resampled and simplified once, with its end points kept,
so neighbouring states still meet exactly; coordinates are rounded to 0.1 unit and written relative
(`l dx dy`) to keep the file small. Parts smaller than `MIN_AREA` square units are dropped in the states,
never in the territories, whose islands are all kept.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tarfile
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from hub_map.projection import HEIGHT, WIDTH, Point, projection_for, resample

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "states.json"
VERSION = "3.0.1"
SOURCE_FILE = "states-10m.json"
TOLERANCE = 0.35  # Douglas-Peucker tolerance, in SVG units (a unit is about 0.7 CSS px on a wide page)
MIN_AREA = 0.6  # square SVG units: smaller parts of a state (specks of coastline) are left out
TERRITORIES = ("as", "gu", "mp", "pr", "vi")
# Territories drawn in part, so that their inhabited islands are large enough to see in a small inset:
# (west, south, east, north) in degrees; islands outside are left out. The Northern Mariana Islands keep
# Saipan, Tinian, Aguijan and Rota (the Northern Islands, north of 15.5°N, have a few residents at most);
# American Samoa keeps Tutuila, Aunu'u and the Manu'a Islands (not Swains Island or Rose Atoll).
CROP = {"mp": (144.0, 13.8, 146.5, 15.5), "as": (-171.0, -14.6, -169.0, -14.0)}

# FIPS state codes (the TopoJSON ids) to postal codes (the hub's state slugs).
FIPS = {
    "01": "al", "02": "ak", "04": "az", "05": "ar", "06": "ca", "08": "co", "09": "ct", "10": "de",
    "11": "dc", "12": "fl", "13": "ga", "15": "hi", "16": "id", "17": "il", "18": "in", "19": "ia",
    "20": "ks", "21": "ky", "22": "la", "23": "me", "24": "md", "25": "ma", "26": "mi", "27": "mn",
    "28": "ms", "29": "mo", "30": "mt", "31": "ne", "32": "nv", "33": "nh", "34": "nj", "35": "nm",
    "36": "ny", "37": "nc", "38": "nd", "39": "oh", "40": "ok", "41": "or", "42": "pa", "44": "ri",
    "45": "sc", "46": "sd", "47": "tn", "48": "tx", "49": "ut", "50": "vt", "51": "va", "53": "wa",
    "54": "wv", "55": "wi", "56": "wy", "60": "as", "66": "gu", "69": "mp", "72": "pr", "78": "vi",
}  # fmt: skip


def read_topology(package: Path) -> dict[str, Any]:
    """`states-10m.json` from the npm tarball or the unpacked folder, after checking the version."""
    if package.is_dir():
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        topology = json.loads((package / SOURCE_FILE).read_text(encoding="utf-8"))
    else:
        with tarfile.open(package) as tar:
            meta = json.load(_member(tar, "package/package.json"))
            topology = json.load(_member(tar, f"package/{SOURCE_FILE}"))
    if meta.get("name") != "us-atlas" or meta.get("version") != VERSION:
        sys.exit(f"expected us-atlas {VERSION}, found {meta.get('name')} {meta.get('version')}")
    return topology


def _member(tar: tarfile.TarFile, name: str) -> Any:
    member = tar.extractfile(name)
    if member is None:
        sys.exit(f"{name} is missing from the package")
    return member


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Quantised, delta-encoded arcs to (longitude, latitude) lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings of arc indexes."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, keeping both end points (iterative, so long arcs do not recurse deeply)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length


def project_arcs(topology: dict[str, Any], arcs: list[list[Point]]) -> dict[int, list[tuple[int, int]]]:
    """Each arc used by a state, projected with that state's projection, simplified, in tenths of units."""
    out: dict[int, list[tuple[int, int]]] = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        projection = projection_for(FIPS[geometry["id"]])
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for index in ring:
                    arc = index if index >= 0 else ~index
                    if arc not in out:
                        projected = simplify(list(resample(projection, arcs[arc])), TOLERANCE)
                        out[arc] = [(round(x * 10), round(y * 10)) for x, y in projected]
    return out


def ring_points(ring: list[int], arcs: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """A ring's points from its arcs (reversed where the index is negative), without repeats."""
    points: list[tuple[int, int]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        for point in arc:
            if not points or points[-1] != point:
                points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def area(points: Sequence[tuple[float, float]]) -> float:
    """Signed area by the shoelace formula, in the points' units squared."""
    return (
        sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]], strict=True))
        / 2
    )


def path_d(rings: Sequence[Sequence[tuple[int, int]]]) -> str:
    """Rings in tenths of units as a compact path: absolute `M`, then relative `l` steps, `z`."""
    parts = []
    for ring in rings:
        steps = "".join(_pair(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in pairwise(ring))
        parts.append(f"M{_pair(*ring[0]).lstrip(',')}l{steps.lstrip(',')}z")
    return "".join(parts)


def _pair(dx: int, dy: int) -> str:
    x, y = _number(dx), _number(dy)
    return f"{'' if x.startswith('-') else ','}{x}{'' if y.startswith('-') else ','}{y}"


def _number(tenths: int) -> str:
    """12 -> '1.2', 5 -> '.5', -5 -> '-.5', 30 -> '3'."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "")
    return sign + (text or "0")


def label_point(rings: Sequence[Sequence[tuple[int, int]]]) -> tuple[float, float, float]:
    """(x, y, width): where a label fits best in the largest ring, and the room it has there.

    Candidates are the middles of the runs of 39 horizontal lines across the ring; each scores the
    smaller of its run's width and four times its vertical clearance (a 13-unit label wants a run about
    four times as wide as half its height), so a wide but shallow strip (Florida's top) loses to a
    roomier spot (its peninsula)."""
    ring = max(rings, key=lambda r: abs(area(r)))
    ys = [y for _, y in ring]
    top, bottom = min(ys), max(ys)
    best = (-1.0, (ring[0][0] / 10, ring[0][1] / 10, 0.0))
    for step in range(1, 40):
        y = top + (bottom - top) * step / 40 + 0.5  # off the vertices' tenths, so no edge is hit at an end
        crossings = sorted(_crossings(ring, y))
        for left, right in zip(crossings[::2], crossings[1::2], strict=False):
            x = (left + right) / 2
            above_below = sorted(_crossings([(b, a) for a, b in ring], x + 0.5))
            clearance = min(
                (
                    min(y - a, b - y)
                    for a, b in zip(above_below[::2], above_below[1::2], strict=False)
                    if a <= y <= b
                ),
                default=0.0,
            )
            score = min(right - left, 4 * clearance)
            if score > best[0]:
                best = (score, (round(x / 10, 1), round(y / 10, 1), round(score / 10, 1)))
    return best[1]


def _crossings(ring: Sequence[tuple[int, int]], y: float) -> list[float]:
    xs = []
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 <= y < y1) or (y1 <= y < y0):
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return xs


def _within(ring: list[int], arcs: list[list[Point]], box: tuple[float, float, float, float]) -> bool:
    points = [p for index in ring for p in (arcs[index] if index >= 0 else arcs[~index])]
    return all(box[0] <= lon <= box[2] and box[1] <= lat <= box[3] for lon, lat in points)


def states(topology: dict[str, Any]) -> dict[str, dict[str, Any]]:
    lonlat = decode_arcs(topology)
    arcs = project_arcs(topology, lonlat)
    out = {}
    for geometry in topology["objects"]["states"]["geometries"]:
        code = FIPS[geometry["id"]]
        rings = []
        for polygon in polygons_of(geometry):
            if code in CROP and not _within(polygon[0], lonlat, CROP[code]):
                continue
            outer = ring_points(polygon[0], arcs)
            if code not in TERRITORIES and abs(area(outer)) < MIN_AREA * 100:
                continue
            if max(x for x, _ in outer) < 0:
                continue  # the far Aleutians, west of the map's edge (as in d3's own Albers USA map)
            rings += [r for r in (ring_points(ring, arcs) for ring in polygon) if len(r) >= 3]
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        bbox = [min(xs) / 10, min(ys) / 10, max(xs) / 10, max(ys) / 10]
        if bbox[0] < 0 or bbox[1] < 0 or bbox[2] > WIDTH or bbox[3] > HEIGHT:
            print(f"note: {code} reaches outside the map: {bbox}", file=sys.stderr)
        size = round(sum(abs(area(ring)) for ring in rings) / 100)
        out[code] = {"d": path_d(rings), "label": list(label_point(rings)), "bbox": bbox, "area": size}
    return dict(sorted(out.items()))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="us-atlas-3.0.1.tgz from `npm pack`, or its package/")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    data = {
        "source": f"us-atlas {VERSION} {SOURCE_FILE} (U.S. Census Bureau cartographic boundaries, 2017)",
        "viewBox": [0, 0, WIDTH, HEIGHT],
        "states": states(read_topology(args.package)),
    }
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text.replace(',"', ',\n"') + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()) / 1000:.1f} KB, {len(data['states'])} states)")


if __name__ == "__main__":
    main()

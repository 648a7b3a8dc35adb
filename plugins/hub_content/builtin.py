"""The places the hub knows without a jurisdiction file: the states, and every county and county
equivalent from the Census Bureau's list, and how a jurisdiction file's entry extends one of them.

Reads `data/counties.csv` (made once by `data/make_counties.py`; see `data/SOURCE.md`); writes nothing.
The table is read once per load of the content folder, never at import time, so nothing is held between
builds; only the counties the content names become records of the graph.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from hub_model import STATES, Jurisdiction, JurisdictionKind

COUNTIES = Path(__file__).resolve().parent / "data" / "counties.csv"
COLUMNS = ["fips", "slug", "name", "kind", "state", "lat", "lon"]


def state_jurisdictions() -> list[Jurisdiction]:
    """The built-in jurisdictions of kind state, with the postal code as slug."""
    return [
        Jurisdiction(slug=code, name=name, kind=JurisdictionKind.STATE, state=code, parent=None)
        for code, name in STATES.items()
    ]


def county_rows() -> dict[str, list[str]]:
    """The county table by slug, as text: the rows a content folder names become jurisdictions
    (`county`), the others stay rows, so a load pays for reading the table (about 10 ms) and not for
    3,229 records it mostly does not use."""
    with COUNTIES.open(encoding="utf-8", newline="") as rows:
        reader = csv.reader(rows)
        if next(reader) != COLUMNS:
            raise ValueError(f"{COUNTIES} does not have the columns {', '.join(COLUMNS)}")
        return {row[1]: row for row in reader}


def county(row: list[str]) -> Jurisdiction:
    """One row of the county table as a jurisdiction: `wake-county-nc`, `baltimore-city-md`."""
    fips, slug, name, kind, state, lat, lon = row
    return Jurisdiction(
        slug=slug,
        name=name,
        kind=JurisdictionKind(kind),
        state=state,
        parent=None,
        lat=float(lat),
        lon=float(lon),
        fips=fips,
    )


def county_jurisdictions() -> list[Jurisdiction]:
    """Every county and county equivalent, in FIPS order."""
    return [county(row) for row in county_rows().values()]


def builtin_jurisdictions() -> dict[str, Jurisdiction]:
    """The states and the counties by slug."""
    return {j.slug: j for j in state_jurisdictions() + county_jurisdictions()}


def extended(builtin: Jurisdiction, entry: Jurisdiction) -> Jurisdiction:
    """A file's entry for a built-in county: its fields win, the county keeps its FIPS code, and its
    coordinates stand where the entry gives none."""
    if entry.lat is not None:
        return dataclasses.replace(entry, fips=builtin.fips)
    return dataclasses.replace(entry, fips=builtin.fips, lat=builtin.lat, lon=builtin.lon)

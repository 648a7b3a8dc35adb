"""The places the hub knows without a jurisdiction file: the states, and every county and county
equivalent from the Census Bureau's list, and how a jurisdiction file's entry extends one of them.

Reads `data/counties.csv` (made once by `data/make_counties.py`; see `data/SOURCE.md`); writes nothing.
The table is read once per load of the content folder (about 10 ms for its 3,229 rows), never at import
time, so nothing is held between builds.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from hub_model import STATES, Jurisdiction, JurisdictionKind

COUNTIES = Path(__file__).resolve().parent / "data" / "counties.csv"


def state_jurisdictions() -> list[Jurisdiction]:
    """The built-in jurisdictions of kind state, with the postal code as slug."""
    return [
        Jurisdiction(slug=code, name=name, kind=JurisdictionKind.STATE, state=code, parent=None)
        for code, name in STATES.items()
    ]


def county_jurisdictions() -> list[Jurisdiction]:
    """Every county and county equivalent, in FIPS order: `wake-county-nc`, `baltimore-city-md`."""
    with COUNTIES.open(encoding="utf-8", newline="") as rows:
        return [
            Jurisdiction(
                slug=row["slug"],
                name=row["name"],
                kind=JurisdictionKind(row["kind"]),
                state=row["state"],
                parent=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                fips=row["fips"],
            )
            for row in csv.DictReader(rows)
        ]


def builtin_jurisdictions() -> dict[str, Jurisdiction]:
    """The states and the counties by slug."""
    return {j.slug: j for j in state_jurisdictions() + county_jurisdictions()}


def extended(builtin: Jurisdiction, entry: Jurisdiction) -> Jurisdiction:
    """A file's entry for a built-in county: its fields win, the county keeps its FIPS code, and its
    coordinates stand where the entry gives none."""
    if entry.lat is not None:
        return dataclasses.replace(entry, fips=builtin.fips)
    return dataclasses.replace(entry, fips=builtin.fips, lat=builtin.lat, lon=builtin.lon)

"""Rows of the open data: plain dicts built from the content graph, one function per file.

Reads the `Site` graph; writes nothing. Every value is ready for JSON (str, int, float, bool, None, lists
and dicts of those), dates are "YYYY-MM-DD", and every list has a fixed order, so the same content always
gives the same rows. Field meanings are documented in docs/DATA.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from hub_model import (
    Adoption,
    AdoptionStatus,
    BriefDetails,
    Document,
    Moment,
    OrdinanceDetails,
    Preemption,
    Site,
    StoryDetails,
    named_jurisdictions,
)

Row = dict[str, Any]

ADOPTION_COLUMNS = (
    "ordinance",
    "ordinance_title",
    "ordinance_url",
    "jurisdiction",
    "jurisdiction_name",
    "state",
    "kind",
    "status",
    "date",
    "citation",
    "url",
    # Added later, so at the end: a consumer reading the first columns by position keeps working.
    "effective",
    "number",
    "sponsors",
    "vote",
    "notes",
    "provisions",
)
SPONSORS_SEPARATOR = "; "  # a CSV cell holds one value: the names, joined
# The coded provisions in one CSV cell: `section-3=changed;section-5=omitted`. An anchor is a heading's
# slug (a-z, 0-9 and '-'), so neither separator can occur inside one.
PROVISION_SEPARATOR, PROVISION_EQUALS = ";", "="
PREEMPTION_COLUMNS = (
    "state",
    "state_name",
    "law",
    "issues",
    "status",
    "enacted",
    "effective",
    "expires",
    "repealed",
    "url",
    "summary",
    "notes",
)
ISSUES_SEPARATOR = "; "


def absolute_base(siteurl: str) -> str | None:
    """SITEURL without its trailing slash if it is an absolute http(s) address, else None."""
    parts = urlsplit(siteurl)
    return siteurl.rstrip("/") if parts.scheme in ("http", "https") and parts.netloc else None


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def document_rows(site: Site, base: str | None = None) -> list[Row]:
    """Every document, newest first; `permalink` only when `base` (an absolute SITEURL) is given."""
    return [_document(site, doc, base) for doc in site.documents]


def _document(site: Site, doc: Document, base: str | None) -> Row:
    row: Row = {
        "type": doc.type.name,
        "slug": doc.slug,
        "url": doc.url,
        "title": doc.title,
        "summary": doc.summary,
        "date": iso(doc.date),
        "updated": iso(doc.updated),
        "issues": list(doc.issues),
        "jurisdictions": list(doc.jurisdictions),
        "states": sorted({site.jurisdictions[s].state for s in named_jurisdictions(doc)}),
        "authors": [site.network.person(name).name for name in doc.authors],  # names, not slugs
        "sources": [
            {"title": s.title, "publisher": s.publisher, "date": iso(s.date), "url": s.url}
            for s in doc.sources
        ],
    }
    if base is not None:
        row["permalink"] = f"{base}/{doc.url}"
    row["translations"] = [_translation(t, base) for t in site.translations_of(doc)]
    details = doc.details
    if isinstance(details, OrdinanceDetails):
        row["kind"] = details.kind.value
        row["adoption_count"] = sum(a.status is AdoptionStatus.ADOPTED for a in details.adoptions)
    elif isinstance(details, BriefDetails):
        row.update(partners=[site.network.partner(p).name for p in details.partners], file=details.file)
    elif isinstance(details, StoryDetails):
        people = [{"name": p.name, "role": p.role, "jurisdiction": p.jurisdiction} for p in details.people]
        row.update(people=people, video=details.video)
    return row


def _translation(doc: Document, base: str | None) -> Row:
    """A document's translation as its original's row lists it: its own words and address."""
    row: Row = {"lang": doc.lang, "url": doc.url, "title": doc.title, "summary": doc.summary}
    row["updated"] = iso(doc.updated)
    if base is not None:
        row["permalink"] = f"{base}/{doc.url}"
    return row


def adoption_fields(site: Site, adoption: Adoption) -> Row:
    """Every published field of one adoption and of its place, by column name (sponsors a list).

    Both the site-wide files and each model's own files take their rows from here, in their own column
    order, so the two can never say different things about one adoption.
    """
    place = site.jurisdictions[adoption.jurisdiction]
    return {
        "jurisdiction": place.slug,
        "jurisdiction_name": place.name,
        "state": place.state,
        "kind": place.kind.value,
        "status": adoption.status.value,
        "date": iso(adoption.date),
        "effective": iso(adoption.effective),
        "number": adoption.number,
        "citation": adoption.citation,
        "sponsors": [site.network.person(name).name for name in adoption.sponsors],
        "vote": adoption.vote,
        "url": adoption.url,
        "notes": adoption.notes,
        "provisions": {anchor: status.value for anchor, status in adoption.provisions},
    }


def csv_row(row: Row) -> Row:
    """A JSON row as a CSV row: the sponsors, and the provisions as `anchor=status` pairs, each joined into
    one cell (empty when there are none)."""
    provisions = (f"{anchor}{PROVISION_EQUALS}{status}" for anchor, status in row["provisions"].items())
    return {
        **row,
        "sponsors": SPONSORS_SEPARATOR.join(row["sponsors"]) or None,
        "provisions": PROVISION_SEPARATOR.join(provisions) or None,
    }


def adoption_rows(site: Site) -> list[Row]:
    """One row per adoption of every ordinance, by ordinance slug, then state, then jurisdiction name."""
    rows = []
    for doc in site.documents:
        if not isinstance(doc.details, OrdinanceDetails):
            continue
        for adoption in doc.details.adoptions:
            fields = {"ordinance": doc.slug, "ordinance_title": doc.title, "ordinance_url": doc.url}
            fields.update(adoption_fields(site, adoption))
            rows.append({column: fields[column] for column in ADOPTION_COLUMNS})
    return sorted(
        rows,
        key=lambda r: (r["ordinance"], r["state"], r["jurisdiction_name"].casefold(), r["jurisdiction"]),
    )


def issue_rows(site: Site) -> list[Row]:
    """Every issue, in the site's order (by title), with its documents counted per type."""
    rows = []
    for issue in site.issues.values():
        documents = site.documents_on(issue)
        counts = {t.name: n for t in site.types if (n := sum(d.type is t for d in documents))}
        names = [{"lang": t.lang, "title": t.title, "summary": t.summary} for t in issue.translations]
        rows.append({"slug": issue.slug, "title": issue.title, "summary": issue.summary,
                     "url": issue.url, "counts": counts, "total": len(documents),
                     "translations": names})  # fmt: skip
    return rows


def jurisdiction_rows(site: Site) -> list[Row]:
    """Every jurisdiction with a page: states by postal code, each followed by its places by name.

    `parent` is null for states and for places directly in their state (even if written `parent: nc`).
    """
    return [
        {
            "slug": j.slug,
            "name": j.name,
            "kind": j.kind.value,
            "state": j.state,
            "parent": j.parent if j.parent != j.state else None,
            "lat": j.lat,
            "lon": j.lon,
            "fips": j.fips,
            "population": j.population,
            "population_year": j.population_year,
            "url": j.url,
            "document_count": len(site.documents_in(j)),
            "names": dict(j.names),
        }
        for j in site.jurisdictions_with_pages
    ]


def preemption_rows(site: Site) -> list[Row]:
    """Every preemption record: by state, in force first, then law (the site's order). Dates are
    written as precisely as they are known: `2017`, `2020-12` or `2020-12-01`."""
    return [_preemption(site, p) for p in site.preemptions]


def _preemption(site: Site, record: Preemption) -> Row:
    return {
        "state": record.state,
        "state_name": site.jurisdictions[record.state].name,
        "law": record.law,
        "issues": list(record.issues),
        "status": record.status.value,
        "enacted": _iso(record.enacted),
        "effective": _iso(record.effective),
        "expires": _iso(record.expires),
        "repealed": _iso(record.repealed),
        "url": record.url,
        "summary": record.summary,
        "notes": record.notes,
    }


def _iso(moment: Moment | None) -> str | None:
    return moment.iso if moment else None


def preemption_csv_row(row: Row) -> Row:
    """A JSON row as a CSV row: the issue slugs joined into one cell."""
    return {**row, "issues": ISSUES_SEPARATOR.join(row["issues"])}

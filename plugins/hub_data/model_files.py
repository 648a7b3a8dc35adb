"""One model ordinance's adoptions as open data: `<ordinance folder>/adoptions.csv` and `adoptions.json`.

Reads the `Site` graph; writes nothing itself (the generator writes the bytes through the output
registry, and encodes again only the files whose rows changed since the last build). The rows are those
of the "Adopted in" table on the ordinance's page, in its order (newest first, undated last), with every
field of an adoption but its enacted text's path (a content file, not published yet); the CSV goes
through the same encoder as `api/` (`formats.to_csv`: a cell a spreadsheet would read as a formula is
neutralised). Fields are documented in docs/DATA.md.
"""

from __future__ import annotations

from functools import partial

from hub_core.outputs import ADOPTIONS_CSV, ADOPTIONS_JSON
from hub_model import Document, OrdinanceDetails, Site

from .formats import Encoded, to_csv, to_json
from .rows import ADOPTION_COLUMNS, Row, adoption_fields, csv_row

COLUMNS = tuple(c for c in ADOPTION_COLUMNS if not c.startswith("ordinance"))
"""The site-wide columns without the ordinance's own: one file is about one ordinance."""


def adoption_rows(site: Site, ordinance: Document) -> list[Row]:
    """The ordinance's adoptions as rows for JSON (sponsors a list), newest first, undated last."""
    if not isinstance(ordinance.details, OrdinanceDetails):
        return []
    adoptions = sorted(ordinance.details.adoptions, key=lambda a: a.newest_first)
    return [_in_order(adoption_fields(site, adoption)) for adoption in adoptions]


def _in_order(fields: Row) -> Row:
    return {column: fields[column] for column in COLUMNS}


def model_files(site: Site, sitename: str) -> dict[str, Encoded]:
    """Both files of every ordinance with at least one adoption, by path relative to the output folder,
    each with its rows (SITENAME, the other value they print, is a setting)."""
    files: dict[str, Encoded] = {}
    for doc in site.documents:
        rows = adoption_rows(site, doc)
        if rows:
            files[doc.url + ADOPTIONS_CSV] = Encoded(rows, partial(_csv, rows))
            files[doc.url + ADOPTIONS_JSON] = Encoded(rows, partial(to_json, sitename, "adoptions", rows))
    return files


def _csv(rows: list[Row]) -> bytes:
    return to_csv(COLUMNS, [csv_row(r) for r in rows])

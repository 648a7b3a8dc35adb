"""The Pelican generator that writes the open-data files under `api/` from the content graph.

Reads the `Site` graph from `hub_content` and the SITENAME and SITEURL settings; writes the files listed
in `files()`, and each model ordinance's `adoptions.csv` and `adoptions.json` (model_files.py), into the
output folder: each claimed in the build's output registry while the site is read
(`generate_context`), so that another writer of one of these paths stops the build with both named, and
written through the registry afterwards.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_model import Site

from . import rows
from .formats import to_csv, to_json
from .model_files import model_files

WRITER = "hub_data"


def files(site: Site, sitename: str, siteurl: str) -> dict[str, bytes]:
    """Every open-data file, by path relative to the output folder, with its bytes."""
    adoptions = rows.adoption_rows(site)
    documents = rows.document_rows(site, rows.absolute_base(siteurl))
    preemptions = rows.preemption_rows(site)
    return {
        "api/documents.json": to_json(sitename, "documents", documents),
        "api/adoptions.csv": to_csv(rows.ADOPTION_COLUMNS, [rows.csv_row(r) for r in adoptions]),
        "api/adoptions.json": to_json(sitename, "adoptions", adoptions),
        "api/issues.json": to_json(sitename, "issues", rows.issue_rows(site)),
        "api/jurisdictions.json": to_json(sitename, "jurisdictions", rows.jurisdiction_rows(site)),
        "api/preemption.csv": to_csv(
            rows.PREEMPTION_COLUMNS, [rows.preemption_csv_row(r) for r in preemptions]
        ),
        "api/preemption.json": to_json(sitename, "preemption", preemptions),
    }


class DataGenerator(Generator):
    """Claims the open data once the graph exists; writes it with the other files of the site."""

    def generate_context(self) -> None:
        site, _settings = site_from(self.context)
        self.files = files(site, self.settings["SITENAME"], self.settings["SITEURL"])
        for name in self.files:
            outputs_of(self.context).claim(name, WRITER)
        # Each model's own adoption files, claimed with the ordinance they come from.
        sources = {doc.url: doc.source for doc in site.documents}
        for name, data in model_files(site, self.settings["SITENAME"]).items():
            outputs_of(self.context).claim(name, WRITER, sources[name.rsplit("/", 1)[0] + "/"])
            self.files[name] = data

    def generate_output(self, writer: Any) -> None:
        for name, data in self.files.items():
            outputs_of(self.context).write(name, data, WRITER)

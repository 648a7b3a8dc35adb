"""The Pelican generator that writes the open-data files under `api/` from the content graph.

Reads the `Site` graph from `hub_content` and the SITENAME and SITEURL settings; writes the files listed
in `files()` into the output folder. A file that already exists there (written by another plugin) stops
the build with its path named, instead of being overwritten.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_core.workers import write_new
from hub_model import Site

from . import rows
from .formats import to_csv, to_json

logger = logging.getLogger(__name__)


def files(site: Site, sitename: str, siteurl: str) -> dict[str, bytes]:
    """Every open-data file, by path relative to the output folder, with its bytes."""
    adoptions = rows.adoption_rows(site)
    documents = rows.document_rows(site, rows.absolute_base(siteurl))
    return {
        "api/documents.json": to_json(sitename, "documents", documents),
        "api/adoptions.csv": to_csv(rows.ADOPTION_COLUMNS, adoptions),
        "api/adoptions.json": to_json(sitename, "adoptions", adoptions),
        "api/issues.json": to_json(sitename, "issues", rows.issue_rows(site)),
        "api/jurisdictions.json": to_json(sitename, "jurisdictions", rows.jurisdiction_rows(site)),
    }


class DataGenerator(Generator):
    """Writes the open data; runs after ContentGenerator has put the graph into the context."""

    def generate_output(self, writer: Any) -> None:
        site, _settings = site_from(self.context)
        output = Path(self.output_path)
        for name, data in files(site, self.settings["SITENAME"], self.settings["SITEURL"]).items():
            outputs_of(self.context).claim(name, "hub_data")
            write_new(output / name, data, "hub_data")

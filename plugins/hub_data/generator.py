"""The Pelican generator that writes the open-data files under `api/` from the content graph, and the
page that lists them (`/data/`, one per language).

Reads the `Site` graph from `hub_content` and the SITENAME, SITEURL and HUB settings; writes the files
listed in `files()`, each model ordinance's `adoptions.csv` and `adoptions.json` (model_files.py) and the
data page (page.py) into the output folder: each claimed in the build's output registry while the site is
read (`generate_context`), so that another writer of one of these paths stops the build with both named,
and written through the registry afterwards. The data page is planned once the files' bytes are known,
so it prints their real sizes, and rendered by hub_pages' renderer in each language's templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_core.settings import languages_of, settings_of
from hub_core.views import PageView, view_parts
from hub_i18n import language_environment
from hub_model import Site
from hub_pages.editions import edition, with_alternates
from hub_pages.generator import chrome, description_in
from hub_pages.parallel import Edition, Pages, write_one

from . import rows
from .formats import to_csv, to_json
from .model_files import model_files
from .page import data_view

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
        outputs = outputs_of(self.context)
        for name in self.files:
            outputs.claim(name, WRITER)
        licence = settings_of(self.settings).hub.data_licence
        languages = languages_of(self.settings)
        planned = [data_view(site, self.files, licence, lang) for lang in ("", *languages[1:])]
        self.views: list[PageView] = [
            view_parts(self.context).complete(v) for v in with_alternates(planned, languages)
        ]
        for view in self.views:
            outputs.claim(view.path, WRITER)
        # Each model's own adoption files, claimed with the ordinance they come from.
        sources = {doc.url: doc.source for doc in site.documents}
        for name, data in model_files(site, self.settings["SITENAME"]).items():
            outputs.claim(name, WRITER, sources[name.rsplit("/", 1)[0] + "/"])
            self.files[name] = data

    def _edition(self, site: Site, lang: str) -> Edition:
        """How the page in `lang` is rendered, as hub_search's pages are: that language's templates, with
        the site's layout and description in that language (which Pelican's context gives in the site's)."""
        env = language_environment(self.env, self.theme, lang)
        env.globals.update(chrome(edition(site, lang), self.settings, None, lang))
        description = {"SITE_DESCRIPTION": description_in(self.settings, lang)}
        return Edition(lambda name: env.get_template(name + ".html"), description)

    def generate_output(self, writer: Any) -> None:
        for name, data in self.files.items():
            outputs_of(self.context).write(name, data, WRITER)
        site, _ = site_from(self.context)
        self.env.globals.update(chrome(site, self.settings))
        editions = {view.lang: self._edition(site, view.lang) for view in self.views if view.lang}
        pages = Pages(WRITER, self.get_template, self.context, Path(self.output_path), editions)
        for view in self.views:
            write_one(view, pages)

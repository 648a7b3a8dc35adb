"""The Pelican generator that writes the open-data files under `api/` from the content graph, and the
page that lists them (`/data/`, one per language).

Reads the `Site` graph from `hub_content` and the SITENAME, SITEURL and HUB settings; writes the files
listed in `encoded()`, each model ordinance's `adoptions.csv` and `adoptions.json` (model_files.py) and the
data page (page.py) into the output folder: each claimed in the build's output registry while the site is
read (`generate_context`), so that another writer of one of these paths stops the build with both named,
and written through the registry afterwards. The data page is planned once the files' sizes are known,
so it prints their real sizes, and rendered by hub_pages' renderer in each language's templates.

With the cache on, a file whose fingerprint matches the last build's record is that build's file,
hard-linked (hub_core/reuse.py). A data file's key is the rows it is encoded from (computing them is the
cheap part; encoding them as JSON or CSV is what costs) with the site-wide key (the hub's code, the
libraries, the theme's files, the settings: SITENAME and SITEURL among them); its size on the data page
is then the recorded size of the file taken. A data page's key is the one hub_pages gives every page
(its view, whose values hold those sizes, and what every page's layout shows), so an unchanged page is
linked without its templates being compiled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.context import PAGE_REUSE_KEY
from hub_core.outputs import OutputRegistry, outputs_of
from hub_core.reuse import FileReuse, file_reuse, site_key, value_digest
from hub_core.settings import languages_of, settings_of
from hub_core.views import PageView, view_parts
from hub_i18n import language_environment
from hub_model import Site
from hub_pages.editions import edition, with_alternates
from hub_pages.generator import chrome, description_in
from hub_pages.parallel import Edition, Pages, write_one

from . import rows
from .formats import Encoded, to_csv, to_json
from .model_files import model_files
from .page import data_view

WRITER = "hub_data"


def encoded(site: Site, sitename: str, siteurl: str) -> dict[str, Encoded]:
    """Every open-data file under `api/`, by path relative to the output folder, with its rows."""
    adoptions = rows.adoption_rows(site)
    documents = rows.document_rows(site, rows.absolute_base(siteurl))
    preemptions = rows.preemption_rows(site)
    issues, places = rows.issue_rows(site), rows.jurisdiction_rows(site)
    return {
        "api/documents.json": Encoded(documents, lambda: to_json(sitename, "documents", documents)),
        "api/adoptions.csv": Encoded(
            adoptions, lambda: to_csv(rows.ADOPTION_COLUMNS, [rows.csv_row(r) for r in adoptions])
        ),
        "api/adoptions.json": Encoded(adoptions, lambda: to_json(sitename, "adoptions", adoptions)),
        "api/issues.json": Encoded(issues, lambda: to_json(sitename, "issues", issues)),
        "api/jurisdictions.json": Encoded(places, lambda: to_json(sitename, "jurisdictions", places)),
        "api/preemption.csv": Encoded(
            preemptions,
            lambda: to_csv(rows.PREEMPTION_COLUMNS, [rows.preemption_csv_row(r) for r in preemptions]),
        ),
        "api/preemption.json": Encoded(preemptions, lambda: to_json(sitename, "preemption", preemptions)),
    }


class DataGenerator(Generator):
    """Claims the open data once the graph exists; writes it with the other files of the site."""

    def generate_context(self) -> None:
        site, _settings = site_from(self.context)
        self.reuse = file_reuse(self.context, WRITER)
        outputs = outputs_of(self.context)
        made = encoded(site, self.settings["SITENAME"], self.settings["SITEURL"])
        for name in made:
            outputs.claim(name, WRITER)
        # Each model's own adoption files, claimed with the ordinance they come from.
        sources = {doc.url: doc.source for doc in site.documents}
        models = model_files(site, self.settings["SITENAME"])
        for name in models:
            outputs.claim(name, WRITER, sources[name.rsplit("/", 1)[0] + "/"])
        self.files = _Files(self.reuse, self.context, self.theme, {**made, **models})
        licence = settings_of(self.settings).hub.data_licence
        languages = languages_of(self.settings)
        planned = [data_view(site, self.files.sizes, licence, lang) for lang in ("", *languages[1:])]
        self.views: list[PageView] = [
            view_parts(self.context).complete(v) for v in with_alternates(planned, languages)
        ]
        for view in self.views:
            outputs.claim(view.path, WRITER)

    def edition(self, site: Site, lang: str) -> Edition:
        """How the page in `lang` is rendered, as hub_search's pages are: that language's templates, with
        the site's layout and description in that language (which Pelican's context gives in the site's)."""
        env = language_environment(self.env, self.theme, lang)
        env.globals.update(chrome(edition(site, lang), self.settings, None, lang))
        description = {"SITE_DESCRIPTION": description_in(self.settings, lang)}
        return Edition(lambda name: env.get_template(name + ".html"), description)

    def generate_output(self, writer: Any) -> None:
        self.files.write(outputs_of(self.context), Path(self.output_path))
        pages = _LazyPages(self)
        page_reuse = self.context.get(PAGE_REUSE_KEY)  # hub_pages' (None when it reuses no page)
        for view in self.views:
            if self.reuse is None or page_reuse is None:
                write_one(view, pages.get())
                continue
            key = page_reuse.fingerprint(view)
            source = self.reuse.reusable(view.path, key)
            if source is not None:  # linked and announced as hub_pages does an unchanged page
                self.reuse.link(outputs_of(self.context), view.path, source, WRITER)
                pages.announce(view)
            else:
                write_one(view, pages.get())
                self.reuse.written(view.path, key, Path(self.output_path))
        if self.reuse is not None:
            self.reuse.save()


class _LazyPages:
    """How the data pages are rendered, made on first use: a cached rebuild that links every page
    compiles none of their templates (the largest part of what the data pages cost)."""

    def __init__(self, generator: DataGenerator) -> None:
        self.generator = generator
        self.made: Pages | None = None

    def get(self) -> Pages:
        if self.made is None:
            gen = self.generator
            site, _ = site_from(gen.context)
            gen.env.globals.update(chrome(site, gen.settings))
            editions = {view.lang: gen.edition(site, view.lang) for view in gen.views if view.lang}
            self.made = Pages(WRITER, gen.get_template, gen.context, Path(gen.output_path), editions)
        return self.made

    def announce(self, view: PageView) -> None:
        """As `Pages.announce`, without making the templates."""
        gen = self.generator
        Pages(WRITER, gen.get_template, gen.context, Path(gen.output_path)).announce(view)


class _Files:
    """The open-data files of this build: each one's bytes, encoded now, or the last build's file when it
    was encoded from the same rows; with every file's size, for the data page."""

    def __init__(
        self, reuse: FileReuse | None, context: Any, theme: str, planned: dict[str, Encoded]
    ) -> None:
        self.reuse = reuse
        self.made: dict[str, tuple[bytes | None, bytes]] = {}  # path -> (its key, its bytes)
        self.kept: dict[str, Path] = {}  # path -> the last build's file
        self.sizes: dict[str, int] = {}
        base = site_key(WRITER, context, theme) if reuse is not None else None
        for name, file in planned.items():
            key = base.copy().add(name).add_bytes(value_digest(file.values)).digest() if base else None
            source = reuse.reusable(name, key) if reuse is not None and key is not None else None
            if reuse is not None and source is not None:
                self.kept[name], self.sizes[name] = source, reuse.size(name)
            else:
                data = file.encode()
                self.made[name], self.sizes[name] = (key, data), len(data)

    def write(self, outputs: OutputRegistry, output: Path) -> None:
        for name, source in self.kept.items():
            if self.reuse is not None:
                self.reuse.link(outputs, name, source, WRITER)
        for name, (key, data) in self.made.items():
            outputs.write(name, data, WRITER)
            if self.reuse is not None and key is not None:
                self.reuse.written(name, key, output)

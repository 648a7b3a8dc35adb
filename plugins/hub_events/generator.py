"""The Pelican generator that plans the events listing in each language and writes every calendar file.

Reads the `Site` graph from `hub_content`, SITENAME, SITEURL, HUB_LANGUAGES and the site's gettext
catalogue; plans `/events/` and, for each other language, `/<lang>/events/` as views of kind LISTING
(template `events.html`: upcoming and past, from `view.events`), rendered by an environment speaking the
page's language (as hub_search renders its pages); claims, while the site is read, each event's
`events/<slug>/<slug>.ics`, the site's `events/calendar.ics` and each issue's `issues/<slug>/calendar.ics`
(one set, in the site's language, linked from every language's pages); writes them through the output
registry once every plugin has read the content.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hub_content import site_from
from hub_core.outputs import outputs_of
from hub_core.settings import languages_of
from hub_core.views import Inputs, Kind, PageView
from hub_model import N_, Document, Site, in_language
from hub_pages.editions import with_alternates
from hub_pages.planned import PlannedPagesGenerator

from .calendar import calendar
from .parts import LISTING, SITE_CALENDAR, event_calendar, issue_calendar

WRITER = "hub_events"
TEMPLATE = "events"
SITE_NAME = N_("%(site)s: events")
ISSUE_NAME = N_("%(site)s: events on %(issue)s")


class EventsGenerator(PlannedPagesGenerator):
    writer = WRITER

    def planned(self, site: Site) -> Iterable[PageView]:
        doc_type = next((t for t in site.types if t.own_listing and t.listed), None)
        if doc_type is None:
            return
        urls = tuple(d.url for d in site.events)
        languages = languages_of(self.settings)
        planned = [
            PageView(
                Kind.LISTING, in_language(lang, LISTING), TEMPLATE, doc_type,
                inputs=Inputs(urls, templates=(TEMPLATE,)), section=doc_type.name, lang=lang,
            )
            for lang in ("", *languages[1:])
        ]  # fmt: skip
        yield from with_alternates(planned, languages)

    def generate_context(self) -> None:
        super().generate_context()
        site, _ = site_from(self.context)
        self.calendars = dict(self._calendars(site))
        outputs = outputs_of(self.context)
        for path, (_, _, source) in self.calendars.items():
            outputs.claim(path, WRITER, source)

    def _calendars(self, site: Site) -> Iterable[tuple[str, tuple[str, tuple[Document, ...], str | None]]]:
        """Each calendar file: its path, its name, its events and the content file it comes from."""
        name = str(self.settings.get("SITENAME", ""))
        text = self._translations()
        for doc in site.events:
            yield event_calendar(doc), (doc.title, (doc,), self._source(doc.source))
        yield SITE_CALENDAR, (text.gettext(SITE_NAME) % {"site": name}, site.events, None)
        for issue in site.issues.values():
            title = text.gettext(ISSUE_NAME) % {"site": name, "issue": issue.title}
            yield issue_calendar(issue), (title, site.events_on(issue), self._source(issue.source))

    def _translations(self) -> Any:
        from hub_i18n import translations_for

        return translations_for(self.theme, self.settings.get("DEFAULT_LANG", "en"))

    def _source(self, file: str) -> str | None:
        from hub_core.outputs import source_of

        return source_of(file, self.path)

    def generate_output(self, writer: Any) -> None:
        self._write_pages()
        site_url = str(self.settings.get("SITEURL", ""))
        absolute = site_url.rstrip("/") if site_url.startswith("https://") else ""
        outputs = outputs_of(self.context)
        for path, (name, events, _) in self.calendars.items():
            pages = {d.url: f"{absolute}/{d.url}" if absolute else "" for d in events}
            outputs.write(path, calendar(name, events, absolute, pages), WRITER)

    def _write_pages(self) -> None:
        """Each listing in its own language: the site's environment, or one speaking the page's with the
        site's texts in it (an `Edition`, as hub_pages renders its own pages)."""
        from pathlib import Path

        from hub_i18n import language_environment
        from hub_pages import chrome
        from hub_pages.editions import edition
        from hub_pages.generator import description_in
        from hub_pages.parallel import Edition, Pages, write_one

        site, _ = site_from(self.context)
        self.env.globals.update(chrome(site, self.settings))
        editions = {}
        for lang in sorted({view.lang for view in self.views if view.lang}):
            env = language_environment(self.env, self.theme, lang)
            env.globals.update(chrome(edition(site, lang), self.settings, None, lang))
            get = lambda name, env=env: env.get_template(name + ".html")  # noqa: E731
            editions[lang] = Edition(get, {"SITE_DESCRIPTION": description_in(self.settings, lang)})
        pages = Pages(WRITER, self.get_template, self.context, Path(self.output_path), editions)
        for view in self.views:
            write_one(view, pages)

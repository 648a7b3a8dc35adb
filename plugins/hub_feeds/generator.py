"""The Pelican generator that writes the hub's Atom feeds from the content graph.

Reads the `Site` graph and the HUB settings from `hub_content`, SITEURL and SITENAME, `HUB_LANGUAGES`,
and the theme's `atom.xml` template, rendered in each feed's language (a language's feeds, under
`<lang>/feeds/`, list its translations and speak it). Claims every feed that `entries.feeds()` lists in
the build's output registry while the site is read (`generate_context`), naming the issue or
jurisdiction file it follows, and writes each through the registry afterwards, rendered as Pelican's
writer would.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of, source_of
from hub_core.settings import languages_of
from hub_i18n import language_environment

from .entries import Feed, Publisher, feeds

WRITER = "hub_feeds"


class FeedGenerator(Generator):
    """Claims every feed once the graph exists; writes them with the other files of the site."""

    def generate_context(self) -> None:
        site, settings = site_from(self.context)
        publisher = Publisher(url=self.settings.get("SITEURL", ""), name=self.settings["SITENAME"])
        self.languages = languages_of(self.settings)[1:]
        self.feeds = feeds(site, publisher, settings.feed_size, self.languages)
        outputs = outputs_of(self.context)
        for feed in self.feeds:
            outputs.claim(feed.path, WRITER, _source(feed, self.path))

    def generate_output(self, writer: Any) -> None:
        templates = {"": self.get_template("atom")}
        for lang in self.languages:
            templates[lang] = language_environment(self.env, self.theme, lang).get_template("atom.xml")
        outputs = outputs_of(self.context)
        for feed in self.feeds:
            outputs.render(feed.path, templates[feed.lang], self.context, WRITER, feed=feed)


def _source(feed: Feed, content: str) -> str | None:
    """The issue's or jurisdiction's file a feed follows; none for the site's and each type's."""
    return source_of(getattr(feed.subject, "source", ""), content)

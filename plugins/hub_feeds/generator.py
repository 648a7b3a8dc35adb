"""The Pelican generator that writes the hub's Atom feeds from the content graph.

Reads the `Site` graph and the HUB settings from `hub_content`, SITEURL and SITENAME, `HUB_LANGUAGES`,
and the theme's `atom.xml` template, rendered in each feed's language (a language's feeds, under
`<lang>/feeds/`, list its translations and speak it). Claims every feed that `entries.feeds()` lists in
the build's output registry while the site is read (`generate_context`), naming the issue or
jurisdiction file it follows, and writes each through the registry afterwards, rendered as Pelican's
writer would. With the cache on, a feed whose fingerprint matches the last build's record is that build's
file, hard-linked (hub_core/reuse.py), and is not rendered again: the key is the `Feed` itself (every
id, link, date, title, summary, author and category it prints, and its subject), with the site-wide key
(the hub's code, the libraries, every theme file, the atom.xml template and the catalogues among them,
and the settings: SITENAME, SITE_DESCRIPTION, DEFAULT_LANG). No date from the clock is printed: a
feed's `updated` comes from its documents, and which documents are published yet is in its entries.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of, source_of
from hub_core.reuse import file_reuse, site_key, value_digest
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
        self.templates: dict[str, Any] = {}
        outputs = outputs_of(self.context)
        for feed in self.feeds:
            outputs.claim(feed.path, WRITER, _source(feed, self.path))

    def generate_output(self, writer: Any) -> None:
        outputs = outputs_of(self.context)
        reuse = file_reuse(self.context, WRITER)
        if reuse is None:
            for feed in self.feeds:
                outputs.render(feed.path, self._template(feed.lang), self.context, WRITER, feed=feed)
            return
        base = site_key(WRITER, self.context, self.theme)
        for feed in self.feeds:
            key = base.copy().add_bytes(value_digest(feed)).digest()
            source = reuse.reusable(feed.path, key)
            if source is None:
                outputs.render(feed.path, self._template(feed.lang), self.context, WRITER, feed=feed)
                reuse.written(feed.path, key, Path(self.output_path))
            else:  # announced as a rendered feed is, so whoever follows written files sees it too
                target = reuse.link(outputs, feed.path, source, WRITER)
                local = {**self.context, "output_file": feed.path, "feed": feed}
                signals.content_written.send(os.path.abspath(target), context=local)
        reuse.save()

    def _template(self, lang: str) -> Any:
        """The atom.xml template in `lang` ("" the site's), loaded on first use: a rebuild that links
        every feed compiles none."""
        if lang not in self.templates:
            env = language_environment(self.env, self.theme, lang) if lang else None
            self.templates[lang] = env.get_template("atom.xml") if env else self.get_template("atom")
        return self.templates[lang]


def _source(feed: Feed, content: str) -> str | None:
    """The issue's or jurisdiction's file a feed follows; none for the site's and each type's."""
    return source_of(getattr(feed.subject, "source", ""), content)

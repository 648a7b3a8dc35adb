"""The Pelican generator that writes the hub's Atom feeds from the content graph.

Reads the `Site` graph and the HUB settings from `hub_content`, SITEURL and SITENAME, and the theme's
`atom.xml` template; writes every feed that `entries.feeds()` lists, through Pelican's writer (which
refuses two files at one path and sends `content_written`).
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from hub_content import site_from
from hub_core.outputs import outputs_of

from .entries import Publisher, feeds


class FeedGenerator(Generator):
    """Writes every feed; runs after ContentGenerator has put the graph into the context."""

    def generate_output(self, writer: Any) -> None:
        site, settings = site_from(self.context)
        publisher = Publisher(url=self.settings.get("SITEURL", ""), name=self.settings["SITENAME"])
        template = self.get_template("atom")
        for feed in feeds(site, publisher, settings.feed_size):
            outputs_of(self.context).claim(feed.path, "hub_feeds")
            writer.write_file(feed.path, template, self.context, feed=feed)

"""Render the planned views and write the pages, on every core, each file through the output registry.

Reads the views the page generator planned and the theme's templates; writes each page with
`OutputRegistry.write()` (or `.copy()`, a hard link to the last build's file), which takes only a path its
writer claimed and never replaces a file, in this process and in the forked one alike. Half the views go to
a forked copy of this process, which already holds the content graph and the compiled templates, so nothing
needs to be sent to it; this process then announces every page with `content_written`, carrying its view, so
every plugin that listens (the sitemap) sees every page. The bytes are the same as when one process writes
them all. With a `PageReuse`, pages rendered from the same inputs in the previous build are taken from it,
and only the others are rendered.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pelican import signals

from hub_core.outputs import outputs_of
from hub_core.views import VIEW, PageView
from hub_core.workers import cores, die_with_parent

from .reuse import PageReuse

log = logging.getLogger(__name__)
PARALLEL_FROM = 300  # fewer pages than this are written here: forking would cost more than it saves


@dataclass(frozen=True)
class Edition:
    """How the pages in one language are rendered: its templates, and the site-wide values that differ
    in it (SITE_DESCRIPTION, which Pelican's context would otherwise give in the site's language)."""

    get_template: Callable[[str], Any]
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Pages:
    """Who writes the pages and how: the writer's name in the registry, the templates, the context, and
    for each language (by `PageView.lang`, "" the site's own) its edition when it has one of its own."""

    writer: str
    get_template: Callable[[str], Any]
    context: Mapping[str, Any]
    output: Path
    editions: Mapping[str, Edition] = field(default_factory=dict)

    def render(self, view: PageView) -> str:
        """The page's text: the template with the site-wide context and the view's values, as Pelican's
        writer would render it."""
        # Without an edition for the view's language, `get_template` renders it (a caller rendering pages
        # of one language passes that language's templates).
        edition = self.editions.get(view.lang) or Edition(self.get_template)
        local = {
            **self.context,
            **edition.values,
            "localsiteurl": self.context.get("localsiteurl"),
            "output_file": view.path,
            **view.variables(),
        }
        return str(edition.get_template(view.template).render(local))

    def write(self, view: PageView, copy_from: Path | None = None) -> None:
        outputs = outputs_of(self.context)
        if copy_from is not None:  # a hard link keeps the size and time, so the next build can reuse it too
            outputs.copy(view.path, copy_from, self.writer)
        else:
            outputs.write(view.path, self.render(view), self.writer)

    def announce(self, view: PageView) -> None:
        context = {**self.context, "output_file": view.path, VIEW: view}
        signals.content_written.send(str(self.output / view.path), context=context)


def write_one(view: PageView, pages: Pages) -> None:
    """One page, here (the search page, the history pages)."""
    pages.write(view)
    pages.announce(view)


def write_all(views: Sequence[PageView], pages: Pages, reuse: PageReuse | None = None) -> None:
    # Two views never share a path: each was claimed in the build's OutputRegistry when it was planned.
    if reuse is None:
        _write(views, {}, pages)
        return
    prints = {view.path: reuse.fingerprint(view) for view in views}
    copies = {}  # page -> the last build's file, to be copied instead of rendered
    for view in views:
        source = reuse.reusable(view.path, prints[view.path])
        if source is not None:
            copies[view.path] = source
    _write(views, copies, pages)
    for view in views:
        if view.path in copies:
            reuse.kept(view.path)
        else:
            reuse.written(view.path, prints[view.path], pages.output)
    reuse.save()
    log.info("pages: %d rendered, %d unchanged since the last build", len(views) - len(copies), len(copies))


def _write(views: Sequence[PageView], copies: Mapping[str, Path], pages: Pages) -> None:
    """Render each view, or copy it from `copies`; half of them in a forked process when there are many."""
    if len(views) < PARALLEL_FROM or cores() < 2:
        mine, theirs = list(views), []
    else:
        mine, theirs = list(views[0::2]), list(views[1::2])
    helper = None
    if theirs:
        helper = get_context("fork").Process(target=_helper, args=(os.getpid(), theirs, copies, pages))
    if helper is not None:
        helper.start()
    try:
        _each(mine, copies, pages)
    finally:
        if helper is not None:
            helper.join()
    if helper is not None and helper.exitcode != 0:
        raise RuntimeError(f"writing pages in a second process failed (exit {helper.exitcode}); see above")
    for view in [*mine, *theirs]:
        pages.announce(view)


def _helper(parent: int, views: Sequence[PageView], copies: Mapping[str, Path], pages: Pages) -> None:
    die_with_parent(parent)  # a build killed midway must not leave it writing (and holding the output lock)
    _each(views, copies, pages)


def _each(views: Sequence[PageView], copies: Mapping[str, Path], pages: Pages) -> None:
    for view in views:
        pages.write(view, copies.get(view.path))

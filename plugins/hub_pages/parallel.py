"""Render the planned views and write the pages, on every core, each file through the output registry.

Reads the views the page generator planned and the theme's templates; writes each page with
`OutputRegistry.write()` (or `.copy()`, a hard link to the last build's file), which takes only a path its
writer claimed and never replaces a file, in this process and in the forked one alike. Half the views go to
a forked copy of this process, which already holds the content graph and the compiled templates, so nothing
needs to be sent to it. Each process completes its views with the other plugins' parts, fingerprints them
and renders or takes each page, then drops the completed view; the forked one replies with each page's
fingerprint and fate (a few bytes a page). This process then announces every page with `content_written`,
carrying its planned view, so every plugin that listens (the sitemap: its kind, subject and languages)
sees every page. The bytes are the same as when one process writes them all. With a `PageReuse`, pages
rendered from the same inputs in the previous build are taken from it, and only the others are rendered.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
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


Outcome = tuple[str, bytes | None, bool]
"""What became of one page: its path, its fingerprint (None without page reuse), and whether the last
build's file was taken."""


def write_all(
    views: Sequence[PageView],
    pages: Pages,
    reuse: PageReuse | None = None,
    complete: Callable[[PageView], PageView] | None = None,
) -> None:
    """Write every view; `complete` adds the other plugins' parts to a planned view first.

    Each view is completed, fingerprinted, and then rendered or taken from the last build in the process
    that writes it, half of them in a forked one: completing and fingerprinting cost more than writing
    in a cached build, and the completed view (its head, map, toolkit) is dropped once its page is
    written, so the views this build keeps stay as planned. Every page is announced with its planned view.
    """
    # Two views never share a path: each was claimed in the build's OutputRegistry when it was planned.
    outcomes = _write(views, pages, reuse, complete or _as_planned)
    if reuse is None:
        return
    for path, fingerprint, copied in outcomes:
        if copied:
            reuse.kept(path)
        elif fingerprint is not None:
            reuse.written(path, fingerprint, pages.output)
    reuse.save()
    taken = sum(1 for _, _, copied in outcomes if copied)
    log.info("pages: %d rendered, %d unchanged since the last build", len(outcomes) - taken, taken)


def _as_planned(view: PageView) -> PageView:
    return view


def _write(
    views: Sequence[PageView],
    pages: Pages,
    reuse: PageReuse | None,
    complete: Callable[[PageView], PageView],
) -> list[Outcome]:
    """Write each view here, or half of them in a forked process when there are many."""
    if len(views) < PARALLEL_FROM or cores() < 2:
        mine, theirs = list(views), []
    else:
        mine, theirs = list(views[0::2]), list(views[1::2])
    helper, results = None, None
    if theirs:
        results, sender = get_context("fork").Pipe(duplex=False)
        job = (theirs, pages, reuse, complete)
        helper = get_context("fork").Process(target=_helper, args=(os.getpid(), job, sender))
        helper.start()
        sender.close()  # only the helper holds it now: its exit ends the pipe
    outcomes: list[Outcome] = []
    try:
        outcomes = _each(mine, pages, reuse, complete)
        if results is not None:
            # Read before join: a large reply fills the pipe. No reply (EOFError): it failed, and its
            # exit code says so below.
            with contextlib.suppress(EOFError):
                outcomes += results.recv()
    except BaseException:
        if helper is not None:  # its reply will never be read: it would wait for ever to send it
            helper.kill()
        raise
    finally:
        if helper is not None:
            helper.join()
        if results is not None:
            results.close()
    if helper is not None and helper.exitcode != 0:
        raise RuntimeError(f"writing pages in a second process failed (exit {helper.exitcode}); see above")
    for view in [*mine, *theirs]:
        pages.announce(view)
    return outcomes


def _helper(parent: int, job: tuple[Any, ...], replies: Connection) -> None:
    die_with_parent(parent)  # a build killed midway must not leave it writing (and holding the output lock)
    replies.send(_each(*job))
    replies.close()


def _each(
    views: Sequence[PageView],
    pages: Pages,
    reuse: PageReuse | None,
    complete: Callable[[PageView], PageView],
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for view in views:
        view = complete(view)
        fingerprint = reuse.fingerprint(view) if reuse is not None else None
        source = reuse.reusable(view.path, fingerprint) if reuse and fingerprint is not None else None
        pages.write(view, source)
        outcomes.append((view.path, fingerprint, source is not None))
    return outcomes

"""Render and write pages on every core.

Reads the render jobs the page generator queued (output name, template, values); writes the pages.
Half the jobs go to a forked copy of this process, which already holds the content graph and the
compiled templates, so nothing needs to be sent to it; this process writes the other half through
Pelican's writer and then announces the copy's pages with `content_written`, so every plugin that
listens (the sitemap) sees every page. The bytes are the same as when one process writes them all.
With a `PageReuse`, pages rendered from the same inputs in the previous build are copied from it first,
and only the others are rendered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pelican import signals

from hub_core.workers import cores

from .reuse import PageReuse, copy_page

log = logging.getLogger(__name__)
PARALLEL_FROM = 300  # fewer pages than this are written here: forking would cost more than it saves


@dataclass(frozen=True)
class Job:
    name: str
    template: str
    values: Mapping[str, Any]


def write_all(
    jobs: Sequence[Job],
    writer: Any,
    get_template: Callable[[str], Any],
    context: Mapping[str, Any],
    output: Path,
    reuse: PageReuse | None = None,
) -> None:
    # Two jobs never share a path: each was claimed in the build's OutputRegistry when it was queued.
    pages = _Pages(writer, get_template, context, output)
    if reuse is None:
        _write(jobs, {}, pages)
        return
    prints = {job.name: reuse.fingerprint(job.name, job.template, job.values) for job in jobs}
    copies = {}  # page -> the last build's file, to be copied instead of rendered
    for job in jobs:
        source = reuse.reusable(job.name, prints[job.name])
        if source is not None:
            copies[job.name] = source
    _write(jobs, copies, pages)
    for job in jobs:
        if job.name in copies:
            reuse.kept(job.name)
        else:
            reuse.written(job.name, prints[job.name], output)
    reuse.save()
    log.info("pages: %d rendered, %d unchanged since the last build", len(jobs) - len(copies), len(copies))


@dataclass(frozen=True)
class _Pages:
    """Where and how pages are written: Pelican's writer here, the same templates in the fork."""

    writer: Any
    get_template: Callable[[str], Any]
    context: Mapping[str, Any]
    output: Path

    def announce(self, job: Job) -> None:
        signals.content_written.send(str(self.output / job.name), context={**self.context, **job.values})


def _write(jobs: Sequence[Job], copies: Mapping[str, Path], pages: _Pages) -> None:
    """Render each job, or copy it from `copies`; half of them in a forked process when there are many."""
    if len(jobs) < PARALLEL_FROM or cores() < 2:
        _here(jobs, copies, pages)
        return
    mine, theirs = list(jobs[0::2]), list(jobs[1::2])
    helper = get_context("fork").Process(target=_render, args=(theirs, copies, pages))
    helper.start()
    try:
        _here(mine, copies, pages)
    finally:
        helper.join()
    if helper.exitcode != 0:
        raise RuntimeError(f"writing pages in a second process failed (exit {helper.exitcode}); see above")
    for job in theirs:
        pages.announce(job)


def _here(jobs: Sequence[Job], copies: Mapping[str, Path], pages: _Pages) -> None:
    for job in jobs:
        if job.name in copies:
            copy_page(copies[job.name], pages.output / job.name)
            pages.announce(job)
        else:  # Pelican's writer announces the page itself
            pages.writer.write_file(job.name, pages.get_template(job.template), pages.context, **job.values)


def _render(jobs: Sequence[Job], copies: Mapping[str, Path], pages: _Pages) -> None:
    """In the forked process: the same rendering Pelican's writer does, without its bookkeeping."""
    for job in jobs:
        path = pages.output / job.name
        if job.name in copies:
            copy_page(copies[job.name], path)
            continue
        local = {
            **pages.context,
            "localsiteurl": pages.context.get("localsiteurl"),
            "output_file": job.name,
            **job.values,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages.get_template(job.template).render(local), encoding="utf-8")

"""What the devserver watches and how a save is told: the content folder, theme/, plugins/ and the
settings files, watched with watchfiles.

Reads file-system events; writes nothing. The events of one save (write, rename, touch) are grouped, and
the group ends once the files were quiet for a moment.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import watchfiles

from hub_content.errors import display_path

from .rebuilds import PLUGINS, POLL

PROJECT = PLUGINS.parent
DEBOUNCE_MS = 1600  # the events of one save (write, rename, touch) are grouped for at most this long...
STEP_MS = 100  # ...and the group ends once the files were quiet this long: then one build runs

Save = set[tuple[watchfiles.Change, str]]
"""The files one save changed: (what happened, path)."""


def watched_paths(settings: Path, content: Path) -> list[Path]:
    """The content folder, theme/ and plugins/, and the settings files (the .py files beside `settings`)."""
    folders = [content.resolve(), PROJECT / "theme", PLUGINS]
    files = [settings.resolve(), *sorted(settings.resolve().parent.glob("*.py"))]
    unique = dict.fromkeys(p for p in [*folders, *files] if p.exists())
    return list(unique)


def saves(paths: list[Path], output: Path, stop: threading.Event) -> Iterator[Save]:
    """The changes of each save in `paths` (outside `output`), and an empty set every POLL seconds meanwhile.

    Ends when `stop` is set.
    """
    return watchfiles.watch(
        *paths,
        watch_filter=watchfiles.DefaultFilter(ignore_paths=[str(output.resolve())]),
        debounce=DEBOUNCE_MS,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=int(POLL * 1000),
        yield_on_timeout=True,
        raise_interrupt=False,
    )


def describe(changed: Save) -> str:
    """The line printed for a save: the first three files changed, and how many more."""
    names = sorted({display_path(path) for _, path in changed})
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"changed: {', '.join(names[:3])}{more}"

"""hub_history: the change history of each ordinance, taken from git.

Reads: the `Site` graph from `hub_content`, the content folder's git history (three git processes for
the whole site, whatever its size: see `repository.py`) and each ordinance's working copy. Writes: each
ordinance page's `view.history` (a `DocumentHistory`, added to its view by `parts.history_part`), which
`theme/templates/history_summary.html` prints (last updated, the latest changes); and
`/ordinances/<slug>/history/`, planned as a view of kind HISTORY (template `history.html`): every version
with a diff of the model text from the one before it, within bounds that keep a page of a hostile history
to a few megabytes (`diff.VERSION_ROOM`, `views.PAGE_ROOM`, `views.MAX_VERSIONS`).

Outside a git checkout, or without git, the build still completes: it logs that history is not available
(once, at INFO under the `hub_history` logger), the pages say so, and no history page is written.
Uncommitted edits show as the newest version, "Not yet committed", with no date, so the output depends on
the commit and the files alone. Needs `hub_pages` (for the page chrome and the renderer) in PLUGINS.

Each version is listed with its commit's day and its `Change-note:` trailer (else "Revised", or "Minor
edit" for `Minor-edit: yes`), never the commit's subject; "Last updated" is the document's own `updated`
(else `date`), the date at the top of its page.

Modules: `repository.py` and `gitlog.py` (git), `diff.py` (the diffs), `views.py` (each ordinance's
versions), `build.py` (the build's history, read once), `parts.py` (the views), `generator.py` (the
Pelican generator), `freshness.py` (`make check`'s warning when git knows of a change after `updated`).
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import HistoryGenerator

    return HistoryGenerator


def _install(generator: Any) -> None:
    """Every document page's view gets its history (once per build: this runs for every generator)."""
    from hub_core.views import view_parts

    from .parts import history_part

    parts = view_parts(generator.context)
    if "hub_history" not in parts:
        parts.add("hub_history", history_part(generator.context))


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)

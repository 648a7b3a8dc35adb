"""hub_history: "Last updated" and the change history of each ordinance, taken from git.

Reads: the `Site` graph from `hub_content`, the content folder's git history (three git processes for
the whole site, whatever its size: see `repository.py`) and each ordinance's working copy. Writes: the
`SiteHistory` into Pelican's context, which `theme/templates/history_summary.html` prints on each
ordinance's page (last updated, the latest changes); and `/ordinances/<slug>/history/` (template
`history.html`): every version with a diff of the model text from the one before it, within bounds that
keep a page of a hostile history to a few megabytes (`diff.VERSION_ROOM`, `views.PAGE_ROOM`,
`views.MAX_VERSIONS`).

Outside a git checkout, or without git, the build still completes: it logs that history is not available
(once, at INFO under the `hub_history` logger), the pages say so, and no history page is written.
Uncommitted edits show as the newest version, "Not yet committed", with no date, so the output depends on
the commit and the files alone. Needs `hub_pages` (for the page chrome) in PLUGINS.
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import HistoryGenerator

    return HistoryGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)

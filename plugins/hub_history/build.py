"""This build's history of the ordinances, read from git once, when it is first needed.

Reads the `Site` graph from `hub_content`, the content folder (Pelican's PATH), its git history
(`repository.py`: three git processes for the whole site) and the `HUB_HISTORY` setting. Writes the
`SiteHistory` into the build's context under `HISTORY_KEY`, where the view part (parts.py), the generator
and page reuse find it. hub_pages plans and completes the ordinances' views before this plugin's
generator runs (PLUGINS order), so whichever asks first reads it: usually the view part, while hub_pages
plans the pages. Without git history (outside a checkout, without git, or with `HUB_HISTORY = False`,
which runs no git at all) it logs that once, at INFO under its own logger (hub_build fails a build on any
warning under "pelican").
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from hub_content import site_from
from hub_core.context import HISTORY_KEY
from hub_core.settings import settings_of
from hub_model import Document

from .repository import Unavailable, read_history
from .views import MAX_VERSIONS, SiteHistory, has_history, site_history, unavailable

logger = logging.getLogger("hub_history")


def history_of(context: MutableMapping[str, Any]) -> SiteHistory:
    """The build's `SiteHistory`, read the first time it is asked for and kept in the build's context."""
    found = context.get(HISTORY_KEY)
    if not isinstance(found, SiteHistory):
        site, _ = site_from(context)
        documents = [d for d in site.documents if has_history(d)]
        found = context[HISTORY_KEY] = read(Path(context["PATH"]), documents, settings_of(context).history)
    return found


def read(content: Path, documents: list[Document], enabled: bool) -> SiteHistory:
    """The history of `documents`, from the git history of the `content` folder."""
    if not documents:
        return unavailable(())  # nothing to ask git about
    paths = {d.url: Path(d.source).relative_to(content).as_posix() for d in documents}
    found = (
        read_history(content, paths.values(), MAX_VERSIONS + 1)  # the oldest listed is compared too
        if enabled
        else Unavailable("HUB_HISTORY is False")
    )
    if isinstance(found, Unavailable):
        logger.info("History is not available for this build: %s", found.reason)
        return unavailable(documents)
    if found.shallow:
        logger.info("The content is in a shallow clone: the oldest versions are missing from history")
    return site_history(documents, paths, found, lambda d: Path(d.source).read_bytes())

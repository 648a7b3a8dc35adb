"""hub_digest: a newsletter digest of what the site published, as an email and as pages of the site.

Reads: the `Site` graph from `hub_content` (its documents, issues, `digests` and, once the graph has them,
`events`). Writes, in a build: `/digests/` (the archive, newest first, written even when empty) and
`/digests/<name>/` for each record in `content/digests/`, planned as views of kind DIGESTS and DIGEST
(templates `digests.html`, `digest.html`). From the command line (`make digest`, command.py): the email's
HTML and plain-text parts (mail.py, templates in `plugins/hub_digest/templates/`) and the digest's
record. The hub sends nothing and tracks nobody: no pixel, no query string on any link.

Modules: `select.py` (what a digest shows, the one rule), `mail.py` (the email), `command.py` (the
command), `parts.py` (the views), `generator.py` (the Pelican generator).
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import DigestGenerator

    return DigestGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)

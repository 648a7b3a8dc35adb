"""hub_digest's page views: the archive of digests, `/digests/`, and one page per digest.

Reads the `Site` graph (its `digests`, each read from `content/digests/<name>.yaml` by hub_content, and
the documents `select()` chooses for each); writes nothing (the generator renders the views through
hub_pages' renderer). A digest's page shows the same documents as its email, from the same rule, with
the site's own templates and stylesheet: the email's inline styles never reach the site, whose
Content-Security-Policy allows no inline style. The archive is written even before any digest exists,
so the address a site links to never breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hub_core.outputs import source_of
from hub_core.views import Inputs, Kind, PageView, Values
from hub_model import Digest, Site
from hub_model.digest import FOLDER

from .select import Selection, select

ARCHIVE = "digests"
PAGE = "digest"
SECTION = "digests"


@dataclass(frozen=True)
class Sent:
    """A digest with what it shows."""

    digest: Digest
    selection: Selection


@dataclass(frozen=True)
class ArchiveValues(Values):
    digests: tuple[Sent, ...]


@dataclass(frozen=True)
class DigestValues(Values):
    digest: Digest
    selection: Selection


def digest_views(site: Site, content: str | Path) -> Iterator[PageView]:
    """The archive, then each digest's page, newest first."""
    sent = tuple(Sent(d, select(site, d.since, d.until, d.issue)) for d in site.digests)
    yield PageView(
        Kind.DIGESTS,
        f"{FOLDER}/index.html",
        ARCHIVE,
        values=ArchiveValues(sent),
        inputs=_inputs(ARCHIVE, *(s.selection for s in sent)),
        section=SECTION,
    )
    for item in sent:
        yield PageView(
            Kind.DIGEST,
            f"{item.digest.url}index.html",
            PAGE,
            values=DigestValues(item.digest, item.selection),
            inputs=_inputs(PAGE, item.selection),
            section=SECTION,
            source=source_of(item.digest.source, content),
        )


def _inputs(template: str, *selections: Selection) -> Inputs:
    documents = tuple(dict.fromkeys(d.url for s in selections for d in s.documents))
    issues = tuple(dict.fromkeys(g.issue.slug for s in selections for g in s.groups))
    return Inputs(documents, issues=issues, templates=(template,))

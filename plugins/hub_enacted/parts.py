"""hub_enacted's page views: one page per adoption that has an enacted text, planned as a `PageView`.

Reads the `Site` graph, each such ordinance's Markdown file (its model text) and each enacted text under
the content folder (`adoption.text`, checked when the content was read: an existing `.md` file under
`enacted/`, UTF-8 without hidden characters); writes nothing (the generator renders the views through
hub_pages' renderer). `enacted_views()` plans `/<ordinance>/enacted/<jurisdiction>/` (kind ENACTED,
template `enacted.html`, which prints its `EnactedValues`), the address the model's "Adopted in" table
links (`AdoptionRow.enacted_url`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hub_content import chars
from hub_core.outputs import source_of
from hub_core.views import Inputs, Kind, PageView, Values
from hub_history.diff import model_text
from hub_model import Adoption, Document, Jurisdiction, Site
from hub_pages.views import AdoptionRow, adoption_rows

from .compare import Comparison, compare

TEMPLATE = "enacted"


@dataclass(frozen=True)
class EnactedValues(Values):
    """What the page prints: the model, the adoption with its place, and the two texts compared."""

    ordinance: Document
    adoption: Adoption
    jurisdiction: Jurisdiction
    state: Jurisdiction
    comparison: Comparison


def enacted_views(site: Site, content: str | Path) -> Iterator[PageView]:
    """One view per adoption with an enacted text, model by model in the site's order, then by place."""
    root = Path(content)
    for doc in site.documents:
        rows = [r for r in adoption_rows(site, doc) if r.enacted_url and r.adoption.text]
        if not rows:
            continue
        model = model_text(Path(doc.source).read_text(encoding="utf-8"))
        for row in rows:
            yield _view(row, model, _lines((root / str(row.adoption.text)).read_bytes()), root)


def _view(row: AdoptionRow, model: tuple[str, ...], enacted: tuple[str, ...], root: Path) -> PageView:
    doc, place = row.ordinance, row.jurisdiction
    values = EnactedValues(doc, row.adoption, place, row.state, compare(model, doc.body_html, enacted))
    return PageView(
        Kind.ENACTED,
        f"{row.enacted_url}index.html",
        TEMPLATE,
        doc,
        values,
        # The model's text counts as its body; the enacted text is in the values, compared.
        Inputs((doc.url,), bodies=(doc.url,), jurisdictions=(place.slug, row.state.slug),
               templates=(TEMPLATE,)),
        section=doc.type.name,
        source=source_of(str(root / str(row.adoption.text)), root),
    )  # fmt: skip


def _lines(raw: bytes) -> tuple[str, ...]:
    """The enacted text's lines, read as hub_content read it (no byte-order mark, Unix line endings);
    what a content file may not hold, which the check already refused, shown as U+FFFD if it came back."""
    text = raw.decode("utf-8", "replace").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    body = chars.FORBIDDEN.sub("\ufffd", text).strip("\n")
    return tuple(body.split("\n")) if body else ()

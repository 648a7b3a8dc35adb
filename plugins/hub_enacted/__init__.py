"""hub_enacted: an adoption's enacted text beside its model, section by section.

Reads: the `Site` graph from `hub_content`, each ordinance's Markdown file and the enacted texts its
adoptions name (`text: enacted/<name>.md`). Writes: `/<ordinance>/enacted/<jurisdiction>/` for each
adoption with an enacted text, planned as a view of kind ENACTED (template `enacted.html`): both texts cut
at their headings, each enacted section paired with the model section it stands for (align.py), each
pair shown side by side with the words that changed marked (the history's diff, compare.py), each
section with the model's own anchor and a "link to this section" link; the model's "Adopted in" table
links the page from the adoption's row. Texts are shown as escaped text, never as markup. Needs
`hub_pages` (for the page chrome and the renderer) and uses `hub_history.diff` and
`hub_toolkit.sections` (the anchors) as libraries.

Modules: `split.py` (sections of a Markdown text), `align.py` (which section stands for which),
`compare.py` (the rows), `parts.py` (the views), `generator.py` (the Pelican generator).
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import EnactedGenerator

    return EnactedGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)

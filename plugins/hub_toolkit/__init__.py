"""hub_toolkit: the model-legislation toolkit on every ordinance's page.

Reads: the content graph (ordinances and their Markdown files), SITENAME, SITEURL, DEFAULT_LANG and the
theme's translations. Writes, for each ordinance and each translation of one (under its language's
prefix, `es/ordinances/<slug>/`, in its language): `/ordinances/<slug>/<slug>.docx` (Word, the same bytes
on every build), `<slug>.md` (the model text as written, under a title and source line), `<slug>.txt`
(plain text) and `cite.json` (CSL-JSON). It adds each ordinance's `Toolkit` to its page's view as
`view.toolkit` (parts.py): theme/templates/types/ordinance.html prints its model text (the body with
stable section anchors, "link to this section" links, marked `[PLACEHOLDER]`s and, with a table of
contents, a "Back to contents" link at each section's end), leads with theme/templates/take_home.html
("Take it home": the downloads, the form, the citation, the comparison, the adoption data) and includes
this plugin's templates `toolkit_before.html` (table of contents, "Adapt this text" with the fill-in form
that theme/static/js/fill.js enhances: values kept on the device, downloads filled in the browser, the
Word file by theme/static/js/docx.js) and `toolkit_after.html` (downloads and "Cite this"), which every
Jinja environment finds. List it after hub_pages in PLUGINS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _generators(_pelican: object) -> Any:
    from .generator import ToolkitGenerator

    return ToolkitGenerator


def _install(generator: Any) -> None:
    """Every ordinance's page view gets its toolkit (once per build: this runs for every generator), and
    every generator's environment finds our templates last, so a theme may override them."""
    from jinja2 import ChoiceLoader, FileSystemLoader

    from hub_core.views import view_parts

    from .parts import toolkit_part

    generator.env.loader = ChoiceLoader([generator.env.loader, FileSystemLoader(str(TEMPLATES))])
    parts = view_parts(generator.context)
    if "hub_toolkit" not in parts:
        parts.add("hub_toolkit", toolkit_part(generator.context, generator.theme))


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)

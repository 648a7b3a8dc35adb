"""hub_toolkit: the model-legislation toolkit on every ordinance's page.

Reads: the content graph (ordinances and their Markdown files), SITENAME, SITEURL, DEFAULT_LANG and the
theme's translations. Writes, for each ordinance: `/ordinances/<slug>/<slug>.docx` (Word, the same bytes
on every build), `<slug>.md` (the model text as written, under a title and source line), `<slug>.txt`
(plain text) and `cite.json` (CSL-JSON). Into every Jinja environment it installs the globals
`model_text(doc)` (the body with stable section anchors, "link to this section" links and marked
`[PLACEHOLDER]`s) and `toolkit(doc)`, and its own templates `toolkit_before.html` (stylesheet, table of
contents, "Adapt this text" with the fill-in form that theme/static/js/fill.js enhances) and
`toolkit_after.html` (downloads and "Cite this"), which theme/templates/document.html includes when the
plugin is enabled. List it after hub_pages in PLUGINS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _generators(_pelican: object) -> Any:
    from .generator import ToolkitGenerator

    return ToolkitGenerator


def _install(generator: Any) -> None:
    """Every generator renders templates: each environment gets the globals and finds our templates last,
    so a theme may override them."""
    from jinja2 import ChoiceLoader, FileSystemLoader

    from .template import model_text, toolkit

    generator.env.loader = ChoiceLoader([generator.env.loader, FileSystemLoader(str(TEMPLATES))])
    generator.env.globals["model_text"] = model_text
    generator.env.globals["toolkit"] = toolkit


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install)

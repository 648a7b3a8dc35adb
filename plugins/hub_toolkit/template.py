"""The Jinja globals of the toolkit: `model_text(doc)` and `toolkit(doc)`, and where they find their data.

Reads the toolkits that `ToolkitGenerator` put into Pelican's shared context (under `TOOLKITS_KEY`, by
page URL) and, when hub_images is enabled, its `sized_images` global; writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from hub_core.context import TOOLKITS_KEY
from hub_model import Document

from .toolkit import Toolkit


def toolkit_of(values: Context | Mapping[str, Any], doc: Document) -> Toolkit | None:
    return values.get(TOOLKITS_KEY, {}).get(doc.url)


@pass_context
def toolkit(context: Context, doc: Document) -> Toolkit | None:
    """The ordinance's toolkit (contents, placeholders, downloads, citation), None for other documents."""
    return toolkit_of(context, doc)


@pass_context
def model_text(context: Context, doc: Document) -> Markup:
    """The body with section anchors and marked placeholders, images sized as the `body` macro does."""
    kit = toolkit_of(context, doc)
    html = kit.html if kit else doc.body_html
    sized_images = context.environment.globals.get("sized_images")
    if callable(sized_images) and "hub_images" in context.get("PLUGINS", ()):
        html = sized_images(html)
    return Markup(html)  # safe: hub_content checked the body against its allow-list

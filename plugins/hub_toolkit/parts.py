"""hub_toolkit's part of the page views: each ordinance's page gets its toolkit as `view.toolkit`.

Reads the planned `PageView` and this build's toolkits (`generator.toolkits_of`: built once, the first
time a view asks); writes nothing. theme/templates/types/ordinance.html prints `view.toolkit.html` (the
model text with section anchors and marked placeholders, images sized by the theme's `body` macro like
any body) and includes `toolkit_before.html` and `toolkit_after.html`, which print the rest of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, MutableMapping
from typing import Any

from hub_core.views import Kind, PageView
from hub_model import Document

from .generator import toolkits_of


def toolkit_part(context: MutableMapping[str, Any], theme: str) -> Callable[[PageView], PageView]:
    """hub_toolkit's part of every view: an ordinance page's toolkit."""

    def add_toolkit(view: PageView) -> PageView:
        if view.kind is not Kind.DOCUMENT or not isinstance(view.subject, Document):
            return view
        kit = toolkits_of(context, theme).get(view.subject.url)
        return view if kit is None else dataclasses.replace(view, toolkit=kit)

    return add_toolkit

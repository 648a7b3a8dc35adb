"""The rule that a document stating findings names what they rest on.

Reads a document's rendered body and its converted `sources`; writes nothing. An ordinance or a brief
whose body has a heading with the word "findings" ("Section 1. Findings and Purpose", "Key findings")
and no `sources` gets a warning at the front matter's first line: `check --strict` refuses it.
"""

from __future__ import annotations

import re

from .errors import ContentError

NEEDS_SOURCES = ("ordinance", "brief")
"""The document types whose findings must be sourced (by type name, as in schemas.DOC_TYPES)."""

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_FINDINGS = re.compile(r"\bfindings?\b", re.IGNORECASE)


def has_findings(html: str) -> bool:
    """Whether a heading of the rendered body names findings (tags inside the heading ignored)."""
    return any(_FINDINGS.search(_TAG.sub("", match.group(2))) for match in _HEADING.finditer(html))


def unsourced_findings(path: str, type_name: str, html: str, sources: tuple) -> ContentError | None:
    """The warning for a document of a type that needs sources, with findings and none; else None."""
    if type_name not in NEEDS_SOURCES or sources or not has_findings(html):
        return None
    return ContentError(
        path,
        1,
        f"this {type_name} states findings but names no sources: add sources: a list of what they rest "
        "on, each with title: (and publisher:, date:, url: when known)",
    )

"""Markdown bodies: render to HTML and refuse anything that could run code or break the site's CSP.

Reads the Markdown text of one document; writes nothing. The check runs on the rendered HTML, not on the
source, so code samples (escaped by Markdown) are never flagged and attributes smuggled in through
Markdown syntax (`{: onclick=...}`, `[x](javascript:...)`) are. Each problem is traced back to the first
source line that contains it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from .errors import Problems

EXTENSIONS = ["extra", "sane_lists", "smarty", "toc"]
EXTENSION_CONFIGS = {
    # align="..." instead of style="text-align: ...", which a strict CSP would block.
    "tables": {"use_align_attribute": True},
    "toc": {"permalink": False},
}

ALLOWED_TAGS = frozenset(
    [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
        "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
        "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
        "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
    ]
)  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "xlink:href"})
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass
class Finding:
    needle: str
    message: str


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._add(
                "<script",
                "<script> is not allowed in a document: scripts would run in readers' browsers; remove it",
            )
        elif tag not in ALLOWED_TAGS:
            self._add(
                f"<{tag}",
                f"raw HTML <{tag}> is not allowed: use Markdown, or a tag from the "
                "allowed list in docs/CONTENT.md (for a placeholder, write [NAME])",
            )
        for name, value in attrs:
            self._check_attribute(name, value or "")

    handle_startendtag = handle_starttag

    def _check_attribute(self, name: str, value: str) -> None:
        if name.startswith("on"):
            self._add(name, f"the event attribute '{name}' is not allowed: it would run code; remove it")
        elif name in ("style", "srcdoc"):
            self._add(
                f"{name}=",
                f"the attribute '{name}' is not allowed (the site's Content-Security-"
                "Policy blocks inline styles): remove it",
            )
        elif name in URL_ATTRIBUTES:
            plain = _INVISIBLE.sub("", value).lower()
            scheme = _SCHEME.match(plain)
            if scheme and not plain.startswith(SAFE_SCHEMES):
                self._add(
                    scheme.group(0),
                    f"'{scheme.group(0)}' links are not allowed: link to an "
                    "https:// address or a page of this site",
                )

    def _add(self, needle: str, message: str) -> None:
        self.findings.append(Finding(needle, message))


class BodyRenderer:
    """One Markdown converter per process, reset between documents (building one is costly)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)

    def render(self, source: str, first_line: int, problems: Problems) -> str:
        html = self._md.reset().convert(source)
        scanner = _Scanner()
        scanner.feed(html)
        scanner.close()
        lines = source.lower().split("\n")
        searched_from: dict[str, int] = {}
        for finding in scanner.findings:
            index = _line_index(lines, finding.needle.lower(), searched_from.get(finding.needle, 0))
            searched_from[finding.needle] = index + 1
            problems.add(first_line + index, finding.message)
        return html


def _line_index(lines: list[str], needle: str, start: int) -> int:
    """The 0-based index of the next source line holding the needle, else of the first non-blank line.

    Searching on from the previous hit gives each of two identical problems its own line.
    """
    for index in range(start, len(lines)):
        if needle in lines[index]:
            return index
    return next((i for i, line in enumerate(lines) if line.strip()), 0)

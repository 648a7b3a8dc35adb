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
from pathlib import Path
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from .errors import Problems

# No "smarty": it doubles the time Markdown takes; staff can type curly quotes and dashes themselves.
EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTENSION_CONFIGS = {
    # align="..." instead of style="text-align: ...", which a strict CSP would block. Tables come in
    # through "extra", so their settings must be given there.
    "extra": {"tables": {"use_align_attribute": True}},
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
EMBEDDING_TAGS = frozenset({"img", "source", "video", "audio", "track", "input"})
STATIC_LINK = re.compile(r"^/?((?:images|files)/[^?#]+)")
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
        source = dict(attrs).get("src") or ""
        if tag in EMBEDDING_TAGS and source.lower().startswith(("http:", "https:", "//")):
            self._add(
                source,
                f"the {tag} comes from another site, which would see every reader: save it in the content "
                "folder's images/ and write images/name.jpg",
            )

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


class _StaticLinks(Treeprocessor):
    """Points `images/...` and `files/...` links at the site's static folders, relative to the page.

    Relative URLs keep working wherever the site is served from (a domain root or a sub-folder).
    """

    def __init__(self) -> None:
        super().__init__()
        self.prefix = ""
        self.found: list[str] = []

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("src", "href"):
                match = STATIC_LINK.match(element.get(attribute, ""))
                if match:
                    self.found.append(match.group(1))
                    element.set(attribute, self.prefix + element.get(attribute).lstrip("/"))


class BodyRenderer:
    """One Markdown converter per process, reset between documents (building one is costly).

    `root` is the content folder, against which links to `images/` and `files/` are checked.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self._links = _StaticLinks()
        self._md.treeprocessors.register(self._links, "hub_static_links", 0)

    def render(self, source: str, first_line: int, problems: Problems, depth: int) -> str:
        """HTML for a page `depth` folders below the site root; problems are reported at their lines."""
        self._links.prefix, self._links.found = "../" * depth, []
        html = self._md.reset().convert(source)
        scanner = _Scanner()
        scanner.feed(html)
        scanner.close()
        findings = scanner.findings + [
            Finding(path, f"the link to {path} points to a file that does not exist: add it to the "
                    f"content folder's {path.split('/')[0]}/ or correct the path")
            for path in self._links.found
            if not (self._root / path).is_file()
        ]  # fmt: skip
        lines = source.lower().split("\n")
        searched_from: dict[str, int] = {}
        for finding in findings:
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

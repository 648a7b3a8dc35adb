"""Markdown bodies: render to HTML, refuse anything outside the allow-list, publish only what it keeps.

Reads the Markdown text of one document; writes nothing. The check runs on the rendered HTML, not on the
source, so code samples (escaped by Markdown) are never flagged and attributes smuggled in through
Markdown syntax (`{: onclick=...}`, `[x](javascript:...)`) are. Each problem is traced back to the first
source line that contains it. The HTML returned is the sanitizer's output (`sanitize.clean`), never the
converter's own, and bodies too large or too deeply nested to convert quickly are refused before
Markdown sees them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import sanitize
from .allowlist import heading_id, static_path_problem
from .errors import Problems
from .sanitize import Finding

# No "smarty": it doubles the time Markdown takes; staff can type curly quotes and dashes themselves.
EXTENSIONS = ["extra", "sane_lists", "toc"]


def _heading_slug(value: str, separator: str) -> str:
    """toc's slug, kept clear of the ids the theme's pages use (`## Main` would be id="main" twice)."""
    return heading_id(slugify(value, separator))


EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # align="..." instead of style="text-align: ...", which a strict CSP would block. Tables come in
    # through "extra", so their settings must be given there.
    "extra": {"tables": {"use_align_attribute": True}},
    "toc": {"permalink": False, "slugify": _heading_slug},
}
STATIC_LINK = re.compile(r"^/?((?:images|files)(?:[/\\]|%2f|%5c)[^?#]*)", re.I)
SITE_LINK = re.compile(r"^/(?![/\\])")  # a page of this site, from its root (not `//host`)
MAX_BODY = 1_000_000  # characters: ten times the longest ordinance; beyond it Markdown takes seconds
MAX_NESTING = 40  # lists and quotes inside each other, in the source
MAX_BRACKETS = 64  # '[' or '(' open at once in one paragraph
_QUOTES = re.compile(r"(?:[ \t]*>)*")
_MARKERS = re.compile(r"(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*")
_FENCE = re.compile(r"[ \t]*(```|~~~)")
_BRACKET = re.compile(r"[\[\]()]")


class _StaticLinks(Treeprocessor):
    """Points `images/...` and `files/...` links at the site's static folders, and links from the site's
    root (`/ordinances/x/`) at those pages, relative to the page.

    Relative URLs keep working wherever the site is served from (a domain root or a sub-folder). A link
    that would leave its folder is left as written: the allow-list check reports it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.prefix = ""
        self.found: list[str] = []

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("src", "href"):
                value = element.get(attribute, "")
                match = STATIC_LINK.match(value)
                if not match:
                    if attribute == "href" and SITE_LINK.match(value):
                        # `/ordinances/x/` means this site's page wherever the site is served: the
                        # link checker then proves it exists.
                        element.set(attribute, (self.prefix + value[1:]) or "./")
                    continue
                if static_path_problem(match.group(1)):
                    continue  # reported by the allow-list check, which also sees links typed as HTML
                self.found.append(match.group(1))
                element.set(attribute, self.prefix + value.lstrip("/"))


class _Brackets(Treeprocessor):
    """Refuses paragraphs with brackets open too deep, before inline patterns run.

    python-markdown's link pattern scans ahead from every '[' (and every '(' after '](') to its match, so
    thousands of unclosed ones take minutes. Such text is kept out of inline parsing and reported.
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Finding] = []

    def run(self, root: Element) -> None:
        for element in root.iter():
            for slot in ("text", "tail"):
                text = getattr(element, slot)
                if not text or isinstance(text, AtomicString) or _bracket_depth(text) <= MAX_BRACKETS:
                    continue
                setattr(element, slot, AtomicString(text))
                needle = text.strip().split("\n")[0][:30]
                self.found.append(
                    Finding(
                        needle,
                        f"more than {MAX_BRACKETS} brackets '[' or '(' are open at once in this "
                        "paragraph: close them, or put the text in `code`",
                    )
                )


def _bracket_depth(text: str) -> int:
    deepest = square = round_ = 0
    for match in _BRACKET.finditer(text):
        char = match.group(0)
        if char == "[":
            square += 1
        elif char == "]":
            square = max(0, square - 1)
        elif char == "(":
            round_ += 1
        else:
            round_ = max(0, round_ - 1)
        deepest = max(deepest, square, round_)
    return deepest


def _leading(pattern: re.Pattern[str], text: str) -> str:
    """What `pattern` matches at the start of `text` ("" if nothing: the patterns above may match none)."""
    match = pattern.match(text)
    return match.group(0) if match else ""


def source_nesting(lines: list[str]) -> tuple[int, int]:
    """The deepest nesting of quotes and lists in the source, and its 0-based line (fences skipped)."""
    deepest, where, fenced = 0, 0, False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced:
            continue
        quotes = _leading(_QUOTES, line)
        rest = line[len(quotes) :].expandtabs(4)
        rest = rest[1:] if quotes and rest.startswith(" ") else rest  # the space after ">"
        body = rest.lstrip(" ")
        markers = _leading(_MARKERS, body)
        depth = quotes.count(">") + (len(rest) - len(body)) // 4 + len(markers.split())
        if depth > deepest:
            deepest, where = depth, index
    return deepest, where


class BodyRenderer:
    """One Markdown converter per process, reset between documents (building one is costly).

    `root` is the content folder, against which links to `images/` and `files/` are checked.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self._links = _StaticLinks()
        self._md.treeprocessors.register(self._links, "hub_static_links", 0)
        self._brackets = _Brackets()
        self._md.treeprocessors.register(self._brackets, "hub_brackets", 25)  # before "inline" (20)

    def render(self, source: str, first_line: int, problems: Problems, depth: int) -> str:
        """HTML for a page `depth` folders below the site root; problems are reported at their lines.

        The HTML is what the sanitizer keeps, whatever was reported, so it is safe to show even when the
        caller goes on despite the problems.
        """
        if len(source) > MAX_BODY:
            problems.add(
                first_line,
                f"the text is {len(source):,} characters long: at most {MAX_BODY:,}; split it into "
                "several documents",
            )
            return ""
        lines = source.split("\n")
        nesting, line = source_nesting(lines)
        if nesting > MAX_NESTING:
            problems.add(first_line + line, sanitize.nesting_message(nesting, MAX_NESTING))
            return ""
        html = self._convert(source, depth)
        if html is None:
            problems.add(
                first_line + line,
                "the text nests too deeply for Markdown (lists, quotes, emphasis or brackets inside "
                f"each other): at most {MAX_NESTING} levels; flatten it",
            )
            return ""
        findings = sanitize.findings(html) + self._brackets.found + [
            Finding(path, f"the link to {path} points to a file that does not exist: add it to the "
                    f"content folder's {path.split('/')[0]}/ or correct the path")
            for path in self._links.found
            if not (self._root / path).is_file()
        ]  # fmt: skip
        _report(findings, [line.lower() for line in lines], first_line, problems)
        return sanitize.clean(html)

    def _convert(self, source: str, depth: int) -> str | None:
        self._links.prefix, self._links.found = "../" * depth, []
        self._brackets.found = []
        try:
            return self._md.reset().convert(source)
        except RecursionError:
            return None


def _report(findings: list[Finding], lines: list[str], first_line: int, problems: Problems) -> None:
    searched_from: dict[str, int] = {}
    for finding in findings:
        needle = finding.needle.lower()
        index = _line_index(lines, needle, searched_from.get(needle, 0))
        searched_from[needle] = index + 1
        problems.add(first_line + index, finding.message)


def _line_index(lines: list[str], needle: str, start: int) -> int:
    """The 0-based index of the next source line holding the needle, else of the first non-blank line.

    Searching on from the previous hit gives each of two identical problems its own line.
    """
    if needle:
        for index in range(start, len(lines)):
            if needle in lines[index]:
                return index
    return next((i for i, line in enumerate(lines) if line.strip()), 0)

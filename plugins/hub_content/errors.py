"""Content errors: what is wrong, where (file and line) and what to write instead.

Reads nothing and writes nothing. Every validator reports through `Problems`, so one run collects every
error in every file, sorted, and the build fails once with all of them. A value quoted in a message goes
through `excerpt`, so a message is never longer than a line, whatever the input.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

# Characters a terminal or a reader would not see as themselves: controls (a terminal obeys ANSI escapes),
# invisible formatting and bidirectional controls, line separators, surrogates and noncharacters.
_UNSEEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff0-\uffff]"
)
EXCERPT = 60


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """The value as a message may quote it: unseen characters escaped like `\\x1b`, the middle elided.

    At most `limit` characters (plus the '...'): a message never echoes more of the input than that.
    """
    text = str(value)
    if len(text) <= limit:
        escaped = _escape(text)
        if len(escaped) <= limit:
            return escaped
    half = max(1, (limit - 3) // 2)
    return f"{_escape(text[:half])[:half]}...{_escape(text[-half:])[-half:]}"


def _escape(text: str) -> str:
    return _UNSEEN.sub(lambda m: _code(m.group()), text)


def _code(char: str) -> str:
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path_line}: {self.message}"

    @property
    def path_line(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


def display_path(path: str) -> str:
    """The path as staff would type it: relative to the working folder when it lies inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


@dataclass
class Problems:
    """Collects errors (and warnings, which only `check --strict` turns into errors) for one file.

    `line_offset` is the file line just before the YAML text starts (1 for front matter, whose first line
    is `---`), so a YAML node's mark becomes a file line.
    """

    path: str
    line_offset: int = 0
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)

    def add(self, line: int, message: str) -> None:
        """Report at a file line (1-based)."""
        self.errors.append(ContentError(self.path, line, message))

    def at(self, node: Any, message: str) -> None:
        """Report at the line of a YAML node."""
        self.add(self.line_of(node), message)

    def warn(self, node: Any, message: str) -> None:
        """Report something that does not stop a build (unless checked with --strict) at a node's line."""
        self.warnings.append(ContentError(self.path, self.line_of(node), message))

    def line_of(self, node: Any) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def __bool__(self) -> bool:
        return bool(self.errors)


class InvalidContentError(Exception):
    """Raised when the content folder is invalid; carries every error found in one run."""

    def __init__(self, errors: list[ContentError]):
        unique = sorted(set(errors))
        self.total = len(unique)  # before the cap, for the summary
        self.errors = _capped(unique)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(e) for e in self.errors]
        files = len({e.path for e in self.errors})
        lines.append(summary_line(self.total, files))
        return "\n".join(lines)


class SiteCheckError(Exception):
    """The written site failed a check only a build can make (broken links); the message names each page
    and link, so the build prints it as it is, without an exception's name."""


MAX_PER_FILE = 20


def _capped(errors: list[ContentError]) -> list[ContentError]:
    """At most `MAX_PER_FILE` errors of each file, then one saying how many more there are.

    A list of 30,000 unknown slugs is 30,000 errors: the first few say what to fix, the rest would bury
    the other files' errors (and fill a terminal or a CI log).
    """
    kept: list[ContentError] = []
    by_path: dict[str, list[ContentError]] = {}
    for error in errors:
        by_path.setdefault(error.path, []).append(error)
    for path, found in by_path.items():
        kept.extend(found[:MAX_PER_FILE])
        if len(found) > MAX_PER_FILE:
            more = len(found) - MAX_PER_FILE
            line = found[MAX_PER_FILE].line
            kept.append(
                ContentError(
                    path, line, f"{more:,} more errors in this file from here on: fix those above first"
                )
            )
    return kept


def summary_line(errors: int, files: int) -> str:
    if not errors:
        return "content is valid"
    return f"{errors} error{'s' if errors != 1 else ''} in {files} file{'s' if files != 1 else ''}"

"""A Markdown text cut into its sections at its headings, each section as comparable lines.

Reads the Markdown source of a model's text (front matter already removed) or of an enacted text; writes
nothing. A section starts at an ATX (`## Section 3. Title`) or setext (`Title` over `---`) heading of the
section levels, outside fenced code, and runs to the next one; text before the first heading is the
opening (`Section.opening`). Each section's text becomes units to compare: its heading, then one unit a
paragraph (the lines Markdown joins, spaces collapsed) or a list item, table row, quote line or code
line, so an enacted text wrapped at other widths than the model is not shown as changed everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

SECTION_LEVELS = frozenset({2, 3})
"""The levels the toolkit anchors on a model's page (`<h2>`, `<h3>`)."""
MAX_SECTIONS = 500
"""Sections read from one text; the rest of a longer text stays in its last section.

A hostile text of 2 MB can be 300,000 headings: each section costs a comparison, a heading and a
permalink on the page. A real ordinance has tens.
"""

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line that starts a block of its own rather than continuing a paragraph.
_BLOCK = re.compile(r"^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|>|\||#{1,6}(?:[ \t]|$)|```|~~~)")
# Inline Markdown left out of a heading's title: emphasis marks, code ticks, a link's address.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    """The heading as plain text (emphasis marks and link addresses left out)."""


@dataclass(frozen=True)
class Section:
    heading: Heading | None
    """None for the opening: the text before the first heading."""
    units: tuple[str, ...]
    """What is compared: the heading's line as written, then the body's paragraphs and lines."""

    @property
    def opening(self) -> bool:
        return self.heading is None

    @property
    def body(self) -> tuple[str, ...]:
        return self.units[1:] if self.heading is not None else self.units


def plain_title(markdown: str) -> str:
    """A heading's text as a reader sees it: `**Section 3.** [Title](x)` -> `Section 3. Title`."""
    return " ".join(_MARKS.sub("", _LINK.sub(r"\1", markdown)).split())


def headings(lines: Sequence[str]) -> Iterator[tuple[int, Heading, int]]:
    """(index of the heading's first line, heading, lines it takes) for each heading outside code."""
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and _closes(opened.group(1), fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        atx = _ATX.match(line)
        if atx:
            yield index, Heading(len(atx.group(1)), plain_title(atx.group(2) or "")), 1
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        # Only a one-line paragraph over the line, as staff write headings (under a longer paragraph the
        # line makes all of it a heading: rare, and not taken for one here; see compare.model_sections).
        alone = index == 0 or not lines[index - 1].strip()
        if alone and line.strip() and not _BLOCK.match(line) and _SETEXT.match(following):
            yield index, Heading(1 if following.strip()[0] == "=" else 2, plain_title(line)), 2


def sections(lines: Sequence[str], levels: frozenset[int] = SECTION_LEVELS) -> tuple[Section, ...]:
    """The text's opening (if it has one) and its sections, each cut at a heading of `levels`."""
    cuts = [(i, h, n) for i, h, n in headings(lines) if h.level in levels][: MAX_SECTIONS - 1]
    out: list[Section] = []
    opening = units(lines[: cuts[0][0]] if cuts else lines)
    if opening:
        out.append(Section(None, opening))
    for k, (start, heading, taken) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(lines)
        line = " ".join(lines[start].split())  # a setext heading's underline left out
        out.append(Section(heading, (line, *units(lines[start + taken : end]))))
    return tuple(out)


def enacted_levels(lines: Sequence[str]) -> frozenset[int]:
    """The levels an enacted text's sections are cut at: the model's, or `#` when it uses only that."""
    found = {h.level for _, h, _ in headings(lines)}
    return SECTION_LEVELS if found & SECTION_LEVELS or 1 not in found else frozenset({1})


def units(lines: Sequence[str]) -> tuple[str, ...]:
    """Paragraphs joined into one unit each, spaces collapsed; code lines kept as written."""
    out: list[str] = []
    joining = False  # the last unit is a paragraph the next line may continue
    fence: str | None = None
    for line in lines:
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)
        elif fence is not None and opened and _closes(opened.group(1), fence):
            fence = None
        elif fence is None:
            text = " ".join(line.split())
            if not text:
                joining = False
            elif joining and not _BLOCK.match(line):
                out[-1] = f"{out[-1]} {text}"
            else:
                out.append(text)
                joining = True
            continue
        out.append(line.rstrip())  # a fence or a line of code, as written
        joining = False
    return tuple(out)


def _closes(marker: str, fence: str) -> bool:
    return marker[0] == fence[0] and len(marker) >= len(fence)

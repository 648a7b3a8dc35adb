"""A readable diff of an ordinance's model text between two versions, as frozen records to print.

Reads two versions' text (the whole file; the front matter is stripped here); writes nothing. Lines are
compared with difflib; unchanged lines further than `CONTEXT` from a change are folded into a count.
Where a changed line has a close counterpart, the words that changed are marked within it, so a one-word
edit in a long paragraph is easy to spot. Templates print the records as they are (autoescaped).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import astuple, dataclass
from enum import Enum
from typing import Literal, TypeAlias

CONTEXT = 3
"""Unchanged lines shown around each change."""
PAIR_RATIO = 0.5
"""How alike a removed and an added line must be for their changed words to be marked within them."""
FENCE = "---"
Opcode = tuple[str, int, int, int, int]
# difflib's own opcodes name their tag exactly; its grouped opcodes (read by _lines) say only str.
TaggedOpcode: TypeAlias = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]
MAX_PAIRS = 100_000
"""At most this many pairs of equal lines (or words, within a line) are compared in one diff.

difflib's matcher visits every pair of equal elements, again at each level of its recursion: text made of
a few repeated lines or words (a history can hold any text: old versions were never checked) took
minutes for 40 KB. Beyond this, the part between the shared beginning and end is shown removed and added
whole, and a changed line is marked whole; a real edit of a model text stays far below it.
"""


@dataclass(frozen=True)
class Size:
    """An amount of diff shown: changed lines, rows (changed and unchanged lines) and characters of text."""

    changed: int = 0
    rows: int = 0
    chars: int = 0

    def __add__(self, other: Size) -> Size:
        return Size(self.changed + other.changed, self.rows + other.rows, self.chars + other.chars)

    def __sub__(self, other: Size) -> Size:
        return Size(self.changed - other.changed, self.rows - other.rows, self.chars - other.chars)

    def within(self, room: Size) -> bool:
        return self.changed <= room.changed and self.rows <= room.rows and self.chars <= room.chars

    def least(self, other: Size) -> Size:
        return Size(*(min(a, b) for a, b in zip(astuple(self), astuple(other), strict=True)))


VERSION_ROOM = Size(changed=1_000, rows=2_000, chars=200_000)
"""The most of one version's diff shown; the rest is counted (`Diff.hidden`), not shown.

Each row carries about 250 bytes of markup: one commit swapping two lines 20,000 times made a 27 MB page.
A real revision stays far below: rewriting every line of the demo's longest model (7 KB) changes 144
lines and 11,400 characters, so a 40 KB model rewritten whole would still be shown in full.
"""

_WORDS = re.compile(r"\s+|\w+\s*|[^\w\s]\s*")
"""Words and punctuation, each with the spaces after it, so shared spaces do not make lines look alike."""


class LineKind(Enum):
    ADDED = "added"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Segment:
    """Part of a line; `changed` parts are the words added or removed."""

    text: str
    changed: bool


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    old_number: int | None
    """The line's number in the older version's model text (None for an added line)."""
    new_number: int | None
    """The line's number in the newer version's model text (None for a removed line)."""
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Hunk:
    folded_before: int
    """Unchanged lines left out just before this hunk."""
    lines: tuple[DiffLine, ...]


@dataclass(frozen=True)
class Diff:
    hunks: tuple[Hunk, ...]
    folded_after: int
    """Unchanged lines left out after the last hunk."""
    added: int
    removed: int
    hidden: int = 0
    """Changed lines not shown: past the room the diff was given."""
    size: Size = Size()
    """What the hunks show."""

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def model_text(text: str) -> tuple[str, ...]:
    """The body's lines: everything after the front matter, without blank lines at either end."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[0].rstrip() == FENCE:
        close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), None)
        if close is not None:
            lines = lines[close + 1 :]
    body = "\n".join(lines).strip("\n")
    return tuple(body.split("\n")) if body else ()


def diff(
    old: tuple[str, ...], new: tuple[str, ...], context: int = CONTEXT, room: Size = VERSION_ROOM
) -> Diff:
    """What changed from `old` to `new`, in hunks with `context` unchanged lines around each change.

    The hunks stop before the first line that would take them past `room`; lines after it are built never.
    """
    matcher = _matcher(old, new)
    hunks: list[Hunk] = []
    shown, shown_to, full = Size(), 0, False  # shown_to: the index in `old` after the last line shown
    added = removed = 0
    for group in matcher.get_grouped_opcodes(context):
        removed += sum(i2 - i1 for tag, i1, i2, _, _ in group if tag != "equal")
        added += sum(j2 - j1 for tag, _, _, j1, j2 in group if tag != "equal")
        if full:
            continue
        lines: list[DiffLine] = []
        for line in _lines(old, new, group):
            size = shown + _size(line)
            if not size.within(room):
                full = True
                break
            lines.append(line)
            shown = size
        if lines:
            hunks.append(Hunk(group[0][1] - shown_to, tuple(lines)))
        shown_to = group[-1][2]
    folded_after = len(old) - shown_to if hunks and not full else 0
    return Diff(tuple(hunks), folded_after, added, removed, added + removed - shown.changed, shown)


def _lines(old: tuple[str, ...], new: tuple[str, ...], group: list[Opcode]) -> Iterator[DiffLine]:
    for tag, i1, i2, j1, j2 in group:
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                yield DiffLine(LineKind.UNCHANGED, i + 1, j + 1, (Segment(old[i], False),))
        else:
            yield from _changed(old, new, i1, i2, j1, j2)


def _size(line: DiffLine) -> Size:
    return Size(int(line.kind is not LineKind.UNCHANGED), 1, sum(len(s.text) for s in line.segments))


def _changed(
    old: tuple[str, ...], new: tuple[str, ...], i1: int, i2: int, j1: int, j2: int
) -> Iterator[DiffLine]:
    """Removed lines, then added lines; a line paired with a close counterpart marks only its changes.

    Made one at a time, as they are shown: a pair's words are compared when its removed line is reached.
    """
    pairs: dict[int, tuple[tuple[Segment, ...], tuple[Segment, ...]] | None] = {}
    for k in range(i2 - i1):
        if k < j2 - j1:
            pairs[k] = _words(old[i1 + k], new[j1 + k])
        pair = pairs.get(k)
        yield DiffLine(LineKind.REMOVED, i1 + k + 1, None, pair[0] if pair else (Segment(old[i1 + k], True),))
    for k in range(j2 - j1):
        pair = pairs.get(k)
        yield DiffLine(LineKind.ADDED, None, j1 + k + 1, pair[1] if pair else (Segment(new[j1 + k], True),))


def _words(old: str, new: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]] | None:
    """The two lines split into unchanged and changed runs of words, or None if they are too different."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    if _pairs(a, b) > MAX_PAIRS:
        return None
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < PAIR_RATIO:
        return None
    before: list[Segment] = []
    after: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        _append(before, "".join(a[i1:i2]), tag != "equal")
        _append(after, "".join(b[j1:j2]), tag != "equal")
    return tuple(before), tuple(after)


def _append(segments: list[Segment], text: str, changed: bool) -> None:
    if not text:
        return
    if segments and segments[-1].changed == changed:
        segments[-1] = Segment(segments[-1].text + text, changed)
    else:
        segments.append(Segment(text, changed))


def _pairs(a: Sequence[str], b: Sequence[str]) -> int:
    """How many pairs of equal elements the two sequences hold: the matcher's work grows with it."""
    counts = Counter(b)
    return sum(counts[item] for item in a)


class _Replaced(difflib.SequenceMatcher):
    """A matcher whose only change is the middle part between a shared beginning and end, replaced."""

    def __init__(self, old: Sequence[str], new: Sequence[str], start: int, end: int) -> None:
        super().__init__(None, (), ())
        self._codes: list[TaggedOpcode] = [("equal", 0, start, 0, start)] if start else []
        self._codes.append(("replace", start, len(old) - end, start, len(new) - end))
        if end:
            self._codes.append(("equal", len(old) - end, len(old), len(new) - end, len(new)))

    def get_opcodes(self) -> list[TaggedOpcode]:
        return list(self._codes)


def _matcher(old: tuple[str, ...], new: tuple[str, ...]) -> difflib.SequenceMatcher:
    """difflib's matcher when its work is bounded, else the shared beginning and end around a replacement."""
    start = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
    )
    limit = min(len(old), len(new)) - start
    end = next((i for i in range(limit) if old[-1 - i] != new[-1 - i]), limit)
    if old == new or _pairs(old[start : len(old) - end], new[start : len(new) - end]) <= MAX_PAIRS:
        return difflib.SequenceMatcher(None, old, new, autojunk=False)
    return _Replaced(old, new, start, end)

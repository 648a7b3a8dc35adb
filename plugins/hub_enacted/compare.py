"""An enacted text beside its model, section by section, as frozen records a template prints.

Reads the model's Markdown text and rendered body (for its section anchors) and the enacted text's
Markdown; writes nothing. Both texts are cut into sections (split.py) and paired (align.py); each pair
is compared with the history's diff (`hub_history.diff`), whose removed and added lines become the two
sides of one row, with the words that changed marked. Texts are compared as source lines and printed as
escaped text: nothing in an enacted text becomes markup. A page shows at most `PAGE_ROOM` of rows; a
section past it is listed with its status and a note instead of its text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import zip_longest

from hub_history.diff import Diff, LineKind, Segment, Size, diff
from hub_toolkit.sections import PLACEHOLDER, RESERVED_IDS, model_text
from hub_toolkit.sections import Section as Anchored

from .align import ModelSection, Pair, align, anchor_of
from .split import Section, enacted_levels, sections

PAGE_ROOM = Size(changed=2_000, rows=4_000, chars=400_000)
"""The most of both texts one page shows, as the history page's diffs (`hub_history.views.PAGE_ROOM`)."""
MAX_REPAIRED = 400
"""Pairs of removed and added units compared to place them side by side; a longer run is placed by
position, as the diff gave it (each comparison is a diff of two units)."""
OPENING_ID = "opening"
ADDED_PREFIX = "added-"
PAGE_IDS = RESERVED_IDS | {"enacted-details-heading", "enacted-sections-heading"}
"""Ids the comparison page uses around its sections: no section takes one."""


class Change(Enum):
    KEPT = "kept"
    """The same text, or the model's with only its `[PLACEHOLDER]`s filled in."""
    CHANGED = "changed"
    OMITTED = "omitted"
    """In the model only: the enacted text leaves it out."""
    ADDED = "added"
    """In the enacted text only."""


@dataclass(frozen=True)
class Cell:
    """One side of a row: a unit of text (a paragraph, list item, heading or line)."""

    segments: tuple[Segment, ...]
    changed: bool
    """Not on the other side as it is: removed (model side) or added (enacted side)."""


@dataclass(frozen=True)
class Row:
    model: Cell | None
    enacted: Cell | None

    @property
    def same(self) -> bool:
        """The same unit in both texts: read once by a screen reader, shown once when stacked."""
        return self.model is not None and self.model == self.enacted and not self.model.changed


@dataclass(frozen=True)
class ComparedSection:
    anchor: str
    """The id of the section's heading: the model's own anchor wherever the model has the section."""
    title: str
    """The model's heading; the enacted one for an added section; "" for the opening text."""
    enacted_title: str | None
    """The enacted text's heading when it reads differently from the model's."""
    change: Change
    rows: tuple[Row, ...]
    level: int = 2
    """The heading's level on the page: the model's (2 or 3), else 2, or 3 for an enacted `###`."""
    cut: bool = False
    """Rows left out: the page holds all it may (`PAGE_ROOM`)."""
    by_words: bool = False
    """Paired by its words: the two headings make different anchors."""
    filled: bool = False
    """Kept, with the model's placeholders filled in."""

    @property
    def opening(self) -> bool:
        return not self.title


@dataclass(frozen=True)
class Comparison:
    sections: tuple[ComparedSection, ...]

    def count(self, change: Change) -> int:
        return sum(1 for s in self.sections if s.change is change)

    @property
    def counts(self) -> tuple[tuple[Change, int], ...]:
        """Each kind of change and how many sections have it, in `Change` order, zero counts left out."""
        return tuple((c, n) for c in Change if (n := self.count(c)))


def compare(model_lines: Sequence[str], body_html: str, enacted_lines: Sequence[str]) -> Comparison:
    """The enacted text beside the model's, section by section, in the enacted text's order."""
    model = model_sections(model_lines, body_html)
    enacted = sections(enacted_lines, enacted_levels(enacted_lines))
    used = set(PAGE_IDS) | {m.anchor for m in model}
    out, room = [], PAGE_ROOM
    for pair in align(model, enacted):
        section, room = _compared(pair, room, used)
        out.append(section)
    return Comparison(tuple(out))


def model_sections(lines: Sequence[str], body_html: str) -> tuple[ModelSection, ...]:
    """The model's sections with the anchors its page gives them.

    The toolkit makes the anchors from the rendered `<h2>`/`<h3>` headings; they are taken in order when
    the source's headings are the same ones (always, unless a heading is written as HTML), else made here
    the same way from the source's headings.
    """
    found = sections(lines)
    headed = [s for s in found if s.heading is not None]
    shown = model_text(body_html, str).sections
    if [s.level for s in shown] == [s.heading.level for s in headed if s.heading is not None]:
        given = iter(shown)
        return tuple(ModelSection(s, "", "") if s.heading is None else _given(s, next(given)) for s in found)
    used = set(RESERVED_IDS)
    return tuple(
        ModelSection(s, "", "")
        if s.heading is None
        else ModelSection(s, _unique(anchor_of(s.heading.title), used), s.heading.title)
        for s in found
    )


def _given(section: Section, shown: Anchored) -> ModelSection:
    return ModelSection(section, shown.id, shown.title)


def _compared(pair: Pair, room: Size, used: set[str]) -> tuple[ComparedSection, Size]:
    model, enacted = pair.model, pair.enacted
    if model is None and enacted is not None:  # added
        title = enacted.heading.title if enacted.heading else ""
        anchor = _unique(ADDED_PREFIX + anchor_of(title) if title else OPENING_ID, used)
        rows, cut, room = _one_side(enacted.units, room, model_side=False)
        level = 3 if enacted.heading and enacted.heading.level >= 3 else 2
        return ComparedSection(anchor, title, None, Change.ADDED, rows, level, cut), room
    if model is not None and enacted is None:  # left out
        anchor = model.anchor or _unique(OPENING_ID, used)
        rows, cut, room = _one_side(model.section.units, room, model_side=True)
        return ComparedSection(anchor, model.title, None, Change.OMITTED, rows, _level(model), cut), room
    if model is None or enacted is None:
        raise ValueError("a pair without either section")
    anchor = model.anchor or _unique(OPENING_ID, used)
    enacted_title = enacted.heading.title if enacted.heading else None
    differs = enacted_title if enacted_title is not None and enacted_title != model.title else None
    old, new = model.section.units, enacted.units
    change = _change(old, new)
    rows, cut, room = _both_sides(old, new, room)
    filled = change is Change.KEPT and old != new
    section = ComparedSection(
        anchor, model.title, differs, change, rows, _level(model), cut, pair.by_words, filled
    )
    return section, room


def _level(model: ModelSection) -> int:
    heading = model.section.heading
    return heading.level if heading is not None and heading.level in (2, 3) else 2


def _change(old: Sequence[str], new: Sequence[str]) -> Change:
    if len(old) == len(new) and all(_fills(a, b) for a, b in zip(old, new, strict=True)):
        return Change.KEPT
    return Change.CHANGED


def _fills(model: str, enacted: str) -> bool:
    """Whether the enacted unit is the model's with each `[PLACEHOLDER]` replaced by some text.

    Each text between placeholders is looked for at the first place it fits (a wildcard match, in linear
    time: a regular expression of many `.+?` would backtrack for minutes on a hostile line).
    """
    if model == enacted:
        return True
    parts = PLACEHOLDER.split(model)
    if len(parts) == 1:
        return False
    first, *middle, last = parts
    if not enacted.startswith(first) or not enacted.endswith(last):
        return False
    position, end = len(first), len(enacted) - len(last)
    for part in middle:
        found = enacted.find(part, position + 1)  # each placeholder stands for one character or more
        if found < 0 or found + len(part) >= end:
            return False
        position = found + len(part)
    return end - position >= 1


def _one_side(units: Sequence[str], room: Size, model_side: bool) -> tuple[tuple[Row, ...], bool, Size]:
    rows: list[Row] = []
    for unit in units:
        size = Size(0, 1, len(unit))
        if not size.within(room):
            return tuple(rows), True, room
        room -= size
        cell = Cell((Segment(unit, False),), False)
        rows.append(Row(cell, None) if model_side else Row(None, cell))
    return tuple(rows), False, room


def _both_sides(old: Sequence[str], new: Sequence[str], room: Size) -> tuple[tuple[Row, ...], bool, Size]:
    if not Size(1, 1, 1).within(room):
        return (), True, room
    found = diff(tuple(old), tuple(new), context=max(len(old), len(new)), room=room)
    if not found.changed:
        return _same(old, room)
    rows = tuple(_rows(found))
    shown = sum(1 for r in rows if r.model is not None), sum(1 for r in rows if r.enacted is not None)
    return rows, shown != (len(old), len(new)), room - found.size


def _same(units: Sequence[str], room: Size) -> tuple[tuple[Row, ...], bool, Size]:
    rows: list[Row] = []
    for unit in units:
        size = Size(0, 1, 2 * len(unit))
        if not size.within(room):
            return tuple(rows), True, room
        room -= size
        cell = Cell((Segment(unit, False),), False)
        rows.append(Row(cell, cell))
    return tuple(rows), False, room


def _rows(found: Diff) -> Iterator[Row]:
    """Unchanged lines side by side; each run of removed lines beside the added lines that follow it, the
    nth removed beside the nth added (the diff marked the words that changed between those two)."""
    removed: list[Cell] = []
    added: list[Cell] = []
    for hunk in found.hunks:
        for line in hunk.lines:
            if line.kind is LineKind.UNCHANGED:
                yield from _paired(removed, added)
                cell = Cell(line.segments, False)
                yield Row(cell, cell)
            elif line.kind is LineKind.REMOVED:
                if added:
                    yield from _paired(removed, added)
                removed.append(Cell(line.segments, True))
            else:
                added.append(Cell(line.segments, True))
    yield from _paired(removed, added)


def _paired(removed: list[Cell], added: list[Cell]) -> Iterator[Row]:
    """The run's rows; a removed unit goes beside the first added one still free that is close enough
    for its words to be marked (the diff pairs them by position only), when the run is short."""
    if len(removed) * len(added) > MAX_REPAIRED:
        yield from (Row(a, b) for a, b in zip_longest(removed, added))
    else:
        free = 0  # added units before this one are placed
        for cell in removed:
            found = next(((k, p) for k in range(free, len(added)) if (p := _word_pair(cell, added[k]))), None)
            if found is None:
                yield Row(cell, None)
                continue
            k, (old, new) = found
            yield from (Row(None, a) for a in added[free:k])
            yield Row(Cell(old, True), Cell(new, True))
            free = k + 1
        yield from (Row(None, a) for a in added[free:])
    removed.clear()
    added.clear()


def _word_pair(old: Cell, new: Cell) -> tuple[tuple[Segment, ...], tuple[Segment, ...]] | None:
    """The two units with the words that differ marked, or None when they have too little in common."""
    if len(old.segments) > 1 or len(new.segments) > 1:  # marked already
        return old.segments, new.segments
    lines = diff((old.segments[0].text,), (new.segments[0].text,)).hunks[0].lines
    before, after = lines[0].segments, lines[-1].segments
    return (before, after) if any(not s.changed for s in before) else None


def _unique(anchor: str, used: set[str]) -> str:
    """The anchor, else the first of anchor-2, anchor-3... not used yet (as the toolkit does)."""
    candidate, n = anchor, 1
    while candidate in used:
        n += 1
        candidate = f"{anchor}-{n}"
    used.add(candidate)
    return candidate

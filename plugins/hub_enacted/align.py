"""Which section of an enacted text stands for which section of the model.

Reads the two texts' sections (split.py) and the model's section anchors (the ids its page gives its
`<h2>` and `<h3>` headings: `hub_toolkit.sections`); writes nothing. The rules, in order:

1. The openings (the text before the first heading) stand for each other.
2. An enacted section whose heading makes the same anchor as a model section's (`Section 3. ...` and
   `Sec. 3 ...` both make `section-3`) stands for it, unless both its title and its text differ: a
   renumbered text's `Section 3` may be the model's section 4.
3. An enacted section left whose title, without its number, is a model section's left stands for it:
   `Section 3. Penalties` for the model's `Section 4. Penalties`.
4. Each enacted section left stands for the model section left whose words (heading and text) are most
   alike, if they share at least half of them, best pairs first.
5. What is left is added (only in the enacted text) or left out (only in the model).

The result follows the enacted text's order; a model section left out comes just before the first
enacted section that stands for a later model section, so it sits where the model had it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from hub_content.allowlist import heading_id
from hub_toolkit.sections import section_id

from .split import Section

SAME_ANCHOR_RATIO = 0.3
"""How alike the texts of two sections with the same anchor but different titles must be to pair."""
SIMILAR_RATIO = 0.5
"""How alike two sections must be to pair by their words alone."""
MAX_WORK = 5_000_000
"""Words compared when pairing sections by their words; past it, the rest stay unpaired.

Comparing every enacted section with every model section grows with both: two hostile texts of
thousands of sections each would take minutes. A real pair of ordinances takes a few thousand.
"""

_NUMBER = re.compile(
    r"^(?:(?:section|sec\.?|article|art\.?|§+)\s*)?\d+(?:\.\d+)*(?:\s*\([a-z0-9]+\))*[.:)]?\s*", re.I
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ModelSection:
    section: Section
    anchor: str
    """The id of the section's heading on the model's page (for the opening, "")."""
    title: str


@dataclass(frozen=True)
class Pair:
    model: ModelSection | None
    """None for a section only the enacted text has."""
    enacted: Section | None
    """None for a model section the enacted text leaves out."""
    by_words: bool = False
    """Paired by rule 3: the headings make different anchors."""


def anchor_of(title: str) -> str:
    """The anchor a heading would get on a model's page, before any "-2" that keeps anchors unique."""
    return heading_id(section_id(title))


def align(model: Sequence[ModelSection], enacted: Sequence[Section]) -> tuple[Pair, ...]:
    """Every model section and every enacted section, in pairs or alone, in the enacted text's order."""
    partner: dict[int, int] = {}  # enacted index -> model index
    by_words: set[int] = set()
    if model and enacted and model[0].section.opening and enacted[0].opening:
        partner[0] = 0
    work = _Work()
    _by_anchor(model, enacted, partner, work)
    _by_title(model, enacted, partner)
    by_words.update(_by_words(model, enacted, partner, work))
    return _ordered(model, enacted, partner, by_words)


class _Work:
    """The words left to compare in one alignment (`MAX_WORK`)."""

    def __init__(self) -> None:
        self.left = MAX_WORK

    def spend(self, words: int) -> bool:
        """False, and nothing spent, once the words would take more than is left."""
        if words > self.left:
            return False
        self.left -= words
        return True


def _by_anchor(
    model: Sequence[ModelSection], enacted: Sequence[Section], partner: dict[int, int], work: _Work
) -> None:
    free: dict[str, list[int]] = {}
    for m, kept in enumerate(model):
        if kept.section.heading is not None and m not in partner.values():
            free.setdefault(anchor_of(kept.title), []).append(m)
    for e, section in enumerate(enacted):
        if e in partner or section.heading is None:
            continue
        candidates = free.get(anchor_of(section.heading.title), [])
        if candidates and _same_place(model[candidates[0]], section, work):
            partner[e] = candidates.pop(0)


def _by_title(model: Sequence[ModelSection], enacted: Sequence[Section], partner: dict[int, int]) -> None:
    taken = set(partner.values())
    free: dict[str, list[int]] = {}
    for m, kept in enumerate(model):
        if kept.section.heading is not None and m not in taken and _topic(kept.title):
            free.setdefault(_topic(kept.title), []).append(m)
    for e, section in enumerate(enacted):
        if e not in partner and section.heading is not None:
            candidates = free.get(_topic(section.heading.title), [])
            if candidates:
                partner[e] = candidates.pop(0)


def _same_place(model: ModelSection, enacted: Section, work: _Work) -> bool:
    if enacted.heading is None:
        return False
    if _topic(model.title) == _topic(enacted.heading.title):
        return True
    old, new = _words(model.section.body), _words(enacted.body)
    return work.spend(len(old) + len(new)) and similarity(old, new) >= SAME_ANCHOR_RATIO


def _topic(title: str) -> str:
    """A heading's title without its number: `Section 3. Prohibited practices` -> `prohibited practices`."""
    return " ".join(_NUMBER.sub("", title).casefold().split())


def _by_words(
    model: Sequence[ModelSection], enacted: Sequence[Section], partner: dict[int, int], work: _Work
) -> set[int]:
    taken = set(partner.values())
    free_model = [(m, Counter(_words(s.section.units))) for m, s in enumerate(model) if m not in taken]
    free_enacted = [(e, Counter(_words(s.units))) for e, s in enumerate(enacted) if e not in partner]
    scores: list[tuple[float, int, int]] = []
    for e, words in free_enacted:
        for m, other in free_model:
            if not work.spend(len(words) + len(other)):
                break
            score = _dice(words, other)
            if score >= SIMILAR_RATIO:
                scores.append((score, e, m))
    paired: set[int] = set()
    for _, e, m in sorted(scores, key=lambda s: (-s[0], s[1], s[2])):
        if e not in partner and m not in taken:
            partner[e] = m
            taken.add(m)
            paired.add(e)
    return paired


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """How many words two texts share, from 0 (none) to 1 (the same words), whatever their order."""
    return _dice(Counter(a), Counter(b))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    return 2 * sum((a & b).values()) / total if total else 1.0


def _words(units: Sequence[str]) -> list[str]:
    return [w.casefold() for unit in units for w in _WORD.findall(unit)]


def _ordered(
    model: Sequence[ModelSection], enacted: Sequence[Section], partner: dict[int, int], by_words: set[int]
) -> tuple[Pair, ...]:
    out: list[Pair] = []
    shown: set[int] = set(partner.values())
    placed = 0  # model sections before this one are placed (paired or left out)
    for e, section in enumerate(enacted):
        m = partner.get(e)
        # Left-out model sections go before the next enacted section that has a partner: an added
        # section follows them, as an enacted text adds after the model's sections it keeps.
        ahead = next((partner[k] for k in range(e, len(enacted)) if k in partner), len(model))
        out.extend(Pair(model[k], None) for k in range(placed, ahead) if k not in shown)
        placed = max(placed, ahead)
        if m is None:
            out.append(Pair(None, section))
        else:
            placed = max(placed, m + 1)
            out.append(Pair(model[m], section, e in by_words))
    out.extend(Pair(model[k], None) for k in range(placed, len(model)) if k not in shown)
    return tuple(out)

"""Text on a card: which bundled font draws each character, where lines break, and what fits a box.

Reads the bundled fonts in `fonts/` (their character maps through fontTools, their glyphs through
Pillow's FreeType, both only when a card is drawn); writes nothing. Every font is loaded with Pillow's
basic layout, never libraqm: the bytes of a card must not depend on whether the machine has raqm and
fribidi, so right-to-left text is drawn as stored (logical order, letters unjoined) rather than shaped.

A character is drawn by the first font that has it (`Fonts.runs`); one that no bundled font has is drawn
by the first font, as its empty box. Format characters (joiners, variation selectors, direction marks,
soft hyphens) are dropped: without shaping they would draw as boxes. Lines break at spaces, and between
any two wide (CJK) characters; a word longer than a line is cut between characters. Text that does not
fit its box at the smallest size ends with an ellipsis. All work is bounded by the box, not the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageFont

FONTS = Path(__file__).resolve().parent / "fonts"
BOLD = (FONTS / "DejaVuSans-Bold.ttf", FONTS / "DroidSansFallbackFull.ttf")
REGULAR = (FONTS / "DejaVuSans.ttf", FONTS / "DroidSansFallbackFull.ttf")
ELLIPSIS = "…"
MAX_CHARACTERS = 2000  # no card shows more: the rest of a longer text is never measured


@dataclass(frozen=True)
class Run:
    """Characters one font draws, side by side."""

    text: str
    font: ImageFont.FreeTypeFont


@dataclass
class Fonts:
    """The fonts of one family (`BOLD`, `REGULAR`), each loaded once per size, for one build's cards."""

    files: Sequence[Path]
    _maps: dict[int, frozenset[int]] = field(default_factory=dict)
    _sized: dict[tuple[int, int], ImageFont.FreeTypeFont] = field(default_factory=dict)

    def _covers(self, index: int, character: str) -> bool:
        if index not in self._maps:  # read only when a character needs it: most titles never need CJK
            from fontTools.ttLib import TTFont  # only when a card is drawn: a warm build loads no font

            with TTFont(self.files[index], lazy=True) as font:
                self._maps[index] = frozenset(font.getBestCmap() or ())
        return ord(character) in self._maps[index]

    def font(self, index: int, size: int) -> ImageFont.FreeTypeFont:
        if (index, size) not in self._sized:
            path = str(self.files[index])
            self._sized[index, size] = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)
        return self._sized[index, size]

    def choose(self, character: str) -> int:
        """The first font that has the character's glyph; the first font (its box) when none has."""
        return next((i for i in range(len(self.files)) if self._covers(i, character)), 0)

    def runs(self, text: str, size: int) -> list[Run]:
        """The text split where the font drawing it changes."""
        found: list[Run] = []
        start, current = 0, -1
        for position, character in enumerate(text):
            chosen = self.choose(character) if not character.isspace() else max(current, 0)
            if chosen != current and position > start:
                found.append(Run(text[start:position], self.font(current, size)))
                start = position
            current = chosen
        if start < len(text):
            found.append(Run(text[start:], self.font(max(current, 0), size)))
        return found

    def width(self, text: str, size: int) -> float:
        return sum(run.font.getlength(run.text) for run in self.runs(text, size))


def clean(text: str) -> str:
    """The text as a card draws it: composed (NFC), format characters dropped, any whitespace a space."""
    composed = unicodedata.normalize("NFC", text[: MAX_CHARACTERS * 2])
    kept = "".join(
        " " if c.isspace() else c
        for c in composed
        if c.isspace() or unicodedata.category(c) not in ("Cf", "Cc", "Cs")
    )
    return " ".join(kept.split())[:MAX_CHARACTERS]


def _wide(character: str) -> bool:
    """Characters lines may break around without a space: CJK ideographs, kana, Hangul, most emoji."""
    return unicodedata.east_asian_width(character) in ("W", "F")


def tokens(text: str) -> Iterator[tuple[str, bool]]:
    """Each unbreakable piece with whether a space comes before it."""
    word, word_spaced, pending_space = "", False, False
    for character in text:
        if character == " " or _wide(character):
            if word:
                yield word, word_spaced
                word = ""
            if character == " ":
                pending_space = True
            else:
                yield character, pending_space
                pending_space = False
            continue
        if not word:
            word_spaced, pending_space = pending_space, False
        word += character
    if word:
        yield word, word_spaced


def wrap(fonts: Fonts, text: str, size: int, width: float, max_lines: int) -> tuple[list[str], bool]:
    """The lines `text` takes at `size` within `width`, at most `max_lines`; and whether all of it fit."""
    lines: list[str] = []
    line = ""
    for piece, spaced in tokens(text):
        candidate = f"{line} {piece}" if spaced and line else line + piece
        if fonts.width(candidate, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = piece
        while fonts.width(line, size) > width:  # a word wider than the line: cut it between characters
            head = _longest_prefix(fonts, line, size, width)
            lines.append(head)
            line = line[len(head) :]
            if len(lines) > max_lines:
                return lines[:max_lines], False
        if len(lines) >= max_lines:
            return lines[:max_lines], False
    if line:
        lines.append(line)
    return lines[:max_lines], len(lines) <= max_lines


def _longest_prefix(fonts: Fonts, text: str, size: int, width: float) -> str:
    """The longest start of `text` within `width` (at least one character, so wrapping always advances)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fonts.width(text[:middle], size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def ellipsize(fonts: Fonts, line: str, size: int, width: float) -> str:
    """The line shortened to end with an ellipsis within `width`."""
    text = line.rstrip()
    while text and fonts.width(text + ELLIPSIS, size) > width:
        text = text[:-1].rstrip()
    return text + ELLIPSIS


def fit(
    fonts: Fonts, text: str, sizes: Sequence[int], width: float, height: float, leading: float
) -> tuple[int, list[str]]:
    """The largest size at which the text fits the box, with its lines; at the smallest size the lines
    that fit, the last one ellipsized."""
    lines: list[str] = []
    for size in sizes:
        max_lines = max(1, int(height // (size * leading)))
        lines, complete = wrap(fonts, text, size, width, max_lines)
        if complete:
            return size, lines
    size = sizes[-1]
    if lines:
        lines[-1] = ellipsize(fonts, lines[-1], size, width)
    return size, lines


def one_line(fonts: Fonts, text: str, size: int, width: float) -> str:
    """The text on one line, ellipsized when it is wider than `width`."""
    if fonts.width(text, size) <= width:
        return text
    return ellipsize(fonts, _longest_prefix(fonts, text, size, width), size, width)

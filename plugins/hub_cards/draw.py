"""One social card: a 1200 x 630 PNG naming a document, drawn with Pillow from plain values.

Reads the bundled fonts (text.py); writes nothing: `draw()` returns the PNG's bytes. A `Card` holds every
value drawn, so it is also what the cache key is made from. The layout, on white: a band of the accent
colour down the left edge; the document's type and main issue on one line (the type in the accent, the
issue in dark grey); the title in near-black, as large as fits in four lines or so (68 px down to 40 px,
then ellipsized); a rule and the site's name in the link colour at the foot. The accent and link colours
are checked by the settings for 4.5:1 contrast on white, and the dark text has more than 12:1.

The bytes are the same on every run: no clocks, no metadata chunks (Pillow writes none unless asked),
fixed compression, fonts from the repository with the basic layout engine. They can differ only with
Pillow's version (and the FreeType and zlib it bundles), which the cache key holds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from hub_core.outputs import CARD_SIZE

from .text import BOLD, REGULAR, Fonts, clean, fit, one_line

WIDTH, HEIGHT = CARD_SIZE
BACKGROUND = "#ffffff"
INK = "#111417"  # the title: the theme's dark background colour, 18:1 on white
MUTED = "#454a52"  # the issue's name: 8.9:1 on white
BAND = 24  # the accent band's width
LEFT, RIGHT = 96, 80  # margins
TEXT_WIDTH = WIDTH - LEFT - RIGHT
KICKER_Y, KICKER_SIZE = 70, 32  # the line naming the type and issue: its top and size
TITLE_TOP, TITLE_BOTTOM = 140, 500
TITLE_SIZES = (68, 62, 56, 50, 45, 40)
LEADING = 1.22
RULE_Y, RULE_HEIGHT = 526, 4
FOOT_Y, FOOT_SIZE = 552, 32
SEPARATOR = "  ·  "
COMPRESSION = 6  # zlib's level: fixed, so the bytes do not follow Pillow's default


@dataclass(frozen=True)
class Card:
    """Everything a card shows, already in the document's language."""

    title: str
    label: str  # the document's type ("Model ordinance", "Historia")
    issue: str  # its main issue's name, or "" for a document on no issue
    site: str
    accent: str
    link: str


@dataclass
class Painter:
    """Draws cards; holds the fonts (loaded once per size) for all the cards of one build."""

    bold: Fonts
    regular: Fonts

    @classmethod
    def bundled(cls) -> Painter:
        return cls(Fonts(BOLD), Fonts(REGULAR))

    def draw(self, card: Card) -> bytes:
        image = Image.new("RGB", CARD_SIZE, BACKGROUND)
        canvas = ImageDraw.Draw(image)
        canvas.rectangle((0, 0, BAND - 1, HEIGHT - 1), fill=card.accent)
        self._kicker(canvas, card)
        self._title(canvas, clean(card.title))
        canvas.rectangle((LEFT, RULE_Y, LEFT + TEXT_WIDTH - 1, RULE_Y + RULE_HEIGHT - 1), fill=card.link)
        site = one_line(self.bold, clean(card.site), FOOT_SIZE, TEXT_WIDTH)
        self._line(canvas, self.bold, site, FOOT_SIZE, FOOT_Y, card.link)
        data = io.BytesIO()
        image.save(data, format="PNG", optimize=False, compress_level=COMPRESSION)
        return data.getvalue()

    def _kicker(self, canvas: ImageDraw.ImageDraw, card: Card) -> None:
        """The type in the accent colour, then the issue's name in grey, on one line."""
        label = one_line(self.bold, clean(card.label), KICKER_SIZE, TEXT_WIDTH)
        x = self._line(canvas, self.bold, label, KICKER_SIZE, KICKER_Y, card.accent)
        issue = clean(card.issue)
        room = LEFT + TEXT_WIDTH - x - self.regular.width(SEPARATOR, KICKER_SIZE)
        if issue and room > KICKER_SIZE * 3:
            shown = one_line(self.regular, issue, KICKER_SIZE, room)
            self._line(canvas, self.regular, SEPARATOR + shown, KICKER_SIZE, KICKER_Y, MUTED, x)

    def _title(self, canvas: ImageDraw.ImageDraw, title: str) -> None:
        height = TITLE_BOTTOM - TITLE_TOP
        size, lines = fit(self.bold, title, TITLE_SIZES, TEXT_WIDTH, height, LEADING)
        step = round(size * LEADING)
        for number, line in enumerate(lines):
            self._line(canvas, self.bold, line, size, TITLE_TOP + number * step, INK)

    def _line(
        self,
        canvas: ImageDraw.ImageDraw,
        fonts: Fonts,
        text: str,
        size: int,
        top: int,
        colour: str,
        x: float = LEFT,
    ) -> float:
        """Draw one line from its top (every font's run on the first font's baseline); the x it ends at."""
        baseline = top + fonts.font(0, size).getmetrics()[0]
        for run in fonts.runs(text, size):
            canvas.text((x, baseline), run.text, font=run.font, fill=colour, anchor="ls")
            x += run.font.getlength(run.text)
        return x

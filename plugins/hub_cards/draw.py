"""One social card: a 1200 x 630 PNG naming a document, drawn with Pillow from plain values.

Reads the bundled fonts (text.py); writes nothing: `draw()` returns the PNG's bytes. A `Card` holds every
value drawn, so it is also what the cache key is made from. The layout, on white: a band of the accent
colour down the left edge; the document's type and main issue on one line (the type in the accent, the
issue in dark grey); the title in near-black, as large as fits in four lines or so (68 px down to 40 px,
then ellipsized); a rule and the site's name in the link colour at the foot. The accent and link colours
are checked by the settings for 4.5:1 contrast on white, and the dark text has more than 12:1.

The card is stored as an 8-bit palette image, whose palette is known before drawing: white, and 32 steps
from white to each of the card's four colours. Nothing is drawn over anything but the white background,
so every pixel is one colour's coverage of white: each colour's text is drawn, anti-aliased, into a
coverage layer of its own, and each layer's coverage picks that colour's nearest step. Flat areas keep
their exact colours and edges move by 4 levels at most. Against drawing in RGB and storing that, at the
same zlib level, this took a card's encoding from about 14 ms to 5 ms and its file from about 32 KB to
14 KB (Pillow computes PNG filters for every RGB row, never for palette rows, and a third of the data is
left to compress).

The bytes are the same on every run: no clocks, no metadata chunks (Pillow writes none unless asked),
fixed compression and palette, fonts from the repository with the basic layout engine. They can differ
only with Pillow's version (and the FreeType and zlib it bundles), which the cache key holds.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont

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
BLENDS = 32  # palette entries from white to each colour (4 x 32 + white = 129 of 256)
FULL = 255  # a layer's full coverage


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
        canvas = Layers((card.accent, card.link, INK, MUTED))
        canvas.rectangle((0, 0, BAND - 1, HEIGHT - 1), fill=card.accent)
        self._kicker(canvas, card)
        self._title(canvas, clean(card.title))
        canvas.rectangle((LEFT, RULE_Y, LEFT + TEXT_WIDTH - 1, RULE_Y + RULE_HEIGHT - 1), fill=card.link)
        site = one_line(self.bold, clean(card.site), FOOT_SIZE, TEXT_WIDTH)
        self._line(canvas, self.bold, site, FOOT_SIZE, FOOT_Y, card.link)
        data = io.BytesIO()
        canvas.image().save(data, format="PNG", optimize=False, compress_level=COMPRESSION)
        return data.getvalue()

    def _kicker(self, canvas: Layers, card: Card) -> None:
        """The type in the accent colour, then the issue's name in grey, on one line."""
        label = one_line(self.bold, clean(card.label), KICKER_SIZE, TEXT_WIDTH)
        x = self._line(canvas, self.bold, label, KICKER_SIZE, KICKER_Y, card.accent)
        issue = clean(card.issue)
        room = LEFT + TEXT_WIDTH - x - self.regular.width(SEPARATOR, KICKER_SIZE)
        if issue and room > KICKER_SIZE * 3:
            shown = one_line(self.regular, issue, KICKER_SIZE, room)
            self._line(canvas, self.regular, SEPARATOR + shown, KICKER_SIZE, KICKER_Y, MUTED, x)

    def _title(self, canvas: Layers, title: str) -> None:
        height = TITLE_BOTTOM - TITLE_TOP
        size, lines = fit(self.bold, title, TITLE_SIZES, TEXT_WIDTH, height, LEADING)
        step = round(size * LEADING)
        for number, line in enumerate(lines):
            self._line(canvas, self.bold, line, size, TITLE_TOP + number * step, INK)

    def _line(
        self,
        canvas: Layers,
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


class Layers:
    """A card being drawn: one coverage layer per colour, made into one palette image at the end.

    Offers the two drawing calls the painter makes, `text` and `rectangle`, as ImageDraw does, with a
    colour of the card as the fill. Rectangles are solid and go straight onto the card.
    """

    def __init__(self, colours: tuple[str, ...]) -> None:
        self.colours = colours
        self.card = Image.new("L", CARD_SIZE, 0)  # palette indexes: given the palette at the end
        self.layers: dict[str, tuple[Image.Image, ImageDraw.ImageDraw]] = {}

    def text(
        self, xy: tuple[float, float], text: str, font: ImageFont.FreeTypeFont, fill: str, anchor: str
    ) -> None:
        if fill not in self.layers:
            layer = Image.new("L", CARD_SIZE, 0)
            self.layers[fill] = (layer, ImageDraw.Draw(layer))
        self.layers[fill][1].text(xy, text, font=font, fill=FULL, anchor=anchor)

    def rectangle(self, box: tuple[int, int, int, int], fill: str) -> None:
        ImageDraw.Draw(self.card).rectangle(box, fill=self._first(fill) + BLENDS - 1)

    def image(self) -> Image.Image:
        """The card: white, then each layer's coverage as its colour's nearest step."""
        for colour, (layer, _) in self.layers.items():
            box = layer.getbbox()
            if box is not None:
                drawn = layer.crop(box)
                steps = drawn.point(_steps(self._first(colour)))
                self.card.paste(steps, box, drawn.point(_DRAWN))
        self.card.putpalette(palette_of(self.colours))  # an "L" image given a palette is a "P" image
        return self.card

    def _first(self, colour: str) -> int:
        return 1 + self.colours.index(colour) * BLENDS


_NEAREST = [round(v * BLENDS / FULL) for v in range(FULL + 1)]  # 0 is white: too faint for a step
_DRAWN = [FULL if n else 0 for n in _NEAREST]  # the pixels a layer gives a step: all or nothing


@functools.cache
def _steps(first: int) -> tuple[int, ...]:
    """The palette index for each coverage of a colour whose steps start at `first`."""
    return tuple(first + n - 1 if n else 0 for n in _NEAREST)


@functools.cache
def palette_of(colours: tuple[str, ...]) -> tuple[int, ...]:
    """White, then each colour blended into white in BLENDS steps (the last step is the colour itself)."""
    entries = [FULL, FULL, FULL]
    for colour in colours:
        rgb = ImageColor.getrgb(colour)[:3]
        for step in range(1, BLENDS + 1):
            entries.extend(round(FULL + (channel - FULL) * step / BLENDS) for channel in rgb)
    return tuple(entries)

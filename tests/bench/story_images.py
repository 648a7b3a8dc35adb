"""Draw the demo stories' lead images from each story's own facts, into content/images/.

Reads nothing but the facts written below (each taken from its story's text, which names its source);
writes three PNG files under content/images/. The network has no photographs the demo may use, so each
story that leads with an image leads with a drawing of what it says, credited "Illustration: Local Policy
Hub, from <the story's source>". No number appears here that its story does not give.

- hillsborough-nc-timeline.png (stories/hillsborough-goes-first.md): House Bill 142 passed in 2017; the
  section that kept localities from passing nondiscrimination protections expired at the end of 2020;
  Hillsborough went first; in 2021 ordinances passed in 15 municipalities, by the network's count.
- silicon-valley-eight-cities.png (stories/silicon-valley-regional-minimum-wage.md): in early 2019, $15 an
  hour became the minimum wage in eight Silicon Valley cities, benefiting over 200,000 workers.
- evanston-flock-timeline.png (stories/evanston-removes-flock-cameras.md): summer 2025, Evanston ended its
  Flock contract and removed the cameras; Flock reinstalled them; in October 2025 the city sent a cease and
  desist.

Run: PYTHONPATH=plugins python -m tests.bench.story_images (the same bytes on every run).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "plugins" / "hub_cards" / "fonts"
OUT = ROOT / "content" / "images"
SIZE = (1600, 900)
INK, MUTED, ACCENT, PAPER, LINE = "#1b1f24", "#4a5360", "#0b4fa6", "#ffffff", "#c9d1db"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def canvas(title: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    size = 54
    while draw.textlength(title, font=font(size, bold=True)) > SIZE[0] - 160:  # the title fits the width
        size -= 2
    draw.text((80, 70), title, fill=INK, font=font(size, bold=True))
    draw.line((80, 150, SIZE[0] - 80, 150), fill=LINE, width=3)
    return image, draw


def timeline(title: str, marks: list[tuple[str, list[str]]]) -> Image.Image:
    """A line with one dot per moment: its date above, its words below."""
    image, draw = canvas(title)
    left, right, y = 260, SIZE[0] - 260, 470
    draw.line((left, y, right, y), fill=MUTED, width=6)
    step = (right - left) / max(1, len(marks) - 1)
    for index, (when, words) in enumerate(marks):
        x = left + index * step
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=ACCENT)
        draw.text((x, y - 60), when, fill=INK, font=font(44, bold=True), anchor="ms")
        for line_no, line in enumerate(words):
            draw.text((x, y + 90 + line_no * 48), line, fill=INK, font=font(34), anchor="ms")
    return image


def hillsborough() -> Image.Image:
    return timeline(
        "North Carolina: House Bill 142 to 15 municipalities",
        [
            ("2017", ["House Bill 142", "passes"]),
            ("End of 2020", ["Its ban on local", "protections expires"]),
            ("2021", ["Hillsborough first;", "15 municipalities", "pass ordinances"]),
        ],
    )


def evanston() -> Image.Image:
    return timeline(
        "Evanston and Flock, 2025",
        [
            ("Summer", ["Contract ended,", "cameras removed"]),
            ("Then", ["Flock reinstalls", "its cameras"]),
            ("October", ["The city sends", "a cease and desist"]),
        ],
    )


def silicon_valley() -> Image.Image:
    """Eight city blocks in a row under the two numbers the story gives."""
    image, draw = canvas("Silicon Valley's regional $15 minimum wage, early 2019")
    draw.text((80, 250), "8 cities", fill=ACCENT, font=font(120, bold=True))
    draw.text((820, 250), "200,000+", fill=ACCENT, font=font(120, bold=True))
    draw.text((80, 400), "raised the minimum wage together", fill=INK, font=font(38))
    draw.text((820, 400), "workers benefiting", fill=INK, font=font(38))
    width, gap, top = 150, 34, 560
    for index in range(8):
        x = 80 + index * (width + gap)
        draw.rectangle((x, top, x + width, top + 220), fill=ACCENT if index % 2 == 0 else "#2f6fc0")
        draw.text((x + width / 2, top + 140), "$15", fill=PAPER, font=font(52, bold=True), anchor="ms")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in (
        ("hillsborough-nc-timeline.png", hillsborough),
        ("silicon-valley-eight-cities.png", silicon_valley),
        ("evanston-flock-timeline.png", evanston),
    ):
        draw().save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()

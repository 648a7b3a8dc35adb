"""The timeline as an inline SVG bar chart: one bar per year (or period), its count above it, the year below.

Reads nothing and writes nothing. `markup()` turns `Counts` (counts.py) into the text of an `<svg>`
element that the page carries inline (theme/templates/timeline.html). Built with
xml.etree.ElementTree, so every text is escaped. The site's Content-Security-Policy allows styles only
from the site's stylesheets (`style-src 'self'`): the chart has no `style` attribute and no `<style>`
element; its colours come from classes that theme/static/css/timeline.css styles, in light and dark.

- `<svg role="img">` is named by its `<title>` and described by its `<desc>`, which says every bar's
  count in words (an image's parts are not read one by one); the page's table says the same.
- Each bar is a `<g class="timeline-bar">` holding its `<rect>` (none for a zero), its count and its year.
- Inline in HTML, the `<svg>` needs no `xmlns` (the HTML parser puts it in the SVG namespace).
- The chart is drawn at its natural size (its `width` and `height`), so its text stays readable; the
  page lets a wide chart scroll sideways instead of shrinking it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .counts import Counts, Period

SLOT = 44  # the width each bar takes, room enough for a four-digit year in the label's font
BAR = 30
PAD = 8
TOP = 24  # room above the tallest bar for its count
PLOT = 120  # the tallest bar
BOTTOM = 28  # room below the axis for the years
BASELINE = TOP + PLOT
FONT_SIZE = 14
TITLE_ID = "timeline-title"
DESC_ID = "timeline-desc"


def size(counts: Counts) -> tuple[int, int]:
    """The chart's width and height, in CSS pixels."""
    return 2 * PAD + SLOT * len(counts.periods), TOP + PLOT + BOTTOM


def markup(counts: Counts, title: str, description: str) -> str:
    """The `<svg>` element's text, named by `title` and described by `description`."""
    width, height = size(counts)
    svg = ET.Element(
        "svg",
        {
            "class": "timeline-chart",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": TITLE_ID,
            "aria-describedby": DESC_ID,
        },
    )
    ET.SubElement(svg, "title", {"id": TITLE_ID}).text = title
    ET.SubElement(svg, "desc", {"id": DESC_ID}).text = description
    axis = {"x1": str(PAD), "y1": str(BASELINE), "x2": str(width - PAD), "y2": str(BASELINE)}
    ET.SubElement(svg, "line", {"class": "timeline-axis", **axis})
    for index, period in enumerate(counts.periods):
        _bar(svg, PAD + SLOT * index + SLOT / 2, period, counts.most)
    return ET.tostring(svg, encoding="unicode")


def _bar(svg: ET.Element, middle: float, period: Period, most: int) -> None:
    """One period's bar (none for a zero), centred on `middle`, its count above it and its year below."""
    group = ET.SubElement(svg, "g", {"class": "timeline-bar"})
    height = _height(period.adopted, most)
    if height:
        box = {"x": _n(middle - BAR / 2), "y": _n(BASELINE - height), "width": str(BAR), "height": _n(height)}
        ET.SubElement(group, "rect", box)
    text = {"x": _n(middle), "font-size": str(FONT_SIZE), "text-anchor": "middle"}
    count = {"class": "timeline-count", "y": _n(BASELINE - height - 6), **text}
    ET.SubElement(group, "text", count).text = str(period.adopted)
    year = {"class": "timeline-year", "y": str(BASELINE + 20), **text}
    ET.SubElement(group, "text", year).text = str(period.start)


def _height(adopted: int, most: int) -> float:
    """A bar's height: in proportion to the tallest, and at least one pixel for any adoption."""
    return 0.0 if adopted == 0 or most == 0 else max(1.0, PLOT * adopted / most)


def _n(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero: 12.0 -> '12', 3.25 -> '3.2'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text

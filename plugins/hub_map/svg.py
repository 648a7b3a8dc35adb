"""The map as SVG: the text of the map's own file, drawn from a `UsMap` (marks.py).

Reads nothing and writes nothing. `markup()` turns a `UsMap` into the text of the map's own SVG file
(`generator.py` writes it; pages show it through `<img>`). Built with xml.etree.ElementTree, so every
name is escaped. Colours come from `style.py`: a `<style>` element inside the file (light and dark), and
the light colours again as presentation attributes, so the file keeps them when it is opened on its own
under the site's Content-Security-Policy, which blocks the `<style>` there.

- The `<svg role="img">` is named by its `<title>` and `<desc>` (`aria-labelledby`); the desc is the
  map's description in words. Shapes and dots each have a `<title>`.
- Each state or territory is one `<path class="state status-…" data-jurisdiction="wa">`, shaded only for
  its statewide adoptions; one with local adoptions only keeps the land's colour and gets the class
  `has-local` (a darker outline). Each local jurisdiction with a location is a
  `<circle class="point status-…" data-jurisdiction="seattle-wa">` inside its state, the strongest
  statuses drawn last (on top). The slugs and classes let tests, styles and scripts find each mark.
- Shaded states with room for it show their postal code; every territory's is written beside it in its
  inset, whose frame is drawn too. Tiny shapes (DC, the small islands) get the class `small`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from hub_model import Site

from . import style
from .atlas import Atlas, Shape
from .marks import NONE, Mark, Translations, UsMap
from .projection import INSETS
from .words import mark_title

POINT_RADIUS = 4.5
LABEL_ROOM = 30.0  # a state's postal code is written on it when its label point has this much room
LABEL_HEIGHT = 16.0


def markup(site: Site, atlas: Atlas, us_map: UsMap, text: Translations) -> str:
    """The text of the map's SVG file: a document of its own, so the ids of its title and desc are fixed."""
    svg = _header(us_map)
    _insets(svg)
    _states(svg, atlas, us_map.states, text)
    _hatches(svg, atlas, us_map.states)
    _labels(svg, atlas, us_map.states)
    if us_map.points:
        _points(svg, site, us_map.points, text)
    return ET.tostring(svg, encoding="unicode") + "\n"


def _header(us_map: UsMap) -> ET.Element:
    """The `<svg>` element with its size, its name (title and desc) and its stylesheet."""
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": " ".join(str(n) for n in us_map.view_box),
            "width": str(us_map.width),  # an intrinsic size, for the <img> and for viewers of the file
            "height": str(us_map.height),
            "role": "img",
            "aria-labelledby": "map-title map-desc",
        },
    )
    ET.SubElement(svg, "title", {"id": "map-title"}).text = us_map.title
    ET.SubElement(svg, "desc", {"id": "map-desc"}).text = us_map.description
    ET.SubElement(svg, "style").text = style.stylesheet()
    return svg


def _insets(svg: ET.Element) -> None:
    """The frames of the territory insets."""
    line = {"stroke": style.LIGHT["line"], "stroke-width": _css(style.INSET_LINE)}
    frames = ET.SubElement(svg, "g", {"class": "insets", "fill": "none", **line})
    for inset in INSETS:
        x, y, width, height = inset.box
        ET.SubElement(
            frames,
            "rect",
            {"class": "inset", "x": _n(x), "y": _n(y), "width": _n(width), "height": _n(height), "rx": "3"},
        )


def _states(svg: ET.Element, atlas: Atlas, states: Sequence[Mark], text: Translations) -> None:
    """One shaded `<path>` per state and territory, each with its tooltip."""
    light = style.LIGHT
    group = ET.SubElement(
        svg,
        "g",
        {
            "class": "states",
            "fill": light[NONE],
            "stroke": light["line"],
            "stroke-width": _css(style.STATE_LINE),
            "stroke-linejoin": "round",
        },
    )
    # Outlined states, then small shapes go last, so their wide outlines are not covered by a neighbour
    # (DC inside Maryland).
    for mark in sorted(states, key=lambda m: (atlas.shapes[m.jurisdiction.slug].small, m.outlined)):
        shape = atlas.shapes[mark.jurisdiction.slug]
        classes = f"state {mark.classes}" + (" small" if shape.small else "")
        attributes = {"class": classes, "data-jurisdiction": mark.jurisdiction.slug, "d": shape.d}
        path = ET.SubElement(group, "path", attributes | _fallback(mark, shape.small))
        ET.SubElement(path, "title").text = mark_title(mark, text)


def hatch_pattern(parent: ET.Element, hatch: str, pattern_id: str) -> None:
    """A `<pattern>` of stripes for one hatch class; the map and the legend's swatch draw the same one."""
    spacing = style.HATCH_SPACING[hatch]
    pattern = ET.SubElement(
        parent,
        "pattern",
        {
            "id": pattern_id,
            "class": f"hatch-pattern {hatch}",
            "patternUnits": "userSpaceOnUse",
            "width": str(spacing),
            "height": str(spacing),
            "patternTransform": f"rotate({style.HATCH_ANGLE[hatch]})",
        },
    )
    width = _css(style.HATCH_LINE)
    for name, x in (("hatch-light", 0.0), ("hatch-dark", style.HATCH_LINE)):
        colour = style.LIGHT["halo" if name == "hatch-light" else "local"]
        x_text = _css(x + style.HATCH_LINE / 2)
        ET.SubElement(
            pattern,
            "line",
            {"class": name, "x1": x_text, "y1": "0", "x2": x_text, "y2": str(spacing),
             "stroke": colour, "stroke-width": width},
        )  # fmt: skip


def _hatches(svg: ET.Element, atlas: Atlas, states: Sequence[Mark]) -> None:
    """Over each state with a preemption law in force, its shape again, filled with the stripes."""
    hatched = [m for m in states if m.hatch]
    if not hatched:
        return
    defs = ET.SubElement(svg, "defs")
    for hatch in sorted({m.hatch for m in hatched}):
        hatch_pattern(defs, hatch, f"hatch-{hatch}")
    group = ET.SubElement(svg, "g", {"class": "hatches", "stroke": style.LIGHT["local"], "stroke-width": "1"})
    for mark in hatched:
        shape = atlas.shapes[mark.jurisdiction.slug]
        ET.SubElement(
            group,
            "path",
            {"class": f"hatch {mark.hatch}", "data-jurisdiction": mark.jurisdiction.slug,
             "d": shape.d, "fill": f"url(#hatch-{mark.hatch})"},
        )  # fmt: skip


def _points(svg: ET.Element, site: Site, points: Sequence[Mark], text: Translations) -> None:
    """One `<circle>` per located jurisdiction, in the order given (the strongest last), with its tooltip."""
    light = style.LIGHT
    halo = {"stroke": light["halo"], "stroke-width": _css(style.HALO)}
    dots = ET.SubElement(svg, "g", {"class": "points", **halo})
    for mark in points:
        circle = ET.SubElement(
            dots,
            "circle",
            {
                "class": f"point status-{mark.status}",
                "data-jurisdiction": mark.jurisdiction.slug,
                "cx": _n(mark.x),
                "cy": _n(mark.y),
                "r": _n(POINT_RADIUS),
                "fill": light[mark.status],
            },
        )
        ET.SubElement(circle, "title").text = mark_title(mark, text, site)


def _fallback(mark: Mark, small: bool) -> dict[str, str]:
    """A shape's own light colours as presentation attributes (the group gives the rest)."""
    attributes = {} if mark.status == NONE else {"fill": style.LIGHT[mark.status]}
    if mark.outlined:
        attributes |= {"stroke": style.LIGHT["local"], "stroke-width": _css(style.LOCAL_LINE)}
    elif small and mark.status == NONE:
        attributes["stroke-width"] = _css(style.SMALL_NONE_LINE)
    elif small:
        attributes |= {"stroke": style.LIGHT[mark.status], "stroke-width": _css(style.SMALL_LINE)}
    return attributes


def _labels(svg: ET.Element, atlas: Atlas, states: Sequence[Mark]) -> None:
    """Postal codes: on each shaded state with room for one, and beside every territory in its inset."""
    group = ET.SubElement(
        svg,
        "g",
        {
            "class": "labels",
            "fill": style.LIGHT["label"],
            "font-family": style.FONT,
            "font-size": str(style.LABEL_SIZE),
            "font-weight": "700",
            "text-anchor": "middle",
            "dominant-baseline": "central",
        },
    )
    for mark in states:
        shape: Shape = atlas.shapes[mark.jurisdiction.slug]
        x, y, room = shape.label
        fits = room >= LABEL_ROOM and shape.bbox[3] - shape.bbox[1] >= LABEL_HEIGHT
        if mark.status != NONE and fits and not _in_inset(shape.code):
            _text(group, {"class": "label"}, x, y, shape.code.upper())
    territory = {
        "class": "label territory-label",
        "fill": style.LIGHT["text"],
        "font-size": str(style.TERRITORY_LABEL_SIZE),
        "font-weight": "600",
    }
    for inset in INSETS:
        for code, x, y in inset.labels:
            _text(group, territory, x, y, code.upper())


def _in_inset(code: str) -> bool:
    return any(code in inset.states for inset in INSETS)


def _text(parent: ET.Element, attributes: dict[str, str], x: float, y: float, value: str) -> None:
    ET.SubElement(parent, "text", {**attributes, "x": _n(x), "y": _n(y)}).text = value


def _n(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero: 12.0 -> '12', 3.25 -> '3.2'."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _css(value: float) -> str:
    """A line width as written in the stylesheet: 0.75 -> '0.75', 3 -> '3'."""
    return f"{value:g}"

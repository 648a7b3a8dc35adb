"""The map's colours, and the stylesheet written inside each map's SVG file.

Reads and writes nothing. A map is its own file, shown through `<img>`, so it cannot use the page's
stylesheets: `stylesheet()` is the `<style>` element's text inside the SVG (light colours, and dark ones
under `prefers-color-scheme: dark`, which an SVG image follows from the page showing it). CSS inside an
SVG loaded as an image is not subject to the page's Content-Security-Policy. Opened on its own, under
the site's CSP, the same `<style>` is blocked, so `svg.py` also writes the light colours as presentation
attributes (which CSP does not govern and any CSS rule overrides): the file reads the same everywhere.

`LIGHT` and `DARK` are the one definition of the colours: the build writes them into the HTML legend's
stylesheet too (`legend_colours()`, filled into theme/templates/map.css by generator.py). Every status
colour keeps at least 3:1 contrast with the page background (WCAG 1.4.11) and 4.5:1 with the postal codes
written on shaded states, in both schemes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

STATUS_NAMES = ("adopted", "introduced", "preempted", "repealed", "failed", "named", "none")
"""The status classes (`status-…`) the map uses: the AdoptionStatus values, then "named" and "none"."""

LIGHT: Mapping[str, str] = MappingProxyType(
    {
        "adopted": "#1d6b36",  # 6.5:1 on white
        "introduced": "#a85200",  # 5.4:1
        "preempted": "#6a3d9a",  # 7.6:1
        "repealed": "#b0243a",  # 6.7:1
        "failed": "#6e6259",  # 5.9:1
        "named": "#4f74a8",  # 4.8:1: named in documents, no adoption (the jurisdictions map)
        "none": "#e9edf1",  # the land: its outline, `line`, carries the shapes (4.7:1)
        "line": "#6b7480",
        "local": "#1b1f24",  # the outline of an unshaded state with local adoptions: the page text
        "label": "#ffffff",  # postal codes on shaded states
        "halo": "#ffffff",  # around each point: the page background (hub.css --bg)
        "text": "#1b1f24",  # territory codes beside the insets: the page text (hub.css --text)
    }
)
DARK: Mapping[str, str] = MappingProxyType(
    {
        "adopted": "#7fd69a",  # 10.6:1 on the dark background
        "introduced": "#ffb35c",  # 10.4:1
        "preempted": "#c9a7ff",  # 9.2:1
        "repealed": "#ff9aa2",  # 9.2:1
        "failed": "#c2b6ab",  # 9.3:1
        "named": "#7fa7dc",  # 7.5:1
        "none": "#262d35",
        "line": "#8d98a5",  # 6.3:1
        "local": "#e8ecf1",
        "label": "#111417",
        "halo": "#111417",
        "text": "#e8ecf1",
    }
)
FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif'
LABEL_SIZE = 13
TERRITORY_LABEL_SIZE = 10
STATE_LINE = 0.6
SMALL_LINE = 3  # DC and the small islands: a wide outline in their own colour keeps them visible
SMALL_NONE_LINE = 1.5
LOCAL_LINE = 1.5  # the outline of a state with local adoptions only: emphasis, never a fill
INSET_LINE = 0.75
HALO = 2
# Preemption hatching (preempt.py): each stripe a dark line beside a light one, so it shows over every
# fill, light or dark; `preempts` dense at 45 degrees, `partial` sparse at -45 degrees.
HATCH_SPACING = {"preempts": 6, "partial": 12}
HATCH_ANGLE = {"preempts": 45, "partial": -45}
HATCH_LINE = 1.5


LEGEND_COLOURS = (*STATUS_NAMES, "line", "local")
"""The colours the HTML legend's stylesheet needs: one per status, the states' outline, and the outline of
a state with local adoptions only."""


def legend_colours(colours: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(name, colour) for theme/templates/map.css, which writes each as `--map-<name>`."""
    return tuple((name, colours[name]) for name in LEGEND_COLOURS)


def _variables(colours: Mapping[str, str]) -> str:
    return ";".join(f"--{name}:{value}" for name, value in colours.items())


def stylesheet() -> str:
    """The CSS inside every map file: colours by status class, outlines, labels; dark-mode colours."""
    statuses = "".join(f".status-{name}{{--f:var(--{name})}}" for name in STATUS_NAMES)
    return (
        f"svg{{{_variables(LIGHT)}}}"
        f"@media (prefers-color-scheme:dark){{svg{{{_variables(DARK)}}}}}"
        f"{statuses}"
        f".state{{fill:var(--f);stroke:var(--line);stroke-width:{STATE_LINE:g};stroke-linejoin:round}}"
        f".state.small{{stroke:var(--f);stroke-width:{SMALL_LINE:g}}}"
        f".state.small.status-none{{stroke:var(--line);stroke-width:{SMALL_NONE_LINE:g}}}"
        f".state.status-none.has-local{{stroke:var(--local);stroke-width:{LOCAL_LINE:g}}}"
        f".inset{{fill:none;stroke:var(--line);stroke-width:{INSET_LINE:g}}}"
        f".point{{fill:var(--f);stroke:var(--halo);stroke-width:{HALO:g}}}"
        f".label{{fill:var(--label);font:700 {LABEL_SIZE}px {FONT};text-anchor:middle;"
        "dominant-baseline:central;pointer-events:none}"
        f".territory-label{{fill:var(--text);font-size:{TERRITORY_LABEL_SIZE}px;font-weight:600}}"
        f".hatch-dark{{stroke:var(--local);stroke-width:{HATCH_LINE:g}}}"
        f".hatch-light{{stroke:var(--halo);stroke-width:{HATCH_LINE:g}}}"
        ".hatch{stroke:var(--local);stroke-width:1;pointer-events:none}"
    )

"""hub_map: the SVG map of adoptions, on its own (projection, shapes, statuses, words, colours), as the files
a real build writes with the `<img>` that shows each, and in Chromium under the site's CSP."""

from __future__ import annotations

import dataclasses
import gettext
import io
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub_content import HubSettings, load_site
from hub_core.context import MAPS_KEY, SETTINGS_KEY, SITE_KEY
from hub_map import PRECEDENCE, MapMaker, SiteMaps, load_atlas, style
from hub_map.atlas import DATA
from hub_map.maps import maps_of
from hub_map.marks import strongest
from hub_map.projection import INSETS, project
from hub_model import STATES, AdoptionStatus
from hub_pages.brand import contrast
from tests.browser import open_page, served
from tests.sitekit import JURISDICTIONS, ROOT, build, front, write_site

SVG = "{http://www.w3.org/2000/svg}"
# The fixture's North Carolina with a location for Durham, and two more states with places.
NC = JURISDICTIONS["nc"].replace("  kind: city\n", "  kind: city\n  lat: 35.99\n  lon: -78.90\n")
HI = "- slug: honolulu-hi\n  name: Honolulu\n  kind: city\n  lat: 21.31\n  lon: -157.86\n"
PR = "- slug: san-juan-pr\n  name: San Juan\n  kind: city\n  lat: 18.47\n  lon: -66.11\n"
ALOHA = front(
    """
    title: Aloha Housing Act
    date: 2025-05-01
    summary: A model from the islands.
    issues: [housing]
    adoptions:
      - jurisdiction: honolulu-hi
        status: adopted
        date: 2025-02-03
      - jurisdiction: san-juan-pr
        status: failed
    """
)
COLORADO = front(
    "title: Denver Notes\ndate: 2025-04-01\nsummary: News.\nissues: [housing]\njurisdictions: [co]"
)
UNADOPTED = front("title: Not Yet Taken Up\ndate: 2025-03-01\nsummary: A new model.\nissues: [housing]")
EXTRA = {
    "ordinances/unadopted.md": UNADOPTED,
    "jurisdictions/nc.yaml": NC,
    "jurisdictions/hi.yaml": HI,
    "jurisdictions/pr.yaml": PR,
    "ordinances/aloha.md": ALOHA,
    "news/denver.md": COLORADO,
}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def drawn(maker: MapMaker, site, figure) -> ET.Element:
    """The figure's SVG file, as the build writes it, parsed."""
    return parse(maker.svg(site, figure))


def paths(root: ET.Element) -> dict[str, ET.Element]:
    """State paths by the name in their tooltip ("North Carolina: Adopted" -> "North Carolina")."""
    found = {}
    for path in root.iter(f"{SVG}path"):
        found[path.find(f"{SVG}title").text.split(":")[0]] = path
    return found


def status(path: ET.Element) -> str:
    [value] = [c for c in path.get("class").split() if c.startswith("status-")]
    return value.removeprefix("status-")


def path_box(d: str) -> tuple[float, float, float, float]:
    """The bounding box of our path data: `M x,y` then relative `l` steps, rings closed with `z`."""
    xs, ys = [], []
    for ring in re.findall(r"M([^Mz]+)z", d):
        start, _, steps = ring.partition("l")
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", start + " " + steps)]
        x, y = numbers[0], numbers[1]
        xs.append(x)
        ys.append(y)
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def maker(atlas):
    return MapMaker(atlas, gettext.NullTranslations())


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """The sitekit fixture as it is: Durham has no location."""
    return load_site(write_site(tmp_path_factory.mktemp("plain")), HubSettings(drafts=True))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return load_site(write_site(tmp_path_factory.mktemp("located"), EXTRA), HubSettings(drafts=True))


def ordinance(site, slug="fair-rent"):
    return next(d for d in site.documents if d.slug == slug)


# The shapes and the projection


def test_the_data_has_every_state_and_territory_and_stays_small(atlas):
    assert set(atlas.shapes) == set(STATES)
    assert atlas.view_box == (0, 0, 975, 610)
    assert DATA.stat().st_size < 200_000
    assert (DATA.parent / "SOURCE.md").read_text().count("us-atlas") > 2


@pytest.mark.parametrize(
    ("state", "lon", "lat", "expected"),
    [
        # d3-geo 3.1.1: geoAlbersUsa().scale(1300).translate([487.5, 305]), the us-atlas projection.
        ("nc", -78.90, 35.99, (807.3934, 339.2106)),
        ("hi", -157.86, 21.31, (266.9240, 549.1204)),
        ("ak", -149.90, 61.22, (112.2776, 544.2627)),
        ("wa", -122.33, 47.61, (97.6795, 46.2451)),
        ("fl", -80.19, 25.76, (822.7813, 572.5723)),
    ],
)
def test_the_projection_is_d3s_albers_usa(state, lon, lat, expected):
    assert project(state, lon, lat) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    ("state", "lon", "lat"),
    [
        ("nc", -78.90, 35.99),  # Durham
        ("hi", -157.86, 21.31),  # Honolulu, in the Hawaii inset
        ("ak", -149.90, 61.22),  # Anchorage, in the Alaska inset
        ("ca", -122.42, 37.77),  # San Francisco
        ("me", -70.26, 43.66),  # Portland, Maine
        ("pr", -66.11, 18.47),  # San Juan, in the Caribbean inset
        ("gu", 144.75, 13.48),  # Hagåtña
        ("as", -170.70, -14.28),  # Pago Pago
    ],
)
def test_known_places_land_inside_their_states_path(atlas, state, lon, lat):
    point = project(state, lon, lat)
    assert inside(point, path_box(atlas.shapes[state].d))
    if state in ("hi", "ak", "pr", "gu", "as"):  # the insets overlap no other shape
        assert [c for c, s in atlas.shapes.items() if inside(point, path_box(s.d))] == [state]


def test_the_insets_hold_their_territories_and_sit_clear_of_the_states(atlas):
    for inset in INSETS:
        x, y, width, height = inset.box
        assert x >= 0 and y >= 0 and x + width <= 975 and y + height <= 610
        for code in inset.states:
            x0, y0, x1, y1 = path_box(atlas.shapes[code].d)
            assert x <= x0 and x1 <= x + width and y <= y0 and y1 <= y + height, code
        for code, shape in atlas.shapes.items():
            if code not in inset.states:
                x0, y0, x1, y1 = path_box(shape.d)
                assert x1 < x or x0 > x + width or y1 < y or y0 > y + height, (code, inset.states)


# Statuses


def test_a_state_with_several_statuses_takes_the_first_by_precedence():
    adopted, introduced, failed, repealed, preempted = (
        AdoptionStatus.ADOPTED,
        AdoptionStatus.INTRODUCED,
        AdoptionStatus.FAILED,
        AdoptionStatus.REPEALED,
        AdoptionStatus.PREEMPTED,
    )
    assert (adopted, introduced, preempted, repealed, failed) == PRECEDENCE
    assert strongest([introduced, adopted]) == "adopted"
    assert strongest([failed, preempted, repealed]) == "preempted"
    assert strongest([failed, repealed]) == "repealed"
    assert strongest([failed]) == "failed"
    assert strongest([]) == "none"


# One ordinance's map


def test_the_ordinance_map_shades_north_carolina_for_its_statewide_bill_and_marks_durham(maker, site):
    figure = maker.ordinance(site, ordinance(site))
    assert (figure.path, figure.shown) == ("ordinances/fair-rent/map.svg", True)
    svg = maker.svg(site, figure)
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.get("viewBox") == "0 0 975 610"
    assert (root.get("width"), root.get("height")) == ("975", "610")
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.get("id"), desc.get("id")) == ("map-title", "map-desc")
    assert title.text == "Map of where Fair Rent Ordinance has been taken up"
    assert figure.us_map.summary == "Adopted: 1 local jurisdiction in 1 state; 0 statewide laws."
    assert (
        desc.text
        == figure.us_map.description
        == (
            "Adopted: 1 local jurisdiction in 1 state; 0 statewide laws. "
            "Local adoptions in 1 state: North Carolina. "
            "Introduced in 1 jurisdiction in 1 state: North Carolina. "
            "1 local jurisdiction with a known location is marked with a dot."
        )
    )
    states = paths(root)
    assert len(states) == len(STATES) == 56
    # Durham adopted, North Carolina itself only introduced: the state shows its own, statewide status.
    assert states["North Carolina"].get("class") == "state status-introduced"
    assert states["North Carolina"].get("data-jurisdiction") == "nc"
    assert (
        states["North Carolina"].find(f"{SVG}title").text
        == "North Carolina: Introduced statewide; 1 local jurisdiction: Adopted"
    )
    assert {status(p) for name, p in states.items() if name != "North Carolina"} == {"none"}
    assert states["Texas"].find(f"{SVG}title").text == "Texas: No adoptions recorded"
    [point] = root.iter(f"{SVG}circle")
    assert point.get("class") == "point status-adopted"
    assert point.get("data-jurisdiction") == "durham-nc"
    assert point.find(f"{SVG}title").text == "Durham, North Carolina: Adopted"
    durham = (float(point.get("cx")), float(point.get("cy")))
    assert inside(durham, path_box(states["North Carolina"].get("d")))
    assert [(e.status, e.point) for e in figure.us_map.legend] == [
        ("introduced", False),
        ("none", False),
        ("adopted", True),
    ]
    assert (figure.us_map.width, figure.us_map.height) == (975, 610)
    assert len(svg.encode()) < 150_000


def test_a_jurisdiction_without_a_location_gets_no_point_and_is_named_instead(maker, plain_site):
    figure = maker.ordinance(plain_site, ordinance(plain_site))
    root = drawn(maker, plain_site, figure)
    assert list(root.iter(f"{SVG}circle")) == []
    assert paths(root)["North Carolina"].get("class") == "state status-introduced"
    assert [m.jurisdiction.slug for m in figure.us_map.unplaced] == ["durham-nc"]
    assert root.find(f"{SVG}desc").text.endswith(
        "1 local jurisdiction has no location on the map: Durham, North Carolina."
    )


def test_islands_are_drawn_in_their_insets_with_their_status(maker, site):
    root = drawn(maker, site, maker.ordinance(site, ordinance(site, "aloha")))
    states = paths(root)
    # Only Honolulu and San Juan took it up: their states keep the land's colour, outlined.
    assert states["Hawaii"].get("class") == "state status-none has-local"
    assert states["Puerto Rico"].get("class") == "state status-none has-local"
    assert "small" in states["U.S. Virgin Islands"].get("class").split()
    points = {
        c.find(f"{SVG}title").text: (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
    }
    assert inside(points["Honolulu, Hawaii: Adopted"], path_box(states["Hawaii"].get("d")))
    assert inside(points["San Juan, Puerto Rico: Failed"], path_box(states["Puerto Rico"].get("d")))
    assert root.find(f"{SVG}desc").text.startswith(
        "Adopted: 1 local jurisdiction in 1 state; 0 statewide laws. Local adoptions in 1 state: Hawaii. "
        "Failed in 1 jurisdiction in 1 state: Puerto Rico."
    )
    # Adopted dots are drawn last, on top of the others.
    assert [c.get("class") for c in root.iter(f"{SVG}circle")] == [
        "point status-failed",
        "point status-adopted",
    ]


def test_names_are_escaped_and_the_colours_are_inside_the_file(maker, site):
    figure = maker.ordinance(site, dataclasses.replace(ordinance(site), title='Rent <b>"&" Fair'))
    root = drawn(maker, site, figure)
    assert root.find(f"{SVG}title").text == 'Map of where Rent <b>"&" Fair has been taken up'
    # The file is shown through <img>, so its colours travel inside it: one <style> element, light colours
    # by status class, dark ones for a dark colour scheme; never a style attribute.
    [css] = [element.text for element in root.iter(f"{SVG}style")]
    assert css == style.stylesheet()
    light, dark = css.split("@media (prefers-color-scheme:dark)")
    for name in style.STATUS_NAMES:
        assert f"--{name}:{style.LIGHT[name]}" in light and f"--{name}:{style.DARK[name]}" in dark
        assert f".status-{name}{{--f:var(--{name})}}" in css
    assert all("style" not in element.attrib for element in root.iter())
    # The light colours again as presentation attributes: the file keeps them opened on its own under
    # the site's CSP, which blocks its <style> there.
    states = paths(root)
    assert states["North Carolina"].get("fill") == style.LIGHT["introduced"]
    assert states["Texas"].get("fill") is None  # the group's: the land's colour
    assert root.find(f"{SVG}g[@class='states']").get("fill") == style.LIGHT["none"]
    [point] = root.iter(f"{SVG}circle")
    assert point.get("fill") == style.LIGHT["adopted"]


def test_the_issue_map_has_every_ordinance_and_the_site_map_every_named_state(maker, site):
    issue = maker.issue(site, site.issues["housing"])
    assert (issue.path, issue.shown) == ("issues/housing/map.svg", True)
    states = paths(drawn(maker, site, issue))
    assert [states[s].get("class") for s in ("North Carolina", "Hawaii", "Puerto Rico", "Colorado")] == [
        "state status-introduced",
        "state status-none has-local",
        "state status-none has-local",
        "state status-none",
    ]
    assert issue.us_map.summary == "Adopted: 2 local jurisdictions in 2 states; 0 statewide laws."
    assert [state.name for state, _ in issue.adoptions_by_state] == [
        "Hawaii",
        "North Carolina",
        "Puerto Rico",
    ]
    everything = maker.everything(site)
    assert (everything.path, everything.shown) == ("jurisdictions/map.svg", True)
    root = drawn(maker, site, everything)
    states = paths(root)
    assert status(states["Colorado"]) == "named"
    assert (
        states["Colorado"].find(f"{SVG}title").text == "Colorado: Named in documents; no adoptions recorded"
    )
    assert status(states["Texas"]) == "none"
    # Hawaii is named by Aloha's documents too, but its local adoption outlines it rather than "named".
    assert "Documents also name 1 state without adoptions: Colorado." in root.find(f"{SVG}desc").text
    marked = everything.us_map.marked_states
    assert [(m.jurisdiction.name, m.classes, m.places) for m in marked] == [
        ("Colorado", "status-named", 0),
        ("Hawaii", "status-none has-local", 1),
        ("North Carolina", "status-introduced", 1),
        ("Puerto Rico", "status-none has-local", 1),
    ]
    assert [m.count(AdoptionStatus.ADOPTED) for m in marked] == [0, 1, 1, 0]
    assert everything.us_map.statuses == (
        AdoptionStatus.ADOPTED,
        AdoptionStatus.INTRODUCED,
        AdoptionStatus.FAILED,
    )
    assert [(e.classes, e.label) for e in everything.us_map.legend] == [
        ("state status-introduced", "State: statewide bill introduced"),
        ("state status-named", "State named in documents, no adoptions"),
        ("state status-none has-local", "State with local adoptions only (not shaded)"),
        ("state status-none", "State with no statewide adoption recorded"),
        ("point status-adopted", "City, county or other local jurisdiction: adopted"),
        ("point status-failed", "City, county or other local jurisdiction: failed"),
    ]


def test_each_map_is_drawn_once_per_build_for_the_page_and_the_file(maker, site):
    """The figure a page's view is given is the very figure whose file is written: not drawn twice."""
    maps = SiteMaps(maker, site)
    fair_rent, unadopted = ordinance(site), ordinance(site, "unadopted")
    shown = [maps.ordinance(fair_rent), maps.issue(site.issues["housing"]), maps.everything()]
    listed = list(maps.figures())
    assert all(any(f is g for g in listed) for f in shown)
    assert maps.ordinance(fair_rent) is shown[0] and maps.ordinance(unadopted) is maps.ordinance(unadopted)
    assert not maps.ordinance(unadopted).shown and maps.ordinance(unadopted) not in listed
    assert [f.path for f in listed] == [f.path for f in maps.figures()]
    assert maps.svg(shown[0]) == maker.svg(site, maker.ordinance(site, fair_rent))


def test_the_maps_of_a_build_share_the_marks_of_states_with_nothing_to_show(atlas, site):
    # 56 marks a map, one map an ordinance: kept once per state, not once per map.
    maker = MapMaker(atlas, gettext.NullTranslations())
    one, other = maker.ordinance(site, ordinance(site)), maker.ordinance(site, ordinance(site, "unadopted"))
    pairs = list(zip(one.us_map.states, other.us_map.states, strict=True))
    assert len(pairs) == len(atlas.shapes)
    shared = [a.jurisdiction.slug for a, b in pairs if a is b]
    assert "co" in shared and len(shared) > 40
    assert all(a == b for a, b in pairs if a.jurisdiction.slug not in ("nc", "hi", "pr"))
    nc = next(a for a, b in pairs if a.jurisdiction.slug == "nc")
    assert nc.status == "introduced" and nc not in [b for _, b in pairs]


def test_the_builds_maps_are_made_once_and_kept_in_its_context(site):
    context = {SITE_KEY: site, SETTINGS_KEY: HubSettings(drafts=True), "DEFAULT_LANG": "en"}
    maps = maps_of(context, str(ROOT / "theme"))
    assert context[MAPS_KEY] is maps and maps_of(context, str(ROOT / "theme")) is maps
    assert maps.site is site
    assert maps_of({**context, MAPS_KEY: maps}, "elsewhere") is maps  # the context's, whatever is asked


# State level against local level


WA = "- slug: seattle-wa\n  name: Seattle\n  kind: city\n  lat: 47.61\n  lon: -122.33\n"
# Washington passed it statewide and Seattle locally; in North Carolina only a town, a city and a school
# district did, the school district without a location (a built-in county always has one).
SCHOOLS = "- slug: chapel-hill-schools-nc\n  name: Chapel Hill Schools\n  kind: school-district\n"
STATEWIDE = front(
    """
    title: Statewide Rent Act
    date: 2025-06-01
    summary: A model passed by a state and by cities.
    issues: [housing]
    adoptions:
      - jurisdiction: wa
        status: adopted
        date: 2025-04-01
      - jurisdiction: seattle-wa
        status: adopted
        date: 2024-06-24
      - jurisdiction: durham-nc
        status: adopted
        date: 2024-11-04
      - jurisdiction: hillsborough-nc
        status: adopted
        date: 2024-12-09
      - jurisdiction: chapel-hill-schools-nc
        status: adopted
        date: 2025-01-21
      - jurisdiction: tx
        status: introduced
    """
)
LEVELS = {
    "jurisdictions/nc.yaml": NC + SCHOOLS,
    "jurisdictions/wa.yaml": WA,
    "ordinances/statewide.md": STATEWIDE,
}


@pytest.fixture(scope="module")
def levels(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("levels")
    result = build(write_site(root / "content", LEVELS), root / "out")
    assert result.returncode == 0, result.stderr
    return root


def test_a_state_is_shaded_for_its_statewide_law_and_never_for_its_towns(maker, levels):
    site = load_site(levels / "content", HubSettings(drafts=True))
    figure = maker.ordinance(site, ordinance(site, "statewide"))
    root = drawn(maker, site, figure)
    shapes = {p.get("data-jurisdiction"): p for p in root.iter(f"{SVG}path")}
    assert len(shapes) == len(STATES)
    assert shapes["wa"].get("class") == "state status-adopted"
    assert shapes["wa"].get("fill") == style.LIGHT["adopted"]
    assert shapes["tx"].get("class") == "state status-introduced"
    # North Carolina has three local adoptions and no statewide one: the land's colour, an outline.
    assert shapes["nc"].get("class") == "state status-none has-local"
    assert shapes["nc"].get("fill") is None
    assert shapes["nc"].get("stroke") == style.LIGHT["local"]
    assert shapes["nc"].find(f"{SVG}title").text == (
        "North Carolina: no statewide adoption; 3 local jurisdictions: Adopted (3)"
    )
    shaded = {slug for slug, p in shapes.items() if status(p) != "none"}
    assert shaded == {"wa", "tx"}
    dots = {c.get("data-jurisdiction"): c for c in root.iter(f"{SVG}circle")}
    assert set(dots) == {"seattle-wa", "durham-nc", "hillsborough-nc"}
    assert {c.get("class") for c in dots.values()} == {"point status-adopted"}
    for slug, state in (("seattle-wa", "wa"), ("durham-nc", "nc"), ("hillsborough-nc", "nc")):
        at = (float(dots[slug].get("cx")), float(dots[slug].get("cy")))
        assert inside(at, path_box(shapes[state].get("d"))), slug
    # The school district has no location: no dot, but named and counted, never dropped.
    assert [m.jurisdiction.slug for m in figure.us_map.unplaced] == ["chapel-hill-schools-nc"]
    summary = "Adopted: 4 local jurisdictions in 2 states; 1 statewide law."
    assert figure.us_map.summary == summary
    assert root.find(f"{SVG}desc").text == (
        f"{summary} Statewide law in 1 state: Washington. "
        "Local adoptions in 2 states: North Carolina, Washington. "
        "Introduced in 1 jurisdiction in 1 state: Texas. "
        "3 local jurisdictions with a known location are marked with dots. "
        "1 local jurisdiction has no location on the map: Chapel Hill Schools, North Carolina."
    )


def test_the_summary_counts_adopted_ones_in_the_singular_and_the_plural(maker, site, levels):
    two = load_site(levels / "content", HubSettings(drafts=True))
    issue = maker.issue(two, two.issues["housing"]).us_map.summary
    # Fair Rent's Durham is the same jurisdiction as the Statewide Rent Act's: counted once.
    assert issue == "Adopted: 4 local jurisdictions in 2 states; 1 statewide law."
    only_introduced = dataclasses.replace(
        ordinance(site),
        details=dataclasses.replace(
            ordinance(site).details,
            adoptions=tuple(a for a in ordinance(site).details.adoptions if a.jurisdiction == "nc"),
        ),
    )
    figure = maker.ordinance(site, only_introduced)
    assert figure.us_map.summary == "Adopted: 0 local jurisdictions in 0 states; 0 statewide laws."
    assert figure.us_map.points == () and figure.us_map.unplaced == ()


def test_the_page_says_the_summary_and_names_the_places_off_the_map(levels):
    html, img, root = page_map(levels / "out", "ordinances/statewide")
    summary = "Adopted: 4 local jurisdictions in 2 states; 1 statewide law."
    assert f'<p class="map-summary">{summary}</p>' in html
    assert img["alt"].startswith(summary) and img["alt"] == root.find(f"{SVG}desc").text
    assert "1 local jurisdiction is not on the map, for want of a location:" in html
    assert '<a href="/jurisdictions/chapel-hill-schools-nc/">Chapel Hill Schools, North Carolina</a>.' in html
    legend = html[html.index('aria-label="Map legend"') : html.index('class="map-note"')]
    assert '<rect class="state status-adopted"' in legend and "State: statewide law adopted" in legend
    assert '<rect class="state status-none has-local"' in legend
    assert '<circle class="point status-adopted"' in legend
    css = (levels / "out" / "theme" / "css" / "map.css").read_text()
    assert ".us-map .status-none.has-local { stroke: var(--map-local)" in css
    assert f"--map-local: {style.LIGHT['local']};" in css


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.lists(st.tuples(st.integers(0, 20), st.sampled_from(PRECEDENCE)), max_size=12))
def test_only_a_states_own_adoptions_shade_it_and_every_local_one_is_drawn_or_named(atlas, site, choices):
    """Whatever mix of statewide and local adoptions: a state's shape follows its statewide ones alone,
    each local jurisdiction is a dot or named off the map (never both, never lost), and the summary counts
    the adopted ones."""
    from hub_map.marks import render, state_marks
    from hub_model import Adoption
    from hub_pages.views import AdoptionRow

    places = sorted(site.jurisdictions.values(), key=lambda j: j.slug)
    doc = ordinance(site)
    rows = []
    for index, chosen in choices:
        place = places[index % len(places)]
        adoption = Adoption(place.slug, chosen)
        rows.append(AdoptionRow(adoption, place, site.jurisdictions[place.state], doc))
    us_map = render(site, atlas, rows, gettext.NullTranslations(), "Map")
    for mark in state_marks(site, atlas, rows):
        own = [r.adoption.status for r in rows if r.jurisdiction.slug == mark.jurisdiction.slug]
        assert mark.status == strongest(own), mark.jurisdiction.slug
    local = {r.jurisdiction.slug for r in rows if not r.jurisdiction.is_state}
    drawn_slugs = [m.jurisdiction.slug for m in us_map.points]
    named = [o.jurisdiction.slug for o in us_map.unplaced]
    assert sorted(drawn_slugs + named) == sorted(local)
    adopted = [r for r in rows if r.adoption.status is AdoptionStatus.ADOPTED]
    towns = {r.jurisdiction.slug for r in adopted if not r.jurisdiction.is_state}
    laws = sum(r.jurisdiction.is_state for r in adopted)
    numbers = [int(n) for n in re.findall(r"\d+", us_map.summary)]
    assert numbers == [len(towns), len({site.jurisdictions[t].state for t in towns}), laws]
    assert us_map.description.startswith(us_map.summary)


# In a real build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("mapsite")
    result = build(write_site(root / "content", EXTRA), root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


IMG = re.compile(r'<img class="us-map-img" [^>]*>')


def page_map(output: Path, url: str) -> tuple[str, dict[str, str], ET.Element]:
    """A page's HTML, the attributes of its map's <img>, and the SVG file the image shows, parsed."""
    html = (output / url / "index.html").read_text(encoding="utf-8")
    [img] = IMG.findall(html)
    attributes = {name: unescape(value) for name, value in re.findall(r'([a-z-]+)="([^"]*)"', img)}
    assert attributes["src"] == f"/{url}/map.svg"
    svg = (output / url / "map.svg").read_text(encoding="utf-8")
    assert len(svg.encode()) < 150_000, url
    return html, attributes, parse(svg)


def test_the_ordinance_page_shows_the_map_file_above_its_table(built):
    html, img, root = page_map(built, "ordinances/fair-rent")
    assert status(paths(root)["North Carolina"]) == "introduced"
    assert len(list(root.iter(f"{SVG}circle"))) == 1
    # The page carries no map markup: an <img>, sized, lazy, its alt the map's description.
    assert "<svg xmlns" not in html and "<path" not in html
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("Adopted: 1 local jurisdiction in 1 state; 0 statewide laws.")
    # The same sentence above the map, printed once, before the image.
    summary = '<p class="map-summary">Adopted: 1 local jurisdiction in 1 state; 0 statewide laws.</p>'
    assert html.count(summary) == 1 and html.index(summary) < html.index('class="us-map-img"')
    assert img == {
        "class": "us-map-img",
        "src": "/ordinances/fair-rent/map.svg",
        "width": "975",
        "height": "610",
        "alt": desc,
        "loading": "lazy",
        "decoding": "async",
    }
    assert html.index('class="us-map-img"') < html.index('aria-label="Map legend"')
    assert html.index('aria-label="Map legend"') < html.index('id="adoptions-caption"')
    assert '<a href="#adoptions-caption">The table below lists the same adoptions as text.</a>' in html
    assert '<link rel="stylesheet" href="/theme/css/map.css">' in html
    assert (built / "theme" / "css" / "map.css").is_file()
    assert "City, county or other local jurisdiction: adopted</li>" in html
    # An ordinance without adoptions shows no map, and none is written for it.
    assert "us-map" not in (built / "ordinances" / "unadopted" / "index.html").read_text()
    assert not (built / "ordinances" / "unadopted" / "map.svg").exists()


def test_the_issue_page_shows_its_map_file_with_a_table(built):
    html, img, root = page_map(built, "issues/housing")
    states = paths(root)
    assert (status(states["North Carolina"]), status(states["Hawaii"])) == ("introduced", "none")
    assert img["alt"] == root.find(f"{SVG}desc").text
    assert '<details id="map-table" class="map-table">' in html
    assert '<a href="#map-table">' in html
    table = html[html.index('id="map-table"') :]
    assert "Aloha Housing Act" in table and "Fair Rent Ordinance" in table and "Honolulu" in table
    # An issue without a model ordinance has no map, on the page or as a file.
    assert "us-map" not in (built / "issues" / "tech-accountability" / "index.html").read_text()
    assert not (built / "issues" / "tech-accountability" / "map.svg").exists()


def test_the_jurisdictions_page_maps_every_adoption_and_every_named_state(built):
    html, img, root = page_map(built, "jurisdictions")
    states = paths(root)
    assert [status(states[s]) for s in ("North Carolina", "Hawaii", "Puerto Rico", "Colorado", "Texas")] == [
        "introduced",
        "none",
        "none",
        "named",
        "none",
    ]
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # Durham, Honolulu, San Juan
    assert "Documents also name 1 state without adoptions: Colorado." in img["alt"]
    assert '<caption id="map-table-caption">Adoptions in each state, by status</caption>' in html
    assert '<a href="/jurisdictions/co/">Colorado</a>' in html


def test_a_map_file_is_written_for_each_map_shown_and_no_other(built):
    written = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.svg") if p.name == "map.svg")
    shown = sorted(
        f"{page.parent.relative_to(built).as_posix()}/map.svg"
        for page in built.rglob("index.html")
        if 'class="us-map-img"' in page.read_text(encoding="utf-8")
    )
    assert written == shown
    assert "ordinances/fair-rent/map.svg" in written and "jurisdictions/map.svg" in written


def test_pages_with_a_map_still_pass_the_content_security_policy(built):
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "style=" not in html and "<style" not in html, page


def test_status_colours_keep_contrast_in_light_and_dark_mode():
    """WCAG 1.4.11 for the shapes (3:1 with the page), and 4.5:1 for the postal codes written on them."""
    hub = (ROOT / "theme" / "static" / "css" / "hub.css").read_text()
    backgrounds = re.findall(r"--bg: (#[0-9a-f]{6})", hub)  # light, then dark
    texts = re.findall(r"--text: (#[0-9a-f]{6})", hub)
    for colours, background, text in zip((style.LIGHT, style.DARK), backgrounds, texts, strict=True):
        # The halo around each point is the page background; territory codes are in the page's text colour.
        assert (colours["halo"], colours["text"]) == (background, text)
        for name in ("adopted", "introduced", "preempted", "repealed", "failed", "named", "line"):
            assert contrast(colours[name], background) >= 3, (name, background)
            if name != "line":
                assert contrast(colours[name], colours["label"]) >= 4.5, name
        # A state with local adoptions only is told apart by its outline alone: 3:1 with the land and page.
        assert contrast(colours["local"], colours["none"]) >= 3
        assert contrast(colours["local"], background) >= 3


def _legend_blocks(css: str) -> list[dict[str, str]]:
    """The --map-* colours of the legend's stylesheet: light, dark, then print."""
    light, rest = css.split("@media (prefers-color-scheme: dark)")[:2]
    dark, printed = rest.split("\n}\n")[0], css.split("@media print")[1]
    return [dict(re.findall(r"--map-([a-z]+): (#[0-9a-f]{6})", block)) for block in (light, dark, printed)]


def test_the_legend_is_written_in_the_maps_own_colours(built):
    """The build fills theme/css/map.css from style.py, the colours the map files carry."""
    css = (built / "theme" / "css" / "map.css").read_text()
    expected = [dict(style.legend_colours(c)) for c in (style.LIGHT, style.DARK, style.LIGHT)]
    assert _legend_blocks(css) == expected
    assert set(expected[0]) == {*style.STATUS_NAMES, "line", "local"}
    assert css.startswith("/* The adoption map") and css.endswith("}\n") and "{%" not in css


def test_the_legend_template_names_no_colour_of_its_own():
    """theme/templates/map.css takes every --map-* colour from what the build passes it: another palette
    in style.py would reach the legend, and no hex value in the template could hold an old one."""
    from jinja2 import Environment, FileSystemLoader

    template = (ROOT / "theme" / "templates" / "map.css").read_text()
    assert not re.search(r"--map-[a-z]+: #", template)
    templates = FileSystemLoader(ROOT / "theme" / "templates")
    env = Environment(loader=templates, trim_blocks=True, lstrip_blocks=True, autoescape=True)
    other = {name: f"#{index:06x}" for index, name in enumerate(style.LEGEND_COLOURS)}
    css = env.get_template("map.css").render(map_light=other.items(), map_dark=tuple(other.items())[::-1])
    assert _legend_blocks(css) == [other, other, other]


# In Chromium, with the site's Content-Security-Policy


def _pixels(png: bytes) -> dict[tuple[int, int, int], int]:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {colour: n for n, colour in image.getcolors(image.width * image.height)}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_image_is_coloured_under_the_pages_csp(demo, chromium, scheme):
    """The <style> inside the SVG applies to the image, in the reader's colour scheme, and the page's
    Content-Security-Policy (served as tests/browser.py serves it) reports nothing."""
    colours = style.LIGHT if scheme == "light" else style.DARK
    with served(demo) as base:
        page, visit = open_page(chromium, base)
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{base}/ordinances/ban-on-algorithmic-rent-setting/", wait_until="networkidle")
        image = page.locator("img.us-map-img")
        image.scroll_into_view_if_needed()  # it loads lazily
        size = image.evaluate(
            "img => img.decode().then(() => [img.naturalWidth, img.currentSrc])"  # once loaded and decoded
        )
        pixels = _pixels(image.screenshot())
        page.close()
    assert size == [975, f"{base}/ordinances/ban-on-algorithmic-rent-setting/map.svg"]
    assert [m for m in visit.console if "Content Security Policy" in m] == []
    assert visit.foreign_requests == []
    for name in ("adopted", "none"):
        assert pixels.get(_rgb(colours[name]), 0) > 500, (scheme, name)


def test_the_map_file_opened_on_its_own_keeps_its_light_colours(demo, chromium):
    """Opened directly, the file is a document under the site's CSP, which blocks its <style>: the
    presentation attributes still colour it."""
    with served(demo) as base:
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/ordinances/ban-on-algorithmic-rent-setting/map.svg", wait_until="networkidle")
        pixels = _pixels(page.screenshot())
        page.close()
    assert any("Content Security Policy" in m for m in visit.console)  # the <style> is blocked there
    for name in ("adopted", "none"):
        assert pixels.get(_rgb(style.LIGHT[name]), 0) > 500, name

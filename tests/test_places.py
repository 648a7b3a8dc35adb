"""The places the hub knows without a jurisdiction file: the Census county table, how files extend it,
population and the residents a map covers, the warning for a place without coordinates, and `make new`
giving an existing place a parent."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

from hub_content import HubSettings, load_site
from hub_content.builtin import COUNTIES, county_jurisdictions
from hub_content.fields import SLUG
from hub_content.reader import MAX_SLUG
from hub_map import MapMaker, load_atlas
from hub_map.projection import project
from hub_model import STATES, JurisdictionKind
from tests.sitekit import build, front, hub, write_site

# The data


@pytest.fixture(scope="module")
def counties():
    return {j.slug: j for j in county_jurisdictions()}


def test_every_county_and_county_equivalent_is_there_once(counties):
    assert len(counties) == 3229
    in_states = [j for j in counties.values() if j.state not in ("as", "gu", "mp", "pr", "vi")]
    assert len(in_states) == 3141  # 3,142 counties and equivalents in 2017, less the District of Columbia
    assert sum(j.state == "pr" for j in counties.values()) == 78
    assert len({j.fips for j in counties.values()}) == len(counties)
    assert all(
        SLUG.match(s) and len(s) <= MAX_SLUG and s.endswith("-" + j.state) for s, j in counties.items()
    )
    assert not set(counties) & set(STATES)


@pytest.mark.parametrize(
    ("slug", "fips", "name", "kind"),
    [
        ("wake-county-nc", "37183", "Wake County", JurisdictionKind.COUNTY),
        ("orleans-parish-la", "22071", "Orleans Parish", JurisdictionKind.COUNTY),
        ("anchorage-municipality-ak", "02020", "Anchorage Municipality", JurisdictionKind.COUNTY),
        ("kusilvak-census-area-ak", "02158", "Kusilvak Census Area", JurisdictionKind.COUNTY),
        ("baltimore-city-md", "24510", "Baltimore city", JurisdictionKind.CITY),
        ("baltimore-county-md", "24005", "Baltimore County", JurisdictionKind.COUNTY),
        ("st-louis-city-mo", "29510", "St. Louis city", JurisdictionKind.CITY),
        ("prince-georges-county-md", "24033", "Prince George's County", JurisdictionKind.COUNTY),
        ("dona-ana-county-nm", "35013", "Doña Ana County", JurisdictionKind.COUNTY),
        ("catano-municipio-pr", "72033", "Cataño Municipio", JurisdictionKind.COUNTY),
    ],
)
def test_known_counties_have_their_census_code_name_and_slug(counties, slug, fips, name, kind):
    county = counties[slug]
    assert (county.fips, county.name, county.kind, county.state) == (fips, name, kind, slug[-2:])


def test_the_whole_state_equivalents_are_left_to_the_state():
    text = COUNTIES.read_text(encoding="utf-8")
    assert "\n11001," not in text and "\n66010," not in text


def test_every_county_point_falls_inside_its_state_on_the_map(counties):
    """Except the Northern Islands, north of the part of the Northern Mariana Islands the map draws."""
    atlas = load_atlas()
    off = {
        slug
        for slug, county in counties.items()
        if not atlas.shapes[county.state].contains_box(*project(county.state, county.lon, county.lat))
    }
    assert off == {"northern-islands-municipality-mp"}


def test_wake_countys_point_is_near_raleigh(counties):
    wake = counties["wake-county-nc"]
    assert (wake.lat, wake.lon) == pytest.approx((35.79, -78.65), abs=0.1)


# In the content folder


def write_places(tmp_path: Path, nc: str, extra: dict[str, str] | None = None) -> Path:
    content = write_site(tmp_path / "content", extra)
    (content / "jurisdictions" / "nc.yaml").write_text(nc, encoding="utf-8")
    return content


WAKE_ADOPTION = front(
    """
    title: Open Meetings Model
    date: 2025-05-01
    summary: Meetings the public can follow.
    issues: [housing]
    adoptions:
      - jurisdiction: wake-county-nc
        status: adopted
        date: 2025-02-03
        url: https://example.org/wake
    """
)


def test_a_document_names_a_built_in_county_without_a_jurisdiction_file(tmp_path):
    content = write_places(tmp_path, NC, {"ordinances/open-meetings.md": WAKE_ADOPTION})
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    page = (out / "ordinances" / "open-meetings" / "index.html").read_text(encoding="utf-8")
    assert 'href="/jurisdictions/wake-county-nc/"' in page
    svg = (out / "ordinances" / "open-meetings" / "map.svg").read_text(encoding="utf-8")
    assert re.search(r'<circle class="point status-adopted"[^>]* data-jurisdiction="wake-county-nc"', svg)
    place = (out / "jurisdictions" / "wake-county-nc" / "index.html").read_text(encoding="utf-8")
    assert "Wake County" in place and "Open Meetings Model" in place
    # Only the places documents name get pages: not the other 3,228 built-in counties.
    assert not (out / "jurisdictions" / "durham-county-nc").exists()
    assert len(list((out / "jurisdictions").iterdir())) < 20
    # A population given in a file is printed on the place's page; a built-in county has none.
    orange = (out / "jurisdictions" / "orange-county-nc" / "index.html").read_text(encoding="utf-8")
    assert '<p class="population">Population: 148,696 (2020)</p>' in orange
    assert 'class="population"' not in place


NC = """\
- slug: orange-county-nc
  name: Orange County
  kind: county
  population: 148,696
  population_year: 2020
- slug: hillsborough-nc
  name: Hillsborough
  kind: town
  parent: orange-county-nc
  lat: 36.07
  lon: -79.1
  population: 9660
  population_year: 2020
- slug: durham-nc
  name: Durham
  kind: city
  lat: 35.99
  lon: -78.9
"""


def test_a_file_entry_extends_a_built_in_county_of_its_state(tmp_path):
    site = load_site(write_places(tmp_path, NC), HubSettings(drafts=True))
    orange = site.jurisdictions["orange-county-nc"]
    assert (orange.fips, orange.population, orange.population_year) == ("37135", 148696, 2020)
    assert orange.lat == pytest.approx(36.06, abs=0.1) and orange.source.endswith("nc.yaml")
    # Only the counties the content names become records of the graph.
    assert "wake-county-nc" not in site.jurisdictions


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (
            "- slug: cook-county-il\n  name: Cook County\n  kind: county\n",
            1,
            "'cook-county-il' is the built-in slug of Cook County in Illinois: "
            "give this jurisdiction another slug",
        ),
        (
            "- slug: apex-nc\n  name: Apex\n  kind: town\n  population: 58780\n",
            4,
            "'population' is given without 'population_year': give both, like population: 11303 and "
            "population_year: 2020",
        ),
        (
            "- slug: apex-nc\n  name: Apex\n  kind: town\n  lat: 35.7\n",
            4,
            "'lat' is given without 'lon': give both",
        ),
        (
            "- slug: apex-nc\n  name: Apex\n  kind: town\n  population: about 60000\n"
            "  population_year: 2020\n",
            4,
            "'population' is 'about 60000', not a whole number: write it in digits, like 11303",
        ),
        (
            "- slug: apex-nc\n  name: Apex\n  kind: town\n  population: 5,87,80\n  population_year: 2020\n",
            4,
            "'population' is '5,87,80', not a whole number",
        ),
    ],
)
def test_bad_place_entries_are_errors_at_their_line(tmp_path, entry, line, message):
    content = write_places(tmp_path, NC + entry)
    result = hub("check", "-i", str(content))
    assert result.returncode == 1
    assert f"nc.yaml:{NC.count(chr(10)) + line}: {message}" in result.stderr


def test_a_place_without_coordinates_is_a_warning_at_its_entry(tmp_path):
    content = write_places(tmp_path, NC + "- slug: apex-nc\n  name: Apex\n  kind: town\n")
    result = hub("check", "-i", str(content))
    assert result.returncode == 0, result.stderr
    line = NC.count("\n") + 1
    assert (
        f"nc.yaml:{line}: warning: 'apex-nc' has no coordinates, so maps only name it below the map"
        in result.stdout + result.stderr
    )
    # A built-in county extended without coordinates keeps the built-in ones: no warning for Orange County.
    assert "'orange-county-nc' has no coordinates" not in result.stdout + result.stderr
    assert hub("check", "--strict", "-i", str(content)).returncode == 1


# The residents a map covers

TOWNS = front(
    """
    title: Town Rules
    date: 2025-05-01
    summary: S.
    issues: [housing]
    adoptions:
      - {jurisdiction: orange-county-nc, status: adopted, date: 2025-01-02, url: https://example.org/a}
      - {jurisdiction: hillsborough-nc, status: adopted, date: 2025-01-02, url: https://example.org/b}
    """
)


def summary_of(tmp_path: Path, nc: str, ordinance: str) -> str:
    site = load_site(write_places(tmp_path, nc, {"ordinances/town-rules.md": ordinance}), HubSettings())
    maker = MapMaker(load_atlas(), gettext.NullTranslations())
    doc = next(d for d in site.documents if d.slug == "town-rules")
    return maker.ordinance(site, doc).us_map.summary


def test_the_map_counts_residents_once_when_a_town_and_its_county_adopt(tmp_path):
    assert summary_of(tmp_path, NC, TOWNS) == (
        "Adopted: 2 local jurisdictions in 1 state; 0 statewide laws. "
        "The adopted places are home to about 148,696 residents."
    )


def test_the_map_says_when_some_populations_are_unknown(tmp_path):
    ordinance = TOWNS.replace(
        "adoptions:\n",
        "adoptions:\n  - {jurisdiction: durham-nc, status: adopted, date: 2025-01-02, url: https://example.org/c}\n",
    )
    assert summary_of(tmp_path, NC, ordinance).endswith(
        "Adopted places with a known population are home to about 148,696 residents; "
        "1 adopted place has no population recorded."
    )


def test_the_map_says_nothing_of_residents_when_no_population_is_known(tmp_path):
    bare = re.sub(r"  population(_year)?: .*\n", "", NC)
    assert summary_of(tmp_path, bare, TOWNS) == "Adopted: 2 local jurisdictions in 1 state; 0 statewide laws."


# make new: a parent for an existing place


def test_make_new_sets_the_parent_of_a_file_entry_and_keeps_the_other_lines(tmp_path):
    content = write_places(tmp_path, NC.replace("  kind: city\n", "  kind: city  # the county seat\n"))
    nc = content / "jurisdictions" / "nc.yaml"
    result = hub(
        "new", "jurisdiction", "-i", str(content), "--slug", "durham-nc", "--parent", "durham-county-nc"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"set the parent of durham-nc to durham-county-nc in {nc}")
    assert nc.read_text(encoding="utf-8") == NC.replace(
        "- slug: durham-nc\n", "- slug: durham-nc\n  parent: durham-county-nc\n"
    ).replace("  kind: city\n", "  kind: city  # the county seat\n")
    again = hub("new", "jurisdiction", "-i", str(content), "--slug", "durham-nc", "--parent", "nc")
    assert again.returncode == 0, again.stderr
    assert "  parent: nc\n" in nc.read_text(encoding="utf-8")
    assert hub("check", "-i", str(content)).returncode == 0


def test_make_new_gives_a_built_in_county_a_parent_with_an_entry(tmp_path):
    content = write_places(tmp_path, NC)
    result = hub("new", "jurisdiction", "-i", str(content), "--slug", "wake-county-nc", "--parent", "nc")
    assert result.returncode == 0, result.stderr
    text = (content / "jurisdictions" / "nc.yaml").read_text(encoding="utf-8")
    assert text.startswith(NC)
    assert text.removeprefix(NC).startswith("- slug: wake-county-nc\n  name: Wake County\n  kind: county\n")
    site = load_site(content, HubSettings())
    assert site.jurisdictions["wake-county-nc"].fips == "37183"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--slug", "durham-nc", "--parent", "durham-nc"], "'durham-nc' cannot be its own parent"),
        (["--slug", "durham-nc", "--parent", "cook-county-il"], "the parent 'cook-county-il'"),
        (["--slug", "wakee-county-nc", "--parent", "nc"], "(did you mean 'wake-county-nc'?)"),
        (["--slug", "durham-nc", "--parent", "nc", "--name", "X"], "leave NAME and KIND out"),
        (["--slug", "x: y\n" * 100, "--parent", "nc"], "is not a slug: use lowercase a-z"),
        (
            ["--state", "nc", "--name", "Wake County", "--kind", "county", "--parent", "nc"],
            "'wake-county-nc' is built in (Wake County): name it in documents as it is; to set its parent: "
            "make new TYPE=jurisdiction SLUG=wake-county-nc PARENT=nc",
        ),
    ],
)
def test_make_new_explains_what_it_cannot_do_with_a_place(tmp_path, args, message):
    content = write_places(tmp_path, NC)
    result = hub("new", "jurisdiction", "-i", str(content), *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert (content / "jurisdictions" / "nc.yaml").read_text(encoding="utf-8") == NC


def test_a_misspelt_built_in_county_gets_the_county_suggested(tmp_path):
    news = front("title: T\ndate: 2025-01-01\nsummary: S\nissues: [housing]\njurisdictions: [wake-cuonty-nc]")
    content = write_places(tmp_path, NC, {"news/t.md": news})
    result = hub("check", "-i", str(content))
    assert result.returncode == 1
    assert "unknown jurisdiction 'wake-cuonty-nc' in 'jurisdictions' (did you mean 'wake-county-nc'?)" in (
        result.stderr
    )


def test_a_statewide_law_covers_the_states_population_given_in_its_own_file(tmp_path):
    state = (
        "- slug: nc\n  name: North Carolina\n  kind: state\n  population: 10439388\n  population_year: 2020\n"
    )
    ordinance = TOWNS.replace(
        "adoptions:\n",
        "adoptions:\n  - {jurisdiction: nc, status: adopted, date: 2025-01-02, url: https://example.org/s}\n",
    )
    assert summary_of(tmp_path, NC + state, ordinance) == (
        "Adopted: 2 local jurisdictions in 1 state; 1 statewide law. "
        "The adopted places are home to about 10,439,388 residents."
    )


def test_a_state_entry_without_a_population_is_still_refused(tmp_path):
    content = write_places(tmp_path, NC + "- slug: nc\n  name: North Carolina\n  kind: state\n")
    result = hub("check", "-i", str(content))
    assert result.returncode == 1
    assert "states are built in (the state's slug is 'nc')" in result.stderr

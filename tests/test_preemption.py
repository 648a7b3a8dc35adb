"""State preemption records: each validation error at its line, dates as precise as their source, and a
real build where a preemption overlaps adoptions (hatched map, its words, the model's warning, the state
page, the preemption issue's map and table, the open data)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest

from hub_content import HubSettings, InvalidContentError, load, load_site
from hub_model import Moment, Preemption, PreemptionStatus
from tests.sitekit import build, front, hub, write_site

SVG = "{http://www.w3.org/2000/svg}"
PREEMPTION_ISSUE = front("title: Preemption\nsummary: State laws against local action.", "Intro.")
# North Carolina: a law in force on housing (the fixture's Fair Rent Ordinance is taken up in Durham and
# introduced statewide), and an expired one, dated only as precisely as a source might say.
NC_PREEMPTION = """\
- law: Senate Bill 1 (2023)
  issues: [housing]
  status: preempts
  enacted: 2023-06-13
  url: https://example.org/sb1
  summary: Bars local rent rules.
- law: House Bill 142 (2017)
  state: nc
  issues: [housing, preemption]
  status: expired
  enacted: 2017
  expires: 2020-12
  notes: A key section expired at the end of 2020.
"""
TX_PREEMPTION = """\
- law: House Bill 2127 (2023)
  issues: [housing, tech-accountability]
  status: partial
  effective: 2023-09-01
  url: https://example.org/hb2127
"""
SITE = {
    "issues/preemption.md": PREEMPTION_ISSUE,
    "preemption/nc.yaml": NC_PREEMPTION,
    "preemption/tx.yaml": TX_PREEMPTION,
}


def errors(root: Path, files: dict[str, str]) -> list[str]:
    write_site(root, {"issues/preemption.md": PREEMPTION_ISSUE, **files})
    with pytest.raises(InvalidContentError) as caught:
        load_site(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


# Validation


def test_a_valid_file_becomes_typed_records_in_the_sites_order(tmp_path):
    site = load_site(write_site(tmp_path, SITE), HubSettings(drafts=True))
    assert [(p.state, p.law) for p in site.preemptions] == [
        ("nc", "Senate Bill 1 (2023)"),  # in force first
        ("nc", "House Bill 142 (2017)"),
        ("tx", "House Bill 2127 (2023)"),
    ]
    expired = site.preemptions[1]
    assert expired == Preemption(
        state="nc",
        issues=("housing", "preemption"),
        status=PreemptionStatus.EXPIRED,
        law="House Bill 142 (2017)",
        enacted=Moment(2017),
        expires=Moment(2020, 12),
        notes="A key section expired at the end of 2020.",
        source=str(tmp_path / "preemption" / "nc.yaml"),
        line=7,
    )
    assert (expired.in_force, expired.ended, expired.source_needed) == (False, Moment(2020, 12), True)
    assert [p.law for p in site.preemptions_in("tx")] == ["House Bill 2127 (2023)"]
    assert [p.law for p in site.preemptions_on(["tech-accountability"])] == ["House Bill 2127 (2023)"]


def test_every_error_of_a_file_is_reported_at_its_line_in_one_run(tmp_path):
    bad = """\
- law: One
  state: North Carolina
  issues: [housng]
  status: preempt
  enacted: 2017-13
- law: Two
  issues: [housing]
  status: repealed
  colour: red
- law: Three
  issues: [housing]
  status: expired
- law: Four
  issues: [housing]
  status: preempts
  enacted: 2020
  effective: 2019-05
  repealed: 2021
- law: four
  issues: [housing]
  status: partial
  url: javascript:alert(1)
- just text
"""
    assert errors(tmp_path, {"preemption/nc.yaml": bad}) == [
        "preemption/nc.yaml:2: 'state' is 'North Carolina' (did you mean 'nc'?), but the file is nc.yaml: "
        "move the entry to the state's own file or remove 'state'",
        "preemption/nc.yaml:3: unknown issue 'housng' in 'issues' (did you mean 'housing'?)",
        "preemption/nc.yaml:4: 'status' is 'preempt' (did you mean 'preempts'?): "
        "use one of preempts, partial, expired, repealed",
        "preemption/nc.yaml:5: 'enacted' is '2017-13', not a valid date: "
        "write it as YYYY, YYYY-MM or YYYY-MM-DD, like 2017, 2020-12 or 2020-12-01",
        "preemption/nc.yaml:9: unknown field 'colour': the fields of a preemption law are law, state, "
        "issues, status, url, enacted, effective, expires, repealed, summary, notes",
        "preemption/nc.yaml:12: status expired needs the date: "
        "add expires: YYYY, YYYY-MM or YYYY-MM-DD, like 2017, 2020-12 or 2020-12-01",
        "preemption/nc.yaml:17: 'effective' (2019-05) is before 'enacted' (2020): correct one of the dates",
        "preemption/nc.yaml:18: 'repealed' is given but the status is preempts: "
        "set status: repealed, or remove the date",
        "preemption/nc.yaml:22: 'url' is 'javascript:alert(1)', not a web address: "
        "write it in full, like https://example.org/page",
        "preemption/nc.yaml:23: each preemption law must be a set of fields: law, issues, status",
    ]


def test_a_law_listed_twice_and_a_repeal_without_its_date_are_errors(tmp_path):
    text = """\
- law: Act 5
  issues: [housing]
  status: repealed
- law: Act 6
  issues: [housing]
  status: preempts
- law: ACT 6
  issues: [tech-accountability]
  status: preempts
"""
    assert errors(tmp_path, {"preemption/nc.yaml": text}) == [
        "preemption/nc.yaml:3: status repealed needs the date: "
        "add repealed: YYYY, YYYY-MM or YYYY-MM-DD, like 2017, 2020-12 or 2020-12-01",
        "preemption/nc.yaml:7: 'ACT 6' is listed twice (first on line 4): "
        "keep one entry for each law, naming all its issues",
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("carolina.yaml", "- law: X\n", "'carolina.yaml' is not named after a state: name it after the "
         "state's two-letter postal code, like nc.yaml"),
        ("north-carolina.yaml", "- law: X\n", "'north-carolina.yaml' is not named after a state (did you "
         "mean 'nc'?): name it after the state's two-letter postal code, like nc.yaml"),
        ("nc.yaml", "", "the file is empty: list the state's preemption laws, each starting with '- law:'"),
        ("nc.yaml", "law: X\n", "the file must be a list of preemption laws, each starting with '- law:'"),
        ("nc.yaml", "- law: X\n", "required field 'issues' is missing: write it like issues: "
         "[lgbtq-equality]"),
        ("nc.yaml", "- law: [a, b]\n  issues: [housing]\n  status: partial\n",
         "'law' must be text, not a list"),
        ("nc.yaml", "- &a law: X\n", "anchors and aliases (&name, *name) are not supported: "
         "write the value out in full"),
    ],
)  # fmt: skip
def test_a_file_that_is_not_a_states_list_of_laws_is_refused(tmp_path, name, text, message):
    found = errors(tmp_path, {f"preemption/{name}": text})
    assert any(line.endswith(message) for line in found), found
    assert all(line.startswith(f"preemption/{name}:") for line in found), found


def test_hostile_values_are_refused_with_a_short_excerpt(tmp_path):
    long_law = "A" * 5000
    text = (
        f"- law: {long_law}\n  issues: [housing]\n  status: partial\n"
        '- law: "B\\e[31m"\n  issues: [housing]\n  status: partial\n'
    )
    found = errors(tmp_path, {"preemption/nc.yaml": text})
    assert found[0] == "preemption/nc.yaml:1: 'law' is 5000 characters long: shorten it to at most 200"
    assert found[1].startswith("preemption/nc.yaml:4: 'law' contains ")
    assert all(len(line) < 300 for line in found)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    found = errors(tmp_path, {"preemption/nc.yaml": "# x\n" * 70_000})
    assert found == [
        "preemption/nc.yaml:1: the file is 280,000 bytes, more than the 262,144 allowed for a state's "
        "preemption laws: split the notes into shorter ones"
    ]


def test_a_law_without_a_source_is_a_warning_and_an_error_under_strict(tmp_path):
    write_site(
        tmp_path,
        {**SITE, "preemption/tx.yaml": TX_PREEMPTION.replace("  url: https://example.org/hb2127\n", "")},
    )
    loaded = load(tmp_path, HubSettings(drafts=True))
    messages = [f"{Path(w.path).name}:{w.line}: {w.message}" for w in loaded.warnings]
    expected = (
        "'House Bill 142 (2017)' names no source: add url: the address of the law's text or the official "
        'record (the pages show "source needed" until then)'
    )
    assert f"nc.yaml:7: {expected}" in messages
    assert any(m.startswith("tx.yaml:1: 'House Bill 2127 (2023)' names no source") for m in messages)
    with pytest.raises(InvalidContentError):
        load(tmp_path, HubSettings(drafts=True), strict=True)
    plain, strict = hub("check", "-i", str(tmp_path)), hub("check", "--strict", "-i", str(tmp_path))
    assert plain.returncode == 0 and f"nc.yaml:7: warning: {expected}" in plain.stderr
    assert strict.returncode == 1 and f"nc.yaml:7: {expected}" in strict.stderr


@pytest.mark.parametrize(
    "value", ["2020-00", "2020-12-00", "2021-02-29", "0000", "20201", "2020-1", "12/2020"]
)
def test_a_date_that_is_not_a_year_month_or_day_is_refused(tmp_path, value):
    text = f"- law: X\n  issues: [housing]\n  status: partial\n  enacted: '{value}'\n"
    assert errors(tmp_path, {"preemption/nc.yaml": text}) == [
        f"preemption/nc.yaml:4: 'enacted' is '{value}', not a valid date: "
        "write it as YYYY, YYYY-MM or YYYY-MM-DD, like 2017, 2020-12 or 2020-12-01"
    ]


def test_a_date_is_compared_only_as_far_as_both_are_known():
    assert Moment(2020).may_precede(Moment(2020, 1, 1)) and Moment(2020, 12).may_precede(Moment(2020))
    assert Moment(2020, 12, 1).may_precede(Moment(2020, 12))
    assert not Moment(2021).may_precede(Moment(2020, 12, 31))
    assert not Moment(2020, 12, 2).may_precede(Moment(2020, 12, 1))
    assert [m.iso for m in (Moment(2017), Moment(2020, 12), Moment(2020, 12, 1))] == [
        "2017",
        "2020-12",
        "2020-12-01",
    ]


# A real build: preemption overlapping adoptions


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("preemption")
    result = build(write_site(root / "content", SITE), root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def read(output: Path, path: str) -> str:
    return (output / path).read_text(encoding="utf-8")


def words(html: str) -> str:
    """The page's text with tags dropped and white space collapsed (none before a comma or stop)."""
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.)])", r"\1", text).replace("( ", "(")


def shapes(output: Path, path: str, tag: str) -> dict[str, ET.Element]:
    root = ET.fromstring(read(output, path))
    return {e.get("data-jurisdiction"): e for e in root.iter(f"{SVG}path") if tag in e.get("class", "")}


def test_the_issue_map_hatches_the_states_whose_preemption_is_in_force(built):
    states = shapes(built, "issues/housing/map.svg", "state ")
    # North Carolina keeps its status (a statewide bill introduced) and gains the hatch class.
    assert states["nc"].get("class") == "state status-introduced preempts"
    assert states["tx"].get("class") == "state status-none partial"
    assert "preempts" not in states["ca"].get("class") and "partial" not in states["ca"].get("class")
    hatches = shapes(built, "issues/housing/map.svg", "hatch ")
    assert {k: (v.get("class"), v.get("fill")) for k, v in hatches.items()} == {
        "nc": ("hatch preempts", "url(#hatch-preempts)"),
        "tx": ("hatch partial", "url(#hatch-partial)"),
    }
    assert hatches["nc"].get("d") == states["nc"].get("d")
    root = ET.fromstring(read(built, "issues/housing/map.svg"))
    patterns = {p.get("id"): p for p in root.iter(f"{SVG}pattern")}
    assert set(patterns) == {"hatch-preempts", "hatch-partial"}
    # Dense one way, sparse the other: distinguishable without colour; a dark and a light stripe each.
    assert (patterns["hatch-preempts"].get("width"), patterns["hatch-partial"].get("width")) == ("6", "12")
    assert patterns["hatch-preempts"].get("patternTransform") != patterns["hatch-partial"].get(
        "patternTransform"
    )
    for pattern in patterns.values():
        assert {line.get("class") for line in pattern} == {"hatch-dark", "hatch-light"}
    # Drawn over the shading, under the labels and dots.
    order = [child.get("class") for child in root]
    assert order.index("states") < order.index("hatches") < order.index("labels")


def test_the_map_says_in_words_which_laws_are_hatched_and_which_are_history(built):
    html = read(built, "issues/housing/index.html")
    in_force = (
        "State preemption in force (hatched), 2 laws: North Carolina (Senate Bill 1 (2023), in force since "
        "June 13, 2023); Texas (House Bill 2127 (2023), in force since September 1, 2023)."
    )
    past = (
        "No longer in force (not hatched), 1 law: "
        "North Carolina (House Bill 142 (2017), expired December 2020)."
    )
    assert f'<p class="map-preemption">{in_force}</p>' in html
    assert f'<p class="map-preemption">{past}</p>' in html
    desc = ET.fromstring(read(built, "issues/housing/map.svg")).find(f"{SVG}desc").text
    assert desc.endswith(f"{in_force} {past}")
    legend = words(
        html[html.index('aria-label="Map legend"') : html.index("</ul>", html.index("Map legend"))]
    )
    assert "Hatched: state law preempts local action" in legend
    assert "Sparsely hatched: state law limits local action" in legend
    assert '<span class="map-swatch map-hatch preempts" aria-hidden="true"></span>' in html
    css = read(built, "theme/css/map.css")
    assert ".map-hatch.preempts" in css and ".map-hatch.partial" in css


def test_a_model_page_warns_of_preemption_in_the_states_it_was_taken_up(built):
    html = read(built, "ordinances/fair-rent/index.html")
    start = html.index('<div class="notice preemption-warning" role="note"')
    text = words(html[start : html.index("</div>", start)])
    assert "State preemption where this model was taken up" in text
    assert (
        "North Carolina: Senate Bill 1 (2023) preempts local action on Housing, in force since June 13, "
        "2023. Bars local rent rules. (Source)"
    ) in text
    assert (
        "North Carolina: House Bill 142 (2017) preempted local action on Housing from 2017 until it "
        "expired in December 2020. A key section expired at the end of 2020. (source needed)"
    ) in text
    # Texas preempts housing too, but the model was not taken up there.
    assert (
        "House Bill 2127"
        not in text.split("State preemption where this model was taken up")[1].split(
            "Where this model has been taken up"
        )[0]
    )


def test_a_state_page_lists_its_preemption_laws_with_dates_and_sources(built):
    html = read(built, "jurisdictions/nc/index.html")
    section = html[
        html.index('id="preemption-heading"') : html.index("</section>", html.index("preemption-heading"))
    ]
    assert section.count('<li class="preemption ') == 2
    assert '<li class="preemption preemption-preempts" data-jurisdiction="nc">' in section
    assert '<a href="https://example.org/sb1">Source</a>' in section
    assert '<span class="source-needed">source needed</span>' in section
    # A state with a preemption law and no document still has its page.
    tx = words(read(built, "jurisdictions/tx/index.html"))
    assert (
        "Texas: House Bill 2127 (2023) limits local action on Housing, Technology and surveillance, "
        "in force since September 1, 2023."
    ) in tx


def test_the_preemption_issue_maps_and_tables_every_record_on_every_issue(built):
    states = shapes(built, "issues/preemption/map.svg", "state ")
    assert "preempts" in states["nc"].get("class") and "partial" in states["tx"].get("class")
    html = read(built, "issues/preemption/index.html")
    start = html.index('<table class="preemptions">')
    table = html[start : html.index("</table>", start)]
    rows = re.findall(r'<tr data-jurisdiction="(\w+)">(.*?)</tr>', table, re.S)
    assert [(state, words(cells)) for state, cells in rows] == [
        ("nc", "North Carolina Senate Bill 1 (2023) Housing Preempts local action June 13, 2023 Source"),
        ("nc", "North Carolina House Bill 142 (2017) Housing, Preemption Expired 2017 December 2020 "
         "source needed"),
        ("tx", "Texas House Bill 2127 (2023) Housing, Technology and surveillance Partly preempts local "
         "action September 1, 2023 Source"),
    ]  # fmt: skip
    assert 'class="us-map-img"' in html
    assert "State preemption on every issue, and where models on this issue have been taken up" in html
    assert (
        '<a href="#preemption-table">The table under the map lists every preemption law as text.</a>' in html
    )


def test_the_open_data_has_every_preemption_record(built):
    data = json.loads(read(built, "api/preemption.json"))
    assert data["count"] == 3
    assert data["preemption"][1] == {
        "state": "nc",
        "state_name": "North Carolina",
        "law": "House Bill 142 (2017)",
        "issues": ["housing", "preemption"],
        "status": "expired",
        "enacted": "2017",
        "effective": None,
        "expires": "2020-12",
        "repealed": None,
        "url": None,
        "summary": None,
        "notes": "A key section expired at the end of 2020.",
    }
    rows = list(csv.DictReader(io.StringIO(read(built, "api/preemption.csv"))))
    assert [r["law"] for r in rows] == [r["law"] for r in data["preemption"]]
    assert rows[2]["issues"] == "housing; tech-accountability" and rows[2]["effective"] == "2023-09-01"


def test_markup_in_a_record_is_shown_as_text_on_pages_maps_and_data(tmp_path):
    hostile = """\
- law: 'Act <script>alert(1)</script> & "Two"'
  issues: [tech-accountability]
  status: preempts
  url: https://example.org/a?b=1&c="2"
  summary: <img src=x onerror=alert(1)>
"""
    content = write_site(tmp_path / "content", {**SITE, "preemption/tx.yaml": hostile})
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    for page in ("jurisdictions/tx/index.html", "issues/tech-accountability/index.html"):
        html = read(out, page)
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "Act &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;Two&#34;" in html, page
    desc = ET.fromstring(read(out, "issues/tech-accountability/map.svg")).find(f"{SVG}desc").text
    assert 'Texas (Act <script>alert(1)</script> & "Two")' in desc  # text inside the SVG, escaped
    data = json.loads(read(out, "api/preemption.json"))["preemption"]
    assert data[-1]["summary"] == "<img src=x onerror=alert(1)>"


def test_one_stripe_of_each_hatch_stands_out_from_every_fill_in_light_and_dark():
    from hub_map import style
    from hub_pages.brand import contrast

    for colours in (style.LIGHT, style.DARK):
        for status in style.STATUS_NAMES:
            fill = colours[status]
            best = max(contrast(colours["local"], fill), contrast(colours["halo"], fill))
            assert best >= 3, (status, fill)

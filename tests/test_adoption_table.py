"""A model's "Adopted in" table on a built site: newest first (undated last), each row's source linked or
"source needed", its number, sponsors, vote and effective date; the same rows as CSV and JSON beside it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.sitekit import build, front, write_site

ORDINANCE = front(
    """
    title: Fair Rent Ordinance
    date: 2025-10-01
    summary: Bans algorithmic rent-setting.
    issues: [housing]
    adoptions:
      - jurisdiction: nc
        status: introduced
        number: HB 12
      - jurisdiction: durham-nc
        status: adopted
        date: 2024-03-04
      - jurisdiction: hillsborough-nc
        status: adopted
        date: 2025-05-06
        url: https://hillsboroughnc.gov/ord-2025-9
        number: "-12"
        sponsors: ["=HYPERLINK(1)", Ana Ruiz, "<i>Lee</i>"]
        vote: 5-0
        effective: 2025-07-01
        notes: "@SUM(1) after two readings"
      - jurisdiction: orange-county-nc
        status: failed
        date: 2024-11-02
    """,
    "## Section 1. Title\n\nThe ordinance.\n",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("adoption-table")
    content = write_site(root / "content", {"ordinances/fair-rent.md": ORDINANCE})
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out", result.stderr


def table(out: Path) -> str:
    html = (out / "ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    return html.split('<table class="adoptions model-adoptions">')[1].split("</table>")[0]


def test_rows_are_newest_first_and_undated_last(site):
    rows = re.findall(r'<tr data-jurisdiction="([^"]+)">', table(site[0]))
    assert rows == ["hillsborough-nc", "orange-county-nc", "durham-nc", "nc"]


def test_each_row_links_its_source_or_says_a_source_is_needed(site):
    rows = table(site[0]).split("<tr data-jurisdiction=")[1:]
    sourced, failed, unsourced, introduced = rows
    assert '<a href="https://hillsboroughnc.gov/ord-2025-9">Source</a>' in sourced
    assert "source needed" in unsourced and "source needed" not in sourced
    # Only an adopted row claims a law a reader should be able to check.
    assert "source needed" not in failed and "source needed" not in introduced


def test_a_row_shows_number_sponsors_vote_and_effective_date(site):
    sourced = table(site[0]).split("<tr data-jurisdiction=")[1]
    cells = re.findall(r"<td>(.*?)</td>", sourced, re.S)
    assert cells[2:6] == [
        "-12",
        "=HYPERLINK(1), Ana Ruiz, &lt;i&gt;Lee&lt;/i&gt;",
        "5-0",
        '<time datetime="2025-07-01">July 1, 2025</time>',
    ]
    assert '<p class="adoption-note">@SUM(1) after two readings</p>' in cells[6]
    assert (
        '<th scope="row"><a href="/jurisdictions/hillsborough-nc/">Hillsborough</a>, North Carolina</th>'
        in sourced
    )
    assert "(statewide)" in table(site[0]).split("<tr data-jurisdiction=")[4]


def test_the_table_is_captioned_with_column_headers(site):
    head = table(site[0]).split("</thead>")[0]
    assert (
        '<caption id="adoptions-caption">Where this model has been taken up, newest first</caption>' in head
    )
    assert head.count('<th scope="col">') == 8


def test_the_build_notes_the_unsourced_adoption_and_succeeds(site):
    notes = [line for line in site[1].splitlines() if "names no source" in line]
    assert len(notes) == 1 and notes[0].startswith("note: warning: ")
    assert "fair-rent.md:10: 'adoptions[2]' is adopted but names no source" in notes[0]


def test_the_same_rows_as_json_in_the_same_order(site):
    out = site[0]
    html = (out / "ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    assert '<a href="/ordinances/fair-rent/adoptions.json" type="application/json">JSON</a>' in html
    data = json.loads((out / "ordinances/fair-rent/adoptions.json").read_text(encoding="utf-8"))
    assert data["count"] == 4
    assert [r["jurisdiction"] for r in data["adoptions"]] == [
        "hillsborough-nc",
        "orange-county-nc",
        "durham-nc",
        "nc",
    ]
    assert data["adoptions"][0] == {
        "jurisdiction": "hillsborough-nc",
        "jurisdiction_name": "Hillsborough",
        "state": "nc",
        "kind": "town",
        "status": "adopted",
        "date": "2025-05-06",
        "effective": "2025-07-01",
        "number": "-12",
        "citation": None,
        "sponsors": ["=HYPERLINK(1)", "Ana Ruiz", "<i>Lee</i>"],
        "vote": "5-0",
        "url": "https://hillsboroughnc.gov/ord-2025-9",
        "notes": "@SUM(1) after two readings",
        "provisions": {},
    }
    assert data["adoptions"][3]["sponsors"] == [] and data["adoptions"][3]["number"] == "HB 12"


def test_the_same_rows_as_csv_with_formulas_neutralised(site):
    out = site[0]
    html = (out / "ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    assert '<a href="/ordinances/fair-rent/adoptions.csv" type="text/csv" download>CSV</a>' in html
    data = (out / "ordinances/fair-rent/adoptions.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert [r["jurisdiction"] for r in rows] == ["hillsborough-nc", "orange-county-nc", "durham-nc", "nc"]
    first = rows[0]
    # A spreadsheet would run a cell starting with - = + @ as a formula: each is shown as text.
    assert (first["number"], first["sponsors"], first["notes"]) == (
        "'-12",
        "'=HYPERLINK(1); Ana Ruiz; <i>Lee</i>",
        "'@SUM(1) after two readings",
    )
    assert rows[2]["url"] == "" and rows[3]["sponsors"] == ""


def test_an_ordinance_without_adoptions_has_no_adoption_files(tmp_path):
    text = front("title: Lone\ndate: 2025-01-01\nsummary: S.\nissues: [housing]")
    content = write_site(tmp_path / "content", {"ordinances/lone.md": text})
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "out/ordinances/lone").glob("adoptions.*"))
    assert (tmp_path / "out/ordinances/fair-rent/adoptions.json").is_file()

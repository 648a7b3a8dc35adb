"""An adoption's enacted text beside its model (hub_enacted): the sections cut and paired on their own, and
a built site's page, section by section, with permalinks, the link from the model's table, hostile text
kept inert, and, in Chromium, no accessibility problem side by side at 1280 px or stacked at 375 px."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hub_enacted.align import ModelSection, align
from hub_enacted.compare import PAGE_ROOM, Change, compare
from hub_enacted.split import MAX_SECTIONS, enacted_levels, sections, units
from tests.browser import open_page, served
from tests.sitekit import build, front, write_site

MODEL_BODY = """\
An ordinance of the [GOVERNING BODY] of [JURISDICTION] on fair rents.

## Section 1. Title

This ordinance may be cited as the [JURISDICTION] Fair Rent Ordinance.

## Section 2. Definitions

**Algorithm** means any computational process that recommends a rent.

## Section 3. Prohibition

No landlord shall set rent with a pricing algorithm or share rent data with a competitor.

## Section 4. Penalties

A violation is subject to a civil penalty of up to [AMOUNT] per day.
"""
ENACTED = """\
# Ordinance 2025-9

## Section 1. Title

This ordinance may be cited as the Durham
Fair Rent Ordinance.

## Section 2. Rent algorithms

No landlord shall set rent with a pricing algorithm or share private rent data with a competitor.

## Section 3. Penalties

A violation is subject to a civil penalty of up to $1,000 per day.

## Section 4. Reports

The City Manager shall report each year on <script>alert("enacted")</script> complaints.

<img src="x" onerror="alert('img')"> [a link](javascript:alert('link'))

## Section 5. <b onmouseover="alert('heading')">Review</b>

The Council shall review this ordinance in 2027.
"""
ORDINANCE = front(
    """
    title: Fair Rent Ordinance
    date: 2025-10-01
    summary: Bans algorithmic rent-setting.
    issues: [housing]
    adoptions:
      - jurisdiction: durham-nc
        status: adopted
        date: 2025-03-04
        number: 2025-9
        url: https://records.example.org/durham/2025-9
        text: enacted/durham-nc.md
      - jurisdiction: hillsborough-nc
        status: adopted
        date: 2025-05-06
        text: enacted/hillsborough-nc.md
      - jurisdiction: orange-county-nc
        status: introduced
    """,
    MODEL_BODY,
)
PAGE = "ordinances/fair-rent/enacted/durham-nc/index.html"


def lines(text: str) -> tuple[str, ...]:
    return tuple(text.strip("\n").split("\n"))


# The texts on their own -------------------------------------------------------------------------------


@pytest.mark.unit
def test_sections_are_cut_at_headings_outside_code_and_paragraphs_are_joined():
    found = sections(
        lines("Intro\nwrapped.\n\n## One\n\n```\n## not a heading\n```\n\nTitle\n---\n- a\n  b\n- c")
    )
    assert [s.heading.title if s.heading else None for s in found] == [None, "One", "Title"]
    assert found[0].units == ("Intro wrapped.",)
    assert found[1].body == ("```", "## not a heading", "```")
    assert found[2].units == ("Title", "- a b", "- c")
    assert enacted_levels(lines("# Title\n\n# Section 1. A\n\n# Section 2. B")) == {1}  # only `#`
    assert enacted_levels(lines("# Title\n\n## Section 1. A")) == {2, 3}
    assert units(["two  spaces", "and a wrap", "", "1. item", "2. item"]) == (
        "two spaces and a wrap",
        "1. item",
        "2. item",
    )


@pytest.mark.unit
def test_a_renumbered_section_pairs_by_its_words_and_the_rest_is_added_or_left_out():
    model = [
        ModelSection(s, f"section-{k}", s.heading.title if s.heading else "")
        for k, s in enumerate(sections(lines(MODEL_BODY)))
    ]
    paired = align(model, sections(lines(ENACTED)))
    shown = [
        (p.model.title if p.model else None, p.enacted.heading.title if p.enacted and p.enacted.heading else
         ("opening" if p.enacted else None), p.by_words)
        for p in paired
    ]  # fmt: skip
    assert shown == [
        ("", "opening", False),
        ("Section 1. Title", "Section 1. Title", False),
        ("Section 2. Definitions", None, False),  # left out, where the model has it
        ("Section 3. Prohibition", "Section 2. Rent algorithms", True),  # paired by its words
        ("Section 4. Penalties", "Section 3. Penalties", False),  # the same title, renumbered
        (None, "Section 4. Reports", False),
        (None, """Section 5. <b onmouseover="alert('heading')">Review</b>""", False),  # as text
    ]


@pytest.mark.unit
def test_filled_placeholders_keep_a_section_and_other_edits_change_it():
    body = (
        "## Section 1. Title\n\nCited as the [JURISDICTION] Act.\n\n## Section 2. Fine\n\nUp to [AMOUNT].\n"
    )
    enacted = "## Section 1. Title\n\nCited as the Durham Act.\n\n## Section 2. Fine\n\nUp to $5, twice.\n"
    html = '<h2 id="section-1">Section 1. Title</h2><p>x</p><h2 id="section-2">Section 2. Fine</h2>'
    result = compare(lines(body), html, lines(enacted))
    assert [(s.anchor, s.change, s.filled) for s in result.sections] == [
        ("section-1", Change.KEPT, True),
        ("section-2", Change.KEPT, True),
    ]
    changed = compare(lines(body), html, lines(enacted.replace("Cited as", "Known as")))
    assert changed.sections[0].change is Change.CHANGED
    row = changed.sections[0].rows[1]
    assert [s.text for s in row.model.segments if s.changed] == ["Cited ", "[JURISDICTION] "]
    assert [s.text for s in row.enacted.segments if s.changed] == ["Known ", "Durham "]


@pytest.mark.unit
def test_anchors_are_the_models_own_and_added_sections_never_take_one():
    body = "## Definitions\n\nA.\n\n## Definitions\n\nB.\n"
    html = '<h2 id="definitions">Definitions</h2><p>A.</p><h2 id="definitions-2">Definitions</h2><p>B.</p>'
    enacted = "## Definitions\n\nA.\n\n## Definitions\n\nB.\n\n## Definitions\n\nC, a new one.\n"
    result = compare(lines(body), html, lines(enacted))
    assert [(s.anchor, s.change) for s in result.sections] == [
        ("definitions", Change.KEPT),
        ("definitions-2", Change.KEPT),
        ("added-definitions", Change.ADDED),
    ]


@pytest.mark.unit
def test_a_hostile_text_is_compared_in_bounded_time_and_room():
    """2 MB of headings and of one repeated word: sections, pairs and rows all stay within their caps."""
    headings = "\n".join(f"## Section {k}\n\nword word word" for k in range(60_000))
    start = time.monotonic()
    result = compare(lines(MODEL_BODY), "", lines(headings))
    assert time.monotonic() - start < 20
    assert len(result.sections) <= MAX_SECTIONS + 5
    shown = sum(len(s.rows) for s in result.sections)
    assert shown <= PAGE_ROOM.rows and any(s.cut for s in result.sections)
    words = compare(lines(MODEL_BODY), "", lines("word " * 400_000))
    assert sum(len(s.rows) for s in words.sections) <= PAGE_ROOM.rows
    # Thousands of placeholders against a long line: checked for filled placeholders in linear time.
    start = time.monotonic()
    model = lines("## S\n\n" + "[A] a " * 20_000 + "[A] q [A]")
    filled = compare(model, "", lines("## S\n\n" + "x a " * 300_000 + "x q x"))
    unfilled = compare(model, "", lines("## S\n\n" + "x a " * 300_000 + "x r x"))
    assert [filled.sections[0].change, unfilled.sections[0].change] == [Change.KEPT, Change.CHANGED]
    assert time.monotonic() - start < 10


# A built site ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("enacted")
    content = write_site(
        root / "content",
        {
            "ordinances/fair-rent.md": ORDINANCE,
            "enacted/durham-nc.md": ENACTED,
            "enacted/hillsborough-nc.md": MODEL_BODY.replace("[JURISDICTION]", "Hillsborough"),
        },
    )
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def page(site: Path) -> HTMLParser:
    return HTMLParser((site / PAGE).read_text(encoding="utf-8"))


def section(tree: HTMLParser, anchor: str):
    """The section whose heading has the anchor."""
    heading = tree.css_first(f"#{anchor}")
    assert heading is not None, anchor
    found = heading.parent.parent  # the heading, in its div.section-heading, in the section
    assert found.tag == "section", anchor
    return found


def test_each_adoption_with_a_text_has_its_page_and_no_other(site):
    pages = sorted(p.parent.name for p in (site / "ordinances/fair-rent/enacted").glob("*/index.html"))
    assert pages == ["durham-nc", "hillsborough-nc"]
    header = page(site).css_first("main").text()
    assert "Fair Rent Ordinance as enacted in Durham, North Carolina" in header
    assert "2025-9" in header and "March 4, 2025" in header
    tree = page(site)
    assert tree.css_first('a[href="https://records.example.org/durham/2025-9"]') is not None
    assert tree.css_first('a[href="/jurisdictions/durham-nc/"]') is not None
    assert tree.css_first('a[href="/ordinances/fair-rent/"]') is not None
    unsourced = (site / "ordinances/fair-rent/enacted/hillsborough-nc/index.html").read_text(encoding="utf-8")
    assert "source needed" in unsourced


def test_sections_are_aligned_kept_changed_left_out_and_added(site):
    tree = page(site)
    statuses = {
        s.css_first(".section-heading > [id]").attributes["id"]: s.css_first(".compare-status .change").text()
        for s in tree.css("section.compare")
    }
    assert statuses == {
        "opening": "Changed",
        "section-1": "Kept",
        "section-2": "Left out",
        "section-3": "Changed",
        "section-4": "Changed",
        "added-section-4": "Added",
        "added-section-5": "Added",
    }
    changed = section(tree, "section-3")
    body = next(r for r in changed.css(".compare-row") if "No landlord" in r.text())
    assert [d.text() for d in body.css(".compare-model del")] == []  # only a word was added
    assert [i.text() for i in body.css(".compare-enacted ins")] == ["private "]
    assert "Section 2. Rent algorithms" in changed.css_first(".compare-status").text()
    penalties = section(tree, "section-4")
    assert [d.text() for d in penalties.css("del")] == ["4", "[AMOUNT] "]  # renumbered, filled in
    assert [i.text() for i in penalties.css("ins")] == ["3", "$1,000 "]
    left_out = section(tree, "section-2")
    assert left_out.css(".compare-enacted:not(.compare-empty)") == []
    assert "computational process" in left_out.text()


def test_each_section_has_the_models_anchor_and_a_link_to_itself(site):
    tree = page(site)
    for anchor in ("section-1", "section-2", "section-3", "section-4", "added-section-5"):
        heading = tree.css_first(f"#{anchor}")
        assert heading is not None and heading.tag == "h2", anchor
        link = section(tree, anchor).css_first("a.section-link")
        assert link.attributes["href"] == f"#{anchor}"
        assert "Link to" in link.text()
    model = HTMLParser((site / "ordinances/fair-rent/index.html").read_text(encoding="utf-8"))
    assert model.css_first("#section-3") is not None  # the same anchor, on the model's own page


def test_the_models_table_links_each_row_with_a_text_to_its_page(site):
    model = HTMLParser((site / "ordinances/fair-rent/index.html").read_text(encoding="utf-8"))
    links = {
        row.attributes["data-jurisdiction"]: [a.attributes["href"] for a in row.css(".adoption-enacted a")]
        for row in model.css("table.model-adoptions tr[data-jurisdiction]")
    }
    assert links == {
        "durham-nc": ["/ordinances/fair-rent/enacted/durham-nc/"],
        "hillsborough-nc": ["/ordinances/fair-rent/enacted/hillsborough-nc/"],
        "orange-county-nc": [],
    }


def test_markup_in_an_enacted_text_stays_text(site):
    tree = page(site)
    main = tree.css_first("main")
    assert main.css("script, img, b, iframe") == []
    assert not [n for n in main.traverse() if any(a.startswith("on") for a in n.attributes)]
    assert not [a for a in main.css("a") if "javascript" in (a.attributes.get("href") or "").lower()]
    reports = section(tree, "added-section-4").text()
    assert """<script>alert("enacted")</script>""" in reports
    assert """<img src="x" onerror="alert('img')"> [a link](javascript:alert('link'))""" in reports
    heading = section(tree, "added-section-5").css_first("h2")
    assert (
        heading.text() == """Section 5. <b onmouseover="alert('heading')">Review</b>"""
        and not heading.css("b")
    )


def test_a_rebuild_after_editing_an_enacted_text_shows_the_edit_as_a_clean_build_does(tmp_path):
    documents = {
        "ordinances/fair-rent.md": ORDINANCE,
        "enacted/durham-nc.md": ENACTED,
        "enacted/hillsborough-nc.md": MODEL_BODY,
    }
    content = write_site(tmp_path / "content", documents)
    assert build(content, tmp_path / "out").returncode == 0
    edited = ENACTED.replace("in 2027", "in 2029")
    (content / "enacted/durham-nc.md").write_text(edited, encoding="utf-8")
    result = build(content, tmp_path / "out")  # with the first build's caches and pages
    assert result.returncode == 0, result.stderr
    clean = write_site(tmp_path / "clean", {**documents, "enacted/durham-nc.md": edited})
    assert build(clean, tmp_path / "clean-out").returncode == 0
    rebuilt = (tmp_path / "out" / PAGE).read_text(encoding="utf-8")
    assert "in 2029" in rebuilt and rebuilt == (tmp_path / "clean-out" / PAGE).read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_page_passes_axe_side_by_side_and_stacked(site, chromium, width):
    from axe_playwright_python.sync_playwright import Axe

    with served(site) as base:
        view, visit = open_page(chromium, base, width=width)
        view.goto(f"{base}/{PAGE.removesuffix('index.html')}")
        overflow = view.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        columns = view.evaluate(
            "getComputedStyle(document.querySelector('.compare-row:not(.compare-head)')).gridTemplateColumns"
        )
        results = Axe().run(view, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        view.close()
    assert overflow <= 0
    assert len(columns.split()) == (2 if width == 1280 else 1)  # side by side, or stacked
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

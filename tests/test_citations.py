"""'Cite this' on a model: APA, Chicago and Bluebook-style strings with the page's absolute address and
the day of reading filled in by the page (the build's date, said to be, without JavaScript), and the
BibTeX file, escaped so it parses whatever the title holds."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from hub_i18n.catalogues import translations_for
from hub_i18n.formats import date_formatter
from hub_toolkit.citation import bibtex, citations
from tests.browser import open_page, served
from tests.sitekit import ROOT, build, front, write_site

HOSTILE_TITLE = 'Odd {title} & 100% #1 _x_ \\\\end} @misc{x, ~^ "q"'
ODD = front(
    f"title: '{HOSTILE_TITLE}'\ndate: 2025-01-01\nsummary: S\nissues: [housing]\nkind: ordinance", "Text."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cite")
    patch = pytest.MonkeyPatch()
    patch.setenv("HUB_TODAY", "2026-03-04")
    try:
        result = build(write_site(root / "content", {"ordinances/odd.md": ODD}), root / "out")
    finally:
        patch.undo()
    assert result.returncode == 0, result.stderr
    return root / "out"


def citation_texts(html: str) -> dict[str, str]:
    found = re.findall(r'<dt>([^<]+)</dt><dd class="citation">(.*?)</dd>', html)
    return {style: re.sub(r"<[^>]+>", "", text) for style, text in found}


def test_each_style_cites_the_page_with_the_builds_date_without_javascript(site):
    html = (site / "ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    texts = citation_texts(html)
    assert texts == {
        "APA": "Local Policy Hub. (2025). Fair Rent Ordinance [Model ordinance]. Retrieved March 4, 2026, "
        "from /ordinances/fair-rent/",
        "Chicago": "Local Policy Hub. “Fair Rent Ordinance.” Model ordinance, October 1, 2025. "
        "Accessed March 4, 2026. /ordinances/fair-rent/.",
        "Bluebook style": "Local Policy Hub, Fair Rent Ordinance (October 1, 2025), /ordinances/fair-rent/ "
        "(last visited March 4, 2026).",
    }
    assert "[date]" not in html and "<i>Fair Rent Ordinance</i>" in html
    assert "the day this page was built" in html  # the printed date says what it is
    assert '<a href="/ordinances/fair-rent/cite.bib" type="application/x-bibtex" download>' in html


def test_the_page_fills_in_the_absolute_address_and_today_in_chromium(site, chromium):
    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/ordinances/fair-rent/")
        page.wait_for_function("document.querySelector('[data-cite-note]').textContent.includes('today')")
        texts = page.eval_on_selector_all("dd.citation", "els => els.map(e => e.textContent)")
        today = page.evaluate(
            "new Intl.DateTimeFormat('en', {dateStyle: 'long'}).format(new Date())"
        )  # the browser's own today, which the test's clock may not share at midnight
        page.close()
    url = f"{base}/ordinances/fair-rent/"
    assert len(texts) == 3 and all(url in text and today in text for text in texts), texts
    assert texts[0].endswith(f"Retrieved {today}, from {url}")
    assert not [line for line in visit.console if line.startswith("error")]


def test_an_absolute_site_address_is_printed_as_is(tmp_path):
    settings = tmp_path / "abs.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "SITEURL = 'https://hub.example.org/sub'\n"
    )
    assert build(write_site(tmp_path / "content"), tmp_path / "out", settings).returncode == 0
    html = (tmp_path / "out/ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    assert all(
        "https://hub.example.org/sub/ordinances/fair-rent/" in text for text in citation_texts(html).values()
    )
    bib = (tmp_path / "out/ordinances/fair-rent/cite.bib").read_text(encoding="utf-8")
    assert "url = {https://hub.example.org/sub/ordinances/fair-rent/}" in bib


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """A small BibTeX reader: entries `@type{key, name = {value}, ...}` whose braced values must balance,
    with `\\{`, `\\}` and other escapes kept as written. Fails on anything else."""
    entries = []
    position = 0
    while True:
        start = re.compile(r"\s*@(\w+)\{([A-Za-z0-9_:-]+),\n").match(text, position)
        if start is None:
            assert text[position:].strip() == "", f"unparsed: {text[position:]!r}"
            return entries
        position = start.end()
        fields: dict[str, str] = {}
        while True:
            field = re.compile(r"\s*(\w+) = \{").match(text, position)
            if field is None:
                break
            depth, index = 1, field.end()
            while depth:
                char = text[index]
                if char == "\\":
                    index += 2
                    continue
                depth += {"{": 1, "}": -1}.get(char, 0)
                index += 1
            fields[field.group(1)] = text[field.end() : index - 1]
            position = index
            if text.startswith(",", position):
                position += 1
        closing = re.compile(r"\s*\}\n").match(text, position)
        assert closing is not None, f"entry not closed at {text[position : position + 40]!r}"
        position = closing.end()
        entries.append((start.group(1), start.group(2), fields))


def test_the_bibtex_file_parses_and_escapes_every_special_character(site):
    [(kind, key, fields)] = parse_bibtex((site / "ordinances/odd/cite.bib").read_text(encoding="utf-8"))
    assert (kind, key) == ("misc", "odd")
    assert fields["title"] == (
        r"{Odd \{title\} \& 100\% \#1 \_x\_ \textbackslash{}\textbackslash{}end\} @misc\{x, "
        r'\textasciitilde{}\textasciicircum{} "q"}'
    )
    assert fields["author"] == "{Local Policy Hub}" and fields["year"] == "2025" and fields["month"] == "1"
    assert fields["url"] == "/ordinances/odd/" and fields["note"] == "Model ordinance"
    [(_, _, fair)] = parse_bibtex((site / "ordinances/fair-rent/cite.bib").read_text(encoding="utf-8"))
    assert fair["date"] == "2025-10-01" and fair["langid"] == "english"


def test_a_title_cannot_close_the_entry_or_open_a_command():
    entry = bibtex("k", "Org}", "}\n@comment{", "g", dt.date(2025, 1, 2), "/x%/", "es")
    [(_, key, fields)] = parse_bibtex(entry)
    assert key == "k" and fields["title"] == r"{\} @comment\{}" and fields["url"] == r"/x\%/"
    assert fields["langid"] == "spanish" and fields["author"] == r"{Org\}}"


def test_spanish_citations_come_from_the_catalogue_with_spanish_dates():
    translate = translations_for(ROOT / "theme", "es").gettext
    cited = citations(
        "Red", "Ordenanza", "Ordenanza modelo", dt.date(2025, 10, 1), "https://x.org/es/o/",
        translate, date_formatter("es"),
    )  # fmt: skip
    texts = [c.text for c in cited]
    assert (
        texts[0]
        == "Red. (2025). Ordenanza [Ordenanza modelo]. Recuperado el {accessed}, de https://x.org/es/o/"
    )
    assert (
        texts[1]
        == "Red. «Ordenanza». Ordenanza modelo, 1 de octubre de 2025. Consultado el {accessed}. https://x.org/es/o/."
    )
    assert "(consultado por última vez el {accessed})" in texts[2]


def test_a_publish_build_without_an_address_writes_no_canonical_rather_than_a_relative_one(tmp_path):
    """The decision in docs/PUBLISHING.md ("The site's address"): the build succeeds, and no page names a
    canonical address, og:url or og:image it cannot make absolute; with HUB_SITEURL every page does."""
    content = write_site(tmp_path / "content")
    patch = pytest.MonkeyPatch()
    try:
        patch.delenv("HUB_SITEURL", raising=False)
        bare = build(content, tmp_path / "bare", ROOT / "publishconf.py")
        patch.setenv("HUB_SITEURL", "https://hub.example.org")
        hosted = build(content, tmp_path / "hosted", ROOT / "publishconf.py")
    finally:
        patch.undo()
    assert bare.returncode == 0 and hosted.returncode == 0, bare.stderr + hosted.stderr
    pages = sorted(p.relative_to(tmp_path / "bare") for p in (tmp_path / "bare").rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        html = (tmp_path / "bare" / page).read_text(encoding="utf-8")
        assert not re.search(r'rel="canonical"|property="og:(url|image)"|name="twitter:image"', html), page
        published = (tmp_path / "hosted" / page).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in published:
            assert re.search(r'<link rel="canonical" href="https://hub\.example\.org/', published), page

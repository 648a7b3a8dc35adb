"""The model-legislation toolkit (hub_toolkit): anchors, placeholders, downloads, citation, fill-in form."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import markdown
import pytest
from docx.enum.text import WD_COLOR_INDEX

from hub_content import HubSettings, load_site
from hub_content.body import EXTENSION_CONFIGS, EXTENSIONS
from hub_core.cache import FileStore
from hub_i18n import translations_for
from hub_toolkit.blocks import blocks_of
from hub_toolkit.generator import Settings, build_all, build_chunk
from hub_toolkit.plaintext import plain_text
from hub_toolkit.sections import model_text, section_id
from hub_toolkit.toolkit import Publisher, csl_json, markdown_body, toolkit_for
from hub_toolkit.word import WordMeta, docx_bytes, reproducible_zip
from tests.browser import open_page, served
from tests.sitekit import ROOT, build, front, write_site

LIBREOFFICE = os.environ.get("HUB_LIBREOFFICE", "libreoffice")

BODY = """\
An ordinance of the [GOVERNING BODY] of [JURISDICTION].

![A chart](images/photo.png)

## Section 1. Title

This ordinance may be cited as the [JURISDICTION] Fair Rent Ordinance.

## Definitions

- **Landlord** means an owner of a dwelling in [JURISDICTION].
- *Tenant* means a person who rents one.

## Section 3. Prohibitions

1. **Sale.** No person shall sell an algorithmic device in [JURISDICTION].
2. **Use.** No landlord shall use one.

### 3.2 Sale

A fine of up to [AMOUNT], written `[NOT A PLACEHOLDER]` in the code.

    [CODE BLOCK] stays as written

## Section 4. Enforcement

1. First, by [AGENCY].
2. Then by a court.

## Section 9. Effective Date

This ordinance takes effect on [DATE].
"""
ORDINANCE = front(
    """
    title: Fair Rent Ordinance
    date: 2025-10-01
    updated: 2025-11-02
    summary: Bans algorithmic rent-setting.
    issues: [housing]
    jurisdictions: [hillsborough-nc]
    adoptions:
      - jurisdiction: durham-nc
        status: adopted
        date: 2025-03-04
    """,
    BODY,
)
SHORT = front(
    "title: Short Resolution\ndate: 2025-06-01\nsummary: A short one.\nissues: [housing]\nkind: resolution",
    "## Section 1. Purpose\n\nThe council resolves to act.\n",
)
DOCUMENTS = {"ordinances/fair-rent.md": ORDINANCE, "ordinances/short.md": SHORT}
SLUG = "ordinances/fair-rent/fair-rent"


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def label(title: str) -> str:
    return f"Link to {title}"


def ids(html: str) -> list[str]:
    return re.findall(r'<h[23] id="([^"]+)"', html)


# Section anchors


def test_section_ids_come_from_the_number_else_the_title():
    assert section_id("Section 3. Prohibitions") == "section-3"
    assert section_id("3.2 Sale") == "section-3-2"
    assert section_id("Sec. 12: Fees") == "section-12"
    assert section_id("Article 4") == "section-4"
    assert section_id("2(a) Exceptions") == "section-2-a"
    assert section_id("Definitions") == "definitions"
    assert section_id("Findings and Purpose") == "findings-and-purpose"
    assert section_id("911 Response Teams") == "911-response-teams"  # a number in a title is no section
    assert section_id("Café Zoning") == "cafe-zoning"
    assert section_id("¿?") == "section"


def test_anchors_do_not_move_when_another_section_is_edited():
    before = model_text(render(BODY), label)
    edited = BODY.replace("## Definitions", "## Section 2. Terms").replace("### 3.2 Sale", "### 3.1 Sale")
    edited = edited.replace("## Section 1. Title", "## Section 1. Short Title\n\n## Purpose")
    after = model_text(render(edited), label)
    assert ids(before.html) == [
        "section-1", "definitions", "section-3", "section-3-2", "section-4", "section-9",
    ]  # fmt: skip
    assert ids(after.html) == [
        "section-1", "purpose", "section-2", "section-3", "section-3-1", "section-4", "section-9",
    ]  # fmt: skip


def test_duplicate_headings_get_a_counter_and_page_ids_are_avoided():
    html = render("## Notes\n\nA\n\n## Notes\n\nB\n\n### Notes\n\n## Main\n\n## Section 2\n\n## Section 2.")
    assert ids(model_text(html, label).html) == [
        "notes",
        "notes-2",
        "notes-3",
        "main-2",
        "section-2",
        "section-2-2",
    ]


def test_each_heading_gets_a_named_link_and_the_rest_of_the_html_is_unchanged():
    html = render(BODY)
    shown = model_text(html, label)
    assert (
        '<div class="section-heading"><h2 id="section-3">Section 3. Prohibitions</h2>'
        '<a class="section-link" href="#section-3" data-pagefind-ignore><span aria-hidden="true">#</span>'
        '<span class="visually-hidden">Link to Section 3. Prohibitions</span></a></div>'
    ) in shown.html
    undone = re.sub(r'<a class="section-link".*?</a></div>', "", shown.html).replace(
        '<div class="section-heading">', ""
    )
    undone = re.sub(r'<mark class="placeholder" data-placeholder="[^"]+">(.*?)</mark>', r"\1", undone)
    assert re.sub(r'<h([23]) id="[^"]*"', r"<h\1", undone) == re.sub(r'<h([23]) id="[^"]*"', r"<h\1", html)
    assert [(s.level, s.id, s.title) for s in shown.sections][3] == (3, "section-3-2", "3.2 Sale")


def test_heading_text_with_markup_and_entities_gives_a_plain_title():
    shown = model_text(render("## Section 5. *Fees* & [AMOUNT]"), label)
    assert shown.sections[0].title == "Section 5. Fees & [AMOUNT]"
    assert "Link to Section 5. Fees &amp; [AMOUNT]" in shown.html
    assert (
        '<em>Fees</em> &amp; <mark class="placeholder" data-placeholder="AMOUNT">[AMOUNT]</mark></h2>'
        in shown.html
    )


# Placeholders


def mark(name: str) -> str:
    return f'<mark class="placeholder" data-placeholder="{name}">[{name}]</mark>'


def test_placeholders_are_marked_in_text_only():
    html = (
        '<p title="[JURISDICTION]">In [JURISDICTION] and [GOVERNING BODY], <code>[CODE]</code>, '
        '<a href="#x" data-x="[AGENCY]">[AGENCY]</a> [lowercase] [OPTIONAL: a clause] [CITY/COUNTY ATTORNEY]'
        "</p><pre><code>[PRE]\n</code></pre><!-- [COMMENT] --><p>[DATE]</p>"
    )
    shown = model_text(html, label)
    assert shown.html == (
        f'<p title="[JURISDICTION]">In {mark("JURISDICTION")} and {mark("GOVERNING BODY")}, '
        f'<code>[CODE]</code>, <a href="#x" data-x="[AGENCY]">{mark("AGENCY")}</a> [lowercase] '
        f"[OPTIONAL: a clause] {mark('CITY/COUNTY ATTORNEY')}</p><pre><code>[PRE]\n</code></pre>"
        f"<!-- [COMMENT] --><p>{mark('DATE')}</p>"
    )
    assert shown.placeholders == (
        ("JURISDICTION", 1), ("GOVERNING BODY", 1), ("AGENCY", 1), ("CITY/COUNTY ATTORNEY", 1), ("DATE", 1),
    )  # fmt: skip


# Plain text and Markdown


def test_plain_text_keeps_headings_lists_and_numbers_readable():
    text = plain_text(blocks_of(render(BODY + "\n1. one\n2. two\n\n    more of two\n\n    - nested\n")))
    assert "Section 3. Prohibitions\n=======================\n\n1. Sale. No person" in text
    assert "3.2 Sale\n--------\n\nA fine of up to [AMOUNT], written [NOT A PLACEHOLDER]" in text
    assert "- Landlord means an owner of a dwelling in [JURISDICTION].\n- Tenant means" in text
    assert "1. one\n2. two\n    more of two\n    - nested\n" in text
    assert "    [CODE BLOCK] stays as written\n" in text
    assert "<" not in text


def test_links_to_other_sites_keep_their_address_and_footnotes_their_number():
    text = plain_text(blocks_of(render("See [the law](https://example.org/law)[^1].\n\n[^1]: A note.")))
    assert text == "See the law (https://example.org/law)[1].\n\n* * *\n\n1. A note.\n"


def test_markdown_download_is_the_body_as_written():
    assert markdown_body("---\ntitle: X\n---\n\n## Section 1. A\n\nText [DATE].\n\n") == (
        "## Section 1. A\n\nText [DATE].\n"
    )


def test_citation_is_csl_json_legislation():
    doc = SimpleNamespace(slug="fair-rent", title="Fair Rent", date=dt.date(2025, 10, 1))
    publisher = Publisher("Local Policy Hub", "https://example.org/hub")
    [item] = json.loads(csl_json(doc, publisher, "https://example.org/hub/ordinances/fair-rent/", "Model"))
    assert item == {
        "id": "fair-rent",
        "type": "legislation",
        "title": "Fair Rent",
        "genre": "Model",
        "author": [{"literal": "Local Policy Hub"}],
        "issued": {"date-parts": [[2025, 10, 1]]},
        "URL": "https://example.org/hub/ordinances/fair-rent/",
    }


# A built site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("toolkit")
    content = write_site(root / "content", DOCUMENTS)
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_ordinance_page_has_contents_anchors_placeholders_and_sized_images(site):
    html = page(site, "ordinances/fair-rent")
    nav = re.search(
        r'<nav class="toolkit-contents" id="toolkit-contents" '
        r'aria-label="Sections of the model text".*?</nav>',
        html,
        re.S,
    )
    assert nav and re.findall(r'href="#([^"]+)"', nav.group(0)) == [
        "take-home", "section-1", "definitions", "section-3", "section-3-2", "section-4", "section-9",
    ]  # fmt: skip
    assert '<h2 id="section-3">Section 3. Prohibitions</h2><a class="section-link" href="#section-3"' in html
    assert html.count('data-placeholder="JURISDICTION">[JURISDICTION]</mark>') == 4
    assert "<code>[NOT A PLACEHOLDER]</code>" in html and "<code>[CODE BLOCK] stays" in html
    assert (
        'src="../../images/photo.png" width="40" height="30" loading="lazy"' in html
    )  # hub_images still runs
    assert '<link rel="stylesheet" href="/theme/css/toolkit.css">' in html
    assert '<script type="module" src="/theme/js/fill.js"></script>' in html
    assert '<label for="toolkit-fill-2">Jurisdiction</label>' in html
    assert '[JURISDICTION]</mark> <span class="note">(4 times)</span>' in html


def test_short_text_has_no_contents_and_no_form_and_other_pages_no_toolkit(site):
    html = page(site, "ordinances/short")
    assert "toolkit-contents" not in html and "fill.js" not in html and "Adapt this text" not in html
    assert '<link rel="stylesheet" href="/theme/css/toolkit.css">' in html
    assert "/ordinances/short/short.docx" in html
    story = page(site, "stories/hillsborough-first")
    assert "toolkit.css" not in story and "fill.js" not in story and "section-link" not in story


def test_downloads_are_linked_with_type_and_size(site):
    html = page(site, "ordinances/fair-rent")
    for extension, label_ in ((".docx", "Word"), (".md", "Markdown"), (".txt", "Plain text")):
        size = max(1, round((site / f"{SLUG}{extension}").stat().st_size / 1000))
        assert f'href="/{SLUG}{extension}"' in html
        assert f">{label_} ({extension}, {size} KB)</a>" in html
    assert '<a href="/ordinances/fair-rent/cite.json" type="application/vnd.citationstyles.csl+json">' in html
    assert "Cite this" in html and "[date]" not in html  # the styles themselves: tests/test_citations.py


def test_markdown_and_text_downloads(site):
    md = (site / f"{SLUG}.md").read_text(encoding="utf-8")
    source_line = "Source: /ordinances/fair-rent/, Local Policy Hub, 2025-10-01, updated 2025-11-02"
    assert md == f"# Fair Rent Ordinance\n\n{source_line}\n\n{BODY}"
    txt = (site / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert txt.startswith(f"Fair Rent Ordinance\n===================\n{source_line}\n\nAn ordinance of the")
    assert "\n1. First, by [AGENCY].\n2. Then by a court.\n" in txt
    cite = json.loads((site / "ordinances/fair-rent/cite.json").read_text(encoding="utf-8"))
    assert cite[0]["type"] == "legislation" and cite[0]["genre"] == "Model ordinance"
    assert cite[0]["URL"] == "/ordinances/fair-rent/" and cite[0]["issued"] == {"date-parts": [[2025, 10, 1]]}
    assert json.loads((site / "ordinances/short/cite.json").read_text())[0]["genre"] == "Model resolution"


def test_word_file_has_title_headings_lists_highlights_and_footer(site):
    document = docx.Document(str(site / f"{SLUG}.docx"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs[0] == ("Title", "Fair Rent Ordinance")
    assert ("Heading 1", "Section 3. Prohibitions") in paragraphs and ("Heading 2", "3.2 Sale") in paragraphs
    assert ("List Bullet", "Landlord means an owner of a dwelling in [JURISDICTION].") in paragraphs
    assert ("List Number", "Use. No landlord shall use one.") in paragraphs
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert num_ids[0] == num_ids[1] != num_ids[2] == num_ids[3]  # each list counts from 1 again
    runs = [run for p in document.paragraphs for run in p.runs]
    highlighted = {run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW}
    assert highlighted == {"[GOVERNING BODY]", "[JURISDICTION]", "[AMOUNT]", "[AGENCY]", "[DATE]"}
    assert any(run.text == "Sale." and run.bold for run in runs)
    assert any(run.text == "Tenant" and run.italic for run in runs)
    assert any(run.text == "[NOT A PLACEHOLDER]" and run.font.name == "Courier New" for run in runs)
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer == "Source: /ordinances/fair-rent/, Local Policy Hub, 2025-10-01, updated 2025-11-02"
    core = document.core_properties
    assert (core.title, core.author) == ("Fair Rent Ordinance", "Local Policy Hub")
    assert core.created.date() == dt.date(2025, 10, 1) and core.modified.date() == dt.date(2025, 11, 2)


def test_word_file_and_every_download_are_the_same_bytes_on_every_build(site, tmp_path):
    content = write_site(tmp_path / "content", DOCUMENTS)
    assert build(content, tmp_path / "again").returncode == 0
    for name in (".docx", ".md", ".txt"):
        assert (tmp_path / "again" / f"{SLUG}{name}").read_bytes() == (site / f"{SLUG}{name}").read_bytes()
    assert (tmp_path / "again/ordinances/fair-rent/cite.json").read_bytes() == (
        site / "ordinances/fair-rent/cite.json"
    ).read_bytes()


def test_toolkits_built_on_every_core_are_the_ones_built_here(tmp_path):
    content = write_site(tmp_path / "content", DOCUMENTS)
    ordinances = [d for d in load_site(content, HubSettings()).documents if d.type.name == "ordinance"]
    settings = Settings(Publisher("Local Policy Hub", ""), str(ROOT / "theme"), "en")
    assert len(ordinances) == 2
    store = FileStore(tmp_path / "files")
    assert build_all(settings, ordinances, store, parallel_from=1, chunk=1) == build_chunk(
        (settings, store), ordinances
    )
    # Only what the pages show comes back; the files' bytes are in the store, named by their digest.
    [kit, _] = build_chunk((settings, store), ordinances)
    assert all(file.data == b"" and file.size > 0 for file in kit.files)
    assert {file.path: store.path(file.stored).read_bytes() for file in kit.files} == {
        file.path: file.data
        for file in toolkit_for(
            ordinances[0],
            Path(ordinances[0].source).read_text(),
            settings.publisher,
            translations_for(settings.theme, "en").gettext,
            "en",
        ).files
    }


def test_downloads_are_kept_as_files_in_the_cache_and_a_lost_one_is_made_again(tmp_path):
    # The Word files and the rest never sit in the build's memory: workers put them in the cache, and
    # the site takes them from there as hard links.
    content = write_site(tmp_path / "content", DOCUMENTS)
    assert (first := build(content, tmp_path / "out")).returncode == 0, first.stderr
    store = tmp_path / "out-cache" / "hub" / "toolkit-files"
    made_here = {".docx", ".md", ".txt", ".bib"}  # and cite.json (adoptions.json is hub_data's)
    files = (tmp_path / "out" / "ordinances").glob("*/*")
    downloads = sorted(d for d in files if d.suffix in made_here or d.name == "cite.json")
    assert {d.suffix for d in downloads} == {*made_here, ".json"}
    assert len(list(store.iterdir())) == len(downloads)
    assert all(any(os.path.samefile(d, kept) for kept in store.iterdir()) for d in downloads)
    made = {d: d.read_bytes() for d in downloads}
    word = next(kept for kept in store.iterdir() if kept.read_bytes() == made[downloads[0]])
    word.unlink()
    (store / "half.123.tmp").write_bytes(b"a file a stopped build was writing")
    assert (again := build(content, tmp_path / "out")).returncode == 0, again.stderr
    assert {d: d.read_bytes() for d in downloads} == made
    assert len(list(store.iterdir())) == len(downloads) and word.is_file()


def test_reproducible_zip_fixes_dates_and_keeps_entries(site):
    data = (site / f"{SLUG}.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 11, 2, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"
    assert reproducible_zip(data, dt.date(2025, 11, 2)) == data


def require_libreoffice() -> str:
    """Skip locally without LibreOffice; in CI (CI=true) a missing LibreOffice is a failure, never a skip."""
    found = shutil.which(LIBREOFFICE)
    if found:
        return found
    message = (
        f"LibreOffice not found ({LIBREOFFICE}): install Debian's libreoffice-writer-nogui package "
        "(apt-get install libreoffice-writer-nogui, or make browser)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def test_a_real_word_processor_opens_the_word_file(site, tmp_path):
    libreoffice = require_libreoffice()
    profile = (tmp_path / "profile").as_uri()  # its own profile: never waits on another LibreOffice
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        result = subprocess.run(
            [libreoffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
             "--outdir", str(tmp_path), str(site / f"{SLUG}.docx")],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "fair-rent.pdf").read_bytes().startswith(b"%PDF")
    text = (tmp_path / "fair-rent.txt").read_text(encoding="utf-8-sig")
    assert "Fair Rent Ordinance" in text and "Section 3. Prohibitions" in text
    # Numbered lists as LibreOffice lays them out: the second list starts again from 1.
    assert re.search(r"1\. Sale\. No person.*\n.*2\. Use\.", text)
    assert re.search(r"1\. First, by \[AGENCY\]\.", text)


# In the browser


def test_typing_a_value_fills_every_placeholder_of_that_name(site, chromium):
    with served(site) as base:
        page_, visit = open_page(chromium, base)
        page_.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page_.goto(f"{base}/ordinances/fair-rent/", wait_until="networkidle")
        assert page_.locator(".placeholder-list").is_hidden()
        field = page_.get_by_role("textbox", name="Jurisdiction", exact=True)
        field.press_sequentially("Carrboro")
        marks = page_.locator('.model-text mark[data-placeholder="JURISDICTION"]')
        assert marks.count() == 4 and marks.all_inner_texts() == ["Carrboro"] * 4
        text = page_.locator(".model-text").inner_text()
        assert "[JURISDICTION]" not in text and "[AGENCY]" in text
        field.press("Tab")
        assert page_.evaluate("document.activeElement.id") == "toolkit-fill-3"
        page_.get_by_role("button", name="Copy the filled-in text").focus()
        page_.keyboard.press("Enter")
        status = page_.get_by_role("status")
        status.filter(has_text="Copied").wait_for()
        copied = page_.evaluate("navigator.clipboard.readText()")
        field.fill("")
        emptied = marks.all_inner_texts()
        page_.close()
    assert copied.startswith("An ordinance of the [GOVERNING BODY] of Carrboro.\n")
    assert "[JURISDICTION]" not in copied and "Section 3. Prohibitions\n\n" in copied
    assert "===" not in copied and "\n---" not in copied  # clean text: no heading underlines
    assert emptied == ["[JURISDICTION]"] * 4
    assert [m for m in visit.console if "Content Security Policy" in m] == []
    assert visit.foreign_requests == []


def test_without_javascript_the_placeholders_are_listed(site, chromium):
    with served(site) as base:
        context = chromium.new_context(java_script_enabled=False)
        page_ = context.new_page()
        page_.goto(f"{base}/ordinances/fair-rent/")
        listed = page_.locator(".placeholder-list li").all_inner_texts()
        form_hidden = page_.locator(".fill-form").is_hidden()
        context.close()
    assert form_hidden
    assert listed == [
        "[GOVERNING BODY] (1 time)", "[JURISDICTION] (4 times)", "[AMOUNT] (1 time)", "[AGENCY] (1 time)",
        "[DATE] (1 time)",
    ]  # fmt: skip


def test_cached_downloads_are_rebuilt_when_the_themes_translations_change(tmp_path):
    from hub_toolkit.generator import KitCache, Settings
    from hub_toolkit.toolkit import Publisher

    catalogue = (
        tmp_path / "theme" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    )  # the source the build compiles
    catalogue.parent.mkdir(parents=True)
    catalogue.write_bytes(b'msgid "Home"\nmsgstr "Inicio"\n')
    settings = Settings(Publisher("Hub", ""), str(tmp_path / "theme"), "es")
    before = KitCache(tmp_path / "kits.pickle", settings).salt
    assert KitCache(tmp_path / "kits.pickle", settings).salt == before
    catalogue.write_bytes(b'msgid "Home"\nmsgstr "Portada"\n')
    assert KitCache(tmp_path / "kits.pickle", settings).salt != before


@pytest.mark.site  # seconds of work at full size: not for the quick unit run
def test_a_word_file_of_thousands_of_sections_and_lists_is_written_in_seconds():
    # python-docx adds a paragraph and a list numbering in time that grows with what is already there:
    # 30,000 sections took four minutes, 1,500 short lists eleven seconds (and 5,000 minutes more).
    sections, lists = 6000, 2000
    text = "".join(f"## Section {n}. Part\n\nText {n}.\n\n" for n in range(sections))
    text += "".join(f"{n}. Item\n\nBetween {n}.\n\n" for n in range(lists))
    blocks = blocks_of(render(text))
    meta = WordMeta("Long", "Hub", "A long text.", "Source", dt.date(2025, 1, 1), dt.date(2025, 1, 1), "en")
    started = time.monotonic()
    data = docx_bytes(meta, blocks)
    assert time.monotonic() - started < 10  # about 1 s here; 25 s before
    document = docx.Document(io.BytesIO(data))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(headings) == sections and len(numbered) == lists
    assert len({p._p.pPr.numPr.numId.val for p in numbered}) == lists  # each list its own count
    assert document.paragraphs[-1].text == f"Between {lists - 1}."


@pytest.mark.parametrize(
    "date", [dt.date(1, 1, 1), dt.date(1979, 12, 31), dt.date(2108, 1, 1), dt.date(9999, 12, 31)]
)
def test_a_word_file_of_a_document_dated_outside_zip_dates_gets_the_nearest_zip_date(date):
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(source.getvalue(), date))) as written:
        stamp = written.infolist()[0].date_time
    assert stamp == ((1980, 1, 1, 0, 0, 0) if date.year < 1980 else (2107, 12, 31, 0, 0, 0))


def test_a_word_file_keeps_a_long_title_author_and_summary_cut_to_what_its_properties_hold():
    # A 300-character summary and a 2,000-character title are valid; python-docx refused them (255 at most).
    day = dt.date(2025, 1, 1)
    meta = WordMeta("T" * 2000, "A" * 400, "S" * 300, "Source", day, day, "en")
    core = docx.Document(io.BytesIO(docx_bytes(meta, blocks_of(render("Text.")))))
    assert core.core_properties.title == "T" * 254 + "\u2026"
    assert core.core_properties.author == "A" * 254 + "\u2026"
    assert core.core_properties.comments == "S" * 254 + "\u2026"

"""Take it home: the panel atop each model, downloads filled in the browser (the Word file re-zipped by the
page), values kept on the device and cleared, clean or Markdown copies, "Back to contents" and absolute
section links, in Chromium under the site's Content-Security-Policy; and the plain links without
JavaScript."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from hub_toolkit.sections import model_text
from tests.browser import open_page, served
from tests.sitekit import build, front, write_site

BODY = """\
An ordinance of the [GOVERNING BODY] of [JURISDICTION].

## Section 1. Title

This ordinance may be cited as the [JURISDICTION] Fair Rent Ordinance.

## Section 2. Rents in [JURISDICTION]

- **Landlord** means an owner of a dwelling in [JURISDICTION].

## Section 3. Enforcement

Enforced by [AGENCY], written `[JURISDICTION]` in the code.

## Section 4. Effective Date

This ordinance takes effect on [DATE].
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
    """,
    BODY,
)
SPANISH = front(
    "title: Ordenanza de rentas justas\nsummary: Prohíbe fijar rentas con algoritmos.",
    "Ordenanza del [ÓRGANO DE GOBIERNO] de [JURISDICCIÓN].\n\n## Sección 1. Título\n\nTexto.\n",
)
URL = "/ordinances/fair-rent/"
STEM = "ordinances/fair-rent/fair-rent"
# Characters that must reach every file as text: XML and Markdown markup, an accent, an emoji.
TOWN = "Carrboro & <Chapel> Hill “Ñ” 🏠"
COUNCIL = "Town Council"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("takehome")
    documents = {"ordinances/fair-rent.md": ORDINANCE, "ordinances/fair-rent.es.md": SPANISH}
    result = build(write_site(root / "content", documents), root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def page_html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def panel(html: str) -> str:
    found = re.search(r'<section class="take-home".*?</section>', html, re.S)
    assert found, "no Take it home panel"
    return found.group(0)


# Section ends


def test_section_ends_are_before_each_h2_but_the_first_and_at_the_end_never_inside_code():
    body = (
        "<p>Intro.</p>\n<h2>Section 1. A</h2>\n<p>a</p>\n<h3>1.1 Sub</h3>\n<p>b</p>\n"
        "<pre><code>&lt;h2&gt;not one&lt;/h2&gt;</code></pre>\n<h2>Section 2. B</h2>\n<p>c</p>"
    )
    shown = model_text(body, lambda title: f"Link to {title}")
    ended = shown.with_section_ends("<END>")
    assert ended.count("<END>") == 2
    assert ended.endswith("<p>c</p><END>")
    assert '</code></pre>\n<END><div class="section-heading"><h2 id="section-2">' in ended
    assert ended.replace("<END>", "") == shown.html
    assert model_text("<p>No sections.</p>", str).with_section_ends("<END>") == "<p>No sections.</p>"


# The built pages


def test_the_panel_leads_the_model_with_plain_links_to_everything_to_take_away(site):
    html = page_html(site, URL)
    box = panel(html)
    assert html.index('class="take-home"') < html.index('class="toolkit-contents"') < html.index("model-text")
    links = re.findall(r'<a href="([^"]+)"', box)
    assert links == [
        f"/{STEM}.docx", f"/{STEM}.md", f"/{STEM}.txt", "#toolkit-adapt-heading", "#toolkit-cite-heading",
        "/ordinances/fair-rent/adoptions.csv", "/ordinances/fair-rent/adoptions.json",
    ]  # fmt: skip
    assert box.count(" download data-fill-download>") == 3
    assert '<h2 id="take-home-heading">Take it home</h2>' in box
    assert '<li><a href="#take-home">Take it home</a></li>' in html  # from the table of contents


def test_each_section_ends_with_a_link_back_to_the_contents_and_the_downloads_do_not(site):
    html = page_html(site, URL)
    back = '<p class="to-contents" data-pagefind-ignore><a href="#toolkit-contents">Back to contents</a></p>'
    assert html.count(back) == 4  # four h2 sections
    text = html[html.index('class="model-text"') :]
    assert text.index(back) < text.index('id="section-2"')
    for extension in (".txt", ".md"):
        assert "contents" not in (site / f"{STEM}{extension}").read_text(encoding="utf-8").lower()
    assert "contents" not in "\n".join(p.text for p in docx.Document(str(site / f"{STEM}.docx")).paragraphs)


def test_the_spanish_page_has_its_panel_in_spanish_with_its_own_downloads(site):
    box = panel(page_html(site, "/es/ordinances/fair-rent/"))
    assert '<h2 id="take-home-heading">Lléveselo</h2>' in box
    assert f'href="/es/{STEM}.docx"' in box and f'href="/es/{STEM}.md"' in box
    assert "Descargar el texto modelo:" in box


# In the browser, under the site's policy


def downloaded(page, link, keyboard: bool = False) -> bytes:
    with page.expect_download() as info:
        if keyboard:
            link.focus()
            page.keyboard.press("Enter")
        else:
            link.click()
    return Path(info.value.path()).read_bytes()


def panel_link(page, name: str):
    return page.locator(".take-home").get_by_role("link", name=name, exact=True)


def test_values_fill_every_download_stay_after_a_reload_and_clear(site, chromium):
    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(base + URL, wait_until="networkidle")
        assert page.locator(".fill-note").is_hidden()
        page.get_by_role("textbox", name="Jurisdiction", exact=True).fill(TOWN)
        page.get_by_role("textbox", name="Governing body", exact=True).fill(COUNCIL)
        page.reload(wait_until="networkidle")
        kept = page.get_by_role("textbox", name="Jurisdiction", exact=True).input_value()
        marks = page.locator('.model-text mark[data-placeholder="JURISDICTION"]').all_inner_texts()
        note_shown = page.locator(".fill-note").is_visible()
        word = downloaded(page, panel_link(page, "Word"))
        markdown = downloaded(page, panel_link(page, "Markdown"), keyboard=True).decode()
        text = downloaded(page, panel_link(page, "Plain text")).decode()
        status = page.locator(".fill-status").inner_text()
        page.get_by_role("button", name="Clear my values").click()
        cleared = page.locator(".fill-status").inner_text()
        stored = page.evaluate("JSON.stringify(localStorage)")
        page.reload(wait_until="networkidle")
        after_clear = page.get_by_role("textbox", name="Jurisdiction", exact=True).input_value()
        plain_word = downloaded(page, panel_link(page, "Word"))
        page.close()
    assert kept == TOWN and marks == [TOWN] * 4 and note_shown
    assert status == "Downloaded with the values you filled in."
    document = docx.Document(io.BytesIO(word))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[1] == f"An ordinance of the {COUNCIL} of {TOWN}."
    assert f"Section 2. Rents in {TOWN}" in paragraphs
    assert f"Enforced by [AGENCY], written {TOWN} in the code." in paragraphs  # every [JURISDICTION]
    whole = "\n".join(paragraphs)
    assert "[JURISDICTION]" not in whole and "[GOVERNING BODY]" not in whole
    runs = {run.text: run.font.highlight_color for p in document.paragraphs for run in p.runs}
    assert runs[TOWN] is None and runs["[AGENCY]"] == WD_COLOR_INDEX.YELLOW  # still to fill: highlighted
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        assert package.testzip() is None
        with zipfile.ZipFile(site / f"{STEM}.docx") as built:
            assert package.namelist() == built.namelist()
    assert markdown.startswith("# Fair Rent Ordinance\n\n")
    assert f"An ordinance of the {COUNCIL} of {TOWN}." in markdown
    assert "[JURISDICTION]" not in markdown and "[AGENCY]" in markdown
    heading = f"Section 2. Rents in {TOWN}"
    assert f"\n{heading}\n{'=' * len(heading)}\n" in text  # the underline follows the filled heading
    assert "[JURISDICTION]" not in text and "[DATE]" in text
    assert cleared == "Cleared: the values are gone from this page and this device."
    assert stored == "{}" and after_clear == ""
    assert plain_word == (site / f"{STEM}.docx").read_bytes()  # nothing filled: the built file
    assert [m for m in visit.console if "Content Security Policy" in m] == []
    assert visit.foreign_requests == []


def test_copy_gives_clean_text_or_markdown(site, chromium):
    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page.goto(base + URL, wait_until="networkidle")
        page.get_by_role("textbox", name="Jurisdiction", exact=True).fill("Carrboro")
        copies = {}
        for button in ("Copy the filled-in text", "Copy as Markdown"):
            page.get_by_role("button", name=button).click()
            page.locator(".fill-status").filter(has_text="Copied").wait_for()
            copies[button] = page.evaluate("navigator.clipboard.readText()")
            page.evaluate("document.querySelector('.fill-status').textContent = ''")
        page.close()
    clean, markdown = copies.values()
    assert clean.startswith("An ordinance of the [GOVERNING BODY] of Carrboro.\n\nSection 1. Title\n\nThis")
    assert "===" not in clean and "Section 2. Rents in Carrboro\n\n- Landlord means" in clean
    assert markdown.startswith("An ordinance of the [GOVERNING BODY] of Carrboro.\n\n## Section 1. Title\n")
    assert "## Section 2. Rents in Carrboro" in markdown and "**Landlord**" in markdown
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_a_section_link_copies_the_absolute_permalink(site, chromium):
    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page.goto(base + URL, wait_until="networkidle")
        page.get_by_role("link", name="Link to Section 3. Enforcement").click()
        page.locator("#toolkit-link-status").filter(has_text="Link copied").wait_for(state="attached")
        copied = page.evaluate("navigator.clipboard.readText()")
        hash_ = page.evaluate("location.hash")
        page.get_by_role("link", name="Back to contents").first.click()
        back = page.evaluate("location.hash")
        page.close()
    assert copied == f"{base}{URL}#section-3" and hash_ == "#section-3" and back == "#toolkit-contents"
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_without_javascript_the_panel_downloads_the_built_files(site, chromium):
    with served(site) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + URL)
        files = {ext: downloaded(page, panel_link(page, name)) for ext, name in
                 ((".docx", "Word"), (".md", "Markdown"), (".txt", "Plain text"))}  # fmt: skip
        csv = downloaded(page, page.locator(".take-home").get_by_role("link", name="CSV"))
        context.close()
    for extension, data in files.items():
        assert data == (site / f"{STEM}{extension}").read_bytes()
    assert csv == (site / "ordinances/fair-rent/adoptions.csv").read_bytes()


def test_the_ordinance_page_with_values_filled_has_no_accessibility_violation(site, chromium):
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_accessibility import AXE_TAGS

    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(base + URL, wait_until="networkidle")
        page.get_by_role("textbox", name="Jurisdiction", exact=True).fill("Carrboro")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count == 0, results.generate_report()
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_a_real_word_processor_opens_the_word_file_filled_in_the_browser(site, chromium, tmp_path):
    from tests.test_toolkit import require_libreoffice

    libreoffice = require_libreoffice()
    with served(site) as base:
        page, _ = open_page(chromium, base)
        page.goto(base + URL, wait_until="networkidle")
        page.get_by_role("textbox", name="Jurisdiction", exact=True).fill(TOWN)
        (tmp_path / "filled.docx").write_bytes(downloaded(page, panel_link(page, "Word")))
        page.close()
    profile = (tmp_path / "profile").as_uri()  # its own profile: never waits on another LibreOffice
    result = subprocess.run(
        [libreoffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(tmp_path / "filled.docx")],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "filled.txt").read_text(encoding="utf-8-sig")
    assert f"An ordinance of the [GOVERNING BODY] of {TOWN}." in text and "[JURISDICTION]" not in text


def test_the_spanish_model_downloads_its_own_files_filled_in(site, chromium):
    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/es{URL}", wait_until="networkidle")
        page.get_by_role("textbox", name="Jurisdicción", exact=True).fill("Las Cruces")
        markdown = downloaded(page, panel_link(page, "Markdown")).decode()
        word = downloaded(page, panel_link(page, "Word"))
        status = page.locator(".fill-status").inner_text()
        page.close()
    assert markdown.startswith("# Ordenanza de rentas justas\n")
    assert "Ordenanza del [ÓRGANO DE GOBIERNO] de Las Cruces." in markdown
    assert (
        docx.Document(io.BytesIO(word)).paragraphs[1].text
        == "Ordenanza del [ÓRGANO DE GOBIERNO] de Las Cruces."
    )
    assert status == "Descargado con los datos que completó."
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_a_browser_without_compression_streams_downloads_the_built_word_file_and_says_so(site, chromium):
    with served(site) as base:
        context = chromium.new_context()
        context.add_init_script("delete window.CompressionStream; delete window.DecompressionStream;")
        page = context.new_page()
        page.goto(base + URL, wait_until="networkidle")
        page.get_by_role("textbox", name="Jurisdiction", exact=True).fill("Carrboro")
        word = downloaded(page, panel_link(page, "Word"))
        status = page.locator(".fill-status").inner_text()
        text = downloaded(page, panel_link(page, "Plain text")).decode()
        context.close()
    assert word == (site / f"{STEM}.docx").read_bytes()
    assert status == "The file could not be filled in here: it downloads with its placeholders."
    assert "An ordinance of the [GOVERNING BODY] of Carrboro." in text  # the text needs no compression

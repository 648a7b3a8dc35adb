"""The toolkit in other languages: placeholders of any script, and downloads in the document's language.

One definition of a placeholder (hub_toolkit.sections) is pinned to the written rule by a property test,
the page's marks, the form and the Word and plain-text files are checked to agree on hostile text, and
fill.js is run on such pages in the real Chromium. A built site with Spanish placeholders is read back
(page, form, .docx, .txt), and a toolkit built for Spanish takes its words from the Spanish catalogue.
"""

from __future__ import annotations

import html
import io
import itertools
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from babel.messages.pofile import read_po
from docx.enum.text import WD_COLOR_INDEX
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader

from hub_content import HubSettings, load_site
from hub_core.cache import FileStore
from hub_i18n import translations_for
from hub_toolkit import TEMPLATES
from hub_toolkit.blocks import blocks_of
from hub_toolkit.generator import KitCache, Settings, build_chunk, document_language
from hub_toolkit.plaintext import header, plain_text
from hub_toolkit.sections import PLACEHOLDER, PLACEHOLDER_LENGTH, model_text, placeholder_name, section_id
from hub_toolkit.toolkit import Download, Placeholder, Publisher, Toolkit, toolkit_for
from tests.browser import open_page, served
from tests.sitekit import ROOT, build, front, write_site
from tests.test_toolkit import require_libreoffice

THEME = ROOT / "theme"
CATALOGUE = THEME / "translations" / "es" / "LC_MESSAGES" / "messages.po"
DECOMPOSED = "JURISDICCIO\u0301N"  # Ó typed as O and a combining acute accent

BODY = f"""\
An ordinance of the [ÓRGANO DE GOBIERNO] of [JURISDICCIÓN].

## Section 1. Title

This ordinance may be cited as the [CIUDAD] Fair Rent Ordinance of [NOMBRE DEL CONDADO].

## Section 2. Effective date

It takes effect in [{DECOMPOSED}] on [FECHA], and in [JURISDICCIÓN]
not before [FECHA]. Left as written: [jurisdicción], [Ciudad], [ ], `[CÓDIGO]`.
"""
ORDINANCE = front(
    """
    title: Fair Rent Ordinance
    date: 2025-10-01
    updated: 2025-11-02
    summary: Bans algorithmic rent-setting.
    issues: [housing]
    jurisdictions: [hillsborough-nc]
    """,
    BODY,
)
SLUG = "ordinances/fair-rent/fair-rent"
SPANISH = ["ÓRGANO DE GOBIERNO", "JURISDICCIÓN", "CIUDAD", "NOMBRE DEL CONDADO", "FECHA"]


def label(title: str) -> str:
    return f"Link to {title}"


MARK = re.compile(r'<mark class="placeholder" data-placeholder="([^"]*)">')


def marked(body_html: str) -> list[str]:
    """The names of the placeholders the page marks, in order."""
    return [html.unescape(name) for name in MARK.findall(body_html)]


# The one definition, against the rule as written


INVISIBLE = frozenset({0x034F, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})


def is_placeholder(text: str) -> bool:
    """The rule, character by character: `[`, an uppercase letter of any script, then at most 79 more of
    uppercase letters, visible combining marks, digits, spaces and simple punctuation, then `]`."""

    def upper(char: str) -> bool:
        return unicodedata.category(char) in ("Lu", "Lt")

    def allowed(char: str) -> bool:
        visible_mark = unicodedata.category(char) in ("Mn", "Mc", "Nd") and ord(char) not in INVISIBLE
        return upper(char) or visible_mark or char in " \t\r\n_/.,:()'\u2019-"

    inner = text[1:-1]
    return (
        text[:1] == "[" and text[-1:] == "]" and 1 <= len(inner) <= PLACEHOLDER_LENGTH
        and upper(inner[0]) and all(allowed(c) for c in inner[1:])
    )  # fmt: skip


HOSTILE = list("AZÉÑÓΣДǅaéñßσ09٣ \n\t_/.,:()'’-&<>\"[]^*#\u0301\u0308\u20dd\ufe0f\u034f\u200f\u200b")
CHARS = st.one_of(
    st.sampled_from(HOSTILE),
    st.characters(categories=("Lu", "Lt", "Ll", "Lo", "Mn", "Mc", "Me", "Nd", "No", "Zs", "P", "S", "Cf")),
)
INNER = st.one_of(
    st.text(CHARS, max_size=12),
    st.builds(lambda c, n: c * n, st.sampled_from("AÉΣ\u0301 "), st.integers(PLACEHOLDER_LENGTH - 3, 84)),
    st.builds(
        lambda a, b: a + b, st.text(st.sampled_from("AÉ \u0301"), max_size=3), st.text(CHARS, max_size=4)
    ),
)


@given(INNER)
def test_a_placeholder_is_exactly_what_the_rule_says(inner):
    candidate = f"[{inner}]"
    assert bool(PLACEHOLDER.fullmatch(candidate)) == is_placeholder(candidate)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("[JURISDICCIÓN]", ["JURISDICCIÓN"]),
        ("[NOMBRE DEL CONDADO] y [FECHA]", ["NOMBRE DEL CONDADO", "FECHA"]),
        ("[ΠΟΛΗ] [ГОРОД] [ǅUPANIJA]", ["ΠΟΛΗ", "ГОРОД", "ǅUPANIJA"]),
        (f"[{DECOMPOSED}]", ["JURISDICCIÓN"]),  # the same field as the composed letter
        ("[GOVERNING\nBODY]", ["GOVERNING BODY"]),  # Markdown wrapped inside it
        ("[NÚM. 3, ART. (A)] [O'HARE]", ["NÚM. 3, ART. (A)", "O'HARE"]),
        ("[[CIUDAD]] [A [B] C]", ["CIUDAD", "B"]),  # nested: the innermost
        ("[" + "A" * PLACEHOLDER_LENGTH + "]", ["A" * PLACEHOLDER_LENGTH]),
        ("[" + "A" * (PLACEHOLDER_LENGTH + 1) + "]", []),  # too long
        ("[jurisdicción] [Ciudad] [ ] [] [^1] [30] [ÉA\u200fB] [A\ufe0f] [مدينة] [שם]", []),
        ("[JURIS<em>DICCIÓN</em>] [<b>CIUDAD</b>] [A&amp;B] [A&lt;B]", []),  # markup or entities inside
        ('<code>[CÓDIGO]</code> <span title="[CIUDAD]">x</span>', []),  # code and attributes
    ],
)
def test_placeholders_of_any_script_are_marked_and_nothing_else(text, names):
    shown = model_text(f"<p>{text}</p>", label)
    assert marked(shown.html) == names
    assert [name for name, _ in shown.placeholders] == list(dict.fromkeys(names))


def test_a_placeholder_name_is_escaped_in_its_attribute_and_its_text_kept():
    shown = model_text("<p>[O'HARE (NORTE)]</p>", label)
    assert shown.html == (
        '<p><mark class="placeholder" data-placeholder="O&#x27;HARE (NORTE)">[O\'HARE (NORTE)]</mark></p>'
    )


PIECE = st.one_of(
    INNER.map(lambda inner: html.escape(f"[{inner}]", quote=False)),
    st.sampled_from(SPANISH).map(lambda name: f"[{name}]"),
    # Names the page writes differently from the text: composed, a line break as a space, escaped.
    st.sampled_from([f"[{DECOMPOSED}]", "[ÓRGANO DE\nGOBIERNO]", "[O'HARE]", "[Σ\u0301 (A)]"]),
    st.builds(lambda a, tag, b: f"[{a}<{tag}>{b}</{tag}>]", st.sampled_from(["JURIS", "A"]),
              st.sampled_from(["em", "strong", "span", "code", "mark"]), st.sampled_from(["DICCIÓN", "B"])),
    st.sampled_from(["text", " ", "\n", "<em>X</em>", "&amp;", "[", "]"]),
)  # fmt: skip


def paragraph(pieces: list[str]) -> str:
    return f"<p>{''.join(pieces)}</p>"


@given(st.lists(PIECE, max_size=12))
def test_the_word_and_text_files_hold_exactly_the_placeholders_the_page_marks(pieces):
    shown = model_text(paragraph(pieces), label)
    runs = [run for block in blocks_of(shown.html) for run in block.runs if run.placeholder]
    assert [placeholder_name(run.text) for run in runs] == marked(shown.html)
    assert all(PLACEHOLDER.fullmatch(run.text) for run in runs)


# In the browser: fill.js on pages marked by the build


def render_page(folder: Path, name: str, pieces: list[str]) -> tuple[Toolkit, str]:
    """An ordinance's model text with the toolkit's own template and script, and its plain text, in
    `folder/name/` (a page and text of their own, never one the browser has cached)."""
    shown = model_text(paragraph(pieces), label)
    text = header("T", "Source") + plain_text(blocks_of(shown.html))
    kit = Toolkit(
        html=shown.html,
        contents=(),
        placeholders=tuple(Placeholder(name, count) for name, count in shown.placeholders),
        downloads=(
            Download(f"{name}/text.txt", "Plain text", ".txt", "text/plain", text.encode()),
            Download(f"{name}/text.md", "Markdown", ".md", "text/markdown", b""),
        ),
        citation=Download("cite.json", "Citation data", ".json", "application/json", b"[]"),
        url="",
        year=2025,
    )
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, extensions=["jinja2.ext.i18n"]
    )
    environment.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    before = environment.get_template("toolkit_before.html").render(
        view=SimpleNamespace(toolkit=kit), doc=SimpleNamespace(url=f"{name}/"), SITEURL=""
    )
    for asset in ("js/fill.js", "css/toolkit.css"):  # what the template links
        (folder / "theme" / asset).parent.mkdir(parents=True, exist_ok=True)
        (folder / "theme" / asset).write_bytes((THEME / "static" / asset).read_bytes())
    (folder / name).mkdir()
    (folder / name / "text.txt").write_text(text, encoding="utf-8")
    (folder / name / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head><body><main>'
        f'{before}<div class="model-text">{kit.html}</div></main></body></html>',
        encoding="utf-8",
    )
    return kit, text


MARKS = (
    "[...document.querySelectorAll('.model-text mark.placeholder')]"
    ".map(m => [m.dataset.placeholder, m.textContent])"
)


def test_fill_js_fills_and_copies_exactly_the_placeholders_the_build_marked(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fill")
    with served(folder) as base:
        page, visit = open_page(chromium, base)
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        visits, errors = itertools.count(), []
        page.on("pageerror", lambda error: errors.append(str(error)))

        @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.lists(PIECE, max_size=10).filter(lambda p: any("[" in x for x in p)))
        def check(pieces):
            name = f"page-{next(visits)}"
            kit, text = render_page(folder, name, pieces)
            page.goto(f"{base}/{name}/", wait_until="networkidle")
            written = page.evaluate(MARKS)
            names = [p.name for p in kit.placeholders]
            values = {name: f"«{i}»" for i, name in enumerate(names)}
            # The build's names, read back by the browser from the attributes, and the text they stand for.
            assert [name for name, _ in written] == marked(kit.html)
            assert all(unicodedata.normalize("NFC", " ".join(t.split())) == f"[{n}]" for n, t in written)
            if not names:
                assert page.locator(".fill-form").count() == 0
                return
            fields = page.locator(".fill-form input[data-placeholder]")
            assert fields.evaluate_all("fs => fs.map(f => f.dataset.placeholder)") == names
            for i, name in enumerate(names):
                fields.nth(i).fill(values[name])
            assert page.evaluate(MARKS) == [[name, values[name]] for name, _ in written]
            page.locator(".fill-copy[data-format=text]").click()
            page.locator(".fill-status").filter(has_text="Copied").wait_for()
            copied = page.evaluate("navigator.clipboard.readText()")
            expected = unicodedata.normalize("NFC", text.split("\n\n", 1)[1])
            for name in names:
                expected = expected.replace(f"[{name}]", values[name])
            assert copied == expected
            for i in range(len(names)):
                fields.nth(i).fill("")
            assert page.evaluate(MARKS) == written  # each mark back to its own text

        check()
        page.close()
    assert errors == [] and [m for m in visit.console if "Content Security Policy" in m] == []


# A built site: an English ordinance written with Spanish placeholders


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("placeholders")
    content = write_site(root / "content", {"ordinances/fair-rent.md": ORDINANCE})
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_spanish_placeholders_are_marked_listed_and_in_every_download(site):
    page = (site / "ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    text = page.split('<section class="model-text"', 1)[1]
    assert marked(text) == [*SPANISH[:4], "JURISDICCIÓN", "FECHA", "JURISDICCIÓN", "FECHA"]
    assert f'data-placeholder="JURISDICCIÓN">[{DECOMPOSED}]</mark>' in text
    assert "[jurisdicción], [Ciudad], [ ], <code>[CÓDIGO]</code>" in text
    labels = [
        ("ÓRGANO DE GOBIERNO", "Órgano de gobierno"), ("JURISDICCIÓN", "Jurisdicción"), ("CIUDAD", "Ciudad"),
        ("NOMBRE DEL CONDADO", "Nombre del condado"), ("FECHA", "Fecha"),
    ]  # fmt: skip
    for i, (name, shown) in enumerate(labels, 1):
        assert (
            f'<label for="toolkit-fill-{i}">{shown}</label><input id="toolkit-fill-{i}" type="text" '
            f'autocomplete="off" data-placeholder="{name}">'
        ) in page
    assert '<mark class="placeholder">[JURISDICCIÓN]</mark> <span class="note">(3 times)</span>' in page

    document = docx.Document(str(site / f"{SLUG}.docx"))
    runs = [run for p in document.paragraphs for run in p.runs]
    highlighted = [run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert highlighted == [f"[{n}]" for n in SPANISH[:4]] + [
        f"[{DECOMPOSED}]",
        "[FECHA]",
        "[JURISDICCIÓN]",
        "[FECHA]",
    ]
    assert any("[jurisdicción], [Ciudad]" in run.text for run in runs)
    plain = (site / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert "the [CIUDAD] Fair Rent Ordinance of [NOMBRE DEL CONDADO]." in plain
    assert "in [JURISDICCIÓN] not before [FECHA]" in plain  # the wrapped line reads as one
    assert "[ÓRGANO DE GOBIERNO] of [JURISDICCIÓN]" in (site / f"{SLUG}.md").read_text(encoding="utf-8")


def test_typing_into_a_spanish_field_fills_its_placeholders(site, chromium):
    with served(site) as base:
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/ordinances/fair-rent/", wait_until="networkidle")
        field = page.get_by_role("textbox", name="Jurisdicción", exact=True)
        field.press_sequentially("Carrboro")
        marks = page.locator('.model-text mark[data-placeholder="JURISDICCIÓN"]')
        filled = marks.all_inner_texts()
        shown = page.locator(".model-text").inner_text()
        field.fill("")
        emptied = marks.evaluate_all("ms => ms.map(m => m.textContent)")
        page.close()
    assert filled == ["Carrboro"] * 3
    assert "of Carrboro." in shown and "It takes effect in Carrboro on [FECHA]" in shown
    assert "[CIUDAD]" in shown and "[jurisdicción]" in shown
    assert emptied == ["[JURISDICCIÓN]", f"[{DECOMPOSED}]", "[JURISDICCIÓN]"]
    assert [m for m in visit.console if "Content Security Policy" in m] == []


# The document's language


def spanish(msgid: str) -> str:
    """The Spanish catalogue's translation, read from the .po file itself."""
    with CATALOGUE.open("rb") as file:
        message = read_po(file).get(msgid)
    assert message is not None and message.string and message.string != msgid, msgid
    return str(message.string)


@pytest.fixture(scope="module")
def ordinance(tmp_path_factory):
    content = write_site(tmp_path_factory.mktemp("lang") / "content", {"ordinances/fair-rent.md": ORDINANCE})
    [doc] = [d for d in load_site(content, HubSettings()).documents if d.type.name == "ordinance"]
    return doc


def test_a_toolkit_for_spanish_takes_its_words_from_the_spanish_catalogue(ordinance):
    translate = translations_for(THEME, "es").gettext
    source = Path(ordinance.source).read_text(encoding="utf-8")
    kit = toolkit_for(ordinance, source, Publisher("Red Local", "https://hub.example.org"), translate, "es")
    word = next(d for d in kit.downloads if d.extension == ".docx")
    document = docx.Document(io.BytesIO(word.data))
    source_line = spanish("Source: %(url)s, %(site)s, %(date)s") % {
        "url": "https://hub.example.org/ordinances/fair-rent/",
        "site": "Red Local",
        "date": "2025-10-01" + spanish(", updated %(date)s") % {"date": "2025-11-02"},
    }
    assert document.sections[0].footer.paragraphs[0].text == source_line
    assert source_line.startswith("Fuente: ") and "actualizado" in source_line
    assert document.core_properties.language == "es"
    with zipfile.ZipFile(io.BytesIO(word.data)) as package:
        styles = package.read("word/styles.xml").decode()
    assert '<w:lang w:val="es" w:eastAsia="en-US" w:bidi="ar-SA"/>' in styles
    link = spanish("Link to %(section)s") % {"section": "Section 1. Title"}
    assert f'<span class="visually-hidden">{link}</span>' in kit.html
    assert spanish("Model ordinance") in kit.citation.data.decode()
    assert source_line in next(d for d in kit.downloads if d.extension == ".txt").data.decode()
    assert [p.name for p in kit.placeholders] == SPANISH  # placeholders do not depend on the language


def test_an_english_toolkit_keeps_the_source_words_and_says_english(ordinance, tmp_path):
    store = FileStore(tmp_path)
    [kit] = build_chunk((Settings(Publisher("Hub", ""), str(THEME), "en"), store), [ordinance])
    word = store.path(kit.downloads[0].stored).read_bytes()
    document = docx.Document(io.BytesIO(word))
    assert document.sections[0].footer.paragraphs[0].text.startswith("Source: /ordinances/fair-rent/, Hub,")
    assert document.core_properties.language == "en"
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        assert '<w:lang w:val="en-US"' in package.read("word/styles.xml").decode()


def test_each_toolkit_is_built_and_cached_in_its_documents_language(ordinance, tmp_path):
    site_settings = Settings(Publisher("Hub", ""), str(THEME), "en")
    in_spanish = SimpleNamespace(**{f: getattr(ordinance, f) for f in ("source", "url")}, lang="es")
    assert document_language(ordinance, "en") == "en"  # "" or no lang: the site's language
    assert document_language(in_spanish, "en") == "es"
    cache = KitCache(tmp_path / "kits.pickle", site_settings)
    assert cache.key(in_spanish) != cache.key(
        SimpleNamespace(source=ordinance.source, url=ordinance.url, lang="")
    )
    # A site whose own language is Spanish builds its documents' toolkits in Spanish.
    [kit] = build_chunk((Settings(Publisher("Hub", ""), str(THEME), "es"), cache.store), [ordinance])
    word = cache.store.path(kit.downloads[0].stored).read_bytes()
    footer = docx.Document(io.BytesIO(word)).sections[0].footer.paragraphs[0].text
    assert footer.startswith("Fuente: /ordinances/fair-rent/, Hub, 2025-10-01, actualizado el 2025-11-02")


def test_a_word_file_in_a_language_with_a_region_names_it_whole(ordinance):
    kit = toolkit_for(ordinance, "", Publisher("Hub", ""), str, "pt-BR")
    assert docx.Document(io.BytesIO(kit.downloads[0].data)).core_properties.language == "pt-BR"
    with zipfile.ZipFile(io.BytesIO(kit.downloads[0].data)) as package:
        assert '<w:lang w:val="pt-BR"' in package.read("word/styles.xml").decode()


def test_a_real_word_processor_opens_the_spanish_word_file(ordinance, tmp_path):
    libreoffice = require_libreoffice()
    translate = translations_for(THEME, "es").gettext
    kit = toolkit_for(ordinance, "", Publisher("Hub", ""), translate, "es")
    word = tmp_path / "fair-rent.docx"
    word.write_bytes(kit.downloads[0].data)
    result = subprocess.run(
        [libreoffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(word)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "fair-rent.txt").read_text(encoding="utf-8-sig")
    assert "An ordinance of the [ÓRGANO DE GOBIERNO] of [JURISDICCIÓN]." in text
    assert "the [CIUDAD] Fair Rent Ordinance of [NOMBRE DEL CONDADO]." in text


# A translation: its own toolkit, in its own language

TRANSLATION = front(
    """
    title: Ordenanza de alquiler justo
    summary: Prohíbe fijar los alquileres con algoritmos.
    """,
    "Una ordenanza del [ÓRGANO DE GOBIERNO] de [JURISDICCIÓN].\n\n## Sección 1. Título\n\n"
    "Esta ordenanza podrá citarse como la Ordenanza de alquiler justo de [JURISDICCIÓN].\n",
)


@pytest.fixture(scope="module")
def translated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("translated")
    documents = {"ordinances/fair-rent.md": ORDINANCE, "ordinances/fair-rent.es.md": TRANSLATION}
    content = write_site(root / "content", documents)
    settings = root / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "HUB_LANGUAGES = {'es': {}}\n"
    )
    result = build(content, root / "out", settings)
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_a_spanish_translation_of_an_ordinance_has_its_own_spanish_downloads(translated):
    spanish_word = docx.Document(str(translated / "es" / f"{SLUG}.docx"))
    english_word = docx.Document(str(translated / f"{SLUG}.docx"))
    footer = spanish_word.sections[0].footer.paragraphs[0].text
    assert (
        footer == "Fuente: /es/ordinances/fair-rent/, Local Policy Hub, 2025-10-01, actualizado el 2025-11-02"
    )
    assert english_word.sections[0].footer.paragraphs[0].text.startswith("Source: /ordinances/fair-rent/, ")
    assert (spanish_word.core_properties.language, english_word.core_properties.language) == ("es", "en")
    assert spanish_word.paragraphs[0].text == "Ordenanza de alquiler justo"
    runs = [run for p in spanish_word.paragraphs for run in p.runs]
    highlighted = [run.text for run in runs if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert highlighted == ["[ÓRGANO DE GOBIERNO]", "[JURISDICCIÓN]", "[JURISDICCIÓN]"]
    plain = (translated / "es" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert plain.startswith("Ordenanza de alquiler justo\n===========================\nFuente: ")
    markdown_file = (translated / "es" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "Una ordenanza del [ÓRGANO DE GOBIERNO]" in markdown_file and "title:" not in markdown_file
    cite = (translated / "es/ordinances/fair-rent/cite.json").read_text(encoding="utf-8")
    assert '"genre": "Ordenanza modelo"' in cite and '"title": "Ordenanza de alquiler justo"' in cite


def test_the_spanish_page_of_a_translated_ordinance_fills_in_its_spanish_placeholders(translated):
    page = (translated / "es/ordinances/fair-rent/index.html").read_text(encoding="utf-8")
    assert marked(page.split('<section class="model-text"', 1)[1]) == [
        "ÓRGANO DE GOBIERNO",
        *["JURISDICCIÓN"] * 2,
    ]
    assert '<label for="toolkit-fill-2">Jurisdicción</label>' in page
    assert '<span class="visually-hidden">Enlace a Sección 1. Título</span>' in page
    assert 'href="/es/ordinances/fair-rent/fair-rent.docx"' in page


@pytest.mark.parametrize(
    ("title", "anchor"),
    [
        ("Sección 3. Prohibiciones", "section-3"),
        ("SECCIÓN 3.1 Alcance", "section-3-1"),
        ("Seccion 4: Exclusiones", "section-4"),
        ("Artículo 2. Definiciones", "section-2"),
        ("Conclusiones", "conclusiones"),
    ],
)
def test_a_translations_numbered_headings_get_the_originals_anchors(title, anchor):
    assert section_id(title) == anchor

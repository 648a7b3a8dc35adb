"""The Word download: an ordinance's blocks as a .docx file, the same bytes on every build.

Reads the blocks of `blocks.blocks_of()` and the document's title, dates and source line; writes nothing
(returns the bytes). Built with python-docx on its default template: the title in the Title style,
section headings as Heading 1 (h2) and Heading 2 (h3), list items as List Bullet and List Number (each
numbered list restarting at its own first number), bold, italic and code runs, placeholders highlighted
in yellow, and a footer naming the source. The file is in the document's language: the core properties'
language and the text's default language (`w:lang`, which spelling and hyphenation follow) name it. The
core properties take the document's dates instead of the clock, and the package is zipped again with
fixed entry dates, so two builds give identical files.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Num
from docx.oxml.parser import OxmlElement
from docx.oxml.section import CT_SectPr
from docx.styles import BabelFish
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from .blocks import Block, Run

HEADING_STYLES = {1: "Heading 1", 2: "Heading 1", 3: "Heading 2"}
# Every style `_style()` can name, and the Title of the first line.
USED_STYLES = frozenset(
    {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Quote"}
    | {f"List {kind}{depth}" for kind in ("Bullet", "Number", "Continue") for depth in ("", " 2", " 3")}
)
# Parts of python-docx's template that a model text never uses: Word 2010's duplicate of the styles,
# a preview picture and custom XML. Without them and the unused styles, a file is a third of the size.
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
UNUSED_PARTS = (STYLES_WITH_EFFECTS, RT.CUSTOM_XML, RT.THUMBNAIL)
CODE_FONT = "Courier New"
_CONTROL = frozenset("\t\n\r")
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class WordMeta:
    title: str
    author: str  # the organization publishing the model
    summary: str
    footer: str
    created: dt.date
    modified: dt.date
    language: str  # a language code: "en", "es"


def docx_bytes(meta: WordMeta, blocks: Sequence[Block]) -> bytes:
    document = docx.Document(io.BytesIO(_template()))
    _properties(document, meta)
    _text_language(document, meta.language)
    document.add_heading(meta.title, 0)
    numbering = _Numbering(document)
    style_ids: dict[str, str] = {}  # python-docx looks a style up slowly: once per name and document
    # python-docx's add_paragraph() looks through every paragraph already there for the section
    # properties, so a text of many thousand paragraphs took minutes: keep hold of them once instead.
    end = document.element.body.sectPr
    for block in blocks:
        name = _style(block)
        paragraph = _paragraph(document, end)
        if name != "Normal":
            style_id = style_ids.setdefault(name, document.styles[name].style_id)
            paragraph._p.style = style_id
        if block.kind == "number":
            numbering.apply(name, paragraph, block)
        elif block.kind == "rule":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run("* * *")
        for run in block.runs:
            _run(paragraph, run)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = meta.footer
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), meta.modified)


@functools.cache
def _template() -> bytes:
    """python-docx's default template with only the styles and parts a model text uses.

    Its styles part alone is 350 KB of XML (164 styles, most of them table styles); every file would
    carry, parse and compress it again.
    """
    document = docx.Document()
    for relations in (document.part.rels, document.part.package.rels):
        for rel_id in [r.rId for r in relations.values() if r.reltype in UNUSED_PARTS]:
            del relations[rel_id]
    styles = document.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.iterchildren(qn("w:style"))}
    names = {BabelFish.ui2internal(name) for name in USED_STYLES}  # Word's own names: "heading 1"
    wanted = [s for s in by_id.values() if s.name_val in names or s.get(qn("w:default")) == "1"]
    kept: set[str] = set()
    while wanted:  # a style needs the styles it is based on, linked to, or followed by
        style = wanted.pop()
        style_id = style.get(qn("w:styleId"))
        if style_id in kept:
            continue
        kept.add(style_id)
        for link in ("w:basedOn", "w:link", "w:next"):
            child = style.find(qn(link))
            if child is not None and child.get(qn("w:val")) in by_id:
                wanted.append(by_id[child.get(qn("w:val"))])
    for style_id, style in by_id.items():
        if style_id not in kept:
            styles.remove(style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _properties(document: Document, meta: WordMeta) -> None:
    core = document.core_properties
    created = dt.datetime.combine(meta.created, dt.time(), dt.UTC)
    modified = dt.datetime.combine(meta.modified, dt.time(), dt.UTC)
    title, author = _property(meta.title), _property(meta.author)
    core.title, core.author, core.last_modified_by = title, author, author
    core.comments, core.revision = _property(meta.summary), 1
    core.created, core.modified, core.last_printed = created, modified, modified
    core.language = meta.language


def _text_language(document: Document, language: str) -> None:
    """The language the text's runs are in unless they say otherwise (the default run properties).

    python-docx's template says "en-US": an English document keeps it (its region is as good as any); a
    document in another language says its own code.
    """
    path = "/".join(qn(name) for name in ("w:docDefaults", "w:rPrDefault", "w:rPr", "w:lang"))
    found = document.styles.element.find(path)
    if found is None:
        raise ValueError("python-docx's template has no default language to set")  # its template changed
    if found.get(qn("w:val"), "").split("-")[0].lower() != language.split("-")[0].lower():
        found.set(qn("w:val"), language)


CORE_PROPERTY_MAX = 255  # characters python-docx (and Word) allow in a core property


def _property(text: str) -> str:
    """A title, author or summary cut to what a core property holds (a 300-character summary is valid)."""
    if len(text) <= CORE_PROPERTY_MAX:
        return text
    return text[: CORE_PROPERTY_MAX - 1].rstrip() + "\u2026"


def _style(block: Block) -> str:
    depth = "" if block.level < 1 else f" {min(block.level + 1, 3)}"
    if block.kind == "heading":
        return HEADING_STYLES.get(block.level, "Heading 3")
    if block.kind == "bullet":
        return "List Bullet" + depth
    if block.kind == "number":
        return "List Number" + depth
    if block.kind == "paragraph" and block.level > 0:
        return "List Continue" + ("" if block.level < 2 else f" {min(block.level, 3)}")
    if block.quote:
        return "Quote"
    return "Normal"


def _paragraph(document: Document, end: CT_SectPr | None) -> Paragraph:
    """A new last paragraph of the body, in constant time (before the section properties, as Word needs)."""
    element = OxmlElement("w:p")
    if end is not None:
        end.addprevious(element)
    else:
        document.element.body.append(element)
    return Paragraph(element, document._body)


class _Numbering:
    """Word numbers every paragraph of a List Number style as one list: each list gets its own instance.

    python-docx's add_num() looks for the lowest free id by comparing every id with every other one, so
    a text of a few thousand short lists took minutes; the ids here are counted once, then incremented.
    """

    def __init__(self, document: Document) -> None:
        self._document = document
        self._ids: dict[int, int] = {}  # list id -> the Word numbering instance that restarts it
        self._abstract: dict[str, int] = {}  # style name -> its abstract numbering
        self._next: int | None = None

    def apply(self, style: str, paragraph: Paragraph, block: Block) -> None:
        if block.list_id not in self._ids:
            self._ids[block.list_id] = self._add(style, block.number)
        numbers = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbers.get_or_add_ilvl().val = 0
        numbers.get_or_add_numId().val = self._ids[block.list_id]

    def _add(self, style: str, start: int) -> int:
        part = self._document.part.numbering_part.element
        if style not in self._abstract:
            style_num = self._document.styles[style].element.pPr.numPr.numId.val
            self._abstract[style] = part.num_having_numId(style_num).abstractNumId.val
        if self._next is None:
            self._next = max((int(n) for n in part.xpath("./w:num/@w:numId")), default=0) + 1
        num_id, self._next = self._next, self._next + 1
        num = part._insert_num(CT_Num.new(num_id, self._abstract[style]))
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num_id


def _run(paragraph: Paragraph, run: Run) -> None:
    if _CONTROL.isdisjoint(run.text):
        # python-docx's text setter looks at every character for tabs and breaks; most runs have none.
        element = paragraph._p.add_r()
        element.add_t(run.text)
        word_run = DocxRun(element, paragraph)
    else:
        word_run = paragraph.add_run(run.text)
    # Only what is set: assigning None would still add an empty property element to every run.
    if run.bold:
        word_run.bold = True
    if run.italic:
        word_run.italic = True
    if run.code:
        word_run.font.name = CODE_FONT
    if run.superscript:
        word_run.font.superscript = True
    if run.placeholder:
        word_run.font.highlight_color = WD_COLOR_INDEX.YELLOW


ZIP_FIRST_YEAR, ZIP_LAST_YEAR = 1980, 2107


def reproducible_zip(package: bytes, date: dt.date) -> bytes:
    """The same entries, in the same order, with the given date and fixed attributes on every one."""
    # A ZIP entry's date is a DOS date: 1980 to 2107 only. A document dated outside (year 1, 9999 are valid
    # dates) gets the nearest end, not a build stopped by struct.error.
    if date.year < ZIP_FIRST_YEAR:
        stamp = (ZIP_FIRST_YEAR, 1, 1, 0, 0, 0)
    elif date.year > ZIP_LAST_YEAR:
        stamp = (ZIP_LAST_YEAR, 12, 31, 0, 0, 0)
    else:
        stamp = (date.year, date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename), compresslevel=6)
    return out.getvalue()

"""The Word download: an ordinance's blocks as a .docx file, the same bytes on every build.

Reads the blocks of `blocks.blocks_of()` and the document's title, dates and source line; writes nothing
(returns the bytes). Built with python-docx on its default template: the title in the Title style,
section headings as Heading 1 (h2) and Heading 2 (h3), list items as List Bullet and List Number (each
numbered list restarting at its own first number), bold, italic and code runs, placeholders highlighted
in yellow, and a footer naming the source. The core properties take the document's dates instead of the
clock, and the package is zipped again with fixed entry dates, so two builds give identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.text.paragraph import Paragraph

from .blocks import Block, Run

HEADING_STYLES = {1: "Heading 1", 2: "Heading 1", 3: "Heading 2"}
CODE_FONT = "Courier New"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class WordMeta:
    title: str
    author: str  # the organization publishing the model
    summary: str
    footer: str
    created: dt.date
    modified: dt.date


def docx_bytes(meta: WordMeta, blocks: Sequence[Block]) -> bytes:
    document = docx.Document()
    _properties(document, meta)
    document.add_heading(meta.title, 0)
    numbering: dict[int, str] = {}  # list id -> the Word numbering instance that restarts it
    style_ids: dict[str, str] = {}  # python-docx looks a style up slowly: once per name and document
    for block in blocks:
        name = _style(block)
        paragraph = document.add_paragraph()
        if name != "Normal":
            style_id = style_ids.setdefault(name, document.styles[name].style_id)
            paragraph._p.style = style_id
        if block.kind == "number":
            _number(document, name, paragraph, block, numbering)
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


def _properties(document: Document, meta: WordMeta) -> None:
    core = document.core_properties
    created = dt.datetime.combine(meta.created, dt.time(), dt.UTC)
    modified = dt.datetime.combine(meta.modified, dt.time(), dt.UTC)
    core.title, core.author, core.last_modified_by = meta.title, meta.author, meta.author
    core.comments, core.revision = meta.summary, 1
    core.created, core.modified, core.last_printed = created, modified, modified


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


def _number(
    document: Document, style: str, paragraph: Paragraph, block: Block, numbering: dict[int, str]
) -> None:
    """Word numbers every paragraph of a List Number style as one list: give each list its own count."""
    if block.list_id not in numbering:
        part = document.part.numbering_part.element
        style_num = document.styles[style].element.pPr.numPr.numId.val
        abstract = part.num_having_numId(style_num).abstractNumId.val
        num = part.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(block.number)
        numbering[block.list_id] = num.numId
    numbers = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbers.get_or_add_ilvl().val = 0
    numbers.get_or_add_numId().val = numbering[block.list_id]


def _run(paragraph: Paragraph, run: Run) -> None:
    word_run = paragraph.add_run(run.text)
    word_run.bold = run.bold or None
    word_run.italic = run.italic or None
    if run.code:
        word_run.font.name = CODE_FONT
    if run.superscript:
        word_run.font.superscript = True
    if run.placeholder:
        word_run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def reproducible_zip(package: bytes, date: dt.date) -> bytes:
    """The same entries, in the same order, with the given date and fixed attributes on every one."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename), compresslevel=6)
    return out.getvalue()

"""Everything the toolkit shows and writes for one ordinance, computed before any page is rendered.

Reads one ordinance (`Document` with `OrdinanceDetails`), its Markdown source text, the site's name and
address, the document's language and a gettext function for it; writes nothing. `toolkit_for()` returns
a `Toolkit`: the model text with section anchors and marked placeholders, the table of contents (4
sections or more; the page's text then links back to it at each section's end, its downloads do not),
the placeholders, and the files to write under `/ordinances/<slug>/`: `<slug>.docx`,
`<slug>.md`, `<slug>.txt`, `cite.json` (CSL-JSON) and `cite.bib` (BibTeX); and the citations "Cite this"
prints (citation.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from hub_model import N_, Document, OrdinanceDetails, compressed

from . import word
from .blocks import Block, blocks_of
from .citation import BIBTEX_MEDIA_TYPE, Citation, bibtex, citations, long_dates
from .plaintext import header, plain_text
from .sections import Section, model_text

Translate = Callable[[str], str]
CONTENTS_FROM = 4  # sections needed before the text gets a table of contents
FENCE = "---"
CSL_MEDIA_TYPE = "application/vnd.citationstyles.csl+json"
CONTENTS_ID = "toolkit-contents"  # the table of contents' id (toolkit_before.html), which section ends link


@dataclass(frozen=True)
class Publisher:
    name: str  # SITENAME
    url: str  # SITEURL: "" or an address without the trailing slash


@dataclass(frozen=True)
class Download:
    path: str  # relative to the output folder
    label: str  # marked with N_(): templates translate it
    extension: str
    media_type: str
    data: bytes
    """The file's bytes; empty once the build keeps them in its file store (`stored`)."""
    stored: str = ""
    """The file's name in the build's file store (hub_toolkit/generator.py), where `data` went."""
    size: int = -1
    """The file's size in bytes: `data`'s, also once it is stored."""

    def __post_init__(self) -> None:
        if self.size < 0:
            object.__setattr__(self, "size", len(self.data))

    @property
    def kilobytes(self) -> int:
        return max(1, round(self.size / 1000))

    def kept_in(self, put: Callable[[str, bytes], None]) -> Download:
        """This download with its bytes handed to `put` (a file store's), under their digest."""
        if self.stored:
            return self
        name = hashlib.sha256(self.data).hexdigest()
        put(name, self.data)
        return replace(self, data=b"", stored=name, size=len(self.data))


@dataclass(frozen=True)
class Placeholder:
    name: str  # as written between the brackets: "GOVERNING BODY"
    count: int

    @property
    def label(self) -> str:
        return self.name.capitalize()


@dataclass(frozen=True)
class Entry:
    """A line of the table of contents: an h2 with the h3 sections under it."""

    section: Section
    children: tuple[Section, ...] = ()


@compressed("html")  # like a document's body
@dataclass(frozen=True)
class Toolkit:
    html: str
    contents: tuple[Entry, ...]
    placeholders: tuple[Placeholder, ...]
    downloads: tuple[Download, ...]  # Word, Markdown, plain text
    citation: Download  # cite.json
    url: str  # the ordinance's page, as cited
    year: int
    citations: tuple[Citation, ...] = ()  # APA, Chicago, Bluebook
    bibtex: Download | None = None  # cite.bib

    @property
    def text_download(self) -> Download:
        return self._download(".txt")

    @property
    def markdown_download(self) -> Download:
        return self._download(".md")

    @property
    def word_download(self) -> Download:
        return self._download(".docx")

    def _download(self, extension: str) -> Download:
        return next(d for d in self.downloads if d.extension == extension)

    @property
    def files(self) -> tuple[Download, ...]:
        return (*self.downloads, self.citation, *((self.bibtex,) if self.bibtex else ()))

    def kept_in(self, put: Callable[[str, bytes], None]) -> Toolkit:
        """This toolkit with its files' bytes handed to `put` (`Download.kept_in`)."""
        return replace(
            self,
            downloads=tuple(d.kept_in(put) for d in self.downloads),
            citation=self.citation.kept_in(put),
            bibtex=self.bibtex.kept_in(put) if self.bibtex else None,
        )


def toolkit_for(
    doc: Document, source: str, publisher: Publisher, translate: Translate, language: str
) -> Toolkit:
    """`source` is the whole Markdown file; its front matter is left out of the Markdown download.

    `language` is the code of the document's language ("en", "es") and `translate` its catalogue's
    gettext: the words the toolkit adds (section links, the source line, the citation's genre) are in the
    document's language, and the Word file says which language it is in.
    """
    if not isinstance(doc.details, OrdinanceDetails):
        raise TypeError(f"{doc.source}: a toolkit is made only for an ordinance")
    shown = model_text(doc.body_html, lambda title: translate("Link to %(section)s") % {"section": title})
    url = f"{publisher.url}/{doc.url}"
    published = _date_of(doc)
    dates = published.isoformat() + (
        translate(", updated %(date)s") % {"date": doc.updated.isoformat()} if doc.updated else ""
    )
    source_line = translate("Source: %(url)s, %(site)s, %(date)s") % {
        "url": url,
        "site": publisher.name,
        "date": dates,
    }
    genre = translate(doc.details.kind.label)
    citation = Download(
        f"{doc.url}cite.json",
        N_("Citation data"),
        ".json",
        CSL_MEDIA_TYPE,
        csl_json(doc, publisher, url, genre).encode(),
    )
    entry = bibtex(doc.slug, publisher.name, doc.title, genre, published, url, language)
    bib = Download(f"{doc.url}cite.bib", N_("BibTeX"), ".bib", BIBTEX_MEDIA_TYPE, entry.encode())
    listed = len(shown.sections) >= CONTENTS_FROM
    # The page's text leads back to its table of contents at each section's end; the downloads (made
    # from `shown.html`) do not.
    back_label = html.escape(translate("Back to contents"))
    back = f'<p class="to-contents" data-pagefind-ignore><a href="#{CONTENTS_ID}">{back_label}</a></p>'
    return Toolkit(
        html=shown.with_section_ends(back) if listed else shown.html,
        contents=contents(shown.sections) if listed else (),
        placeholders=tuple(Placeholder(name, count) for name, count in shown.placeholders),
        downloads=_downloads(doc, blocks_of(shown.html), source, source_line, publisher, language),
        citation=citation,
        url=url,
        year=published.year,
        citations=citations(
            publisher.name, doc.title, genre, published, url, translate, long_dates(language)
        ),
        bibtex=bib,
    )


def _date_of(doc: Document) -> dt.date:
    """An ordinance's date: its type requires one, so a toolkit for an undated document is a bug."""
    if doc.date is None:
        raise ValueError(f"{doc.source}: a toolkit is made only for a dated document")
    return doc.date


def _downloads(
    doc: Document,
    blocks: tuple[Block, ...],
    source: str,
    source_line: str,
    publisher: Publisher,
    language: str,
) -> tuple[Download, ...]:
    """The model text as Word, Markdown and plain text, each headed by where it comes from.

    `blocks` are the model text as the page shows it, so the Word file highlights the placeholders the
    page marks and the plain text holds each one as the form's copy button looks for it.
    """
    published = _date_of(doc)
    meta = word.WordMeta(
        title=doc.title,
        author=publisher.name,
        summary=doc.summary,
        footer=source_line,
        created=published,
        modified=doc.updated or published,
        language=language,
    )
    stem = f"{doc.url}{doc.slug}"
    return (
        Download(f"{stem}.docx", N_("Word"), ".docx", word.MEDIA_TYPE, word.docx_bytes(meta, blocks)),
        Download(
            f"{stem}.md",
            N_("Markdown"),
            ".md",
            "text/markdown",
            f"# {doc.title}\n\n{source_line}\n\n{markdown_body(source)}".encode(),
        ),
        Download(
            f"{stem}.txt",
            N_("Plain text"),
            ".txt",
            "text/plain",
            (header(doc.title, source_line) + plain_text(blocks)).encode(),
        ),
    )


def markdown_body(source: str) -> str:
    """The text after the front matter (between the first two `---` lines), as written."""
    lines = source.split("\n")
    if lines and lines[0].rstrip() == FENCE:
        close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), 0)
        lines = lines[close + 1 :]
    return "\n".join(lines).strip("\n") + "\n"


def contents(sections: tuple[Section, ...]) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for section in sections:
        if section.level == 3 and entries:
            entries[-1] = Entry(entries[-1].section, (*entries[-1].children, section))
        else:
            entries.append(Entry(section))
    return tuple(entries)


def csl_json(doc: Document, publisher: Publisher, url: str, genre: str) -> str:
    """One CSL-JSON item (in a list, as reference managers import it) citing the ordinance."""
    issued = _date_of(doc)
    item = {
        "id": doc.slug,
        "type": "legislation",
        "title": doc.title,
        "genre": genre,
        "author": [{"literal": publisher.name}],
        "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
        "URL": url,
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"

"""An ordinance's rendered HTML as a flat list of blocks, for the plain-text and Word downloads.

Reads the model text as the page shows it (`sections.model_text()`: python-markdown's body with section
anchors and marked placeholders); writes nothing. Each block is a heading, paragraph, list item (with its
depth and, in numbered lists, its number), preformatted text, table row or rule, made of runs of text
with bold, italic, code and superscript flags. Each placeholder the page marks (`<mark
class="placeholder">`) becomes a run of its own, so the Word file highlights exactly what the page and
its form fill in. Links to other sites keep their address after the text; footnote back-links, the
"link to this section" links, images and scripts are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SKIPPED = frozenset({"script", "style", "svg", "template"})
VOID_SKIPPED = frozenset({"img", "source", "input"})
PARAGRAPHS = frozenset({"p", "dt", "dd", "div", "figcaption", "summary"})
STYLES = {
    "strong": "bold", "b": "bold", "em": "italic", "i": "italic", "cite": "italic", "code": "code",
    "kbd": "code", "samp": "code", "sup": "superscript",
}  # fmt: skip
_SPACE = re.compile(r"\s+")
# Links whose text is not the model's: footnotes' way back, and the page's "link to this section".
LEFT_OUT_LINKS = frozenset({"footnote-backref", "section-link"})


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    superscript: bool = False
    placeholder: bool = False


@dataclass(frozen=True)
class Block:
    """`kind` is heading, paragraph, bullet, number, code, row or rule.

    `level` is the heading level, or the depth of a list item (0 for a top-level item) or of a paragraph
    continuing one (1 under a top-level item); `number` is a numbered item's number and `list_id` tells
    its list from the others (each list of the text has its own, counting from 1); `quote` counts the
    blockquotes around the block.
    """

    kind: str
    runs: tuple[Run, ...] = ()
    level: int = 0
    number: int = 0
    list_id: int = 0
    quote: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def blocks_of(body_html: str) -> tuple[Block, ...]:
    walker = _Walker()
    walker.feed(body_html)
    walker.close()
    walker.flush()
    return tuple(walker.blocks)


@dataclass
class _List:
    id: int
    ordered: bool
    next_number: int


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.lists: list[_List] = []
        self.list_count = 0
        self.current: Block | None = None
        self.runs: list[Run] = []
        self.styles = {"bold": 0, "italic": 0, "code": 0, "superscript": 0, "placeholder": 0}
        self.marks: list[bool] = []  # for each open <mark>: whether it marks a placeholder
        self.pre = 0
        self.quote = 0
        self.skipping: list[str] = []  # the element being left out, once per nesting
        self.links: list[tuple[str, int]] = []  # (href, length of the block's text when the link opened)
        self.item_open = False  # the current list item has not ended yet

    # Blocks

    def start(self, kind: str, level: int = 0, number: int = 0, list_id: int = 0) -> None:
        self.flush()
        self.current = Block(kind, level=level, number=number, list_id=list_id, quote=self.quote)

    def flush(self) -> None:
        if self.current is not None:
            runs = _tidy(self.runs, keep_space=self.current.kind == "code")
            if runs or self.current.kind == "rule":
                self.blocks.append(replace(self.current, runs=runs))
        self.current, self.runs = None, []

    def has_text(self) -> bool:
        return any(run.text.strip() for run in self.runs)

    def text_length(self) -> int:
        return sum(len(run.text) for run in self.runs)

    # Parser events

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in VOID_SKIPPED:
            return
        classes = (attributes.get("class") or "").split()
        backref = tag == "a" and not LEFT_OUT_LINKS.isdisjoint(classes)
        if (self.skipping and tag == self.skipping[0]) or (not self.skipping and (tag in SKIPPED or backref)):
            self.skipping.append(tag)
        if self.skipping:
            return
        if tag in HEADINGS:
            self.start("heading", HEADINGS[tag])
        elif tag in ("ul", "ol"):
            self.flush()
            self._open_list(tag == "ol", attributes.get("start") or "1")
        elif tag == "li":
            self._item()
        elif tag in PARAGRAPHS:
            self._paragraph()
        elif tag == "pre":
            self.start("code")
            self.pre += 1
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
        elif tag == "hr":
            self.start("rule")
            self.flush()
        elif tag == "tr":
            self.start("row")
        elif tag in ("td", "th") and self.has_text():
            self.runs = _trim(self.runs)
            self.runs.append(Run(" | "))
        elif tag == "br":
            self.runs.append(Run("\n"))
        elif tag == "a":
            self.links.append((attributes.get("href") or "", self.text_length()))
        elif tag == "mark":
            self.marks.append("placeholder" in classes)
            self.styles["placeholder"] += self.marks[-1]
        self._style(tag, 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("hr", "br", "img"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping.pop()
            return
        self._style(tag, -1)
        if tag == "mark" and self.marks:
            self.styles["placeholder"] = max(0, self.styles["placeholder"] - self.marks.pop())
        elif tag in HEADINGS or tag in PARAGRAPHS or tag == "tr":
            self.flush()
        elif tag == "li":
            self.flush()
            self.item_open = False
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
            self.item_open = bool(self.lists)
        elif tag == "pre":
            self.flush()
            self.pre = max(0, self.pre - 1)
        elif tag == "blockquote":
            self.flush()
            self.quote = max(0, self.quote - 1)
        elif tag == "a" and self.links:
            href, opened = self.links.pop()
            label = "".join(run.text for run in self.runs)[opened:]
            address = href.removeprefix("mailto:")
            if href.startswith(("http://", "https://", "mailto:")) and label.strip() != address:
                self.runs.append(Run(f" ({address})"))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.current is None:
            if not data.strip():
                return
            self._paragraph()
        if not self.pre:
            data = _SPACE.sub(" ", data)
        self.runs.append(Run(data, **{name: count > 0 for name, count in self.styles.items()}))

    # Helpers

    def _open_list(self, ordered: bool, start: str) -> None:
        self.list_count += 1
        self.lists.append(_List(self.list_count, ordered, int(start) if start.isdigit() else 1))

    def _item(self) -> None:
        if not self.lists:
            self._open_list(False, "1")
        current = self.lists[-1]
        kind = "number" if current.ordered else "bullet"
        self.start(kind, len(self.lists) - 1, current.next_number if current.ordered else 0, current.id)
        current.next_number += 1
        self.item_open = True

    def _paragraph(self) -> None:
        item = self.current is not None and self.current.kind in ("bullet", "number")
        if item and not self.has_text():
            return  # the first paragraph of a loose list item is the item itself
        # A later paragraph of an item continues it, indented under it.
        self.start("paragraph", len(self.lists) if self.item_open and self.lists else 0)

    def _style(self, tag: str, step: int) -> None:
        name = STYLES.get(tag)
        if name:
            self.styles[name] = max(0, self.styles[name] + step)


def _tidy(runs: list[Run], keep_space: bool) -> tuple[Run, ...]:
    """Merge runs of equal style (two placeholders side by side stay two) and trim the block's edges."""
    merged: list[Run] = []
    for run in runs:
        if merged and not run.placeholder and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        elif run.text:
            merged.append(run)
    if not keep_space:
        merged = _trim(merged)
    elif merged:
        merged[-1] = replace(merged[-1], text=merged[-1].text.rstrip("\n"))
    return tuple(r for r in merged if r.text)


def _trim(runs: list[Run]) -> list[Run]:
    out = [replace(r, text=r.text.replace(" \n", "\n").replace("\n ", "\n")) for r in runs]
    while out and not out[0].text.strip():
        out.pop(0)
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return out

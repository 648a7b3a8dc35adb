"""The model text as shown on an ordinance's page: stable section anchors and marked placeholders.

Reads the rendered body HTML of one ordinance (python-markdown's output); writes nothing. `model_text()`
returns the same HTML with three changes and every other byte kept: each `<h2>` and `<h3>` gets an id
derived from its own heading alone (its number, else its title), each is followed by a visible
"link to this section" anchor, and each `[PLACEHOLDER]` in the text (never in a tag, `code` or `pre`) is
wrapped in `<mark class="placeholder">`. It also gives where each h2 section starts, so a caller can
close every section with a snippet of its own (`ModelText.with_section_ends`).

A placeholder is the one definition every download follows: the Word and plain-text files read the marks
this module writes (blocks.py), and theme/static/js/fill.js fills the marks by their `data-placeholder`.
Between its brackets: an uppercase letter of any script (`[JURISDICTION]`, `[JURISDICCIÓN]`,
`[ΠΟΛΗ]`), then uppercase letters, combining marks, digits, spaces and simple punctuation, at most
PLACEHOLDER_LENGTH characters. Lowercase (`[optional: a clause]`), a bare `[ ]`, a footnote `[^1]` or
anything with markup or another bracket inside is text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from hub_content.allowlist import heading_id


def _class_of(categories: frozenset[str], left_out: frozenset[int] = frozenset()) -> str:
    """The characters of the Unicode categories, as ranges for a regular expression's `[...]`.

    Planes 0 and 1 hold every uppercase letter, combining mark and digit a placeholder may use: the
    marks beyond are variation selectors, which are invisible.
    """
    ranges: list[tuple[int, int]] = []
    for point in range(0x20000):
        if point in left_out or unicodedata.category(chr(point)) not in categories:
            continue
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges)


PLACEHOLDER_LENGTH = 80  # characters between the brackets, at most
_UPPERCASE = _class_of(frozenset({"Lu", "Lt"}))
# Combining marks (an accent typed as its own character: O + U+0301), and digits of any script. Marks
# that only select a glyph variant or join others are invisible: two placeholders that look the same
# would be two fields.
_INVISIBLE = frozenset({0x034F, *range(0x180B, 0x1810), *range(0xFE00, 0xFE10)})
_MARKS_AND_DIGITS = _class_of(frozenset({"Mn", "Mc", "Nd"}), _INVISIBLE)
# Spaces (a line break where the Markdown was wrapped reads as one) and simple punctuation; never `&`,
# `<`, `>` or quotes, which HTML writes as entities, nor brackets.
_PUNCTUATION = " \t\r\n_/.,:()'\u2019-"
PLACEHOLDER = re.compile(
    rf"\[[{_UPPERCASE}][{_UPPERCASE}{_MARKS_AND_DIGITS}{_PUNCTUATION}]{{0,{PLACEHOLDER_LENGTH - 1}}}\]"
)
_WRAPPED = re.compile(r"[ \t\r\n]+")


def placeholder_name(placeholder: str) -> str:
    """The name of a `[PLACEHOLDER]` as the form and the downloads know it: its text between the brackets,
    each run of spaces and line breaks one space (as a browser shows it), composed (NFC), so an accent
    typed as its own character names the same field as the accented letter."""
    return unicodedata.normalize("NFC", _WRAPPED.sub(" ", placeholder[1:-1]))


# A tag, comment or declaration; quoted attribute values may hold ">". Everything between is text.
_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?.*?>"
    r"""|</?[A-Za-z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>""",
    re.S,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
# One attribute of a start tag, read from where the previous one ended: never from inside a value.
_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAGS = re.compile(r"<[^>]*>")
# "Section 3.", "Sec. 3:", "Article 4", "§ 5" ... then the number: 3, 3.2, 2(a).
_NUMBERED = re.compile(
    r"^(?:(?P<word>section|sec\.?|secci[oó]n|article|art[ií]culo|art\.?|§+)\s*)?"
    r"(?P<number>\d+(?:\.\d+)*)(?P<sub>(?:\s*\([a-z0-9]+\))*)(?P<end>[.:)]|\s|$)",
    re.I,
)
RAW_TEXT = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "mark"})
SECTION_LEVELS = frozenset({"h2", "h3"})
# Ids the page around the model text uses: a heading that slugs to one of them gets "-2".
RESERVED_IDS = frozenset(
    {
        "main", "site-search-q", "model-text-heading", "adopted-heading", "adoptions-caption",
        "related-heading", "toolkit-adapt-heading", "toolkit-downloads-heading", "toolkit-cite-heading",
        "take-home", "take-home-heading", "toolkit-contents", "toolkit-link-status",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Section:
    level: int  # 2 or 3
    id: str
    title: str  # the heading as plain text


@dataclass(frozen=True)
class ModelText:
    html: str
    sections: tuple[Section, ...]
    placeholders: tuple[tuple[str, int], ...]  # (name, times used), in order of first appearance
    starts: tuple[int, ...] = ()  # where each h2 section's heading starts in `html`, in order

    def with_section_ends(self, snippet: str) -> str:
        """The html with `snippet` at the end of every h2 section: before each h2 but the first, and at
        the end (a "back to contents" link, say)."""
        if not self.starts:
            return self.html
        cuts = (*self.starts[1:], len(self.html))
        pieces, position = [], 0
        for cut in cuts:
            pieces += [self.html[position:cut], snippet]
            position = cut
        return "".join(pieces)


def section_id(title: str) -> str:
    """The heading's number, else its title: `Section 3. Prohibitions` -> `section-3`, `3.2 Sale` ->
    `section-3-2`, `Definitions` -> `definitions`. Nothing else goes in, so edits elsewhere never move it.
    A translation's numbered headings (`Sección 3. Prohibiciones`, `Artículo 2`) get the same anchors as
    the original's, so links to a section work in both languages.
    """
    title = title.strip()
    match = _NUMBERED.match(title)
    if match and (match["word"] or "." in match["number"] or match["sub"] or match["end"] in ".:)"):
        return "section-" + _slug(match["number"] + match["sub"])
    return _slug(title) or "section"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def model_text(
    body_html: str, link_label: Callable[[str], str], reserved: frozenset[str] = RESERVED_IDS
) -> ModelText:
    """The body with section ids, section links and marked placeholders.

    `link_label(title)` gives the accessible name of a section's link, like "Link to Section 3. Title"
    (translated by the caller).
    """
    out: list[str] = []
    sections: list[Section] = []
    starts: list[int] = []
    written = 0  # characters in `out` so far
    found: dict[str, int] = {}
    used = set(reserved) | _ids_outside_sections(body_html)
    raw_depth = 0
    pieces = _pieces(body_html)
    for kind, raw in pieces:
        if kind == "text":
            out.append(raw if raw_depth else _mark(raw, found))
            written += len(out[-1])
            continue
        name, closing = _tag(raw)
        if name in SECTION_LEVELS and not closing and not raw_depth:
            inner = _until_end(pieces, name)
            title = " ".join(html.unescape(_TAGS.sub("", "".join(r for _, r in inner))).split())
            anchor = _unique(heading_id(section_id(title)), used)
            sections.append(Section(int(name[1]), anchor, title))
            if name == "h2":
                starts.append(written)
            heading = (
                '<div class="section-heading">'
                + _with_id(raw, anchor)
                + _mark_inner(inner, found)
                + f'</{name}><a class="section-link" href="#{anchor}" data-pagefind-ignore>'
                f'<span aria-hidden="true">#</span><span class="visually-hidden">'
                f"{html.escape(link_label(title))}</span></a></div>"
            )
            out.append(heading)
            written += len(heading)
            continue
        if name in RAW_TEXT and not raw.endswith("/>"):
            raw_depth = max(0, raw_depth + (-1 if closing else 1))
        out.append(raw)
        written += len(raw)
    return ModelText("".join(out), tuple(sections), tuple(found.items()), tuple(starts))


def _pieces(source: str) -> Iterator[tuple[str, str]]:
    """("tag", raw) and ("text", raw) pieces whose concatenation is exactly the source."""
    position = 0
    for match in _TOKEN.finditer(source):
        if match.start() > position:
            yield "text", source[position : match.start()]
        yield "tag", match.group(0)
        position = match.end()
    if position < len(source):
        yield "text", source[position:]


def _tag(raw: str) -> tuple[str, bool]:
    match = _TAG_NAME.match(raw)
    return (match.group(1).lower() if match else "", raw.startswith("</"))


def _until_end(pieces: Iterator[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    """The pieces up to (and consuming) the closing tag of the heading."""
    inner = []
    for kind, raw in pieces:
        if kind == "tag" and _tag(raw) == (name, True):
            break
        inner.append((kind, raw))
    return inner


def _attributes(start_tag: str) -> Iterator[tuple[str, str, str]]:
    """(name, value, raw text) of each attribute of a start tag, in order, entities left as written.

    Read one after the other from the tag name on, as a browser reads them: text like ` id=x` inside
    another attribute's value is part of that value, never an attribute (an edit there would close the
    value early and let the rest of it become attributes, `onmouseover` included).
    """
    position = len(_tag_start(start_tag))
    while match := _ATTRIBUTE.match(start_tag, position):
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        yield match.group(1).lower(), value, match.group(0)
        position = match.end()


def _tag_start(tag: str) -> str:
    """`<h2` of `<h2 id="x">`: the tag's opening up to its name ("" for text that is not a tag)."""
    match = _TAG_NAME.match(tag)
    return match.group(0) if match else ""


def _with_id(start_tag: str, anchor: str) -> str:
    """The start tag with its id set to `anchor`, every other attribute kept byte for byte."""
    given, out = f' id="{anchor}"', []
    for name, _, raw in _attributes(start_tag):
        if name != "id":
            out.append(raw)
        elif given not in out:
            out.append(given)  # where the heading's own id was
    kept = out if given in out else [*out, given]
    return _tag_start(start_tag) + "".join(kept) + ("/>" if start_tag.endswith("/>") else ">")


def _ids_outside_sections(body_html: str) -> set[str]:
    """The ids of every element but the h2 and h3 headings, whose ids `model_text` replaces: a section
    anchor never takes one of them (a link to the section would land there)."""
    ids = set()
    for kind, raw in _pieces(body_html):
        name, closing = _tag(raw) if kind == "tag" else ("", True)
        if closing or not name or name in SECTION_LEVELS:
            continue
        ids |= {html.unescape(value) for attribute, value, _ in _attributes(raw) if attribute == "id"}
    return ids


def _unique(anchor: str, used: set[str]) -> str:
    """The anchor, else the first of anchor-2, anchor-3... that no element has yet."""
    candidate, n = anchor, 1
    while candidate in used:
        n += 1
        candidate = f"{anchor}-{n}"
    used.add(candidate)
    return candidate


def _mark_inner(inner: list[tuple[str, str]], found: dict[str, int]) -> str:
    out, depth = [], 0
    for kind, raw in inner:
        if kind == "tag":
            name, closing = _tag(raw)
            if name in RAW_TEXT:
                depth = max(0, depth + (-1 if closing else 1))
            out.append(raw)
        else:
            out.append(raw if depth else _mark(raw, found))
    return "".join(out)


def _mark(text: str, found: dict[str, int]) -> str:
    def wrap(match: re.Match[str]) -> str:
        name = placeholder_name(match.group(0))
        found[name] = found.get(name, 0) + 1
        return f'<mark class="placeholder" data-placeholder="{html.escape(name)}">{match.group(0)}</mark>'

    return PLACEHOLDER.sub(wrap, text)

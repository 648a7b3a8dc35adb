"""Two walls around the HTML a body renders to, both built from `allowlist`.

Reads rendered HTML; writes nothing. `findings()` parses it as a browser would (the WHATWG HTML parser
of lexbor, through selectolax), in a `<div>` inside `<body>` as the page embeds it, and lists every
element, attribute, comment or declaration outside the allow-list: these become errors for staff.
`clean()` is the second wall: the published HTML is what nh3 (ammonia, on html5ever, another WHATWG
parser) keeps of the same HTML under the same allow-list, so a gap in the first check cannot publish
live markup.

Lexbor, not html5lib: both follow the WHATWG parsing algorithm (comments, bogus comments, CDATA,
`</p/>`, foreign content), but lexbor is C and parses a body in microseconds where html5lib, pure Python,
would take longer than Markdown itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .allowlist import CLASSES, ELEMENTS, GLOBAL_ATTRIBUTES, SCHEMES, repeated_id_message, verdict

MAX_DEPTH = 64  # elements inside each other; Markdown's own output for sane text stays far below
_WRAPPER = "<!DOCTYPE html><html><head></head><body><div>"
_PAGE = frozenset({"html", "head", "body"})
_OFFSET = 3  # document > html > body > div: the depth of the wrapper


@dataclass(frozen=True)
class Finding:
    needle: str  # looked for in the source to find the line
    message: str


def findings(html: str) -> list[Finding]:
    """Everything in `html` that the allow-list does not allow, in document order."""
    root = LexborHTMLParser(_WRAPPER + html).root
    # The wrapper's <html> is always the root, and a root always sits under the document node.
    assert root is not None and root.parent is not None
    document = root.parent
    found: list[Finding] = []
    ids: set[str] = set()
    wrapper = True
    deepest = 0
    stack: list[tuple[LexborNode, int]] = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        if (node.is_element_node and node.tag in _PAGE) or node.is_document_node:
            found.extend(_page_element(node))
        elif node.is_element_node and wrapper and node.tag == "div" and depth == _OFFSET:
            wrapper = False  # the <div> the body goes in
        elif node.is_element_node:
            deepest = max(deepest, depth - _OFFSET)
            problem = _element(node) or _repeated_id(node, ids)
            if problem is not None:
                found.append(problem)
                continue  # one finding for the whole element; nothing inside it is published
        elif not node.is_text_node and node.tag != "-doctype":
            found.append(_declaration(node))
        if depth - _OFFSET > MAX_DEPTH:
            continue
        children = []
        child = node.first_child
        while child is not None:
            children.append((child, depth + 1))
            child = child.next
        stack.extend(reversed(children))
    if deepest > MAX_DEPTH:
        found.append(Finding("", nesting_message(MAX_DEPTH, MAX_DEPTH, more=True)))
    return found


def nesting_message(levels: int, limit: int, more: bool = False) -> str:
    return (
        f"the body nests {'more than ' if more else ''}{levels} levels deep (lists, quotes or tags "
        f"inside each other): at most {limit}; flatten the text"
    )


def _page_element(node: LexborNode) -> list[Finding]:
    """The page's own html, head and body get attributes or children only from hostile markup."""
    out = []
    if node.is_element_node and node.attributes:
        tag = node.tag or "?"  # an element always has a tag
        out.append(Finding(f"<{tag}", _tag_message(tag)))
    if node.tag == "head" and node.first_child is not None:
        out.append(Finding("<", _tag_message(node.first_child.tag or "?")))
    return out


def _element(node: LexborNode) -> Finding | None:
    tag = node.tag or "?"
    if tag not in ELEMENTS:
        return Finding(f"<{tag}", _tag_message(tag))
    for name, value in node.attributes.items():
        problem = verdict(tag, name, value or "")
        if problem is not None:
            return Finding(_needle(name, value or ""), problem)
    return None


def _repeated_id(node: LexborNode, seen: set[str]) -> Finding | None:
    """An id given to a second element: a link to it, a footnote's or a section's, would land on the
    first one, which a body could place anywhere."""
    value = node.attributes.get("id")
    if value is None:
        return None
    if value in seen:
        return Finding(value, repeated_id_message(value))
    seen.add(value)
    return None


def _needle(name: str, value: str) -> str:
    """What to look for in the source: a URL's scheme or its start, else the attribute's name."""
    if name in ("href", "src", "cite") and ":" in value:
        return value.split(":", 1)[0][-12:].strip() + ":"
    if name in ("href", "src", "cite") and value.strip():
        return value.strip()[:30]
    return name


def _tag_message(tag: str) -> str:
    if tag == "script":
        return "<script> is not allowed in a document: scripts would run in readers' browsers; remove it"
    return (
        f"raw HTML <{tag[:20]}> is not allowed: use Markdown, or a tag from the allowed list in "
        "docs/CONTENT.md (for a placeholder, write [NAME])"
    )


def _declaration(node: LexborNode) -> Finding:
    return Finding(
        "<!" if node.is_comment_node else "<?",
        "HTML comments and <!...> or <?...> declarations are not allowed in a document (browsers read "
        "them in ways a check cannot follow): remove it",
    )


def _keep(tag: str, name: str, value: str) -> str | None:
    return value if verdict(tag, name, value) is None else None


_ATTRIBUTES = {
    tag: set(GLOBAL_ATTRIBUTES | extra | ({"class"} if tag in CLASSES or tag == "code" else set()))
    for tag, extra in ELEMENTS.items()
}


def clean(html: str) -> str:
    """The HTML as published: only what the allow-list keeps, serialized by html5ever.

    No rel="noopener noreferrer" is added to links (nh3's default): pages never open links in a new
    window (no target attribute is allowed), and the published HTML of valid content stays as rendered.
    """
    return nh3.clean(
        html,
        tags=set(ELEMENTS),
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_keep,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(SCHEMES),
    )

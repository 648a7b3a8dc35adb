"""Hostile bodies after the sanitizer: what the plugins that rewrite a body's HTML do with it.

The toolkit (section anchors, placeholders) and hub_images (sizes, srcset) edit the sanitized HTML of a
body as text. These tests check that no edit turns text, or part of an attribute's value, into markup: the
final ordinance page, parsed as a browser parses it, holds in its body only what the allow-list allows
plus the toolkit's own anchors and marks, with every attribute the sanitizer let through unchanged, and
in real Chromium (served without headers, the page's CSP removed) nothing runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from hub_content.allowlist import ELEMENTS, reserved_id
from hub_content.body import BodyRenderer
from hub_content.errors import Problems
from hub_images.catalog import ImageCatalog
from hub_toolkit.sections import model_text
from tests.browser import open_page, plain_server
from tests.sitekit import build, front, write_site

# Valid content (the check accepts it) whose attribute values or text look like markup or attributes.
HEADINGS = [
    '<h2 title="a id=x onmouseover=xss(1) b">Raw heading</h2>',
    '<h3 title="p id=q onfocus=xss(2) autofocus tabindex=1">Focus</h3>',
    "<h2 title=\"id='x' onclick=xss(3)\">Quoted</h2>",
    '<h2 lang="en id=x onmouseover=xss(4)">Lang</h2>',
    '## Attr list {: title="a id=x onmouseover=xss(5) b" }',
    '## Attr list first {: title="id=x onmouseover=xss(6)" #chosen }',
    '<h2 title="x\tid=y onmouseover=xss(7)">Tab</h2>',
    '<h2 title="&quot; onmouseover=xss(8) x=&quot;">Entities</h2>',
    '<h2 title="a>b id=c onmouseover=xss(9)">Greater</h2>',
    '## Heading with <abbr title="x id=y onmouseover=xss(10)">abbr</abbr>',
    '<h2 title="[NAME] id=z onmouseover=xss(11)">Placeholder in title [NAME]</h2>',
    '<h3 dir="rtl" title=" id=w onmouseover=xss(12)">Dir</h3>',
]
OTHERS = [
    '![x src="images/photo.png" onerror=xss(20)](images/photo.png "t src=x onerror=xss(21)")',
    '<img alt="a src=&quot;images/photo.png&quot; width=1 onerror=xss(22)" src="../../images/photo.png">',
    '<img title="x src=" src="../../images/photo.png" alt="y onerror=xss(23)">',
    '[NAME" onmouseover="xss(24)] and [&lt;img src=x onerror=xss(25)&gt;] and [A\'B]',
    'Text [JURISDICTION] in <code>[CODE]</code> and <span title="[TITLE] x=">[SPAN]</span>',
]
# What the toolkit adds around a body: (tag, class) of its own elements and the attributes they carry.
TOOLKIT_MARKUP = {
    ("div", "section-heading"): {"class"},
    ("a", "section-link"): {"class", "href", "data-pagefind-ignore"},
    ("span", ""): {"aria-hidden"},
    ("span", "visually-hidden"): {"class"},
    ("mark", "placeholder"): {"class", "data-placeholder"},
    ("p", "to-contents"): {"class", "data-pagefind-ignore"},  # "Back to contents" at a section's end
}
BODY_ATTRIBUTES = {"id", "title", "lang", "dir", "class"}
IMAGE_ATTRIBUTES = {"width", "height", "loading", "decoding", "srcset", "sizes"}


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> BodyRenderer:
    return BodyRenderer(write_site(tmp_path_factory.mktemp("post") / "content"))


def sanitized(renderer: BodyRenderer, source: str) -> str:
    problems = Problems("x.md")
    html = renderer.render(source, 1, problems, depth=2)
    assert problems.errors == [], [e.message for e in problems.errors]
    return html


def _parse(html: str) -> LexborNode:
    return LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body><div>{html}").css_first("body > div")


def _own(node: LexborNode) -> bool:
    """An element the toolkit adds (its section links and everything in them, its placeholder marks)."""
    key = (node.tag, (node.attributes.get("class") or "").strip())
    if key in TOOLKIT_MARKUP:
        return True
    parent = node.parent
    return parent is not None and parent.tag == "a" and "section-link" in parent.attributes.get("class", "")


def elements(html: str, headings_renamed: bool = False) -> list[tuple[str, dict[str, str | None]]]:
    """Each body element with its attributes, the toolkit's own left out (and heading ids if renamed)."""
    out = []
    for node in _parse(html).traverse():
        if node.tag == "div" and node.parent is not None and node.parent.tag == "body":
            continue
        if not node.is_element_node or _own(node):
            continue
        attributes = dict(node.attributes)
        if headings_renamed and node.tag in ("h2", "h3"):
            attributes.pop("id", None)
        out.append((node.tag, attributes))
    return out


def stray_markup(html: str) -> list[str]:
    """Elements and attributes in a published body that neither the allow-list nor the toolkit adds."""
    bad = []
    for node in _parse(html).traverse():
        if not node.is_element_node or (node.tag == "div" and node.parent.tag == "body"):
            continue
        own = TOOLKIT_MARKUP.get((node.tag, (node.attributes.get("class") or "").strip()))
        for name in node.attributes:
            allowed = own or (IMAGE_ATTRIBUTES if node.tag == "img" else set())
            if name not in allowed | BODY_ATTRIBUTES | ELEMENTS.get(node.tag, frozenset()):
                bad.append(f"{name} on <{node.tag}>")
        if node.tag not in ELEMENTS:
            bad.append(f"<{node.tag}>")
    return bad


# The toolkit's rewrite of the sanitized HTML -----------------------------------------------------------


@pytest.mark.parametrize("source", HEADINGS + OTHERS, ids=lambda s: s[:40])
def test_section_anchors_and_placeholders_keep_every_attribute_as_it_was(renderer, source):
    html = sanitized(renderer, source)
    shown = model_text(html, lambda title: f"Link to {title}").html
    assert stray_markup(shown) == []
    assert elements(shown, headings_renamed=True) == elements(html, headings_renamed=True)


@pytest.mark.parametrize("source", OTHERS, ids=lambda s: s[:40])
def test_image_sizes_add_only_their_own_attributes(renderer, source, tmp_path):
    content = write_site(tmp_path / "content")
    html = BodyRenderer(content).render(source, 1, Problems("x.md"), depth=2)
    sized = ImageCatalog(content, tmp_path / "static").sized_html(html)
    assert stray_markup(sized) == []
    before, after = elements(html), elements(sized)
    assert [tag for tag, _ in after] == [tag for tag, _ in before]
    for (tag, old), (_, new) in zip(before, after, strict=True):
        assert {k: v for k, v in new.items() if k not in IMAGE_ATTRIBUTES} == old, tag


SAFE_TEXT = st.text(alphabet="ab =\"'<>&/[]NAMEidonx()\t", max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["h2", "h3"]),
    st.lists(st.tuples(st.sampled_from(["title", "lang", "id"]), SAFE_TEXT), max_size=3),
    SAFE_TEXT,
)
def test_generated_headings_gain_no_attribute(renderer, tag, attributes, text):
    import html as html_lib

    written = "".join(f' {n}="{html_lib.escape(v)}"' for n, v in attributes if n != "id")
    source = f"<{tag}{written}>{html_lib.escape(text) or 'x'}</{tag}>"
    problems = Problems("x.md")
    html = renderer.render(source, 1, problems, depth=2)
    shown = model_text(html, lambda title: f"Link to {title}").html
    assert stray_markup(shown) == []
    assert elements(shown, headings_renamed=True) == elements(html, headings_renamed=True)


def test_a_section_anchor_never_takes_an_id_the_body_already_uses(renderer):
    html = sanitized(renderer, '<p id="section-3">Decoy</p>\n\n## Section 3. Real\n\n## Definitions\n')
    shown = model_text(html, lambda title: title)
    ids = re.findall(r'\sid="([^"]+)"', shown.html)
    assert len(ids) == len(set(ids)), ids
    assert [s.id for s in shown.sections] == ["section-3-2", "definitions"]
    assert 'href="#section-3-2"' in shown.html


# The final pages, in a real build and in Chromium -------------------------------------------------------


def _ordinance(body: str) -> str:
    return front(
        "title: Hostile Ordinance\ndate: 2025-10-02\nsummary: S.\nissues: [housing]\n"
        "jurisdictions: [hillsborough-nc]",
        body,
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-post")
    body = "Intro [JURISDICTION].\n\n" + "\n\n".join(HEADINGS + OTHERS) + "\n"
    content = write_site(folder / "content", {"ordinances/hostile.md": _ordinance(body)})
    result = build(content, folder / "out")
    assert result.returncode == 0, result.stderr[-2000:]
    return folder / "out"


def _page_body(page: str) -> str:
    node = LexborHTMLParser(page).css_first("section.model-text > div.body")
    assert node is not None
    return node.inner_html


def test_final_ordinance_page_body_holds_only_allowed_markup(hostile_site):
    page = (hostile_site / "ordinances" / "hostile" / "index.html").read_text(encoding="utf-8")
    body = _page_body(page)
    assert "Raw heading" in body and "Placeholder in title" in body
    assert stray_markup(body) == []


def test_final_ordinance_page_runs_nothing_in_chromium(chromium, hostile_site):
    page_file = hostile_site / "ordinances" / "hostile" / "index.html"
    page = page_file.read_text(encoding="utf-8")
    harness = "<script>window.__hits = []; window.xss = (n) => window.__hits.push(n);</script>"
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', harness, page)
    page_file.write_text(page, encoding="utf-8")
    with plain_server(hostile_site) as base:
        browser_page, visit = open_page(chromium, base)
        browser_page.goto(f"{base}/ordinances/hostile/")
        hits = browser_page.evaluate(
            """() => {
              for (const el of document.querySelectorAll(".model-text .body *")) {
                el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
                el.dispatchEvent(new MouseEvent("click", { bubbles: true }));
                el.dispatchEvent(new FocusEvent("focus"));
              }
              return window.__hits;
            }"""
        )
        browser_page.wait_for_timeout(100)
        hits += browser_page.evaluate("window.__hits")
        browser_page.close()
    assert hits == []
    assert visit.foreign_requests == []


PAGE_LIKE_TITLES = ["Toolkit fill 1", "History heading", "Main", "Adoptions caption", "Pagefind", "State law",
                    "Search and seizure", "Site plan", "Map of districts", "Version history"]  # fmt: skip


@pytest.mark.parametrize("title", PAGE_LIKE_TITLES)
def test_a_heading_titled_like_a_page_id_is_accepted_and_gets_a_free_id(renderer, title):
    html = sanitized(renderer, f"## {title}\n\nText.\n")  # no error: the title is the author's to choose
    (heading_id,) = re.findall(r'<h2 id="([^"]+)"', html)
    shown = model_text(html, lambda t: t)
    assert not reserved_id(heading_id) and not reserved_id(shown.sections[0].id), shown.sections


@pytest.mark.parametrize(
    "source",
    [
        'x[^1]\n\n[^1]: a\n\n<p id="fn:1">hijack</p>',
        '## Intro\n\n<p id="intro">hijack</p>',
        '<p id="a">one</p>\n\n<p id="a">two</p>',
        "x[^1]\n\n[^1]: a\n\nText\n{: #fnref:1 }",
    ],
)
def test_an_id_used_twice_in_a_body_is_an_error(renderer, source):
    problems = Problems("x.md")
    renderer.render(source, 1, problems, depth=2)
    messages = [e.message for e in problems.errors]
    assert len(messages) == 1 and "is used twice in this text" in messages[0], messages

"""Hostile Markdown bodies: refused by the check, inert in the published HTML, inert in real Chromium.

The vectors in tests/xss_vectors.txt run through the real BodyRenderer; generated markup (Hypothesis)
runs through it too; a real build with the vectors fails and publishes nothing; and the sanitized HTML of
each vector, put in a page served without any Content-Security-Policy, runs nothing in Chromium.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Error as PlaywrightError
from selectolax.lexbor import LexborHTMLParser

from hub_content.allowlist import ELEMENTS, RESERVED_ID_PREFIXES, SCHEMES, reserved_id, url_scheme
from hub_content.body import EXTENSION_CONFIGS, EXTENSIONS, MAX_BODY, BodyRenderer
from hub_content.errors import Problems
from tests.browser import open_page, plain_server
from tests.sitekit import ROOT, build, front, write_site

VECTORS_FILE = Path(__file__).parent / "xss_vectors.txt"


def vectors() -> list[tuple[int, str]]:
    """(number, Markdown) per vector; XSS becomes a call recording the number, `\\n` a line break."""
    lines = [line for line in VECTORS_FILE.read_text().splitlines() if line and not line.startswith("#")]
    return [(n, line.replace("XSS", f"xss({n})").replace("\\n", "\n")) for n, line in enumerate(lines, 1)]


@pytest.fixture(scope="module")
def renderer(tmp_path_factory) -> BodyRenderer:
    return BodyRenderer(write_site(tmp_path_factory.mktemp("hostile") / "content"))


def render(renderer: BodyRenderer, source: str) -> tuple[str, list[str]]:
    problems = Problems("x.md")
    html = renderer.render(source, 1, problems, depth=2)
    return html, [f"{e.line}: {e.message}" for e in problems.errors]


def live_markup(html: str) -> list[str]:
    """What in `html`, parsed by a WHATWG parser as a page embeds it, could run, load or steer anything."""
    document = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body><div>{html}").root
    bad = [f"<{n.tag}> in the page's {n.parent.tag}" for n in document.css("head > *")]
    bad += [f"attributes on <{n.tag}>" for n in document.css("html, body") if n.attributes]
    body = document.css_first("body > div")
    for node in body.traverse(include_text=True):
        if node is body or node.is_text_node:
            continue
        if not node.is_element_node:
            bad.append(f"comment or declaration {node.tag}")
            continue
        if node.tag not in ELEMENTS:
            bad.append(f"<{node.tag}>")
        for name, value in node.attributes.items():
            if name.startswith("on") or name in ("style", "srcdoc", "name") or name.startswith("data-"):
                bad.append(f"{name} on <{node.tag}>")
            if name in ("href", "src", "cite", "action", "formaction", "xlink:href"):
                scheme = url_scheme(value or "")
                if scheme is not None and scheme not in SCHEMES:
                    bad.append(f"{scheme}: in {name}")
            if name == "class" and not all(c.startswith(("footnote", "language-")) for c in value.split()):
                bad.append(f"class={value!r}")
            if name == "id" and reserved_id(value or ""):
                bad.append(f"id={value!r}")
    return bad


# The checker -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "vector"), vectors(), ids=lambda v: str(v)[:40])
def test_every_vector_is_reported_or_rendered_inert(renderer, number, vector):
    html, problems = render(renderer, vector)
    assert live_markup(html) == []
    raw = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS).convert(vector)
    if not problems:  # then Markdown itself escaped it: the published HTML is what Markdown wrote
        assert live_markup(raw) == [], vector
    for problem in problems:
        assert problem.startswith("1: ")
        assert not any(vector[i : i + 61] in problem for i in range(max(1, len(vector) - 60)))


# The classes of filter evasion the vectors stand for (the headings of xss_vectors.txt).
CLASSES = (
    "Plain script and event handlers",
    "javascript: and other schemes",
    "Comments, CDATA, declarations",
    "Foreign content",
    "Embedding, forms, navigation",
    "Styles",
    "Theme hooks, search index and clobbering",
)


def test_vectors_cover_the_classes_of_attack():
    """Every class keeps vectors of its own, so trimming the file cannot quietly drop one."""
    counts: dict[str, int] = {}
    heading = ""
    for line in VECTORS_FILE.read_text().splitlines():
        if line.startswith("# "):
            heading = line[2:]
        elif line:
            counts[heading] = counts.get(heading, 0) + 1
    for name in CLASSES:
        assert sum(n for heading, n in counts.items() if heading.startswith(name)) >= 3, name


def test_problems_name_the_line_of_each_hostile_tag(renderer):
    source = "Intro.\n\n<!-- note -->\n\nText <span onclick=x()>a</span>\n\n<svg><style>x</style></svg>\n"
    _, problems = render(renderer, source)
    assert problems == [
        "3: HTML comments and <!...> or <?...> declarations are not allowed in a document (browsers read "
        "them in ways a check cannot follow): remove it",
        "5: the event attribute 'onclick' is not allowed: it would run code; remove it",
        "7: raw HTML <svg> is not allowed: use Markdown, or a tag from the allowed list in docs/CONTENT.md "
        "(for a placeholder, write [NAME])",
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            '<p class="video">x</p>',
            'class="video" is not allowed on <p>: classes belong to the site\'s theme',
        ),
        ('<p data-pagefind-meta="title:x">x</p>', "the attribute 'data-pagefind-meta' is not allowed: data-"),
        ('<p id="search-form">x</p>', "the id 'search-form' is used by the site's pages: choose another id"),
        ("## Text {: #main }", "the id 'main' is used by the site's pages: choose another id"),
        ('<a href="x" target="_blank">x</a>', "the attribute 'target' is not allowed on <a>: use only"),
        (
            '<table><tr><td align="justify">x</td></tr></table>',
            "'align' cannot be 'justify' here: use one of center, left, right",
        ),
        ("[x](https://x.org/a\tb)", None),
    ],
)
def test_theme_hooks_and_unknown_attributes_are_refused(renderer, source, message):
    _, problems = render(renderer, source)
    if message is None:
        assert problems == []
    else:
        assert len(problems) == 1 and message in problems[0], problems


def test_markdown_output_keeps_its_own_attributes(renderer):
    source = (
        "## Main\n\nText[^1] and HTML.\n\n*[HTML]: Hyper Text\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
        '3. three\n\n```python\nx = 1\n```\n\n![alt](images/photo.png "t")\n\n[^1]: Note.\n'
    )
    html, problems = render(renderer, source)
    assert problems == []
    for kept in (
        '<h2 id="main-2">Main</h2>',  # not the theme's <main id="main">
        '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
        '<abbr title="Hyper Text">HTML</abbr>',
        '<th align="left">a</th>',
        '<ol start="3">',
        '<code class="language-python">',
        '<img alt="alt" src="../../images/photo.png" title="t">',
        '<div class="footnote">',
        'class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text"',
    ):
        assert kept in html


@pytest.mark.parametrize(
    ("link", "href"),
    [
        ("/ordinances/fair-rent/#adopted-heading", "../../ordinances/fair-rent/#adopted-heading"),
        ("/", "../../"),
        ("//evil.example/x", "//evil.example/x"),  # another host: never made relative
        ("ordinances/x/", "ordinances/x/"),  # already relative: left as written
    ],
)
def test_links_from_the_sites_root_work_wherever_the_site_is_served(renderer, link, href):
    html, problems = render(renderer, f"See [it]({link}).\n")
    assert problems == [] or link.startswith("//")
    assert f'href="{href}"' in html


@pytest.mark.parametrize(
    "link",
    ["files/../../../etc/passwd", "files/%2e%2e/%2e%2e/etc/passwd", "images/..\\..\\x.png", "files\\..\\x",
     "/files/./brief.pdf", "files//etc/passwd", "images/%2E%2E%2Fx.png"],
)  # fmt: skip
def test_links_leaving_images_and_files_are_errors(renderer, link):
    markup = f'<a href="{link}">it</a>' if "\\" in link else f"[it]({link})"
    _, problems = render(renderer, f"Intro.\n\nSee {markup}.\n")
    assert len(problems) == 1 and problems[0].startswith("3: the link to ")
    assert "folder: write" in problems[0]


# Resource limits ---------------------------------------------------------------------------------------

PATHOLOGICAL = {
    "brackets": "[" * 50_000,
    "balanced brackets": "[" * 20_000 + "x" + "]" * 20_000,
    "link openers": "[a](" * 5_000,
    "stars": "*" * 10_000,
    "emphasis": "*a " * 3_000 + "x" + " a*" * 3_000,
    "quotes": ">" * 5_000 + " x",
    "spaced quotes": "> " * 5_000 + "x",
    "list": "\n".join("    " * i + "- x" for i in range(5_000)),
    "inline list": "- " * 5_000 + "x",
    "less than": "<" * 100_000,
    "ampersands": "&" * 100_000,
    "tags": "<div>" * 5_000,
    "spans": "x <span>" * 5_000,
    "backticks": "`" * 20_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_pathological_bodies_finish_in_seconds(renderer, name):
    start = time.perf_counter()
    html, problems = render(renderer, PATHOLOGICAL[name])
    assert time.perf_counter() - start < 5
    assert live_markup(html) == []
    assert all(len(p) < 300 for p in problems)


def test_deep_nesting_is_an_error_at_its_line(renderer):
    source = "Intro.\n\n" + "\n".join("    " * i + "- x" for i in range(300))
    _, problems = render(renderer, source)
    assert problems == [
        "302: the body nests 300 levels deep (lists, quotes or tags inside each other): at most 40; "
        "flatten the text"
    ]


def test_deep_quotes_are_an_error(renderer):
    _, problems = render(renderer, "Intro.\n\n" + ">" * 5_000 + " x")
    assert problems == [
        "3: the body nests 5000 levels deep (lists, quotes or tags inside each other): at most 40; "
        "flatten the text"
    ]


def test_too_long_body_is_an_error(renderer):
    _, problems = render(renderer, "word " * (MAX_BODY // 5 + 1))
    assert problems == [
        "1: the text is 1,000,005 characters long: at most 1,000,000; split it into several documents"
    ]


def test_many_open_brackets_are_an_error(renderer):
    _, problems = render(renderer, "Intro.\n\nText " + "[" * 100)
    assert problems == [
        "3: more than 64 brackets '[' or '(' are open at once in this paragraph: close them, or put the "
        "text in `code`"
    ]


# Generated markup --------------------------------------------------------------------------------------

TAGS = [*sorted(ELEMENTS), "script", "svg", "math", "style", "iframe", "object", "embed", "form", "base",
        "meta", "link", "template", "textarea", "noscript", "title", "xmp", "select", "mglyph"]  # fmt: skip
ATTRIBUTES = ["onerror", "onclick", "ONLOAD", "style", "data-embed", "data-pagefind-meta", "class",
              "id", "href", "src", "srcdoc", "formaction", "action", "xlink:href", "title", "cite",
              "name"]  # fmt: skip
VALUES = ["xss(0)", "javascript:xss(0)", "JaVaScRiPt:xss(0)", "jav&#x09;ascript:xss(0)", " javascript:x",
          "&#106;avascript:x", "data:text/html,x", "vbscript:x", "java\0script:x", "x\" onerror=\"xss(0)",
          "video", "main", "search-form", "footnote", "images/photo.png", "https://x.org/",
          "//evil.invalid/x", "><img src=x onerror=xss(0)>", "</p>", "&lt;script&gt;",
          "files/../../x"]  # fmt: skip
RAW = ["<!--", "-->", "<![CDATA[", "]]>", "<?x ", "</p/>", "<!DOCTYPE x>", "&amp;", "&#60;", "&lt;",
       "<", ">", "`", "\n\n", "[a](", ")", "{: .video }", "*"]  # fmt: skip


def _attribute() -> st.SearchStrategy[str]:
    quote = st.sampled_from(['"', "'", ""])
    return st.builds(
        lambda n, q, v: f" {n}={q}{v}{q}", st.sampled_from(ATTRIBUTES), quote, st.sampled_from(VALUES)
    )


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attributes, inner, close: (
            f"<{tag}{''.join(attributes)}>{inner}" + (f"</{tag}>" if close else "")
        ),
        st.sampled_from(TAGS),
        st.lists(_attribute(), max_size=3),
        children,
        st.booleans(),
    )


MARKUP = st.recursive(
    st.one_of(st.sampled_from(RAW), st.text(alphabet="ab <>&\"'=/", max_size=8)),
    lambda children: st.one_of(_element(children), st.lists(children, max_size=4).map("".join)),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(MARKUP)
def test_generated_markup_never_publishes_live_markup(renderer, source):
    html, _ = render(renderer, source)
    assert live_markup(html) == []


# A real build ------------------------------------------------------------------------------------------


def test_build_with_hostile_bodies_fails_and_publishes_nothing(tmp_path, renderer):
    flagged = {n: v for n, v in vectors() if render(renderer, v)[1]}
    documents = {
        f"news/vector-{n}.md": front(
            f"title: Vector {n}\ndate: 2025-01-02\nsummary: S.\nissues: [housing]", f"Intro.\n\n{v}"
        )
        for n, v in flagged.items()
    }
    result = build(write_site(tmp_path / "content", documents), tmp_path / "out")
    assert result.returncode != 0
    assert not (tmp_path / "out").exists()
    assert "Traceback" not in result.stderr
    for n in flagged:
        assert re.search(rf"news/vector-{n}\.md:\d+: ", result.stderr), n


# Real Chromium, no CSP ---------------------------------------------------------------------------------

HARNESS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>vector</title>
<script>window.__hits = []; window.xss = (n) => window.__hits.push(n);</script></head>
<body><main id="main"><div class="body">{body}</div></main></body></html>"""
PROBE = """(allowed) => {
  const bad = [];
  const body = document.querySelector("main > .body");
  for (const el of body ? body.querySelectorAll("*") : []) {
    const html = el.namespaceURI === "http://www.w3.org/1999/xhtml";
    if (!allowed.includes(el.localName) || !html) bad.push(el.localName);
    for (const a of el.attributes) {
      if (/^(on|data-)|^(style|srcdoc|name|formaction|action)$/.test(a.name)) bad.push(a.name);
      if (["href", "src", "cite"].includes(a.name)) {
        const url = new URL(a.value, location.href);
        if (!["http:", "https:", "mailto:", "tel:"].includes(url.protocol)) bad.push(url.protocol);
      }
    }
    el.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    el.dispatchEvent(new FocusEvent("focus"));
  }
  if (!body || document.body.children.length !== 1 || document.head.children.length !== 3) bad.push("layout");
  return bad;
}"""


def run_in_chromium(chromium, folder: Path, pages: dict[str, str]) -> dict[str, list[str]]:
    """What each page did: scripts run, dialogs, navigation, requests to another origin, live markup."""
    for name, body in pages.items():
        (folder / f"{name}.html").write_text(HARNESS.format(body=body), encoding="utf-8")
    happened: dict[str, list[str]] = {}
    with plain_server(folder) as base:
        for name in pages:
            page, visit = open_page(chromium, base)
            events: list[str] = []
            page.on("dialog", lambda dialog, events=events: (events.append("dialog"), dialog.dismiss()))
            url = f"{base}/{name}.html"
            page.goto(url)
            try:
                events += page.evaluate(PROBE, sorted(ELEMENTS))
                page.wait_for_timeout(60)
                events += [f"ran xss({n})" for n in page.evaluate("window.__hits || ['no harness']")]
            except PlaywrightError as error:  # the page navigated away (meta refresh, javascript: link...)
                events.append(f"left the page: {str(error)[:80]}")
            if page.url != url:
                events.append(f"navigated to {page.url}")
            events += [f"request to {r}" for r in visit.foreign_requests]
            happened[name] = events
            page.close()
    return {name: events for name, events in happened.items() if events}


def test_sanitized_vectors_run_nothing_in_chromium(chromium, tmp_path, renderer):
    # The second wall alone: the sanitizer's output is published even where the check found problems.
    pages = {f"v{n}": render(renderer, vector)[0] for n, vector in vectors()}
    assert run_in_chromium(chromium, tmp_path, pages) == {}


def test_chromium_harness_sees_unsanitized_vectors_run(chromium, tmp_path):
    # Without the sanitizer the same harness catches them: the test above can fail.
    convert = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS).convert
    chosen = ("<img src=x onerror=xss(", "<svg onload=xss(", "<!--><img", "<svg><style><img")
    raw = {f"v{n}": convert(v) for n, v in vectors() if v.startswith(chosen)}
    happened = run_in_chromium(chromium, tmp_path, raw)
    assert sorted(happened) == sorted(raw), happened
    assert any(e.startswith("ran xss(") for events in happened.values() for e in events)


# The allow-list and the theme --------------------------------------------------------------------------


def test_every_id_the_theme_uses_is_reserved():
    sources = [*(ROOT / "theme" / "templates").glob("*.html"), *(ROOT / "plugins").glob("*/templates/*.html")]
    sources += list((ROOT / "theme" / "static" / "js").glob("*.js"))
    ids = set()
    for path in sources:
        text = path.read_text()
        ids |= set(re.findall(r'\bid="([^"{]+)', text)) | set(re.findall(r"getElementById\(\"([^\"]+)", text))
        ids |= {m + "x" for m in re.findall(r'\bid="([^"{]*)\{\{', text) if m}  # id="state-{{ slug }}"
    assert ids and [i for i in sorted(ids) if not reserved_id(i)] == []
    assert all(p.endswith("-") or p == "pagefind" for p in RESERVED_ID_PREFIXES)


def test_no_allowed_class_is_used_by_the_theme():
    styles = "".join(p.read_text() for p in (ROOT / "theme" / "static").rglob("*.[cj]s*"))
    for name in ("footnote", "footnote-ref", "footnote-backref", "language-"):
        assert not re.search(rf"\.{re.escape(name)}\b", styles), name

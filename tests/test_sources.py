"""A document's sources: validated at their lines, typed, shown as numbered references at the end of the
page, cited in the JSON-LD and listed in the open data; findings without sources are a warning that
`check --strict` makes an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hub_content import HubSettings, InvalidContentError, load
from hub_model import Source
from tests.sitekit import build, front, hub, write_site

PATH = "briefs/privacy-trap.md"
SOURCES = """\
sources:
  - title: The Privacy Trap
    publisher: Data & Society
    date: 2024-05-01
    url: https://datasociety.net/library/privacy-trap/
  - title: Minutes of the Town Board
"""


def brief(sources: str = SOURCES, body: str = "## Key findings\n\n- Bosses watch workers.\n") -> str:
    """A brief whose `sources:` starts on line 7."""
    head = "title: The Privacy Trap\ndate: 2025-08-01\nsummary: Worker surveillance.\nissues: [housing]\n"
    partners = "partners: [Data & Society]\n"
    return front(head + partners + sources, body)


def errors(root: Path, text: str) -> list[str]:
    write_site(root, {PATH: text})
    with pytest.raises(InvalidContentError) as caught:
        load(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def test_sources_are_typed_in_order(tmp_path):
    write_site(tmp_path, {PATH: brief()})
    loaded = load(tmp_path, HubSettings(drafts=True))
    doc = next(d for d in loaded.site.documents if d.slug == "privacy-trap")
    assert doc.sources == (
        Source("The Privacy Trap", "Data & Society", __import__("datetime").date(2024, 5, 1),
               "https://datasociety.net/library/privacy-trap/"),
        Source("Minutes of the Town Board"),
    )  # fmt: skip
    assert not [w for w in loaded.warnings if w.path.endswith("privacy-trap.md")]


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ("sources: The Privacy Trap\n", "7: 'sources' must be a list of sources: write it as sources: [The"),
        ("sources:\n  - The Privacy Trap\n", "8: each item of 'sources' must be a set of fields (title,"),
        ("sources:\n  - publisher: Data & Society\n", "8: required field 'sources[1].title' is missing"),
        ("sources:\n  - title: X\n    url: javascript:alert(1)\n", "9: 'sources[1].url' is 'javascript"),
        ("sources:\n  - title: X\n    url: ftp://example.org/a\n", "9: 'sources[1].url' is 'ftp://example"),
        ("sources:\n  - title: X\n    date: May 2024\n", "9: 'sources[1].date' is 'May 2024', not a valid"),
        ("sources:\n  - title: X\n    author: Y\n", "9: unknown field 'sources[1].author': the fields of"),
        ('sources:\n  - title: "a\\u202eb"\n', "8: 'sources[1].title' contains"),
        ("sources:\n  - title: " + "x" * 301 + "\n", "8: 'sources[1].title' is 301 characters long"),
        (
            "sources:\n  - title: A\n    url: https://example.org/a\n"
            "  - title: B\n    url: https://example.org/a\n",
            "10: 'https://example.org/a' is listed twice in 'sources' (first on line 8): list each source",
        ),
    ],
)
def test_a_bad_source_is_reported_at_its_line_with_the_fix(tmp_path, sources, expected):
    found = errors(tmp_path, brief(sources))
    assert any(e.startswith(f"{PATH}:{expected}") for e in found), found


def test_findings_without_sources_warn_and_strict_refuses(tmp_path):
    write_site(tmp_path, {PATH: brief(sources="")})
    loaded = load(tmp_path, HubSettings(drafts=True))
    mine = [w for w in loaded.warnings if w.path.endswith("privacy-trap.md")]
    assert [(w.line, w.message[:55]) for w in mine] == [
        (1, "this brief states findings but names no sources: add so")
    ]
    checked = hub("check", "-i", str(tmp_path), "--strict")
    assert checked.returncode == 1 and f"{PATH}:1: this brief states findings" in checked.stderr


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (PATH, "## Recommendations\n\nNo findings heading here: the word in a paragraph is not one.\n"),
        ("stories/hillsborough-first.md", "## What we found: key findings\n\nA story.\n"),
    ],
)
def test_no_warning_without_a_findings_heading_or_for_other_types(tmp_path, path, body):
    text = brief(sources="", body=body) if path == PATH else None
    if text is None:
        text = front("title: S\ndate: 2025-09-01\nsummary: A story.\nissues: [housing]", body)
    write_site(tmp_path, {path: text})
    loaded = load(tmp_path, HubSettings(drafts=True))
    assert not [w for w in loaded.warnings if "findings" in w.message]


def test_sources_render_as_numbered_references_json_ld_and_data(tmp_path):
    about = front("title: About\nsources:\n  - title: The network's charter", "About the hub.")
    content = write_site(tmp_path / "content", {PATH: brief(), "pages/about.md": about})
    done = build(content, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    page = HTMLParser((tmp_path / "out" / "briefs" / "privacy-trap" / "index.html").read_text())
    section = page.css_first("section.sources")
    assert section.css_first("h2").text() == "Sources"
    items = section.css("ol > li")
    assert [" ".join(li.text().split()) for li in items] == [
        "The Privacy Trap, Data & Society, May 1, 2024",
        "Minutes of the Town Board",
    ]
    assert items[0].css_first("a").attributes["href"] == "https://datasociety.net/library/privacy-trap/"
    assert items[1].css_first("a") is None
    # The references come last in the article.
    assert page.css("article > *")[-1].attributes.get("class") == "sources"
    ld = json.loads(page.css_first('script[type="application/ld+json"]').text())
    assert ld["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "The Privacy Trap",
            "publisher": {"@type": "Organization", "name": "Data & Society"},
            "datePublished": "2024-05-01",
            "url": "https://datasociety.net/library/privacy-trap/",
        },
        {"@type": "CreativeWork", "name": "Minutes of the Town Board"},
    ]
    rows = json.loads((tmp_path / "out" / "api" / "documents.json").read_text())["documents"]
    row = next(r for r in rows if r["slug"] == "privacy-trap")
    assert row["sources"] == [
        {"title": "The Privacy Trap", "publisher": "Data & Society", "date": "2024-05-01",
         "url": "https://datasociety.net/library/privacy-trap/"},
        {"title": "Minutes of the Town Board", "publisher": None, "date": None, "url": None},
    ]  # fmt: skip
    other = next(r for r in rows if r["slug"] == "fair-rent")
    assert other["sources"] == []
    about_page = HTMLParser((tmp_path / "out" / "about" / "index.html").read_text())
    charter = [li.text() for li in about_page.css("article section.sources ol > li")]
    assert charter == ["The network's charter"]
    fair = HTMLParser((tmp_path / "out" / "ordinances" / "fair-rent" / "index.html").read_text())
    assert fair.css_first("section.sources") is None


def test_hostile_source_text_is_printed_as_text_in_the_page_and_the_json_ld(tmp_path):
    hostile = '"</script><script>alert(1)</script>"'
    sources = f'sources:\n  - title: {hostile}\n    publisher: <b>Bold</b>\n    url: https://e.org/?q="a"\n'
    content = write_site(tmp_path / "content", {PATH: brief(sources)})
    done = build(content, tmp_path / "out")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "briefs" / "privacy-trap" / "index.html").read_text()
    page = HTMLParser(html)
    # The JSON-LD holds the text with `</` written `<\/`, so no element it names is ever opened or closed.
    assert "</script><script>alert" not in html
    assert "<b>" not in page.css_first("section.sources").html
    scripts = [n for n in page.css("script") if "alert" in n.text()]
    assert [n.attributes.get("type") for n in scripts] == ["application/ld+json"]
    item = page.css_first("section.sources li")
    assert item.css_first("a").text() == "</script><script>alert(1)</script>"
    assert item.css_first("a").attributes["href"] == 'https://e.org/?q="a"'
    ld = json.loads(page.css_first('script[type="application/ld+json"]').text())
    assert ld["citation"][0]["name"] == "</script><script>alert(1)</script>"
    assert ld["citation"][0]["publisher"]["name"] == "<b>Bold</b>"

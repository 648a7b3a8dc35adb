"""What pages and feeds say about a type's documents: whole phrases of each type, never a lowercased type
name spliced into a sentence (which no other language could translate)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from hub_content.schemas import DOC_TYPES, NEWS, ORDINANCE
from hub_content.schemas import STORY as STORY_TYPE
from hub_model import Document, OrdinanceDetails, OrdinanceKind, StoryDetails, TypePhrases
from hub_pages.doctypes import ranked
from tests.sitekit import STORY, build, settings_file, write_site

PLACEHOLDERS = {"count", "issue", "place"}
HEADINGS = {"on_issue": {"issue"}, "naming": {"place"}, "by_adoptions": set()}


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """A site whose issue and jurisdiction pages each show one of several stories."""
    root = tmp_path_factory.mktemp("phrases")
    more = {
        f"stories/more-{n}.md": STORY.replace("Hillsborough Went First", f"Another Story {n}").replace(
            "issues: [housing]", "issues: [housing]\njurisdictions: [durham-nc]"
        )
        for n in range(2)
    }
    out = root / "out"
    result = build(write_site(root / "content", more), out, settings_file(root, preview=1))
    assert result.returncode == 0, result.stderr
    return out


def test_every_listed_type_says_its_own_phrases_whole():
    for doc_type in (t for t in DOC_TYPES if t.listed):
        phrases = doc_type.phrases
        assert phrases != TypePhrases(), f"{doc_type.name} has no phrases of its own"
        for singular, plural in (phrases.all_on_issue, phrases.all_naming):
            # Both forms say the type in words; only the count and the scope are filled in.
            for text in (singular, plural):
                assert set(re.findall(r"%\((\w+)\)s", text)) <= PLACEHOLDERS, text
                assert "things" not in text
            assert singular != plural
        assert doc_type.plural.lower() in phrases.browse.lower()
        for name, placeholders in HEADINGS.items():
            if name == "by_adoptions" and not ranked(doc_type):
                continue  # no listing by adoption count
            heading = getattr(phrases, name)
            assert set(re.findall(r"%\((\w+)\)s", heading)) == placeholders, heading
            # The listing headings name the type as its own plural does, never the default "Documents".
            assert heading.startswith(doc_type.plural), heading


def test_issue_and_jurisdiction_pages_link_on_with_the_types_own_phrase(output):
    out = output
    issue = (out / "issues" / "housing" / "index.html").read_text()
    place = (out / "jurisdictions" / "durham-nc" / "index.html").read_text()
    assert '<a href="/issues/housing/stories/">All 3 stories on Housing</a>' in issue
    assert '<a href="/jurisdictions/durham-nc/stories/">All 2 stories naming Durham</a>' in place
    listing = (out / "news" / "index.html").read_text()
    assert 'href="/feeds/news.atom.xml" title="Latest news"' in listing
    assert '<nav class="browse" aria-label="Browse news">' in listing
    feed = (out / "feeds" / "stories.atom.xml").read_text()
    assert '<title type="text">New stories · ' in feed


def _one(pattern: str, page: str) -> str:
    [found] = re.findall(pattern, page)
    return unescape(found)


@pytest.mark.parametrize(
    ("listing", "heading"),
    [
        ("issues/housing/stories", "Stories on Housing"),
        ("jurisdictions/durham-nc/stories", "Stories naming Durham"),
        ("ordinances/by-adoptions", "Model ordinances by adoption count"),
        ("stories", "Stories"),
    ],
)
def test_a_listing_says_its_heading_alike_in_h1_title_and_sharing_tags(output, listing, heading):
    page = (output / listing / "index.html").read_text()
    assert _one(r"<h1>(.*?)</h1>", page) == heading
    assert _one(r"<title>(.*?)</title>", page) == f"{heading} · Local Policy Hub"
    assert _one(r'<meta property="og:title" content="(.*?)">', page) == heading


def test_a_document_is_called_by_its_details_label_else_by_its_types():
    def document(doc_type, details=None) -> Document:
        return Document(doc_type, "x", "X", "", "", "x.md", details=details)

    resolution = OrdinanceDetails(kind=OrdinanceKind.RESOLUTION)
    assert document(ORDINANCE, resolution).label == "Model resolution"
    assert document(ORDINANCE, OrdinanceDetails()).label == "Model ordinance"
    assert document(STORY_TYPE, StoryDetails()).label == "Story"
    assert document(NEWS).label == "News"

"""What pages and feeds say about a type's documents: whole phrases of each type, never a lowercased type
name spliced into a sentence (which no other language could translate)."""

from __future__ import annotations

import re

from hub_content.schemas import DOC_TYPES
from hub_model import TypePhrases
from tests.sitekit import STORY, build, settings_file, write_site

PLACEHOLDERS = {"count", "issue", "place"}


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


def test_issue_and_jurisdiction_pages_link_on_with_the_types_own_phrase(tmp_path):
    more = {
        f"stories/more-{n}.md": STORY.replace("Hillsborough Went First", f"Another Story {n}").replace(
            "issues: [housing]", "issues: [housing]\njurisdictions: [durham-nc]"
        )
        for n in range(2)
    }
    out = tmp_path / "out"
    settings = settings_file(tmp_path, preview=1)
    result = build(write_site(tmp_path / "content", more), out, settings)
    assert result.returncode == 0, result.stderr
    issue = (out / "issues" / "housing" / "index.html").read_text()
    place = (out / "jurisdictions" / "durham-nc" / "index.html").read_text()
    assert '<a href="/issues/housing/stories/">All 3 stories on Housing</a>' in issue
    assert '<a href="/jurisdictions/durham-nc/stories/">All 2 stories naming Durham</a>' in place
    listing = (out / "news" / "index.html").read_text()
    assert 'href="/feeds/news.atom.xml" title="Latest news"' in listing
    assert '<nav class="browse" aria-label="Browse news">' in listing
    feed = (out / "feeds" / "stories.atom.xml").read_text()
    assert '<title type="text">New stories · ' in feed

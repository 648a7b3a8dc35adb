"""Atom feeds: the entry builder on its own, the validator, and real builds whose every feed must be valid."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from hub_content import HubSettings, SettingsError
from hub_content.reader import state_jurisdictions
from hub_content.schemas import DOC_TYPES, NEWS, ORDINANCE, PAGE, STORY
from hub_feeds.entries import EPOCH, Publisher, atom_date, atom_id, entry, feed, feeds, link, newest
from hub_model import Document, Issue, Jurisdiction, JurisdictionKind, build_site
from tests.atom import A, assert_valid, problems
from tests.sitekit import ROOT, build, front, write_site

HOUSING = Issue("housing", "Housing", "", "", "issues/housing.md")
ZONING = Issue("zoning", "Zoning & land", "", "", "issues/zoning.md")
DURHAM = Jurisdiction("durham-nc", "Durham", JurisdictionKind.CITY, "nc", None)
LOCAL = Publisher("", "Local Policy Hub")
HOSTED = Publisher("https://example.org/hub", "Local Policy Hub")


def doc(doc_type, slug, day, **fields) -> Document:
    values = {"title": slug, "summary": f"About {slug}.", "body_html": "", "source": slug,
              "date": dt.date(2025, 1, day) if day else None, "issues": ("housing",), **fields}  # fmt: skip
    return Document(type=doc_type, slug=slug, **values)


def site_of(*documents):
    return build_site(DOC_TYPES, [HOUSING, ZONING], [*state_jurisdictions(), DURHAM], documents)


# The entry builder ----------------------------------------------------------------------------------------


def test_ids_are_urn_uuids_of_the_path_alone_and_never_change():
    # Pinned: changing how ids are made would make every reader show every entry again as new.
    assert atom_id("ordinances/fair-rent/") == "urn:uuid:e744d40e-6686-573f-9738-c07d36d956cb"
    assert atom_id("ordinances/fair-rent/") != atom_id("news/fair-rent/")
    site = site_of(doc(NEWS, "a", 1))
    local, hosted = entry(site, site.documents[0], LOCAL), entry(site, site.documents[0], HOSTED)
    assert local.id == hosted.id == atom_id("news/a/")
    assert feed(site, (), kind="site", subject=None, path="feeds/all.atom.xml", page="", publisher=LOCAL,
                size=20).id == atom_id("feeds/all.atom.xml")  # fmt: skip


def test_links_are_root_relative_unless_siteurl_is_absolute():
    assert link("", "news/a/") == "/news/a/"
    assert link("", "") == "/"
    assert link("https://example.org/hub", "news/a/") == "https://example.org/hub/news/a/"
    assert link("https://example.org/hub/", "") == "https://example.org/hub/"
    assert link("http://localhost:8000", "feeds/all.atom.xml") == "http://localhost:8000/feeds/all.atom.xml"
    site = site_of(doc(NEWS, "a", 1))
    assert entry(site, site.documents[0], LOCAL).link == "/news/a/"
    assert entry(site, site.documents[0], HOSTED).link == "https://example.org/hub/news/a/"
    [everything, *_] = feeds(site, HOSTED, 20)
    assert everything.self_link == "https://example.org/hub/feeds/all.atom.xml"
    assert everything.alternate_link == "https://example.org/hub/"


def test_entry_dates_authors_and_categories():
    news = doc(NEWS, "a", 3, updated=dt.date(2025, 2, 1), authors=("Ana Ruiz", "Bo Chen"),
               issues=("housing", "zoning"))  # fmt: skip
    site = site_of(news, doc(NEWS, "b", 2))
    first, second = (entry(site, d, LOCAL) for d in site.documents)
    assert (first.published, first.updated) == ("2025-01-03T00:00:00Z", "2025-02-01T00:00:00Z")
    assert (second.published, second.updated) == ("2025-01-02T00:00:00Z", "2025-01-02T00:00:00Z")
    assert first.authors == ("Ana Ruiz", "Bo Chen") and second.authors == ("Local Policy Hub",)
    assert [(c.term, c.label) for c in first.categories] == [
        ("housing", "Housing"),
        ("zoning", "Zoning & land"),
    ]
    assert first.summary == "About a." and first.title == "a"


def test_feeds_list_the_newest_dated_documents_newest_first():
    docs = [doc(NEWS, f"n{day}", day) for day in range(1, 6)] + [doc(PAGE, "about", None)]
    site = site_of(*docs)
    assert [d.slug for d in newest(site.documents, 3)] == ["n5", "n4", "n3"]
    made = feed(site, site.documents, kind="site", subject=None, path="feeds/all.atom.xml", page="",
                publisher=LOCAL, size=20)  # fmt: skip
    assert [e.link for e in made.entries] == [f"/news/n{day}/" for day in range(5, 0, -1)]


def test_feed_updated_is_its_latest_change_and_never_the_clock():
    old_but_revised = doc(STORY, "revised", 1, updated=dt.date(2025, 3, 1))
    site = site_of(doc(NEWS, "new", 9), old_but_revised)
    stories, housing = (feed(site, docs, kind="x", subject=None, path="f.xml", page="", publisher=LOCAL,
                             size=20) for docs in (site.documents_of(STORY), site.documents))  # fmt: skip
    assert stories.updated == "2025-03-01T00:00:00Z"
    assert housing.updated == "2025-03-01T00:00:00Z"  # the revision, though the entry is listed second


def test_an_empty_feed_is_as_new_as_the_site_or_the_epoch():
    site = site_of(doc(NEWS, "a", 1), doc(STORY, "b", 2, updated=dt.date(2025, 4, 5)))
    by_path = {f.path: f for f in feeds(site, LOCAL, 20)}
    zoning = by_path["feeds/issues/zoning.atom.xml"]
    assert zoning.entries == () and zoning.updated == "2025-04-05T00:00:00Z"
    assert by_path["feeds/ordinances.atom.xml"].updated == "2025-04-05T00:00:00Z"
    empty = {f.path: f for f in feeds(site_of(), LOCAL, 20)}
    assert {f.updated for f in empty.values()} == {EPOCH} == {"1970-01-01T00:00:00Z"}
    assert atom_date(dt.date(2025, 12, 31)) == "2025-12-31T00:00:00Z"


def test_every_feed_of_the_site():
    site = site_of(doc(ORDINANCE, "o", 1, jurisdictions=("durham-nc",)), doc(PAGE, "about", None))
    made = feeds(site, LOCAL, 20)
    assert [(f.kind, f.path, f.alternate_link) for f in made] == [
        ("site", "feeds/all.atom.xml", "/"),
        ("type", "feeds/ordinances.atom.xml", "/ordinances/"),
        ("type", "feeds/briefs.atom.xml", "/briefs/"),
        ("type", "feeds/stories.atom.xml", "/stories/"),
        ("type", "feeds/news.atom.xml", "/news/"),
        ("type", "feeds/events.atom.xml", "/events/"),
        ("issue", "feeds/issues/housing.atom.xml", "/issues/housing/"),
        ("issue", "feeds/issues/zoning.atom.xml", "/issues/zoning/"),  # no documents: still a feed
        ("jurisdiction", "feeds/jurisdictions/nc.atom.xml", "/jurisdictions/nc/"),
        ("jurisdiction", "feeds/jurisdictions/durham-nc.atom.xml", "/jurisdictions/durham-nc/"),
    ]
    assert len({f.id for f in made}) == len(made)


def test_feed_size_is_a_hub_setting():
    assert HubSettings().feed_size == 20
    assert HubSettings.from_settings({"HUB": {"feed_size": 5}}).feed_size == 5
    with pytest.raises(SettingsError, match="feed_size"):
        HubSettings.from_settings({"HUB": {"feed_size": 0}})


# The validator --------------------------------------------------------------------------------------------

VALID = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Hub</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2025-10-01T00:00:00Z</updated>
  <author><name>Hub</name></author>
  <link rel="self" href="/feeds/all.atom.xml"/>
  <entry>
    <title>One</title>
    <link href="/news/one/"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2025-10-01T00:00:00Z</updated>
  </entry>
</feed>"""


def test_the_validator_accepts_a_minimal_feed():
    assert problems(VALID) == []


FEED_UPDATED = b"<updated>2025-10-01T00:00:00Z</updated>\n  <author>"
ENTRY_UPDATED = b"<updated>2025-10-01T00:00:00Z</updated>\n  </entry>"
BROKEN = [
    (b"<id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>", b"",
     "feed: has 0 id elements, not exactly one"),
    (ENTRY_UPDATED, ENTRY_UPDATED.replace(b"T00:00:00Z", b""),
     "entry 1: updated '2025-10-01' is not an RFC 3339 date-time"),
    (FEED_UPDATED, FEED_UPDATED.replace(b"-10-", b"-13-"),
     "feed: updated '2025-13-01T00:00:00Z' is not an RFC 3339 date-time"),
    (b"<author><name>Hub</name></author>", b"", "entry 1: no author, and the feed has none"),
    (b'<link href="/news/one/"/>', b"", "entry 1: has neither a link rel='alternate' nor a content element"),
    (b'<link href="/news/one/"/>', b'<link href="/a/"/><link href="/b/"/>',
     "entry 1: 2 alternate links with type '' and hreflang ''"),
    (b"urn:uuid:1225c695", b"1225c695",
     "entry 1: id '1225c695-cfb8-4ebb-aaaa-80da344efa6a' is not an absolute IRI"),
    (b"xmlns=", b"xmlns:x=",
     "the root element is feed, not atom:feed in the http://www.w3.org/2005/Atom namespace"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "expected"), BROKEN)
def test_the_validator_rejects_broken_feeds(old, new, expected):
    broken = VALID.replace(old, new)
    assert broken != VALID
    assert expected in problems(broken)
    with pytest.raises(AssertionError, match="is not valid Atom"):
        assert_valid(broken)


def test_the_validator_asks_feedparser_too():
    found = problems(VALID.replace(b"</feed>", b"</feed"))
    assert found and found[0].startswith("not well-formed XML")
    assert any(
        p.startswith("feedparser: read as") for p in problems(VALID.replace(b"2005/Atom", b"2005/Atom2"))
    )


# Real builds ----------------------------------------------------------------------------------------------

DRAFT = front("title: Secret Plan\ndate: 2025-11-01\nsummary: Not yet.\nissues: [housing]\n"
              "jurisdictions: [durham-nc]\nstatus: draft")  # fmt: skip
ESCAPED = front('title: "<b>Bold</b> & <script>x</script>"\ndate: 2025-01-02\nsummary: "a < b & c"\n'
                "issues: [housing]\nauthors: [Ana O'Neil]")  # fmt: skip
EXTRA = {
    "news/secret-plan.md": DRAFT,
    "news/escaped.md": ESCAPED,
    "issues/zoning.md": "---\ntitle: Zoning\nsummary: Land use.\n---\nNothing yet.\n",
}
FEEDS = {
    "feeds/all.atom.xml", "feeds/ordinances.atom.xml", "feeds/briefs.atom.xml", "feeds/stories.atom.xml",
    "feeds/news.atom.xml", "feeds/events.atom.xml", "feeds/issues/housing.atom.xml",
    "feeds/issues/tech-accountability.atom.xml", "feeds/issues/zoning.atom.xml",
    "feeds/jurisdictions/nc.atom.xml",
    "feeds/jurisdictions/orange-county-nc.atom.xml", "feeds/jurisdictions/hillsborough-nc.atom.xml",
    "feeds/jurisdictions/durham-nc.atom.xml",
}  # fmt: skip


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("preview")
    result = build(write_site(root / "content", EXTRA), root / "output")
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.fixture(scope="module")
def public(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("public")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUB_SITEURL", "https://example.org/hub")
        result = build(write_site(root / "content", EXTRA), root / "output", ROOT / "publishconf.py")
    assert result.returncode == 0, result.stderr
    return root / "output"


def feed_files(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted((output / "feeds").rglob("*"))
            if p.is_file()}  # fmt: skip


def entry_links(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return [e.find(f"{A}link[@rel='alternate']").get("href") for e in root.iter(f"{A}entry")]


@pytest.mark.parametrize("build_name", ["preview", "public"])
def test_every_feed_is_valid_atom(build_name, request):
    files = feed_files(request.getfixturevalue(build_name))
    assert set(files) == FEEDS
    for name, data in files.items():
        assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'
                               b' xml:lang="en">'), name  # fmt: skip
        assert_valid(data, name)


def test_the_ordinance_is_in_the_feeds_of_the_site_its_type_issue_and_places(preview):
    for name in ["all", "ordinances", "issues/housing", "jurisdictions/hillsborough-nc", "jurisdictions/nc"]:
        assert "/ordinances/fair-rent/" in entry_links((preview / f"feeds/{name}.atom.xml").read_bytes()), (
            name
        )
    assert "/ordinances/fair-rent/" not in entry_links((preview / "feeds/news.atom.xml").read_bytes())


def test_feed_metadata_names_the_page_it_belongs_to(preview):
    parsed = feedparser.parse((preview / "feeds/issues/housing.atom.xml").read_bytes())
    assert parsed.feed.title == "New on Housing · Local Policy Hub"
    assert parsed.feed.author == "Local Policy Hub"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": "/feeds/issues/housing.atom.xml", "alternate": "/issues/housing/"}
    ordinances = feedparser.parse((preview / "feeds/ordinances.atom.xml").read_bytes())
    assert ordinances.feed.title == "New model ordinances · Local Policy Hub"
    [fair_rent] = ordinances.entries
    assert fair_rent.id == "urn:uuid:e744d40e-6686-573f-9738-c07d36d956cb"
    assert (fair_rent.published, fair_rent.updated) == ("2025-10-01T00:00:00Z", "2025-10-01T00:00:00Z")
    assert [(t.term, t.label) for t in fair_rent.tags] == [("housing", "Housing")]
    assert fair_rent.summary == "Bans algorithmic rent-setting."


def test_content_is_escaped_and_reads_back_unchanged(preview):
    data = (preview / "feeds/news.atom.xml").read_bytes()
    assert b"<script" not in data and b"<b>" not in data
    [escaped] = [e for e in feedparser.parse(data).entries if e.link == "/news/escaped/"]
    assert escaped.title == "<b>Bold</b> & <script>x</script>"
    assert escaped.summary == "a < b & c"
    assert escaped.author == "Ana O'Neil"


def test_public_feeds_use_absolute_links_and_the_same_ids(preview, public):
    parsed = feedparser.parse((public / "feeds/all.atom.xml").read_bytes())
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {
        "self": "https://example.org/hub/feeds/all.atom.xml",
        "alternate": "https://example.org/hub/",
    }
    assert parsed.entries[0].link == "https://example.org/hub/ordinances/fair-rent/"
    local = {e.link: e.id for e in feedparser.parse((preview / "feeds/all.atom.xml").read_bytes()).entries}
    assert parsed.entries[0].id == local["/ordinances/fair-rent/"]


def test_drafts_are_in_preview_feeds_only(preview, public):
    assert "/news/secret-plan/" in entry_links((preview / "feeds/all.atom.xml").read_bytes())
    for name, data in feed_files(public).items():
        assert b"secret-plan" not in data and b"Secret Plan" not in data, name
    # Nor does the draft's date leak: an empty feed is as new as the newest published document.
    assert (
        b"<updated>2025-10-01T00:00:00Z</updated>" in (public / "feeds/issues/zoning.atom.xml").read_bytes()
    )


def test_feed_size_limits_every_feed(tmp_path):
    settings = tmp_path / "conf.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        "HUB = {**HUB, 'feed_size': 2}\n")  # fmt: skip
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    assert entry_links((tmp_path / "out/feeds/all.atom.xml").read_bytes()) == [
        "/ordinances/fair-rent/", "/stories/hillsborough-first/"
    ]  # fmt: skip

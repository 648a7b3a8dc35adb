"""People, partners and issue contacts: files in content/people/ and content/partners/, the names that link
to them (a value written as a slug must name a file; any other value stays a plain name), every error at
its line, and the pages a real build writes with their links both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from hub_content import HubSettings, InvalidContentError, load_site
from hub_model import OrdinanceDetails, StoryDetails
from tests.sitekit import ORDINANCE, build, front, hub, write_site

JENN = front(
    """
    name: Jenn Weaver
    role: Mayor of Hillsborough
    jurisdiction: hillsborough-nc
    pronouns: she/her
    links:
      - label: Town page
        url: https://example.org/mayor
    """,
    "She led the town's vote.",
)
ANA = front("name: Ana Ruiz\nrole: Council member\njurisdiction: durham-nc", "")
PARTNER = front("name: Data & Society\nurl: https://example.org/ds", "A research institute.")


def story(people: str, extra: str = "") -> str:
    return front(
        f"title: A Story\ndate: 2025-01-02\nsummary: Short.\nissues: [housing]\npeople: {people}\n{extra}"
    )


def brief(partners: str) -> str:
    return front(
        f"title: A Brief\ndate: 2025-02-01\nsummary: S.\nissues: [housing]\npartners: {partners}\n"
        "authors: [jenn-weaver, Network staff]"
    )


SPONSORED = ORDINANCE.replace(
    "citation: Ord. 2025-9", "citation: Ord. 2025-9\n    sponsors: [ana-ruiz, Lee Park]"
)
NETWORK = {
    "people/jenn-weaver.md": JENN,
    "people/ana-ruiz.md": ANA,
    "partners/data-and-society.md": PARTNER,
    "stories/with-jenn.md": story("[jenn-weaver]"),
    "briefs/privacy-trap.md": brief("[Data & Society, Some Coalition]"),
    "ordinances/fair-rent.md": SPONSORED,
}


def errors(root: Path, documents: dict[str, str | None]) -> list[str]:
    write_site(root, {**NETWORK, **documents})
    with pytest.raises(InvalidContentError) as caught:
        load_site(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def test_a_slug_links_a_person_and_a_plain_name_stays_as_written(tmp_path):
    site = load_site(write_site(tmp_path, NETWORK), HubSettings(drafts=True))
    network = site.network
    assert [p.slug for p in network.people.values()] == ["ana-ruiz", "jenn-weaver"]  # by name
    story_doc = next(d for d in site.documents if d.slug == "with-jenn")
    assert isinstance(story_doc.details, StoryDetails)
    person = story_doc.details.people[0]
    # The story's entry is filled from the file: name, role, place; the place then lists the story.
    assert (person.name, person.role, person.jurisdiction) == (
        "Jenn Weaver",
        "Mayor of Hillsborough",
        "hillsborough-nc",
    )
    assert story_doc in site.documents_in(site.jurisdictions["hillsborough-nc"])
    assert network.person("jenn-weaver").url == "people/jenn-weaver/"
    assert network.person("Network staff").url is None and network.person("Jenn Weaver").url is None
    assert [d.slug for d in network.stories["jenn-weaver"]] == ["with-jenn"]
    assert [d.slug for d in network.authored["jenn-weaver"]] == ["privacy-trap"]
    assert [(s.ordinance.slug, s.adoption.jurisdiction) for s in network.sponsored["ana-ruiz"]] == [
        ("fair-rent", "durham-nc")
    ]
    assert [d.slug for d in network.works["data-and-society"]] == ["privacy-trap"]  # by its exact name
    assert network.partner("Some Coalition").url is None
    assert [p.slug for p in network.people_in["durham-nc"]] == ["ana-ruiz"]
    ordinance = next(d for d in site.documents if d.slug == "fair-rent")
    assert isinstance(ordinance.details, OrdinanceDetails)
    assert ordinance.details.adoptions[0].sponsors == ("ana-ruiz", "Lee Park")


def test_the_stock_fixture_with_plain_names_only_still_loads(tmp_path):
    site = load_site(write_site(tmp_path), HubSettings(drafts=True))
    story_doc = next(d for d in site.documents if d.type.name == "story")
    assert isinstance(story_doc.details, StoryDetails)
    assert story_doc.details.people[0].name == "Jenn Weaver" and story_doc.details.people[0].slug is None
    assert not site.network.people


def test_an_unknown_slug_is_an_error_at_its_line_with_the_closest_slug(tmp_path):
    found = errors(
        tmp_path,
        {
            "stories/with-jenn.md": story("[jenn-weavr]"),
            "briefs/privacy-trap.md": brief("[data-and-societi]"),
            "news/n.md": front(
                "title: N\ndate: 2025-01-01\nsummary: S\nissues: [housing]\nauthors: [nobody-here]"
            ),
        },
    )
    assert found == [
        "briefs/privacy-trap.md:6: unknown partner 'data-and-societi' in 'partners' (did you mean "
        "'data-and-society'?): a value written as a slug names a file in content/partners/: add "
        "content/partners/data-and-societi.md, or write the name as it is spelled (like Jenn Weaver) to "
        "show it without a page",
        "news/n.md:6: unknown person 'nobody-here' in 'authors': a value written as a slug names a file in "
        "content/people/: add content/people/nobody-here.md, or write the name as it is spelled (like Jenn "
        "Weaver) to show it without a page",
        "stories/with-jenn.md:6: unknown person 'jenn-weavr' in 'people' (did you mean 'jenn-weaver'?): a "
        "value written as a slug names a file in content/people/: add content/people/jenn-weavr.md, or write "
        "the name as it is spelled (like Jenn Weaver) to show it without a page",
    ]


def test_an_unknown_sponsor_slug_is_an_error_at_its_line(tmp_path):
    text = SPONSORED.replace("sponsors: [ana-ruiz", "sponsors: [ana-ruis")
    [message] = errors(tmp_path, {"ordinances/fair-rent.md": text})
    assert message.startswith(
        "ordinances/fair-rent.md:12: unknown person 'ana-ruis' in 'adoptions[1].sponsors' "
        "(did you mean 'ana-ruiz'?)"
    )


def test_a_person_named_twice_in_a_story_is_an_error(tmp_path):
    assert errors(tmp_path, {"stories/with-jenn.md": story("[jenn-weaver, jenn-weaver]")}) == [
        "stories/with-jenn.md:6: 'jenn-weaver' is listed twice in 'people' (first on line 6): remove one"
    ]


def test_a_story_person_is_a_slug_or_a_set_of_fields(tmp_path):
    assert errors(tmp_path, {"stories/with-jenn.md": story("[Jenn Weaver]")}) == [
        "stories/with-jenn.md:6: 'people' has 'Jenn Weaver', which is not a person slug: slugs use lowercase "
        "a-z, 0-9 and '-', like the file name without '.md'"
    ]


@pytest.mark.parametrize(
    ("link", "message"),
    [
        (
            "url: javascript:alert(1)",
            "'links[1].url' is 'javascript:alert(1)', not a web address: write it in full, like https://example.org/page",
        ),
        (
            "url: //evil.example/",
            "'links[1].url' is '//evil.example/', not a web address: write it in full, like https://example.org/page",
        ),
        (
            "url: https://example.org/x\n    colour: red",
            "unknown field 'links[1].colour': the fields of this document are label, url",
        ),
    ],
)
def test_a_bad_public_link_is_refused_at_its_line(tmp_path, link, message):
    text = front(f"name: Jenn Weaver\nlinks:\n  - label: Page\n    {link}")
    found = errors(tmp_path, {"people/jenn-weaver.md": text})
    assert len(found) == 1 and re.fullmatch(r"people/jenn-weaver\.md:\d+: (.*)", found[0])[1] == message


def test_a_person_file_is_checked_field_by_field(tmp_path):
    text = front("role: Mayor\nphoto: images/photo.png\npronouns: [she, her]\nhomepage: W")
    assert errors(tmp_path, {"people/jenn-weaver.md": text}) == [
        "people/jenn-weaver.md:1: required field 'name' is missing: write it like name: Jenn Weaver",
        "people/jenn-weaver.md:4: 'pronouns' must be text, not a list",
        "people/jenn-weaver.md:5: unknown field 'homepage': the fields of a person are name, role, "
        "jurisdiction, pronouns, photo, photo_alt, photo_credit, links, sources",
    ]
    text = front("name: J\njurisdiction: nowhere-nc\nphoto: images/photo.png")
    assert errors(tmp_path, {"people/jenn-weaver.md": text}) == [
        "people/jenn-weaver.md:3: unknown jurisdiction 'nowhere-nc' in 'jurisdiction': add it with make new "
        'TYPE=jurisdiction STATE=nc NAME="Nowhere" KIND=<kind>, or use the state\'s code, nc',
        "people/jenn-weaver.md:4: 'photo' is set but 'photo_alt' is missing: "
        "add photo_alt: what the photo shows",
    ]


def test_a_person_file_has_no_translation_file(tmp_path):
    assert errors(tmp_path, {"people/jenn-weaver.es.md": JENN}) == [
        "people/jenn-weaver.es.md:1: people and partners have one file, shown in every language: remove "
        "this one, and keep what it says in people/jenn-weaver.md"
    ]


def test_two_partner_files_may_not_share_a_name(tmp_path):
    assert errors(tmp_path, {"partners/ds.md": PARTNER}) == [
        "partners/ds.md:1: the partner name 'Data & Society' is also "
        f"{tmp_path}/partners/data-and-society.md's: give each partner file its own name"
    ]


def test_a_bio_is_checked_like_any_body(tmp_path):
    found = errors(tmp_path, {"people/jenn-weaver.md": JENN.replace("She led", "<script>x</script>")})
    assert found == [
        "people/jenn-weaver.md:10: <script> is not allowed in a document: scripts would run in readers' "
        "browsers; remove it"
    ]


def issue(contact: str) -> str:
    return f"---\ntitle: Housing\nsummary: Homes.\ncontact: {contact}\n---\nIntro.\n"


@pytest.mark.parametrize(
    ("contact", "message"),
    [
        (
            "{person: jenn-weavr, email: housing@example.org}",
            "issues/housing.md:4: unknown person 'jenn-weavr' in 'contact.person' "
            "(did you mean 'jenn-weaver'?)",
        ),
        (
            "{person: jenn-weaver, email: 'mailto:housing@example.org'}",
            "issues/housing.md:4: 'contact.email' 'mailto:housing@example.org' is a link: "
            "write the address alone",
        ),
        (
            "{person: jenn-weaver, email: not an address}",
            "issues/housing.md:4: 'contact.email' 'not an address' is not an email address "
            "a mail client can open",
        ),
        (
            "{person: jenn-weaver, url: 'http://forms.example.com/x'}",
            "issues/housing.md:4: 'contact.url' 'http://forms.example.com/x' is not an https:// address",
        ),
        (
            "{person: jenn-weaver, url: 'https://user@evil.example/'}",
            "issues/housing.md:4: 'contact.url' 'https://user@evil.example/' has a name before an '@'",
        ),
        ("{person: jenn-weaver}", "issues/housing.md:4: 'contact' needs exactly one public address"),
        (
            "{person: jenn-weaver, email: a@example.org, url: 'https://example.org/f'}",
            "issues/housing.md:4: 'contact' needs exactly one public address",
        ),
        ("{email: a@example.org}", "issues/housing.md:4: required field 'contact.person' is missing"),
        ("jenn-weaver", "issues/housing.md:4: 'contact' must be a set of fields"),
    ],
)
def test_an_issue_contact_is_checked_like_the_contact_channels(tmp_path, contact, message):
    found = [e for e in errors(tmp_path, {"issues/housing.md": issue(contact)}) if e.startswith("issues/")]
    assert len(found) == 1 and found[0].startswith(message), found


def test_make_check_refuses_an_unknown_person_as_the_build_does(tmp_path):
    content = write_site(tmp_path / "content", {**NETWORK, "stories/with-jenn.md": story("[jenn-weavr]")})
    checked = hub("check", "-i", str(content))
    built = build(content, tmp_path / "out")
    line = "stories/with-jenn.md:6: unknown person 'jenn-weavr' in 'people' (did you mean 'jenn-weaver'?)"
    assert checked.returncode != 0 and line in checked.stdout + checked.stderr
    assert built.returncode != 0 and line in built.stdout + built.stderr
    assert "Traceback" not in checked.stderr + built.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def network_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("network")
    housing = issue("{person: jenn-weaver, email: housing@example.org}")
    tech = "---\ntitle: Technology\nsummary: Tech.\ncontact: {person: ana-ruiz, url: /about/}\n---\nIntro.\n"
    content = write_site(
        root / "content",
        {**NETWORK, "issues/housing.md": housing, "issues/tech-accountability.md": tech,
         "people/jenn-weaver.md": JENN.replace("She led", "She <em>led</em>")},
    )  # fmt: skip
    result = build(content, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def page(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def links(tree: LexborHTMLParser) -> list[str]:
    main = tree.css_first("main")
    return [a.attributes.get("href") or "" for a in main.css("a")]


def test_a_person_page_lists_their_stories_sponsorships_and_writing(network_site):
    jenn = page(network_site, "people/jenn-weaver")
    hrefs = links(jenn)
    assert "/stories/with-jenn/" in hrefs and "/briefs/privacy-trap/" in hrefs
    assert "/jurisdictions/hillsborough-nc/" in hrefs and "https://example.org/mayor" in hrefs
    text = jenn.css_first("main").text()
    assert "she/her" in text and "Mayor of Hillsborough" in text
    assert jenn.css_first("main .body em").text() == "led"  # the bio is Markdown, rendered and checked
    ana = page(network_site, "people/ana-ruiz")
    assert "/ordinances/fair-rent/" in links(ana) and "/jurisdictions/durham-nc/" in links(ana)
    everyone = page(network_site, "people")
    assert [a.text() for a in everyone.css("main .card-title a")] == ["Ana Ruiz", "Jenn Weaver"]


def test_person_pages_say_only_what_the_file_says_in_json_ld(network_site):
    script = page(network_site, "people/ana-ruiz").css_first('script[type="application/ld+json"]').text()
    data = json.loads(script)
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"] == {
        "@type": "Person",
        "@id": "/people/ana-ruiz/#person",
        "name": "Ana Ruiz",
        "jobTitle": "Council member",
        "url": "/people/ana-ruiz/",
        "workLocation": {"@type": "AdministrativeArea", "name": "Durham", "url": "/jurisdictions/durham-nc/"},
    }
    brief_data = json.loads(
        page(network_site, "briefs/privacy-trap").css_first('script[type="application/ld+json"]').text()
    )
    assert {"@type": "Person", "name": "Jenn Weaver", "url": "/people/jenn-weaver/"} in brief_data["author"]
    assert {
        "@type": "Organization",
        "name": "Data & Society",
        "url": "/partners/data-and-society/",
    } in brief_data["contributor"]


def test_documents_and_places_link_the_people_and_partners_they_name(network_site):
    assert "/people/jenn-weaver/" in links(page(network_site, "stories/with-jenn"))
    brief_page = page(network_site, "briefs/privacy-trap")
    assert "/partners/data-and-society/" in links(brief_page) and "/people/jenn-weaver/" in links(brief_page)
    assert "Some Coalition" in brief_page.css_first("main").text()  # a plain name, shown as written
    model = page(network_site, "ordinances/fair-rent")
    sponsors = [td for td in model.css("table.model-adoptions td") if "Lee Park" in td.text()]
    assert [a.attributes["href"] for a in sponsors[0].css("a")] == ["/people/ana-ruiz/"]
    durham = page(network_site, "jurisdictions/durham-nc")
    assert "/people/ana-ruiz/" in links(durham)
    assert "/people/jenn-weaver/" in links(page(network_site, "jurisdictions/hillsborough-nc"))
    partner = page(network_site, "partners/data-and-society")
    assert "/briefs/privacy-trap/" in links(partner) and "https://example.org/ds" in links(partner)
    assert "/partners/data-and-society/" in links(page(network_site, "partners"))


def test_an_issue_page_names_its_contact_with_a_mail_link(network_site):
    contact = page(network_site, "issues/housing").css_first(".issue-contact")
    assert " ".join(contact.text().split()) == "Contact: Jenn Weaver, housing@example.org"
    assert [a.attributes["href"] for a in contact.css("a")] == [
        "/people/jenn-weaver/",
        "mailto:housing@example.org",
    ]
    form = page(network_site, "issues/tech-accountability").css_first(".issue-contact")
    assert [a.attributes["href"] for a in form.css("a")] == ["/people/ana-ruiz/", "/about/"]


def test_people_pages_in_another_language_mark_the_file_words_as_the_site_language(network_site):
    jenn = page(network_site, "es/people/jenn-weaver")
    assert jenn.css_first("html").attributes["lang"] == "es"
    assert jenn.css_first("main .body").attributes.get("lang") == "en"
    assert "/es/stories/with-jenn/" not in links(jenn) and "/stories/with-jenn/" in links(
        jenn
    )  # untranslated
    assert (network_site / "es/partners/data-and-society/index.html").is_file()
    footer = [a.attributes["href"] for a in jenn.css("footer a")]
    assert "/es/people/" in footer and "/es/partners/" in footer


def test_make_new_starts_a_person_or_a_partner_file_that_checks_once_filled(tmp_path):
    content = write_site(tmp_path / "content")
    made = hub("new", "person", "-i", str(content), "--name", "Rossana Rodríguez", "--title", "")
    assert made.returncode == 0, made.stderr
    assert (
        (content / "people/rossana-rodriguez.md")
        .read_text(encoding="utf-8")
        .startswith("---\n# Person: fill in")
    )
    assert (
        hub("new", "partner", "-i", str(content), "--name", "Data & Society", "--title", "").returncode == 0
    )
    again = hub("new", "person", "-i", str(content), "--name", "Rossana Rodríguez", "--title", "")
    assert again.returncode == 1 and "already exists" in again.stderr
    checked = hub("check", "-i", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_open_data_and_feeds_give_names_not_slugs(network_site):
    rows = json.loads((network_site / "api/documents.json").read_text(encoding="utf-8"))
    rows = rows["documents"] if isinstance(rows, dict) else rows
    brief_row = next(r for r in rows if r["url"].endswith("briefs/privacy-trap/"))
    assert brief_row["authors"] == ["Jenn Weaver", "Network staff"]
    assert brief_row["partners"] == ["Data & Society", "Some Coalition"]
    model = json.loads((network_site / "ordinances/fair-rent/adoptions.json").read_text(encoding="utf-8"))
    model = model["adoptions"] if isinstance(model, dict) else model
    assert model[0]["sponsors"] == ["Ana Ruiz", "Lee Park"]
    feed = (network_site / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<name>Jenn Weaver</name>" in feed and "<name>jenn-weaver</name>" not in feed

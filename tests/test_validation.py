"""Every validation rule of the content contract, each asserting the exact `path:line: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_content import HubSettings, InvalidContentError, load_site
from hub_content.errors import excerpt
from tests.sitekit import ORDINANCE, front, hub, write_site


def errors(root: Path, documents: dict[str, str | None] | None = None) -> list[str]:
    write_site(root, documents)
    with pytest.raises(InvalidContentError) as caught:
        load_site(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def story(fields: str, body: str = "Body.") -> str:
    return front("title: A Story\ndate: 2025-01-02\nsummary: Short.\nissues: [housing]\n" + fields, body)


def test_valid_site_keeps_every_document(tmp_path):
    site = load_site(write_site(tmp_path), HubSettings(drafts=True))
    assert sorted(d.url for d in site.documents) == [
        "about/",
        "briefs/privacy-trap/",
        "news/convening/",
        "ordinances/fair-rent/",
        "stories/hillsborough-first/",
    ]


def test_missing_required_field_is_reported_on_line_one(tmp_path):
    text = front("title: T\ndate: 2025-01-02\nissues: [housing]")
    assert errors(tmp_path, {"news/x.md": text}) == [
        "news/x.md:1: required field 'summary' is missing: write it like summary: One or two plain sentences."
    ]


def test_empty_required_field_is_reported_at_its_line(tmp_path):
    text = front("title:\ndate: 2025-01-02\nsummary: S\nissues: [housing]")
    assert errors(tmp_path, {"news/x.md": text}) == [
        "news/x.md:2: required field 'title' is empty: write it like title: Ban on Algorithmic Rent-Setting"
    ]


def test_wrong_type_is_reported(tmp_path):
    text = front("title: [a, b]\ndate: 2025-01-02\nsummary: S\nissues: housing")
    assert errors(tmp_path, {"news/x.md": text}) == [
        "news/x.md:2: 'title' must be text, not a list",
        "news/x.md:5: 'issues' must be a list of issue slugs: write it as issues: [housing]",
    ]


@pytest.mark.parametrize("value", ["2025-13-01", "yesterday", "2025-2-3", "01/02/2025"])
def test_bad_date_is_reported(tmp_path, value):
    text = front(f"title: T\ndate: {value}\nsummary: S\nissues: [housing]")
    assert errors(tmp_path, {"news/x.md": text}) == [
        f"news/x.md:3: 'date' is '{value}', not a valid date: write it as YYYY-MM-DD, like 2025-10-01"
    ]


def test_unknown_issue_suggests_the_closest(tmp_path):
    text = story("jurisdictions: [durham-nc]").replace("[housing]", "[housing, hosuing]")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:5: unknown issue 'hosuing' in 'issues' (did you mean 'housing'?)"
    ]


def test_unknown_issue_without_close_match_lists_the_known_ones(tmp_path):
    text = story("").replace("[housing]", "[transit]")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:5: unknown issue 'transit' in 'issues': add content/issues/transit.md or use one of "
        "housing, tech-accountability"
    ]


def test_unknown_jurisdiction_suggests_the_closest(tmp_path):
    text = story("jurisdictions:\n  - nc\n  - durahm-nc")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:8: unknown jurisdiction 'durahm-nc' in 'jurisdictions' (did you mean 'durham-nc'?): "
        'for a new place, run make new TYPE=jurisdiction STATE=nc NAME="Durahm" KIND=<kind>'
    ]


def test_unknown_jurisdiction_without_a_close_match_says_how_to_add_it(tmp_path):
    text = story("jurisdictions: [chapel-hill-nc]")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:6: unknown jurisdiction 'chapel-hill-nc' in 'jurisdictions': add it with make new "
        'TYPE=jurisdiction STATE=nc NAME="Chapel Hill" KIND=<kind>, or use the state\'s code, nc'
    ]


def test_the_suggested_make_new_adds_the_jurisdiction_the_document_names(tmp_path):
    write_site(tmp_path, {"stories/x.md": story("jurisdictions: [chapel-hill-nc]")})
    added = hub("new", "jurisdiction", "-i", str(tmp_path), "--state", "nc", "--name", "Chapel Hill",
                "--kind", "town")  # fmt: skip
    assert added.returncode == 0, added.stderr
    site = load_site(tmp_path, HubSettings(drafts=True))
    assert site.jurisdictions["chapel-hill-nc"].name == "Chapel Hill"


def test_unknown_field_suggests_the_closest(tmp_path):
    assert errors(tmp_path, {"stories/x.md": story("autors: [Jane Doe]")}) == [
        "stories/x.md:6: unknown field 'autors' (did you mean 'authors'?)"
    ]


def test_unknown_field_without_close_match_lists_the_fields(tmp_path):
    (message,) = errors(tmp_path, {"news/x.md": story("colour: red").replace("title: A Story", "title: N")})
    assert message.startswith("news/x.md:6: unknown field 'colour': the fields of a news are title, date,")


def test_field_given_twice_is_reported(tmp_path):
    assert errors(tmp_path, {"stories/x.md": story("title: Again")}) == [
        "stories/x.md:6: field 'title' is given twice (first on line 2): keep one"
    ]


def test_duplicate_document_slug_across_types(tmp_path):
    assert errors(tmp_path, {"news/fair-rent.md": story("")}) == [
        "news/fair-rent.md:1: duplicate slug 'fair-rent': "
        f"{tmp_path}/ordinances/fair-rent.md has the same file name; rename one"
    ]


def test_duplicate_jurisdiction_slug_across_files(tmp_path):
    (tmp_path / "jurisdictions").mkdir(parents=True)
    (tmp_path / "jurisdictions" / "va.yaml").write_text("- slug: durham-nc\n  name: Durham\n  kind: city\n")
    assert errors(tmp_path) == [
        f"jurisdictions/va.yaml:1: duplicate jurisdiction slug 'durham-nc' (also {tmp_path}/jurisdictions/"
        "nc.yaml:10): slugs must be unique"
    ]


def test_missing_image_and_missing_file(tmp_path):
    brief = front(
        "title: B\ndate: 2025-01-02\nsummary: S\nissues: [housing]\nimage: images/phot.png\n"
        "image_alt: A photo\nfile: files/missing.pdf"
    )
    assert errors(tmp_path, {"briefs/x.md": brief}) == [
        "briefs/x.md:6: 'image' names images/phot.png, which does not exist (did you mean "
        "'images/photo.png'?): add the file to the content folder's images/ or correct the path",
        "briefs/x.md:8: 'file' names files/missing.pdf, which does not exist: add the file to the content "
        "folder's files/ or correct the path",
    ]


def test_image_needs_alt_text(tmp_path):
    assert errors(tmp_path, {"stories/x.md": story("image: images/photo.png")}) == [
        "stories/x.md:6: 'image' is set but 'image_alt' is missing: add image_alt: a short description of "
        "what the image shows",
        "stories/x.md:6: 'image' is set but 'image_credit' is missing: add image_credit: who made it, like "
        "'Photo: Jane Doe' or, for a drawing of the site's own, 'Illustration: <site name>'",
    ]


def test_malformed_yaml_is_reported_at_its_line(tmp_path):
    text = "---\ntitle: T\ndate: 2025-01-02\nsummary: Rent: too high\nissues: [housing]\n---\nBody\n"
    assert errors(tmp_path, {"news/x.md": text}) == [
        "news/x.md:4: invalid YAML: mapping values are not allowed in this context (a value that contains "
        "': ' must be put in quotes)"
    ]


def test_unclosed_bracket_is_reported(tmp_path):
    text = "---\ntitle: T\nissues: [housing\ndate: 2025-01-02\n---\nBody\n"
    (message,) = errors(tmp_path, {"news/x.md": text})
    assert message.startswith("news/x.md:4: invalid YAML: ")


def test_missing_closing_fence(tmp_path):
    text = "---\ntitle: T\ndate: 2025-01-02\nsummary: S\nissues: [housing]\nBody\n"
    assert errors(tmp_path, {"news/x.md": text}) == [
        "news/x.md:1: the front matter opened here is never closed: add a line '---' after the last field"
    ]


def test_missing_front_matter(tmp_path):
    assert errors(tmp_path, {"news/x.md": "Title: Pelican style\n\nBody\n"}) == [
        "news/x.md:1: missing front matter: the first line must be '---', then the fields, then '---'"
    ]


def test_non_utf8_bytes_are_reported_with_their_line(tmp_path):
    write_site(tmp_path)
    (tmp_path / "news" / "x.md").write_bytes(story("").encode().replace(b"Body.", b"Caf\xe9 con leche"))
    assert errors(tmp_path) == [
        "news/x.md:7: the file is not UTF-8 text (byte 0xe9 at column 4): save it with UTF-8 encoding in "
        "your editor"
    ]


def test_empty_file(tmp_path):
    assert errors(tmp_path, {"news/x.md": "\n"}) == [
        "news/x.md:1: the file is empty: start it with front matter between two '---' lines"
    ]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "Hi\n\n<script>alert(1)</script>",
            9,
            "<script> is not allowed in a document: scripts would run in readers' browsers; remove it",
        ),
        (
            'Hi\n\n<p onclick="steal()">x</p>',
            9,
            "the event attribute 'onclick' is not allowed: it would run code; remove it",
        ),
        (
            "[click](javascript:alert(1))",
            7,
            "'javascript:' links are not allowed: link to an https:// address or a page of this site",
        ),
        (
            'A paragraph\n{: onmouseover="x()" }',
            8,
            "the event attribute 'onmouseover' is not allowed: it would run code; remove it",
        ),
        (
            '<img src="x.png" style="color:red" alt="x">',
            7,
            "the attribute 'style' is not allowed (the site's Content-Security-Policy blocks inline styles): "
            "remove it",
        ),
        (
            '<iframe src="https://example.org"></iframe>',
            7,
            "raw HTML <iframe> is not allowed: use Markdown, or a tag from the allowed list in "
            "docs/CONTENT.md (for a placeholder, write [NAME])",
        ),
    ],
)
def test_unsafe_html_in_body_is_reported(tmp_path, body, line, message):
    assert errors(tmp_path, {"stories/x.md": story("", body)}) == [f"stories/x.md:{line}: {message}"]


def test_code_samples_may_show_html(tmp_path):
    body = "Write:\n\n    <script>alert(1)</script>\n\nor `<p onclick=x>`."
    site = load_site(write_site(tmp_path, {"stories/x.md": story("", body)}), HubSettings(drafts=True))
    assert "&lt;script&gt;" in next(d for d in site.documents if d.slug == "x").body_html


def test_bad_adoption_status_and_unknown_key(tmp_path):
    text = ORDINANCE.replace("status: introduced", "status: passed\n    year: 2024")
    assert errors(tmp_path, {"ordinances/fair-rent.md": text}) == [
        "ordinances/fair-rent.md:13: 'adoptions[2].status' is 'passed': use one of adopted, introduced, "
        "failed, repealed, preempted",
        "ordinances/fair-rent.md:14: unknown field 'adoptions[2].year': the fields of this document are "
        "jurisdiction, status, date, url, number, citation, sponsors, vote, effective, text, notes, "
        "provisions",
    ]


def test_summary_longer_than_300_characters(tmp_path):
    text = story("").replace("summary: Short.", "summary: " + "word " * 70)
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:4: 'summary' is 349 characters long: shorten it to at most 300"
    ]


def test_issues_needs_at_least_one(tmp_path):
    text = story("").replace("issues: [housing]", "issues: []")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:5: required field 'issues' is empty: write it like issues: [housing]"
    ]


def test_bad_status_suggests(tmp_path):
    assert errors(tmp_path, {"stories/x.md": story("status: drafted")}) == [
        "stories/x.md:6: 'status' is 'drafted' (did you mean 'draft'?): use one of published, draft"
    ]


def test_bad_file_name(tmp_path):
    assert errors(tmp_path, {"stories/Rent Ban.md": story("")}) == [
        "stories/Rent Ban.md:1: the file name 'Rent Ban.md' is not a valid slug: rename it to 'rent-ban.md' "
        "(lowercase a-z, 0-9 and '-')"
    ]


def test_markdown_outside_content_folders_is_not_dropped(tmp_path):
    assert errors(tmp_path, {"storys/x.md": story(""), "stories/notes.txt": "x"}) == [
        "stories/notes.txt:1: only .md files belong in stories/: rename it to notes.md or move it",
        "storys/x.md:1: this file is not in a content folder (did you mean 'stories'?): move it to one of "
        "ordinances/, briefs/, stories/, news/, events/, pages/",
    ]


def test_page_slug_reserved_by_the_site(tmp_path):
    assert errors(tmp_path, {"pages/issues.md": front("title: Issues")}) == [
        "pages/issues.md:1: the page slug 'issues' is used by the site itself (the issue pages): rename "
        "the file"
    ]


def test_jurisdiction_file_rules(tmp_path):
    (tmp_path / "jurisdictions").mkdir(parents=True)
    (tmp_path / "jurisdictions" / "xx.yaml").write_text("- slug: a\n")
    (tmp_path / "jurisdictions" / "va.yaml").write_text(
        "- slug: richmond-va\n  name: Richmond\n  kind: metropolis\n"
        "- slug: arlington-va\n  name: Arlington\n  kind: county\n  parent: durham-nc\n"
        "- slug: va\n  name: Virginia\n  kind: state\n"
    )
    assert errors(tmp_path) == [
        "jurisdictions/va.yaml:3: 'kind' is 'metropolis': use one of state, city, town, village, county, "
        "school-district, tribal-nation, special-district",
        "jurisdictions/va.yaml:4: 'arlington-va' has parent 'durham-nc' in another state (nc)",
        "jurisdictions/va.yaml:10: states are built in (the state's slug is 'va'): remove this entry or give "
        "the kind of a local jurisdiction",
        "jurisdictions/xx.yaml:1: 'xx.yaml' is not named after a state: use the two-letter postal code, like "
        "nc.yaml",
    ]


def test_jurisdiction_parent_cycle(tmp_path):
    (tmp_path / "jurisdictions").mkdir(parents=True)
    (tmp_path / "jurisdictions" / "va.yaml").write_text(
        "- slug: a-va\n  name: A\n  kind: city\n  parent: b-va\n"
        "- slug: b-va\n  name: B\n  kind: county\n  parent: a-va\n"
    )
    assert errors(tmp_path) == [
        "jurisdictions/va.yaml:1: the parents of 'a-va' lead back to itself: fix the 'parent' fields",
        "jurisdictions/va.yaml:5: the parents of 'b-va' lead back to itself: fix the 'parent' fields",
    ]


def test_every_error_in_every_file_in_one_run(tmp_path):
    found = errors(
        tmp_path,
        {
            "news/a.md": "",
            "news/b.md": story("colour: red"),
            "stories/c.md": story("status: drafted").replace("[housing]", "[hosuing]"),
        },
    )
    assert [line.split(":")[0] for line in found] == [
        "news/a.md",
        "news/b.md",
        "stories/c.md",
        "stories/c.md",
    ]


def test_titles_are_read_as_written(tmp_path):
    text = story("").replace("title: A Story", "title: No").replace("summary: Short.", "summary: 1984")
    site = load_site(write_site(tmp_path, {"stories/x.md": text}), HubSettings(drafts=True))
    doc = next(d for d in site.documents if d.slug == "x")
    assert (doc.title, doc.summary) == ("No", "1984")


def test_hashtag_read_as_comment_is_reported(tmp_path):
    text = story("").replace("summary: Short.", "summary: Our #LocalStory series")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:4: 'summary' is cut short at '#LocalStory': YAML reads ' #' as the start of a comment; "
        "put the whole value in quotes"
    ]


def test_ordinary_comments_after_values_are_fine(tmp_path):
    text = story("").replace("summary: Short.", "summary: Short.   # required")
    site = load_site(write_site(tmp_path, {"stories/x.md": text}), HubSettings(drafts=True))
    assert next(d for d in site.documents if d.slug == "x").summary == "Short."


def test_images_from_other_sites_are_refused(tmp_path):
    body = "Intro\n\n![Chart](https://cdn.example.org/chart.png)"
    assert errors(tmp_path, {"stories/x.md": story("", body)}) == [
        "stories/x.md:9: the img comes from another site, which would see every reader: save it in the "
        "content folder's images/ and write images/name.jpg"
    ]


def test_links_to_static_files_are_checked_and_made_relative(tmp_path):
    body = "![A photo](images/photo.png) and [the brief](/files/brief.pdf)"
    site = load_site(write_site(tmp_path, {"stories/x.md": story("", body)}), HubSettings(drafts=True))
    html = next(d for d in site.documents if d.slug == "x").body_html
    assert 'src="../../images/photo.png"' in html and 'href="../../files/brief.pdf"' in html
    assert errors(tmp_path, {"stories/x.md": story("", "Intro\n\n![Gone](images/gone.png)")}) == [
        "stories/x.md:9: the link to images/gone.png points to a file that does not exist: add it to the "
        "content folder's images/ or correct the path"
    ]


def test_aligned_table_columns_need_no_inline_style(tmp_path):
    body = "| Place | Year |\n| :--- | ---: |\n| Durham | 2021 |"
    site = load_site(write_site(tmp_path, {"stories/x.md": story("", body)}), HubSettings(drafts=True))
    html = next(d for d in site.documents if d.slug == "x").body_html
    assert '<th align="left">Place</th>' in html and "style=" not in html


def test_aliases_must_be_site_addresses_and_unique(tmp_path):
    one = story("aliases: [/2021/05/old-story/, https://example.org/x]")
    two = story("aliases:\n  - /2021/05/old-story/\n  - /issues/\n  - /stories/hillsborough-first/")
    assert errors(tmp_path, {"stories/one.md": one, "stories/two.md": two}) == [
        "stories/one.md:6: 'aliases' has 'https://example.org/x', which is not an address on this site: "
        "write the old path from the site's root, like /2021/05/old-page/",
        f"stories/two.md:7: the old address /2021/05/old-story/ is already used by {tmp_path}/stories/"
        "one.md: remove it from 'aliases'",
        "stories/two.md:8: the old address /issues/ is already used by the site itself (the issue pages): "
        "remove it from 'aliases'",
        "stories/two.md:9: the old address /stories/hillsborough-first/ is already used by "
        f"{tmp_path}/stories/hillsborough-first.md: remove it from 'aliases'",
    ]


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("? [a, b]\n: x", "a list"),
        ("{a: b}: c", "a set of fields"),
        ("1: x", "'1'"),
        ("2025-01-01: x", "'2025-01-01'"),
        ('"two words": x', "'two words'"),
    ],
)
def test_a_key_that_is_not_a_field_name_is_reported_at_its_line(tmp_path, key, shown):
    assert errors(tmp_path, {"stories/x.md": story(key)}) == [
        f"stories/x.md:6: {shown} is not a field name: "
        "field names are words like 'title', written before the ':'"
    ]


def test_null_and_true_as_keys_are_unknown_fields(tmp_path):
    found = errors(tmp_path, {"stories/x.md": story("null: x\ntrue: y")})
    assert [e.split(" (did")[0].split(": the fields")[0] for e in found] == [
        "stories/x.md:6: unknown field 'null'",
        "stories/x.md:7: unknown field 'true'",
    ]


def test_keys_inside_adoptions_must_be_field_names_and_given_once(tmp_path):
    text = ORDINANCE.replace(
        "status: introduced", "status: introduced\n    ? [a]\n    : x\n    status: failed"
    )
    assert errors(tmp_path, {"ordinances/fair-rent.md": text}) == [
        "ordinances/fair-rent.md:14: a list is not a field name in 'adoptions[2]': field names are words "
        "like 'title', written before the ':'",
        "ordinances/fair-rent.md:16: field 'adoptions[2].status' is given twice (first on line 13): keep one",
    ]


def test_a_key_in_a_jurisdiction_file_must_be_a_field_name(tmp_path):
    write_site(tmp_path)
    (tmp_path / "jurisdictions" / "va.yaml").write_text("- slug: x-va\n  name: X\n  kind: town\n  1: y\n")
    with pytest.raises(InvalidContentError) as caught:
        load_site(tmp_path, HubSettings(drafts=True))
    assert [f"{Path(e.path).name}:{e.line}: {e.message}" for e in caught.value.errors] == [
        "va.yaml:4: '1' is not a field name: field names are words like 'title', written before the ':'"
    ]


@pytest.mark.parametrize(
    ("fields", "line", "message"),
    [
        (
            "issues: [housing, housing]",
            5,
            "'housing' is listed twice in 'issues' (first on line 5): remove one",
        ),
        (
            "jurisdictions:\n  - nc\n  - durham-nc\n  - nc",
            9,
            "'nc' is listed twice in 'jurisdictions' (first on line 7)",
        ),
        ("authors: [Jane Doe, jane  doe]", 6, "'jane doe' is listed twice in 'authors' (first on line 6)"),
        ("aliases: [/old/, /old/]", 6, "'/old/' is listed twice in 'aliases' (first on line 6)"),
        (
            "people:\n  - name: Ann\n    role: Mayor\n  - name: Ann\n    role: Clerk",
            9,
            "'Ann' is listed twice in 'people' (first on line 7)",
        ),
    ],
)
def test_a_list_entry_given_twice_is_reported_at_the_second(tmp_path, fields, line, message):
    text = story(fields).replace("issues: [housing]\n", "") if fields.startswith("issues") else story(fields)
    found = errors(tmp_path, {"stories/x.md": text})
    assert len(found) == 1 and found[0].startswith(f"stories/x.md:{line}: {message}")


def test_two_adoptions_for_one_jurisdiction_are_reported(tmp_path):
    text = ORDINANCE.replace("jurisdiction: nc", "jurisdiction: durham-nc")
    assert errors(tmp_path, {"ordinances/fair-rent.md": text}) == [
        "ordinances/fair-rent.md:12: 'durham-nc' is listed twice in 'adoptions' (first on line 8): keep one "
        "entry for each jurisdiction, with its latest status"
    ]


def test_messages_quote_a_short_escaped_excerpt_of_long_or_hostile_values(tmp_path):
    long_date = "date: " + "9" * 5000
    escaped = 'status: "\\e[31mdraft' + "x" * 3000 + '"'
    found = errors(
        tmp_path, {"stories/x.md": front(f"title: T\n{long_date}\nsummary: S.\nissues: [housing]\n{escaped}")}
    )
    assert found == [
        "stories/x.md:3: 'date' is '" + "9" * 28 + "..." + "9" * 28 + "', not a valid date: write it as "
        "YYYY-MM-DD, like 2025-10-01",
        "stories/x.md:6: 'status' contains U+001B (a control character): delete it (most editors do not show "
        "it: retype the text around it)",
    ]
    assert all(len(e) < 200 for e in found)


def test_excerpt_escapes_terminal_controls_and_elides_the_middle():
    assert excerpt("red \x1b[31m\u202e") == "red \\x1b[31m\\u202e"
    assert excerpt("a" * 40 + "b" * 40) == "a" * 28 + "..." + "b" * 28
    assert excerpt("\x07" * 100) == "\\x07" * 7 + "..." + "\\x07" * 7


def test_an_unknown_slug_of_any_length_is_quoted_short(tmp_path):
    slug = "a" * 5000
    found = errors(tmp_path, {"stories/x.md": story(f"jurisdictions: [{slug}]")})
    assert found == [
        f"stories/x.md:6: unknown jurisdiction '{'a' * 28}...{'a' * 28}' in 'jurisdictions': add it with "
        "make new TYPE=jurisdiction STATE=<state> NAME=<name> KIND=<kind>, or use a state code like nc"
    ]

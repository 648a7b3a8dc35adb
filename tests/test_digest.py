"""The newsletter digest (hub_digest): what a window holds, the email `make digest` writes (absolute links,
no script, no tracking, a plain-text part with every link), its refusals, the records in content/digests/
checked like any content, and the archive pages of a real build."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hub_content import HubSettings, load
from hub_digest.select import Upcoming, select
from hub_model import Site
from tests.sitekit import ROOT, build, front, hub, write_site

BASE = "https://hub.example.org/policy/"
OCTOBER = (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
MORE = {
    # published before October, revised in it: counted on its `updated` day
    "briefs/revised.md": front(
        "title: Revised Brief\ndate: 2025-06-01\nupdated: 2025-10-15\nsummary: Revised.\n"
        "issues: [tech-accountability, housing]"
    ),
    # on the window's last day, with a picture the email shows
    "news/gathering.md": front(
        "title: Network Gathering\ndate: 2025-10-31\nsummary: We met.\nissues: [housing]\n"
        "image: images/photo.png\nimage_alt: Members at the gathering\nimage_credit: 'Photo: Network staff'"
    ),
    "news/too-late.md": front("title: November Note\ndate: 2025-11-01\nsummary: Later.\nissues: [housing]"),
    "pages/contact.md": front("title: Contact\nupdated: 2025-10-02\nsummary: Reach us."),
}


def site_of(content: Path) -> Site:
    return load(content, HubSettings(drafts=True, scheduled=True)).site


def settings(folder: Path, site_url: str = BASE.rstrip("/"), base: str = "pelicanconf") -> Path:
    path = folder / "digest-settings.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\nSITEURL = {site_url!r}\n"
    )
    return path


def digest(folder: Path, content: Path, *args: str, site_url: str = BASE.rstrip("/")):
    out = folder / "mail"
    given = settings(folder, site_url)
    return hub("digest", "-s", str(given), "-i", str(content), "-o", str(out), *args), out


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_site(tmp_path / "content", MORE)


# What a window holds ------------------------------------------------------------------------------------


def test_a_window_holds_documents_dated_or_updated_in_it_both_ends_included(content):
    chosen = select(site_of(content), *OCTOBER)
    titles = {d.title for d in chosen.documents}
    assert titles == {"Fair Rent Ordinance", "Revised Brief", "Network Gathering"}  # 10-01, 10-15, 10-31
    revised = next(i for g in chosen.groups for i in g.items if i.document.title == "Revised Brief")
    assert (revised.day, revised.updated) == (dt.date(2025, 10, 15), True)


def test_each_document_appears_once_under_its_first_issue_newest_first(content):
    groups = select(site_of(content), *OCTOBER).groups
    assert [(g.issue.slug, [i.document.slug for i in g.items]) for g in groups] == [
        ("housing", ["gathering", "fair-rent"]),
        ("tech-accountability", ["revised"]),
    ]


def test_an_issue_keeps_every_document_on_it_in_one_group_newest_first(content):
    chosen = select(site_of(content), *OCTOBER, issue="housing")
    assert chosen.issue is not None and chosen.issue.slug == "housing"
    assert [(g.issue.slug, [i.document.slug for i in g.items]) for g in chosen.groups] == [
        ("housing", ["gathering", "revised", "fair-rent"])
    ]


def test_events_after_the_window_are_coming_up_soonest_first_and_none_leaves_the_section_out(tmp_path):
    def event(title: str, issues: str, when: str) -> str:
        return front(f"title: {title}\ndate: 2025-09-01\nsummary: S.\nissues: [{issues}]\n{when}")

    assert select(site_of(write_site(tmp_path / "none", MORE)), *OCTOBER).upcoming == ()
    events = {
        "events/webinar.md": event(
            "Webinar", "housing", "start: 2025-11-20T19:00\ntimezone: America/Chicago"
        ),
        "events/retreat.md": event("Retreat", "tech-accountability", "start: 2025-11-05"),
        "events/past.md": event("Past", "housing", "start: 2025-10-30"),
    }
    site = site_of(write_site(tmp_path / "events", {**MORE, **events}))
    assert select(site, *OCTOBER).upcoming == (
        Upcoming("Retreat", "events/retreat/", dt.date(2025, 11, 5)),
        Upcoming("Webinar", "events/webinar/", dt.date(2025, 11, 20)),
    )
    assert [u.title for u in select(site, *OCTOBER, issue="housing").upcoming] == ["Webinar"]


# The email ----------------------------------------------------------------------------------------------


def addresses(html: str) -> list[str]:
    tree = HTMLParser(html)
    found = [a.attributes.get("href") or "" for a in tree.css("[href]")]
    return found + [n.attributes.get("src") or "" for n in tree.css("[src]")]


def test_the_email_links_only_absolute_addresses_of_the_site_and_runs_nothing(tmp_path, content):
    result, out = digest(tmp_path, content, "--since", "2025-10-01", "--until", "2025-10-31")
    assert result.returncode == 0, result.stderr
    html = (out / "2025-10-01-to-2025-10-31.html").read_text(encoding="utf-8")
    links = addresses(html)
    assert links and all(link.startswith(BASE) for link in links), links
    assert f"{BASE}ordinances/fair-rent/" in links
    assert f"{BASE}images/photo.png" in links
    tree = HTMLParser(html)
    assert tree.css("script, style, link, iframe, form, object, embed") == []
    assert all(not name.startswith("on") for n in tree.css("*") for name in n.attributes)
    assert all(n.attributes.get("class") is None for n in tree.css("*"))  # styles are inline only
    assert all((img.attributes.get("alt") or "").strip() for img in tree.css("img"))
    assert "utm_" not in html and "?" not in "".join(links)
    assert re.search(r'<table role="presentation" width="100%"[^>]*max-width:600px', html)
    assert "Members at the gathering" in html and "November Note" not in html


def test_the_plain_text_part_has_every_link_of_the_html_part(tmp_path, content):
    result, out = digest(tmp_path, content, "--since", "2025-10-01", "--until", "2025-10-31")
    assert result.returncode == 0, result.stderr
    html = (out / "2025-10-01-to-2025-10-31.html").read_text(encoding="utf-8")
    text = (out / "2025-10-01-to-2025-10-31.txt").read_text(encoding="utf-8")
    links = {link for link in addresses(html) if not link.startswith(BASE + "images/")}
    assert {link for link in links if link not in text} == set()
    assert "<" not in text and "Revised Brief" in text and "Updated October 15, 2025" in text


def test_the_command_writes_the_record_the_build_publishes(tmp_path, content):
    result, _ = digest(
        tmp_path, content, "--since", "2025-10-01", "--until", "2025-10-31", "--issue", "housing"
    )
    assert result.returncode == 0, result.stderr
    record = content / "digests" / "2025-10-01-to-2025-10-31-housing.yaml"
    assert record.read_text(encoding="utf-8").splitlines()[1:] == [
        "since: 2025-10-01",
        "until: 2025-10-31",
        "issue: housing",
    ]
    assert hub("check", "-i", str(content)).returncode == 0


def test_a_spanish_digest_uses_the_spanish_interface_and_dates(tmp_path, content):
    result, out = digest(tmp_path, content, "--since", "2025-10-01", "--until", "2025-10-31", "--lang", "es")
    assert result.returncode == 0, result.stderr
    html = (out / "2025-10-01-to-2025-10-31.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "octubre de 2025" in html


@pytest.mark.parametrize("site_url", ["", "/policy", "hub.example.org", "javascript:alert(1)"])
def test_without_an_absolute_site_address_nothing_is_written(tmp_path, content, site_url):
    result, out = digest(tmp_path, content, "--since", "2025-10-01", site_url=site_url)
    assert result.returncode == 1
    assert "every link in an email must be absolute" in result.stderr and "HUB_SITEURL" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and not (content / "digests").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give SINCE=YYYY-MM-DD"),
        (("--since", "2025-13-01"), "SINCE is '2025-13-01', not a date"),
        (("--since", "2025-10-31", "--until", "2025-10-01"), "UNTIL (2025-10-01) is before SINCE"),
        (("--since", "2025-10-01", "--issue", "housng"), "ISSUE 'housng' is not an issue of the site (did"),
        (("--since", "2025-10-01", "--lang", "fr"), "LANG 'fr' is not one of the site's languages"),
        (("--since", "2024-01-01", "--until", "2024-01-31"), "nothing was published or updated from 2024"),
    ],
)  # fmt: skip
def test_a_wrong_request_is_refused_with_what_to_write(tmp_path, content, args, message):
    result, out = digest(tmp_path, content, *args)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and not (content / "digests").exists()


# Records in content/digests/, hostile or mistaken --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.yaml", "since: 2025-10-01\nuntil: 2025-10-31\nfrom: me\n", ":3: unknown field 'from'"),
        ("a.yaml", "since: 2025-10-01\nuntil: 2025-09-30\n", ":2: 'until' (2025-09-30) is before 'since'"),
        (
            "a.yaml",
            "since: 2020-01-01\nuntil: 2025-10-31\n",
            ":2: the digest covers 2131 days, more than a year",
        ),
        ("a.yaml", "since: soon\nuntil: 2025-10-31\n", ":1: 'since' is 'soon', not a valid date"),
        ("a.yaml", "until: 2025-10-31\n", ":1: required field 'since' is missing"),
        ("a.yaml", "since: 2025-10-01\nuntil: 2025-10-31\nissue: housng\n", ":3: unknown issue 'housng'"),
        ("a.yaml", "- since: 2025-10-01\n", ":1: the record must be fields"),
        ("a.yaml", "since: &d 2025-10-01\nuntil: *d\n", "anchors and aliases"),
        ("a.yaml", "since: !!python/object:os.system 2025-10-01\n", "tags like"),
        ("a.yaml", "# " + "x" * 5000 + "\n", ":1: the file is 5,003 bytes, more than a record needs"),
        ("Bad Name.yaml", "since: 2025-10-01\nuntil: 2025-10-31\n", "is not a valid slug"),
        ("a.md", "since: 2025-10-01\n", "only .yaml files belong in digests/"),
        ("", "", ""),
    ],
)
def test_a_wrong_record_is_an_error_at_its_line_in_check_and_build(tmp_path, content, name, text, expected):
    if not name:  # a folder where a record belongs
        (content / "digests" / "sub").mkdir(parents=True)
        (content / "digests" / "sub" / "a.yaml").write_text("since: 2025-10-01\n")
        expected = "not in a subfolder"
    else:
        (content / "digests").mkdir(exist_ok=True)
        (content / "digests" / name).write_text(text, encoding="utf-8")
    checked = hub("check", "-i", str(content))
    assert checked.returncode == 1 and expected in checked.stderr, checked.stderr
    built = build(content, tmp_path / "out")
    assert built.returncode == 1 and expected in built.stderr
    assert "Traceback" not in checked.stderr + built.stderr


# The archive on the site ---------------------------------------------------------------------------------


@pytest.fixture
def built(tmp_path: Path, content: Path) -> Path:
    (content / "digests").mkdir()
    (content / "digests" / "october.yaml").write_text("since: 2025-10-01\nuntil: 2025-10-31\n")
    (content / "digests" / "september-housing.yaml").write_text(
        "since: 2025-09-01\nuntil: 2025-09-30\nissue: housing\n"
    )
    result = build(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    return tmp_path / "out"


def test_the_archive_lists_every_digest_newest_first(built):
    tree = HTMLParser((built / "digests" / "index.html").read_text(encoding="utf-8"))
    assert [a.attributes["href"] for a in tree.css("main .card-title a")] == [
        "/digests/october/",
        "/digests/september-housing/",
    ]
    assert "Housing: what's new from September 1, 2025 to September 30, 2025" in tree.css_first("main").text()


def test_a_digest_page_shows_the_emails_documents_by_issue_without_inline_style(built):
    html = (built / "digests" / "october" / "index.html").read_text(encoding="utf-8")
    tree = HTMLParser(html)
    assert [h.text(strip=True) for h in tree.css("main section h2")] == [
        "Housing",
        "Technology and surveillance",
    ]
    assert [a.attributes["href"] for a in tree.css("main .card-title a")] == [
        "/news/gathering/",
        "/ordinances/fair-rent/",
        "/briefs/revised/",
    ]
    assert tree.css("[style], style") == []


def test_a_site_without_digests_still_has_the_archive_its_footer_links(tmp_path):
    content = write_site(tmp_path / "content")
    assert build(content, tmp_path / "out").returncode == 0
    html = (tmp_path / "out" / "digests" / "index.html").read_text(encoding="utf-8")
    assert "No digest has been sent yet." in html
    assert not (tmp_path / "out" / "digests" / "october").exists()


# The email in Chromium ----------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [600, 375])
def test_the_email_passes_axe_and_fits_a_phone(tmp_path, content, chromium, width):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser import open_page, plain_server
    from tests.test_accessibility import AXE_TAGS

    result, out = digest(tmp_path, content, "--since", "2025-10-01", "--until", "2025-10-31")
    assert result.returncode == 0, result.stderr
    with plain_server(out) as base:
        page, visit = open_page(chromium, base, width=width)
        page.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort()
        )
        page.goto(base + "/2025-10-01-to-2025-10-31.html")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        page.close()
    assert results.violations_count == 0, results.generate_report()
    assert overflow <= 0
    assert visit.foreign_requests == [BASE + "images/photo.png"]  # its one picture, from the site itself


def test_a_cached_rebuild_shows_an_edited_document_and_record_as_a_clean_build_does(tmp_path, content):
    (content / "digests").mkdir()
    record = content / "digests" / "october.yaml"
    record.write_text("since: 2025-10-01\nuntil: 2025-10-31\n")
    assert build(content, tmp_path / "out").returncode == 0
    ordinance = content / "ordinances" / "fair-rent.md"
    ordinance.write_text(ordinance.read_text().replace("Fair Rent Ordinance", "Fair Rent Act"))
    record.write_text("since: 2025-10-01\nuntil: 2025-10-30\n")  # the gathering of the 31st leaves it
    assert build(content, tmp_path / "out").returncode == 0  # reuses the last build's pages where it can
    assert build(content, tmp_path / "clean").returncode == 0
    for name in ("digests/index.html", "digests/october/index.html"):
        cached, clean = ((tmp_path / out / name).read_text() for out in ("out", "clean"))
        assert cached == clean, name
    page = (tmp_path / "out" / "digests" / "october" / "index.html").read_text()
    assert "Fair Rent Act" in page and "Network Gathering" not in page


def test_markup_in_titles_and_summaries_is_text_in_the_email(tmp_path, content):
    (content / "news" / "hostile.md").write_text(
        front(
            "title: '<script>alert(1)</script> & <img src=x onerror=alert(2)>'\ndate: 2025-10-05\n"
            'summary: \'"><a href="https://elsewhere.invalid/">click</a>\'\nissues: [housing]\n'
            "image: images/photo.png\nimage_alt: '\" onload=\"alert(3)'\nimage_credit: 'Photo: Staff'"
        ),
        encoding="utf-8",
    )
    result, out = digest(tmp_path, content, "--since", "2025-10-01", "--until", "2025-10-31")
    assert result.returncode == 0, result.stderr
    html = (out / "2025-10-01-to-2025-10-31.html").read_text(encoding="utf-8")
    tree = HTMLParser(html)
    assert tree.css("script") == [] and all(link.startswith(BASE) for link in addresses(html))
    assert all(not name.startswith("on") for n in tree.css("*") for name in n.attributes)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in html
    text = (out / "2025-10-01-to-2025-10-31.txt").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in text  # plain text is shown as text by every mail client

"""Cross-linked pages on fixture sites: issues, jurisdictions, states, adoptions, related documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sitekit import build, front, settings_file, write_site

WIDE = front(
    "title: Wide Brief\ndate: 2025-06-01\nsummary: Touches many places.\n"
    "issues: [housing, tech-accountability, climate]\njurisdictions: [durham-nc, hillsborough-nc, ca]"
)
CLIMATE = "---\ntitle: Climate\nsummary: Heat and floods.\n---\nNothing here yet.\n"


def read(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def links(html: str) -> list[str]:
    return re.findall(r'href="/([^"]*)"', html)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    content = write_site(
        root / "content",
        {
            "briefs/wide.md": WIDE,
            "issues/climate.md": CLIMATE,
            "issues/transit.md": "---\ntitle: Transit\n---\n",
        },
    )
    result = build(content, root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_a_document_with_many_issues_and_places_is_on_each_of_their_pages(site):
    for url in [
        "issues/housing",
        "issues/tech-accountability",
        "issues/climate",
        "jurisdictions/durham-nc",
        "jurisdictions/hillsborough-nc",
        "jurisdictions/nc",
        "jurisdictions/ca",
    ]:
        assert "briefs/wide/" in links(read(site, url)), url


def test_a_jurisdiction_named_only_by_an_adoption_has_a_page_with_the_adoption(site):
    html = read(site, "jurisdictions/durham-nc")
    assert "Model policies taken up here" in html and "ordinances/fair-rent/" in links(html)
    assert "Ord. 2025-9" in html and "Adopted" in html


def test_a_county_lists_its_cities_and_a_town_has_the_full_breadcrumb(site):
    assert "jurisdictions/hillsborough-nc/" in links(read(site, "jurisdictions/orange-county-nc"))
    crumbs = read(site, "jurisdictions/hillsborough-nc").split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == [
        "Home",
        "North Carolina",
        "Orange County",
        "Hillsborough",
    ]


def test_a_state_rolls_up_documents_and_adoptions_within_it(site):
    html = read(site, "jurisdictions/nc")
    assert {"ordinances/fair-rent/", "stories/hillsborough-first/", "news/convening/"} <= set(links(html))
    assert "Statewide" in html and "Durham" in html


def test_an_issue_without_documents_has_a_page_that_says_so(site):
    assert "Nothing has been published on this issue yet." in read(site, "issues/transit")


def test_the_issues_index_counts_each_type(site):
    html = read(site, "issues")
    assert "Model ordinances: 1 · Policy briefs: 1 · Stories: 1 · News: 1" in html


def test_issue_pages_put_ordinances_first_with_adoptions_then_places_and_related_issues(site):
    html = read(site, "issues/housing")
    headings = re.findall(r'<h2 id="group-(\w+)"', html)
    assert headings == ["ordinance", "brief", "story", "news"]
    assert "Adopted in 1 local jurisdiction in 1 state: North Carolina." in html
    assert "Where this issue is active" in html and "jurisdictions/durham-nc/" in links(html)
    related = html.split("Related issues")[1]
    assert links(related)[:2] == ["issues/tech-accountability/", "issues/climate/"]


def test_document_breadcrumb_leads_through_its_first_issue(site):
    crumbs = read(site, "briefs/wide").split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</(?:a|span)>", crumbs) == ["Home", "Housing", "Wide Brief"]


def test_related_documents_share_the_most_issues_and_places_first(site):
    related = read(site, "briefs/wide").split('id="related-heading"')[1].split("</section>")[0]
    # fair-rent shares housing, hillsborough-nc and durham-nc (an adoption): 3. The story (housing and
    # Jenn Weaver's hillsborough-nc) and the news (housing, tech-accountability) share 2: newest first.
    assert links(related) == [
        "ordinances/fair-rent/",
        "stories/hillsborough-first/",
        "news/convening/",
        "briefs/privacy-trap/",
    ]


def test_ordinances_can_be_browsed_by_issue_and_by_adoption_count(site):
    html = read(site, "ordinances")
    assert "issues/housing/ordinances/" in links(html) and "ordinances/by-adoptions/" in links(html)
    assert "ordinances/fair-rent/" in links(read(site, "issues/housing/ordinances"))
    assert "ordinances/fair-rent/" in links(read(site, "ordinances/by-adoptions"))


def test_a_states_adoption_table_is_grouped_by_state(site):
    # A model's own table lists its adoptions newest first instead (tests/test_adoption_table.py).
    table = read(site, "jurisdictions/nc").split('<table class="adoptions">')[1].split("</table>")[0]
    assert table.count("<tbody>") == 1 and '<th scope="rowgroup" colspan="5">' in table


@pytest.mark.parametrize(("count", "pages"), [(0, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
def test_pagination_boundaries(tmp_path, count, pages):
    docs = {
        f"stories/s-{n}.md": front(f"title: S{n}\ndate: 2024-01-{n + 1:02d}\nsummary: S\nissues: [climate]")
        for n in range(count)
    }
    docs["stories/hillsborough-first.md"] = None
    write_site(tmp_path / "content", {**docs, "issues/climate.md": CLIMATE})
    result = build(tmp_path / "content", tmp_path / "out", settings_file(tmp_path, per_page=2, preview=2))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    written = sorted(
        p.parent.relative_to(out).as_posix()
        for p in (out / "stories").rglob("index.html")
        if "page" in p.parts or p.parent == out / "stories"
    )
    assert written == ["stories"] + [f"stories/page/{n}" for n in range(2, pages + 1)]
    issue = read(out, "issues/climate")
    assert (f"All {count} stories on Climate" in issue) == (count > 2)
    listed = set()
    for n in range(1, pages + 1):
        listed |= (
            {
                u
                for u in links(read(out, "issues/climate/stories" + (f"/page/{n}" if n > 1 else "")))
                if u.startswith("stories/s-")
            }
            if count
            else set()
        )
    assert listed == {f"stories/s-{n}/" for n in range(count)}


def test_a_site_served_from_a_sub_folder_links_correctly(tmp_path):
    settings = tmp_path / "sub.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})\n"
        "from publishconf import *\nSITEURL = 'https://hub.example.org/sub'\n"
    )
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "out", "ordinances/fair-rent")
    assert 'href="https://hub.example.org/sub/issues/housing/"' in html
    assert 'href="https://hub.example.org/sub/theme/css/hub.css"' in html


def test_aliases_redirect_old_addresses(tmp_path):
    story = front(
        "title: Moved\ndate: 2025-02-03\nsummary: S\nissues: [housing]\naliases: [/2021/05/moved/, /old.html]"
    )
    out = tmp_path / "out"
    assert build(write_site(tmp_path / "content", {"stories/moved.md": story}), out).returncode == 0
    for file in ("2021/05/moved/index.html", "old.html"):
        html = (out / file).read_text()
        assert '<meta http-equiv="refresh" content="0; url=/stories/moved/">' in html
        assert '<link rel="canonical" href="/stories/moved/">' in html
    assert "2021/05/moved" not in (out / "sitemap.xml").read_text()


def test_future_documents_wait_for_their_date(tmp_path, monkeypatch):
    monkeypatch.setenv("HUB_TODAY", "2025-06-30")
    future = front("title: Next Week\ndate: 2025-07-04\nsummary: Soon.\nissues: [housing]")
    content = write_site(tmp_path / "content", {"news/next-week.md": future})
    published = tmp_path / "published"
    assert build(content, published, settings_file(tmp_path, "publishconf")).returncode == 0
    assert not (published / "news/next-week").exists()
    assert "next-week" not in read(published, "issues/housing")
    preview = tmp_path / "preview"
    assert build(content, preview).returncode == 0
    assert "Scheduled: published from its date on" in read(preview, "news/next-week")
    monkeypatch.setenv("HUB_TODAY", "2025-07-04")
    assert build(content, tmp_path / "on-the-day", settings_file(tmp_path, "publishconf")).returncode == 0
    assert (tmp_path / "on-the-day/news/next-week/index.html").is_file()


# Writing in two processes ------------------------------------------------------------------------------


class _FailingTemplate:
    """Renders every page but one, which fails as a broken template would."""

    def __init__(self, failing: str) -> None:
        self.failing = failing

    def render(self, local: dict[str, object]) -> str:
        view = local["view"]
        if getattr(view, "path", None) == self.failing:
            raise ValueError("a template error")
        return "<p>A page.</p>"


def test_a_page_failing_in_this_process_ends_the_forked_writer_instead_of_waiting_for_it(tmp_path):
    """The forked writer replies with each page's fate once its half is written, a reply larger than a
    pipe holds: when this process fails first, it must end the writer, not wait for it (which waits
    for this process to read the reply)."""
    import threading

    from hub_core.context import OUTPUTS_KEY
    from hub_core.outputs import OutputRegistry
    from hub_core.views import Kind, PageView
    from hub_core.workers import cores
    from hub_pages.parallel import Pages, write_all

    if cores() < 2:
        pytest.skip("one core: every page is written in this process")
    outputs = OutputRegistry(tmp_path)
    views = [PageView(Kind.REDIRECT, f"old/{'a-long-address-' * 6}{n}/index.html", "r") for n in range(2000)]
    for view in views:
        outputs.claim(view.path, "hub_pages", anywhere=True)
    failing = views[-2].path  # the last of this process's half (views[0::2])
    pages = Pages("hub_pages", lambda _: _FailingTemplate(failing), {OUTPUTS_KEY: outputs}, tmp_path)
    raised: list[BaseException] = []

    def run() -> None:
        try:
            write_all(views, pages)
        except BaseException as exc:
            raised.append(exc)

    writer = threading.Thread(target=run, daemon=True)
    writer.start()
    writer.join(timeout=120)
    assert not writer.is_alive(), "this process and the forked writer wait for each other"
    assert [str(exc) for exc in raised] == ["a template error"]
    assert not (tmp_path / failing).exists()

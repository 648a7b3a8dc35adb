"""Every output path is claimed once: old addresses and slugs checked against what the site writes
(hub_core/outputs.py, loader.py), and the build's OutputRegistry catching what only the build knows."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from hub_build.guard import MARKER
from hub_content import HubSettings, InvalidContentError, load, load_site
from hub_content.errors import excerpt
from hub_core.context import OUTPUTS_KEY
from hub_core.outputs import (
    GENERATED,
    SITE_MARKER,
    STATIC,
    Claim,
    DuplicateOutputError,
    OutputRegistry,
    UnclaimedOutputError,
    generated_at,
    start_build,
)
from tests.sitekit import ORDINANCE, ROOT, build, front, hub, settings_file, tree, write_site


def errors(root: Path, documents: dict[str, str | None]) -> list[str]:
    write_site(root, documents)
    with pytest.raises(InvalidContentError) as caught:
        load(root, HubSettings(drafts=True), languages=("en", "es"))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def story(aliases: str) -> str:
    return front(f"title: Moved\ndate: 2025-01-02\nsummary: S.\nissues: [housing]\naliases: {aliases}")


def one_alias(root: Path, alias: str) -> str:
    found = errors(root, {"stories/moved.md": story(f"['{alias}']")})
    assert len(found) == 1, found
    return found[0].removeprefix("stories/moved.md:6: ")


SITE = "is already used by the site itself"


@pytest.mark.parametrize(
    ("alias", "what"),
    [
        ("/feeds/all.atom.xml", "the feeds"),
        ("/Feeds/All.Atom.xml", "the feeds"),  # one file on a case-insensitive disk
        ("/feeds.xml/", None),  # allowed: nothing is written at feeds.xml
        ("/api/documents.json", "the open data"),
        ("/pagefind/pagefind.js", "the search index"),
        ("/search/", "the search page"),
        ("/search/places/nc.json", "the search page"),
        ("/es/search/", "the search page in another of the site's languages"),
        ("/es/searching/", None),  # allowed: only search/ is written in a language's folder
        ("/theme/css/hub.css", "the theme's files"),
        ("/images/photo.png", "the images"),
        ("/images/_w/photo-400.png", "the resized images"),
        ("/files/brief.pdf", "the downloadable files"),
        ("/sitemap.xml", "the sitemap"),
        ("/sitemap.xml/old/", "the sitemap"),  # a folder where the site writes a file
        ("/sitemaps/1.xml", "the sitemap"),
        ("/robots.txt", "robots.txt"),
        ("/404.html", "the page for missing addresses"),
        ("/index.html", "the home page"),
        ("/_nginx-headers.conf", "the security headers"),
        ("/issues/housing/map.svg", "the issue pages"),
        ("/issues/renamed-issue/", "the issue pages"),
        ("/jurisdictions/map.svg", "the jurisdiction pages"),
        ("/jurisdictions/nc/", "the jurisdiction pages"),
        ("/stories/", "a listing"),
        ("/news/index.html", "a listing"),
        ("/stories/page/2/", "the listing's further pages"),
        ("/ordinances/by-adoptions/page/3/", "the listing by adoption count"),
        ("/briefs/by-adoptions/", "the listing by adoption count"),
    ],
)
def test_an_alias_onto_a_path_the_site_writes_is_refused(tmp_path, alias, what):
    if what is None:
        load_site(write_site(tmp_path, {"stories/moved.md": story(f"['{alias}']")}), HubSettings())
        return
    assert one_alias(tmp_path, alias) == f"the old address {alias} {SITE} ({what}): remove it from 'aliases'"


@pytest.mark.parametrize(
    "alias",
    [
        "/ordinances/fair-rent/",
        "/ordinances/fair-rent/fair-rent.docx",
        "/ordinances/fair-rent/cite.json",
        "/ordinances/fair-rent/history/",
        "/ordinances/fair-rent/map.svg",
        "/About/",
        "/about/index.html",
    ],
)
def test_an_alias_into_another_documents_folder_names_that_file(tmp_path, alias):
    owner = "ordinances/fair-rent.md" if "fair-rent" in alias else "pages/about.md"
    assert one_alias(tmp_path, alias) == (
        f"the old address {alias} is already used by {tmp_path}/{owner}: remove it from 'aliases'"
    )


def test_every_generated_pattern_is_kept_off_by_the_check():
    """No declared output escapes the check: each pattern, filled in, is refused as an old address."""
    for output in GENERATED:
        if output.pattern.startswith("{document}") or "{lang}/{document}" in output.pattern:
            continue  # checked against the documents themselves (above)
        path = output.pattern.replace("{type}", "stories").replace("{lang}", "es") + (
            "x.html" if output.pattern.endswith("/") else ""
        )
        assert generated_at(path, ["stories"], ["es"]) is not None, output


NOT_AN_ADDRESS = (
    "'aliases' has '{}', which is not an address on this site: write the old path from the site's root, "
    "like /2021/05/old-page/"
)


@pytest.mark.parametrize(
    ("alias", "message"),
    [
        ("/a/../b/", NOT_AN_ADDRESS),
        ("/..", NOT_AN_ADDRESS),
        ("//evil.example/x/", NOT_AN_ADDRESS),
        ("/a//b/", NOT_AN_ADDRESS),
        ("/a\\\\b/", NOT_AN_ADDRESS),
        ("/a?b=1", NOT_AN_ADDRESS),
        ("/a#top", NOT_AN_ADDRESS),
        ("/a\\tb/", NOT_AN_ADDRESS),
        (
            "/a\\x00b/",
            "'aliases' contains U+0000 (a control character): delete it (most editors do not show it: "
            "retype the text around it)",
        ),
        ("https://example.org/x/", NOT_AN_ADDRESS),
        ("javascript:alert(1)", NOT_AN_ADDRESS),
        ("old/", NOT_AN_ADDRESS),
        ("/café/", NOT_AN_ADDRESS),
        (
            "/.htaccess",
            "the old address /.htaccess has a part starting with '.', which names a hidden file or leaves "
            "its folder: remove it from 'aliases'",
        ),
        (
            "/a/./b/",
            "the old address /a/./b/ has a part starting with '.', which names a hidden file or leaves its "
            "folder: remove it from 'aliases'",
        ),
        (
            "/%2e%2e/x/",
            "the old address /%2e%2e/x/ is percent-encoded, so no file can answer it: write it as readers "
            "type it, or remove it from 'aliases'",
        ),
        (
            "/" + "a" * 101 + "/",
            f"the old address {excerpt('/' + 'a' * 101 + '/')} is too long: "
            "at most 200 characters, and 100 between two '/'; "
            "remove it from 'aliases'",
        ),
        (
            "/a" * 101 + "/",
            f"the old address {excerpt('/a' * 101 + '/')} is too long: "
            "at most 200 characters, and 100 between two '/'; "
            "remove it from 'aliases'",
        ),
        (
            "/_headers",
            "the old address /_headers has no final '/' and no file extension, so the redirect written "
            "there would not be served as a page: write /_headers/ or the file name, like /_headers.html",
        ),
        *(
            (
                f"/old/evil.{suffix}",
                f"the old address /old/evil.{suffix} ends in '.{suffix}', which is not a web page, so the "
                "redirect written there would not be served as one: remove it from 'aliases'",
            )
            for suffix in ("svg", "js", "xml", "json", "txt", "config", "ico", "pdf")
        ),
    ],
)
def test_an_alias_that_cannot_be_a_file_path_is_refused(tmp_path, alias, message):
    text = front(f'title: Moved\ndate: 2025-01-02\nsummary: S.\nissues: [housing]\naliases: ["{alias}"]')
    found = errors(tmp_path, {"stories/moved.md": text})
    shown = alias.encode().decode("unicode_escape") if "\\" in alias else alias
    assert found == [f"stories/moved.md:6: {message.format(excerpt(shown))}"]


def test_duplicate_aliases_name_both_files(tmp_path):
    first = story("[/2021/old/, /2021/twice/, /2021/twice/index.html, /stories/first/]")
    second = story("[/2021/OLD/, /2021/old/index.html, /page.html, /page.html/sub/]")
    found = errors(tmp_path, {"stories/first.md": first, "stories/second.md": second})
    assert found == [
        "stories/first.md:6: the old address /2021/twice/index.html is given twice (also as /2021/twice/): "
        "remove one",
        "stories/first.md:6: the old address /stories/first/ is this document's own address: remove it "
        "from 'aliases'",
        f"stories/second.md:6: the old address /2021/OLD/ is already used by {tmp_path}/stories/first.md: "
        "remove it from 'aliases'",
        f"stories/second.md:6: the old address /2021/old/index.html is already used by {tmp_path}/stories/"
        "first.md: remove it from 'aliases'",
        "stories/second.md:6: the old address /page.html/sub/ and the old address /page.html of "
        f"{tmp_path}/stories/second.md need one name to be both a file and a folder: remove one of them",
    ]


def test_a_document_slug_on_a_listing_path_is_refused(tmp_path):
    found = errors(tmp_path, {"ordinances/by-adoptions.md": ORDINANCE, "stories/page.md": story("[]")})
    assert found == [
        "ordinances/by-adoptions.md:1: the slug 'by-adoptions' is used by the site itself (the listing by "
        "adoption count): rename the file",
        "stories/page.md:1: the slug 'page' is used by the site itself (the listing's further pages): "
        "rename the file",
    ]


def test_an_overlong_file_name_or_jurisdiction_slug_is_refused(tmp_path):
    name = "a" * 101
    (tmp_path / "jurisdictions").mkdir()
    (tmp_path / "jurisdictions" / "va.yaml").write_text(f"- slug: {'b' * 101}-va\n  name: B\n  kind: city\n")
    found = errors(tmp_path, {f"stories/{name}.md": story("[]"), f"stories/{'a' * 100}.md": story("[]")})
    assert found == [
        f"jurisdictions/va.yaml:1: the slug '{excerpt('b' * 101 + '-va')}' is 104 characters long: "
        "shorten it to at most 60",
        f"stories/{name}.md:1: the file name is 101 characters long, and it becomes the page's address: "
        "shorten it to at most 100 characters",
    ]


def test_the_registry_refuses_a_second_claim_naming_both():
    outputs = OutputRegistry()
    outputs.claim("feeds/all.atom.xml", "hub_feeds")
    with pytest.raises(DuplicateOutputError) as same:
        outputs.claim("feeds/all.atom.xml", "hub_pages", "stories/x.md (its 'aliases')", anywhere=True)
    assert str(same.value) == (
        "two files would be written to feeds/all.atom.xml: by hub_feeds and by stories/x.md (its 'aliases')"
    )
    with pytest.raises(
        DuplicateOutputError, match=r"feeds/ALL\.atom\.xml and feeds/all\.atom\.xml \(the same"
    ):
        outputs.claim("feeds/ALL.atom.xml", "x", anywhere=True)
    with pytest.raises(DuplicateOutputError, match="one is a file where the other needs a folder"):
        outputs.claim("feeds/all.atom.xml/index.html", "x", anywhere=True)
    outputs.claim("pagefind/", "hub_search")  # a whole folder
    with pytest.raises(DuplicateOutputError, match=r"pagefind/x\.js \(from hub_pages\) and pagefind/ "):
        outputs.claim("pagefind/x.js", "hub_pages", anywhere=True)


def test_the_registry_refuses_a_path_its_writer_did_not_declare():
    outputs = OutputRegistry()
    outputs.claim("ordinances/x/history/index.html", "hub_history")
    with pytest.raises(DuplicateOutputError) as caught:
        outputs.claim("about/history/index.html", "hub_feeds")
    assert str(caught.value) == (
        "hub_feeds writes about/history/index.html, which is not declared for it in hub_core/outputs.py: "
        "declare it there, so that `make check` keeps old addresses off it"
    )


def test_check_and_build_refuse_an_alias_onto_a_feed_alike(tmp_path):
    content = write_site(tmp_path / "content", {"stories/moved.md": story("[/feeds/all.atom.xml]")})
    message = (
        "stories/moved.md:6: the old address /feeds/all.atom.xml is already used by the site itself (the "
        "feeds): remove it from 'aliases'"
    )
    checked = hub("check", "-i", str(content))
    built = build(content, tmp_path / "out")
    assert checked.returncode != 0 and built.returncode != 0
    assert message in checked.stderr and message in built.stderr
    assert not (tmp_path / "out").exists() and "Traceback" not in built.stderr


def test_a_theme_file_at_a_generated_path_fails_the_build_naming_both(tmp_path):
    """The check reads content, not the theme: only the build's registry sees this collision."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "static" / "css" / "brand.css").write_text("a { color: red }\n")
    settings = settings_file(tmp_path)
    settings.write_text(settings.read_text() + f"THEME = {str(theme)!r}\n")
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode != 0
    assert (
        # hub_pages claims its files while it plans the pages, before Pelican copies the theme's files
        "\nbuild stopped: two files would be written to theme/css/brand.css: by hub_pages and by the "
        "theme's static/\n" in result.stderr
    )
    assert not (tmp_path / "out").exists() and "Traceback" not in result.stderr


EXTRA_PLUGIN = '''
"""A plugin writing one more file, at the path in EXTRA_CLAIM (a test double of a careless plugin)."""
import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

import hub_pages.parallel
from hub_core.outputs import outputs_of


class Extra(Generator):
    def generate_output(self, writer):
        path = os.environ.get("EXTRA_CLAIM")
        if path:
            outputs_of(self.context).claim(path, "extra_plugin", anywhere=True)
            (Path(self.output_path) / path).write_text("extra")


def generators(pelican):
    return Extra


def register():
    hub_pages.parallel.PARALLEL_FROM = 2  # half the pages go to the forked process, even on a small site
    signals.get_generators.connect(generators)
'''


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("index.html", "hub_pages"),  # the first page: rendered in this process
        ("ordinances/fair-rent/index.html", "ordinances/fair-rent.md"),  # the second: in the forked one
    ],
)
def test_a_plugin_writing_a_page_path_fails_the_build_whether_rendered_or_copied(
    tmp_path, monkeypatch, page, source
):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "extra_plugin.py").write_text(textwrap.dedent(EXTRA_PLUGIN))
    settings = settings_file(tmp_path)
    settings.write_text(
        settings.read_text() + f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(tmp_path / 'plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'extra_plugin']\n"
    )
    content, out = write_site(tmp_path / "content"), tmp_path / "out"
    assert build(content, out, settings).returncode == 0
    monkeypatch.setenv("EXTRA_CLAIM", page)
    rebuilt = build(content, out, settings)  # every page copied from the first build
    assert rebuilt.returncode != 0
    assert "note: pages: 0 rendered, " in rebuilt.stderr
    assert f"two files would be written to {page}: by {source} and by extra_plugin" in rebuilt.stderr
    assert "extra" not in (out / page).read_text()  # the first build's site is still there
    shutil.rmtree(out)
    shutil.rmtree(tmp_path / "out-cache")
    clean = build(content, out, settings)  # every page rendered, half in the forked process
    assert clean.returncode != 0
    assert f"two files would be written to {page}: by {source} and by extra_plugin" in clean.stderr


READ_PHASE_PLUGIN = '''
"""A plugin claiming the path in EXTRA_CLAIM while the site is read (a test double of a careless plugin),
and making pages go half to a forked process, even on a small site."""
import os

from pelican import signals
from pelican.generators import Generator

import hub_pages.parallel
from hub_core.outputs import outputs_of


class Extra(Generator):
    def generate_context(self):
        if os.environ.get("EXTRA_CLAIM"):
            outputs_of(self.context).claim(os.environ["EXTRA_CLAIM"], "extra_plugin", anywhere=True)


def generators(pelican):
    return Extra


def register():
    hub_pages.parallel.PARALLEL_FROM = 2
    signals.get_generators.connect(generators)
'''


def with_plugin(folder: Path, source: str) -> Path:
    """A settings file listing one more plugin, last, with the hub's own."""
    (folder / "plugins").mkdir()
    (folder / "plugins" / "extra_plugin.py").write_text(textwrap.dedent(source))
    settings = settings_file(folder)
    settings.write_text(
        settings.read_text() + f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(folder / 'plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'extra_plugin']\n"
    )
    return settings


THE_SITE = "is already used by the site itself"
FAIR_RENT = "is already used by {content}/ordinances/fair-rent.md"


@pytest.mark.parametrize(
    ("path", "used", "writer"),
    [
        ("feeds/all.atom.xml", f"{THE_SITE} (the feeds)", "hub_feeds"),
        ("api/documents.json", f"{THE_SITE} (the open data)", "hub_data"),
        ("ordinances/fair-rent/map.svg", FAIR_RENT, "ordinances/fair-rent.md"),
        ("ordinances/fair-rent/fair-rent.docx", FAIR_RENT, "ordinances/fair-rent.md"),
    ],
)
def test_a_generated_path_taken_twice_fails_alike_however_its_pages_are_written(
    tmp_path, monkeypatch, path, used, writer
):
    """Every generated path is claimed while the site is read, so an old address onto it, or another
    plugin writing it, stops the build before any page is rendered, in this process, in the forked one
    or copied from the last build: one message naming the content file and both owners, no staging path."""
    settings, out = with_plugin(tmp_path, READ_PHASE_PLUGIN), tmp_path / "out"
    content = write_site(tmp_path / "content")
    assert build(content, out, settings).returncode == 0  # half the pages rendered in a forked process
    before = tree(out)
    moved = content / "stories" / "moved.md"
    moved.write_text(story(f"[/{path}]"))
    expected = (
        f"{moved}:6: the old address /{path} {used.format(content=content)}: remove it from 'aliases'\n"
        "1 error in 1 file\n"
    )
    rebuilt = build(content, out, settings)  # with the cache: every unchanged page would be copied
    assert (rebuilt.returncode, rebuilt.stderr) == (
        1,
        f"{expected}build failed: the site in {out} was left unchanged\n",
    )
    assert tree(out) == before  # the last build's site is untouched
    fresh = build(content, tmp_path / "fresh", settings)  # no cache: every page would be rendered
    assert (fresh.returncode, fresh.stderr) == (
        1,
        f"{expected}build failed: the site in {tmp_path / 'fresh'} was not created\n",
    )
    checked = hub("check", "-i", str(content))
    assert checked.returncode != 0 and checked.stderr.startswith(expected)
    moved.unlink()
    monkeypatch.setenv("EXTRA_CLAIM", path)  # now another plugin claims the path while the site is read
    claimed = build(content, tmp_path / "claimed", settings)
    assert claimed.returncode != 0 and "Traceback" not in claimed.stderr
    assert f"\nbuild stopped: two files would be written to {path}: by {writer} and by extra_plugin\n" in (
        "\n" + claimed.stderr
    )
    assert "note: pages:" not in claimed.stderr  # stopped before any page was written
    assert not (tmp_path / "claimed").exists() and str(tmp_path / ".claimed") not in claimed.stderr


def test_the_site_marker_is_the_builds_from_the_start_and_no_one_elses(tmp_path):
    """guard.py writes the marker before the registry exists; the registry is made holding its claim."""
    assert MARKER == SITE_MARKER
    settings = {"OUTPUT_PATH": str(tmp_path)}
    start_build(settings)
    outputs = settings[OUTPUTS_KEY]
    assert outputs.owner(".hub-site") == Claim(".hub-site", "hub_build")
    with pytest.raises(DuplicateOutputError) as caught:
        outputs.claim(".hub-site", "hub_pages", "stories/x.md (its 'aliases')", anywhere=True)
    assert str(caught.value) == (
        "two files would be written to .hub-site: by hub_build and by stories/x.md (its 'aliases')"
    )
    with pytest.raises(DuplicateOutputError, match=r"\.HUB-Site and \.hub-site \(the same file"):
        outputs.claim(".HUB-Site", "extra_plugin", anywhere=True)
    with pytest.raises(DuplicateOutputError, match="one is a file where the other needs a folder"):
        outputs.claim(".hub-site/index.html", "hub_pages", anywhere=True)
    with pytest.raises(DuplicateOutputError, match="not declared for it"):
        outputs.claim(".hub-site", STATIC, "hub-site")  # static files go only where they are declared
    assert generated_at(".hub-site", ["stories"]).what == "the marker of a site the hub built"


def test_a_plugin_claiming_the_site_marker_stops_the_build(tmp_path, monkeypatch):
    settings = with_plugin(tmp_path, READ_PHASE_PLUGIN)
    monkeypatch.setenv("EXTRA_CLAIM", ".hub-site")
    result = build(write_site(tmp_path / "content"), tmp_path / "out", settings)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "\nbuild stopped: two files would be written to .hub-site: by hub_build and by extra_plugin\n" in (
        "\n" + result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_a_plugin_writing_a_path_it_did_not_claim_fails_and_writes_nothing(tmp_path):
    outputs = OutputRegistry(tmp_path)
    outputs.claim("feeds/all.atom.xml", "hub_feeds")
    outputs.claim("pagefind/", "hub_search")
    with pytest.raises(UnclaimedOutputError) as unclaimed:
        outputs.write("api/documents.json", b"{}", "hub_data")
    assert str(unclaimed.value) == "hub_data writes api/documents.json without claiming it first"
    with pytest.raises(UnclaimedOutputError) as taken:
        outputs.write("feeds/all.atom.xml", "<feed/>", "hub_data")
    assert str(taken.value) == (
        "hub_data writes feeds/all.atom.xml without claiming it first; it is claimed by hub_feeds"
    )
    with pytest.raises(UnclaimedOutputError, match="it is claimed by hub_search"):
        outputs.target("pagefind/pagefind.js", "hub_pages")
    with pytest.raises(UnclaimedOutputError, match="it is claimed by hub_feeds"):
        outputs.copy("Feeds/ALL.atom.xml", tmp_path / "any", "hub_images")  # one file on some disks
    assert sorted(tmp_path.rglob("*")) == []


def test_a_claimed_file_is_created_once_and_never_replaced(tmp_path):
    outputs = OutputRegistry(tmp_path)
    outputs.claim("api/x.json", "hub_data")
    outputs.claim("pagefind/", "hub_search")
    assert outputs.write("api/x.json", "Peña", "hub_data") == tmp_path / "api" / "x.json"
    with pytest.raises(
        UnclaimedOutputError, match=r"^hub_data writes api/x\.json a second time in one build$"
    ):
        outputs.write("api/x.json", b"two", "hub_data")
    with pytest.raises(UnclaimedOutputError, match="a second time"):
        outputs.copy("api/x.json", tmp_path / "api" / "x.json", "hub_data")
    assert (tmp_path / "api" / "x.json").read_bytes() == "Peña".encode()
    bundle = outputs.target("pagefind/", "hub_search")  # a folder claimed whole: its writer fills it
    assert bundle == tmp_path / "pagefind" and not bundle.exists()
    bundle.mkdir()
    with pytest.raises(UnclaimedOutputError, match="a second time"):
        outputs.target("pagefind/", "hub_search")


def test_a_page_rendered_through_the_registry_is_what_pelicans_writer_writes(tmp_path):
    """The feeds and history pages left Pelican's writer: same bytes, same `content_written`."""
    from jinja2 import Environment
    from pelican import signals
    from pelican.writers import Writer

    template = Environment().from_string("{{ output_file }}|{{ localsiteurl }}|{{ SITENAME }}|{{ x }}|é\n\n")
    context = {"SITENAME": "Hub", "x": "shared"}
    sent: list[tuple[str, dict]] = []

    def written(path: str, context: dict) -> None:
        sent.append((path, context))

    signals.content_written.connect(written)
    try:
        Writer(str(tmp_path / "pelican"), {}).write_file("feeds/a.xml", template, context, x="own")
        outputs = OutputRegistry(tmp_path / "hub")
        outputs.claim("feeds/a.xml", "hub_feeds")
        outputs.render("feeds/a.xml", template, context, "hub_feeds", x="own")
    finally:
        signals.content_written.disconnect(written)
    ours, theirs = tmp_path / "hub" / "feeds" / "a.xml", tmp_path / "pelican" / "feeds" / "a.xml"
    assert ours.read_bytes() == theirs.read_bytes() == "feeds/a.xml|None|Hub|own|é\n".encode()
    assert [(Path(p).relative_to(tmp_path).as_posix(), c) for p, c in sent] == [
        (f"{side}/feeds/a.xml", {**context, "localsiteurl": None, "output_file": "feeds/a.xml", "x": "own"})
        for side in ("pelican", "hub")
    ]

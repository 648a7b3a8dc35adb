"""Functional tests: a cached rebuild after one kind of edit writes exactly what a clean build writes.

Each case builds the small fixture site with a cache, makes one edit (to content, the theme, the
settings, the hub's own code or a library's version), rebuilds into the same output folder with the same
cache, then builds from scratch into a new folder with a new cache; the two sites must be byte for byte
the same (bar Pagefind's unstable files), and the edit must show in the rebuilt site, so a rebuild that
kept the old site cannot pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest

from hub_core import cache
from tests.sitekit import PAGEFIND_UNSTABLE, PLUGINS, ROOT, build, front, settings_file, tree, write_site


@dataclass(frozen=True)
class Site:
    """A fixture site's sources: its content folder, its own copy of the theme, and its settings file."""

    content: Path
    theme: Path
    settings: Path


def make_site(folder: Path) -> Site:
    theme = shutil.copytree(ROOT / "theme", folder / "theme")
    settings = settings_file(folder)
    append(settings, f"THEME = {str(theme)!r}\n")
    return Site(write_site(folder / "content"), theme, settings)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}: the fixture changed, so this edit would change nothing"
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def page(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def text(output: Path, name: str) -> str:
    return (output / name).read_text(encoding="utf-8")


# The edits, each with what must show in the rebuilt site.


def edit_a_story_body(site: Site) -> None:
    append(site.content / "stories" / "hillsborough-first.md", "\nA new closing paragraph.\n")


def shows_the_new_paragraph(output: Path) -> None:
    assert "<p>A new closing paragraph.</p>" in page(output, "stories/hillsborough-first")


def edit_an_ordinance_title_and_summary(site: Site) -> None:
    ordinance = site.content / "ordinances" / "fair-rent.md"
    replace(ordinance, "title: Fair Rent Ordinance", "title: Rent Fairness Act")
    replace(ordinance, "summary: Bans algorithmic rent-setting.", "summary: Outlaws rent-setting software.")


def shows_the_new_ordinance_title(output: Path) -> None:
    for url in ["", "ordinances", "issues/housing", "jurisdictions/durham-nc", "ordinances/fair-rent"]:
        assert "Rent Fairness Act" in page(output, url), url
    assert "Outlaws rent-setting software." in page(output, "ordinances")
    assert "Rent Fairness Act" in text(output, "feeds/all.atom.xml")
    assert "Rent Fairness Act" in text(output, "ordinances/fair-rent/fair-rent.txt")


def edit_a_news_title_and_summary(site: Site) -> None:
    news = site.content / "news" / "convening.md"
    replace(news, "title: Network News", "title: Network Gathering")
    replace(news, "summary: A convening.", "summary: Officials met in Durham.")


def shows_the_new_news_title(output: Path) -> None:
    for url in ["", "news", "issues/tech-accountability", "jurisdictions/nc", "news/convening"]:
        assert "Network Gathering" in page(output, url), url
    assert "Officials met in Durham." in page(output, "news")
    assert "Network Gathering" in text(output, "feeds/news.atom.xml")


def remove_an_issue_from_a_document(site: Site) -> None:
    replace(
        site.content / "news" / "convening.md",
        "issues: [housing, tech-accountability]",
        "issues: [tech-accountability]",
    )


def shows_the_document_under_one_issue(output: Path) -> None:
    assert "/news/convening/" not in page(output, "issues/housing")
    assert "/news/convening/" in page(output, "issues/tech-accountability")


def edit_an_issue_intro_and_title(site: Site) -> None:
    issue = site.content / "issues" / "housing.md"
    replace(issue, "title: Housing", "title: Homes and Rent")
    replace(issue, "Intro to housing.", "A rewritten introduction to housing.")


def shows_the_new_issue_title_and_intro(output: Path) -> None:
    assert "A rewritten introduction to housing." in page(output, "issues/housing")
    assert "Homes and Rent" in page(output, "issues")
    assert '<a href="/issues/housing/">Homes and Rent</a>' in page(output, "ordinances/fair-rent")


def rename_a_jurisdiction(site: Site) -> None:
    replace(site.content / "jurisdictions" / "nc.yaml", "name: Hillsborough", "name: Hillsborough Township")


def shows_the_new_jurisdiction_name(output: Path) -> None:
    link = '<a href="/jurisdictions/hillsborough-nc/">Hillsborough Township</a>'
    assert link in page(output, "ordinances/fair-rent")
    assert link in page(output, "jurisdictions/orange-county-nc")
    assert "Hillsborough Township" in page(output, "jurisdictions/hillsborough-nc")


FOOTER_WORD = "Volunteer-maintained"


def edit_a_template(site: Site) -> None:
    replace(
        site.theme / "templates" / "base.html",
        '<footer class="site-footer">\n  <div class="wrap">\n',
        f'<footer class="site-footer">\n  <div class="wrap">\n    <p>{FOOTER_WORD}</p>\n',
    )


def shows_the_new_footer_on_every_page(output: Path) -> None:
    pages = [p for p in output.rglob("*.html") if 'class="site-footer"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for path in pages:
        assert f"<p>{FOOTER_WORD}</p>" in path.read_text(encoding="utf-8"), path


CSS_RULE = ".site-footer { border-top: 3px solid; }\n"


def edit_a_theme_stylesheet(site: Site) -> None:
    append(site.theme / "static" / "css" / "hub.css", CSS_RULE)


def shows_the_new_css_rule(output: Path) -> None:
    assert text(output, "theme/css/hub.css").endswith(CSS_RULE)


def change_the_site_name(site: Site) -> None:
    append(site.settings, "SITENAME = 'Town Policy Exchange'\n")


def shows_the_new_site_name(output: Path) -> None:
    assert "<title>Town Policy Exchange</title>" in page(output, "")
    assert "Town Policy Exchange" in page(output, "ordinances/fair-rent")
    assert "Town Policy Exchange" in text(output, "ordinances/fair-rent/fair-rent.txt")
    assert "Town Policy Exchange" in text(output, "feeds/all.atom.xml")


def change_a_hub_setting(site: Site) -> None:
    # No listing of the fixture site has two documents, so per_page would change nothing; home_recent does.
    append(site.settings, "HUB = {**HUB, 'home_recent': 2}\n")


def shows_only_the_two_newest_on_the_home_page(output: Path) -> None:
    home = page(output, "")
    assert "/ordinances/fair-rent/" in home and "/stories/hillsborough-first/" in home
    assert "/briefs/privacy-trap/" not in home and "/news/convening/" not in home


ADDED = front(
    "title: Added Bulletin\ndate: 2025-11-01\nsummary: Just added.\nissues: [housing]\n"
    "jurisdictions: [durham-nc]",
    "Read [the ordinance](/ordinances/fair-rent/).",
)


def add_a_document(site: Site) -> None:
    (site.content / "news" / "added.md").write_text(ADDED, encoding="utf-8")


def shows_the_added_document(output: Path) -> None:
    assert "Just added." in page(output, "news/added")
    for url in ["", "news", "issues/housing", "jurisdictions/durham-nc"]:
        assert "/news/added/" in page(output, url), url


def delete_a_document(site: Site) -> None:
    # Nothing links to the story by URL: removing a page that another one links to fails the build.
    (site.content / "stories" / "hillsborough-first.md").unlink()


def shows_no_deleted_document(output: Path) -> None:
    assert not (output / "stories" / "hillsborough-first").exists()
    for url in ["", "stories", "issues/housing", "ordinances/fair-rent"]:
        assert "hillsborough-first" not in page(output, url), url


Edit = Callable[[Site], None]
Check = Callable[[Path], None]


def adopt_the_ordinance_statewide(site: Site) -> None:
    replace(site.content / "ordinances" / "fair-rent.md", "status: introduced", "status: adopted")


def shows_the_statewide_adoption_on_the_maps_and_in_the_data(output: Path) -> None:
    for name in ["ordinances/fair-rent/map.svg", "issues/housing/map.svg", "jurisdictions/map.svg"]:
        assert 'class="state status-adopted" data-jurisdiction="nc"' in text(output, name), name
    for name in ["api/adoptions.csv", "ordinances/fair-rent/adoptions.csv"]:
        assert "nc,North Carolina,nc,state,adopted" in text(output, name), name


def add_a_preemption_law(site: Site) -> None:
    law = "- law: Rent Act (2024)\n  issues: [housing]\n  status: preempts\n  enacted: 2024\n"
    (site.content / "preemption").mkdir()
    (site.content / "preemption" / "nc.yaml").write_text(law, encoding="utf-8")


def shows_the_preemption_law(output: Path) -> None:
    sentence = "North Carolina: Rent Act (2024) preempts local action on Housing, in force since 2024."
    for url in ["jurisdictions/nc", "ordinances/fair-rent"]:
        assert sentence in page(output, url), url
    assert 'class="hatch preempts" data-jurisdiction="nc"' in text(output, "issues/housing/map.svg")


def add_a_translation(site: Site) -> None:
    spanish = front("title: Hillsborough fue primero\nsummary: Un pueblo se adelantó.", "En español.")
    (site.content / "stories" / "hillsborough-first.es.md").write_text(spanish, encoding="utf-8")


def shows_the_translation_and_its_alternates(output: Path) -> None:
    assert "En español." in page(output, "es/stories/hillsborough-first")
    english = page(output, "stories/hillsborough-first")
    assert 'hreflang="es" href="/es/stories/hillsborough-first/"' in english
    assert "Hillsborough fue primero" in page(output, "es/stories")
    assert "Hillsborough fue primero" in page(output, "es/issues/housing")


def translate_an_issue(site: Site) -> None:
    path = site.content / "issues" / "housing.md"
    translated = "summary: Homes.\ntranslations: {es: {title: Vivienda}}"
    replace(path, "summary: Homes people can afford.", translated)


def shows_the_issue_in_spanish(output: Path) -> None:
    for url in ["es/issues/housing", "es/issues", "es/ordinances", "es", "es/jurisdictions/durham-nc"]:
        assert ">Vivienda<" in page(output, url), url
    assert ">Vivienda<" not in page(output, "issues/housing")


PERSON = front("name: Jenn Weaver\nrole: Mayor of Hillsborough\njurisdiction: hillsborough-nc", "Her bio.")
STORY_PEOPLE = "people:\n  - name: Jenn Weaver\n    role: Mayor\n    jurisdiction: hillsborough-nc\n"


def add_a_person(site: Site) -> None:
    (site.content / "people").mkdir()
    (site.content / "people" / "jenn-weaver.md").write_text(PERSON, encoding="utf-8")
    replace(site.content / "stories" / "hillsborough-first.md", STORY_PEOPLE, "people: [jenn-weaver]\n")


def shows_the_person_linked_both_ways(output: Path) -> None:
    assert "/stories/hillsborough-first/" in page(output, "people/jenn-weaver")
    assert "Her bio." in page(output, "es/people/jenn-weaver")
    for url in ["stories/hillsborough-first", "jurisdictions/hillsborough-nc"]:
        assert 'href="/people/jenn-weaver/"' in page(output, url), url
    assert 'href="/people/"' in page(output, "")  # the footer of every page


def case(edit: Edit, check: Check, name: str) -> object:
    return pytest.param(edit, check, id=f"after_{name}")


CASES = [
    case(edit_a_story_body, shows_the_new_paragraph, "editing_a_documents_body"),
    case(edit_an_ordinance_title_and_summary, shows_the_new_ordinance_title, "retitling_an_ordinance"),
    case(edit_a_news_title_and_summary, shows_the_new_news_title, "retitling_a_news_item"),
    case(remove_an_issue_from_a_document, shows_the_document_under_one_issue, "removing_an_issue"),
    case(edit_an_issue_intro_and_title, shows_the_new_issue_title_and_intro, "editing_an_issue"),
    case(rename_a_jurisdiction, shows_the_new_jurisdiction_name, "renaming_a_jurisdiction"),
    case(edit_a_template, shows_the_new_footer_on_every_page, "editing_a_template"),
    case(edit_a_theme_stylesheet, shows_the_new_css_rule, "editing_a_theme_stylesheet"),
    case(change_the_site_name, shows_the_new_site_name, "changing_the_site_name"),
    case(change_a_hub_setting, shows_only_the_two_newest_on_the_home_page, "changing_a_hub_setting"),
    case(add_a_document, shows_the_added_document, "adding_a_document"),
    case(delete_a_document, shows_no_deleted_document, "deleting_a_document"),
    case(adopt_the_ordinance_statewide, shows_the_statewide_adoption_on_the_maps_and_in_the_data, "adopting"),
    case(add_a_preemption_law, shows_the_preemption_law, "adding_a_preemption_law"),
    case(add_a_translation, shows_the_translation_and_its_alternates, "adding_a_translation"),
    case(translate_an_issue, shows_the_issue_in_spanish, "translating_an_issue"),
    case(add_a_person, shows_the_person_linked_both_ways, "adding_a_person"),
]


@pytest.mark.parametrize(("edit", "check"), CASES)
def test_a_cached_rebuild_equals_a_clean_build(tmp_path: Path, edit: Edit, check: Check) -> None:
    site = make_site(tmp_path)
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    first = build(site.content, warm, site.settings)
    assert first.returncode == 0, first.stderr
    # sitekit's build() keeps the cache beside the output: warm-cache, reused by the rebuild below.
    assert list((tmp_path / "warm-cache").rglob("*.pickle")), "the first build left nothing to reuse"
    edit(site)
    rebuilt = build(site.content, warm, site.settings)
    assert rebuilt.returncode == 0, rebuilt.stderr
    clean = build(site.content, cold, site.settings)  # a new output folder and a new cache (cold-cache)
    assert clean.returncode == 0, clean.stderr
    warm_files, cold_files = tree(warm, PAGEFIND_UNSTABLE), tree(cold, PAGEFIND_UNSTABLE)
    names = warm_files.keys() | cold_files.keys()
    differing = sorted(name for name in names if warm_files.get(name) != cold_files.get(name))
    assert not differing, f"the cached rebuild differs from a clean build in: {', '.join(differing)}"
    check(warm)  # and the edit is there: the two builds are not both stale


def test_a_persons_new_role_reaches_every_page_naming_them_on_a_cached_rebuild(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    add_a_person(site)
    warm = tmp_path / "warm"
    assert build(site.content, warm, site.settings).returncode == 0
    replace(site.content / "people" / "jenn-weaver.md", "role: Mayor of Hillsborough", "role: Former Mayor")
    rebuilt = build(site.content, warm, site.settings)
    assert rebuilt.returncode == 0, rebuilt.stderr
    for url in ["people/jenn-weaver", "stories/hillsborough-first", "jurisdictions/hillsborough-nc"]:
        assert "Former Mayor" in page(warm, url), url
    assert_same_as_a_clean_build(site, warm, tmp_path)


def assert_same_as_a_clean_build(site: Site, warm: Path, tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    clean = build(site.content, cold, site.settings)
    assert clean.returncode == 0, clean.stderr
    assert tree(warm, PAGEFIND_UNSTABLE) == tree(cold, PAGEFIND_UNSTABLE)


def test_a_rebuild_renders_again_only_the_pages_whose_inputs_changed(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    warm = tmp_path / "warm"
    first = build(site.content, warm, site.settings)
    assert first.returncode == 0, first.stderr
    assert "pages: 0 rendered" not in first.stderr
    unchanged = build(site.content, warm, site.settings)
    assert "note: pages: 0 rendered, " in unchanged.stderr
    assert "no searchable page changed since the last build; its index is kept" in unchanged.stderr
    edit_a_story_body(site)  # only the story's own page shows its body
    edited = build(site.content, warm, site.settings)
    assert "note: pages: 1 rendered, " in edited.stderr
    assert "note: search: Pagefind indexed" in edited.stderr  # the story's page is searchable
    shows_the_new_paragraph(warm)
    assert_same_as_a_clean_build(site, warm, tmp_path)


def test_a_replaced_image_is_measured_again(tmp_path: Path) -> None:
    from PIL import Image

    site = make_site(tmp_path)
    append(site.content / "stories" / "hillsborough-first.md", "\n![A chart](/images/photo.png)\n")
    warm = tmp_path / "warm"
    assert build(site.content, warm, site.settings).returncode == 0
    assert 'width="40" height="30"' in page(warm, "stories/hillsborough-first")
    Image.new("RGB", (80, 60), "#663399").save(site.content / "images" / "photo.png")
    assert build(site.content, warm, site.settings).returncode == 0
    assert 'width="80" height="60"' in page(warm, "stories/hillsborough-first")
    assert_same_as_a_clean_build(site, warm, tmp_path)


def test_a_page_changed_in_the_output_folder_is_not_reused(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    warm = tmp_path / "warm"
    assert build(site.content, warm, site.settings).returncode == 0
    (warm / "stories" / "hillsborough-first" / "index.html").write_text("edited by hand", encoding="utf-8")
    rebuilt = build(site.content, warm, site.settings)
    assert "note: pages: 1 rendered, " in rebuilt.stderr
    assert_same_as_a_clean_build(site, warm, tmp_path)


def test_a_stylesheet_edit_keeps_the_search_index_and_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    warm = tmp_path / "warm"
    assert build(site.content, warm, site.settings).returncode == 0
    edit_a_theme_stylesheet(site)  # the pages are rendered again (the theme changed) to the same bytes
    restyled = build(site.content, warm, site.settings)
    assert "its index is kept" in restyled.stderr
    shows_the_new_css_rule(warm)
    next(warm.glob("pagefind/fragment/*")).unlink()
    repaired = build(site.content, warm, site.settings)
    assert "note: search: Pagefind indexed" in repaired.stderr
    assert_same_as_a_clean_build(site, warm, tmp_path)


def test_a_link_on_a_reused_page_to_an_anchor_that_an_edit_removed_fails_the_rebuild(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    story = site.content / "stories" / "hillsborough-first.md"
    append(story, "\nRead [its first section](/ordinances/fair-rent/#section-1).\n")
    warm = tmp_path / "warm"
    first = build(site.content, warm, site.settings)
    assert first.returncode == 0, first.stderr
    replace(site.content / "ordinances" / "fair-rent.md", "## Section 1. Title\n", "")
    rebuilt = build(site.content, warm, site.settings)
    assert "note: pages: 1 rendered, " in rebuilt.stderr  # the story's page is copied, not read again
    assert rebuilt.returncode != 0
    problem = "broken link to /ordinances/fair-rent/#section-1 (no id 'section-1' on that page)"
    assert f"stories/hillsborough-first/index.html (from {story}): {problem}" in rebuilt.stderr


# A change to the hub's code or to a library is an edit too: every cache keys on the code and the library
# versions behind what it keeps (hub_core.fingerprint). These builds run with their own Python path.


def build_with(
    path: list[Path], settings: Path, content: Path, output: Path
) -> subprocess.CompletedProcess[str]:
    """sitekit's build(), run with `path` as PYTHONPATH (a copy of the plugins, a library's metadata)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(map(str, path))}
    cache_dir = output.parent / f"{output.name}-cache"
    command = ["build", "-s", str(settings), "-i", str(content), "-o", str(output), "--cache", str(cache_dir)]
    return subprocess.run(
        [sys.executable, "-m", "hub_build", *command],
        cwd=settings.parent,
        env=env,
        capture_output=True,
        text=True,
    )


def differing_files(warm: Path, cold: Path) -> list[str]:
    warm_files, cold_files = tree(warm, PAGEFIND_UNSTABLE), tree(cold, PAGEFIND_UNSTABLE)
    return sorted(
        name for name in warm_files.keys() | cold_files.keys() if warm_files.get(name) != cold_files.get(name)
    )


def copy_project(folder: Path) -> Path:
    """The plugins, theme and settings in a folder of their own, whose code a test may change."""
    for name in ("plugins", "theme"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pelicanconf.py", folder / "pelicanconf.py")
    settings = folder / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(folder)!r})\nfrom pelicanconf import *\n")
    return settings


def model_text_files(output: Path) -> dict[str, str]:
    """The ordinance's page, text download and the text of its Word file."""
    folder = output / "ordinances" / "fair-rent"
    with zipfile.ZipFile(folder / "fair-rent.docx") as docx:
        word = docx.read("word/document.xml").decode("utf-8")
    return {"html": page(output, "ordinances/fair-rent"), "txt": text(folder, "fair-rent.txt"), "docx": word}


def test_a_cached_rebuild_after_a_change_to_how_bodies_render_equals_a_clean_build(tmp_path: Path) -> None:
    settings = copy_project(tmp_path / "project")
    plugins = [tmp_path / "project" / "plugins"]
    content, warm, cold = write_site(tmp_path / "content"), tmp_path / "warm", tmp_path / "cold"
    first = build_with(plugins, settings, content, warm)
    assert first.returncode == 0, first.stderr
    assert all("may be cited" in t for t in model_text_files(warm).values())
    # hub_content renders the body; the toolkit turns it into the Word file, the text and the model text.
    replace(plugins[0] / "hub_content" / "body.py", "return sanitize.clean(html)\n",
            'return sanitize.clean(html).replace("may be cited", "may be quoted")\n')  # fmt: skip
    rebuilt = build_with(plugins, settings, content, warm)
    assert rebuilt.returncode == 0, rebuilt.stderr
    clean = build_with(plugins, settings, content, cold)
    assert clean.returncode == 0, clean.stderr
    assert model_text_files(warm) == model_text_files(cold)
    assert all("may be quoted" in t and "may be cited" not in t for t in model_text_files(warm).values())
    assert not differing_files(warm, cold)


def cached_keys(cache_dir: Path, pattern: str) -> set[str]:
    (file,) = (cache_dir / "hub").glob(pattern)
    return set(cache.load(file))


def test_a_cached_rebuild_with_another_markdown_version_misses_every_cache_that_uses_markdown(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path)
    warm, cold, warm_cache = tmp_path / "warm", tmp_path / "cold", tmp_path / "warm-cache"
    assert build(site.content, warm, site.settings).returncode == 0
    read, kits = cached_keys(warm_cache, "content-*.pickle"), cached_keys(warm_cache, "toolkit.pickle")
    # The installed distribution's metadata with another version, ahead of it on the path: the same code
    # runs (its extensions are found through the same entry points), importlib.metadata reports 99.0.
    installed = metadata.distribution("markdown")
    info = tmp_path / "metadata" / "markdown-99.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: Markdown\nVersion: 99.0\n")
    (info / "entry_points.txt").write_text(installed.read_text("entry_points.txt") or "")
    assert installed.version != "99.0"
    path = [info.parent, PLUGINS]
    rebuilt = build_with(path, site.settings, site.content, warm)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert re.search(r"note: pages: [1-9][0-9]* rendered, 0 unchanged", rebuilt.stderr), rebuilt.stderr
    assert not read & cached_keys(warm_cache, "content-*.pickle"), (
        "a file was taken from the cache read by another Markdown"
    )
    assert not kits & cached_keys(warm_cache, "toolkit.pickle"), (
        "a toolkit was taken from the cache built with another Markdown"
    )
    # Pagefind reads only pages, which came out the same: its index is kept.
    assert "no searchable page changed since the last build; its index is kept" in rebuilt.stderr
    clean = build_with(path, site.settings, site.content, cold)
    assert clean.returncode == 0, clean.stderr
    assert not differing_files(warm, cold)

"""Translations read and validated: `<slug>.<lang>.md` beside its original, issue `translations` and place
`names`; every mismatch an error at its line, and the typed model the pages read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub_content import HubSettings, InvalidContentError, load
from hub_model import Document
from tests.sitekit import JURISDICTIONS, build, front, hub, settings_file, write_site

LANGUAGES = ("en", "es")
STORY_ES = front(
    """
    title: Hillsborough fue primero
    summary: Cómo un pueblo abrió el camino al estado.
    """,
    "## Una historia\n\nVea [la ordenanza](/ordinances/fair-rent/).\n",
)


def loaded(root: Path, documents: dict[str, str], languages: tuple[str, ...] = LANGUAGES):
    write_site(root, documents)
    return load(root, HubSettings(drafts=True), languages=languages).site


def errors(root: Path, documents: dict[str, str], languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    write_site(root, documents)
    with pytest.raises(InvalidContentError) as caught:
        load(root, HubSettings(drafts=True), languages=languages)
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def test_a_translation_is_its_originals_document_in_the_language_with_its_own_words(tmp_path):
    site = loaded(tmp_path, {"stories/hillsborough-first.es.md": STORY_ES})
    original = next(d for d in site.documents if d.slug == "hillsborough-first")
    (spanish,) = site.translations
    assert isinstance(spanish, Document)
    assert (spanish.lang, spanish.slug, spanish.url) == (
        "es",
        "hillsborough-first",
        "es/stories/hillsborough-first/",
    )
    assert spanish.title == "Hillsborough fue primero" and "Cómo un pueblo" in spanish.summary
    assert spanish.issues == original.issues and spanish.date == original.date
    assert spanish.details == original.details  # the people and the video are the original's
    assert "Una historia" in spanish.body_html and "Una historia" not in original.body_html
    assert site.translations_of(original) == (spanish,)
    assert site.translation(original, "es") is spanish and site.translation(spanish, "") is original
    assert site.translation(original, "fr") is None
    assert all(not d.lang for d in site.documents)  # listings of the site's language are unchanged


def test_a_translations_root_links_are_relative_to_its_deeper_page(tmp_path):
    site = loaded(tmp_path, {"stories/hillsborough-first.es.md": STORY_ES})
    assert 'href="../../../ordinances/fair-rent/"' in site.translations[0].body_html


def test_a_translation_may_give_its_own_type_fields_and_updated_date(tmp_path):
    text = front(
        """
        title: Hillsborough fue primero
        summary: Cómo un pueblo abrió el camino.
        updated: 2025-10-02
        people:
          - name: Jenn Weaver
            role: Alcaldesa
            jurisdiction: hillsborough-nc
        """
    )
    (spanish,) = loaded(tmp_path, {"stories/hillsborough-first.es.md": text}).translations
    assert spanish.updated.isoformat() == "2025-10-02"
    assert spanish.details.people[0].role == "Alcaldesa"


def test_each_translation_problem_is_an_error_at_its_line(tmp_path):
    documents = {
        "stories/nowhere.es.md": STORY_ES,
        "stories/hillsborough-first.fr.md": STORY_ES,
        "stories/hillsborough-first.en.md": STORY_ES,
        "briefs/privacy-trap.es.md": front("summary: Sin título.\nissues: [tech-accountability]"),
        "news/convening.es.md": front("title: Reunión\nsummary: Una reunión.\nissues: [housing]"),
        "ordinances/fair-rent.es.md": front(
            "title: Alquiler justo\nsummary: Prohíbe.\ndate: 2025-10-01\nadoptions: []"
        ),
    }
    found = errors(tmp_path, documents)
    assert found == [
        "briefs/privacy-trap.es.md:1: required field 'title' is missing: write it like "
        "title: Ban on Algorithmic Rent-Setting",
        "news/convening.es.md:4: 'issues' differs from the original's (housing, tech-accountability): a "
        "translation is about the same issues: remove 'issues' here (the original's are used) or give the "
        "same ones",
        "ordinances/fair-rent.es.md:4: 'date' cannot be given in a translation: the date is the original's: "
        "remove it here and keep it in ordinances/fair-rent.md",
        "ordinances/fair-rent.es.md:5: 'adoptions' cannot be given in a translation: adoptions are facts "
        "about the model, kept once in its original: remove it here and keep it in ordinances/fair-rent.md",
        "stories/hillsborough-first.en.md:1: 'en' is the site's own language (DEFAULT_LANG): this is no "
        "translation: rename the file",
        "stories/hillsborough-first.fr.md:1: 'fr' is not a language the site is published in "
        "(HUB_LANGUAGES: es): add 'fr' to HUB_LANGUAGES in pelicanconf.py, or rename the file",
        "stories/nowhere.es.md:1: this translates 'nowhere', but there is no stories/nowhere.md: a "
        "translation sits beside its original, with the same name: add the original or rename this file",
    ]


def test_an_unknown_issue_in_a_translation_is_found_like_any_other(tmp_path):
    text = front("title: Reunión\nsummary: Una reunión.\nissues: [housng]")
    found = errors(tmp_path, {"news/convening.es.md": text})
    assert any(m.startswith("news/convening.es.md:4: unknown issue 'housng'") for m in found), found


def test_a_draft_translation_or_one_of_a_draft_is_left_out_of_a_publish_build(tmp_path):
    draft = front("title: Borrador\nsummary: Aún no.\nstatus: draft")
    write_site(tmp_path, {"stories/hillsborough-first.es.md": draft})
    assert load(tmp_path, HubSettings(drafts=False), languages=LANGUAGES).site.translations == ()
    assert len(load(tmp_path, HubSettings(drafts=True), languages=LANGUAGES).site.translations) == 1


def test_issue_translations_and_place_names_are_typed_and_checked(tmp_path):
    write_site(tmp_path)
    issue = tmp_path / "issues" / "housing.md"
    issue.write_text(
        "---\ntitle: Housing\ntranslations:\n  es:\n    title: Vivienda\n    summary: Techo.\n---\nX\n"
    )
    nc = tmp_path / "jurisdictions" / "nc.yaml"
    nc.write_text(
        JURISDICTIONS["nc"]
        + "- slug: nc\n  name: North Carolina\n  kind: state\n  names: {es: Carolina del Norte}\n"
    )
    site = load(tmp_path, HubSettings(drafts=True), languages=LANGUAGES).site
    housing = site.issues["housing"]
    spanish = housing.in_language("es")
    assert (spanish.title, spanish.summary, spanish.url) == ("Vivienda", "Techo.", "es/issues/housing/")
    assert spanish.translated and housing.in_language("fr").title == "Housing"
    assert not housing.in_language("fr").translated and housing.in_language("fr").body_html == ""
    state = site.jurisdictions["nc"]
    assert (
        state.in_language("es").name == "Carolina del Norte"
        and state.in_language("es").url == "es/jurisdictions/nc/"
    )
    assert site.jurisdictions["hillsborough-nc"].in_language("es").name == "Hillsborough"


def test_a_language_the_site_is_not_published_in_is_an_error_in_issue_and_place_files(tmp_path):
    write_site(tmp_path)
    (tmp_path / "issues" / "housing.md").write_text(
        "---\ntitle: Housing\ntranslations:\n  fr:\n    title: Logement\n  ES:\n    title: X\n---\nX\n"
    )
    with pytest.raises(InvalidContentError) as caught:
        load(tmp_path, HubSettings(drafts=True), languages=LANGUAGES)
    found = [f"{Path(e.path).name}:{e.line}: {e.message}" for e in caught.value.errors]
    issue_errors = [m for m in found if m.startswith("housing.md")]
    assert issue_errors == ["housing.md:6: 'ES' in 'translations' is not a language code: write one like es"]
    (tmp_path / "issues" / "housing.md").write_text(
        "---\ntitle: Housing\ntranslations:\n  fr:\n    title: Logement\n---\nX\n"
    )
    with pytest.raises(InvalidContentError) as caught:
        load(tmp_path, HubSettings(drafts=True), languages=LANGUAGES)
    (error,) = caught.value.errors
    assert (Path(error.path).name, error.line) == ("housing.md", 4)
    assert "'fr' is not a language the site is published in (HUB_LANGUAGES: es)" in error.message


def test_make_check_reads_the_languages_from_the_settings_file(tmp_path):
    write_site(tmp_path / "content", {"stories/hillsborough-first.de.md": STORY_ES})
    settings = tmp_path / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(Path('pelicanconf.py').resolve().parent)!r})\n"
        "from pelicanconf import *\n"
    )
    result = hub("check", "--settings", str(settings), "--input", str(tmp_path / "content"))
    assert result.returncode == 1
    assert (
        "hillsborough-first.de.md:1: 'de' is not a language the site is published in (HUB_LANGUAGES: es)"
        in result.stderr
    )


def test_the_open_data_lists_each_documents_translations_and_the_issue_and_place_names(tmp_path):
    content = write_site(tmp_path / "content", {"stories/hillsborough-first.es.md": STORY_ES})
    (content / "issues" / "housing.md").write_text(
        "---\ntitle: Housing\ntranslations:\n  es:\n    title: Vivienda\n---\nIntro.\n", encoding="utf-8"
    )
    result = build(content, tmp_path / "output", settings_file(tmp_path, "publishconf"))
    assert result.returncode == 0, result.stderr
    api = tmp_path / "output" / "api"
    documents = {d["slug"]: d for d in json.loads((api / "documents.json").read_text())["documents"]}
    assert documents["hillsborough-first"]["translations"] == [
        {
            "lang": "es",
            "url": "es/stories/hillsborough-first/",
            "title": "Hillsborough fue primero",
            "summary": "Cómo un pueblo abrió el camino al estado.",
            "updated": None,
        }
    ]
    assert documents["fair-rent"]["translations"] == []
    issues = {i["slug"]: i for i in json.loads((api / "issues.json").read_text())["issues"]}
    assert issues["housing"]["translations"] == [{"lang": "es", "title": "Vivienda", "summary": ""}]


def test_the_coverage_report_lists_documents_and_issue_names_not_yet_translated(tmp_path, capsys):
    from hub_i18n.coverage import main

    content = write_site(tmp_path / "content", {"stories/hillsborough-first.es.md": STORY_ES})
    (content / "issues" / "housing.md").write_text(
        "---\ntitle: Housing\ntranslations:\n  es:\n    title: Vivienda\n---\nIntro.\n", encoding="utf-8"
    )
    assert main(["theme/translations", "es", "--content", str(content)]) == 0
    report = capsys.readouterr().out
    # 5 documents and 2 issues: the story and the housing issue are translated.
    assert "es                   2       7             5    28.6" in report
    missing = [line.split(": ", 2)[2] for line in report.splitlines() if "not translated" in line]
    assert [Path(m).relative_to(content).as_posix() for m in missing] == [
        "briefs/privacy-trap.md",
        "issues/tech-accountability.md",
        "news/convening.md",
        "ordinances/fair-rent.md",
        "pages/about.md",
    ]


def test_each_language_has_atom_feeds_of_its_translations_in_its_own_words(tmp_path):
    from xml.etree import ElementTree

    content = write_site(tmp_path / "content", {"stories/hillsborough-first.es.md": STORY_ES})
    (content / "issues" / "housing.md").write_text(
        "---\ntitle: Housing\ntranslations:\n  es:\n    title: Vivienda\n---\nIntro.\n", encoding="utf-8"
    )
    result = build(content, tmp_path / "output", settings_file(tmp_path, "publishconf"))
    assert result.returncode == 0, result.stderr
    output = tmp_path / "output"
    atom = "{http://www.w3.org/2005/Atom}"
    site = ElementTree.parse(output / "es" / "feeds" / "all.atom.xml").getroot()
    assert site.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert site.find(f"{atom}title").text == "Todas las novedades de Local Policy Hub"
    assert [e.find(f"{atom}title").text for e in site.iter(f"{atom}entry")] == ["Hillsborough fue primero"]
    housing = ElementTree.parse(output / "es" / "feeds" / "issues" / "housing.atom.xml").getroot()
    (entry,) = housing.iter(f"{atom}entry")
    assert entry.find(f"{atom}link").get("href").endswith("/es/stories/hillsborough-first/")
    assert entry.find(f"{atom}category").get("label") == "Vivienda"
    assert "Vivienda" in housing.find(f"{atom}title").text
    page = (output / "es" / "issues" / "housing" / "index.html").read_text(encoding="utf-8")
    assert 'href="/es/feeds/issues/housing.atom.xml"' in page or "es/feeds/issues/housing.atom.xml" in page
    english = ElementTree.parse(output / "feeds" / "issues" / "housing.atom.xml").getroot()
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert all("/es/" not in e.find(f"{atom}link").get("href") for e in english.iter(f"{atom}entry"))

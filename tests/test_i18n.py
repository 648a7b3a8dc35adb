"""The interface in other languages: the catalogues are complete and sound, and a site builds in Spanish.

Catalogue tests read theme/translations (the template and each language's .po); the site tests build
small sites (tests/sitekit.py) with DEFAULT_LANG set, through the real command line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from hub_core.settings import SettingsError
from hub_i18n import language_of
from hub_i18n.catalogues import InvalidContentError, read_catalogue, translations_for
from hub_i18n.coverage import coverage
from hub_i18n.formats import date_formatter, number_formatter
from tests.sitekit import ROOT, build, hub, write_site

CATALOGUES = ROOT / "theme" / "translations"
TEMPLATE = CATALOGUES / "messages.pot"
LANGUAGES = sorted(p.parent.parent.name for p in CATALOGUES.glob("*/LC_MESSAGES/messages.po"))
# %(name)s and %d-style placeholders (Python's % formatting) and {name} (the search page's script).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{\w+\}")


def _catalogue(language: str) -> Catalog:
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle)


def _placeholders(text: str) -> list[str]:
    return sorted(p for p in PLACEHOLDER.findall(text) if p != "%%")


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_spanish_is_a_catalogue_of_the_theme():
    assert "es" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_has_a_confirmed_translation(language):
    with TEMPLATE.open("rb") as handle:
        template = read_po(handle)
    found = coverage(language, template, _catalogue(language))
    assert found.total > 300  # the whole interface, not an empty template
    assert (found.untranslated, found.fuzzy) == ((), ())


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_translation_keeps_exactly_the_placeholders_of_its_source(language):
    catalogue = _catalogue(language)
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        sources = _forms(message.id)
        for index, text in enumerate(_forms(message.string)):
            source = sources[min(index, len(sources) - 1)]  # other plural forms follow the plural source
            if _placeholders(text) != _placeholders(source):
                wrong.append((message.lineno, source, text))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_declares_its_plural_forms(language):
    catalogue = _catalogue(language)
    assert "Plural-Forms" in dict(catalogue.mime_headers)
    for message in catalogue:
        if message.pluralizable:
            assert len(message.string) == catalogue.num_plurals, message.id


def test_spanish_plural_forms_choose_singular_for_one_only():
    spanish = translations_for(ROOT / "theme", "es")
    forms = [spanish.ngettext("%(num)s state", "%(num)s states", n) for n in (0, 1, 2)]
    assert forms == ["%(num)s estados", "%(num)s estado", "%(num)s estados"]


def test_the_template_holds_every_string_the_code_and_templates_mark(tmp_path):
    """A string added to the code without `make translations` would go untranslated in every language."""
    fresh = tmp_path / "messages.pot"
    keywords = ["-k", "ngettext_noop:1,2", "-k", "translate", "-k", "_plural:2,3"]  # as `make translations`
    command = [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg"]
    result = subprocess.run(
        [*command, *keywords, "-o", str(fresh), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with fresh.open("rb") as new, TEMPLATE.open("rb") as old:
        assert {m.id for m in read_po(new)} == {m.id for m in read_po(old)}, "run `make translations`"


def test_dates_are_written_as_each_language_writes_them():
    day = dt.date(2025, 10, 22)
    assert date_formatter("es")(day) == "22 de octubre de 2025"
    assert date_formatter("en")(day) == "October 22, 2025"
    assert date_formatter("en")(dt.date(2025, 3, 4)) == "March 4, 2025"  # no leading zero, as before


def test_numbers_are_grouped_as_each_language_groups_them():
    assert [number_formatter("en")(n) for n in (7, 1234, 148696, 2_000_000)] == [
        "7",
        "1,234",
        "148,696",
        "2,000,000",
    ]
    assert [number_formatter("es")(n) for n in (7, 1234, 148696)] == ["7", "1.234", "148.696"]


def test_a_broken_catalogue_is_an_error_at_its_file_and_line(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text('msgid "Home"\nmsgstr "Inicio"\n\nmsgid "Search\nmsgstr "Buscar"\n', encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        read_catalogue(po)
    assert [(e.path, e.line) for e in caught.value.errors] == [(str(po), 4)]


def test_a_translation_that_changes_a_placeholder_is_an_error_at_its_line(tmp_path):
    po = tmp_path / "messages.po"
    entries = 'msgid "Home"\nmsgstr "Inicio"\n\n#, python-format\nmsgid "Stories on %(issue)s"\n'
    po.write_text(entries + 'msgstr "Historias sobre %(tema)s"\n', encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        read_catalogue(po)
    [error] = caught.value.errors
    assert error.line == 5 and "%(tema)s" in error.message and "%(issue)s" in error.message


def test_a_language_without_a_catalogue_is_a_settings_error_saying_how_to_add_one():
    with pytest.raises(SettingsError) as caught:
        language_of({"DEFAULT_LANG": "fr"}, str(ROOT / "theme"))
    assert "make translations LANGS=fr" in str(caught.value)
    with pytest.raises(SettingsError):
        language_of({"DEFAULT_LANG": "../es"}, str(ROOT / "theme"))
    assert language_of({"DEFAULT_LANG": "es"}, str(ROOT / "theme")) == "es"
    assert language_of({}, str(ROOT / "theme")) == "en"


def test_a_lone_per_cent_sign_or_a_missing_plural_form_is_an_error(tmp_path):
    po = tmp_path / "messages.po"
    header = 'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
    lone = 'msgid "Home"\nmsgstr "Inicio 100%"\n\n'
    plural = 'msgid "%(num)s state"\nmsgid_plural "%(num)s states"\nmsgstr[0] "%(num)s estado"\n'
    po.write_text(header + lone + plural, encoding="utf-8")
    with pytest.raises(InvalidContentError) as caught:
        read_catalogue(po)
    assert [(e.line, "%%" in e.message or "plural form" in e.message) for e in caught.value.errors] == [
        (4, True),
        (7, True),
    ]


def _settings(folder: Path, lines: str) -> Path:
    path = folder / "i18n-settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n{lines}\n")
    return path


def _built(tmp_path: Path, lines: str) -> Path:
    out = tmp_path / "out"
    content = write_site(tmp_path / "content")
    places = content / "jurisdictions" / "nc.yaml"  # a population, to print with the language's grouping
    places.write_text(
        places.read_text().replace(
            "  kind: city\n", "  kind: city\n  population: 283506\n  population_year: 2020\n"
        )
    )
    result = build(content, out, _settings(tmp_path, lines))
    assert result.returncode == 0, result.stderr
    return out


def test_a_site_in_spanish_speaks_spanish_in_its_interface_dates_and_plurals(tmp_path):
    out = _built(tmp_path, "DEFAULT_LANG = 'es'\nHUB_LANGUAGES = {}")  # Spanish alone
    home = (out / "index.html").read_text(encoding="utf-8")
    ordinance = (out / "ordinances" / "fair-rent" / "index.html").read_text(encoding="utf-8")
    issue = (out / "issues" / "housing" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in home and '<html lang="es">' in ordinance
    for words in ("Saltar al contenido principal", "Explorar por tema", "Jurisdicciones", "Novedades"):
        assert words in home
    assert '<time datetime="2025-10-01">1 de octubre de 2025</time>' in home
    assert "Descargar el texto modelo" in ordinance and "Cómo citar" in ordinance
    assert "Aprobada en 1 jurisdicción local de 1 estado" in ordinance  # the singular forms
    assert "Se excluye 1 entrada con otro estado de tramitación" in issue
    assert "Skip to main content" not in home and "October" not in home
    durham = (out / "jurisdictions" / "durham-nc" / "index.html").read_text(encoding="utf-8")
    assert "Población: 283.506 (2020)" in durham


def test_a_site_in_english_keeps_its_english_interface(tmp_path):
    out = _built(tmp_path, "DEFAULT_LANG = 'en'")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in home and "Skip to main content" in home
    assert '<time datetime="2025-10-01">October 1, 2025</time>' in home
    assert "Saltar" not in home
    durham = (out / "jurisdictions" / "durham-nc" / "index.html").read_text(encoding="utf-8")
    assert "Population: 283,506 (2020)" in durham


def test_a_broken_catalogue_stops_the_build_naming_its_file_and_line(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    po = theme / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line == 'msgid "Skip to main content"')
    lines[at + 1] = 'msgstr "Saltar al contenido %(principal)s"'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    settings = _settings(tmp_path, f"DEFAULT_LANG = 'es'\nHUB_LANGUAGES = {{}}\nTHEME = {str(theme)!r}")
    result = build(write_site(tmp_path / "content"), out, settings)
    assert result.returncode != 0 and not out.exists()
    assert f"{po}:{at + 1}:" in result.stderr and "%(principal)s" in result.stderr
    assert "Traceback" not in result.stderr
    checked = hub("check", "-s", str(settings), "-i", str(tmp_path / "content"))
    assert checked.returncode == 1 and f"{po}:{at + 1}:" in checked.stderr, checked.stderr


def test_a_third_language_is_one_setting_and_one_catalogue(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("es"))
    po = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
    skip = 'msgid "Skip to main content"\nmsgstr "Aller au contenu principal"\n\n'
    states = 'msgid "%(num)s state"\nmsgid_plural "%(num)s states"\n'
    states += 'msgstr[0] "%(num)s État"\nmsgstr[1] "%(num)s États"\n'
    po.write_text(header + skip + states, encoding="utf-8")
    out = tmp_path / "out"
    result = build(
        write_site(tmp_path / "content"),
        out,
        _settings(tmp_path, f"DEFAULT_LANG = 'fr'\nHUB_LANGUAGES = {{}}\nTHEME = {str(theme)!r}"),
    )
    assert result.returncode == 0, result.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    ordinance = (out / "ordinances" / "fair-rent" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in home and "Aller au contenu principal" in home
    assert '<time datetime="2025-10-01">1 octobre 2025</time>' in home
    assert "1 État" in ordinance
    assert "Browse by issue" in home  # a string the catalogue does not translate yet stays in English

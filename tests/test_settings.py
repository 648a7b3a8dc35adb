"""The settings schema (hub_core/settings.py): every problem in every section reported at once, by the build
and by `make check`, with what to write instead; the documentation names every key."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from hub_core.settings import (
    SECTIONS,
    Brand,
    Contact,
    HubSettings,
    Settings,
    SettingsError,
    read_settings,
    settings_of,
)
from tests.sitekit import ROOT, build, hub, write_site

# Four sections, five mistakes: a wrong type, a value out of range, a misspelt key, a colour readers could
# not read, and a misspelt section name that would otherwise be ignored without a word.
WRONG = (
    "HUB = {**HUB, 'per_page': '20', 'feed_size': 0}\n"
    "HUB_THEME = {**HUB_THEME, 'acent': '#005a32', 'link_dark': '#333333'}\n"
    "HUB_HISTORY = 'no'\n"
    "HUB_HEADER = True\n"
)
EXPECTED = [
    "HUB['per_page']: must be a whole number like 20, not '20'",
    "HUB['feed_size']: must be at least 1, not 0",
    "HUB_THEME['acent']: unknown setting: did you mean 'accent'?",
    "HUB_THEME['link_dark']: #333333 has a contrast of 1.",
    "HUB_HISTORY: must be True or False, not 'no'",
    "HUB_HEADER: unknown setting: did you mean 'HUB_HEADERS'?",
]


def settings_with(folder: Path, lines: str) -> Path:
    path = folder / "settings.py"
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n{lines}")
    return path


def problems_in(stderr: str) -> list[str]:
    return [line.strip() for line in stderr.splitlines() if line.startswith("  HUB")]


def test_a_build_reports_every_settings_problem_in_one_message_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = build(write_site(tmp_path / "content"), out, settings_with(tmp_path, WRONG))
    assert result.returncode == 1
    assert "settings: 6 problems:\n" in result.stderr
    found = problems_in(result.stderr)
    assert len(found) == len(EXPECTED)
    for line, expected in zip(found, EXPECTED, strict=True):
        assert line.startswith(expected), line
    assert "Traceback" not in result.stderr and "SettingsError" not in result.stderr
    assert not out.exists() and "build failed: the site in" in result.stderr


def test_the_devserver_gets_each_settings_problem_as_an_entry(tmp_path):
    import json

    errors = tmp_path / "errors.json"
    content = write_site(tmp_path / "content")
    result = hub(
        "build", "-s", str(settings_with(tmp_path, WRONG)), "-i", str(content), "-o", str(tmp_path / "out"),
        "--errors-json", str(errors),
    )  # fmt: skip
    assert result.returncode == 1
    messages = [entry["message"] for entry in json.loads(errors.read_text())]
    assert [m.split(":")[0] for m in messages] == [e.split(":")[0] for e in EXPECTED]


def test_check_reports_the_settings_problems_beside_the_content_problems(tmp_path):
    content = write_site(tmp_path / "content", {"stories/bad.md": "---\ntitle: No date\n---\nBody.\n"})
    result = hub("check", "-i", str(content), "-s", str(settings_with(tmp_path, WRONG)))
    assert result.returncode == 1
    assert [p.split(":")[0] for p in problems_in(result.stderr)] == [e.split(":")[0] for e in EXPECTED]
    assert "bad.md:" in result.stderr  # the content was checked in the same run
    assert "Traceback" not in result.stderr


def test_check_passes_with_good_settings_and_refuses_a_settings_file_that_does_not_run(tmp_path):
    content = write_site(tmp_path / "content")
    assert hub("check", "-i", str(content), "-s", str(ROOT / "publishconf.py")).returncode == 0
    broken = settings_with(tmp_path, "HUB = {\n")
    result = hub("check", "-i", str(content), "-s", str(broken))
    assert result.returncode == 1
    assert "the settings file cannot be read: SyntaxError" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_settings_are_valid_and_typed():
    import runpy

    for name in ("pelicanconf.py", "publishconf.py"):
        values = {k: v for k, v in runpy.run_path(str(ROOT / name)).items() if k.isupper()}
        typed = read_settings(values)
        assert typed.theme.footer_links[0] == ("Atom feed", "/feeds/all.atom.xml")
        assert typed.headers is (name == "publishconf.py")
        assert typed.hub.drafts is (name == "pelicanconf.py")


def test_an_unknown_key_is_answered_with_the_closest_one_or_the_whole_list():
    with pytest.raises(SettingsError) as caught:
        read_settings({"HUB": {"per_pgae": 3, "zzz": 1}, "HUB_THEMES": {}, "HUB_THEME": {"taglin": "x"}})
    assert caught.value.problems == (
        "HUB['per_pgae']: unknown setting: did you mean 'per_page'?",
        "HUB['zzz']: unknown setting: use one of " + ", ".join(f.name for f in fields(HubSettings)),
        "HUB_THEME['taglin']: unknown setting: did you mean 'tagline'?",
        "HUB_THEMES: unknown setting: did you mean 'HUB_THEME'?",
    )


def test_a_section_must_be_a_dict_and_the_build_s_own_names_are_not_the_user_s():
    expected = r"HUB_THEME: must be a dict, like HUB_THEME = \{'logo': \.\.\.\}"
    with pytest.raises(SettingsError, match=expected):
        read_settings({"HUB_THEME": [("accent", "#000000")]})
    # hub_build and hub_content put these into the settings themselves.
    internal = {"HUB_OUTPUTS": object(), "HUB_PUBLISHED": "/x", "HUB_BACKGROUND": None}
    assert read_settings(internal) == Settings()


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:x", " javascript:x", "java\tscript:x", "data:text/html,x", ""],
)
def test_a_footer_link_is_a_site_path_or_a_web_address(url):
    with pytest.raises(SettingsError, match=r"HUB_THEME\['footer_links'\]: link .* must be a site path"):
        read_settings({"HUB_THEME": {"footer_links": [("Donate", url)]}})


def test_footer_links_keep_paths_and_addresses():
    given = [("Data", "/api/documents.json"), ("Give", "https://example.org/"), ("Mail", "mailto:a@b.org")]
    assert read_settings({"HUB_THEME": {"footer_links": given}}).theme.footer_links == tuple(given)
    with pytest.raises(SettingsError, match=r"list of \(label, URL\) pairs"):
        read_settings({"HUB_THEME": {"footer_links": "/about/"}})


def test_a_long_or_invisible_value_is_quoted_short_and_escaped():
    with pytest.raises(SettingsError) as caught:
        read_settings({"HUB": {"share_image": 7, "per_page": "\x1b[31m" + "9" * 5000}})
    for problem in caught.value.problems:
        assert len(problem) < 140 and "\x1b" not in problem
    assert "\\x1b[31m999" in str(caught.value)


def test_plugins_read_the_typed_settings_checked_at_start_up():
    checked = Settings(hub=HubSettings(per_page=3), theme=Brand(tagline="T"), history=False)
    # What hub_content stored on `initialized` is what every plugin gets: nothing is read twice.
    values = {"HUB": {"per_page": "not checked again"}, "HUB_TYPED_SETTINGS": checked}
    assert settings_of(values) is checked
    assert HubSettings.from_settings(values).per_page == 3 and Brand.from_settings(values).tagline == "T"


def test_the_documentation_describes_every_setting_and_key():
    text = (ROOT / "docs" / "PUBLISHING.md").read_text(encoding="utf-8")
    section = text[text.index("## Settings") :]
    section = section[: section.index("\n## ", 4)] if "\n## " in section[4:] else section
    for name in SECTIONS:
        assert f"`{name}`" in section, name
    for kind in (HubSettings, Brand, Contact):
        for key in fields(kind):
            assert re.search(rf"`{key.name}`", section), key.name

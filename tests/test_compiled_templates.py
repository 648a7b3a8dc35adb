"""Unit tests of hub_pages.compiled: compiled templates kept in CACHE_PATH are used only when a fresh
compile would give the same code (same source, options, filters and tests), and never break a build."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader

from hub_pages.compiled import CompiledTemplates, environment_key


def _enabled(name: str, plugin_list: list[str]) -> bool:
    return name in plugin_list


def _env(folder: Path, cache: Path, plugins: tuple[str, ...] = ("hub_map",), **options: Any) -> Environment:
    """An environment like a Pelican generator's: a theme folder and Pelican's `plugin_enabled` test,
    a partial holding the PLUGINS setting."""
    env = Environment(
        loader=FileSystemLoader(str(folder)), bytecode_cache=CompiledTemplates(cache), **options
    )
    env.tests["plugin_enabled"] = functools.partial(_enabled, plugin_list=list(plugins))
    return env


def _refuse_compiling(env: Environment) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("compiled again")

    env.compile = refuse  # type: ignore[method-assign]


@pytest.fixture
def theme(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    return folder


def test_a_second_environment_loads_the_compiled_template_without_compiling(
    theme: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    assert _env(theme, cache).get_template("page.html").render(title="One") == "<p>One</p>"
    assert len(list(cache.iterdir())) == 1
    second = _env(theme, cache)
    _refuse_compiling(second)
    assert second.get_template("page.html").render(title="Two") == "<p>Two</p>"


def test_an_edited_template_is_compiled_again(theme: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _env(theme, cache).get_template("page.html").render(title="x")
    (theme / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert _env(theme, cache).get_template("page.html").render(title="x") == "<h1>x</h1>"


def test_a_test_folded_into_the_code_keys_it_by_its_arguments(theme: Path, tmp_path: Path) -> None:
    """Jinja evaluates `"hub_map" is plugin_enabled` when it compiles: a cached result from a build with
    another PLUGINS setting must not be used."""
    cache = tmp_path / "cache"
    (theme / "page.html").write_text('{% if "hub_map" is plugin_enabled %}map{% endif %}', encoding="utf-8")
    assert _env(theme, cache, ("hub_map",)).get_template("page.html").render() == "map"
    assert _env(theme, cache, ()).get_template("page.html").render() == ""
    assert _env(theme, cache, ("hub_map",)).get_template("page.html").render() == "map"


def test_a_filter_folded_into_the_code_keys_it_by_its_state(theme: Path, tmp_path: Path) -> None:
    class Suffix:
        def __init__(self, end: str) -> None:
            self.end = end

        def __call__(self, text: str) -> str:
            return text + self.end

    cache = tmp_path / "cache"
    (theme / "page.html").write_text('{{ "a"|suffix }}', encoding="utf-8")
    results = []
    for end in ("!", "?"):
        env = _env(theme, cache)
        env.filters["suffix"] = Suffix(end)
        results.append(env.get_template("page.html").render())
    assert results == ["a!", "a?"]


def test_whitespace_options_and_autoescaping_key_the_code(theme: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (theme / "page.html").write_text("{% if true %}\n  <b>{{ text }}</b>\n{% endif %}", encoding="utf-8")
    plain = _env(theme, cache).get_template("page.html").render(text="<i>")
    trimmed = _env(theme, cache, trim_blocks=True, lstrip_blocks=True, autoescape=True)
    assert trimmed.get_template("page.html").render(text="<i>") == "  <b>&lt;i&gt;</b>\n"
    assert _env(theme, cache).get_template("page.html").render(text="<i>") == plain == "\n  <b><i></b>\n"


def test_a_damaged_or_foreign_file_is_compiled_again(theme: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _env(theme, cache).get_template("page.html")
    (stored,) = cache.iterdir()
    for damage in (b"", b"j2 not bytecode", stored.read_bytes()[:40], b"\x80\x04garbage" * 50):
        stored.write_bytes(damage)
        assert _env(theme, cache).get_template("page.html").render(title="t") == "<p>t</p>"


def test_a_filter_that_cannot_be_keyed_is_never_cached(theme: Path, tmp_path: Path) -> None:
    class Locked:
        def __init__(self) -> None:
            self.lock = threading.Lock()  # does not pickle: no key can say what this filter is

        def __call__(self, text: str) -> str:
            return text

    cache = tmp_path / "cache"
    env = _env(theme, cache)
    env.filters["locked"] = Locked()
    assert environment_key(env, "page.html") is None
    assert env.get_template("page.html").render(title="t") == "<p>t</p>"
    assert list(cache.iterdir()) == []


def test_templates_of_the_same_name_from_other_folders_do_not_share_code(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one = Environment(loader=DictLoader({"page.html": "one"}), bytecode_cache=CompiledTemplates(cache))
    two = Environment(loader=DictLoader({"page.html": "two"}), bytecode_cache=CompiledTemplates(cache))
    assert one.get_template("page.html").render() == "one"
    assert two.get_template("page.html").render() == "two"

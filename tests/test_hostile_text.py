"""Hostile text: YAML bombs and deep nesting, characters that are not text, and text that is merely awkward.

YAML that would exhaust memory or crash the parser is run through the real `check` command in a process of
its own, with a time limit and a memory cap, so a crash or a blow-up fails the test instead of pytest.
Characters that are not text must be refused at their line, by the check and by the build. Everything that
is text (markup characters, quotes, emoji, right-to-left scripts...) must come out as well-formed XML and
JSON in every file the build writes.
"""

from __future__ import annotations

import json
import resource
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hub_content import HubSettings, InvalidContentError, load_site
from tests.sitekit import JURISDICTIONS, build, front, hub, write_site

MEMORY_CAP = 1 << 30  # bytes of address space for the checking process
TIME_LIMIT = 20  # seconds, generous for a loaded machine: a normal check takes well under one


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _check_capped(content: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = hub("check", "-i", str(content), timeout=TIME_LIMIT, preexec_fn=_capped)
    return result, time.perf_counter() - start


def _laughs() -> str:
    """The classic: nine lists of nine aliases of the list before, a billion strings once expanded."""
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines)


NESTED_ALIAS_KEY = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\n? [*b, *b, *b, *b]\n: value"
DOCUMENT_START = "title: T\ndate: 2025-01-01\nsummary: S.\nissues: [housing]\n"

HOSTILE_FRONT_MATTER = {
    "billion-laughs": (_laughs(), 1, "anchors and aliases (&name, *name) are not supported"),
    "nested-alias-key": (NESTED_ALIAS_KEY, 1, "anchors and aliases"),
    "tag": ("title: !!python/object/apply:os.system [echo]", 1, "tags like !!python/object/apply:os"),
    "local-tag": ("title: !mine x", 1, "tags like !mine are not supported"),
    "50000-brackets": ("title: " + "[" * 50_000, 1, "nested more than 20 levels deep"),
    "50000-braces": ("title: " + "{" * 50_000, 1, "nested more than 20 levels deep"),
    "10000-nested-lists": ("issues:\n  " + "- " * 10_000 + "x", 2, "nested more than 20 levels deep"),
    "1-MB-scalar": ("summary: " + "x" * 1_000_000, 0, "the front matter is 1,000,009 characters long"),
    "1000000-character-line": ("title: " + "y" * 1_000_000, 0, "more than the 65,536 allowed"),
}


@pytest.mark.parametrize("name", HOSTILE_FRONT_MATTER)
def test_hostile_front_matter_is_refused_quickly_in_little_memory_with_a_short_message(tmp_path, name):
    fields, line, message = HOSTILE_FRONT_MATTER[name]
    content = write_site(tmp_path / "content", {"stories/x.md": f"---\n{fields}\n---\nBody.\n"})
    result, seconds = _check_capped(content)
    assert result.returncode == 1, result.stderr[-500:]
    assert len(result.stderr) < 2048
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{content / 'stories/x.md'}:{line + 1}: ") and message in first
    assert seconds < 10


HOSTILE_YAML_FILES = {
    "billion-laughs": (_laughs(), 1, "anchors and aliases"),
    "50000-brackets": ("[" * 50_000, 1, "nested more than 20 levels deep"),
    "tag-directive": ("%TAG !e! tag:example.com,2000:\n---\n- slug: !e!x y", 1, "directives (%YAML, %TAG)"),
    "10000-nested-lists": ("- " * 10_000 + "x", 1, "nested more than 20 levels deep"),
    "1-MB-scalar": ("- slug: " + "x" * 1_000_000, 1, "the file is 1,000,008 bytes"),
    "1000000-character-line": ("- slug: " + "x" * 1_000_000, 1, "the file is 1,000,008 bytes, more than"),
    "400000-character-slug": (
        "- slug: " + "x-" * 200_000 + "\n  name: X\n  kind: town",
        1,
        "is 400,000 characters long: shorten it to at most 60",
    ),
}


@pytest.mark.parametrize("name", HOSTILE_YAML_FILES)
def test_hostile_jurisdiction_file_is_refused_quickly_with_a_short_message(tmp_path, name):
    text, line, message = HOSTILE_YAML_FILES[name]
    content = write_site(tmp_path / "content")
    (content / "jurisdictions" / "va.yaml").write_text(text, encoding="utf-8")
    result, seconds = _check_capped(content)
    assert result.returncode == 1, result.stderr[-500:]
    assert len(result.stderr) < 2048
    assert result.stderr.startswith(f"{content / 'jurisdictions/va.yaml'}:{line}: ")
    assert message in result.stderr.splitlines()[0]
    assert seconds < 10


def test_a_million_character_body_line_ending_in_a_control_character_is_refused_at_its_column(tmp_path):
    body = "x" * 1_000_000 + "\x1b[2J"
    content = write_site(tmp_path / "content", {"stories/x.md": front(DOCUMENT_START, body)})
    result, seconds = _check_capped(content)
    assert result.returncode == 1
    assert len(result.stderr) < 2048
    assert result.stderr.startswith(
        f"{content / 'stories/x.md'}:7: U+001B (a control character) at column 1000001: delete it"
    )
    assert seconds < 10


# One character of each class that is refused, with the name the message gives it.
FORBIDDEN = {
    "\x00": "U+0000 (a control character)",
    "\x07": "U+0007 (a control character)",
    "\x0b": "U+000B (a control character)",
    "\x1b": "U+001B (a control character)",
    "\x7f": "U+007F (a control character)",
    "\x85": "U+0085 (a control character)",
    "\x9b": "U+009B (a control character)",
    "\u2028": "U+2028 (an invisible line break)",
    "\u2029": "U+2029 (an invisible line break)",
    "\u202e": "U+202E (a bidirectional override",
    "\u2067": "U+2067 (a bidirectional override",
    "\ufdd0": "U+FDD0 (a noncharacter",
    "\ufffe": "U+FFFE (a noncharacter",
    "\U0001ffff": "U+1FFFF (a noncharacter",
}


def _errors(root: Path) -> list[str]:
    with pytest.raises(InvalidContentError) as caught:
        load_site(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def _places(char: str) -> dict[str, tuple[str, str, int]]:
    """Where a character can hide: file -> (its text, what the site needs there, the line to report)."""
    issue = f"---\ntitle: Housing\nsummary: Homes{char} people can afford.\n---\nIntro.\n"
    nc = JURISDICTIONS["nc"].replace("name: Durham", f"name: Dur{char}ham")
    return {
        "title": ("stories/x.md", front(f"title: A{char}B\n" + DOCUMENT_START[9:]), 2),
        "author": ("stories/x.md", front(DOCUMENT_START + f"authors:\n  - Jane\n  - Sam {char}Lee"), 8),
        "body": ("stories/x.md", front(DOCUMENT_START, f"Text.\n\nMore{char} text."), 9),
        "comment": ("stories/x.md", front(f"# a note{char} here\n" + DOCUMENT_START), 2),
        "issue": ("issues/housing.md", issue, 3),
        "jurisdiction": ("jurisdictions/nc.yaml", nc, 11),
    }


@pytest.mark.parametrize("char", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_characters_that_are_not_text_are_refused_at_their_line_wherever_they_are(tmp_path, char):
    for place, (path, text, line) in _places(char).items():
        root = tmp_path / place
        write_site(root)
        (root / path).write_text(text, encoding="utf-8")
        found = [e for e in _errors(root) if e.startswith(path)]  # other files may miss this one
        assert len(found) == 1 and found[0].startswith(f"{path}:{line}: {FORBIDDEN[char]}"), (place, found)
        assert found[0].endswith(": delete it (most editors do not show it: retype the text around it)")


@pytest.mark.parametrize("escape", ["\\a", "\\e", "\\x85", "\\u202E", "\\L", "\\uFFFE", "\\0", "\\r"])
def test_characters_written_as_yaml_escapes_are_refused_at_the_field(tmp_path, escape):
    text = front(DOCUMENT_START + f'partners: [Acme, "Data{escape}Society"]')
    root = write_site(tmp_path, {"briefs/x.md": text})
    [found] = _errors(root)
    assert found.startswith("briefs/x.md:6: 'partners' contains U+")
    assert found.endswith(": delete it (most editors do not show it: retype the text around it)")


def test_check_and_build_both_refuse_a_bidirectional_override_and_publish_nothing(tmp_path):
    nc = JURISDICTIONS["nc"].replace("name: Durham", "name: \u202eDurham")
    content = write_site(tmp_path / "content")
    (content / "jurisdictions" / "nc.yaml").write_text(nc, encoding="utf-8")
    expected = f"{content / 'jurisdictions/nc.yaml'}:11: U+202E (a bidirectional override"
    checked = hub("check", "-i", str(content))
    assert checked.returncode == 1 and checked.stderr.startswith(expected)
    built = build(content, tmp_path / "output")
    assert built.returncode != 0 and expected in built.stderr
    assert "Traceback" not in built.stderr
    assert not (tmp_path / "output").exists()


# Everything here is text, and awkward in XML, HTML, JSON or a terminal: markup characters, an end of
# CDATA, quotes, an entity, a template tag, an astral-plane letter, an emoji with a modifier, a combining
# accent, right-to-left scripts with their direction marks, U+FEFF and a tab.
AWKWARD = (
    "<b>&amp; \"q\" 'a' ]]> <![CDATA[ --> {{ x }} \\ \U0001d518\U0001f44d\U0001f3fd e\u0301 "
    "\u05e2\u05d1\u05e8\u05d9\u05ea \u200f\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u200e \ufeff\tend"
)
SHOWN = " ".join(AWKWARD.split())  # single-line fields fold runs of spaces and tabs


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def _awkward_site(root: Path) -> Path:
    q = _quoted(AWKWARD)
    ordinance = front(
        f"""\
        title: {_quoted("Ordinance " + AWKWARD)}
        date: 2025-10-01
        summary: {q}
        issues: [housing]
        authors: [{q}]
        adoptions:
          - jurisdiction: durham-nc
            status: adopted
            date: 2025-03-04
            citation: {q}
        """,
        f"Text with {AWKWARD} in it.\n\n## {AWKWARD}\n",
    )
    story = front(
        f"""\
        title: {_quoted("Story " + AWKWARD)}
        date: 2025-09-01
        summary: {q}
        issues: [housing]
        people:
          - name: {q}
            role: {q}
            jurisdiction: durham-nc
        transcript: {q}
        """
    )
    write_site(root, {"ordinances/fair-rent.md": ordinance, "stories/hillsborough-first.md": story})
    issue = f"---\ntitle: {_quoted('Housing ' + AWKWARD)}\nsummary: {q}\n---\n{AWKWARD}\n"
    (root / "issues" / "housing.md").write_text(issue, encoding="utf-8")
    nc = JURISDICTIONS["nc"].replace("name: Durham", f"name: {_quoted('Durham ' + AWKWARD)}")
    (root / "jurisdictions" / "nc.yaml").write_text(nc, encoding="utf-8")
    return root


def test_every_xml_and_json_file_is_well_formed_whatever_text_the_content_holds(tmp_path):
    content = _awkward_site(tmp_path / "content")
    output = tmp_path / "output"
    result = build(content, output)
    assert result.returncode == 0, result.stderr[-3000:]
    xml_files = [p for p in output.rglob("*") if p.suffix in (".xml", ".atom", ".svg")]
    json_files = list(output.rglob("*.json"))
    assert any(p.suffix == ".svg" for p in xml_files) and (output / "sitemap.xml") in xml_files
    texts = []
    for path in xml_files:
        tree = ET.fromstring(path.read_bytes())  # strict: raises on anything not well-formed
        texts.extend(" ".join(tree.itertext()).split("\n"))
    for path in json_files:
        json.loads(path.read_text(encoding="utf-8"))
    # The awkward text did reach the XML, as itself: the feeds carry the titles, the map the place names.
    joined = "\n".join(texts)
    assert "Ordinance " + SHOWN in joined and "Durham " + SHOWN in joined and "Housing " + SHOWN in joined


@pytest.mark.parametrize("name", ["billion-laughs", "50000-brackets"])
def test_make_new_refuses_a_hostile_jurisdiction_file_as_the_check_does(tmp_path, name):
    content = write_site(tmp_path / "content")
    (content / "jurisdictions" / "va.yaml").write_text(HOSTILE_YAML_FILES[name][0], encoding="utf-8")
    args = ("--state", "nc", "--name", "Carrboro", "--kind", "town")
    result = hub("new", "jurisdiction", "-i", str(content), *args)
    assert result.returncode == 1 and "Traceback" not in result.stderr and len(result.stderr) < 2048
    assert f"{content / 'jurisdictions/va.yaml'}:1: " in result.stderr
    assert result.stderr.rstrip().endswith(": run make check and fix it first")


def test_thousands_of_errors_in_one_file_are_listed_twenty_at_a_time(tmp_path):
    slugs = ", ".join(f"unknown-{i}" for i in range(4000))
    text = front(f"title: T\ndate: 2025-01-01\nsummary: S.\nissues: [{slugs}, housing, housing]")
    content = write_site(tmp_path / "content", {"stories/x.md": text})
    result, seconds = _check_capped(content)
    lines = result.stderr.splitlines()
    assert result.returncode == 1 and len(lines) == 22 and seconds < 10
    assert (
        lines[-2]
        == f"{content / 'stories/x.md'}:5: 3,981 more errors in this file from here on: fix those above first"
    )
    assert lines[-1] == "4001 errors in 1 file"

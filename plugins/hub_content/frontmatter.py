"""Split a Markdown source into YAML front matter and body, keeping the line of every field.

Reads the raw bytes of one file; writes nothing. YAML is composed into nodes (not constructed into Python
values) with libyaml when available: nodes keep their line marks for error messages, and the field
converters in `fields` read each scalar as written, so `title: No` stays the text "No".

Content is hostile until checked, so before YAML is composed:
- the whole file is checked for characters that are not text (`chars`), each reported at its line;
- front matter over `MAX_FRONT_MATTER` characters is refused (a YAML file's limit is its reader's);
- the YAML event stream (libyaml's parser is a loop, not a recursion, and stops where we stop reading)
  is read for anchors, aliases, tags and directives, which the hub's fields never need and which let a
  few lines expand into gigabytes, and for nesting deeper than `MAX_DEPTH`, which no field needs and which
  would otherwise crash the recursive composer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from . import chars
from .errors import Problems, excerpt

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FENCE = "---"
MAX_FRONT_MATTER = 64 * 1024  # characters: a long document's fields take about 2,000
MAX_DEPTH = 20  # nested lists and sets of fields: the deepest field (adoptions) needs 3
CORE_TAGS = "tag:yaml.org,2002:"  # what `!!` stands for
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
MAX_CHARACTER_REPORTS = 10  # per file: one bad paste must not bury every other error

ANCHORS = "anchors and aliases (&name, *name) are not supported: write the value out in full"
TAGS = "tags like {tag} are not supported: remove it (put the value in quotes to keep it as text)"
DIRECTIVES = "directives (%YAML, %TAG) are not supported: remove the line"
DEPTH = (
    f"the values are nested more than {MAX_DEPTH} levels deep: no field needs that many; "
    "check the brackets and indentation"
)


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, tuple[yaml.Node, yaml.Node]]  # name -> (key node, value node)
    body: str
    body_line: int  # the file line the body starts on (1-based)


def decode(raw: bytes, problems: Problems) -> str | None:
    """UTF-8 text with Windows line endings folded, or None after reporting what is not text in it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(
            line,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {column}): "
            "save it with UTF-8 encoding in your editor",
        )
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return None if _report_characters(text, problems) else text


def _report_characters(text: str, problems: Problems) -> bool:
    """Report the characters `chars` refuses, at their lines (the first few); True if there were any."""
    found = 0
    for match in chars.every(text):
        found += 1
        if found <= MAX_CHARACTER_REPORTS:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            column = start - text.rfind("\n", 0, start)
            problems.add(line, f"{chars.name(match.group())} at column {column}: {chars.FIX}")
    if found > MAX_CHARACTER_REPORTS:
        problems.add(
            1,
            f"{found} characters that are not text in this file, the first {MAX_CHARACTER_REPORTS} "
            "listed: delete them all",
        )
    return found > 0


def parse_yaml(text: str, problems: Problems) -> yaml.Node | None:
    """Compose YAML text into a node tree, reporting malformed or refused YAML at its line."""
    try:
        if not _plain(yaml.parse(text, Loader=Loader), problems):
            return None
        return yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + problems.line_offset
        reason = excerpt(exc.problem or exc.context)
        problems.add(line, f"invalid YAML: {reason}{_yaml_hint(exc)}")
    except yaml.YAMLError as exc:
        problems.add(1 + problems.line_offset, f"invalid YAML: {excerpt(exc)}")
    return None


def _plain(events: Iterable[yaml.Event], problems: Problems) -> bool:
    """Read the events up to the first refused one; report it and return False, or return True."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        message = _refusal(event, depth)
        if message:
            problems.at(event, message)
            return False
    return True


def _refusal(event: yaml.Event, depth: int) -> str | None:
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        return ANCHORS
    tag = getattr(event, "tag", None)
    if tag:
        shown = "!!" + tag.removeprefix(CORE_TAGS) if tag.startswith(CORE_TAGS) else tag
        return TAGS.format(tag=excerpt(shown, 40))
    if isinstance(event, yaml.DocumentStartEvent) and (event.tags or event.version):
        return DIRECTIVES
    if depth > MAX_DEPTH:
        return DEPTH
    return None


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "mapping values are not allowed" in problem:
        return " (a value that contains ': ' must be put in quotes)"
    if "found character '\\t'" in problem:
        return " (indent with spaces, not tabs)"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return " (check the indentation of this line and the one before)"
    if "found unexpected end of stream" in problem or "unexpected end" in problem:
        return " (a quote or bracket is not closed)"
    return ""


def split(text: str, problems: Problems) -> FrontMatter | None:
    """Find the front matter between the first two `---` lines and compose it into fields."""
    if not text.strip():
        problems.add(1, "the file is empty: start it with front matter between two '---' lines")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        problems.add(1, "missing front matter: the first line must be '---', then the fields, then '---'")
        return None
    close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == FENCE), None)
    if close is None:
        problems.add(
            1,
            "the front matter opened here is never closed: add a line '---' after the last field",
        )
        return None
    yaml_text = "\n".join(lines[1:close])
    if len(yaml_text) > MAX_FRONT_MATTER:
        problems.add(
            1,
            f"the front matter is {len(yaml_text):,} characters long, more than the {MAX_FRONT_MATTER:,} "
            "allowed: long text belongs in the body, below the second '---'",
        )
        return None
    node = parse_yaml(yaml_text, problems)
    if problems:
        return None
    fields = _mapping_fields(node, problems)
    if fields is None:
        return None
    return FrontMatter(fields=fields, body="\n".join(lines[close + 1 :]), body_line=close + 2)


def _mapping_fields(
    node: yaml.Node | None, problems: Problems
) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    if node is None:
        problems.add(2, "the front matter is empty: add at least 'title:'")
        return None
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, "the front matter must be fields written as 'name: value', one per line")
        return None
    return field_nodes(node, problems)


def field_nodes(
    node: yaml.MappingNode, problems: Problems, prefix: str = ""
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A set of fields by name: keys that are not field names, and repeated keys, are reported and left out.

    A key is a field name: a plain word like `title`. YAML would also take a list, a set of fields, a
    number or `null` as a key; none of them names a field.
    """
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name is None or not FIELD_NAME.match(name):
            shown = f"'{excerpt(name)}'" if name is not None else _shape(key)
            problems.at(
                key,
                f"{shown} is not a field name{f' in {prefix!r}' if prefix else ''}: "
                "field names are words like 'title', written before the ':'",
            )
            continue
        if name in fields:
            first = problems.line_of(fields[name][0])
            label = f"{prefix}.{name}" if prefix else name
            problems.at(key, f"field '{excerpt(label)}' is given twice (first on line {first}): keep one")
            continue
        fields[name] = (key, value)
    return fields


def _shape(node: yaml.Node) -> str:
    return "a list" if isinstance(node, yaml.SequenceNode) else "a set of fields"

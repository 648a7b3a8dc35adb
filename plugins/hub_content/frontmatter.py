"""Split a Markdown source into YAML front matter and body, keeping the line of every field.

Reads the raw bytes of one file; writes nothing. YAML is composed into nodes (not constructed into Python
values) with libyaml when available: nodes keep their line marks for error messages, and the field
converters in `fields` read each scalar as written, so `title: No` stays the text "No".
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .errors import Problems

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FENCE = "---"


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, tuple[yaml.Node, yaml.Node]]  # name -> (key node, value node)
    body: str
    body_line: int  # the file line the body starts on (1-based)


def decode(raw: bytes, problems: Problems) -> str | None:
    """UTF-8 text with Windows line endings folded, or None after reporting the first bad byte."""
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
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, problems: Problems) -> yaml.Node | None:
    """Compose YAML text into a node tree, reporting malformed YAML at its line."""
    try:
        return yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + problems.line_offset
        problems.add(line, f"invalid YAML: {exc.problem or exc.context}{_yaml_hint(exc)}")
    except yaml.YAMLError as exc:
        problems.add(1 + problems.line_offset, f"invalid YAML: {exc}")
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
    node = parse_yaml("\n".join(lines[1:close]), problems)
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
    fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
        if name in fields:
            first = problems.line_of(fields[name][0])
            problems.at(key, f"field '{name}' is given twice (first on line {first}): keep one")
            continue
        fields[name] = (key, value)
    return fields

"""Words in other languages inside the site's own files: an issue's `translations` and a place's `names`.

Reads YAML nodes of an issue file or a jurisdiction entry (converters for schemas.py); writes nothing.
Each language code is checked for its form here; whether the site is published in it is checked once
every file is read (translations.language_errors), since that depends on the settings.
"""

from __future__ import annotations

import re

import yaml

from hub_model import IssueTranslation

from .compound import convert_fields
from .errors import excerpt
from .fields import Converter, Ctx, FieldSpec, ReportedError, text
from .frontmatter import field_nodes

LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def issue_translations(specs: tuple[FieldSpec, ...]) -> Converter:
    """`translations: {es: {title: Vivienda, summary: ...}}` in an issue's file, each with `specs`."""

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> tuple[IssueTranslation, ...]:
        return _issue_translations(node, ctx, label, specs)

    return convert


def _issue_translations(
    node: yaml.Node, ctx: Ctx, label: str, specs: tuple[FieldSpec, ...]
) -> tuple[IssueTranslation, ...]:
    found = []
    failed = False
    for key, value in _language_pairs(node, ctx, label, "{es: {title: Vivienda}}"):
        fields = (
            field_nodes(value, ctx.problems, f"{label}.{key.value}")
            if isinstance(value, yaml.MappingNode)
            else None
        )
        if fields is None:
            ctx.problems.at(value, f"'{label}.{key.value}' must be a set of fields: title, summary")
            failed = True
            continue
        try:
            values = convert_fields(fields, specs, ctx, value, f"{label}.{key.value}.")
        except ReportedError:
            failed = True
            continue
        found.append(IssueTranslation(key.value, line=ctx.problems.line_of(key), **values))
    if failed:
        raise ReportedError()
    return tuple(found)


def names(node: yaml.Node, ctx: Ctx, label: str) -> tuple[tuple[str, str], ...]:
    """`names: {es: Nuevo México}` in a jurisdiction's entry."""
    found = []
    convert = text(200)
    failed = False
    for key, value in _language_pairs(node, ctx, label, "{es: Nuevo México}"):
        try:
            found.append((key.value, convert(value, ctx, f"{label}.{key.value}")))
        except ReportedError:
            failed = True
    if failed:
        raise ReportedError()
    return tuple(found)


def _language_pairs(
    node: yaml.Node, ctx: Ctx, label: str, example: str
) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise ctx.fail(node, f"'{label}' must be a set of language: value pairs: write it like {example}")
    pairs, seen, failed = [], set(), False
    for key, value in node.value:
        code = key.value if isinstance(key, yaml.ScalarNode) else ""
        if not LANGUAGE.match(code):
            ctx.problems.at(
                key, f"'{excerpt(str(code))}' in '{label}' is not a language code: write one like es"
            )
            failed = True
        elif code in seen:
            ctx.problems.at(key, f"'{code}' is given twice in '{label}': keep one")
            failed = True
        else:
            seen.add(code)
            pairs.append((key, value))
    if failed:
        raise ReportedError()
    return pairs

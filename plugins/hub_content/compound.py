"""Compound fields: a YAML list converted item by item, a nested record and a file's whole set of fields
converted field by field, every bad item and field reported at its line.

Reads YAML nodes (through the converters of fields.py); writes nothing. Every list refuses an entry given
twice; every set of fields reports unknown, missing and empty required fields, with the closest known
name suggested.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from .errors import excerpt
from .fields import Converter, Ctx, FieldSpec, ReportedError, is_empty, suggest
from .frontmatter import field_nodes


def listing(
    item: Converter,
    *,
    what: str,
    min_items: int = 0,
    same: Callable[[Any], str] | None = None,
    once: str = "remove one",
) -> Converter:
    """A YAML list; each item converted on its own so every bad item is reported, and none given twice.

    Two items are the same when `same` gives both the same text (by default: text items compared
    without regard to case). `once` is the fix the message proposes.
    """

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> tuple[Any, ...]:
        if not isinstance(node, yaml.SequenceNode):
            example = f"[{excerpt(node.value)}]" if isinstance(node, yaml.ScalarNode) else "[a, b]"
            raise ctx.fail(node, f"'{label}' must be a list of {what}: write it as {label}: {example}")
        values, failed = [], False
        seen: dict[str, yaml.Node] = {}  # casefolded value -> the node that first gave it
        for index, child in enumerate(node.value):
            try:
                value = item(child, ctx, f"{label}[{index + 1}]" if _is_record(child) else label)
            except ReportedError:
                failed = True
                continue
            values.append(value)
            shown = same(value) if same else value if isinstance(value, str) else None
            if shown is not None and _listed_twice(ctx, seen, child, shown, label, once):
                failed = True
        if failed:
            raise ReportedError()
        if len(values) < min_items:
            raise ctx.fail(node, f"'{label}' needs at least {min_items} of {what}")
        return tuple(values)

    return convert


def _listed_twice(
    ctx: Ctx, seen: dict[str, yaml.Node], child: yaml.Node, shown: str, label: str, once: str
) -> bool:
    """Whether an earlier item of the list gave `shown` too (then reported at this one); else it is noted."""
    first = seen.setdefault(shown.casefold(), child)
    if first is child:
        return False
    line = ctx.problems.line_of(first)
    ctx.problems.at(child, f"'{excerpt(shown)}' is listed twice in '{label}' (first on line {line}): {once}")
    return True


def _is_record(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode)


def record(
    specs: tuple[FieldSpec, ...],
    build: Callable[..., Any],
    check: Callable[[dict[str, Any], yaml.Node, Ctx, str], None] | None = None,
) -> Converter:
    """A nested set of fields (an adoption, a person), built into a typed record."""

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            names = ", ".join(s.name for s in specs)
            raise ctx.fail(node, f"each item of '{label}' must be a set of fields ({names})")
        known = len(ctx.problems.errors)
        fields = field_nodes(node, ctx.problems, label)
        values = convert_fields(fields, specs, ctx, node, label + ".")
        if len(ctx.problems.errors) > known:  # a key that was not a field name
            raise ReportedError()
        if check:
            check(values, node, ctx, label)
        return build(**values)

    return convert


def convert_fields(
    fields: dict[str, tuple[yaml.Node, yaml.Node]],
    specs: tuple[FieldSpec, ...],
    ctx: Ctx,
    anchor: yaml.Node | None,
    prefix: str = "",
    what: str = "this document",
) -> dict[str, Any]:
    """Convert every field; report unknown, missing and bad ones; raise ReportedError if any was wrong."""
    known = {spec.name: spec for spec in specs}
    failed = False
    for name, (name_node, _) in fields.items():
        if name not in known:
            hint = suggest(name, known) or f": the fields of {what} are {', '.join(known)}"
            ctx.problems.at(name_node, f"unknown field '{prefix}{excerpt(name)}'{hint}")
            failed = True
    values: dict[str, Any] = {}
    for spec in specs:
        key, node = fields.get(spec.name, (None, None))
        if node is None or is_empty(node):
            if spec.required:
                where = f"write it like {spec.name}: {spec.example}" if spec.example else "add it"
                verb = "is empty" if node is not None else "is missing"
                line = ctx.problems.line_of(key or anchor) if (key or anchor) else 1
                ctx.problems.add(line, f"required field '{prefix}{spec.name}' {verb}: {where}")
                failed = True
            values[spec.name] = spec.default
            continue
        try:
            values[spec.name] = spec.convert(node, ctx, prefix + spec.name)
        except ReportedError:
            failed = True
    if failed:
        raise ReportedError()
    return values

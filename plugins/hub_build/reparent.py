"""Give an existing place a parent: `make new TYPE=jurisdiction SLUG=apex-nc PARENT=wake-county-nc`.

Reads the state's jurisdictions file and the built-in places (`hub_content.builtin`); writes that file:
for an entry of the file, it sets the entry's `parent` line (replacing the one there, or adding one after
the `slug` line), leaving every other line as it was; for a built-in county without an entry, it appends
an entry that extends the county with the parent. Raises `NewError` without writing when it cannot.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from hub_content.builtin import builtin_jurisdictions
from hub_content.errors import Problems, display_path, excerpt
from hub_content.fields import SLUG, suggest
from hub_content.frontmatter import decode, parse_yaml
from hub_content.loader import JURISDICTIONS_FOLDER
from hub_model import Jurisdiction

from .scaffold import (
    Created,
    NewError,
    append_jurisdiction,
    jurisdiction_slugs,
    jurisdiction_text,
    yaml_scalar,
)

NEXT = "run make check"


def set_parent(root: Path, slug: str, parent: str) -> Created:
    """Make `parent` the parent of the place `slug`, in the state's file; raise NewError if it cannot."""
    slug, parent = slug.strip().lower(), parent.strip().lower()
    for given, what in ((slug, "SLUG"), (parent, "PARENT")):
        if given and not SLUG.match(given):
            raise NewError(
                f"{what}='{excerpt(given)}' is not a slug: use lowercase a-z, 0-9 and '-', like apex-nc"
            )
    if not parent:
        raise NewError(
            f"say which place encloses {slug}: make new TYPE=jurisdiction SLUG={slug} PARENT=<slug>"
        )
    taken = jurisdiction_slugs(root)
    builtin = builtin_jurisdictions()
    state = taken[slug][1] if slug in taken else builtin[slug].state if slug in builtin else ""
    if not state:
        known = [*taken, *builtin]
        raise NewError(
            f"there is no place '{slug}'{suggest(slug, known)}: add it first with STATE, NAME and KIND"
        )
    _check_parent(slug, parent, state, taken, builtin)
    path = root / JURISDICTIONS_FOLDER / f"{state}.yaml"
    if slug in taken:
        _set_in_file(path, slug, parent)
        return Created(path, f"set the parent of {slug} to {parent} in {display_path(str(path))}", NEXT)
    county = builtin[slug]
    append_jurisdiction(path, state, jurisdiction_text(_entry(county, parent)))
    return Created(path, f"added {slug}, with parent {parent}, to {display_path(str(path))}", NEXT)


def _entry(county: Jurisdiction, parent: str) -> dict[str, str]:
    """The fields of an entry extending a built-in county (its coordinates stay the built-in ones)."""
    return {
        "slug": county.slug,
        "name": yaml_scalar(county.name),
        "kind": county.kind.value,
        "parent": parent,
    }


def _check_parent(
    slug: str, parent: str, state: str, taken: dict[str, tuple[str, str]], builtin: dict[str, Jurisdiction]
) -> None:
    """The parent is the state or a place in it, and not the place itself."""
    if parent == slug:
        raise NewError(f"'{slug}' cannot be its own parent: give the place that encloses it")
    known = [s for s, (_, s_state) in taken.items() if s_state == state]
    known += [j.slug for j in builtin.values() if j.state == state and not j.is_state]
    if parent != state and parent not in known:
        raise NewError(
            f"the parent '{parent}'{suggest(parent, known)} is not a place in {state}: "
            f"use the state's code, {state}, or a place of that state"
        )


def _set_in_file(path: Path, slug: str, parent: str) -> None:
    """Replace the entry's `parent` value on its line, or add a `parent` line after the `slug` line."""
    raw = path.read_bytes()
    problems = Problems(str(path))
    text = decode(raw, problems)
    node = parse_yaml(text, problems) if text is not None else None
    if node is None or "\r" in raw.decode("utf-8").replace("\r\n", ""):
        raise NewError(f"{display_path(str(path))} cannot be read: run make check and fix it first")
    fields = _entry_fields(node, slug)
    if fields is None:
        raise NewError(
            f"the entry of '{slug}' in {display_path(str(path))} is written on one line: edit it by hand"
        )
    lines = raw.decode("utf-8").removeprefix("\ufeff").split("\n")
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    end = "\r" if lines[0].endswith("\r") else ""
    if "parent" in fields:
        key, value = fields["parent"]
        if key.start_mark.line != value.end_mark.line:
            raise NewError(f"the parent of '{slug}' spans several lines: edit it by hand")
        line = lines[key.start_mark.line]
        lines[key.start_mark.line] = (
            f"{line[: key.start_mark.column]}parent: {parent}{line[value.end_mark.column :]}"
        )
    else:
        key, value = fields["slug"]
        lines.insert(value.end_mark.line + 1, f"{' ' * key.start_mark.column}parent: {parent}{end}")
    tmp = path.with_name(f".{path.name}.new")
    tmp.write_bytes((bom + "\n".join(lines)).encode("utf-8"))
    tmp.replace(path)  # whole or not at all: a reader never sees half a file


def _entry_fields(node: yaml.Node, slug: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    """The key and value nodes of the block-style entry whose slug is `slug`; None for a flow-style one."""
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if not isinstance(item, yaml.MappingNode):
            continue
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {
            str(k.value): (k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)
        }
        found = fields.get("slug")
        if found and isinstance(found[1], yaml.ScalarNode) and found[1].value.strip() == slug:
            return None if item.flow_style else fields
    return None

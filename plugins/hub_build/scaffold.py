"""Start a new document, person, partner or jurisdiction: `python -m hub_build new TYPE ...`, behind
`make new`.

Reads the content folder (to refuse a path or slug that is taken, and to list the issues to choose
from) and the field specs in `hub_content.schemas`; writes one new Markdown file, or appends one entry to
a state's jurisdictions file (creating it if needed). Never overwrites anything: a taken path or slug
raises `NewError`, which the command line prints and exits 1 on.

Every field of the type is written with a one-line note from its spec's `doc` and `example`: the title
and date filled in, other required fields present but empty (so `make check` names what to fill in),
optional fields commented out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from unidecode import unidecode

from hub_content.addresses import RESERVED_PAGE_SLUGS
from hub_content.builtin import builtin_jurisdictions
from hub_content.errors import Problems, display_path
from hub_content.fields import FieldSpec, suggest
from hub_content.frontmatter import decode, parse_yaml
from hub_content.loader import ISSUES_FOLDER, JURISDICTIONS_FOLDER
from hub_content.people import (
    LINK_FIELDS,
    PARTNER_FIELDS,
    PARTNERS_FOLDER,
    PEOPLE_FOLDER,
    PERSON_FILE_FIELDS,
)
from hub_content.schemas import (
    ADOPTION_FIELDS,
    DOC_TYPES,
    ISSUE_FIELDS,
    JURISDICTION_FIELDS,
    PERSON_FIELDS,
    SOURCE_FIELDS,
    document_fields,
)
from hub_model import STATES, DocType, Jurisdiction, JurisdictionKind

ISSUE = "issue"
JURISDICTION = "jurisdiction"
DOCUMENT_TYPES: tuple[str, ...] = (*(t.name for t in DOC_TYPES), ISSUE)
PERSON, PARTNER = "person", "partner"
# A person's or partner's file: its folder, fields and the label its first comment line gives.
PROFILES: dict[str, tuple[str, tuple[FieldSpec, ...], str]] = {
    PERSON: (PEOPLE_FOLDER, PERSON_FILE_FIELDS, "Person"),
    PARTNER: (PARTNERS_FOLDER, PARTNER_FIELDS, "Partner"),
}
TYPES: tuple[str, ...] = (*DOCUMENT_TYPES, JURISDICTION, PERSON, PARTNER)

# Fields holding a list of records: their own fields are written, commented out, as one example item.
NESTED: dict[str, tuple[FieldSpec, ...]] = {
    "adoptions": ADOPTION_FIELDS,
    "people": PERSON_FIELDS,
    "sources": SOURCE_FIELDS,
    "links": LINK_FIELDS,
}

NOTE = "  # "


class NewError(Exception):
    """Nothing was written: the message says why and what to do instead."""


@dataclass(frozen=True)
class Created:
    path: Path
    what: str
    """What was done, for the command line: "created PATH" or "added SLUG to PATH"."""
    next_step: str


def slugify(text: str) -> str:
    """A file name from a title: 'San José Rent Rules' -> 'san-jose-rent-rules'."""
    plain = unidecode(text).lower().replace("&", " and ")
    plain = re.sub(r"['`]", "", plain)  # "Don't" -> "dont", not "don-t"
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def new_document(root: Path, type_name: str, title: str, today: dt.date) -> Created:
    """Write `<root>/<folder>/<slug>.md` for a new document or issue; raise NewError if it cannot."""
    _check_root(root)
    title = " ".join(title.split())
    if not title:
        raise NewError(f'give the {type_name} a title: make new TYPE={type_name} TITLE="..."')
    slug = slugify(title)
    if not slug:
        raise NewError(f"the title '{title}' gives no file name: use some letters or digits in it")
    specs: tuple[FieldSpec, ...]
    if type_name == ISSUE:
        folder, specs, label = ISSUES_FOLDER, ISSUE_FIELDS, "Issue"
    else:
        doc_type = _doc_type(type_name)
        folder, specs, label = doc_type.folder, document_fields(doc_type), str(doc_type.label)
        _check_document_slug(root, doc_type, slug)
    path = root / folder / f"{slug}.md"
    if path.exists():
        raise NewError(
            f"{display_path(str(path))} already exists: open it to edit it, or choose another title"
        )
    filled = {"title": yaml_scalar(title), "date": today.isoformat()}
    text = _document_text(label, specs, filled, _issues(root), _body(type_name, title))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    empty = [s.name for s in specs if s.required and s.name not in filled]
    step = f"fill in {_and(empty)}, then run make check" if empty else "write the text, then run make check"
    return Created(path, f"created {display_path(str(path))}", step)


def new_profile(root: Path, type_name: str, name: str) -> Created:
    """Write `<root>/people/<slug>.md` or `<root>/partners/<slug>.md`; raise NewError if it cannot."""
    _check_root(root)
    name = " ".join(name.split())
    slug = slugify(name)
    if not slug:
        raise NewError(
            f'give the {type_name} a name with letters or digits: make new TYPE={type_name} NAME="..."'
        )
    folder, specs, label = PROFILES[type_name]
    path = root / folder / f"{slug}.md"
    if path.exists():
        raise NewError(f"{display_path(str(path))} already exists: open it to edit it")
    text = _document_text(label, specs, {"name": yaml_scalar(name)}, [], _body(type_name, name))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    return Created(
        path,
        f"created {display_path(str(path))}",
        f"fill in only what is public and sourced, then name it as {slug} and run make check",
    )


def new_jurisdiction(root: Path, state: str, name: str, kind: str, parent: str | None = None) -> Created:
    """Append an entry to `<root>/jurisdictions/<state>.yaml`; raise NewError if it cannot."""
    _check_root(root)
    state = _state_code(state)
    kind = _jurisdiction_kind(kind)
    name = " ".join(name.split())
    base = slugify(name)
    if not base:
        raise NewError('give the jurisdiction a name with letters or digits: NAME="Carrboro"')
    slug = f"{base}-{state}"
    taken = jurisdiction_slugs(root)
    if slug in taken:
        where, _ = taken[slug]
        raise NewError(
            f"the jurisdiction '{slug}' already exists ({where}): use that one, or add this one by hand "
            f"with another slug (docs/CONTENT.md, Jurisdictions){_reparent_hint(slug, parent)}"
        )
    builtin = builtin_jurisdictions()
    if slug in builtin:
        raise NewError(
            f"'{slug}' is built in ({builtin[slug].name}): name it in documents as it is"
            f"{_reparent_hint(slug, parent)}"
        )
    if parent:
        parent = _parent_slug(root, parent, state, taken, builtin)
    path = root / JURISDICTIONS_FOLDER / f"{state}.yaml"
    values = {"slug": slug, "name": yaml_scalar(name), "kind": kind, "parent": parent or ""}
    append_jurisdiction(path, state, jurisdiction_text(values))
    return Created(
        path,
        f"added {slug} to {display_path(str(path))}",
        "add lat and lon if you know them, then run make check",
    )


def _state_code(state: str) -> str:
    """The state's postal code, lowercase; raise NewError if it is none."""
    state = state.strip().lower()
    if state not in STATES:
        raise NewError(
            f"'{state}' is not a state's postal code{suggest(state, STATES)}: use two letters, like STATE=nc"
        )
    return state


def _jurisdiction_kind(kind: str) -> str:
    """A jurisdiction's kind (city, town, county...), lowercase; raise NewError if it is none."""
    kinds = [k.value for k in JurisdictionKind if k is not JurisdictionKind.STATE]
    kind = kind.strip().lower()
    if kind not in kinds:
        raise NewError(f"the kind '{kind}'{suggest(kind, kinds)} is not known: use one of {', '.join(kinds)}")
    return kind


def _reparent_hint(slug: str, parent: str | None) -> str:
    """How to give an existing place a parent instead, when one was asked for."""
    return f"; to set its parent: make new TYPE=jurisdiction SLUG={slug} PARENT={parent}" if parent else ""


def _parent_slug(
    root: Path, parent: str, state: str, taken: dict[str, tuple[str, str]], builtin: dict[str, Jurisdiction]
) -> str:
    """The parent's slug, lowercase: the state itself, a jurisdiction of its file or a built-in county of
    the state; raise NewError if not."""
    parent = parent.strip().lower()
    known = [s for s, (_, s_state) in taken.items() if s_state == state]
    known += [j.slug for j in builtin.values() if j.state == state and not j.is_state]
    if parent != state and parent not in known:
        raise NewError(
            f"the parent '{parent}'{suggest(parent, known)} is not a jurisdiction in "
            f"{display_path(str(root / JURISDICTIONS_FOLDER / (state + '.yaml')))}: add it first, or "
            "leave PARENT out (the state is the parent then)"
        )
    return parent


def append_jurisdiction(path: Path, state: str, text: str) -> None:
    """Add `text` to the state's file, after a line break if its end lacks one; a new file gets a heading."""
    if path.exists():
        raw = path.read_bytes()
        lead = "\n" if raw and not raw.endswith(b"\n") else ""
    else:
        lead = f"# {STATES[state]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8", newline="") as out:  # the lines already there stay as they are
        out.write(lead + text)


def _check_root(root: Path) -> None:
    if not root.is_dir():
        raise NewError(f"the content folder {display_path(str(root))} does not exist")


def _doc_type(name: str) -> DocType:
    return next(t for t in DOC_TYPES if t.name == name)


def _check_document_slug(root: Path, doc_type: DocType, slug: str) -> None:
    """Slugs are unique across all documents, and a page must not take an address of the site's own."""
    if not doc_type.url_prefix and slug in RESERVED_PAGE_SLUGS:
        raise NewError(f"the address /{slug}/ is used by the site itself: choose another title")
    for other in DOC_TYPES:
        path = root / other.folder / f"{slug}.md"
        if other is not doc_type and path.exists():
            raise NewError(
                f"the slug '{slug}' is taken by {display_path(str(path))} (documents of every type share "
                "one set of file names): choose another title"
            )


def _issues(root: Path) -> list[str]:
    folder = root / ISSUES_FOLDER
    return (
        sorted(p.stem for p in folder.glob("*.md") if not p.name.startswith(".")) if folder.is_dir() else []
    )


def yaml_scalar(value: str) -> str:
    """The value as YAML text: plain when YAML reads it back unchanged, in double quotes otherwise."""
    try:
        plain = yaml.safe_load(f"v: {value}")
    except yaml.YAMLError:
        plain = None
    if plain == {"v": value} and " #" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _line(text: str, note: str) -> str:
    return f"{text}{NOTE}{note}" if note else text


def _note(spec: FieldSpec, required: bool = False) -> str:
    note = spec.doc
    if required:
        example = f"example: {spec.name}: {spec.example}" if spec.example else ""
        note = f"required: {note}" + (f" ({example})" if note and example else example)
    return note


def _field_lines(spec: FieldSpec, filled: dict[str, str], indent: str = "") -> list[str]:
    if spec.name in filled:
        value = filled[spec.name]
        comment = "" if spec.required else "# "
        return [_line(f"{indent}{comment}{spec.name}: {value}", spec.doc)]
    if spec.required:
        return [_line(f"{indent}{spec.name}:", _note(spec, required=True))]
    nested = NESTED.get(spec.name)
    if nested:
        lines = [_line(f"{indent}# {spec.name}:", spec.doc)]
        for index, sub in enumerate(nested):
            lead = "  - " if index == 0 else "    "
            lines.append(_line(f"{indent}# {lead}{sub.name}: {sub.example}".rstrip(), sub.doc))
        return lines
    return [_line(f"{indent}# {spec.name}: {spec.example}".rstrip(), spec.doc)]


def _document_text(
    label: str, specs: tuple[FieldSpec, ...], filled: dict[str, str], issues: list[str], body: str
) -> str:
    lines = [
        "---",
        f"# {label}: fill in any field left empty after its colon, write the text below the second ---,",
        "# then run make check. Lines starting with # are optional fields: remove the # to use one.",
    ]
    for spec in specs:
        if spec.name == "issues" and issues:
            lines.append(f"# issues to choose from: {', '.join(issues)}")
        lines.extend(_field_lines(spec, filled))
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def jurisdiction_text(values: dict[str, str]) -> str:
    lines = []
    for index, spec in enumerate(JURISDICTION_FIELDS):
        value = values.get(spec.name)
        line = _line(f"{spec.name}: {value}", spec.doc) if value else _field_lines(spec, {})[0]
        lines.append(("- " if index == 0 else "  ") + line)
    return "\n".join(lines) + "\n"


def jurisdiction_slugs(root: Path) -> dict[str, tuple[str, str]]:
    """Every jurisdiction slug in the content folder: slug -> (where, as `path:line`, state)."""
    taken: dict[str, tuple[str, str]] = {}
    folder = root / JURISDICTIONS_FOLDER
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        # The check's own reader: it refuses aliases, deep nesting and what is not text before composing.
        problems = Problems(str(path))
        text = decode(path.read_bytes(), problems)
        node = parse_yaml(text, problems) if text is not None else None
        if problems:
            raise NewError(f"{problems.errors[0]}: run make check and fix it first")
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        for item in items:
            for key, value in item.value if isinstance(item, yaml.MappingNode) else []:
                if key.value == "slug" and isinstance(value, yaml.ScalarNode):
                    where = f"{display_path(str(path))}:{value.start_mark.line + 1}"
                    taken.setdefault(value.value.strip(), (where, path.stem))
    return taken


def _and(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _body(type_name: str, title: str) -> str:
    """A short skeleton of the text, to be replaced."""
    if type_name == "ordinance":
        sections = [
            ("Title", f"This ordinance may be cited as the [JURISDICTION] {title}."),
            ("Findings and purpose", "The [GOVERNING BODY] of [JURISDICTION] finds that..."),
            ("Definitions", "For the purposes of this ordinance:"),
            ("Requirements", "Write the rules here; use ### 4.1, ### 4.2... for subsections."),
            ("Enforcement", "The [AGENCY] shall enforce this ordinance."),
            ("Effective date", "This ordinance takes effect on [DATE]."),
        ]
        return "\n".join(f"## Section {n}. {head}\n\n{text}\n" for n, (head, text) in enumerate(sections, 1))
    bodies = {
        "brief": (
            "What the brief finds, in a few sentences of our own words.\n\n## Key findings\n\n- ...\n\n"
            "## Recommendations for local officials\n\n- ...\n"
        ),
        "story": "Start with the people and the place: what they did, how, and what others can learn.\n",
        "news": "What happened, who took part and what comes next.\n",
        "event": "What the event is about and who it is for: only what the announcement says.\n",
        "page": "The text of the page.\n",
        ISSUE: "Introduce the issue: why it matters locally and what local officials can do.\n",
        PERSON: "A short bio: only what the person has made public, in the site's language.\n",
        PARTNER: "What the organization does, in a sentence or two of our own words.\n",
    }
    return bodies[type_name]

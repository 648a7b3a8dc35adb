"""Read one source file into a typed record: a document, an issue, or a state's jurisdictions.

Reads one file (and checks that files it names exist); writes nothing. Each function is pure and returns
its record (or None), the slugs it refers to and its errors, so files can be read in any order, in
parallel, or from a cache, and the references checked once everything is read.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hub_model import (
    STATES,
    DocType,
    Document,
    EventDetails,
    Issue,
    Jurisdiction,
    JurisdictionKind,
    ModelSection,
    OrdinanceDetails,
)

from .body import BodyRenderer
from .builtin import state_jurisdictions as state_jurisdictions  # where tests and older callers look
from .compound import convert_fields
from .errors import ContentError, Problems, excerpt
from .events import check_event, with_lines
from .fields import SLUG, Ctx, Ref, ReportedError
from .frontmatter import decode, field_nodes, parse_yaml, split
from .places import with_adoption_places as with_adoption_places
from .provisions import check_provisions, model_sections
from .schemas import ISSUE_FIELDS, JURISDICTION_FIELDS, document_fields
from .sources import unsourced_findings
from .translations import read_translation, translation_name

MAX_SLUG = 60  # characters of a jurisdiction's slug: the longest county with its state needs about 35
MAX_JURISDICTIONS_FILE = 512 * 1024  # bytes: Texas, with some 1,500 places, would need about 150 KB


@dataclass
class ReadResult:
    path: str
    records: list[Any] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)


def front_matter_values(
    path: Path, root: Path, specs: tuple, what: str, renderer: BodyRenderer, url: str
) -> tuple[dict[str, Any] | None, str, Ctx, Any]:
    """Decode, split and convert a Markdown file; the body is rendered and checked even when fields fail."""
    problems = Problems(str(path), line_offset=1)
    text = decode(path.read_bytes(), problems)
    ctx = Ctx(problems, root, lines=text.split("\n") if text else [])
    front = split(text, problems) if text is not None else None
    if front is None:
        return None, "", ctx, None
    try:
        values: dict[str, Any] | None = convert_fields(front.fields, specs, ctx, None, what=what)
    except ReportedError:
        values = None
    html = renderer.render(front.body, front.body_line, problems, depth=url.count("/"))
    return values, html, ctx, front


def read_document(path: Path, root: Path, doc_type: DocType, renderer: BodyRenderer) -> ReadResult:
    if translation_name(path.stem) is not None:  # `<slug>.<lang>.md`: paired with its original later
        translation, ctx = read_translation(path, root, doc_type, renderer)
        result = ReadResult(str(path), refs=ctx.refs, errors=ctx.problems.errors)
        result.records.extend([translation] if translation and not result.errors else [])
        return result
    specs = document_fields(doc_type)
    what, url = f"a {doc_type.name}", doc_type.url_for(path.stem)
    values, html, ctx, front = front_matter_values(path, root, specs, what, renderer, url)
    sections = model_sections(html) if doc_type.details is OrdinanceDetails else None
    if front is not None:
        check_provisions(front.fields.get("adoptions", (None, None))[1], sections, ctx)
    if values is not None:
        _check_document(values, front.fields, ctx)
        if doc_type.details is EventDetails:
            check_event(values, front.fields, ctx)
        unsourced = unsourced_findings(str(path), doc_type.name, html, values["sources"])
        if unsourced is not None:
            ctx.problems.warnings.append(unsourced)
    result = ReadResult(str(path), refs=ctx.refs, errors=ctx.problems.errors, warnings=ctx.problems.warnings)
    if values is None or result.errors:
        return result
    own = {spec.name for spec in doc_type.fields}
    maker = doc_type.details
    details = maker(**{k: v for k, v in values.items() if k in own}) if own and maker else None
    if isinstance(details, OrdinanceDetails) and sections:
        details = in_model_order(details, sections)
    if isinstance(details, EventDetails):
        details = with_lines(details, front.fields, ctx)
    common = {k: v for k, v in values.items() if k not in own}
    common["jurisdictions"] = with_adoption_places(common["jurisdictions"], details)
    result.records.append(
        Document(type=doc_type, slug=path.stem, body_html=html, source=str(path), details=details, **common)
    )
    return result


def in_model_order(details: OrdinanceDetails, sections: tuple[ModelSection, ...]) -> OrdinanceDetails:
    """Each adoption's provisions in the order of the model's sections (every anchor was checked)."""
    order = {s.anchor: index for index, s in enumerate(sections)}
    adoptions = tuple(
        dataclasses.replace(a, provisions=tuple(sorted(a.provisions, key=lambda p: order[p[0]])))
        for a in details.adoptions
    )
    return dataclasses.replace(details, adoptions=adoptions)


def _check_document(values: dict[str, Any], fields: dict[str, Any], ctx: Ctx) -> None:
    """Rules that tie two fields together."""
    if values["image"] and not values["image_alt"]:
        ctx.problems.at(
            fields["image"][0],
            "'image' is set but 'image_alt' is missing: add image_alt: "
            "a short description of what the image shows",
        )
    if values["image_alt"] and not values["image"]:
        ctx.problems.at(
            fields["image_alt"][0],
            "'image_alt' is set but there is no 'image': add the image or remove image_alt",
        )
    _check_image(values, fields, ctx)
    if values["updated"] and values["date"] and values["updated"] < values["date"]:
        ctx.problems.at(
            fields["updated"][0],
            f"'updated' ({values['updated']}) is before 'date' "
            f"({values['date']}): updated is the date of a later change",
        )


def _check_image(values: dict[str, Any], fields: dict[str, Any], ctx: Ctx) -> None:
    """An image names who made it; a caption or credit goes with an image."""
    if values["image"] and not values["image_credit"]:
        ctx.problems.at(
            fields["image"][0],
            "'image' is set but 'image_credit' is missing: add image_credit: who made it, like "
            "'Photo: Jane Doe' or, for a drawing of the site's own, 'Illustration: <site name>'",
        )
    for name in ("image_credit", "image_caption"):
        if values[name] and not values["image"]:
            ctx.problems.at(
                fields[name][0], f"'{name}' is set but there is no 'image': add the image or remove {name}"
            )


def read_enacted(path: Path) -> ReadResult:
    """An enacted text named by an adoption's `text`: it must be UTF-8 text without hidden characters
    (its size was checked with every source file's); only its path is kept for now."""
    problems = Problems(str(path))
    decode(path.read_bytes(), problems)
    return ReadResult(str(path), errors=problems.errors)


def read_issue(path: Path, root: Path, renderer: BodyRenderer) -> ReadResult:
    url = f"issues/{path.stem}/"
    values, html, ctx, _ = front_matter_values(path, root, ISSUE_FIELDS, "an issue", renderer, url)
    result = ReadResult(str(path), refs=ctx.refs, errors=ctx.problems.errors)
    if values is not None and not result.errors:
        result.records.append(Issue(slug=path.stem, body_html=html, source=str(path), **values))
    return result


def read_jurisdictions(path: Path, root: Path) -> ReadResult:
    """A state's file: a YAML list of jurisdictions, each checked on its own."""
    problems = Problems(str(path))
    ctx = Ctx(problems, root)
    result = ReadResult(str(path), refs=ctx.refs, errors=problems.errors)
    state = path.stem
    if state not in STATES:
        problems.add(
            1, f"'{path.name}' is not named after a state: use the two-letter postal code, like nc.yaml"
        )
        return result
    size = path.stat().st_size
    if size > MAX_JURISDICTIONS_FILE:  # checked before reading, so a huge file is never held in memory
        problems.add(
            1,
            f"the file is {size:,} bytes, more than the {MAX_JURISDICTIONS_FILE:,} allowed for a state's "
            "jurisdictions: remove what is not a jurisdiction",
        )
        return result
    text = decode(path.read_bytes(), problems)
    ctx.lines = text.split("\n") if text else []
    node = parse_yaml(text, problems) if text is not None else None
    if node is None:
        if not problems.errors:
            problems.add(1, "the file is empty: list the state's jurisdictions, each starting with '- slug:'")
        return result
    if not isinstance(node, yaml.SequenceNode):
        problems.at(node, "the file must be a list of jurisdictions, each starting with '- slug:'")
        return result
    for item in node.value:
        jurisdiction = _jurisdiction(item, state, ctx)
        if jurisdiction is not None:
            result.records.append(jurisdiction)
    return result


def _jurisdiction(node: yaml.Node, state: str, ctx: Ctx) -> Jurisdiction | None:
    if not isinstance(node, yaml.MappingNode):
        ctx.problems.at(node, "each jurisdiction must be a set of fields: slug, name, kind")
        return None
    known = len(ctx.problems.errors)
    fields = field_nodes(node, ctx.problems)
    try:
        values = convert_fields(fields, JURISDICTION_FIELDS, ctx, node, what="a jurisdiction")
    except ReportedError:
        return None
    if len(ctx.problems.errors) > known:  # a key that was not a field name
        return None
    slug, kind = values["slug"], values["kind"]
    if len(slug) > MAX_SLUG:  # it names a folder of the built site, and file names have a length limit
        ctx.problems.at(
            fields["slug"][1],
            f"the slug '{excerpt(slug)}' is {len(slug):,} characters long: shorten it to at most {MAX_SLUG}",
        )
        return None
    if not SLUG.match(slug):
        ctx.problems.at(
            fields["slug"][1],
            f"'{excerpt(slug)}' is not a valid slug: use lowercase a-z, 0-9 and "
            f"'-', like {excerpt('-'.join(slug.lower().split())) or 'hillsborough-nc'}",
        )
        return None
    own_state = kind is JurisdictionKind.STATE and slug == state
    if own_state and (values["population"] is not None or values["names"]):
        if values["parent"] is not None:  # a state lies in no other place
            ctx.problems.at(fields["parent"][0], "a state has no parent: remove 'parent'")
            return None
    elif kind is JurisdictionKind.STATE:
        ctx.problems.at(
            fields["kind"][1],
            f"states are built in (the state's slug is '{state}'): "
            "remove this entry or give the kind of a local jurisdiction",
        )
        return None
    if not _paired(values, fields, ctx):
        return None
    line = ctx.problems.line_of(fields["slug"][1])
    return Jurisdiction(state=state, source=ctx.problems.path, line=line, **values)


_PAIRS = (
    ("lat", "lon", "lat: 35.99 and lon: -78.90, in decimal degrees"),
    ("population", "population_year", "population: 11303 and population_year: 2020"),
)


def _paired(values: dict[str, Any], fields: dict[str, Any], ctx: Ctx) -> bool:
    """Coordinates come as a pair, and a population with the year it counts."""
    ok = True
    for first, second, example in _PAIRS:
        given = [name for name in (first, second) if values[name] is not None]
        if len(given) == 1:
            missing = second if given[0] == first else first
            ctx.problems.at(
                fields[given[0]][0], f"'{given[0]}' is given without '{missing}': give both, like {example}"
            )
            ok = False
    return ok

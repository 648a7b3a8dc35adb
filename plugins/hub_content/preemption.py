"""Read one state's preemption file, `content/preemption/<state>.yaml`, into `Preemption` records.

Reads one file; writes nothing. The file is named after the state (its postal code, like the
jurisdiction files); each entry may repeat that code as `state`, which must then agree with the file
name. Every entry is checked on its own and every problem reported at its line: unknown fields (closest
name suggested), the status, the dates (a year, a year and month, or a full date, in a sensible order),
the issues (checked once everything is read, like every issue slug). An entry without `url` is a
warning, as an unsourced adoption is: `check --strict` makes it an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hub_model import STATES, Preemption, PreemptionStatus

from .compound import convert_fields, listing
from .errors import Problems, excerpt
from .fields import DATE_FORMS, Ctx, FieldSpec, ReportedError, enum, moment, ref, suggest, text, url
from .frontmatter import decode, field_nodes, parse_yaml
from .reader import ReadResult

FOLDER = "preemption"
MAX_FILE = 256 * 1024  # bytes: a state with a hundred preemption laws would need about 50 KB


PREEMPTION_FIELDS = (
    FieldSpec("law", text(200), required=True, example="House Bill 142 (2017)", doc="the law's citation"),
    FieldSpec("state", text(40), example="nc", doc="the state's code; the file's name if left out"),
    FieldSpec(
        "issues",
        listing(ref("issue"), what="issue slugs", min_items=1),
        required=True,
        default=(),
        example="[lgbtq-equality]",
        doc="the issues on which it blocks or limits local action",
    ),
    FieldSpec(
        "status",
        enum(PreemptionStatus),
        required=True,
        example="preempts",
        doc="preempts, partial, expired or repealed",
    ),
    FieldSpec("url", url, doc="the law's text or the official record"),
    FieldSpec("enacted", moment, example="2017", doc="when it was enacted"),
    FieldSpec("effective", moment, example="2017-03-30", doc="when it took effect"),
    FieldSpec("expires", moment, example="2020-12", doc="when it expires or expired"),
    FieldSpec("repealed", moment, example="2021-07", doc="when it was repealed"),
    FieldSpec("summary", text(300), doc="what it blocks, in one sentence"),
    FieldSpec("notes", text(500), doc="anything else worth saying"),
)


def read_preemptions(path: Path, root: Path) -> ReadResult:
    """A state's file: a YAML list of preemption records, each checked on its own."""
    problems = Problems(str(path))
    ctx = Ctx(problems, root)
    result = ReadResult(str(path), refs=ctx.refs, errors=problems.errors, warnings=problems.warnings)
    if path.stem not in STATES:
        problems.add(
            1,
            f"'{excerpt(path.name)}' is not named after a state{_state_hint(path.stem)}: "
            "name it after the state's two-letter postal code, like nc.yaml",
        )
        return result
    size = path.stat().st_size
    if size > MAX_FILE:  # checked before reading, so a huge file is never held in memory
        problems.add(
            1,
            f"the file is {size:,} bytes, more than the {MAX_FILE:,} allowed for a state's "
            "preemption laws: split the notes into shorter ones",
        )
        return result
    text_ = decode(path.read_bytes(), problems)
    ctx.lines = text_.split("\n") if text_ else []
    node = parse_yaml(text_, problems) if text_ is not None else None
    if node is None:
        if not problems.errors:
            problems.add(
                1, "the file is empty: list the state's preemption laws, each starting with '- law:'"
            )
        return result
    if not isinstance(node, yaml.SequenceNode):
        problems.at(node, "the file must be a list of preemption laws, each starting with '- law:'")
        return result
    seen: dict[str, int] = {}
    for item in node.value:
        record = _preemption(item, path.stem, ctx)
        if record is None:
            continue
        first = seen.setdefault(record.law.casefold(), record.line)
        if first != record.line:
            problems.add(
                record.line,
                f"'{excerpt(record.law)}' is listed twice (first on line {first}): "
                "keep one entry for each law, naming all its issues",
            )
            continue
        result.records.append(record)
    return result


def _state_hint(name: str) -> str:
    """' (did you mean 'nc'?)' for a near code, or a state's name written out."""
    by_name = {full.casefold().replace(" ", "-"): code for code, full in STATES.items()}
    key = "-".join(name.casefold().replace("_", " ").split())
    if key in by_name:
        return f" (did you mean '{by_name[key]}'?)"
    return suggest(name, STATES)


def _preemption(node: yaml.Node, state: str, ctx: Ctx) -> Preemption | None:
    if not isinstance(node, yaml.MappingNode):
        ctx.problems.at(node, "each preemption law must be a set of fields: law, issues, status")
        return None
    known = len(ctx.problems.errors)
    fields = field_nodes(node, ctx.problems)
    agrees = _state_agrees(fields, state, ctx)  # checked first: reported even when other fields fail
    try:
        values = convert_fields(fields, PREEMPTION_FIELDS, ctx, node, what="a preemption law")
    except ReportedError:
        return None
    if len(ctx.problems.errors) > known or not agrees:  # a key that was not a field name
        return None
    del values["state"]  # the file's name, which it agrees with
    if not _dates_agree(values, fields, ctx):
        return None
    if values["url"] is None:
        ctx.problems.warn(
            node,
            f"'{excerpt(values['law'])}' names no source: add url: the address of the law's "
            'text or the official record (the pages show "source needed" until then)',
        )
    line = ctx.problems.line_of(node)
    return Preemption(state=state, source=ctx.problems.path, line=line, **values)


def _state_agrees(fields: dict[str, Any], state: str, ctx: Ctx) -> bool:
    """`state`, when given, must be the state the file is named after."""
    if "state" not in fields or not isinstance(fields["state"][1], yaml.ScalarNode):
        return True  # missing (the file's name), or reported as not text when converted
    node = fields["state"][1]
    written = " ".join(str(node.value).split())
    if not written or written.casefold() == state:
        return True
    hint = _state_hint(written) if written.casefold() not in STATES else ""
    ctx.problems.at(
        node,
        f"'state' is '{excerpt(written)}'{hint}, but the file is {state}.yaml: "
        f"move the entry to the state's own file or remove 'state'",
    )
    return False


ORDER = (
    ("enacted", "effective"),
    ("enacted", "expires"),
    ("effective", "expires"),
    ("enacted", "repealed"),
    ("effective", "repealed"),
)


def _dates_agree(values: dict[str, Any], fields: dict[str, Any], ctx: Ctx) -> bool:
    """The dates in order, and the end the status implies given (and no end the status denies)."""
    ok = True
    for before, after in ORDER:
        first, then = values[before], values[after]
        if first and then and not first.may_precede(then):
            ctx.problems.at(
                fields[after][1],
                f"'{after}' ({then.iso}) is before '{before}' ({first.iso}): correct one of the dates",
            )
            ok = False
    status = values["status"]
    node = fields["status"][1]
    if status is PreemptionStatus.REPEALED and not values["repealed"]:
        ctx.problems.at(node, f"status repealed needs the date: add repealed: {DATE_FORMS}")
        ok = False
    if status is PreemptionStatus.EXPIRED and not values["expires"]:
        ctx.problems.at(node, f"status expired needs the date: add expires: {DATE_FORMS}")
        ok = False
    if values["repealed"] and status is not PreemptionStatus.REPEALED:
        ctx.problems.at(
            fields["repealed"][1],
            f"'repealed' is given but the status is {status.value}: set status: repealed, or remove the date",
        )
        ok = False
    return ok

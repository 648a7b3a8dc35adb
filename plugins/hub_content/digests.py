"""Read one newsletter digest's record, `content/digests/<name>.yaml`, into a `Digest`.

Reads one file; writes nothing. `make digest` writes the record beside the email it makes; staff commit
it, and the build publishes the digest's page from it (hub_digest). A record is three fields: `since`
and `until` (the dates it covers, both included) and, optionally, `issue` (the one issue it keeps to,
checked once everything is read, like every issue slug). It holds no text, markup or address: the page
shows the site's own documents of that window, so nothing in the file can reach a page but two dates and
a slug. Problems are reported at their lines: unknown fields, dates that are not dates, an end before the
start, a window longer than a year, a file too large to be a record.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from hub_model import Digest
from hub_model.digest import FOLDER as FOLDER

from .compound import convert_fields
from .errors import Problems
from .fields import Ctx, FieldSpec, ReportedError, date, ref
from .frontmatter import decode, field_nodes, parse_yaml
from .reader import ReadResult

MAX_FILE = 4 * 1024  # bytes: a record is three short lines
MAX_DAYS = 366  # a digest covers at most a year: a longer window is a typo in a year

DIGEST_FIELDS = (
    FieldSpec("since", date, required=True, example="2025-10-01", doc="the first day it covers"),
    FieldSpec("until", date, required=True, example="2025-10-31", doc="the last day it covers"),
    FieldSpec("issue", ref("issue"), example="housing", doc="the one issue it keeps to (all when left out)"),
)
EXAMPLE = "since: 2025-10-01 and until: 2025-10-31, one per line (make digest writes it)"


def read_digest(path: Path, root: Path) -> ReadResult:
    """A digest's record: a set of fields, `since`, `until` and optionally `issue`."""
    problems = Problems(str(path))
    ctx = Ctx(problems, root)
    result = ReadResult(str(path), refs=ctx.refs, errors=problems.errors, warnings=problems.warnings)
    size = path.stat().st_size
    if size > MAX_FILE:  # checked before reading, so a huge file is never held in memory
        problems.add(1, f"the file is {size:,} bytes, more than a record needs: write only {EXAMPLE}")
        return result
    text = decode(path.read_bytes(), problems)
    ctx.lines = text.split("\n") if text else []
    node = parse_yaml(text, problems) if text is not None else None
    if node is None:
        if not problems.errors:
            problems.add(1, f"the file is empty: write {EXAMPLE}")
        return result
    if not isinstance(node, yaml.MappingNode):
        problems.at(node, f"the record must be fields written as 'name: value': write {EXAMPLE}")
        return result
    fields = field_nodes(node, problems)
    known = len(problems.errors)
    try:
        values = convert_fields(fields, DIGEST_FIELDS, ctx, node, what="a digest")
    except ReportedError:
        return result
    if len(problems.errors) > known:
        return result
    since, until = values["since"], values["until"]
    if until < since:
        problems.at(
            fields["until"][1],
            f"'until' ({until.isoformat()}) is before 'since' ({since.isoformat()}): "
            "correct one of the dates",
        )
    elif (until - since).days >= MAX_DAYS:
        problems.at(
            fields["until"][1],
            f"the digest covers {(until - since).days + 1} days, more than a year: "
            "check the year of 'since' and 'until'",
        )
    else:
        result.records.append(Digest(path.stem, since, until, values["issue"], source=str(path)))
    return result

"""An adoption's coded provisions: which of the model's sections a place kept, changed or left out.

Reads the YAML nodes of an ordinance's `adoptions` and its rendered body; writes nothing. `provisions`
converts `provisions: {section-3: changed, section-5: omitted}` into (anchor, ProvisionStatus) pairs; once
the body is rendered, `check_provisions` checks every anchor against the model's sections, which
`model_sections` reads with the toolkit's own anchoring (hub_toolkit.sections.model_text), so a coded
anchor is always one the model's page links to.
"""

from __future__ import annotations

from typing import Any

import yaml

from hub_model import ModelSection, ProvisionStatus

from .errors import excerpt
from .fields import Ctx, ReportedError, enum, suggest

FIELD = "provisions"
EXAMPLE = "provisions: {section-3: changed, section-5: omitted}"
SHOWN_ANCHORS = 6  # anchors an error lists: enough to see their form without a wall of text
_status = enum(ProvisionStatus)


def provisions(node: yaml.Node, ctx: Ctx, label: str) -> tuple[tuple[str, ProvisionStatus], ...]:
    """A set of `anchor: status` pairs, in the order written; each anchor once."""
    if not isinstance(node, yaml.MappingNode):
        raise ctx.fail(node, f"'{label}' must be a set of section: status pairs: write it like {EXAMPLE}")
    coded: dict[str, ProvisionStatus] = {}
    lines: dict[str, int] = {}
    failed = False
    for key, value in node.value:
        anchor = key.value.strip() if isinstance(key, yaml.ScalarNode) else None
        if not anchor:
            ctx.problems.at(key, f"each key of '{label}' must be a section's anchor: write it like {EXAMPLE}")
            failed = True
            continue
        if anchor in lines:
            ctx.problems.at(
                key,
                f"section '{excerpt(anchor)}' is coded twice in '{label}' (first on line {lines[anchor]}): "
                "keep one",
            )
            failed = True
            continue
        lines[anchor] = ctx.problems.line_of(key)
        try:
            coded[anchor] = _status(value, ctx, f"{label}.{excerpt(anchor, 40)}")
        except ReportedError:
            failed = True
    if failed:
        raise ReportedError()
    return tuple(coded.items())


def model_sections(body_html: str) -> tuple[ModelSection, ...]:
    """The model text's sections as its page anchors them (h2 and h3 headings, in order)."""
    # Imported here: hub_toolkit.sections imports hub_content's allow-list, so a module-level import
    # would make the two packages' imports circular.
    from hub_toolkit.sections import model_text

    return tuple(ModelSection(s.id, s.title) for s in model_text(body_html, str).sections)


def check_provisions(node: yaml.Node | None, sections: tuple[ModelSection, ...] | None, ctx: Ctx) -> None:
    """Report every coded anchor the model's text does not have, at its line.

    `node` is the `adoptions` list as written; it is read as nodes, so an unknown anchor is reported in
    the same run as any other error of the file. `sections` is None for a type without model sections,
    where coding provisions is itself the error.
    """
    if not isinstance(node, yaml.SequenceNode):
        return
    known = {s.anchor for s in sections or ()}
    for index, item in enumerate(node.value, start=1):
        coded = _value_of(item, FIELD)
        if not isinstance(coded, yaml.MappingNode) or not coded.value:
            continue
        label = f"adoptions[{index}].{FIELD}"
        if sections is None:
            ctx.problems.at(
                coded,
                f"'{label}' codes the sections of a model text, which only ordinances have: remove it",
            )
            continue
        for key, _ in coded.value:
            if isinstance(key, yaml.ScalarNode) and key.value.strip() not in known:
                ctx.problems.at(key, _unknown(key.value.strip(), label, sections))


def _unknown(anchor: str, label: str, sections: tuple[ModelSection, ...]) -> str:
    what = f"'{label}' names '{excerpt(anchor)}', which is not a section of this model"
    if not sections:
        return f"{what}: its text has no ## or ### headings to code; add them or remove {FIELD}"
    anchors = [s.anchor for s in sections]
    shown = ", ".join(anchors[:SHOWN_ANCHORS]) + (", ..." if len(anchors) > SHOWN_ANCHORS else "")
    # Only a slip of spelling is suggested: section-9 for section-3 would code the wrong section.
    hint = suggest(anchor, [a for a in anchors if _digits(a) == _digits(anchor)])
    return f"{what}{hint}: use the anchor of one of its headings ({shown})"


def _digits(anchor: str) -> str:
    return "".join(c for c in anchor if c.isdigit())


def _value_of(node: Any, name: str) -> yaml.Node | None:
    """The value node of one field of a record, or None."""
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return value
    return None

"""Fields that name people and partners, and an issue's staff contact (converters for schemas.py).

Reads YAML nodes; writes nothing. The rule for a name in `authors`, `sponsors`, a brief's `partners` and
a story's `people`: a value written as a slug (only lowercase a-z, 0-9 and '-', no spaces) names a file
in content/people/ (or content/partners/), and must exist, which is checked once every file is read; any
other value (a name with capitals or spaces, "Jenn Weaver") is a plain name shown as written. A brief's
partner written as a partner's exact name links too. A typo in a slug is thus an error, never a page
quietly showing "jenn-weavr".
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from hub_core.contact import email_problem, url_problem
from hub_model import IssueContact, Person

from .compound import convert_fields
from .errors import excerpt
from .fields import SLUG, Converter, Ctx, FieldSpec, Ref, ReportedError, ref, text
from .frontmatter import field_nodes

NAME_MAX = 120


def named(kind: str) -> Converter:
    """A plain name, or the slug of a file in content/people/ (`kind` "person") or content/partners/."""
    plain = text(NAME_MAX)

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> str:
        value = plain(node, ctx, label)
        if SLUG.match(value):
            ctx.refs.append(Ref(kind, value, ctx.problems.line_of(node), label))
        return value

    return convert


def story_person(fields: tuple[FieldSpec, ...]) -> Converter:
    """An entry of a story's `people`: a person's slug (`- jenn-weaver`), or their name, role and
    jurisdiction written out (`- name: Jenn Weaver`)."""
    person = ref("person")

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> Person:
        if isinstance(node, yaml.ScalarNode):
            slug = person(node, ctx, label)
            return Person(name=slug, role="", slug=slug)  # name, role and place filled from the file
        if not isinstance(node, yaml.MappingNode):
            raise ctx.fail(node, f"each item of '{label}' is a person's slug or a set of fields (name, role)")
        known = len(ctx.problems.errors)
        values = convert_fields(field_nodes(node, ctx.problems, label), fields, ctx, node, label + ".")
        if len(ctx.problems.errors) > known:
            raise ReportedError()
        return Person(**values)

    return convert


CONTACT_EXAMPLE = "{person: ana-ruiz, email: housing@example.org}"


def issue_contact(node: yaml.Node, ctx: Ctx, label: str) -> IssueContact:
    """`contact: {person: <slug>, email: <address>}` (or `url:` a form's https:// address)."""
    if not isinstance(node, yaml.MappingNode):
        raise ctx.fail(node, f"'{label}' must be a set of fields: write it like {label}: {CONTACT_EXAMPLE}")
    specs = (
        FieldSpec("person", ref("person"), required=True, example="ana-ruiz"),
        FieldSpec("email", _address(email_problem), example="housing@example.org"),
        FieldSpec("url", _address(url_problem), example="https://example.org/contact"),
    )
    known = len(ctx.problems.errors)
    values = convert_fields(field_nodes(node, ctx.problems, label), specs, ctx, node, label + ".")
    if len(ctx.problems.errors) > known:
        raise ReportedError()
    if bool(values["email"]) == bool(values["url"]):
        raise ctx.fail(
            node,
            f"'{label}' needs exactly one public address: an email (email: housing@example.org) "
            "or a form's address (url: https://example.org/contact)",
        )
    return IssueContact(values["person"], values["email"] or "", values["url"] or "")


def _address(problem_of: Callable[[str], str | None]) -> Converter:
    """An email or web address checked as HUB_CONTACT's channels are (hub_core/contact.py)."""
    plain = text(254)

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> str:
        value = plain(node, ctx, label)
        problem = problem_of(value)
        if problem:
            raise ctx.fail(node, f"'{label}' '{excerpt(value)}' {problem}")
        return value

    return convert

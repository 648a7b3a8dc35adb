"""Tie names in documents to the people and partners with files, once every file is read.

Reads the records the files gave (documents, people, partners); writes nothing. `unknown_named` words the
error for a slug that names no file; `with_people` fills each story person named by slug with what their
file says (name, role, jurisdiction), so pages, data and jurisdiction pages see one record either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from hub_model import Document, Partner, PersonProfile, StoryDetails

from .errors import ContentError, excerpt
from .fields import Ref, suggest

FOLDERS = {"person": "people", "partner": "partners"}


def unknown_named(ref: Ref, known: Iterable[str]) -> str:
    """`unknown person 'jenn-weavr' in 'authors' (did you mean 'jenn-weaver'?): ...`"""
    folder = FOLDERS[ref.kind]
    hint = suggest(ref.slug, known)
    fix = (
        f"a value written as a slug names a file in content/{folder}/: add content/{folder}/"
        f"{excerpt(ref.slug, 40)}.md, or write the name as it is spelled (like Jenn Weaver) to show it "
        "without a page"
    )
    return f"unknown {ref.kind} '{excerpt(ref.slug)}' in '{ref.label}'{hint}: {fix}"


def duplicate_partner_names(partners: Iterable[Partner]) -> list[ContentError]:
    """A brief may name a partner by its exact name, so two partner files must not share one."""
    seen: dict[str, Partner] = {}
    errors = []
    for partner in sorted(partners, key=lambda p: p.source):
        first = seen.setdefault(partner.name, partner)
        if first is not partner:
            errors.append(
                ContentError(
                    partner.source,
                    1,
                    f"the partner name '{excerpt(partner.name)}' is also {first.source}'s: "
                    "give each partner file its own name",
                )
            )
    return errors


def with_people(documents: Iterable[Document], people: Mapping[str, PersonProfile]) -> list[Document]:
    """Documents with each story person named by slug filled in from the person's file."""
    return [_filled(doc, people) for doc in documents]


def _filled(doc: Document, people: Mapping[str, PersonProfile]) -> Document:
    details = doc.details
    if not isinstance(details, StoryDetails) or not any(p.slug for p in details.people):
        return doc
    filled = tuple(
        dataclasses.replace(
            p, name=people[p.slug].name, role=people[p.slug].role, jurisdiction=people[p.slug].jurisdiction
        )
        if p.slug
        else p
        for p in details.people
    )
    return dataclasses.replace(doc, details=dataclasses.replace(details, people=filled))

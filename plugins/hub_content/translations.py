"""Translations: a document's version in another language, and the names issues and places carry in it.

Reads a translation file, `content/<folder>/<slug>.<lang>.md` (read_translation), and the `translations`
of issue files and `names` of jurisdiction entries (the converters `issue_translations`, `names`); writes
nothing. A translation gives its own `title`, `summary` and body; every other field is the original's
unless given. Once every file is read, `pair()` checks each translation against its original (one must
exist, in the same type's folder; its issues and places, if given, are the original's; its language is
one the site is published in) and makes it a `Document` with `lang` set. Checks that need the settings
run here, after the cached, per-file reading, so the reading cache does not depend on the settings.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hub_model import DocType, Document, Issue, Jurisdiction

from .body import BodyRenderer
from .compound import convert_fields
from .errors import ContentError, excerpt
from .fields import SLUG, Ctx, FieldSpec, ReportedError
from .frontmatter import decode, split
from .places import with_adoption_places
from .schemas import document_fields

TRANSLATION_NAME = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[a-z]{2,3})$")
# Facts about the original, not words to translate: a translation that gave its own would contradict it.
NOT_TRANSLATED = {
    "adoptions": "adoptions are facts about the model, kept once in its original",
    "aliases": "old addresses belong to the original",
    "date": "the date is the original's",
}
# Given, these must say what the original says (a translation may repeat them for its translator's sake).
SAME_AS_ORIGINAL = ("issues", "jurisdictions")
# A translation's own words for the original's image: given without an image, nothing would show them.
IMAGE_WORDS = ("image_alt", "image_caption", "image_credit")


def translation_name(stem: str) -> tuple[str, str] | None:
    """`(slug, lang)` for a translation's file name (`hillsborough.es`), or None."""
    match = TRANSLATION_NAME.match(stem)
    if match is None or not SLUG.match(match["slug"]):
        return None
    return match["slug"], match["lang"]


@dataclass(frozen=True)
class Translation:
    """A translation file as read, before it is paired with its original."""

    type: DocType
    slug: str
    lang: str
    source: str
    body_html: str
    values: dict[str, Any]  # only the fields the file gives
    lines: dict[str, int] = field(default_factory=dict)  # each given field's line


def translation_specs(doc_type: DocType) -> tuple[FieldSpec, ...]:
    """The document type's fields as a translation gives them: title and summary required, the rest
    optional (taken from the original), the facts that are not translated left out."""
    specs = []
    for spec in document_fields(doc_type):
        if spec.name in NOT_TRANSLATED:
            continue
        required = spec.name in ("title", "summary")
        specs.append(dataclasses.replace(spec, required=required))
    return tuple(specs)


def read_translation(
    path: Path, root: Path, doc_type: DocType, renderer: BodyRenderer
) -> tuple[Translation | None, Ctx]:
    """Read one translation file; its problems are in the returned context's `problems`."""
    from .errors import Problems

    slug, lang = translation_name(path.stem) or ("", "")
    problems = Problems(str(path), line_offset=1)
    decoded = decode(path.read_bytes(), problems)
    ctx = Ctx(problems, root, lines=decoded.split("\n") if decoded else [])
    front = split(decoded, problems) if decoded is not None else None
    if front is None:
        return None, ctx
    for name, (key, _) in front.fields.items():
        if name in NOT_TRANSLATED:
            where = f"{doc_type.folder}/{slug}.md"
            ctx.problems.at(
                key,
                f"'{name}' cannot be given in a translation: {NOT_TRANSLATED[name]}: "
                f"remove it here and keep it in {where}",
            )
    given = {name: f for name, f in front.fields.items() if name not in NOT_TRANSLATED}
    url = f"{lang}/{doc_type.url_for(slug)}"
    html = renderer.render(front.body, front.body_line, problems, depth=url.count("/"))
    try:
        values = convert_fields(given, translation_specs(doc_type), ctx, None, what=f"a {doc_type.name}")
    except ReportedError:
        return None, ctx
    if problems.errors:
        return None, ctx
    lines = {name: ctx.problems.line_of(key) for name, (key, _) in given.items()}
    own = {name: values[name] for name in given if name in values}
    return Translation(doc_type, slug, lang, str(path), html, own, lines), ctx


def pair(
    translations: Iterable[Translation], originals: Iterable[Document], languages: Iterable[str]
) -> tuple[list[Document], list[ContentError]]:
    """Each translation made a Document beside its original; every mismatch an error at its line."""
    by_key = {(d.type.name, d.slug): d for d in originals}
    known = tuple(languages)
    documents, errors = [], []
    for t in sorted(translations, key=lambda t: t.source):
        original = by_key.get((t.type.name, t.slug))
        problem = _language_problem(t.lang, known) or (None if original else _orphan(t))
        if problem:
            errors.append(ContentError(t.source, 1, problem))
            continue
        assert original is not None
        mismatched = [_differs(t, original, name) for name in SAME_AS_ORIGINAL if name in t.values]
        found = [e for e in [*mismatched, _imageless(t, original)] if e is not None]
        if found:
            errors.extend(found)
            continue
        documents.append(translated(original, t))
    return documents, errors


def translated(original: Document, t: Translation) -> Document:
    """The original with the translation's language, words and body, and any field the translation gives."""
    own = {spec.name for spec in original.type.fields}
    common = {k: v for k, v in t.values.items() if k not in own and k not in SAME_AS_ORIGINAL}
    details = original.details
    mine = {k: v for k, v in t.values.items() if k in own}
    if mine and details is not None:
        details = dataclasses.replace(details, **mine)
    return dataclasses.replace(
        original, lang=t.lang, body_html=t.body_html, source=t.source, details=details, **common
    )


def _language_problem(lang: str, known: tuple[str, ...]) -> str | None:
    if lang in known[1:]:
        return None
    if known and lang == known[0]:
        return f"'{lang}' is the site's own language (DEFAULT_LANG): this is no translation: rename the file"
    others = ", ".join(known[1:]) or "none"
    return (
        f"'{lang}' is not a language the site is published in (HUB_LANGUAGES: {others}): "
        f"add '{lang}' to HUB_LANGUAGES in pelicanconf.py, or rename the file"
    )


def _orphan(t: Translation) -> str:
    return (
        f"this translates '{t.slug}', but there is no {t.type.folder}/{t.slug}.md: "
        "a translation sits beside its original, with the same name: add the original or rename this file"
    )


def _differs(t: Translation, original: Document, name: str) -> ContentError | None:
    given = tuple(t.values[name])
    if name == "jurisdictions":  # the original's list has its adoptions' places added (reader.py)
        given = with_adoption_places(given, original.details)
    if set(given) == set(getattr(original, name)):
        return None
    shown = ", ".join(getattr(original, name)) or "none"
    return ContentError(
        t.source,
        t.lines.get(name, 1),
        f"'{name}' differs from the original's ({excerpt(shown)}): a translation is about the same "
        f"{name}: remove '{name}' here (the original's are used) or give the same ones",
    )


def _imageless(t: Translation, original: Document) -> ContentError | None:
    """Words about an image the original does not have: the image itself is the original's to give."""
    given = [name for name in IMAGE_WORDS if name in t.values]
    if original.image or not given:
        return None
    return ContentError(
        t.source,
        t.lines.get(given[0], 1),
        f"'{given[0]}' describes an image, but {t.type.folder}/{t.slug}.md has no 'image': "
        "add the image to the original, or remove it here",
    )


def language_errors(
    issues: Iterable[Issue], jurisdictions: Iterable[Jurisdiction], languages: tuple[str, ...]
) -> list[ContentError]:
    """An issue translation or place name in a language the site is not published in."""
    errors = []
    for issue in issues:
        for t in issue.translations:
            problem = _language_problem(t.lang, languages)
            if problem:
                errors.append(
                    ContentError(issue.source, t.line, problem.replace("rename the file", "remove it"))
                )
    for place in jurisdictions:
        for lang, _ in place.names:
            problem = _language_problem(lang, languages)
            if problem and place.source:
                errors.append(
                    ContentError(place.source, place.line, problem.replace("rename the file", "remove it"))
                )
    return errors

"""Read a person's file, `content/people/<slug>.md`, or a partner's, `content/partners/<slug>.md`.

Reads one file (and checks that the photo or logo it names exists under images/); writes nothing. The
front matter gives the facts, the body the short bio (or the partner's description), rendered and checked
like any document's. Only what the file says is kept: nothing about a person is looked up or inferred.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from hub_model import Link, Partner, PersonProfile, Source

from .body import BodyRenderer
from .compound import listing, record
from .errors import ContentError
from .fields import Ctx, FieldSpec, ref, static_file, text, url
from .reader import ReadResult, front_matter_values
from .schemas import IMAGE_SUFFIXES, SOURCE_FIELDS
from .translations import translation_name

PEOPLE_FOLDER = "people"
PARTNERS_FOLDER = "partners"

LINK_FIELDS = (
    FieldSpec("label", text(80), required=True, example="Council page", doc="what the link says"),
    FieldSpec("url", url, required=True, example="https://example.org/", doc="where it leads"),
)
SOURCES = FieldSpec(
    "sources",
    listing(record(SOURCE_FIELDS, Source), what="sources", same=lambda s: s.url or s.title),
    default=(),
    doc="where the file's facts come from: title, publisher, date, url",
)
LINKS = FieldSpec(
    "links",
    listing(record(LINK_FIELDS, Link), what="links", same=lambda link: link.url),
    default=(),
    doc="public links: label and url",
)
IMAGE = static_file("images", IMAGE_SUFFIXES, "an image")

PERSON_FILE_FIELDS = (
    FieldSpec("name", text(120), required=True, example="Jenn Weaver", doc="the person's name"),
    FieldSpec("role", text(200), default="", example="Mayor of Hillsborough", doc="their public role"),
    FieldSpec("jurisdiction", ref("jurisdiction"), example="hillsborough-nc", doc="the place they serve"),
    FieldSpec("pronouns", text(40), default="", example="she/her", doc="as the person gives them"),
    FieldSpec("photo", IMAGE, example="images/jenn-weaver.jpg", doc="a photo under images/"),
    FieldSpec("photo_alt", text(300), default="", doc="what the photo shows"),
    FieldSpec("photo_credit", text(200), default="", doc="who took the photo"),
    LINKS,
    SOURCES,
)
PARTNER_FIELDS = (
    FieldSpec("name", text(200), required=True, example="Data & Society", doc="the organization's name"),
    FieldSpec("url", url, example="https://example.org/", doc="its website"),
    FieldSpec("logo", IMAGE, example="images/partner-logo.png", doc="its logo under images/"),
    FieldSpec("logo_alt", text(300), default="", doc="the logo in words"),
    SOURCES,
)


def read_person(path: Path, root: Path, renderer: BodyRenderer) -> ReadResult:
    url = f"{PEOPLE_FOLDER}/{path.stem}/"
    values, html, ctx, front = front_matter_values(path, root, PERSON_FILE_FIELDS, "a person", renderer, url)
    if values is not None:
        _paired(values, front.fields, ctx, "photo", "photo_alt", "what the photo shows")
    result = ReadResult(str(path), refs=ctx.refs, errors=ctx.problems.errors)
    if values is not None and not result.errors:
        result.records.append(PersonProfile(slug=path.stem, source=str(path), bio_html=html, **values))
    return result


def read_partner(path: Path, root: Path, renderer: BodyRenderer) -> ReadResult:
    url = f"{PARTNERS_FOLDER}/{path.stem}/"
    values, html, ctx, front = front_matter_values(path, root, PARTNER_FIELDS, "a partner", renderer, url)
    if values is not None:
        _paired(values, front.fields, ctx, "logo", "logo_alt", "the logo in words (its name, if it is text)")
    result = ReadResult(str(path), refs=ctx.refs, errors=ctx.problems.errors)
    if values is not None and not result.errors:
        result.records.append(Partner(slug=path.stem, source=str(path), description_html=html, **values))
    return result


def _paired(
    values: dict[str, Any], fields: dict[str, Any], ctx: Ctx, image: str, alt: str, what: str
) -> None:
    """An image needs its words for readers who cannot see it, and words need their image."""
    if values[image] and not values[alt]:
        ctx.problems.at(fields[image][0], f"'{image}' is set but '{alt}' is missing: add {alt}: {what}")
    if values[alt] and not values[image]:
        ctx.problems.at(
            fields[alt][0], f"'{alt}' is set but there is no '{image}': add the image or remove {alt}"
        )


def one_language(paths: Iterable[Path], errors: list[ContentError]) -> Iterator[Path]:
    """A person's or partner's file has no translations: their pages in every language show its words."""
    for path in paths:
        name = translation_name(path.stem)
        if name is None:
            yield path
            continue
        errors.append(
            ContentError(
                str(path),
                1,
                "people and partners have one file, shown in every language: remove this one, and keep "
                f"what it says in {path.parent.name}/{name[0]}.md",
            )
        )

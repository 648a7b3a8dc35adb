"""The content contract as data: the fields of every document type, of issues and of jurisdictions.

Reads nothing and writes nothing. `DOC_TYPES` is the registry of document types: a new type is one more
`DocType` here (its folder, URL prefix, labels and own fields); readers, validators, pages and docs pick it
up from this list.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hub_model import (
    N_,
    Adoption,
    AdoptionStatus,
    BriefDetails,
    DocType,
    JurisdictionKind,
    OrdinanceDetails,
    OrdinanceKind,
    Quote,
    Source,
    Status,
    StoryDetails,
    TypePhrases,
    ngettext_noop,
)

from .compound import listing, record
from .errors import excerpt
from .events import EVENT
from .fields import (
    Ctx,
    FieldSpec,
    date,
    enum,
    link_or_file,
    number,
    paragraphs,
    ref,
    site_path,
    static_file,
    text,
    url,
    whole_number,
)
from .languages import issue_translations, names
from .network import issue_contact, named, story_person
from .provisions import provisions

SUMMARY_MAX = 300
CREDIT_MAX = 120
CAPTION_MAX = 300
QUOTE_MAX = 600  # characters of a pull quote: a sentence or three, not a passage
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")


ENACTED_FOLDER = "enacted"  # Markdown files of enacted texts, named by adoptions' `text`
# Ayes-nays (-abstentions...): ASCII digits only (\d would take other scripts' digits too), '-' between.
VOTE = re.compile(r"[0-9]{1,4}(?:-[0-9]{1,4})+")


def vote(node: yaml.Node, ctx: Ctx, label: str) -> str:
    """A roll call as counts separated by '-': `7-2`, `5-0`, `4-2-1`."""
    value = text()(node, ctx, label)
    if not VOTE.fullmatch(value):
        raise ctx.fail(
            node,
            f"'{label}' is '{excerpt(value)}', not a vote count: write the ayes and nays as whole numbers "
            "separated by '-', like 7-2 (or 4-2-1 with abstentions)",
        )
    return value


def _value_node(node: yaml.Node, name: str) -> yaml.Node:
    """The value node of one field of a record (the record itself when the field is not there)."""
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return value
    return node


def _adoption_check(values: dict[str, Any], node: yaml.Node, ctx: Ctx, label: str) -> None:
    adopted = values["status"] is AdoptionStatus.ADOPTED
    if adopted and values["date"] is None:  # a warning: a made-up day would be worse than none
        ctx.problems.warn(
            node,
            f"'{label}' is adopted but gives no date: add date: YYYY-MM-DD (the day it passed) once a "
            "record gives it; until then its row shows no date and the timeline does not count it",
        )
    if values["effective"] and values["date"] and values["effective"] < values["date"]:
        ctx.problems.at(
            _value_node(node, "effective"),
            f"'{label}.effective' ({values['effective']}) is before '{label}.date' ({values['date']}): "
            "a law takes effect on or after the day it passed; correct one of the dates",
        )
    if adopted and not values["url"]:
        ctx.problems.warn(
            node,
            f"'{label}' is adopted but names no source: add url: the address of the enacted text or "
            'the official record (the page shows "source needed" until then)',
        )


ADOPTION_FIELDS = (
    FieldSpec("jurisdiction", ref("jurisdiction"), required=True, example="durham-nc"),
    FieldSpec("status", enum(AdoptionStatus), required=True, example="adopted"),
    FieldSpec("date", date, doc="the day it passed, was introduced, failed..."),
    FieldSpec("url", url, doc="the source: the enacted text or the official record"),
    FieldSpec("number", text(80), example="2021-14", doc="the ordinance or bill number"),
    FieldSpec("citation", text(200), doc="the formal citation, shown when number is missing"),
    FieldSpec(
        "sponsors",
        listing(named("person"), what="names"),
        default=(),
        example="[Jenn Weaver]",
        doc="who sponsored it: names, or the slugs of people in content/people/",
    ),
    FieldSpec("vote", vote, example="7-2", doc="the final vote: ayes-nays"),
    FieldSpec("effective", date, example="2021-03-01", doc="the day it took effect, not before date"),
    FieldSpec(
        "text",
        static_file(ENACTED_FOLDER, (".md",), "a Markdown file"),
        example=f"{ENACTED_FOLDER}/durham-nc.md",
        doc=f"the enacted text as a Markdown file under content/{ENACTED_FOLDER}/",
    ),
    FieldSpec("notes", text(300), doc="a short note on this adoption"),
    FieldSpec(
        "provisions",
        provisions,
        default=(),
        example="{section-3: changed, section-5: omitted}",
        doc="what it did with each model section, by the section's anchor: kept, changed or omitted",
    ),
)

PERSON_FIELDS = (
    FieldSpec("name", text(), required=True, example="Jenn Weaver"),
    FieldSpec("role", text(), required=True, example="Mayor"),
    FieldSpec("jurisdiction", ref("jurisdiction")),
)

QUOTE_FIELDS = (
    FieldSpec("text", text(QUOTE_MAX), required=True, example="People are driving this.", doc="the words"),
    FieldSpec("by", text(120), required=True, example="Rossana Rodríguez", doc="who said them"),
    FieldSpec("role", text(200), example="33rd Ward Alderwoman", doc="their role when they said them"),
)

SOURCE_FIELDS = (
    FieldSpec("title", text(300), required=True, example="Title of the report", doc="the work's title"),
    FieldSpec("publisher", text(200), example="Its publisher", doc="who published it"),
    FieldSpec("date", date, example="2024-05-01", doc="when it was published, YYYY-MM-DD"),
    FieldSpec("url", url, example="https://example.org/report", doc="where to read it (http or https)"),
)

COMMON_FIELDS = (
    FieldSpec("title", text(), required=True, example="Ban on Algorithmic Rent-Setting", doc="the headline"),
    FieldSpec("date", date, required=True, example="2025-10-01", doc="publication date, YYYY-MM-DD"),
    FieldSpec(
        "summary",
        text(SUMMARY_MAX),
        required=True,
        default="",
        example="One or two plain sentences.",
        doc=f"one or two plain sentences, at most {SUMMARY_MAX} characters",
    ),
    FieldSpec(
        "issues",
        listing(ref("issue"), what="issue slugs", min_items=1),
        required=True,
        default=(),
        example="[housing]",
        doc="issue slugs from content/issues/, at least one",
    ),
    FieldSpec(
        "jurisdictions",
        listing(ref("jurisdiction"), what="jurisdiction slugs"),
        default=(),
        example="[durham-nc]",
        doc="jurisdiction slugs, or state codes like nc",
    ),
    FieldSpec(
        "authors",
        listing(named("person"), what="names"),
        default=(),
        example="[Jane Doe]",
        doc="names, or the slugs of people in content/people/",
    ),
    FieldSpec("updated", date, example="2025-11-02", doc="date of the last real change"),
    FieldSpec(
        "status",
        enum(Status),
        default=Status.PUBLISHED,
        example="draft",
        doc="draft keeps it out of the published site",
    ),
    FieldSpec("image", static_file("images", IMAGE_SUFFIXES, "an image"), example="images/photo.jpg"),
    FieldSpec("image_alt", text(), doc="what the image shows, for readers who cannot see it"),
    FieldSpec(
        "image_credit",
        text(CREDIT_MAX),
        example="Photo: Jane Doe",
        doc="who made the image, required with it: 'Photo: <name>', or 'Illustration: <site name>'",
    ),
    FieldSpec(
        "image_caption",
        text(CAPTION_MAX),
        example="Council members at the vote.",
        doc="a sentence shown under the image; a translation may give its own",
    ),
    FieldSpec(
        "aliases",
        listing(site_path, what="old addresses"),
        default=(),
        example="[/2021/05/old-address/]",
        doc="old addresses of this page: each becomes a redirect, so old links keep working",
    ),
    FieldSpec(
        "sources",
        listing(
            record(SOURCE_FIELDS, Source),
            what="sources",
            same=lambda source: source.url or source.title,
            once="list each source once",
        ),
        default=(),
        doc="what the document's facts rest on: title, publisher, date, url; numbered at the end",
    ),
)


def _optional(specs: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    return tuple(FieldSpec(s.name, s.convert, False, s.default, s.doc, s.example) for s in specs)


# What pages and feeds say about each type's documents, as whole phrases a translator can translate as
# they stand (hub_model/phrases.py): never a type's name lowercased and spliced into a sentence.
ORDINANCE_PHRASES = TypePhrases(
    new=N_("New model ordinances"),
    browse=N_("Browse model ordinances"),
    all_on_issue=ngettext_noop(
        "All %(count)s model ordinance on %(issue)s", "All %(count)s model ordinances on %(issue)s"
    ),
    all_naming=ngettext_noop(
        "All %(count)s model ordinance naming %(place)s", "All %(count)s model ordinances naming %(place)s"
    ),
    on_issue=N_("Model ordinances on %(issue)s"),
    naming=N_("Model ordinances naming %(place)s"),
    by_adoptions=N_("Model ordinances by adoption count"),
)
BRIEF_PHRASES = TypePhrases(
    new=N_("New policy briefs"),
    browse=N_("Browse policy briefs"),
    all_on_issue=ngettext_noop(
        "All %(count)s policy brief on %(issue)s", "All %(count)s policy briefs on %(issue)s"
    ),
    all_naming=ngettext_noop(
        "All %(count)s policy brief naming %(place)s", "All %(count)s policy briefs naming %(place)s"
    ),
    on_issue=N_("Policy briefs on %(issue)s"),
    naming=N_("Policy briefs naming %(place)s"),
)
STORY_PHRASES = TypePhrases(
    new=N_("New stories"),
    browse=N_("Browse stories"),
    all_on_issue=ngettext_noop("All %(count)s story on %(issue)s", "All %(count)s stories on %(issue)s"),
    all_naming=ngettext_noop(
        "All %(count)s story naming %(place)s", "All %(count)s stories naming %(place)s"
    ),
    on_issue=N_("Stories on %(issue)s"),
    naming=N_("Stories naming %(place)s"),
)
NEWS_PHRASES = TypePhrases(
    new=N_("Latest news"),
    browse=N_("Browse news"),
    all_on_issue=ngettext_noop(
        "All %(count)s news item on %(issue)s", "All %(count)s news items on %(issue)s"
    ),
    all_naming=ngettext_noop(
        "All %(count)s news item naming %(place)s", "All %(count)s news items naming %(place)s"
    ),
    on_issue=N_("News on %(issue)s"),
    naming=N_("News naming %(place)s"),
)


ORDINANCE = DocType(
    name="ordinance",
    folder="ordinances",
    label=N_("Model ordinance"),
    plural=N_("Model ordinances"),
    url_prefix="ordinances",
    phrases=ORDINANCE_PHRASES,
    fields=(
        FieldSpec(
            "kind",
            enum(OrdinanceKind),
            default=OrdinanceKind.ORDINANCE,
            example="resolution",
            doc="ordinance, resolution, executive-order or policy",
        ),
        FieldSpec(
            "adoptions",
            listing(
                record(ADOPTION_FIELDS, Adoption, _adoption_check),
                what="adoptions",
                same=lambda adoption: adoption.jurisdiction,
                once="keep one entry for each jurisdiction, with its latest status",
            ),
            default=(),
            doc="where it passed or was introduced",
        ),
    ),
    details=OrdinanceDetails,
    module=__name__,
)
BRIEF = DocType(
    name="brief",
    folder="briefs",
    label=N_("Policy brief"),
    plural=N_("Policy briefs"),
    url_prefix="briefs",
    phrases=BRIEF_PHRASES,
    fields=(
        FieldSpec(
            "partners",
            listing(named("partner"), what="organization names"),
            default=(),
            example="[Data & Society]",
            doc="organization names, or the slugs of partners in content/partners/",
        ),
        FieldSpec(
            "file",
            static_file("files", (".pdf",), "a PDF"),
            example="files/brief.pdf",
            doc="the full brief as a PDF under content/files/",
        ),
    ),
    details=BriefDetails,
    module=__name__,
)
STORY = DocType(
    name="story",
    folder="stories",
    label=N_("Story"),
    plural=N_("Stories"),
    url_prefix="stories",
    phrases=STORY_PHRASES,
    fields=(
        FieldSpec(
            "people",
            listing(story_person(PERSON_FIELDS), what="people", same=lambda p: p.slug or p.name),
            default=(),
            doc="the people in the story: a person's slug, or name, role, jurisdiction",
        ),
        FieldSpec(
            "video",
            url,
            example="https://www.youtube.com/watch?v=...",
            doc="a video link; readers load it only when they ask",
        ),
        FieldSpec("transcript", paragraphs, default=(), doc="the video's transcript, as text"),
        FieldSpec(
            "transcript_url",
            link_or_file("files"),
            example="files/transcript.pdf",
            doc="a link to the transcript, or a file under files/",
        ),
        FieldSpec(
            "quotes",
            listing(record(QUOTE_FIELDS, Quote), what="quotes", same=lambda q: q.text, once="quote it once"),
            default=(),
            doc="pull quotes, shown apart: words the story quotes, each with text, by and role",
        ),
    ),
    details=StoryDetails,
    module=__name__,
)
NEWS = DocType(
    name="news",
    folder="news",
    label=N_("News"),
    plural=N_("News"),
    url_prefix="news",
    phrases=NEWS_PHRASES,
    module=__name__,
)
PAGE = DocType(
    name="page",
    folder="pages",
    label=N_("Page"),
    plural=N_("Pages"),
    url_prefix="",
    dated=False,
    listed=False,
    module=__name__,
)

DOC_TYPES: tuple[DocType, ...] = (ORDINANCE, BRIEF, STORY, NEWS, EVENT, PAGE)


def own_fields(doc_type: DocType) -> tuple[FieldSpec, ...]:
    """The type's own field specs: the model holds them only as named fields, so they are checked here."""
    specs = tuple(spec for spec in doc_type.fields if isinstance(spec, FieldSpec))
    if len(specs) != len(doc_type.fields):
        raise TypeError(f"document type {doc_type.name!r}: every one of its fields must be a FieldSpec")
    return specs


def document_fields(doc_type: DocType) -> tuple[FieldSpec, ...]:
    """All front-matter fields of a type: pages need only a title, everything else is optional."""
    common = COMMON_FIELDS if doc_type.dated else (COMMON_FIELDS[0], *_optional(COMMON_FIELDS[1:]))
    return common + own_fields(doc_type)


ISSUE_TRANSLATION_FIELDS = (
    FieldSpec("title", text(), required=True, example="Vivienda", doc="the issue's name in the language"),
    FieldSpec("summary", text(SUMMARY_MAX), default="", doc="its one-sentence summary in the language"),
)

ISSUE_FIELDS = (
    FieldSpec("title", text(), required=True, example="Housing"),
    FieldSpec("summary", text(SUMMARY_MAX), default="", doc="one sentence shown in issue lists"),
    FieldSpec(
        "translations",
        issue_translations(ISSUE_TRANSLATION_FIELDS),
        default=(),
        example="{es: {title: Vivienda, summary: ...}}",
        doc="the issue's name and summary in each other language the site is published in",
    ),
    FieldSpec(
        "contact",
        issue_contact,
        example="{person: ana-ruiz, email: housing@example.org}",
        doc="the staff contact: a person's slug and one public email or form address",
    ),
)

JURISDICTION_FIELDS = (
    FieldSpec("slug", text(), required=True, example="hillsborough-nc"),
    FieldSpec("name", text(), required=True, example="Hillsborough"),
    FieldSpec("kind", enum(JurisdictionKind), required=True, example="town"),
    FieldSpec("parent", ref("jurisdiction"), doc="the enclosing jurisdiction; the state if left out"),
    FieldSpec("lat", number(-90, 90), doc="latitude in decimal degrees"),
    FieldSpec("lon", number(-180, 180), doc="longitude in decimal degrees"),
    FieldSpec(
        "population",
        whole_number(0, 1_000_000_000, "11303"),
        doc="residents, from a census or an official estimate; give population_year with it",
    ),
    FieldSpec("population_year", whole_number(1790, 2200, "2020"), doc="the year the population counts"),
    FieldSpec(
        "names",
        names,
        default=(),
        example="{es: Nuevo México}",
        doc="the place's name in another language, where it differs",
    ),
)

"""The codebook of the open data: every dataset, its files and the meaning of each field, defined once.

Reads and writes nothing. The generator writes the files these datasets name (generator.py), the data
page (`/data/`, page.py) prints these definitions, and docs/DATA.md's field tables are made from them
(`python -m hub_data.codebook` prints them; tests/test_data_page.py fails when the document and this
module differ, and when a written file has a field this codebook does not define, or lacks one it does).
Meanings are Markdown with `code` and **bold** only (`meaning_html()` renders those).
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass

from hub_model import N_


@dataclass(frozen=True)
class Field:
    names: tuple[str, ...]
    """The field's name (two for a pair documented together, like `lat` and `lon`)."""
    type: str
    meaning: str

    @property
    def row(self) -> str:
        names = ", ".join(f"`{n}`" for n in self.names)
        return f"| {names} | {self.type} | {self.meaning} |"


@dataclass(frozen=True)
class Dataset:
    key: str
    """The JSON items key, and the name of the table's section in docs/DATA.md."""
    title: str  # marked with N_(): the page translates it
    description: str  # marked with N_()
    files: tuple[str, ...]
    """Its files, relative to the output folder; empty for the per-model files."""
    fields: tuple[Field, ...]
    heading: str = "Field"
    """"Column" for a dataset with a CSV file, whose columns are in the order of `fields`."""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for field in self.fields for name in field.names)

    def table(self) -> str:
        """The fields as docs/DATA.md's Markdown table."""
        lines = [f"| {self.heading} | Type | Meaning |", "| --- | --- | --- |", *(f.row for f in self.fields)]
        return "\n".join(lines)


def meaning_html(text: str) -> str:
    """A meaning as HTML: escaped, with `code` and **bold** marked up (the only Markdown they use)."""
    escaped = html.escape(text, quote=False)
    marked = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", marked)


DOCUMENTS = (
    Field(
        ("type",),
        "string",
        "The document type: `ordinance`, `brief`, `story`, `news` or `page`.",
    ),
    Field(
        ("slug",),
        "string",
        "The document's identifier, unique within its type.",
    ),
    Field(
        ("url",),
        "string",
        "Site-root-relative path of its page, e.g. `ordinances/fair-rent/` (`about/` for a page).",
    ),
    Field(
        ("permalink",),
        "string",
        (
            "The page's absolute address. **Present only** when the site is built with an absolute address "
            "(`HUB_SITEURL=https://…`); omitted otherwise."
        ),
    ),
    Field(
        ("title",),
        "string",
        "The headline.",
    ),
    Field(
        ("summary",),
        "string",
        "One or two plain sentences (may be empty for pages).",
    ),
    Field(
        ("date",),
        "string or null",
        "Publication date; `null` for pages.",
    ),
    Field(
        ("updated",),
        "string or null",
        "Date of the last real change, if given.",
    ),
    Field(
        ("issues",),
        "list of strings",
        "Issue slugs (see `issues.json`), in the document's own order.",
    ),
    Field(
        ("jurisdictions",),
        "list of strings",
        (
            "The jurisdiction slugs the document lists itself, then (for an ordinance) the jurisdiction of "
            "each adoption it does not list, in the order of its adoptions; not those of a story's people."
        ),
    ),
    Field(
        ("states",),
        "list of strings",
        (
            "Postal codes of the states of every jurisdiction the document names (its own list, its "
            "adoptions and its people), sorted, each once."
        ),
    ),
    Field(
        ("authors",),
        "list of strings",
        "Author names, possibly empty (a person named by the slug of their file in `content/people/` is "
        "given by their name).",
    ),
    Field(
        ("sources",),
        "list of objects",
        (
            "What the document's facts rest on, in its own order (its numbered references): each "
            '`{"title": string, "publisher": string or null, "date": "YYYY-MM-DD" or null, "url": string '
            "or null}`; possibly empty."
        ),
    ),
    Field(
        ("translations",),
        "list of objects",
        (
            "The document's versions in the site's other languages, by language code: each `{\"lang\": "
            'string, "url": string, "title": string, "summary": string, "updated": "YYYY-MM-DD" or null}`, '
            "with `permalink` as above; possibly empty. Every other field of a translation is its "
            "original's."
        ),
    ),
)

# Fields both adoption datasets give in the same words.
_EFFECTIVE = Field(
    ("effective",),
    "date or missing",
    "When it took effect; never before `date`.",
)
_NUMBER = Field(
    ("number",),
    "string or missing",
    "The ordinance or bill number as the jurisdiction writes it (`2021-14`, `HB 2`).",
)
_SPONSORS = Field(
    ("sponsors",),
    "list of strings (JSON); text (CSV)",
    (
        "Who sponsored it, in the order recorded (by name, also for a person named by their file's "
        "slug). In the CSV the names are joined by `; ` in one cell; "
        "empty when none are recorded."
    ),
)


ADOPTIONS = (
    Field(
        ("ordinance",),
        "string",
        "Slug of the model ordinance (see `documents.json`).",
    ),
    Field(
        ("ordinance_title",),
        "string",
        "Its title.",
    ),
    Field(
        ("ordinance_url",),
        "string",
        "Site-root-relative path of its page.",
    ),
    Field(
        ("jurisdiction",),
        "string",
        "Slug of the jurisdiction that acted (see `jurisdictions.json`).",
    ),
    Field(
        ("jurisdiction_name",),
        "string",
        "Its name.",
    ),
    Field(
        ("state",),
        "string",
        "Postal code of its state (for a state, its own code).",
    ),
    Field(
        ("kind",),
        "string",
        (
            "What the jurisdiction is: `state`, `city`, `town`, `village`, `county`, `school-district`, "
            "`tribal-nation` or `special-district`."
        ),
    ),
    Field(
        ("status",),
        "string",
        "`adopted`, `introduced`, `failed`, `repealed` or `preempted`.",
    ),
    Field(
        ("date",),
        "date or missing",
        (
            "When it happened; missing for an `adopted` row whose source gives no day (its `notes` say "
            "what the source gives)."
        ),
    ),
    Field(
        ("citation",),
        "string or missing",
        "The local citation, e.g. `Ord. 2025-9`.",
    ),
    Field(
        ("url",),
        "string or missing",
        "The source: address of the enacted text or the official record, on another site.",
    ),
    _EFFECTIVE,
    _NUMBER,
    _SPONSORS,
    Field(
        ("vote",),
        "string or missing",
        "The final vote: ayes, nays and, when recorded, abstentions (`7-2`, `4-2-1`), kept as text.",
    ),
    Field(
        ("notes",),
        "string or missing",
        "A short note from staff on this adoption.",
    ),
    Field(
        ("provisions",),
        "mapping (JSON); text (CSV)",
        (
            "Which sections of the model the enacted text kept, changed or left out, as staff coded them: "
            "section anchor to `kept`, `changed` or `omitted`. An anchor is the id of the model's section "
            "heading on its page (`/ordinances/<slug>/#section-3`) and always one of them; a section not "
            "listed is not coded (not the same as kept). In the CSV, one cell of `anchor=status` pairs "
            "joined by `;` in the model's order (`section-1=kept;section-3=changed`); empty, and `{}` in "
            "JSON, when nothing is coded."
        ),
    ),
)
MODEL_ADOPTIONS_FIELDS = (
    Field(
        ("jurisdiction",),
        "string",
        "Slug of the jurisdiction that acted (see `jurisdictions.json`).",
    ),
    Field(
        ("jurisdiction_name",),
        "string",
        "Its name.",
    ),
    Field(
        ("state",),
        "string",
        "Postal code of its state (for a state, its own code).",
    ),
    Field(
        ("kind",),
        "string",
        "What the jurisdiction is (as in `adoptions.csv` above).",
    ),
    Field(
        ("status",),
        "string",
        "`adopted`, `introduced`, `failed`, `repealed` or `preempted`.",
    ),
    Field(
        ("date",),
        "date or missing",
        (
            "When it passed, was introduced, failed...; missing for an `adopted` row whose source gives no "
            "day (its `notes` say what the source gives)."
        ),
    ),
    Field(
        ("citation",),
        "string or missing",
        "The formal citation, where staff recorded one (older records have only this).",
    ),
    Field(
        ("url",),
        "string or missing",
        (
            "The source: address of the enacted text or the official record, on another site. An `adopted` "
            'row without it is a claim without a source: the page shows "source needed", and `make check '
            "STRICT=1` refuses them."
        ),
    ),
    _EFFECTIVE,
    _NUMBER,
    _SPONSORS,
    Field(
        ("vote",),
        "string or missing",
        (
            "The final vote as whole numbers separated by `-`: ayes, nays and, when recorded, abstentions "
            "(`7-2`, `4-2-1`). Kept as text so a spreadsheet does not read it as a date."
        ),
    ),
    Field(
        ("notes",),
        "string or missing",
        "A short note from staff on this adoption.",
    ),
    Field(
        ("provisions",),
        "mapping (JSON); text (CSV)",
        (
            "Which sections of the model the enacted text kept, changed or left out, as staff coded them: "
            "section anchor to `kept`, `changed` or `omitted`. An anchor is the id of the model's section "
            "heading on its page (`/ordinances/<slug>/#section-3`) and always one of them; a section not "
            "listed is not coded (not the same as kept). In the CSV, one cell of `anchor=status` pairs "
            "joined by `;` in the model's order (`section-1=kept;section-3=changed`); empty, and `{}` in "
            "JSON, when nothing is coded."
        ),
    ),
)
ISSUES = (
    Field(
        ("slug",),
        "string",
        "The issue's identifier, as used in `documents.json`.",
    ),
    Field(
        ("title",),
        "string",
        "Its name.",
    ),
    Field(
        ("summary",),
        "string",
        "One sentence, possibly empty.",
    ),
    Field(
        ("url",),
        "string",
        "Site-root-relative path of its page, e.g. `issues/housing/`.",
    ),
    Field(
        ("counts",),
        "object",
        (
            "Number of documents on the issue per document type (`ordinance`, `brief`, …); only types with "
            "at least one document appear, so it may be `{}`."
        ),
    ),
    Field(
        ("total",),
        "integer",
        "Number of documents on the issue (the sum of `counts`).",
    ),
    Field(
        ("translations",),
        "list of objects",
        (
            'The issue\'s name in the site\'s other languages: each `{"lang": string, "title": string, '
            '"summary": string}`; possibly empty.'
        ),
    ),
)
JURISDICTIONS = (
    Field(
        ("slug",),
        "string",
        "The jurisdiction's identifier (for a state, its postal code).",
    ),
    Field(
        ("name",),
        "string",
        "Its name, e.g. `Durham`, `North Carolina`.",
    ),
    Field(
        ("kind",),
        "string",
        (
            "`state`, `city`, `town`, `village`, `county`, `school-district`, `tribal-nation` or "
            "`special-district`."
        ),
    ),
    Field(
        ("state",),
        "string",
        "Postal code of its state (for a state, its own code).",
    ),
    Field(
        ("parent",),
        "string or null",
        (
            "Slug of the enclosing jurisdiction below the state, e.g. a town's county; `null` for a state "
            "and for a jurisdiction directly within its state (its state is in `state`)."
        ),
    ),
    Field(
        ("lat", "lon"),
        "number or null",
        (
            "Latitude and longitude in decimal degrees, when known; `null` for states. For a county the "
            "hub knows from the Census list, a point inside the county."
        ),
    ),
    Field(
        ("fips",),
        "string or null",
        (
            "The five-digit FIPS code of a county or county equivalent from the Census list (`37183` for "
            "Wake County, NC); `null` for every other jurisdiction."
        ),
    ),
    Field(
        ("population", "population_year"),
        "integer or null",
        "Residents and the year they count, when the jurisdiction's file gives them; `null` otherwise.",
    ),
    Field(
        ("url",),
        "string",
        "Site-root-relative path of its page, e.g. `jurisdictions/durham-nc/`.",
    ),
    Field(
        ("names",),
        "object",
        (
            'Its name in other languages where its file gives one, by language code: `{"es": "Carolina del '
            'Norte"}`; usually `{}`.'
        ),
    ),
    Field(
        ("document_count",),
        "integer",
        (
            "Documents that name it; for a state, every document naming the state or anything within it. A "
            "county's count does not include documents that name only its towns, so it may be 0."
        ),
    ),
)
PREEMPTION = (
    Field(
        ("state",),
        "string",
        "Postal code of the state (see `jurisdictions.json`).",
    ),
    Field(
        ("state_name",),
        "string",
        "Its name.",
    ),
    Field(
        ("law",),
        "string",
        "The law's citation as staff wrote it: `House Bill 142 (2017)`. Unique within a state.",
    ),
    Field(
        ("issues",),
        "list of strings (JSON); text (CSV)",
        (
            "Slugs of the issues on which it limits local action (see `issues.json`). In the CSV joined by "
            "`; ` in one cell."
        ),
    ),
    Field(
        ("status",),
        "string",
        (
            "`preempts` (in force, blocks local action), `partial` (in force, limits it), `expired` or "
            "`repealed` (no longer in force)."
        ),
    ),
    Field(
        ("enacted",),
        "partial date or missing",
        "When it was enacted: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precisely as known.",
    ),
    Field(
        ("effective",),
        "partial date or missing",
        "When it took effect; never before `enacted` as far as both are known.",
    ),
    Field(
        ("expires",),
        "partial date or missing",
        "When it expires or expired; always present for `expired`.",
    ),
    Field(
        ("repealed",),
        "partial date or missing",
        "When it was repealed; present exactly for `repealed`.",
    ),
    Field(
        ("url",),
        "string or missing",
        (
            "The source: the law's text or the official record, on another site. Missing means no source "
            'has been recorded yet (the pages say "source needed").'
        ),
    ),
    Field(
        ("summary",),
        "string or missing",
        "What it blocks, in staff's words.",
    ),
    Field(
        ("notes",),
        "string or missing",
        'Anything else staff noted, such as how precise a date is ("the end of 2020").',
    ),
)

DATASETS = (
    Dataset(
        "documents", N_("Documents"),
        N_("Every document: model ordinances, briefs, stories, news and pages."),
        ("api/documents.json",), DOCUMENTS,
    ),
    Dataset(
        "adoptions", N_("Adoptions"),
        N_("One row per adoption of every model ordinance, whatever its status, with its sources."),
        ("api/adoptions.csv", "api/adoptions.json"), ADOPTIONS, "Column",
    ),
    Dataset(
        "issues", N_("Issues"), N_("Every issue, with its documents counted per type."),
        ("api/issues.json",), ISSUES,
    ),
    Dataset(
        "jurisdictions", N_("Jurisdictions"), N_("Every jurisdiction that has a page on the site."),
        ("api/jurisdictions.json",), JURISDICTIONS,
    ),
    Dataset(
        "preemption", N_("State preemption"),
        N_("Every state law recorded as preempting local action, in force or past."),
        ("api/preemption.csv", "api/preemption.json"), PREEMPTION, "Column",
    ),
)  # fmt: skip
MODEL_ADOPTIONS = Dataset(
    "model_adoptions", N_("One model's adoptions"),
    N_("Each model's adoptions, in the order of its page's \"Adopted in\" table, linked below that table."),
    (), MODEL_ADOPTIONS_FIELDS, "Column",
)  # fmt: skip
ALL = (*DATASETS, MODEL_ADOPTIONS)


def markers(key: str) -> tuple[str, str]:
    """The comments around a dataset's table in docs/DATA.md."""
    return f"<!-- codebook {key} -->", f"<!-- /codebook {key} -->"


def document_tables(text: str) -> dict[str, str]:
    """The tables between the codebook markers of docs/DATA.md's `text`, by dataset key."""
    found = {}
    for dataset in ALL:
        start, end = markers(dataset.key)
        if start in text and end in text:
            found[dataset.key] = text.split(start, 1)[1].split(end, 1)[0].strip("\n")
    return found


def with_tables(text: str) -> str:
    """docs/DATA.md's `text` with every codebook table made again from this module."""
    for dataset in ALL:
        start, end = markers(dataset.key)
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = f"{before}{start}\n{dataset.table()}\n{end}{after}"
    return text


if __name__ == "__main__":  # python -m hub_data.codebook docs/DATA.md: rewrite its tables in place
    path = sys.argv[1]
    with open(path, encoding="utf-8") as file:
        old = file.read()
    with open(path, "w", encoding="utf-8") as file:
        file.write(with_tables(old))

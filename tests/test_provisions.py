"""An adoption's coded provisions: each key must be an anchor the toolkit gives one of the model's headings,
each value kept, changed or omitted; every problem is reported at its line, in the same run as the
file's other errors, and the model keeps the coding typed and in the model's section order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hub_content import HubSettings, InvalidContentError, load
from hub_content.errors import Problems
from hub_content.fields import Ctx
from hub_content.provisions import check_provisions, model_sections
from hub_model import ModelSection, OrdinanceDetails, ProvisionStatus
from hub_toolkit.sections import model_text
from tests.sitekit import front, write_site

PATH = "ordinances/fair-rent.md"
BODY = (
    "## Section 1. Title\n\nA.\n\n## Section 2. Definitions\n\nB.\n\n### 2.1 Landlord\n\nC.\n\n"
    "## Findings\n\nD.\n\n## Section 3. Prohibition\n\nE.\n"
)


def ordinance(provisions: str, body: str = BODY, doc_fields: str = "") -> str:
    """An ordinance whose one adoption's `provisions` starts on line 11."""
    lines = "\n".join(f"              {line}" for line in provisions.strip().splitlines())
    return front(
        f"""
        title: Fair Rent Ordinance
        date: 2025-10-01
        summary: Bans algorithmic rent-setting.
        issues: [housing]{doc_fields}
        adoptions:
          - jurisdiction: durham-nc
            status: introduced
            date: 2025-03-04
            provisions:
{lines}
        """,
        body,
    )


def errors(root: Path, text: str, path: str = PATH) -> list[str]:
    write_site(root, {path: text})
    with pytest.raises(InvalidContentError) as caught:
        load(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def model_of(root: Path, text: str):
    write_site(root, {PATH: text})
    site = load(root, HubSettings(drafts=True)).site
    return next(d for d in site.documents if d.slug == "fair-rent")


def test_coded_provisions_are_typed_in_the_models_section_order(tmp_path):
    model = model_of(tmp_path, ordinance("section-3: omitted\nsection-1: kept\nfindings: changed"))
    details = model.details
    assert isinstance(details, OrdinanceDetails)
    assert details.adoptions[0].provisions == (
        ("section-1", ProvisionStatus.KEPT),
        ("findings", ProvisionStatus.CHANGED),
        ("section-3", ProvisionStatus.OMITTED),
    )
    assert [s.anchor for s in model_sections(model.body_html)] == [
        "section-1", "section-2", "section-2-1", "findings", "section-3",
    ]  # fmt: skip
    assert details.coded == details.adoptions


def test_the_models_sections_are_the_anchors_its_page_gets():
    """The validator and the toolkit read anchors with one function: a heading whose slug another
    element's id or a reserved id already takes gets the same '-2' on both sides."""
    body = '<h2>Main</h2><p id="findings">x</p><h2>Findings</h2><h2>Findings</h2><pre><h2>No</h2></pre>'
    page = model_text(body, str).sections
    assert model_sections(body) == tuple(ModelSection(s.id, s.title) for s in page)
    assert [s.anchor for s in model_sections(body)] == ["main-2", "findings-2", "findings-3"]


def test_an_unknown_anchor_is_an_error_at_its_line_listing_valid_anchors(tmp_path):
    found = errors(tmp_path, ordinance("section-1: kept\nsection-9: changed\nfindngs: kept"))
    assert found == [
        # Never "did you mean 'section-3'": another number is another section, not a typo.
        f"{PATH}:12: 'adoptions[1].provisions' names 'section-9', which is not a section of this model: "
        "use the anchor of one of its headings (section-1, section-2, section-2-1, findings, section-3)",
        f"{PATH}:13: 'adoptions[1].provisions' names 'findngs', which is not a section of this model "
        "(did you mean 'findings'?): use the anchor of one of its headings "
        "(section-1, section-2, section-2-1, findings, section-3)",
    ]


def test_the_list_of_valid_anchors_is_cut_short_for_a_long_model(tmp_path):
    body = "".join(f"## Section {n}. Part\n\nText.\n\n" for n in range(1, 21))
    (found,) = errors(tmp_path, ordinance("zoning: kept", body))
    assert found.endswith(
        "use the anchor of one of its headings "
        "(section-1, section-2, section-3, section-4, section-5, section-6, ...)"
    )


def test_a_model_without_headings_has_no_anchors_to_code(tmp_path):
    (found,) = errors(tmp_path, ordinance("section-1: kept", "Only a paragraph.\n"))
    assert found == (
        f"{PATH}:11: 'adoptions[1].provisions' names 'section-1', which is not a section of this model: "
        "its text has no ## or ### headings to code; add them or remove provisions"
    )


def test_a_bad_status_names_the_allowed_ones(tmp_path):
    assert errors(tmp_path, ordinance("section-1: kep")) == [
        f"{PATH}:11: 'adoptions[1].provisions.section-1' is 'kep' (did you mean 'kept'?): "
        "use one of kept, changed, omitted"
    ]


def test_provisions_that_are_not_a_mapping_are_an_error(tmp_path):
    assert errors(tmp_path, ordinance("[section-1, section-2]")) == [
        f"{PATH}:11: 'adoptions[1].provisions' must be a set of section: status pairs: "
        "write it like provisions: {section-3: changed, section-5: omitted}"
    ]


def test_a_section_coded_twice_is_an_error(tmp_path):
    assert errors(tmp_path, ordinance("section-1: kept\nsection-1: changed")) == [
        f"{PATH}:12: section 'section-1' is coded twice in 'adoptions[1].provisions' (first on line 11): "
        "keep one"
    ]


def test_a_key_that_is_not_an_anchor_is_an_error(tmp_path):
    (found,) = errors(tmp_path, ordinance("? [section-1]\n: kept"))
    assert found.startswith(f"{PATH}:11: each key of 'adoptions[1].provisions' must be a section's anchor")


def test_an_unknown_anchor_is_reported_with_the_files_other_errors(tmp_path):
    found = errors(tmp_path, ordinance("section-7: kept", doc_fields="\n        updated: someday"))
    assert [e.split(": ", 1)[0] for e in found] == [f"{PATH}:6", f"{PATH}:12"]
    assert "'section-7', which is not a section" in found[1]


def test_a_long_hostile_anchor_is_quoted_as_a_short_excerpt(tmp_path):
    (found,) = errors(tmp_path, ordinance(f'"{"x" * 900}\\u202e": kept'))
    assert len(found) < 400 and "\\u202e" in found and "x" * 100 not in found


def test_provisions_on_a_document_without_model_sections_are_an_error():
    """Only ordinances have sections to code: a type without them refuses provisions outright."""
    problems = Problems("briefs/x.md")
    node = yaml.compose("- jurisdiction: durham-nc\n  provisions: {section-1: kept}\n")
    check_provisions(node, None, Ctx(problems, Path(".")))
    assert [str(e) for e in problems.errors] == [
        "briefs/x.md:2: 'adoptions[1].provisions' codes the sections of a model text, which only "
        "ordinances have: remove it"
    ]


def test_a_brief_cannot_carry_coded_adoptions(tmp_path):
    brief = front(
        """
        title: The Privacy Trap
        date: 2025-08-01
        summary: Worker surveillance.
        issues: [housing]
        adoptions:
          - jurisdiction: durham-nc
            status: adopted
            provisions: {section-1: kept}
        """,
        "## Section 1. Title\n\nA.\n",
    )
    found = errors(tmp_path, brief, "briefs/privacy-trap.md")
    assert any("codes the sections of a model text, which only ordinances have" in e for e in found)
    assert any("unknown field 'adoptions'" in e for e in found)

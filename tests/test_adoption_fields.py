"""An adoption is a sourced record: number, sponsors, vote, effective date, enacted text and notes, each
validated with its exact `path:line: message`; an adopted entry without a source is a warning, which
`check --strict` makes an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_content import HubSettings, InvalidContentError, load
from hub_content.errors import excerpt
from hub_model import OrdinanceDetails
from tests.sitekit import JURISDICTIONS, front, hub, write_site

PATH = "ordinances/fair-rent.md"
# Durham with a location, so that the only warnings are the adoptions' (a place without one is a warning).
LOCATED = {
    "jurisdictions/nc.yaml": JURISDICTIONS["nc"].replace(
        "  kind: city\n", "  kind: city\n  lat: 35.99\n  lon: -78.9\n"
    )
}


def ordinance(adoption: str) -> str:
    """An ordinance whose one adoption (starting on line 8) has the given fields besides jurisdiction."""
    lines = "\n".join(f"            {line}" for line in adoption.strip().splitlines())
    return front(
        f"""
        title: Fair Rent Ordinance
        date: 2025-10-01
        summary: Bans algorithmic rent-setting.
        issues: [housing]
        adoptions:
          - jurisdiction: durham-nc
{lines}
        """
    )


SOURCED = """\
status: adopted
date: 2025-03-04
url: https://durhamnc.gov/ordinances/2025-9
number: Ord. 2025-9
sponsors: [Ana Ruiz, Lee Park]
vote: 7-2
effective: 2025-04-01
text: enacted/durham-nc.md
notes: Passed after two readings.
"""


def errors(root: Path, text: str) -> list[str]:
    write_site(root, {PATH: text})
    with pytest.raises(InvalidContentError) as caught:
        load(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def with_enacted(root: Path, text: str = "# Ordinance 2025-9\n\nSection 1.\n") -> Path:
    (root / "enacted").mkdir(parents=True, exist_ok=True)
    (root / "enacted" / "durham-nc.md").write_text(text, encoding="utf-8")
    return root


def test_every_field_of_a_sourced_adoption_is_kept(tmp_path):
    write_site(with_enacted(tmp_path), {PATH: ordinance(SOURCED)})
    loaded = load(tmp_path, HubSettings(drafts=True))
    doc = next(d for d in loaded.site.documents if d.slug == "fair-rent")
    assert isinstance(doc.details, OrdinanceDetails)
    adoption = doc.details.adoptions[0]
    assert (adoption.number, adoption.sponsors, adoption.vote) == (
        "Ord. 2025-9",
        ("Ana Ruiz", "Lee Park"),
        "7-2",
    )
    assert (str(adoption.effective), adoption.text, adoption.notes) == (
        "2025-04-01",
        "enacted/durham-nc.md",
        "Passed after two readings.",
    )
    assert adoption.identifier == "Ord. 2025-9" and not adoption.source_needed
    assert not [w for w in loaded.warnings if w.path.endswith("fair-rent.md")]


def test_the_older_citation_field_stays_valid_and_stands_in_for_the_number(tmp_path):
    text = ordinance("status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\ncitation: Ord. 9")
    write_site(tmp_path, {PATH: text})
    doc = next(d for d in load(tmp_path, HubSettings(drafts=True)).site.documents if d.slug == "fair-rent")
    assert isinstance(doc.details, OrdinanceDetails)
    assert doc.details.adoptions[0].identifier == "Ord. 9"


@pytest.mark.parametrize(
    "value",
    ["7-2-", "seven-two", "7", "7–2", "-1-2", "7-2.5", "7 - 2", "7:2", "\u0667-\u0662", "７-２", "12345-1"],
)
def test_a_vote_must_be_whole_numbers_separated_by_dashes(tmp_path, value):
    text = ordinance(f"status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\nvote: '{value}'")
    assert errors(tmp_path, text) == [
        f"{PATH}:11: 'adoptions[1].vote' is '{value}', not a vote count: write the ayes and nays as whole "
        "numbers separated by '-', like 7-2 (or 4-2-1 with abstentions)"
    ]


@pytest.mark.parametrize("value", ["5-0", "4-2-1", "0-9"])
def test_votes_with_two_or_more_counts_are_accepted(tmp_path, value):
    text = ordinance(f"status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\nvote: {value}")
    write_site(tmp_path, {PATH: text})
    load(tmp_path, HubSettings(drafts=True))


def test_effective_before_the_date_it_passed_is_reported_at_effective(tmp_path):
    text = ordinance("status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\neffective: 2025-03-01")
    assert errors(tmp_path, text) == [
        f"{PATH}:11: 'adoptions[1].effective' (2025-03-01) is before 'adoptions[1].date' (2025-03-04): "
        "a law takes effect on or after the day it passed; correct one of the dates"
    ]


def test_effective_must_be_a_date(tmp_path):
    text = ordinance("status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\neffective: soon")
    assert errors(tmp_path, text) == [
        f"{PATH}:11: 'adoptions[1].effective' is 'soon', not a valid date: "
        "write it as YYYY-MM-DD, like 2025-10-01"
    ]


def test_sponsors_must_be_a_list_of_names_each_once(tmp_path):
    text = ordinance("status: introduced\nsponsors: Ana Ruiz")
    assert errors(tmp_path, text) == [
        f"{PATH}:9: 'adoptions[1].sponsors' must be a list of names: "
        "write it as adoptions[1].sponsors: [Ana Ruiz]"
    ]
    text = ordinance("status: introduced\nsponsors: [Ana Ruiz, ana ruiz]")
    assert errors(tmp_path, text) == [
        f"{PATH}:9: 'ana ruiz' is listed twice in 'adoptions[1].sponsors' (first on line 9): remove one"
    ]


def test_enacted_text_must_be_a_markdown_file_that_exists_under_enacted(tmp_path):
    base = "status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\n"
    assert errors(tmp_path, ordinance(base + "text: enacted/durham.md")) == [
        f"{PATH}:11: 'adoptions[1].text' names enacted/durham.md, which does not exist: "
        "add the file to the content folder's enacted/ or correct the path"
    ]
    assert errors(tmp_path, ordinance(base + "text: files/brief.pdf")) == [
        f"{PATH}:11: 'adoptions[1].text' must be a path under enacted/, like enacted/name.md"
    ]
    assert errors(tmp_path, ordinance(base + "text: enacted/../ordinances/fair-rent.md")) == [
        f"{PATH}:11: 'adoptions[1].text' must be a path under enacted/, like enacted/name.md"
    ]
    with_enacted(tmp_path)
    (tmp_path / "enacted" / "durham-nc.txt").write_text("x", encoding="utf-8")
    assert errors(tmp_path, ordinance(base + "text: enacted/durham-nc.txt")) == [
        "enacted/durham-nc.txt:1: only .md files belong in enacted/: rename it to durham-nc.md or move it",
        f"{PATH}:11: 'adoptions[1].text' must be a Markdown file (.md), not 'enacted/durham-nc.txt'",
    ]


def test_an_enacted_text_is_read_as_text_and_refused_with_hidden_characters(tmp_path):
    with_enacted(tmp_path, "Section 1.\nThe council \u202eshall\n")
    text = ordinance(
        "status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\ntext: enacted/durham-nc.md"
    )
    found = errors(tmp_path, text)
    assert len(found) == 1 and found[0].startswith("enacted/durham-nc.md:2: ")


def test_an_enacted_text_that_is_not_utf8_is_refused(tmp_path):
    with_enacted(tmp_path)
    (tmp_path / "enacted" / "durham-nc.md").write_bytes(b"Section 1.\n\xff\xfe\n")
    text = ordinance(
        "status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\ntext: enacted/durham-nc.md"
    )
    assert errors(tmp_path, text) == [
        "enacted/durham-nc.md:2: the file is not UTF-8 text (byte 0xff at column 1): "
        "save it with UTF-8 encoding in your editor"
    ]


def test_number_and_notes_are_short_text(tmp_path):
    text = ordinance(f"status: introduced\nnumber: {'9' * 81}\nnotes: {'word ' * 70}")
    assert errors(tmp_path, text) == [
        f"{PATH}:9: 'adoptions[1].number' is 81 characters long: shorten it to at most 80",
        f"{PATH}:10: 'adoptions[1].notes' is 349 characters long: shorten it to at most 300",
    ]


def test_all_adoption_errors_are_reported_in_one_run(tmp_path):
    text = ordinance("status: adopted\ndate: 2025-03-04\nvote: yes\neffective: 2025-01-01\nsponsors: x")
    found = errors(tmp_path, text)
    assert [line.split(":")[1] for line in found] == ["10", "12"]


ADOPTED_WITHOUT_URL = (
    "'adoptions[1]' is adopted but names no source: add url: the address of the enacted text or the "
    'official record (the page shows "source needed" until then)'
)


def test_an_adopted_entry_without_url_is_a_warning_at_its_line(tmp_path):
    write_site(tmp_path, {PATH: ordinance("status: adopted\ndate: 2025-03-04"), **LOCATED})
    loaded = load(tmp_path, HubSettings(drafts=True))
    assert [f"{Path(w.path).relative_to(tmp_path)}:{w.line}: {w.message}" for w in loaded.warnings] == [
        f"{PATH}:7: {ADOPTED_WITHOUT_URL}"
    ]
    with pytest.raises(InvalidContentError) as caught:
        load(tmp_path, HubSettings(drafts=True), strict=True)
    assert [f"{e.line}: {e.message}" for e in caught.value.errors] == [f"7: {ADOPTED_WITHOUT_URL}"]


ADOPTED_WITHOUT_DATE = (
    "'adoptions[1]' is adopted but gives no date: add date: YYYY-MM-DD (the day it passed) once a "
    "record gives it; until then its row shows no date and the timeline does not count it"
)


def test_an_adopted_entry_without_a_date_is_a_warning_never_a_made_up_day(tmp_path):
    adoption = "status: adopted\nurl: https://durhamnc.gov/ordinances/2025-9\nnotes: Passed in 2025."
    write_site(tmp_path, {PATH: ordinance(adoption), **LOCATED})
    loaded = load(tmp_path, HubSettings(drafts=True))
    assert [f"{Path(w.path).relative_to(tmp_path)}:{w.line}: {w.message}" for w in loaded.warnings] == [
        f"{PATH}:7: {ADOPTED_WITHOUT_DATE}"
    ]
    doc = next(d for d in loaded.site.documents if d.slug == "fair-rent")
    assert isinstance(doc.details, OrdinanceDetails) and doc.details.adoptions[0].date is None
    with pytest.raises(InvalidContentError) as caught:
        load(tmp_path, HubSettings(drafts=True), strict=True)
    assert [f"{e.line}: {e.message}" for e in caught.value.errors] == [f"7: {ADOPTED_WITHOUT_DATE}"]


@pytest.mark.parametrize("status", ["introduced", "failed", "repealed", "preempted"])
def test_only_adopted_entries_need_a_source(tmp_path, status):
    write_site(tmp_path, {PATH: ordinance(f"status: {status}"), **LOCATED})
    assert not load(tmp_path, HubSettings(drafts=True), strict=True).warnings


def test_check_prints_the_warning_and_succeeds_and_strict_fails(tmp_path):
    write_site(tmp_path, {PATH: ordinance("status: adopted\ndate: 2025-03-04"), **LOCATED})
    plain = hub("check", "-i", str(tmp_path), cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert f"{PATH}:7: warning: {ADOPTED_WITHOUT_URL}" in plain.stderr.splitlines()
    assert "1 warning (check --strict makes them errors)" in plain.stderr
    strict = hub("check", "-i", str(tmp_path), "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert f"{PATH}:7: {ADOPTED_WITHOUT_URL}" in strict.stderr.splitlines()
    github = hub("check", "-i", str(tmp_path), "--format", "github", cwd=tmp_path)
    assert github.returncode == 0
    assert github.stdout.startswith(f"::warning file={PATH},line=7::'adoptions[1]' is adopted")


@pytest.mark.parametrize(("extra", "strict"), [((), False), (("STRICT=1",), True), (("STRICT=0",), False)])
def test_make_check_passes_strict_when_asked(extra, strict):
    import subprocess

    from tests.sitekit import ROOT

    shown = subprocess.run(
        # --no-print-directory: under `make test`, the inner make would add "Entering directory" lines.
        ["make", "-n", "--no-print-directory", "-o", ".venv/bin/.installed", "check", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shown.strip().endswith("--strict") is strict


def test_an_enacted_text_linked_from_outside_the_content_folder_stops_the_run(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("not content\n", encoding="utf-8")
    root = tmp_path / "content"
    (root / "enacted").mkdir(parents=True)
    (root / "enacted" / "durham-nc.md").symlink_to(secret)
    text = ordinance(
        "status: adopted\ndate: 2025-03-04\nurl: https://example.org/o\ntext: enacted/durham-nc.md"
    )
    found = errors(root, text)
    assert found == [
        f"enacted/durham-nc.md:1: this is a link to '{excerpt(str(secret))}', outside the content folder: "
        "replace the link with the file itself"
    ]


def test_strict_reports_warnings_with_every_error_in_one_run(tmp_path):
    broken = front("title: Broken\ndate: 2025-13-01\nsummary: S.\nissues: [housing]")
    write_site(
        tmp_path, {PATH: ordinance("status: adopted\ndate: 2025-03-04"), "news/broken.md": broken, **LOCATED}
    )
    with pytest.raises(InvalidContentError) as caught:
        load(tmp_path, HubSettings(drafts=True), strict=True)
    assert [f"{Path(e.path).relative_to(tmp_path)}:{e.line}" for e in caught.value.errors] == [
        "news/broken.md:3",
        f"{PATH}:7",
    ]
    with pytest.raises(InvalidContentError) as caught:  # without --strict: only the error
        load(tmp_path, HubSettings(drafts=True))
    assert [e.line for e in caught.value.errors] == [3]

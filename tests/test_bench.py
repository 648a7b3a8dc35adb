"""Quick checks of the benchmark tooling (tests/bench/): the generator and run.py's pure helpers.

The benchmark itself (`make bench`) is never run here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.bench import baselines, generate, run
from tests.sitekit import ROOT, hub, tree

DOCUMENTS = 40
FOLDERS = ("ordinances", "briefs", "stories", "news")


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "content"
    generate.generate(folder, DOCUMENTS, seed=7)
    return folder


def _documents(content: Path) -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((content / folder).glob("*.md"))]


def test_generated_content_passes_the_hub_check(content):
    result = hub("check", "-i", str(content))
    assert result.returncode == 0, result.stderr
    assert f"{DOCUMENTS} documents, 30 issues" in result.stdout


def test_generation_is_deterministic_for_a_seed(content, tmp_path):
    generate.generate(tmp_path / "same", DOCUMENTS, seed=7)
    generate.generate(tmp_path / "other", DOCUMENTS, seed=8)
    assert tree(tmp_path / "same") == tree(content)
    assert tree(tmp_path / "other") != tree(content)


def test_command_line_gives_the_same_bytes_in_every_process(tmp_path):
    for hash_seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "tests.bench.generate", str(tmp_path / hash_seed), "--documents", "8"],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "30 issues, 51 jurisdictions, 1 ordinances, 1 briefs, 3 stories, 3 news" in result.stdout
    assert tree(tmp_path / "1") == tree(tmp_path / "2")


def test_type_mix_issues_and_jurisdictions(content):
    counts = {folder: len(list((content / folder).glob("*.md"))) for folder in FOLDERS}
    assert counts == {"ordinances": 6, "briefs": 6, "stories": 14, "news": 14}
    assert len(list((content / "issues").glob("*.md"))) == 30
    states = {p.stem for p in (content / "jurisdictions").glob("*.yaml")}
    assert len(states) == 51 and "dc" in states and "pr" not in states
    places = yaml.safe_load((content / "jurisdictions" / "nc.yaml").read_text())
    counties = [p for p in places if p["kind"] == "county"]
    assert 2 <= len(counties) <= 4
    for county in counties:
        towns = [p for p in places if p.get("parent") == county["slug"]]
        assert 3 <= len(towns) <= 8
    for place in places:
        assert 33.5 < place["lat"] < 37.5 and -85 < place["lon"] < -75, place


def test_documents_follow_the_brief(content):
    slugs = []
    for path in _documents(content):
        fields, body = baselines.split_front_matter(path.read_text(encoding="utf-8"))
        slugs.append(path.stem)
        assert 500 <= len(body.split()) <= 1500, path
        assert re.search(r"^## ", body, re.MULTILINE) and re.search(r"^(- |1\. )", body, re.MULTILINE), path
        assert 1 <= len(fields["issues"]) <= 3 and len(fields.get("jurisdictions", [])) <= 4
        assert 2015 <= fields["date"].year <= 2025
        assert "lorem" not in body.lower()
        if path.parent.name == "ordinances":
            adoptions = fields.get("adoptions", [])
            assert len(adoptions) <= 20
            assert all("date" in a for a in adoptions if a["status"] == "adopted")
        if path.parent.name == "stories":
            assert fields["people"]
        if path.parent.name == "briefs":
            assert fields["partners"]
    assert len(set(slugs)) == len(slugs)
    assert all(generate.slugify(s) == s for s in slugs)


def test_type_counts_add_up():
    assert generate.type_counts(10_000) == (1500, 1500, 3500, 3500)
    assert generate.type_counts(1) == (0, 0, 0, 1)
    assert sum(generate.type_counts(7)) == 7


def test_yaml_text_quotes_only_when_needed():
    assert generate.yaml_text("Housing Now") == "Housing Now"
    assert generate.yaml_text("Rent: a primer") == '"Rent: a primer"'
    assert generate.yaml_text("Our #LocalStory") == '"Our #LocalStory"'
    assert generate.yaml_text("Data, Society", in_list=True) == '"Data, Society"'


def test_extra_document_is_valid_and_new(content, tmp_path):
    copy = tmp_path / "content"
    generate.generate(copy, DOCUMENTS, seed=7)
    path = generate.extra_document(copy, 7, run.ADDED_SLUG)
    assert path == copy / "news" / f"{run.ADDED_SLUG}.md"
    result = hub("check", "-i", str(copy))
    assert result.returncode == 0, result.stderr
    assert f"{DOCUMENTS + 1} documents" in result.stdout


def test_median_and_ratio():
    assert run.median([3.0, 1.0, 2.0]) == 2.0
    assert run.median([1.0, 2.0]) == 1.5
    with pytest.raises(ValueError):
        run.median([])
    assert run.ratio(3.0, 2.0) == 1.5
    assert run.ratio(3.0, None) is None and run.ratio(None, 2.0) is None


def test_peak_memory_is_read_from_time_output():
    report = "\tCommand being timed: x\n\tMaximum resident set size (kbytes): 204800\n"
    assert run.parse_peak_mib(report) == 200.0
    assert run.parse_peak_mib("") is None


def test_the_hub_and_pagefind_peaks_are_read_from_the_builds_report():
    printed = (
        "note: search: Pagefind indexed 12 pages in 0.31 s (peak memory of Pagefind: 41 MiB)\n"
        "built 40 pages into out (peak memory of the build process: 187 MiB)\n"
    )
    assert run.parse_hub_peaks(printed) == (187.0, 41.0)
    assert run.parse_hub_peaks("") == (None, None)


def test_a_failed_command_raises_with_its_stderr(tmp_path):
    command = [sys.executable, "-c", "import sys; print('broken', file=sys.stderr); sys.exit(3)"]
    with pytest.raises(run.BuildError) as failure:
        run.timed(command, "a build", tmp_path, os.environ)
    assert "exit status 3" in str(failure.value) and "broken" in failure.value.stderr
    sample, _ = run.timed([sys.executable, "-c", "pass"], "a build", tmp_path, os.environ)
    assert sample.seconds > 0 and (sample.peak_mib is None or sample.peak_mib > 1)


def test_peak_memory_without_usr_bin_time(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "TIME", tmp_path / "no-time")
    command = [sys.executable, "-c", "x = bytearray(64 * 2**20); x[::4096] = b'1' * len(x[::4096])"]
    sample, _ = run.timed(command, "a build", tmp_path, os.environ)
    assert sample.peak_mib is not None and sample.peak_mib > 64


def test_edits_change_one_thing():
    text = "---\ntitle: T\nissues: [housing, climate]\n---\nBody.\n"
    assert run.edit_body(text) == text.rstrip("\n") + f"\n\n{run.EDIT_PARAGRAPH}\n"
    changed = run.change_issues(text, ["climate", "democracy", "housing"])
    assert changed == "---\ntitle: T\nissues: [democracy, climate]\n---\nBody.\n"


def test_table_has_one_row_per_measurement_with_ratios():
    results = [
        run.Result(1000, "hub_full", "hub: full build", median_seconds=12.5, median_peak_mib=150.4,
                   median_hub_peak_mib=120.2, median_pagefind_peak_mib=150.4,
                   output_bytes=48_000_000, output_files=5321, time_vs_pelican=1.953),
        run.Result(1000, "pelican_full", "vanilla Pelican: full build", median_seconds=6.4,
                   median_peak_mib=58),
    ]  # fmt: skip
    lines = run.format_table(results).splitlines()
    assert lines[0].split() == ["docs", "measurement", "median", "s", "peak", "MiB", "hub", "MiB", "Pagefind",
                                "MiB", "output", "MB", "files", "hub/Pelican", "hub/Hugo"]  # fmt: skip
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == [
        "1,000",
        "hub:",
        "full",
        "build",
        "12.50",
        "150",
        "120",
        "150",
        "48.0",
        "5,321",
        "1.95x",
        "-",
    ]
    assert lines[3].split() == [
        "1,000",
        "vanilla",
        "Pelican:",
        "full",
        "build",
        "6.40",
        "58",
        "-",
        "-",
        "-",
        "-",
        "-",
        "-",
    ]
    assert len({len(line) for line in lines[:2]}) == 1  # the rule is as wide as the header


def test_header_says_ratios_come_from_the_same_run():
    assert "measured in this same run" in run.header_text(3, None)
    assert "Hugo" in run.header_text(1, "/usr/bin/hugo") and "medians of 1 run " in run.header_text(1, None)


DOCUMENT = """\
---
title: "Rent: a primer"
date: 2021-03-04
summary: How cities act.
issues: [housing, climate]
jurisdictions: [durham-nc, nc]
people:
  - name: A B
    role: Mayor
---
## Section 1

Text with [JURISDICTION].
"""


def test_pelican_conversion():
    assert baselines.to_pelican(DOCUMENT, "story", "rent-primer") == (
        "Title: Rent: a primer\nDate: 2021-03-04\nSlug: rent-primer\nCategory: story\n"
        "Tags: housing, climate, durham-nc, nc\nSummary: How cities act.\n\n"
        "## Section 1\n\nText with [JURISDICTION].\n"
    )


def test_hugo_conversion():
    converted = baselines.to_hugo(DOCUMENT)
    front, body = converted.removeprefix("---\n").split("\n---\n", 1)
    assert body == "## Section 1\n\nText with [JURISDICTION].\n"
    assert yaml.safe_load(front) == {
        "title": "Rent: a primer",
        "date": "2021-03-04",
        "summary": "How cities act.",
        "issues": ["housing", "climate"],
        "jurisdictions": ["durham-nc", "nc"],
        "tags": ["housing", "climate", "durham-nc", "nc"],
    }


def test_baseline_sites_have_every_document(content, tmp_path):
    pelican_content, conf = baselines.write_pelican_site(content, tmp_path / "pelican")
    assert len(list(pelican_content.rglob("*.md"))) == DOCUMENTS
    assert 'THEME = "simple"' in conf.read_text() and "PLUGINS = []" in conf.read_text()
    site = baselines.write_hugo_site(content, tmp_path / "hugo")
    assert len(list((site / "content").rglob("*.md"))) == DOCUMENTS
    assert (site / "config.toml").is_file() and (site / "layouts" / "_default" / "single.html").is_file()

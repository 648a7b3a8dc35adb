"""Quick checks of the benchmark tooling (tests/bench/): the generator, the baselines and run.py's helpers.

The benchmark itself (`make bench`) is never run here.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from tests.bench import baselines, devloop, edits, generate, run, table
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


# -- the table, the ratios and the comparison of two sites (tests/bench/table.py) ---------------------


def _samples(**seconds: list[float]) -> dict[str, list[table.Sample]]:
    return {key: [table.Sample(s) for s in values] for key, values in seconds.items()}


def test_median_and_ratio():
    assert table.median([3.0, 1.0, 2.0]) == 2.0
    assert table.median([1.0, 2.0]) == 1.5
    with pytest.raises(ValueError):
        table.median([])
    assert table.ratio(3.0, 2.0) == 1.5
    assert table.ratio(3.0, None) is None and table.ratio(None, 2.0) is None and table.ratio(1.0, 0.0) is None


def test_each_measurement_is_divided_by_its_baselines_from_the_same_samples():
    samples = _samples(
        hub_full=[30.0, 10.0, 20.0],
        pelican_pagefind=[25.0, 30.0, 28.0],
        pelican_full=[10.0],
        hub_body=[6.0],
        pagefind_hub=[12.0],
        dev_body=[0.4, 2.0, 0.6],
        dev_issues=[3.0],
        hugo_server=[0.2],
    )
    results = {r.key: r for r in table.summarise(1000, samples, {"hub_full": (5_000_000, 42)})}
    full = results["hub_full"]
    assert full.median_seconds == 20.0 and full.seconds == [30.0, 10.0, 20.0]
    assert full.ratios == {"pelican_pagefind": 20 / 28, "pelican_full": 2.0}  # no Hugo measured: no ratio
    assert (full.target, full.met) == ("≤ 0.75x Pelican+Pagefind", True)
    assert (full.output_bytes, full.output_files) == (5_000_000, 42)
    body = results["hub_body"]
    assert body.ratios == {"pagefind_hub": 0.5} and (body.target, body.met) == (
        "≤ 0.6x Pagefind on hub pages",
        True,
    )
    assert results["dev_body"].median_seconds == 0.6
    assert results["dev_body"].ratios == {
        "hugo_server": pytest.approx(3.0),
        "pelican_full": pytest.approx(0.06),
    }
    assert (results["dev_body"].target, results["dev_body"].met) == ("< 1 s", True)
    assert (results["dev_issues"].target, results["dev_issues"].met) == ("< 2 s", False)
    assert results["pelican_full"].ratios == {} and results["pelican_full"].target is None
    assert [r.key for r in table.summarise(1, samples, {})] == [
        m.key for m in table.MEASURES if m.key in samples
    ]  # the table's order, whatever order the samples came in


def test_a_ratio_target_without_its_baseline_is_not_judged():
    [result] = table.summarise(10, _samples(hub_full=[5.0]), {})
    assert result.ratios == {} and result.target == "≤ 0.75x" and result.met is None


def test_a_target_is_missed_at_its_limit_in_seconds_and_met_at_its_limit_as_a_ratio():
    assert table.Target("seconds", 1).met(1.0, None) is False
    assert table.Target("seconds", 1).met(0.99, None) is True
    assert table.Target("ratio", 0.6).met(100.0, 0.6) is True
    assert table.Target("ratio", 0.6).met(1.0, 0.61) is False


def test_memory_alone_gives_medians_of_peaks_without_times():
    samples = {"hub_full": [table.Sample(None, 900.0, 700.0, 900.0)]}
    [result] = table.summarise(50_000, samples, {})
    assert result.seconds == [] and result.median_seconds is None and result.met is None
    assert (result.median_peak_mib, result.median_hub_peak_mib, result.median_pagefind_peak_mib) == (
        900.0,
        700.0,
        900.0,
    )


def test_table_is_markdown_with_a_row_per_measurement():
    samples = {
        "hub_full": [table.Sample(12.5, 150.4, 120.2, 150.4)],
        "pelican_pagefind": [table.Sample(20.0, 58.0)],
        "dev_body": [table.Sample(0.3), table.Sample(0.5)],
    }
    text = table.format_table(table.summarise(1000, samples, {"hub_full": (48_000_000, 5321)}))
    lines = text.splitlines()
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    assert cells[0] == list(table.HEADER)
    assert (
        all(set(c) <= set("-:") for c in cells[1])
        and cells[1][1].startswith(":")
        and cells[1][2].endswith(":")
    )
    assert cells[2] == ["1,000", "hub: publish, empty cache", "12.50", "1", "0.62x Pelican+Pagefind",
                        "≤ 0.75x Pelican+Pagefind", "yes", "150", "120", "150", "48.0", "5,321"]  # fmt: skip
    assert cells[3][1:7] == ["vanilla Pelican + Pagefind, back to back", "20.00", "1", "-", "-", "-"]
    assert cells[4][2:7] == ["0.40", "2", "-", "< 1 s", "yes"]
    assert len({len(line) for line in lines}) == 1  # padded: it reads as a table in a terminal too


def test_header_says_ratios_come_from_the_same_run():
    text = table.header_text(3, ["vanilla Pelican 4.12", "Hugo"])
    assert "medians of 3 rounds" in text and "measured in this same run (vanilla Pelican 4.12, Hugo)" in text
    assert "medians of 1 round " in table.header_text(1, [])


@pytest.mark.parametrize(
    ("name", "left_out"),
    [
        ("pagefind/filter/en_362156e.pf_filter", True),
        ("pagefind/pagefind-entry.json", True),
        ("pagefind/pagefind.en_64c0d8f837.pf_meta", True),
        ("pagefind/pagefind.es_2a9837f21e.pf_meta", True),
        ("pagefind/pagefind.js", False),
        ("pagefind/index/en_1234.pf_index", False),
        ("pagefind/fragment/en_12.pf_fragment", False),
        ("news/filter/index.html", False),
        ("es/pagefind/pagefind-entry.json", False),
    ],
)
def test_only_pagefinds_filter_index_and_the_files_naming_it_are_left_out(name, left_out):
    assert table.unstable(name) is left_out


def _site(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_sites_are_compared_file_for_file(tmp_path):
    same = {"index.html": b"<p>a</p>", "news/x/index.html": b"x", "pagefind/pagefind.js": b"js"}
    first = _site(
        tmp_path / "a",
        {**same, "pagefind/filter/en_1.pf_filter": b"1", "pagefind/pagefind-entry.json": b"{1}"},
    )
    second = _site(
        tmp_path / "b",
        {**same, "pagefind/filter/en_2.pf_filter": b"2", "pagefind/pagefind-entry.json": b"{2}"},
    )
    result = table.compare_sites(first, second)
    assert result.identical and (result.compared, result.left_out) == (3, 3)
    assert result.text() == "identical: yes (3 files compared byte for byte, 3 left out)"
    (second / "news" / "x" / "index.html").write_bytes(b"y")  # same size, other bytes
    (second / "news" / "new.html").write_bytes(b"")
    (first / "pagefind" / "pagefind.js").unlink()
    result = table.compare_sites(first, second)
    assert not result.identical
    assert result.differing == ("news/x/index.html",) and result.only_first == ()
    assert result.only_second == ("news/new.html", "pagefind/pagefind.js")
    assert result.text() == (
        "identical: no; differing: 1 (news/x/index.html); only in the clean build: 2 (news/new.html, "
        "pagefind/pagefind.js)"
    )


# -- run.py's and devloop.py's helpers -------------------------------------------------------------


def test_edits_change_one_thing():
    text = "---\ntitle: T\ndate: 2020-01-02\nissues: [housing, climate]\n---\nBody.\n"
    assert edits.edit_body(text) == text.rstrip("\n") + f"\n\n{edits.EDIT_PARAGRAPH}\n"
    changed = edits.change_issues(text, ["climate", "democracy", "housing"])
    assert changed == text.replace("[housing, climate]", "[democracy, climate]")
    assert edits.issues_of(changed) == ["democracy", "climate"]
    assert edits.redate(text, "2026-01-01") == text.replace("2020-01-02", "2026-01-01")
    retitled = edits.retitle(text.replace("title: T", 'title: "Rent: a primer"'), "hubmarktb")
    assert baselines.split_front_matter(retitled)[0]["title"] == "Rent: a primer hubmarktb"
    added = edits.add_paragraph(text, "hubmarkbc")
    assert added.startswith(text.rstrip("\n")) and added.endswith("word hubmarkbc in it.\n")
    with pytest.raises(ValueError):
        edits.retitle("---\ndate: 2020-01-02\n---\nBody.\n", "x")


def test_marker_words_are_single_lowercase_words_never_repeated():
    words = [edits.marker("b", n) for n in range(2000)]
    assert len(set(words)) == len(words)
    assert all(re.fullmatch(r"hubmarkb[a-z]+", w) for w in words)
    assert edits.marker("t", 0) == "hubmarkta" and edits.marker("t", 27) == "hubmarktbb"


def test_the_newest_document_leads_its_listing(content):
    path = edits.newest(content, "news")
    dates = [baselines.split_front_matter(p.read_text())[0]["date"] for p in (content / "news").glob("*.md")]
    assert baselines.split_front_matter(path.read_text())[0]["date"] == max(dates)
    assert edits.url_of(path) == f"/news/{path.stem}/"
    assert str(max(dates)) < edits.ADDED_DATE


def test_status_is_read_from_the_json():
    idle = b'{"build": 3, "ok": true, "search": "updating"}'
    assert devloop.parse_status(idle) == (3, True, "updating", False, False)
    running = b'{"build": 3, "ok": true, "building": true, "search": "current"}'
    assert devloop.parse_status(running) == (3, True, "current", True, False)
    overlaid = b'{"build": 4, "ok": true, "building": false, "search": "current", "indexing": true}'
    assert devloop.parse_status(overlaid) == (4, True, "current", False, True)


class _Devserver(http.server.BaseHTTPRequestHandler):
    """status.json when the server says it has one, else (404) the event stream alone."""

    status: bytes | None = None

    def do_GET(self) -> None:
        if self.path == "/__hub__/status.json" and self.status is not None:
            body = self.status
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/__hub__/events":
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\nevent: build\ndata: ab12-4\n\n")
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (
            b'{"build": 2, "ok": false, "building": false, "search": "failed"}',
            (2, False, "failed", False, False),
        )
    ],
)
def test_the_devservers_status_comes_over_http(status, expected):
    handler = type("Handler", (_Devserver,), {"status": status})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert devloop.read_status(f"http://127.0.0.1:{server.server_address[1]}") == expected
    finally:
        server.shutdown()
        server.server_close()
    assert devloop.read_status(f"http://127.0.0.1:{devloop.free_port()}") is None  # not listening yet


def test_only_the_pages_marked_for_search_are_handed_to_pagefind(tmp_path):
    site = _site(
        tmp_path / "site",
        {
            "news/a/index.html": b"<main data-pagefind-body><p>A</p></main>",
            "es/news/a/index.html": b"<main data-pagefind-body><p>A</p></main>",
            "news/index.html": b"<ul><li>A</li></ul>",
            "news/a/data.json": b'"data-pagefind-body"',
        },
    )
    assert run.link_searchable(site, tmp_path / "pages") == 2
    assert sorted(tree(tmp_path / "pages")) == ["es/news/a/index.html", "news/a/index.html"]
    assert (tmp_path / "pages" / "news/a/index.html").stat().st_ino == (
        site / "news/a/index.html"
    ).stat().st_ino


def test_edits_are_spread_over_the_rounds():
    assert (
        run.edits_per_round(5, 3) == 2 and run.edits_per_round(5, 1) == 5 and run.edits_per_round(0, 3) == 0
    )

"""The open-data page (`/data/`, `/es/data/`) and its codebook: every file under api/ listed with its real
size, the codebook's fields the very keys and columns the files hold, docs/DATA.md's tables made from the
same definitions (a test that fails on drift), the footer linking the page, and axe on the page."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from hub_data.codebook import ALL, DATASETS, MODEL_ADOPTIONS, document_tables
from tests.browser import open_page, served
from tests.sitekit import ROOT, build, write_site
from tests.test_accessibility import AXE_TAGS


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data-page")
    result = build(write_site(root / "content"), root / "out")
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_docs_data_md_tables_are_the_codebooks_own():
    """Run `PYTHONPATH=plugins python -m hub_data.codebook docs/DATA.md` after changing codebook.py."""
    found = document_tables((ROOT / "docs" / "DATA.md").read_text(encoding="utf-8"))
    assert set(found) == {d.key for d in ALL}
    for dataset in ALL:
        assert found[dataset.key] == dataset.table(), f"docs/DATA.md's {dataset.key} table has drifted"


def keys_of(data: bytes, dataset_key: str) -> set[str]:
    items = json.loads(data)[dataset_key]
    return {key for item in items for key in item}


def test_the_codebook_names_exactly_the_fields_the_files_hold(site):
    for dataset in DATASETS:
        for path in dataset.files:
            data = (site / path).read_bytes()
            if path.endswith(".csv"):
                header = next(csv.reader(io.StringIO(data.decode("utf-8"))))
                assert tuple(header) == dataset.names, path  # the columns, in their order
            else:
                # Type-specific document fields are documented in their own table (docs/DATA.md).
                extra = {"kind", "adoption_count", "partners", "file", "people", "video"}
                keys = keys_of(data, dataset.key) - (extra if dataset.key == "documents" else set())
                assert keys <= set(dataset.names), path  # nothing written that the codebook does not define
                if json.loads(data)["count"]:  # and nothing it defines missing (`permalink` needs a URL)
                    assert set(dataset.names) - keys <= {"permalink"}, path
    model = site / "ordinances/fair-rent/adoptions.csv"
    assert tuple(next(csv.reader(io.StringIO(model.read_text(encoding="utf-8"))))) == MODEL_ADOPTIONS.names


def test_the_page_lists_every_file_under_api_with_its_real_size(site):
    html = (site / "data/index.html").read_text(encoding="utf-8")
    listed = dict(
        re.findall(r'<a href="/(api/[^"]+)" download>[^<]+</a> <span class="note">\w+, ([\d,]+) bytes', html)
    )
    written = {
        p.relative_to(site).as_posix(): p.stat().st_size for p in (site / "api").rglob("*") if p.is_file()
    }
    assert {path: int(size.replace(",", "")) for path, size in listed.items()} == written
    for dataset in ALL:
        assert f'<h2 id="{dataset.key}">' in html
        for field in dataset.fields:
            assert f"<code>{field.names[0]}</code>" in html
    assert "<time datetime=" in html  # the date of the newest content


def test_the_spanish_page_speaks_spanish_and_the_footer_links_the_page(site):
    spanish = (site / "es/data/index.html").read_text(encoding="utf-8")
    assert "<h1>Datos abiertos</h1>" in spanish and '<table class="codebook" lang="en">' in spanish
    assert re.search(
        r'<a href="/api/adoptions.csv" download>[^<]+</a> <span class="note">CSV, [\d.]+ bytes', spanish
    )
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="/data/">Open data</a>' in home and '/api/documents.json">Open data' not in home


def test_a_stated_licence_is_printed(tmp_path):
    settings = tmp_path / "licence.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "HUB = {**HUB, 'data_licence': 'CC BY 4.0 <b>'}\n"
    )
    assert build(write_site(tmp_path / "content"), tmp_path / "out", settings).returncode == 0
    html = (tmp_path / "out/data/index.html").read_text(encoding="utf-8")
    assert "<dd>CC BY 4.0 &lt;b&gt;</dd>" in html


@pytest.mark.parametrize("page", ["data/", "es/data/", "issues/housing/", "es/issues/housing/"])
def test_axe_finds_nothing_on_the_data_page_and_an_issue_page_even_on_a_phone(site, chromium, page):
    from axe_playwright_python.sync_playwright import Axe

    with served(site) as base:
        for width in (1280, 320):
            tab, visit = open_page(chromium, base, width=width)
            tab.goto(f"{base}/{page}")
            results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            tab.close()
            assert results.violations_count == 0, results.generate_report()
            assert overflow <= 0, (page, width)
            assert [m for m in visit.console if "Content Security Policy" in m] == []

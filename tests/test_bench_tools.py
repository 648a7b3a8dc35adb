"""Quick checks of the page-weight budget, Lighthouse and screenshot tools (tests/bench/) on synthetic data.

No browser, no build and no Lighthouse run: `make budget`, `make lighthouse` and `make screenshots` do
those.
"""

from __future__ import annotations

import gzip
import json
import random

import pytest

from tests.bench import budget, lighthouse, screenshots

KB = budget.KB


def _response(path: str, size: int, compressed: int | None = None, content_type: str = "") -> budget.Response:
    """A response of `size` bytes; HTML, CSS and JS compress to `compressed` (a tenth unless given)."""
    url = f"http://h/{path}"
    kind = budget.classify(url, content_type)
    if compressed is None:
        compressed = size // 10 if kind in budget.COMPRESSED else size
    return budget.Response(url, content_type, size, compressed)


def _page(name: str = "ordinance", *responses: budget.Response, body: tuple[int, int] = (0, 0)):
    return budget.PageWeight(name, "/x/", responses, budget.Size(*body))


@pytest.mark.parametrize(
    ("url", "content_type", "kind"),
    [
        ("http://localhost:1/", "text/html; charset=utf-8", "html"),
        ("http://localhost:1/theme/css/hub.css", "text/css", "css"),
        ("http://localhost:1/theme/js/search.js", "text/javascript", "js"),
        ("http://localhost:1/pagefind/pagefind.js", "application/javascript", "js"),
        ("http://localhost:1/images/chart.png", "image/png", "image"),
        ("http://localhost:1/theme/images/icon.svg", "image/svg+xml", "image"),
        ("http://localhost:1/fonts/a.woff2", "font/woff2", "font"),
        ("http://localhost:1/fonts/a.ttf", "application/x-font-ttf", "font"),
        ("http://localhost:1/fonts/a.woff", "application/octet-stream", "font"),  # by its extension
        ("http://localhost:1/theme/site.js?v=2", "", "js"),
        ("http://localhost:1/pagefind/wasm.en.pagefind", "application/octet-stream", "other"),
        ("http://localhost:1/pagefind/pagefind-entry.json", "application/json", "other"),
        ("http://localhost:1/search/places/nc.json", "application/json", "other"),
    ],
)
def test_responses_are_classified_by_type_then_extension(url, content_type, kind):
    assert budget.classify(url, content_type) == kind


def test_html_css_and_js_are_measured_gzip_compressed_and_the_rest_as_received():
    text = b"<p>The same words, again and again.</p>\n" * 500
    html = budget.response("http://h/doc/", "text/html; charset=utf-8", text)
    assert (html.raw, html.kind) == (len(text), "html")
    assert html.compressed == budget.gzip_size(text) < len(text) // 20
    assert budget.gzip_size(text) == len(gzip.compress(text, compresslevel=6, mtime=0))
    for url, content_type in (
        ("http://h/theme/css/hub.css", "text/css"),
        ("http://h/a.js", "text/javascript"),
    ):
        assert budget.response(url, content_type, text).compressed == budget.gzip_size(text)
    for url, content_type in (("http://h/map.svg", "image/svg+xml"), ("http://h/x.json", "application/json")):
        assert budget.response(url, content_type, text).compressed == len(text)  # counted as received


def test_page_weight_adds_up_by_kind_and_leaves_out_text_and_images_compressed():
    page = _page(
        "ordinance",
        _response("doc/", 26_000, 7_000, "text/html"),
        _response("theme/css/hub.css", 10_000, 3_000),
        _response("theme/css/brand.css", 500, 200),
        _response("images/a.png", 50_000),
        _response("ordinances/x/map.svg", 58_000, content_type="image/svg+xml"),
        _response("pagefind/wasm.en.pagefind", 60_000, content_type="application/octet-stream"),
        _response("pagefind/pagefind-ui.css", 9_000, 2_000),
        body=(6_000, 2_500),
    )
    assert [page.raw(kind) for kind in budget.KINDS] == [26_000, 19_500, 0, 108_000, 0, 60_000]
    assert [page.compressed(kind) for kind in budget.KINDS] == [7_000, 5_200, 0, 108_000, 0, 60_000]
    assert page.requests == 7
    assert page.total == 213_500
    assert page.total_compressed == 180_200
    assert page.without_text_and_images == 180_200 - 2_500 - 108_000
    # The CSS budget counts every stylesheet the page loads except Pagefind's.
    assert [r.path for r in page.stylesheets] == ["theme/css/hub.css", "theme/css/brand.css"]
    assert page.css_compressed == 3_200


def test_other_origins_are_found_once_and_local_urls_are_not():
    base = "http://localhost:8123"
    urls = [
        "http://localhost:8123/",
        "http://localhost:8123/theme/css/hub.css",
        "data:image/png;base64,AAAA",
        "blob:http://localhost:8123/1234",
        "https://tracker.invalid/pixel.gif",
        "https://tracker.invalid/pixel.gif",
        "http://127.0.0.1:8123/same-machine-other-origin",
        "http://localhost:9999/other-port",
    ]
    assert budget.other_origins(urls, base) == [
        "https://tracker.invalid/pixel.gif",
        "http://127.0.0.1:8123/same-machine-other-origin",
        "http://localhost:9999/other-port",
    ]


def test_site_files_leave_out_the_search_bundle_and_are_measured_compressed(tmp_path):
    for path, size in {
        "theme/css/hub.css": 10,
        "theme/css/brand.css": 2,
        "theme/js/site.js": 3,
        "pagefind/pagefind.js": 99,
        "pagefind/pagefind-ui.css": 99,
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    stylesheets, scripts = budget.site_files(tmp_path)
    assert list(stylesheets) == ["theme/css/brand.css", "theme/css/hub.css"]
    assert stylesheets["theme/css/hub.css"] == budget.Size(10, budget.gzip_size(b"x" * 10))
    assert scripts == {"theme/js/site.js": budget.Size(3, budget.gzip_size(b"xxx"))}


def _css(name: str, compressed: int) -> budget.Response:
    return _response(f"theme/css/{name}", compressed * 4, compressed)


def test_budgets_apply_to_compressed_sizes_and_pass_below_their_limit():
    ordinance = _page(
        "ordinance",
        _response("o/", 90_000, 19_000, "text/html"),  # 90 KB raw, 19 KB over the wire
        _css("hub.css", 15_000),
        _css("map.css", 4_999),
        body=(40_000, 9_000),
    )
    home = _page("home", _response("", 10_000, 3_000, "text/html"), _css("hub.css", 15_000))
    scripts = {
        "theme/js/fill.js": budget.Size(12_000, 4_999),
        "theme/js/search.js": budget.Size(30_000, 9_000),
    }
    results = budget.checks([ordinance, home], scripts, [])
    assert [(c.name, c.result) for c in results] == [
        ("ordinance page without its text and images", "PASS"),
        ("CSS of one page (heaviest: ordinance): hub.css + map.css", "PASS"),
        ("script theme/js/fill.js", "PASS"),
        ("script theme/js/search.js (search, exempt)", "EXEMPT"),
        ("web fonts, all pages", "PASS"),
        ("requests to other origins, all pages", "PASS"),
    ]
    assert (results[0].measured, results[0].raw) == (19_000 + 19_999 - 9_000, 90_000 + 79_996 - 40_000)
    assert (results[1].measured, results[1].raw) == (19_999, 79_996)
    assert (results[2].measured, results[2].raw) == (4_999, 12_000)
    assert budget.exit_status(results) == 0


def test_budgets_are_over_at_their_limit_and_only_search_js_is_exempt():
    at_limits = budget.checks(
        [_page("ordinance", _response("o/", 90_000, 30_000, "text/html"), _css("a.css", 20_000))],
        {"theme/js/site.js": budget.Size(5_000, 5_000), "theme/js/search.js": budget.Size(99_000, 50_000)},
        ["https://x.invalid/"],
    )
    assert [c.result for c in at_limits] == ["OVER", "OVER", "OVER", "EXEMPT", "PASS", "OVER"]
    assert budget.exit_status(at_limits) == 1
    # The heaviest page's CSS is the one held to the budget, whichever page it is.
    search = _page("search", _css("hub.css", 15_000), _css("search.css", 5_000))
    ordinance = _page("ordinance", _css("hub.css", 15_000), _css("map.css", 1_000))
    [css] = [c for c in budget.checks([ordinance, search], {}, []) if c.name.startswith("CSS")]
    assert (css.name, css.result) == ("CSS of one page (heaviest: search): hub.css + search.css", "OVER")


def test_one_web_font_or_one_oversized_script_fails_the_budget():
    font = _response("fonts/a.woff2", 1, content_type="font/woff2")
    fonts = budget.checks([_page("ordinance"), _page("home", font)], {}, [])
    assert [c.name for c in fonts if not c.passed] == ["web fonts, all pages"]
    assert budget.exit_status(fonts) == 1
    sizes = {"a.js": budget.Size(100, 90), "b.js": budget.Size(20_000, 5_001)}
    scripts = budget.checks([_page("ordinance")], sizes, [])
    assert [c.name for c in scripts if not c.passed] == ["script b.js"]


def test_budget_table_shows_measured_raw_budget_and_result():
    results = [
        budget.Check("ordinance page without its text and images", 30_900, 30 * KB, raw=95_000),
        budget.Check("CSS of one page", 10_660, 20 * KB, raw=40_000),
        budget.Check("script theme/js/search.js (search, exempt)", 2_700, 5 * KB, raw=6_700, exempt=True),
        budget.Check("web fonts, all pages", 0, 0),
        budget.Check("requests to other origins, all pages", 2, 0, unit="requests"),
    ]
    lines = budget.budget_table(results).splitlines()
    assert lines[0].split() == ["budget", "measured", "raw", "budget", "result"]
    assert lines[1].endswith("30.9 KB     95.0 KB   < 30.0 KB  OVER")
    assert lines[2].endswith("10.7 KB     40.0 KB   < 20.0 KB  PASS")
    assert lines[3].endswith("2.7 KB      6.7 KB           -  EXEMPT")
    assert lines[4].endswith("0.0 KB           -        none  PASS")
    assert lines[5].endswith("2           -        none  OVER")


def test_pages_table_has_a_row_per_page_in_kb_raw_and_compressed():
    page = _page(
        "ordinance",
        _response("o/", 26_400, 7_200, "text/html"),
        _css("hub.css", 2_700),
        _response("images/a.png", 200, content_type="image/png"),
        body=(6_100, 2_000),
    )
    lines = budget.pages_table([page]).splitlines()
    assert lines[0].split()[:4] == ["page", "requests", "HTML", "gz"]
    assert lines[0].endswith("w/o text+img gz")
    name, requests, *kb = lines[1].split()
    assert (name, requests) == ("ordinance", "3")
    # HTML and gz, CSS and gz, JS and gz, images, fonts, other, total, total gz, without text and images
    assert kb == ["26.4", "7.2", "10.8", "2.7", "0.0", "0.0", "0.2", "0.0", "0.0", "37.4", "10.1", "7.9"]


def test_responses_table_lists_each_response_with_both_sizes():
    page = _page(
        "ordinance", _response("o/", 26_400, 7_200, "text/html"), _css("hub.css", 2_700), body=(6_100, 2_000)
    )
    lines = budget.responses_table(page).splitlines()
    assert lines[0].split() == ["response", "kind", "raw", "gz"]
    assert lines[1].split() == ["o/", "html", "26.4", "7.2"]
    assert lines[2].split() == ["theme/css/hub.css", "css", "10.8", "2.7"]
    assert lines[3].split() == ["less", "the", ".body", "text", "html", "6.1", "2.0"]


def test_main_writes_the_json_and_exits_1_when_over_budget(tmp_path, monkeypatch, capsys):
    def fake_build(site):
        (site / "theme" / "js").mkdir(parents=True)
        (site / "theme" / "js" / "search.js").write_bytes(b"x" * 60_000)  # exempt, however big
        (site / "theme" / "js" / "fill.js").write_bytes(random.Random(1).randbytes(8_000))  # incompressible
        (site / "theme" / "hub.css").write_bytes(b"x" * 10_000)

    pages = [
        _page(
            "ordinance",
            _response("o/", 40 * KB, 12 * KB, "text/html"),
            _css("hub.css", 3 * KB),
            body=(9 * KB, 4 * KB),
        )
    ]
    monkeypatch.setattr(budget, "chromium_missing", lambda: None)
    monkeypatch.setattr(budget, "build_demo", fake_build)
    monkeypatch.setattr(budget, "measure", lambda site: (pages, []))
    assert budget.main(["--json", str(tmp_path / "budget.json")]) == 1
    out = capsys.readouterr()
    assert "gzip-compressed at level 6" in out.out and "Budgets on the compressed sizes" in out.out
    assert "script theme/js/fill.js" in out.out and "OVER" in out.out and "EXEMPT" in out.out
    assert "over budget: script theme/js/fill.js" in out.err
    written = json.loads((tmp_path / "budget.json").read_text())
    assert written["passed"] is False
    assert written["budgets_apply_to"] == "compressed sizes"
    ordinance = written["pages"]["ordinance"]
    assert ordinance["without_text_and_images"] == 11 * KB
    assert ordinance["raw"]["html"] == 40 * KB and ordinance["compressed"]["html"] == 12 * KB
    assert ordinance["responses"][0] == {"path": "o/", "kind": "html", "raw": 40 * KB, "compressed": 12 * KB}
    assert written["site"]["stylesheets"] == {
        "theme/hub.css": {"raw": 10_000, "compressed": budget.gzip_size(b"x" * 10_000)}
    }
    assert list(written["site"]["scripts"]) == ["theme/js/fill.js", "theme/js/search.js"]
    assert [b["result"] for b in written["budgets"]] == ["PASS", "PASS", "OVER", "EXEMPT", "PASS", "PASS"]


def test_main_exits_non_zero_without_chromium(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(budget, "chromium_missing", lambda: "Chromium not found at /nowhere")
    assert budget.main(["--json", str(tmp_path / "budget.json")]) == 2
    assert "Chromium not found" in capsys.readouterr().err
    assert not (tmp_path / "budget.json").exists()


def _report(scores: dict[str, float | None], audits: dict[str, dict]) -> dict:
    """A Lighthouse JSON report cut down to what the tool reads: each category lists every audit."""
    weights = {"color-contrast": 7, "canonical": 1, "first-contentful-paint": 10, "uses-text-compression": 0}
    categories = {
        name: {"score": score, "auditRefs": [{"id": a, "weight": weights.get(a, 0)} for a in audits]}
        for name, score in scores.items()
    }
    return {"categories": categories, "audits": audits}


def test_lighthouse_findings_name_the_failing_elements():
    audits = {
        "color-contrast": {
            "title": "Background and foreground colors do not have a sufficient contrast ratio.",
            "score": 0,
            "scoreDisplayMode": "binary",
            "details": {
                "items": [
                    {"node": {"type": "node", "selector": "footer > p.note", "snippet": '<p class="note">'}}
                ]
            },
        },
        "canonical": {"title": "No valid canonical", "score": 0, "scoreDisplayMode": "binary"},
        "first-contentful-paint": {"title": "FCP", "score": 0.99, "scoreDisplayMode": "numeric"},
        "uses-text-compression": {"title": "Compress", "score": 0, "scoreDisplayMode": "metricSavings"},
        "manual-check": {"title": "Manual", "score": None, "scoreDisplayMode": "manual"},
        "viewport": {"title": "Has a viewport", "score": 1, "scoreDisplayMode": "binary"},
    }
    report = _report({"accessibility": 0.93}, audits)
    failing, diagnostics = lighthouse.findings(report)
    assert [f.id for f in failing] == ["color-contrast", "canonical", "first-contentful-paint"]
    assert failing[0].items == ['footer > p.note  <p class="note">']
    assert [f.id for f in diagnostics] == ["uses-text-compression"]


def test_lighthouse_scores_and_missed_targets():
    report = _report({"performance": 0.94, "accessibility": 1, "best-practices": 1, "seo": 0.92}, {})
    scores = lighthouse.scores(report)
    assert scores == {"performance": 94, "accessibility": 100, "best-practices": 100, "seo": 92}
    assert lighthouse.misses(scores) == ["performance", "seo"]
    assert lighthouse.misses({**scores, "performance": 95, "seo": 100}) == []
    assert lighthouse.misses({**scores, "performance": None}) == ["performance", "seo"]


def test_lighthouse_notes_what_the_site_cannot_fix():
    # The demo is built for the origin it is served from, so a canonical problem is the site's own.
    assert lighthouse.note("ordinance", "canonical") is None
    assert "compress" in lighthouse.note("ordinance", "uses-text-compression")
    assert lighthouse.note("not found", "is-crawlable")
    assert lighthouse.note("home", "is-crawlable") is None
    assert lighthouse.note("home", "color-contrast") is None


def test_lighthouse_without_node_says_so_and_exits_non_zero(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None)
    assert lighthouse.main(["--json", str(tmp_path / "lighthouse.json")]) == 1
    err = capsys.readouterr().err
    assert "Lighthouse needs Node.js and npm; not on PATH: node, npm" in err
    assert not (tmp_path / "lighthouse.json").exists()


def test_node_version_is_read():
    assert lighthouse.node_version("v20.20.2\n") == (20, 20)
    with pytest.raises(lighthouse.LighthouseError):
        lighthouse.node_version("not a version")


def test_screenshots_cover_every_page_type_and_the_evidence_at_both_widths():
    shots = screenshots.shots()
    names = [shot.name for shot in shots]
    assert len(names) == len(set(names)) == 2 * len(screenshots.PAGES) + 2 + 2 * len(screenshots.EVIDENCE)
    assert {"home-1280", "ordinance-375", "search-1280", "not-found-375"} <= set(names)
    assert {"adoption-table-375", "adoption-map-1280", "comparison-375", "enacted-1280"} <= set(names)
    by_name = {shot.name: shot for shot in shots}
    dark, printed = by_name["ordinance-dark-1280"], by_name["ordinance-print-1280"]
    assert (dark.color_scheme, dark.media, printed.media) == ("dark", "screen", "print")
    # The comparison and the enacted text come from the fixture site: the demo has neither.
    assert {by_name[f"{n}-1280"].site for n in ("comparison", "enacted")} == {"fixture"}
    assert by_name["adoption-table-1280"].selector == "section.adopted-in table"


def test_lighthouse_report_groups_each_failing_audit_with_its_pages():
    def result(name: str, failing: list[lighthouse.Finding]) -> lighthouse.PageResult:
        return lighthouse.PageResult(name, "/", dict.fromkeys(lighthouse.CATEGORIES, 100), {}, failing, [])

    canonical = lighthouse.Finding(
        "canonical", "No valid canonical", "seo", 0, 1, explanation="Is not an absolute URL (/)"
    )
    contrast = lighthouse.Finding(
        "color-contrast", "Low contrast", "accessibility", 0, 7, items=["footer > p.note  <p class=note>"]
    )
    results = [result("home", [canonical, contrast]), result("story", [canonical]), result("not found", [])]
    text = lighthouse.findings_text(results)
    assert text.splitlines()[:4] == [
        "audits that cost points:",
        "  seo canonical (weight 1): No valid canonical",
        "    on every page except not found",
        "    home: score 0.00, Is not an absolute URL (/)",
    ]
    cache = lighthouse.Finding("uses-long-cache-ttl", "Cache", "performance", 0.5, 1)
    assert f"    not the site: {lighthouse.LOCAL_ONLY['uses-long-cache-ttl']}" in lighthouse.findings_text(
        [result("home", [cache])]
    )
    assert "    on home\n    home: score 0.00\n      footer > p.note  <p class=note>" in text
    assert lighthouse.findings_text([result("home", [])]) == "no audit cost a point on any page"

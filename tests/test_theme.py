"""The theme: identity from settings, click-to-load video, image sizes, print, headers files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hub_headers import SECURITY_HEADERS
from hub_images.catalog import ImageCatalog, svg_size, variants
from hub_pages.brand import Brand, ThemeSettingsError, contrast
from tests.browser import open_page, served
from tests.sitekit import ROOT, STORY, build, front, settings_file, write_site


def read(output: Path, url: str) -> str:
    return (output / url / "index.html").read_text(encoding="utf-8")


def test_brand_colours_must_keep_aa_contrast():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    with pytest.raises(ThemeSettingsError, match=r"HUB_THEME\['link'\]: #99ccff has a contrast of 1\.\d\d:1"):
        Brand.from_settings({"HUB_THEME": {"link": "#99ccff"}})
    with pytest.raises(ThemeSettingsError, match=r"HUB_THEME\['acent'\]: unknown setting: did you mean"):
        Brand.from_settings({"HUB_THEME": {"acent": "#000000"}})
    with pytest.raises(ThemeSettingsError, match="must be a colour like #0b4fa6"):
        Brand.from_settings({"HUB_THEME": {"accent": "purple"}})


def test_identity_comes_from_settings(tmp_path):
    conf = tmp_path / "brand.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        "SITENAME = 'Town Hall Commons'\n"
        "HUB_THEME = {'tagline': 'Policy for every town', 'accent': '#005a32', 'link': '#1a4480',\n"
        "    'footer_links': [('Donate', 'https://example.org/give'), ('Data', '/api/documents.json')]}\n"
    )
    out = tmp_path / "out"
    assert build(write_site(tmp_path / "content"), out, conf).returncode == 0
    home = read(out, "")
    assert "Town Hall Commons" in home and "Policy for every town" in home
    assert (
        '<a href="https://example.org/give">Donate</a>' in home
        and '<a href="/api/documents.json">Data</a>' in home
    )
    assert (
        (out / "theme/css/brand.css").read_text().startswith(":root { --accent: #005a32; --link: #1a4480; }")
    )


def test_transcript_text_and_link_are_shown(tmp_path):
    story = STORY.replace(
        "video: https://www.youtube.com/watch?v=Abc123xyz_0",
        "video: https://vimeo.com/12345\ntranscript: |\n  First paragraph.\n\n  Second one.\n"
        "transcript_url: files/brief.pdf",
    )
    out = tmp_path / "out"
    assert (
        build(write_site(tmp_path / "content", {"stories/hillsborough-first.md": story}), out).returncode == 0
    )
    html = read(out, "stories/hillsborough-first")
    assert "<p>First paragraph.</p><p>Second one.</p>" in html
    assert 'href="/files/brief.pdf">Download the transcript</a>' in html
    assert '<a href="#video-transcript">Read the transcript</a>' in html
    assert 'data-embed="https://player.vimeo.com/video/12345?dnt=1"' in html


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("theme")
    content = write_site(root / "content")
    from PIL import Image

    Image.new("RGB", (2000, 1000), "#336699").save(content / "images" / "wide.png")
    (content / "images" / "photo.png").unlink()
    Image.new("RGB", (300, 200), "#993366").save(content / "images" / "photo.png")
    news = front(
        "title: Pictures\ndate: 2025-01-05\nsummary: S\nissues: [housing]\nimage: images/wide.png\n"
        "image_alt: A wide blue picture\nimage_credit: 'Photo: Staff'",
        "![A small one](images/photo.png)",
    )
    (content / "news" / "pictures.md").write_text(news)
    result = build(content, root / "out", settings_file(root, "publishconf"))
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_images_get_sizes_and_large_ones_resized_copies(site):
    html = read(site, "news/pictures")
    lead = re.search(r'<img class="lead-image"[^>]*>', html).group(0)
    assert 'width="2000" height="1000"' in lead and "/images/_w/wide-480.png 480w" in lead
    assert (
        '<img alt="A small one" src="../../images/photo.png" width="300" height="200" loading="lazy"' in html
    )
    from PIL import Image

    with Image.open(site / "images/_w/wide-960.png") as copy:
        assert copy.size == (960, 480)


def test_image_catalog_reads_svg_and_names_variants(tmp_path):
    (tmp_path / "a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32"/>')
    assert svg_size(tmp_path / "a.svg") == (64, 32)
    assert variants("images/x.jpg", 1000, 500) == (("images/_w/x-480.jpg", 480), ("images/_w/x-960.jpg", 960))
    assert ImageCatalog(tmp_path, tmp_path).info("images/missing.png") is None


def test_publish_writes_the_security_headers_for_static_hosts(site, tmp_path):
    headers = (site / "_headers").read_text()
    nginx = (site / "_nginx-headers.conf").read_text()
    for name, value in SECURITY_HEADERS.items():
        assert f"  {name}: {value}\n" in headers
        assert f'add_header {name} "{value}" always;' in nginx
    assert "'unsafe-inline'" not in SECURITY_HEADERS["Content-Security-Policy"]
    preview = tmp_path / "preview"
    assert build(write_site(tmp_path / "content"), preview).returncode == 0
    assert not (preview / "_headers").exists()


def test_video_loads_only_when_the_reader_asks(tmp_path, chromium):
    out = tmp_path / "out"
    assert build(write_site(tmp_path / "content"), out).returncode == 0
    with served(out) as base:
        page, visit = open_page(chromium, base)
        page.goto(f"{base}/stories/hillsborough-first/", wait_until="networkidle")
        assert visit.foreign_requests == [] and page.locator("iframe").count() == 0
        page.get_by_role("button", name="Play the video here").click()
        page.wait_for_timeout(300)
        src = page.locator("iframe").get_attribute("src")
        page.close()
    assert src == "https://www.youtube-nocookie.com/embed/Abc123xyz_0?autoplay=1"
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in visit.foreign_requests)
    assert [m for m in visit.console if "Content Security Policy" in m] == []


def test_video_without_javascript_is_a_link(tmp_path, chromium):
    out = tmp_path / "out"
    assert build(write_site(tmp_path / "content"), out).returncode == 0
    with served(out) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/stories/hillsborough-first/")
        assert not page.get_by_role("button", name="Play the video here").is_visible()
        assert page.get_by_role("link", name="Watch the video on its host's site").get_attribute("href") == (
            "https://www.youtube.com/watch?v=Abc123xyz_0"
        )
        context.close()


def test_an_ordinance_prints_without_navigation_and_with_link_addresses(demo, chromium):
    with served(demo) as base:
        page, _ = open_page(chromium, base)
        page.goto(f"{base}/ordinances/lgbtq-inclusive-nondiscrimination-ordinance/")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "['.site-header', '.site-footer', '.breadcrumbs', '.related']"
            ".map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)"
        )
        after = page.evaluate("getComputedStyle(document.querySelector('.body h2'), null).breakAfter")
        page.close()
    assert hidden and set(hidden) == {"none"}
    assert after == "avoid"


def test_404_page_offers_search(demo):
    html = (demo / "404.html").read_text()
    assert 'action="/search/"' in html and "Browse by issue" in html

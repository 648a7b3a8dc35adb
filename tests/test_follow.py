"""The "Follow" block of issue, place and listing pages: the page's Atom feed (in its language when the
build writes one), a line on feed readers, and the newsletter when HUB_THEME names one; the settings
refuse a newsletter address that is not one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hub_core.settings import SettingsError, read_settings
from tests.sitekit import build, settings_file, write_site

PAGES = {
    "issues/housing": "feeds/issues/housing.atom.xml",
    "jurisdictions/nc": "feeds/jurisdictions/nc.atom.xml",
    "ordinances": "feeds/ordinances.atom.xml",
    "es/issues/housing": "es/feeds/issues/housing.atom.xml",  # the Spanish feed hub_feeds writes
    "es/ordinances": "feeds/ordinances.atom.xml",  # no Spanish feed of a type: the site's own
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("follow")
    settings = root / "news.py"
    settings.write_text(
        settings_file(root, "pelicanconf").read_text()
        + "HUB_THEME = {**HUB_THEME, 'newsletter': 'https://example.org/news'}\n"
    )
    result = build(write_site(root / "content"), root / "out", settings)
    assert result.returncode == 0, result.stderr  # the site check found every link of the blocks
    return root / "out"


def follow_block(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<aside class="follow".*?</aside>', html, re.S)
    assert found, page
    return found.group(0)


@pytest.mark.parametrize(("page", "feed"), PAGES.items())
def test_each_page_offers_its_feed_and_the_newsletter(site, page, feed):
    block = follow_block(site, page)
    assert re.findall(r'href="([^"]+)"', block) == [f"/{feed}", "https://example.org/news"]
    assert (site / feed).is_file()
    assert "feed reader" in block or "lector de canales" in block
    assert ("Seguir" if page.startswith("es/") else "Follow") in block


def test_without_a_newsletter_only_the_feed_is_offered(tmp_path):
    assert build(write_site(tmp_path / "content"), tmp_path / "out").returncode == 0
    block = follow_block(tmp_path / "out", "issues/housing")
    assert re.findall(r'href="([^"]+)"', block) == ["/feeds/issues/housing.atom.xml"]
    assert "newsletter" not in block


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "//evil.example/x", "not a url", 3])
def test_a_newsletter_that_is_not_a_web_address_is_refused(bad):
    with pytest.raises(SettingsError) as refused:
        read_settings({"HUB_THEME": {"newsletter": bad}})
    assert "HUB_THEME" in str(refused.value) and "newsletter" in str(refused.value)

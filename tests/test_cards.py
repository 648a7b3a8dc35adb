"""Social cards (hub_cards): one 1200 x 630 PNG per document, the same bytes on every build, drawn again
only when what it shows changed, and named by the page's og:image and twitter:image."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from hub_cards import draw
from hub_cards.draw import HEIGHT, LEFT, RIGHT, TEXT_WIDTH, TITLE_SIZES, WIDTH, Card, Painter
from hub_cards.text import BOLD, ELLIPSIS, Fonts, clean, fit, tokens, wrap
from hub_i18n import translations_for
from tests.sitekit import ROOT, STORY, build, front, settings_file, tree, write_site

SITE = "https://hub.example.org"
CARDS = (
    "ordinances/fair-rent/card.png",
    "stories/hillsborough-first/card.png",
    "briefs/privacy-trap/card.png",
    "news/convening/card.png",
    "about/card.png",
)
CARD = Card("A title", "Model ordinance", "Housing", "Local Policy Hub", "#7a1f5c", "#0b4fa6")
HOSTILE_TITLES = {
    "long": "Rent " * 400,
    "one long word": "x" * 3000,
    "rtl": "قانون الإيجار العادل — חוק שכר דירה הוגן",
    "emoji": "😀" * 500,
    "joined emoji": "👩‍👩‍👧‍👦🏳️‍🌈👍🏽" * 100,
    "cjk": "公平租金条例" * 80 + "公平な家賃" * 40 + "공정 임대료" * 40,
    "accents": "Ordenanza de alquiler justo: cómo Año Nuevo, Ñuñoa y Zürich lo adoptaron",
    "no glyph anywhere": "\U000f0000\ue000 ꯀꯁꯂ 𓀀𓀁" * 30,
}


def png(data: bytes) -> Image.Image:
    """The card in RGB, as a browser shows it."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def ink(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of everything drawn right of the accent band (where text goes)."""
    white = Image.new("RGB", image.size, "#ffffff")
    white.paste(image.crop((LEFT - 8, 0, WIDTH, HEIGHT)), (LEFT - 8, 0))
    return ImageChops.difference(white, Image.new("RGB", image.size, "#ffffff")).getbbox()


# Text on a card -----------------------------------------------------------------------------------------


def test_text_is_composed_and_loses_format_characters():
    assert clean("Cafe\u0301\u200d \t\n ley\u00ad\u200f") == "Café ley"
    assert clean("Fair\nRent\u2028Law\tNow") == "Fair Rent Law Now"
    assert clean("x" * 10_000) == "x" * 2000  # no card shows more: the rest is never measured


def test_lines_break_at_spaces_and_between_wide_characters():
    assert list(tokens("Fair rent 公平 law")) == [
        ("Fair", False),
        ("rent", True),
        ("公", True),
        ("平", False),
        ("law", True),
    ]


def test_a_title_shrinks_before_it_is_ellipsized():
    fonts = Fonts(BOLD)
    size, lines = fit(fonts, "Fair Rent Ordinance", TITLE_SIZES, TEXT_WIDTH, 360, 1.22)
    assert (size, lines) == (TITLE_SIZES[0], ["Fair Rent Ordinance"])
    words = " ".join(["Ordinance"] * 15)
    size, lines = fit(fonts, words, TITLE_SIZES, TEXT_WIDTH, 360, 1.22)
    assert TITLE_SIZES[-1] < size < TITLE_SIZES[0] and not lines[-1].endswith(ELLIPSIS)
    size, lines = fit(fonts, f"{words} {words}", TITLE_SIZES, TEXT_WIDTH, 360, 1.22)
    assert size == TITLE_SIZES[-1] and lines[-1].endswith(ELLIPSIS)
    assert all(fonts.width(line, size) <= TEXT_WIDTH for line in lines)


def test_a_word_longer_than_a_line_is_cut_between_characters():
    fonts = Fonts(BOLD)
    lines, complete = wrap(fonts, "y" * 200, 40, 500, 20)
    assert complete and "".join(lines) == "y" * 200 and len(lines) > 1
    assert all(fonts.width(line, 40) <= 500 for line in lines)
    cut, complete = wrap(fonts, "y" * 200, 40, 500, 3)
    assert not complete and cut == lines[:3]


def test_each_character_is_drawn_by_the_first_bundled_font_that_has_it():
    fonts = Fonts(BOLD)
    runs = fonts.runs("Rent 公平 ley", 40)
    assert [run.text for run in runs] == ["Rent ", "公平 ", "ley"]  # a space goes with what precedes it
    assert [Path(run.font.path).name for run in runs] == [
        "DejaVuSans-Bold.ttf",
        "DroidSansFallbackFull.ttf",
        "DejaVuSans-Bold.ttf",
    ]
    assert fonts.choose("\ue000") == 0  # in no bundled font: the first font's box


# One card -----------------------------------------------------------------------------------------------


def test_a_card_is_a_1200_by_630_png_without_metadata_and_the_same_bytes_every_time():
    data = Painter.bundled().draw(CARD)
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
    assert image.info == {}  # no time, no text chunks, no resolution, no transparency
    assert not re.search(rb"tIME|tEXt|iTXt|zTXt|eXIf", data)
    assert Painter.bundled().draw(CARD) == data


def test_a_card_shows_the_brand_colours():
    image = png(Painter.bundled().draw(CARD))
    assert image.getpixel((5, 300)) == (0x7A, 0x1F, 0x5C)  # the accent band
    colours = {colour for _, colour in image.getcolors(1200 * 630) or []}
    assert (0x0B, 0x4F, 0xA6) in colours  # the rule and the site's name in the link colour
    assert (0x11, 0x14, 0x17) in colours  # the title's ink, never rounded to black


class RGBCanvas:
    """The same drawing calls as `Layers`, straight onto an RGB image: what the palette card stands for."""

    def __init__(self, _colours: tuple[str, ...]) -> None:
        self.rgb = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
        self.draw = ImageDraw.Draw(self.rgb)
        self.text, self.rectangle = self.draw.text, self.draw.rectangle

    def image(self) -> Image.Image:
        return self.rgb


@pytest.mark.parametrize("kind", ["accents", "cjk", "long"])
def test_a_card_differs_from_the_same_card_drawn_in_rgb_by_4_levels_at_most(kind, monkeypatch):
    card = Card(HOSTILE_TITLES[kind], "Historia", "Vivienda", "Hub", "#c0392b", "#0b4fa6")
    stored = png(Painter.bundled().draw(card))
    monkeypatch.setattr(draw, "Layers", RGBCanvas)
    drawn = png(Painter.bundled().draw(card))
    assert drawn.mode == "RGB" and drawn != stored
    assert all(high <= 4 for _, high in ImageChops.difference(drawn, stored).getextrema())


@pytest.mark.parametrize("kind", HOSTILE_TITLES)
def test_a_hostile_title_draws_within_the_card(kind):
    card = Card(HOSTILE_TITLES[kind], "Historia " * 50, "Vivienda " * 80, "Hub " * 100, "#7a1f5c", "#0b4fa6")
    image = png(Painter.bundled().draw(card))
    assert image.size == (1200, 630)
    box = ink(image)
    assert box is not None and box[2] <= WIDTH - RIGHT + 2 and box[3] <= HEIGHT - 20


# Built sites ------------------------------------------------------------------------------------------


def head(site: Path, page: str, name: str) -> list[str]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The small site built as published at an absolute address (HUB_SITEURL), with a news item that has
    its own image and one whose title is 500 emoji."""
    root = tmp_path_factory.mktemp("published")
    own = front(
        """
        title: A Vote in Pictures
        date: 2025-05-01
        summary: The vote.
        issues: [housing]
        image: images/photo.png
        image_alt: Council members raising their hands
        image_credit: "Photo: Network staff"
        """
    )
    emoji = front(
        """
        title: "%s"
        date: 2025-05-02
        summary: Emoji.
        issues: [housing]
        """
        % ("😀" * 500)
    )
    content = write_site(root / "content", {"news/vote.md": own, "news/emoji.md": emoji})
    previous = os.environ.get("HUB_SITEURL")
    os.environ["HUB_SITEURL"] = SITE  # publishconf.py reads it, as a publish does
    try:
        result = build(content, root / "site", settings_file(root, "publishconf"))
    finally:
        os.environ.pop("HUB_SITEURL")
        if previous is not None:
            os.environ["HUB_SITEURL"] = previous
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_every_document_has_its_card(published):
    for path in (*CARDS, "news/vote/card.png", "news/emoji/card.png"):
        assert png((published / path).read_bytes()).size == (1200, 630), path
    assert head(published, "news/emoji", "og:image:alt") == ["😀" * 500]


def test_a_published_page_names_its_card_by_its_absolute_address(published):
    page = "stories/hillsborough-first"
    card = f"{SITE}/{page}/card.png"
    assert head(published, page, "og:image") == head(published, page, "twitter:image") == [card]
    assert head(published, page, "og:image:width") == ["1200"]
    assert head(published, page, "og:image:height") == ["630"]
    assert head(published, page, "og:image:alt") == head(published, page, "twitter:image:alt")
    assert head(published, page, "og:image:alt") == ["Hillsborough Went First"]
    assert head(published, page, "twitter:card") == ["summary_large_image"]


def test_a_document_with_its_own_image_keeps_it(published):
    assert head(published, "news/vote", "og:image") == [f"{SITE}/images/photo.png"]
    assert head(published, "news/vote", "og:image:alt") == ["Council members raising their hands"]
    assert head(published, "news/vote", "og:image:width") == []  # its size is not the card's
    assert (published / "news/vote/card.png").is_file()  # drawn all the same: the image may go


def test_two_clean_builds_write_the_same_cards_and_a_rebuild_draws_only_the_changed_one(tmp_path):
    content = write_site(tmp_path / "content")
    first = build(content, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    assert f"cards: {len(CARDS)} drawn, 0 unchanged" in first.stderr
    again = build(content, tmp_path / "two")
    assert again.returncode == 0, again.stderr
    cards = {path: data for path, data in tree(tmp_path / "one").items() if path.endswith("card.png")}
    assert sorted(cards) == sorted(CARDS)
    assert cards == {path: data for path, data in tree(tmp_path / "two").items() if path.endswith("card.png")}

    story = content / "stories/hillsborough-first.md"
    story.write_text(STORY.replace("Hillsborough Went First", "Hillsborough Went First, Then Durham"))
    rebuilt = build(content, tmp_path / "one")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"cards: 1 drawn, {len(CARDS) - 1} unchanged since the last build" in rebuilt.stderr
    after = tree(tmp_path / "one")
    changed = sorted(path for path in cards if after[path] != cards[path])
    assert changed == ["stories/hillsborough-first/card.png"]

    clean = build(content, tmp_path / "clean")  # a cached card is the card a clean build draws
    assert clean.returncode == 0, clean.stderr
    assert {p: d for p, d in tree(tmp_path / "clean").items() if p.endswith("card.png")} == {
        p: after[p] for p in CARDS
    }


def test_cards_are_kept_as_files_in_the_cache_and_a_lost_one_is_drawn_again(tmp_path):
    # One file per card, taken into the site as a hard link: no build holds every card in memory.
    content = write_site(tmp_path / "content")
    assert (first := build(content, tmp_path / "one")).returncode == 0, first.stderr
    (store,) = (tmp_path / "one-cache" / "hub").glob("cards-*")
    kept = sorted(store.iterdir())
    assert len(kept) == len(CARDS) and all(file.suffix == ".png" for file in kept)
    cards = {path: (tmp_path / "one" / path).read_bytes() for path in CARDS}
    assert all(any(os.path.samefile(tmp_path / "one" / path, file) for file in kept) for path in CARDS)
    kept[0].unlink()
    (store / "half.123.tmp").write_bytes(b"a card a stopped build was writing")
    rebuilt = build(content, tmp_path / "one")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert f"cards: 1 drawn, {len(CARDS) - 1} unchanged since the last build" in rebuilt.stderr
    assert sorted(store.iterdir()) == kept
    assert {path: (tmp_path / "one" / path).read_bytes() for path in CARDS} == cards


def test_a_translation_gets_a_card_in_its_language(tmp_path):
    spanish = front(
        """
        title: Hillsborough fue primero
        summary: Cómo un pueblo abrió el camino.
        """
    )
    content = write_site(tmp_path / "content", {"stories/hillsborough-first.es.md": spanish})
    result = build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    label = translations_for(ROOT / "theme", "es").gettext("Story")
    assert label != "Story"
    expected = Card("Hillsborough fue primero", label, "Housing", "Local Policy Hub", "#7a1f5c", "#0b4fa6")
    assert (tmp_path / "site/es/stories/hillsborough-first/card.png").read_bytes() == Painter.bundled().draw(
        expected
    )


def test_every_page_of_the_demo_shares_an_image_it_publishes_and_spanish_pages_their_spanish_card(demo):
    """The demo as previewed: each page's JSON-LD image is a file of the site (og:image needs the site's
    absolute address, which a preview has not); a translated document without its own image shares its
    own card, under es/."""
    spanish_cards = 0
    for page in sorted(demo.rglob("index.html")):
        folder = page.parent.relative_to(demo).as_posix()
        text = page.read_text(encoding="utf-8")
        assert 'property="og:image"' not in text, folder  # no relative share address
        for image in re.findall(r'"image":"(/[^"]+)"', text):
            assert (demo / image.lstrip("/")).is_file(), (folder, image)
            if folder.startswith("es/") and image == f"/{folder}/card.png":
                spanish_cards += 1
                assert png((demo / image.lstrip("/")).read_bytes()).size == (1200, 630)
    assert spanish_cards >= 10

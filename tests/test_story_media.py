"""Media in stories: a lead image with caption and credit, pull quotes with attribution, a video's link to
its transcript; the errors for an image without a credit and a quote without its speaker."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from hub_content import HubSettings, InvalidContentError, load_site
from tests.sitekit import build, front, write_site


def errors(root: Path, documents: dict[str, str]) -> list[str]:
    write_site(root, documents)
    with pytest.raises(InvalidContentError) as caught:
        load_site(root, HubSettings(drafts=True))
    return [f"{Path(e.path).relative_to(root)}:{e.line}: {e.message}" for e in caught.value.errors]


def story(fields: str, body: str = "Body.") -> str:
    return front("title: A Story\ndate: 2025-01-02\nsummary: Short.\nissues: [housing]\n" + fields, body)


def test_an_image_without_a_credit_is_an_error_at_its_line(tmp_path):
    text = story("image: images/photo.png\nimage_alt: Members at the vote")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:6: 'image' is set but 'image_credit' is missing: add image_credit: who made it, like "
        "'Photo: Jane Doe' or, for a drawing of the site's own, 'Illustration: <site name>'"
    ]


def test_a_caption_or_credit_without_an_image_is_an_error_at_its_line(tmp_path):
    text = story("image_credit: 'Photo: Jane Doe'\nimage_caption: The vote.")
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:6: 'image_credit' is set but there is no 'image': add the image or remove image_credit",
        "stories/x.md:7: 'image_caption' is set but there is no 'image': add the image or remove "
        "image_caption",
    ]


def test_a_quote_without_its_speaker_is_an_error_at_its_line(tmp_path):
    quotes = "quotes:\n  - text: People are driving this.\n    by: Rossana Rodríguez\n  - text: Unsigned."
    text = story(quotes)
    assert errors(tmp_path, {"stories/x.md": text}) == [
        "stories/x.md:9: required field 'quotes[2].by' is missing: write it like by: Rossana Rodríguez"
    ]


def test_a_translation_captioning_an_image_its_original_lacks_is_an_error_at_its_line(tmp_path):
    translation = front("title: Una\nsummary: Corta.\nimage_caption: La votación.")
    assert errors(tmp_path, {"stories/x.md": story(""), "stories/x.es.md": translation}) == [
        "stories/x.es.md:4: 'image_caption' describes an image, but stories/x.md has no 'image': "
        "add the image to the original, or remove it here"
    ]


STORY = story(
    """image: images/wide.png
image_alt: A wide blue picture
image_caption: The council at the vote.
image_credit: "Photo: Jane Doe"
video: https://vimeo.com/12345
transcript: |
  First paragraph.
quotes:
  - text: People are driving this.
    by: Rossana Rodríguez
    role: 33rd Ward Alderwoman
""",
    '> "People are driving this."\n\nThe rest of the story.',
)
TRANSLATION = front(
    "title: Una historia\nsummary: Corta.\nimage_alt: Una imagen azul y ancha\n"
    "image_caption: El concejo en la votación.",
    "El resto.",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("media")
    content = write_site(root / "content", {"stories/media.md": STORY, "stories/media.es.md": TRANSLATION})
    Image.new("RGB", (2000, 1000), "#336699").save(content / "images" / "wide.png")
    out = root / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stderr
    return out


def page(out: Path, url: str) -> HTMLParser:
    return HTMLParser((out / url / "index.html").read_text(encoding="utf-8"))


def test_a_story_leads_with_its_image_its_caption_and_its_credit(site):
    html = page(site, "stories/media")
    figure = html.css_first("article .lead-figure")
    image = figure.css_first("img")
    assert image.attributes["alt"] == "A wide blue picture"
    assert "images/_w/wide-960.png 960w" in image.attributes["srcset"]
    caption = figure.css_first("figcaption")
    assert caption.text(strip=True) == "The council at the vote.Photo: Jane Doe"
    assert caption.css_first(".credit").text() == "Photo: Jane Doe"
    article = html.css_first("article").html or ""
    assert article.index("lead-figure") < article.index('class="body"')  # above the story's text


def test_pull_quotes_are_blockquotes_with_their_speaker(site):
    quote = page(site, "stories/media").css_first(".pull-quotes figure.pull-quote")
    assert quote.css_first("blockquote p").text() == "People are driving this."
    assert quote.css_first("figcaption").text() == "Rossana Rodríguez, 33rd Ward Alderwoman"
    assert quote.css_first("figcaption cite").text() == "Rossana Rodríguez"


def test_the_video_links_to_its_transcript_on_the_page(site):
    html = page(site, "stories/media")
    link = html.css_first('.video a[href^="#"]')
    assert link.text() == "Read the transcript"
    target = html.css_first(link.attributes["href"])
    assert target is not None and target.tag == "details"
    assert target.css_first("p").text() == "First paragraph."
    assert html.css_first(".video[data-embed]") is not None  # nothing loads until the reader asks


def test_a_translation_gives_its_own_caption_and_alt_and_keeps_the_credit(site):
    figure = page(site, "es/stories/media").css_first(".lead-figure")
    assert figure.css_first("img").attributes["alt"] == "Una imagen azul y ancha"
    assert figure.css_first("figcaption").text(strip=True) == "El concejo en la votación.Photo: Jane Doe"
    quote = page(site, "es/stories/media").css_first(".pull-quote cite")
    assert quote.text() == "Rossana Rodríguez"  # inherited: the translation gave no quotes of its own

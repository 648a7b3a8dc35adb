"""The email of a digest: an HTML part that survives mail clients and a plain-text part beside it.

Reads the digest's `Selection`, the site's brand, the templates in `plugins/hub_digest/templates/` and
the theme's catalogue of the digest's language; writes nothing (the command writes the two parts). The
HTML part is what mail clients render reliably: nested tables 600 pixels wide, every style inline (no
`<style>`, no class a client could drop), the site's own colours on explicit white backgrounds (each
checked for contrast against white by the brand's schema) and `color-scheme: light`, so a client that
darkens mail has a full pair of colours to invert; system fonts only, no script, no tracking pixel, no
query string added to any link. Every address is absolute, made from the site's address (`base`), since
an email is read away from the site; the only images are the documents' own lead pictures (JPEG, PNG or
GIF, which every client shows), each with its text alternative. Both parts are rendered with Jinja's
autoescape for the HTML and the theme's gettext catalogue for the interface words.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path
from posixpath import splitext

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from hub_core.settings import Brand
from hub_i18n import date_formatter
from hub_model import Document

from .select import Selection

TEMPLATES = Path(__file__).parent / "templates"
MAIL_IMAGES = (".jpg", ".jpeg", ".png", ".gif")  # what mail clients show; WebP and AVIF are not everywhere
WIDTH = 600  # pixels: the width mail clients are designed around
TEXT_WIDTH = 72  # characters per line of the plain-text part


@dataclass(frozen=True)
class Mail:
    html: str
    text: str


@dataclass(frozen=True)
class Identity:
    """The sender as the email names it: the site's name, address (absolute, ending in `/`) and brand."""

    name: str
    base: str
    brand: Brand


def render(
    selection: Selection,
    identity: Identity,
    translations: gettext.NullTranslations,
    lang: str,
    page: str,
) -> Mail:
    """Both parts of the email; `page` is the digest's page on the site (`digests/<name>/`)."""
    env = _environment(translations, lang)
    values = {
        "selection": selection,
        "site": identity,
        "brand": identity.brand,
        "lang": lang,
        "width": WIDTH,
        "text_width": TEXT_WIDTH,
        "page_url": identity.base + page,
        "archive_url": identity.base + page.rsplit("/", 2)[0] + "/",
    }
    return Mail(env.get_template("email.html").render(values), env.get_template("email.txt").render(values))


def _environment(translations: gettext.NullTranslations, lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.globals["format_date"] = date_formatter(lang)
    env.filters["image_of"] = image_of
    return env


def image_of(document: Document) -> tuple[str, str] | None:
    """The document's picture as the email shows it, `(path, alt)`: a format every client shows, with a
    text alternative; else none (a picture without words for those who cannot see it is left out)."""
    if not document.image or not (document.image_alt or "").strip():
        return None
    if splitext(document.image)[1].lower() not in MAIL_IMAGES:
        return None
    return document.image.lstrip("/"), str(document.image_alt)

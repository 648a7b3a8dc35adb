"""`make digest`: write a newsletter digest's email, and its record for the site's archive.

Reads a settings file (`publishconf.py` by default: SITEURL from HUB_SITEURL, drafts and scheduled
documents left out), the content folder (with hub_content's loader, exactly as the build reads it) and
the theme's catalogue of the digest's language. Writes `<out>/<name>.html` and `<out>/<name>.txt`, the
two parts of the email staff paste or upload into their mail service, and `content/digests/<name>.yaml`,
the record the build publishes as `/digests/<name>/` (unless `--no-record`). It sends nothing. It stops,
writing nothing, when the site's address is not absolute (links in an email must be), when the content
or the settings have problems, or when nothing was published in the window.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub_content import HubSettings, load
from hub_content.fields import suggest
from hub_content.jobs import cache_file
from hub_content.settings import build_date
from hub_core.settings import languages_of, read_settings
from hub_headers.policy import site_base
from hub_i18n import translations_for
from hub_model import Site, digest_name
from hub_model.digest import FOLDER

from .mail import Identity, render
from .select import Selection, select

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DigestError(Exception):
    """Why no digest was written, in words for staff."""


@dataclass(frozen=True)
class Request:
    """What `make digest` was asked for."""

    since: dt.date
    until: dt.date | None = None
    issue: str | None = None
    lang: str | None = None
    content: Path = Path("content")
    out: Path = Path("mail")
    record: bool = True


@dataclass(frozen=True)
class Written:
    html: Path
    text: Path
    record: Path | None
    selection: Selection


def required_day(given: str, name: str) -> dt.date:
    """A date given on the command line that must be there (SINCE)."""
    found = day(given, name)
    if found is None:
        raise DigestError(f"give {name}=YYYY-MM-DD, like make digest SINCE=2025-10-01 [UNTIL=2025-10-31]")
    return found


def day(given: str, name: str) -> dt.date | None:
    """A date given on the command line, or None when left out."""
    value = given.strip()
    if not value:
        return None
    try:
        if DAY.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise DigestError(f"{name} is '{value[:40]}', not a date: write it as YYYY-MM-DD, like 2025-10-01")


def make_digest(values: Mapping[str, Any], request: Request, settings_name: str) -> Written:
    """Write the email's two parts (and the record); DigestError or InvalidContentError, writing nothing."""
    base = site_base(str(values.get("SITEURL") or ""))
    if base is None:
        shown = str(values.get("SITEURL") or "")[:60]
        raise DigestError(
            f"SITEURL in {settings_name} is '{shown}', not the site's absolute address, and every link in "
            "an email must be absolute: set HUB_SITEURL to the address the site is published at, like "
            "HUB_SITEURL=https://hub.example.org, and run it again"
        )
    typed = read_settings(values)
    languages = languages_of(values)
    lang = _language(request.lang, languages)
    today = build_date(values)
    until = request.until or today
    if until < request.since:
        raise DigestError(f"UNTIL ({until.isoformat()}) is before SINCE ({request.since.isoformat()})")
    hub = HubSettings(drafts=typed.hub.drafts, scheduled=typed.hub.scheduled)
    cache = cache_file(Path(str(values.get("CACHE_PATH") or "cache")), request.content)
    site = load(request.content, hub, cache, today, languages=languages).site
    _check_issue(site, request.issue)
    selection = select(site, request.since, until, request.issue, lang)
    if not selection.count:
        on = f" on {request.issue}" if request.issue else ""
        raise DigestError(
            f"nothing was published or updated{on} from {request.since.isoformat()} to {until.isoformat()}"
        )
    name = digest_name(request.since, until, request.issue)
    identity = Identity(str(values.get("SITENAME") or ""), base, typed.theme)
    theme = str(values.get("THEME") or "theme")
    mail = render(selection, identity, translations_for(theme, lang or languages[0]), lang or languages[0],
                  f"{FOLDER}/{name}/")  # fmt: skip
    return _write(request, name, mail.html, mail.text, selection)


def _language(asked: str | None, languages: tuple[str, ...]) -> str:
    """ "" for the site's own language, else one of the site's other languages."""
    if asked is None or asked == languages[0]:
        return ""
    if asked not in languages:
        raise DigestError(
            f"LANG '{asked[:20]}' is not one of the site's languages{suggest(asked, languages)}: "
            f"use one of {', '.join(languages)}"
        )
    return asked


def _check_issue(site: Site, issue: str | None) -> None:
    if issue is not None and issue not in site.issues:
        raise DigestError(
            f"ISSUE '{issue[:60]}' is not an issue of the site{suggest(issue, site.issues)}: "
            "use the name of a file in content/issues/ without '.md'"
        )


def _write(request: Request, name: str, html: str, text: str, selection: Selection) -> Written:
    request.out.mkdir(parents=True, exist_ok=True)
    html_path, text_path = request.out / f"{name}.html", request.out / f"{name}.txt"
    html_path.write_text(html, encoding="utf-8")
    text_path.write_text(text, encoding="utf-8")
    record = None
    if request.record:
        record = request.content / FOLDER / f"{name}.yaml"
        record.parent.mkdir(exist_ok=True)
        record.write_text(record_text(selection, name), encoding="utf-8")
    return Written(html_path, text_path, record, selection)


def record_text(selection: Selection, name: str) -> str:
    """The record of a digest, as `content/digests/<name>.yaml` keeps it."""
    lines = [
        f"# A newsletter digest (make digest); the site shows it at /{FOLDER}/{name}/.",
        f"since: {selection.since.isoformat()}",
        f"until: {selection.until.isoformat()}",
    ]
    if selection.issue is not None:
        lines.append(f"issue: {selection.issue.slug}")
    return "\n".join(lines) + "\n"

"""The same content as a vanilla Pelican site and as a Hugo site, for baseline timings.

Reads a hub content folder (documents in ordinances/, briefs/, stories/, news/); writes a new site folder:
for Pelican, content/ with standard Pelican Markdown metadata and a minimal conf.py (default `simple`
theme, no plugins); for Hugo, content/ with YAML front matter (tags, issues and jurisdictions taxonomies),
config.toml and minimal layouts. The Markdown bodies are copied unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml

# The dated document types: folder -> type name (Pelican's Category). Pages have no date and are skipped.
DOC_FOLDERS = (("ordinances", "ordinance"), ("briefs", "brief"), ("stories", "story"), ("news", "news"))
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PELICAN_CONF = """\
# Vanilla Pelican baseline for the hub benchmark: default settings, built-in `simple` theme, no plugins.
SITENAME = "Pelican baseline"
SITEURL = ""
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
THEME = "simple"
PLUGINS = []
"""

HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "en-us"
title = "Hugo baseline"
buildFuture = true

[taxonomies]
  tag = "tags"
  issue = "issues"
  jurisdiction = "jurisdictions"
"""

_HUGO_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
    "<title>{{ .Title }} | {{ .Site.Title }}</title></head>\n<body>\n"
    '<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>\n<main>\n'
)
_HUGO_FOOT = "</main>\n</body>\n</html>\n"
_HUGO_ITEM = (
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
    '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time> '
    "{{ .Summary }}</li>"
)
HUGO_LAYOUTS = (
    (
        "_default/single.html",
        _HUGO_HEAD
        + "<article>\n<h1>{{ .Title }}</h1>\n"
        + '<p><time datetime="{{ .Date.Format "2006-01-02" }}">'
        + '{{ .Date.Format "January 2, 2006" }}</time></p>\n'
        + "<p>{{ .Summary }}</p>\n{{ .Content }}\n<ul>\n"
        + '{{ range .GetTerms "issues" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>'
        + "{{ end }}\n"
        + '{{ range .GetTerms "jurisdictions" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>'
        + "{{ end }}\n</ul>\n</article>\n"
        + _HUGO_FOOT,
    ),
    (
        "_default/list.html",
        _HUGO_HEAD
        + "<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}"
        + _HUGO_ITEM
        + "{{ end }}\n</ul>\n"
        + _HUGO_FOOT,
    ),
    (
        "index.html",
        _HUGO_HEAD
        + "<h1>{{ .Site.Title }}</h1>\n<ul>\n{{ range .Site.RegularPages.ByDate.Reverse }}"
        + _HUGO_ITEM
        + "{{ end }}\n</ul>\n"
        + _HUGO_FOOT,
    ),
)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML fields and the Markdown body of a hub document."""
    if not text.startswith("---\n"):
        raise ValueError("a hub document starts with a '---' line")
    front, _, body = text[4:].partition("\n---\n")
    fields = yaml.load(front, Loader=_LOADER) or {}
    return fields, body


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def to_pelican(text: str, type_name: str, slug: str) -> str:
    """A hub document as Pelican Markdown: Title, Date, Summary, Tags (issues, jurisdictions), Category."""
    fields, body = split_front_matter(text)
    tags = [*fields.get("issues", []), *fields.get("jurisdictions", [])]
    lines = [
        f"Title: {_one_line(fields['title'])}",
        f"Date: {_iso(fields['date'])}",
        f"Slug: {slug}",  # the hub's file name; titles may repeat, and Pelican would slug them alike
        f"Category: {type_name}",
        f"Tags: {', '.join(tags)}",
        f"Summary: {_one_line(fields.get('summary', ''))}",
    ]
    if fields.get("status") == "draft":
        lines.append("Status: draft")
    return "\n".join(lines) + "\n\n" + body


def to_hugo(text: str) -> str:
    """A hub document with Hugo front matter: title, date, summary and the three taxonomies."""
    fields, body = split_front_matter(text)
    issues = [str(i) for i in fields.get("issues", [])]
    places = [str(j) for j in fields.get("jurisdictions", [])]
    values: dict[str, object] = {
        "title": _one_line(fields["title"]),
        "date": _iso(fields["date"]),
        "summary": _one_line(fields.get("summary", "")),
        "issues": issues,
        "jurisdictions": places,
        "tags": issues + places,
    }
    if fields.get("status") == "draft":
        values["draft"] = True
    # JSON values are valid YAML flow values, so every string is quoted safely.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _documents(content: Path) -> list[tuple[str, str, Path]]:
    return [
        (folder, type_name, path)
        for folder, type_name in DOC_FOLDERS
        for path in sorted((content / folder).glob("*.md"))
    ]


def write_pelican_site(content: Path, site: Path) -> tuple[Path, Path]:
    """Convert every document into site/content/<folder>/; return (content folder, conf.py)."""
    out = site / "content"
    for folder, type_name, path in _documents(content):
        target = out / folder / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            to_pelican(path.read_text(encoding="utf-8"), type_name, path.stem), encoding="utf-8"
        )
    conf = site / "conf.py"
    conf.write_text(PELICAN_CONF, encoding="utf-8")
    return out, conf


def write_hugo_site(content: Path, site: Path) -> Path:
    """Convert every document into site/content/<folder>/ with config and layouts; return the site."""
    for folder, _, path in _documents(content):
        target = site / "content" / folder / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_hugo(path.read_text(encoding="utf-8")), encoding="utf-8")
    (site / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, template in HUGO_LAYOUTS:
        target = site / "layouts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template, encoding="utf-8")
    return site

"""The edits the benchmark makes to generated documents, as text in, text out, and the words it looks for.

Pure helpers for tests/bench/run.py and devloop.py: a paragraph added to a body, a document's issues,
title or date changed, the marker words a page or a search is watched for, and which document leads a
listing. Reads a content folder's documents (`newest`); writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from . import baselines, generate

EDIT_PARAGRAPH = "A paragraph added by the benchmark, to time a rebuild after one document's text changed."
ADDED_DATE = "2026-01-01"  # later than every generated date, so an added document leads its listing


def marker(kind: str, number: int) -> str:
    """A word no generated document has, of letters only, so Pagefind indexes and finds it as one word."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if number == 0:
            break
    return f"hubmark{kind}{letters}"


def newest(content: Path, folder: str) -> Path:
    """The document of a folder with the latest date (the first on its listing pages); ties by name."""
    dated = []
    for path in sorted((content / folder).glob("*.md")):
        fields, _ = baselines.split_front_matter(path.read_text(encoding="utf-8"))
        dated.append((str(fields["date"]), path.name, path))
    return max(dated)[2]


def retitle(text: str, word: str) -> str:
    """The document with `word` added at the end of its title."""
    fields, _ = baselines.split_front_matter(text)
    if "title" not in fields:
        raise ValueError("no 'title:' line in the document")
    title = generate.yaml_text(f"{fields['title']} {word}")
    new, count = re.subn(r"^title: .*$", lambda _: f"title: {title}", text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError("no 'title:' line in the document")
    return new


def redate(text: str, date: str) -> str:
    new, count = re.subn(r"^date: .*$", f"date: {date}", text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ValueError("no 'date:' line in the document")
    return new


def add_paragraph(text: str, word: str) -> str:
    return text.rstrip("\n") + f"\n\nThe benchmark saved this paragraph with the word {word} in it.\n"


def edit_body(text: str) -> str:
    """The document with one more paragraph at the end of its body (for the publish builds)."""
    return text.rstrip("\n") + f"\n\n{EDIT_PARAGRAPH}\n"


def change_issues(text: str, known: Sequence[str]) -> str:
    """The document with its first issue replaced by the first known issue it does not have yet."""
    match = re.search(r"^issues: \[(.*)\]$", text, flags=re.MULTILINE)
    if match is None:
        raise ValueError("no 'issues: [...]' line in the document")
    current = [s.strip() for s in match.group(1).split(",")]
    new = next(slug for slug in known if slug not in current)
    line = f"issues: [{', '.join([new, *current[1:]])}]"
    return text[: match.start()] + line + text[match.end() :]


def issues_of(text: str) -> list[str]:
    fields, _ = baselines.split_front_matter(text)
    return [str(i) for i in fields.get("issues", [])]


def url_of(path: Path) -> str:
    """A document's address: /<folder>/<file name without .md>/."""
    return f"/{path.parent.name}/{path.stem}/"

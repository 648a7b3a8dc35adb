"""Field specs and converters: YAML nodes in, typed values out, every problem reported at its line.

Reads YAML nodes (and, for file fields, whether the named file exists under the content folder); writes
nothing. A converter reports what is wrong and raises `ReportedError`; the caller goes on with the next field,
so one run reports every problem in a file. Every scalar goes through `_scalar`, which refuses characters
that are not text (`chars`); values quoted in messages go through `excerpt`. Lists, nested records and a
file's whole set of fields are converted in compound.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from hub_model import Moment

from . import chars
from .errors import Problems, excerpt

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NULLS = {"", "~", "null", "Null", "NULL"}


class ReportedError(Exception):
    """A value was wrong and has been reported."""


@dataclass(frozen=True)
class Ref:
    """A slug that must name an existing issue or jurisdiction; checked once everything is read."""

    kind: str
    slug: str
    line: int
    label: str


@dataclass
class Ctx:
    problems: Problems
    root: Path
    lines: list[str] = field(default_factory=list)  # the file's lines, to see what YAML dropped
    refs: list[Ref] = field(default_factory=list)

    def fail(self, node: yaml.Node, message: str) -> ReportedError:
        self.problems.at(node, message)
        return ReportedError()


Converter = Callable[[yaml.Node, Ctx, str], Any]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    convert: Converter
    required: bool = False
    default: Any = None
    doc: str = ""
    example: str = ""


def is_empty(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        # Plain scalars have style None (pure-Python loader) or "" (libyaml); quoted "null" is text.
        return not node.value.strip() or (not node.style and node.value.strip() in NULLS)
    return not node.value


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _scalar(node: yaml.Node, ctx: Ctx, label: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "a set of fields"
        raise ctx.fail(node, f"'{label}' must be {what}, not {shape}")
    bad = chars.first(node.value)
    if bad:
        # Written as a YAML escape ("\a", "\u202e"): a character typed as itself is refused with its line
        # when the file is decoded.
        raise ctx.fail(node, f"'{label}' contains {chars.name(bad.group())}: {chars.FIX}")
    return node.value.strip()


HASHTAG_COMMENT = re.compile(r"^\s+#\S")


def text(max_length: int | None = None) -> Converter:
    def convert(node: yaml.Node, ctx: Ctx, label: str) -> str:
        value = " ".join(_scalar(node, ctx, label, "text").split())
        if isinstance(node, yaml.ScalarNode):  # always: _scalar refused any other node
            _check_hashtag(node, ctx, label)
        if max_length and len(value) > max_length:
            raise ctx.fail(
                node,
                f"'{label}' is {len(value)} characters long: shorten it to at most {max_length}",
            )
        return value

    return convert


def _check_hashtag(node: yaml.ScalarNode, ctx: Ctx, label: str) -> None:
    """`summary: Our #LocalStory series` loses everything from ' #' on: YAML reads it as a comment."""
    index = node.end_mark.line + ctx.problems.line_offset
    if node.style or index >= len(ctx.lines):
        return
    rest = ctx.lines[index][node.end_mark.column :]
    if HASHTAG_COMMENT.match(rest):
        raise ctx.fail(
            node,
            f"'{label}' is cut short at '{excerpt(rest.strip().split()[0])}': "
            "YAML reads ' #' as the start of a comment; put the whole value in quotes",
        )


def paragraphs(node: yaml.Node, ctx: Ctx, label: str) -> tuple[str, ...]:
    """Text whose blank lines separate paragraphs (write it as a YAML block: `transcript: |`)."""
    value = _scalar(node, ctx, label, "text")
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())


def link_or_file(folder: str) -> Converter:
    """A web address, or a path like `files/name.pdf` naming a file in the content folder."""
    local = static_file(folder, ("",), "a file")

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> str:
        value = _scalar(node, ctx, label, "a link or a file path")
        return url(node, ctx, label) if "://" in value else local(node, ctx, label)

    return convert


_SITE_PATH = re.compile(r"^/(?:[A-Za-z0-9._~%!$&'()*+,;=:@-]+/?)*$")


def site_path(node: yaml.Node, ctx: Ctx, label: str) -> str:
    """An address on this site, from its root: `/old/address/` or `/2021/05/post.html`."""
    value = _scalar(node, ctx, label, "an address")
    if "://" in value or not _SITE_PATH.match(value) or "/../" in value + "/" or value == "/":
        raise ctx.fail(
            node,
            f"'{label}' has '{excerpt(value)}', which is not an address on this site: "
            "write the old path from the site's root, like /2021/05/old-page/",
        )
    ctx.refs.append(Ref("alias", value, ctx.problems.line_of(node), label))  # checked for clashes later
    return value


def date(node: yaml.Node, ctx: Ctx, label: str) -> dt.date:
    value = _scalar(node, ctx, label, "a date")
    try:
        if not ISO_DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ctx.fail(
            node,
            f"'{label}' is '{excerpt(value)}', not a valid date: write it as YYYY-MM-DD, like 2025-10-01",
        ) from None


MOMENT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD, like 2017, 2020-12 or 2020-12-01"


def moment(node: yaml.Node, ctx: Ctx, label: str) -> Moment:
    """A date known to the year, the month or the day; never a day made up to fill the gap."""
    value = _scalar(node, ctx, label, "a date")
    match = MOMENT.fullmatch(value)
    try:
        if match is None:
            raise ValueError
        given = [int(part) for part in match.groups() if part]
        if 0 in given:  # "2020-00" is no month, not an unknown one
            raise ValueError
        year, month, day = (*given, 0, 0)[:3]
        dt.date(year, month or 1, day or 1)  # a real month and day
    except ValueError:
        raise ctx.fail(
            node, f"'{label}' is '{excerpt(value)}', not a valid date: write it as {DATE_FORMS}"
        ) from None
    return Moment(year, month, day)


def enum(kind: type[Enum]) -> Converter:
    choices = [member.value for member in kind]

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> Enum:
        value = _scalar(node, ctx, label, "one word")
        if value not in choices:
            raise ctx.fail(
                node,
                f"'{label}' is '{excerpt(value)}'{suggest(value, choices)}: use one of {', '.join(choices)}",
            )
        return kind(value)

    return convert


def url(node: yaml.Node, ctx: Ctx, label: str) -> str:
    value = _scalar(node, ctx, label, "a web address")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ctx.fail(
            node,
            f"'{label}' is '{excerpt(value)}', not a web address: write it in full, like https://example.org/page",
        )
    return value


def number(low: float, high: float) -> Converter:
    def convert(node: yaml.Node, ctx: Ctx, label: str) -> float:
        value = _scalar(node, ctx, label, "a number")
        try:
            result = float(value)
        except ValueError:
            raise ctx.fail(
                node, f"'{label}' is '{excerpt(value)}', not a number: write it like 35.99"
            ) from None
        if not low <= result <= high:
            raise ctx.fail(node, f"'{label}' is {excerpt(value)}: it must be between {low:g} and {high:g}")
        return result

    return convert


_WHOLE = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)\Z")


def whole_number(low: int, high: int, example: str) -> Converter:
    """A whole number written in digits, with or without commas between thousands (`11,303` or `11303`)."""

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> int:
        value = _scalar(node, ctx, label, "a whole number")
        digits = value.replace(",", "")
        if not _WHOLE.match(value) or len(digits) > len(str(high)):
            raise ctx.fail(
                node,
                f"'{label}' is '{excerpt(value)}', not a whole number: write it in digits, like {example}",
            )
        result = int(digits)
        if not low <= result <= high:
            raise ctx.fail(node, f"'{label}' is {excerpt(value)}: it must be between {low:,} and {high:,}")
        return result

    return convert


def ref(kind: str) -> Converter:
    """A slug naming an issue or a jurisdiction; existence is checked when all content is read."""

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> str:
        article = "an" if kind[0] in "aeiou" else "a"
        value = _scalar(node, ctx, label, f"{article} {kind} slug")
        if not SLUG.match(value):
            raise ctx.fail(
                node,
                f"'{label}' has '{excerpt(value)}', which is not {article} {kind} slug: "
                "slugs use lowercase a-z, 0-9 and '-', like the file name without '.md'",
            )
        ctx.refs.append(Ref(kind, value, ctx.problems.line_of(node), label))
        return value

    return convert


def static_file(folder: str, suffixes: tuple[str, ...], what: str) -> Converter:
    """A path like `images/x.jpg` naming a file that exists under the content folder."""

    def convert(node: yaml.Node, ctx: Ctx, label: str) -> str:
        value = _scalar(node, ctx, label, "a file path").lstrip("/")
        if not value.startswith(folder + "/") or ".." in value.split("/"):
            raise ctx.fail(node, f"'{label}' must be a path under {folder}/, like {folder}/name{suffixes[0]}")
        if not value.lower().endswith(suffixes):
            raise ctx.fail(node, f"'{label}' must be {what} ({', '.join(suffixes)}), not '{excerpt(value)}'")
        if not (ctx.root / value).is_file():
            # Compare names without the folder and suffix they all share, or everything looks alike.
            siblings = {p.stem: f"{folder}/{p.name}" for p in (ctx.root / folder).glob("*") if p.is_file()}
            close = difflib.get_close_matches(Path(value).stem, list(siblings), n=1, cutoff=0.6)
            hint = f" (did you mean '{siblings[close[0]]}'?)" if close else ""
            raise ctx.fail(
                node,
                f"'{label}' names {excerpt(value)}, which does not exist{hint}: "
                f"add the file to the content folder's {folder}/ or correct the path",
            )
        return value

    return convert

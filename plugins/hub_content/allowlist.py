"""The one definition of the HTML a document body may publish: elements, attributes, classes, ids, URLs.

Reads nothing and writes nothing. The checker (`sanitize.findings`, which reports problems to staff) and
the sanitizer (`sanitize.clean`, which produces the published HTML) both use `verdict()` and the tables
below, so what is reported and what is removed cannot drift apart.

What the tables allow is what python-markdown (with extra, sane_lists and toc) writes, plus a few tags
staff may type that Markdown cannot express. Nothing here can run code, load anything from another site,
post a form, change the page's styles, or reach the theme's scripts and the search index (`class`,
`id` and `data-*` are the hooks they read).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

GLOBAL_ATTRIBUTES = frozenset({"id", "title", "lang", "dir"})
# Per element: what may appear besides GLOBAL_ATTRIBUTES (and `class`, which CLASSES restricts).
ELEMENTS: dict[str, frozenset[str]] = {
    tag: frozenset(extra.split())
    for tag, extra in {
        "a": "href", "abbr": "", "b": "", "blockquote": "cite", "br": "", "caption": "", "cite": "",
        "code": "", "col": "span", "colgroup": "span", "dd": "", "del": "cite datetime", "details": "open",
        "dfn": "", "div": "", "dl": "", "dt": "", "em": "", "figcaption": "", "figure": "", "h1": "",
        "h2": "", "h3": "", "h4": "", "h5": "", "h6": "", "hr": "", "i": "",
        "img": "src alt width height", "ins": "cite datetime", "kbd": "", "li": "value", "mark": "",
        "ol": "start reversed type", "p": "", "pre": "", "q": "cite", "s": "", "samp": "", "section": "",
        "small": "", "span": "", "strong": "", "sub": "", "summary": "", "sup": "", "table": "",
        "tbody": "", "td": "align colspan rowspan", "tfoot": "", "th": "align colspan rowspan scope",
        "thead": "", "time": "datetime", "tr": "", "u": "", "ul": "", "var": "",
    }.items()
}  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# The only classes a body may carry: python-markdown's footnotes and fenced code. Neither the theme's CSS
# nor its scripts use them, and every class the theme does use (video, placeholder, model-text...) is
# refused, so a body cannot start the video player, fill-in form or any other script.
CLASSES: dict[str, frozenset[str]] = {
    "div": frozenset({"footnote"}),
    "a": frozenset({"footnote-ref", "footnote-backref"}),
}
CODE_CLASS = re.compile(r"language-[a-z0-9][a-z0-9+#._-]{0,30}")
# Ids the theme's templates and scripts use on the page around a body (tests/test_hostile_body.py reads
# the templates and scripts and fails when one is missing here). A heading whose title slugs to one of
# them gets "-2" instead (`heading_id`); one written by hand is an error.
RESERVED_IDS = frozenset(
    {
        "main", "content", "search", "missing-q", "site-search-q", "adoptions-caption",
        "map-adoptions-caption", "version-uncommitted", "take-home",
    }
)  # fmt: skip
RESERVED_ID_PREFIXES = (
    "search-", "filter-", "toolkit-", "map-", "state-", "group-", "changes-", "version-", "site-",
    "pagefind", "timeline-", "digest-",
)  # fmt: skip
RESERVED_ID_SUFFIXES = ("-heading", "-caption")
ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_:.-]{0,255}")  # ":" for footnotes: fn:1, fnref:1
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")  # what browsers strip around a URL
# A link into the content folder's images/ or files/ (from any page depth), whether Markdown wrote it or
# staff typed it as HTML.
STATIC_PATH = re.compile(r"(?:\.\./)*/?((?:images|files)(?:[/\\]|%2f|%5c).*)", re.I | re.S)
_NUMBER = re.compile(r"[0-9]{1,4}")
VALUES = {
    "align": frozenset({"left", "right", "center"}),
    "dir": frozenset({"ltr", "rtl", "auto"}),
    "scope": frozenset({"row", "col", "rowgroup", "colgroup"}),
    "type": frozenset({"1", "a", "A", "i", "I"}),
    "open": frozenset({""}),
    "reversed": frozenset({""}),
}
NUMERIC = frozenset({"span", "value", "start", "width", "height", "colspan", "rowspan"})


def reserved_id(value: str) -> bool:
    lowered = value.lower()
    return (
        lowered in RESERVED_IDS
        or lowered.startswith(RESERVED_ID_PREFIXES)
        or lowered.endswith(RESERVED_ID_SUFFIXES)
    )


def heading_id(slug: str) -> str:
    """A heading's generated id, kept clear of the theme's ids: `main` -> `main-2`; where a reserved
    prefix makes that one reserved too (`state-law-2`), `h-state-law-2`, which none is."""
    for candidate in (slug, f"{slug}-2", f"h-{slug}-2"):
        if not reserved_id(candidate):
            return candidate
    raise AssertionError(f"no free id for {slug!r}")  # unreachable: no reserved id starts with "h-"


def url_scheme(value: str) -> str | None:
    """The scheme a browser would read from an attribute value (entities already decoded), lowercased."""
    plain = _EDGES.sub("", value)
    plain = re.sub(r"[\t\n\r]", "", plain)
    match = _SCHEME.match(plain)
    return match.group(1).lower() if match else None


def other_site(value: str) -> bool:
    """An address that leaves this site: with a scheme, or starting with two slashes (either way)."""
    plain = re.sub(r"[\t\n\r]", "", value.strip())
    return url_scheme(value) is not None or re.match(r"[/\\]{2}", plain) is not None


def verdict(tag: str, name: str, value: str) -> str | None:
    """None when `name="value"` may stay on `<tag>`, else what is wrong and what to write instead."""
    if name == "class":
        return _class_verdict(tag, value)
    if name not in GLOBAL_ATTRIBUTES and name not in ELEMENTS.get(tag, ()):
        return _unknown_attribute(tag, name)
    if name == "id":
        return _id_verdict(value)
    if name in URL_ATTRIBUTES:
        return _url_verdict(tag, name, value)
    if name in VALUES and value not in VALUES[name]:
        return f"'{name}' cannot be '{_short(value)}' here: use one of {', '.join(sorted(VALUES[name]))}"
    if name in NUMERIC and not _NUMBER.fullmatch(value):
        return f"'{name}' must be a whole number, not '{_short(value)}'"
    return None


def _unknown_attribute(tag: str, name: str) -> str:
    if name.startswith("on"):
        return f"the event attribute '{_short(name)}' is not allowed: it would run code; remove it"
    if name in ("style", "srcdoc"):
        return (
            f"the attribute '{name}' is not allowed (the site's Content-Security-Policy blocks inline "
            "styles): remove it"
        )
    if name.startswith("data-"):
        return (
            f"the attribute '{_short(name)}' is not allowed: data- attributes steer the site's scripts "
            "and search index; remove it"
        )
    allowed = sorted(GLOBAL_ATTRIBUTES | ELEMENTS.get(tag, frozenset()))
    return f"the attribute '{_short(name)}' is not allowed on <{tag}>: use only {', '.join(allowed)}"


def _class_verdict(tag: str, value: str) -> str | None:
    names = value.split()
    if tag == "code" and all(CODE_CLASS.fullmatch(n) for n in names):
        return None
    if names and all(n in CLASSES.get(tag, ()) for n in names):
        return None
    return (
        f'class="{_short(value)}" is not allowed on <{tag}>: classes belong to the site\'s theme '
        "and scripts; remove it"
    )


def _id_verdict(value: str) -> str | None:
    if not ID.fullmatch(value):
        return f"the id '{_short(value)}' is not allowed: use only letters, digits and - _ : . (at most 256)"
    if reserved_id(value):
        return f"the id '{_short(value)}' is used by the site's pages: choose another id"
    return None


def repeated_id_message(value: str) -> str:
    return (
        f"the id '{_short(value)}' is used twice in this text (headings and footnotes get ids of their "
        "own, from their titles and labels): choose another id"
    )


def _url_verdict(tag: str, name: str, value: str) -> str | None:
    if _CONTROL.search(value):
        return f"the address '{_short(value)}' holds control characters or line breaks: remove them"
    scheme = url_scheme(value)
    if scheme is not None and scheme not in SCHEMES:
        return (
            f"'{_short(scheme)}:' links are not allowed: link to an https:// address or a page of this site"
        )
    static = STATIC_PATH.match(value.strip())
    if static and static_path_problem(static.group(1)):
        return static_path_problem(static.group(1))
    if tag == "img" and other_site(value):
        return (
            "the img comes from another site, which would see every reader: save it in the content "
            "folder's images/ and write images/name.jpg"
        )
    return None


def static_path_problem(path: str) -> str | None:
    """Why a link to `images/...` or `files/...` leaves its folder, or None when it stays inside."""
    plain = unquote(path)
    folder = re.split(r"[/\\]", plain, maxsplit=1)[0]
    parts = re.split(r"[/\\]", plain)[1:]
    if "\\" in plain or any(p in ("", ".", "..") for p in parts) or _CONTROL.search(plain):
        return (
            f"the link to {_short(path)} leaves the {folder}/ folder: write {folder}/name.ext with "
            "no '..', '.', '\\' or '%' escapes"
        )
    return None


def _short(text: str, limit: int = 40) -> str:
    """A short, printable excerpt: messages never echo long input."""
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"

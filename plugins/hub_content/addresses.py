"""What addresses content may take: the slugs the site keeps for itself, how long a name may be, and the
old addresses (`aliases`) of documents, which become redirect files.

Reads the documents' addresses and each old address given; writes nothing (the redirects are written by
hub_pages at `alias_file()`). An old address must be usable as a file path, end like a web page, and lie
off every path the site writes (outputs.GENERATED), every document's folder and every other old address:
each is claimed in an `OutputRegistry` of its own, so clashes are found as the build's registry finds them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from hub_core.outputs import GENERATED, Claim, DuplicateOutputError, OutputRegistry, fold, generated_at
from hub_model import Document

from .errors import excerpt
from .schemas import DOC_TYPES

TYPE_FOLDERS = tuple(t.url_prefix for t in DOC_TYPES if t.url_prefix)
# The first part of every path the site writes (outputs.GENERATED), without its extension: a page with one
# of these slugs would take or sit beside the site's own files (`page` and `index` would only confuse).
RESERVED_PAGE_SLUGS = frozenset(
    {o.pattern.split("/")[0].split(".")[0] for o in GENERATED if not o.pattern.startswith("{")}
    | {"page", "index"}
    | set(TYPE_FOLDERS)
)
# A slug, or a part of an old address, becomes a file or folder name: at most this many characters keeps
# every name the site writes from it (`<slug>.docx`) far below the 255 bytes filesystems allow.
MAX_NAME = 100
MAX_ALIAS = 200  # characters in a whole old address


def alias_file(alias: str) -> str:
    """The file a redirect at that address is written to: `/old/` -> `old/index.html`."""
    path = alias.lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


SITE_ITSELF = "the site itself"
PAGE_SUFFIXES = frozenset({"html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cfm"})
"""Extensions an old address may end in: the pages of the sites the hub replaces."""
_DOCUMENT = "document"  # the writer name of a document's folder in the check's registry
_ALIAS = "alias"


def claim_documents(documents: Iterable[Document]) -> OutputRegistry:
    """Every document's folder (its page, downloads, map and history live there), claimed by its file,
    so that each old address is claimed in turn against them and against the other old addresses."""
    taken = OutputRegistry()
    for doc in documents:
        with contextlib.suppress(DuplicateOutputError):  # two documents, one slug: loader.py reports it
            taken.claim(doc.url, _DOCUMENT, doc.source, anywhere=True)
    return taken


def alias_problem(
    path: str, alias: str, taken: OutputRegistry, languages: tuple[str, ...] = ()
) -> str | None:
    """What is wrong with the old address `alias` of the file at `path`, or None; claims it in `taken`.
    `languages` are the other languages the site is published in (their folders are the site's too)."""
    return _malformed(alias) or _alias_clash(path, alias, taken, languages) or _alias_type_problem(alias)


def _malformed(alias: str) -> str | None:
    """What makes an old address unusable as a file path, beyond what the field itself checks."""
    parts = alias.strip("/").split("/")
    fix = "remove it from 'aliases'"
    if any(part.startswith(".") for part in parts):
        return (
            f"the old address {excerpt(alias)} has a part starting with '.', which names a hidden file or "
            f"leaves its folder: {fix}"
        )
    if "%" in alias:
        return (
            f"the old address {excerpt(alias)} is percent-encoded, so no file can answer it: write it as "
            "readers type it, or remove it from 'aliases'"
        )
    if len(alias) > MAX_ALIAS or any(len(part) > MAX_NAME for part in parts):
        return (
            f"the old address {excerpt(alias)} is too long: at most {MAX_ALIAS} characters, and "
            f"{MAX_NAME} between two '/'; {fix}"
        )
    if not alias.endswith("/") and "." not in parts[-1]:
        return (
            f"the old address {alias} has no final '/' and no file extension, so the redirect written "
            f"there would not be served as a page: write {alias}/ or the file name, like {alias}.html"
        )
    return None


def _alias_type_problem(alias: str) -> str | None:
    """An old address whose extension is not a page's (checked after clashes, which say more)."""
    last = alias.rsplit("/", 1)[-1]
    suffix = last.rsplit(".", 1)[-1].lower()
    fix = "remove it from 'aliases'"
    if "." in last and suffix not in PAGE_SUFFIXES:
        # A server types a file by its extension: a redirect page written as .svg, .js, .xml, .config or
        # .txt would be served (and run, or read as configuration) as that, not as a page.
        return (
            f"the old address {excerpt(alias)} ends in '.{excerpt(suffix, 12)}', which is not a web page, so "
            f"the redirect written there would not be served as one: {fix}"
        )
    return None


def _alias_clash(path: str, alias: str, taken: OutputRegistry, languages: tuple[str, ...]) -> str | None:
    file = alias_file(alias)
    generated = generated_at(file, TYPE_FOLDERS, languages)
    if generated is not None:
        return (
            f"the old address {alias} is already used by {SITE_ITSELF} ({generated.what}): "
            "remove it from 'aliases'"
        )
    try:
        taken.claim(file, _ALIAS, path, anywhere=True)
    except DuplicateOutputError as clash:
        return _clash_message(path, alias, file, clash.first)
    return None


def _clash_message(path: str, alias: str, file: str, first: Claim | None) -> str:
    if first is None or first.source is None:  # cannot happen: every claim here names its file
        return f"the old address {alias} cannot be written: remove it from 'aliases'"
    if first.writer == _DOCUMENT:
        if first.source == path:
            return f"the old address {alias} is this document's own address: remove it from 'aliases'"
        return f"the old address {alias} is already used by {first.source}: remove it from 'aliases'"
    if fold(first.path) == fold(file):
        if first.source == path:
            return f"the old address {alias} is given twice (also as {_address(first.path)}): remove one"
        return f"the old address {alias} is already used by {first.source}: remove it from 'aliases'"
    return (
        f"the old address {alias} and the old address {_address(first.path)} of {first.source} need "
        "one name to be both a file and a folder: remove one of them"
    )


def _address(file: str) -> str:
    """The old address a redirect file answers: `old/index.html` -> `/old/`."""
    return "/" + (file.removesuffix("index.html") if file.split("/")[-1] == "index.html" else file)

"""Load a whole content folder into the content graph, or fail with every error in every file.

Reads every file under the content folder (documents, issues, jurisdictions; static files only to check
that they exist); writes nothing. Steps: find the files, read each one on its own, check the references
between them (issue and jurisdiction slugs, parents, duplicates), then build the `Site`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hub_core.outputs import GENERATED, Claim, DuplicateOutputError, OutputRegistry, fold, generated_at
from hub_model import Document, Issue, Jurisdiction, Site, build_site

from .errors import ContentError, InvalidContentError, excerpt
from .fields import SLUG, Ref, suggest
from .files import check_files
from .jobs import Job, read_all
from .reader import ReadResult, state_jurisdictions
from .schemas import DOC_TYPES
from .settings import HubSettings

ISSUES_FOLDER = "issues"
JURISDICTIONS_FOLDER = "jurisdictions"
STATIC_FOLDERS = ("images", "files")
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


@dataclass
class Collected:
    issues: list[Issue] = field(default_factory=list)
    jurisdictions: list[Jurisdiction] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    refs: dict[str, list[Ref]] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)

    def take(self, result: ReadResult, into: list) -> None:
        into.extend(result.records)
        self.errors.extend(result.errors)
        if result.refs:
            self.refs.setdefault(result.path, []).extend(result.refs)


def load_site(
    root: Path, settings: HubSettings, cache_file: Path | None = None, today: dt.date | None = None
) -> Site:
    """Read, validate and cross-link the content folder; raise InvalidContentError listing every problem.

    With `cache_file`, files unchanged since the last run are not read again (see jobs.py). Drafts and
    documents dated after `today` are left out unless the settings ask for them (local preview).
    """
    found = collect(root, cache_file)
    check_references(found)
    if found.errors:
        raise InvalidContentError(found.errors)
    today = today or dt.date.today()
    documents = [
        d
        for d in found.documents
        if (settings.drafts or not d.is_draft) and (settings.scheduled or not d.is_scheduled(today))
    ]
    jurisdictions = state_jurisdictions() + found.jurisdictions
    return build_site(DOC_TYPES, found.issues, jurisdictions, documents)


def collect(root: Path, cache_file: Path | None = None) -> Collected:
    """Read every source file (in parallel, or from the cache); errors are gathered, never raised."""
    found = Collected()
    if not root.is_dir():
        found.errors.append(ContentError(str(root), 1, "the content folder does not exist"))
        return found
    checked = check_files(root, STATIC_FOLDERS)
    found.errors.extend(checked.errors)
    if checked.unsafe:  # a link out of the folder or a FIFO: reading on could follow or block on it
        return found
    found.errors.extend(_misplaced(root))
    jobs = [Job("issue", p) for p in _sources(root / ISSUES_FOLDER, ".md", found.errors)]
    jobs += [Job("jurisdictions", p) for p in _sources(root / JURISDICTIONS_FOLDER, ".yaml", found.errors)]
    for doc_type in DOC_TYPES:
        jobs += [Job(doc_type.name, p) for p in _sources(root / doc_type.folder, ".md", found.errors)]
    targets: dict[str, list[Any]] = {"issue": found.issues, "jurisdictions": found.jurisdictions}
    for job, result in zip(jobs, read_all(root, jobs, cache_file), strict=True):
        found.take(result, targets.get(job.kind, found.documents))
    return found


def _sources(folder: Path, suffix: str, errors: list[ContentError]) -> Iterator[Path]:
    """The source files of one folder, sorted; anything else in it is reported, never skipped."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            errors.extend(
                ContentError(
                    str(p),
                    1,
                    f"documents go directly in {folder.name}/, not in a subfolder: "
                    f"move it to {folder.name}/{p.name}",
                )
                for p in sorted(path.rglob("*" + suffix))
            )
        elif path.suffix != suffix:
            errors.append(
                ContentError(
                    str(path),
                    1,
                    f"only {suffix} files belong in {folder.name}/: "
                    f"rename it to {path.stem}{suffix} or move it",
                )
            )
        elif not SLUG.match(path.stem):
            slug = "-".join("".join(c if c.isalnum() else " " for c in path.stem.lower()).split())
            errors.append(
                ContentError(
                    str(path),
                    1,
                    f"the file name '{path.name}' is not a valid slug: "
                    f"rename it to '{slug or 'name'}{suffix}' (lowercase a-z, 0-9 "
                    "and '-')",
                )
            )
        elif len(path.stem) > MAX_NAME:
            errors.append(
                ContentError(
                    str(path),
                    1,
                    f"the file name is {len(path.stem)} characters long, and it becomes the page's address: "
                    f"shorten it to at most {MAX_NAME} characters",
                )
            )
        else:
            yield path


def _misplaced(root: Path) -> Iterator[ContentError]:
    """Markdown files outside the known folders would be silently dropped: report them instead."""
    known = {ISSUES_FOLDER, JURISDICTIONS_FOLDER, *STATIC_FOLDERS, *(t.folder for t in DOC_TYPES)}
    folders = ", ".join(f"{t.folder}/" for t in DOC_TYPES)
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in known:
            continue
        candidates = sorted(path.rglob("*.md")) if path.is_dir() else [path] if path.suffix == ".md" else []
        for md in candidates:
            hint = suggest(path.name, known) if path.is_dir() else ""
            yield ContentError(
                str(md), 1, f"this file is not in a content folder{hint}: move it to one of {folders}"
            )


def check_references(found: Collected) -> None:
    """Every issue and jurisdiction slug must exist; slugs must be unique; parents must nest; old
    addresses must be well formed and lie off every path the site writes (outputs.GENERATED)."""
    issues = {i.slug for i in found.issues}
    jurisdictions = _unique_jurisdictions(found)
    _unique_documents(found)
    taken = _taken_addresses(found)
    for path, refs in sorted(found.refs.items()):
        listed: set[str] = set()
        for ref in refs:
            if ref.kind == "alias":
                if ref.slug in listed:  # the field itself reports an entry given twice
                    continue
                listed.add(ref.slug)
                problem = (
                    _alias_problem(ref.slug)
                    or _alias_clash(path, ref.slug, taken)
                    or _alias_type_problem(ref.slug)
                )
                if problem:
                    found.errors.append(ContentError(path, ref.line, problem))
                continue
            known = issues if ref.kind == "issue" else jurisdictions
            if ref.slug not in known:
                found.errors.append(ContentError(path, ref.line, _unknown(ref, known)))
    _check_parents(found, jurisdictions)


def alias_file(alias: str) -> str:
    """The file a redirect at that address is written to: `/old/` -> `old/index.html`."""
    path = alias.lstrip("/")
    return path + "index.html" if not path or path.endswith("/") else path


SITE_ITSELF = "the site itself"
PAGE_SUFFIXES = frozenset({"html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cfm"})
"""Extensions an old address may end in: the pages of the sites the hub replaces."""
_DOCUMENT = "document"  # the writer name of a document's folder in the check's registry
_ALIAS = "alias"


def _taken_addresses(found: Collected) -> OutputRegistry:
    """Every document's folder (its page, downloads, map and history live there), claimed by its file,
    so that each old address is claimed in turn against them and against the other old addresses."""
    taken = OutputRegistry()
    for doc in found.documents:
        with contextlib.suppress(DuplicateOutputError):  # two documents, one slug: _unique_documents
            taken.claim(doc.url, _DOCUMENT, doc.source, anywhere=True)
    return taken


def _alias_problem(alias: str) -> str | None:
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


def _alias_clash(path: str, alias: str, taken: OutputRegistry) -> str | None:
    file = alias_file(alias)
    generated = generated_at(file, TYPE_FOLDERS)
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


def _unknown(ref: Ref, known: Iterable[str]) -> str:
    hint = suggest(ref.slug, known)
    if ref.kind == "issue":
        fix = hint or f": add content/issues/{excerpt(ref.slug)}.md or use one of {', '.join(sorted(known))}"
    else:
        fix = (
            hint or f": add it to content/jurisdictions/<state>.yaml or use a state code like {ref.slug[-2:]}"
        )
    return f"unknown {ref.kind} '{excerpt(ref.slug)}' in '{ref.label}'{fix}"


def _unique_jurisdictions(found: Collected) -> dict[str, Jurisdiction]:
    seen = {j.slug: j for j in state_jurisdictions()}
    for j in found.jurisdictions:
        first = seen.get(j.slug)
        if first is None:
            seen[j.slug] = j
        elif first.is_state:
            found.errors.append(
                ContentError(
                    j.source,
                    j.line,
                    f"'{j.slug}' is the built-in slug of {first.name}: give this jurisdiction another slug",
                )
            )
        else:
            found.errors.append(
                ContentError(
                    j.source,
                    j.line,
                    f"duplicate jurisdiction slug '{j.slug}' "
                    f"(also {first.source}:{first.line}): slugs must be unique",
                )
            )
    return seen


def _unique_documents(found: Collected) -> None:
    seen: dict[str, Document] = {}
    for doc in found.documents:
        generated = generated_at(doc.url.rstrip("/"), TYPE_FOLDERS)
        if generated is not None or (not doc.type.url_prefix and doc.slug in RESERVED_PAGE_SLUGS):
            what = f" ({generated.what})" if generated else ""
            kind = "page slug" if not doc.type.url_prefix else "slug"
            found.errors.append(
                ContentError(
                    doc.source,
                    1,
                    f"the {kind} '{doc.slug}' is used by the site itself{what}: rename the file",
                )
            )
        first = seen.setdefault(doc.slug, doc)
        if first is not doc:
            found.errors.append(
                ContentError(
                    doc.source,
                    1,
                    f"duplicate slug '{doc.slug}': {first.source} has the same file name; rename one",
                )
            )


def _check_parents(found: Collected, jurisdictions: dict[str, Jurisdiction]) -> None:
    """A parent must exist, lie in the same state, and never lead back to the jurisdiction itself."""
    for j in found.jurisdictions:
        parent = jurisdictions.get(j.parent or j.state)
        if parent is None:
            continue  # reported as an unknown reference
        if parent.state != j.state:
            found.errors.append(
                ContentError(
                    j.source,
                    j.line,
                    f"'{j.slug}' has parent '{parent.slug}' in another state ({parent.state})",
                )
            )
            continue
        seen, current = {j.slug}, parent
        while not current.is_state:
            if current.slug in seen:
                found.errors.append(
                    ContentError(
                        j.source,
                        j.line,
                        f"the parents of '{j.slug}' lead back to itself: fix the 'parent' fields",
                    )
                )
                break
            seen.add(current.slug)
            following = jurisdictions.get(current.parent or current.state)
            if following is None:
                break
            current = following

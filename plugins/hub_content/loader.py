"""Load a whole content folder into the content graph, or fail with every error in every file.

Reads every file under the content folder (documents, issues, jurisdictions; static files only to check
that they exist); writes nothing. Steps: find the files, read each one on its own, check the references
between them (issue and jurisdiction slugs, parents, duplicates), then build the `Site`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hub_model import Document, Issue, Jurisdiction, Site, build_site

from .errors import ContentError, InvalidContentError, excerpt
from .fields import SLUG, Ref, suggest
from .jobs import Job, read_all
from .reader import ReadResult, state_jurisdictions
from .schemas import DOC_TYPES
from .settings import HubSettings

ISSUES_FOLDER = "issues"
JURISDICTIONS_FOLDER = "jurisdictions"
STATIC_FOLDERS = ("images", "files")
# Top-level URL paths the site itself uses: a page with one of these slugs would overwrite them.
RESERVED_PAGE_SLUGS = frozenset(
    {"issues", "jurisdictions", "search", "api", "feeds", "theme", "page", "pagefind", "index", "404"}
    | set(STATIC_FOLDERS)
    | {t.url_prefix for t in DOC_TYPES if t.url_prefix}
)


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
    found.errors.extend(_misplaced(root))
    jobs = [Job("issue", p) for p in _sources(root / ISSUES_FOLDER, ".md", found.errors)]
    jobs += [Job("jurisdictions", p) for p in _sources(root / JURISDICTIONS_FOLDER, ".yaml", found.errors)]
    for doc_type in DOC_TYPES:
        jobs += [Job(doc_type.name, p) for p in _sources(root / doc_type.folder, ".md", found.errors)]
    targets = {"issue": found.issues, "jurisdictions": found.jurisdictions}
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
    """Every issue and jurisdiction slug must exist; slugs must be unique; parents must nest."""
    issues = {i.slug for i in found.issues}
    jurisdictions = _unique_jurisdictions(found)
    _unique_documents(found)
    aliases = _taken_addresses(found)
    for path, refs in sorted(found.refs.items()):
        for ref in refs:
            if ref.kind == "alias":
                _alias_clash(path, ref, aliases, found)
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


def _taken_addresses(found: Collected) -> dict[str, str]:
    """Where each page of the site lives, by output file, so an alias can be checked against them."""
    taken = {alias_file("/" + d.url): d.source for d in found.documents}
    site_pages = ["/", "/404.html", *(f"/{name}/" for name in RESERVED_PAGE_SLUGS)]
    site_pages += [f"/issues/{i.slug}/" for i in found.issues]
    site_pages += [f"/jurisdictions/{j.slug}/" for j in (*state_jurisdictions(), *found.jurisdictions)]
    taken.update((alias_file(page), SITE_ITSELF) for page in site_pages)
    return taken


def _alias_clash(path: str, ref: Ref, taken: dict[str, str], found: Collected) -> None:
    first = taken.setdefault(alias_file(ref.slug), path)
    if first != path:
        owner = first
        found.errors.append(
            ContentError(
                path,
                ref.line,
                f"the old address {excerpt(ref.slug)} is already used by {owner}: remove it from 'aliases'",
            )
        )


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
        if not doc.type.url_prefix and doc.slug in RESERVED_PAGE_SLUGS:
            found.errors.append(
                ContentError(
                    doc.source, 1, f"the page slug '{doc.slug}' is used by the site itself: rename the file"
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

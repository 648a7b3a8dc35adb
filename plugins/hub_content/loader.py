"""Load a whole content folder into the content graph, or fail with every error in every file.

Reads every file under the content folder (documents, issues, jurisdictions, preemption laws, enacted
texts; static files
only to check that they exist); writes nothing. Steps: find the files, read each one on its own, check the
references between them (issue and jurisdiction slugs, parents, duplicates; old addresses in
addresses.py), then build the `Site`. Warnings (an adopted entry without a source) are kept beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hub_core.outputs import generated_at
from hub_model import (
    STATES,
    Digest,
    Document,
    Issue,
    Jurisdiction,
    Partner,
    PersonProfile,
    Preemption,
    Site,
    build_site,
)

from .addresses import MAX_NAME, RESERVED_PAGE_SLUGS, TYPE_FOLDERS, alias_problem, claim_documents
from .builtin import county, county_rows, extended, state_jurisdictions
from .digests import FOLDER as DIGESTS_FOLDER
from .errors import ContentError, InvalidContentError, excerpt
from .events import recording_warnings
from .fields import SLUG, Ref, suggest
from .files import check_files
from .jobs import Job, read_all
from .linking import duplicate_partner_names, unknown_named, with_people
from .people import PARTNERS_FOLDER, PEOPLE_FOLDER, one_language
from .preemption import FOLDER as PREEMPTION_FOLDER
from .reader import ReadResult
from .schemas import DOC_TYPES, ENACTED_FOLDER
from .settings import HubSettings
from .translations import Translation, language_errors, pair, translation_name

ISSUES_FOLDER = "issues"
JURISDICTIONS_FOLDER = "jurisdictions"
STATIC_FOLDERS = ("images", "files")
MAKE_NEW = "make new TYPE=jurisdiction"
MAX_SUGGESTED = 40  # characters of an unknown slug the `make new` suggestion may spell out again


@dataclass
class Collected:
    issues: list[Issue] = field(default_factory=list)
    jurisdictions: list[Jurisdiction] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    preemptions: list[Preemption] = field(default_factory=list)
    digests: list[Digest] = field(default_factory=list)
    people: list[PersonProfile] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    translations: list[Translation] = field(default_factory=list)
    files: dict[str, set[str]] = field(default_factory=dict)
    """The slugs of the person and partner files found, read well or not: a file with an error of its own
    is reported once, not again at every reference to it."""
    refs: dict[str, list[Ref]] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)

    def take(self, result: ReadResult, into: list) -> None:
        for record in result.records:
            (self.translations if isinstance(record, Translation) else into).append(record)
        self.errors.extend(result.errors)
        self.warnings.extend(result.warnings)
        if result.refs:
            self.refs.setdefault(result.path, []).extend(result.refs)


@dataclass(frozen=True)
class Loaded:
    """A valid content folder's graph, and the warnings found on the way (sorted by file and line)."""

    site: Site
    warnings: tuple[ContentError, ...] = ()


def load_site(
    root: Path, settings: HubSettings, cache_file: Path | None = None, today: dt.date | None = None
) -> Site:
    """Read, validate and cross-link the content folder; raise InvalidContentError listing every problem.

    With `cache_file`, files unchanged since the last run are not read again (see jobs.py). Drafts and
    documents dated after `today` are left out unless the settings ask for them (local preview).
    """
    return load(root, settings, cache_file, today).site


def load(
    root: Path,
    settings: HubSettings,
    cache_file: Path | None = None,
    today: dt.date | None = None,
    *,
    strict: bool = False,
    languages: tuple[str, ...] = (),
) -> Loaded:
    """As `load_site`, keeping the warnings; with `strict`, every warning is an error too.

    `languages` are the site's languages, its own first (`hub_core.settings.languages_of`); translations
    in any other are errors. Without them, only the content's own rules are checked: each translation
    must still have its original, and every language it is in is accepted.
    """
    found = collect(root, cache_file)
    known = languages or ("", *sorted({t.lang for t in found.translations} | _languages_named(found)))
    jurisdictions = check_references(found, languages[1:])
    translations, problems = pair(found.translations, found.documents, known)
    problems += language_errors(found.issues, jurisdictions.values(), known)
    today = today or dt.date.today()
    found.warnings.extend(recording_warnings(found.documents, today))
    errors = found.errors + problems + (found.warnings if strict else [])
    if errors:
        raise InvalidContentError(errors)

    def published(d: Document) -> bool:
        return (settings.drafts or not d.is_draft) and (settings.scheduled or not d.is_scheduled(today))

    documents = [d for d in found.documents if published(d)]
    kept = {(d.type.name, d.slug) for d in documents}
    translated = [t for t in translations if published(t) and (t.type.name, t.slug) in kept]
    people = {p.slug: p for p in found.people}
    site = build_site(
        DOC_TYPES,
        found.issues,
        jurisdictions.values(),
        with_people(documents, people),
        found.preemptions,
        with_people(translated, people),
        people=found.people,
        partners=found.partners,
        digests=found.digests,
    )
    return Loaded(site, tuple(sorted(set(found.warnings))))


def _languages_named(found: Collected) -> set[str]:
    named = {t.lang for issue in found.issues for t in issue.translations}
    return named | {lang for j in found.jurisdictions for lang, _ in j.names}


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
    jobs += [Job("preemption", p) for p in _sources(root / PREEMPTION_FOLDER, ".yaml", found.errors)]
    jobs += [Job("digest", p) for p in _sources(root / DIGESTS_FOLDER, ".yaml", found.errors)]
    jobs += [Job("enacted", p) for p in _sources(root / ENACTED_FOLDER, ".md", found.errors)]
    for kind, name in (("person", PEOPLE_FOLDER), ("partner", PARTNERS_FOLDER)):
        found_here = _sources(root / name, ".md", found.errors, translated=True)
        jobs += [Job(kind, p) for p in one_language(found_here, found.errors)]
    for doc_type in DOC_TYPES:
        folder = root / doc_type.folder
        jobs += [Job(doc_type.name, p) for p in _sources(folder, ".md", found.errors, translated=True)]
    found.files = {kind: {j.path.stem for j in jobs if j.kind == kind} for kind in ("person", "partner")}
    targets: dict[str, list[Any]] = {
        "issue": found.issues,
        "jurisdictions": found.jurisdictions,
        "preemption": found.preemptions,
        "digest": found.digests,
        "enacted": [],
        "person": found.people,
        "partner": found.partners,
    }
    for job, result in zip(jobs, read_all(root, jobs, cache_file), strict=True):
        found.take(result, targets.get(job.kind, found.documents))
    return found


def _sources(
    folder: Path, suffix: str, errors: list[ContentError], *, translated: bool = False
) -> Iterator[Path]:
    """The source files of one folder, sorted; anything else in it is reported, never skipped. In a
    folder of documents (`translated`), `<slug>.<lang>.md` is a translation's file."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        name = translation_name(path.stem) if translated and path.suffix == suffix else None
        checked = path.with_name(name[0] + suffix) if name and not path.is_dir() else path
        problems = _not_a_source(folder, checked, suffix)
        if problems:
            errors.extend(problems)
        else:
            yield path


def _not_a_source(folder: Path, path: Path, suffix: str) -> list[ContentError]:
    """Why an entry of a source folder is no source file (a subfolder, another type, a bad name); or none."""
    if path.is_dir():
        return [
            ContentError(
                str(p),
                1,
                f"documents go directly in {folder.name}/, not in a subfolder: "
                f"move it to {folder.name}/{p.name}",
            )
            for p in sorted(path.rglob("*" + suffix))
        ]
    if path.suffix != suffix:
        return [
            ContentError(
                str(path),
                1,
                f"only {suffix} files belong in {folder.name}/: rename it to {path.stem}{suffix} or move it",
            )
        ]
    if not SLUG.match(path.stem):
        slug = "-".join("".join(c if c.isalnum() else " " for c in path.stem.lower()).split())
        return [
            ContentError(
                str(path),
                1,
                f"the file name '{path.name}' is not a valid slug: "
                f"rename it to '{slug or 'name'}{suffix}' (lowercase a-z, 0-9 and '-')",
            )
        ]
    if len(path.stem) > MAX_NAME:
        return [
            ContentError(
                str(path),
                1,
                f"the file name is {len(path.stem)} characters long, and it becomes the page's address: "
                f"shorten it to at most {MAX_NAME} characters",
            )
        ]
    return []


def _misplaced(root: Path) -> Iterator[ContentError]:
    """Markdown files outside the known folders would be silently dropped: report them instead."""
    known = {
        ISSUES_FOLDER,
        JURISDICTIONS_FOLDER,
        PREEMPTION_FOLDER,
        DIGESTS_FOLDER,
        ENACTED_FOLDER,
        PEOPLE_FOLDER,
        PARTNERS_FOLDER,
        *STATIC_FOLDERS,
        *(t.folder for t in DOC_TYPES),
    }
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


def check_references(found: Collected, languages: tuple[str, ...] = ()) -> dict[str, Jurisdiction]:
    """Every issue and jurisdiction slug must exist; slugs must be unique; parents must nest; old
    addresses must be well formed and lie off every path the site writes (outputs.GENERATED), the
    folders of the other `languages` the site is published in included.

    Returns every jurisdiction by slug: the states, the built-in counties the content names or extends,
    and the files' own."""
    issues = {i.slug for i in found.issues}
    counties = county_rows()
    jurisdictions = _unique_jurisdictions(found, counties)
    _unique_documents(found, languages)
    found.errors.extend(duplicate_partner_names(found.partners))
    named = found.files
    taken = claim_documents(found.documents)
    for path, refs in sorted(found.refs.items()):
        listed: set[str] = set()
        for ref in refs:
            if ref.kind == "alias":
                if ref.slug in listed:  # the field itself reports an entry given twice
                    continue
                listed.add(ref.slug)
                problem = alias_problem(path, ref.slug, taken, languages)
                if problem:
                    found.errors.append(ContentError(path, ref.line, problem))
                continue
            if ref.kind in named:
                if ref.slug not in named[ref.kind]:
                    found.errors.append(ContentError(path, ref.line, unknown_named(ref, named[ref.kind])))
                continue
            if ref.kind != "issue" and ref.slug not in jurisdictions and ref.slug in counties:
                jurisdictions[ref.slug] = county(counties[ref.slug])  # a built-in county, named here
            known = issues if ref.kind == "issue" else jurisdictions
            if ref.slug not in known:
                names = known if ref.kind == "issue" else [*jurisdictions, *_same_state(ref.slug, counties)]
                found.errors.append(ContentError(path, ref.line, _unknown(ref, names)))
    _check_parents(found, jurisdictions)
    found.warnings.extend(_without_coordinates(jurisdictions.values()))
    return jurisdictions


def _without_coordinates(jurisdictions: Iterable[Jurisdiction]) -> Iterator[ContentError]:
    """A file's place without coordinates would be missing from every map without a word: say so."""
    for j in jurisdictions:
        if j.source and j.lat is None and not j.is_state:
            yield ContentError(
                j.source,
                j.line,
                f"'{j.slug}' has no coordinates, so maps only name it below the map: "
                "add lat: and lon: in decimal degrees, like lat: 35.99 and lon: -78.90",
            )


def _same_state(slug: str, counties: dict[str, list[str]]) -> list[str]:
    """The built-in counties of the state a slug ends with: the likely meant ones, and few enough (at most
    254, in Texas) that suggesting one for each of many unknown slugs stays quick."""
    state = slug.rpartition("-")[2]
    return [s for s, row in counties.items() if row[4] == state] if state in STATES else []


def _unknown(ref: Ref, known: Iterable[str]) -> str:
    hint = suggest(ref.slug, known)
    if ref.kind == "issue":
        fix = hint or f": add content/issues/{excerpt(ref.slug)}.md or use one of {', '.join(sorted(known))}"
    else:
        instead, command = _make_new(ref.slug)
        fix = f": add it with {command}, or use {instead}"
        if hint:  # most likely a typo, but it may be a place the hub does not know yet
            fix = f"{hint}: for a new place, run {command}"
    return f"unknown {ref.kind} '{excerpt(ref.slug)}' in '{ref.label}'{fix}"


def _make_new(slug: str) -> tuple[str, str]:
    """A state code to use instead, and the `make new` command that adds the jurisdiction `slug`.

    A short slug ending in a state's code (`carrboro-nc`) gives the command's STATE and a NAME that makes
    that very slug; any other gets placeholders, so the message never repeats a long slug twice.
    """
    name, _, state = slug.rpartition("-")
    if name and state in STATES and len(slug) <= MAX_SUGGESTED:
        title = name.replace("-", " ").title()
        return f"the state's code, {state}", f'{MAKE_NEW} STATE={state} NAME="{title}" KIND=<kind>'
    return "a state code like nc", f"{MAKE_NEW} STATE=<state> NAME=<name> KIND=<kind>"


def _unique_jurisdictions(found: Collected, counties: dict[str, list[str]]) -> dict[str, Jurisdiction]:
    """The states, then each file's entries: an entry may extend a built-in county of its own state
    (builtin.extended), or stand for its own state to give the state's population (reader.py lets only
    such a state entry through); no slug may be given twice in the files."""
    seen = {j.slug: j for j in state_jurisdictions()}
    for j in found.jurisdictions:
        first = seen.get(j.slug)
        builtin = county(counties[j.slug]) if first is None and j.slug in counties else first
        if builtin is None:
            seen[j.slug] = j
        elif builtin.source:
            found.errors.append(
                ContentError(
                    j.source,
                    j.line,
                    f"duplicate jurisdiction slug '{j.slug}' "
                    f"(also {builtin.source}:{builtin.line}): slugs must be unique",
                )
            )
        elif builtin.is_state and j.is_state:  # the state's own file gives its population
            seen[j.slug] = j
        elif builtin.is_state or builtin.state != j.state:
            found.errors.append(ContentError(j.source, j.line, _builtin_taken(builtin)))
        else:
            seen[j.slug] = extended(builtin, j)
    return seen


def _builtin_taken(builtin: Jurisdiction) -> str:
    where = "" if builtin.is_state else f" in {STATES[builtin.state]}"
    return (
        f"'{builtin.slug}' is the built-in slug of {builtin.name}{where}: give this jurisdiction another slug"
    )


def _unique_documents(found: Collected, languages: tuple[str, ...] = ()) -> None:
    seen: dict[str, Document] = {}
    for doc in found.documents:
        generated = generated_at(doc.url.rstrip("/"), TYPE_FOLDERS, languages)
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

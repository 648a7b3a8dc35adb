"""The hub's command line: `python -m hub_build build|check|serve|new|devserver` (the Makefile calls it).

build: validate, generate and swap the site into the output folder, or change nothing and exit 1.
check: validate the content folder only and print every problem as `path:line: message` (or, with
  `--format github` or HUB_CHECK_FORMAT=github, as GitHub Actions annotations); warnings are printed
  and exit 0, unless `--strict` makes them errors (the publish workflow checks with it). A document
  changed in git after its `updated` date is a warning too (hub_history/freshness.py), and so are
  settings that give readers no way to reach the network (hub_core/contact.py).
serve: serve a built output folder on localhost.
new: start a document (or issue) from its type's fields, or add a jurisdiction to a state's file.
devserver: build, serve on localhost, rebuild on every save and reload the browser.
digest: write a newsletter digest's email (HTML and plain text) and its record for the site's archive.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
from pathlib import Path

from hub_content import HubSettings, InvalidContentError, SettingsError, load
from hub_content.errors import ContentError, summary_line
from hub_content.jobs import cache_file
from hub_core.settings import Settings
from hub_model import Site

from .scaffold import TYPES as NEW_TYPES

CHECK_FORMATS = ("text", "github")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hub_build", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    _build_options(commands.add_parser("build", help="build the site into the output folder"))
    _check_options(commands.add_parser("check", help="validate the settings and the content folder"))
    _serve_options(commands.add_parser("serve", help="serve the output folder on localhost"))
    _new_options(
        commands.add_parser(
            "new",
            help="start a new document, or add a jurisdiction",
            description="Start a new document (ordinance, brief, story, news, page) or issue with --title, "
            "a person or partner with --name, "
            "or add a jurisdiction with --state, --name and --kind (and --parent).",
        )
    )
    _devserver_options(
        commands.add_parser(
            "devserver", help="build, serve on localhost, rebuild on every save and reload the browser"
        )
    )
    _session_options(
        commands.add_parser("session", help="the devserver's build process (reads requests on stdin)")
    )
    _digest_options(
        commands.add_parser(
            "digest",
            help="write a newsletter digest of what was published in a window of dates",
            description="Write the email of a digest (mail/<name>.html and .txt) and its record in "
            "<content>/digests/ for the site's archive. Sends nothing.",
        )
    )
    return parser


def _build_options(build: argparse.ArgumentParser) -> None:
    build.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    build.add_argument("-i", "--input", type=Path, default=Path("content"))
    build.add_argument("-o", "--output", type=Path, default=Path("output"))
    build.add_argument("--cache", type=Path, help="cache folder (default: the settings' CACHE_PATH)")
    build.add_argument(
        "--errors-json", type=Path, help="on failure, also write the errors as JSON to this file (for tools)"
    )
    build.set_defaults(run=_build)


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("-i", "--input", type=Path, default=Path("content"))
    check.add_argument(
        "-s",
        "--settings",
        type=Path,
        help="the settings file whose hub settings are checked too (default: pelicanconf.py, if any)",
    )
    check.add_argument(
        "--format",
        choices=CHECK_FORMATS,
        default=os.environ.get("HUB_CHECK_FORMAT") or "text",
        help="text: path:line: message (default); github: GitHub Actions annotations "
        "(the default when HUB_CHECK_FORMAT=github)",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        default=os.environ.get("HUB_CHECK_STRICT", "") not in ("", "0"),
        help="treat warnings (an adopted entry without a source url) as errors, as publishing does "
        "(the default when HUB_CHECK_STRICT=1)",
    )
    check.set_defaults(run=_check)


def _serve_options(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("-o", "--output", type=Path, default=Path("output"))
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)


def _new_options(new: argparse.ArgumentParser) -> None:
    new.add_argument("type", metavar="TYPE", help=", ".join(NEW_TYPES))
    new.add_argument("-i", "--input", type=Path, default=Path("content"))
    new.add_argument("--title", default="", help="the document's title (the file name comes from it)")
    new.add_argument("--state", default="", help="jurisdiction: the state's postal code, like nc")
    new.add_argument("--name", default="", help="jurisdiction, person or partner: its name")
    new.add_argument("--kind", default="", help="jurisdiction: city, town, county...")
    new.add_argument("--parent", default="", help="jurisdiction: the enclosing one's slug (optional)")
    new.add_argument("--slug", default="", help="jurisdiction: an existing place, to give it --parent")
    new.add_argument(
        "-s", "--settings", type=Path, default=Path("pelicanconf.py"), help="for TIMEZONE (today's date)"
    )
    new.set_defaults(run=_new)


def _devserver_options(dev: argparse.ArgumentParser) -> None:
    dev.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    dev.add_argument("-i", "--input", type=Path, default=Path("content"))
    dev.add_argument("-o", "--output", type=Path, default=Path("output"))
    dev.add_argument("--port", type=int, default=8000, help="port on localhost (0 picks a free one)")
    dev.add_argument("--cache", type=Path, help="cache folder for the builds")
    dev.set_defaults(run=_devserver)


def _session_options(session: argparse.ArgumentParser) -> None:
    session.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    session.add_argument("-i", "--input", type=Path, default=Path("content"))
    session.add_argument("-o", "--output", type=Path, default=Path("output"))
    session.add_argument("--cache", type=Path, help="cache folder for the builds")
    session.set_defaults(run=_session)


def _session(args: argparse.Namespace) -> int:
    from .session import run

    return run(args.settings, args.input, args.output, args.cache)


def _digest_options(digest: argparse.ArgumentParser) -> None:
    digest.add_argument("--since", default="", help="the first day it covers, YYYY-MM-DD")
    digest.add_argument("--until", default="", help="the last day it covers, YYYY-MM-DD (default: today)")
    digest.add_argument("--issue", default="", help="keep to one issue (its slug); all issues by default")
    digest.add_argument("--lang", default="", help="one of the site's languages (default: the site's own)")
    digest.add_argument(
        "-s", "--settings", type=Path, default=Path("publishconf.py"), help="needs an absolute SITEURL"
    )
    digest.add_argument("-i", "--input", type=Path, default=Path("content"))
    digest.add_argument("-o", "--output", type=Path, default=Path("mail"), help="where the email goes")
    digest.add_argument("--no-record", action="store_true", help="leave the site's archive as it is")
    digest.set_defaults(run=_digest)


def _digest(args: argparse.Namespace) -> int:
    from hub_digest.command import DigestError, Request, day, make_digest, required_day

    try:
        values = _settings_values(args.settings)
    except Exception as exc:  # the settings file itself does not run: say so, without a traceback
        problem = f"{type(exc).__name__}: {exc}"
        print(f"{args.settings}: the settings file cannot be read: {problem}", file=sys.stderr)
        return 1
    try:
        request = Request(
            since=required_day(args.since, "SINCE"),
            until=day(args.until, "UNTIL"),
            issue=args.issue.strip() or None,
            lang=args.lang.strip() or None,
            content=args.input,
            out=args.output,
            record=not args.no_record,
        )
        written = make_digest(values, request, str(args.settings))
    except (DigestError, SettingsError) as exc:
        print(f"nothing was written: {exc}", file=sys.stderr)
        return 1
    except InvalidContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    count = written.selection.count
    print(f"wrote {written.html} and {written.text} ({count} item{'s' if count != 1 else ''})")
    if written.record is not None:
        print(f"next: commit {written.record}; the site lists the digest once it is published")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import BuildFailedError, build, report_failure

    try:
        pages = build(args.settings, args.input, args.output, args.cache)
    except (InvalidContentError, SettingsError, BuildFailedError) as exc:
        if args.errors_json:
            from .build import errors_json

            args.errors_json.write_text(errors_json(exc), encoding="utf-8")
        report_failure(exc, args.output)
        return 1
    # ru_maxrss is in KiB on Linux: this process alone, not Pagefind or the worker processes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"built {pages} pages into {args.output} (peak memory of the build process: {peak} MiB)")
    return 0


def _check(args: argparse.Namespace) -> int:
    if args.format not in CHECK_FORMATS:  # from HUB_CHECK_FORMAT, which argparse does not check
        print(f"unknown format '{args.format}': use one of {', '.join(CHECK_FORMATS)}", file=sys.stderr)
        return 2
    settings_ok, typed, languages = _check_settings(args.settings)
    try:
        cache = cache_file(Path("cache"), args.input)
        loaded = load(args.input, HubSettings(drafts=True), cache, strict=args.strict, languages=languages)
    except InvalidContentError as exc:
        if args.strict:  # the settings' own warnings are errors too, in the same report
            found = _contact_warnings(typed, None)
            exc.errors, exc.total = sorted([*exc.errors, *found]), exc.total + len(found)
        _print_errors(exc, args.format)
        return 1
    stale = _stale_updates(loaded.site, args.input) + _contact_warnings(typed, loaded.site)
    if stale and args.strict:
        _print_errors(InvalidContentError(stale), args.format)
        return 1
    _print_warnings(tuple(sorted(set(loaded.warnings + tuple(stale)))), args.format)
    if not settings_ok:
        return 1
    site = loaded.site
    print(f"{summary_line(0, 0)}: {len(site.documents)} documents, {len(site.issues)} issues")
    return 0


def _print_errors(exc: InvalidContentError, form: str) -> None:
    if form == "github":
        from .annotations import github_annotation

        print("\n".join(github_annotation(e) for e in exc.errors), flush=True)
    print(exc.report(), file=sys.stderr)


def _stale_updates(site: Site, content: Path) -> list[ContentError]:
    """Documents changed in git after the date they say they were updated (none outside git)."""
    from hub_history.freshness import stale_updates

    return stale_updates(site, content)


def _contact_warnings(typed: tuple[Path, Settings] | None, site: Site | None) -> list[ContentError]:
    """No way for readers to reach the network, at the settings file's HUB_CONTACT line (else line 1);
    whether a page lists the channels only when the content could be read (`site`)."""
    if typed is None:  # a content folder checked on its own
        return []
    from hub_core.contact import contact_warnings

    path, settings = typed
    pages = None if site is None else {d.slug for d in site.documents if not d.type.listed}
    found = contact_warnings(settings.contact.channels, settings.contact.page, pages)
    return [ContentError(str(path), _line_of(path, "HUB_CONTACT"), message) for message in found]


def _line_of(path: Path, name: str) -> int:
    """The line where a settings file sets `name`, or 1 (set in a file it imports, or not at all)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return next((n for n, line in enumerate(lines, 1) if re.match(rf"{name}\s*=", line)), 1)


def _print_warnings(warnings: tuple[ContentError, ...], form: str) -> None:
    """Each warning as `path:line: warning: message` on stderr (and as an annotation for GitHub)."""
    if not warnings:
        return
    if form == "github":
        from .annotations import github_annotation

        print("\n".join(github_annotation(w, "warning") for w in warnings), flush=True)
    for warning in warnings:
        print(f"{warning.path_line}: warning: {warning.message}", file=sys.stderr)
    count = len(warnings)
    print(f"{count} warning{'s' if count != 1 else ''} (check --strict makes them errors)", file=sys.stderr)


def _check_settings(given: Path | None) -> tuple[bool, tuple[Path, Settings] | None, tuple[str, ...]]:
    """The hub settings of a settings file, checked as the build checks them; problems go to stderr.
    Returns whether they hold, and the site's languages (none when unknown: then every translation's
    language is accepted).

    Returns whether they passed and, when they did, the file with its typed settings (None when there is
    no file to check). The content is checked with drafts shown whatever the file says, so a draft's
    mistakes are found too.
    """
    from hub_core.settings import languages_of, read_settings
    from hub_i18n import interface_language

    path = given or Path("pelicanconf.py")
    if given is None and not path.is_file():
        return True, None, ()  # a content folder checked on its own
    try:
        values = _settings_values(path)
        typed = read_settings(values)
        interface_language(values, str(values.get("THEME", "")))  # its catalogue, read as the build reads it
    except SettingsError as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return False, None, ()
    except InvalidContentError as exc:
        print(exc.report(), file=sys.stderr)
        return False, None, ()
    except Exception as exc:  # the file itself does not run: say so, without a traceback
        print(f"{path}: the settings file cannot be read: {type(exc).__name__}: {exc}", file=sys.stderr)
        return False, None, ()
    return True, (path, typed), languages_of(values)


def _settings_values(path: Path) -> dict[str, object]:
    """A settings file's upper-case names, which are the settings, as Pelican reads them."""
    import runpy

    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    return {k: v for k, v in runpy.run_path(str(path)).items() if k.isupper()}


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.output, args.port)
    return 0


def _new(args: argparse.Namespace) -> int:
    from hub_content.fields import suggest
    from hub_content.settings import build_date

    from .reparent import set_parent
    from .scaffold import (
        DOCUMENT_TYPES,
        JURISDICTION,
        PROFILES,
        TYPES,
        NewError,
        new_document,
        new_jurisdiction,
        new_profile,
    )

    try:
        if not args.type.strip():
            raise NewError(f'say which TYPE ({", ".join(TYPES)}): make new TYPE=ordinance TITLE="..."')
        if args.type == JURISDICTION and args.slug.strip():
            if args.name.strip() or args.kind.strip():
                raise NewError(
                    "SLUG= names a place that exists, to give it a PARENT=; "
                    "leave NAME and KIND out, or leave SLUG out to add a new place"
                )
            created = set_parent(args.input, args.slug, args.parent)
        elif args.type == JURISDICTION:
            missing = [f"{o.upper()}=" for o in ("state", "name", "kind") if not getattr(args, o).strip()]
            if missing:
                raise NewError(
                    f"give the jurisdiction's {', '.join(missing)}: make new TYPE=jurisdiction STATE=nc "
                    "NAME=Carrboro KIND=town (PARENT=orange-county-nc is optional)"
                )
            created = new_jurisdiction(args.input, args.state, args.name, args.kind, args.parent or None)
        elif args.type in PROFILES:
            created = new_profile(args.input, args.type, args.name or args.title)
        elif args.type in DOCUMENT_TYPES:
            today = build_date({"TIMEZONE": _timezone(args.settings)})
            created = new_document(args.input, args.type, args.title, today)
        else:
            raise NewError(
                f"unknown type '{args.type}'{suggest(args.type, TYPES)}: use one of {', '.join(TYPES)}"
            )
    except NewError as exc:
        print(f"nothing was written: {exc}", file=sys.stderr)
        return 1
    print(created.what)
    print(f"next: {created.next_step}")
    return 0


def _timezone(settings: Path) -> str:
    """The TIMEZONE of a settings file, so "today" is the site's day; UTC without one."""
    if not settings.is_file():
        return "UTC"
    import runpy

    return str(runpy.run_path(str(settings)).get("TIMEZONE") or "UTC")


def _devserver(args: argparse.Namespace) -> int:
    from .devserver import devserver

    return devserver(args.settings, args.input, args.output, args.port, args.cache)


if __name__ == "__main__":
    sys.exit(main())

"""The hub's command line: `python -m hub_build build|check|serve` (the Makefile's targets call it).

build: validate, generate and swap the site into the output folder, or change nothing and exit 1.
check: validate the content folder only and print every problem as `path:line: message`.
serve: serve a built output folder on localhost.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub_content import HubSettings, InvalidContentError, SettingsError, load_site
from hub_content.errors import summary_line
from hub_content.jobs import cache_file


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hub_build", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    build = commands.add_parser("build", help="build the site into the output folder")
    build.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    build.add_argument("-i", "--input", type=Path, default=Path("content"))
    build.add_argument("-o", "--output", type=Path, default=Path("output"))
    build.add_argument("--cache", type=Path, help="cache folder (default: the settings' CACHE_PATH)")
    build.set_defaults(run=_build)
    check = commands.add_parser("check", help="validate the content folder only")
    check.add_argument("-i", "--input", type=Path, default=Path("content"))
    check.set_defaults(run=_check)
    serve = commands.add_parser("serve", help="serve the output folder on localhost")
    serve.add_argument("-o", "--output", type=Path, default=Path("output"))
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=_serve)
    return parser


def _build(args: argparse.Namespace) -> int:
    from .build import BuildFailedError, build, report_failure

    try:
        pages = build(args.settings, args.input, args.output, args.cache)
    except (InvalidContentError, SettingsError, BuildFailedError) as exc:
        report_failure(exc, args.output)
        return 1
    print(f"built {pages} pages into {args.output}")
    return 0


def _check(args: argparse.Namespace) -> int:
    try:
        site = load_site(args.input, HubSettings(drafts=True), cache_file(Path("cache"), args.input))
    except InvalidContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"{summary_line(0, 0)}: {len(site.documents)} documents, {len(site.issues)} issues")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.output, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())

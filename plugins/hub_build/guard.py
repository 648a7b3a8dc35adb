"""What a build may replace and what may be deleted: only sites the hub built, never what it reads.

A build replaces its output folder whole, so a wrong OUTPUTDIR would delete whatever was there. This
module refuses, before anything is touched, an output folder that is the filesystem's root, the home
folder or one holding it, a file, the content folder (or one holding it or inside it), the project or the
current folder (or one holding them), a version-control repository, or a non-empty
folder without the `.hub-site` marker every hub build writes at the top of its site.

Reads folder listings only. Writes the marker (`mark_site`) and deletes only marked or empty folders
(`remove_site`), the marker last, so a deletion cut short still leaves a marked folder for the next build
to finish. Depends on the standard library alone: `make clean` runs it without the project's packages
(`python plugins/hub_build/guard.py clean ...`), and builds run it to delete replaced sites.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from pathlib import Path

MARKER = ".hub-site"  # declared and claimed in the build's output registry as hub_core.outputs.SITE_MARKER
# Served with the site by most hosts (it is a dotfile at the web root), so it says nothing about the
# machine, the build or its date: the same bytes in every site.
MARKER_TEXT = "This folder is a site built by the hub: the next build into it replaces all of it.\n"
REPOSITORIES = (".git", ".hg", ".svn")  # a folder (or, for git worktrees, a file) marks a repository
STAGING, OLD = "staging", "old"


class UnsafeOutputError(Exception):
    """The output folder must not be replaced; the message names it and the fix. Nothing was touched."""


def check_output(output: Path, content: Path, settings_file: Path) -> Path:
    """The output folder, resolved (symlinks and `..`), if a build may replace it; else UnsafeOutputError."""
    target = output.resolve()
    shown = str(output) if str(output) == str(target) else f"{output} (that is {target})"
    problem = _forbidden_place(target, content.resolve(), settings_file.resolve())
    if problem is None:
        problem = _forbidden_contents(target)
    if problem is not None:
        raise UnsafeOutputError(f"the output folder {shown} {problem}")
    return target


def _forbidden_place(target: Path, content: Path, settings_file: Path) -> str | None:
    """Why the folder at this place must never be replaced, whatever it holds; None if it may be."""
    home, project, here = Path.home().resolve(), settings_file.parent, Path.cwd().resolve()
    fix = "choose a new or empty folder for the site, like output"
    if target == Path(target.anchor):
        return f"is the root of the filesystem: {fix}"
    for name, folder in (("your home folder", home), ("the content folder", content)):
        if target == folder:
            return f"is {name}: a build replaces everything in its output folder and would delete it; {fix}"
        if target in folder.parents:
            return f"holds {name} {folder}: the build would delete it; {fix}"
    if content in target.parents:
        return (
            f"is inside the content folder {content}: the next build would read the site as content; "
            "choose a folder outside it"
        )
    places = (("the project folder (where the settings file is)", project), ("the current folder", here))
    for name, folder in places:
        if target == folder or target in folder.parents:
            verb = "is" if target == folder else "holds"
            return f"{verb} {name} {folder}: the build would delete it; {fix} inside it"
    existing = next(p for p in (target, *target.parents) if os.path.lexists(p))
    if not existing.is_dir():
        where = "is a file, not a folder" if existing == target else f"is inside {existing}, which is a file"
        return f"{where}: {fix}"
    return None


def _forbidden_contents(target: Path) -> str | None:
    """Why what the folder holds must not be replaced: a repository, or files of no hub build."""
    if not target.exists():
        return None
    with os.scandir(target) as entries:
        names = {entry.name for entry in entries}
    # Only the top is looked at: below it, a marked site holds what the content folder put there
    # (static files), and a `.git` among those must not stop every later build.
    repository = next((target / name for name in REPOSITORIES if name in names), None)
    if repository is not None:
        return (
            f"holds a repository ({repository}): the build replaces the whole folder and would delete it; "
            "build into a new folder and copy the site from there"
        )
    if names and not is_marked(target):
        return (
            f"is not empty and is not a site built by the hub (no {MARKER} marker): choose an empty or new "
            "folder, or delete it yourself"
        )
    return None


def is_marked(folder: Path) -> bool:
    """Whether the folder is a site (or a staging folder) a hub build wrote: it holds the marker file."""
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def mark_site(folder: Path) -> None:
    """Write the marker that lets the next build (and `make clean`) replace or delete this folder.

    Written beside and renamed over any marker already there, never into it: a build writes into no
    existing file of its staging folder, where files may be hard links into the published site.
    """
    partial = folder / f"{MARKER}.{os.getpid()}.tmp"
    partial.write_text(MARKER_TEXT, encoding="utf-8")
    os.replace(partial, folder / MARKER)


def leftovers(output: Path) -> list[Path]:
    """Staging folders and replaced sites beside the output, left by a build that was stopped."""
    found = []
    for kind in (STAGING, OLD):
        found += sorted(output.parent.glob(f".{output.name}-{kind}-*"))
    # Pagefind's working folder, made beside the staging folder (hub_search/indexer.py) and marked.
    found += sorted(output.parent.glob(f"..{output.name}-{STAGING}-*-search-*"))
    return [p for p in found if p.is_dir() and not p.is_symlink()]


def removable(folder: Path) -> bool:
    """A folder is deleted only if a hub build marked it, or it is empty (nothing to lose)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    with os.scandir(folder) as entries:
        return is_marked(folder) or next(entries, None) is None


def remove_site(folder: Path) -> bool:
    """Delete a marked (or empty) folder, its marker last; False, and nothing deleted, for any other."""
    if not removable(folder):
        return False
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                _unlink(Path(entry.path))
    _unlink(folder / MARKER)
    with contextlib.suppress(OSError):  # something was written into it meanwhile: it stays, unmarked
        folder.rmdir()
    return True


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def clean(output: Path, content: Path, settings_file: Path) -> str:
    """`make clean`: delete the built site and any leftovers beside it, after the same checks as a build."""
    target = check_output(output, content, settings_file)
    kept = [p for p in leftovers(target) if not remove_site(p)]
    if target.exists():
        remove_site(target)
    said = f"removed the site in {output}" if not target.exists() else f"could not remove all of {output}"
    for folder in kept:
        said += f"\nnote: left {folder} in place: it has no {MARKER} marker; delete it yourself if unwanted"
    return said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guard.py", description="Delete built sites, and nothing else.")
    commands = parser.add_subparsers(dest="command", required=True)
    remove = commands.add_parser("remove", help="delete a folder a hub build marked (replaced sites)")
    remove.add_argument("folder", type=Path)
    clean_ = commands.add_parser("clean", help="delete the output folder if a build may replace it")
    clean_.add_argument("-o", "--output", type=Path, default=Path("output"))
    clean_.add_argument("-i", "--input", type=Path, default=Path("content"))
    clean_.add_argument("-s", "--settings", type=Path, default=Path("pelicanconf.py"))
    args = parser.parse_args(argv)
    if args.command == "remove":
        return 0 if remove_site(args.folder) else 1
    try:
        print(clean(args.output, args.input, args.settings))
    except UnsafeOutputError as exc:
        print(f"nothing was deleted: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every entry of the content folder is a plain file or folder inside it; images/ and files/ hold only
files of the accepted types, under safe names.

Reads the directory entries of the whole content folder without following any link (`os.scandir`,
`lstat`), and the bytes of the regular files under images/ and files/ (see filetypes.py); writes
nothing. A link whose target stays inside the content folder is allowed (it is read and published as
the file it points to); a link leading out of it, a link to a folder, a loop, a dangling link, a FIFO,
socket or device, and an unreadable entry are errors. Those make the folder unsafe to read any further:
the loader then stops before opening a single source file, so nothing can follow or block on them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hub_core.outputs import fold

from .errors import ContentError, excerpt
from .filetypes import ACCEPTED, MAX_BYTES, accepted_list, content_problem

MAX_NAME = 100
# A source file (Markdown, YAML) is read whole into memory before it is parsed: refuse a huge one first.
# The longest model ordinance in the demo is about 40 KB.
MAX_SOURCE_BYTES = 2 * 2**20
# Letters, digits, '-' and '_', one dot before the extension: a second dot could make some servers run
# `x.php.pdf` as PHP, and a leading '.', '-' or '_' hides the file or clashes with generated folders.
SAFE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
REFUSED_HINTS = {
    ".svg": "SVG files can carry scripts, so they are not published: convert it to PNG",
    ".zip": "archives are not published: upload the files inside it one by one",
}


@dataclass
class FileCheck:
    errors: list[ContentError] = field(default_factory=list)
    # True when an entry could lead a reader out of the folder or block it: read nothing further.
    unsafe: bool = False


def check_files(root: Path, static_folders: Iterable[str]) -> FileCheck:
    """Check every entry under `root` (without following links) and the files of the static folders."""
    result = FileCheck()
    real_root = Path(os.path.realpath(root))
    static = frozenset(static_folders)
    published: dict[str, str] = {}  # folded path under a static folder -> the first entry's path
    for entry, top in _walk(root, static, result):
        in_static = top in static
        if in_static:
            _check_case(result, root, entry.path, published)
        if entry.is_symlink():
            _check_link(Path(entry.path), real_root, top if in_static else None, result)
        elif entry.is_dir(follow_symlinks=False):
            if in_static:
                _add(result, entry.path, 1, _name_problem(entry.name, None, top))
        elif entry.is_file(follow_symlinks=False):
            if in_static and entry.name == top and Path(entry.path).parent == root:
                _add(result, entry.path, 1, f"{top} must be a folder: rename this file")
            elif in_static:
                _check_static(result, Path(entry.path), top)
            elif not os.access(entry.path, os.R_OK):
                _unsafe(result, entry.path, "this file cannot be read (permission denied): make it readable")
            elif entry.stat(follow_symlinks=False).st_size > MAX_SOURCE_BYTES:
                _unsafe(
                    result,
                    entry.path,
                    f"the file is over {MAX_SOURCE_BYTES // 2**20} MB, more than any document needs: "
                    "split it, or move data into files/",
                )
        else:
            _unsafe(result, entry.path, _special(entry.stat(follow_symlinks=False).st_mode))
    return result


def _walk(root: Path, static: frozenset[str], result: FileCheck) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every entry under root with the name of its top-level folder; folders are entered, links never.

    Outside the static folders, names starting with '.' are passed over as the loader and Pelican do;
    inside them they are reported (see `_name_problem`). Entries whose names cannot be shown safely
    are reported once and not entered.
    """
    stack: list[tuple[str, str]] = [(str(root), "")]
    while stack:
        folder, top = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            _unsafe(result, folder, "this folder cannot be read (permission denied): make it readable")
            continue
        for entry in entries:
            entry_top = top or entry.name
            if not entry.name.isprintable():
                _unsafe(result, entry.path, "the name holds control or invalid characters: rename it")
                continue
            if entry.name.startswith(".") and entry_top not in static:
                continue
            yield entry, entry_top
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                stack.append((entry.path, entry_top))


def _check_link(link: Path, real_root: Path, static: str | None, result: FileCheck) -> None:
    """A link may stand for a regular file inside the content folder, and for nothing else."""
    target = excerpt(os.readlink(link))
    try:
        resolved = link.resolve(strict=True)
    except FileNotFoundError:
        return _unsafe(result, link, f"this is a link to '{target}', which does not exist: remove the link")
    except (RuntimeError, OSError):  # RuntimeError: a loop (Python 3.11); OSError: ELOOP and the like
        return _unsafe(result, link, "this link leads back to itself (a loop): remove the link")
    inside = resolved.is_relative_to(real_root)
    rel = resolved.relative_to(real_root).parts if inside else ()
    if not inside or any(part.startswith(".") for part in rel):
        where = "outside the content folder" if not inside else "to a hidden file"
        return _unsafe(
            result, link, f"this is a link to '{target}', {where}: replace the link with the file itself"
        )
    mode = os.stat(resolved).st_mode
    if stat.S_ISDIR(mode):
        return _unsafe(
            result, link, "this is a link to a folder: move the files into the folder itself, not a link"
        )
    if not stat.S_ISREG(mode):
        return _unsafe(result, link, _special(mode))
    if static is not None:
        _check_static(result, link, static)


def _check_static(result: FileCheck, path: Path, folder: str) -> None:
    problem = _static_file_problem(path, folder)
    if problem:
        _add(result, str(path), *problem)


def _static_file_problem(path: Path, folder: str) -> tuple[int, str] | None:
    """(line, what is wrong) for a regular file (or a link to one) under images/ or files/."""
    ext = os.path.splitext(path.name)[1]
    problem = _name_problem(path.name, ext, folder)
    if problem:
        return 1, problem
    if not os.access(path, os.R_OK):
        return 1, "this file cannot be read (permission denied): make it readable"
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return 1, f"the file is {size // 2**20} MB: files over {MAX_BYTES // 2**20} MB are not published"
        return content_problem(path, ext)
    except PermissionError:
        return 1, "this file cannot be read (permission denied): make it readable"


def _name_problem(name: str, ext: str | None, folder: str) -> str | None:
    """What is wrong with a file name (ext given) or folder name (ext None) under a static folder."""
    kind = "folder" if ext is None else "file"
    if name.startswith("."):
        return f"hidden {kind}s (name starting with '.') are never published: delete it or rename it"
    if ext is not None and ext.lower() not in ACCEPTED[folder]:
        return _refused_type(name, ext, folder)
    if ext is not None and ext != ext.lower():
        return f"the extension must be lowercase: rename it to {excerpt(name[: -len(ext)] + ext.lower())}"
    stem = name[: -len(ext)] if ext else name
    if len(name) > MAX_NAME or not SAFE_STEM.match(stem):
        words = re.sub(r"[^A-Za-z0-9_]+", " ", stem).split()
        safe = "-".join(words).lstrip("_")[: MAX_NAME - 10] or kind
        return (
            f"the {kind} name '{excerpt(name)}' is not safe on the web: rename it to '{safe}{ext or ''}' "
            f"(letters, digits, '-' and '_', at most {MAX_NAME} characters)"
        )
    return None


def _refused_type(name: str, ext: str, folder: str) -> str:
    accepted = f"{folder}/ accepts {accepted_list(folder)}"
    if not ext:
        return f"'{excerpt(name)}' has no extension: {accepted}"
    if ext.lower() in REFUSED_HINTS:
        return f"{REFUSED_HINTS[ext.lower()]} ({accepted})"
    return f"'{excerpt(ext)}' files are not published: {accepted}"


def _check_case(result: FileCheck, root: Path, path: str, published: dict[str, str]) -> None:
    """Two published names that differ only by case are one file on macOS and Windows disks, and the
    build (hub_core/outputs.py) refuses to write both: say so here, naming both."""
    relative = os.path.relpath(path, root)
    first = published.setdefault(fold(relative), relative)
    if first != relative:
        _add(
            result,
            path,
            1,
            f"this name differs from {excerpt(first)} only by upper and lower case, and many disks keep one "
            "file for both: rename one of them",
        )


def _special(mode: int) -> str:
    kind = next((what for test, what in SPECIAL_KINDS if test(mode)), "not a regular file")
    return f"this is {kind}, not a regular file: remove it"


def _unsafe(result: FileCheck, path: str | Path, message: str) -> None:
    result.unsafe = True
    _add(result, str(path), 1, message)


def _add(result: FileCheck, path: str, line: int, message: str | None) -> None:
    if message:
        result.errors.append(ContentError(_shown(path), line, message))


def _shown(path: str | Path) -> str:
    """The path with anything unprintable escaped, so a file name cannot write to the terminal."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in str(path))

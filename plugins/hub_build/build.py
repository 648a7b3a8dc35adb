"""Build a site safely: into a fresh staging folder, swapped into place only when everything passed.

Reads a settings file and a content folder; writes the output folder, and only on success. Pelican runs
in-process with every logged error or warning treated as fatal (a plugin that fails to load, a template
problem), so a build either publishes a complete site or leaves the previous one untouched.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hub_content import InvalidContentError, SettingsError
from hub_content.errors import display_path
from hub_content.workers import BACKGROUND_KEY, PUBLISHED_KEY, Background


class BuildFailedError(Exception):
    """The build did not complete; the message says why, the output folder was not touched."""


class _HubMessages(logging.Handler):
    """Shows the plugins' own notes (hub_* loggers, INFO and up) on the command line, once each."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.addFilter(lambda record: record.name.startswith("hub_"))

    def emit(self, record: logging.LogRecord) -> None:
        print(f"note: {record.getMessage()}", file=sys.stderr)


class _Counter(logging.Handler):
    """Remembers every warning or error Pelican logs, so none can pass unnoticed."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(settings_file: Path, content: Path, output: Path, cache: Path | None = None) -> int:
    """Build the site; return the number of pages written. Raise BuildFailedError or InvalidContentError."""
    from pelican import Pelican
    from pelican.settings import read_settings

    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    for leftover in output.parent.glob(f".{output.name}-old-*"):  # a removal cut short (see _publish)
        _remove_in_background(leftover)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-staging-", dir=output.parent))
    counter = _Counter()
    logger = logging.getLogger("pelican")
    logger.addHandler(counter)
    notes, root = _HubMessages(), logging.getLogger()
    root.addHandler(notes)
    previous_level = root.level
    root.setLevel(min(previous_level, logging.INFO))
    try:
        override = {"PATH": str(content.resolve()), "OUTPUT_PATH": str(staging)}
        if cache is not None:
            override["CACHE_PATH"] = str(cache.resolve())
        settings = read_settings(str(settings_file), override=override)
        settings[BACKGROUND_KEY] = background = Background()
        settings[PUBLISHED_KEY] = str(output)  # unchanged pages may be copied from it (hub_pages/reuse.py)
        # Pelican's closing summary counts its own articles and pages, which the hub does not use: it
        # would always read "0 articles", so it is swallowed and the driver reports the real count.
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                Pelican(settings).run()
        finally:
            background.stop_all()  # after a failure, nothing may go on writing beside the output
        if counter.records:
            problems = "\n".join(f"  {r.levelname.lower()}: {r.getMessage()}" for r in counter.records)
            raise BuildFailedError(f"Pelican reported problems:\n{problems}")
        pages = sum(1 for _ in staging.rglob("*.html"))
        _publish(staging, output)
        return pages
    except (InvalidContentError, SettingsError, BuildFailedError):
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except Exception as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailedError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        logger.removeHandler(counter)
        root.removeHandler(notes)
        root.setLevel(previous_level)


def _publish(staging: Path, output: Path) -> None:
    """Swap the finished site into place; the old one is removed only after the new one is there."""
    staging.chmod(0o755)  # mkdtemp makes it private; web servers must read it
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.replace(output, old / "site")
    os.replace(staging, output)
    if old is not None:
        _remove_in_background(old)


def _remove_in_background(folder: Path) -> None:
    """Delete a replaced site in a process of its own, which outlives this one.

    The new site is already in place, so the build does not wait while thousands of files are unlinked
    (seconds, for a large site). A removal cut short is finished by the next build into the same folder.
    """
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", folder],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def report_failure(exc: Exception, output: Path) -> None:
    print(str(exc), file=sys.stderr)
    state = "was left unchanged" if output.exists() else "was not created"
    print(f"build failed: the site in {output} {state}", file=sys.stderr)


def errors_json(exc: Exception) -> str:
    """The errors of a failed build as JSON for tools (the devserver): a list of {path, line, message}.

    Content errors keep their file and line; any other failure is one entry with an empty path and line 0.
    """
    if isinstance(exc, InvalidContentError):
        items = [{"path": display_path(e.path), "line": e.line, "message": e.message} for e in exc.errors]
    else:
        items = [{"path": "", "line": 0, "message": str(exc)}]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"

"""The devserver's builds: each one runs as a fresh `python -m hub_build build` process.

Reads the settings file, the content folder and (through the build) everything a build reads; the build
writes the output folder and its error report (`--errors-json`) into a scratch folder given by the
devserver, which this module reads back as `BuildError`s. Keeps the last `BuildResult` in a `BuildState`,
where the browser's event streams wait for the next build.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 600.0  # seconds; a build still running then is stopped and reported as failed
POLL = 0.5  # seconds between checks for shutdown in every loop (event streams, watcher, server)


@dataclass(frozen=True)
class BuildError:
    path: str
    """As the build printed it (relative to the working folder when inside it); empty when not a file's."""
    line: int
    message: str


@dataclass(frozen=True)
class BuildResult:
    ok: bool
    summary: str
    """The build's closing line: 'built 26 pages into output' or 'build failed: ...'."""
    errors: tuple[BuildError, ...] = ()
    seconds: float = 0.0


class BuildState:
    """The last build's result and how many builds have finished; event streams wait here for the next."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0
        self._result: BuildResult | None = None
        self.run_id = secrets.token_hex(4)
        """Tells this devserver run from the next one, so open tabs reload after a restart too."""

    def publish(self, result: BuildResult) -> None:
        with self._changed:
            self._count += 1
            self._result = result
            self._changed.notify_all()

    def result(self) -> BuildResult | None:
        with self._changed:
            return self._result

    def wait(self, seen: int | None, timeout: float) -> int:
        """The number of finished builds, as soon as it differs from `seen`, or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._count != seen, timeout)
            return self._count


class Builder:
    """Runs each build as a fresh `python -m hub_build build` process; can stop the one running."""

    def __init__(self, settings: Path, content: Path, output: Path, cache: Path | None, scratch: Path):
        self.command = [
            sys.executable,
            "-m",
            "hub_build",
            "build",
            "-s",
            str(settings),
            "-i",
            str(content),
            "-o",
            str(output),
            *(["--cache", str(cache)] if cache else []),
        ]
        self.report = scratch / "errors.json"
        path = os.pathsep.join(p for p in (str(PLUGINS), os.environ.get("PYTHONPATH", "")) if p)
        self.env = {**os.environ, "PYTHONPATH": path}
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False

    def run(self) -> BuildResult:
        self.report.unlink(missing_ok=True)
        started = time.monotonic()
        with self._lock:
            if self._stopped:
                return BuildResult(False, "stopped")
            process = self._process = subprocess.Popen(
                [*self.command, "--errors-json", str(self.report)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=self.env,
            )
        try:
            out, err = process.communicate(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            err += f"\nthe build ran for more than {BUILD_TIMEOUT:.0f} seconds and was stopped"
        finally:
            with self._lock:
                self._process = None
        seconds = time.monotonic() - started
        if process.returncode == 0:
            return BuildResult(True, _last_line(out), seconds=seconds)
        errors = self._read_report() or (
            BuildError("", 0, err.strip() or f"the build stopped with exit status {process.returncode}"),
        )
        return BuildResult(False, _last_line(err) or "build failed", errors, seconds)

    def _read_report(self) -> tuple[BuildError, ...]:
        try:
            items = json.loads(self.report.read_text(encoding="utf-8"))
            return tuple(BuildError(str(i["path"]), int(i["line"]), str(i["message"])) for i in items)
        except (OSError, ValueError, KeyError, TypeError):
            return ()  # no report (the build crashed before writing one): its output is shown instead

    def stop(self) -> None:
        """Stop the build running now, if any, and start no other."""
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else ""

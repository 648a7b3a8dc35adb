"""Time the devserver's fast render after an issues edit, for two checkouts in turn.

`python -m tests.bench.fastedits compare CONTENT ROUNDS BEFORE AFTER WORK` copies CONTENT (a folder from
generate.py) once per checkout (BEFORE, AFTER: source trees of the hub) into WORK, starts a build process
in each (`worker`), then makes ROUNDS issues edits in each, alternating which goes first, and prints the
seconds from the save to the first reply (the open issue page written) and to the final one, with their
medians. `worker CONTENT WORK [PROFILE]` is one such process: it builds once with
`hub_build.session.Session`, then reads "edit" lines; each changes the newest news document's first issue
(edits.py `change_issues`), with the new issue's page open, drives `Session.handle` up to its final fast
reply (the build that follows is not run) and prints one JSON line. With PROFILE, the edits' cProfile
statistics up to the first reply are written to PROFILE.<n>.
"""

from __future__ import annotations

import cProfile
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.edits import change_issues, issues_of, newest  # absolute: run as a file in a checkout too


def worker(content: Path, work: Path, profile: str | None = None) -> None:
    from hub_build.session import Session

    session = Session(Path("pelicanconf.py").resolve(), content, work / "out", work / "cache")
    started = time.perf_counter()
    (built,) = session.handle([])
    if not built["ok"]:
        raise SystemExit(f"the first build failed: {built['summary']}")
    print(json.dumps({"built": time.perf_counter() - started}), flush=True)
    doc = newest(content, "news")
    original = doc.read_text(encoding="utf-8")
    choices = [p.stem for p in sorted((content / "issues").glob("*.md")) if p.stem not in issues_of(original)]
    for n, _line in enumerate(sys.stdin):
        issue = choices[n % len(choices)]
        doc.write_text(change_issues(original, [issue]), encoding="utf-8")
        print(json.dumps(_timed(session, doc, f"issues/{issue}/index.html", profile and f"{profile}.{n}")))
        sys.stdout.flush()


def _timed(session, doc: Path, page: str, profile: str | None) -> dict[str, object]:
    profiler = cProfile.Profile() if profile else None
    first = final = None
    replies = []
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for reply in session.handle([doc], frozenset({page})):
        if reply["kind"] != "fast":
            break
        now = time.perf_counter() - started
        replies.append((len(reply["pages"]), reply["final"]))
        if first is None:
            first = now
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
            if page not in reply["pages"]:
                raise SystemExit(f"the first reply lacks the open page {page}")
        if reply["final"]:
            final = now
            break
    return {"first": first, "final": final, "replies": replies}


def compare(content: Path, rounds: int, checkouts: dict[str, Path], work: Path) -> None:
    procs = {}
    for name, checkout in checkouts.items():
        folder = work / name
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(content, folder / "content")
        # this file runs in each checkout (which may not hold it), on that checkout's code
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "worker",
            str(folder / "content"),
            str(folder),
        ]
        procs[name] = subprocess.Popen(
            command, cwd=checkout, env={"PYTHONPATH": "plugins:.", "PATH": "/usr/bin:/bin"}, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=(folder / "err.log").open("w"),
        )  # fmt: skip
    for name, proc in procs.items():
        print(name, proc.stdout.readline().strip(), flush=True)  # type: ignore[union-attr]
    times: dict[str, dict[str, list[float]]] = {name: {"first": [], "final": []} for name in procs}
    for n in range(rounds):
        for name in list(procs)[:: 1 if n % 2 == 0 else -1]:
            proc = procs[name]
            proc.stdin.write("edit\n")  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
            result = json.loads(proc.stdout.readline())  # type: ignore[union-attr]
            for kind in ("first", "final"):
                times[name][kind].append(result[kind])
            print(name, n, f"{result['first']:.3f} {result['final']:.3f}", result["replies"], flush=True)
    for proc in procs.values():
        proc.stdin.close()  # type: ignore[union-attr]
        proc.wait()
    before, after = list(times)
    for kind in ("first", "final"):
        b, a = statistics.median(times[before][kind]), statistics.median(times[after][kind])
        print(f"{kind}: {before} {b:.3f} s, {after} {a:.3f} s (medians of {rounds}), ratio {a / b:.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        worker(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        checkouts = {"before": Path(sys.argv[4]), "after": Path(sys.argv[5])}
        compare(Path(sys.argv[2]), int(sys.argv[3]), checkouts, Path(sys.argv[6]))

"""Helpers for tests: write small content folders and run the real build on them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"

ISSUES = {
    "housing": "title: Housing\nsummary: Homes people can afford.",
    "tech-accountability": "title: Technology and surveillance\nsummary: Oversight of public technology.",
}
JURISDICTIONS = {
    "nc": """\
- slug: orange-county-nc
  name: Orange County
  kind: county
- slug: hillsborough-nc
  name: Hillsborough
  kind: town
  parent: orange-county-nc
  lat: 36.07
  lon: -79.1
- slug: durham-nc
  name: Durham
  kind: city
""",
}


def front(fields: str, body: str = "Body text of the document.") -> str:
    return f"---\n{textwrap.dedent(fields).strip()}\n---\n{body}\n"


ORDINANCE = front(
    """
    title: Fair Rent Ordinance
    date: 2025-10-01
    summary: Bans algorithmic rent-setting.
    issues: [housing]
    jurisdictions: [hillsborough-nc]
    adoptions:
      - jurisdiction: durham-nc
        status: adopted
        date: 2025-03-04
        citation: Ord. 2025-9
      - jurisdiction: nc
        status: introduced
    """,
    "## Section 1. Title\n\nThis ordinance may be cited as the [JURISDICTION] Fair Rent Ordinance.\n",
)
STORY = front(
    """
    title: Hillsborough Went First
    date: 2025-09-01
    summary: How a town led the state.
    issues: [housing]
    people:
      - name: Jenn Weaver
        role: Mayor
        jurisdiction: hillsborough-nc
    video: https://www.youtube.com/watch?v=Abc123xyz_0
    """
)
BRIEF = front(
    """
    title: The Privacy Trap
    date: 2025-08-01
    summary: Worker surveillance in new clothes.
    issues: [tech-accountability]
    partners: [Data & Society, CoWorker]
    file: files/brief.pdf
    """
)
NEWS = front(
    """
    title: Network News
    date: 2025-07-01
    summary: A convening.
    issues: [housing, tech-accountability]
    jurisdictions: [nc]
    """
)
PAGE = front("title: About\nsummary: What this is.", "About the hub.")


def write_site(root: Path, documents: dict[str, str] | None = None) -> Path:
    """A small valid content folder; `documents` maps paths like 'stories/x.md' to file text."""
    for slug, text in ISSUES.items():
        _write(root / "issues" / f"{slug}.md", f"---\n{text}\n---\nIntro to {slug}.\n")
    for state, text in JURISDICTIONS.items():
        _write(root / "jurisdictions" / f"{state}.yaml", text)
    _write(root / "files" / "brief.pdf", "%PDF-1.4\n%%EOF\n")
    (root / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), "#336699").save(root / "images" / "photo.png")
    docs = {
        "ordinances/fair-rent.md": ORDINANCE,
        "stories/hillsborough-first.md": STORY,
        "briefs/privacy-trap.md": BRIEF,
        "news/convening.md": NEWS,
        "pages/about.md": PAGE,
    }
    docs.update(documents or {})
    for rel, text in docs.items():
        if text is not None:
            _write(root / rel, text)
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def hub(
    *args: str, cwd: Path = ROOT, timeout: float | None = None, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line (`python -m hub_build ...`), as the Makefile does.

    `timeout` and `preexec_fn` (a resource limit, say) are for hostile input that must fail fast.
    """
    env = {**os.environ, "PYTHONPATH": str(PLUGINS)}
    return subprocess.run(
        [sys.executable, "-m", "hub_build", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=preexec_fn,
    )


def build(
    content: Path, output: Path, settings: Path = ROOT / "pelicanconf.py"
) -> subprocess.CompletedProcess[str]:
    # Each test site gets its own cache beside its output, so tests never share cached results.
    return hub(
        "build",
        "-s",
        str(settings),
        "-i",
        str(content),
        "-o",
        str(output),
        "--cache",
        str(output.parent / f"{output.name}-cache"),
    )


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes; paths starting with `skip` left out."""
    files = (p for p in sorted(folder.rglob("*")) if p.is_file())
    return {
        name: p.read_bytes() for p in files if not (name := p.relative_to(folder).as_posix()).startswith(skip)
    }


# Pagefind writes its filter index (and the two files naming it) in a different order on each run: a
# known upstream limitation. Everything else it writes, and everything the hub writes, is reproducible.
PAGEFIND_UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def settings_file(folder: Path, base: str = "pelicanconf", **hub: object) -> Path:
    """A settings file that starts from pelicanconf.py or publishconf.py and overrides HUB keys."""
    path = folder / f"{base}-test.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\nHUB = {{**HUB, **{hub!r}}}\n"
    )
    return path

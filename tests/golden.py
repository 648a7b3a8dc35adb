"""The golden site: the frozen content folder tests/fixtures/site built by the hub, against tests/golden/site.

The fixture is written by hand and never regenerated. It is built twice, as published (publishconf.py at
https://hub.example.org: drafts left out, absolute addresses, header files) into `published/`, and as
previewed (pelicanconf.py: the draft shown, addresses root-relative) into `preview/`, both with one
document a listing page so pagination shows, and without git history (the expected output must not
depend on the commit that holds it).

Only what the hub generates is stored: files copied unchanged from the theme's static folder or the
content's images/ and files/ are left out, and so is the Pagefind bundle (binary, partly unstable, and
covered by the search tests). A Word download is stored as `<name>.docx.txt`: the SHA-256 of its bytes
(the build is reproducible), then each part's name and hash, and the XML of the parts the hub writes; a
social card as `card.png.txt`: the SHA-256 of its bytes, its format, size and mode.

`make golden` (python -m tests.golden refresh) rebuilds it after an intended change; reviewers read the
diff of tests/golden/site in the pull request.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import shutil
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from tests.sitekit import ROOT, build, tree

FIXTURE = ROOT / "tests" / "fixtures" / "site"
EXPECTED = ROOT / "tests" / "golden" / "site"
SITE_URL = "https://hub.example.org"
# The build's date, fixed: pages print it ("Cite this" without JavaScript), and the expected output must
# not change with the day the test runs. After every date in the fixture, so nothing is scheduled.
TODAY = "2026-01-15"
# Build name -> (settings module, SITEURL).
BUILDS = {"published": ("publishconf", SITE_URL), "preview": ("pelicanconf", "")}
# Where the build copies files from unchanged: output folder -> source folder.
COPIED_FROM = {
    "theme/": ROOT / "theme" / "static",
    "images/": FIXTURE / "images",
    "files/": FIXTURE / "files",
}
NOT_GOLDEN = ("pagefind/",)
# The parts of a .docx whose XML the hub writes; the others come from python-docx's template (hashed only).
DOCX_TEXT_PARTS = ("word/document.xml", "word/footer", "word/numbering.xml", "docProps/core.xml")


def build_fixture(scratch: Path) -> dict[str, bytes]:
    """Both builds of the fixture, as stored: `published/...` and `preview/...` paths to their bytes.

    The two builds run at once: each is a separate command-line process, writing to its own folder.
    """
    previous = os.environ.get("HUB_TODAY")
    os.environ["HUB_TODAY"] = TODAY  # read by each build's process (hub_build)
    try:
        with ThreadPoolExecutor(len(BUILDS)) as pool:
            outputs = list(pool.map(lambda name: _build(scratch, name), BUILDS))
    finally:
        if previous is None:
            os.environ.pop("HUB_TODAY", None)
        else:
            os.environ["HUB_TODAY"] = previous
    return {f"{name}/{path}": data for name, output in outputs for path, data in generated(output).items()}


def _build(scratch: Path, name: str) -> tuple[str, Path]:
    base, site_url = BUILDS[name]
    settings = scratch / f"golden-{name}.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\n"
        f"SITEURL = {site_url!r}\nHUB_HISTORY = False\nHUB = {{**HUB, 'per_page': 1, 'home_recent': 3}}\n"
    )
    result = build(FIXTURE, scratch / name, settings)
    if result.returncode != 0:
        raise AssertionError(f"the fixture site does not build ({name}):\n{result.stderr}")
    return name, scratch / name


def generated(site: Path) -> dict[str, bytes]:
    """What the hub generated in a built site, by path; a .docx as its text listing (`<path>.txt`)."""
    files = {}
    for path, data in tree(site, NOT_GOLDEN).items():
        if is_copy(path, data):
            continue
        if path.endswith(".docx"):
            files[f"{path}.txt"] = docx_listing(data)
        elif path.endswith("/card.png"):
            files[f"{path}.txt"] = card_listing(data)
        else:
            files[path] = data
    return files


def is_copy(path: str, data: bytes) -> bool:
    for prefix, source in COPIED_FROM.items():
        if path.startswith(prefix):
            original = source / path.removeprefix(prefix)
            return original.is_file() and original.read_bytes() == data
    return False


def docx_listing(data: bytes) -> bytes:
    lines = [f"sha256 {hashlib.sha256(data).hexdigest()}"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            part = package.read(info)
            lines.append(f"part {info.filename} {info.date_time} sha256 {hashlib.sha256(part).hexdigest()}")
            if info.filename.startswith(DOCX_TEXT_PARTS):
                # One element per line, so a diff points at the paragraph that changed.
                lines.extend(part.decode("utf-8").replace("><", ">\n<").splitlines())
    return ("\n".join(lines) + "\n").encode()


def card_listing(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        described = f"{image.format} {image.width}x{image.height} {image.mode}"
    return f"sha256 {hashlib.sha256(data).hexdigest()}\n{described}\n".encode()


def expected() -> dict[str, bytes]:
    return tree(EXPECTED)


def differences(built: dict[str, bytes], stored: dict[str, bytes], context_lines: int = 40) -> str:
    """The files added, removed and changed, with a short diff of the first changed ones; '' if none."""
    report = [f"added: {name}" for name in sorted(built.keys() - stored.keys())]
    report += [f"removed: {name}" for name in sorted(stored.keys() - built.keys())]
    changed = sorted(name for name in built.keys() & stored.keys() if built[name] != stored[name])
    report += [f"changed: {name}" for name in changed]
    shown: list[str] = []
    for name in changed:
        shown += difflib.unified_diff(
            stored[name].decode(errors="replace").splitlines(),
            built[name].decode(errors="replace").splitlines(),
            f"expected/{name}",
            f"built/{name}",
            lineterm="",
            n=1,
        )
        if len(shown) >= context_lines:
            break
    return "\n".join(report + shown[:context_lines])


def refresh() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        files = build_fixture(Path(scratch))
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for name, data in files.items():
        path = EXPECTED / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"refreshed {EXPECTED.relative_to(ROOT)} ({len(files)} files)")


if __name__ == "__main__":
    if sys.argv[1:] != ["refresh"]:
        raise SystemExit("usage: python -m tests.golden refresh")
    refresh()

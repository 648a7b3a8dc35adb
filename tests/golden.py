"""The golden demo build: the demo content built with publishconf.py, stored under tests/golden/demo.

`make golden` (python -m tests.golden refresh) rebuilds it after an intended change; reviewers read the
diff of tests/golden/demo in the pull request.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.sitekit import ROOT, build

EXPECTED = ROOT / "tests" / "golden" / "demo"


def build_demo(output: Path, site_url: str = "") -> None:
    """The demo as published, without git history: the expected output must not depend on the commit
    that holds it (the history tests build fixture repositories of their own).

    The golden site is served from the domain root (no HUB_SITEURL, whatever the environment says);
    `site_url` builds it with HUB_SITEURL set instead, as a real publish to that address would.
    """
    previous = os.environ.pop("HUB_SITEURL", None)
    if site_url:
        os.environ["HUB_SITEURL"] = site_url
    settings = output.parent / "golden-settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\nHUB_HISTORY = False\n"
    )
    try:
        result = build(ROOT / "content", output, settings)
    finally:
        os.environ.pop("HUB_SITEURL", None)
        if previous is not None:
            os.environ["HUB_SITEURL"] = previous
    if result.returncode != 0:
        raise SystemExit(f"the demo does not build:\n{result.stderr}")


# The search bundle is binary and partly unstable (see sitekit.PAGEFIND_UNSTABLE); the search tests cover it.
NOT_GOLDEN = ("pagefind/",)
NOT_GOLDEN_NAMES = ("pagefind",)


def refresh() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        build_demo(Path(scratch) / "site")
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(Path(scratch) / "site", EXPECTED, ignore=shutil.ignore_patterns(*NOT_GOLDEN_NAMES))
    print(f"refreshed {EXPECTED.relative_to(ROOT)}")


if __name__ == "__main__":
    if sys.argv[1:] != ["refresh"]:
        raise SystemExit("usage: python -m tests.golden refresh")
    refresh()

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


def build_demo(output: Path) -> None:
    os.environ.pop("HUB_SITEURL", None)  # the golden site is served from the domain root
    result = build(ROOT / "content", output, ROOT / "publishconf.py")
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

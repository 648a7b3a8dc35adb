"""The demo site (content/) built as published, for the smoke test, the browser tests and the bench tools.

It writes the site into the folder it is given, and a settings file beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.sitekit import ROOT, build


def build_demo(output: Path, site_url: str = "") -> None:
    """The demo as published, without git history (the history tests build fixture repositories of
    their own).

    The site is served from the domain root (no HUB_SITEURL, whatever the environment says); `site_url`
    builds it with HUB_SITEURL set instead, as a real publish to that address would.
    """
    previous = os.environ.pop("HUB_SITEURL", None)
    if site_url:
        os.environ["HUB_SITEURL"] = site_url
    settings = output.parent / "demo-settings.py"
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

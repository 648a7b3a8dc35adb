"""Settings for the public site (`make publish`): drafts are never written, listed or linked."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

# The address the site is served from, without a trailing slash; empty serves it from the domain root.
SITEURL = os.environ.get("HUB_SITEURL", "")
HUB = {**HUB, "drafts": False, "scheduled": False}  # noqa: F405
# Write `_headers` and `_nginx-headers.conf` with the security headers (docs/PUBLISHING.md).
HUB_HEADERS = True

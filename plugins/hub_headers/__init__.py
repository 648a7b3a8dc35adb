"""hub_headers: the security headers, written for the hosts that serve the site.

Reads: the `HUB_HEADERS` setting (True in publishconf.py). Writes, when it is on: `_headers` (Netlify,
Cloudflare Pages and hosts reading that format) and `_nginx-headers.conf` (an nginx include) at the
output's root, both from `policy.SECURITY_HEADERS`: a strict Content-Security-Policy with no inline
script or style, Referrer-Policy, X-Content-Type-Options and Permissions-Policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hub_content.outputs import outputs_of

from .policy import SECURITY_HEADERS, netlify_headers, nginx_snippet

__all__ = ["SECURITY_HEADERS", "netlify_headers", "nginx_snippet", "register"]

FILES = {"_headers": netlify_headers, "_nginx-headers.conf": nginx_snippet}


def _write(pelican: Any) -> None:
    if not pelican.settings.get("HUB_HEADERS", False):
        return
    for name, render in FILES.items():
        outputs_of(pelican.settings).claim(name, "hub_headers")
        (Path(pelican.output_path) / name).write_text(render(), encoding="utf-8")


def register() -> None:
    from pelican import signals

    signals.finalized.connect(_write)

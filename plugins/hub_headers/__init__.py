"""hub_headers: the security headers, written for the hosts that serve the site, and the page's own policy.

Reads: SITEURL and the `HUB_HEADERS` setting (hub_core/settings.py; True in publishconf.py). Installs the
Jinja global `content_security_policy`, the policy for a <meta http-equiv> element
(theme/templates/base.html prints it in every page, so hosts that cannot send headers, GitHub Pages, still
enforce it). Writes, when HUB_HEADERS is on: `_headers` (Netlify, Cloudflare Pages and hosts reading that
format) and `_nginx-headers.conf` (an nginx include) at the output's root, from `policy.py`: a strict
Content-Security-Policy (scripts only from theme/js/ and pagefind/ when SITEURL is an absolute address;
the build notes when it is not), Referrer-Policy, X-Content-Type-Options, Permissions-Policy, and
`Content-Disposition: attachment` for files/.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from hub_core.outputs import outputs_of
from hub_core.settings import settings_of

from .policy import (
    SECURITY_HEADERS,
    content_security_policy,
    netlify_headers,
    nginx_snippet,
    security_headers,
    site_base,
)

__all__ = [
    "SECURITY_HEADERS",
    "content_security_policy",
    "netlify_headers",
    "nginx_snippet",
    "register",
    "security_headers",
    "site_base",
]

log = logging.getLogger(__name__)
FILES = {"_headers": netlify_headers, "_nginx-headers.conf": nginx_snippet}


def _write(pelican: Any) -> None:
    if not settings_of(pelican.settings).headers:
        return
    site_url = pelican.settings.get("SITEURL", "")
    for name, render in FILES.items():
        outputs_of(pelican.settings).claim(name, "hub_headers")
        (Path(pelican.output_path) / name).write_text(render(site_url), encoding="utf-8")
    if site_base(site_url) is None:
        log.info(
            "the security headers let scripts run from any file of the site, not only theme/js/ and "
            "pagefind/, because SITEURL is not an absolute address: publish with "
            "HUB_SITEURL=https://… (docs/PUBLISHING.md)"
        )


def _install(generator: Any) -> None:
    """Every generator renders templates, so each Jinja environment gets the page's policy."""
    base = site_base(generator.settings.get("SITEURL", ""))
    generator.env.globals["content_security_policy"] = content_security_policy(base, meta=True)


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)
    signals.finalized.connect(_write)

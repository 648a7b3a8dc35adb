"""hub_headers: the security headers, written for the hosts that serve the site, and the page's own policy.

Reads: SITEURL and the `HUB_HEADERS` setting (hub_core/settings.py;
True in publishconf.py). Installs the Jinja global
`content_security_policy`, the policy for a <meta http-equiv> element (theme/templates/base.html prints
it in every page, so hosts that cannot send headers, GitHub Pages, still enforce it). Writes, when
HUB_HEADERS is on: `_headers` (Netlify, Cloudflare Pages and hosts reading that format) and
`_nginx-headers.conf` (an nginx include) at the output's root (`generator.py`), from `policy.py`: a strict
Content-Security-Policy (scripts only from theme/js/ and pagefind/ when SITEURL is an absolute address;
the build notes when it is not), Referrer-Policy, X-Content-Type-Options, Permissions-Policy, and
`Content-Disposition: attachment` for files/.
"""

from __future__ import annotations

from typing import Any

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


def _generators(_pelican: object) -> Any:
    from .generator import HeadersGenerator

    return HeadersGenerator


def _install(generator: Any) -> None:
    """Every generator renders templates, so each Jinja environment gets the page's policy."""
    base = site_base(generator.settings.get("SITEURL", ""))
    generator.env.globals["content_security_policy"] = content_security_policy(base, meta=True)


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)
    signals.get_generators.connect(_generators)

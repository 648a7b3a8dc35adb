"""The security headers every page is served with, and the Content-Security-Policy they satisfy.

Reads and writes nothing: the one definition that the published `_headers` and nginx files, the
<meta http-equiv> policy in every page, the local preview servers and the browser tests all use, so a
page that needs an inline script or style, or anything from another origin, fails in preview and in
tests before it can reach a reader.

Scripts may run only from the theme's folder (`theme/js/`) and Pagefind's (`pagefind/`), never from
elsewhere on the site (a file in `files/`, say). A CSP source can name a folder only together with a
host, so the policy needs the site's absolute address (`site_base`): published with HUB_SITEURL set, or
the preview server's own `http://localhost:PORT/`. Without one, scripts fall back to `'self'`, any file of
the site, and the build says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

SCRIPT_FOLDERS = ("theme/js/", "pagefind/")
"""Where the site's scripts are: the theme's modules and Pagefind's (dynamic import, worker, wasm)."""
DOWNLOAD_FOLDERS = ("files/",)
"""Served as downloads (`Content-Disposition: attachment`): never shown as a page of the site."""

# A CSP host is letters, digits, '-' and '.' (no IPv6 literal, no user or password); a path part is
# kept only if plain (letters, digits, '.', '_', '~', '-', '/'): ';' or ',' would end the directive.
_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*")
_PATH = re.compile(r"[A-Za-z0-9._~/-]*")


def site_base(site_url: str) -> str | None:
    """`scheme://host[:port]/path/` for an absolute http(s) site address a policy can name, else None."""
    try:
        parts = urlsplit(site_url.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not _HOST.fullmatch(host) or parts.username is not None:
        return None
    if parts.query or parts.fragment or not _PATH.fullmatch(parts.path) or "/." in parts.path + "/":
        return None
    path = parts.path.rstrip("/")
    return f"{parts.scheme}://{host}{f':{port}' if port else ''}{path}/"


def content_security_policy(
    base: str | None, *, meta: bool = False, extra_scripts: Sequence[str] = ()
) -> str:
    """The policy for a site served at `base` (from `site_base`; None: not known, scripts from 'self').

    `meta`: for a <meta http-equiv> element, which cannot carry frame-ancestors (browsers ignore it there
    and say so in the console). `extra_scripts`: more script sources (the devserver's reload script).
    """
    if base is None:
        scripts = ["'self'"]
        workers = ["'self'"]
    else:
        scripts = [base + folder for folder in SCRIPT_FOLDERS]
        workers = [base + "pagefind/"]
    directives = [
        "default-src 'none'",
        # Pagefind compiles its WebAssembly search engine in the browser and runs it in a worker.
        f"script-src {' '.join([*scripts, *extra_scripts])} 'wasm-unsafe-eval'",
        f"worker-src {' '.join(workers)}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "media-src 'self'",
        "manifest-src 'self'",
        "connect-src 'self'",
        # Story videos play in the hosts' privacy-enhanced players, loaded only when a reader asks.
        "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    if not meta:
        directives.append("frame-ancestors 'none'")
    if base is not None and base.startswith("https://"):
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


def security_headers(base: str | None, extra_scripts: Sequence[str] = ()) -> dict[str, str]:
    """Every response's headers for a site served at `base` (see `content_security_policy`)."""
    return {
        "Content-Security-Policy": content_security_policy(base, extra_scripts=extra_scripts),
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    }


DOWNLOAD_HEADERS: dict[str, str] = {"Content-Disposition": "attachment"}
"""Added for every file under DOWNLOAD_FOLDERS: a browser saves it, never renders it as a page."""

SECURITY_HEADERS = security_headers(None)
"""The headers of a site whose address is not known (scripts from 'self')."""


def site_path(site_url: str) -> str:
    """The folder the site is served from, as a URL path without trailing slash: '' or '/hub'."""
    path = urlsplit(site_url.strip()).path.rstrip("/")
    return path if _PATH.fullmatch(path) and "/." not in path + "/" else ""


def netlify_headers(site_url: str = "") -> str:
    """`_headers` for Netlify, Cloudflare Pages and other hosts that read that format.

    Its paths are from the root of the published folder (the host serves that folder at the site's
    address); a host applies every block whose path matches, so files/ gets both blocks.
    """
    lines = ["/*"] + [f"  {k}: {v}" for k, v in security_headers(site_base(site_url)).items()]
    for folder in DOWNLOAD_FOLDERS:
        lines += [f"/{folder}*"] + [f"  {k}: {v}" for k, v in DOWNLOAD_HEADERS.items()]
    return "\n".join(lines) + "\n"


def nginx_snippet(site_url: str = "") -> str:
    """An nginx include for the `server` block: `add_header` lines, and a `location` for downloads.

    nginx drops the server's `add_header` lines in a location that has its own, so each location repeats
    them. `^~` keeps a regular-expression location of the server (caching rules for `.js`, say) from
    taking the downloads. Encoded slashes and backslashes are refused: nginx decodes them before it
    resolves `..`, while a browser checking the policy's folders does not, so `theme/js/..%2F..%2Ffiles/x.js`
    would pass the policy and be served from files/.
    """
    headers = security_headers(site_base(site_url))
    common = [f'add_header {k} "{v}" always;' for k, v in headers.items()]
    lines = [
        "# Security headers for the hub: include this file in the server block (docs/PUBLISHING.md).",
        *common,
        'if ($request_uri ~* "%2f|%5c") {',
        "    return 404;",
        "}",
    ]
    prefix = site_path(site_url)
    for folder in DOWNLOAD_FOLDERS:
        lines.append(f"location ^~ {prefix}/{folder} {{")
        lines += [f"    {line}" for line in common]
        lines += [f'    add_header {k} "{v}" always;' for k, v in DOWNLOAD_HEADERS.items()]
        lines.append("}")
    return "\n".join(lines) + "\n"

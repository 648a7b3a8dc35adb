"""The security headers every page is served with, and the Content-Security-Policy they satisfy.

Reads and writes nothing: the one definition that the published `_headers` and nginx files, the local
preview server and the browser tests all use, so a page that needs an inline script or style, or
anything from another origin, fails in preview and in tests before it can reach a reader.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Pagefind compiles its WebAssembly search engine in the browser and may run it in a worker.
        "script-src 'self' 'wasm-unsafe-eval'",
        "worker-src 'self' blob:",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        # Story videos play in the hosts' privacy-enhanced players, loaded only when a reader asks.
        "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def netlify_headers() -> str:
    """`_headers` for Netlify, Cloudflare Pages and other hosts that read that format."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    return "\n".join(lines) + "\n"


def nginx_snippet() -> str:
    """`add_header` lines for an nginx `server` or `location` block (include the file there)."""
    lines = [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items()]
    return (
        "# Security headers for the hub: include this file in the server block.\n" + "\n".join(lines) + "\n"
    )

"""The generator that writes the security headers' files at the output's root, when HUB_HEADERS is on.

Reads SITEURL and HUB_HEADERS (through hub_core/settings.py); claims `_headers` and
`_nginx-headers.conf` in the build's output registry while the site is read (`generate_context`) and
writes them through it (`generate_output`), from `policy.py`.
"""

from __future__ import annotations

import logging
from typing import Any

from pelican.generators import Generator

from hub_core.outputs import outputs_of
from hub_core.settings import settings_of

from .policy import netlify_headers, nginx_snippet, site_base

log = logging.getLogger("hub_headers")
WRITER = "hub_headers"
FILES = {"_headers": netlify_headers, "_nginx-headers.conf": nginx_snippet}


class HeadersGenerator(Generator):
    def generate_context(self) -> None:
        self.enabled = settings_of(self.settings).headers
        for name in FILES if self.enabled else ():
            outputs_of(self.context).claim(name, WRITER)

    def generate_output(self, writer: Any) -> None:
        if not self.enabled:
            return
        site_url = self.settings.get("SITEURL", "")
        for name, render in FILES.items():
            outputs_of(self.context).write(name, render(site_url), WRITER)
        if site_base(site_url) is None:
            log.info(
                "the security headers let scripts run from any file of the site, not only theme/js/ and "
                "pagefind/, because SITEURL is not an absolute address: publish with "
                "HUB_SITEURL=https://… (docs/PUBLISHING.md)"
            )

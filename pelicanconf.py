"""Settings for building the hub locally (`make html`, `make serve`): drafts are shown.

`publishconf.py` builds on these for the public site.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Our plugins import one another (hub_pages reads hub_content's graph), so their folder must be importable.
if str(HERE / "plugins") not in sys.path:
    sys.path.insert(0, str(HERE / "plugins"))

SITENAME = "Local Policy Hub"
SITE_DESCRIPTION = (
    "Model ordinances, policy briefs and #LocalStory pieces from a national network of local elected "
    "officials: find policy by issue and by jurisdiction, see where it passed, and take it home."
)
SITEURL = ""
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"

PATH = "content"
THEME = str(HERE / "theme")
# hub_feeds renders theme/templates/atom.xml, so Pelican must look for .xml templates too.
TEMPLATE_EXTENSIONS = [".html", ".xml"]
PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = [
    "hub_i18n",
    "hub_content",
    "hub_pages",
    "hub_search",
    "hub_map",
    "hub_timeline",
    "hub_events",
    "hub_toolkit",
    "hub_history",
    "hub_enacted",
    "hub_digest",
    "hub_feeds",
    "hub_data",
    "hub_images",
    "hub_headers",
    "hub_cards",
    "hub_meta",
    "hub_check",
]

HUB = {"drafts": True, "scheduled": True, "per_page": 20, "home_recent": 8}

# The site's identity (checked by hub_pages/brand.py; colours must keep 4.5:1 contrast).
HUB_THEME = {
    "tagline": "Model policy and stories from local elected officials",
    "accent": "#7a1f5c",
    "link": "#0b4fa6",
    "footer_links": [
        ("Atom feed", "/feeds/all.atom.xml"),
        ("Open data", "/data/"),
        ("Newsletter digests", "/digests/"),
    ],
    "footer_note": "Free to read, copy and adapt.",
}

# The languages the site is also published in, under /es/ and so on: each needs a theme catalogue
# (`make translations LANGS=es`) and may give the site's texts in that language (docs/TRANSLATING.md).
HUB_LANGUAGES = {
    "es": {
        "tagline": "Políticas modelo e historias de funcionarios electos locales",
        "description": (
            "Ordenanzas modelo, informes de políticas e historias #LocalStory de una red nacional de "
            "funcionarios electos locales: encuentre políticas por tema y por jurisdicción, vea dónde se "
            "aprobaron y lléveselas a su comunidad."
        ),
        "footer_note": "Libre para leer, copiar y adaptar.",
    },
}

# How readers reach the network, listed at the top of content/pages/contact.md (docs/PUBLISHING.md). The
# demo knows no real address of the network, so it lists none of its own; a site published from a git
# repository has one real path for corrections, its issue tracker, when HUB_REPOSITORY_URL gives the
# repository's web address (the GitHub workflow sets it). A network adds its own, like
# {"label": "Email the network", "email": "hub@example.org", "purpose": "Questions about a model policy"}.
_repository = os.environ.get("HUB_REPOSITORY_URL", "").strip().rstrip("/")
_corrections = {
    "label": "Suggest a correction",
    "url": f"{_repository}/issues",
    "purpose": "A date, name or fact on this site that needs correcting, or an adoption it has not recorded: "
    "open an issue in the site's public repository (a free GitHub account is needed).",
}
HUB_CONTACT = {"channels": [_corrections] if _repository else []}

JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
}

# The hub reads and writes all content itself (hub_content, hub_pages): Pelican's own article and page
# pipeline, its direct templates and its feeds are switched off so nothing is built twice.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
STATIC_PATHS = ["images", "files"]
THEME_STATIC_PATHS = ["static"]
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False

"""hub_cards: a social card for every document, the picture its shared link shows.

Reads: the content graph (hub_content), SITENAME, DEFAULT_LANG, HUB_THEME's colours, the theme's
catalogues and the fonts bundled in `fonts/` (see fonts/SOURCE.md). Writes: `<document>/card.png` beside
every document's page and every translation's (`es/stories/<slug>/card.png`), a 1200 x 630 PNG naming the
site, the document's type and main issue (in its language) and its title (draw.py), the same bytes on
every build, and the cards' cache in CACHE_PATH/hub/ (generator.py). hub_meta names the card as a
document page's og:image and twitter:image when this plugin is listed in PLUGINS and the document has no
`image` of its own.
"""

from __future__ import annotations

from typing import Any


def _generators(_pelican: object) -> Any:
    from .generator import CardsGenerator

    return CardsGenerator


def register() -> None:
    from pelican import signals

    signals.get_generators.connect(_generators)

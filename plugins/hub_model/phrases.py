"""Whole translatable phrases, and the markers that let gettext's extractor find them.

Reads nothing and writes nothing. Templates translate these strings as they stand: a translator gets
"Browse model ordinances", never "Browse %(things)s" with a lowercased type name spliced in, since other
languages inflect, capitalise and order those words differently. A phrase with a count is a singular and
plural pair for `ngettext`, so languages with other plural rules can say it right.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a string for translation without translating it here (templates call gettext on it)."""
    return message


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for translation; templates pass both to `ngettext` with the count."""
    return (singular, plural)


@dataclass(frozen=True)
class TypePhrases:
    """What the pages and feeds say about one type's documents, each a whole sentence or heading.

    Placeholders: `%(count)s` (with `ngettext`), `%(issue)s` (an issue's title), `%(place)s` (a
    jurisdiction's name). The listing headings are the one wording of each heading: the listing templates
    print them in <h1> and <title>, and hub_meta gives the same sentence to og:title and the JSON-LD.
    """

    new: str = N_("New documents")
    """The type's feed: its title and the link to it."""
    browse: str = N_("Browse documents")
    """The label of the listing's ways to browse."""
    all_on_issue: tuple[str, str] = ngettext_noop(
        "All %(count)s document on %(issue)s", "All %(count)s documents on %(issue)s"
    )
    """The link from an issue page to the type's full listing for that issue."""
    all_naming: tuple[str, str] = ngettext_noop(
        "All %(count)s document naming %(place)s", "All %(count)s documents naming %(place)s"
    )
    """The link from a jurisdiction page to the type's full listing for that place."""
    on_issue: str = N_("Documents on %(issue)s")
    """The heading of the type's listing for one issue."""
    naming: str = N_("Documents naming %(place)s")
    """The heading of the type's listing for one jurisdiction."""
    by_adoptions: str = N_("Documents by adoption count")
    """The heading of the type's listing by adoption count (types whose documents are adopted)."""

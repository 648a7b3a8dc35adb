"""A document's places: those its file lists, and each adoption's. Reads and writes nothing."""

from __future__ import annotations

from hub_model import OrdinanceDetails


def with_adoption_places(listed: tuple[str, ...], details: object) -> tuple[str, ...]:
    """The document's jurisdictions: those listed, then each adoption's place not listed, in adoption order.

    Done once here, so the pages, the search facets and the open data all read one list that cannot
    disagree with the adoptions.
    """
    adopted = [a.jurisdiction for a in details.adoptions] if isinstance(details, OrdinanceDetails) else []
    return tuple(dict.fromkeys([*listed, *adopted]))
